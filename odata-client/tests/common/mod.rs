//! What the client tests share: a user type, a client on a loopback mock server whose
//! waits are recorded rather than slept, and the requests the server received.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use odata::client::{Client, ClientBuilder, RetryPolicy, StaticToken};
use odata::{ODataOperation, ODataResource, Service};
use wiremock::MockServer;

#[derive(Debug, Clone, PartialEq, ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User {
    #[odata(key, read_only)]
    pub id: Option<String>,
    pub display_name: Option<String>,
}

#[derive(Debug, ODataOperation)]
#[odata(action = "createToken", binding = User, returns = String)]
pub struct CreateToken {
    pub token_validity_in_seconds: i32,
}

/// The type of the `/me` singleton.
#[derive(Debug, Clone, PartialEq, ODataResource)]
#[odata(type = "microsoft.graph.user", singleton = "/me")]
pub struct Me {
    #[odata(key, read_only)]
    pub id: Option<String>,
    pub display_name: Option<String>,
}

/// A group, whose members are reached through it.
#[derive(Debug, Clone, PartialEq, ODataResource)]
#[odata(type = "microsoft.graph.group", collection = "/groups")]
pub struct Group {
    #[odata(key, read_only)]
    pub id: Option<String>,
}

pub fn user(id: &str, name: &str) -> User {
    User { id: Some(id.into()), display_name: Some(name.into()) }
}

pub fn root(server: &MockServer) -> String {
    format!("{}/v1.0", server.uri())
}

/// The waits a client asked for, in order.
#[derive(Clone, Default)]
pub struct Waits(Arc<Mutex<Vec<Duration>>>);

impl Waits {
    pub fn taken(&self) -> Vec<Duration> {
        self.0.lock().unwrap().clone()
    }
}

/// A client of `server` with a static token, retry backoff in milliseconds and waits
/// recorded (not slept) in `waits`.
pub fn builder(server: &MockServer, waits: &Waits) -> ClientBuilder {
    let waits = waits.clone();
    Client::builder(Service::new(root(server)))
        .token_provider(StaticToken::new("t0ken"))
        .retry(
            RetryPolicy::default().base_delay(Duration::from_millis(8)).max_delay(Duration::from_millis(64)),
        )
        .sleep(move |wait| {
            waits.0.lock().unwrap().push(wait);
            Box::pin(async {})
        })
}

pub fn client(server: &MockServer, waits: &Waits) -> Client {
    builder(server, waits).build().unwrap()
}

pub async fn received(server: &MockServer) -> Vec<wiremock::Request> {
    server.received_requests().await.unwrap()
}

pub fn header<'a>(request: &'a wiremock::Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).map(|value| value.to_str().unwrap())
}
