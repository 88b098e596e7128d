//! Turning the service's answers into typed results.

use http::{Response, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::{Error, ServiceError, ServiceErrorDetail};

/// Reads a response: a successful (2xx) body becomes `T`; an OData error body becomes
/// [`Error::Service`] with the status, code and message; any other failure names the status.
///
/// ```
/// use odata::{from_response, ODataResource};
///
/// #[derive(Debug, ODataResource)]
/// #[odata(type = "microsoft.graph.user", collection = "/users")]
/// pub struct User {
///     #[odata(key, read_only)]
///     pub id: Option<String>,
///     pub display_name: Option<String>,
/// }
///
/// let ok = http::Response::builder()
///     .status(200)
///     .body(br#"{"@odata.context": "...", "id": "1", "displayName": "Adele"}"#.to_vec())
///     .unwrap();
/// let user: User = from_response(ok).unwrap();
/// assert_eq!(user.display_name.as_deref(), Some("Adele"));
///
/// let missing = http::Response::builder()
///     .status(404)
///     .body(br#"{"error": {"code": "Request_ResourceNotFound", "message": "Resource '2' does not exist."}}"#.to_vec())
///     .unwrap();
/// let error = from_response::<User>(missing).unwrap_err();
/// assert_eq!(error.status(), Some(http::StatusCode::NOT_FOUND));
/// assert_eq!(error.service_error().unwrap().code, "Request_ResourceNotFound");
/// ```
pub fn from_response<T: DeserializeOwned>(response: Response<impl AsRef<[u8]>>) -> Result<T, Error> {
    let status = response.status();
    let body = response.body().as_ref();
    if !status.is_success() {
        return Err(failure(status, body));
    }
    serde_json::from_slice(body).map_err(|source| Error::Body { status, source })
}

/// Checks a response that carries no entity, such as the `204 No Content` of an update or a
/// delete: a success is `Ok(())`, whatever its body; a failure is read as in
/// [`from_response`].
///
/// ```
/// let done = http::Response::builder().status(204).body(Vec::new()).unwrap();
/// assert!(odata::ensure_success(done).is_ok());
///
/// let gone = http::Response::builder().status(410).body(Vec::new()).unwrap();
/// assert_eq!(odata::ensure_success(gone).unwrap_err().to_string(),
///            "the service answered 410 Gone with an empty body");
/// ```
pub fn ensure_success(response: Response<impl AsRef<[u8]>>) -> Result<(), Error> {
    let status = response.status();
    if status.is_success() {
        Ok(())
    } else {
        Err(failure(status, response.body().as_ref()))
    }
}

#[cold]
pub(crate) fn failure(status: StatusCode, body: &[u8]) -> Error {
    match serde_json::from_slice::<Value>(body).ok().and_then(|body| service_error(status, body)) {
        Some(error) => Error::Service(Box::new(error)),
        None => {
            // Enough of the body to recognise a proxy's or gateway's page in the message.
            const SHOWN: usize = 512;
            let text = String::from_utf8_lossy(body);
            let body = match text.char_indices().nth(SHOWN) {
                Some((end, _)) => format!("{}...", &text[..end]),
                None => text.into_owned(),
            };
            Error::Status { status, body: body.trim().to_owned() }
        }
    }
}

/// Reads `{"error": {"code", "message", "target"?, "details"?, "innererror"?}}`; `None` for
/// any other shape. Hand-read from a `Value` because only failures take this path.
fn service_error(status: StatusCode, mut body: Value) -> Option<ServiceError> {
    let mut error = body.get_mut("error")?.take();
    let text = |value: Option<&Value>| value.and_then(Value::as_str).map(str::to_owned);
    let details = match error.get("details") {
        Some(Value::Array(details)) => details
            .iter()
            .filter_map(|detail| {
                Some(ServiceErrorDetail {
                    code: text(detail.get("code"))?,
                    message: text(detail.get("message"))?,
                    target: text(detail.get("target")),
                })
            })
            .collect(),
        _ => Vec::new(),
    };
    Some(ServiceError {
        status,
        code: text(error.get("code"))?,
        message: text(error.get("message"))?,
        target: text(error.get("target")),
        details,
        inner_error: error.get_mut("innererror").map(Value::take),
    })
}
