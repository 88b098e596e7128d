//! `#[derive(ODataOperation)]`: a bound action or function whose fields are its parameters.
//!
//! The same three stages as the type derives, in files of their own: `model.rs` parses the
//! attributes (reusing [`crate::model`]'s helpers), `check.rs` validates while collecting
//! every error, `expand.rs` generates code from a valid model only, and `fallback.rs` stands
//! in when the input is wrong.

mod check;
mod expand;
mod fallback;
mod parse;

use proc_macro2::TokenStream;
use syn::DeriveInput;

use crate::dummy;

pub fn derive(input: &DeriveInput) -> TokenStream {
    dummy::run(input, parse::Operation::parse, check::validate, expand::generate, fallback::stubs)
}
