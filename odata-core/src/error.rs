//! The error type of every fallible operation of the runtime.

use core::fmt;

use http::{Method, StatusCode};

/// What went wrong talking to an OData service.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The service answered with an OData error body (`{"error": {"code", "message"}}`).
    Service(Box<ServiceError>),
    /// The service answered with a status that is not a success and a body that is not an
    /// OData error.
    Status {
        /// The status the service answered with.
        status: StatusCode,
        /// The start of the body, as text, for the message.
        body: String,
    },
    /// A successful answer whose body does not read as the expected type.
    Body {
        /// The status the service answered with.
        status: StatusCode,
        /// What was wrong, naming the property where one is to blame.
        source: serde_json::Error,
    },
    /// A value could not be serialized into a request body.
    Serialize(serde_json::Error),
    /// An entity whose key property is not set, where its key is needed.
    MissingKey {
        /// The entity's qualified type name.
        type_name: &'static str,
        /// The key property's wire name.
        key: &'static str,
    },
    /// A key of another number of values than the entity type has key properties: one value
    /// for a composite key, or a tuple for a single key.
    KeyMismatch {
        /// The entity's qualified type name.
        type_name: &'static str,
        /// The wire names of its key properties.
        keys: &'static [&'static str],
        /// How many values the key given holds.
        given: usize,
    },
    /// A link the service sent that does not lead below its root, or is not a URL: not
    /// followed, so that credentials meant for the service go nowhere else. A
    /// [`Pager`](crate::Pager) wraps it in an [`Error::Request`] that names the page.
    ForeignLink {
        /// The link as sent, each query option's value replaced by `...` (and a fragment by
        /// `#...`), as [`RequestContext::url`] keeps URLs: a next link's skip token goes into
        /// no message.
        link: String,
        /// The service's root.
        root: String,
    },
    /// A service root that is not an absolute `http` or `https` URL.
    InvalidRoot {
        /// The root as given.
        root: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A request URL longer than an [`http::Uri`] can hold: a key, a link or function
    /// parameters too long to send.
    UrlTooLong {
        /// The URL's length, in bytes.
        length: usize,
        /// The longest URL that can be sent, [`Service::MAX_URL_LENGTH`](crate::Service::MAX_URL_LENGTH).
        limit: usize,
    },
    /// An etag that cannot be sent as `If-Match`: it holds characters, such as a line break,
    /// that no HTTP header value can. Sending the change without it would overwrite whatever
    /// changed since, so it is not sent at all.
    InvalidEtag {
        /// The etag as given.
        etag: String,
    },
    /// A request that cannot be made as asked: a path, query option or header that makes no
    /// valid URL or header.
    InvalidRequest {
        /// The URL, or the part of it, at fault.
        url: String,
        /// What is wrong.
        reason: String,
    },
    /// Any of the other errors, with the request it happened on: what a client sent, how
    /// often, and the service's `request-id` to quote to its support.
    Request {
        /// The request.
        context: Box<RequestContext>,
        /// What went wrong.
        source: Box<Error>,
    },
    /// A redirect that was not followed: one to another origin (scheme, host and port) than
    /// the request's, unless the client is told to follow those; any redirect, when it is
    /// told to follow none; one too many. A body from elsewhere is never read as the answer.
    Redirect {
        /// The redirect's status (`301`, `302`, `303`, `307`, `308`); for a redirect that an
        /// HTTP client followed on its own, the status of the answer it ended with.
        status: StatusCode,
        /// Where it leads, each query option's value replaced by `...`.
        location: String,
        /// Why it was not followed.
        reason: String,
    },
    /// No answer came: the connection failed or timed out, or the answer broke off.
    Transport {
        /// Which of these it was.
        kind: TransportKind,
        /// The HTTP client's error.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// No access token could be had for the request.
    Auth {
        /// What went wrong, as the token provider or the authority says.
        reason: String,
        /// The error of the request for a token, if one failed.
        source: Option<Box<Error>>,
    },
}

/// What kind of [`Error::Transport`] happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportKind {
    /// The connection could not be made: the request never reached the service.
    Connect,
    /// No complete answer came within the request's timeout.
    Timeout,
    /// Anything else: the connection broke off, the answer was not HTTP, ...
    Other,
}

/// The request an [`Error::Request`] happened on.
///
/// The URL keeps the names of its query options but not their values, which may hold
/// personal data or a paging token.
///
/// ```
/// let request = http::Request::get("https://graph.microsoft.com/v1.0/users?$filter=mail%20eq%20'a'&$top=5")
///     .header("client-request-id", "7f1c")
///     .body(())
///     .unwrap();
/// let context = odata::RequestContext::new(&request);
/// assert_eq!(context.url, "https://graph.microsoft.com/v1.0/users?$filter=...&$top=...");
/// assert_eq!(context.client_request_id.as_deref(), Some("7f1c"));
/// assert_eq!(context.attempts, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RequestContext {
    /// The request's method.
    pub method: Method,
    /// The request's URL, each query option's value replaced by `...`.
    pub url: String,
    /// The `request-id` the service answered with, if it did.
    pub request_id: Option<String>,
    /// The `client-request-id` the request was sent with, if it was.
    pub client_request_id: Option<String>,
    /// How many times the request was sent (retries included); 0 for one that was refused
    /// before it was sent, such as a page whose link leads elsewhere.
    pub attempts: u32,
    /// For a page of a listing, its number, from 1.
    pub page: Option<u32>,
}

impl RequestContext {
    /// The context of `request`, sent once.
    pub fn new<B>(request: &http::Request<B>) -> Self {
        let uri = request.uri();
        let mut url = String::new();
        if let (Some(scheme), Some(authority)) = (uri.scheme_str(), uri.authority()) {
            url.push_str(scheme);
            url.push_str("://");
            url.push_str(authority.as_str());
        }
        url.push_str(uri.path());
        if let Some(query) = uri.query() {
            push_redacted_query(query, &mut url);
        }
        let header =
            |name: &str| request.headers().get(name).and_then(|value| value.to_str().ok()).map(str::to_owned);
        RequestContext {
            method: request.method().clone(),
            url,
            request_id: None,
            client_request_id: header("client-request-id"),
            attempts: 1,
            page: None,
        }
    }

    /// The context of a page's `GET` of `link` that was not sent (0 attempts): its query
    /// values hidden.
    pub(crate) fn unsent_page(link: &str, page: u32) -> Self {
        RequestContext {
            method: Method::GET,
            url: redacted_url(link),
            request_id: None,
            client_request_id: None,
            attempts: 0,
            page: Some(page),
        }
    }

    /// The same context, with the `request-id` that `response` carries.
    pub fn with_response<B>(mut self, response: &http::Response<B>) -> Self {
        if let Some(id) = response.headers().get("request-id").and_then(|value| value.to_str().ok()) {
            self.request_id = Some(id.to_owned());
        }
        self
    }
}

/// Appends `?name=...&name=...`: the query's option names, each value replaced by `...`.
fn push_redacted_query(query: &str, url: &mut String) {
    for (index, pair) in query.split('&').enumerate() {
        url.push(if index == 0 { '?' } else { '&' });
        url.push_str(pair.split_once('=').map_or(pair, |(name, _)| name));
        url.push_str("=...");
    }
}

/// `url` (a URL or not) with each query option's value replaced by `...` and a fragment by
/// `#...`: what an error may show of a URL.
pub(crate) fn redacted_url(url: &str) -> String {
    let (url, fragment) = match url.split_once('#') {
        Some((url, _)) => (url, true),
        None => (url, false),
    };
    let (path, query) = match url.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (url, None),
    };
    let mut redacted = String::with_capacity(url.len() + 8);
    redacted.push_str(path);
    if let Some(query) = query {
        push_redacted_query(query, &mut redacted);
    }
    if fragment {
        redacted.push_str("#...");
    }
    redacted
}

impl Error {
    /// An [`Error::Redirect`] to `location` that was not followed, for `reason`; the
    /// location's query values are hidden.
    pub fn redirect(status: StatusCode, location: &str, reason: impl Into<String>) -> Error {
        Error::Redirect { status, location: redacted_url(location), reason: reason.into() }
    }

    /// [`Error::ForeignLink`] for `link`, its query values hidden.
    pub(crate) fn foreign_link(link: &str, root: &str) -> Error {
        Error::ForeignLink { link: redacted_url(link), root: root.to_owned() }
    }
}

impl fmt::Display for RequestContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.url)?;
        if let Some(page) = self.page {
            write!(f, ", page {page}")?;
        }
        match self.attempts {
            0 => f.write_str(", not sent")?,
            1 => f.write_str(", 1 attempt")?,
            attempts => write!(f, ", {attempts} attempts")?,
        }
        if let Some(id) = &self.request_id {
            write!(f, ", request-id {id}")?;
        }
        if let Some(id) = &self.client_request_id {
            write!(f, ", client-request-id {id}")?;
        }
        Ok(())
    }
}

impl Error {
    /// The HTTP status of the answer this error came from, if it came from one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Service(error) => Some(error.status),
            Error::Status { status, .. } | Error::Body { status, .. } | Error::Redirect { status, .. } => {
                Some(*status)
            }
            Error::Request { source, .. } => source.status(),
            Error::Serialize(_)
            | Error::MissingKey { .. }
            | Error::KeyMismatch { .. }
            | Error::ForeignLink { .. }
            | Error::InvalidRoot { .. }
            | Error::UrlTooLong { .. }
            | Error::InvalidEtag { .. }
            | Error::InvalidRequest { .. }
            | Error::Transport { .. }
            | Error::Auth { .. } => None,
        }
    }

    /// The OData error the service sent, if it sent one.
    pub fn service_error(&self) -> Option<&ServiceError> {
        match self {
            Error::Service(error) => Some(error),
            Error::Request { source, .. } => source.service_error(),
            _ => None,
        }
    }

    /// The request this error happened on, if it is known.
    pub fn context(&self) -> Option<&RequestContext> {
        match self {
            Error::Request { context, .. } => Some(context),
            _ => None,
        }
    }

    /// The `request-id` the service answered with, to quote to its support.
    pub fn request_id(&self) -> Option<&str> {
        self.context().and_then(|context| context.request_id.as_deref())
    }

    /// Whether no complete answer came within the request's timeout.
    pub fn is_timeout(&self) -> bool {
        match self {
            Error::Transport { kind, .. } => *kind == TransportKind::Timeout,
            Error::Request { source, .. } => source.is_timeout(),
            _ => false,
        }
    }

    /// This error, with the request it happened on.
    pub fn in_request(self, context: RequestContext) -> Error {
        Error::Request { context: Box::new(context), source: Box::new(self) }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Service(error) => error.fmt(f),
            Error::Status { status, body } if body.is_empty() => {
                write!(f, "the service answered {status} with an empty body")
            }
            Error::Status { status, body } => write!(f, "the service answered {status}: {body}"),
            Error::Body { status, source } => {
                write!(f, "the service answered {status}, but its body does not read: {source}")
            }
            Error::Serialize(source) => write!(f, "cannot serialize the request body: {source}"),
            Error::MissingKey { type_name, key } => {
                write!(f, "the `{type_name}` has no key: its property `{key}` is not set")
            }
            Error::KeyMismatch { type_name, keys, given } => write!(
                f,
                "`{type_name}` has {} key properties ({}), but the key given holds {given} value{}",
                keys.len(),
                keys.join(", "),
                if *given == 1 { "" } else { "s" }
            ),
            Error::ForeignLink { link, root } => {
                write!(f, "the link `{link}` does not lead below the service root `{root}`")
            }
            Error::InvalidRoot { root, reason } => {
                write!(f, "invalid service root `{root}`: {reason}")
            }
            Error::UrlTooLong { length, limit } => {
                write!(f, "the request URL is {length} bytes long, more than the {limit} that a URI can hold")
            }
            Error::InvalidEtag { etag } => {
                write!(f, "the etag {etag:?} cannot be sent as `If-Match`: a header value cannot hold it")
            }
            Error::InvalidRequest { url, reason } => write!(f, "invalid request to `{url}`: {reason}"),
            Error::Request { context, source } => write!(f, "{source} ({context})"),
            Error::Redirect { status, location, reason } => {
                write!(f, "the service answered {status}, a redirect to `{location}`, which was not followed: {reason}")
            }
            Error::Transport { kind, source } => {
                let what = match kind {
                    TransportKind::Connect => "cannot connect to the service",
                    TransportKind::Timeout => "the request timed out",
                    TransportKind::Other => "the exchange with the service failed",
                };
                write!(f, "{what}: {source}")
            }
            Error::Auth { reason, source: None } => write!(f, "no access token: {reason}"),
            Error::Auth { reason, source: Some(source) } => write!(f, "no access token: {reason}: {source}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Service(error) => Some(&**error),
            Error::Body { source, .. } | Error::Serialize(source) => Some(source),
            Error::Request { source, .. } => Some(source),
            Error::Auth { source: Some(source), .. } => Some(source),
            Error::Transport { source, .. } => Some(&**source),
            _ => None,
        }
    }
}

/// An OData error answer: `{"error": {"code": ..., "message": ..., "details": [...]}}`.
///
/// It is the [`source`](std::error::Error::source) of the [`Error::Service`] that carries it.
///
/// ```
/// use std::error::Error as _;
///
/// let answer = http::Response::builder()
///     .status(404)
///     .body(br#"{"error": {"code": "Request_ResourceNotFound", "message": "Not found."}}"#.to_vec())
///     .unwrap();
/// let error = odata::ensure_success(answer).unwrap_err();
/// let source = error.source().unwrap().downcast_ref::<odata::ServiceError>().unwrap();
/// assert_eq!(source.code, "Request_ResourceNotFound");
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ServiceError {
    /// The HTTP status of the answer.
    pub status: StatusCode,
    /// The service's error code, such as `Request_ResourceNotFound`.
    pub code: String,
    /// The service's message for people.
    pub message: String,
    /// What the error is about, when the service says.
    pub target: Option<String>,
    /// Further errors the service listed.
    pub details: Vec<ServiceErrorDetail>,
    /// The service-specific `innererror` object, as sent.
    pub inner_error: Option<serde_json::Value>,
}

/// One entry of an OData error's `details`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ServiceErrorDetail {
    /// The detail's error code.
    pub code: String,
    /// The detail's message.
    pub message: String,
    /// What the detail is about, when the service says.
    pub target: Option<String>,
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the service answered {}: {}: {}", self.status, self.code, self.message)?;
        if let Some(target) = &self.target {
            write!(f, " (target `{target}`)")?;
        }
        Ok(())
    }
}

impl std::error::Error for ServiceError {}

#[cfg(test)]
mod tests {
    use super::{redacted_url, Error};

    #[test]
    fn a_url_in_an_error_keeps_its_option_names_only() {
        assert_eq!(redacted_url("https://a.example/v1.0/users"), "https://a.example/v1.0/users");
        assert_eq!(
            redacted_url("https://a.example/users?$skiptoken=s3cret&$top=5&flag"),
            "https://a.example/users?$skiptoken=...&$top=...&flag=..."
        );
        assert_eq!(redacted_url("https://a.example/users?x=1#s3cret"), "https://a.example/users?x=...#...");
        assert_eq!(redacted_url("not a url ? a=b"), "not a url ? a=...");
        let error =
            Error::foreign_link("https://evil.example/users?$skiptoken=s3cret", "https://a.example/v1.0");
        let text = error.to_string();
        assert_eq!(
            text,
            "the link `https://evil.example/users?$skiptoken=...` does not lead below the service root `https://a.example/v1.0`"
        );
        assert!(!format!("{error:?}").contains("s3cret"));
    }
}
