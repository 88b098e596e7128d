//! Models shared by the integration tests: the seed's entity, as the issue declares it.
#![allow(dead_code)]

pub mod enrollment;
pub mod strategies;

use odata::{Binary, DateTimeOffset, ODataComplex, ODataResource};

#[derive(Debug, Clone, PartialEq, ODataResource)]
#[odata(
    type = "microsoft.graph.androidForWorkEnrollmentProfile",
    collection = "/deviceManagement/androidForWorkEnrollmentProfiles"
)]
pub struct AndroidForWorkEnrollmentProfile {
    pub account_id: Option<String>,
    #[odata(key, read_only)]
    pub id: Option<String>,
    pub display_name: Option<String>,
    pub description: Option<String>,
    #[odata(read_only)]
    pub created_date_time: Option<DateTimeOffset>,
    #[odata(read_only)]
    pub last_modified_date_time: Option<DateTimeOffset>,
    pub token_value: Option<String>,
    pub token_expiration_date_time: Option<DateTimeOffset>,
    pub enrolled_device_count: Option<i32>,
    pub qr_code_content: Option<String>,
    pub qr_code_image: Option<MimeContent>,
}

#[derive(Debug, Clone, PartialEq, ODataComplex)]
#[odata(type = "microsoft.graph.mimeContent")]
pub struct MimeContent {
    pub r#type: Option<String>,
    pub value: Option<Binary>,
}

/// The seed page's documented request body.
pub const SEED_REQUEST: &str = include_str!("../data/seed/request.json");
/// The seed page's documented 201 response body.
pub const SEED_RESPONSE: &str = include_str!("../data/seed/response.json");

/// The names of a JSON object's members, in the order the text has them (a `Value` would
/// sort them).
pub fn member_order(json: &[u8]) -> Vec<String> {
    struct Keys;

    impl<'de> serde::de::Visitor<'de> for Keys {
        type Value = Vec<String>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a JSON object")
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Vec<String>, A::Error> {
            let mut keys = Vec::new();
            while let Some(key) = map.next_key::<String>()? {
                map.next_value::<serde::de::IgnoredAny>()?;
                keys.push(key);
            }
            Ok(keys)
        }
    }

    let mut deserializer = serde_json::Deserializer::from_slice(json);
    serde::Deserializer::deserialize_map(&mut deserializer, Keys).expect("a JSON object")
}
