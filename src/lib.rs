//! Typed OData v4 and Microsoft Graph resources from annotated Rust structs.
//!
//! ```
//! use odata::{Binary, DateTimeOffset, ODataComplex, ODataResource, Service};
//!
//! #[derive(Debug, Clone, PartialEq, ODataResource)]
//! #[odata(type = "microsoft.graph.androidForWorkEnrollmentProfile",
//!         collection = "/deviceManagement/androidForWorkEnrollmentProfiles")]
//! pub struct AndroidForWorkEnrollmentProfile {
//!     #[odata(key, read_only)]
//!     pub id: Option<String>,
//!     pub display_name: Option<String>,
//!     #[odata(read_only)]
//!     pub created_date_time: Option<DateTimeOffset>,
//!     pub qr_code_image: Option<MimeContent>,
//! }
//!
//! #[derive(Debug, Clone, PartialEq, ODataComplex)]
//! #[odata(type = "microsoft.graph.mimeContent")]
//! pub struct MimeContent {
//!     pub r#type: Option<String>,
//!     pub value: Option<Binary>,
//! }
//!
//! let profile = AndroidForWorkEnrollmentProfile {
//!     id: None,
//!     display_name: Some("Kiosk devices".into()),
//!     created_date_time: None,
//!     qr_code_image: Some(MimeContent {
//!         r#type: Some("image/png".into()),
//!         value: Some(Binary::from(b"value".to_vec())),
//!     }),
//! };
//!
//! let request = Service::new("https://graph.microsoft.com/beta").create(&profile);
//! assert_eq!(
//!     std::str::from_utf8(request.body()).unwrap(),
//!     r##"{"@odata.type":"#microsoft.graph.androidForWorkEnrollmentProfile","displayName":"Kiosk devices","qrCodeImage":{"@odata.type":"microsoft.graph.mimeContent","type":"image/png","value":"dmFsdWU="}}"##
//! );
//! ```
//!
//! The attribute reference is in the [README](https://docs.rs/crate/odata/latest) and on
//! [`ODataResource`](derive@ODataResource).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub use odata_core::*;

#[cfg(feature = "derive")]
pub use odata_derive::{ODataComplex, ODataEnum, ODataOperation, ODataResource};

/// The async HTTP client: [`Client`](client::Client) sends the [`Service`]'s requests with
/// tokens, retries and paging (the `client` feature).
#[cfg(feature = "client")]
pub use odata_client as client;

/// Every Rust example of the README, compiled and run as a doctest (once: the README is
/// included here only).
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
