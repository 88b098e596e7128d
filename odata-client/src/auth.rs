//! Where the bearer token of each request comes from.

use core::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use odata_core::{Error, RequestContext};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::Value;
use tokio::sync::watch;

/// The future of a [`TokenProvider::token`] call.
pub type TokenFuture<'a> = Pin<Box<dyn Future<Output = Result<String, Error>> + Send + 'a>>;

/// Gives the bearer token of a request: called before every attempt, so a provider that
/// caches decides itself when to renew.
///
/// The token is only sent to the service's own scheme, host and port: never with a request
/// to another URL, and a redirect to another host drops it.
///
/// ```
/// use odata_client::{TokenFuture, TokenProvider};
///
/// /// A token read from the environment at each request.
/// struct FromEnvironment;
///
/// impl TokenProvider for FromEnvironment {
///     fn token(&self) -> TokenFuture<'_> {
///         Box::pin(async {
///             std::env::var("GRAPH_TOKEN").map_err(|_| odata::Error::Auth {
///                 reason: "GRAPH_TOKEN is not set".into(),
///                 source: None,
///             })
///         })
///     }
/// }
/// ```
pub trait TokenProvider: Send + Sync {
    /// The access token, without the `Bearer ` prefix.
    fn token(&self) -> TokenFuture<'_>;
}

impl<P: TokenProvider + ?Sized> TokenProvider for Box<P> {
    fn token(&self) -> TokenFuture<'_> {
        (**self).token()
    }
}

impl<P: TokenProvider + ?Sized> TokenProvider for std::sync::Arc<P> {
    fn token(&self) -> TokenFuture<'_> {
        (**self).token()
    }
}

/// A token given once, such as one from `GRAPH_TOKEN`. `Debug` does not show it.
///
/// ```
/// let token = odata_client::StaticToken::new("eyJ0eXAi...");
/// assert_eq!(format!("{token:?}"), "StaticToken(..)");
/// ```
#[derive(Clone)]
pub struct StaticToken(String);

impl StaticToken {
    /// The token, without the `Bearer ` prefix.
    pub fn new(token: impl Into<String>) -> Self {
        StaticToken(token.into())
    }
}

impl fmt::Debug for StaticToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StaticToken(..)")
    }
}

impl TokenProvider for StaticToken {
    fn token(&self) -> TokenFuture<'_> {
        let token = self.0.clone();
        Box::pin(async move { Ok(token) })
    }
}

/// A token provider made of an async closure; see [`token_fn`].
#[derive(Clone)]
pub struct TokenFn<F>(F);

/// A token provider that calls `get` for each request.
///
/// ```
/// let provider = odata_client::token_fn(|| async { Ok::<_, odata::Error>("token".to_owned()) });
/// # let _ = provider;
/// ```
pub fn token_fn<F, Fut>(get: F) -> TokenFn<F>
where
    F: Fn() -> Fut + Send + Sync,
    Fut: Future<Output = Result<String, Error>> + Send + 'static,
{
    TokenFn(get)
}

impl<F> fmt::Debug for TokenFn<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TokenFn(..)")
    }
}

impl<F, Fut> TokenProvider for TokenFn<F>
where
    F: Fn() -> Fut + Send + Sync,
    Fut: Future<Output = Result<String, Error>> + Send + 'static,
{
    fn token(&self) -> TokenFuture<'_> {
        Box::pin((self.0)())
    }
}

/// The OAuth 2.0 client-credentials flow (an app's own identity, as Microsoft Entra ID
/// issues it): a `POST` of the client's id and secret to
/// `{authority}/{tenant}/oauth2/v2.0/token`, whose token is kept until
/// [`refresh_before`](Self::refresh_before) its expiry, or, for a token that lives no
/// longer than twice that, until half its lifetime has passed.
///
/// Concurrent requests wait for one token request rather than each making their own, and no
/// lock is held while it is out: a token request that takes longer than its
/// [`timeout`](Self::timeout) (30 s by default) fails, and with it every request waiting for
/// it; the next request asks again. A request that stops waiting (its future dropped) does
/// not leave the others waiting for nothing: one of them asks again.
///
/// ```
/// use std::time::Duration;
/// use odata_client::ClientCredentials;
///
/// let credentials = ClientCredentials::new("contoso.onmicrosoft.com", "app-id", "app-secret")
///     .authority("https://login.microsoftonline.us")
///     .scope("https://graph.microsoft.us/.default")
///     .refresh_before(Duration::from_secs(60))
///     .timeout(Duration::from_secs(10));
/// assert_eq!(
///     credentials.token_url(),
///     "https://login.microsoftonline.us/contoso.onmicrosoft.com/oauth2/v2.0/token"
/// );
/// assert!(!format!("{credentials:?}").contains("app-secret"));
/// ```
pub struct ClientCredentials {
    authority: String,
    tenant: String,
    client_id: String,
    client_secret: String,
    scope: String,
    refresh_before: Duration,
    timeout: Duration,
    http: Option<reqwest::Client>,
    cache: Mutex<Cache>,
}

#[derive(Clone)]
struct CachedToken {
    token: String,
    renew_at: Instant,
}

/// The token kept, and the token request out, if one is; never locked across an `await`.
#[derive(Default)]
struct Cache {
    token: Option<CachedToken>,
    /// Where the token request out sends its outcome to the calls waiting for it.
    fetching: Option<watch::Receiver<Option<Outcome>>>,
}

/// A token request's outcome, as the calls that waited for it get it: the token, or what
/// went wrong.
type Outcome = Result<String, String>;

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("token_url", &self.token_url())
            .field("client_id", &self.client_id)
            .field("scope", &self.scope)
            .field("refresh_before", &self.refresh_before)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// `application/x-www-form-urlencoded` values: everything but the unreserved characters.
const FORM_ESCAPED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

impl ClientCredentials {
    /// The flow for this tenant (its id or domain) and app, against
    /// `https://login.microsoftonline.com` for the scope `https://graph.microsoft.com/.default`,
    /// renewing tokens 5 minutes before they expire (short-lived ones at half their
    /// lifetime), giving a token request 30 seconds.
    pub fn new(
        tenant: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        ClientCredentials {
            authority: "https://login.microsoftonline.com".to_owned(),
            tenant: tenant.into(),
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            scope: "https://graph.microsoft.com/.default".to_owned(),
            refresh_before: Duration::from_secs(300),
            timeout: Duration::from_secs(30),
            http: None,
            cache: Mutex::new(Cache::default()),
        }
    }

    /// The authority's root URL, such as a national cloud's or a test server's.
    pub fn authority(mut self, authority: impl Into<String>) -> Self {
        self.authority = authority.into().trim_end_matches('/').to_owned();
        self
    }

    /// The scope asked for.
    pub fn scope(mut self, scope: impl Into<String>) -> Self {
        self.scope = scope.into();
        self
    }

    /// How long before its expiry a token is renewed; a token that lives less than twice
    /// this is renewed once half its lifetime has passed, so that a short-lived token still
    /// serves many requests.
    ///
    /// ```
    /// use std::time::Duration;
    /// use odata_client::ClientCredentials;
    ///
    /// let credentials = ClientCredentials::new("contoso", "app-id", "app-secret");
    /// // A token of an hour is renewed after 55 minutes, one of 4 minutes after 2.
    /// assert_eq!(credentials.renewal_after(Duration::from_secs(3600)), Duration::from_secs(3300));
    /// assert_eq!(credentials.renewal_after(Duration::from_secs(240)), Duration::from_secs(120));
    /// ```
    pub fn refresh_before(mut self, margin: Duration) -> Self {
        self.refresh_before = margin;
        self
    }

    /// How long after it was asked for a token of this lifetime is renewed: `refresh_before`
    /// its expiry, but not before half its lifetime.
    pub fn renewal_after(&self, lifetime: Duration) -> Duration {
        lifetime - self.refresh_before.min(lifetime / 2)
    }

    /// The longest a token request may take, from connecting to the end of the answer; the
    /// calls waiting for it fail with it. 30 seconds by default.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Asks for tokens with this reqwest client (a proxy, root certificates), built as
    /// [`http_client_builder`](crate::http_client_builder) builds one; by default a client
    /// of its own for each token request (tokens are asked for once an hour or so).
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// The URL tokens are asked from.
    pub fn token_url(&self) -> String {
        format!("{}/{}/oauth2/v2.0/token", self.authority, self.tenant)
    }

    /// The token request, with `http`.
    async fn fetch(&self, http: reqwest::Client) -> Result<CachedToken, Error> {
        let asked = Instant::now();
        let mut body = String::from("grant_type=client_credentials");
        for (name, value) in
            [("client_id", &self.client_id), ("client_secret", &self.client_secret), ("scope", &self.scope)]
        {
            body.push('&');
            body.push_str(name);
            body.push('=');
            body.extend(utf8_percent_encode(value, FORM_ESCAPED));
        }
        let url = self.token_url();
        let failed =
            |reason: String, source: Option<Error>| Error::Auth { reason, source: source.map(Box::new) };
        let request = http::Request::post(&url)
            .header(http::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(http::header::ACCEPT, "application/json")
            .body(())
            .map_err(|error| failed(format!("invalid token URL `{url}`: {error}"), None))?;
        let context = RequestContext::new(&request);
        let request = reqwest::Request::try_from(request.map(|_| body))
            .map_err(|error| failed(format!("invalid token URL `{url}`: {error}"), None))?;
        let transport_failed = |error: reqwest::Error| {
            let source = crate::transport_error(error).in_request(context.clone());
            failed(format!("the token request to `{url}` failed"), Some(source))
        };
        let response = http.execute(request).await.map_err(transport_failed)?;
        let status = response.status();
        let bytes = response.bytes().await.map_err(transport_failed)?;
        let answer: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        let text = |name: &str| answer.get(name).and_then(Value::as_str);
        if !status.is_success() {
            let reason = match (text("error"), text("error_description")) {
                (Some(code), Some(description)) => format!("{code}: {description}"),
                (Some(code), None) => code.to_owned(),
                _ => String::from_utf8_lossy(&bytes).chars().take(512).collect(),
            };
            return Err(failed(format!("the authority `{url}` answered {status}: {reason}"), None));
        }
        let Some(token) = text("access_token") else {
            return Err(failed(format!("the answer of `{url}` has no `access_token`"), None));
        };
        let lifetime = match answer.get("expires_in") {
            Some(Value::Number(seconds)) => seconds.as_u64(),
            Some(Value::String(seconds)) => seconds.parse().ok(),
            _ => None,
        };
        let Some(lifetime) = lifetime else {
            return Err(failed(format!("the answer of `{url}` has no valid `expires_in`"), None));
        };
        let lifetime = Duration::from_secs(lifetime);
        Ok(CachedToken { token: token.to_owned(), renew_at: asked + self.renewal_after(lifetime) })
    }

    fn cache(&self) -> MutexGuard<'_, Cache> {
        // The cache is consistent whenever the lock is released: a panic elsewhere leaves it usable.
        self.cache.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Makes the token request, within the timeout, keeps its token, and sends the outcome
    /// to the calls that wait for it.
    async fn fetch_and_share(&self, outcome: watch::Sender<Option<Outcome>>) -> Result<String, Error> {
        /// Clears the request out if this call is dropped before it ends, so that the calls
        /// waiting for it (woken as `outcome` is dropped) ask again.
        struct Abandoned<'a> {
            credentials: &'a ClientCredentials,
            armed: bool,
        }
        impl Drop for Abandoned<'_> {
            fn drop(&mut self) {
                if self.armed {
                    self.credentials.cache().fetching = None;
                }
            }
        }
        let mut abandoned = Abandoned { credentials: self, armed: true };
        // Tokens are asked for once an hour or so: a connection pool of their own is not worth
        // keeping. Made before the timeout starts, which is the exchange's.
        let http = match &self.http {
            Some(http) => Ok(http.clone()),
            None => crate::http_client(None),
        };
        let fetched = match http {
            Err(error) => Err(error),
            Ok(http) => match tokio::time::timeout(self.timeout, self.fetch(http)).await {
                Ok(fetched) => fetched,
                Err(_) => Err(Error::Auth {
                    reason: format!(
                        "the token request to `{}` took longer than its timeout of {:?}",
                        self.token_url(),
                        self.timeout
                    ),
                    source: None,
                }),
            },
        };
        {
            let mut cache = self.cache();
            cache.fetching = None;
            if let Ok(fresh) = &fetched {
                cache.token = Some(fresh.clone());
            }
        }
        abandoned.armed = false;
        let shared = match &fetched {
            Ok(fresh) => Ok(fresh.token.clone()),
            Err(Error::Auth { reason, source: None }) => Err(reason.clone()),
            Err(Error::Auth { reason, source: Some(source) }) => Err(format!("{reason}: {source}")),
            Err(other) => Err(other.to_string()),
        };
        outcome.send_replace(Some(shared));
        fetched.map(|fresh| fresh.token)
    }
}

impl TokenProvider for ClientCredentials {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(async move {
            loop {
                // `Ok`: this call makes the token request; `Err`: it waits for the one out.
                let role = {
                    let mut cache = self.cache();
                    if let Some(token) = cache.token.as_ref().filter(|token| Instant::now() < token.renew_at)
                    {
                        return Ok(token.token.clone());
                    }
                    match &cache.fetching {
                        Some(waiting) => Err(waiting.clone()),
                        None => {
                            let (outcome, waiting) = watch::channel(None);
                            cache.fetching = Some(waiting);
                            Ok(outcome)
                        }
                    }
                };
                let mut waiting = match role {
                    Ok(outcome) => return self.fetch_and_share(outcome).await,
                    Err(waiting) => waiting,
                };
                // The request out ends within its timeout; if the call that made it was
                // dropped first, the channel closes and this call asks again.
                let shared = match waiting.wait_for(Option::is_some).await {
                    Ok(outcome) => outcome.clone(),
                    Err(_) => continue,
                };
                return match shared {
                    Some(Ok(token)) => Ok(token),
                    Some(Err(reason)) => Err(Error::Auth { reason, source: None }),
                    None => continue,
                };
            }
        })
    }
}
