//! An enum over the types of a hierarchy: `Polymorphic` (dispatch on `@odata.type` when
//! reading), and `ODataType` and `ODataResource` that delegate to the variant.

use proc_macro2::TokenStream;
use quote::quote;

use crate::check::{Model, VariantModel};
use crate::expand::qualified;
use crate::expand::traits::resource_impl;
use crate::parse::Derive;

pub fn polymorphic(model: &Model<'_>, variants: &[VariantModel<'_>]) -> TokenStream {
    let Model { ident, krate, type_name, .. } = model;
    let private = quote!(#krate::__private);
    let known: Vec<&VariantModel<'_>> = variants.iter().filter(|variant| !variant.other).collect();
    let other = variants.iter().find(|variant| variant.other);

    // Each variant's type is named through one trait (two in a resource enum) by paths that
    // carry its span, so that a type that is not an OData type (or, in a resource enum, not
    // an entity type) is reported once, at the variant.
    let structured = |ty, item| qualified(ty, quote!(#private::Structured), item);
    let type_names = known.iter().map(|variant| structured(variant.ty, quote!(NAME)));
    let property_tables = known.iter().map(|variant| {
        let (name, properties) =
            (structured(variant.ty, quote!(NAME)), structured(variant.ty, quote!(ALL_PROPERTIES)));
        quote!((#name, #properties))
    });
    let read_arms = known.iter().enumerate().map(|(index, variant)| {
        let name = variant.ident;
        let read = structured(variant.ty, quote!(read_as_variant));
        quote! {
            #index => #read::<__A>(Self::VARIANT_PROPERTIES, __buffered, __map).map(#ident::#name),
        }
    });
    let other_item = |ty, item| qualified(ty, quote!(#private::OtherVariant), item);
    let (has_other, make_other) = match other {
        Some(variant) => {
            let (name, from_raw) = (variant.ident, other_item(variant.ty, quote!(from_raw)));
            (quote!(true), quote!(::core::option::Option::Some(#ident::#name(#from_raw(__raw)))))
        }
        None => (quote!(false), quote!(::core::option::Option::None)),
    };
    let serialize_arms = variants.iter().map(|variant| {
        let name = variant.ident;
        if variant.other {
            let raw = other_item(variant.ty, quote!(raw));
            quote!(#ident::#name(__raw) => #private::serde::Serialize::serialize(#raw(__raw), __serializer),)
        } else {
            let serialize = structured(variant.ty, quote!(serialize_in_view));
            quote!(#ident::#name(__value) => #serialize(__value, __serializer, __view),)
        }
    });
    let annotation_arms = variants.iter().map(|variant| {
        let name = variant.ident;
        if variant.other {
            quote!(#ident::#name(_) => ::core::option::Option::None,)
        } else {
            let annotations = structured(variant.ty, quote!(annotations_of));
            quote!(#ident::#name(__value) => #annotations(__value),)
        }
    });

    let resource = (model.derive == Derive::Resource).then(|| {
        let first = known.first().map(|variant| variant.ty);
        let resource = |ty, item| qualified(ty, quote!(#krate::ODataResource), item);
        let (key, keys) = match first {
            Some(ty) => (resource(ty, quote!(KEY)), resource(ty, quote!(KEYS))),
            None => (quote!(""), quote!(&[])),
        };
        let key_arms = variants.iter().map(|variant| {
            let (name, ty) = (variant.ident, variant.ty);
            if variant.other {
                let raw = other_item(ty, quote!(raw));
                quote! {
                    #ident::#name(__raw) => #private::append_raw_key(
                        #raw(__raw),
                        <Self as #krate::ODataResource>::KEY,
                        __path,
                        __style,
                    ),
                }
            } else {
                let append_key = resource(ty, quote!(__append_key));
                let arguments = crate::expand::at_type(ty, quote!((__value, __path, __style)));
                quote! {
                    #ident::#name(__value) => #append_key #arguments,
                }
            }
        });
        let append_key = quote! {
            match self {
                #(#key_arms)*
            }
        };
        let resource = resource_impl(model, &key, &keys, &append_key);
        let entity_set = crate::expand::traits::entity_set_impl(model);
        quote!(#resource #entity_set)
    });

    let describes = known.iter().map(|variant| structured(variant.ty, quote!(DESCRIBE)));
    // The enum stands for its hierarchy's root: a property of this type is of the root type,
    // and a document that adds it adds every variant's type.
    let described = crate::expand::describe::only_with_csdl(quote! {
        #[automatically_derived]
        impl #private::Described for #ident {
            const DESCRIPTION: #krate::csdl::TypeDescription = #krate::csdl::TypeDescription {
                variants: &[#(#describes),*],
                ..#krate::csdl::TypeDescription::named(#type_name, #krate::csdl::TypeKind::Hierarchy)
            };
        }

        #[automatically_derived]
        impl #krate::csdl::EdmTyped for #ident {
            const EDM: #krate::csdl::EdmType =
                #krate::csdl::EdmType::described(<#ident as #private::Described>::description);
        }
    });
    quote! {
        #described

        #[automatically_derived]
        impl #private::Polymorphic for #ident {
            const BASE_TYPE: &'static ::core::primitive::str = #type_name;
            const TYPE_NAMES: &'static [&'static ::core::primitive::str] = &[#(#type_names),*];
            const HAS_OTHER: ::core::primitive::bool = #has_other;

            fn read_variant<'de, __A>(
                __index: ::core::primitive::usize,
                __buffered: ::std::vec::Vec<(::std::string::String, #private::Value)>,
                __map: &mut __A,
            ) -> ::core::result::Result<Self, <__A as #krate::__private::serde::de::MapAccess<'de>>::Error>
            where
                __A: #private::serde::de::MapAccess<'de>,
            {
                match __index {
                    #(#read_arms)*
                    _ => ::core::result::Result::Err(#private::serde::de::Error::custom("no variant at this index")),
                }
            }

            const VARIANT_PROPERTIES: &'static [(&'static ::core::primitive::str, &'static [#krate::Property])] =
                &[#(#property_tables),*];

            fn other(__raw: #krate::RawObject) -> ::core::option::Option<Self> {
                #make_other
            }
        }

        #[automatically_derived]
        impl #krate::ODataType for #ident {
            const TYPE_NAME: &'static ::core::primitive::str = #type_name;
            const PROPERTIES: &'static [#krate::Property] =
                #private::properties_of_type(#type_name, <Self as #private::Polymorphic>::VARIANT_PROPERTIES);

            fn __serialize_view<__S>(
                &self,
                __serializer: __S,
                __view: #private::View,
            ) -> ::core::result::Result<<__S as #krate::__private::serde::Serializer>::Ok, <__S as #krate::__private::serde::Serializer>::Error>
            where
                __S: #private::serde::Serializer,
            {
                match self {
                    #(#serialize_arms)*
                }
            }

            // Inline: a match over every variant, compiled only where it is called.
            #[inline]
            fn annotations(&self) -> ::core::option::Option<&#krate::Annotations> {
                match self {
                    #(#annotation_arms)*
                }
            }
        }

        #resource
    }
}
