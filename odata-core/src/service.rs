//! The sans-IO service: typed operations in, `http::Request`s out.

use http::header::{HeaderValue, ACCEPT, CONTENT_TYPE};
use http::{Method, Request, Uri};
use percent_encoding::{AsciiSet, CONTROLS};

use crate::patch::ODataPatch;
use crate::{CollectionBound, EntityBound, EntitySet, Error, ODataKey};

/// How a key is written after the entity set's path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum KeyStyle {
    /// `/collection/{key}`: Graph's key-as-segment convention (the default).
    #[default]
    Segment,
    /// `/collection('key')`: OData's standard form, with `'` doubled inside the quotes.
    Parentheses,
}

/// An OData service at a root URL, turning typed operations into HTTP requests.
///
/// `Service` does no I/O: send its requests with any HTTP client, and read the answers with
/// [`from_response`](crate::from_response).
///
/// ```
/// use odata::{ODataResource, Service};
///
/// #[derive(ODataResource)]
/// #[odata(type = "microsoft.graph.androidForWorkEnrollmentProfile",
///         collection = "/deviceManagement/androidForWorkEnrollmentProfiles")]
/// pub struct AndroidForWorkEnrollmentProfile {
///     #[odata(key, read_only)]
///     pub id: Option<String>,
///     pub display_name: Option<String>,
/// }
///
/// let service = Service::new("https://graph.microsoft.com/beta");
/// let profile = AndroidForWorkEnrollmentProfile { id: None, display_name: Some("Kiosk".into()) };
///
/// let request = service.create(&profile);
/// assert_eq!(request.method(), "POST");
/// assert_eq!(
///     request.uri(),
///     "https://graph.microsoft.com/beta/deviceManagement/androidForWorkEnrollmentProfiles"
/// );
/// assert_eq!(request.headers()["content-type"], "application/json");
///
/// let request = service.get::<AndroidForWorkEnrollmentProfile>("e6742553/../x");
/// assert_eq!(
///     request.uri(),
///     "https://graph.microsoft.com/beta/deviceManagement/androidForWorkEnrollmentProfiles/e6742553%2F..%2Fx"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    root: String,
    key_style: KeyStyle,
}

/// Characters of a collection path that a URI cannot hold as they are: the derive only
/// admits path characters, plus `{` and `}` of a templated path such as
/// `/deviceAppManagement/mobileApps/{mobileAppId}/assignments`.
pub(crate) const PATH_ESCAPED: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'^')
    .add(b'|')
    .add(b'\\');

const JSON: HeaderValue = HeaderValue::from_static("application/json");

/// The value of a `Result` that a panicking convenience method does not expect to fail; the
/// panic message is the error's, at the caller's location.
#[track_caller]
pub(crate) fn or_panic<T>(result: Result<T, Error>) -> T {
    match result {
        Ok(value) => value,
        Err(error) => panic!("{error}"),
    }
}

/// `url` as a [`Uri`]: an error naming the length and the limit for a URL too long to send.
fn request_uri(url: String) -> Result<Uri, Error> {
    if url.len() > Service::MAX_URL_LENGTH {
        return Err(Error::UrlTooLong { length: url.len(), limit: Service::MAX_URL_LENGTH });
    }
    Uri::try_from(url.as_str()).map_err(|error| Error::InvalidRequest { reason: error.to_string(), url })
}

/// Makes `request` conditional on `etag`. An etag that no header can hold is an error rather
/// than left out, which would make the change unconditional.
pub(crate) fn if_match(request: &mut Request<Vec<u8>>, etag: &str) -> Result<(), Error> {
    let value = HeaderValue::from_str(etag).map_err(|_| Error::InvalidEtag { etag: etag.to_owned() })?;
    request.headers_mut().insert(http::header::IF_MATCH, value);
    Ok(())
}

/// So that a generated crate's entry-point trait, which asks for `AsRef<Service>`, can be
/// implemented for what holds a service.
impl AsRef<Service> for Service {
    fn as_ref(&self) -> &Service {
        self
    }
}

impl Service {
    /// The longest request URL, in bytes, that can be sent: what an [`http::Uri`] holds.
    /// Longer URLs (a huge key, many function parameters) make the `try_` methods return
    /// [`Error::UrlTooLong`] and their panicking twins panic.
    ///
    /// ```
    /// use odata::{Error, ODataResource, Service};
    ///
    /// #[derive(ODataResource)]
    /// #[odata(type = "microsoft.graph.user", collection = "/users")]
    /// pub struct User {
    ///     #[odata(key, read_only)]
    ///     pub id: Option<String>,
    /// }
    ///
    /// let service = Service::new("https://graph.microsoft.com/v1.0");
    /// let key = "k".repeat(Service::MAX_URL_LENGTH);
    /// let error = service.try_get::<User>(key.as_str()).unwrap_err();
    /// assert!(matches!(error, Error::UrlTooLong { limit: Service::MAX_URL_LENGTH, .. }));
    /// ```
    pub const MAX_URL_LENGTH: usize = u16::MAX as usize - 1;

    /// A service rooted at `root`, an absolute `http` or `https` URL such as
    /// `https://graph.microsoft.com/v1.0`. A trailing `/` is ignored.
    ///
    /// # Panics
    /// If `root` is not such a URL, like [`http::Uri::from_static`]; use
    /// [`try_new`](Self::try_new) for a root that comes from configuration.
    #[track_caller]
    pub fn new(root: impl Into<String>) -> Self {
        or_panic(Service::try_new(root))
    }

    /// A service rooted at `root`, or an error that says what is wrong with it.
    ///
    /// ```
    /// assert!(odata::Service::try_new("graph.microsoft.com").is_err());
    /// assert!(odata::Service::try_new("https://graph.microsoft.com/beta/").is_ok());
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidRoot`], naming the root and what is wrong with it, when `root` is not an
    /// absolute `http` or `https` URL, or has a query or a fragment.
    pub fn try_new(root: impl Into<String>) -> Result<Self, Error> {
        let mut root = root.into();
        while root.ends_with('/') {
            root.pop();
        }
        let invalid = |reason: &str| Error::InvalidRoot { root: root.clone(), reason: reason.to_owned() };
        let uri: Uri = root.parse().map_err(|error: http::uri::InvalidUri| invalid(&error.to_string()))?;
        match uri.scheme_str() {
            Some("http" | "https") => {}
            _ => return Err(invalid("the root must be an absolute http or https URL")),
        }
        if uri.query().is_some() || root.contains('#') {
            return Err(invalid("the root must have no query or fragment"));
        }
        Ok(Service { root, key_style: KeyStyle::default() })
    }

    /// The same service, writing keys in `style`.
    ///
    /// ```
    /// use odata::{KeyStyle, Service};
    /// let service = Service::new("https://services.odata.org/V4/TripPinService")
    ///     .with_key_style(KeyStyle::Parentheses);
    /// assert_eq!(service.key_style(), KeyStyle::Parentheses);
    /// ```
    pub fn with_key_style(mut self, style: KeyStyle) -> Self {
        self.key_style = style;
        self
    }

    /// The root URL, without a trailing `/`.
    pub fn root(&self) -> &str {
        &self.root
    }

    /// How keys are written.
    pub fn key_style(&self) -> KeyStyle {
        self.key_style
    }

    /// `POST` of the entity's create payload to its entity set.
    ///
    /// # Panics
    /// Where [`try_create`](Self::try_create) returns an error: if a property's own
    /// `Serialize` implementation fails (which none of this crate's types and no plain data
    /// type does), or if the URL is longer than [`MAX_URL_LENGTH`](Self::MAX_URL_LENGTH).
    #[track_caller]
    pub fn create<T: EntitySet>(&self, entity: &T) -> Request<Vec<u8>> {
        or_panic(self.try_create(entity))
    }

    /// `POST` of the entity's create payload to its entity set, as [`create`](Self::create).
    ///
    /// # Errors
    /// [`Error::Serialize`] when a property's `Serialize` implementation fails;
    /// [`Error::UrlTooLong`] when the entity set's URL is longer than
    /// [`MAX_URL_LENGTH`](Self::MAX_URL_LENGTH).
    pub fn try_create<T: EntitySet>(&self, entity: &T) -> Result<Request<Vec<u8>>, Error> {
        self.try_create_at(&self.collection_at(T::COLLECTION_PATH), entity)
    }

    /// `GET` of `T`'s entity set: the first page of a [`Collection<T>`](crate::Collection). A
    /// derived type listed through its base's set is cast to: `/users/microsoft.graph.employee`.
    ///
    /// # Panics
    /// If the entity set's URL is longer than [`MAX_URL_LENGTH`](Self::MAX_URL_LENGTH), which
    /// only a root and a collection path of that size make; [`try_list`](Self::try_list)
    /// returns that error.
    #[track_caller]
    pub fn list<T: EntitySet>(&self) -> Request<Vec<u8>> {
        or_panic(self.try_list::<T>())
    }

    /// `GET` of `T`'s entity set, as [`list`](Self::list).
    ///
    /// # Errors
    /// [`Error::UrlTooLong`] when the entity set's URL is longer than
    /// [`MAX_URL_LENGTH`](Self::MAX_URL_LENGTH).
    pub fn try_list<T: EntitySet>(&self) -> Result<Request<Vec<u8>>, Error> {
        self.try_list_at(&self.entity_set::<T>())
    }

    /// `GET` of a link the service sent, such as a page's
    /// [`next_link`](crate::Collection::next_link); an error for a link that is not an
    /// absolute URL below this service's root.
    ///
    /// ```
    /// let service = odata::Service::new("https://graph.microsoft.com/v1.0");
    /// let next = service.follow("https://graph.microsoft.com/v1.0/users?$skiptoken=X").unwrap();
    /// assert_eq!(next.uri().query(), Some("$skiptoken=X"));
    /// assert!(service.follow("https://attacker.example/v1.0/users").is_err());
    /// ```
    ///
    /// # Errors
    /// [`Error::ForeignLink`] when the link does not start with this service's root or is not
    /// a URL; [`Error::UrlTooLong`] when it is longer than
    /// [`MAX_URL_LENGTH`](Self::MAX_URL_LENGTH).
    pub fn follow(&self, link: &str) -> Result<Request<Vec<u8>>, Error> {
        let foreign = || Error::foreign_link(link, &self.root);
        let below_root = link
            .strip_prefix(self.root.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '?', '(']));
        if !below_root {
            return Err(foreign());
        }
        let uri = request_uri(link.to_owned()).map_err(|error| match error {
            Error::InvalidRequest { .. } => foreign(),
            too_long => too_long,
        })?;
        let mut request = Request::new(Vec::new());
        *request.uri_mut() = uri;
        request.headers_mut().insert(ACCEPT, JSON);
        Ok(request)
    }

    /// `GET` of the entity of type `T` with this key.
    ///
    /// # Panics
    /// Where [`try_get`](Self::try_get) returns an error: if the URL is longer than
    /// [`MAX_URL_LENGTH`](Self::MAX_URL_LENGTH) (a key of some 65,000 bytes), or if a
    /// hand-written [`ODataKey`] writes what a URL cannot hold.
    #[track_caller]
    pub fn get<T: EntitySet>(&self, key: impl ODataKey) -> Request<Vec<u8>> {
        or_panic(self.try_get::<T>(key))
    }

    /// `GET` of the entity of type `T` with this key, as [`get`](Self::get).
    ///
    /// # Errors
    /// [`Error::UrlTooLong`] when the URL is longer than
    /// [`MAX_URL_LENGTH`](Self::MAX_URL_LENGTH); [`Error::InvalidRequest`] when a hand-written
    /// [`ODataKey`] writes what a URL cannot hold.
    pub fn try_get<T: EntitySet>(&self, key: impl ODataKey) -> Result<Request<Vec<u8>>, Error> {
        self.try_get_at(&self.entity_by_key::<T>(key)?)
    }

    /// `DELETE` of the entity of type `T` with this key.
    ///
    /// # Panics
    /// Where [`try_delete`](Self::try_delete) returns an error, as for [`get`](Self::get).
    #[track_caller]
    pub fn delete<T: EntitySet>(&self, key: impl ODataKey) -> Request<Vec<u8>> {
        or_panic(self.try_delete::<T>(key))
    }

    /// `DELETE` of the entity of type `T` with this key, as [`delete`](Self::delete).
    ///
    /// # Errors
    /// As [`try_get`](Self::try_get).
    pub fn try_delete<T: EntitySet>(&self, key: impl ODataKey) -> Result<Request<Vec<u8>>, Error> {
        self.try_delete_at(&self.entity_by_key::<T>(key)?)
    }

    /// `DELETE` of this entity, by the key it holds, with `If-Match` when it keeps an
    /// `@odata.etag`.
    ///
    /// # Errors
    /// [`Error::MissingKey`] when the entity's key is not set; [`Error::UrlTooLong`] when the
    /// URL is longer than [`MAX_URL_LENGTH`](Self::MAX_URL_LENGTH); [`Error::InvalidEtag`]
    /// when its etag cannot be sent as a header.
    pub fn delete_entity<T: EntitySet>(&self, entity: &T) -> Result<Request<Vec<u8>>, Error> {
        let mut request = self.try_delete_at(&self.path_of(entity)?)?;
        if let Some(etag) = entity.annotations().and_then(crate::Annotations::etag) {
            if_match(&mut request, etag)?;
        }
        Ok(request)
    }

    /// `PATCH` of the entity with this key. The body holds `@odata.type` and exactly what
    /// `patch` changes: for a generated `{Entity}Patch`, every property that is not
    /// [`Change::Unchanged`](crate::Change) (see [`Patchable`](crate::Patchable)); for an
    /// entity, every declared property that is set and neither read-only nor the key.
    /// `If-Match` carries the patch's etag (`if_match`, or the entity's `@odata.etag`), if it
    /// has one.
    ///
    /// # Panics
    /// Where [`try_update`](Self::try_update) returns an error: if a property's own
    /// `Serialize` implementation fails, if the URL is longer than
    /// [`MAX_URL_LENGTH`](Self::MAX_URL_LENGTH), or if the etag cannot be sent as a header
    /// (none that a service sent is such).
    #[track_caller]
    pub fn update<P: ODataPatch>(&self, key: impl ODataKey, patch: &P) -> Request<Vec<u8>>
    where
        P::Resource: EntitySet,
    {
        or_panic(self.try_update(key, patch))
    }

    /// `PATCH` of the entity with this key, as [`update`](Self::update).
    ///
    /// ```
    /// use odata::{Error, ODataResource, Service};
    ///
    /// #[derive(Debug, ODataResource)]
    /// #[odata(type = "microsoft.graph.user", collection = "/users")]
    /// pub struct User {
    ///     #[odata(key, read_only)]
    ///     pub id: Option<String>,
    ///     pub job_title: Option<String>,
    /// }
    ///
    /// let service = Service::new("https://graph.microsoft.com/v1.0");
    /// let change = User { id: None, job_title: Some("PM".into()) };
    /// let request = service.try_update("1", &change).unwrap();
    /// assert_eq!(request.body(), br##"{"@odata.type":"#microsoft.graph.user","jobTitle":"PM"}"##);
    ///
    /// let key = "k".repeat(Service::MAX_URL_LENGTH);
    /// assert!(matches!(service.try_update(key.as_str(), &change), Err(Error::UrlTooLong { .. })));
    /// ```
    ///
    /// # Errors
    /// [`Error::Serialize`] when a property's `Serialize` implementation fails;
    /// [`Error::UrlTooLong`] when the URL is longer than
    /// [`MAX_URL_LENGTH`](Self::MAX_URL_LENGTH); [`Error::InvalidEtag`] when the patch's etag
    /// cannot be sent as a header.
    pub fn try_update<P: ODataPatch>(&self, key: impl ODataKey, patch: &P) -> Result<Request<Vec<u8>>, Error>
    where
        P::Resource: EntitySet,
    {
        self.try_update_at(&self.entity_by_key::<P::Resource>(key)?, patch)
    }

    /// Calls a bound operation on the entity of type `O::Binding` with this key (escaped as
    /// in [`get`](Self::get)). An action is a `POST` to `.../{key}/{name}` with its
    /// parameters as a JSON object (`None` members left out), or with no body when it
    /// declares none; a function is a `GET` of `.../{key}/{name}(p=literal,...)`, each
    /// parameter written as an [`ODataLiteral`](crate::ODataLiteral) and percent-encoded.
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
    /// #[odata(action = "revokeToken", binding = AndroidForWorkEnrollmentProfile)]
    /// pub struct RevokeToken;
    ///
    /// let request = Service::new("https://graph.microsoft.com/beta").invoke("a/b", &RevokeToken);
    /// assert_eq!(request.method(), "POST");
    /// assert_eq!(
    ///     request.uri(),
    ///     "https://graph.microsoft.com/beta/deviceManagement/androidForWorkEnrollmentProfiles/a%2Fb/revokeToken"
    /// );
    /// assert!(request.body().is_empty());
    /// assert!(request.headers().get("content-type").is_none());
    /// ```
    ///
    /// # Panics
    /// Where [`try_invoke`](Self::try_invoke) returns an error: if an action parameter's own
    /// `Serialize` implementation fails, or if the URL (the key and, for a function, its
    /// parameters) is longer than [`MAX_URL_LENGTH`](Self::MAX_URL_LENGTH) or holds what a
    /// hand-written [`ODataKey`] or [`ODataLiteral`](crate::ODataLiteral) wrote and a URL
    /// cannot hold.
    #[track_caller]
    pub fn invoke<O: EntityBound>(&self, key: impl ODataKey, operation: &O) -> Request<Vec<u8>>
    where
        O::Binding: EntitySet,
    {
        or_panic(self.try_invoke(key, operation))
    }

    /// Calls a bound operation as [`invoke`](Self::invoke) does.
    ///
    /// # Errors
    /// [`Error::Serialize`] when an action parameter's `Serialize` implementation fails;
    /// [`Error::UrlTooLong`] when the URL (the key and, for a function, its parameters) is
    /// longer than [`MAX_URL_LENGTH`](Self::MAX_URL_LENGTH); [`Error::InvalidRequest`] when a
    /// hand-written [`ODataKey`] or [`ODataLiteral`](crate::ODataLiteral) writes what a URL
    /// cannot hold.
    pub fn try_invoke<O: EntityBound>(
        &self,
        key: impl ODataKey,
        operation: &O,
    ) -> Result<Request<Vec<u8>>, Error>
    where
        O::Binding: EntitySet,
    {
        self.try_invoke_at(&self.entity_by_key::<O::Binding>(key)?, operation)
    }

    /// Calls an operation bound to `O::Binding`'s entity set (`collection_bound`): an action is
    /// a `POST` to `.../{set}/{name}`, a function a `GET` of `.../{set}/{name}(p=literal,...)`,
    /// as [`invoke`](Self::invoke) calls them on one entity.
    ///
    /// ```
    /// use odata::{ODataOperation, ODataResource, Service};
    ///
    /// #[derive(ODataResource)]
    /// #[odata(type = "microsoft.graph.user", collection = "/users")]
    /// pub struct User {
    ///     #[odata(key, read_only)]
    ///     pub id: Option<String>,
    /// }
    ///
    /// #[derive(ODataOperation)]
    /// #[odata(function = "delta", binding = User, collection_bound, returns = Vec<User>)]
    /// pub struct Delta;
    ///
    /// let service = Service::new("https://graph.microsoft.com/v1.0");
    /// assert_eq!(service.invoke_on_collection(&Delta).uri(), "https://graph.microsoft.com/v1.0/users/delta()");
    /// ```
    ///
    /// # Panics
    /// Where [`try_invoke_on_collection`](Self::try_invoke_on_collection) returns an error.
    #[track_caller]
    pub fn invoke_on_collection<O: CollectionBound>(&self, operation: &O) -> Request<Vec<u8>>
    where
        O::Binding: EntitySet,
    {
        or_panic(self.try_invoke_on_collection(operation))
    }

    /// Calls an operation bound to `O::Binding`'s entity set, as
    /// [`invoke_on_collection`](Self::invoke_on_collection).
    ///
    /// # Errors
    /// As [`try_invoke`](Self::try_invoke).
    pub fn try_invoke_on_collection<O: CollectionBound>(
        &self,
        operation: &O,
    ) -> Result<Request<Vec<u8>>, Error>
    where
        O::Binding: EntitySet,
    {
        self.try_invoke_on(&self.collection_at(O::Binding::COLLECTION_PATH), operation)
    }
}

/// A request of `method` to `url`, asking for JSON, with `body` as JSON if there is one.
pub(crate) fn request(method: Method, url: String, body: Option<Vec<u8>>) -> Result<Request<Vec<u8>>, Error> {
    let mut request = Request::new(Vec::new());
    *request.method_mut() = method;
    *request.uri_mut() = request_uri(url)?;
    let headers = request.headers_mut();
    headers.insert(ACCEPT, JSON);
    if let Some(body) = body {
        headers.insert(CONTENT_TYPE, JSON);
        *request.body_mut() = body;
    }
    Ok(request)
}
