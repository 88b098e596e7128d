//! The round trip of the schema: Graph v1.0 `$metadata` -> a generated crate -> an
//! `odata::csdl::Document` of all its types and bound operations (`add_types(TYPES)`,
//! `add_operations(OPERATIONS)`) -> CSDL XML, read back with the generator's reader and
//! compared with the original type by type, property by property and operation by operation. Every difference has a kind, and every kind a reason (what the Rust types cannot
//! carry); a difference of no known kind fails the test.
//!
//! The suite builds the crate of the `user` selection; the whole Graph crate (about 4 minutes
//! and 6 GiB to build) runs with `cargo test -p odata-codegen --test csdl_round_trip --
//! --ignored --nocapture`.

mod common;
mod generated_crate;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::{graph_metadata_path, scratch};
use generated_crate::{cargo_run, workspace_root};
use odata_codegen::model::{Model, Operation, Property, Target, TypeDef, TypeKind, TypeRef};
use odata_codegen::Config;

/// Each kind of difference the round trip may show, with the reason.
const EXPLAINED: &[(&str, &str)] = &[
    ("type description", "a Rust type carries no `Core.Description` (the generator writes it as rustdoc)"),
    ("property description", "a Rust field carries no `Core.Description`"),
    ("member description", "an enum variant carries no `Core.Description`"),
    ("member value", "a Rust enum variant has a name and no value: members are numbered in order"),
    ("abstract", "`Abstract` is not carried by a Rust struct"),
    ("has stream", "`HasStream` is not carried by a Rust struct"),
    ("contains target", "`ContainsTarget` is not carried by a navigation field"),
    ("facets", "`MaxLength`, `Precision`, `Scale` and `SRID` are not carried by a Rust type (a `String`, `Decimal` or `Geo` has no such bound)"),
    ("nullable", "the generator makes every property an `Option` (a `$select` may leave any out), so `Nullable=\"false\"` is lost"),
    ("permissions read", "`Core.Permissions` = Read becomes `read_only`, written back as `Core.Computed`"),
    ("geo type", "every `Edm.Geography*` and `Edm.Geometry*` is `odata::Geo`, written back as `Edm.Geography`"),
    ("key read-only", "the generator makes `entity.id`, the key, `read_only` (the service sets it), written back as `Core.Computed`"),
    ("stream read-only", "the generator makes every `Edm.Stream` property `read_only` (its media is fetched apart), written back as `Core.Computed`"),
    ("described read-only", "Graph's convention: a property whose description says `read-only` is `read_only`, written back as `Core.Computed`"),
    ("complex computed", "the generator marks `read_only` only the properties of entity types (a complex value is written whole), so `Core.Computed` on a complex type's property is lost"),
    ("navigation computed", "a navigation property is never sent on create or update, so it needs no `read_only`, and its `Core.Computed` is lost"),
    ("key restated", "a derived type that declares its base's key again: the Rust type takes the key from its base"),
    ("complex navigation", "the generator leaves out the navigation properties of complex types (a complex value has no navigation field; the generated docs list them)"),
    ("left out by the selection", "a selection leaves out the navigation properties to types it does not select"),
    ("operation description", "an operation's struct carries no `Core.Description`"),
    ("parameter description", "a parameter's field carries no `Core.Description`"),
    ("parameter nullable", "the generator makes every parameter an `Option` (`None` is left out of an action's body), so `Nullable=\"false\"` is lost"),
    ("operation not generated", "the generator writes only bound operations, and lists those it skips with the reason in the operations module's docs"),
    ("open type", "the generator keeps the undeclared properties of complex types in an `#[odata(additional)]` field, which the document declares `OpenType`"),
];

/// A crate `name` generated from Graph v1.0 (the `types` selection, or all of it), a binary
/// that prints its `Document` as XML, and the XML it printed.
fn round_trip(name: &str, types: Option<&[&str]>) -> (Model, String) {
    let metadata = std::fs::read_to_string(graph_metadata_path()).unwrap();
    let original = odata_codegen::parse_metadata(&metadata).unwrap();
    let dir = scratch(name);
    let generated = dir.join("generated");
    let mut config =
        Config::new().metadata_file(graph_metadata_path()).crate_name(name).odata_path(workspace_root());
    if let Some(types) = types {
        config = config.types(types.iter().copied());
    }
    config.generate_to_dir(&generated).unwrap();
    let checker = dir.join("checker");
    std::fs::create_dir_all(checker.join("src")).unwrap();
    let manifest = format!(
        "[package]\nname = \"checker\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\n{name} = {{ path = {:?}, features = [\"csdl\"] }}\nodata = {{ path = {:?} }}\n\n[workspace]\n",
        generated.to_str().unwrap(),
        workspace_root().to_str().unwrap()
    );
    std::fs::write(checker.join("Cargo.toml"), manifest).unwrap();
    std::fs::copy(workspace_root().join("Cargo.lock"), checker.join("Cargo.lock")).unwrap();
    let package = name.replace('-', "_");
    std::fs::write(
        checker.join("src/main.rs"),
        format!(
            "fn main() {{\n    let mut document = odata::csdl::Document::new(\"GraphService\");\n    \
             document.add_types({package}::TYPES);\n    \
             document.add_operations({package}::OPERATIONS);\n    print!(\"{{}}\", document.to_xml());\n}}\n"
        ),
    )
    .unwrap();
    let xml = cargo_run(&checker, &[]);
    std::fs::remove_dir_all(&dir).unwrap();
    (original, xml)
}

/// Every difference by kind: the count and a few examples.
#[derive(Default)]
struct Differences(BTreeMap<&'static str, (usize, Vec<String>)>);

impl Differences {
    fn add(&mut self, kind: &'static str, example: String) {
        let entry = self.0.entry(kind).or_default();
        entry.0 += 1;
        if entry.1.len() < 3 {
            entry.1.push(example);
        }
    }

    fn summary(&self) -> String {
        let mut text = String::new();
        for (kind, (count, examples)) in &self.0 {
            let reason =
                EXPLAINED.iter().find(|(known, _)| known == kind).map_or("UNEXPLAINED", |(_, reason)| reason);
            text.push_str(&format!("{count:>6} {kind}: {reason}\n         e.g. {}\n", examples.join("; ")));
        }
        text
    }

    fn unexplained(&self) -> Vec<&'static str> {
        self.0.keys().copied().filter(|kind| !EXPLAINED.iter().any(|(known, _)| known == kind)).collect()
    }
}

fn type_name(model: &Model, ty: TypeRef) -> String {
    let element = match ty.target {
        Target::Primitive(primitive) => format!("{primitive:?}"),
        Target::Type(id) => model.types[id].qualified_name.clone(),
    };
    if ty.collection {
        format!("Collection({element})")
    } else {
        element
    }
}

/// Where a property is declared: its type's name, whether the type is complex and whether
/// the property is a navigation property.
struct Owner<'a> {
    name: &'a str,
    complex: bool,
    navigation: bool,
}

fn compare_property(
    original: &Model,
    written: &Model,
    owner: &Owner<'_>,
    before: &Property,
    after: Option<&Property>,
    out: &mut Differences,
) {
    let at = format!("{}/{}", owner.name, before.name);
    let Some(after) = after else {
        let target_left_out = match before.ty.target {
            Target::Type(id) => {
                !written.types.iter().any(|ty| ty.qualified_name == original.types[id].qualified_name)
            }
            Target::Primitive(_) => false,
        };
        let kind = if owner.complex && owner.navigation {
            "complex navigation"
        } else if target_left_out {
            "left out by the selection"
        } else {
            "property lost"
        };
        return out.add(kind, at);
    };
    let (was, is) = (type_name(original, before.ty), type_name(written, after.ty));
    if was != is {
        if was.contains("Geo") && is.contains("Geo") {
            out.add("geo type", format!("{at}: {was} became {is}"));
        } else {
            out.add("property type", format!("{at}: {was} became {is}"));
        }
    }
    if before.nullable != after.nullable {
        out.add("nullable", format!("{at}: {} became {}", before.nullable, after.nullable));
    }
    if before.description.is_some() && after.description.is_none() {
        out.add("property description", at.clone());
    }
    if before.contains_target && !after.contains_target {
        out.add("contains target", at.clone());
    }
    if before.facets != after.facets {
        out.add("facets", format!("{at}: {:?} became {:?}", before.facets, after.facets));
    }
    if before.computed != after.computed {
        if before.permissions_read && after.computed {
            out.add("permissions read", at.clone());
        } else if before.name == "id" && after.computed {
            out.add("key read-only", at.clone());
        } else if before.ty.target == Target::Primitive(odata_codegen::model::Primitive::Stream)
            && after.computed
        {
            out.add("stream read-only", at.clone());
        } else if after.computed
            && before
                .description
                .as_deref()
                .is_some_and(|text| text.to_ascii_lowercase().contains("read-only"))
        {
            out.add("described read-only", at.clone());
        } else if owner.complex && before.computed && !after.computed {
            out.add("complex computed", at.clone());
        } else if owner.navigation && before.computed && !after.computed {
            out.add("navigation computed", at.clone());
        } else {
            out.add("computed", format!("{at}: {} became {}", before.computed, after.computed));
        }
    }
}

fn compare_type(original: &Model, written: &Model, before: &TypeDef, after: &TypeDef, out: &mut Differences) {
    let name = &before.qualified_name;
    if before.description.is_some() && after.description.is_none() {
        out.add("type description", name.clone());
    }
    match (&before.kind, &after.kind) {
        (TypeKind::Enum(was), TypeKind::Enum(is)) => {
            if was.is_flags != is.is_flags {
                out.add("flags", name.clone());
            }
            let names = |members: &[odata_codegen::model::EnumMember]| -> Vec<String> {
                members.iter().map(|member| member.name.clone()).collect()
            };
            if names(&was.members) != names(&is.members) {
                out.add(
                    "members",
                    format!("{name}: {:?} became {:?}", names(&was.members), names(&is.members)),
                );
            }
            for (member, written_member) in was.members.iter().zip(&is.members) {
                if member.value.is_some() && member.value != written_member.value {
                    out.add(
                        "member value",
                        format!(
                            "{name}.{}: {:?} became {:?}",
                            member.name, member.value, written_member.value
                        ),
                    );
                }
                if member.description.is_some() {
                    out.add("member description", format!("{name}.{}", member.name));
                }
            }
        }
        (TypeKind::Entity(was), TypeKind::Entity(is)) | (TypeKind::Complex(was), TypeKind::Complex(is)) => {
            let base =
                |model: &Model, base: Option<usize>| base.map(|id| model.types[id].qualified_name.clone());
            if base(original, was.base) != base(written, is.base) {
                out.add(
                    "base type",
                    format!("{name}: {:?} became {:?}", base(original, was.base), base(written, is.base)),
                );
            }
            if was.key != is.key {
                let kind = if is.key.is_empty() && is.base.is_some() { "key restated" } else { "key" };
                out.add(kind, format!("{name}: {:?} became {:?}", was.key, is.key));
            }
            if was.is_abstract && !is.is_abstract {
                out.add("abstract", name.clone());
            }
            if was.has_stream && !is.has_stream {
                out.add("has stream", name.clone());
            }
            if was.is_open != is.is_open {
                out.add("open type", format!("{name}: {} became {}", was.is_open, is.is_open));
            }
            for (properties, written_properties, kind) in [
                (&was.properties, &is.properties, "structural"),
                (&was.navigation, &is.navigation, "navigation"),
            ] {
                let owner = Owner {
                    name,
                    complex: matches!(before.kind, TypeKind::Complex(_)),
                    navigation: kind == "navigation",
                };
                for property in properties {
                    let found = written_properties.iter().find(|candidate| candidate.name == property.name);
                    compare_property(original, written, &owner, property, found, out);
                }
                for property in written_properties {
                    if !properties.iter().any(|candidate| candidate.name == property.name) {
                        out.add("property added", format!("{name}/{} ({kind})", property.name));
                    }
                }
            }
        }
        _ => out.add("kind", name.clone()),
    }
}

/// An operation's identity: its qualified name, its binding and its parameters' names
/// (overloads differ in them).
fn operation_key(model: &Model, operation: &Operation) -> String {
    let binding = operation.binding.map(|binding| type_name(model, binding)).unwrap_or_default();
    let parameters: Vec<&str> =
        operation.parameters.iter().map(|parameter| parameter.name.as_str()).collect();
    format!(
        "{}.{}({binding}; {})",
        model.schemas[operation.schema].namespace,
        operation.name,
        parameters.join(", ")
    )
}

fn compare_operation(
    original: &Model,
    written: &Model,
    before: &Operation,
    after: &Operation,
    out: &mut Differences,
) {
    let at = operation_key(original, before);
    if before.kind != after.kind {
        out.add("operation kind", at.clone());
    }
    if before.description.is_some() && after.description.is_none() {
        out.add("operation description", at.clone());
    }
    let returns = |model: &Model, returns: Option<TypeRef>| returns.map(|ty| type_name(model, ty));
    let (was, is) = (returns(original, before.returns), returns(written, after.returns));
    if was != is {
        out.add("return type", format!("{at}: {was:?} became {is:?}"));
    }
    for (parameter, written_parameter) in before.parameters.iter().zip(&after.parameters) {
        let at = format!("{at}/{}", parameter.name);
        let (was, is) = (type_name(original, parameter.ty), type_name(written, written_parameter.ty));
        if was != is {
            let kind = if was.contains("Geo") && is.contains("Geo") { "geo type" } else { "parameter type" };
            out.add(kind, format!("{at}: {was} became {is}"));
        }
        if parameter.nullable != written_parameter.nullable {
            out.add(
                "parameter nullable",
                format!("{at}: {} became {}", parameter.nullable, written_parameter.nullable),
            );
        }
        if parameter.description.is_some() {
            out.add("parameter description", at);
        }
    }
}

fn compare_operations(original: &Model, written: &Model, selected: Option<&[&str]>, out: &mut Differences) {
    let originals: BTreeMap<String, &Operation> =
        original.operations.iter().map(|operation| (operation_key(original, operation), operation)).collect();
    let mut found = 0;
    for after in &written.operations {
        match originals.get(&operation_key(written, after)) {
            Some(before) => {
                found += 1;
                compare_operation(original, written, before, after, out);
            }
            None => out.add("operation added", operation_key(written, after)),
        }
    }
    if selected.is_none() {
        let written_keys: BTreeSet<String> =
            written.operations.iter().map(|operation| operation_key(written, operation)).collect();
        for key in originals.keys().filter(|key| !written_keys.contains(*key)) {
            out.add("operation not generated", key.clone());
        }
    }
    assert!(found > 0 || written.operations.is_empty());
}

fn compare(original: &Model, xml: &str, selected: Option<&[&str]>) -> Differences {
    let written = odata_codegen::parse_metadata(xml)
        .unwrap_or_else(|error| panic!("the document does not read back: {error}"));
    let mut out = Differences::default();
    for after in &written.types {
        let Some(before) = original.types.iter().find(|ty| ty.qualified_name == after.qualified_name) else {
            out.add("type added", after.qualified_name.clone());
            continue;
        };
        compare_type(original, &written, before, after, &mut out);
    }
    if selected.is_none() {
        for before in &original.types {
            if !written.types.iter().any(|ty| ty.qualified_name == before.qualified_name) {
                out.add("type lost", before.qualified_name.clone());
            }
        }
    }
    compare_operations(original, &written, selected, &mut out);
    out
}

#[test]
fn the_user_selection_round_trips_through_a_document() {
    let selection: &[&str] = &["user"];
    let (original, xml) = round_trip("graph-csdl-user", Some(selection));
    let written = odata_codegen::parse_metadata(&xml).unwrap();
    assert!(written.types.len() >= 30, "the selection has {} types", written.types.len());
    // The user's bound operations come along: `changePassword`, `assignLicense`, ...
    assert!(written.operations.len() >= 10, "the selection has {} operations", written.operations.len());
    let differences = compare(&original, &xml, Some(selection));
    println!("{}", differences.summary());
    assert!(differences.unexplained().is_empty(), "unexplained differences:\n{}", differences.summary());
    // The facts the types carry survive (a lost type, property, key, base, member or a
    // changed type would be unexplained); what they cannot carry is lost.
    for kind in ["nullable", "member value", "abstract"] {
        assert!(differences.0.contains_key(kind), "expected `{kind}` among\n{}", differences.summary());
    }
}

#[test]
#[ignore = "builds the whole generated Graph crate (about 4 minutes, 6 GiB): run by hand"]
fn the_whole_graph_round_trips_through_a_document() {
    let (original, xml) = round_trip("graph-csdl-all", None);
    let differences = compare(&original, &xml, None);
    let summary = differences.summary();
    println!("{summary}");
    let _ =
        std::fs::write(Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/csdl-round-trip.txt"), &summary);
    assert!(differences.unexplained().is_empty(), "unexplained differences:\n{summary}");
}
