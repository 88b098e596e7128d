//! Rules over a parsed enumeration type. Every broken rule is reported at the user's token.

use std::collections::HashMap;

use syn::{Data, Fields, Ident, Type};

use super::parse::{EnumType, Member};
use crate::attr::{reject_generics, OTHER, TYPE};
use crate::errors::Errors;

pub struct ValidEnum<'a> {
    pub ident: &'a Ident,
    pub krate: syn::Path,
    pub type_name: String,
    /// The unit variants and their wire names.
    pub members: Vec<(&'a Ident, String)>,
    /// The `other` variant and the type it holds.
    pub other: (&'a Ident, &'a Type),
}

pub fn validate<'a>(parsed: &EnumType<'a>, errors: &mut Errors) -> Option<ValidEnum<'a>> {
    let input = parsed.input;
    let derive = "ODataEnum";
    reject_generics(input, derive, "an enumeration type is concrete", errors);
    let type_name = match &parsed.type_name {
        Some(setting) => {
            let name = setting.value.value();
            if let Err(reason) = crate::check::check_type_name(&name) {
                errors.spanned(&setting.value, reason);
            }
            Some(name)
        }
        None => {
            if !parsed.attempted.contains(&TYPE) {
                errors.spanned(
                    &input.ident,
                    format_args!(
                        "#[derive(ODataEnum)] needs the enumeration type's name: add #[odata({TYPE} = \"Namespace.{}\")]",
                        input.ident
                    ),
                );
            }
            None
        }
    };
    let Some(members) = &parsed.members else {
        let message = "#[derive(ODataEnum)] is for an enum: its unit variants are the members, an `#[odata(other)]` variant keeps unknown ones";
        match &input.data {
            Data::Struct(data) => errors.spanned(data.struct_token, message),
            Data::Union(data) => errors.spanned(data.union_token, message),
            Data::Enum(_) => {}
        }
        return None;
    };

    let rule = parsed.common.rename_rule();
    let mut valid = Vec::new();
    let mut other: Option<(&Ident, &Type)> = None;
    let mut seen: HashMap<String, &Ident> = HashMap::new();
    for member in members {
        let ident = &member.variant.ident;
        if let Some(span) = member.other {
            if let Some(rename) = &member.rename {
                errors.at(rename.key_span, "the `other` variant keeps any name: it takes no `rename`");
            }
            match (other, member.ty) {
                (Some((first, _)), _) => errors.at(
                    span,
                    format_args!("`{first}` is already the `{OTHER}` variant: there can be only one"),
                ),
                (None, Some(ty)) => other = Some((ident, ty)),
                (None, None) => errors.spanned(
                    member.variant,
                    format_args!(
                        "the `{OTHER}` variant holds the unknown member's name: write `{ident}(String)`"
                    ),
                ),
            }
            continue;
        }
        if !matches!(member.variant.fields, Fields::Unit) {
            errors.spanned(
                &member.variant.fields,
                format_args!(
                    "a member of an enumeration type is a unit variant: write `{ident}`, or mark the variant that keeps unknown members #[odata({OTHER})]"
                ),
            );
            continue;
        }
        if let Some((_, discriminant)) = &member.variant.discriminant {
            errors.spanned(
                discriminant,
                "members are written by name: the numeric value of a member is not part of the JSON format",
            );
        }
        let wire_name = wire_name(member, rule);
        let span = member.rename.as_ref().map_or_else(|| ident.span(), |rename| rename.value.span());
        if wire_name.is_empty() {
            errors.at(span, "a member name cannot be empty");
        } else if wire_name.contains(',') {
            errors.at(
                span,
                format_args!(
                    "`{wire_name}` is not a member name: `,` separates the members of a flags value"
                ),
            );
        }
        match seen.get(&wire_name) {
            Some(first) => errors.at(
                span,
                format_args!("two members are named `{wire_name}` on the wire: `{first}` and `{ident}`"),
            ),
            None => {
                seen.insert(wire_name.clone(), ident);
            }
        }
        valid.push((ident, wire_name));
    }
    if other.is_none() && !members.iter().any(|member| member.other.is_some()) {
        errors.spanned(
            &input.ident,
            format_args!(
                "#[derive(ODataEnum)] needs a variant for members this crate does not know, so that none is lost: add `#[odata({OTHER})] Other(String)`"
            ),
        );
    }
    Some(ValidEnum {
        ident: &input.ident,
        krate: parsed.common.facade(),
        type_name: type_name?,
        members: valid,
        other: other?,
    })
}

fn wire_name(member: &Member<'_>, rule: crate::case::RenameRule) -> String {
    match &member.rename {
        Some(rename) => rename.value.value(),
        None => rule.apply_to_variant(&crate::attr::plain(&member.variant.ident)),
    }
}
