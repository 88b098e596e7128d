//! An enum over the types of a hierarchy: `Polymorphic` (dispatch on `@odata.type` when
//! reading), and `ODataType` and `ODataResource` that delegate to the variant.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned as _;

use crate::check::{Model, VariantModel};
use crate::expand::traits::resource_impl;
use crate::model::Derive;

pub fn polymorphic(model: &Model<'_>, variants: &[VariantModel<'_>]) -> TokenStream {
    let Model { ident, krate, type_name, .. } = model;
    let private = quote!(#krate::__private);
    let known: Vec<&VariantModel<'_>> = variants.iter().filter(|variant| !variant.other).collect();
    let other = variants.iter().find(|variant| variant.other);

    // Each variant's type is named with its span, so that a type that is not an OData type
    // (or, in a resource enum, not an entity type) is reported at the variant.
    let type_names = known.iter().map(|variant| {
        let ty = variant.ty;
        quote_spanned!(ty.span()=> <#ty as #krate::ODataType>::TYPE_NAME)
    });
    let property_tables = known.iter().map(|variant| {
        let ty = variant.ty;
        quote_spanned!(ty.span()=> (<#ty as #krate::ODataType>::TYPE_NAME, <#ty as #krate::ODataType>::PROPERTIES))
    });
    let read_arms = known.iter().enumerate().map(|(index, variant)| {
        let (name, ty) = (variant.ident, variant.ty);
        quote_spanned! {ty.span()=>
            #index => #private::read_variant::<Self, #ty, __A>(__buffered, __map).map(#ident::#name),
        }
    });
    let declaring = known.iter().map(|variant| {
        let ty = variant.ty;
        quote_spanned! {ty.span()=>
            if <#ty as #private::Structured>::property_index(__name).is_some() {
                return ::core::option::Option::Some(<#ty as #krate::ODataType>::TYPE_NAME);
            }
        }
    });
    let (has_other, make_other) = match other {
        Some(variant) => {
            let (name, ty) = (variant.ident, variant.ty);
            let raw =
                quote_spanned!(ty.span()=> let __raw = <#ty as #private::OtherVariant>::from_raw(__raw););
            (quote!(true), quote!(#raw ::core::option::Option::Some(#ident::#name(__raw))))
        }
        None => (quote!(false), quote!(::core::option::Option::None)),
    };
    let serialize_arms = variants.iter().map(|variant| {
        let name = variant.ident;
        if variant.other {
            quote!(#ident::#name(__raw) => #private::serde::Serialize::serialize(__raw, __serializer),)
        } else {
            let ty = variant.ty;
            quote_spanned!(ty.span()=> #ident::#name(__value) => <#ty as #krate::ODataType>::__serialize_view(__value, __serializer, __view),)
        }
    });
    let annotation_arms = variants.iter().map(|variant| {
        let name = variant.ident;
        if variant.other {
            quote!(#ident::#name(_) => ::core::option::Option::None,)
        } else {
            let ty = variant.ty;
            quote_spanned!(ty.span()=> #ident::#name(__value) => <#ty as #krate::ODataType>::annotations(__value),)
        }
    });

    let resource = (model.derive == Derive::Resource).then(|| {
        let collection = model.collection.as_deref().unwrap_or_default();
        let first = known.first().map(|variant| variant.ty);
        let key = match first {
            Some(ty) => quote_spanned!(ty.span()=> <#ty as #krate::ODataResource>::KEY),
            None => quote!(""),
        };
        let key_arms = variants.iter().map(|variant| {
            let (name, ty) = (variant.ident, variant.ty);
            if variant.other {
                quote! {
                    #ident::#name(__raw) => #private::append_raw_key(
                        __raw,
                        <Self as #krate::ODataResource>::KEY,
                        __path,
                        __style,
                    ),
                }
            } else {
                quote_spanned! {ty.span()=>
                    #ident::#name(__value) => <#ty as #krate::ODataResource>::__append_key(__value, __path, __style),
                }
            }
        });
        let append_key = quote! {
            match self {
                #(#key_arms)*
            }
        };
        resource_impl(model, &quote!(#collection), &key, &append_key)
    });

    quote! {
        #[automatically_derived]
        impl #private::Polymorphic for #ident {
            const BASE_TYPE: &'static ::core::primitive::str = #type_name;
            const TYPE_NAMES: &'static [&'static ::core::primitive::str] = &[#(#type_names),*];
            const HAS_OTHER: ::core::primitive::bool = #has_other;

            fn read_variant<'de, __A>(
                __index: ::core::primitive::usize,
                __buffered: ::std::vec::Vec<(::std::string::String, #private::Value)>,
                __map: &mut __A,
            ) -> ::core::result::Result<Self, __A::Error>
            where
                __A: #private::serde::de::MapAccess<'de>,
            {
                match __index {
                    #(#read_arms)*
                    _ => ::core::result::Result::Err(#private::serde::de::Error::custom("no variant at this index")),
                }
            }

            fn declaring_type(__name: &::core::primitive::str) -> ::core::option::Option<&'static ::core::primitive::str> {
                #(#declaring)*
                ::core::option::Option::None
            }

            fn other(__raw: #krate::RawObject) -> ::core::option::Option<Self> {
                #make_other
            }
        }

        #[automatically_derived]
        impl #krate::ODataType for #ident {
            const TYPE_NAME: &'static ::core::primitive::str = #type_name;
            const PROPERTIES: &'static [#krate::Property] =
                #private::properties_of_type(#type_name, &[#(#property_tables),*]);

            fn __serialize_view<__S>(
                &self,
                __serializer: __S,
                __view: #private::View,
            ) -> ::core::result::Result<__S::Ok, __S::Error>
            where
                __S: #private::serde::Serializer,
            {
                match self {
                    #(#serialize_arms)*
                }
            }

            fn annotations(&self) -> ::core::option::Option<&#krate::Annotations> {
                match self {
                    #(#annotation_arms)*
                }
            }
        }

        #resource
    }
}
