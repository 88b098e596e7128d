//! The benchmark-only flat reference: every entity and complex type as one flat struct with
//! plain serde derives, so that `scripts/graph-build-time.sh` can compare the generated crate
//! with the simplest serde model of the same schema. Not part of the documented interface.
//!
//! Each struct holds its own properties and copies of every inherited one (the base's first),
//! structural properties then the navigation properties of an entity type whose targets are
//! generated; every field an `Option` with `skip_serializing_if`; `rename_all = "camelCase"`
//! and a `rename` wherever that rule does not give the wire name back; CSDL enums and Edm
//! values serde has no type for (dates, GUIDs, binary, ...) are `String`, collections `Vec`,
//! `Int64` is `i64`, `Decimal` a JSON number, untyped or geographic values JSON values. No
//! hierarchy enums, no enum types, no operations, no map of undeclared properties. A property
//! that closes a by-value cycle of structs, and every single-valued navigation property, is
//! boxed.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::docs::{description_lines, write_doc};
use crate::layout::{blank_line_between_items, item_header, wrap_value_type};
use crate::model::{Property, Target, TypeId, TypeKind, TypeRef};
use crate::naming::{field_name, FieldName};
use crate::plain_serde::primitive_type;
use crate::plan::{strongly_connected_components, Plan};

/// One type's flat struct appended to `out` (nothing for an enum type: its values are strings);
/// `components` are the [`components`] of the plan.
pub fn emit_type(plan: &Plan<'_>, components: &[usize], id: TypeId, out: &mut String) {
    if plan.model.structured(id).is_none() {
        return;
    }
    let model = plan.model;
    let ty = &model.types[id];
    let module = &plan.module_of_schema[ty.schema];
    let fields = flat_fields(plan, id);
    let boxed = cyclic_fields(plan, components, id, &fields);
    blank_line_between_items(out);
    let doc = ty.description.as_deref().map(description_lines).unwrap_or_default();
    write_doc(out, "", &doc);
    out.push_str("#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]\n");
    out.push_str("#[serde(rename_all = \"camelCase\")]\n");
    if fields.is_empty() {
        let _ = writeln!(out, "pub struct {} {{}}", plan.entry(id).name);
        return;
    }
    item_header(out, "struct", &plan.entry(id).name);
    for (index, field) in fields.iter().enumerate() {
        let doc = field.property.description.as_deref().map(description_lines).unwrap_or_default();
        write_doc(out, "    ", &doc);
        if field.name.needs_rename() {
            let _ = writeln!(out, "    #[serde(rename = \"{}\")]", field.name.wire);
        }
        out.push_str("    #[serde(skip_serializing_if = \"Option::is_none\")]\n");
        let boxed = boxed.contains(&index) || (field.navigation && !field.property.ty.collection);
        let _ = writeln!(
            out,
            "    pub {}: Option<{}>,",
            field.name.ident,
            value_type(plan, module, field.property.ty, boxed)
        );
    }
    out.push_str("}\n");
}

/// A field of a flat struct: a property of the type or of one of its bases.
struct FlatField<'m> {
    property: &'m Property,
    navigation: bool,
    name: FieldName,
}

/// The base chain of a type, the root first.
fn chain(plan: &Plan<'_>, id: TypeId) -> Vec<TypeId> {
    let mut chain = Vec::new();
    let mut current = Some(id);
    while let Some(ty) = current {
        chain.push(ty);
        current = plan.model.structured(ty).and_then(|s| s.base);
    }
    chain.reverse();
    chain
}

/// The fields of a type's flat struct: the structural properties of the chain (the root's
/// first), then its navigation properties to generated types (entity types only), each named
/// once among them all.
fn flat_fields<'m>(plan: &Plan<'m>, id: TypeId) -> Vec<FlatField<'m>> {
    let model = plan.model;
    let chain: Vec<_> = chain(plan, id).into_iter().filter_map(|ty| model.structured(ty)).collect();
    let structural = chain.iter().flat_map(|s| &s.properties).map(|property| (property, false));
    let navigation = chain
        .iter()
        .flat_map(|s| &s.navigation)
        .filter(|property| model.is_entity(id) && plan.navigation_included(property.ty))
        .map(|property| (property, true));
    let mut taken = BTreeSet::new();
    structural
        .chain(navigation)
        .map(|(property, navigation)| FlatField {
            property,
            navigation,
            name: field_name(&property.name, &mut taken),
        })
        .collect()
}

/// Whether a property holds a struct by value, and which.
fn by_value(plan: &Plan<'_>, property: &Property) -> Option<TypeId> {
    match property.ty.target {
        Target::Type(target) if !property.ty.collection && plan.model.structured(target).is_some() => {
            Some(target)
        }
        _ => None,
    }
}

/// The strongly connected component of every type's flat struct, over the by-value edges
/// (structural, non-collection, to a struct; inherited properties included).
pub fn components(plan: &Plan<'_>) -> Vec<usize> {
    let model = plan.model;
    let edges: Vec<Vec<(TypeId, Option<usize>)>> = (0..model.types.len())
        .map(|ty| {
            if !plan.is_generated(ty) {
                return Vec::new();
            }
            chain(plan, ty)
                .into_iter()
                .filter_map(|link| model.structured(link))
                .flat_map(|s| &s.properties)
                .filter_map(|property| by_value(plan, property).map(|target| (target, None)))
                .collect()
        })
        .collect();
    strongly_connected_components(&edges)
}

/// The structural fields (by index) of a type's flat struct that hold a struct of its own
/// strongly connected component by value: boxed, so that the structs have a size.
fn cyclic_fields(
    plan: &Plan<'_>,
    components: &[usize],
    id: TypeId,
    fields: &[FlatField<'_>],
) -> BTreeSet<usize> {
    fields
        .iter()
        .enumerate()
        .filter(|(_, field)| !field.navigation)
        .filter_map(|(index, field)| by_value(plan, field.property).map(|target| (index, target)))
        .filter(|(_, target)| components[*target] == components[id])
        .map(|(index, _)| index)
        .collect()
}

fn value_type(plan: &Plan<'_>, from: &[String], ty: TypeRef, boxed: bool) -> String {
    let element = match ty.target {
        Target::Primitive(primitive) => primitive_type(primitive).to_owned(),
        Target::Type(id) => match &plan.model.types[id].kind {
            TypeKind::Enum(_) => "String".to_owned(),
            _ => plan.type_path(from, id, false),
        },
    };
    wrap_value_type(element, ty.collection, boxed)
}
