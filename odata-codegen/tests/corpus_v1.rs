//! The Graph corpus against the generated v1.0 crate: every documented "create" page whose
//! entity type v1.0 defines (146 of the 453 beta pages) reads its documented response through
//! the generated struct and through the nearest generated `Any...` enum, and writes it back
//! equal as JSON (beta-only properties and values of beta-only types survive as undeclared or
//! unknown ones). The create payload of that value is compared with the documented request:
//! the count is printed, and every page that differs with its reason, each reason one of the
//! kinds this test knows (an unexpected kind of difference fails it).
//!
//! It generates the crate for exactly those types (`--types`), writes a small binary crate
//! depending on it and on `odata`, and runs it, sharing `target/generated` with
//! `check_generated.rs`.

mod common;
mod generated_crate;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use common::{graph_metadata_path, scratch};
use generated_crate::{cargo_run, write_checker};
use odata_codegen::model::{Model, Property};
use odata_codegen::Config;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn corpus_path() -> PathBuf {
    manifest_dir().join("../tests/data/graph-corpus/create-examples.jsonl")
}

/// A string member of one corpus record (every record is one line of JSON whose `page` and
/// `entity` members are plain strings, without escapes).
fn member<'a>(line: &'a str, name: &str) -> &'a str {
    let key = format!("\"{name}\": \"");
    let start = line.find(&key).unwrap_or_else(|| panic!("no `{name}` in a corpus record")) + key.len();
    let end = start + line[start..].find('"').unwrap();
    &line[start..end]
}

/// The Rust names of the generated structured types (struct, hierarchy enum) by qualified name,
/// from the text: each item's `type = "..."` comes right before its `pub struct`/`pub enum`.
fn generated_names(text: &str) -> BTreeMap<String, (Option<String>, Option<String>)> {
    let mut names: BTreeMap<String, (Option<String>, Option<String>)> = BTreeMap::new();
    let mut pending: Option<String> = None;
    for line in text.lines() {
        let attribute = line.strip_prefix("#[odata(type = \"").or_else(|| line.strip_prefix("    type = \""));
        if let Some(rest) = attribute {
            pending = Some(rest[..rest.find('"').unwrap()].to_owned());
        } else if let Some(name) = pending.as_ref() {
            let item = |keyword: &str| {
                line.strip_prefix(keyword)
                    .map(|rest| rest.trim_end_matches(" {").trim_end_matches(';').to_owned())
            };
            if let Some(struct_name) = item("pub struct ") {
                names.entry(name.clone()).or_default().0 = Some(struct_name);
                pending = None;
            } else if let Some(enum_name) = item("pub enum ") {
                names.entry(name.clone()).or_default().1 = Some(enum_name);
                pending = None;
            }
        }
    }
    names
}

/// A type and its base types, nearest first.
fn lineage(model: &Model, qualified: &str) -> Vec<usize> {
    let mut chain = Vec::new();
    let mut current = model.types.iter().position(|ty| ty.qualified_name == qualified);
    while let Some(id) = current {
        chain.push(id);
        current = model.structured(id).and_then(|structured| structured.base);
    }
    chain
}

/// The properties a type declares, its base types' included.
fn declared_properties(model: &Model, qualified: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for id in lineage(model, qualified) {
        if let Some(structured) = model.structured(id) {
            names.extend(structured.properties.iter().chain(&structured.navigation).map(|p| p.name.clone()));
        }
    }
    names
}

/// The checker's fixed part: reads each record, checks it through the types `dispatch` picks
/// and prints one line per result.
const CHECKER: &str = r#####"
use serde_json::Value;


fn joined(found: Vec<String>) -> Result<(), String> {
    if found.is_empty() { Ok(()) } else { Err(found.join("; ")) }
}

/// Reads the response as `T` and writes it back.
fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(response: &Value) -> Result<T, String> {
    let value: T = serde_json::from_value(response.clone()).map_err(|error| format!("read: {error}"))?;
    let written = serde_json::to_value(&value).map_err(|error| format!("write: {error}"))?;
    let mut found = Vec::new();
    differences(response, &written, "", &mut found);
    joined(found).map(|()| value)
}

fn report(kind: &str, page: &str, result: Result<(), String>) {
    match result {
        Ok(()) => println!("{kind}\t{page}\tok"),
        Err(reason) => println!("{kind}\t{page}\t{}", reason.replace(['\t', '\n'], " ")),
    }
}

fn check<T: odata::ODataResource, A: serde::Serialize + serde::de::DeserializeOwned>(
    page: &str,
    request: &Value,
    response: &Value,
) {
    match round_trip::<T>(response) {
        Ok(value) => {
            report("roundtrip", page, Ok(()));
            let mut found = Vec::new();
            match serde_json::to_value(value.create_payload()) {
                Ok(payload) => differences(request, &payload, "", &mut found),
                Err(error) => found.push(format!("write: {error}")),
            }
            report("create", page, joined(found));
        }
        Err(reason) => report("roundtrip", page, Err(reason)),
    }
    report("any", page, round_trip::<A>(response).map(|_| ()));
}

fn main() {
    let corpus = std::env::args().nth(1).expect("the corpus file");
    let text = std::fs::read_to_string(&corpus).expect("the corpus file reads");
    for line in text.lines() {
        let record: Value = serde_json::from_str(line).expect("a corpus record");
        let page = record["page"].as_str().unwrap();
        let entity = record["entity"].as_str().unwrap();
        if !dispatch(entity, page, &record["request"], &record["response"]) {
            println!("skipped\t{page}\tnot in the v1.0 selection");
        }
    }
}
"#####;

/// The reads through an `Any...` enum that are accepted to fail, by page, with the property
/// and the type that declares it: none. (Beta-only properties that v1.0 declares on a sibling
/// type of the hierarchy are kept as undeclared, since every generated type keeps what it does
/// not declare.) An entry here must fail with exactly that property, and an entry that starts
/// to round-trip fails the test.
const ACCEPTED_ANY_FAILURES: &[(&str, &str, &str)] = &[];

/// A property a type declares (its base types' included).
fn declared_property<'m>(model: &'m Model, qualified: &str, name: &str) -> Option<&'m Property> {
    lineage(model, qualified).into_iter().find_map(|id| {
        let structured = model.structured(id)?;
        structured.properties.iter().find(|property| property.name == name)
    })
}

/// What a difference between the create payload and the documented request means, when it is
/// one of the two kinds this test expects.
fn explain(difference: &str, model: &Model, entity: &str) -> Option<String> {
    let qualified = format!("microsoft.graph.{entity}");
    if let Some(name) = difference.strip_prefix("added /").filter(|name| !name.contains('/')) {
        // In the documented response, not in the request: the service sets it.
        if !declared_properties(model, &qualified).contains(name) {
            return Some(format!(
                "`{name}` is set by the service and beta-only: undeclared in v1.0, it is kept and so sent back"
            ));
        }
        let property = declared_property(model, &qualified, name)?;
        let marked = property.computed || property.permissions_read;
        return (!marked).then(|| {
            format!("`{name}` is set by the service (in the documented response only), and v1.0's metadata marks nothing")
        });
    }
    if let Some(name) = difference.strip_prefix("lost /").filter(|name| !name.contains('/')) {
        let property = declared_property(model, &qualified, name)?;
        let why = if property.computed || property.permissions_read {
            "v1.0 annotates it Core.Computed or Core.Permissions = Read"
        } else if property
            .description
            .as_deref()
            .is_some_and(|text| text.to_ascii_lowercase().contains("read-only"))
        {
            "its v1.0 description says `read-only`"
        } else {
            return None;
        };
        return Some(format!("`{name}` is read-only ({why}), but the documented request sends it"));
    }
    None
}

#[test]
fn the_v1_corpus_pages_round_trip_through_the_generated_crate() {
    let metadata = std::fs::read_to_string(graph_metadata_path()).unwrap();
    let model = odata_codegen::parse_metadata(&metadata).unwrap();
    let corpus = std::fs::read_to_string(corpus_path()).unwrap();
    let records: Vec<(String, String)> = corpus
        .lines()
        .map(|line| (member(line, "page").to_owned(), member(line, "entity").to_owned()))
        .collect();
    let known = |entity: &str| {
        let qualified = format!("microsoft.graph.{entity}");
        model
            .types
            .iter()
            .enumerate()
            .any(|(id, ty)| ty.qualified_name == qualified && model.structured(id).is_some())
    };
    let v1: Vec<&(String, String)> = records.iter().filter(|(_, entity)| known(entity)).collect();
    assert_eq!(records.len(), 453);
    assert_eq!(v1.len(), 146, "the corpus pages whose types v1.0 defines");
    let types: BTreeSet<&str> = v1.iter().map(|(_, entity)| entity.as_str()).collect();

    let dir = scratch("corpus-v1");
    let graph_dir = dir.join("graph");
    let odata = manifest_dir().join("..");
    let generated = Config::new()
        .metadata_file(graph_metadata_path())
        .odata_path(&odata)
        .crate_name("graph-v1-corpus")
        .types(types.iter().copied())
        .generate_to_dir(&graph_dir)
        .unwrap();
    let text = generated.file("src/microsoft/graph/mod.rs").unwrap();
    let names = generated_names(text);

    // The dispatch: each entity through its struct and the nearest `Any...` enum of its
    // lineage (its own, else a base type's).
    let mut dispatch = String::from(
        "fn dispatch(entity: &str, page: &str, request: &Value, response: &Value) -> bool {\n    use graph_v1_corpus::microsoft::graph as g;\n    match entity {\n",
    );
    for entity in &types {
        let qualified = format!("microsoft.graph.{entity}");
        let struct_name = names[&qualified].0.clone().unwrap();
        let any = lineage(&model, &qualified)
            .into_iter()
            .find_map(|id| names.get(&model.types[id].qualified_name).and_then(|(_, any)| any.clone()))
            .unwrap_or_else(|| panic!("no hierarchy enum in the lineage of {qualified}"));
        dispatch.push_str(&format!(
            "        \"{entity}\" => check::<g::{struct_name}, g::{any}>(page, request, response),\n"
        ));
    }
    dispatch.push_str("        _ => return false,\n    }\n    true\n}\n");

    let checker = dir.join("checker");
    write_checker(&checker, "graph-v1-corpus", &graph_dir, "", &format!("{CHECKER}\n{dispatch}"));
    let output = cargo_run(&checker, &[corpus_path().to_str().unwrap()]);

    let entity_of: BTreeMap<&str, &str> =
        records.iter().map(|(page, entity)| (page.as_str(), entity.as_str())).collect();
    let mut results: BTreeMap<&str, BTreeMap<&str, &str>> = BTreeMap::new();
    for line in output.lines() {
        let mut fields = line.splitn(3, '\t');
        let (kind, page, result) = (fields.next().unwrap(), fields.next().unwrap(), fields.next().unwrap());
        results.entry(kind).or_default().insert(page, result);
    }
    assert_eq!(results["skipped"].len(), 453 - 146);

    let accepted: BTreeMap<&str, String> = ACCEPTED_ANY_FAILURES
        .iter()
        .map(|(page, property, owner)| {
            (*page, format!("read: property `{property}` belongs to `microsoft.graph.{owner}`, not to"))
        })
        .collect();
    let mut problems = Vec::new();
    for kind in ["roundtrip", "any"] {
        let accepted = if kind == "any" { accepted.clone() } else { BTreeMap::new() };
        let pages = &results[kind];
        assert_eq!(pages.len(), 146, "{kind} results");
        let failed: Vec<(&&str, &&str)> = pages.iter().filter(|(_, result)| **result != "ok").collect();
        println!("{kind}: {} of 146 responses read and write back equal", 146 - failed.len());
        for (page, reason) in &failed {
            match accepted.get(**page) {
                Some(expected) if reason.starts_with(expected.as_str()) => {
                    println!(
                        "  {page}: accepted, a beta-only property v1.0 declares on a sibling type: {reason}"
                    )
                }
                _ => problems.push(format!("{kind} {page}: {reason}")),
            }
        }
        for page in accepted.keys().filter(|page| pages.get(**page) == Some(&"ok")) {
            problems.push(format!("{kind} {page}: listed as an accepted failure, but it round-trips"));
        }
    }

    // Beta-only top-level properties: undeclared in v1.0, yet written back (the round trip).
    let mut beta_properties = 0;
    let mut beta_pages = 0;
    for line in corpus.lines() {
        let (page, entity) = (member(line, "page"), member(line, "entity"));
        if !types.contains(entity) {
            continue;
        }
        let declared = declared_properties(&model, &format!("microsoft.graph.{entity}"));
        let response = &line[line.find("\"response\": {").unwrap()..];
        let top_level = top_level_keys(&response["\"response\": ".len()..]);
        let undeclared =
            top_level.iter().filter(|key| !key.starts_with('@') && !declared.contains(*key)).count();
        if undeclared > 0 && results["roundtrip"].get(page) == Some(&"ok") {
            beta_pages += 1;
            beta_properties += undeclared;
        }
    }
    println!(
        "beta-only properties kept as undeclared and written back: {beta_properties} on {beta_pages} pages"
    );
    assert!(beta_pages > 0, "the v1.0 pages carry beta-only properties; none was counted");

    let creates = &results["create"];
    let equal = creates.values().filter(|result| **result == "ok").count();
    println!("create payloads equal to the documented request: {equal} of {}", creates.len());
    for (page, result) in creates.iter().filter(|(_, result)| **result != "ok") {
        let entity = entity_of[page];
        let mut reasons = Vec::new();
        for difference in result.split("; ") {
            match explain(difference, &model, entity) {
                Some(reason) => reasons.push(reason),
                None => problems
                    .push(format!("create {page}: a difference this test cannot explain: {difference}")),
            }
        }
        println!("  {page}: {}", reasons.join("; "));
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The member names of the JSON object at the start of `text`, depth one, without a JSON
/// parser: strings are skipped with their escapes.
fn top_level_keys(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut keys = Vec::new();
    let mut depth = 0;
    let mut index = 0;
    let mut expecting_key = false;
    while index < bytes.len() {
        match bytes[index] {
            b'{' | b'[' => {
                depth += 1;
                expecting_key = depth == 1 && bytes[index] == b'{';
            }
            b'}' | b']' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            b',' if depth == 1 => expecting_key = true,
            b'"' => {
                let start = index + 1;
                index += 1;
                while bytes[index] != b'"' {
                    index += if bytes[index] == b'\\' { 2 } else { 1 };
                }
                if expecting_key && depth == 1 {
                    keys.push(text[start..index].to_owned());
                    expecting_key = false;
                }
            }
            _ => {}
        }
        index += 1;
    }
    keys
}
