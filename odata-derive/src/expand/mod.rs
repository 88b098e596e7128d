//! Code generation from a valid [`Model`]. Generated code sits in `const _: () = { ... }`
//! (but for an entity's `{Entity}Patch`, which users name) and names runtime items only by
//! absolute path through the facade (`::odata` or the `crate = "..."` override) and `::core`.

mod patch;
mod polymorphic;
mod serde_impls;
mod structured;
mod traits;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
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
    let serialize = serde_impls::serialize(model);
    let reader = if model.variants.is_some() { "deserialize_polymorphic" } else { "deserialize_structured" };
    let deserialize = serde_impls::deserialize(model, &format_ident!("{reader}"));
    let (outside, inside) = match &model.variants {
        Some(variants) => (TokenStream::new(), polymorphic::polymorphic(model, variants)),
        None => {
            let odata_type = traits::odata_type(model);
            let resource = traits::odata_resource(model);
            let structured = structured::structured(model);
            let is_entity = model.derive == Derive::Resource;
            let patch_type = is_entity.then(|| patch::patch_type(model));
            let patch_impls = is_entity.then(|| patch::patch_impls(model));
            (quote!(#patch_type), quote!(#odata_type #resource #structured #patch_impls))
        }
    };
    quote! {
        #outside

        #[doc(hidden)]
        #[allow(non_upper_case_globals, unused_qualifications, clippy::all)]
        const _: () = {
            #inside
            #serialize
            #deserialize
        };
    }
}
