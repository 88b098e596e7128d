//! The runtime of [`odata`](https://docs.rs/odata): what the derives generate code against,
//! the Edm value types, the sans-IO [`Service`] and response decoding.
//!
//! Users depend on the `odata` facade crate, which re-exports everything here together with
//! `#[derive(ODataResource)]`, `#[derive(ODataComplex)]` and `#[derive(ODataOperation)]`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[doc(hidden)]
pub mod __private;
pub mod batch;
mod buffered;
mod collection;
pub mod csdl;
pub mod delta;
pub mod edm;
mod enum_type;
mod error;
pub mod json;
mod key;
// odata-derive builds each type's table with this file's `name_table`; the runtime searches it.
#[cfg_attr(not(test), allow(dead_code))]
mod name_table;
mod open;
mod operation;
mod paging;
mod patch;
mod path;
mod payload;
mod polymorphic;
mod precompiled_json;
pub mod query;
mod request;
mod response;
mod returns;
mod service;
mod structured;
mod types;
mod wire;

/// The `http` crate whose types [`Service`] and [`from_response`] speak.
pub use http;

pub use collection::Collection;
pub use edm::{
    Binary, Date, DateTimeOffset, Decimal, Duration, Geo, GeoKind, Guid, Int64, Stream, TimeOfDay,
};
pub use enum_type::{Flags, ODataEnum};
pub use error::{Error, RequestContext, ServiceError, ServiceErrorDetail, TransportKind};
pub use key::ODataKey;
pub use open::{AdditionalProperties, Annotations, RawObject};
pub use operation::{CollectionBound, EntityBound, ODataLiteral, ODataOperation, OperationKind};
pub use paging::Pager;
pub use patch::{Change, ODataPatch, PatchBody};
pub use path::{CollectionPath, EntityPath, Navigation};
pub use payload::{CreatePayload, UpdatePayload};
pub use precompiled_json::precompile_json;
pub use request::{answer, ODataRequest};
pub use response::{ensure_success, from_response};
pub use returns::{operation_result, ReturnValue};
pub use service::{KeyStyle, Service};
pub use types::{EntitySet, ODataResource, ODataType, Patchable, Property, Singleton};
