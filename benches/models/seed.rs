//! The seed's entity, `androidForWorkEnrollmentProfile` (the model of tests/common/mod.rs),
//! with its baselines: the plain serde model and the hand-written create DTO.
#![allow(dead_code)]

/// The documented request and 201 response bodies.
pub use model::{SEED_REQUEST as REQUEST, SEED_RESPONSE as RESPONSE};
/// The read-only properties: what the naive create route removes.
pub const READ_ONLY: &[&str] = &["id", "createdDateTime", "lastModifiedDateTime"];
/// The writable properties that hold complex values, with their `@odata.type`: what the
/// naive create route inserts.
pub const NESTED_TYPES: &[(&str, &str)] = &[("qrCodeImage", "microsoft.graph.mimeContent")];
/// The entity's `@odata.type` annotation.
pub const TYPE_ANNOTATION: &str = "#microsoft.graph.androidForWorkEnrollmentProfile";

/// The model with the odata derives: the one the tests use.
#[path = "../../tests/common/mod.rs"]
pub mod model;

/// Plain `#[derive(serde::Serialize, serde::Deserialize)]` with `rename_all = "camelCase"`.
pub mod plain {
    use odata::{Binary, DateTimeOffset};
    use serde::{Deserialize, Serialize};

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct AndroidForWorkEnrollmentProfile {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub account_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub display_name: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub description: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub created_date_time: Option<DateTimeOffset>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub last_modified_date_time: Option<DateTimeOffset>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub token_value: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub token_expiration_date_time: Option<DateTimeOffset>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub enrolled_device_count: Option<i32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub qr_code_content: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub qr_code_image: Option<MimeContent>,
    }

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct MimeContent {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub r#type: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub value: Option<Binary>,
    }
}

/// The floor: a hand-written create DTO holding only the writable properties, with
/// `@odata.type` as a field.
pub mod floor {
    use odata::{Binary, DateTimeOffset};
    use serde::{Deserialize, Serialize};

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct AndroidForWorkEnrollmentProfile {
        #[serde(rename = "@odata.type")]
        pub odata_type: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub account_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub display_name: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub description: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub token_value: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub token_expiration_date_time: Option<DateTimeOffset>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub enrolled_device_count: Option<i32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub qr_code_content: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub qr_code_image: Option<MimeContent>,
    }

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct MimeContent {
        #[serde(rename = "@odata.type")]
        pub odata_type: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub r#type: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub value: Option<Binary>,
    }
}
