//! A struct's typed query handles (`odata::query`): `{Type}Fields<O>`, one `Prop<O, T>` per
//! declared property, with `T` what the property holds (`Option` and `Box` taken off, `Vec`
//! kept), so that `$select`, `$orderby`, `$expand` and `$filter` name properties that exist
//! and compare them with values of their type. A derived type reaches its base's handles
//! through `Deref`, and may stand where its base is cast.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{GenericArgument, PathArguments, Type};

use crate::check::Model;
use crate::expand::structured::outside_self;
use crate::expand::{at_type, qualified, struct_literal, where_base};

/// The handle struct, in the derive's `const _`: reached through `X::fields()`.
pub fn fields_type(model: &Model<'_>) -> TokenStream {
    let Model { ident, krate, .. } = model;
    let fields = fields_ident(model);
    let base = model.base.as_ref().map(|base| {
        let member = base.member;
        let base_fields = qualified(base.ty, quote!(#krate::query::ODataFields), quote!(Fields<O>));
        quote! {
            /// The base type's handles, also reached through `Deref`.
            pub #member: #base_fields,
        }
    });
    let handles = model.properties.iter().map(|property| {
        let member = property.member;
        let doc = format!("`{}`", property.wire_name);
        let held = held_type(property.ty, ident);
        quote!(#[doc = #doc] pub #member: __Prop<O, #held>,)
    });
    let doc = format!(
        "Typed query handles of [`{ident}`]'s properties, for queries about `O` (see `odata::query`): \
         `{ident}::fields()`."
    );
    let owner = needs_owner_marker(model).then(|| {
        quote! {
            #[doc(hidden)]
            pub __owner: __odata::PhantomData<fn() -> O>,
        }
    });
    let where_base = where_base(model);
    quote! {
        type __Prop<O, T> = __odata::Prop<O, T>;

        #[doc = #doc]
        pub struct #fields<O> #where_base {
            #base
            #(#handles)*
            #owner
        }
    }
}

/// `ODataFields`, `fields()`, and for a derived type `Deref` to the base's handles and
/// `DerivedFrom`, inside the derive's `const _`.
pub fn fields_impls(model: &Model<'_>) -> TokenStream {
    let Model { ident, krate, vis, .. } = model;
    let query = quote!(#krate::query);
    let fields = fields_ident(model);
    let base_init = model.base.as_ref().map(|base| {
        let member = base.member;
        // Flat on the wire: the base's properties are at the same path as this type's.
        let fields_at = qualified(base.ty, quote!(#query::ODataFields), quote!(fields_at::<O>));
        let arguments = at_type(base.ty, quote!((__prefix)));
        at_type(base.ty, quote!(#member:))
            .into_iter()
            .chain(quote!(#fields_at #arguments,))
            .collect::<TokenStream>()
    });
    let inits = model.properties.iter().map(|property| {
        let (member, name) = (property.member, &property.wire_name);
        quote!(#member: __odata::Prop::at(__prefix, #name),)
    });
    let owner = needs_owner_marker(model).then(|| quote!(__owner: __odata::PhantomData,));
    let fields_of_self = match &model.base {
        Some(base) => at_type(base.ty, quote!(#fields<#ident>)),
        None => quote!(#fields<#ident>),
    };
    // A struct holding its base's handles is checked against the base's type.
    let fields_type = match &model.base {
        Some(base) => at_type(base.ty, quote!(#fields<O>)),
        None => quote!(#fields<O>),
    };
    let built = struct_literal(
        &fields,
        quote!(#base_init #(#inits)* #owner),
        model.base.as_ref().map(|base| base.ty),
    );
    let where_base = where_base(model);
    let derived = model.base.as_ref().map(|base| {
        let (member, ty) = (base.member, base.ty);
        let base_fields = qualified(ty, quote!(#query::ODataFields), quote!(Fields<O>));
        let borrowed = at_type(ty, quote!(&self.#member));
        // Spanned on the base's type: a base without handles is reported there.
        at_type(
            ty,
            quote! {
                #[automatically_derived]
                impl<O> __odata::Deref for #fields_type #where_base {
                    type Target = #base_fields;

                    fn deref(&self) -> &#base_fields {
                        #borrowed
                    }
                }

                #[automatically_derived]
                impl #query::DerivedFrom<#ty> for #ident {}
            },
        )
    });
    quote! {
        #[automatically_derived]
        impl #query::ODataFields for #ident #where_base {
            type Fields<O> = #fields_type;

            fn fields_at<O>(__prefix: #query::PropPath) -> #fields_type {
                #built
            }
        }

        #[automatically_derived]
        impl #ident #where_base {
            /// The typed query handles of this type's properties, for a `Query` about it.
            // Inline: compiled only where a query uses it, not for every type of a crate.
            #[inline]
            #vis fn fields() -> #fields_of_self {
                #query::fields::<#ident>()
            }
        }

        #derived
    }
}

/// What a property of type `ty` holds for a query: `Option<_>` and `Box<_>` taken off (a null
/// check is a method of the handle), `Vec<_>` kept around what its elements hold.
fn held_type(ty: &Type, ident: &syn::Ident) -> TokenStream {
    if let Some((name, argument)) = single_argument(ty) {
        match name.as_str() {
            "Option" | "Box" => return held_type(argument, ident),
            "Vec" => {
                let element = held_type(argument, ident);
                return quote!(__odata::Vec<#element>);
            }
            _ => {}
        }
    }
    outside_self(ty, ident)
}

/// The last path segment's name and its one type argument: `Option<T>` gives `("Option", T)`.
fn single_argument(ty: &Type) -> Option<(String, &Type)> {
    let Type::Path(path) = ty else { return None };
    if path.qself.is_some() {
        return None;
    }
    let last = path.path.segments.last()?;
    let PathArguments::AngleBracketed(arguments) = &last.arguments else { return None };
    match (arguments.args.first(), arguments.args.len()) {
        (Some(GenericArgument::Type(argument)), 1) => Some((last.ident.to_string(), argument)),
        _ => None,
    }
}

/// A type without properties of its own or a base names `O` nowhere else.
fn needs_owner_marker(model: &Model<'_>) -> bool {
    model.properties.is_empty() && model.base.is_none()
}

fn fields_ident(model: &Model<'_>) -> syn::Ident {
    format_ident!("{}Fields", model.ident, span = model.ident.span())
}
