//! An entity's `{Entity}Patch`: a [`Change`] of each writable property and nothing else, so
//! that setting a read-only property or the key does not compile, and `Patchable::diff`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned as _;

use crate::check::Model;
use crate::expand::structured::outside_self;

/// The patch struct, declared beside the entity.
pub fn patch_type(model: &Model<'_>) -> TokenStream {
    let Model { ident, krate, vis, .. } = model;
    let patch = patch_ident(model);
    let base = model.base.as_ref().map(|base| {
        let (member, ty) = (base.member, base.ty);
        let doc = format!(
            "Changes to the properties of the base type, `{}`.",
            quote!(#ty).to_string().replace(' ', "")
        );
        quote_spanned!(ty.span()=> #[doc = #doc] pub #member: <#ty as #krate::Patchable>::Patch,)
    });
    let fields = model.properties.iter().filter(|property| property.writable()).map(|property| {
        let member = property.member;
        let field_vis = property.vis;
        let value_ty = outside_self(property.value_ty, ident);
        let doc = format!("`{}`: left out of the PATCH, set, or `null`.", property.wire_name);
        quote!(#[doc = #doc] #field_vis #member: #krate::Change<#value_ty>,)
    });
    let doc = format!(
        "The changes of a PATCH of a [`{ident}`]: one `Change` per writable property, left out of \
         the body unless set. Send it with `Service::update`; build it field by field with \
         `..Default::default()`, or with `Patchable::diff`."
    );
    quote! {
        #[doc = #doc]
        #vis struct #patch {
            #base
            #(#fields)*
            /// The version the changes apply to, sent as `If-Match`: `diff` takes it from the
            /// entity's `@odata.etag`.
            pub if_match: ::core::option::Option<::std::string::String>,
        }
    }
}

/// The patch's impls and `Patchable` for the entity, inside the derive's `const _`.
pub fn patch_impls(model: &Model<'_>) -> TokenStream {
    let Model { ident, krate, .. } = model;
    let private = quote!(#krate::__private);
    let patch = patch_ident(model);
    let patch_name = patch.to_string();
    let writable: Vec<_> = model.properties.iter().filter(|property| property.writable()).collect();

    let default_base = model.base.as_ref().map(|base| {
        let member = base.member;
        quote!(#member: ::core::default::Default::default(),)
    });
    let default_fields = writable.iter().map(|property| {
        let member = property.member;
        quote!(#member: #krate::Change::Unchanged,)
    });
    let write_base = model.base.as_ref().map(|base| {
        let member = base.member;
        quote!(#private::PatchChanges::write_changes(&self.#member, __object)?;)
    });
    let write_fields = writable.iter().map(|property| {
        let member = property.member;
        let name = &property.wire_name;
        quote!(#private::write_change(__object, #name, &self.#member)?;)
    });

    let mut members = Vec::new();
    let mut diffs = Vec::new();
    if let Some(base) = &model.base {
        let member = base.member;
        members.push(quote!(#member,));
        diffs.push(quote!(#member: #krate::Patchable::diff(&self.#member, #member),));
    }
    for property in &writable {
        let member = property.member;
        members.push(quote!(#member,));
        let diff = if property.optional { quote!(diff_optional) } else { quote!(diff_required) };
        diffs.push(quote!(#member: #private::#diff(&self.#member, #member),));
    }

    quote! {
        #[automatically_derived]
        impl ::core::default::Default for #patch {
            fn default() -> Self {
                #patch {
                    #default_base
                    #(#default_fields)*
                    if_match: ::core::option::Option::None,
                }
            }
        }

        #[automatically_derived]
        impl #private::PatchChanges for #patch {
            fn write_changes<__M>(&self, __object: &mut __M) -> ::core::result::Result<(), __M::Error>
            where
                __M: #private::serde::ser::SerializeMap,
            {
                #write_base
                #(#write_fields)*
                ::core::result::Result::Ok(())
            }
        }

        #[automatically_derived]
        impl #krate::ODataPatch for #patch {
            type Resource = #ident;

            fn etag(&self) -> ::core::option::Option<&::core::primitive::str> {
                self.if_match.as_deref()
            }

            fn __serialize_patch<__S>(&self, __serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error>
            where
                __S: #private::serde::Serializer,
            {
                #private::serialize_patch(self, <#ident as #private::Structured>::ANNOTATION, __serializer)
            }
        }

        #[automatically_derived]
        impl ::core::fmt::Debug for #patch {
            fn fmt(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #private::debug_patch(self, #patch_name, __f)
            }
        }

        #[automatically_derived]
        impl ::core::cmp::PartialEq for #patch {
            fn eq(&self, __other: &Self) -> ::core::primitive::bool {
                #private::patches_equal(self, __other)
            }
        }

        #[automatically_derived]
        impl #krate::Patchable for #ident {
            type Patch = #patch;

            #[allow(unused_variables)]
            fn diff(&self, __modified: Self) -> #patch {
                let #ident { #(#members)* .. } = __modified;
                #patch {
                    #(#diffs)*
                    if_match: #krate::ODataType::annotations(self)
                        .and_then(#krate::Annotations::etag)
                        .map(::std::borrow::ToOwned::to_owned),
                }
            }
        }
    }
}

fn patch_ident(model: &Model<'_>) -> syn::Ident {
    format_ident!("{}Patch", model.ident, span = model.ident.span())
}
