//! The `precompiled-json` feature of a generated crate: a dev build of a program that reads and
//! writes its types with serde_json compiles none of their reading and writing itself, because
//! the generated crate compiled them (rustc's shared generics). Without the feature it compiles
//! them all. Read from the program's LLVM IR: the functions it defines rather than declares.

mod common;
mod generated_crate;

use std::path::{Path, PathBuf};

use common::{graph_metadata_path, scratch};
use generated_crate::{cargo, workspace_root};
use odata_codegen::Config;

/// Reads a `User` from a `&str` and from bytes, and writes it; reads a complex value that holds
/// a flags enumeration (`odata::Flags<_>` in the generated table).
const PROGRAM: &str = r##"use graph::microsoft::graph::{ApplicationRiskFactorGeneralInfo, User};

fn main() {
    let text = r#"{"id":"87d349ed","displayName":"Adele Vance","memberOf":[]}"#;
    let user: User = serde_json::from_str(text).expect("a user");
    let again: User = serde_json::from_slice(text.as_bytes()).expect("a user");
    println!("{} {}", serde_json::to_string(&user).expect("written"), again.display_name.is_some());
    let info: ApplicationRiskFactorGeneralInfo =
        serde_json::from_str(r#"{"processedDataTypes":"none"}"#).expect("a general info");
    println!("{}", serde_json::to_string(&info).expect("written"));
}
"##;

/// The functions that the program's crate defines for a `Serialize` or `Deserialize` impl of a
/// generated type: the serde_json code it compiled for the generated crate's types.
fn serde_functions_compiled_by_the_program(generated: &Path, dir: &Path, features: &str) -> Vec<String> {
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let manifest = format!(
        "[package]\nname = \"precompiled-checker\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\ngraph = {{ package = \"microsoft-graph\", path = {:?}, features = [{features}] }}\n\
         serde_json = \"1\"\n\n[workspace]\n",
        generated.to_str().unwrap()
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    std::fs::copy(workspace_root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    std::fs::write(dir.join("src/main.rs"), PROGRAM).unwrap();
    // The target dir the generated crates of the other tests build `odata` in; the program's IR
    // is found by name, so an earlier build's is removed first.
    let target = workspace_root().join("target/generated");
    let deps = target.join("debug/deps");
    for path in program_ir(&deps) {
        std::fs::remove_file(path).unwrap();
    }
    cargo_whole(
        dir,
        &["rustc", "--quiet", "--bin", "precompiled-checker", "--", "--emit=llvm-ir", "-Ccodegen-units=1"],
    );
    let ir = match program_ir(&deps).as_slice() {
        [ir] => std::fs::read_to_string(ir).unwrap(),
        found => panic!("not one LLVM IR file of the program in {}: {found:?}", deps.display()),
    };
    ir.lines()
        .filter(|line| line.starts_with("define "))
        .filter(|line| {
            ["Serialize$u20$for$u20$microsoft_graph", "Deserialize$u20$for$u20$microsoft_graph"]
                .iter()
                .any(|impl_of_generated_type| line.contains(impl_of_generated_type))
        })
        .map(|line| line.chars().take(200).collect())
        .collect()
}

/// `cargo COMMAND` in the program's crate at `dir` without incremental compilation: the IR
/// is counted from a whole build, and the run reuses the same builds of the dependencies.
fn cargo_whole(dir: &Path, command: &[&str]) -> String {
    cargo(dir, command, &[("CARGO_INCREMENTAL", "0")])
}

/// The program's LLVM IR files in `deps`.
fn program_ir(deps: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(deps) else { return Vec::new() };
    entries
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            let name = path.file_name().unwrap().to_string_lossy();
            name.starts_with("precompiled_checker-") && name.ends_with(".ll")
        })
        .collect()
}

#[test]
fn a_program_reuses_the_reading_and_writing_that_the_feature_compiled() {
    let dir = scratch("precompiled-json");
    let generated = dir.join("graph");
    Config::new()
        .metadata_file(graph_metadata_path())
        .types(["user", "applicationRiskFactorGeneralInfo"])
        .odata_path(workspace_root())
        .generate_to_dir(&generated)
        .unwrap();

    let without = serde_functions_compiled_by_the_program(&generated, &dir.join("without"), "");
    // Reading `User` alone reaches dozens of types (its complex properties, `memberOf`'s
    // `AnyDirectoryObject`), each compiled for the three entry points.
    assert!(without.len() > 50, "without the feature the program compiles them: {without:#?}");

    let with = serde_functions_compiled_by_the_program(&generated, &dir.join("with"), "\"precompiled-json\"");
    assert_eq!(with, Vec::<String>::new(), "with the feature the program compiles none of them");

    // The feature changes where the code is compiled, not what it does: both programs link,
    // run and print the same.
    let printed_with = cargo_whole(&dir.join("with"), &["run", "--quiet"]);
    let printed_without = cargo_whole(&dir.join("without"), &["run", "--quiet"]);
    assert!(printed_with.contains("\"displayName\":\"Adele Vance\""), "{printed_with}");
    assert!(printed_with.contains("\"processedDataTypes\":\"none\""), "{printed_with}");
    assert_eq!(printed_with, printed_without);
}
