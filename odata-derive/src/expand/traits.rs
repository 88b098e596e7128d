//! A struct's `ODataType` and `ODataResource` impls: names, metadata, key and the writer.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned, ToTokens as _};
use syn::spanned::Spanned as _;

use crate::check::Model;
use crate::expand::{at_type, base_predicate, base_properties, base_property_count, qualified, where_base};
use crate::parse::Derive;

pub fn odata_type(model: &Model<'_>) -> TokenStream {
    let Model { ident, krate, type_name, .. } = model;
    let own = model.properties.iter().map(|property| {
        let name = &property.wire_name;
        let (read_only, key, optional, navigation) =
            (property.read_only, property.key, property.optional, property.navigation);
        quote!(__odata::Property::declared(#name, #read_only, #key, #optional, #navigation))
    });
    let properties = match &model.base {
        Some(base) => {
            let base_properties = base_properties(base.ty);
            let base_count = base_property_count(base.ty);
            let own_count = model.properties.len();
            quote! {
                &__odata::concat_properties::<{ #base_count + #own_count }>(
                    #base_properties,
                    &[#(#own),*],
                )
            }
        }
        None => quote!(&[#(#own),*]),
    };
    let kept = crate::expand::structured::kept(model);
    let redeclared = model.base.as_ref().map(|base| {
        let base_count = base_property_count(base.ty);
        let base_name = base.ty.to_token_stream().to_string().replace(' ', "");
        let arms = model.properties.iter().enumerate().map(|(index, property)| {
            let message = format!(
                "`{}` is declared twice: by the field `{}` here and by the base type `{base_name}`; remove one of them",
                property.wire_name,
                crate::attr::plain(property.member),
            );
            // A `#[track_caller]` const fn: the panic is reported here, as a `panic!` would be,
            // and each arm is one call rather than a formatted panic in the constant's MIR (a
            // thousand derived types, a dozen properties each).
            let panic = quote_spanned!(property.name_span=> __odata::redeclared_property(#message));
            quote!(__odata::Some(#index) => #panic,)
        });
        // Evaluated at compile time: a property of the base declared again would be written
        // twice and could not be read back.
        quote! {
            const _: () = match __odata::redeclared(<#ident as #krate::ODataType>::PROPERTIES, #base_count) {
                #(#arms)*
                _ => {}
            };
        }
    });
    // Only an entity type's payloads leave properties out: a complex type keeps the trait's
    // writer, which writes it in full.
    let serialize_view = (model.derive == Derive::Resource).then(|| {
        quote! {
            fn __serialize_view<__S>(
                &self,
                __serializer: __S,
                __view: __odata::View,
            ) -> __odata::SerializeResult<__S>
            where
                __S: __odata::serde::Serializer,
            {
                __odata::serialize_structured(self, __serializer, __view)
            }
        }
    });
    quote! {
        #redeclared

        #[automatically_derived]
        impl #krate::ODataType for #ident {
            const TYPE_NAME: &'static __odata::str = #type_name;
            const PROPERTIES: &'static [#krate::Property] = #properties;
            #serialize_view
            #kept
        }
    }
}

pub fn odata_resource(model: &Model<'_>) -> TokenStream {
    let krate = &model.krate;
    if model.derive != Derive::Resource {
        return TokenStream::new();
    }
    let keys: Vec<&crate::check::Property<'_>> =
        model.properties.iter().filter(|property| property.key).collect();
    let (key_names, append_key) = match &model.base {
        Some(base) => {
            let (member, ty) = (base.member, base.ty);
            let resource = |item| qualified(ty, quote!(#krate::ODataResource), item);
            let append_key = resource(quote!(__append_key));
            let arguments = at_type(ty, quote!((&self.#member, __path, __style)));
            (resource(quote!(KEYS)), quote!(#append_key #arguments))
        }
        None => {
            let names = keys.iter().map(|key| &key.wire_name);
            (quote!(&[#(#names),*]), append_own_key(model, &keys))
        }
    };
    let resource = resource_impl(model, &key_names, &append_key);
    let entity_set = entity_set_impl(model);
    let singleton = model.singleton.as_ref().map(|path| {
        let ident = model.ident;
        let where_base = where_base(model);
        quote! {
            #[automatically_derived]
            impl #krate::Singleton for #ident #where_base {
                const SINGLETON_PATH: &'static __odata::str = #path;
            }
        }
    });
    quote!(#resource #entity_set #singleton)
}

/// The body of `__append_key` for the type's own key properties: one key as `ODataKey`
/// writes it, a composite key as `(A=literal,B=literal)`; `false` while a key is not set.
fn append_own_key(model: &Model<'_>, keys: &[&crate::check::Property<'_>]) -> TokenStream {
    let krate = &model.krate;
    match keys {
        [] => quote!(false),
        [key] => {
            let member = key.member;
            if key.optional {
                quote_spanned! {key.ty.span()=>
                    match &self.#member {
                        __odata::Some(__key) => {
                            #krate::ODataKey::append_key(__key, __path, __style);
                            true
                        }
                        __odata::None => false,
                    }
                }
            } else {
                quote_spanned! {key.ty.span()=>
                    #krate::ODataKey::append_key(&self.#member, __path, __style);
                    true
                }
            }
        }
        keys => {
            let bindings: Vec<_> =
                (0..keys.len()).map(|index| quote::format_ident!("__key{}", index)).collect();
            let taken = keys.iter().zip(&bindings).map(|(key, binding)| {
                let member = key.member;
                if key.optional {
                    quote! {
                        let __odata::Some(#binding) = &self.#member else {
                            return false;
                        };
                    }
                } else {
                    quote!(let #binding = &self.#member;)
                }
            });
            let pushes = keys.iter().zip(&bindings).map(|(key, binding)| {
                let name = &key.wire_name;
                let value_ty = key.value_ty;
                quote_spanned!(value_ty.span()=> __parts.push::<#value_ty>(#name, #binding);)
            });
            quote! {
                #(#taken)*
                __odata::append_named_key(__path, |__parts| {
                    #(#pushes)*
                });
                true
            }
        }
    }
}

/// `EntitySet` for a type that declares its entity set (and `COLLECTION_PATH` on the type
/// itself, so that it needs no import), or that takes its base's when the base has one.
pub fn entity_set_impl(model: &Model<'_>) -> TokenStream {
    let Model { ident, krate, .. } = model;
    let where_base = where_base(model);
    match (&model.collection, &model.base) {
        (Some(collection), _) => quote! {
            #[automatically_derived]
            impl #krate::EntitySet for #ident #where_base {
                const COLLECTION_PATH: &'static __odata::str = #collection;
            }

            #[automatically_derived]
            impl #ident {
                /// The path of the entity set, relative to the service root (`odata::EntitySet`).
                pub const COLLECTION_PATH: &'static __odata::str = #collection;
            }
        },
        (None, Some(base)) => {
            let ty = base.ty;
            let base_predicate = base_predicate(model);
            // Higher-ranked, so that a base without an entity set leaves this type without
            // one rather than failing.
            quote! {
                #[automatically_derived]
                impl #krate::EntitySet for #ident
                where
                    for<'__set> #ty: #krate::EntitySet,
                    #base_predicate
                {
                    const COLLECTION_PATH: &'static __odata::str = <#ty as #krate::EntitySet>::COLLECTION_PATH;
                    const SET_TYPE_NAME: &'static __odata::str = <#ty as #krate::EntitySet>::SET_TYPE_NAME;
                }
            }
        }
        (None, None) => TokenStream::new(),
    }
}

/// The `ODataResource` impl of a struct or an enum: `append_key` is the body of
/// `__append_key`, which sees `self`, `__path` and `__style`.
pub fn resource_impl(model: &Model<'_>, keys: &TokenStream, append_key: &TokenStream) -> TokenStream {
    let Model { ident, krate, .. } = model;
    let where_base = where_base(model);
    // `KEY` is the trait's: the first of `KEYS`.
    quote! {
        #[automatically_derived]
        impl #krate::ODataResource for #ident #where_base {
            const KEYS: &'static [&'static __odata::str] = #keys;

            // Inline: compiled only where a URL names an entity of this type.
            #[inline]
            fn __append_key(&self, __path: &mut __odata::String, __style: #krate::KeyStyle) -> __odata::bool {
                #append_key
            }
        }
    }
}
