//! What every derive of this crate shares when it reads `#[odata(...)]`: the loop over the
//! keys of the attributes, the value parsers (strings, `rename_all`, `crate`), "given twice"
//! and "unknown key, did you mean" reporting, named members and their wire names, and the
//! checks of names and shapes that the derives have in common.

use proc_macro2::Span;
use syn::ext::IdentExt as _;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, GenericArgument, Ident, LitStr, PathArguments, Type};

use crate::case::RenameRule;
use crate::errors::Errors;

/// The attribute namespace of every derive.
pub const ODATA: &str = "odata";

/// Container keys that more than one derive takes.
pub const TYPE: &str = "type";
pub const RENAME_ALL: &str = "rename_all";
pub const CRATE: &str = "crate";

/// Member keys that more than one derive takes.
pub const RENAME: &str = "rename";
pub const OTHER: &str = "other";

/// A value given in an attribute, with the span of its key for "given twice" errors.
pub struct Setting<T> {
    pub value: T,
    pub key_span: Span,
}

/// Calls `on_key` with each key of each `#[odata(...)]` attribute in `attrs`, in order, and
/// reports malformed attributes. `on_key` reports its own errors and must consume the key's
/// value (the helpers below do), so that parsing goes on with the next key.
pub fn for_each_key(
    attrs: &[Attribute],
    errors: &mut Errors,
    mut on_key: impl FnMut(&str, &ParseNestedMeta<'_>, &mut Errors),
) {
    for attr in attrs.iter().filter(|attr| attr.path().is_ident(ODATA)) {
        if !matches!(attr.meta, syn::Meta::List(_)) {
            errors.spanned(attr, "expected `#[odata(...)]`");
            continue;
        }
        let parsed = attr.parse_nested_meta(|meta| {
            on_key(&meta_key(&meta), &meta, errors);
            Ok(())
        });
        if let Err(error) = parsed {
            errors.push(error);
        }
    }
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

/// The span of the key itself, where "given twice" and "takes no value" errors point.
pub fn key_span(meta: &ParseNestedMeta<'_>) -> Span {
    meta.path.segments[0].ident.span()
}

/// The string after `key =`; `None` once the error is reported and the value skipped.
pub fn parse_lit_str(meta: &ParseNestedMeta<'_>, errors: &mut Errors) -> Option<LitStr> {
    let key = meta_key(meta);
    let parsed = match meta.value() {
        Ok(value) => value.parse::<LitStr>().map_err(|error| {
            syn::Error::new(error.span(), format_args!("expected a string literal: `{key} = \"...\"`"))
        }),
        Err(_) => Err(syn::Error::new(key_span(meta), format_args!("expected a value: `{key} = \"...\"`"))),
    };
    parsed
        .map_err(|error| {
            errors.push(error);
            skip_value(meta);
        })
        .ok()
}

/// A string setting given at most once; `attempted` records a key whose value could not be
/// read, so that validation does not also call it missing.
pub fn set_lit_str(
    slot: &mut Option<Setting<LitStr>>,
    key: &'static str,
    meta: &ParseNestedMeta<'_>,
    errors: &mut Errors,
    attempted: &mut Vec<&'static str>,
) {
    match parse_lit_str(meta, errors) {
        Some(lit) => set_once(slot, meta, errors, lit),
        None => attempted.push(key),
    }
}

/// `rename_all = "rule"`: one of serde's rules, reported with a near miss when it is none.
pub fn parse_rename_all(meta: &ParseNestedMeta<'_>, errors: &mut Errors) -> Option<RenameRule> {
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
pub fn parse_crate(meta: &ParseNestedMeta<'_>, errors: &mut Errors) -> Option<syn::Path> {
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

/// The settings every container takes: `rename_all` and `crate`. Returns whether `key` was
/// one of them (and is now parsed).
#[derive(Default)]
pub struct CommonSettings {
    pub rename_all: Option<Setting<RenameRule>>,
    pub krate: Option<Setting<syn::Path>>,
}

impl CommonSettings {
    pub fn parse(&mut self, key: &str, meta: &ParseNestedMeta<'_>, errors: &mut Errors) -> bool {
        match key {
            RENAME_ALL => {
                if let Some(rule) = parse_rename_all(meta, errors) {
                    set_once(&mut self.rename_all, meta, errors, rule);
                }
            }
            CRATE => {
                if let Some(path) = parse_crate(meta, errors) {
                    set_once(&mut self.krate, meta, errors, path);
                }
            }
            _ => return false,
        }
        true
    }

    pub fn rename_rule(&self) -> RenameRule {
        self.rename_all.as_ref().map_or(RenameRule::Camel, |rule| rule.value)
    }

    /// The path generated code names the runtime by: `crate = "..."`, or `::odata`.
    pub fn facade(&self) -> syn::Path {
        self.krate.as_ref().map_or_else(|| syn::parse_quote!(::odata), |krate| krate.value.clone())
    }
}

pub fn set_once<T>(slot: &mut Option<Setting<T>>, meta: &ParseNestedMeta<'_>, errors: &mut Errors, value: T) {
    let key_span = key_span(meta);
    if slot.is_some() {
        errors.at(key_span, format_args!("duplicate `{}` attribute", meta_key(meta)));
    } else {
        *slot = Some(Setting { value, key_span });
    }
}

pub fn set_flag(slot: &mut Option<Span>, meta: &ParseNestedMeta<'_>, errors: &mut Errors) {
    let span = key_span(meta);
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

/// A named field (a property or a parameter) and the `rename` it may carry.
pub struct NamedMember<'a> {
    pub ident: &'a Ident,
    pub rename: Option<Setting<LitStr>>,
}

impl NamedMember<'_> {
    /// The name on the wire: `rename`, or the field's name (without `r#`) under the
    /// container's `rename_all` rule.
    pub fn wire_name(&self, rule: RenameRule) -> String {
        match &self.rename {
            Some(rename) => rename.value.value(),
            None => rule.apply(&self.ident.unraw().to_string()),
        }
    }

    /// The span that names this member: the `rename` literal, or the field's name.
    pub fn name_span(&self) -> Span {
        self.rename.as_ref().map_or_else(|| self.ident.span(), |rename| rename.value.span())
    }
}

/// An identifier as written, without `r#`.
pub fn plain(ident: &Ident) -> String {
    ident.unraw().to_string()
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

/// OData's SimpleIdentifier: a letter or `_`, then letters, digits and `_`.
pub fn is_simple_identifier(part: &str) -> bool {
    let mut chars = part.chars();
    matches!(chars.next(), Some(first) if first.is_alphabetic() || first == '_')
        && chars.all(|ch| ch.is_alphanumeric() || ch == '_')
}

/// Reports generic parameters or a where clause: OData types and operations are concrete.
/// Returns whether there were none.
pub fn reject_generics(input: &syn::DeriveInput, derive: &str, why: &str, errors: &mut Errors) -> bool {
    let generics = &input.generics;
    if generics.params.is_empty() && generics.where_clause.is_none() {
        return true;
    }
    errors.spanned(generics, format_args!("#[derive({derive})] does not support generic types: {why}"));
    false
}

#[cfg(test)]
mod tests {
    use super::{edit_distance, is_near_miss};

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
        let field_keys = crate::parse::FIELD_KEYS;
        let container_keys = crate::parse::CONTAINER_KEYS;
        let near =
            |written: &str, keys: &[&'static str]| keys.iter().copied().find(|k| is_near_miss(written, k));
        assert_eq!(near("readonly", field_keys), Some("read_only"));
        assert_eq!(near("readOnly", field_keys), Some("read_only"));
        assert_eq!(near("kye", field_keys), Some("key"));
        assert_eq!(near("skip", field_keys), None);
        assert_eq!(near("colection", container_keys), Some("collection"));
        assert_eq!(near("renameAll", container_keys), Some("rename_all"));
        assert_eq!(near("Type", container_keys), Some("type"));
        assert_eq!(near("colour", container_keys), None);
        assert!(is_near_miss("camelcase", "camelCase"));
        assert!(!is_near_miss("camel", "camelCase"));
    }
}
