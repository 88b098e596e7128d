//! The README's models checked against Microsoft Graph's v1.0 `$metadata`: a model a user copies
//! from the README must not disagree with the service it names.
//!
//! `readme_models/generated.rs` holds every annotated item of the README's examples, one module
//! per example, with the example's `TYPES` and `OPERATIONS`; [`generated_models_are_current`]
//! keeps it in step with the README (`UPDATE_README_MODELS=1` rewrites it).
//! [`the_readme_models_agree_with_graph_v1`] checks every `microsoft.graph` type and operation:
//! a type, property or operation that Graph v1.0 does not have is reported as such (the README
//! also shows beta types and made-up ones); any other finding fails.

#[rustfmt::skip] // the README's text as it is
#[path = "readme_models/generated.rs"]
#[allow(dead_code, unused_imports)]
mod generated;

use std::path::PathBuf;

use odata::csdl::{FindingKind, Metadata, Report};

const GENERATED_PATH: &str = "tests/readme_models/generated.rs";

/// The derives whose items are models.
const DERIVES: &[&str] = &["ODataResource", "ODataComplex", "ODataEnum", "ODataOperation"];

/// The names every example's items may use, imported into each module.
const PRELUDE: &str = "    use odata::{\n        Annotations, Binary, Date, DateTimeOffset, Decimal, Flags, Guid, Int64, ODataComplex,\n        ODataEnum, ODataOperation, ODataResource, RawObject,\n    };\n    use serde_json::{Map, Value};\n";

/// One annotated item of an example: its text, its name and whether it is an operation.
struct Item {
    text: String,
    name: String,
    operation: bool,
}

/// The annotated items of each example that compiles (```` ```rust ```` and
/// ```` ```rust,no_run ````), with the example's first line (for messages).
fn examples(readme: &str) -> Vec<(usize, Vec<Item>)> {
    let lines: Vec<&str> = readme.lines().collect();
    let mut examples = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        let fence = lines[index];
        index += 1;
        if fence != "```rust" && fence != "```rust,no_run" {
            continue;
        }
        let start = index;
        let mut items = Vec::new();
        while index < lines.len() && lines[index] != "```" {
            let derive = lines[index];
            let derives_a_model = derive.starts_with("#[derive(")
                && DERIVES
                    .iter()
                    .any(|name| derive.contains(&format!("{name})")) || derive.contains(&format!("{name},")));
            if !derives_a_model {
                index += 1;
                continue;
            }
            let operation = derive.contains("ODataOperation");
            let mut text = String::new();
            let mut name = None;
            while index < lines.len() {
                let line = lines[index];
                index += 1;
                text.push_str("    ");
                text.push_str(line);
                text.push('\n');
                if name.is_none() {
                    let declaration =
                        line.strip_prefix("pub struct ").or_else(|| line.strip_prefix("pub enum "));
                    if let Some(declaration) = declaration {
                        let end = declaration
                            .find(|character: char| !(character.is_alphanumeric() || character == '_'))
                            .unwrap_or(declaration.len());
                        name = Some(declaration[..end].to_owned());
                        // A unit struct, or an item on one line.
                        if line.ends_with(';') || line.ends_with('}') {
                            break;
                        }
                    }
                } else if line == "}" {
                    break;
                }
            }
            let name =
                name.unwrap_or_else(|| panic!("README.md:{index}: an item derived with odata has no name"));
            items.push(Item { text, name, operation });
        }
        index += 1;
        if !items.is_empty() {
            examples.push((start, items));
        }
    }
    examples
}

/// The text of `generated.rs` for the README.
fn generate(readme: &str) -> String {
    let mut out = String::from(
        "//! Every annotated item of the README's examples, one module per example (named for its\n\
         //! number), with its types and operations. Written by `tests/readme_models.rs`\n\
         //! (`UPDATE_README_MODELS=1 cargo test --test readme_models`); do not edit.\n",
    );
    let examples = examples(readme);
    for (number, (_, items)) in examples.iter().enumerate() {
        let names: Vec<String> = items.iter().map(|item| format!("`{}`", item.name)).collect();
        out.push_str(&format!(
            "\n/// The README's example of {}.\npub mod example_{} {{\n{PRELUDE}\n",
            names.join(", "),
            number + 1
        ));
        for item in items {
            out.push_str(&item.text);
            out.push('\n');
        }
        let types: Vec<String> = items
            .iter()
            .filter(|item| !item.operation)
            .map(|item| format!("        <{} as odata::csdl::EdmTyped>::EDM,\n", item.name))
            .collect();
        let operations: Vec<String> = items
            .iter()
            .filter(|item| item.operation)
            .map(|item| format!("        &<{} as ODataOperation>::DESCRIPTION,\n", item.name))
            .collect();
        out.push_str(&format!(
            "    pub const TYPES: &[odata::csdl::EdmType] = &[\n{}    ];\n",
            types.concat()
        ));
        out.push_str(&format!(
            "    pub const OPERATIONS: &[&odata::csdl::OperationDescription] = &[\n{}    ];\n}}\n",
            operations.concat()
        ));
    }
    out.push_str("\n/// Each example's module name, types and operations.\n");
    out.push_str("pub const EXAMPLES: &[(&str, &[odata::csdl::EdmType], &[&odata::csdl::OperationDescription])] = &[\n");
    for number in 1..=examples.len() {
        out.push_str(&format!(
            "    (\"example_{number}\", example_{number}::TYPES, example_{number}::OPERATIONS),\n"
        ));
    }
    out.push_str("];\n");
    out
}

fn readme() -> String {
    std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap()
}

#[test]
fn generated_models_are_current() {
    let source = generate(&readme());
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(GENERATED_PATH);
    if std::env::var_os("UPDATE_README_MODELS").is_some_and(|value| !value.is_empty() && value != "0") {
        std::fs::write(&path, &source).expect("writes tests/readme_models/generated.rs");
        return;
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default().replace("\r\n", "\n");
    assert!(
        current == source,
        "{GENERATED_PATH} is not the README's models: run `UPDATE_README_MODELS=1 cargo test --test readme_models`"
    );
}

#[test]
fn the_extraction_finds_the_quick_starts_models() {
    let examples = examples(&readme());
    let names: Vec<&str> = examples[0].1.iter().map(|item| item.name.as_str()).collect();
    assert_eq!(names, ["AndroidForWorkEnrollmentProfile", "MimeContent"]);
    let all: usize = examples.iter().map(|(_, items)| items.len()).sum();
    assert!(all >= 25, "{all} items");
    assert!(examples
        .iter()
        .flat_map(|(_, items)| items)
        .any(|item| item.operation && item.name == "CreateToken"));
}

fn graph_v1() -> Metadata {
    let xml =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/graph-metadata/v1.0.xml"))
            .unwrap();
    Metadata::parse(&xml).unwrap()
}

/// A type, property or operation that Graph v1.0 lacks: a beta one, or one the README makes up.
fn not_in_v1(kind: &FindingKind) -> bool {
    matches!(
        kind,
        FindingKind::UnknownType { .. }
            | FindingKind::UnknownProperty { .. }
            | FindingKind::UnknownOperation { .. }
    )
}

#[test]
fn the_readme_models_agree_with_graph_v1() {
    let metadata = graph_v1();
    let mut not_in_v1_count = 0;
    let mut mistakes = Vec::new();
    for (name, types, operations) in generated::EXAMPLES {
        let (types, operations): (Report, Report) =
            (metadata.check_types(types), metadata.check_operations(operations));
        for finding in types.findings().iter().chain(operations.findings()) {
            if !finding.type_name.starts_with("microsoft.graph.") || finding.is_hint() {
                continue; // contoso and Trippin are other services
            }
            if not_in_v1(&finding.kind) {
                not_in_v1_count += 1;
            } else {
                mistakes.push(format!("{name}: {finding}"));
            }
        }
    }
    assert_eq!(mistakes, Vec::<String>::new());
    // The README shows beta types (Android for Work enrollment) and made-up ones.
    assert!(not_in_v1_count > 0);
}
