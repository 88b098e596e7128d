//! Code generation from a valid [`Model`]. Generated code sits in `const _: () = { ... }`
//! and names runtime items only by absolute path through the facade (`::odata` or the
//! `crate = "..."` override) and `::core`.

mod de;
mod ser;
mod traits;

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use crate::check::{self, Model};
use crate::errors::Errors;
use crate::fallback;
use crate::model::{Container, Derive};

pub fn derive(input: &DeriveInput, derive: Derive) -> TokenStream {
    let mut errors = Errors::default();
    let container = Container::parse(input, derive, &mut errors);
    let model = check::validate(&container, &mut errors);
    match (errors.combined(), model) {
        (None, Some(model)) => generate(&model),
        (Some(error), _) => fallback::generate(&container, error),
        // Validation yields no model only after reporting why.
        (None, None) => {
            fallback::generate(&container, syn::Error::new_spanned(&input.ident, "invalid input"))
        }
    }
}

fn generate(model: &Model<'_>) -> TokenStream {
    let odata_type = traits::odata_type(model);
    let resource = traits::odata_resource(model);
    let serialize = ser::serialize(model);
    let deserialize = de::deserialize(model);
    quote! {
        #[doc(hidden)]
        #[allow(non_upper_case_globals, unused_qualifications, clippy::all)]
        const _: () = {
            #odata_type
            #resource
            #serialize
            #deserialize
        };
    }
}
