//! Rules over the parsed model. Every broken rule is reported at the user's token; only a
//! model that breaks none is expanded.

use std::collections::HashMap;

use proc_macro2::Span;
use syn::{Data, Fields, Ident, Type};

use crate::errors::Errors;
use crate::model::{Container, Derive, COLLECTION, KEY, READ_ONLY, TYPE};

/// A model that passed every check: what [`crate::expand`] generates code from.
pub struct Model<'a> {
    pub ident: &'a Ident,
    pub derive: Derive,
    pub krate: syn::Path,
    pub type_name: String,
    /// The entity set's path; `Some` exactly for entity types.
    pub collection: Option<String>,
    pub properties: Vec<Property<'a>>,
}

pub struct Property<'a> {
    pub member: &'a Ident,
    pub ty: &'a Type,
    pub wire_name: String,
    pub key: bool,
    pub read_only: bool,
    pub optional: bool,
    /// The type of the value written: `T` of an `Option<T>` field, else the field's type.
    pub value_ty: &'a Type,
}

impl Model<'_> {
    pub fn key(&self) -> Option<&Property<'_>> {
        self.properties.iter().find(|property| property.key)
    }
}

pub fn validate<'a>(container: &Container<'a>, errors: &mut Errors) -> Option<Model<'a>> {
    let input = container.input;
    let derive = container.derive;
    let shape_ok = check_shape(container, errors);

    let type_name = match &container.type_name {
        Some(setting) => {
            let lit = &setting.value;
            if let Err(reason) = check_type_name(&lit.value()) {
                errors.spanned(lit, reason);
            }
            Some(lit.value())
        }
        None if container.attempted.contains(&TYPE) => None,
        None => {
            errors.spanned(
                &input.ident,
                format_args!(
                    "#[derive({})] needs the OData type name: add #[odata({TYPE} = \"Namespace.{}\")]",
                    derive.name(),
                    input.ident
                ),
            );
            None
        }
    };

    let collection = match (&container.collection, derive) {
        (Some(setting), Derive::Resource) => {
            let lit = &setting.value;
            if let Err(reason) = check_collection(&lit.value()) {
                errors.spanned(lit, reason);
            }
            Some(lit.value())
        }
        (Some(setting), Derive::Complex) => {
            errors.at(
                setting.key_span,
                "`collection` applies to entity types: a complex type has no entity set; use #[derive(ODataResource)] for an entity type",
            );
            None
        }
        (None, Derive::Resource) if container.attempted.contains(&COLLECTION) => None,
        (None, Derive::Resource) => {
            errors.spanned(
                &input.ident,
                format_args!(
                    "#[derive(ODataResource)] needs the entity set's path: add #[odata({COLLECTION} = \"/...\")]"
                ),
            );
            None
        }
        (None, Derive::Complex) => None,
    };

    let rule = container.rename_rule();
    let mut properties = Vec::new();
    let mut first_key: Option<&Ident> = None;
    let mut key_attempted = false;
    let mut seen_names: HashMap<String, &Ident> = HashMap::new();
    for field in container.fields.iter().flatten() {
        let wire_name = field.wire_name(rule);
        check_wire_name(&wire_name, field.name_span(), errors);
        match seen_names.get(&wire_name) {
            Some(first) => errors.at(
                field.name_span(),
                format_args!(
                    "two properties are named `{wire_name}` on the wire: `{first}` and `{}`",
                    field.ident
                ),
            ),
            None => {
                seen_names.insert(wire_name.clone(), field.ident);
            }
        }
        key_attempted |= field.attempted.contains(&KEY);
        if let Some(span) = field.key {
            match (derive, first_key) {
                (Derive::Complex, _) => errors.at(
                    span,
                    format_args!("`{KEY}` applies to entity types (#[derive(ODataResource)]): a complex type has no key"),
                ),
                (Derive::Resource, Some(first)) => errors.at(
                    span,
                    format_args!("`{first}` is already the key: composite keys are not supported"),
                ),
                (Derive::Resource, None) => first_key = Some(field.ident),
            }
        }
        if let (Some(span), Derive::Complex) = (field.read_only, derive) {
            errors.at(
                span,
                format_args!(
                    "`{READ_ONLY}` applies to entity types (#[derive(ODataResource)]): a complex value is written whole"
                ),
            );
        }
        properties.push(Property {
            member: field.ident,
            ty: field.ty,
            wire_name,
            key: field.key.is_some(),
            read_only: field.read_only.is_some(),
            optional: field.option_of.is_some(),
            value_ty: field.option_of.unwrap_or(field.ty),
        });
    }
    if derive == Derive::Resource && shape_ok && first_key.is_none() && !key_attempted {
        errors.spanned(
            &input.ident,
            format_args!("an entity type needs a key: mark its key field with #[odata({KEY})]"),
        );
    }

    let krate =
        container.krate.as_ref().map_or_else(|| syn::parse_quote!(::odata), |krate| krate.value.clone());
    Some(Model { ident: &input.ident, derive, krate, type_name: type_name?, collection, properties })
}

/// A struct with named fields and no generics; reports any other shape.
fn check_shape(container: &Container<'_>, errors: &mut Errors) -> bool {
    let input = container.input;
    let derive = container.derive.name();
    let shape_ok = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(_) => true,
            Fields::Unnamed(fields) => {
                errors.spanned(
                    fields,
                    format_args!(
                        "#[derive({derive})] needs named fields: an OData type's properties have names"
                    ),
                );
                false
            }
            Fields::Unit => {
                errors.spanned(
                    &input.ident,
                    format_args!("#[derive({derive})] needs a struct with named fields, not a unit struct"),
                );
                false
            }
        },
        Data::Enum(data) => {
            errors.spanned(
                data.enum_token,
                format_args!("#[derive({derive})] supports structs with named fields, not enums"),
            );
            false
        }
        Data::Union(data) => {
            errors.spanned(
                data.union_token,
                format_args!("#[derive({derive})] supports structs with named fields, not unions"),
            );
            false
        }
    };
    let generics = &input.generics;
    if !generics.params.is_empty() || generics.where_clause.is_some() {
        errors.spanned(
            generics,
            format_args!("#[derive({derive})] does not support generic types: OData types are concrete"),
        );
        return false;
    }
    shape_ok
}

/// `Namespace.Name`, each part an OData simple identifier.
fn check_type_name(name: &str) -> Result<(), String> {
    if name.starts_with('#') {
        return Err(format!(
            "write the type name without the `#` of `@odata.type`: `{}`",
            name.trim_start_matches('#')
        ));
    }
    let parts: Vec<&str> = name.split('.').collect();
    if parts.len() < 2 {
        return Err(format!(
            "`{name}` has no namespace: write the qualified name, such as `microsoft.graph.{name}`"
        ));
    }
    if parts.contains(&"") {
        return Err(format!(
            "`{name}` has an empty segment: write `Namespace.Name`, its parts joined by single dots"
        ));
    }
    if let Some(bad) = parts.iter().find(|part| !is_simple_identifier(part)) {
        return Err(format!(
            "`{name}` is not a qualified OData name: `{bad}` is not an identifier (letters, digits and `_`, not starting with a digit)"
        ));
    }
    Ok(())
}

fn is_simple_identifier(part: &str) -> bool {
    let mut chars = part.chars();
    matches!(chars.next(), Some(first) if first.is_alphabetic() || first == '_')
        && chars.all(|ch| ch.is_alphanumeric() || ch == '_')
}

/// A path relative to the service root: `/` first, no empty segment, only characters a
/// URI path may hold, plus `{` `}` of a templated segment.
fn check_collection(path: &str) -> Result<(), String> {
    if !path.starts_with('/') {
        return Err(format!("`collection` must start with `/`: write `/{path}`"));
    }
    if path.len() > 1 && path.ends_with('/') || path.contains("//") || path == "/" {
        return Err(format!("`collection` must not have an empty segment: `{path}`"));
    }
    let allowed = |ch: char| ch.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@/{}".contains(ch);
    if let Some(bad) = path.chars().find(|ch| !allowed(*ch)) {
        return Err(format!(
            "`collection` is a URL path: `{}` cannot stand in it unescaped",
            bad.escape_default()
        ));
    }
    Ok(())
}

fn check_wire_name(name: &str, span: Span, errors: &mut Errors) {
    if name.is_empty() {
        errors.at(span, "a property name cannot be empty");
    } else if name.contains('@') {
        errors.at(
            span,
            format_args!("`{name}` is not a property name: `@` marks an annotation such as `@odata.type`"),
        );
    }
}
