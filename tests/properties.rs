//! Property tests (bounded, in the normal test run): round trips of the seed type, create
//! payloads without read-only names, keys that stay in their segment, Edm text round trips, and
//! mutation fuzzing of the documented response. 256 cases each by default; a longer campaign:
//! `PROPTEST_CASES=100000 cargo test --release --test properties`.

mod common;

use common::strategies::{byte_edits, date_time_offset, mutated};
use common::{AndroidForWorkEnrollmentProfile, MimeContent};
use odata::{Binary, DateTimeOffset, KeyStyle, ODataResource, ODataType, Service};
use proptest::prelude::*;

fn mime_content() -> impl Strategy<Value = MimeContent> {
    (proptest::option::of(".*"), proptest::option::of(proptest::collection::vec(any::<u8>(), 0..64)))
        .prop_map(|(r#type, value)| MimeContent { r#type, value: value.map(Binary::from) })
}

prop_compose! {
    fn profile()(
        strings in proptest::collection::vec(proptest::option::of(".*"), 7),
        dates in proptest::collection::vec(proptest::option::of(date_time_offset()), 3),
        count in proptest::option::of(any::<i32>()),
        image in proptest::option::of(mime_content()),
    ) -> AndroidForWorkEnrollmentProfile {
        AndroidForWorkEnrollmentProfile {
            account_id: strings[0].clone(),
            id: strings[1].clone(),
            display_name: strings[2].clone(),
            description: strings[3].clone(),
            created_date_time: dates[0].clone(),
            last_modified_date_time: dates[1].clone(),
            token_value: strings[4].clone(),
            token_expiration_date_time: dates[2].clone(),
            enrolled_device_count: count,
            qr_code_content: strings[5].clone(),
            qr_code_image: image,
        }
    }
}

proptest! {

    #[test]
    fn any_seed_value_round_trips(profile in profile()) {
        let json = serde_json::to_vec(&profile).unwrap();
        prop_assert_eq!(serde_json::from_slice::<AndroidForWorkEnrollmentProfile>(&json).unwrap(), profile);
    }

    #[test]
    fn a_create_payload_never_names_a_read_only_property(profile in profile()) {
        let payload: serde_json::Value = serde_json::to_value(profile.create_payload()).unwrap();
        let object = payload.as_object().unwrap();
        for property in AndroidForWorkEnrollmentProfile::PROPERTIES.iter().filter(|property| property.read_only) {
            prop_assert!(!object.contains_key(property.name), "{} in {}", property.name, payload);
        }
    }

    #[test]
    fn no_key_leaves_its_path_segment(key in ".*", parentheses in any::<bool>()) {
        let style = if parentheses { KeyStyle::Parentheses } else { KeyStyle::Segment };
        let service = Service::new("https://graph.microsoft.com/beta").with_key_style(style);
        let request = service.get::<AndroidForWorkEnrollmentProfile>(key.as_str());
        let uri = request.uri();
        prop_assert_eq!(uri.query(), None);
        prop_assert_eq!(uri.host(), Some("graph.microsoft.com"));
        let collection = "/beta/deviceManagement/androidForWorkEnrollmentProfiles";
        let rest = uri.path().strip_prefix(collection).unwrap();
        let key_part = match style {
            KeyStyle::Segment => rest.strip_prefix('/').unwrap_or(rest),
            _ => rest,
        };
        prop_assert!(!key_part.contains('/'), "{}", uri);
        if let Some(quoted) = key_part.strip_prefix("('").and_then(|rest| rest.strip_suffix("')")) {
            let decoded = percent_decode(quoted).replace("''", "'");
            prop_assert_eq!(decoded, key);
        } else {
            prop_assert_eq!(style, KeyStyle::Segment);
            prop_assert!(key_part.chars().all(|c| c.is_ascii_alphanumeric() || "-._~%".contains(c)), "{}", key_part);
            prop_assert!(!key_part.chars().all(|c| c == '.'));
            prop_assert_eq!(percent_decode(key_part), key);
        }
    }

    #[test]
    fn date_time_offset_text_round_trips(value in date_time_offset()) {
        let text = value.to_string();
        let read: DateTimeOffset = text.parse().unwrap();
        prop_assert_eq!(read.to_string(), text);
        prop_assert_eq!(read.to_offset_date_time(), value.to_offset_date_time());
    }

    #[test]
    fn binary_text_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        let value = Binary::from(bytes.clone());
        let text = value.to_string();
        prop_assert_eq!(&*text.parse::<Binary>().unwrap(), &bytes[..]);
        let url_safe = text.trim_end_matches('=').replace('+', "-").replace('/', "_");
        prop_assert_eq!(&*url_safe.parse::<Binary>().unwrap(), &bytes[..]);
    }

    /// Mutation fuzzing on the stable toolchain, seeded with the seed's documented response:
    /// any bytes changed, removed or inserted, reading gives a value or an error.
    #[test]
    fn mutated_responses_never_panic(
        edits in byte_edits(),
    ) {
        let bytes = mutated(common::SEED_RESPONSE.as_bytes(), &edits);
        if let Ok(profile) = serde_json::from_slice::<AndroidForWorkEnrollmentProfile>(&bytes) {
            let written = serde_json::to_vec(&profile).unwrap();
            prop_assert_eq!(serde_json::from_slice::<AndroidForWorkEnrollmentProfile>(&written).unwrap(), profile);
        }
    }

    #[test]
    fn reading_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = serde_json::from_slice::<AndroidForWorkEnrollmentProfile>(&bytes);
        let _ = serde_json::from_slice::<DateTimeOffset>(&bytes);
        let _ = serde_json::from_slice::<Binary>(&bytes);
    }

    #[test]
    fn reading_arbitrary_text_never_panics(text in ".*") {
        let _ = serde_json::from_str::<AndroidForWorkEnrollmentProfile>(&text);
        let _ = text.parse::<DateTimeOffset>();
        let _ = text.parse::<Binary>();
    }
}

fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text).decode_utf8().unwrap().into_owned()
}
