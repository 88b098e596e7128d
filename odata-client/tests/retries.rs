//! Throttling and faults: which requests are retried, after how long, and what an error keeps.

mod common;

use std::time::{Duration, Instant, SystemTime};

use common::{builder, client, header, received, user, User, Waits};
use odata::client::RetryPolicy;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn ok_user() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_string(r#"{"id": "1", "displayName": "Adele"}"#)
}

#[tokio::test]
async fn throttled_twice_then_success_waits_as_retry_after_says_in_both_forms() {
    let server = MockServer::start().await;
    let in_five_seconds = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(5));
    Mock::given(method("GET"))
        .and(path("/v1.0/users/1"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "3"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users/1"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", in_five_seconds.as_str()))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET")).and(path("/v1.0/users/1")).respond_with(ok_user()).mount(&server).await;

    let waits = Waits::default();
    let read: User = client(&server, &waits).get("1").await.unwrap();
    assert_eq!(read, user("1", "Adele"));

    let waits = waits.taken();
    assert_eq!(waits.len(), 2, "{waits:?}");
    assert_eq!(waits[0], Duration::from_secs(3));
    // An HTTP date has whole seconds: the wait is what remains of the five.
    assert!(waits[1] >= Duration::from_secs(3) && waits[1] <= Duration::from_secs(5), "{waits:?}");
    let requests = received(&server).await;
    assert_eq!(requests.len(), 3);
    let ids: Vec<_> = requests.iter().map(|request| header(request, "client-request-id").unwrap()).collect();
    assert!(ids.iter().all(|id| *id == ids[0] && id.len() == 36), "{ids:?}");
    assert!(requests.iter().all(|request| header(request, "authorization") == Some("Bearer t0ken")));
}

#[tokio::test]
async fn the_default_sleep_really_waits_for_retry_after() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET")).respond_with(ok_user()).mount(&server).await;
    let client = odata::client::Client::new(odata::Service::new(common::root(&server))).unwrap();
    let started = Instant::now();
    let _: User = client.get("1").await.unwrap();
    assert!(started.elapsed() >= Duration::from_secs(1), "{:?}", started.elapsed());
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn a_malformed_retry_after_falls_back_to_backoff() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(504).insert_header("retry-after", "soon"))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(method("GET")).respond_with(ok_user()).mount(&server).await;
    let waits = Waits::default();
    let _: User = client(&server, &waits).get("1").await.unwrap();
    let waits = waits.taken();
    // Base 8 ms, doubling, with jitter in the upper half.
    assert!(waits[0] >= Duration::from_millis(4) && waits[0] <= Duration::from_millis(8), "{waits:?}");
    assert!(waits[1] >= Duration::from_millis(8) && waits[1] <= Duration::from_millis(16), "{waits:?}");
}

#[tokio::test]
async fn retries_stop_at_the_maximum_and_the_error_keeps_status_code_request_id_and_attempts() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("request-id", "5b0e2c1a")
                .set_body_string(r#"{"error": {"code": "TooManyRequests", "message": "Slow down"}}"#),
        )
        .mount(&server)
        .await;
    let waits = Waits::default();
    let client = builder(&server, &waits)
        .retry(RetryPolicy::default().max_attempts(3).base_delay(Duration::from_millis(1)))
        .build()
        .unwrap();
    let error = client.get::<User>("1").await.unwrap_err();
    assert_eq!(error.status(), Some(http::StatusCode::TOO_MANY_REQUESTS));
    assert_eq!(error.service_error().unwrap().code, "TooManyRequests");
    assert_eq!(error.service_error().unwrap().message, "Slow down");
    assert_eq!(error.request_id(), Some("5b0e2c1a"));
    let context = error.context().unwrap();
    assert_eq!((context.method.as_str(), context.attempts), ("GET", 3));
    assert_eq!(context.url, format!("{}/users/1", common::root(&server)));
    assert_eq!(waits.taken().len(), 2);
    assert_eq!(received(&server).await.len(), 3);
    let text = error.to_string();
    assert!(
        text.contains("429") && text.contains("3 attempts") && text.contains("request-id 5b0e2c1a"),
        "{text}"
    );
}

#[tokio::test]
async fn a_wait_beyond_the_budget_is_not_taken() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "100"))
        .mount(&server)
        .await;
    let waits = Waits::default();
    let client = builder(&server, &waits)
        .retry(RetryPolicy::default().budget(Duration::from_secs(10)))
        .build()
        .unwrap();
    let error = client.get::<User>("1").await.unwrap_err();
    assert_eq!(error.status(), Some(http::StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(error.context().unwrap().attempts, 1);
    assert!(waits.taken().is_empty());
}

#[tokio::test]
async fn a_post_is_not_retried_on_500_nor_504() {
    for status in [500, 504] {
        let server = MockServer::start().await;
        Mock::given(method("POST")).respond_with(ResponseTemplate::new(status)).mount(&server).await;
        let waits = Waits::default();
        let error = client(&server, &waits).create(&user("1", "Adele")).await.unwrap_err();
        assert_eq!(error.status().map(|status| status.as_u16()), Some(status));
        assert_eq!(error.context().unwrap().attempts, 1);
        assert_eq!(received(&server).await.len(), 1, "{status}");
        assert!(waits.taken().is_empty());
    }
}

#[tokio::test]
async fn a_post_throttled_with_429_or_503_is_sent_again_with_its_whole_body() {
    let server = MockServer::start().await;
    for status in [429, 503] {
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(status).insert_header("retry-after", "0"))
            .up_to_n_times(1)
            .mount(&server)
            .await;
    }
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_body_string(r#"{"id": "9", "displayName": "Adele"}"#))
        .mount(&server)
        .await;
    let waits = Waits::default();
    let created =
        client(&server, &waits).create(&User { id: None, display_name: Some("Adele".into()) }).await.unwrap();
    assert_eq!(created, user("9", "Adele"));
    let requests = received(&server).await;
    assert_eq!(requests.len(), 3);
    for request in &requests {
        assert_eq!(request.body, br##"{"@odata.type":"#microsoft.graph.user","displayName":"Adele"}"##);
        assert_eq!(header(request, "content-length"), Some("61"));
    }
}

#[tokio::test]
async fn a_request_that_times_out_says_so_after_its_attempts() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ok_user().set_delay(Duration::from_secs(3))).mount(&server).await;
    let waits = Waits::default();
    let client = builder(&server, &waits)
        .timeout(Duration::from_millis(150))
        .retry(RetryPolicy::default().max_attempts(2).base_delay(Duration::from_millis(1)))
        .build()
        .unwrap();
    let error = client
        .list::<User>()
        .query([("$filter", "mail eq 'secret@contoso.example'")])
        .items()
        .try_next()
        .await
        .unwrap_err();
    assert!(error.is_timeout(), "{error}");
    assert_eq!(error.context().unwrap().attempts, 2);
    let text = error.to_string();
    assert!(text.contains("timed out") && text.contains("/users?$filter=..."), "{text}");
    assert!(!text.contains("secret"), "the query's values stay out of the message: {text}");
}

#[tokio::test]
async fn a_service_that_is_not_there_is_a_connect_error_naming_the_request() {
    let address = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    // The listener is dropped: nothing listens on the port any more.
    let client = odata::client::Client::builder(odata::Service::new(format!("http://{address}/v1.0")))
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let error = client.get::<User>("1").await.unwrap_err();
    assert!(
        matches!(&error, odata::Error::Request { source, .. }
        if matches!(**source, odata::Error::Transport { kind: odata::TransportKind::Connect, .. })),
        "{error:?}"
    );
    assert!(error.to_string().contains(&format!("GET http://{address}/v1.0/users/1")), "{error}");
}
