//! Helpers shared by the generator's tests: small CSDL documents and the items of the
//! generated text.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use odata_codegen::{Config, GeneratedCrate};

/// A document of the given schemas (each already a `<Schema>` element).
pub fn document(schemas: &[String]) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">\n\
         <edmx:DataServices>\n{}\n</edmx:DataServices>\n</edmx:Edmx>\n",
        schemas.join("\n")
    )
}

/// A `<Schema>` with a namespace, an optional alias and its body.
pub fn schema(namespace: &str, alias: Option<&str>, body: &str) -> String {
    let alias = alias.map(|alias| format!(" Alias=\"{alias}\"")).unwrap_or_default();
    format!(
        "<Schema Namespace=\"{namespace}\"{alias} xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">\n{body}\n</Schema>"
    )
}

/// A document of one schema `test.ns` (alias `t`).
pub fn one_schema(body: &str) -> String {
    document(&[schema("test.ns", Some("t"), body)])
}

/// Generates a crate from a document, panicking with the error's text.
pub fn generate(xml: &str) -> GeneratedCrate {
    generate_with(Config::new(), xml)
}

pub fn generate_with(config: Config, xml: &str) -> GeneratedCrate {
    match config.metadata_text(xml).generate() {
        Ok(generated) => generated,
        Err(error) => panic!("generation failed: {error}"),
    }
}

/// The file of a generated crate, panicking with the list of files.
pub fn file<'a>(generated: &'a GeneratedCrate, path: &str) -> &'a str {
    generated.file(path).unwrap_or_else(|| {
        let files: Vec<&str> = generated.files().map(|(path, _)| path).collect();
        panic!("no file {path}; the crate has {files:?}")
    })
}

/// The item (with its docs and attributes) whose lines include `line` exactly: items are
/// separated by one blank line and hold none.
pub fn item<'a>(text: &'a str, line: &str) -> &'a str {
    text.split("\n\n")
        .find(|block| block.lines().any(|candidate| candidate == line))
        .unwrap_or_else(|| panic!("no item with the line `{line}` in:\n{}", &text[..text.len().min(3000)]))
}

/// A fresh, empty scratch directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("odata-codegen-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Every file below `dir`, as (relative path, bytes), sorted.
pub fn read_tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let relative = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                out.push((relative, std::fs::read(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// The Graph v1.0 document of `tests/data/graph-metadata`.
pub fn graph_metadata_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/graph-metadata/v1.0.xml")
}

/// `rustfmt --check --edition 2021` over every `.rs` file of a written crate: `None` when
/// rustfmt is not installed, else its output when it finds a difference.
pub fn rustfmt_check(dir: &Path) -> Option<Result<(), String>> {
    let files: Vec<PathBuf> = read_tree(dir)
        .into_iter()
        .filter(|(path, _)| path.ends_with(".rs"))
        .map(|(path, _)| dir.join(path))
        .collect();
    let output =
        std::process::Command::new("rustfmt").args(["--check", "--edition", "2021"]).args(&files).output();
    let output = match output {
        Ok(output) => output,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return None,
        Err(error) => panic!("running rustfmt: {error}"),
    };
    if output.status.success() {
        Some(Ok(()))
    } else {
        let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
        text.push_str(&String::from_utf8_lossy(&output.stderr));
        text.truncate(6000);
        Some(Err(text))
    }
}
