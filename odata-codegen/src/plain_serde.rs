//! The benchmark-only flavor: the same model written as plain serde derives, the way a careful
//! user would hand-write it, so that `scripts/graph-build-time.sh` can compare the cost of the
//! `odata` derives with serde's on the same types. Not part of the documented interface.
//!
//! What "careful" means here: every property `Option<_>` with `skip_serializing_if`,
//! `rename_all = "camelCase"` and a `rename` wherever that rule does not give the wire name
//! back; a derived type holds its base through `#[serde(flatten)]` (the shape the `odata`
//! derives use, rather than repeating the base's properties in every derived type); the root
//! of a hierarchy keeps undeclared properties in a flattened map; hierarchies are
//! `#[serde(tag = "@odata.type")]` enums accepting the type name with or without `#`; CSDL
//! enums are unit enums with a `#[serde(other)]` variant; Edm values serde has no type for
//! (dates, GUIDs, binary, ...) are `String`, `Int64` is `i64`, `Decimal` a JSON number, and
//! untyped or geographic values JSON values. No operations.

use std::fmt::Write as _;

use crate::docs::{description_lines, write_doc};
use crate::layout::{item_header, newtype_variant, wrap_value_type};
use crate::model::{Enumeration, Primitive, Structured, Target, TypeId, TypeKind, TypeRef};
use crate::plan::{Hierarchy, HierarchyVariant, Plan};

/// The crate's `Cargo.toml` dependencies in this flavor.
pub const DEPENDENCIES: &str = "serde = { version = \"1\", features = [\"derive\"] }\nserde_json = \"1\"\n";

/// One type's items (its struct and hierarchy enum, or its enum) appended to `out`.
pub fn emit_type(plan: &Plan<'_>, id: TypeId, out: &mut String) {
    match &plan.model.types[id].kind {
        TypeKind::Enum(enumeration) => emit_enum(plan, id, enumeration, out),
        TypeKind::Entity(structured) | TypeKind::Complex(structured) => {
            emit_struct(plan, id, structured, out);
            if let Some(hierarchy) = &plan.entry(id).hierarchy {
                emit_hierarchy(plan, id, hierarchy, out);
            }
        }
    }
}

/// The Rust type of an Edm primitive in the serde flavors.
pub fn primitive_type(primitive: Primitive) -> &'static str {
    match primitive {
        Primitive::String
        | Primitive::Guid
        | Primitive::Date
        | Primitive::TimeOfDay
        | Primitive::Duration
        | Primitive::DateTimeOffset
        | Primitive::Binary
        | Primitive::Stream => "String",
        Primitive::Boolean => "bool",
        Primitive::Byte => "u8",
        Primitive::SByte => "i8",
        Primitive::Int16 => "i16",
        Primitive::Int32 => "i32",
        Primitive::Int64 => "i64",
        Primitive::Single => "f32",
        Primitive::Double => "f64",
        Primitive::Decimal => "serde_json::Number",
        Primitive::Untyped | Primitive::Geo => "serde_json::Value",
    }
}

fn value_type(plan: &Plan<'_>, from: &[String], ty: TypeRef, boxed: bool) -> String {
    let element = match ty.target {
        Target::Primitive(primitive) => primitive_type(primitive).to_owned(),
        Target::Type(id) => match &plan.model.types[id].kind {
            TypeKind::Enum(enumeration) if enumeration.is_flags => "String".to_owned(),
            TypeKind::Enum(_) => plan.type_path(from, id, false),
            _ => plan.type_path(from, id, true),
        },
    };
    wrap_value_type(element, ty.collection, boxed)
}

fn emit_struct(plan: &Plan<'_>, id: TypeId, structured: &Structured, out: &mut String) {
    let model = plan.model;
    let ty = &model.types[id];
    let module = &plan.module_of_schema[ty.schema];
    let fields = &plan.entry(id).fields;
    if !out.is_empty() {
        out.push('\n');
    }
    let doc = ty.description.as_deref().map(description_lines).unwrap_or_default();
    write_doc(out, "", &doc);
    out.push_str("#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]\n");
    out.push_str("#[serde(rename_all = \"camelCase\")]\n");
    item_header(out, "struct", &plan.entry(id).name);
    if let Some(base) = structured.base {
        out.push_str("    #[serde(flatten)]\n");
        let _ = writeln!(out, "    pub base: {},", plan.type_path(module, base, false));
    }
    let navigation = structured
        .navigation
        .iter()
        .enumerate()
        .filter(|(_, property)| model.is_entity(id) && plan.navigation_included(property.ty))
        .map(|(offset, property)| (structured.properties.len() + offset, property, !property.ty.collection));
    let structural = structured
        .properties
        .iter()
        .enumerate()
        .map(|(index, property)| (index, property, plan.boxed.contains(&(id, index))));
    for (index, property, boxed) in structural.chain(navigation) {
        let name = &fields[index];
        let doc = property.description.as_deref().map(description_lines).unwrap_or_default();
        write_doc(out, "    ", &doc);
        if name.needs_rename() {
            let _ = writeln!(out, "    #[serde(rename = \"{}\")]", name.wire);
        }
        out.push_str("    #[serde(skip_serializing_if = \"Option::is_none\")]\n");
        let _ = writeln!(
            out,
            "    pub {}: Option<{}>,",
            name.ident,
            value_type(plan, module, property.ty, boxed)
        );
    }
    if structured.base.is_none() {
        out.push_str("    #[serde(flatten)]\n");
        out.push_str("    pub undeclared: serde_json::Map<String, serde_json::Value>,\n");
    }
    out.push_str("}\n");
}

fn emit_hierarchy(plan: &Plan<'_>, id: TypeId, hierarchy: &Hierarchy, out: &mut String) {
    let module = &plan.module_of_schema[plan.model.types[id].schema];
    out.push('\n');
    out.push_str("#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]\n");
    out.push_str("#[serde(tag = \"@odata.type\")]\n");
    item_header(out, "enum", &hierarchy.name);
    for HierarchyVariant { name: variant, ty: member, boxed } in &hierarchy.variants {
        let name = &plan.model.types[*member].qualified_name;
        let _ = writeln!(out, "    #[serde(rename = \"#{name}\", alias = \"{name}\")]");
        let path = plan.type_path(module, *member, false);
        let ty = wrap_value_type(path, false, *boxed);
        newtype_variant(out, variant, &ty);
    }
    out.push_str("    #[serde(other)]\n");
    out.push_str("    Other,\n");
    out.push_str("}\n");
}

fn emit_enum(plan: &Plan<'_>, id: TypeId, enumeration: &Enumeration, out: &mut String) {
    let ty = &plan.model.types[id];
    if !out.is_empty() {
        out.push('\n');
    }
    let doc = ty.description.as_deref().map(description_lines).unwrap_or_default();
    write_doc(out, "", &doc);
    out.push_str(
        "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]\n",
    );
    out.push_str("#[serde(rename_all = \"camelCase\")]\n");
    item_header(out, "enum", &plan.entry(id).name);
    for (member, variant) in enumeration.members.iter().zip(&plan.entry(id).variants) {
        if plan.variant_needs_rename(variant, &member.name) {
            let _ = writeln!(out, "    #[serde(rename = \"{}\")]", member.name);
        }
        let _ = writeln!(out, "    {variant},");
    }
    // `rename_all` would write the catch-all as `other`, which a member may be called.
    if enumeration.members.iter().any(|member| member.name == "other") {
        out.push_str("    #[serde(other, rename = \"(unknown)\")]\n");
    } else {
        out.push_str("    #[serde(other)]\n");
    }
    out.push_str("    Other,\n");
    out.push_str("}\n");
}
