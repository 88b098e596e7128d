//! Derive macros of the [`odata`](https://docs.rs/odata) crate. Use them through the facade:
//! `use odata::{ODataResource, ODataComplex, ODataOperation};`.
//!
//! The derive parses its attributes into a typed model (`model.rs`), validates the model while
//! collecting every error (`check.rs`), and expands only a valid model (`expand/`).
//! `#[derive(ODataOperation)]` has the same three stages in `operation/`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod attr;
mod case;
mod check;
mod dummy;
mod enum_type;
mod errors;
mod expand;
mod fallback;
// The runtime's hash of wire names, shared as one file: the derive builds each type's table
// with the hash that `NameTable::find` searches it by. The reading of a table is the runtime's.
#[path = "../../odata-core/src/name_table.rs"]
#[allow(dead_code)]
mod name_table;
mod operation;
mod parse;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

use crate::parse::Derive;

/// Derives `ODataType` and `ODataResource` for an entity type, with its JSON wire format
/// (`serde::Serialize` and `serde::Deserialize`); on a struct also `Patchable` and the
/// `{Entity}Patch` struct beside it.
///
/// Container attributes: `type = "Namespace.Name"` (required), `collection = "/path"`
/// (required but on a derived type, which takes its base's), `rename_all = "camelCase"` (the
/// default; also `PascalCase`, `snake_case`, `lowercase`, `UPPERCASE`,
/// `SCREAMING_SNAKE_CASE`, `kebab-case`, `SCREAMING-KEBAB-CASE`), `crate = "path::to::odata"`.
/// Field attributes: `key`, `read_only`, `rename = "wireName"`, `base` (the base type's
/// value, flattened), `additional` (a map keeping undeclared properties), `annotations` (an
/// `odata::Annotations` keeping instance annotations).
///
/// The patch is `Debug`, `Clone` and `PartialEq` when the property types are. When the struct
/// derives one of these traits in a `#[derive]` below this derive's (which the derive sees,
/// unlike the traits listed beside it), the patch's impl of it has no `where` clause, which
/// costs the compiler less in a crate of many entities.
///
/// On an enum whose newtype variants hold the entity types of a hierarchy, reading dispatches
/// on `@odata.type`; `type` names the base type. Variant attribute: `other`, on the variant
/// holding an `odata::RawObject` for types no other variant declares.
#[proc_macro_derive(ODataResource, attributes(odata))]
pub fn derive_odata_resource(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input, Derive::Resource).into()
}

/// Derives `ODataType` for a complex type, with its JSON wire format (`serde::Serialize`
/// and `serde::Deserialize`).
///
/// Container attributes: `type = "Namespace.Name"` (required), `rename_all`, `crate`. Field
/// attributes: `rename = "wireName"`, `base`, `additional`, `annotations`. On an enum over
/// complex types, as for `ODataResource`: dispatch on `@odata.type`, and an `other` variant.
#[proc_macro_derive(ODataComplex, attributes(odata))]
pub fn derive_odata_complex(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input, Derive::Complex).into()
}

/// Derives `ODataEnum` for a CSDL enumeration type, with its JSON form (`serde::Serialize`
/// and `serde::Deserialize`: the member's name) and its URL literal (`ODataLiteral`:
/// `Namespace.Type'member'`).
///
/// On an enum whose unit variants are the members (wire name: the variant's name in
/// camelCase, or `#[odata(rename = "...")]`) and whose one `#[odata(other)]` newtype variant
/// holds a `String`: a member this crate does not know reads into it and is written back
/// unchanged, never an error and never lost. Container attributes: `type = "Namespace.Name"`
/// (required), `rename_all`, `crate`. A flags enumeration's value is an `odata::Flags<E>`.
#[proc_macro_derive(ODataEnum, attributes(odata))]
pub fn derive_odata_enum(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    enum_type::derive(&input).into()
}

/// Derives `ODataOperation` for a bound action or function whose fields are its parameters,
/// and for an action `serde::Serialize` (its JSON body; `None` members are left out).
///
/// Container attributes: `action = "name"` or `function = "name"` (exactly one; a simple
/// identifier or a qualified `Namespace.name`), `binding = EntityType` (required: the
/// `ODataResource` it is bound to), `rename_all` (default `camelCase`), `crate`. Field
/// attributes: `rename = "wireName"`. A unit struct is an operation without parameters.
#[proc_macro_derive(ODataOperation, attributes(odata))]
pub fn derive_odata_operation(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    operation::derive(&input).into()
}
