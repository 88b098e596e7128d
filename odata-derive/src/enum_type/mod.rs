//! `#[derive(ODataEnum)]`: a CSDL enumeration type, its unit variants the members and its
//! `#[odata(other)]` variant the member this crate does not know.
//!
//! The same three stages as the other derives: `model.rs` parses the attributes with
//! [`crate::attr`]'s helpers, `check.rs` validates while collecting every error, `expand.rs`
//! generates code from a valid model only, or the stubs that stand in when it is not.

mod check;
mod expand;
mod parse;

use proc_macro2::TokenStream;
use syn::DeriveInput;

use crate::dummy;

pub fn derive(input: &DeriveInput) -> TokenStream {
    dummy::run(input, parse::EnumType::parse, check::validate, expand::generate, expand::stubs)
}
