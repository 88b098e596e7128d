//! Derive macros of the [`odata`](https://docs.rs/odata) crate. Use them through the facade:
//! `use odata::{ODataResource, ODataComplex};`.
//!
//! The derive parses its attributes into a typed model (`model.rs`), validates the model while
//! collecting every error (`check.rs`), and expands only a valid model (`expand/`).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod case;
mod check;
mod errors;
mod expand;
mod fallback;
mod model;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

use crate::model::Derive;

/// Derives `ODataType` and `ODataResource` for an entity type, with its JSON wire format
/// (`serde::Serialize` and `serde::Deserialize`).
///
/// Container attributes: `type = "Namespace.Name"` (required), `collection = "/path"`
/// (required), `rename_all = "camelCase"` (the default; also `PascalCase`, `snake_case`,
/// `lowercase`, `UPPERCASE`, `SCREAMING_SNAKE_CASE`, `kebab-case`, `SCREAMING-KEBAB-CASE`),
/// `crate = "path::to::odata"`. Field attributes: `key`, `read_only`, `rename = "wireName"`.
#[proc_macro_derive(ODataResource, attributes(odata))]
pub fn derive_odata_resource(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input, Derive::Resource).into()
}

/// Derives `ODataType` for a complex type, with its JSON wire format (`serde::Serialize`
/// and `serde::Deserialize`).
///
/// Container attributes: `type = "Namespace.Name"` (required), `rename_all`, `crate`. Field
/// attributes: `rename = "wireName"`.
#[proc_macro_derive(ODataComplex, attributes(odata))]
pub fn derive_odata_complex(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input, Derive::Complex).into()
}
