//! An entity's `{Entity}Patch`: a [`Change`] of each writable property and nothing else, so
//! that setting a read-only property or the key does not compile, and `Patchable::diff`.
//!
//! Every use of a property's value type that needs `Serialize` is the same call as in the
//! entity's own writer (`expand::write_property_call`), `write_property::<V, _>` spanned on
//! `V`: rustc then reports a type that is not `Serialize` once, on the user's field, however
//! many places the patch needs it. `Debug`, `Clone` and `PartialEq` hold when the value types
//! have them (the bounds are higher-ranked, so that an impl whose bounds fail simply does not
//! exist).

use proc_macro2::TokenStream;
use quote::{format_ident, quote, ToTokens as _};

use crate::check::{Model, Property};
use crate::expand::structured::outside_self;
use crate::expand::{
    at_type, qualified, struct_literal, where_base, write_properties_in_order, write_property_call,
};

/// The patch struct, declared beside the entity.
pub fn patch_type(model: &Model<'_>) -> TokenStream {
    let Model { ident, krate, vis, .. } = model;
    let patch = patch_ident(model);
    let base = model.base.as_ref().map(|base| {
        let (member, ty) = (base.member, base.ty);
        let doc = format!(
            "Changes to the properties of the base type, `{}`.",
            ty.to_token_stream().to_string().replace(' ', "")
        );
        let patch = qualified(ty, quote!(#krate::Patchable), quote!(Patch));
        quote!(#[doc = #doc] pub #member: #patch,)
    });
    let fields = writable(model).map(|property| {
        let member = property.member;
        let field_vis = property.vis;
        let value_ty = outside_self(property.value_ty, ident);
        let doc = format!("`{}`: left out of the PATCH, set, or `null`.", property.wire_name);
        quote!(#[doc = #doc] #field_vis #member: #krate::Change<#value_ty>,)
    });
    let doc = format!(
        "The changes of a PATCH of a [`{ident}`]: one `Change` per writable property, left out of \
         the body unless set. Send it with `Service::update`; build it field by field with \
         `..Default::default()`, or with `Patchable::diff`. It is `Debug`, `Clone` and \
         `PartialEq` when the property types are."
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
    let parts = PatchParts::new(model);
    let default = parts.default_impl();
    let changes = parts.patch_changes_impl();
    let odata_patch = parts.odata_patch_impl();
    let debug = parts.debug_impl();
    let clone = parts.clone_impl();
    let eq = parts.partial_eq_impl();
    let patchable = parts.patchable_impl();
    quote!(#default #changes #odata_patch #debug #clone #eq #patchable)
}

/// What the patch's impls share: its name, the writable properties, and every member of the
/// patch but `if_match` (the base's patch first).
struct PatchParts<'m, 'a> {
    model: &'m Model<'a>,
    patch: syn::Ident,
    writable: Vec<&'m Property<'a>>,
    members: Vec<&'a syn::Ident>,
    /// Each writable property's value type once, as the patch's impls name it in their
    /// bounds.
    value_types: Vec<TokenStream>,
}

impl<'m, 'a> PatchParts<'m, 'a> {
    fn new(model: &'m Model<'a>) -> Self {
        let writable: Vec<&Property<'_>> = writable(model).collect();
        let members =
            model.base.iter().map(|base| base.member).chain(writable.iter().map(|p| p.member)).collect();
        let mut seen = std::collections::HashSet::new();
        let value_types = writable
            .iter()
            .filter(|property| seen.insert(property.value_ty.to_token_stream().to_string()))
            .map(|property| outside_self(property.value_ty, model.ident))
            .collect();
        PatchParts { model, patch: patch_ident(model), writable, members, value_types }
    }

    fn base_ty(&self) -> Option<&'a syn::Type> {
        self.model.base.as_ref().map(|base| base.ty)
    }

    /// `Default`: every property `Unchanged`, no `if_match`.
    fn default_impl(&self) -> TokenStream {
        let patch = &self.patch;
        let default_base = self.model.base.as_ref().map(|base| {
            let member = base.member;
            at_type(base.ty, quote!(#member: __odata::Default::default(),))
        });
        let default_fields = self.writable.iter().map(|property| {
            let member = property.member;
            quote!(#member: __odata::Change::Unchanged,)
        });
        let literal = struct_literal(
            patch,
            quote!(#default_base #(#default_fields)* if_match: __odata::None,),
            self.base_ty(),
        );
        quote! {
            #[automatically_derived]
            impl __odata::Default for #patch {
                #[inline]
                fn default() -> Self {
                    #literal
                }
            }
        }
    }

    /// `PatchChanges`: the diff of two values of the entity, and the writing of the changes.
    fn patch_changes_impl(&self) -> TokenStream {
        let Model { ident, .. } = self.model;
        let (patch, base_ty) = (&self.patch, self.base_ty());
        let write_base = self.model.base.as_ref().map(|base| {
            let member = base.member;
            at_type(base.ty, quote!(__odata::PatchChanges::write_changes(&self.#member, __object)?;))
        });
        let map = format_ident!("__M");
        let write_fields = write_properties_in_order(self.writable.iter().map(|property| {
            let member = property.member;
            let spelled = outside_self(property.value_ty, ident);
            write_property_call(
                property.value_ty_span,
                spelled,
                &map,
                &property.wire_name,
                quote!(true),
                member,
            )
        }));
        let members = &self.members;
        let taken_apart = struct_literal(ident, quote!(#(#members,)* ..), base_ty);
        let diffs = self.diffs();
        let diffed = struct_literal(
            patch,
            quote! {
                #(#diffs)*
                if_match: __if_match,
            },
            base_ty,
        );
        quote! {
            #[automatically_derived]
            impl __odata::PatchChanges for #patch {
                type Entity = #ident;

                // Inline, as every per-type function that only a caller needs: compiled where a
                // diff is taken, not for every type of an entity crate.
                #[inline]
                fn diff_with(
                    __diff: &__odata::Diff,
                    __before: &#ident,
                    __modified: #ident,
                    __if_match: __odata::Option<__odata::String>,
                ) -> Self {
                    let #taken_apart = __modified;
                    #diffed
                }

                fn write_changes<__M>(&self, __object: &mut __M) -> __odata::WriteResult<__M>
                where
                    __M: __odata::serde::ser::SerializeMap,
                {
                    #write_base
                    #write_fields
                    __writer.written
                }
            }
        }
    }

    /// Each member of the diffed patch: the base's patch without its etag, then each
    /// writable property's change.
    fn diffs(&self) -> Vec<TokenStream> {
        let krate = &self.model.krate;
        let mut diffs = Vec::new();
        if let Some(base) = &self.model.base {
            let member = base.member;
            let patch = qualified(base.ty, quote!(#krate::Patchable), quote!(Patch));
            let open = at_type(base.ty, quote!(<));
            // The etag is the derived patch's own `if_match`; the base's patch carries none.
            let rest = at_type(
                base.ty,
                quote!(as __odata::PatchChanges>::diff_with(__diff, &__before.#member, #member, __odata::None)),
            );
            let field = at_type(base.ty, quote!(#member:));
            diffs.push(quote!(#field #open #patch #rest,));
        }
        // Each property's change from the members the entity's writer wrote (`__diff`, the
        // base's included): the diff names no value type, which costs the compiler a fraction
        // of a call that does.
        for property in &self.writable {
            let (member, name) = (property.member, &property.wire_name);
            let diff = if property.optional { quote!(optional) } else { quote!(required) };
            diffs.push(quote!(#member: __odata::Diff::#diff(__diff, #name, #member),));
        }
        diffs
    }

    /// `ODataPatch`: the etag and the body.
    fn odata_patch_impl(&self) -> TokenStream {
        let Model { ident, krate, .. } = self.model;
        let patch = &self.patch;
        let where_base = where_base(self.model);
        quote! {
            #[automatically_derived]
            impl #krate::ODataPatch for #patch #where_base {
                type Resource = #ident;

                #[inline]
                fn etag(&self) -> __odata::Option<&__odata::str> {
                    self.if_match.as_deref()
                }

                fn __serialize_patch<__S>(&self, __serializer: __S) -> __odata::SerializeResult<__S>
                where
                    __S: __odata::serde::Serializer,
                {
                    __odata::serialize_patch(self, __serializer)
                }
            }
        }
    }

    /// The `where` clause of `Debug`, `Clone` or `PartialEq`: the trait for the base's patch
    /// and each value type. Higher-ranked, so that an impl whose bounds fail is absent rather
    /// than an error.
    ///
    /// None when the entity derives the trait in a `#[derive]` below this derive's
    /// (`derived_by_entity`): the standard derive requires it of every field's type, so each
    /// value type has it, and the base's patch has it when the base's property types do. A
    /// `where` clause makes rustc check everything the impl's body needs anew for that impl
    /// rather than once for the crate: on the whole Graph crate, these three impls' bounds
    /// cost about 120 MiB of peak memory.
    fn bounds(&self, trait_path: TokenStream, derived_by_entity: bool) -> TokenStream {
        if derived_by_entity {
            return TokenStream::new();
        }
        let krate = &self.model.krate;
        let base = self.model.base.as_ref().map(|base| {
            let (ty, patch) = (base.ty, qualified(base.ty, quote!(#krate::Patchable), quote!(Patch)));
            // The first bound makes the projection well-formed inside the impl, so that a
            // base that is not `Patchable` is reported where the base is declared, not here.
            quote!(for<'__patch> #ty: #krate::Patchable, for<'__patch> #patch: #trait_path,)
        });
        let values = self.value_types.iter().map(|value_ty| quote!(for<'__patch> #value_ty: #trait_path,));
        quote!(where #base #(#values)*)
    }

    /// Each member spanned on the base's type when it is the base's patch.
    fn respan_base(&self, member: &syn::Ident, tokens: TokenStream) -> TokenStream {
        match &self.model.base {
            Some(base) if base.member == member => at_type(base.ty, tokens),
            _ => tokens,
        }
    }

    /// `Debug`: the changed properties (`Unchanged` ones are left out) and `if_match` when set.
    fn debug_impl(&self) -> TokenStream {
        let patch = &self.patch;
        let patch_name = patch.to_string();
        let bounds = self.bounds(quote!(__odata::Debug), self.model.derived_after.debug);
        let base = match &self.model.base {
            Some(base) => {
                let member = base.member;
                let name = member.to_string();
                at_type(base.ty, quote!(__odata::Some((#name, &self.#member as &dyn __odata::Debug))))
            }
            None => quote!(__odata::None),
        };
        let names = self.writable.iter().map(|property| crate::attr::plain(property.member));
        let members = self.writable.iter().map(|property| property.member);
        quote! {
            /// The changed properties (`Unchanged` ones are left out) and `if_match` when set.
            #[automatically_derived]
            impl __odata::Debug for #patch #bounds {
                #[inline]
                fn fmt(&self, __f: &mut __odata::Formatter<'_>) -> __odata::fmt::Result {
                    __odata::debug_patch(
                        __f,
                        #patch_name,
                        #base,
                        &[#(#names),*],
                        &[#(&self.#members),*],
                        &self.if_match,
                    )
                }
            }
        }
    }

    fn clone_impl(&self) -> TokenStream {
        let patch = &self.patch;
        let bounds = self.bounds(quote!(__odata::Clone), self.model.derived_after.clone);
        let fields = self
            .members
            .iter()
            .map(|member| self.respan_base(member, quote!(#member: __odata::Clone::clone(&self.#member),)));
        let cloned = struct_literal(
            patch,
            quote!(#(#fields)* if_match: __odata::Clone::clone(&self.if_match),),
            self.base_ty(),
        );
        quote! {
            #[automatically_derived]
            impl __odata::Clone for #patch #bounds {
                #[inline]
                fn clone(&self) -> Self {
                    #cloned
                }
            }
        }
    }

    fn partial_eq_impl(&self) -> TokenStream {
        let patch = &self.patch;
        let bounds = self.bounds(quote!(__odata::PartialEq), self.model.derived_after.partial_eq);
        let compared = self
            .members
            .iter()
            .map(|member| self.respan_base(member, quote!(self.#member == __other.#member &&)));
        quote! {
            #[automatically_derived]
            impl __odata::PartialEq for #patch #bounds {
                #[inline]
                fn eq(&self, __other: &Self) -> __odata::bool {
                    #(#compared)* self.if_match == __other.if_match
                }
            }
        }
    }

    /// `Patchable` for the entity: its patch type (`diff` is the trait's).
    fn patchable_impl(&self) -> TokenStream {
        let Model { ident, krate, .. } = self.model;
        let patch = &self.patch;
        let where_base = where_base(self.model);
        quote! {
            #[automatically_derived]
            impl #krate::Patchable for #ident #where_base {
                type Patch = #patch;
            }
        }
    }
}

fn writable<'m, 'a>(model: &'m Model<'a>) -> impl Iterator<Item = &'m Property<'a>> {
    model.properties.iter().filter(|property| property.writable())
}

fn patch_ident(model: &Model<'_>) -> syn::Ident {
    format_ident!("{}Patch", model.ident, span = model.ident.span())
}
