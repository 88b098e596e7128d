//! The crate's files: one module per schema namespace, nested by its dot-separated segments,
//! each filled by the flavor's writer of types (and, in the odata flavor, operations).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::plan::{Plan, OPERATIONS_MODULE, PRECOMPILED_JSON_MODULE};
use crate::{emit, flat_serde, plain_serde, Flavor};

/// The source files of the crate, by path below `src/`, and the modules declared in each.
pub fn emit_sources(plan: &Plan<'_>, crate_doc: &str, flavor: Flavor) -> BTreeMap<String, String> {
    let model = plan.model;
    // Every module path and its child modules.
    let mut children: BTreeMap<Vec<String>, BTreeSet<String>> = BTreeMap::new();
    children.entry(Vec::new()).or_default();
    let mut bodies: BTreeMap<Vec<String>, String> = BTreeMap::new();
    let mut docs: BTreeMap<Vec<String>, String> = BTreeMap::new();
    let flat_components = match flavor {
        Flavor::FlatSerde => flat_serde::components(plan),
        Flavor::Odata | Flavor::PlainSerde => Vec::new(),
    };
    for (schema, path) in plan.module_of_schema.iter().enumerate() {
        let namespace = &model.schemas[schema].namespace;
        let mut body = String::new();
        for &id in plan.types_of_schema(schema) {
            match flavor {
                Flavor::Odata => emit::emit_type(plan, id, &mut body),
                Flavor::PlainSerde => plain_serde::emit_type(plan, id, &mut body),
                Flavor::FlatSerde => flat_serde::emit_type(plan, &flat_components, id, &mut body),
            }
        }
        if flavor == Flavor::Odata && schema == model.default_schema {
            emit::emit_container(plan, &mut body);
        }
        let operations = match flavor {
            Flavor::Odata => emit::emit_operations(plan, schema),
            Flavor::PlainSerde | Flavor::FlatSerde => None,
        };
        if body.is_empty() && operations.is_none() {
            continue; // a namespace the type selection leaves empty
        }
        for depth in 0..path.len() {
            children.entry(path[..depth].to_vec()).or_default().insert(path[depth].clone());
            children.entry(path[..=depth].to_vec()).or_default();
        }
        docs.insert(path.clone(), format!("//! The types of the `{namespace}` namespace.\n"));
        bodies.insert(path.clone(), body);
        if let Some(operations) = operations {
            children.entry(path.clone()).or_default().insert(OPERATIONS_MODULE.to_owned());
            let mut operations_path = path.clone();
            operations_path.push(OPERATIONS_MODULE.to_owned());
            children.entry(operations_path.clone()).or_default();
            docs.insert(operations_path.clone(), operations.0);
            bodies.insert(operations_path, operations.1);
        }
    }
    let mut files = BTreeMap::new();
    for (path, modules) in &children {
        let mut text = String::new();
        match docs.get(path) {
            Some(doc) => text.push_str(doc),
            None if path.is_empty() => text.push_str(crate_doc),
            None => {
                let namespace =
                    path.iter().map(|s| s.trim_start_matches("r#")).collect::<Vec<_>>().join("::");
                let _ = writeln!(text, "//! The modules below `{namespace}`.");
            }
        }
        if !modules.is_empty() {
            text.push('\n');
            for module in modules {
                let _ = writeln!(text, "pub mod {module};");
            }
        }
        if let Some(body) = bodies.get(path).filter(|body| !body.is_empty()) {
            text.push('\n');
            text.push_str(body);
        }
        if path.is_empty() && flavor == Flavor::Odata {
            text.push_str(&emit::emit_type_list(plan));
            text.push_str(&emit::precompiled_json_declaration());
        }
        let file: Vec<&str> = path.iter().map(|segment| segment.trim_start_matches("r#")).collect();
        let name = if path.is_empty() {
            "lib.rs".to_owned()
        } else if modules.is_empty() {
            format!("{}.rs", file.join("/"))
        } else {
            format!("{}/mod.rs", file.join("/"))
        };
        files.insert(name, text);
    }
    if flavor == Flavor::Odata {
        files.insert(format!("{PRECOMPILED_JSON_MODULE}.rs"), emit::emit_precompiled_json(plan));
    }
    files
}
