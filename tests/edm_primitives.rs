//! The remaining Edm primitives as the fields, keys and function parameters of derived types:
//! Single, Int16, Byte and SByte as Rust's own numbers, Decimal without loss of digits,
//! Untyped as a JSON value, Stream, and Geography/Geometry values as GeoJSON.

use odata::json::{self, json, Value};
use odata::{Decimal, Geo, GeoKind, KeyStyle, ODataOperation, ODataResource, Service, Stream};

#[derive(Debug, Clone, PartialEq, ODataResource)]
#[odata(type = "Sales.product", collection = "/Products")]
struct Product {
    #[odata(key)]
    id: Option<u8>,
    weight: Option<f32>,
    stock: Option<i16>,
    b: Option<u8>,
    offset: Option<i8>,
    price: Decimal,
    discount: Option<Decimal>,
    attributes: Option<Value>,
    #[odata(read_only)]
    thumbnail: Option<Stream>,
    location: Option<Geo>,
    #[odata(additional)]
    additional: json::Object,
}

const SENT: &str = r##"{"@odata.type":"#Sales.product","id":7,"weight":1.25,"stock":-32768,"b":255,"offset":-128,"price":1234567890.123456789012345,"discount":"0.10","attributes":{"color":"red","sizes":[1,2.5,null]},"thumbnail":"iVBORw0=","location":{"type":"Point","coordinates":[-122.131577,47.678581],"crs":{"type":"name","properties":{"name":"EPSG:4326"}}},"launchDate":"2026-01-01"}"##;

#[test]
fn every_value_is_written_back_exactly_as_sent() {
    let product: Product = serde_json::from_str(SENT).unwrap();
    assert_eq!(product.id, Some(7));
    assert_eq!(product.weight, Some(1.25_f32));
    assert_eq!(product.stock, Some(i16::MIN));
    assert_eq!(product.b, Some(u8::MAX));
    assert_eq!(product.offset, Some(i8::MIN));
    assert_eq!(product.price.as_str(), "1234567890.123456789012345");
    assert_eq!(product.price.to_mantissa_scale().unwrap(), (1_234_567_890_123_456_789_012_345, 15));
    assert_eq!(product.discount.as_ref().unwrap().as_str(), "0.10");
    assert!(product.discount.as_ref().unwrap().is_quoted());
    assert_eq!(product.attributes.as_ref().unwrap()["sizes"][1], 2.5);
    assert_eq!(product.thumbnail.as_ref().unwrap().to_binary().unwrap().as_bytes(), b"\x89PNG\r");
    let location = product.location.as_ref().unwrap();
    assert_eq!(
        (location.kind(), location.as_point(), location.srid()),
        (GeoKind::Point, Some((-122.131577, 47.678581)), Some(4326))
    );
    assert_eq!(product.additional["launchDate"], "2026-01-01");
    assert_eq!(serde_json::to_string(&product).unwrap(), SENT);
}

#[test]
fn decimals_keep_every_digit_through_a_response_body() {
    let body = SENT.replace(
        "1234567890.123456789012345",
        "-0.00000000000000000000000000000000000000012345678901234567890",
    );
    let answer = odata::http::Response::builder().status(200).body(body.into_bytes()).unwrap();
    let product: Product = odata::from_response(answer).unwrap();
    assert_eq!(product.price.as_str(), "-0.00000000000000000000000000000000000000012345678901234567890");
    let written = serde_json::to_string(&product).unwrap();
    assert!(
        written.contains(r#""price":-0.00000000000000000000000000000000000000012345678901234567890,"#),
        "{written}"
    );
}

#[test]
fn stream_properties_are_left_out_of_create_and_absent_streams_are_none() {
    let product: Product = serde_json::from_str(SENT).unwrap();
    let payload = serde_json::to_string(&product.create_payload()).unwrap();
    assert!(!payload.contains("thumbnail"), "{payload}");
    assert!(payload.contains(r#""price":1234567890.123456789012345"#), "{payload}");

    let minimal: Product = serde_json::from_str(r#"{"price": 1, "thumbnail": null}"#).unwrap();
    assert_eq!((minimal.thumbnail, minimal.location, minimal.attributes), (None, None, None));
}

#[test]
fn out_of_range_numbers_are_errors_that_name_the_property_and_the_value() {
    for (member, message) in [
        (r#""b": 300"#, "property `b`: invalid value: integer `300`, expected u8"),
        (r#""b": -1"#, "property `b`: invalid value: integer `-1`, expected u8"),
        (r#""id": 256"#, "property `id`: invalid value: integer `256`, expected u8"),
        (r#""offset": 128"#, "property `offset`: invalid value: integer `128`, expected i8"),
        (r#""stock": 40000"#, "property `stock`: invalid value: integer `40000`, expected i16"),
        (r#""stock": 1.5"#, "property `stock`: invalid type: floating point `1.5`, expected i16"),
        (r#""weight": "1.5""#, "property `weight`: invalid type: string \"1.5\", expected f32"),
    ] {
        let json = format!(r#"{{"price": 1, {member}}}"#);
        let error = serde_json::from_str::<Product>(&json).unwrap_err().to_string();
        assert!(error.contains(message), "{json}: {error}");
    }
}

#[test]
fn bad_decimals_and_geo_values_are_errors_that_name_the_property() {
    for (member, message) in [
        (r#""price": "1,5""#, "property `price`: invalid Edm.Decimal `1,5`: expected a digit, `.`, `e` or the end, found `,`"),
        (r#""price": true"#, "property `price`: invalid type: a boolean, expected an Edm.Decimal value"),
        (r#""discount": """#, "property `discount`: invalid Edm.Decimal ``: empty"),
        (
            r#""location": {"type": "Circle", "coordinates": [1, 2]}"#,
            "property `location`: invalid GeoJSON `{\"coordinates\":[1,2],\"type\":\"Circle\"}`: unknown type `Circle`",
        ),
        (
            r#""location": {"type": "Polygon", "coordinates": [[[0, 0], [1, 1]]]}"#,
            "property `location`: invalid GeoJSON",
        ),
        (r#""location": [1, 2]"#, "property `location`: invalid type: sequence, expected a GeoJSON object"),
    ] {
        let json = if member.starts_with(r#""price""#) {
            format!("{{{member}}}")
        } else {
            format!(r#"{{"price": 1, {member}}}"#)
        };
        let error = serde_json::from_str::<Product>(&json).unwrap_err().to_string();
        assert!(error.contains(message), "{json}: {error}");
    }
    let json = r#"{"location": {"type": "Polygon", "coordinates": [[[0, 0], [1, 1]]]}, "price": 1}"#;
    let error = serde_json::from_str::<Product>(json).unwrap_err().to_string();
    assert!(error.contains("`coordinates[0]`: a polygon's ring needs four or more positions"), "{error}");
    let missing = serde_json::from_str::<Product>("{}").unwrap_err().to_string();
    assert!(missing.contains("price"), "{missing}");
}

#[test]
fn byte_and_decimal_keys_are_written_into_the_path() {
    let service = Service::new("https://example.com/odata");
    assert_eq!(service.get::<Product>(7_u8).uri(), "https://example.com/odata/Products/7");
    assert_eq!(service.get::<Product>(-3_i8).uri(), "https://example.com/odata/Products/-3");
    let parentheses = service.clone().with_key_style(KeyStyle::Parentheses);
    let key: Decimal = "12.50".parse().unwrap();
    assert_eq!(parentheses.get::<Product>(&key).uri(), "https://example.com/odata/Products(12.50)");
    assert_eq!(parentheses.get::<Product>(300_i16).uri(), "https://example.com/odata/Products(300)");
}

#[derive(Debug, ODataOperation)]
#[odata(function = "nearby", binding = Product)]
struct Nearby {
    center: Geo,
    radius: Decimal,
    weight: f32,
    floor: i16,
    rank: u8,
    delta: i8,
    area: Option<Geo>,
}

#[test]
fn function_parameters_are_written_as_abnf_literals() {
    let function = Nearby {
        center: Geo::point(-122.131577, 47.678581).unwrap(),
        radius: "0.000000000000000000001".parse().unwrap(),
        weight: 0.5,
        floor: -2,
        rank: 200,
        delta: -7,
        area: Some(
            Geo::new(GeoKind::Polygon, json!([[[0, 0], [1, 0], [1, 1], [0, 0]]])).unwrap().with_srid(4269),
        ),
    };
    let request = Service::new("https://example.com/odata").invoke(7_u8, &function);
    assert_eq!(
        request.uri(),
        "https://example.com/odata/Products/7/nearby(center=geography'SRID%3D4326%3BPoint%28-122.131577%2047.678581%29',radius=0.000000000000000000001,weight=0.5,floor=-2,rank=200,delta=-7,area=geography'SRID%3D4269%3BPolygon%28%280%200%2C1%200%2C1%201%2C0%200%29%29')"
    );
}

#[test]
fn diff_sees_a_changed_decimal() {
    use odata::Patchable;

    let read: Product = serde_json::from_str(SENT).unwrap();
    let mut modified = read.clone();
    modified.price = "1234567890.5".parse().unwrap();
    let request = Service::new("https://example.com/odata").update(7_u8, &read.diff(modified));
    assert_eq!(request.body(), br##"{"@odata.type":"#Sales.product","price":1234567890.5}"##);

    assert!(read.diff(read.clone()).price.is_unchanged());
}

/// `diff` compares the JSON text each value writes, not `serde_json::Value`s (which hold a
/// decimal's number as an `f64`): decimals that differ only beyond a double's 17 digits are a
/// change, sent with every digit.
#[test]
fn diff_sees_decimals_that_differ_beyond_a_doubles_digits() {
    use odata::Patchable;

    let read: Product = serde_json::from_str(SENT).unwrap();
    let mut modified = read.clone();
    modified.price = "1234567890.123456789012346".parse().unwrap();
    let patch = read.diff(modified);
    assert!(
        matches!(&patch.price, odata::Change::Set(price) if price.as_str() == "1234567890.123456789012346"),
        "{:?}",
        patch.price
    );
    let request = Service::new("https://example.com/odata").update(7_u8, &patch);
    assert_eq!(request.body(), br##"{"@odata.type":"#Sales.product","price":1234567890.123456789012346}"##);
}

mod properties {
    use odata::Decimal;
    use proptest::prelude::*;

    /// JSON numbers of any length: an integer part without leading zeros, an optional
    /// fraction, an optional exponent.
    fn json_number() -> impl Strategy<Value = String> {
        (
            "-?(0|[1-9][0-9]{0,60})",
            proptest::option::of("[0-9]{1,60}"),
            proptest::option::of("[eE][+-]?[0-9]{1,4}"),
        )
            .prop_map(|(integer, fraction, exponent)| {
                let fraction = fraction.map(|digits| format!(".{digits}")).unwrap_or_default();
                format!("{integer}{fraction}{}", exponent.unwrap_or_default())
            })
    }

    proptest! {
        #[test]
        fn every_json_number_is_written_back_digit_for_digit(number in json_number()) {
            let value: Decimal = serde_json::from_str(&number).unwrap();
            prop_assert_eq!(value.as_str(), number.as_str());
            prop_assert_eq!(serde_json::to_string(&value).unwrap(), number.clone());
            let quoted = format!("\"{number}\"");
            let string: Decimal = serde_json::from_str(&quoted).unwrap();
            prop_assert_eq!(serde_json::to_string(&string).unwrap(), quoted);
        }

        #[test]
        fn mantissa_and_scale_rebuild_the_digits(number in json_number()) {
            let value: Decimal = number.parse().unwrap();
            // The digits without sign, point and exponent, leading zeros dropped.
            let mantissa_part = number.split(['e', 'E']).next().unwrap();
            let digits: String = mantissa_part.chars().filter(char::is_ascii_digit).collect();
            let digits = match digits.trim_start_matches('0') {
                "" => "0",
                significant => significant,
            };
            match value.to_mantissa_scale() {
                Ok((mantissa, scale)) => {
                    prop_assert_eq!(mantissa.unsigned_abs().to_string(), digits);
                    let fraction = mantissa_part.split('.').nth(1).map_or(0, str::len) as i64;
                    let exponent: i64 = number.split(['e', 'E']).nth(1).map_or(0, |e| e.parse().unwrap());
                    prop_assert_eq!(i64::from(scale), fraction - exponent);
                }
                // Only a mantissa of more digits than i128 holds fails.
                Err(error) => prop_assert!(digits.len() > 38, "{}", error),
            }
        }

        #[test]
        fn text_that_is_not_a_decimal_value_is_an_error_not_a_panic(text in "[-+.eE0-9a-zA-Z ]{0,12}") {
            match text.parse::<Decimal>() {
                Ok(value) => prop_assert_eq!(value.as_str(), text.as_str()),
                Err(error) => prop_assert!(error.to_string().starts_with("invalid Edm.Decimal `"), "{}", error),
            }
        }
    }
}
