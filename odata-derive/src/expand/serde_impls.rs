//! `serde::Serialize` and `serde::Deserialize`, both delegating to the runtime: the full wire
//! form through the view-aware writer of `ODataType`, and reading through the reader that
//! fits the type (`deserialize_structured` for a struct, `deserialize_polymorphic` for an
//! enum over a hierarchy).

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::check::Model;

pub fn serialize(model: &Model<'_>) -> TokenStream {
    let Model { ident, krate, .. } = model;
    quote! {
        #[automatically_derived]
        impl #krate::__private::serde::Serialize for #ident {
            fn serialize<__S>(&self, __serializer: __S) -> ::core::result::Result<<__S as #krate::__private::serde::Serializer>::Ok, <__S as #krate::__private::serde::Serializer>::Error>
            where
                __S: #krate::__private::serde::Serializer,
            {
                <Self as #krate::ODataType>::__serialize_view(
                    self,
                    __serializer,
                    #krate::__private::View::Full,
                )
            }
        }
    }
}

/// `reader` is the `odata::__private` function that reads the type.
pub fn deserialize(model: &Model<'_>, reader: &Ident) -> TokenStream {
    let Model { ident, krate, .. } = model;
    quote! {
        #[automatically_derived]
        impl<'de> #krate::__private::serde::Deserialize<'de> for #ident {
            fn deserialize<__D>(__deserializer: __D) -> ::core::result::Result<Self, <__D as #krate::__private::serde::Deserializer<'de>>::Error>
            where
                __D: #krate::__private::serde::Deserializer<'de>,
            {
                #krate::__private::#reader::<Self, __D>(__deserializer)
            }
        }
    }
}
