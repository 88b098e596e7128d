//! The runtime of [`odata`](https://docs.rs/odata): what the derives generate code against,
//! the Edm value types, the sans-IO [`Service`] and response decoding.
//!
//! Users depend on the `odata` facade crate, which re-exports everything here together with
//! `#[derive(ODataResource)]`, `#[derive(ODataComplex)]` and `#[derive(ODataOperation)]`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[doc(hidden)]
pub mod __private;
mod collection;
pub mod edm;
mod error;
mod key;
mod open;
mod operation;
mod paging;
mod patch;
mod payload;
mod polymorphic;
mod response;
mod service;
mod structured;
mod types;

/// The `http` crate whose types [`Service`] and [`from_response`] speak.
pub use http;

pub use collection::Collection;
pub use edm::{Binary, Date, DateTimeOffset, Duration, Guid, Int64, TimeOfDay};
pub use error::{Error, RequestContext, ServiceError, ServiceErrorDetail, TransportKind};
pub use key::ODataKey;
pub use open::{AdditionalProperties, Annotations, RawObject};
pub use operation::{ODataLiteral, ODataOperation, OperationKind};
pub use paging::Pager;
pub use patch::{Change, ODataPatch, PatchBody};
pub use payload::{CreatePayload, UpdatePayload};
pub use response::{ensure_success, from_response};
pub use service::{KeyStyle, Service};
pub use types::{ODataResource, ODataType, Patchable, Property};
