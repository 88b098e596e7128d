//! An enum over the types of a hierarchy: `Polymorphic` (dispatch on `@odata.type` when
//! reading), and `ODataType` and `ODataResource` that delegate to the variant.

use proc_macro2::TokenStream;
use quote::quote;

use crate::check::{Model, VariantModel};
use crate::expand::qualified;
use crate::expand::traits::resource_impl;
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
    variants: &'m [VariantModel<'a>],
    known: Vec<&'m VariantModel<'a>>,
    other: Option<&'m VariantModel<'a>>,
}

impl<'m, 'a> EnumParts<'m, 'a> {
    fn new(model: &'m Model<'a>, variants: &'m [VariantModel<'a>]) -> Self {
        EnumParts {
            model,
            variants,
            known: variants.iter().filter(|variant| !variant.other).collect(),
            other: variants.iter().find(|variant| variant.other),
        }
    }

    /// `<ty as Structured>::item`, spanned on the variant's type.
    fn structured(&self, ty: &syn::Type, item: TokenStream) -> TokenStream {
        qualified(ty, quote!(__odata::Structured), item)
    }

    /// `<ty as OtherVariant>::item`, spanned on the `other` variant's type.
    fn other_item(&self, ty: &syn::Type, item: TokenStream) -> TokenStream {
        qualified(ty, quote!(__odata::OtherVariant), item)
    }

    /// `Polymorphic`: the variants' type names and property tables, and the reading of the
    /// variant that `@odata.type` names.
    fn polymorphic_impl(&self) -> TokenStream {
        let Model { ident, krate, type_name, .. } = self.model;
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
                #index => #read::<__A>(__hierarchy, __map).map(#ident::#name),
            }
        });
        let (has_other, make_other) = match self.other {
            Some(variant) => {
                let (name, from_raw) = (variant.ident, self.other_item(variant.ty, quote!(from_raw)));
                (quote!(true), quote!(__odata::Some(#ident::#name(#from_raw(__raw)))))
            }
            None => (quote!(false), quote!(__odata::None)),
        };
        quote! {
            #[automatically_derived]
            impl __odata::Polymorphic for #ident {
                const BASE_TYPE: &'static __odata::str = #type_name;
                const TYPE_NAMES: &'static [&'static __odata::str] = &[#(#type_names),*];
                const HAS_OTHER: __odata::bool = #has_other;

                fn read_variant<'de, __A>(
                    __index: __odata::usize,
                    __hierarchy: __odata::Hierarchy,
                    __map: &mut __A,
                ) -> __odata::Result<Self, <__A as __odata::serde::de::MapAccess<'de>>::Error>
                where
                    __A: __odata::serde::de::MapAccess<'de>,
                {
                    match __index {
                        #(#read_arms)*
                        _ => __odata::Err(__odata::serde::de::Error::custom("no variant at this index")),
                    }
                }

                const VARIANT_PROPERTIES: &'static [(&'static __odata::str, &'static [#krate::Property])] =
                    &[#(#property_tables),*];

                fn other(__raw: #krate::RawObject) -> __odata::Option<Self> {
                    #make_other
                }
            }
        }
    }

    /// `ODataType`: the root's name and properties; writing and annotations are the variant's.
    fn odata_type_impl(&self) -> TokenStream {
        let Model { ident, krate, type_name, .. } = self.model;
        let serialize_arms = self.variants.iter().map(|variant| {
            let name = variant.ident;
            if variant.other {
                let raw = self.other_item(variant.ty, quote!(raw));
                quote!(#ident::#name(__raw) => __odata::serde::Serialize::serialize(#raw(__raw), __serializer),)
            } else {
                let serialize = self.structured(variant.ty, quote!(serialize_in_view));
                quote!(#ident::#name(__value) => #serialize(__value, __serializer, __view),)
            }
        });
        let annotation_arms = self.variants.iter().map(|variant| {
            let name = variant.ident;
            if variant.other {
                quote!(#ident::#name(_) => __odata::None,)
            } else {
                let annotations = self.structured(variant.ty, quote!(annotations_of));
                quote!(#ident::#name(__value) => #annotations(__value),)
            }
        });
        quote! {
            #[automatically_derived]
            impl #krate::ODataType for #ident {
                const TYPE_NAME: &'static __odata::str = #type_name;
                const PROPERTIES: &'static [#krate::Property] =
                    __odata::properties_of_type(#type_name, <Self as __odata::Polymorphic>::VARIANT_PROPERTIES);

                fn __serialize_view<__S>(
                    &self,
                    __serializer: __S,
                    __view: __odata::View,
                ) -> __odata::SerializeResult<__S>
                where
                    __S: __odata::serde::Serializer,
                {
                    match self {
                        #(#serialize_arms)*
                    }
                }

                // Inline: a match over every variant, compiled only where it is called.
                #[inline]
                fn annotations(&self) -> __odata::Option<&#krate::Annotations> {
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
        let resource = |ty, item| qualified(ty, quote!(#krate::ODataResource), item);
        let keys = match self.known.first() {
            Some(variant) => resource(variant.ty, quote!(KEYS)),
            None => quote!(&[]),
        };
        let key_arms = self.variants.iter().map(|variant| {
            let (name, ty) = (variant.ident, variant.ty);
            if variant.other {
                let raw = self.other_item(ty, quote!(raw));
                quote! {
                    #ident::#name(__raw) => __odata::append_raw_key(
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
        let resource = resource_impl(self.model, &keys, &append_key);
        let entity_set = crate::expand::traits::entity_set_impl(self.model);
        quote!(#resource #entity_set)
    }

    /// With the `csdl` feature: the enum stands for its hierarchy's root. A property of this
    /// type is of the root type, and a document that adds it adds every variant's type.
    fn described(&self) -> TokenStream {
        let Model { ident, krate, type_name, .. } = self.model;
        let describes = self.known.iter().map(|variant| self.structured(variant.ty, quote!(DESCRIBE)));
        crate::expand::describe::only_with_csdl(|| {
            quote! {
                #[automatically_derived]
                impl __odata::Described for #ident {
                    const DESCRIPTION: #krate::csdl::TypeDescription = #krate::csdl::TypeDescription {
                        variants: &[#(#describes),*],
                        ..#krate::csdl::TypeDescription::named(#type_name, #krate::csdl::TypeKind::Hierarchy)
                    };
                }

                #[automatically_derived]
                impl #krate::csdl::EdmTyped for #ident {
                    const EDM: #krate::csdl::EdmType =
                        #krate::csdl::EdmType::described(<#ident as __odata::Described>::description);
                }
            }
        })
    }
}
