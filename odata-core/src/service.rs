//! The sans-IO service: typed operations in, `http::Request`s out.

use http::header::{HeaderValue, ACCEPT, CONTENT_TYPE};
use http::{Method, Request, Uri};
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

use crate::{Error, ODataKey, ODataResource};

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
const PATH_ESCAPED: &AsciiSet = &CONTROLS
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

impl Service {
    /// A service rooted at `root`, an absolute `http` or `https` URL such as
    /// `https://graph.microsoft.com/v1.0`. A trailing `/` is ignored.
    ///
    /// # Panics
    /// If `root` is not such a URL, like [`http::Uri::from_static`]; use
    /// [`try_new`](Self::try_new) for a root that comes from configuration.
    #[track_caller]
    pub fn new(root: impl Into<String>) -> Self {
        match Service::try_new(root) {
            Ok(service) => service,
            Err(error) => panic!("{error}"),
        }
    }

    /// A service rooted at `root`, or an error that says what is wrong with it.
    ///
    /// ```
    /// assert!(odata::Service::try_new("graph.microsoft.com").is_err());
    /// assert!(odata::Service::try_new("https://graph.microsoft.com/beta/").is_ok());
    /// ```
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

    /// The URL of `T`'s entity set.
    pub fn collection_url<T: ODataResource>(&self) -> String {
        let mut url = String::with_capacity(self.root.len() + T::COLLECTION_PATH.len());
        url.push_str(&self.root);
        url.extend(utf8_percent_encode(T::COLLECTION_PATH, PATH_ESCAPED));
        url
    }

    /// The URL of the entity of type `T` with this key.
    pub fn entity_url<T: ODataResource>(&self, key: impl ODataKey) -> String {
        let mut url = self.collection_url::<T>();
        key.append_key(&mut url, self.key_style);
        url
    }

    /// `POST` of the entity's create payload to its entity set.
    ///
    /// # Panics
    /// If a property's own `Serialize` implementation fails, which none of this crate's types
    /// and no plain data type does; [`try_create`](Self::try_create) returns that error.
    #[track_caller]
    pub fn create<T: ODataResource>(&self, entity: &T) -> Request<Vec<u8>> {
        match self.try_create(entity) {
            Ok(request) => request,
            Err(error) => panic!("{error}"),
        }
    }

    /// `POST` of the entity's create payload to its entity set, or the error of a property
    /// that could not be serialized.
    pub fn try_create<T: ODataResource>(&self, entity: &T) -> Result<Request<Vec<u8>>, Error> {
        let body = serde_json::to_vec(&entity.create_payload()).map_err(Error::Serialize)?;
        Ok(self.request(Method::POST, self.collection_url::<T>(), Some(body)))
    }

    /// `GET` of the entity of type `T` with this key.
    ///
    /// # Panics
    /// If the URL exceeds the 65,534 bytes that [`http::Uri`] can hold.
    #[track_caller]
    pub fn get<T: ODataResource>(&self, key: impl ODataKey) -> Request<Vec<u8>> {
        self.request(Method::GET, self.entity_url::<T>(key), None)
    }

    /// `DELETE` of the entity of type `T` with this key.
    ///
    /// # Panics
    /// If the URL exceeds the 65,534 bytes that [`http::Uri`] can hold.
    #[track_caller]
    pub fn delete<T: ODataResource>(&self, key: impl ODataKey) -> Request<Vec<u8>> {
        self.request(Method::DELETE, self.entity_url::<T>(key), None)
    }

    /// `PATCH` of the entity with this key: the body holds `@odata.type` and every property
    /// of `changes` that is set and neither read-only nor the key.
    ///
    /// # Panics
    /// As [`create`](Self::create) and [`get`](Self::get).
    #[track_caller]
    pub fn update<T: ODataResource>(&self, key: impl ODataKey, changes: &T) -> Request<Vec<u8>> {
        let body = match serde_json::to_vec(&changes.update_payload()) {
            Ok(body) => body,
            Err(error) => panic!("{}", Error::Serialize(error)),
        };
        self.request(Method::PATCH, self.entity_url::<T>(key), Some(body))
    }

    #[track_caller]
    fn request(&self, method: Method, url: String, body: Option<Vec<u8>>) -> Request<Vec<u8>> {
        let uri = match Uri::try_from(url) {
            Ok(uri) => uri,
            // The root was checked and every other part is escaped: only length can fail.
            Err(error) => panic!("cannot make a request URI: {error}"),
        };
        let mut request = Request::new(Vec::new());
        *request.method_mut() = method;
        *request.uri_mut() = uri;
        let headers = request.headers_mut();
        headers.insert(ACCEPT, JSON);
        if let Some(body) = body {
            headers.insert(CONTENT_TYPE, JSON);
            *request.body_mut() = body;
        }
        request
    }
}
