//! The typed model of a derive input: every `#[odata(...)]` attribute parsed once, with the
//! user's tokens kept for error spans. Parsing reports malformed and unknown attributes;
//! rules that relate attributes to each other live in [`crate::check`].

use proc_macro2::Span;
use syn::ext::IdentExt as _;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, Data, DeriveInput, Fields, GenericArgument, Ident, LitStr, PathArguments, Type};

use crate::case::RenameRule;
use crate::errors::Errors;

/// Which derive is expanding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Derive {
    Resource,
    Complex,
}

impl Derive {
    pub fn name(self) -> &'static str {
        match self {
            Derive::Resource => "ODataResource",
            Derive::Complex => "ODataComplex",
        }
    }
}

/// The attribute namespace of both derives.
pub const ODATA: &str = "odata";

/// Container attribute keys.
pub const TYPE: &str = "type";
pub const COLLECTION: &str = "collection";
pub const RENAME_ALL: &str = "rename_all";
pub const CRATE: &str = "crate";
const CONTAINER_KEYS: &[&str] = &[TYPE, COLLECTION, RENAME_ALL, CRATE];

/// Field attribute keys.
pub const KEY: &str = "key";
pub const READ_ONLY: &str = "read_only";
pub const RENAME: &str = "rename";
pub const BASE: &str = "base";
pub const ADDITIONAL: &str = "additional";
pub const ANNOTATIONS: &str = "annotations";
const FIELD_KEYS: &[&str] = &[KEY, READ_ONLY, RENAME, BASE, ADDITIONAL, ANNOTATIONS];

/// Variant attribute keys.
pub const OTHER: &str = "other";
const VARIANT_KEYS: &[&str] = &[OTHER];

/// A value given in an attribute, with the span of its key for "given twice" errors.
pub struct Setting<T> {
    pub value: T,
    pub key_span: Span,
}

pub struct Container<'a> {
    pub input: &'a DeriveInput,
    pub derive: Derive,
    pub type_name: Option<Setting<LitStr>>,
    pub collection: Option<Setting<LitStr>>,
    pub rename_all: Option<Setting<RenameRule>>,
    pub krate: Option<Setting<syn::Path>>,
    /// Keys the user wrote but that could not be read: a value that is not a string, or a
    /// misspelled key that is a near miss of this one. Validation does not call them missing.
    pub attempted: Vec<&'static str>,
    /// `None` when the input is not a struct with named fields (see [`crate::check`]).
    pub fields: Option<Vec<Field<'a>>>,
    /// `None` when the input is not an enum.
    pub variants: Option<Vec<Variant<'a>>>,
}

/// A variant of an enum over the types of a hierarchy.
pub struct Variant<'a> {
    pub variant: &'a syn::Variant,
    /// The type a newtype variant holds; `None` for any other shape of variant.
    pub ty: Option<&'a Type>,
    /// `#[odata(other)]`: the variant that keeps values of unknown types.
    pub other: Option<Span>,
}

pub struct Field<'a> {
    pub ident: &'a Ident,
    pub vis: &'a syn::Visibility,
    pub ty: &'a Type,
    pub key: Option<Span>,
    pub read_only: Option<Span>,
    pub rename: Option<Setting<LitStr>>,
    /// `#[odata(base)]`: the field holds the base type's value, its properties flattened.
    pub base: Option<Span>,
    /// `#[odata(additional)]`: the map of undeclared properties.
    pub additional: Option<Span>,
    /// `#[odata(annotations)]`: the instance annotations.
    pub annotations: Option<Span>,
    /// `T` when declared as `Option<T>`: absent reads as `None`, `None` is not written.
    pub option_of: Option<&'a Type>,
    /// Field keys the user wrote but that could not be read (see [`Container::attempted`]).
    pub attempted: Vec<&'static str>,
}

impl<'a> Container<'a> {
    pub fn parse(input: &'a DeriveInput, derive: Derive, errors: &mut Errors) -> Self {
        let mut container = Container {
            input,
            derive,
            type_name: None,
            collection: None,
            rename_all: None,
            krate: None,
            attempted: Vec::new(),
            fields: None,
            variants: None,
        };
        for attr in odata_attributes(&input.attrs, errors) {
            let parsed = attr.parse_nested_meta(|meta| {
                let key = meta_key(&meta);
                match key.as_str() {
                    TYPE => match parse_lit_str(&meta, errors) {
                        Some(lit) => set_once(&mut container.type_name, &meta, errors, lit),
                        None => container.attempted.push(TYPE),
                    },
                    COLLECTION => match parse_lit_str(&meta, errors) {
                        Some(lit) => set_once(&mut container.collection, &meta, errors, lit),
                        None => container.attempted.push(COLLECTION),
                    },
                    RENAME_ALL => {
                        if let Some(rule) = parse_rename_all(&meta, errors) {
                            set_once(&mut container.rename_all, &meta, errors, rule);
                        }
                    }
                    CRATE => {
                        if let Some(path) = parse_crate(&meta, errors) {
                            set_once(&mut container.krate, &meta, errors, path);
                        }
                    }
                    _ => container.attempted.extend(unknown_key(
                        &meta,
                        &key,
                        "container",
                        CONTAINER_KEYS,
                        errors,
                    )),
                }
                Ok(())
            });
            if let Err(error) = parsed {
                errors.push(error);
            }
        }
        match &input.data {
            Data::Struct(data) => {
                if let Fields::Named(named) = &data.fields {
                    let fields = named.named.iter().filter_map(|field| Field::parse(field, errors)).collect();
                    container.fields = Some(fields);
                }
            }
            Data::Enum(data) => {
                container.variants =
                    Some(data.variants.iter().map(|variant| Variant::parse(variant, errors)).collect());
            }
            Data::Union(_) => {}
        }
        container
    }

    pub fn rename_rule(&self) -> RenameRule {
        self.rename_all.as_ref().map_or(RenameRule::Camel, |rule| rule.value)
    }
}

impl<'a> Field<'a> {
    fn parse(field: &'a syn::Field, errors: &mut Errors) -> Option<Self> {
        let mut parsed_field = Field {
            ident: field.ident.as_ref()?,
            vis: &field.vis,
            ty: &field.ty,
            key: None,
            read_only: None,
            rename: None,
            base: None,
            additional: None,
            annotations: None,
            option_of: option_argument(&field.ty),
            attempted: Vec::new(),
        };
        for attr in odata_attributes(&field.attrs, errors) {
            let parsed = attr.parse_nested_meta(|meta| {
                let key = meta_key(&meta);
                match key.as_str() {
                    KEY => set_flag(&mut parsed_field.key, &meta, errors),
                    READ_ONLY => set_flag(&mut parsed_field.read_only, &meta, errors),
                    BASE => set_flag(&mut parsed_field.base, &meta, errors),
                    ADDITIONAL => set_flag(&mut parsed_field.additional, &meta, errors),
                    ANNOTATIONS => set_flag(&mut parsed_field.annotations, &meta, errors),
                    RENAME => {
                        if let Some(lit) = parse_lit_str(&meta, errors) {
                            set_once(&mut parsed_field.rename, &meta, errors, lit);
                        }
                    }
                    _ => parsed_field.attempted.extend(unknown_key(&meta, &key, "field", FIELD_KEYS, errors)),
                }
                Ok(())
            });
            if let Err(error) = parsed {
                errors.push(error);
            }
        }
        Some(parsed_field)
    }

    /// The property's name on the wire: `rename`, or the field's name (without `r#`) under
    /// the container's `rename_all` rule.
    pub fn wire_name(&self, rule: RenameRule) -> String {
        match &self.rename {
            Some(rename) => rename.value.value(),
            None => rule.apply(&self.ident.unraw().to_string()),
        }
    }

    /// The span that names this property: the `rename` literal, or the field's name.
    pub fn name_span(&self) -> Span {
        self.rename.as_ref().map_or_else(|| self.ident.span(), |rename| rename.value.span())
    }
}

impl<'a> Variant<'a> {
    fn parse(variant: &'a syn::Variant, errors: &mut Errors) -> Self {
        let ty = match &variant.fields {
            Fields::Unnamed(fields) if fields.unnamed.len() == 1 => Some(&fields.unnamed[0].ty),
            _ => None,
        };
        let mut parsed = Variant { variant, ty, other: None };
        for attr in odata_attributes(&variant.attrs, errors) {
            let result = attr.parse_nested_meta(|meta| {
                let key = meta_key(&meta);
                match key.as_str() {
                    OTHER => set_flag(&mut parsed.other, &meta, errors),
                    _ => {
                        unknown_key(&meta, &key, "variant", VARIANT_KEYS, errors);
                    }
                }
                Ok(())
            });
            if let Err(error) = result {
                errors.push(error);
            }
        }
        parsed
    }
}

/// The `#[odata(...)]` attributes; `#[odata]` and `#[odata = ...]` are errors.
pub fn odata_attributes<'a>(attrs: &'a [Attribute], errors: &mut Errors) -> Vec<&'a Attribute> {
    let mut found = Vec::new();
    for attr in attrs.iter().filter(|attr| attr.path().is_ident(ODATA)) {
        match &attr.meta {
            syn::Meta::List(_) => found.push(attr),
            _ => errors.spanned(attr, "expected `#[odata(...)]`"),
        }
    }
    found
}

pub fn meta_key(meta: &ParseNestedMeta<'_>) -> String {
    match meta.path.get_ident() {
        Some(ident) => ident.unraw().to_string(),
        None => {
            let segments: Vec<String> = meta.path.segments.iter().map(|s| s.ident.to_string()).collect();
            segments.join("::")
        }
    }
}

/// The string after `key =`; `None` once the error is reported and the value skipped.
pub fn parse_lit_str(meta: &ParseNestedMeta<'_>, errors: &mut Errors) -> Option<LitStr> {
    let key = meta_key(meta);
    let parsed = match meta.value() {
        Ok(value) => value.parse::<LitStr>().map_err(|error| {
            syn::Error::new(error.span(), format_args!("expected a string literal: `{key} = \"...\"`"))
        }),
        Err(_) => Err(syn::Error::new(
            meta.path.segments[0].ident.span(),
            format_args!("expected a value: `{key} = \"...\"`"),
        )),
    };
    parsed
        .map_err(|error| {
            errors.push(error);
            skip_value(meta);
        })
        .ok()
}

/// `rename_all = "rule"`: one of serde's rules, reported with a near miss when it is none.
pub fn parse_rename_all(meta: &syn::meta::ParseNestedMeta<'_>, errors: &mut Errors) -> Option<RenameRule> {
    let lit = parse_lit_str(meta, errors)?;
    let written = lit.value();
    let rule = RenameRule::from_name(&written);
    if rule.is_none() {
        let hint = RenameRule::ALL
            .iter()
            .find(|(name, _)| is_near_miss(&written, name))
            .map(|(name, _)| format!(" (did you mean `{name}`?)"))
            .unwrap_or_default();
        errors.spanned(
            &lit,
            format_args!(
                "unknown `rename_all` rule `{written}`; expected one of {}{hint}",
                RenameRule::names()
            ),
        );
    }
    rule
}

/// `crate = "path"`: the path to the facade, reported when it is not one.
pub fn parse_crate(meta: &syn::meta::ParseNestedMeta<'_>, errors: &mut Errors) -> Option<syn::Path> {
    let lit = parse_lit_str(meta, errors)?;
    match lit.parse::<syn::Path>() {
        Ok(path) => Some(path),
        Err(_) => {
            errors.spanned(
                &lit,
                format_args!("`crate` must be a path such as `::odata`, not `{}`", lit.value()),
            );
            None
        }
    }
}

/// The path generated code names the runtime by: `crate = "..."`, or `::odata`.
pub fn facade_path(krate: Option<&Setting<syn::Path>>) -> syn::Path {
    krate.map_or_else(|| syn::parse_quote!(::odata), |krate| krate.value.clone())
}

pub fn set_once<T>(slot: &mut Option<Setting<T>>, meta: &ParseNestedMeta<'_>, errors: &mut Errors, value: T) {
    let key_span = meta.path.segments[0].ident.span();
    if slot.is_some() {
        errors.at(key_span, format_args!("duplicate `{}` attribute", meta_key(meta)));
    } else {
        *slot = Some(Setting { value, key_span });
    }
}

pub fn set_flag(slot: &mut Option<Span>, meta: &ParseNestedMeta<'_>, errors: &mut Errors) {
    let span = meta.path.segments[0].ident.span();
    let key = meta_key(meta);
    if !meta.input.is_empty() && !meta.input.peek(syn::Token![,]) {
        errors.at(span, format_args!("`{key}` takes no value: write `#[odata({key})]`"));
        skip_value(meta);
    }
    if slot.is_some() {
        errors.at(span, format_args!("duplicate `{key}` attribute"));
    } else {
        *slot = Some(span);
    }
}

/// Reports an unknown key, with the allowed ones and the one it is a near miss of, if any;
/// returns that near miss.
pub fn unknown_key(
    meta: &ParseNestedMeta<'_>,
    key: &str,
    place: &str,
    allowed: &[&'static str],
    errors: &mut Errors,
) -> Option<&'static str> {
    let near_miss = allowed.iter().copied().find(|known| is_near_miss(key, known));
    let listed: Vec<String> = allowed.iter().map(|key| format!("`{key}`")).collect();
    let hint = near_miss.map(|known| format!(" (did you mean `{known}`?)")).unwrap_or_default();
    errors.spanned(
        &meta.path,
        format_args!("unknown odata {place} attribute `{key}`; expected one of {}{hint}", listed.join(", ")),
    );
    skip_value(meta);
    near_miss
}

/// `written` differs from `known` only in case and `_`/`-` (`readOnly`, `renameall`), or by
/// one edit (two for longer keys), counting a swap of neighbours as one (`kye`).
pub fn is_near_miss(written: &str, known: &str) -> bool {
    let folded = |key: &str| -> String {
        key.chars().filter(|ch| !matches!(ch, '_' | '-')).flat_map(char::to_lowercase).collect()
    };
    if folded(written) == folded(known) {
        return true;
    }
    let allowed_edits = if known.len() > 4 { 2 } else { 1 };
    edit_distance(written, known) <= allowed_edits
}

/// Levenshtein distance with adjacent transpositions (optimal string alignment).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![(0..=b.len()).collect::<Vec<usize>>()];
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let substitution = rows[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]);
            row[j] = substitution.min(rows[i - 1][j] + 1).min(row[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(rows[i - 2][j - 2] + 1);
            }
        }
        rows.push(row);
    }
    rows[a.len()][b.len()]
}

/// Consumes `= value` or `(...)` after a key that was reported, so that parsing goes on with
/// the next key and reports its errors too.
pub fn skip_value(meta: &ParseNestedMeta<'_>) {
    let _ = meta.input.step(|cursor| {
        let mut rest = *cursor;
        while let Some((tree, next)) = rest.token_tree() {
            if let proc_macro2::TokenTree::Punct(punct) = &tree {
                if punct.as_char() == ',' {
                    break;
                }
            }
            rest = next;
        }
        Ok(((), rest))
    });
}

/// `T` of `Option<T>`, `std::option::Option<T>` or `core::option::Option<T>`, by the last
/// segment: a derive sees tokens, not resolved types.
pub fn option_argument(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ty else { return None };
    if path.qself.is_some() {
        return None;
    }
    let last = path.path.segments.last()?;
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match (last.ident == "Option", args.args.first(), args.args.len()) {
        (true, Some(GenericArgument::Type(argument)), 1) => Some(argument),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{edit_distance, is_near_miss, CONTAINER_KEYS, FIELD_KEYS};

    #[test]
    fn edit_distance_counts_a_swap_as_one_edit() {
        assert_eq!(edit_distance("key", "key"), 0);
        assert_eq!(edit_distance("kye", "key"), 1);
        assert_eq!(edit_distance("colection", "collection"), 1);
        assert_eq!(edit_distance("", "type"), 4);
        assert_eq!(edit_distance("skip", "key"), 3);
    }

    #[test]
    fn near_misses_are_found_and_strangers_are_not() {
        let near =
            |written: &str, keys: &[&'static str]| keys.iter().copied().find(|k| is_near_miss(written, k));
        assert_eq!(near("readonly", FIELD_KEYS), Some("read_only"));
        assert_eq!(near("readOnly", FIELD_KEYS), Some("read_only"));
        assert_eq!(near("kye", FIELD_KEYS), Some("key"));
        assert_eq!(near("skip", FIELD_KEYS), None);
        assert_eq!(near("colection", CONTAINER_KEYS), Some("collection"));
        assert_eq!(near("renameAll", CONTAINER_KEYS), Some("rename_all"));
        assert_eq!(near("Type", CONTAINER_KEYS), Some("type"));
        assert_eq!(near("colour", CONTAINER_KEYS), None);
        assert!(is_near_miss("camelcase", "camelCase"));
        assert!(!is_near_miss("camel", "camelCase"));
    }
}
