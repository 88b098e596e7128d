//! A struct's `Structured` impl (the property table the runtime's reading and writing loops
//! use) and its builder.
//! The loops are generic functions in the runtime, so that little code is generated per type
//! and a derived type can reuse its base's properties.

use proc_macro2::{Group, TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned, ToTokens as _};
use syn::spanned::Spanned as _;
use syn::{Ident, Type};

use crate::check::{Embedded, Held, Model};
use crate::expand::{at_type, qualified, struct_literal};
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
        Some(base) => {
            let properties = qualified(base.ty, quote!(#private::Structured), quote!(ALL_PROPERTIES));
            let len = at_type(base.ty, quote!(.len()));
            quote!(#properties #len)
        }
        None => quote!(0),
    };

    let mut builder_fields = Vec::new();
    if let Some(base) = &model.base {
        let builder = qualified(base.ty, quote!(#private::Structured), quote!(Builder));
        let field = at_type(base.ty, quote!(__base));
        builder_fields.push(quote!(#field: #builder,));
    }
    for (property, slot) in model.properties.iter().zip(&slots) {
        builder_fields.push(match property.explicit_null_of {
            Some(inner) => {
                let inner = outside_self(inner, ident);
                quote_spanned!(property.ty.span()=> #slot: #private::ExplicitNull<#inner>,)
            }
            None if property.optional => {
                let value_ty = outside_self(property.value_ty, ident);
                quote_spanned!(property.ty.span()=> #slot: #private::Optional<#value_ty>,)
            }
            None => {
                let ty = outside_self(property.ty, ident);
                quote_spanned!(property.ty.span()=> #slot: ::core::option::Option<#ty>,)
            }
        });
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
        builder_defaults.push(quote!(#slot: ::core::default::Default::default(),));
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
    let slot_base = model.base.as_ref().map(|base| {
        let slot = on_base_builder(model, base, quote!(slot), quote!(&mut self.__base, __index));
        quote! {
            if __index < #offset {
                return #slot;
            }
        }
    });
    let slot_arms = model.properties.iter().zip(&slots).enumerate().map(|(index, (property, slot))| {
        // Spanned on the field's type: a type that is not `Deserialize` is reported there.
        let handed_out = match property.explicit_null_of {
            Some(inner) => {
                let inner = outside_self(inner, ident);
                quote_spanned!(property.ty.span()=> #private::explicit_null_slot::<#inner>(&mut self.#slot))
            }
            None if property.optional => {
                let value_ty = outside_self(property.value_ty, ident);
                quote_spanned!(property.ty.span()=> #private::optional_slot::<#value_ty>(&mut self.#slot))
            }
            None => {
                let ty = outside_self(property.ty, ident);
                quote_spanned!(property.ty.span()=> #private::slot::<#ty>(&mut self.#slot))
            }
        };
        quote!(#index => ::core::option::Option::Some(#handed_out),)
    });

    let undeclared = kept_undeclared_properties(model);
    let annotations = kept_annotations(model);
    let (keep_property, keeps_properties, kept_properties) =
        (undeclared.keep, undeclared.flag, undeclared.kept);
    let (keep_annotation, keeps_annotations, kept_annotations) =
        (annotations.keep, annotations.flag, annotations.kept);

    let mut finished = Vec::new();
    if let Some(base) = &model.base {
        let member = base.member;
        let finish = base_item(quote!(finish));
        let arguments = base_call(quote!(__builder.__base));
        let question = at_type(model.base.as_ref().unwrap().ty, quote!(?));
        finished.push(quote!(#member: #finish #arguments #question,));
    }
    for (property, slot) in model.properties.iter().zip(&slots) {
        let member = property.member;
        let name = &property.wire_name;
        finished.push(if property.optional {
            quote!(#member: __builder.#slot.into_value(),)
        } else {
            quote!(#member: #private::required(__builder.#slot, #name, #type_name)?,)
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

    let value_base = model.base.as_ref().map(|base| {
        let member = base.member;
        let property_value = base_item(quote!(property_value_of));
        let arguments = base_call(quote!(&self.#member, __index));
        quote! {
            if __index < #offset {
                return #property_value #arguments;
            }
        }
    });
    let value_arms = model.properties.iter().enumerate().map(|(index, property)| {
        let member = property.member;
        // The value's type is named in the call, so that "`T: Serialize` is not satisfied"
        // points at that type in the user's struct.
        let value_ty = property.value_ty;
        let erased = quote_spanned!(value_ty.span()=> #private::erased::<#value_ty>);
        // The erasing function is called, not passed to `Option::map`: its bound is then
        // reported on the type alone, not again where `map` requires a closure.
        let value = if property.optional {
            quote! {
                match &self.#member {
                    ::core::option::Option::Some(__value) => ::core::option::Option::Some(#erased(__value)),
                    ::core::option::Option::None => ::core::option::Option::None,
                }
            }
        } else {
            quote!(::core::option::Option::Some(#erased(&self.#member)))
        };
        quote!(#index => #value,)
    });
    let base_ty = model.base.as_ref().map(|base| base.ty);
    let builder_literal = struct_literal(&format_ident!("__Builder"), quote!(#(#builder_defaults)*), base_ty);
    let finished_literal = struct_literal(ident, quote!(#(#finished)*), base_ty);
    quote! {
        #[doc(hidden)]
        pub struct __Builder {
            #(#builder_fields)*
        }

        #[automatically_derived]
        impl ::core::default::Default for __Builder {
            fn default() -> Self {
                #builder_literal
            }
        }

        #[automatically_derived]
        impl #private::Builder for __Builder {
            fn slot<'de>(
                &mut self,
                __index: ::core::primitive::usize,
            ) -> ::core::option::Option<&mut dyn #private::ReadSlot<'de>> {
                #slot_base
                match __index - #offset {
                    #(#slot_arms)*
                    _ => ::core::option::Option::None,
                }
            }

            #keep_property
            #keep_annotation
        }

        #[automatically_derived]
        impl #private::Structured for #ident {
            const ANNOTATION: &'static ::core::primitive::str = #annotation;
            const KEEPS: #private::Keeps = #private::Keeps {
                properties: #keeps_properties,
                annotations: #keeps_annotations,
            };
            type Builder = __Builder;

            fn property_index(__name: &::core::primitive::str) -> ::core::option::Option<::core::primitive::usize> {
                match __name {
                    #(#lookup_arms)*
                    _ => #lookup_rest,
                }
            }

            fn finish(__builder: __Builder) -> ::core::result::Result<Self, #private::erased_serde::Error> {
                ::core::result::Result::Ok(#finished_literal)
            }
        }

        #[automatically_derived]
        impl #private::PropertyValues for #ident {
            fn property_value(
                &self,
                __index: ::core::primitive::usize,
            ) -> ::core::option::Option<&dyn #private::erased_serde::Serialize> {
                #value_base
                match __index - #offset {
                    #(#value_arms)*
                    _ => ::core::option::Option::None,
                }
            }

            #kept_properties
            #kept_annotations
        }
    }
}

/// What a struct generates for one kind of member it keeps: the builder's method that keeps
/// one, its flag in `KEEPS`, and the method that hands the kept ones to the writer.
struct Keeping {
    keep: Option<TokenStream>,
    flag: TokenStream,
    kept: Option<TokenStream>,
}

fn kept_undeclared_properties(model: &Model<'_>) -> Keeping {
    let krate = &model.krate;
    let private = quote!(#krate::__private);
    match model.undeclared_properties() {
        Held::Own(additional) => {
            let member = additional.member;
            let insert =
                qualified(additional.ty, quote!(#krate::AdditionalProperties), quote!(insert_property));
            let insert_arguments = at_type(additional.ty, quote!((&mut self.__additional, __name, __value)));
            let kept = qualified(additional.ty, quote!(#krate::AdditionalProperties), quote!(__kept));
            let kept_arguments = at_type(additional.ty, quote!((&self.#member)));
            Keeping {
                keep: Some(quote! {
                    fn keep_property(&mut self, __name: ::std::string::String, __value: #private::Value) {
                        #insert #insert_arguments;
                    }
                }),
                flag: quote!(true),
                kept: Some(quote! {
                    fn kept_properties(&self) -> ::core::option::Option<&dyn #private::KeptProperties> {
                        ::core::option::Option::Some(#kept #kept_arguments)
                    }
                }),
            }
        }
        Held::InBase(base) => {
            let keep = on_base_builder(
                model,
                base,
                quote!(keep_property),
                quote!(&mut self.__base, __name, __value),
            );
            let kept = qualified(base.ty, quote!(#private::Structured), quote!(kept_properties_of));
            let member = base.member;
            let arguments = at_type(base.ty, quote!((&self.#member)));
            Keeping {
                keep: Some(quote! {
                    fn keep_property(&mut self, __name: ::std::string::String, __value: #private::Value) {
                        #keep;
                    }
                }),
                flag: base_keeps(model, base, quote!(properties)),
                kept: Some(quote! {
                    fn kept_properties(&self) -> ::core::option::Option<&dyn #private::KeptProperties> {
                        #kept #arguments
                    }
                }),
            }
        }
        Held::Nowhere => Keeping { keep: None, flag: quote!(false), kept: None },
    }
}

fn kept_annotations(model: &Model<'_>) -> Keeping {
    let krate = &model.krate;
    let private = quote!(#krate::__private);
    match model.kept_annotations() {
        Held::Own(annotations) => {
            let member = annotations.member;
            Keeping {
                keep: Some(quote! {
                    fn keep_annotation(&mut self, __name: ::std::string::String, __value: #private::Value) {
                        self.__annotations.insert(__name, __value);
                    }
                }),
                flag: quote!(true),
                kept: Some(quote_spanned! {annotations.ty.span()=>
                    fn kept_annotations(&self) -> ::core::option::Option<&#krate::Annotations> {
                        ::core::option::Option::Some(&self.#member)
                    }
                }),
            }
        }
        Held::InBase(base) => {
            let keep = on_base_builder(
                model,
                base,
                quote!(keep_annotation),
                quote!(&mut self.__base, __name, __value),
            );
            let kept = qualified(base.ty, quote!(#private::Structured), quote!(kept_annotations_of));
            let member = base.member;
            let arguments = at_type(base.ty, quote!((&self.#member)));
            Keeping {
                keep: Some(quote! {
                    fn keep_annotation(&mut self, __name: ::std::string::String, __value: #private::Value) {
                        #keep;
                    }
                }),
                flag: base_keeps(model, base, quote!(annotations)),
                kept: Some(quote! {
                    fn kept_annotations(&self) -> ::core::option::Option<&#krate::Annotations> {
                        #kept #arguments
                    }
                }),
            }
        }
        Held::Nowhere => Keeping { keep: None, flag: quote!(false), kept: None },
    }
}

/// `<Base as Structured>::KEEPS.pick`: whether the base keeps that kind of member.
fn base_keeps(model: &Model<'_>, base: &Embedded<'_>, pick: TokenStream) -> TokenStream {
    let krate = &model.krate;
    let keeps = qualified(base.ty, quote!(#krate::__private::Structured), quote!(KEEPS));
    let pick = at_type(base.ty, quote!(.#pick));
    quote!(#keeps #pick)
}

/// A call of a method of the base's builder, spanned on the base's type, where a base that is
/// not an OData type is reported.
fn on_base_builder(
    model: &Model<'_>,
    base: &Embedded<'_>,
    method: TokenStream,
    arguments: TokenStream,
) -> TokenStream {
    let krate = &model.krate;
    let path = at_type(base.ty, quote!(#krate::__private::Builder::#method));
    let arguments = at_type(base.ty, quote!((#arguments)));
    quote!(#path #arguments)
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
