//! The async HTTP client of [`odata`](https://docs.rs/odata): the sans-IO
//! [`Service`](odata_core::Service)'s requests, sent with [reqwest](https://docs.rs/reqwest) over rustls, with
//! bearer tokens, retries of throttled requests, and listings that follow every page.
//!
//! Users reach it as `odata::client`, with the facade's `client` feature.
//!
//! ```no_run
//! use odata::client::{Client, StaticToken};
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
//! # async fn run() -> Result<(), odata::Error> {
//! let client = Client::builder(Service::new("https://graph.microsoft.com/v1.0"))
//!     .token_provider(StaticToken::new(std::env::var("GRAPH_TOKEN").unwrap_or_default()))
//!     .build()?;
//! let mut users = client
//!     .list::<User>()
//!     .query([("$filter", "startswith(displayName,'A')"), ("$count", "true")])
//!     .header("ConsistencyLevel", "eventual")
//!     .items();
//! while let Some(user) = users.try_next().await? {
//!     println!("{:?}", user.display_name);
//! }
//! # Ok(()) }
//! ```
//!
//! The same against a server on loopback, which answers two pages:
//!
//! ```
//! use std::io::{BufRead, BufReader, Write};
//! use odata::client::Client;
//! use odata::{ODataResource, Service};
//!
//! #[derive(Debug, ODataResource)]
//! #[odata(type = "microsoft.graph.user", collection = "/users")]
//! pub struct User {
//!     #[odata(key, read_only)]
//!     pub id: Option<String>,
//! }
//!
//! let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
//! let root = format!("http://{}/v1.0", listener.local_addr().unwrap());
//! let next = format!(r#"{{"value": [{{"id": "1"}}], "@odata.nextLink": "{root}/users?$skiptoken=2"}}"#);
//! std::thread::spawn(move || {
//!     for (connection, body) in listener.incoming().zip([next.as_str(), r#"{"value": [{"id": "2"}]}"#]) {
//!         let mut connection = connection.unwrap();
//!         let mut reader = BufReader::new(connection.try_clone().unwrap());
//!         let mut line = String::new();
//!         while reader.read_line(&mut line).unwrap() > 2 {
//!             line.clear();
//!         }
//!         write!(connection, "HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-length: {}\r\n\r\n{body}", body.len()).unwrap();
//!     }
//! });
//!
//! let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
//! let client = Client::new(Service::new(root)).unwrap();
//! let ids = runtime.block_on(async {
//!     let mut ids = Vec::new();
//!     let mut users = client.list::<User>().items();
//!     while let Some(user) = users.try_next().await? {
//!         ids.extend(user.id);
//!     }
//!     Ok::<_, odata::Error>(ids)
//! }).unwrap();
//! assert_eq!(ids, ["1", "2"]);
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod auth;
mod batch;
mod client;
mod delta;
mod list;
mod query;
mod redirect;
mod retry;

pub use auth::{token_fn, ClientCredentials, StaticToken, TokenFn, TokenFuture, TokenProvider};
pub use batch::SendBatch;
pub use client::{Client, ClientBuilder, SleepFuture};
pub use delta::{Changes, DeltaRequest};
pub use list::{Items, ListRequest, Pages};
pub use query::{EncodedQuery, Query};
pub use redirect::Redirects;
/// The reqwest this crate sends with, for [`http_client_builder`] and
/// [`ClientBuilder::http_client`]: a client of this version, whatever other version a
/// crate depends on.
pub use reqwest;
pub use retry::RetryPolicy;

use std::time::Duration;

use odata_core::{Error, TransportKind};

/// A reqwest client builder as this crate builds its own clients: rustls on the `ring`
/// provider (installed as the process's default unless another is, so that `build` finds
/// one), no redirects followed by reqwest itself and no `Referer`, so that the [`Client`]
/// decides on each redirect ([`Redirects`]). Add proxies, root certificates or a connect
/// timeout, then give the client to [`ClientBuilder::http_client`].
///
/// ```
/// use odata::client::{http_client_builder, Client};
/// use odata::Service;
///
/// let http = http_client_builder()
///     .connect_timeout(std::time::Duration::from_secs(5))
///     // .proxy(odata::client::reqwest::Proxy::https("http://proxy.example:3128")?)
///     .build()
///     .unwrap();
/// let client = Client::builder(Service::new("https://graph.microsoft.com/v1.0")).http_client(http).build()?;
/// # let _ = client;
/// # Ok::<(), odata::Error>(())
/// ```
pub fn http_client_builder() -> reqwest::ClientBuilder {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Losing the race to another thread installing one leaves that one: fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).referer(false)
}

/// A client of [`http_client_builder`], with this connect timeout.
fn http_client(connect_timeout: Option<Duration>) -> Result<reqwest::Client, Error> {
    let mut builder = http_client_builder();
    if let Some(timeout) = connect_timeout {
        builder = builder.connect_timeout(timeout);
    }
    builder.build().map_err(transport_error)
}

fn transport_kind(error: &reqwest::Error) -> TransportKind {
    if error.is_timeout() {
        TransportKind::Timeout
    } else if error.is_connect() {
        TransportKind::Connect
    } else {
        TransportKind::Other
    }
}

/// reqwest's error without its URL: the request's context names the URL, without the
/// query values that reqwest's message would show.
fn transport_error(error: reqwest::Error) -> Error {
    Error::Transport { kind: transport_kind(&error), source: Box::new(error.without_url()) }
}
