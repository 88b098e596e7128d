//! Bound operations: actions (`POST .../{key}/createToken` with the parameters as a JSON
//! body) and functions (`GET .../{key}/getX(p=...)`).

use serde::Serialize;

use crate::ODataResource;

/// Whether an operation is an action or a function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperationKind {
    /// Changes state: `POST`, parameters in a JSON body.
    Action,
    /// Reads only: `GET`, parameters in the URL.
    Function,
}

/// An operation bound to an entity type, declared with `#[derive(ODataOperation)]`; its
/// fields are the parameters. Call it with [`Service::invoke`](crate::Service::invoke).
///
/// ```
/// use odata::{ODataOperation, ODataResource, Service};
///
/// #[derive(ODataResource)]
/// #[odata(type = "microsoft.graph.androidForWorkEnrollmentProfile",
///         collection = "/deviceManagement/androidForWorkEnrollmentProfiles")]
/// pub struct AndroidForWorkEnrollmentProfile {
///     #[odata(key, read_only)]
///     pub id: Option<String>,
/// }
///
/// #[derive(ODataOperation)]
/// #[odata(action = "createToken", binding = AndroidForWorkEnrollmentProfile)]
/// pub struct CreateToken {
///     pub token_validity_in_seconds: i32,
/// }
///
/// let request = Service::new("https://graph.microsoft.com/beta")
///     .invoke("e6742553", &CreateToken { token_validity_in_seconds: 3600 });
/// assert_eq!(request.method(), "POST");
/// assert_eq!(
///     request.uri(),
///     "https://graph.microsoft.com/beta/deviceManagement/androidForWorkEnrollmentProfiles/e6742553/createToken"
/// );
/// assert_eq!(request.body(), br#"{"tokenValidityInSeconds":3600}"#);
/// ```
pub trait ODataOperation: Serialize {
    /// The entity type the operation is bound to.
    type Binding: ODataResource;

    /// The operation's name as the URL names it: `createToken`, or a qualified
    /// `microsoft.graph.createToken` for services that want one.
    const NAME: &'static str;

    /// Action or function.
    const KIND: OperationKind;
}

/// Characters escaped inside a function's parameter list: all but the unreserved ones and
/// the quote that delimits string literals.
const PARAMETER_ESCAPED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'\'');

/// Appends `(name=literal,...)` for a function's parameters: strings as `'...'` with `'`
/// doubled, numbers, booleans and `null` as they are, objects and arrays as JSON.
pub(crate) fn append_function_parameters(url: &mut String, parameters: &serde_json::Value) {
    use serde_json::Value;
    url.push('(');
    if let Value::Object(parameters) = parameters {
        for (index, (name, value)) in parameters.iter().enumerate() {
            if index > 0 {
                url.push(',');
            }
            url.extend(percent_encoding::utf8_percent_encode(name, PARAMETER_ESCAPED));
            url.push('=');
            let literal = match value {
                Value::String(text) => format!("'{}'", text.replace('\'', "''")),
                other => other.to_string(),
            };
            url.extend(percent_encoding::utf8_percent_encode(&literal, PARAMETER_ESCAPED));
        }
    }
    url.push(')');
}
