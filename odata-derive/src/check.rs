//! Rules over the parsed model. Every broken rule is reported at the user's token; only a
//! model that breaks none is expanded.

use std::collections::HashMap;

use proc_macro2::Span;
use syn::{Data, Fields, Ident, Type};

use crate::attr::{is_simple_identifier, option_argument, reject_generics, OTHER, RENAME, RENAME_ALL, TYPE};
use crate::errors::Errors;
use crate::model::{
    Container, Derive, Field, ADDITIONAL, ANNOTATIONS, BASE, COLLECTION, KEY, NAVIGATION, PATCH, READ_ONLY,
    SINGLETON,
};

/// A model that passed every check: what [`crate::expand`] generates code from.
pub struct Model<'a> {
    pub ident: &'a Ident,
    pub derive: Derive,
    pub krate: syn::Path,
    pub type_name: String,
    pub vis: &'a syn::Visibility,
    /// The entity set's path, for entity types that do not take it from their base.
    pub collection: Option<String>,
    /// The singleton's path, for the type of a singleton.
    pub singleton: Option<String>,
    /// The declared properties of a struct (none for an enum), its base's not included.
    pub properties: Vec<Property<'a>>,
    /// The `#[odata(base)]` field.
    pub base: Option<Embedded<'a>>,
    /// The `#[odata(additional)]` field.
    pub additional: Option<Embedded<'a>>,
    /// The `#[odata(annotations)]` field.
    pub annotations: Option<Embedded<'a>>,
    /// `Some` for an enum over the types of a hierarchy.
    pub variants: Option<Vec<VariantModel<'a>>>,
    /// Whether an entity struct gets `{Entity}Patch` and `Patchable`.
    pub patch: bool,
}

/// A field that holds something other than one property: the base, the undeclared
/// properties or the annotations.
pub struct Embedded<'a> {
    pub member: &'a Ident,
    pub ty: &'a Type,
}

pub struct VariantModel<'a> {
    pub ident: &'a Ident,
    pub ty: &'a Type,
    pub other: bool,
}

pub struct Property<'a> {
    pub member: &'a Ident,
    /// Where the property is named: its `rename` literal, or the field's name.
    pub name_span: Span,
    pub vis: &'a syn::Visibility,
    pub ty: &'a Type,
    pub wire_name: String,
    pub key: bool,
    pub read_only: bool,
    /// A navigation property: written in the full form only, like a read-only one.
    pub navigation: bool,
    pub optional: bool,
    /// The type of the value written: `T` of an `Option<T>` field, else the field's type.
    pub value_ty: &'a Type,
    /// `T` of an `Option<Option<T>>` field, which tells `null` (`Some(None)`) from absent.
    pub explicit_null_of: Option<&'a Type>,
}

impl Property<'_> {
    /// Whether a PATCH can change it: neither read-only nor the key.
    pub fn writable(&self) -> bool {
        !self.read_only && !self.key && !self.navigation
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

    let is_enum = container.variants.is_some();
    let has_base = container.fields.iter().flatten().any(|field| field.base.is_some());
    let entity_path = |setting: &Option<crate::attr::Setting<syn::LitStr>>,
                       key: &str,
                       errors: &mut Errors| {
        let setting = setting.as_ref()?;
        if derive == Derive::Complex {
            errors.at(
                setting.key_span,
                format_args!(
                    "`{key}` applies to entity types: a complex type is no entity of its own; use #[derive(ODataResource)] for an entity type"
                ),
            );
            return None;
        }
        let lit = &setting.value;
        if let Err(reason) = check_entity_path(key, &lit.value()) {
            errors.spanned(lit, reason);
        }
        Some(lit.value())
    };
    let collection = entity_path(&container.collection, COLLECTION, errors);
    let singleton = entity_path(&container.singleton, SINGLETON, errors);
    if let (Some(_), Some(setting)) = (&collection, &container.singleton) {
        errors.at(
            setting.key_span,
            format_args!(
                "an entity type has an entity set or is the type of a singleton: keep `{COLLECTION}` or `{SINGLETON}`"
            ),
        );
    }
    if let (Some(setting), true) = (&container.singleton, is_enum) {
        errors.at(
            setting.key_span,
            format_args!("`{SINGLETON}` applies to structs: a singleton holds one type"),
        );
    }

    if let (Some(setting), true) = (&container.common.rename_all, is_enum) {
        errors.at(
            setting.key_span,
            format_args!("`{RENAME_ALL}` applies to structs: each variant's type names its own properties"),
        );
    }
    let variants = container.variants.as_ref().map(|variants| check_variants(container, variants, errors));
    if let Some(setting) = &container.patch {
        if derive != Derive::Resource || is_enum {
            errors.at(
                setting.key_span,
                format_args!(
                    "`{PATCH}` applies to entity structs (#[derive(ODataResource)] on a struct): only they get a `{{Entity}}Patch`"
                ),
            );
        }
    }

    let rule = container.common.rename_rule();
    let mut properties = Vec::new();
    let (mut base, mut additional, mut annotations) = (None, None, None);
    let mut first_key: Option<&Ident> = None;
    let mut key_attempted = false;
    let mut seen_names: HashMap<String, &Ident> = HashMap::new();
    let patch = derive == Derive::Resource && !is_enum && container.wants_patch();
    for field in container.fields.iter().flatten() {
        if patch && crate::attr::plain(field.ident()) == PATCH_IF_MATCH {
            errors.spanned(
                field.ident(),
                format_args!(
                    "`{PATCH_IF_MATCH}` is the field of `{}Patch` that carries the `If-Match` version: name this field otherwise (with #[odata({RENAME} = \"...\")] for its wire name), or opt out of the patch with #[odata({PATCH} = false)]",
                    input.ident
                ),
            );
        }
        if let Some(role) = special_role(field, errors) {
            let Some(role) = role else { continue };
            let (slot, key) = match role {
                BASE => (&mut base, BASE),
                ADDITIONAL => (&mut additional, ADDITIONAL),
                _ => (&mut annotations, ANNOTATIONS),
            };
            let span = [field.base, field.additional, field.annotations].into_iter().flatten().next();
            match slot {
                Some(Embedded { member, .. }) => errors.at(
                    span.unwrap_or_else(|| field.ident().span()),
                    format_args!("`{member}` is already the `{key}` field: a type has at most one"),
                ),
                None => *slot = Some(Embedded { member: field.ident(), ty: field.ty }),
            }
            if key == BASE && field.option_of.is_some() {
                errors.spanned(
                    field.ty,
                    "the base is part of the value and cannot be absent: write the base type, not an `Option`",
                );
            }
            if let Some(span) = field.key {
                match derive {
                    Derive::Resource => {
                        errors.at(span, format_args!("`{KEY}` marks one property, not the `{key}` field"))
                    }
                    Derive::Complex => errors.at(span, complex_has_no_key()),
                }
            }
            continue;
        }
        let wire_name = field.named.wire_name(rule);
        check_wire_name(&wire_name, field.named.name_span(), errors);
        match seen_names.get(&wire_name) {
            Some(first) => errors.at(
                field.named.name_span(),
                format_args!(
                    "two properties are named `{wire_name}` on the wire: `{first}` and `{}`",
                    field.ident()
                ),
            ),
            None => {
                seen_names.insert(wire_name.clone(), field.ident());
            }
        }
        key_attempted |= field.attempted.contains(&KEY);
        if let Some(span) = field.key {
            match (derive, first_key) {
                (Derive::Complex, _) => errors.at(span, complex_has_no_key()),
                (Derive::Resource, None) if has_base => {
                    errors.at(span, "the key is the base type's: a derived type cannot declare another")
                }
                (Derive::Resource, _) => first_key = first_key.or(Some(field.ident())),
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
        if let Some(span) = field.navigation {
            if let Some(key) = field.key {
                errors.at(key, "a navigation property cannot be the key: the key is a structural property");
            }
            if field.read_only.is_some() {
                errors.at(
                    span,
                    format_args!(
                        "a navigation property is never sent already: drop `{READ_ONLY}`, which adds nothing"
                    ),
                );
            }
        }
        properties.push(Property {
            member: field.ident(),
            name_span: field.named.name_span(),
            vis: field.vis,
            ty: field.ty,
            wire_name,
            key: field.key.is_some(),
            read_only: field.read_only.is_some(),
            navigation: field.navigation.is_some(),
            optional: field.option_of.is_some(),
            value_ty: field.option_of.unwrap_or(field.ty),
            explicit_null_of: field.option_of.and_then(option_argument),
        });
    }
    // An entity of a set is addressed by its key; a singleton's type, or one reached only
    // through a single-valued navigation property, may have none.
    if derive == Derive::Resource
        && shape_ok
        && !is_enum
        && !has_base
        && collection.is_some()
        && first_key.is_none()
        && !key_attempted
    {
        errors.spanned(
            &input.ident,
            format_args!(
                "an entity type with an entity set needs a key: mark its key field with #[odata({KEY})]"
            ),
        );
    }

    let krate = container.common.facade();
    Some(Model {
        ident: &input.ident,
        derive,
        krate,
        type_name: type_name?,
        vis: &input.vis,
        collection,
        singleton,
        properties,
        base,
        additional,
        annotations,
        patch,
        variants,
    })
}

/// The field every `{Entity}Patch` has beside the properties.
const PATCH_IF_MATCH: &str = "if_match";

fn complex_has_no_key() -> String {
    format!("`{KEY}` applies to entity types (#[derive(ODataResource)]): a complex type has no key")
}

/// The role of a field marked `base`, `additional` or `annotations`, reporting attributes
/// that do not combine with it; `None` for a property, `Some(None)` for a field given two
/// roles (reported).
fn special_role(field: &Field<'_>, errors: &mut Errors) -> Option<Option<&'static str>> {
    let roles: Vec<(&'static str, Span)> =
        [(BASE, field.base), (ADDITIONAL, field.additional), (ANNOTATIONS, field.annotations)]
            .into_iter()
            .filter_map(|(role, span)| Some((role, span?)))
            .collect();
    let (role, _) = *roles.first()?;
    if let Some((other, span)) = roles.get(1) {
        errors.at(*span, format_args!("a field is either `{role}` or `{other}`, not both"));
        return Some(None);
    }
    if let Some(span) = field.read_only {
        errors.at(span, format_args!("`{READ_ONLY}` marks one property, not the `{role}` field"));
    }
    if let Some(rename) = &field.named.rename {
        errors.at(rename.key_span, format_args!("`{RENAME}` names one property, not the `{role}` field"));
    }
    if let Some(span) = field.navigation {
        errors.at(span, format_args!("`{NAVIGATION}` marks one property, not the `{role}` field"));
    }
    Some(Some(role))
}

/// Each variant holds one type of the hierarchy; at most one is `other`.
fn check_variants<'a>(
    container: &Container<'a>,
    variants: &[crate::model::Variant<'a>],
    errors: &mut Errors,
) -> Vec<VariantModel<'a>> {
    let mut checked = Vec::new();
    let mut other: Option<&Ident> = None;
    for variant in variants {
        let ident = &variant.variant.ident;
        let Some(ty) = variant.ty else {
            errors.spanned(
                variant.variant,
                format_args!(
                    "a variant holds one type of the hierarchy: write `{ident}({ident})`, a newtype variant"
                ),
            );
            continue;
        };
        if let Some(span) = variant.other {
            match other {
                Some(first) => errors.at(
                    span,
                    format_args!("`{first}` is already the `{OTHER}` variant: there can be only one"),
                ),
                None => other = Some(ident),
            }
        }
        checked.push(VariantModel { ident, ty, other: variant.other.is_some() });
    }
    if variants.iter().all(|variant| variant.other.is_some()) {
        errors.spanned(
            &container.input.ident,
            format_args!(
                "#[derive({})] on an enum needs a variant for each type of the hierarchy it reads",
                container.derive.name()
            ),
        );
    }
    checked
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
        Data::Enum(_) => true,
        Data::Union(data) => {
            errors.spanned(
                data.union_token,
                format_args!("#[derive({derive})] supports structs with named fields and enums, not unions"),
            );
            false
        }
    };
    reject_generics(input, derive, "OData types are concrete", errors) && shape_ok
}

/// `Namespace.Name`, each part an OData simple identifier.
pub fn check_type_name(name: &str) -> Result<(), String> {
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

/// A path relative to the service root: `/` first, no empty segment, only characters a
/// URI path may hold, plus `{` `}` of a templated segment.
fn check_entity_path(key: &str, path: &str) -> Result<(), String> {
    if !path.starts_with('/') {
        return Err(format!("`{key}` must start with `/`: write `/{path}`"));
    }
    if path.len() > 1 && path.ends_with('/') || path.contains("//") || path == "/" {
        return Err(format!("`{key}` must not have an empty segment: `{path}`"));
    }
    let allowed = |ch: char| ch.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@/{}".contains(ch);
    if let Some(bad) = path.chars().find(|ch| !allowed(*ch)) {
        return Err(format!(
            "`{key}` is a URL path: `{}` cannot stand in it unescaped",
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
