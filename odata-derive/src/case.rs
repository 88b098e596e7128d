//! `rename_all` rules, with serde's semantics: they turn a snake_case field name into a wire
//! name, so that users who know `#[serde(rename_all)]` get what they expect.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenameRule {
    LowerCase,
    UpperCase,
    PascalCase,
    CamelCase,
    SnakeCase,
    ScreamingSnakeCase,
    KebabCase,
    ScreamingKebabCase,
}

impl RenameRule {
    pub const ALL: &'static [(&'static str, RenameRule)] = &[
        ("camelCase", RenameRule::CamelCase),
        ("PascalCase", RenameRule::PascalCase),
        ("snake_case", RenameRule::SnakeCase),
        ("lowercase", RenameRule::LowerCase),
        ("UPPERCASE", RenameRule::UpperCase),
        ("SCREAMING_SNAKE_CASE", RenameRule::ScreamingSnakeCase),
        ("kebab-case", RenameRule::KebabCase),
        ("SCREAMING-KEBAB-CASE", RenameRule::ScreamingKebabCase),
    ];

    pub fn from_name(name: &str) -> Option<RenameRule> {
        RenameRule::ALL.iter().find(|(known, _)| *known == name).map(|(_, rule)| *rule)
    }

    /// The allowed names, for error messages: "`camelCase`, `PascalCase`, ...".
    pub fn names() -> String {
        let names: Vec<String> = RenameRule::ALL.iter().map(|(name, _)| format!("`{name}`")).collect();
        names.join(", ")
    }

    pub fn apply(self, field: &str) -> String {
        match self {
            RenameRule::LowerCase | RenameRule::SnakeCase => field.to_owned(),
            RenameRule::UpperCase | RenameRule::ScreamingSnakeCase => field.to_ascii_uppercase(),
            RenameRule::PascalCase => pascal_case(field),
            RenameRule::CamelCase => {
                let pascal = pascal_case(field);
                let mut chars = pascal.chars();
                match chars.next() {
                    Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
                    None => pascal,
                }
            }
            RenameRule::KebabCase => field.replace('_', "-"),
            RenameRule::ScreamingKebabCase => field.to_ascii_uppercase().replace('_', "-"),
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
            (CamelCase, "qr_code_image", "qrCodeImage"),
            (CamelCase, "id", "id"),
            (CamelCase, "ipv4_address", "ipv4Address"),
            (PascalCase, "qr_code_image", "QrCodeImage"),
            (SnakeCase, "qr_code_image", "qr_code_image"),
            (LowerCase, "qr_code_image", "qr_code_image"),
            (UpperCase, "qr_code", "QR_CODE"),
            (ScreamingSnakeCase, "qr_code", "QR_CODE"),
            (KebabCase, "qr_code", "qr-code"),
            (ScreamingKebabCase, "qr_code", "QR-CODE"),
        ];
        for (rule, field, wire) in cases {
            assert_eq!(rule.apply(field), wire, "{rule:?} of {field}");
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
