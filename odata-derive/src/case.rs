//! `rename_all` rules, with serde's semantics: they turn a snake_case field name into a wire
//! name, so that users who know `#[serde(rename_all)]` get what they expect.
//!
//! The one copy of the rule: odata-codegen (which decides when a generated field needs a
//! `rename`) and the corpus test's generator include this file with `#[path]`, so it uses
//! nothing outside itself.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenameRule {
    Lower,
    Upper,
    Pascal,
    Camel,
    Snake,
    ScreamingSnake,
    Kebab,
    ScreamingKebab,
}

impl RenameRule {
    pub const ALL: &'static [(&'static str, RenameRule)] = &[
        ("camelCase", RenameRule::Camel),
        ("PascalCase", RenameRule::Pascal),
        ("snake_case", RenameRule::Snake),
        ("lowercase", RenameRule::Lower),
        ("UPPERCASE", RenameRule::Upper),
        ("SCREAMING_SNAKE_CASE", RenameRule::ScreamingSnake),
        ("kebab-case", RenameRule::Kebab),
        ("SCREAMING-KEBAB-CASE", RenameRule::ScreamingKebab),
    ];

    pub fn from_name(name: &str) -> Option<RenameRule> {
        RenameRule::ALL.iter().find(|(known, _)| *known == name).map(|(_, rule)| *rule)
    }

    /// The allowed names, for error messages: "`camelCase`, `Pascal`, ...".
    pub fn names() -> String {
        let names: Vec<String> = RenameRule::ALL.iter().map(|(name, _)| format!("`{name}`")).collect();
        names.join(", ")
    }

    pub fn apply(self, field: &str) -> String {
        match self {
            RenameRule::Lower | RenameRule::Snake => field.to_owned(),
            RenameRule::Upper | RenameRule::ScreamingSnake => field.to_ascii_uppercase(),
            RenameRule::Pascal => pascal_case(field),
            RenameRule::Camel => {
                let pascal = pascal_case(field);
                let mut chars = pascal.chars();
                match chars.next() {
                    Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
                    None => pascal,
                }
            }
            RenameRule::Kebab => field.replace('_', "-"),
            RenameRule::ScreamingKebab => field.to_ascii_uppercase().replace('_', "-"),
        }
    }
}

impl RenameRule {
    /// The wire name of an enum variant (written in PascalCase), with serde's semantics.
    pub fn apply_to_variant(self, variant: &str) -> String {
        match self {
            RenameRule::Pascal => variant.to_owned(),
            RenameRule::Lower => variant.to_ascii_lowercase(),
            RenameRule::Upper => variant.to_ascii_uppercase(),
            RenameRule::Camel => {
                let mut chars = variant.chars();
                match chars.next() {
                    Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
                    None => String::new(),
                }
            }
            RenameRule::Snake
            | RenameRule::ScreamingSnake
            | RenameRule::Kebab
            | RenameRule::ScreamingKebab => {
                let mut snake = String::with_capacity(variant.len() + 4);
                for (index, ch) in variant.char_indices() {
                    if index > 0 && ch.is_uppercase() {
                        snake.push('_');
                    }
                    snake.push(ch.to_ascii_lowercase());
                }
                match self {
                    RenameRule::Snake => snake,
                    RenameRule::ScreamingSnake => snake.to_ascii_uppercase(),
                    RenameRule::Kebab => snake.replace('_', "-"),
                    _ => snake.to_ascii_uppercase().replace('_', "-"),
                }
            }
        }
    }
}

fn pascal_case(field: &str) -> String {
    let mut pascal = String::with_capacity(field.len());
    let mut capitalize = true;
    for ch in field.chars() {
        if ch == '_' {
            capitalize = true;
        } else if capitalize {
            pascal.push(ch.to_ascii_uppercase());
            capitalize = false;
        } else {
            pascal.push(ch);
        }
    }
    pascal
}

#[cfg(test)]
mod tests {
    use super::RenameRule::*;

    #[test]
    fn rules_match_serde() {
        let cases = [
            (Camel, "qr_code_image", "qrCodeImage"),
            (Camel, "id", "id"),
            (Camel, "ipv4_address", "ipv4Address"),
            (Pascal, "qr_code_image", "QrCodeImage"),
            (Snake, "qr_code_image", "qr_code_image"),
            (Lower, "qr_code_image", "qr_code_image"),
            (Upper, "qr_code", "QR_CODE"),
            (ScreamingSnake, "qr_code", "QR_CODE"),
            (Kebab, "qr_code", "qr-code"),
            (ScreamingKebab, "qr_code", "QR-CODE"),
        ];
        for (rule, field, wire) in cases {
            assert_eq!(rule.apply(field), wire, "{rule:?} of {field}");
        }
    }

    #[test]
    fn variant_rules_match_serde() {
        let cases = [
            (Camel, "UnknownFutureValue", "unknownFutureValue"),
            (Pascal, "UnknownFutureValue", "UnknownFutureValue"),
            (Snake, "UnknownFutureValue", "unknown_future_value"),
            (Lower, "HighRisk", "highrisk"),
            (Upper, "HighRisk", "HIGHRISK"),
            (ScreamingSnake, "HighRisk", "HIGH_RISK"),
            (Kebab, "HighRisk", "high-risk"),
            (ScreamingKebab, "HighRisk", "HIGH-RISK"),
        ];
        for (rule, variant, wire) in cases {
            assert_eq!(rule.apply_to_variant(variant), wire, "{rule:?} of {variant}");
        }
    }

    #[test]
    fn every_rule_is_found_by_its_name() {
        for (name, rule) in super::RenameRule::ALL {
            assert_eq!(super::RenameRule::from_name(name), Some(*rule));
        }
        assert_eq!(super::RenameRule::from_name("camelcase"), None);
    }
}
