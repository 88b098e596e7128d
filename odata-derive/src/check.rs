//! Rules over the parsed model. Every broken rule is reported at the user's token; only a
//! model that breaks none is expanded.

use std::collections::HashMap;

use proc_macro2::Span;
use syn::spanned::Spanned as _;
use syn::{Data, Fields, Ident, Type};

use crate::attr::{is_simple_identifier, option_argument, reject_generics, OTHER, RENAME, RENAME_ALL, TYPE};
use crate::errors::Errors;
use crate::parse::{
    Container, Derive, DerivedAfter, Field, ADDITIONAL, ANNOTATIONS, BASE, COLLECTION, KEY, NAVIGATION,
    PATCH, READ_ONLY, SINGLETON,
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
    /// The standard traits a `#[derive]` below this derive's gives the type.
    pub derived_after: DerivedAfter,
}

/// A field that holds something other than one property: the base, the undeclared
/// properties or the annotations.
pub struct Embedded<'a> {
    pub member: &'a Ident,
    pub ty: &'a Type,
}

/// Where a struct keeps the undeclared properties or the annotations it reads: in a field of
/// its own, in its base (which keeps them or not), or nowhere. Decided once, here.
pub enum Held<'m, 'a> {
    Own(&'m Embedded<'a>),
    InBase,
    Nowhere,
}

impl<'a> Model<'a> {
    /// Where the undeclared properties go: the `#[odata(additional)]` field.
    pub fn undeclared_properties(&self) -> Held<'_, 'a> {
        Held::of(&self.additional, &self.base)
    }

    /// Where the annotations go: the `#[odata(annotations)]` field.
    pub fn kept_annotations(&self) -> Held<'_, 'a> {
        Held::of(&self.annotations, &self.base)
    }
}

impl<'m, 'a> Held<'m, 'a> {
    fn of(own: &'m Option<Embedded<'a>>, base: &'m Option<Embedded<'a>>) -> Self {
        match (own, base) {
            (Some(own), _) => Held::Own(own),
            (None, Some(_)) => Held::InBase,
            (None, None) => Held::Nowhere,
        }
    }
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
    /// `ty`'s span, where generated code that names the field's type reports its errors
    /// (taken once: a span is joined over the type's tokens).
    pub ty_span: Span,
    pub wire_name: String,
    pub key: bool,
    pub read_only: bool,
    /// A navigation property: written in the full form only, like a read-only one.
    pub navigation: bool,
    pub optional: bool,
    /// The type of the value written: `T` of an `Option<T>` field, else the field's type.
    pub value_ty: &'a Type,
    /// `value_ty`'s span.
    pub value_ty_span: Span,
    /// `T` of an `Option<Option<T>>` field, which tells `null` (`Some(None)`) from absent.
    pub explicit_null_of: Option<&'a Type>,
}

impl Property<'_> {
    /// Whether a PATCH can change it: neither read-only nor the key.
    pub fn writable(&self) -> bool {
        !self.read_only && !self.key && !self.navigation
    }

    /// Whether only the full form (what the service sends) writes it.
    pub fn full_form_only(&self) -> bool {
        self.read_only || self.navigation
    }
}

/// Every rule, in the order its errors are reported; each is a small function below.
pub fn validate<'a>(container: &Container<'a>, errors: &mut Errors) -> Option<Model<'a>> {
    let shape_ok = check_shape(container, errors);
    let type_name = type_name(container, errors);
    let collection = entity_path(container, &container.collection, COLLECTION, errors);
    let singleton = entity_path(container, &container.singleton, SINGLETON, errors);
    let container_rules: [fn(&Container<'_>, bool, &mut Errors); 3] =
        [one_of_collection_or_singleton, singleton_only_on_structs, rename_all_only_on_structs];
    for rule in container_rules {
        rule(container, collection.is_some(), errors);
    }
    let variants = container.variants.as_ref().map(|variants| check_variants(container, variants, errors));
    patch_only_on_entity_structs(container, errors);
    let fields = check_fields(container, errors);
    entity_set_needs_a_key(container, shape_ok, collection.is_some(), &fields, errors);

    Some(Model {
        ident: &container.input.ident,
        derive: container.derive,
        krate: container.common.facade(),
        type_name: type_name?,
        vis: &container.input.vis,
        collection,
        singleton,
        properties: fields.properties,
        base: fields.base,
        additional: fields.additional,
        annotations: fields.annotations,
        patch: gets_a_patch(container),
        variants,
        derived_after: container.derived_after,
    })
}

/// The qualified type name, which every derive needs.
fn type_name(container: &Container<'_>, errors: &mut Errors) -> Option<String> {
    let input = container.input;
    match &container.type_name {
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
                    container.derive.name(),
                    input.ident
                ),
            );
            None
        }
    }
}

/// `collection` or `singleton`: an entity type's path, which a complex type has not.
fn entity_path(
    container: &Container<'_>,
    setting: &Option<crate::attr::Setting<syn::LitStr>>,
    key: &str,
    errors: &mut Errors,
) -> Option<String> {
    let setting = setting.as_ref()?;
    if container.derive == Derive::Complex {
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
}

fn one_of_collection_or_singleton(container: &Container<'_>, has_collection: bool, errors: &mut Errors) {
    if let (true, Some(setting)) = (has_collection, &container.singleton) {
        errors.at(
            setting.key_span,
            format_args!(
                "an entity type has an entity set or is the type of a singleton: keep `{COLLECTION}` or `{SINGLETON}`"
            ),
        );
    }
}

fn singleton_only_on_structs(container: &Container<'_>, _: bool, errors: &mut Errors) {
    if let (Some(setting), true) = (&container.singleton, container.variants.is_some()) {
        errors.at(
            setting.key_span,
            format_args!("`{SINGLETON}` applies to structs: a singleton holds one type"),
        );
    }
}

fn rename_all_only_on_structs(container: &Container<'_>, _: bool, errors: &mut Errors) {
    if let (Some(setting), true) = (&container.common.rename_all, container.variants.is_some()) {
        errors.at(
            setting.key_span,
            format_args!("`{RENAME_ALL}` applies to structs: each variant's type names its own properties"),
        );
    }
}

fn patch_only_on_entity_structs(container: &Container<'_>, errors: &mut Errors) {
    if let Some(setting) = &container.patch {
        if container.derive != Derive::Resource || container.variants.is_some() {
            errors.at(
                setting.key_span,
                format_args!(
                    "`{PATCH}` applies to entity structs (#[derive(ODataResource)] on a struct): only they get a `{{Entity}}Patch`"
                ),
            );
        }
    }
}

/// Whether an entity struct gets `{Entity}Patch` and `Patchable`.
fn gets_a_patch(container: &Container<'_>) -> bool {
    container.derive == Derive::Resource && container.variants.is_none() && container.wants_patch()
}

/// What the fields of a struct hold, once each field passed its rules.
struct CheckedFields<'a> {
    properties: Vec<Property<'a>>,
    base: Option<Embedded<'a>>,
    additional: Option<Embedded<'a>>,
    annotations: Option<Embedded<'a>>,
    /// Whether a field is marked `key` (or tried to be).
    has_key: bool,
    /// Whether a field is marked `base`, valid or not.
    marks_a_base: bool,
}

/// The fields' rules, field by field: the special fields, then each property's.
fn check_fields<'a>(container: &Container<'a>, errors: &mut Errors) -> CheckedFields<'a> {
    let derive = container.derive;
    let has_base = container.fields.iter().flatten().any(|field| field.base.is_some());
    let rule = container.common.rename_rule();
    let mut checked = CheckedFields {
        properties: Vec::new(),
        base: None,
        additional: None,
        annotations: None,
        has_key: false,
        marks_a_base: has_base,
    };
    let mut first_key: Option<&Ident> = None;
    let mut seen_names: HashMap<String, &Ident> = HashMap::new();
    for field in container.fields.iter().flatten() {
        field_is_not_named_if_match(container, field, errors);
        if let Some(role) = special_role(field, errors) {
            if let Some(role) = role {
                check_special_field(container, field, role, &mut checked, errors);
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
        checked.has_key |= field.attempted.contains(&KEY);
        if let Some(span) = field.key {
            match (derive, first_key) {
                (Derive::Complex, _) => errors.at(span, complex_has_no_key()),
                (Derive::Resource, None) if has_base => {
                    errors.at(span, "the key is the base type's: a derived type cannot declare another")
                }
                (Derive::Resource, _) => first_key = first_key.or(Some(field.ident())),
            }
        }
        read_only_only_on_entities(derive, field, errors);
        navigation_is_neither_key_nor_read_only(field, errors);
        let value_ty = field.option_of.unwrap_or(field.ty);
        checked.properties.push(Property {
            member: field.ident(),
            name_span: field.named.name_span(),
            vis: field.vis,
            ty: field.ty,
            ty_span: field.ty.span(),
            wire_name,
            key: field.key.is_some(),
            read_only: field.read_only.is_some(),
            navigation: field.navigation.is_some(),
            optional: field.option_of.is_some(),
            value_ty,
            value_ty_span: value_ty.span(),
            explicit_null_of: field.option_of.and_then(option_argument),
        });
    }
    checked.has_key |= first_key.is_some();
    checked
}

fn field_is_not_named_if_match(container: &Container<'_>, field: &Field<'_>, errors: &mut Errors) {
    if gets_a_patch(container) && crate::attr::plain(field.ident()) == PATCH_IF_MATCH {
        errors.spanned(
            field.ident(),
            format_args!(
                "`{PATCH_IF_MATCH}` is the field of `{}Patch` that carries the `If-Match` version: name this field otherwise (with #[odata({RENAME} = \"...\")] for its wire name), or opt out of the patch with #[odata({PATCH} = false)]",
                container.input.ident
            ),
        );
    }
}

/// A `base`, `additional` or `annotations` field: at most one of each, no `Option` base, no key.
fn check_special_field<'a>(
    container: &Container<'a>,
    field: &Field<'a>,
    role: &'static str,
    checked: &mut CheckedFields<'a>,
    errors: &mut Errors,
) {
    let (slot, key) = match role {
        BASE => (&mut checked.base, BASE),
        ADDITIONAL => (&mut checked.additional, ADDITIONAL),
        _ => (&mut checked.annotations, ANNOTATIONS),
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
        match container.derive {
            Derive::Resource => {
                errors.at(span, format_args!("`{KEY}` marks one property, not the `{key}` field"))
            }
            Derive::Complex => errors.at(span, complex_has_no_key()),
        }
    }
}

fn read_only_only_on_entities(derive: Derive, field: &Field<'_>, errors: &mut Errors) {
    if let (Some(span), Derive::Complex) = (field.read_only, derive) {
        errors.at(
            span,
            format_args!(
                "`{READ_ONLY}` applies to entity types (#[derive(ODataResource)]): a complex value is written whole"
            ),
        );
    }
}

fn navigation_is_neither_key_nor_read_only(field: &Field<'_>, errors: &mut Errors) {
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
}

/// An entity of a set is addressed by its key; a singleton's type, or one reached only
/// through a single-valued navigation property, may have none.
fn entity_set_needs_a_key(
    container: &Container<'_>,
    shape_ok: bool,
    has_collection: bool,
    fields: &CheckedFields<'_>,
    errors: &mut Errors,
) {
    if container.derive == Derive::Resource
        && shape_ok
        && container.variants.is_none()
        && !fields.marks_a_base
        && has_collection
        && !fields.has_key
    {
        errors.spanned(
            &container.input.ident,
            format_args!(
                "an entity type with an entity set needs a key: mark its key field with #[odata({KEY})]"
            ),
        );
    }
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
    variants: &[crate::parse::Variant<'a>],
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
