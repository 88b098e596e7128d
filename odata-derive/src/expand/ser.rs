//! `serde::Serialize`: the full wire form, written by the view-aware writer of `ODataType`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::check::Model;

pub fn serialize(model: &Model<'_>) -> TokenStream {
    let Model { ident, krate, .. } = model;
    quote! {
        #[automatically_derived]
        impl #krate::__private::serde::Serialize for #ident {
            fn serialize<__S>(&self, __serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error>
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
