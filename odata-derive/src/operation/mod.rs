//! `#[derive(ODataOperation)]`: a bound action or function whose fields are its parameters.
//!
//! The same three stages as the type derives, in files of their own: `model.rs` parses the
//! attributes (reusing [`crate::model`]'s helpers), `check.rs` validates while collecting
//! every error, `expand.rs` generates code from a valid model only, and `fallback.rs` stands
//! in when the input is wrong.

mod check;
mod expand;
mod fallback;
mod model;

use proc_macro2::TokenStream;
use syn::DeriveInput;

use crate::errors::Errors;

pub fn derive(input: &DeriveInput) -> TokenStream {
    let mut errors = Errors::default();
    let container = model::Operation::parse(input, &mut errors);
    let valid = check::validate(&container, &mut errors);
    match (errors.combined(), valid) {
        (None, Some(valid)) => expand::generate(&valid),
        (Some(error), _) => fallback::generate(&container, error),
        // Validation yields no model only after reporting why.
        (None, None) => {
            fallback::generate(&container, syn::Error::new_spanned(&input.ident, "invalid input"))
        }
    }
}
