//! What a derive emits when its input is wrong: the errors, plus impls whose bodies never
//! run, so that code using the type reports nothing but the real mistake.

use proc_macro2::TokenStream;
use quote::quote;

use crate::parse::{Container, Derive};

pub fn stubs(container: &Container<'_>) -> TokenStream {
    let input = container.input;
    let ident = &input.ident;
    let krate = container.common.facade();
    let serde = crate::dummy::serde_stubs(input, &krate);
    // With the input's own generics (an error of their own, reported above), so that
    // `User<T>` used as an entity elsewhere reports nothing more either.
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let resource = (container.derive == Derive::Resource).then(|| {
        quote! {
            #[automatically_derived]
            impl #impl_generics #krate::EntitySet for #ident #ty_generics #where_clause {
                const COLLECTION_PATH: &'static ::core::primitive::str = "";
            }

            #[automatically_derived]
            impl #impl_generics #krate::ODataResource for #ident #ty_generics #where_clause {
                const KEYS: &'static [&'static ::core::primitive::str] = &[];

                fn __append_key(&self, _: &mut ::std::string::String, _: #krate::KeyStyle) -> ::core::primitive::bool {
                    ::core::unreachable!()
                }
            }
        }
    });
    let patchable = (container.derive == Derive::Resource
        && container.wants_patch()
        && container.fields.is_some()
        && input.generics.params.is_empty())
    .then(|| {
        quote! {
            #[derive(::core::default::Default)]
            pub struct __Patch;

            #[automatically_derived]
            impl #krate::__private::PatchChanges for __Patch {
                type Entity = #ident;

                fn diff_with(
                    _: &#krate::__private::Diff,
                    _: &#ident,
                    _: #ident,
                    _: ::core::option::Option<::std::string::String>,
                ) -> Self {
                    ::core::unreachable!()
                }

                fn write_changes<__M>(&self, _: &mut __M) -> ::core::result::Result<(), <__M as #krate::__private::serde::ser::SerializeMap>::Error>
                where
                    __M: #krate::__private::serde::ser::SerializeMap,
                {
                    ::core::unreachable!()
                }
            }

            #[automatically_derived]
            impl #krate::ODataPatch for __Patch {
                type Resource = #ident;

                fn __serialize_patch<__S>(&self, _: __S) -> ::core::result::Result<<__S as #krate::__private::serde::Serializer>::Ok, <__S as #krate::__private::serde::Serializer>::Error>
                where
                    __S: #krate::__private::serde::Serializer,
                {
                    ::core::unreachable!()
                }
            }

            #[automatically_derived]
            impl #impl_generics #krate::Patchable for #ident #ty_generics #where_clause {
                type Patch = __Patch;
            }
        }
    });
    // A struct is also `Structured` (and has query handles), so that a type naming it as its
    // `base` or as a variant reports nothing more either.
    let structured = container.fields.is_some().then(|| {
        let entity_base = (container.derive == Derive::Resource).then(|| {
            quote! {
                #[automatically_derived]
                impl #impl_generics #krate::__private::EntityBase for #ident #ty_generics #where_clause {}
            }
        });
        quote! {
            #[automatically_derived]
            impl #impl_generics #krate::__private::BaseType for #ident #ty_generics #where_clause {}

            #entity_base

            #[automatically_derived]
            impl #impl_generics #krate::query::ODataFields for #ident #ty_generics #where_clause {
                type Fields<O> = ();

                fn fields_at<O>(_: #krate::query::PropPath) {}
            }

            #[automatically_derived]
            impl #impl_generics #krate::__private::Structured for #ident #ty_generics #where_clause {
                type Builder = ();

                fn empty_builder() {}

                fn read_property<'de, __A>(
                    _: &mut (),
                    _: ::core::primitive::usize,
                    _: &mut __A,
                ) -> ::core::result::Result<(), <__A as #krate::__private::serde::de::MapAccess<'de>>::Error>
                where
                    __A: #krate::__private::serde::de::MapAccess<'de>,
                {
                    ::core::unreachable!()
                }

                fn finish(_: ()) -> ::core::result::Result<Self, #krate::__private::MissingProperty> {
                    ::core::unreachable!()
                }

                fn write_properties<__M>(
                    &self,
                    _: &mut __M,
                    _: #krate::__private::View,
                ) -> ::core::result::Result<(), <__M as #krate::__private::serde::ser::SerializeMap>::Error>
                where
                    __M: #krate::__private::serde::ser::SerializeMap,
                {
                    ::core::unreachable!()
                }
            }
        }
    });
    quote! {
            #structured
            #patchable
            #[automatically_derived]
            impl #impl_generics #krate::ODataType for #ident #ty_generics #where_clause {
                const TYPE_NAME: &'static ::core::primitive::str = "";
                const PROPERTIES: &'static [#krate::Property] = &[];
            }
            #resource
            #serde
    }
}
