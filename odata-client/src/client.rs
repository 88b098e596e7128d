//! The client: one request at a time, with its token, its id and its retries.

use core::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use http::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION};
use http::{Method, Request, Response};
use odata_core::answer::{Answer, Body};
use odata_core::{
    ensure_success, from_response, Collection, CollectionBound, CollectionPath, EntityBound, EntityPath,
    EntitySet, Error, ODataKey, ODataPatch, ODataRequest, ODataResource, RequestContext, Service,
};
use serde::de::DeserializeOwned;

use crate::redirect::{follow_headers, same_origin, Next};
use crate::retry::{retry_after, retryable_status, retryable_transport};
use crate::{ListRequest, Redirects, RetryPolicy, TokenProvider};

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
    /// The service's root: its scheme, host and port are where tokens may go.
    origin: reqwest::Url,
    http: reqwest::Client,
    tokens: Option<Arc<dyn TokenProvider>>,
    retry: RetryPolicy,
    timeout: Option<Duration>,
    redirects: Redirects,
    sleep: Sleep,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("service", &self.inner.service)
            .field("retry", &self.inner.retry)
            .field("timeout", &self.inner.timeout)
            .field("redirects", &self.inner.redirects)
            .field("authorized", &self.inner.tokens.is_some())
            .finish_non_exhaustive()
    }
}

/// How a [`Client`] is made: its token provider, retry policy, timeouts, which redirects it
/// follows, and the reqwest client it sends with (its own by default, or yours, with your
/// proxies and root certificates).
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
    redirects: Redirects,
    http: Option<reqwest::Client>,
    sleep: Option<Sleep>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("service", &self.service)
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("redirects", &self.redirects)
            .field("http_client", &self.http.is_some())
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

    /// The longest an attempt may take, from connecting to the end of the answer's body
    /// (each redirect it follows is a request of its own). None by default. It applies to a
    /// client given with [`http_client`](Self::http_client) too.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The longest connecting may take. None by default. A setting of the reqwest client
    /// this builder makes: with [`http_client`](Self::http_client), set it on that client's
    /// builder instead ([`build`](Self::build) refuses both).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Which redirects are followed: [`Redirects::SameOrigin`] by default, so that a
    /// redirect to another origin is an error naming it, never an answer from elsewhere.
    pub fn redirects(mut self, redirects: Redirects) -> Self {
        self.redirects = redirects;
        self
    }

    /// Sends with this reqwest client (proxies, root certificates, ...) instead of one of its
    /// own. Build it with [`http_client_builder`](crate::http_client_builder), which installs
    /// the TLS provider and leaves redirects to this client; one that follows redirects
    /// itself is checked after the fact: an answer it fetched from another origin is an
    /// [`Error::Redirect`] unless [`Redirects::AnyOrigin`] is set (but the request went
    /// there, with reqwest's own `Referer`).
    ///
    /// ```
    /// use odata::client::{http_client_builder, Client};
    /// use odata::Service;
    ///
    /// let http = http_client_builder().user_agent("contoso-sync/1.0").build().unwrap();
    /// let client = Client::builder(Service::new("https://graph.microsoft.com/v1.0"))
    ///     .http_client(http)
    ///     .build()
    ///     .unwrap();
    /// # let _ = client;
    /// ```
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// How the client waits between attempts: `tokio::time::sleep` by default. Tests can
    /// record the waits instead of sitting through them.
    pub fn sleep(mut self, sleep: impl Fn(Duration) -> SleepFuture + Send + Sync + 'static) -> Self {
        self.sleep = Some(Arc::new(sleep));
        self
    }

    /// The client.
    ///
    /// # Errors
    /// [`Error::InvalidRoot`] for a service root that is not an absolute http or https URL;
    /// [`Error::InvalidRequest`] for a [`connect_timeout`](Self::connect_timeout) together
    /// with an [`http_client`](Self::http_client), which cannot take it; an
    /// [`Error::Transport`] if the TLS backend cannot be set up.
    pub fn build(self) -> Result<Client, Error> {
        let invalid_root =
            |reason: String| Error::InvalidRoot { root: self.service.root().to_owned(), reason };
        let origin =
            reqwest::Url::parse(self.service.root()).map_err(|error| invalid_root(error.to_string()))?;
        if !matches!(origin.scheme(), "http" | "https") || origin.host_str().is_none() {
            return Err(invalid_root("the root must be an absolute http or https URL".to_owned()));
        }
        let http = match (self.http, self.connect_timeout) {
            (Some(_), Some(_)) => {
                return Err(Error::InvalidRequest {
                    url: self.service.root().to_owned(),
                    reason: "a connect timeout is a setting of the reqwest client given with `http_client`: \
                             set it on that client's builder"
                        .to_owned(),
                })
            }
            (Some(http), None) => http,
            (None, connect_timeout) => crate::http_client(connect_timeout)?,
        };
        Ok(Client {
            inner: Arc::new(Inner {
                origin,
                http,
                service: self.service,
                tokens: self.tokens,
                retry: self.retry,
                timeout: self.timeout,
                redirects: self.redirects,
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
            redirects: Redirects::default(),
            http: None,
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
        let set = self.service().collection_at::<O::Binding>(O::Binding::COLLECTION_PATH);
        self.execute(set.try_key(key)?.invoke(operation)).await
    }

    /// Calls an operation bound to `O::Binding`'s entity set (see
    /// [`Service::invoke_on_collection`]) and reads what it returns.
    pub async fn invoke_on_collection<O: CollectionBound>(&self, operation: &O) -> Result<O::Output, Error>
    where
        O::Binding: EntitySet,
    {
        self.execute(
            self.service().collection_at::<O::Binding>(O::Binding::COLLECTION_PATH).invoke(operation),
        )
        .await
    }

    /// A listing of `T`'s entity set, to be given a query and headers, then walked item by
    /// item or page by page.
    pub fn list<T: EntitySet + DeserializeOwned>(&self) -> ListRequest<T> {
        ListRequest::new(self.clone(), self.service().try_list::<T>())
    }

    /// Sends a request that a path's verb built and reads its answer as the verb wants: the
    /// one call for every verb on every path (`get`, `get_with`, `list`, `create`, `update`,
    /// `delete`, `invoke`), so that a query on a single entity (`$select`, `$expand`) goes as
    /// any other. An error the verb returned is returned before anything is sent.
    ///
    /// ```
    /// use odata::client::Client;
    /// use odata::query::Query;
    /// use odata::{Error, ODataResource, Service};
    ///
    /// #[derive(Debug, ODataResource)]
    /// #[odata(type = "microsoft.graph.user", singleton = "/me")]
    /// pub struct User {
    ///     #[odata(key, read_only)]
    ///     pub id: Option<String>,
    ///     pub display_name: Option<String>,
    ///     #[odata(navigation)]
    ///     pub manager: Option<Box<User>>,
    /// }
    ///
    /// async fn my_manager(client: &Client) -> Result<Option<String>, Error> {
    ///     let fields = User::fields();
    ///     let query = Query::<User>::new().select(fields.display_name).expand(fields.manager);
    ///     let me: User = client.execute(client.service().singleton::<User>().get_with(&query)).await?;
    ///     Ok(me.manager.and_then(|manager| manager.display_name))
    /// }
    /// # let _ = my_manager;
    /// ```
    ///
    /// # Errors
    /// The verb's error; then as [`request`](Self::request): the service's error, a body that
    /// does not read as the answer, a transport failure, each naming the request.
    pub async fn execute<A: Answer>(
        &self,
        request: Result<ODataRequest<A>, Error>,
    ) -> Result<A::Output, Error> {
        let (response, context) = self.exchange(request?.into_http()).await?;
        let context = context.with_response(&response);
        A::read(response).map_err(|error| error.in_request(context))
    }

    /// A listing of what a collection's `list` or `list_with` built, to be walked item by item
    /// or page by page (each next link followed in turn).
    pub fn walk<T: DeserializeOwned>(
        &self,
        request: Result<ODataRequest<Body<Collection<T>>>, Error>,
    ) -> ListRequest<T> {
        ListRequest::new(self.clone(), request.map(ODataRequest::into_http))
    }

    /// A listing of the collection at `path`: a contained collection such as a user's
    /// messages (`service.entity::<User>(id).nav(User::fields().messages)`).
    pub fn list_at<T: ODataResource + DeserializeOwned>(&self, path: &CollectionPath<T>) -> ListRequest<T> {
        self.walk(path.list())
    }

    /// Reads the entity at `path`: a singleton (`service.singleton::<T>()`) or a contained
    /// entity.
    pub async fn get_at<T: DeserializeOwned>(&self, path: &EntityPath<T>) -> Result<T, Error> {
        self.execute(path.get()).await
    }

    /// Creates `entity` in the collection at `path` and reads the entity the service made.
    pub async fn create_at<T: ODataResource + DeserializeOwned>(
        &self,
        path: &CollectionPath<T>,
        entity: &T,
    ) -> Result<T, Error> {
        self.execute(path.create(entity)).await
    }

    /// Sends `patch` to the entity at `path`, such as a singleton.
    pub async fn update_at<P: ODataPatch>(
        &self,
        path: &EntityPath<P::Resource>,
        patch: &P,
    ) -> Result<(), Error> {
        self.execute(path.update(patch)).await
    }

    /// Deletes the entity at `path`.
    pub async fn delete_at<T>(&self, path: &EntityPath<T>) -> Result<(), Error> {
        self.execute(path.delete()).await
    }

    /// Calls an operation bound to the entity at `path` and reads what it returns.
    pub async fn invoke_at<O: EntityBound>(
        &self,
        path: &EntityPath<O::Binding>,
        operation: &O,
    ) -> Result<O::Output, Error> {
        self.execute(path.invoke(operation)).await
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
    /// and retries, and returns the last answer, whatever its status; a redirect the client
    /// does not follow ([`Redirects`]) is an [`Error::Redirect`], not an answer.
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
        let sends_body =
            !body.is_empty() || matches!(parts.method, Method::POST | Method::PUT | Method::PATCH);
        let body = sends_body.then(|| Bytes::from(body));
        let policy = &self.inner.retry;
        let started = Instant::now();
        let mut attempt = 0;
        loop {
            attempt += 1;
            context.attempts = attempt;
            let sent = self.attempt(&parts.method, &url, &parts.headers, body.as_ref(), &context).await?;
            let wait = match sent {
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

    /// One attempt: the request, with the token where it goes to the service's origin, then
    /// the redirects that [`Redirects`] follows. `Ok(Err(_))` is a failed exchange, which may
    /// be tried again; `Err` is not (no token, a redirect not followed).
    async fn attempt(
        &self,
        method: &Method,
        url: &reqwest::Url,
        headers: &HeaderMap,
        body: Option<&Bytes>,
        context: &RequestContext,
    ) -> Result<Result<reqwest::Response, reqwest::Error>, Error> {
        let (mut method, mut url, mut headers, mut body) =
            (method.clone(), url.clone(), headers.clone(), body);
        let mut hops = 0;
        loop {
            let mut request = reqwest::Request::new(method.clone(), url.clone());
            *request.headers_mut() = headers.clone();
            if let Some(body) = body {
                *request.body_mut() = Some(body.clone().into());
            }
            *request.timeout_mut() = self.inner.timeout;
            if same_origin(&url, &self.inner.origin) {
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
            let response = match self.inner.http.execute(request).await {
                Ok(response) => response,
                Err(error) => return Ok(Err(error)),
            };
            // A reqwest client given with `http_client` may have followed redirects itself.
            if !same_origin(response.url(), &url) && self.inner.redirects != Redirects::AnyOrigin {
                let reason = "the HTTP client followed it to another origin itself (the status is that of \
                              the answer there, which is not read); build it with `http_client_builder`";
                return Err(Error::redirect(response.status(), response.url().as_str(), reason)
                    .in_request(context.clone()));
            }
            let next = self
                .inner
                .redirects
                .next(&url, &method, response.status(), response.headers(), hops)
                .map_err(|error| error.in_request(context.clone()))?;
            let Next::Follow { url: next, method: next_method, keep_body } = next else {
                return Ok(Ok(response));
            };
            // Read to the end, so that the connection can be used again.
            let _ = response.bytes().await;
            follow_headers(&mut headers, !same_origin(&url, &next), keep_body);
            if !keep_body {
                body = None;
            }
            (method, url) = (next_method, next);
            hops += 1;
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
