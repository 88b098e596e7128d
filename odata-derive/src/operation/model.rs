//! The typed model of an operation: every `#[odata(...)]` attribute parsed once, the user's
//! tokens kept for error spans. Rules that relate attributes to each other live in
//! [`super::check`].

use syn::{Data, DeriveInput, Fields, Ident, LitStr, Type};

use crate::case::RenameRule;
use crate::errors::Errors;
use crate::model::{
    meta_key, odata_attributes, option_argument, parse_crate, parse_lit_str, parse_rename_all, set_once,
    skip_value, unknown_key, Setting, CRATE, RENAME, RENAME_ALL,
};

/// Container attribute keys of an operation.
pub const ACTION: &str = "action";
pub const FUNCTION: &str = "function";
pub const BINDING: &str = "binding";
const CONTAINER_KEYS: &[&str] = &[ACTION, FUNCTION, BINDING, RENAME_ALL, CRATE];

/// Field attribute keys of a parameter.
const FIELD_KEYS: &[&str] = &[RENAME];

pub struct Operation<'a> {
    pub input: &'a DeriveInput,
    pub action: Option<Setting<LitStr>>,
    pub function: Option<Setting<LitStr>>,
    pub binding: Option<Setting<syn::Path>>,
    pub rename_all: Option<Setting<RenameRule>>,
    pub krate: Option<Setting<syn::Path>>,
    /// Keys the user wrote but that could not be read (a malformed value, or a near miss of
    /// this key): validation does not also call them missing.
    pub attempted: Vec<&'static str>,
    /// The parameters of a struct with named fields, none for a unit struct; `None` for any
    /// other shape (reported by [`super::check`]).
    pub parameters: Option<Vec<Parameter<'a>>>,
}

pub struct Parameter<'a> {
    pub ident: &'a Ident,
    pub ty: &'a Type,
    pub rename: Option<Setting<LitStr>>,
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
            rename_all: None,
            krate: None,
            attempted: Vec::new(),
            parameters: None,
        };
        for attr in odata_attributes(&input.attrs, errors) {
            let parsed = attr.parse_nested_meta(|meta| {
                let key = meta_key(&meta);
                match key.as_str() {
                    ACTION => match parse_lit_str(&meta, errors) {
                        Some(lit) => set_once(&mut operation.action, &meta, errors, lit),
                        None => operation.attempted.push(ACTION),
                    },
                    FUNCTION => match parse_lit_str(&meta, errors) {
                        Some(lit) => set_once(&mut operation.function, &meta, errors, lit),
                        None => operation.attempted.push(FUNCTION),
                    },
                    BINDING => match parse_binding(&meta, errors) {
                        Some(path) => set_once(&mut operation.binding, &meta, errors, path),
                        None => operation.attempted.push(BINDING),
                    },
                    RENAME_ALL => {
                        if let Some(rule) = parse_rename_all(&meta, errors) {
                            set_once(&mut operation.rename_all, &meta, errors, rule);
                        }
                    }
                    CRATE => {
                        if let Some(path) = parse_crate(&meta, errors) {
                            set_once(&mut operation.krate, &meta, errors, path);
                        }
                    }
                    _ => operation.attempted.extend(unknown_key(
                        &meta,
                        &key,
                        "operation",
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

    pub fn rename_rule(&self) -> RenameRule {
        self.rename_all.as_ref().map_or(RenameRule::Camel, |rule| rule.value)
    }
}

impl<'a> Parameter<'a> {
    fn parse(field: &'a syn::Field, errors: &mut Errors) -> Option<Self> {
        let mut parameter = Parameter {
            ident: field.ident.as_ref()?,
            ty: &field.ty,
            rename: None,
            option_of: option_argument(&field.ty),
        };
        for attr in odata_attributes(&field.attrs, errors) {
            let parsed = attr.parse_nested_meta(|meta| {
                let key = meta_key(&meta);
                match key.as_str() {
                    RENAME => {
                        if let Some(lit) = parse_lit_str(&meta, errors) {
                            set_once(&mut parameter.rename, &meta, errors, lit);
                        }
                    }
                    _ => {
                        unknown_key(&meta, &key, "parameter", FIELD_KEYS, errors);
                    }
                }
                Ok(())
            });
            if let Err(error) = parsed {
                errors.push(error);
            }
        }
        Some(parameter)
    }

    /// The parameter's name on the wire: `rename`, or the field's name (without `r#`) under
    /// the container's `rename_all` rule.
    pub fn wire_name(&self, rule: RenameRule) -> String {
        use syn::ext::IdentExt as _;
        match &self.rename {
            Some(rename) => rename.value.value(),
            None => rule.apply(&self.ident.unraw().to_string()),
        }
    }

    /// The span that names this parameter: the `rename` literal, or the field's name.
    pub fn name_span(&self) -> proc_macro2::Span {
        self.rename.as_ref().map_or_else(|| self.ident.span(), |rename| rename.value.span())
    }
}

/// The entity type after `binding =`, a path such as `AndroidForWorkEnrollmentProfile` or
/// `crate::model::User`; `None` once the error is reported and the value skipped.
fn parse_binding(meta: &syn::meta::ParseNestedMeta<'_>, errors: &mut Errors) -> Option<syn::Path> {
    let key_span = meta.path.segments[0].ident.span();
    let Ok(value) = meta.value() else {
        errors.at(key_span, format_args!("expected a value: `{BINDING} = EntityType`"));
        skip_value(meta);
        return None;
    };
    if value.peek(LitStr) {
        if let Ok(lit) = value.parse::<LitStr>() {
            errors.spanned(
                &lit,
                format_args!(
                    "`{BINDING}` names the entity type itself, not a string: write `{BINDING} = {}`",
                    lit.value()
                ),
            );
        }
        skip_value(meta);
        return None;
    }
    match value.parse::<syn::Path>() {
        Ok(path) => Some(path),
        Err(error) => {
            errors.push(syn::Error::new(
                error.span(),
                format_args!("expected the entity type's path: `{BINDING} = EntityType`"),
            ));
            skip_value(meta);
            None
        }
    }
}
