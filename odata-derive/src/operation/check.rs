//! Rules over a parsed operation. Every broken rule is reported at the user's token; only an
//! operation that breaks none is expanded.

use std::collections::HashMap;

use syn::{Data, Fields, Ident, Type};

use super::parse::{Operation, ACTION, BINDING, FUNCTION};
use crate::attr::{is_simple_identifier, reject_generics};
use crate::errors::Errors;

/// Action or function, as the derive knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Action,
    Function,
}

/// An operation that passed every check: what [`super::expand`] generates code from.
pub struct ValidOperation<'a> {
    pub ident: &'a Ident,
    pub krate: syn::Path,
    pub kind: Kind,
    pub name: String,
    pub binding: syn::Path,
    pub collection_bound: bool,
    /// `returns = Type`; `None` for an operation that returns nothing.
    pub returns: Option<syn::Type>,
    pub parameters: Vec<ValidParameter<'a>>,
}

pub struct ValidParameter<'a> {
    pub member: &'a Ident,
    pub ty: &'a Type,
    pub wire_name: String,
    /// The type of the value written into an action's body: `T` of an `Option<T>` field
    /// (written only when `Some`), else the field's type.
    pub value_ty: &'a Type,
}

pub fn validate<'a>(operation: &Operation<'a>, errors: &mut Errors) -> Option<ValidOperation<'a>> {
    let input = operation.input;
    check_shape(operation, errors);

    let kind_and_name = match (&operation.action, &operation.function) {
        (Some(action), None) => Some((Kind::Action, &action.value)),
        (None, Some(function)) => Some((Kind::Function, &function.value)),
        (Some(_), Some(function)) => {
            errors.at(
                function.key_span,
                format_args!(
                    "an operation is an action or a function, not both: keep `{ACTION}` (a POST that may change state) or `{FUNCTION}` (a GET without side effects)"
                ),
            );
            None
        }
        (None, None) => {
            if !operation.attempted.contains(&ACTION) && !operation.attempted.contains(&FUNCTION) {
                errors.spanned(
                    &input.ident,
                    format_args!(
                        "#[derive(ODataOperation)] needs the operation's name: add #[odata({ACTION} = \"name\")] or #[odata({FUNCTION} = \"name\")]"
                    ),
                );
            }
            None
        }
    };
    if let Some((_, lit)) = kind_and_name {
        if let Err(reason) = check_operation_name(&lit.value()) {
            errors.spanned(lit, reason);
        }
    }

    let binding = match &operation.binding {
        Some(binding) => Some(binding.value.clone()),
        None => {
            if !operation.attempted.contains(&BINDING) {
                errors.spanned(
                    &input.ident,
                    format_args!(
                        "#[derive(ODataOperation)] needs the entity type the operation is bound to: add #[odata({BINDING} = EntityType)]"
                    ),
                );
            }
            None
        }
    };

    let rule = operation.common.rename_rule();
    let mut parameters = Vec::new();
    let mut seen_names: HashMap<String, &Ident> = HashMap::new();
    for parameter in operation.parameters.iter().flatten() {
        let wire_name = parameter.named.wire_name(rule);
        if !is_simple_identifier(&wire_name) {
            errors.at(
                parameter.named.name_span(),
                format_args!(
                    "`{wire_name}` is not a parameter name: OData names parameters with identifiers (letters, digits and `_`, not starting with a digit)"
                ),
            );
        }
        match seen_names.get(&wire_name) {
            Some(first) => errors.at(
                parameter.named.name_span(),
                format_args!(
                    "two parameters are named `{wire_name}` on the wire: `{first}` and `{}`",
                    parameter.named.ident
                ),
            ),
            None => {
                seen_names.insert(wire_name.clone(), parameter.named.ident);
            }
        }
        parameters.push(ValidParameter {
            member: parameter.named.ident,
            ty: parameter.ty,
            wire_name,
            value_ty: parameter.option_of.unwrap_or(parameter.ty),
        });
    }

    let krate = operation.common.facade();
    let (kind, name) = kind_and_name?;
    Some(ValidOperation {
        ident: &input.ident,
        krate,
        kind,
        name: name.value(),
        binding: binding?,
        collection_bound: operation.collection_bound.is_some(),
        returns: operation.returns.as_ref().map(|setting| setting.value.clone()),
        parameters,
    })
}

/// A struct with named fields, or a unit struct for an operation without parameters, and no
/// generics; reports any other shape.
fn check_shape(operation: &Operation<'_>, errors: &mut Errors) {
    let input = operation.input;
    match &input.data {
        Data::Struct(data) => {
            if let Fields::Unnamed(fields) = &data.fields {
                errors.spanned(
                    fields,
                    "#[derive(ODataOperation)] needs named fields: an operation's parameters have names",
                );
            }
        }
        Data::Enum(data) => errors.spanned(
            data.enum_token,
            "#[derive(ODataOperation)] supports structs with named fields and unit structs, not enums",
        ),
        Data::Union(data) => errors.spanned(
            data.union_token,
            "#[derive(ODataOperation)] supports structs with named fields and unit structs, not unions",
        ),
    }
    reject_generics(input, "ODataOperation", "an operation's parameters have concrete types", errors);
}

/// A simple identifier, or a namespace-qualified one (`microsoft.graph.createToken`).
fn check_operation_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("an operation's name cannot be empty".to_owned());
    }
    if let Some(bad) = name.split('.').find(|part| !is_simple_identifier(part)) {
        return Err(if bad.is_empty() {
            format!("`{name}` has an empty segment: write `name` or `Namespace.name`, parts joined by single dots")
        } else if bad == name {
            format!(
                "`{name}` is not an operation name: write an identifier (letters, digits and `_`, not starting with a digit), or `Namespace.name`"
            )
        } else {
            format!(
                "`{name}` is not an operation name: `{bad}` is not an identifier (letters, digits and `_`, not starting with a digit)"
            )
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check_operation_name;

    #[test]
    fn operation_names() {
        assert!(check_operation_name("createToken").is_ok());
        assert!(check_operation_name("microsoft.graph.createToken").is_ok());
        assert!(check_operation_name("").is_err());
        assert!(check_operation_name("create token").is_err());
        assert!(check_operation_name("a..b").is_err());
        assert!(check_operation_name("createToken()").is_err());
        assert!(check_operation_name("1st").is_err());
    }
}
