//! `serde::Serialize` and `serde::Deserialize`, both delegating to the runtime: the full wire
//! form through the runtime's writer of a struct (`serialize_structured`) or the view-aware
//! writer of an enum's `ODataType`, and reading through the visitor that fits the type
//! (`StructuredVisitor` for a struct, `PolymorphicVisitor` for an enum over a hierarchy).

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::check::Model;

pub fn serialize(model: &Model<'_>) -> TokenStream {
    let Model { ident, krate, .. } = model;
    let write = if model.variants.is_some() {
        quote!(<Self as #krate::ODataType>::__serialize_view(self, __serializer, __odata::View::Full))
    } else {
        quote!(__odata::serialize_structured(self, __serializer, __odata::View::Full))
    };
    quote! {
        #[automatically_derived]
        impl __odata::serde::Serialize for #ident {
            fn serialize<__S>(&self, __serializer: __S) -> __odata::SerializeResult<__S>
            where
                __S: __odata::serde::Serializer,
            {
                #write
            }
        }
    }
}

/// `visitor` is the `odata::__private` visitor that reads the type, handed to the deserializer
/// here rather than by a function of the runtime: one function fewer per type in a program.
pub fn deserialize(model: &Model<'_>, visitor: &Ident) -> TokenStream {
    let Model { ident, .. } = model;
    quote! {
        #[automatically_derived]
        impl<'de> __odata::serde::Deserialize<'de> for #ident {
            fn deserialize<__D>(__deserializer: __D) -> __odata::DeserializeResult<'de, __D, Self>
            where
                __D: __odata::serde::Deserializer<'de>,
            {
                __odata::serde::Deserializer::deserialize_map(__deserializer, __odata::#visitor::<Self>::NEW)
            }
        }
    }
}
