//! `serde::Deserialize`: reads a JSON object in any member order, checks `@odata.type`
//! wherever it stands, skips unknown properties and annotations, and names the property in
//! every error.

use proc_macro2::{Group, TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned, ToTokens as _};
use syn::spanned::Spanned as _;
use syn::{Ident, Type};

use crate::check::Model;

pub fn deserialize(model: &Model<'_>) -> TokenStream {
    let Model { ident, krate, type_name, .. } = model;
    let private = quote!(#krate::__private);
    let slots: Vec<_> =
        (0..model.properties.len()).map(|index| format_ident!("__property{}", index)).collect();

    let declarations = model.properties.iter().zip(&slots).map(|(property, slot)| {
        let ty = outside_self(property.ty, ident);
        quote_spanned!(property.ty.span()=> let mut #slot: ::core::option::Option<#ty> = ::core::option::Option::None;)
    });
    let lookup_arms = model.properties.iter().enumerate().map(|(index, property)| {
        let name = &property.wire_name;
        quote!(#name => ::core::option::Option::Some(#index),)
    });
    let read_arms = model.properties.iter().zip(&slots).enumerate().map(|(index, (property, slot))| {
        let ty = outside_self(property.ty, ident);
        let name = &property.wire_name;
        let read = if property.optional && names_option(property.value_ty) {
            // `Option<Option<T>>` tells `null` (`Some(None)`, written back as `null`) from
            // absent (`None`, not written): the value reads as the inner `Option<T>`, which
            // takes `null`, where the outer one would take it as absent.
            let inner = outside_self(property.value_ty, ident);
            quote_spanned! {property.ty.span()=>
                #private::serde::de::MapAccess::next_value::<#inner>(&mut __map)
                    .map(::core::option::Option::Some)
            }
        } else {
            quote_spanned! {property.ty.span()=>
                #private::serde::de::MapAccess::next_value::<#ty>(&mut __map)
            }
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
                        fn __lookup(__name: &::core::primitive::str) -> ::core::option::Option<::core::primitive::usize> {
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

/// Whether a type is written `Option<...>` (or `std::option::Option<...>`), by its last path
/// segment: a derive sees tokens, not resolved types.
fn names_option(ty: &Type) -> bool {
    match ty {
        Type::Path(path) if path.qself.is_none() => path.path.segments.last().is_some_and(|last| {
            last.ident == "Option" && matches!(last.arguments, syn::PathArguments::AngleBracketed(_))
        }),
        _ => false,
    }
}

/// A field's type as the visitor names it. Inside `impl Visitor for __Visitor`, `Self` is the
/// visitor, so each `Self` of the type (`Vec<Self>`) becomes the struct's name, with the
/// span of the `Self` it replaces.
fn outside_self(ty: &Type, ident: &Ident) -> TokenStream {
    fn replace(tokens: TokenStream, ident: &Ident) -> TokenStream {
        tokens
            .into_iter()
            .map(|tree| match tree {
                TokenTree::Ident(found) if found == "Self" => {
                    let mut named = ident.clone();
                    named.set_span(found.span());
                    TokenTree::Ident(named)
                }
                TokenTree::Group(group) => {
                    let mut replaced = Group::new(group.delimiter(), replace(group.stream(), ident));
                    replaced.set_span(group.span());
                    TokenTree::Group(replaced)
                }
                other => other,
            })
            .collect()
    }
    replace(ty.to_token_stream(), ident)
}
