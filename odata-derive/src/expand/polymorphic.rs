//! An enum over the types of a hierarchy: `Polymorphic` (dispatch on `@odata.type` when
//! reading), and `ODataType` and `ODataResource` that delegate to the variant.

use proc_macro2::TokenStream;
use quote::quote;

use crate::check::{Model, VariantModel};
use crate::expand::traits::resource_impl;
use crate::expand::{qualified, PrivatePath};
use crate::parse::Derive;

pub fn polymorphic(model: &Model<'_>, variants: &[VariantModel<'_>]) -> TokenStream {
    let parts = EnumParts::new(model, variants);
    let described = parts.described();
    let polymorphic = parts.polymorphic_impl();
    let odata_type = parts.odata_type_impl();
    let resource = (model.derive == Derive::Resource).then(|| parts.resource_impls());
    quote!(#described #polymorphic #odata_type #resource)
}

/// What the enum's impls share: its variants, those that hold a declared type (`known`), and
/// the `#[odata(other)]` one.
///
/// Each variant's type is named through one trait (two in a resource enum) by paths that
/// carry its span, so that a type that is not an OData type (or, in a resource enum, not an
/// entity type) is reported once, at the variant.
struct EnumParts<'m, 'a> {
    model: &'m Model<'a>,
    private: PrivatePath<'m>,
    variants: &'m [VariantModel<'a>],
    known: Vec<&'m VariantModel<'a>>,
    other: Option<&'m VariantModel<'a>>,
}

impl<'m, 'a> EnumParts<'m, 'a> {
    fn new(model: &'m Model<'a>, variants: &'m [VariantModel<'a>]) -> Self {
        let krate = &model.krate;
        EnumParts {
            model,
            private: PrivatePath(krate),
            variants,
            known: variants.iter().filter(|variant| !variant.other).collect(),
            other: variants.iter().find(|variant| variant.other),
        }
    }

    /// `<ty as Structured>::item`, spanned on the variant's type.
    fn structured(&self, ty: &syn::Type, item: TokenStream) -> TokenStream {
        let private = &self.private;
        qualified(ty, quote!(#private::Structured), item)
    }

    /// `<ty as OtherVariant>::item`, spanned on the `other` variant's type.
    fn other_item(&self, ty: &syn::Type, item: TokenStream) -> TokenStream {
        let private = &self.private;
        qualified(ty, quote!(#private::OtherVariant), item)
    }

    /// `Polymorphic`: the variants' type names and property tables, and the reading of the
    /// variant that `@odata.type` names.
    fn polymorphic_impl(&self) -> TokenStream {
        let Model { ident, krate, type_name, .. } = self.model;
        let private = &self.private;
        let type_names = self.known.iter().map(|variant| self.structured(variant.ty, quote!(NAME)));
        let property_tables = self.known.iter().map(|variant| {
            let name = self.structured(variant.ty, quote!(NAME));
            let properties = self.structured(variant.ty, quote!(ALL_PROPERTIES));
            quote!((#name, #properties))
        });
        let read_arms = self.known.iter().enumerate().map(|(index, variant)| {
            let name = variant.ident;
            let read = self.structured(variant.ty, quote!(read_as_variant));
            quote! {
                #index => #read::<__A>(__hierarchy, __buffered, __map).map(#ident::#name),
            }
        });
        let (has_other, make_other) = match self.other {
            Some(variant) => {
                let (name, from_raw) = (variant.ident, self.other_item(variant.ty, quote!(from_raw)));
                (quote!(true), quote!(::core::option::Option::Some(#ident::#name(#from_raw(__raw)))))
            }
            None => (quote!(false), quote!(::core::option::Option::None)),
        };
        quote! {
            #[automatically_derived]
            impl #private::Polymorphic for #ident {
                const BASE_TYPE: &'static ::core::primitive::str = #type_name;
                const TYPE_NAMES: &'static [&'static ::core::primitive::str] = &[#(#type_names),*];
                const HAS_OTHER: ::core::primitive::bool = #has_other;

                fn read_variant<'de, __A>(
                    __index: ::core::primitive::usize,
                    __hierarchy: #private::Hierarchy,
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
        }
    }

    /// `ODataType`: the root's name and properties; writing and annotations are the variant's.
    fn odata_type_impl(&self) -> TokenStream {
        let Model { ident, krate, type_name, .. } = self.model;
        let private = &self.private;
        let serialize_arms = self.variants.iter().map(|variant| {
            let name = variant.ident;
            if variant.other {
                let raw = self.other_item(variant.ty, quote!(raw));
                quote!(#ident::#name(__raw) => #private::serde::Serialize::serialize(#raw(__raw), __serializer),)
            } else {
                let serialize = self.structured(variant.ty, quote!(serialize_in_view));
                quote!(#ident::#name(__value) => #serialize(__value, __serializer, __view),)
            }
        });
        let annotation_arms = self.variants.iter().map(|variant| {
            let name = variant.ident;
            if variant.other {
                quote!(#ident::#name(_) => ::core::option::Option::None,)
            } else {
                let annotations = self.structured(variant.ty, quote!(annotations_of));
                quote!(#ident::#name(__value) => #annotations(__value),)
            }
        });
        quote! {
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
        }
    }

    /// A resource enum's `ODataResource` and `EntitySet`: the first variant's key names, and
    /// each variant's own key (an `other` value's from its raw key member).
    fn resource_impls(&self) -> TokenStream {
        let Model { ident, krate, .. } = self.model;
        let private = &self.private;
        let resource = |ty, item| qualified(ty, quote!(#krate::ODataResource), item);
        let (key, keys) = match self.known.first() {
            Some(variant) => (resource(variant.ty, quote!(KEY)), resource(variant.ty, quote!(KEYS))),
            None => (quote!(""), quote!(&[])),
        };
        let key_arms = self.variants.iter().map(|variant| {
            let (name, ty) = (variant.ident, variant.ty);
            if variant.other {
                let raw = self.other_item(ty, quote!(raw));
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
        let resource = resource_impl(self.model, &key, &keys, &append_key);
        let entity_set = crate::expand::traits::entity_set_impl(self.model);
        quote!(#resource #entity_set)
    }

    /// With the `csdl` feature: the enum stands for its hierarchy's root. A property of this
    /// type is of the root type, and a document that adds it adds every variant's type.
    fn described(&self) -> TokenStream {
        let Model { ident, krate, type_name, .. } = self.model;
        let private = &self.private;
        let describes = self.known.iter().map(|variant| self.structured(variant.ty, quote!(DESCRIBE)));
        crate::expand::describe::only_with_csdl(|| {
            quote! {
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
            }
        })
    }
}
