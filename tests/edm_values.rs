//! `DateTimeOffset` and `Binary`: exact text round trips, conversions, and clear errors.

use odata::edm::time::OffsetDateTime;
use odata::{Binary, DateTimeOffset};

#[test]
fn date_time_offsets_are_written_back_exactly_as_sent() {
    for text in [
        "2016-12-31T23:59:54.0590989-08:00",
        "2017-01-01T00:00:00Z",
        "2017-01-01T00:00:00.1Z",
        "2017-01-01T00:00:00.000000000+00:00",
        "2017-01-01T00:00:00+14:00",
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59.9999999Z",
    ] {
        let value: DateTimeOffset = text.parse().unwrap();
        assert_eq!(value.to_string(), text);
        assert_eq!(value.as_str(), text);
        let json = serde_json::to_string(&value).unwrap();
        assert_eq!(json, format!("\"{text}\""));
        assert_eq!(serde_json::from_str::<DateTimeOffset>(&json).unwrap(), value);
    }
}

#[test]
fn date_time_offsets_keep_the_instant_and_the_offset() {
    let value: DateTimeOffset = "2016-12-31T23:59:54.0590989-08:00".parse().unwrap();
    let instant: OffsetDateTime = value.clone().into();
    assert_eq!(instant.offset().whole_hours(), -8);
    assert_eq!(instant.nanosecond(), 59_098_900);
    assert_eq!(instant.unix_timestamp(), 1_483_257_594);
}

#[test]
fn date_time_offsets_convert_from_the_time_crate() {
    let instant = OffsetDateTime::from_unix_timestamp(1_483_257_594).unwrap();
    let value = DateTimeOffset::try_from(instant).unwrap();
    assert_eq!(value.as_str(), "2017-01-01T07:59:54Z");
    assert_eq!(value.to_offset_date_time(), instant);
}

#[test]
fn invalid_date_time_offsets_are_errors_that_say_so() {
    for text in [
        "",
        "2016-02-30T00:00:00Z",
        "2016-12-31",
        "2016-12-31T24:00:00Z",
        "2016-12-31T23:59:54",
        "2016-13-01T00:00:00Z",
        "2016-12-31T23:59:54-25:00",
    ] {
        let error = text.parse::<DateTimeOffset>().unwrap_err();
        assert_eq!(error.edm_type(), "Edm.DateTimeOffset");
        assert!(error.to_string().starts_with(&format!("invalid Edm.DateTimeOffset `{text}`: ")), "{error}");
    }
}

#[test]
fn equality_is_by_text() {
    let utc: DateTimeOffset = "2017-01-01T00:00:00Z".parse().unwrap();
    let zero: DateTimeOffset = "2017-01-01T00:00:00+00:00".parse().unwrap();
    assert_ne!(utc, zero);
    assert_eq!(utc.to_offset_date_time(), zero.to_offset_date_time());
}

#[test]
fn binary_reads_both_alphabets_with_or_without_padding() {
    let bytes = [0xfb_u8, 0xff, 0xbf, 0x00, 0x10];
    for text in ["+/+/ABA=", "+/+/ABA", "-_-_ABA=", "-_-_ABA"] {
        let value: Binary = text.parse().unwrap();
        assert_eq!(&*value, &bytes, "{text}");
        assert_eq!(value.to_string(), "+/+/ABA=");
    }
}

#[test]
fn binary_round_trips_the_seed_value() {
    let value: Binary = serde_json::from_str("\"dmFsdWU=\"").unwrap();
    assert_eq!(value.as_bytes(), b"value");
    assert_eq!(serde_json::to_string(&value).unwrap(), "\"dmFsdWU=\"");
    assert_eq!(format!("{value:?}"), "Binary(dmFsdWU=)");
    assert_eq!(Binary::from(Vec::new()).to_string(), "");
}

#[test]
fn invalid_base64_is_an_error_that_says_so() {
    for text in ["not base64!", "d", "dmFsdWU==", "+/-_", "dmFsdWV="] {
        let error = text.parse::<Binary>().unwrap_err();
        assert!(error.to_string().starts_with(&format!("invalid Edm.Binary `{text}`: ")), "{error}");
    }
    let error = serde_json::from_str::<Binary>("5").unwrap_err();
    assert!(
        error.to_string().starts_with("invalid type: integer `5`, expected an Edm.Binary value"),
        "{error}"
    );
}

#[test]
fn long_inputs_are_cut_in_messages() {
    let text = "x".repeat(1000);
    let message = text.parse::<DateTimeOffset>().unwrap_err().to_string();
    assert!(message.len() < 200, "{message}");
}
