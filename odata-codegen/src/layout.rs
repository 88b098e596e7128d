//! The layout rustfmt gives the generated items, shared by every flavor: so that the output
//! is rustfmt-clean without running rustfmt.

use std::fmt::Write as _;

/// The width the generated crate's `rustfmt.toml` sets (with `use_small_heuristics = "Max"`,
/// every list may use all of it).
pub const MAX_WIDTH: usize = 110;

/// The generated crate's `rustfmt.toml`: pinned, so that the crate is formatted the same
/// wherever it is generated (rustfmt looks for its configuration from each file upwards).
pub const RUSTFMT_TOML: &str = "max_width = 110\nuse_small_heuristics = \"Max\"\n";

/// `pub struct Name {` or `pub enum Name {`, the brace on its own line when the line is too
/// long, as rustfmt puts it.
pub fn item_header(out: &mut String, keyword: &str, name: &str) {
    let line = format!("pub {keyword} {name} {{");
    if line.len() <= MAX_WIDTH {
        out.push_str(&line);
        out.push('\n');
    } else {
        let _ = writeln!(out, "pub {keyword} {name}\n{{");
    }
}

/// A newtype variant `Name(Type),` at one level of indentation, broken as rustfmt breaks it.
pub fn newtype_variant(out: &mut String, name: &str, ty: &str) {
    let line = format!("    {name}({ty}),");
    if line.len() <= MAX_WIDTH {
        out.push_str(&line);
        out.push('\n');
    } else {
        let _ = writeln!(out, "    {name}(\n        {ty},\n    ),");
    }
}

/// The blank line rustfmt keeps between two items.
pub fn blank_line_between_items(out: &mut String) {
    if !out.is_empty() {
        out.push('\n');
    }
}

/// A property's Rust value type (without `Option`) from its element type: `Vec<_>` for a
/// collection, `Box<_>` where the field breaks a cycle of types holding each other.
pub fn wrap_value_type(element: String, collection: bool, boxed: bool) -> String {
    if collection {
        format!("Vec<{element}>")
    } else if boxed {
        format!("Box<{element}>")
    } else {
        element
    }
}
