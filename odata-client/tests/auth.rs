//! Token providers: the client-credentials flow against a loopback authority, closures.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{header, received, User};
use odata::client::{token_fn, Client, ClientCredentials, RetryPolicy};
use odata::Service;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn authority(expires_in: &str) -> MockServer {
    let authority = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/contoso/oauth2/v2.0/token"))
        .respond_with(ResponseTemplate::new(200).set_body_string(format!(
            r#"{{"token_type": "Bearer", "expires_in": {expires_in}, "access_token": "issued"}}"#
        )))
        .mount(&authority)
        .await;
    authority
}

async fn service() -> MockServer {
    let service = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"id": "1"}"#))
        .mount(&service)
        .await;
    service
}

fn credentials(authority: &MockServer) -> ClientCredentials {
    ClientCredentials::new("contoso", "app id", "s3cret&+=")
        .authority(authority.uri())
        .scope("api://x/.default")
}

#[tokio::test]
async fn client_credentials_asks_once_and_keeps_the_token_until_shortly_before_it_expires() {
    let authority = authority("3599").await;
    let service = service().await;
    let client = Client::builder(Service::new(common::root(&service)))
        .token_provider(credentials(&authority))
        .build()
        .unwrap();
    for _ in 0..3 {
        let _: User = client.get("1").await.unwrap();
    }
    let asked = received(&authority).await;
    assert_eq!(asked.len(), 1);
    assert_eq!(
        url_form(&asked[0].body),
        [
            ("grant_type".to_owned(), "client_credentials".to_owned()),
            ("client_id".to_owned(), "app id".to_owned()),
            ("client_secret".to_owned(), "s3cret&+=".to_owned()),
            ("scope".to_owned(), "api://x/.default".to_owned()),
        ]
    );
    assert_eq!(header(&asked[0], "content-type"), Some("application/x-www-form-urlencoded"));
    assert!(received(&service)
        .await
        .iter()
        .all(|request| header(request, "authorization") == Some("Bearer issued")));
}

fn url_form(body: &[u8]) -> Vec<(String, String)> {
    let text = std::str::from_utf8(body).unwrap();
    text.split('&')
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap();
            let decode =
                |part: &str| percent_encoding::percent_decode_str(part).decode_utf8().unwrap().into_owned();
            (decode(name), decode(value))
        })
        .collect()
}

#[tokio::test]
async fn a_short_lived_token_is_kept_for_half_its_lifetime_not_asked_for_at_every_request() {
    // Expires in 30 s, sooner than the default 5 minute margin: kept for 15 s, not one request.
    let short_lived = authority("\"30\"").await;
    let service = service().await;
    let client = Client::builder(Service::new(common::root(&service)))
        .token_provider(credentials(&short_lived))
        .build()
        .unwrap();
    for _ in 0..3 {
        let _: User = client.get("1").await.unwrap();
    }
    assert_eq!(received(&short_lived).await.len(), 1);

    // A token that has expired already is asked for again at each request.
    let expired = authority("0").await;
    let client = Client::builder(Service::new(common::root(&service)))
        .token_provider(credentials(&expired))
        .build()
        .unwrap();
    for _ in 0..2 {
        let _: User = client.get("1").await.unwrap();
    }
    assert_eq!(received(&expired).await.len(), 2);
    let credentials = credentials(&expired).refresh_before(Duration::from_secs(10));
    assert_eq!(credentials.renewal_after(Duration::from_secs(30)), Duration::from_secs(20));
    assert_eq!(credentials.renewal_after(Duration::from_secs(8)), Duration::from_secs(4));
}

/// An authority whose first token request hangs for `hang`, and whose later ones answer at once.
async fn hanging_authority(hang: Duration) -> MockServer {
    let authority = MockServer::start().await;
    let answer = ResponseTemplate::new(200)
        .set_body_string(r#"{"token_type": "Bearer", "expires_in": 3599, "access_token": "issued"}"#);
    Mock::given(method("POST"))
        .respond_with(answer.clone().set_delay(hang))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&authority)
        .await;
    Mock::given(method("POST")).respond_with(answer).mount(&authority).await;
    authority
}

fn concurrent_gets(
    client: &Client,
    count: usize,
) -> Vec<tokio::task::JoinHandle<Result<User, odata::Error>>> {
    (0..count)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.get::<User>("1").await })
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_requests_share_one_token_request() {
    let authority = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string(r#"{"token_type": "Bearer", "expires_in": 3599, "access_token": "issued"}"#)
                .set_delay(Duration::from_millis(300)),
        )
        .mount(&authority)
        .await;
    let service = service().await;
    let client = Client::builder(Service::new(common::root(&service)))
        .token_provider(credentials(&authority))
        .build()
        .unwrap();
    for call in concurrent_gets(&client, 8) {
        call.await.unwrap().unwrap();
    }
    assert_eq!(received(&authority).await.len(), 1);
    assert_eq!(received(&service).await.len(), 8);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_endpoint_that_hangs_fails_every_waiting_call_within_the_timeout() {
    let authority = hanging_authority(Duration::from_secs(30)).await;
    let service = service().await;
    let client = Client::builder(Service::new(common::root(&service)))
        .token_provider(credentials(&authority).timeout(Duration::from_millis(400)))
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let started = Instant::now();
    for call in concurrent_gets(&client, 5) {
        let error = call.await.unwrap().unwrap_err();
        let text = error.to_string();
        assert!(
            matches!(&error, odata::Error::Request { source, .. } if matches!(**source, odata::Error::Auth { .. })),
            "{error:?}"
        );
        assert!(text.contains("took longer than its timeout"), "{text}");
    }
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    assert!(received(&service).await.is_empty(), "nothing goes to the service without a token");
    // The next request asks again, and the authority answers it.
    let _: User = client.get("1").await.unwrap();
    assert_eq!(received(&service).await.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_call_that_stops_waiting_leaves_no_one_waiting_for_nothing() {
    let authority = hanging_authority(Duration::from_secs(30)).await;
    let service = service().await;
    let client = Client::builder(Service::new(common::root(&service)))
        .token_provider(credentials(&authority))
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    // The first call makes the token request, which hangs; the second waits for it.
    let first = concurrent_gets(&client, 1).remove(0);
    tokio::time::sleep(Duration::from_millis(200)).await;
    let second = concurrent_gets(&client, 1).remove(0);
    tokio::time::sleep(Duration::from_millis(200)).await;
    first.abort();
    // The second asks again, and gets an answer long before the first request's 30 s.
    let read = tokio::time::timeout(Duration::from_secs(5), second).await.expect("the waiting call goes on");
    read.unwrap().unwrap();
}

#[tokio::test]
async fn a_refused_client_is_an_auth_error_with_the_authoritys_reason() {
    let authority = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(401).set_body_string(
            r#"{"error": "invalid_client", "error_description": "AADSTS7000215: Invalid client secret provided."}"#,
        ))
        .mount(&authority)
        .await;
    let service = service().await;
    let client = Client::builder(Service::new(common::root(&service)))
        .token_provider(credentials(&authority))
        .build()
        .unwrap();
    let error = client.get::<User>("1").await.unwrap_err();
    let text = error.to_string();
    assert!(
        matches!(&error, odata::Error::Request { source, .. } if matches!(**source, odata::Error::Auth { .. })),
        "{error:?}"
    );
    assert!(
        text.contains("401") && text.contains("invalid_client") && text.contains("AADSTS7000215"),
        "{text}"
    );
    assert!(!text.contains("s3cret"), "{text}");
    assert!(received(&service).await.is_empty(), "nothing goes to the service without a token");
}

#[tokio::test]
async fn a_closure_gives_each_attempt_its_token() {
    let service = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "0"))
        .up_to_n_times(1)
        .mount(&service)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"id": "1"}"#))
        .mount(&service)
        .await;
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let provider = token_fn(move || {
        let call = counter.fetch_add(1, Ordering::SeqCst) + 1;
        async move { Ok(format!("token-{call}")) }
    });
    let client = Client::builder(Service::new(common::root(&service)))
        .token_provider(provider)
        .retry(RetryPolicy::default().base_delay(Duration::from_millis(1)))
        .build()
        .unwrap();
    let _: User = client.get("1").await.unwrap();
    let tokens: Vec<_> = received(&service)
        .await
        .iter()
        .map(|request| header(request, "authorization").unwrap().to_owned())
        .collect();
    assert_eq!(tokens, ["Bearer token-1", "Bearer token-2"]);
}
