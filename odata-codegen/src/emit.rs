//! The odata flavor, what the generator is for: a type's items (its `ODataResource` or
//! `ODataComplex` struct and hierarchy enum, or its `ODataEnum`) and a namespace's operations
//! module, written from a [`Plan`] as rustfmt formats them (one attribute per line), so that
//! the output is rustfmt-clean without running rustfmt.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::docs::{description_lines, write_doc};
use crate::layout::{blank_line_between_items, item_header, newtype_variant, wrap_value_type, MAX_WIDTH};
use crate::model::{Enumeration, OperationKind, Property, Structured, Target, TypeId, TypeKind};
use crate::naming::{unique_numbered, upper_camel_case};
use crate::plan::{relative_path, Hierarchy, HierarchyVariant, OperationPlan, Plan, PRECOMPILED_JSON_MODULE};

/// `#[odata(a, b)]` as rustfmt lays it out: on one line when it fits, else one item per line
/// (when each of those fits; rustfmt leaves the line alone otherwise).
fn odata_attribute(out: &mut String, indent: &str, items: &[String]) {
    let line = format!("{indent}#[odata({})]", items.join(", "));
    let inner = format!("{indent}    ");
    let vertical_fits = items.iter().all(|item| inner.len() + item.len() + ",".len() <= MAX_WIDTH);
    if line.len() <= MAX_WIDTH || !vertical_fits {
        out.push_str(&line);
        out.push('\n');
        return;
    }
    let _ = writeln!(out, "{indent}#[odata(");
    for (index, item) in items.iter().enumerate() {
        let comma = if index + 1 < items.len() { "," } else { "" };
        let _ = writeln!(out, "{inner}{item}{comma}");
    }
    let _ = writeln!(out, "{indent})]");
}

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

fn derive_name(plan: &Plan<'_>, id: TypeId) -> &'static str {
    if plan.model.is_entity(id) {
        "ODataResource"
    } else {
        "ODataComplex"
    }
}

fn type_attribute(plan: &Plan<'_>, id: TypeId, resource: Option<(&'static str, String)>, out: &mut String) {
    let mut items = vec![format!("type = \"{}\"", plan.model.types[id].qualified_name)];
    if let Some((key, path)) = resource.filter(|_| plan.model.is_entity(id)) {
        items.push(format!("{key} = \"{path}\""));
    }
    odata_attribute(out, "", &items);
}

fn emit_struct(plan: &Plan<'_>, id: TypeId, structured: &Structured, out: &mut String) {
    let model = plan.model;
    let ty = &model.types[id];
    let module = &plan.module_of_schema[ty.schema];
    let is_entity = model.is_entity(id);
    let fields = &plan.entry(id).fields;
    blank_line_between_items(out);

    let mut left_out = Vec::new();
    for property in &structured.navigation {
        if !is_entity || !plan.navigation_included(property.ty) {
            left_out.push(property);
        }
    }
    if !left_out.is_empty() {
        let reason = if is_entity {
            "their types are not in the type selection"
        } else {
            "a complex type has no navigation field"
        };
        let _ = writeln!(out, "// Navigation properties left out ({reason}):");
        for property in left_out {
            let target = match property.ty.target {
                Target::Type(target) => model.types[target].qualified_name.as_str(),
                Target::Primitive(_) => "?",
            };
            let _ = writeln!(out, "// - `{}` (`{target}`)", property.name);
        }
    }

    let mut doc = ty.description.as_deref().map(description_lines).unwrap_or_default();
    let mut notes = Vec::new();
    if structured.is_abstract {
        notes.push("Abstract: the service sends one of its derived types.".to_owned());
    }
    if structured.is_open {
        notes.push("Open type: properties the schema does not declare are kept in `undeclared`.".to_owned());
    }
    if structured.has_stream {
        notes.push("Media entity (`HasStream`): its content is read and written as a stream.".to_owned());
    }
    if !notes.is_empty() {
        if !doc.is_empty() {
            doc.push(String::new());
        }
        doc.extend(notes);
    }
    write_doc(out, "", &doc);
    if plan.model.is_entity(id) {
        // The standard derives in an attribute of their own, below: `ODataResource` sees them
        // there (not beside it), and so writes the patch's `Debug`, `Clone` and `PartialEq`
        // without `where` clauses, which cost the compiler per impl. The `odata` attribute
        // between the two keeps rustfmt from merging them.
        out.push_str("#[derive(odata::ODataResource)]\n");
        type_attribute(plan, id, plan.own_resource_path(id), out);
        out.push_str("#[derive(Debug, Clone, PartialEq)]\n");
    } else {
        let _ = writeln!(out, "#[derive(Debug, Clone, PartialEq, odata::{})]", derive_name(plan, id));
        type_attribute(plan, id, plan.own_resource_path(id), out);
    }
    item_header(out, "struct", &plan.entry(id).name);

    if let Some(base) = structured.base {
        let _ =
            writeln!(out, "    /// The properties of the base type, `{}`.", model.types[base].qualified_name);
        let _ = writeln!(out, "    #[odata(base)]");
        let _ = writeln!(out, "    pub base: {},", plan.type_path(module, base, false));
    }
    let is_root = structured.base.is_none();
    for (index, property) in structured.properties.iter().enumerate() {
        let name = &fields[index];
        let mut flags = Vec::new();
        if is_entity && is_root && structured.key.contains(&property.name) {
            flags.push("key".to_owned());
        }
        if plan.is_read_only(id, index) {
            flags.push("read_only".to_owned());
        }
        if name.needs_rename() {
            flags.push(format!("rename = \"{}\"", name.wire));
        }
        let boxed = plan.boxed.contains(&(id, index));
        let value = plan.value_type(module, property.ty, boxed);
        emit_field(out, property, &flags, &name.ident, &value, boxed);
    }
    if is_entity {
        for (offset, property) in structured.navigation.iter().enumerate() {
            if !plan.navigation_included(property.ty) {
                continue;
            }
            let name = &fields[structured.properties.len() + offset];
            let mut flags = vec!["navigation".to_owned()];
            if name.needs_rename() {
                flags.push(format!("rename = \"{}\"", name.wire));
            }
            let value = plan.value_type(module, property.ty, !property.ty.collection);
            emit_field(out, property, &flags, &name.ident, &value, false);
        }
    }
    if is_root {
        out.push_str("    /// The properties the schema does not declare, kept as they were read.\n");
        out.push_str("    #[odata(additional)]\n");
        out.push_str("    pub undeclared: odata::json::Object,\n");
        out.push_str("    /// The instance annotations (`@odata.etag`, ...), kept as they were read.\n");
        out.push_str("    #[odata(annotations)]\n");
        out.push_str("    pub annotations: odata::Annotations,\n");
    }
    out.push_str("}\n");
}

fn emit_field(
    out: &mut String,
    property: &Property,
    flags: &[String],
    ident: &str,
    value: &str,
    boxed: bool,
) {
    let mut doc = property.description.as_deref().map(description_lines).unwrap_or_default();
    let mut notes = Vec::new();
    if !property.nullable {
        notes.push("Not nullable in the schema (`Nullable=\"false\"`).".to_owned());
    }
    if boxed {
        notes.push("Boxed: it closes a cycle of types that hold each other by value.".to_owned());
    }
    if !notes.is_empty() {
        if !doc.is_empty() {
            doc.push(String::new());
        }
        doc.push(notes.join(" "));
    }
    write_doc(out, "    ", &doc);
    if !flags.is_empty() {
        odata_attribute(out, "    ", flags);
    }
    let line = format!("    pub {ident}: Option<{value}>,");
    // rustfmt moves a type that does not fit to the next line, when it fits there.
    if line.len() > MAX_WIDTH && 8 + "Option<>,".len() + value.len() <= MAX_WIDTH {
        let _ = writeln!(out, "    pub {ident}:\n        Option<{value}>,");
    } else {
        out.push_str(&line);
        out.push('\n');
    }
}

fn emit_hierarchy(plan: &Plan<'_>, id: TypeId, hierarchy: &Hierarchy, out: &mut String) {
    let model = plan.model;
    let ty = &model.types[id];
    let module = &plan.module_of_schema[ty.schema];
    blank_line_between_items(out);
    let _ = writeln!(
        out,
        "/// A `{}` or any type derived from it, read by its `@odata.type`; a value of a type this",
        ty.qualified_name
    );
    out.push_str("/// crate does not know is kept whole in `Other`.\n");
    let _ = writeln!(out, "#[derive(Debug, Clone, PartialEq, odata::{})]", derive_name(plan, id));
    type_attribute(plan, id, plan.inherited_resource_path(id), out);
    item_header(out, "enum", &hierarchy.name);
    for HierarchyVariant { name: variant, ty: member, boxed } in &hierarchy.variants {
        let path = plan.type_path(module, *member, false);
        let ty = wrap_value_type(path, false, *boxed);
        newtype_variant(out, variant, &ty);
    }
    out.push_str("    #[odata(other)]\n");
    out.push_str("    Other(odata::RawObject),\n");
    out.push_str("}\n");
}

fn emit_enum(plan: &Plan<'_>, id: TypeId, enumeration: &Enumeration, out: &mut String) {
    let ty = &plan.model.types[id];
    blank_line_between_items(out);
    let mut doc = ty.description.as_deref().map(description_lines).unwrap_or_default();
    let mut notes = Vec::new();
    if enumeration.is_flags {
        notes.push(
            "Flags: a property of this type holds an `odata::Flags` set, written `\"a,b\"`.".to_owned(),
        );
    }
    let future = enumeration.members.iter().position(|member| member.name == "unknownFutureValue");
    if future.is_some_and(|index| index + 1 < enumeration.members.len()) {
        notes.push(
            "Evolvable: the service sends the members after `unknownFutureValue` only to a request that asks \
             for them (`Prefer: include-unknown-enum-members`), and `unknownFutureValue` otherwise."
                .to_owned(),
        );
    }
    notes.push("A value the schema does not list is kept in `Other` and written back unchanged.".to_owned());
    if !doc.is_empty() {
        doc.push(String::new());
    }
    doc.extend(notes);
    write_doc(out, "", &doc);
    out.push_str("#[derive(Debug, Clone, PartialEq, Eq, Hash, odata::ODataEnum)]\n");
    let _ = writeln!(out, "#[odata(type = \"{}\")]", ty.qualified_name);
    item_header(out, "enum", &plan.entry(id).name);
    for (member, variant) in enumeration.members.iter().zip(&plan.entry(id).variants) {
        let doc = member.description.as_deref().map(description_lines).unwrap_or_default();
        write_doc(out, "    ", &doc);
        if plan.variant_needs_rename(variant, &member.name) {
            odata_attribute(out, "    ", &[format!("rename = \"{}\"", member.name)]);
        }
        let _ = writeln!(out, "    {variant},");
    }
    out.push_str("    /// A value the schema does not list, as it was read.\n");
    out.push_str("    #[odata(other)]\n");
    out.push_str("    Other(String),\n");
    out.push_str("}\n");
}

/// The operations module of a schema (its doc and body), when it has anything to say.
pub fn emit_operations(plan: &Plan<'_>, schema: usize) -> Option<(String, String)> {
    let model = plan.model;
    let module = plan.operations_module(schema);
    let mut items: Vec<(String, String)> = Vec::new();
    let mut skipped: Vec<String> = Vec::new();
    for (index, op) in model.operations.iter().enumerate() {
        if op.schema != schema {
            continue;
        }
        match &plan.operations[index] {
            OperationPlan::Omitted => {}
            OperationPlan::Skipped(reason) => {
                let binding = match op.binding.map(|b| b.target) {
                    Some(Target::Type(id)) => format!(" bound to `{}`", model.types[id].qualified_name),
                    _ => String::new(),
                };
                skipped.push(format!("//! - `{}`{binding}: {reason}.", op.name));
            }
            OperationPlan::Generated { name, fields } => {
                let mut text = String::new();
                let doc = op.description.as_deref().map(description_lines).unwrap_or_default();
                write_doc(&mut text, "", &doc);
                text.push_str("#[derive(Debug, Clone, PartialEq, odata::ODataOperation)]\n");
                let kind = match op.kind {
                    OperationKind::Action => "action",
                    OperationKind::Function => "function",
                };
                let namespace = &model.schemas[op.schema].namespace;
                let wire = if op.schema == model.default_schema {
                    op.name.clone()
                } else {
                    format!("{namespace}.{}", op.name)
                };
                let Some(binding) = op.binding else { continue };
                let Target::Type(binding_type) = binding.target else { continue };
                let mut attribute = format!(
                    "#[odata({kind} = \"{wire}\", binding = {}",
                    plan.type_path(&module, binding_type, false)
                );
                if binding.collection {
                    attribute.push_str(", collection_bound");
                }
                if let Some(returns) = op.returns {
                    let _ = write!(attribute, ", returns = {}", plan.value_type(&module, returns, false));
                }
                attribute.push_str(")]");
                let _ = writeln!(text, "{attribute}");
                if fields.is_empty() {
                    let _ = writeln!(text, "pub struct {name};");
                } else {
                    item_header(&mut text, "struct", name);
                    for (parameter, field) in op.parameters.iter().zip(fields) {
                        let flags: Vec<String> = if field.needs_rename() {
                            vec![format!("rename = \"{}\"", field.wire)]
                        } else {
                            Vec::new()
                        };
                        let value = plan.value_type(&module, parameter.ty, false);
                        emit_field(&mut text, parameter, &flags, &field.ident, &value, false);
                    }
                    text.push_str("}\n");
                }
                items.push((name.clone(), text));
            }
        }
    }
    if items.is_empty() && skipped.is_empty() {
        return None;
    }
    let namespace = &model.schemas[schema].namespace;
    let mut doc = format!(
        "//! The bound actions and functions of the `{namespace}` namespace: one struct per overload,\n\
         //! named after its binding type and operation, the parameters as fields. Call one on a\n\
         //! path of its binding type: `path.invoke(&operation)`, a collection's for a\n\
         //! collection-bound one.\n"
    );
    if !skipped.is_empty() {
        doc.push_str("//!\n//! Not generated:\n");
        for line in &skipped {
            doc.push_str(line);
            doc.push('\n');
        }
    }
    items.sort();
    let mut body = String::new();
    for (_, text) in items {
        blank_line_between_items(&mut body);
        body.push_str(&text);
    }
    Some((doc, body))
}

/// The inherent methods of `odata::Service`: an entry point of one of these names would be
/// shadowed by the method, so it takes the next free name (`root_`).
const SERVICE_METHODS: &[&str] = &[
    "collection_at",
    "collection_url",
    "create",
    "create_at",
    "delete",
    "delete_at",
    "delete_entity",
    "delta",
    "delta_at",
    "entity",
    "entity_at",
    "entity_set",
    "entity_url",
    "follow",
    "get",
    "get_at",
    "get_with",
    "invoke",
    "invoke_at",
    "invoke_on",
    "invoke_on_collection",
    "key_style",
    "list",
    "list_at",
    "list_with",
    "new",
    "root",
    "singleton",
    "try_create",
    "try_create_at",
    "try_delete",
    "try_delete_at",
    "try_delta",
    "try_delta_at",
    "try_get",
    "try_get_at",
    "try_get_with",
    "try_invoke",
    "try_invoke_at",
    "try_invoke_on",
    "try_invoke_on_collection",
    "try_list",
    "try_list_at",
    "try_list_at_with",
    "try_list_with",
    "try_new",
    "try_update",
    "try_update_at",
    "update",
    "update_at",
    "with_key_style",
    "as_ref",
];

/// The entry-point trait of the entity container, in the module of the container's schema:
/// one provided method per entity set (a `CollectionPath`) and singleton (an `EntityPath`) of
/// a generated type, implemented for `odata::Service`. Nothing per entity type: a type with
/// several sets and singletons gets one method for each, one without gets none.
pub fn emit_container(plan: &Plan<'_>, out: &mut String) {
    let model = plan.model;
    let Some(container) = &model.container else { return };
    let schema = model.default_schema;
    let module = &plan.module_of_schema[schema];
    let items = model
        .entity_sets
        .iter()
        .map(|item| (item, false))
        .chain(model.singletons.iter().map(|item| (item, true)))
        .filter(|(item, _)| plan.is_generated(item.ty));
    let mut methods = Vec::new();
    let mut taken: BTreeSet<String> = SERVICE_METHODS.iter().map(|name| name.to_string()).collect();
    for (item, singleton) in items {
        let name = crate::naming::field_name(&item.name, &mut taken);
        methods.push((item, singleton, name.ident));
    }
    if methods.is_empty() {
        return;
    }
    let mut type_names = BTreeSet::new();
    for &id in plan.types_of_schema(schema) {
        let entry = plan.entry(id);
        for suffix in ["", "Patch", "Fields"] {
            type_names.insert(format!("{}{suffix}", entry.name));
        }
        if let Some(hierarchy) = &entry.hierarchy {
            type_names.insert(hierarchy.name.clone());
        }
    }
    let trait_name = unique_numbered(&upper_camel_case(container), 2, &mut type_names);

    blank_line_between_items(out);
    let _ = writeln!(
        out,
        "/// The entry points of the `{container}` entity container: a path to each entity set and\n\
         /// singleton, implemented for `odata::Service`. Bring it into scope, then start a request\n\
         /// from one of them: `service.{}()`.",
        methods[0].2
    );
    let _ = writeln!(out, "pub trait {trait_name}: AsRef<odata::Service> {{");
    for (index, (item, singleton, ident)) in methods.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let ty = &model.types[item.ty];
        let mut doc = item.description.as_deref().map(description_lines).unwrap_or_default();
        if !doc.is_empty() {
            doc.push(String::new());
        }
        let (kind, path, constructor) = if *singleton {
            ("singleton", "EntityPath", "entity_at")
        } else {
            ("entity set", "CollectionPath", "collection_at")
        };
        doc.push(format!("The {kind} `/{}`, of `{}`.", item.name, ty.qualified_name));
        write_doc(out, "    ", &doc);
        let returns = format!("odata::{path}<{}>", plan.type_path(module, item.ty, false));
        let line = format!("    fn {ident}(&self) -> {returns} {{");
        if line.len() <= MAX_WIDTH {
            out.push_str(&line);
            out.push('\n');
        } else {
            let _ = writeln!(out, "    fn {ident}(\n        &self,\n    ) -> {returns} {{");
        }
        let _ = writeln!(out, "        self.as_ref().{constructor}({:?})", format!("/{}", item.name));
        out.push_str("    }\n");
    }
    out.push_str("}\n\n");
    let _ = writeln!(out, "impl {trait_name} for odata::Service {{}}");
}

/// `lib.rs`'s declaration of the `precompiled-json` feature's table
/// ([`emit_precompiled_json`]): only a crate has the feature, so `module_file` leaves the
/// declaration out.
pub fn precompiled_json_declaration() -> String {
    format!(
        "\n/// With the `precompiled-json` feature, in a dev build: serde_json's reading and writing of\n\
         /// every type, compiled in this crate instead of in each crate that reads or writes one.\n\
         #[cfg(all(feature = \"precompiled-json\", debug_assertions))]\n\
         mod {PRECOMPILED_JSON_MODULE};\n"
    )
}

/// The file of the `precompiled-json` feature's table: every type of the crate (and each hierarchy's enum, a flags
/// enumeration as `odata::Flags<_>`), each named once through
/// `odata::precompile_json` in a table.
pub fn emit_precompiled_json(plan: &Plan<'_>) -> String {
    let mut out = String::from(
        "//! serde_json's reading and writing of every type of this crate, compiled here once: a dev\n\
         //! build of a crate that depends on this one reuses them (rustc's shared generics) instead of\n\
         //! compiling them again. See the README.\n\
         \n\
         use odata::precompile_json;\n\
         \n\
         use super::*;\n\
         \n\
         /// Never read: naming each function in the table is what compiles it.\n\
         #[allow(dead_code)]\n\
         static PRECOMPILED: &[fn()] = &[\n",
    );
    for id in plan.generated_types() {
        let mut types = vec![plan.own_type(&[], id)];
        let any = plan.type_path(&[], id, true);
        if any != plan.type_path(&[], id, false) {
            types.push(any);
        }
        for ty in types {
            // One line however long: rustfmt does not break a path in an array.
            let _ = writeln!(out, "    precompile_json::<{ty}>,");
        }
    }
    out.push_str("];\n");
    out
}

/// `TYPES` and `OPERATIONS`, every type and bound operation of the crate as
/// `odata::csdl::Document::add_types` and `add_operations` take them: data, not code per
/// type. They exist with odata's `csdl` feature, as the descriptions they point at do
/// (`odata::__private::described!`), not with a feature of the generated crate, so that the
/// same text also compiles inlined into a crate of the user's (`write_module_file`) that has
/// no such feature. A flags enumeration is listed as `odata::Flags<_>`, so that the document
/// marks it `IsFlags`.
pub fn emit_type_list(plan: &Plan<'_>) -> String {
    let items: Vec<String> = plan
        .generated_types()
        .map(|id| format!("    <{} as odata::csdl::EdmTyped>::EDM,\n", plan.own_type(&[], id)))
        .collect();
    let list = if items.is_empty() { "&[]".to_owned() } else { format!("&[\n{}]", items.concat()) };
    let mut operations = Vec::new();
    for (index, operation) in plan.model.operations.iter().enumerate() {
        if let OperationPlan::Generated { name, .. } = &plan.operations[index] {
            let path = relative_path(&[], &plan.operations_module(operation.schema), name);
            operations.push(format!("    &<{path} as odata::ODataOperation>::DESCRIPTION,\n"));
        }
    }
    let operations =
        if operations.is_empty() { "&[]".to_owned() } else { format!("&[\n{}]", operations.concat()) };
    format!(
        "\nodata::__private::described! {{\n\
         /// Every type of this crate: `document.add_types(TYPES)` adds them all to an\n\
         /// `odata::csdl::Document`. With odata's `csdl` feature (this crate's `csdl`).\n\
         pub const TYPES: &[odata::csdl::EdmType] = {list};\n\
         \n/// Every bound operation of this crate: `document.add_operations(OPERATIONS)` adds them\n\
         /// all to an `odata::csdl::Document`. With odata's `csdl` feature (this crate's `csdl`).\n\
         pub const OPERATIONS: &[&odata::csdl::OperationDescription] = {operations};\n\
         }}\n"
    )
}
