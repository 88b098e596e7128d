//! Putting a generated crate on disk all at once: into a temporary sibling, then renamed over
//! the target, so that a failure never leaves a half-written crate.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::emit::precompiled_json_declaration;
use crate::{Error, GENERATED_MARKER};

/// A sibling of `path` named after it, for a temporary or an old copy.
fn sibling(path: &Path, purpose: &str) -> PathBuf {
    let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.odata-codegen-{purpose}-{}", std::process::id()))
}

/// Whether an existing directory may be replaced: empty, or a crate this generator wrote.
fn replaceable(dir: &Path) -> Result<bool, Error> {
    let mut entries = fs::read_dir(dir).map_err(|error| Error::io(dir, error))?;
    if entries.next().is_none() {
        return Ok(true);
    }
    let manifest = dir.join("Cargo.toml");
    Ok(fs::read_to_string(manifest).is_ok_and(|text| text.starts_with(GENERATED_MARKER)))
}

pub fn replace_dir(dir: &Path, files: &BTreeMap<String, String>) -> Result<(), Error> {
    let exists = dir.exists();
    if exists && !dir.is_dir() {
        return Err(Error::Config(format!("{}: exists and is not a directory", dir.display())));
    }
    if exists && !replaceable(dir)? {
        return Err(Error::Config(format!(
            "{}: not empty and not a crate odata-codegen generated (its Cargo.toml does not start with `{GENERATED_MARKER}`); refusing to replace it",
            dir.display()
        )));
    }
    if let Some(parent) = dir.parent().filter(|parent| !parent.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(|error| Error::io(parent, error))?;
    }
    let temporary = sibling(dir, "new");
    if temporary.exists() {
        fs::remove_dir_all(&temporary).map_err(|error| Error::io(&temporary, error))?;
    }
    let written = write_all(&temporary, files);
    if let Err(error) = written {
        let _ = fs::remove_dir_all(&temporary);
        return Err(error);
    }
    if exists {
        let old = sibling(dir, "old");
        fs::rename(dir, &old).map_err(|error| {
            let _ = fs::remove_dir_all(&temporary);
            Error::io(dir, error)
        })?;
        if let Err(error) = fs::rename(&temporary, dir) {
            // Put the previous crate back rather than leave nothing.
            let _ = fs::rename(&old, dir);
            let _ = fs::remove_dir_all(&temporary);
            return Err(Error::io(dir, error));
        }
        fs::remove_dir_all(&old).map_err(|error| Error::io(&old, error))?;
    } else {
        fs::rename(&temporary, dir).map_err(|error| {
            let _ = fs::remove_dir_all(&temporary);
            Error::io(dir, error)
        })?;
    }
    Ok(())
}

fn write_all(root: &Path, files: &BTreeMap<String, String>) -> Result<(), Error> {
    for (path, text) in files {
        let path = root.join(path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|error| Error::io(parent, error))?;
        }
        fs::write(&path, text).map_err(|error| Error::io(&path, error))?;
    }
    Ok(())
}

pub fn replace_file(path: &Path, text: &str) -> Result<(), Error> {
    if let Some(parent) = path.parent().filter(|parent| !parent.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(|error| Error::io(parent, error))?;
    }
    let temporary = sibling(path, "new");
    fs::write(&temporary, text).map_err(|error| Error::io(&temporary, error))?;
    fs::rename(&temporary, path).map_err(|error| {
        let _ = fs::remove_file(&temporary);
        Error::io(path, error)
    })
}

/// The crate's modules inlined into one file, starting from `src/lib.rs`.
pub fn module_file(files: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    inline_module(files, "src/lib.rs", "src/", 0, &mut out);
    // What stood before the first module (the crate's docs and attributes) is left out.
    out.trim_start_matches('\n').to_owned()
}

fn inline_module(files: &BTreeMap<String, String>, file: &str, dir: &str, depth: usize, out: &mut String) {
    let Some(text) = files.get(file) else { return };
    // A user's crate has neither the `precompiled-json` feature nor the table's file.
    let text: Cow<'_, str> =
        if depth == 0 { text.replace(&precompiled_json_declaration(), "").into() } else { text.into() };
    let indent = "    ".repeat(depth);
    for line in text.lines() {
        // The crate root's inner docs and attributes cannot stand in an included file.
        if depth == 0 && (line.starts_with("//!") || line.starts_with("#![")) {
            continue;
        }
        let child = line.strip_prefix("pub mod ").and_then(|rest| rest.strip_suffix(';'));
        match child {
            Some(child) => {
                let name = child.trim_start_matches("r#");
                let leaf = format!("{dir}{name}.rs");
                let nested = format!("{dir}{name}/mod.rs");
                out.push_str(&format!("{indent}pub mod {child} {{\n"));
                if files.contains_key(&leaf) {
                    inline_module(files, &leaf, &format!("{dir}{name}/"), depth + 1, out);
                } else {
                    inline_module(files, &nested, &format!("{dir}{name}/"), depth + 1, out);
                }
                out.push_str(&format!("{indent}}}\n"));
            }
            None if line.is_empty() => out.push('\n'),
            None => {
                out.push_str(&indent);
                out.push_str(line);
                out.push('\n');
            }
        }
    }
}
