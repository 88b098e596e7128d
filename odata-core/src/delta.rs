//! Delta sync, sans-IO: Graph's `.../delta` function walked page by page into changes, a
//! [`DeltaLink`] to resume from, and a fresh enumeration when the service forgot the sync
//! state (`410 Gone`).
//!
//! ```
//! use odata::delta::{DeltaEvent, DeltaSync};
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
//! let mut sync = DeltaSync::new(service.clone(), service.delta::<User>());
//! let request = sync.next_request().unwrap().unwrap();
//! assert_eq!(request.uri(), "https://graph.microsoft.com/v1.0/users/delta");
//! let answer = http::Response::new(br#"{"value": [
//!     {"id": "1", "displayName": "Adele"},
//!     {"id": "2", "@removed": {"reason": "deleted"}}
//! ], "@odata.deltaLink": "https://graph.microsoft.com/v1.0/users/delta?$deltatoken=T"}"#.to_vec());
//! let events = sync.read_page::<User>(answer).unwrap();
//! assert!(matches!(&events[0], DeltaEvent::Upserted(user) if user.display_name.as_deref() == Some("Adele")));
//! assert!(matches!(&events[1], DeltaEvent::Removed(removed) if removed.id == "2"));
//! let DeltaEvent::Done(link) = &events[2] else { panic!() };
//! assert!(sync.next_request().is_none());
//!
//! // Store the link (it is serde-serializable), and later resume from it:
//! let stored = serde_json::to_string(link).unwrap();
//! let link: odata::delta::DeltaLink = serde_json::from_str(&stored).unwrap();
//! let mut later = DeltaSync::resume(service, &link).unwrap();
//! assert_eq!(later.next_request().unwrap().unwrap().uri().query(), Some("$deltatoken=T"));
//! ```

use core::fmt;

use http::header::{HeaderMap, HeaderName, HeaderValue, LOCATION};
use http::{Request, Response, StatusCode};
use serde::de::{self, DeserializeOwned, Deserializer};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::paging::NOT_REPEATED;
use crate::service::or_panic;
use crate::{CollectionPath, EntitySet, Error, Pager, Service};

impl Service {
    /// `GET` of `T`'s entity set's `delta` function (`/users/delta`): the first page of a
    /// full enumeration, whose last page links to later changes.
    ///
    /// # Panics
    /// Where [`try_delta`](Self::try_delta) returns an error.
    #[track_caller]
    pub fn delta<T: EntitySet>(&self) -> Request<Vec<u8>> {
        or_panic(self.try_delta::<T>())
    }

    /// `GET` of `T`'s entity set's `delta` function, as [`delta`](Self::delta).
    ///
    /// # Errors
    /// [`Error::UrlTooLong`] when the URL is longer than [`MAX_URL_LENGTH`](Self::MAX_URL_LENGTH).
    pub fn try_delta<T: EntitySet>(&self) -> Result<Request<Vec<u8>>, Error> {
        self.try_delta_at(&self.collection_at::<T>(T::COLLECTION_PATH))
    }

    /// `GET` of the `delta` function of the collection at `path` (`/users/{id}/messages/delta`).
    ///
    /// # Panics
    /// Where [`try_delta_at`](Self::try_delta_at) returns an error.
    #[track_caller]
    pub fn delta_at<T: crate::ODataResource>(&self, path: &CollectionPath<T>) -> Request<Vec<u8>> {
        or_panic(self.try_delta_at(path))
    }

    /// `GET` of the `delta` function of the collection at `path`, as [`delta_at`](Self::delta_at).
    ///
    /// # Errors
    /// [`Error::UrlTooLong`] when the URL is longer than [`MAX_URL_LENGTH`](Self::MAX_URL_LENGTH).
    pub fn try_delta_at<T: crate::ODataResource>(
        &self,
        path: &CollectionPath<T>,
    ) -> Result<Request<Vec<u8>>, Error> {
        path.delta().map(crate::ODataRequest::into_http)
    }
}

/// Where a delta sync goes on from: the last page's `@odata.deltaLink`, with what a fresh
/// enumeration needs (the first request's URL and headers) should the service have forgotten
/// the sync state. Opaque; serde writes and reads it (as a JSON object) for the application
/// to store.
#[derive(Clone, PartialEq, Eq)]
pub struct DeltaLink {
    link: String,
    start: String,
    headers: Vec<(String, String)>,
}

impl fmt::Debug for DeltaLink {
    /// Only the link's path: its token is a credential of sorts.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.link.split_once('?').map_or(self.link.as_str(), |(path, _)| path);
        f.debug_struct("DeltaLink").field("link", &format_args!("{path}?...")).finish_non_exhaustive()
    }
}

impl DeltaLink {
    /// The `@odata.deltaLink` URL.
    pub fn as_str(&self) -> &str {
        &self.link
    }
}

impl Serialize for DeltaLink {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut object = serializer.serialize_map(Some(3))?;
        object.serialize_entry("deltaLink", &self.link)?;
        object.serialize_entry("start", &self.start)?;
        let headers: Vec<[&str; 2]> =
            self.headers.iter().map(|(name, value)| [name.as_str(), value.as_str()]).collect();
        object.serialize_entry("headers", &headers)?;
        object.end()
    }
}

impl<'de> Deserialize<'de> for DeltaLink {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut object = Map::deserialize(deserializer)?;
        let mut text = |name: &str| match object.remove(name) {
            Some(Value::String(text)) => Ok(text),
            _ => Err(de::Error::custom(format_args!("a delta link needs `{name}`, a string"))),
        };
        let link = text("deltaLink")?;
        let start = text("start")?;
        let headers = match object.remove("headers") {
            None => Vec::new(),
            Some(headers) => serde_json::from_value::<Vec<(String, String)>>(headers)
                .map_err(|error| de::Error::custom(format_args!("the headers of a delta link: {error}")))?,
        };
        Ok(DeltaLink { link, start, headers })
    }
}

/// One event of a delta sync.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum DeltaEvent<T> {
    /// An entity that is new or changed: partial, only the properties that changed (and the
    /// key) are set.
    Upserted(T),
    /// An entity that is gone (`@removed`).
    Removed(Removed),
    /// The service no longer knows the sync state (`410 Gone`): what follows is a full
    /// enumeration, from which the application rebuilds its copy.
    Resync(Resync),
    /// The end of the changes: the link to store and resume from.
    Done(DeltaLink),
}

/// An entity a delta sync reports removed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Removed {
    /// The entity's `id`.
    pub id: String,
    /// Why it is gone.
    pub reason: RemovalReason,
}

/// Why a delta sync reports an entity removed: `@removed`'s `reason`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RemovalReason {
    /// `changed`: gone from the collection but may be restored (a soft delete, or no longer
    /// matching the sync's scope).
    Changed,
    /// `deleted`: deleted for good.
    Deleted,
    /// A reason this crate does not know, or none (an empty string).
    Other(String),
}

/// A restart of a delta sync from a full enumeration, after the service answered `410 Gone`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Resync {
    /// The service's error code (`resyncRequired`, `syncStateNotFound`, `syncStateInvalid`,
    /// ...), when it sent one.
    pub code: Option<String>,
    /// The service's message, when it sent one.
    pub message: Option<String>,
    /// Whether the enumeration starts at the `Location` the service gave, rather than at the
    /// sync's first request.
    pub followed_location: bool,
}

/// What a delta sync does when the service answers `410 Gone`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum OnExpiry {
    /// Start a full enumeration, announced by a [`DeltaEvent::Resync`] (the default).
    #[default]
    Resync,
    /// End the sync with the `410` as an error.
    Error,
}

/// A delta sync walked sans-IO: the requests to send, in order, and each page's events.
///
/// Built on [`Pager`]: every next request repeats the first one's headers, only links below
/// the service root are followed, and memory stays bounded by the page being read. On `410
/// Gone` (whatever its code), [`OnExpiry::Resync`] starts over from the `Location` the service
/// gave, when it is below the service root, or else from the sync's first request, and the
/// page's events are a single [`DeltaEvent::Resync`]; a second `410` before any page of the new
/// enumeration is read is an error, as is any `410` with [`OnExpiry::Error`].
#[derive(Debug)]
pub struct DeltaSync {
    service: Service,
    start: String,
    headers: HeaderMap,
    pager: Pager,
    on_expiry: OnExpiry,
    /// Whether the request out is the first of a new enumeration after a `410`.
    restarting: bool,
    delta_link: Option<DeltaLink>,
}

impl DeltaSync {
    /// A sync starting with `first`, such as [`Service::delta`]'s request with a `$select`,
    /// `$filter` and headers (`Prefer: return=minimal`).
    pub fn new(service: Service, first: Request<Vec<u8>>) -> Self {
        let mut headers = first.headers().clone();
        for name in &NOT_REPEATED {
            headers.remove(name);
        }
        DeltaSync {
            start: first.uri().to_string(),
            pager: Pager::new(service.clone(), first),
            service,
            headers,
            on_expiry: OnExpiry::default(),
            restarting: false,
            delta_link: None,
        }
    }

    /// A sync resuming from a stored [`DeltaLink`], with the headers of the sync that gave it.
    ///
    /// # Errors
    /// [`Error::ForeignLink`] when the link (or its first request's URL) is not below
    /// `service`'s root; [`Error::InvalidRequest`] when a stored header is not one.
    pub fn resume(service: Service, link: &DeltaLink) -> Result<Self, Error> {
        // The fresh enumeration must stay below the root too.
        service.follow(&link.start)?;
        let mut headers = HeaderMap::new();
        for (name, value) in &link.headers {
            let header =
                HeaderName::try_from(name.as_str()).ok().zip(HeaderValue::try_from(value.as_str()).ok());
            let Some((name, value)) = header else {
                return Err(Error::InvalidRequest {
                    url: link.start.clone(),
                    reason: format!("`{name}: {value}` of the delta link is not a valid header"),
                });
            };
            headers.append(name, value);
        }
        let first = with_headers(service.follow(&link.link)?, &headers);
        Ok(DeltaSync {
            pager: Pager::new(service.clone(), first),
            service,
            start: link.start.clone(),
            headers,
            on_expiry: OnExpiry::default(),
            restarting: false,
            delta_link: None,
        })
    }

    /// The same sync, doing `on_expiry` when the service answers `410 Gone`.
    pub fn on_expiry(mut self, on_expiry: OnExpiry) -> Self {
        self.on_expiry = on_expiry;
        self
    }

    /// The next request to send; `None` once the delta link is read, after an error, and while
    /// the answer to the last request is not read.
    pub fn next_request(&mut self) -> Option<Result<Request<Vec<u8>>, Error>> {
        self.pager.next_request()
    }

    /// Reads the answer to the last [`next_request`](Self::next_request): the page's
    /// upserted and removed entities, in order, then [`DeltaEvent::Done`] on the last page; or
    /// a single [`DeltaEvent::Resync`] after a `410 Gone`.
    ///
    /// # Errors
    /// As [`Pager::read_page`]: an [`Error::Request`] naming the page for an answer that is
    /// not a success (a `410` too, with [`OnExpiry::Error`] or right after a resync) or does
    /// not read; a removed entity without an `id` does not read. [`Error::ForeignLink`] when a
    /// resync would start at a first request that is not below the service root.
    pub fn read_page<T: DeserializeOwned>(
        &mut self,
        response: Response<impl AsRef<[u8]>>,
    ) -> Result<Vec<DeltaEvent<T>>, Error> {
        if response.status() == StatusCode::GONE && self.on_expiry == OnExpiry::Resync && !self.restarting {
            return self.restart(&response).map(|resync| vec![DeltaEvent::Resync(resync)]);
        }
        let page = self.pager.read_page::<Item<T>>(response)?;
        self.restarting = false;
        let mut events: Vec<DeltaEvent<T>> = page.value.into_iter().map(|item| item.0).collect();
        if let Some(link) = page.delta_link {
            let headers = self
                .headers
                .iter()
                .map(|(name, value)| {
                    (name.as_str().to_owned(), String::from_utf8_lossy(value.as_bytes()).into_owned())
                })
                .collect();
            let link = DeltaLink { link, start: self.start.clone(), headers };
            self.delta_link = Some(link.clone());
            events.push(DeltaEvent::Done(link));
        }
        Ok(events)
    }

    /// The link of the last page, once it is read.
    pub fn delta_link(&self) -> Option<&DeltaLink> {
        self.delta_link.as_ref()
    }

    /// How many pages of the current enumeration were read so far (a resync starts again).
    pub fn pages_read(&self) -> u32 {
        self.pager.pages_read()
    }

    /// Starts over after a `410`: at its `Location` when that is below the root, else at the
    /// first request.
    fn restart(&mut self, response: &Response<impl AsRef<[u8]>>) -> Result<Resync, Error> {
        let error = crate::response::failure(response.status(), response.body().as_ref());
        let service_error = error.service_error();
        let location = response
            .headers()
            .get(LOCATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|location| self.service.follow(location).ok());
        let followed_location = location.is_some();
        let first = match location {
            Some(request) => request,
            None => self.service.follow(&self.start)?,
        };
        self.pager = Pager::new(self.service.clone(), with_headers(first, &self.headers));
        self.restarting = true;
        Ok(Resync {
            code: service_error.map(|error| error.code.clone()),
            message: service_error.map(|error| error.message.clone()),
            followed_location,
        })
    }
}

/// `request` with `headers` added (replacing any of the same names).
fn with_headers(mut request: Request<Vec<u8>>, headers: &HeaderMap) -> Request<Vec<u8>> {
    let target = request.headers_mut();
    for name in headers.keys() {
        target.remove(name);
    }
    for (name, value) in headers {
        target.append(name, value.clone());
    }
    request
}

/// One entry of a delta page: an entity, or `{"id": ..., "@removed": {"reason": ...}}`.
struct Item<T>(DeltaEvent<T>);

impl<'de, T: DeserializeOwned> Deserialize<'de> for Item<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut object = Map::deserialize(deserializer)?;
        let Some(removed) = object.remove("@removed") else {
            let entity = T::deserialize(Value::Object(object)).map_err(de::Error::custom)?;
            return Ok(Item(DeltaEvent::Upserted(entity)));
        };
        let id = match object.remove("id") {
            Some(Value::String(id)) => id,
            _ => return Err(de::Error::custom("a removed entity (`@removed`) without an `id` string")),
        };
        let reason = match removed.get("reason").and_then(Value::as_str) {
            Some("changed") => RemovalReason::Changed,
            Some("deleted") => RemovalReason::Deleted,
            other => RemovalReason::Other(other.unwrap_or_default().to_owned()),
        };
        Ok(Item(DeltaEvent::Removed(Removed { id, reason })))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const ROOT: &str = "https://graph.microsoft.com/v1.0";

    #[derive(Debug, PartialEq)]
    struct User {
        id: String,
        display_name: Option<String>,
    }

    impl<'de> Deserialize<'de> for User {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let value = Value::deserialize(deserializer)?;
            let id = value["id"].as_str().ok_or_else(|| de::Error::custom("no id"))?.to_owned();
            Ok(User { id, display_name: value["displayName"].as_str().map(str::to_owned) })
        }
    }

    fn page(status: u16, body: Value) -> Response<Vec<u8>> {
        Response::builder().status(status).body(serde_json::to_vec(&body).unwrap()).unwrap()
    }

    fn first() -> Request<Vec<u8>> {
        Request::get(format!("{ROOT}/users/delta?$select=displayName"))
            .header("prefer", "return=minimal")
            .header("authorization", "Bearer x")
            .body(Vec::new())
            .unwrap()
    }

    #[test]
    fn removals_keep_id_and_reason_and_entities_are_partial() {
        let mut sync = DeltaSync::new(Service::new(ROOT), first());
        sync.next_request().unwrap().unwrap();
        let events = sync
            .read_page::<User>(page(
                200,
                json!({"value": [
                {"id": "1"},
                {"id": "2", "@removed": {"reason": "changed"}},
                {"id": "3", "@removed": {"reason": "deleted"}},
                {"id": "4", "@removed": {}}
            ], "@odata.nextLink": format!("{ROOT}/users/delta?$skiptoken=2")}),
            ))
            .unwrap();
        assert_eq!(events[0], DeltaEvent::Upserted(User { id: "1".into(), display_name: None }));
        let reasons: Vec<_> = events[1..]
            .iter()
            .map(|event| match event {
                DeltaEvent::Removed(removed) => (removed.id.as_str(), removed.reason.clone()),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            reasons,
            [
                ("2", RemovalReason::Changed),
                ("3", RemovalReason::Deleted),
                ("4", RemovalReason::Other(String::new()))
            ]
        );
        let next = sync.next_request().unwrap().unwrap();
        assert_eq!(next.headers()["prefer"], "return=minimal");
        let error = sync.read_page::<User>(page(200, json!({"value": [{"@removed": {}}]}))).unwrap_err();
        assert!(error.to_string().contains("without an `id`"), "{error}");
    }

    #[test]
    fn a_gone_answer_restarts_at_a_location_below_the_root_or_else_at_the_start() {
        for (location, expected) in [
            (
                Some(format!("{ROOT}/users/delta?$deltatoken=latest")),
                format!("{ROOT}/users/delta?$deltatoken=latest"),
            ),
            (
                Some("https://evil.example/v1.0/users/delta".to_owned()),
                format!("{ROOT}/users/delta?$select=displayName"),
            ),
            (None, format!("{ROOT}/users/delta?$select=displayName")),
        ] {
            let mut sync = DeltaSync::new(Service::new(ROOT), first());
            sync.next_request().unwrap().unwrap();
            let mut gone = page(410, json!({"error": {"code": "syncStateNotFound", "message": "Expired."}}));
            if let Some(location) = &location {
                gone.headers_mut().insert(LOCATION, location.parse().unwrap());
            }
            let events = sync.read_page::<User>(gone).unwrap();
            let DeltaEvent::Resync(resync) = &events[0] else { panic!("{events:?}") };
            assert_eq!(resync.code.as_deref(), Some("syncStateNotFound"));
            assert_eq!(resync.followed_location, location.as_deref().is_some_and(|l| l.starts_with(ROOT)));
            let restart = sync.next_request().unwrap().unwrap();
            assert_eq!(restart.uri(), expected.as_str());
            assert_eq!(restart.headers()["prefer"], "return=minimal");
            assert!(restart.headers().get("authorization").is_none());
            // A second 410 straight away is an error, not a loop.
            let error = sync.read_page::<User>(page(410, json!({}))).unwrap_err();
            assert_eq!(error.status(), Some(StatusCode::GONE));
            assert_eq!(error.context().unwrap().page, Some(1));
        }
    }

    #[test]
    fn with_on_expiry_error_a_gone_answer_is_an_error() {
        let mut sync = DeltaSync::new(Service::new(ROOT), first()).on_expiry(OnExpiry::Error);
        sync.next_request().unwrap().unwrap();
        let error = sync
            .read_page::<User>(page(410, json!({"error": {"code": "resyncRequired", "message": "m"}})))
            .unwrap_err();
        assert_eq!(error.service_error().unwrap().code, "resyncRequired");
        assert!(sync.next_request().is_none());
    }

    #[test]
    fn a_delta_link_round_trips_through_serde_and_resumes_with_the_headers() {
        let mut sync = DeltaSync::new(Service::new(ROOT), first());
        sync.next_request().unwrap().unwrap();
        let link = format!("{ROOT}/users/delta?$deltatoken=abc");
        let events =
            sync.read_page::<User>(page(200, json!({"value": [], "@odata.deltaLink": link}))).unwrap();
        let DeltaEvent::Done(stored) = &events[0] else { panic!() };
        assert_eq!(stored.as_str(), link);
        assert!(!format!("{stored:?}").contains("abc"));
        let text = serde_json::to_string(stored).unwrap();
        let read: DeltaLink = serde_json::from_str(&text).unwrap();
        assert_eq!(&read, stored);
        let mut resumed = DeltaSync::resume(Service::new(ROOT), &read).unwrap();
        let request = resumed.next_request().unwrap().unwrap();
        assert_eq!(request.uri(), link.as_str());
        assert_eq!(request.headers()["prefer"], "return=minimal");
        assert!(DeltaSync::resume(Service::new("https://graph.microsoft.com/beta"), &read).is_err());
        for bad in [
            json!({"deltaLink": 1, "start": "x"}),
            json!({"deltaLink": "x"}),
            json!({"deltaLink": "x", "start": "y", "headers": [1]}),
        ] {
            assert!(serde_json::from_value::<DeltaLink>(bad).is_err());
        }
    }
}
