//! Where the bearer token of each request comes from.

use core::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, Instant};

use odata_core::{Error, RequestContext};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::Value;

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
/// [`refresh_before`](Self::refresh_before) its expiry. Concurrent requests wait for one
/// token request rather than each making their own.
///
/// ```
/// use std::time::Duration;
/// use odata_client::ClientCredentials;
///
/// let credentials = ClientCredentials::new("contoso.onmicrosoft.com", "app-id", "app-secret")
///     .authority("https://login.microsoftonline.us")
///     .scope("https://graph.microsoft.us/.default")
///     .refresh_before(Duration::from_secs(60));
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
    cached: tokio::sync::Mutex<Option<CachedToken>>,
}

struct CachedToken {
    token: String,
    renew_at: Instant,
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("token_url", &self.token_url())
            .field("client_id", &self.client_id)
            .field("scope", &self.scope)
            .field("refresh_before", &self.refresh_before)
            .finish_non_exhaustive()
    }
}

/// `application/x-www-form-urlencoded` values: everything but the unreserved characters.
const FORM_ESCAPED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

impl ClientCredentials {
    /// The flow for this tenant (its id or domain) and app, against
    /// `https://login.microsoftonline.com` for the scope `https://graph.microsoft.com/.default`,
    /// renewing tokens 5 minutes before they expire.
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
            cached: tokio::sync::Mutex::new(None),
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

    /// How long before its expiry a token is renewed (a token that lives no longer than
    /// this is used for one request only).
    pub fn refresh_before(mut self, margin: Duration) -> Self {
        self.refresh_before = margin;
        self
    }

    /// The URL tokens are asked from.
    pub fn token_url(&self) -> String {
        format!("{}/{}/oauth2/v2.0/token", self.authority, self.tenant)
    }

    async fn fetch(&self) -> Result<CachedToken, Error> {
        let asked = Instant::now();
        // Tokens are asked for once an hour or so: a connection pool of their own is not worth keeping.
        let http = crate::http_client(None, None)?;
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
        Ok(CachedToken {
            token: token.to_owned(),
            renew_at: asked + lifetime.saturating_sub(self.refresh_before),
        })
    }
}

impl TokenProvider for ClientCredentials {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(async move {
            let mut cached = self.cached.lock().await;
            if let Some(token) = cached.as_ref().filter(|token| Instant::now() < token.renew_at) {
                return Ok(token.token.clone());
            }
            let fresh = self.fetch().await?;
            let token = fresh.token.clone();
            *cached = Some(fresh);
            Ok(token)
        })
    }
}
