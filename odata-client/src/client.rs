//! The client: one request at a time, with its token, its id and its retries.

use core::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use http::header::{HeaderName, HeaderValue, AUTHORIZATION};
use http::{Method, Request, Response, Uri};
use odata_core::{
    ensure_success, from_response, operation_result, CollectionBound, CollectionPath, EntityBound,
    EntityPath, EntitySet, Error, ODataKey, ODataOperation, ODataPatch, ODataResource, RequestContext,
    Service,
};
use serde::de::DeserializeOwned;

use crate::retry::{retry_after, retryable_status, retryable_transport};
use crate::{ListRequest, RetryPolicy, TokenProvider};

/// The future of an injected sleep; see [`ClientBuilder::sleep`].
pub type SleepFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

type Sleep = Arc<dyn Fn(Duration) -> SleepFuture + Send + Sync>;

/// `client-request-id`, sent on every request, so that the service's logs can find it.
const CLIENT_REQUEST_ID: HeaderName = HeaderName::from_static("client-request-id");

/// An OData service over HTTP: [`Service`]'s requests, sent with a token, retried when
/// throttled, and read into typed results. Cheap to clone: clones share one connection pool.
///
/// Every failure is an [`odata::Error`](Error): an [`Error::Request`] that names the
/// request's method and URL (without its query values), how many attempts were made and the
/// service's `request-id`, around the status, the service's code and message, a body that
/// does not read, a timeout or a connection that failed.
///
/// ```
/// use odata::client::Client;
/// use odata::Service;
///
/// let client = Client::new(Service::new("https://graph.microsoft.com/v1.0")).unwrap();
/// assert_eq!(client.service().root(), "https://graph.microsoft.com/v1.0");
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    service: Service,
    origin: Origin,
    http: reqwest::Client,
    tokens: Option<Arc<dyn TokenProvider>>,
    retry: RetryPolicy,
    sleep: Sleep,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("service", &self.inner.service)
            .field("retry", &self.inner.retry)
            .field("authorized", &self.inner.tokens.is_some())
            .finish_non_exhaustive()
    }
}

/// Scheme, host and port: where tokens may go.
#[derive(Debug, PartialEq, Eq)]
struct Origin {
    scheme: String,
    host: String,
    port: Option<u16>,
}

impl Origin {
    fn of(uri: &Uri) -> Option<Origin> {
        let scheme = uri.scheme_str()?.to_ascii_lowercase();
        let default_port = match scheme.as_str() {
            "https" => 443,
            "http" => 80,
            _ => return None,
        };
        Some(Origin {
            host: uri.host()?.to_ascii_lowercase(),
            port: Some(uri.port_u16().unwrap_or(default_port)),
            scheme,
        })
    }
}

/// How a [`Client`] is made: its token provider, retry policy, timeouts.
///
/// ```
/// use std::time::Duration;
/// use odata::client::{Client, RetryPolicy, StaticToken};
/// use odata::Service;
///
/// let client = Client::builder(Service::new("https://graph.microsoft.com/v1.0"))
///     .token_provider(StaticToken::new("token"))
///     .retry(RetryPolicy::default().max_attempts(6))
///     .timeout(Duration::from_secs(30))
///     .connect_timeout(Duration::from_secs(5))
///     .build()
///     .unwrap();
/// # let _ = client;
/// ```
pub struct ClientBuilder {
    service: Service,
    tokens: Option<Arc<dyn TokenProvider>>,
    retry: RetryPolicy,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    sleep: Option<Sleep>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("service", &self.service)
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// Where each request's bearer token comes from. Without one, requests carry none.
    pub fn token_provider(mut self, provider: impl TokenProvider + 'static) -> Self {
        self.tokens = Some(Arc::new(provider));
        self
    }

    /// How throttled and failed requests are retried ([`RetryPolicy::default`] otherwise).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The longest an attempt may take, from connecting to the end of the answer's body.
    /// None by default.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The longest connecting may take. None by default.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// How the client waits between attempts: `tokio::time::sleep` by default. Tests can
    /// record the waits instead of sitting through them.
    pub fn sleep(mut self, sleep: impl Fn(Duration) -> SleepFuture + Send + Sync + 'static) -> Self {
        self.sleep = Some(Arc::new(sleep));
        self
    }

    /// The client; an error if the TLS backend cannot be set up.
    pub fn build(self) -> Result<Client, Error> {
        let root: Uri = self.service.root().parse().map_err(|error: http::uri::InvalidUri| {
            Error::InvalidRoot { root: self.service.root().to_owned(), reason: error.to_string() }
        })?;
        let origin = Origin::of(&root).ok_or_else(|| Error::InvalidRoot {
            root: self.service.root().to_owned(),
            reason: "the root must be an absolute http or https URL".to_owned(),
        })?;
        Ok(Client {
            inner: Arc::new(Inner {
                origin,
                http: crate::http_client(self.timeout, self.connect_timeout)?,
                service: self.service,
                tokens: self.tokens,
                retry: self.retry,
                sleep: self.sleep.unwrap_or_else(|| Arc::new(|wait| Box::pin(tokio::time::sleep(wait)))),
            }),
        })
    }
}

impl Client {
    /// A client for `service`, without a token, with the default retry policy.
    pub fn new(service: Service) -> Result<Client, Error> {
        Client::builder(service).build()
    }

    /// A builder for a client of `service`.
    pub fn builder(service: Service) -> ClientBuilder {
        ClientBuilder {
            service,
            tokens: None,
            retry: RetryPolicy::default(),
            timeout: None,
            connect_timeout: None,
            sleep: None,
        }
    }

    /// The sans-IO service whose requests this client sends.
    pub fn service(&self) -> &Service {
        &self.inner.service
    }

    /// The retry policy, for the loops that retry outside [`exchange`](Self::exchange)
    /// (batch items).
    pub(crate) fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry
    }

    /// Waits `wait` as the client waits between attempts (the injected sleep, if any).
    pub(crate) fn pause(&self, wait: Duration) -> SleepFuture {
        (self.inner.sleep)(wait)
    }

    /// Creates `entity` (`POST` of its create payload to its entity set) and reads the entity
    /// the service made.
    pub async fn create<T: EntitySet + DeserializeOwned>(&self, entity: &T) -> Result<T, Error> {
        self.request(self.service().try_create(entity)?).await
    }

    /// Reads the entity of type `T` with this key (a tuple for a composite key).
    pub async fn get<T: EntitySet + DeserializeOwned>(&self, key: impl ODataKey) -> Result<T, Error> {
        self.request(self.service().try_get::<T>(key)?).await
    }

    /// Sends `patch` to the entity with this key (see [`Service::update`]); the service's
    /// answer, `204 No Content` or the updated entity, is only checked for success.
    pub async fn update<P: ODataPatch>(&self, key: impl ODataKey, patch: &P) -> Result<(), Error>
    where
        P::Resource: EntitySet,
    {
        self.request_no_content(self.service().try_update(key, patch)?).await
    }

    /// Deletes the entity of type `T` with this key.
    pub async fn delete<T: EntitySet>(&self, key: impl ODataKey) -> Result<(), Error> {
        self.request_no_content(self.service().try_delete::<T>(key)?).await
    }

    /// Deletes `entity` by the key it holds, with `If-Match` if it keeps an `@odata.etag`.
    pub async fn delete_entity<T: EntitySet>(&self, entity: &T) -> Result<(), Error> {
        self.request_no_content(self.service().delete_entity(entity)?).await
    }

    /// Calls an operation bound to the entity with this key (see [`Service::invoke`]) and
    /// reads what it returns, `O::Output` (`()` for one that returns nothing).
    pub async fn invoke<O: EntityBound>(&self, key: impl ODataKey, operation: &O) -> Result<O::Output, Error>
    where
        O::Binding: EntitySet,
    {
        self.operation::<O>(self.service().try_invoke(key, operation)?).await
    }

    /// Calls an operation bound to `O::Binding`'s entity set (see
    /// [`Service::invoke_on_collection`]) and reads what it returns.
    pub async fn invoke_on_collection<O: CollectionBound>(&self, operation: &O) -> Result<O::Output, Error>
    where
        O::Binding: EntitySet,
    {
        self.operation::<O>(self.service().try_invoke_on_collection(operation)?).await
    }

    /// A listing of `T`'s entity set, to be given a query and headers, then walked item by
    /// item or page by page.
    pub fn list<T: EntitySet + DeserializeOwned>(&self) -> ListRequest<T> {
        ListRequest::new(self.clone(), self.service().try_list::<T>())
    }

    /// A listing of the collection at `path`: a contained collection such as a user's
    /// messages (`service.entity::<User>(id).navigate::<Message>("messages")`).
    pub fn list_at<T: ODataResource + DeserializeOwned>(&self, path: &CollectionPath<T>) -> ListRequest<T> {
        ListRequest::new(self.clone(), self.service().try_list_at(path))
    }

    /// Reads the entity at `path`: a singleton (`service.singleton::<T>()`) or a contained
    /// entity.
    pub async fn get_at<T: DeserializeOwned>(&self, path: &EntityPath<T>) -> Result<T, Error> {
        self.request(self.service().try_get_at(path)?).await
    }

    /// Creates `entity` in the collection at `path` and reads the entity the service made.
    pub async fn create_at<T: ODataResource + DeserializeOwned>(
        &self,
        path: &CollectionPath<T>,
        entity: &T,
    ) -> Result<T, Error> {
        self.request(self.service().try_create_at(path, entity)?).await
    }

    /// Sends `patch` to the entity at `path`, such as a singleton.
    pub async fn update_at<P: ODataPatch>(
        &self,
        path: &EntityPath<P::Resource>,
        patch: &P,
    ) -> Result<(), Error> {
        self.request_no_content(self.service().try_update_at(path, patch)?).await
    }

    /// Deletes the entity at `path`.
    pub async fn delete_at<T>(&self, path: &EntityPath<T>) -> Result<(), Error> {
        self.request_no_content(self.service().try_delete_at(path)?).await
    }

    /// Calls an operation bound to the entity at `path` and reads what it returns.
    pub async fn invoke_at<O: EntityBound>(
        &self,
        path: &EntityPath<O::Binding>,
        operation: &O,
    ) -> Result<O::Output, Error> {
        self.operation::<O>(self.service().try_invoke_at(path, operation)?).await
    }

    async fn operation<O: ODataOperation>(&self, request: Request<Vec<u8>>) -> Result<O::Output, Error> {
        let (response, context) = self.exchange(request).await?;
        let context = context.with_response(&response);
        operation_result::<O>(response).map_err(|error| error.in_request(context))
    }

    /// Sends `request` and reads a successful answer as `T`.
    pub async fn request<T: DeserializeOwned>(&self, request: Request<Vec<u8>>) -> Result<T, Error> {
        let (response, context) = self.exchange(request).await?;
        let context = context.with_response(&response);
        from_response(response).map_err(|error| error.in_request(context))
    }

    /// Sends `request` and checks that the answer is a success.
    pub async fn request_no_content(&self, request: Request<Vec<u8>>) -> Result<(), Error> {
        let (response, context) = self.exchange(request).await?;
        let context = context.with_response(&response);
        ensure_success(response).map_err(|error| error.in_request(context))
    }

    /// Sends `request` with a token (to the service's origin only), a `client-request-id`
    /// and retries, and returns the last answer, whatever its status.
    pub async fn send(&self, request: Request<Vec<u8>>) -> Result<Response<Bytes>, Error> {
        self.exchange(request).await.map(|(response, _)| response)
    }

    /// The retry loop: the answer to send, with the context of the exchange (attempts and ids).
    pub(crate) async fn exchange(
        &self,
        request: Request<Vec<u8>>,
    ) -> Result<(Response<Bytes>, RequestContext), Error> {
        let (mut parts, body) = request.into_parts();
        if !parts.headers.contains_key(&CLIENT_REQUEST_ID) {
            parts.headers.insert(CLIENT_REQUEST_ID, new_request_id());
        }
        let context_request = Request::from_parts(parts, ());
        let mut context = RequestContext::new(&context_request);
        let (parts, ()) = context_request.into_parts();
        let url = reqwest::Url::parse(&parts.uri.to_string()).map_err(|error| {
            Error::InvalidRequest { url: parts.uri.to_string(), reason: error.to_string() }
                .in_request(context.clone())
        })?;
        let authorized = Origin::of(&parts.uri).is_some_and(|origin| origin == self.inner.origin);
        let sends_body =
            !body.is_empty() || matches!(parts.method, Method::POST | Method::PUT | Method::PATCH);
        let body = Bytes::from(body);
        let policy = &self.inner.retry;
        let started = Instant::now();
        let mut attempt = 0;
        loop {
            attempt += 1;
            context.attempts = attempt;
            let mut request = reqwest::Request::new(parts.method.clone(), url.clone());
            *request.headers_mut() = parts.headers.clone();
            if sends_body {
                *request.body_mut() = Some(body.clone().into());
            }
            if authorized {
                if let Some(tokens) = &self.inner.tokens {
                    let token = tokens.token().await.map_err(|error| error.in_request(context.clone()))?;
                    let value = HeaderValue::try_from(format!("Bearer {token}")).map_err(|_| {
                        Error::Auth {
                            reason: "the token is not a valid header value".to_owned(),
                            source: None,
                        }
                        .in_request(context.clone())
                    })?;
                    request.headers_mut().insert(AUTHORIZATION, value);
                }
            }
            let wait = match self.inner.http.execute(request).await {
                Ok(response) => {
                    let status = response.status();
                    let retry = retryable_status(&parts.method, status) && attempt < policy.attempts();
                    let wait = retry.then(|| {
                        retry_after(response.headers(), SystemTime::now())
                            .unwrap_or_else(|| policy.backoff(attempt))
                    });
                    match wait.filter(|wait| started.elapsed() + *wait <= policy.total_budget()) {
                        // Read to the end, so that the connection can be used again.
                        Some(wait) => {
                            let _ = response.bytes().await;
                            wait
                        }
                        None => {
                            let mut answer = Response::builder().status(status).version(response.version());
                            if let Some(headers) = answer.headers_mut() {
                                *headers = response.headers().clone();
                            }
                            let body = response
                                .bytes()
                                .await
                                .map_err(|error| crate::transport_error(error).in_request(context.clone()))?;
                            let answer = answer.body(body).map_err(|error| {
                                Error::Status { status, body: error.to_string() }.in_request(context.clone())
                            })?;
                            return Ok((answer, context));
                        }
                    }
                }
                Err(error) => {
                    let kind = crate::transport_kind(&error);
                    let retry = retryable_transport(&parts.method, kind) && attempt < policy.attempts();
                    match retry
                        .then(|| policy.backoff(attempt))
                        .filter(|wait| started.elapsed() + *wait <= policy.total_budget())
                    {
                        Some(wait) => wait,
                        None => return Err(crate::transport_error(error).in_request(context)),
                    }
                }
            };
            (self.inner.sleep)(wait).await;
        }
    }
}

/// A random (version 4) UUID, as Graph expects `client-request-id`.
fn new_request_id() -> HeaderValue {
    let bits = fastrand::u128(..);
    let bits = (bits & !(0xf << 76) | (0x4 << 76)) & !(0x3 << 62) | (0x2 << 62);
    let text = format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        bits >> 96,
        (bits >> 80) & 0xffff,
        (bits >> 64) & 0xffff,
        (bits >> 48) & 0xffff,
        bits & 0xffff_ffff_ffff
    );
    HeaderValue::try_from(text).unwrap_or(HeaderValue::from_static("00000000-0000-4000-8000-000000000000"))
}
