//! The error type of every fallible operation of the runtime.

use core::fmt;

use http::StatusCode;

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
    /// followed, so that credentials meant for the service go nowhere else.
    ForeignLink {
        /// The link as sent.
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
    /// A request URL that [`http::Uri`] does not accept, which only a hand-written
    /// [`ODataKey`](crate::ODataKey) or [`ODataLiteral`](crate::ODataLiteral) that writes
    /// characters a URL cannot hold can cause: the keys, paths and literals of this crate are
    /// escaped.
    InvalidUrl {
        /// The URL as made.
        url: String,
        /// Why [`http::Uri`] rejects it.
        reason: String,
    },
}

impl Error {
    /// The HTTP status of the answer this error came from, if it came from one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Service(error) => Some(error.status),
            Error::Status { status, .. } | Error::Body { status, .. } => Some(*status),
            Error::Serialize(_)
            | Error::MissingKey { .. }
            | Error::KeyMismatch { .. }
            | Error::ForeignLink { .. }
            | Error::InvalidRoot { .. }
            | Error::UrlTooLong { .. }
            | Error::InvalidEtag { .. }
            | Error::InvalidUrl { .. } => None,
        }
    }

    /// The OData error the service sent, if it sent one.
    pub fn service_error(&self) -> Option<&ServiceError> {
        match self {
            Error::Service(error) => Some(error),
            _ => None,
        }
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
            Error::InvalidUrl { url, reason } => write!(f, "invalid request URL `{url}`: {reason}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Service(error) => Some(&**error),
            Error::Body { source, .. } | Error::Serialize(source) => Some(source),
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
