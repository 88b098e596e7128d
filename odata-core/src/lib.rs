//! The runtime of [`odata`](https://docs.rs/odata): what the derives generate code against,
//! the Edm value types, the sans-IO [`Service`] and response decoding.
//!
//! Users depend on the `odata` facade crate, which re-exports everything here together with
//! `#[derive(ODataResource)]` and `#[derive(ODataComplex)]`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[doc(hidden)]
pub mod __private;
pub mod edm;
mod error;
mod key;
mod payload;
mod response;
mod service;
mod types;

/// The `http` crate whose types [`Service`] and [`from_response`] speak.
pub use http;

pub use edm::{Binary, DateTimeOffset};
pub use error::{Error, ServiceError, ServiceErrorDetail};
pub use key::ODataKey;
pub use payload::{CreatePayload, UpdatePayload};
pub use response::{ensure_success, from_response};
pub use service::{KeyStyle, Service};
pub use types::{ODataResource, ODataType, Property};
