//! JSON `$batch`, sans-IO: requests in, one batch request out; the batch answer in, one typed
//! result per item out.
//!
//! A [`Batch`] holds requests that [`Service`] and the paths build (any method, body and
//! headers, `If-Match` included), each under an id, optionally after other items
//! (`dependsOn`). [`Batch::to_request`] writes them as OData's JSON batch format,
//! `{"requests": [{"id", "method", "url", "headers", "body", "dependsOn"}]}`, with URLs
//! relative to the service root as Graph expects; [`BatchResponse::read`] reads
//! `{"responses": [{"id", "status", "headers", "body"}]}` by id, whatever the order of the
//! answers, and each item's [`Handle`] reads that item's result into its own type.
//!
//! ```
//! use odata::batch::{Batch, BatchResponse};
//! use odata::{ODataResource, Service};
//!
//! #[derive(Debug, ODataResource)]
//! #[odata(type = "microsoft.graph.user", collection = "/users")]
//! pub struct User {
//!     #[odata(key, read_only)]
//!     pub id: Option<String>,
//!     pub display_name: Option<String>,
//! }
//!
//! let service = Service::new("https://graph.microsoft.com/v1.0");
//! let mut batch = Batch::new(&service);
//! let adele = batch.add::<User>(service.get::<User>("adele")).unwrap();
//! let removed = batch.add_no_content(service.delete::<User>("bob")).unwrap();
//! let request = batch.to_request().unwrap();
//! assert_eq!(request.uri(), "https://graph.microsoft.com/v1.0/$batch");
//!
//! // The service may answer in any order.
//! let answer = http::Response::new(br#"{"responses": [
//!     {"id": "2", "status": 404, "headers": {"request-id": "9c1f"},
//!      "body": {"error": {"code": "Request_ResourceNotFound", "message": "No bob."}}},
//!     {"id": "1", "status": 200, "body": {"id": "adele", "displayName": "Adele"}}
//! ]}"#.to_vec());
//! let responses = BatchResponse::read(answer).unwrap();
//! assert_eq!(adele.read(&responses).unwrap().display_name.as_deref(), Some("Adele"));
//! let error = removed.read(&responses).unwrap_err();
//! assert_eq!(error.status(), Some(http::StatusCode::NOT_FOUND));
//! assert_eq!(error.request_id(), Some("9c1f"));
//! ```

use core::fmt;
use core::marker::PhantomData;
use std::collections::HashMap;

use base64::Engine as _;
use http::header::{
    HeaderMap, HeaderName, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, HOST,
};
use http::{Method, Request, Response, StatusCode};
use serde::de::DeserializeOwned;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

use crate::{ensure_success, from_response, Error, RequestContext, Service};

/// Headers of the batch request itself, never copied into an item: the token goes on the
/// `$batch` request only.
const NOT_COPIED: [HeaderName; 5] = [
    AUTHORIZATION,
    CONTENT_LENGTH,
    HOST,
    HeaderName::from_static("client-request-id"),
    HeaderName::from_static("connection"),
];

/// Requests to send together as one JSON `$batch`.
///
/// Items are numbered `"1"`, `"2"`, ... in the order they are added; the [`Handle`] an `add`
/// returns reads that item's result. A batch has no size limit of its own: Graph takes at
/// most 20 requests per `$batch`, which the client's `send_batch` splits into.
#[derive(Debug, Clone)]
pub struct Batch {
    root: String,
    items: Vec<BatchItem>,
    /// The index of each id in `items`.
    index: HashMap<String, usize>,
}

/// One request of a [`Batch`], as it is written into the batch body.
#[derive(Debug, Clone)]
pub struct BatchItem {
    id: String,
    method: Method,
    /// Relative to the service root, starting with `/`.
    url: String,
    headers: HeaderMap,
    body: Option<ItemBody>,
    depends_on: Vec<String>,
}

#[derive(Debug, Clone)]
enum ItemBody {
    /// A JSON body, kept as the exact text of the request's body.
    Json(Box<RawValue>),
    /// Any other body, as standard base64 (Graph's rule for a content type that is not JSON).
    Base64(String),
}

impl BatchItem {
    /// The item's id in the batch.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The request's method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The request's URL relative to the service root, starting with `/` (`/users/1`).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The request's headers, as written into the item (no `Authorization`,
    /// `client-request-id`, `Content-Length` or `Host`).
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The ids of the items this one is sent after (`dependsOn`).
    pub fn depends_on(&self) -> &[String] {
        &self.depends_on
    }

    /// The item's body as it goes into the batch: the JSON text of a JSON body, byte for byte,
    /// or the standard base64 of any other (written as a JSON string); `None` without a body.
    pub fn body_json(&self) -> Option<&str> {
        match &self.body {
            Some(ItemBody::Json(json)) => Some(json.get()),
            Some(ItemBody::Base64(text)) => Some(text),
            None => None,
        }
    }
}

/// The handle of one item of a [`Batch`]: its id, and how its result is read.
///
/// [`read`](Self::read) reads the item's answer out of a [`BatchResponse`]: `T` for a
/// success, otherwise an [`Error::Request`] naming the item's method and URL, with the status,
/// the service's code and message and the item's own `request-id`.
pub struct Handle<T> {
    id: String,
    context: RequestContext,
    read: fn(Response<&[u8]>) -> Result<T, Error>,
    value: PhantomData<fn() -> T>,
}

impl<T> Clone for Handle<T> {
    fn clone(&self) -> Self {
        Handle { id: self.id.clone(), context: self.context.clone(), read: self.read, value: PhantomData }
    }
}

impl<T> fmt::Debug for Handle<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Handle").field("id", &self.id).field("request", &self.context).finish_non_exhaustive()
    }
}

impl<T> Handle<T> {
    /// The item's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The item's result in `responses`: `T` read from a successful answer, or the item's
    /// error, with its `request-id` and the number of times it was sent.
    ///
    /// # Errors
    /// [`Error::Request`] around the item's failure: [`Error::Service`] (status, code and
    /// message), [`Error::Status`], [`Error::Body`] for a body that does not read as `T`, or
    /// [`Error::Body`] naming the id when the answer holds no response for this item; the
    /// error of the `$batch` request itself when that got no batch answer.
    pub fn read(&self, responses: &BatchResponse) -> Result<T, Error> {
        let mut context = self.context.clone();
        if let Some(error) = responses.failure(&self.id) {
            return Err(duplicate(error).in_request(context));
        }
        let Some(item) = responses.get(&self.id) else {
            let reason = format!("the `$batch` answer has no response for item `{}`", self.id);
            let source = <serde_json::Error as serde::de::Error>::custom(reason);
            return Err(Error::Body { status: responses.status, source }.in_request(context));
        };
        context.attempts = item.attempts;
        let mut answer = Response::new(item.body.as_slice());
        *answer.status_mut() = item.status;
        if let Some(id) = item.headers.get("request-id").and_then(|value| value.to_str().ok()) {
            context.request_id = Some(id.to_owned());
        }
        (self.read)(answer).map_err(|error| error.in_request(context))
    }
}

impl Batch {
    /// An empty batch of requests to `service`.
    pub fn new(service: &Service) -> Self {
        Batch { root: service.root().to_owned(), items: Vec::new(), index: HashMap::new() }
    }

    /// Adds `request`, whose successful answer is read as `T`.
    ///
    /// # Errors
    /// As [`add_after`](Self::add_after).
    pub fn add<T: DeserializeOwned>(&mut self, request: Request<Vec<u8>>) -> Result<Handle<T>, Error> {
        self.add_after(request, &[])
    }

    /// Adds `request`, whose answer is only checked for success (a `204 No Content`).
    ///
    /// # Errors
    /// As [`add_after`](Self::add_after).
    pub fn add_no_content(&mut self, request: Request<Vec<u8>>) -> Result<Handle<()>, Error> {
        self.add_no_content_after(request, &[])
    }

    /// Adds `request`, to be sent only after the items `after` names have succeeded; its
    /// answer is only checked for success.
    ///
    /// # Errors
    /// As [`add_after`](Self::add_after).
    pub fn add_no_content_after(
        &mut self,
        request: Request<Vec<u8>>,
        after: &[&str],
    ) -> Result<Handle<()>, Error> {
        self.push(request, after, no_content)
    }

    /// Adds `request`, to be sent only after the items `after` names have succeeded
    /// (`dependsOn`); its successful answer is read as `T`.
    ///
    /// ```
    /// use odata::batch::Batch;
    /// use odata::Service;
    ///
    /// let service = Service::new("https://graph.microsoft.com/v1.0");
    /// let mut batch = Batch::new(&service);
    /// let first = batch.add_no_content(http::Request::delete("https://graph.microsoft.com/v1.0/users/1").body(Vec::new()).unwrap()).unwrap();
    /// let second = batch.add_after::<serde_json::Value>(
    ///     http::Request::get("https://graph.microsoft.com/v1.0/users/1").body(Vec::new()).unwrap(),
    ///     &[first.id()],
    /// ).unwrap();
    /// assert_eq!(batch.items()[1].depends_on(), ["1"]);
    /// assert_eq!(second.id(), "2");
    /// assert!(batch.add::<()>(http::Request::get("https://example.com/v1.0/users").body(Vec::new()).unwrap()).is_err());
    /// ```
    ///
    /// # Errors
    /// [`Error::ForeignLink`] when the request's URL is not below the service root;
    /// [`Error::InvalidRequest`] when a JSON body does not parse, or `after` names an id that
    /// is not an item of this batch.
    pub fn add_after<T: DeserializeOwned>(
        &mut self,
        request: Request<Vec<u8>>,
        after: &[&str],
    ) -> Result<Handle<T>, Error> {
        self.push(request, after, |answer| from_response(answer))
    }

    fn push<T>(
        &mut self,
        request: Request<Vec<u8>>,
        after: &[&str],
        read: fn(Response<&[u8]>) -> Result<T, Error>,
    ) -> Result<Handle<T>, Error> {
        let id = (self.items.len() + 1).to_string();
        let uri = request.uri().to_string();
        let invalid = |reason: String| Error::InvalidRequest { url: uri.clone(), reason };
        let url = match uri.strip_prefix(self.root.as_str()) {
            Some("") => "/".to_owned(),
            Some(rest) if rest.starts_with('/') => rest.to_owned(),
            Some(rest) if rest.starts_with(['?', '(']) => format!("/{rest}"),
            _ => return Err(Error::ForeignLink { link: uri.clone(), root: self.root.clone() }),
        };
        let mut depends_on = Vec::with_capacity(after.len());
        for prerequisite in after {
            if !self.index.contains_key(*prerequisite) {
                return Err(invalid(format!(
                    "batch item `{id}` depends on `{prerequisite}`, which is not an item of this batch"
                )));
            }
            if !depends_on.iter().any(|known: &String| known == prerequisite) {
                depends_on.push((*prerequisite).to_owned());
            }
        }
        let context = RequestContext::new(&request);
        let (parts, body) = request.into_parts();
        let mut headers = parts.headers;
        for name in &NOT_COPIED {
            headers.remove(name);
        }
        let body = if body.is_empty() {
            None
        } else if headers.get(CONTENT_TYPE).is_none_or(is_json) {
            let text = String::from_utf8(body)
                .map_err(|_| invalid(format!("batch item `{id}`: the JSON body is not UTF-8")))?;
            let json = RawValue::from_string(text).map_err(|error| {
                invalid(format!("batch item `{id}`: the JSON body does not parse: {error}"))
            })?;
            if !headers.contains_key(CONTENT_TYPE) {
                headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            }
            Some(ItemBody::Json(json))
        } else {
            Some(ItemBody::Base64(base64::engine::general_purpose::STANDARD.encode(&body)))
        };
        self.index.insert(id.clone(), self.items.len());
        self.items.push(BatchItem { id: id.clone(), method: parts.method, url, headers, body, depends_on });
        Ok(Handle { id, context, read, value: PhantomData })
    }

    /// The items, in the order they were added.
    pub fn items(&self) -> &[BatchItem] {
        &self.items
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&BatchItem> {
        self.index.get(id).map(|&index| &self.items[index])
    }

    /// How many items the batch holds.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the batch holds no item.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The `POST {root}/$batch` of every item.
    ///
    /// # Errors
    /// As [`request_for`](Self::request_for).
    pub fn to_request(&self) -> Result<Request<Vec<u8>>, Error> {
        self.request_for(self.items.iter().map(|item| item.id.as_str()))
    }

    /// The `POST {root}/$batch` of the items with these ids, in the order given. A
    /// prerequisite that is not among them is left out of the item's `dependsOn`: it is
    /// taken as done, so send a dependent item alone only after its prerequisites succeeded.
    ///
    /// # Errors
    /// [`Error::InvalidRequest`] naming an id that is not an item of this batch;
    /// [`Error::Serialize`] if the body cannot be written (no header, method or URL makes
    /// that happen).
    pub fn request_for<'a>(&self, ids: impl IntoIterator<Item = &'a str>) -> Result<Request<Vec<u8>>, Error> {
        let url = format!("{}/$batch", self.root);
        let mut selected = Vec::new();
        for id in ids {
            match self.index.get(id) {
                Some(&index) => selected.push(&self.items[index]),
                None => {
                    return Err(Error::InvalidRequest {
                        url,
                        reason: format!("`{id}` is not an item of this batch"),
                    })
                }
            }
        }
        let body = serde_json::to_vec(&Requests { items: &selected }).map_err(Error::Serialize)?;
        let uri = url.parse().map_err(|error: http::uri::InvalidUri| Error::InvalidRequest {
            url: url.clone(),
            reason: error.to_string(),
        })?;
        let mut request = Request::new(body);
        *request.method_mut() = Method::POST;
        *request.uri_mut() = uri;
        request.headers_mut().insert(ACCEPT, HeaderValue::from_static("application/json"));
        request.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        Ok(request)
    }
}

/// [`ensure_success`] on an item's answer.
fn no_content(answer: Response<&[u8]>) -> Result<(), Error> {
    ensure_success(answer)
}

fn is_json(value: &HeaderValue) -> bool {
    value.to_str().is_ok_and(|text| {
        let essence = text.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
        essence == "application/json" || essence.ends_with("+json")
    })
}

/// `{"requests": [...]}` of the selected items.
struct Requests<'a> {
    items: &'a [&'a BatchItem],
}

impl Serialize for Requests<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut object = serializer.serialize_map(Some(1))?;
        object.serialize_entry("requests", &Items(self.items))?;
        object.end()
    }
}

struct Items<'a>(&'a [&'a BatchItem]);

impl Serialize for Items<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let present: std::collections::HashSet<&str> = self.0.iter().map(|item| item.id.as_str()).collect();
        let mut list = serializer.serialize_seq(Some(self.0.len()))?;
        for item in self.0 {
            list.serialize_element(&ItemJson { item, present: &present })?;
        }
        list.end()
    }
}

struct ItemJson<'a> {
    item: &'a BatchItem,
    present: &'a std::collections::HashSet<&'a str>,
}

impl Serialize for ItemJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let item = self.item;
        let mut object = serializer.serialize_map(None)?;
        object.serialize_entry("id", &item.id)?;
        object.serialize_entry("method", item.method.as_str())?;
        object.serialize_entry("url", &item.url)?;
        if !item.headers.is_empty() {
            object.serialize_entry("headers", &Headers(&item.headers))?;
        }
        match &item.body {
            Some(ItemBody::Json(json)) => object.serialize_entry("body", json)?,
            Some(ItemBody::Base64(text)) => object.serialize_entry("body", text)?,
            None => {}
        }
        let depends_on: Vec<&str> =
            item.depends_on.iter().map(String::as_str).filter(|id| self.present.contains(id)).collect();
        if !depends_on.is_empty() {
            object.serialize_entry("dependsOn", &depends_on)?;
        }
        object.end()
    }
}

/// A header map as a JSON object; several values of one name are joined with `, `, and a
/// value that is not text is written lossily (no request `Service` builds has one).
struct Headers<'a>(&'a HeaderMap);

impl Serialize for Headers<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut object = serializer.serialize_map(Some(self.0.keys_len()))?;
        for name in self.0.keys() {
            let values: Vec<_> =
                self.0.get_all(name).iter().map(|value| String::from_utf8_lossy(value.as_bytes())).collect();
            object.serialize_entry(name.as_str(), &values.join(", "))?;
        }
        object.end()
    }
}

/// The answer to one item of a batch: status, headers and body.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
    attempts: u32,
}

impl ItemResponse {
    /// An item's answer, sent once.
    pub fn new(status: StatusCode, headers: HeaderMap, body: Vec<u8>) -> Self {
        ItemResponse { status, headers, body, attempts: 1 }
    }

    /// The item's status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The item's headers, as the service sent them (`Location`, `ETag`, `Retry-After`,
    /// `request-id`, ...).
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The item's body: JSON text, or the bytes of a base64 body of another content type.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// How many times the item was sent before this answer (1 unless a client re-sent it).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The same answer, counted as sent `attempts` times.
    pub fn with_attempts(mut self, attempts: u32) -> Self {
        self.attempts = attempts;
        self
    }

    /// The answer as an [`http::Response`].
    pub fn into_response(self) -> Response<Vec<u8>> {
        let mut response = Response::new(self.body);
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers;
        response
    }
}

/// The answers to a batch, by item id: what [`Handle::read`] reads from.
#[derive(Debug)]
pub struct BatchResponse {
    /// The status of the `$batch` answer (of the last one merged).
    status: StatusCode,
    items: HashMap<String, ItemResponse>,
    /// Items of a `$batch` request that got no batch answer (a connection that failed, a whole
    /// batch refused): the error of that request.
    failures: HashMap<String, Error>,
}

impl Clone for BatchResponse {
    fn clone(&self) -> Self {
        BatchResponse {
            status: self.status,
            items: self.items.clone(),
            failures: self.failures.iter().map(|(id, error)| (id.clone(), duplicate(error))).collect(),
        }
    }
}

/// A copy of `error` (which is not `Clone`): the same variant and fields, except that a
/// source error of another crate (serde_json's, the HTTP client's) is kept as its message.
fn duplicate(error: &Error) -> Error {
    let text =
        |source: &dyn fmt::Display| <serde_json::Error as serde::de::Error>::custom(source.to_string());
    match error {
        Error::Service(service) => Error::Service(service.clone()),
        Error::Status { status, body } => Error::Status { status: *status, body: body.clone() },
        Error::Body { status, source } => Error::Body { status: *status, source: text(source) },
        Error::Serialize(source) => Error::Serialize(text(source)),
        Error::MissingKey { type_name, key } => Error::MissingKey { type_name, key },
        Error::KeyMismatch { type_name, keys, given } => {
            Error::KeyMismatch { type_name, keys, given: *given }
        }
        Error::ForeignLink { link, root } => Error::ForeignLink { link: link.clone(), root: root.clone() },
        Error::InvalidRoot { root, reason } => {
            Error::InvalidRoot { root: root.clone(), reason: reason.clone() }
        }
        Error::UrlTooLong { length, limit } => Error::UrlTooLong { length: *length, limit: *limit },
        Error::InvalidEtag { etag } => Error::InvalidEtag { etag: etag.clone() },
        Error::Redirect { status, location, reason } => {
            Error::Redirect { status: *status, location: location.clone(), reason: reason.clone() }
        }
        Error::InvalidRequest { url, reason } => {
            Error::InvalidRequest { url: url.clone(), reason: reason.clone() }
        }
        Error::Request { context, source } => duplicate(source).in_request((**context).clone()),
        Error::Transport { kind, source } => {
            Error::Transport { kind: *kind, source: source.to_string().into() }
        }
        Error::Auth { reason, source } => Error::Auth {
            reason: reason.clone(),
            source: source.as_deref().map(|source| Box::new(duplicate(source))),
        },
    }
}

impl Default for BatchResponse {
    fn default() -> Self {
        BatchResponse::new()
    }
}

impl BatchResponse {
    /// No answers yet.
    pub fn new() -> Self {
        BatchResponse { status: StatusCode::OK, items: HashMap::new(), failures: HashMap::new() }
    }

    /// Reads the answer to a `$batch` request: `{"responses": [...]}`, in any order.
    ///
    /// # Errors
    /// The batch's own failure as [`from_response`] reads it (such as a whole batch answered
    /// `429`); [`Error::Body`] when the body is not a batch answer, naming what is wrong: an
    /// item without `id` or `status`, a status that is not one, a header that cannot be
    /// one, or an id answered twice.
    pub fn read(response: Response<impl AsRef<[u8]>>) -> Result<BatchResponse, Error> {
        let status = response.status();
        let mut answer: HashMap<String, Box<RawValue>> = from_response(response)?;
        let body_error = |reason: String| Error::Body {
            status,
            source: <serde_json::Error as serde::de::Error>::custom(reason),
        };
        let responses =
            answer.remove("responses").ok_or_else(|| body_error("missing field `responses`".into()))?;
        let responses: Vec<HashMap<String, Box<RawValue>>> = serde_json::from_str(responses.get())
            .map_err(|error| body_error(format!("`responses`: {error}")))?;
        let mut items = HashMap::with_capacity(responses.len());
        for (index, mut item) in responses.into_iter().enumerate() {
            let mut field = |name: &str| item.remove(name);
            let id = field("id").and_then(|id| serde_json::from_str::<String>(id.get()).ok()).ok_or_else(
                || body_error(format!("batch answer {}: missing field `id`, a string", index + 1)),
            )?;
            let item_status = field("status")
                .and_then(|status| serde_json::from_str::<u16>(status.get()).ok())
                .and_then(|status| StatusCode::from_u16(status).ok())
                .ok_or_else(|| body_error(format!("batch item `{id}`: `status` is not an HTTP status")))?;
            let text_headers: HashMap<String, String> = match field("headers") {
                None => HashMap::new(),
                Some(headers) => serde_json::from_str(headers.get())
                    .map_err(|error| body_error(format!("batch item `{id}`: `headers`: {error}")))?,
            };
            let mut headers = HeaderMap::with_capacity(text_headers.len());
            for (name, value) in &text_headers {
                let header = HeaderName::try_from(name.as_str()).ok().zip(HeaderValue::try_from(value).ok());
                let Some((name, value)) = header else {
                    return Err(body_error(format!(
                        "batch item `{id}`: `{name}: {value}` is not a valid header"
                    )));
                };
                headers.append(name, value);
            }
            let body = match field("body") {
                None => Vec::new(),
                Some(body) if body.get() == "null" => Vec::new(),
                Some(body) => item_body(&headers, &body),
            };
            if items.contains_key(&id) {
                return Err(body_error(format!("batch item `{id}` is answered twice")));
            }
            items.insert(id, ItemResponse::new(item_status, headers, body));
        }
        Ok(BatchResponse { status, items, failures: HashMap::new() })
    }

    /// The answer to the item with this id.
    pub fn get(&self, id: &str) -> Option<&ItemResponse> {
        self.items.get(id)
    }

    /// Sets the answer to the item with this id (replacing an earlier one): how a client
    /// gathers the answers of several `$batch` requests, and of items it did not send.
    pub fn insert(&mut self, id: impl Into<String>, response: ItemResponse) {
        let id = id.into();
        self.failures.remove(&id);
        self.items.insert(id, response);
    }

    /// Takes the answer to the item with this id out (its answer, or its failure).
    pub fn remove(&mut self, id: &str) -> Option<ItemResponse> {
        self.failures.remove(id);
        self.items.remove(id)
    }

    /// Records that the item with this id got no answer of its own because its `$batch`
    /// request failed with `error` (replacing an answer it had): [`Handle::read`] then gives a
    /// copy of `error` for it.
    pub fn insert_failure(&mut self, id: impl Into<String>, error: &Error) {
        let id = id.into();
        self.items.remove(&id);
        self.failures.insert(id, duplicate(error));
    }

    /// The failure of the `$batch` request that carried the item with this id, when it got no
    /// answer of its own.
    pub fn failure(&self, id: &str) -> Option<&Error> {
        self.failures.get(id)
    }

    /// The answers, by id, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &ItemResponse)> {
        self.items.iter().map(|(id, item)| (id.as_str(), item))
    }

    /// How many items are answered.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether no item is answered.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// The bytes of an item's body: JSON text as sent, or the bytes of a base64 string when the
/// item's content type is not JSON (Graph's rule); a string that is not base64 stays JSON.
fn item_body(headers: &HeaderMap, body: &RawValue) -> Vec<u8> {
    let json_content = headers.get(CONTENT_TYPE).is_none_or(is_json);
    if !json_content {
        if let Ok(text) = serde_json::from_str::<String>(body.get()) {
            if let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(text.as_bytes()) {
                return bytes;
            }
        }
    }
    body.get().as_bytes().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    const ROOT: &str = "https://graph.microsoft.com/v1.0";

    fn service() -> Service {
        Service::new(ROOT)
    }

    fn body_of(request: &Request<Vec<u8>>) -> Value {
        serde_json::from_slice(request.body()).unwrap()
    }

    /// An entity read as its `id`.
    #[derive(Debug, PartialEq)]
    struct User {
        id: String,
    }

    impl<'de> serde::Deserialize<'de> for User {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let value = Value::deserialize(deserializer)?;
            let id = value["id"].as_str().ok_or_else(|| serde::de::Error::custom("no id"))?;
            Ok(User { id: id.to_owned() })
        }
    }

    #[test]
    fn the_body_holds_each_item_with_a_relative_url_its_headers_body_and_dependencies() {
        let mut batch = Batch::new(&service());
        let create = Request::post(format!("{ROOT}/users"))
            .header("content-type", "application/json")
            .header("authorization", "Bearer secret")
            .header("client-request-id", "abc")
            .body(br#"{"displayName":  "Adele"}"#.to_vec())
            .unwrap();
        let created = batch.add::<User>(create).unwrap();
        let patch = Request::patch(format!("{ROOT}/users/1?$select=id"))
            .header("if-match", "W/\"etag\"")
            .header("prefer", "return=minimal")
            .header("prefer", "odata.maxpagesize=5")
            .body(br#"{"x":1}"#.to_vec())
            .unwrap();
        batch.add_after::<()>(patch, &[created.id()]).unwrap();
        batch.add_no_content(Request::delete(ROOT).body(Vec::new()).unwrap()).unwrap();
        let request = batch.to_request().unwrap();
        assert_eq!(request.method(), "POST");
        assert_eq!(request.uri(), "https://graph.microsoft.com/v1.0/$batch");
        assert_eq!(request.headers()["content-type"], "application/json");
        assert_eq!(
            body_of(&request),
            json!({"requests": [
                {"id": "1", "method": "POST", "url": "/users",
                 "headers": {"content-type": "application/json"}, "body": {"displayName": "Adele"}},
                {"id": "2", "method": "PATCH", "url": "/users/1?$select=id",
                 "headers": {"if-match": "W/\"etag\"", "prefer": "return=minimal, odata.maxpagesize=5",
                             "content-type": "application/json"},
                 "body": {"x": 1}, "dependsOn": ["1"]},
                {"id": "3", "method": "DELETE", "url": "/"}
            ]})
        );
        // The body's text is kept byte for byte, whitespace included.
        let text = String::from_utf8(request.body().clone()).unwrap();
        assert!(text.contains(r#""body":{"displayName":  "Adele"}"#), "{text}");
        assert!(!text.contains("secret") && !text.contains("abc"), "{text}");
        assert_eq!(batch.items()[0].body_json(), Some(r#"{"displayName":  "Adele"}"#));
        assert_eq!(batch.items()[2].body_json(), None);
    }

    #[test]
    fn a_body_of_another_content_type_is_base64() {
        let mut batch = Batch::new(&service());
        let upload = Request::put(format!("{ROOT}/me/photo/$value"))
            .header("content-type", "image/png")
            .body(vec![0x89, b'P', b'N', b'G'])
            .unwrap();
        batch.add_no_content(upload).unwrap();
        assert_eq!(body_of(&batch.to_request().unwrap())["requests"][0]["body"], "iVBORw==");
        assert_eq!(batch.items()[0].body_json(), Some("iVBORw=="));
    }

    #[test]
    fn a_subset_leaves_out_prerequisites_that_are_not_sent_with_it() {
        let mut batch = Batch::new(&service());
        let a = batch.add::<Value>(Request::get(format!("{ROOT}/a")).body(Vec::new()).unwrap()).unwrap();
        let b = batch
            .add_after::<Value>(Request::get(format!("{ROOT}/b")).body(Vec::new()).unwrap(), &[a.id()])
            .unwrap();
        batch
            .add_after::<Value>(
                Request::get(format!("{ROOT}/c")).body(Vec::new()).unwrap(),
                &[a.id(), b.id()],
            )
            .unwrap();
        let body = body_of(&batch.request_for(["2", "3"]).unwrap());
        assert!(body["requests"][0].get("dependsOn").is_none());
        assert_eq!(body["requests"][1]["dependsOn"], json!(["2"]));
        assert!(batch.request_for(["4"]).is_err());
    }

    #[test]
    fn bad_items_are_errors_naming_what_is_wrong() {
        let mut batch = Batch::new(&service());
        let foreign =
            Request::get("https://graph.microsoft.com.evil.example/v1.0/users").body(Vec::new()).unwrap();
        assert!(matches!(batch.add::<Value>(foreign), Err(Error::ForeignLink { .. })));
        let sibling = Request::get("https://graph.microsoft.com/v1.0beta/users").body(Vec::new()).unwrap();
        assert!(matches!(batch.add::<Value>(sibling), Err(Error::ForeignLink { .. })));
        let broken = Request::post(format!("{ROOT}/users")).body(b"{not json".to_vec()).unwrap();
        let error = batch.add::<Value>(broken).unwrap_err().to_string();
        assert!(error.contains("item `1`") && error.contains("does not parse"), "{error}");
        let orphan = Request::get(format!("{ROOT}/users")).body(Vec::new()).unwrap();
        let error = batch.add_after::<Value>(orphan, &["7"]).unwrap_err().to_string();
        assert!(error.contains("depends on `7`"), "{error}");
        assert!(batch.is_empty());
    }

    fn answer(body: Value) -> Response<Vec<u8>> {
        Response::new(serde_json::to_vec(&body).unwrap())
    }

    #[test]
    fn results_are_read_by_id_whatever_the_order_of_the_answers() {
        let mut batch = Batch::new(&service());
        let handles: Vec<Handle<User>> = (0..3)
            .map(|n| batch.add(Request::get(format!("{ROOT}/users/{n}")).body(Vec::new()).unwrap()).unwrap())
            .collect();
        let forward = answer(json!({"responses": [
            {"id": "1", "status": 200, "body": {"id": "a"}},
            {"id": "2", "status": 200, "body": {"id": "b"}},
            {"id": "3", "status": 200, "body": {"id": "c"}}
        ]}));
        let backward = answer(json!({"responses": [
            {"id": "3", "status": 200, "body": {"id": "c"}},
            {"id": "1", "status": 200, "body": {"id": "a"}},
            {"id": "2", "status": 200, "body": {"id": "b"}}
        ]}));
        for responses in [forward, backward] {
            let responses = BatchResponse::read(responses).unwrap();
            let ids: Vec<String> = handles.iter().map(|handle| handle.read(&responses).unwrap().id).collect();
            assert_eq!(ids, ["a", "b", "c"]);
        }
    }

    #[test]
    fn an_item_error_keeps_status_code_message_request_id_and_names_the_request() {
        let mut batch = Batch::new(&service());
        let ok =
            batch.add::<User>(Request::get(format!("{ROOT}/users/1")).body(Vec::new()).unwrap()).unwrap();
        let missing = batch
            .add::<User>(Request::get(format!("{ROOT}/users/2?$select=mail")).body(Vec::new()).unwrap())
            .unwrap();
        let unanswered = batch
            .add_no_content(Request::delete(format!("{ROOT}/users/3")).body(Vec::new()).unwrap())
            .unwrap();
        let responses = BatchResponse::read(answer(json!({"responses": [
            {"id": "2", "status": 404, "headers": {"request-id": "r-2", "content-type": "application/json"},
             "body": {"error": {"code": "Request_ResourceNotFound", "message": "No user 2."}}},
            {"id": "1", "status": 200, "headers": {"etag": "W/\"1\"", "location": "https://x/users/1"},
             "body": {"id": "1"}}
        ]})))
        .unwrap();
        assert_eq!(ok.read(&responses).unwrap(), User { id: "1".into() });
        let kept = responses.get("1").unwrap().headers();
        assert_eq!(
            (kept["etag"].to_str().unwrap(), kept["location"].to_str().unwrap()),
            ("W/\"1\"", "https://x/users/1")
        );

        let error = missing.read(&responses).unwrap_err();
        assert_eq!(error.status(), Some(StatusCode::NOT_FOUND));
        let service_error = error.service_error().unwrap();
        assert_eq!(
            (service_error.code.as_str(), service_error.message.as_str()),
            ("Request_ResourceNotFound", "No user 2.")
        );
        assert_eq!(error.request_id(), Some("r-2"));
        let context = error.context().unwrap();
        assert_eq!(
            (context.method.as_str(), context.url.as_str()),
            ("GET", "https://graph.microsoft.com/v1.0/users/2?$select=...")
        );

        let error = unanswered.read(&responses).unwrap_err().to_string();
        assert!(error.contains("no response for item `3`") && error.contains("DELETE"), "{error}");
    }

    #[test]
    fn a_body_that_is_not_a_batch_answer_is_an_error_naming_what_is_wrong() {
        for (body, expected) in [
            (json!({"responses": [{"id": "1", "status": 99}]}), "not an HTTP status"),
            (json!({"responses": [{"id": "1", "status": "200"}]}), "not an HTTP status"),
            (
                json!({"responses": [{"id": "1", "status": 200}, {"id": "1", "status": 204}]}),
                "answered twice",
            ),
            (
                json!({"responses": [{"id": "1", "status": 200, "headers": {"bad name": "x"}}]}),
                "not a valid header",
            ),
            (json!({"responses": [{"status": 200}]}), "answer 1: missing field `id`"),
            (json!({"value": []}), "missing field `responses`"),
        ] {
            let error = BatchResponse::read(answer(body)).unwrap_err().to_string();
            assert!(error.contains(expected), "{error}");
        }
        let throttled = Response::builder().status(429).body(b"{}".to_vec()).unwrap();
        assert_eq!(BatchResponse::read(throttled).unwrap_err().status(), Some(StatusCode::TOO_MANY_REQUESTS));
    }

    #[test]
    fn a_failed_batch_request_is_each_of_its_items_error() {
        let mut batch = Batch::new(&service());
        let handle =
            batch.add::<User>(Request::get(format!("{ROOT}/users/1")).body(Vec::new()).unwrap()).unwrap();
        let mut responses = BatchResponse::new();
        let cause = Error::Transport { kind: crate::TransportKind::Connect, source: "refused".into() };
        responses.insert_failure(
            handle.id(),
            &cause.in_request(RequestContext::new(&batch.to_request().unwrap())),
        );
        let copy = responses.clone();
        for responses in [&responses, &copy] {
            let error = handle.read(responses).unwrap_err();
            let text = error.to_string();
            assert!(text.contains("cannot connect") && text.contains("refused"), "{text}");
            assert!(
                text.contains("$batch") && text.contains("GET https://graph.microsoft.com/v1.0/users/1"),
                "{text}"
            );
        }
        responses.insert("1", ItemResponse::new(StatusCode::OK, HeaderMap::new(), br#"{"id":"1"}"#.to_vec()));
        assert_eq!(handle.read(&responses).unwrap(), User { id: "1".into() });
    }

    #[test]
    fn a_base64_answer_of_another_content_type_reads_as_its_bytes() {
        let responses = BatchResponse::read(answer(json!({"responses": [
            {"id": "1", "status": 200, "headers": {"content-type": "image/png"}, "body": "iVBORw=="}
        ]})))
        .unwrap();
        assert_eq!(responses.get("1").unwrap().body(), [0x89, b'P', b'N', b'G']);
    }
}
