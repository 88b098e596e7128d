//! Rust names for CSDL names: case conversion, keywords, and the rule that decides when a
//! field needs `#[odata(rename = "...")]`.

use std::collections::BTreeSet;

use crate::case::RenameRule;

/// Rust keywords (strict and reserved, all editions): written as raw identifiers.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro",
    "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "static", "struct", "trait",
    "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers: they get a `_` suffix instead.
const NOT_RAW: &[&str] = &["self", "super", "crate", "Self"];

/// Type names that would shadow the prelude names the generated code uses unqualified.
pub const RESERVED_TYPE_NAMES: &[&str] = &["Box", "Option", "Result", "Self", "String", "Vec"];

/// A wire name as a snake_case field name: words split at lower-to-upper changes and before
/// the last capital of an acronym (`iOSVersion` -> `i_os_version`), other characters become `_`.
pub fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (index, &ch) in chars.iter().enumerate() {
        if !ch.is_ascii_alphanumeric() {
            if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
            continue;
        }
        if ch.is_ascii_uppercase() && index > 0 {
            let previous = chars[index - 1];
            let next_is_lower = chars.get(index + 1).is_some_and(char::is_ascii_lowercase);
            let boundary = previous.is_ascii_lowercase()
                || previous.is_ascii_digit()
                || (previous.is_ascii_uppercase() && next_is_lower);
            if boundary && !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
        }
        out.push(ch.to_ascii_lowercase());
    }
    while out.ends_with('_') {
        out.pop();
    }
    if out.is_empty() {
        out.push_str("unnamed");
    } else if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

/// The derive's default rule (serde's `rename_all = "camelCase"`) applied to a field name,
/// without its `r#`: the derive's own code (`odata-derive/src/case.rs`).
pub fn camel_case_of_field(field: &str) -> String {
    RenameRule::Camel.apply(field.strip_prefix("r#").unwrap_or(field))
}

/// The wire name the derive gives an enum variant by default: its first letter lowered.
pub fn camel_case_of_variant(variant: &str) -> String {
    RenameRule::Camel.apply_to_variant(variant)
}

/// UpperCamelCase for type and variant names: each run of letters and digits starts with a
/// capital, the rest is kept (`remote_Control_Software` -> `RemoteControlSoftware`,
/// `iOSVersion` -> `IOSVersion`).
pub fn upper_camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut capitalize = true;
    for ch in name.chars() {
        if !ch.is_ascii_alphanumeric() {
            capitalize = true;
        } else if capitalize {
            out.push(ch.to_ascii_uppercase());
            capitalize = false;
        } else {
            out.push(ch);
        }
    }
    if out.is_empty() {
        out.push_str("Unnamed");
    } else if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'X');
    }
    out
}

/// A snake_case name as an identifier: keywords raw (`r#type`), `self`-like names suffixed.
pub fn snake_ident(snake: &str) -> String {
    if NOT_RAW.contains(&snake) {
        format!("{snake}_")
    } else if KEYWORDS.contains(&snake) {
        format!("r#{snake}")
    } else {
        snake.to_owned()
    }
}

/// `candidate`, or the first of `candidate{first}`, `candidate{first + 1}`, ... that is free;
/// then taken.
pub fn unique_numbered(candidate: &str, first: u32, taken: &mut BTreeSet<String>) -> String {
    let mut name = candidate.to_owned();
    let mut counter = first;
    while taken.contains(&name) {
        name = format!("{candidate}{counter}");
        counter += 1;
    }
    taken.insert(name.clone());
    name
}

/// A field's name and whether it needs a `rename` to give its wire name back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldName {
    /// The identifier, such as `display_name`, `r#type` or `self_`.
    pub ident: String,
    /// The name on the wire.
    pub wire: String,
    /// The identifier carries a `_` suffix (a reserved or taken name, or `self`): always
    /// renamed, so that the wire name is visible next to the odd identifier.
    pub suffixed: bool,
}

impl FieldName {
    /// Whether the derive's default rule would not give the wire name back.
    pub fn needs_rename(&self) -> bool {
        self.suffixed || camel_case_of_field(&self.ident) != self.wire
    }
}

/// The fields of one struct of these wire names, in order: each identifier and whether it
/// needs a `rename` (the generator's rule, for scripts that write Rust models of their own:
/// `odata-codegen --field-names`). Not part of the documented interface.
pub fn field_names<'a>(wires: impl IntoIterator<Item = &'a str>) -> Vec<(String, bool)> {
    let mut taken = BTreeSet::new();
    wires
        .into_iter()
        .map(|wire| {
            let name = field_name(wire, &mut taken);
            let rename = name.needs_rename();
            (name.ident, rename)
        })
        .collect()
}

/// Names the fields of one struct: `taken` holds the names the derive reserves and grows with
/// each field, so that two properties never share a field (`foo_bar`, then `foo_bar_`).
pub fn field_name(wire: &str, taken: &mut BTreeSet<String>) -> FieldName {
    let snake = snake_case(wire);
    let mut bare = if NOT_RAW.contains(&snake.as_str()) { format!("{snake}_") } else { snake.clone() };
    if taken.contains(&bare) {
        bare = format!("{snake}_");
        let mut counter = 1;
        while taken.contains(&bare) {
            counter += 1;
            bare = format!("{snake}_{counter}");
        }
    }
    taken.insert(bare.clone());
    FieldName { suffixed: bare != snake, ident: snake_ident(&bare), wire: wire.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_splits_words_and_acronyms() {
        let cases = [
            ("displayName", "display_name"),
            ("iOSVersion", "i_os_version"),
            ("alerts_v2", "alerts_v2"),
            ("request-id", "request_id"),
            ("office365Groups", "office365_groups"),
            ("ID", "id"),
            ("_hidden", "hidden"),
            ("3d", "_3d"),
        ];
        for (wire, snake) in cases {
            assert_eq!(snake_case(wire), snake, "{wire}");
        }
    }

    #[test]
    fn rename_is_needed_exactly_when_the_camel_case_rule_fails() {
        let mut taken = BTreeSet::new();
        let needs = |wire: &str, taken: &mut BTreeSet<String>| field_name(wire, taken).needs_rename();
        assert!(!needs("displayName", &mut taken));
        assert!(needs("iOSVersion", &mut taken));
        assert!(needs("alerts_v2", &mut taken));
        assert!(needs("request-id", &mut taken));
        assert!(needs("PascalName", &mut taken));
        assert!(!needs("type", &mut taken));
    }

    #[test]
    fn the_camel_case_rule_is_serdes_without_the_raw_prefix() {
        assert_eq!(camel_case_of_field("display_name"), "displayName");
        assert_eq!(camel_case_of_field("r#type"), "type");
        assert_eq!(camel_case_of_field("i_os_version"), "iOsVersion");
        assert_eq!(camel_case_of_field("self_"), "self");
        assert_eq!(camel_case_of_field("_3d"), "3d");
        assert_eq!(camel_case_of_variant("UnknownFutureValue"), "unknownFutureValue");
    }

    #[test]
    fn keywords_are_raw_and_self_is_suffixed() {
        let mut taken = BTreeSet::new();
        let ty = field_name("type", &mut taken);
        assert_eq!((ty.ident.as_str(), ty.needs_rename()), ("r#type", false));
        let this = field_name("self", &mut taken);
        assert_eq!((this.ident.as_str(), this.needs_rename()), ("self_", true));
    }

    #[test]
    fn colliding_fields_get_distinct_names() {
        let mut taken: BTreeSet<String> = ["base".to_owned()].into();
        assert_eq!(field_name("base", &mut taken).ident, "base_");
        assert_eq!(field_name("fooBar", &mut taken).ident, "foo_bar");
        assert_eq!(field_name("foo_bar", &mut taken).ident, "foo_bar_");
        assert_eq!(field_name("FooBar", &mut taken).ident, "foo_bar_2");
    }

    #[test]
    fn upper_camel_case_keeps_inner_capitals() {
        assert_eq!(upper_camel_case("remote_Control_Software"), "RemoteControlSoftware");
        assert_eq!(upper_camel_case("iOSVersion"), "IOSVersion");
        assert_eq!(upper_camel_case("user"), "User");
        assert_eq!(unique_numbered("User", 2, &mut ["User".to_owned()].into()), "User2");
    }
}
