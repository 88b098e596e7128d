//! Code generation from a valid [`Model`]. Generated code sits in `const _: () = { ... }`
//! (but for an entity's `{Entity}Patch`, which users name). Inside it, runtime items and the
//! standard items the code needs are named through `__odata`, the alias of the facade's
//! `__private` that heads the block ([`dummy::Output`]); the patch struct names them by
//! absolute path through the facade (`::odata` or the `crate = "..."` override) and `::core`.

pub mod describe;
mod fields;
mod patch;
mod polymorphic;
mod serde_impls;
mod structured;
mod traits;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::DeriveInput;

use crate::check::{self, Model};
use crate::dummy::{self, Output};
use crate::fallback;
use crate::parse::{Container, Derive};

pub fn derive(input: &DeriveInput, derive: Derive) -> TokenStream {
    dummy::run(
        input,
        |input, errors| Container::parse(input, derive, errors),
        check::validate,
        generate,
        fallback::stubs,
    )
}

fn generate<'m>(model: &'m Model<'_>) -> Output<'m> {
    let serialize = serde_impls::serialize(model);
    let visitor = if model.variants.is_some() { "PolymorphicVisitor" } else { "StructuredVisitor" };
    let deserialize = serde_impls::deserialize(model, &format_ident!("{visitor}"));
    let (beside, inside) = match &model.variants {
        Some(variants) => (TokenStream::new(), polymorphic::polymorphic(model, variants)),
        None => {
            let odata_type = traits::odata_type(model);
            let resource = traits::odata_resource(model);
            let structured = structured::structured(model);
            let patch = model.patch.then(|| patch::patch_type(model));
            let patch_impls = model.patch.then(|| patch::patch_impls(model));
            // The handles' struct sits in the `const _` too: users reach it as `X::fields()`,
            // and its name can meet none of theirs.
            let fields = fields::fields_type(model);
            let fields_impls = fields::fields_impls(model);
            let base_impls = base_impls(model);
            let described = describe::described(model);
            (
                quote!(#patch),
                quote!(#odata_type #resource #structured #patch_impls #fields #fields_impls #base_impls #described),
            )
        }
    };
    Output { krate: &model.krate, beside, hidden: quote!(#inside #serialize #deserialize) }
}

/// `Base: EntityBase` (`BaseType` for a complex type), spanned on the base's type, for the
/// `where` clause of the few light items of a derived type that need more of its base than
/// its property table (its query handles, its key and entity set, the patch's resource):
/// rustc reports a base that is no derived struct once, there, and takes the bound for granted
/// inside those items. The heavy items (`Structured`, `ODataType`, the serde impls, the
/// patch's writing) carry no bound, because a `where` clause costs type checking in every item
/// it is on (about 200 MiB of peak memory over the whole Graph crate); they name the base only
/// as `<Base as Structured>::...` (or `Patchable`), spanned on its type, which rustc also
/// reports once.
pub fn base_predicate(model: &Model<'_>) -> Option<TokenStream> {
    let base = model.base.as_ref()?;
    let bound = match model.derive {
        Derive::Resource => quote!(__odata::EntityBase),
        Derive::Complex => quote!(__odata::BaseType),
    };
    let ty = base.ty;
    let colon = at_type(ty, quote!(: #bound));
    Some(quote!(#ty #colon))
}

/// `where` [`base_predicate`], or nothing for a type without a base.
pub fn where_base(model: &Model<'_>) -> TokenStream {
    match base_predicate(model) {
        Some(predicate) => quote!(where #predicate),
        None => TokenStream::new(),
    }
}

/// `<Base as Structured>::ALL_PROPERTIES`, spanned on the base's type, as every other use of
/// the base's table: a base that is not a derived struct is reported there once.
pub fn base_properties(ty: &syn::Type) -> TokenStream {
    qualified(ty, quote!(__odata::Structured), quote!(ALL_PROPERTIES))
}

/// The number of the base's properties: the length of the property table, and the offset of
/// a derived type's own properties in it.
pub fn base_property_count(ty: &syn::Type) -> TokenStream {
    let properties = base_properties(ty);
    let len = at_type(ty, quote!(.len()));
    quote!(#properties #len)
}

/// `BaseType` (and `EntityBase` for an entity type) for a struct, so that it may be a base.
fn base_impls(model: &Model<'_>) -> TokenStream {
    let Model { ident, .. } = model;
    let where_base = where_base(model);
    let entity = (model.derive == Derive::Resource).then(|| {
        quote! {
            #[automatically_derived]
            impl __odata::EntityBase for #ident #where_base {}
        }
    });
    quote! {
        #[automatically_derived]
        impl __odata::BaseType for #ident #where_base {}
        #entity
    }
}

/// `<ty as Trait>::item`, spanned as [`at_type`] spans it: rustc reports `ty: Trait` not
/// being satisfied at the user's `ty`, with the same span wherever the path stands (a type or
/// an expression), so that one mistake gives one error however many places name the type.
pub fn qualified(ty: &syn::Type, trait_path: TokenStream, item: TokenStream) -> TokenStream {
    let (first, last) = type_span(ty);
    let open = quote::quote_spanned!(first=> <);
    let rest = respan(quote!(as #trait_path>::#item), last);
    quote!(#open #ty #rest)
}

/// Generated code (which must not hold the type's own tokens) spanned on `ty`: the first
/// token takes the span of the type's first token, every other that of its last, so that the
/// code's span is the type's.
pub fn at_type(ty: &syn::Type, tokens: TokenStream) -> TokenStream {
    let (first, last) = type_span(ty);
    let mut trees = respan(tokens, last).into_iter();
    let mut spanned = TokenStream::new();
    if let Some(mut head) = trees.next() {
        // A group's own span is that of its delimiters; its contents are spanned above.
        head.set_span(first);
        spanned.extend([head]);
    }
    spanned.extend(trees);
    spanned
}

/// `path { fields }` (a struct expression or pattern): with `on` given, its path and braces
/// are spanned on that type (see [`at_type`]), its fields keep their spans. A struct that
/// holds its base is checked, where it is built or taken apart, against its base's type: the
/// errors of a base that is not what it must be belong there.
pub fn struct_literal(path: &syn::Ident, fields: TokenStream, on: Option<&syn::Type>) -> TokenStream {
    let Some(ty) = on else { return quote!(#path { #fields }) };
    let (first, last) = type_span(ty);
    let mut path = path.clone();
    path.set_span(first);
    let mut braces = proc_macro2::Group::new(proc_macro2::Delimiter::Brace, fields);
    braces.set_span(last);
    quote!(#path #braces)
}

/// One member written by the runtime's `write_property` through `__writer` (see
/// [`write_properties_in_order`]) into a map of type `map`, unless `included` (tokens of a
/// `bool`) is false. `member` is the struct's field, handed over as it is: the value itself,
/// an `Option` of it or a patch's `Change` of it, which the runtime tells apart by the value's
/// type. That type is named in the call, spanned on the value type's tokens in the user's
/// struct (`value_span`; `spelled` is that type as the generated code names it), so that
/// "`T: Serialize` is not satisfied" points at it, once however many writers of the derive
/// name it. The map's type is named too where the writer has it as a parameter (`__M`): left
/// to inference, it cost a tenth of the type checking of an entity crate.
pub fn write_property_call(
    value_span: proc_macro2::Span,
    spelled: TokenStream,
    map: &dyn quote::ToTokens,
    name: &str,
    included: TokenStream,
    member: &syn::Ident,
) -> TokenStream {
    let write = quote::quote_spanned!(value_span=> __odata::write_property::<#spelled, );
    quote!(#write #map>(&mut __writer, #name, #included, &self.#member);)
}

/// The statements of a writer around its [`write_property_call`]s into `__object`: after
/// them, `__writer.written` holds the first error, which the caller returns (or propagates
/// with `?`).
pub fn write_properties_in_order(writes: impl IntoIterator<Item = TokenStream>) -> TokenStream {
    let writes = writes.into_iter();
    quote! {
        let mut __writer = __odata::Writer::new(__object);
        #(#writes)*
    }
}

/// The spans of the type's first and last tokens.
fn type_span(ty: &syn::Type) -> (proc_macro2::Span, proc_macro2::Span) {
    use quote::ToTokens as _;
    let mut trees = ty.to_token_stream().into_iter();
    let first = trees.next().map_or_else(proc_macro2::Span::call_site, |tree| tree.span());
    let last = trees.last().map_or(first, |tree| tree.span());
    (first, last)
}

fn respan(tokens: TokenStream, span: proc_macro2::Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut tree| {
            if let proc_macro2::TokenTree::Group(group) = &tree {
                let mut inner = proc_macro2::Group::new(group.delimiter(), respan(group.stream(), span));
                inner.set_span(span);
                tree = proc_macro2::TokenTree::Group(inner);
            } else {
                tree.set_span(span);
            }
            tree
        })
        .collect()
}
