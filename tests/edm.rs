//! `Date`, `TimeOfDay`, `Duration`, `Guid` and `Int64` as the fields and keys of derived
//! types: exact round trips, errors that name the property, and Guid keys in URLs.

use odata::{Date, Duration, Guid, Int64, KeyStyle, ODataResource, Service, TimeOfDay};

#[derive(Debug, Clone, PartialEq, ODataResource)]
#[odata(type = "microsoft.graph.onPremEncryptedPayload", collection = "/onPremEncryptedPayloads")]
struct Payload {
    #[odata(key)]
    payload_id: Option<Guid>,
    pause_start_date: Option<Date>,
    active_hours_start: Option<TimeOfDay>,
    grace_period: Option<Duration>,
    size_in_bytes: Option<Int64>,
}

const SENT: &str = r##"{"@odata.type":"#microsoft.graph.onPremEncryptedPayload","payloadId":"F12F6C03-6c03-f12f-036c-2ff1036c2ff1","pauseStartDate":"2016-12-31","activeHoursStart":"12:00:05.5020000","gracePeriod":"-PT1M32.1347897S","sizeInBytes":4}"##;

#[test]
fn every_value_is_written_back_exactly_as_sent() {
    let payload: Payload = serde_json::from_str(SENT).unwrap();
    assert_eq!(payload.payload_id.unwrap().to_u128(), 0xf12f6c03_6c03_f12f_036c_2ff1036c2ff1);
    assert_eq!(payload.pause_start_date.unwrap().to_date().ordinal(), 366);
    assert_eq!(payload.active_hours_start.unwrap().to_time().millisecond(), 502);
    assert_eq!(payload.grace_period.as_ref().unwrap().to_time_duration().whole_milliseconds(), -92_134);
    assert_eq!(payload.size_in_bytes, Some(Int64(4)));
    assert_eq!(serde_json::to_string(&payload).unwrap(), SENT);
}

#[test]
fn int64_reads_the_strings_of_ieee754_compatible_services() {
    let sent = SENT.replace(r#""sizeInBytes":4"#, r#""sizeInBytes":"9223372036854775807""#);
    let payload: Payload = serde_json::from_str(&sent).unwrap();
    assert_eq!(payload.size_in_bytes, Some(Int64(i64::MAX)));
    let written = serde_json::to_string(&payload).unwrap();
    assert!(written.ends_with(r#""sizeInBytes":9223372036854775807}"#), "{written}");
}

#[test]
fn bad_values_are_errors_that_name_the_property_and_the_edm_type() {
    for (property, bad, message) in [
        (
            "payloadId",
            r#""f12f6c03""#,
            "property `payloadId`: invalid Edm.Guid `f12f6c03`: expected 32 hexadecimal digits",
        ),
        (
            "pauseStartDate",
            r#""2017-02-29""#,
            "property `pauseStartDate`: invalid Edm.Date `2017-02-29`: February 2017 has 28 days",
        ),
        (
            "activeHoursStart",
            r#""25:00""#,
            "property `activeHoursStart`: invalid Edm.TimeOfDay `25:00`: the hour must be 00 to 23",
        ),
        (
            "gracePeriod",
            r#""P1M""#,
            "property `gracePeriod`: invalid Edm.Duration `P1M`: years, months and weeks",
        ),
        ("sizeInBytes", "4.5", "property `sizeInBytes`: invalid Edm.Int64 `4.5`: not an integer"),
        ("sizeInBytes", r#""4x""#, "property `sizeInBytes`: invalid Edm.Int64 `4x`: invalid digit"),
        (
            "sizeInBytes",
            "9223372036854775808",
            "property `sizeInBytes`: invalid Edm.Int64 `9223372036854775808`: out of range",
        ),
    ] {
        let json = format!(r#"{{"{property}": {bad}}}"#);
        let error = serde_json::from_str::<Payload>(&json).unwrap_err().to_string();
        assert!(error.starts_with(message), "{json}: {error}");
    }
}

#[test]
fn guid_keys_are_unquoted_in_either_key_style() {
    let guid: Guid = "f12f6c03-6c03-f12f-036c-2ff1036c2ff1".parse().unwrap();
    let segment = Service::new("https://graph.microsoft.com/beta").get::<Payload>(guid);
    assert_eq!(
        segment.uri(),
        "https://graph.microsoft.com/beta/onPremEncryptedPayloads/f12f6c03-6c03-f12f-036c-2ff1036c2ff1"
    );
    let parentheses = Service::new("https://example.invalid/odata")
        .with_key_style(KeyStyle::Parentheses)
        .delete::<Payload>(guid);
    assert_eq!(
        parentheses.uri(),
        "https://example.invalid/odata/onPremEncryptedPayloads(f12f6c03-6c03-f12f-036c-2ff1036c2ff1)"
    );
    let int64 = Service::new("https://example.invalid/odata").with_key_style(KeyStyle::Parentheses);
    assert_eq!(
        int64.entity_url::<Payload>(Int64(-7)).unwrap(),
        "https://example.invalid/odata/onPremEncryptedPayloads(-7)"
    );
    assert_eq!(Payload::KEY, "payloadId");
}

/// Every one-character edit (deletion, insertion, replacement) of valid literals: parsing
/// never panics, and whatever parses is written back as exactly the text that was read.
#[test]
fn parsing_never_panics_and_what_parses_is_written_back_exactly() {
    use std::fmt::Display;
    use std::str::FromStr;

    const ALPHABET: &[char] = &[
        '0', '1', '2', '3', '5', '6', '9', '-', '+', ':', '.', ',', 'P', 'T', 'D', 'H', 'M', 'S', 'Y', 'W',
        'p', 'a', 'f', 'F', 'g', 'Z', ' ', '{', 'é', '٣', '２',
    ];

    fn edits(seed: &str) -> Vec<String> {
        let boundaries: Vec<usize> = seed.char_indices().map(|(at, _)| at).chain([seed.len()]).collect();
        let mut edits = vec![seed.to_owned()];
        for window in boundaries.windows(2) {
            edits.push(format!("{}{}", &seed[..window[0]], &seed[window[1]..]));
            for ch in ALPHABET {
                edits.push(format!("{}{ch}{}", &seed[..window[0]], &seed[window[1]..]));
            }
        }
        for at in &boundaries {
            for ch in ALPHABET {
                edits.push(format!("{}{ch}{}", &seed[..*at], &seed[*at..]));
            }
        }
        edits
    }

    fn check<T: FromStr + Display>(seeds: &[&str]) -> usize {
        let mut parsed = 0;
        for seed in seeds {
            for text in edits(seed) {
                if let Ok(value) = text.parse::<T>() {
                    assert_eq!(value.to_string(), text, "{} of {text:?}", std::any::type_name::<T>());
                    parsed += 1;
                }
            }
        }
        parsed
    }

    assert!(check::<Date>(&["2016-12-31", "-0044-03-15", "0000-02-29", "9999-12-31"]) > 50);
    assert!(check::<TimeOfDay>(&["12:00:05.5020000", "23:59", "00:00:00.000000000001", "09:05:59"]) > 50);
    assert!(
        check::<Duration>(&["PT2M43.444327S", "-P1DT2H", "+PT0S", "P1DT1H1M1.5S", "PT9223372036854775807S"])
            > 50
    );
    assert!(
        check::<Guid>(&["e6742553-2553-e674-5325-74e6532574e6", "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF"]) > 50
    );
    // Int64 keeps the number, not the text (`+42` is written `42`): it must only not panic.
    for seed in ["9223372036854775807", "-9223372036854775808", "42"] {
        for text in edits(seed) {
            if let Ok(value) = text.parse::<Int64>() {
                assert_eq!(value.to_string().parse::<Int64>().unwrap(), value);
            }
        }
    }
}
