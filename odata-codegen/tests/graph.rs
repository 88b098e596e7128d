//! The whole Microsoft Graph v1.0 document: it parses with the counts that
//! `tests/data/graph-metadata/README.md` gives (counted from the file, not by this parser), and
//! the generated crate is deterministic, rustfmt-clean and marks what the file marks.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use common::{graph_metadata_path, item, read_tree, rustfmt_check, scratch};
use odata_codegen::model::{Model, OperationKind, Target, TypeKind};
use odata_codegen::{Config, GeneratedCrate, ReadOnlyConvention};

fn metadata_text() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| std::fs::read_to_string(graph_metadata_path()).unwrap())
}

fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        odata_codegen::parse_metadata(metadata_text()).unwrap_or_else(|error| panic!("{error}"))
    })
}

fn generated() -> &'static GeneratedCrate {
    static GENERATED: OnceLock<GeneratedCrate> = OnceLock::new();
    GENERATED.get_or_init(|| Config::new().metadata_file(graph_metadata_path()).generate().unwrap())
}

fn graph_module() -> &'static str {
    generated().file("src/microsoft/graph/mod.rs").unwrap()
}

#[test]
fn the_model_has_the_readme_counts() {
    let model = model();
    let count = |kind: fn(&TypeKind) -> bool| model.types.iter().filter(|ty| kind(&ty.kind)).count();
    assert_eq!(model.schemas.len(), 11);
    assert_eq!(count(|kind| matches!(kind, TypeKind::Entity(_))), 1182);
    assert_eq!(count(|kind| matches!(kind, TypeKind::Complex(_))), 1780);
    assert_eq!(count(|kind| matches!(kind, TypeKind::Enum(_))), 861);
    assert_eq!(count(|kind| matches!(kind, TypeKind::Enum(e) if e.is_flags)), 64);
    let evolvable = |kind: &TypeKind| matches!(kind, TypeKind::Enum(e) if e.members.iter().any(|m| m.name == "unknownFutureValue"));
    assert_eq!(count(evolvable), 629);
    assert_eq!(count(|kind| matches!(kind, TypeKind::Enum(e) if e.members.is_empty())), 2);

    let bound = |kind| model.operations.iter().filter(|op| op.kind == kind && op.binding.is_some()).count();
    assert_eq!(bound(OperationKind::Action), 857);
    assert_eq!(bound(OperationKind::Function), 324);
    assert_eq!(model.operations.len(), 857 + 324, "all are bound");
    let mut overloads: BTreeMap<(usize, String, String), usize> = BTreeMap::new();
    for op in &model.operations {
        let binding = format!("{:?}", op.binding);
        *overloads.entry((op.schema, op.name.clone(), binding)).or_default() += 1;
    }
    assert_eq!(overloads.values().filter(|n| **n > 1).count(), 38, "overload groups");

    assert_eq!(model.entity_sets.len(), 40);
    assert_eq!(model.singletons.len(), 30);
    assert_eq!(model.schemas[model.default_schema].namespace, "microsoft.graph");
    let aliases: BTreeSet<_> = model.schemas.iter().filter_map(|s| s.alias.as_deref()).collect();
    assert!(aliases.contains("graph") && aliases.contains("self"), "{aliases:?}");

    let structured: Vec<_> = (0..model.types.len()).filter_map(|id| model.structured(id)).collect();
    let properties: Vec<_> = structured.iter().flat_map(|s| &s.properties).collect();
    let navigation: Vec<_> = structured.iter().flat_map(|s| &s.navigation).collect();
    assert_eq!(properties.len(), 10528);
    assert_eq!(navigation.len(), 1432);
    assert_eq!(navigation.iter().filter(|p| p.contains_target).count(), 1048);
    let all = || properties.iter().chain(&navigation);
    assert_eq!(all().filter(|p| p.computed).count(), 205);
    assert_eq!(all().filter(|p| p.permissions_read).count(), 86);
    // The Graph convention's description rule adds exactly the 183 that only the text marks.
    let description_only = all()
        .filter(|p| !p.computed && !p.permissions_read)
        .filter(|p| p.description.as_deref().is_some_and(|d| d.to_ascii_lowercase().contains("read-only")))
        .count();
    assert_eq!(description_only, 183);

    let keyless = (0..model.types.len())
        .filter(|id| model.is_entity(*id))
        .filter(|id| {
            let mut current = Some(*id);
            while let Some(ty) = current {
                let s = model.structured(ty).unwrap();
                if !s.key.is_empty() {
                    return false;
                }
                current = s.base;
            }
            true
        })
        .count();
    assert_eq!(keyless, 22);
    let audit_data =
        model.types.iter().position(|t| t.qualified_name == "microsoft.graph.security.auditData").unwrap();
    let derives_from = |mut id: usize, ancestor: usize| loop {
        match model.structured(id).and_then(|s| s.base) {
            Some(base) if base == ancestor => return true,
            Some(base) => id = base,
            None => return false,
        }
    };
    // The shared README says 393; the file has 392 `BaseType="self.auditData"` and no type
    // derived from those, which the model agrees with.
    let direct = metadata_text().matches("BaseType=\"self.auditData\"").count();
    assert_eq!(direct, 392);
    assert_eq!((0..model.types.len()).filter(|id| derives_from(*id, audit_data)).count(), direct);
    // Shared names, as the Rust names would collide: `Dictionary` and `dictionary` count too.
    let mut names: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for ty in &model.types {
        names
            .entry(ty.name.to_ascii_lowercase())
            .or_default()
            .insert(model.schemas[ty.schema].namespace.as_str());
    }
    assert_eq!(
        names.values().filter(|namespaces| namespaces.len() > 1).count(),
        24,
        "names shared by namespaces"
    );
    let named = |name: &str| properties.iter().filter(|p| p.name == name).count();
    assert_eq!((named("type"), named("self")), (63, 2));
    let streams = properties
        .iter()
        .filter(|p| p.ty.target == Target::Primitive(odata_codegen::model::Primitive::Stream))
        .count();
    assert_eq!(streams, 25);
}

#[test]
fn generation_is_deterministic() {
    let again = Config::new().metadata_file(graph_metadata_path()).generate().unwrap();
    assert!(again == *generated(), "two runs differ");
    let dir = scratch("graph-deterministic");
    generated().write_crate(dir.join("a")).unwrap();
    again.write_crate(dir.join("b")).unwrap();
    assert!(read_tree(&dir.join("a")) == read_tree(&dir.join("b")), "the written files differ");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_output_is_rustfmt_clean() {
    let dir = scratch("graph-rustfmt");
    let out = dir.join("graph");
    generated().write_crate(&out).unwrap();
    let selected = Config::new().metadata_file(graph_metadata_path()).types(["user"]).generate().unwrap();
    selected.write_crate(dir.join("user")).unwrap();
    for crate_dir in [out, dir.join("user")] {
        match rustfmt_check(&crate_dir) {
            None => eprintln!("rustfmt is not installed: skipping the rustfmt check"),
            Some(Ok(())) => {}
            Some(Err(diff)) => {
                panic!("rustfmt --check finds differences in {}:\n{diff}", crate_dir.display())
            }
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_layout_follows_the_namespaces() {
    let files: BTreeSet<&str> = generated().files().map(|(path, _)| path).collect();
    for expected in [
        "Cargo.toml",
        "README.md",
        "rustfmt.toml",
        "src/lib.rs",
        "src/microsoft/mod.rs",
        "src/microsoft/graph/mod.rs",
        "src/microsoft/graph/operations.rs",
        "src/microsoft/graph/security/mod.rs",
        "src/microsoft/graph/call_records/mod.rs",
        "src/microsoft/graph/partners/billing/mod.rs",
    ] {
        assert!(files.contains(expected), "{expected} missing from {files:?}");
    }
    let graph = graph_module();
    assert!(
        graph.contains("\npub mod security;\n") && graph.contains("\npub struct Security {\n"),
        "type and namespace apart"
    );
    let security = generated().file("src/microsoft/graph/security/mod.rs").unwrap();
    assert!(
        graph.contains("\npub enum AlertSeverity {\n") && security.contains("\npub enum AlertSeverity {\n")
    );
    let alert = item(security, "pub struct Alert {");
    assert!(alert.contains("    #[odata(base)]\n    pub base: super::Entity,"), "{alert}");
    let call_record =
        item(generated().file("src/microsoft/graph/call_records/mod.rs").unwrap(), "pub struct CallRecord {");
    assert!(
        call_record.contains("#[odata(type = \"microsoft.graph.callRecords.callRecord\")]"),
        "{call_record}"
    );
}

#[test]
fn known_graph_items_are_generated_as_specified() {
    let graph = graph_module();
    let user = item(graph, "pub struct User {");
    assert!(user.contains("#[odata(type = \"microsoft.graph.user\", collection = \"/users\")]"), "{user}");
    assert!(user.contains("    #[odata(base)]\n    pub base: DirectoryObject,"));
    assert!(user.contains("    #[odata(navigation)]\n    pub manager: Option<Box<AnyDirectoryObject>>,"));
    assert!(user.contains("    #[odata(navigation)]\n    pub messages: Option<Vec<AnyMessage>>,"));
    let entity = item(graph, "pub struct Entity {");
    assert!(entity.contains("    #[odata(key, read_only)]\n    pub id: Option<String>,"), "{entity}");
    let me = item(graph, "pub struct Admin {");
    assert!(!me.contains("key"), "a keyless root: {me}");

    let cycle = item(graph, "pub struct WorkbookOperationError {");
    assert!(cycle.contains("    pub inner_error: Option<Box<WorkbookOperationError>>,"), "{cycle}");
    let boxed = generated()
        .files()
        .map(|(_, text)| text.matches("/// Boxed: it closes a cycle").count())
        .sum::<usize>();
    assert_eq!(boxed, 4, "the 3 cycles: two self-references and one pair");

    let threat = item(graph, "pub enum WindowsMalwareCategory {");
    assert!(
        threat.contains("    #[odata(rename = \"remote_Control_Software\")]\n    RemoteControlSoftware1,"),
        "{threat}"
    );

    let security = generated().file("src/microsoft/graph/security/mod.rs").unwrap();
    let audit = item(security, "pub enum AnyAuditData {");
    let variants = audit.lines().filter(|line| line.starts_with("    ") && line.ends_with("),")).count();
    assert_eq!(variants, 392 + 1, "392 derived types and Other");
    assert!(!audit.contains("    AuditData("), "the base is abstract");

    let operations = generated().file("src/microsoft/graph/operations.rs").unwrap();
    let get_by_ids = item(operations, "pub struct DirectoryObjectGetByIds {");
    assert!(get_by_ids.contains("#[odata(action = \"getByIds\", binding = super::DirectoryObject, collection_bound, returns = Vec<super::AnyDirectoryObject>)]"), "{get_by_ids}");
    assert!(operations.contains("\npub struct WorkbookChartImageWithWidthHeight {\n"));
    let operation_structs: usize = generated()
        .files()
        .filter(|(path, _)| path.ends_with("/operations.rs"))
        .map(|(_, text)| text.lines().filter(|line| line.starts_with("pub struct ")).count())
        .sum();
    assert_eq!(operation_structs, 857 + 324, "every bound operation, none skipped");

    // The container's entry points: `/users` and `/me` reach the same type.
    let start = graph.find("pub trait GraphService: AsRef<odata::Service> {").expect("the entry-point trait");
    let entry_points = &graph[start..start + graph[start..].find("\n}\n").unwrap()];
    assert!(entry_points.contains("    fn users(&self) -> odata::CollectionPath<User> {\n        self.as_ref().collection_at(\"/users\")\n"), "{entry_points}");
    assert!(
        entry_points.contains(
            "    fn me(&self) -> odata::EntityPath<User> {\n        self.as_ref().entity_at(\"/me\")\n"
        ),
        "{entry_points}"
    );
    let sets = metadata_text().matches("<EntitySet ").count();
    let singletons = metadata_text().matches("<Singleton ").count();
    assert_eq!(
        entry_points.matches("\n    fn ").count(),
        sets + singletons,
        "one method per set and singleton"
    );
    assert!(graph.contains("\nimpl GraphService for odata::Service {}\n"));

    // `applicationDataType` is declared `IsFlags="true"` in the file.
    assert!(metadata_text().contains("<EnumType Name=\"applicationDataType\" IsFlags=\"true\">"));
    assert!(graph.contains("\n    pub processed_data_types: Option<odata::Flags<ApplicationDataType>>,\n"));
}

/// The read-only marks checked against the file's text: a Computed property, a Permissions-only
/// one, a description-only one, and what the metadata convention leaves unmarked.
#[test]
fn read_only_marks_follow_the_document() {
    let text = metadata_text();
    let has_annotation = |target: &str, term: &str| {
        let start = text.find(&format!("<Annotations Target=\"{target}\">")).unwrap();
        let end = start + text[start..].find("</Annotations>").unwrap();
        text[start..end].contains(term)
    };
    assert!(has_annotation("microsoft.graph.androidStoreApp/packageId", "Core.V1.Computed"));
    assert!(has_annotation("microsoft.graph.community/groupId", "Core.V1.Permissions"));
    assert!(!has_annotation("microsoft.graph.community/groupId", "Core.V1.Computed"));

    let graph = graph_module();
    let read_only_field = |type_header: &str, field: &str| {
        let block = item(graph, type_header);
        let at = block.find(&format!("    pub {field}: ")).unwrap_or_else(|| panic!("{field} in {block}"));
        block[..at].trim_end().lines().last().unwrap().contains("read_only")
    };
    assert!(read_only_field("pub struct AndroidStoreApp {", "package_id"));
    assert!(read_only_field("pub struct Community {", "group_id"));
    // Only the description says so: "Version of the discovered application. Read-only".
    let version = "<Annotations Target=\"microsoft.graph.detectedApp/version\">";
    let block = &text[text.find(version).unwrap()..][..300];
    assert!(
        block.contains("Read-only\" />\n      </Annotations>")
            && !block[..block.find("</Annotations>").unwrap()].contains("Computed")
    );
    assert!(read_only_field("pub struct DetectedApp {", "version"));

    let metadata = Config::new()
        .metadata_file(graph_metadata_path())
        .read_only_convention(ReadOnlyConvention::Metadata)
        .generate()
        .unwrap();
    let strict = metadata.file("src/microsoft/graph/mod.rs").unwrap();
    assert!(item(strict, "pub struct Entity {").contains("    #[odata(key)]\n    pub id: Option<String>,"));
    let detected_app = item(strict, "pub struct DetectedApp {");
    assert!(detected_app.contains("Read-only\n    pub version: Option<String>,"), "{detected_app}");
    let count = |crate_: &GeneratedCrate| {
        crate_
            .files()
            .map(|(_, text)| {
                text.lines()
                    .filter(|l| l.trim_start().starts_with("#[odata(") && l.contains("read_only"))
                    .count()
            })
            .sum::<usize>()
    };
    // The description rule and entity.id add marks on entity types only (complex types have none).
    let difference = count(generated()) - count(&metadata);
    let model = model();
    let expected = (0..model.types.len())
        .filter(|id| model.is_entity(*id))
        .flat_map(|id| model.structured(id).unwrap().properties.iter())
        .filter(|p| {
            !p.computed
                && !p.permissions_read
                && p.ty.target != Target::Primitive(odata_codegen::model::Primitive::Stream)
        })
        .filter(|p| p.description.as_deref().is_some_and(|d| d.to_ascii_lowercase().contains("read-only")))
        .count()
        + 1;
    assert_eq!(difference, expected);
    assert_eq!(expected, 159 + 1, "159 entity properties say read-only only in their description");
}

#[test]
fn selecting_user_keeps_its_closure_only() {
    let started = std::time::Instant::now();
    let selected = Config::new().metadata_file(graph_metadata_path()).types(["user"]).generate().unwrap();
    eprintln!("--types user: {} lines in {:?}", selected.source_lines(), started.elapsed());
    let graph = selected.file("src/microsoft/graph/mod.rs").unwrap();
    let user = item(graph, "pub struct User {");
    assert!(
        user.starts_with("// Navigation properties left out (their types are not in the type selection):\n"),
        "{user}"
    );
    assert!(
        user.contains("// - `manager` (`microsoft.graph.directoryObject`)") || user.contains("pub manager:"),
        "{user}"
    );
    assert!(user.contains("// - `messages` (`microsoft.graph.message`)"), "{user}");
    assert!(graph.contains("\npub struct DirectoryObject {\n") && graph.contains("\npub struct Entity {\n"));
    assert!(!graph.contains("\npub struct Group {\n"), "navigation is not followed");
    assert!(selected.source_lines() < generated().source_lines() / 5);
    let files: Vec<&str> = selected.files().map(|(path, _)| path).collect();
    assert_eq!(
        files,
        [
            "Cargo.toml",
            "README.md",
            "rustfmt.toml",
            "src/lib.rs",
            "src/microsoft/graph/mod.rs",
            "src/microsoft/graph/operations.rs",
            "src/microsoft/mod.rs",
            "src/precompiled_json.rs"
        ],
        "namespaces the selection leaves empty get no module"
    );
    let operations = selected.file("src/microsoft/graph/operations.rs").unwrap();
    assert!(operations.contains("\npub struct UserChangePassword {\n"), "operations bound to user are kept");
}

/// Sizes and timing of the whole model, printed for the report (`--nocapture`).
#[test]
fn report_the_size_of_the_whole_model() {
    let started = std::time::Instant::now();
    let again = Config::new().metadata_file(graph_metadata_path()).generate().unwrap();
    let elapsed = started.elapsed();
    let bytes: usize = again.files().map(|(_, text)| text.len()).sum();
    eprintln!(
        "whole Graph v1.0: {} files, {} lines, {} bytes, generated in {elapsed:?}",
        again.files().count(),
        again.source_lines(),
        bytes
    );
    for (path, text) in again.files() {
        eprintln!("  {path}: {} lines, {} bytes", text.lines().count(), text.len());
    }
    assert!(again.source_lines() > 50_000);
}

#[test]
fn facets_no_rust_type_carries_are_kept_in_the_model() {
    let facets_of = |model: &Model| -> Vec<(String, Vec<(String, String)>)> {
        (0..model.types.len())
            .filter_map(|id| model.structured(id))
            .flat_map(|structured| structured.properties.iter())
            .filter(|property| !property.facets.is_empty())
            .map(|property| (property.name.clone(), property.facets.clone()))
            .collect()
    };
    // Graph v1.0 has no `MaxLength`, `Precision` or `SRID`, and two `Scale="variable"`.
    let scale = vec![("Scale".to_owned(), "variable".to_owned())];
    assert_eq!(
        facets_of(model()),
        [("charge".to_owned(), scale.clone()), ("connectionCharge".to_owned(), scale)]
    );
    assert_eq!(metadata_text().matches(" Scale=\"").count(), 2);
    for facet in [" MaxLength=\"", " Precision=\"", " SRID=\""] {
        assert_eq!(metadata_text().matches(facet).count(), 0, "{facet}");
    }
    // Each facet, in document order; other attributes are not facets.
    let xml = common::one_schema(
        r#"<ComplexType Name="place">
             <Property Name="name" Type="Edm.String" MaxLength="64" Nullable="false"/>
             <Property Name="price" Type="Edm.Decimal" Precision="9" Scale="2"/>
             <Property Name="spot" Type="Edm.GeographyPoint" SRID="4326"/>
             <Property Name="note" Type="Edm.String"/>
           </ComplexType>"#,
    );
    let model = odata_codegen::parse_metadata(&xml).unwrap_or_else(|error| panic!("{error}"));
    let pair = |name: &str, value: &str| (name.to_owned(), value.to_owned());
    assert_eq!(
        facets_of(&model),
        [
            ("name".to_owned(), vec![pair("MaxLength", "64")]),
            ("price".to_owned(), vec![pair("Precision", "9"), pair("Scale", "2")]),
            ("spot".to_owned(), vec![pair("SRID", "4326")]),
        ]
    );
}
