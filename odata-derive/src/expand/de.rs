//! `serde::Deserialize`: reads a JSON object in any member order, checks `@odata.type`
//! wherever it stands, skips unknown properties and annotations, and names the property in
//! every error.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned as _;

use crate::check::Model;

pub fn deserialize(model: &Model<'_>) -> TokenStream {
    let Model { ident, krate, type_name, .. } = model;
    let private = quote!(#krate::__private);
    let slots: Vec<_> =
        (0..model.properties.len()).map(|index| format_ident!("__property{}", index)).collect();

    let declarations = model.properties.iter().zip(&slots).map(|(property, slot)| {
        let ty = property.ty;
        quote_spanned!(ty.span()=> let mut #slot: ::core::option::Option<#ty> = ::core::option::Option::None;)
    });
    let lookup_arms = model.properties.iter().enumerate().map(|(index, property)| {
        let name = &property.wire_name;
        quote!(#name => ::core::option::Option::Some(#index),)
    });
    let read_arms = model.properties.iter().zip(&slots).enumerate().map(|(index, (property, slot))| {
        let ty = property.ty;
        let name = &property.wire_name;
        let read = quote_spanned! {ty.span()=>
            #private::serde::de::MapAccess::next_value::<#ty>(&mut __map)
        };
        quote! {
            #private::PropertyKey::Declared(#index) => {
                if #slot.is_some() {
                    return ::core::result::Result::Err(#private::duplicate_property(#name));
                }
                #slot = ::core::option::Option::Some(
                    #read.map_err(|__error| #private::in_property(#name, __error))?
                );
            }
        }
    });
    let fields = model.properties.iter().zip(&slots).map(|(property, slot)| {
        let member = property.member;
        let name = &property.wire_name;
        let absent = if property.optional {
            quote!(::core::option::Option::None)
        } else {
            quote!(return ::core::result::Result::Err(#private::missing_property(#name, #type_name)))
        };
        quote! {
            #member: match #slot {
                ::core::option::Option::Some(__value) => __value,
                ::core::option::Option::None => #absent,
            },
        }
    });

    quote! {
        #[automatically_derived]
        impl<'de> #private::serde::Deserialize<'de> for #ident {
            fn deserialize<__D>(__deserializer: __D) -> ::core::result::Result<Self, __D::Error>
            where
                __D: #private::serde::Deserializer<'de>,
            {
                struct __Visitor;

                impl<'de> #private::serde::de::Visitor<'de> for __Visitor {
                    type Value = #ident;

                    fn expecting(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        #private::expecting_object(__f, #type_name)
                    }

                    fn visit_map<__A>(self, mut __map: __A) -> ::core::result::Result<#ident, __A::Error>
                    where
                        __A: #private::serde::de::MapAccess<'de>,
                    {
                        fn __lookup(__name: &str) -> ::core::option::Option<usize> {
                            match __name {
                                #(#lookup_arms)*
                                _ => ::core::option::Option::None,
                            }
                        }
                        #(#declarations)*
                        while let ::core::option::Option::Some(__key) =
                            #private::serde::de::MapAccess::next_key_seed(
                                &mut __map,
                                #private::PropertyKeySeed { lookup: __lookup },
                            )?
                        {
                            match __key {
                                #(#read_arms)*
                                #private::PropertyKey::TypeAnnotation => {
                                    #private::serde::de::MapAccess::next_value_seed(
                                        &mut __map,
                                        #private::TypeAnnotationSeed { expected: #type_name },
                                    )?;
                                }
                                _ => {
                                    #private::serde::de::MapAccess::next_value::<#private::serde::de::IgnoredAny>(&mut __map)?;
                                }
                            }
                        }
                        ::core::result::Result::Ok(#ident { #(#fields)* })
                    }
                }

                #private::serde::Deserializer::deserialize_map(__deserializer, __Visitor)
            }
        }
    }
}
