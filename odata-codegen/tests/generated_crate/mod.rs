//! Building generated crates, and running a small binary crate that depends on one and on
//! `odata`: every cargo run of the codegen tests, all in `target/generated`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace root (the `odata` crate).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Writes a binary crate `dir` of `main` depending on the crate at `generated` (package
/// `package`), `odata`, `serde` and `serde_json`, with the workspace's lock file, so that it
/// reuses what the shared target dir has built.
pub fn write_checker(dir: &Path, package: &str, generated: &Path, extra: &str, main: &str) {
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let root = workspace_root();
    let manifest = format!(
        "[package]\nname = \"checker\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\n{package} = {{ path = {:?} }}\nodata = {{ path = {:?} }}\nserde = \"1\"\nserde_json = \"1\"\n{extra}\n\
         [workspace]\n",
        generated.to_str().unwrap(),
        root.to_str().unwrap()
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    std::fs::write(dir.join("src/main.rs"), format!("{DIFFERENCES}\n{main}")).unwrap();
}

/// `cargo run` of the crate at `dir` (the dev profile, which `check_generated.rs` shares),
/// warnings denied; panics with the output when it fails, else returns its standard output.
pub fn cargo_run(dir: &Path, arguments: &[&str]) -> String {
    let mut command = vec!["run", "--quiet", "--message-format=short", "--"];
    command.extend_from_slice(arguments);
    cargo(dir, &command, &[])
}

/// `cargo COMMAND` in the crate at `dir`, in `target/generated` (apart from the workspace's
/// target dir, whose build lock the running test suite may hold), warnings denied (rustc's,
/// rustdoc's and cargo's own), with the extra `environment`; panics with the output when it
/// fails, else returns its standard output.
pub fn cargo(dir: &Path, command: &[&str], environment: &[(&str, &str)]) -> String {
    let output = Command::new(env!("CARGO"))
        .args(command)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", workspace_root().join("target/generated"))
        .env("RUSTFLAGS", "-D warnings")
        .env("RUSTDOCFLAGS", "-D warnings")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .envs(environment.iter().copied())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "cargo {} failed in {}:\n{}\n{}",
        command.join(" "),
        dir.display(),
        &stderr[..stderr.len().min(8000)],
        String::from_utf8_lossy(&output.stdout)
    );
    assert!(!stderr.contains("warning"), "warnings in {}:\n{stderr}", dir.display());
    String::from_utf8(output.stdout).unwrap()
}

/// The checker's JSON comparison: every difference between what was read and what is written,
/// by JSON path (`lost /a/0/b`, `added /c`, `changed /d: 3 became 3.0`).
pub const DIFFERENCES: &str = r#####"
/// Every difference between `expected` and `actual`, by JSON path.
#[allow(dead_code)]
fn differences(expected: &serde_json::Value, actual: &serde_json::Value, path: &str, out: &mut Vec<String>) {
    use serde_json::Value;
    match (expected, actual) {
        (Value::Object(expected), Value::Object(actual)) => {
            for (key, value) in expected {
                let inner = format!("{path}/{key}");
                match actual.get(key) {
                    Some(other) => differences(value, other, &inner, out),
                    None => out.push(format!("lost {inner}")),
                }
            }
            for key in actual.keys().filter(|key| !expected.contains_key(*key)) {
                out.push(format!("added {path}/{key}"));
            }
        }
        (Value::Array(expected), Value::Array(actual)) if expected.len() == actual.len() => {
            for (index, (value, other)) in expected.iter().zip(actual).enumerate() {
                differences(value, other, &format!("{path}/{index}"), out);
            }
        }
        _ if expected == actual => {}
        _ => out.push(format!("changed {path}: {expected} became {actual}")),
    }
}
"#####;
