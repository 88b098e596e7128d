//! The typed model of an operation: every `#[odata(...)]` attribute parsed once, the user's
//! tokens kept for error spans. Rules that relate attributes to each other live in
//! [`super::check`].

use syn::{Data, DeriveInput, Fields, LitStr, Type};

use crate::attr::{
    for_each_key, key_span, option_argument, set_flag, set_lit_str, set_once, skip_value, unknown_key,
    CommonSettings, NamedMember, Setting, CRATE, RENAME, RENAME_ALL,
};
use crate::errors::Errors;

/// Container attribute keys of an operation.
pub const ACTION: &str = "action";
pub const FUNCTION: &str = "function";
pub const BINDING: &str = "binding";
pub const COLLECTION_BOUND: &str = "collection_bound";
pub const RETURNS: &str = "returns";
const CONTAINER_KEYS: &[&str] = &[ACTION, FUNCTION, BINDING, COLLECTION_BOUND, RETURNS, RENAME_ALL, CRATE];

/// Field attribute keys of a parameter.
const FIELD_KEYS: &[&str] = &[RENAME];

pub struct Operation<'a> {
    pub input: &'a DeriveInput,
    pub action: Option<Setting<LitStr>>,
    pub function: Option<Setting<LitStr>>,
    pub binding: Option<Setting<syn::Path>>,
    /// `collection_bound`: bound to a collection of `binding`, not to one entity.
    pub collection_bound: Option<proc_macro2::Span>,
    /// `returns = Type`: the return value's type.
    pub returns: Option<Setting<Type>>,
    pub common: CommonSettings,
    /// Keys the user wrote but that could not be read (a malformed value, or a near miss of
    /// this key): validation does not also call them missing.
    pub attempted: Vec<&'static str>,
    /// The parameters of a struct with named fields, none for a unit struct; `None` for any
    /// other shape (reported by [`super::check`]).
    pub parameters: Option<Vec<Parameter<'a>>>,
}

pub struct Parameter<'a> {
    pub named: NamedMember<'a>,
    pub ty: &'a Type,
    /// `T` when declared as `Option<T>`: `None` is left out of an action's body.
    pub option_of: Option<&'a Type>,
}

impl<'a> Operation<'a> {
    pub fn parse(input: &'a DeriveInput, errors: &mut Errors) -> Self {
        let mut operation = Operation {
            input,
            action: None,
            function: None,
            binding: None,
            collection_bound: None,
            returns: None,
            common: CommonSettings::default(),
            attempted: Vec::new(),
            parameters: None,
        };
        for_each_key(&input.attrs, errors, |key, meta, errors| match key {
            ACTION => set_lit_str(&mut operation.action, ACTION, meta, errors, &mut operation.attempted),
            FUNCTION => {
                set_lit_str(&mut operation.function, FUNCTION, meta, errors, &mut operation.attempted)
            }
            BINDING => match parse_binding(meta, errors) {
                Some(path) => set_once(&mut operation.binding, meta, errors, path),
                None => operation.attempted.push(BINDING),
            },
            COLLECTION_BOUND => set_flag(&mut operation.collection_bound, meta, errors),
            RETURNS => match parse_type(meta, errors) {
                Some(ty) => set_once(&mut operation.returns, meta, errors, ty),
                None => operation.attempted.push(RETURNS),
            },
            _ if operation.common.parse(key, meta, errors) => {}
            _ => operation.attempted.extend(unknown_key(meta, key, "operation", CONTAINER_KEYS, errors)),
        });
        if let Data::Struct(data) = &input.data {
            operation.parameters = match &data.fields {
                Fields::Named(named) => {
                    Some(named.named.iter().filter_map(|field| Parameter::parse(field, errors)).collect())
                }
                Fields::Unit => Some(Vec::new()),
                Fields::Unnamed(_) => None,
            };
        }
        operation
    }
}

impl<'a> Parameter<'a> {
    fn parse(field: &'a syn::Field, errors: &mut Errors) -> Option<Self> {
        let mut parameter = Parameter {
            named: NamedMember { ident: field.ident.as_ref()?, rename: None },
            ty: &field.ty,
            option_of: option_argument(&field.ty),
        };
        for_each_key(&field.attrs, errors, |key, meta, errors| match key {
            RENAME => set_lit_str(&mut parameter.named.rename, RENAME, meta, errors, &mut Vec::new()),
            _ => {
                unknown_key(meta, key, "parameter", FIELD_KEYS, errors);
            }
        });
        Some(parameter)
    }
}

/// The entity type after `binding =`, a path such as `AndroidForWorkEnrollmentProfile` or
/// `crate::model::User`; `None` once the error is reported and the value skipped.
fn parse_binding(meta: &syn::meta::ParseNestedMeta<'_>, errors: &mut Errors) -> Option<syn::Path> {
    parse_written::<syn::Path>(
        meta,
        BINDING,
        "EntityType",
        "the entity type's path",
        "the entity type",
        errors,
    )
}

/// The type after `returns =`; `None` once the error is reported and the value skipped.
fn parse_type(meta: &syn::meta::ParseNestedMeta<'_>, errors: &mut Errors) -> Option<Type> {
    parse_written::<Type>(meta, RETURNS, "Type", "the return value's type", "the type", errors)
}

/// Rust code after `key =` (a path or a type, written as is, not in a string): `example`
/// is what the messages show in its place, `expected` what it must be, `named` what a string
/// should have been written as.
fn parse_written<T: syn::parse::Parse>(
    meta: &syn::meta::ParseNestedMeta<'_>,
    key: &str,
    example: &str,
    expected: &str,
    named: &str,
    errors: &mut Errors,
) -> Option<T> {
    let Ok(value) = meta.value() else {
        errors.at(key_span(meta), format_args!("expected a value: `{key} = {example}`"));
        skip_value(meta);
        return None;
    };
    if value.peek(LitStr) {
        if let Ok(lit) = value.parse::<LitStr>() {
            errors.spanned(
                &lit,
                format_args!("`{key}` names {named} itself, not a string: write `{key} = {}`", lit.value()),
            );
        }
        skip_value(meta);
        return None;
    }
    match value.parse::<T>() {
        Ok(parsed) => Some(parsed),
        Err(error) => {
            errors.push(syn::Error::new(
                error.span(),
                format_args!("expected {expected}: `{key} = {example}`"),
            ));
            skip_value(meta);
            None
        }
    }
}
