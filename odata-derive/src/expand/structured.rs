//! A struct's `Structured` impl (the property table the runtime's reading and writing loops
//! use) and its builder.
//! The loops are generic functions in the runtime, so that little code is generated per type
//! and a derived type can reuse its base's properties.

use proc_macro2::{Group, TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned, ToTokens as _};
use syn::spanned::Spanned as _;
use syn::{Ident, Type};

use crate::check::{Held, Model};
use crate::expand::{
    at_type, base_property_count, member_entry, qualified, struct_literal, write_property_call,
};
use crate::parse::Derive;

pub fn structured(model: &Model<'_>) -> TokenStream {
    let Model { ident, krate, type_name, .. } = model;
    let private = quote!(#krate::__private);
    let slots: Vec<_> =
        (0..model.properties.len()).map(|index| format_ident!("__property{}", index)).collect();
    let annotation = match model.derive {
        // What Graph writes: `#` at the top of an entity, none inside a complex value.
        Derive::Resource => format!("#{type_name}"),
        Derive::Complex => type_name.clone(),
    };
    // The index of a declared property in `PROPERTIES`, where the base's come first.
    let offset = match &model.base {
        Some(base) => base_property_count(model, base.ty),
        None => quote!(0),
    };

    let mut builder_fields = Vec::new();
    if let Some(base) = &model.base {
        let builder = qualified(base.ty, quote!(#private::Structured), quote!(Builder));
        let field = at_type(base.ty, quote!(__base));
        builder_fields.push(quote!(#field: #builder,));
    }
    for (property, slot) in model.properties.iter().zip(&slots) {
        let ty = outside_self(property.ty, ident);
        builder_fields.push(quote_spanned!(property.ty.span()=> #slot: ::core::option::Option<#ty>,));
    }
    if let Some(additional) = &model.additional {
        let ty = outside_self(additional.ty, ident);
        builder_fields.push(quote_spanned!(additional.ty.span()=> __additional: #ty,));
    }
    if model.annotations.is_some() {
        builder_fields.push(quote!(__annotations: #krate::Annotations,));
    }

    let mut builder_defaults = Vec::new();
    if let Some(base) = &model.base {
        builder_defaults.push(at_type(base.ty, quote!(__base: ::core::default::Default::default(),)));
    }
    for slot in &slots {
        builder_defaults.push(quote!(#slot: ::core::option::Option::None,));
    }
    if let Some(additional) = &model.additional {
        builder_defaults
            .push(at_type(additional.ty, quote!(__additional: ::core::default::Default::default(),)));
    }
    if model.annotations.is_some() {
        builder_defaults.push(quote!(__annotations: ::core::default::Default::default(),));
    }

    let lookup_arms = model.properties.iter().enumerate().map(|(index, property)| {
        let name = &property.wire_name;
        quote!(#name => ::core::option::Option::Some(#offset + #index),)
    });
    let lookup_rest = match &model.base {
        Some(base) => {
            let property_index = qualified(base.ty, quote!(#private::Structured), quote!(property_index));
            quote!(#property_index(__name))
        }
        None => quote!(::core::option::Option::None),
    };
    let base_item = |item: TokenStream| {
        let base = model.base.as_ref().expect("only called for a derived type");
        qualified(base.ty, quote!(#private::Structured), item)
    };
    let base_call = |arguments: TokenStream| {
        let base = model.base.as_ref().expect("only called for a derived type");
        at_type(base.ty, quote!((#arguments)))
    };
    let read_base = model.base.as_ref().map(|_| {
        let read_property = base_item(quote!(read_property));
        let read_base_arguments = base_call(quote!(&mut __builder.__base, __index, __map));
        quote! {
            if __index < #offset {
                return #read_property #read_base_arguments;
            }
        }
    });
    let read_arms = model.properties.iter().zip(&slots).enumerate().map(|(index, (property, slot))| {
        let name = &property.wire_name;
        let read = if let Some(inner) = property.explicit_null_of {
            // `Option<Option<T>>` tells `null` (`Some(None)`, written back as `null`) from
            // absent (`None`, not written).
            quote_spanned!(property.ty.span()=> #private::read_explicit_null::<#inner, __A>(&mut __builder.#slot, #name, __map))
        } else {
            let ty = property.ty;
            quote_spanned!(property.ty.span()=> #private::read_value::<#ty, __A>(&mut __builder.#slot, #name, __map))
        };
        quote!(#index => #read,)
    });

    let keep_property = match model.undeclared_properties() {
        Held::Own(additional) => {
            let insert =
                qualified(additional.ty, quote!(#krate::AdditionalProperties), quote!(insert_property));
            let arguments = at_type(additional.ty, quote!((&mut __builder.__additional, __name, __value)));
            Some(quote! {
                #[inline]
                fn keep_property(__builder: &mut __Builder, __name: ::std::string::String, __value: #private::Value) {
                    #insert #arguments;
                }
            })
        }
        Held::InBase(_) => {
            let keep_property = base_item(quote!(keep_property));
            let arguments = base_call(quote!(&mut __builder.__base, __name, __value));
            Some(quote! {
                #[inline]
                fn keep_property(__builder: &mut __Builder, __name: ::std::string::String, __value: #private::Value) {
                    #keep_property #arguments;
                }
            })
        }
        Held::Nowhere => None,
    };
    let keep_annotation = match model.kept_annotations() {
        Held::Own(_) => Some(quote! {
            #[inline]
            fn keep_annotation(__builder: &mut __Builder, __name: ::std::string::String, __value: #private::Value) {
                __builder.__annotations.insert(__name, __value);
            }
        }),
        Held::InBase(_) => {
            let keep_annotation = base_item(quote!(keep_annotation));
            let arguments = base_call(quote!(&mut __builder.__base, __name, __value));
            Some(quote! {
                #[inline]
                fn keep_annotation(__builder: &mut __Builder, __name: ::std::string::String, __value: #private::Value) {
                    #keep_annotation #arguments;
                }
            })
        }
        Held::Nowhere => None,
    };
    let keeps = |held: Held<'_, '_>, pick: TokenStream| match held {
        Held::Own(_) => quote!(true),
        Held::InBase(base) => {
            let keeps = base_item(quote!(KEEPS));
            let pick = at_type(base.ty, quote!(.#pick));
            quote!(#keeps #pick)
        }
        Held::Nowhere => quote!(false),
    };
    let keeps_properties = keeps(model.undeclared_properties(), quote!(properties));
    let keeps_annotations = keeps(model.kept_annotations(), quote!(annotations));

    let mut finished = Vec::new();
    if let Some(base) = &model.base {
        let member = base.member;
        let finish = base_item(quote!(finish));
        let arguments = base_call(quote!(__builder.__base));
        let question = at_type(model.base.as_ref().unwrap().ty, quote!(?));
        let turbofish = at_type(model.base.as_ref().unwrap().ty, quote!(::<__E>));
        finished.push(quote!(#member: #finish #turbofish #arguments #question,));
    }
    for (property, slot) in model.properties.iter().zip(&slots) {
        let member = property.member;
        let name = &property.wire_name;
        finished.push(if property.optional {
            quote!(#member: #private::optional(__builder.#slot),)
        } else {
            quote!(#member: #private::required::<_, __E>(__builder.#slot, #name, #type_name)?,)
        });
    }
    if let Some(additional) = &model.additional {
        let member = additional.member;
        finished.push(quote!(#member: __builder.__additional,));
    }
    if let Some(annotations) = &model.annotations {
        let member = annotations.member;
        let ty = annotations.ty;
        finished.push(quote_spanned!(annotations.ty.span()=> #member: <#ty as ::core::convert::From<#krate::Annotations>>::from(__builder.__annotations),));
    }

    let write_base = model.base.as_ref().map(|base| {
        let member = base.member;
        let write_properties = base_item(quote!(write_properties));
        let arguments = base_call(quote!(&self.#member, __object, __view));
        quote!(#write_properties #arguments?;)
    });
    let writes = model.properties.iter().map(|property| write_property(model, property));
    let write_kept = match model.undeclared_properties() {
        Held::Own(additional) => {
            let member = additional.member;
            let properties =
                qualified(additional.ty, quote!(#krate::AdditionalProperties), quote!(properties));
            let arguments = at_type(additional.ty, quote!((&self.#member)));
            quote! {
                #private::write_additional::<__M>(
                    #properties #arguments,
                    __object,
                    __view,
                    __declared,
                )
            }
        }
        Held::InBase(base) => {
            let member = base.member;
            let write_kept = base_item(quote!(write_kept_properties));
            let arguments = base_call(quote!(&self.#member, __object, __view, __declared));
            quote!(#write_kept #arguments)
        }
        Held::Nowhere => quote!(::core::result::Result::Ok(())),
    };
    let write_kept = (!matches!(model.undeclared_properties(), Held::Nowhere)).then(|| {
        quote! {
            #[inline]
            fn write_kept_properties<__M>(
                &self,
                __object: &mut __M,
                __view: #private::View,
                __declared: #private::Declared,
            ) -> ::core::result::Result<(), <__M as #krate::__private::serde::ser::SerializeMap>::Error>
            where
                __M: #private::serde::ser::SerializeMap,
            {
                #write_kept
            }
        }
    });
    let kept_annotations = match model.kept_annotations() {
        Held::Own(annotations) => {
            let member = annotations.member;
            Some(quote_spanned! {annotations.ty.span()=>
                #[inline]
                fn kept_annotations(&self) -> ::core::option::Option<&#krate::Annotations> {
                    ::core::option::Option::Some(&self.#member)
                }
            })
        }
        Held::InBase(base) => {
            let member = base.member;
            let kept_annotations = base_item(quote!(kept_annotations));
            let arguments = base_call(quote!(&self.#member));
            Some(quote! {
                #[inline]
                fn kept_annotations(&self) -> ::core::option::Option<&#krate::Annotations> {
                    #kept_annotations #arguments
                }
            })
        }
        Held::Nowhere => None,
    };

    let base_ty = model.base.as_ref().map(|base| base.ty);
    let builder_literal = struct_literal(&format_ident!("__Builder"), quote!(#(#builder_defaults)*), base_ty);
    let finished_literal = struct_literal(ident, quote!(#(#finished)*), base_ty);
    let describe = crate::expand::describe::only_with_csdl(quote! {
        const DESCRIBE: ::core::option::Option<fn() -> &'static #krate::csdl::TypeDescription> =
            ::core::option::Option::Some(<#ident as #private::Described>::description);
    });
    quote! {
        #[doc(hidden)]
        pub struct __Builder {
            #(#builder_fields)*
        }

        #[automatically_derived]
        impl ::core::default::Default for __Builder {
            #[inline]
            fn default() -> Self {
                #builder_literal
            }
        }

        #[automatically_derived]
        impl #private::Structured for #ident {
            const ANNOTATION: &'static ::core::primitive::str = #annotation;
            #describe
            const KEEPS: #private::Keeps = #private::Keeps {
                properties: #keeps_properties,
                annotations: #keeps_annotations,
            };
            type Builder = __Builder;

            #[inline]
            fn property_index(__name: &::core::primitive::str) -> ::core::option::Option<::core::primitive::usize> {
                match __name {
                    #(#lookup_arms)*
                    _ => #lookup_rest,
                }
            }

            #[inline]
            fn read_property<'de, __A>(
                __builder: &mut __Builder,
                __index: ::core::primitive::usize,
                __map: &mut __A,
            ) -> ::core::result::Result<(), <__A as #krate::__private::serde::de::MapAccess<'de>>::Error>
            where
                __A: #private::serde::de::MapAccess<'de>,
            {
                #read_base
                match __index - #offset {
                    #(#read_arms)*
                    _ => ::core::result::Result::Ok(()),
                }
            }

            #keep_property
            #keep_annotation

            #[inline]
            fn finish<__E>(__builder: __Builder) -> ::core::result::Result<Self, __E>
            where
                __E: #private::serde::de::Error,
            {
                ::core::result::Result::Ok(#finished_literal)
            }

            #[inline]
            fn write_properties<__M>(
                &self,
                __object: &mut __M,
                __view: #private::View,
            ) -> ::core::result::Result<(), <__M as #krate::__private::serde::ser::SerializeMap>::Error>
            where
                __M: #private::serde::ser::SerializeMap,
            {
                #write_base
                let mut __written = ::core::result::Result::Ok(());
                #(#writes)*
                __written
            }

            #write_kept

            #kept_annotations
        }
    }
}

/// Writes one declared property when `__view` includes it and, if optional, it is set.
fn write_property(model: &Model<'_>, property: &crate::check::Property<'_>) -> TokenStream {
    let included = if property.full_form_only() {
        quote!(__view.writes_read_only())
    } else if property.key {
        quote!(__view.writes_key())
    } else {
        quote!(true)
    };
    let value_ty = property.value_ty;
    let entry = member_entry(&model.krate, property.member, property.optional);
    write_property_call(&model.krate, value_ty, quote!(#value_ty), &property.wire_name, included, entry)
}

/// A field's type as the builder names it. The builder is a struct of its own, where `Self`
/// means nothing, so each `Self` of the type (`Vec<Self>`) becomes the struct's name, with
/// the span of the `Self` it replaces.
pub fn outside_self(ty: &Type, ident: &Ident) -> TokenStream {
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
