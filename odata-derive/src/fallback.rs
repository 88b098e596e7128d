//! What a derive emits when its input is wrong: the errors, plus impls whose bodies never
//! run, so that code using the type reports nothing but the real mistake.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Container, Derive};

pub fn generate(container: &Container<'_>, error: syn::Error) -> TokenStream {
    let input = container.input;
    let ident = &input.ident;
    let krate = container.krate.as_ref().map_or_else(
        || quote!(::odata),
        |krate| {
            let path = &krate.value;
            quote!(#path)
        },
    );
    let errors = error.to_compile_error();
    if !input.generics.params.is_empty() {
        // The generics are the error; impls without their bounds would only add noise.
        return errors;
    }
    let resource = (container.derive == Derive::Resource).then(|| {
        quote! {
            impl #krate::ODataResource for #ident {
                const COLLECTION_PATH: &'static str = "";
                const KEY: &'static str = "";
            }
        }
    });
    quote! {
        #errors
        #[doc(hidden)]
        const _: () = {
            impl #krate::ODataType for #ident {
                const TYPE_NAME: &'static str = "";
                const PROPERTIES: &'static [#krate::Property] = &[];

                fn __serialize_view<__S>(
                    &self,
                    _: __S,
                    _: #krate::__private::View,
                ) -> ::core::result::Result<__S::Ok, __S::Error>
                where
                    __S: #krate::__private::serde::Serializer,
                {
                    ::core::unreachable!()
                }
            }
            #resource
            impl #krate::__private::serde::Serialize for #ident {
                fn serialize<__S>(&self, _: __S) -> ::core::result::Result<__S::Ok, __S::Error>
                where
                    __S: #krate::__private::serde::Serializer,
                {
                    ::core::unreachable!()
                }
            }
            impl<'de> #krate::__private::serde::Deserialize<'de> for #ident {
                fn deserialize<__D>(_: __D) -> ::core::result::Result<Self, __D::Error>
                where
                    __D: #krate::__private::serde::Deserializer<'de>,
                {
                    ::core::unreachable!()
                }
            }
        };
    }
}
