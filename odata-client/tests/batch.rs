//! `$batch` through the client against a loopback server that answers as Graph does: items by
//! id (here in reverse order), `424` for a dependent whose prerequisite failed, and per item
//! whatever the test's script says.

mod common;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{client, received, user, User, Waits};
use odata::batch::{Batch, Handle};
use odata::Service;
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// What the script answers for one item: status, headers, body.
type Answer = (u16, Vec<(&'static str, String)>, Value);

/// The items of each `$batch` request received, as sent.
#[derive(Clone, Default)]
struct Log(Arc<Mutex<Vec<Vec<Value>>>>);

impl Log {
    fn batches(&self) -> Vec<Vec<Value>> {
        self.0.lock().unwrap().clone()
    }

    fn ids(&self) -> Vec<Vec<String>> {
        self.batches()
            .iter()
            .map(|batch| batch.iter().map(|item| item["id"].as_str().unwrap().to_owned()).collect())
            .collect()
    }
}

/// Mounts a `$batch` endpoint: `script(item, times this id was seen before)` answers each item,
/// except that a dependent of an item that did not succeed in the same request gets `424`
/// where the script would have it succeed.
async fn mount_batch(
    server: &MockServer,
    script: impl Fn(&Value, usize) -> Answer + Send + Sync + 'static,
) -> Log {
    let log = Log::default();
    let seen: Mutex<HashMap<String, usize>> = Mutex::default();
    let kept = log.clone();
    Mock::given(method("POST"))
        .and(path("/v1.0/$batch"))
        .respond_with(move |request: &Request| {
            let body: Value = serde_json::from_slice(&request.body).unwrap();
            let items = body["requests"].as_array().unwrap().clone();
            kept.0.lock().unwrap().push(items.clone());
            let mut failed: Vec<String> = Vec::new();
            let mut answers = Vec::new();
            for item in &items {
                let id = item["id"].as_str().unwrap().to_owned();
                let times = {
                    let mut seen = seen.lock().unwrap();
                    let times = seen.entry(id.clone()).or_default();
                    *times += 1;
                    *times - 1
                };
                let blocked = item["dependsOn"].as_array().is_some_and(|after| {
                    after.iter().any(|p| failed.iter().any(|f| f == p.as_str().unwrap()))
                });
                let (status, headers, body) = match script(item, times) {
                    // Throttling comes first; a dependent that would run fails instead.
                    (200..=299, ..) if blocked => (
                        424,
                        vec![],
                        json!({"error": {"code": "BadRequest", "message": "Failed dependency"}}),
                    ),
                    answer => answer,
                };
                if !(200..300).contains(&status) {
                    failed.push(id.clone());
                }
                let headers: serde_json::Map<String, Value> = headers
                    .into_iter()
                    .map(|(name, value)| (name.to_owned(), Value::String(value)))
                    .collect();
                answers.push(json!({"id": id, "status": status, "headers": headers, "body": body}));
            }
            answers.reverse();
            ResponseTemplate::new(200).set_body_json(json!({"responses": answers}))
        })
        .mount(server)
        .await;
    log
}

fn created(item: &Value) -> Answer {
    let name = item["body"]["displayName"].as_str().unwrap_or_default();
    let id = format!("id-{}", item["id"].as_str().unwrap());
    (201, vec![("request-id", format!("r-{id}"))], json!({"id": id, "displayName": name}))
}

fn throttled(seconds: u64) -> Answer {
    (
        429,
        vec![("retry-after", seconds.to_string())],
        json!({"error": {"code": "TooManyRequests", "message": "Slow down"}}),
    )
}

fn creates(service: &Service, batch: &mut Batch, count: usize) -> Vec<Handle<User>> {
    (0..count)
        .map(|n| {
            let new = User { id: None, display_name: Some(format!("User {n}")) };
            batch.add::<User>(service.create(&new)).unwrap()
        })
        .collect()
}

#[tokio::test]
async fn forty_five_requests_go_in_three_batches_and_each_handle_reads_its_own_result() {
    let server = MockServer::start().await;
    let log = mount_batch(&server, |item, _| created(item)).await;
    let client = client(&server, &Waits::default());
    let mut batch = Batch::new(client.service());
    let handles = creates(client.service(), &mut batch, 45);

    let responses = client.send_batch(&batch).await.unwrap();
    let sizes: Vec<usize> = log.batches().iter().map(Vec::len).collect();
    assert_eq!(sizes, [20, 20, 5]);
    for (n, handle) in handles.iter().enumerate() {
        let user = handle.read(&responses).unwrap();
        assert_eq!(user.display_name, Some(format!("User {n}")));
        assert_eq!(user.id, Some(format!("id-{}", n + 1)));
    }
    let item = &log.batches()[0][0];
    assert_eq!(item["method"], "POST");
    assert_eq!(item["url"], "/users");
    assert!(item["headers"].get("authorization").is_none());
    // The token goes on the `$batch` request itself.
    let requests = received(&server).await;
    assert!(requests.iter().all(|request| common::header(request, "authorization") == Some("Bearer t0ken")));

    // The limit is settable.
    let log_len = log.batches().len();
    client.batch(&batch).max_items(10).send().await.unwrap();
    let sizes: Vec<usize> = log.batches()[log_len..].iter().map(Vec::len).collect();
    assert_eq!(sizes, [10, 10, 10, 10, 5]);
}

#[tokio::test]
async fn throttled_items_are_sent_again_after_their_own_retry_after_with_the_same_id_and_body() {
    let server = MockServer::start().await;
    let log = mount_batch(&server, |item, times| match (item["id"].as_str().unwrap(), times) {
        ("2", 0) => throttled(1),
        ("5" | "7", 0) => throttled(3),
        _ => created(item),
    })
    .await;
    let waits = Waits::default();
    let client = client(&server, &waits);
    let mut batch = Batch::new(client.service());
    let handles = creates(client.service(), &mut batch, 10);

    let responses = client.send_batch(&batch).await.unwrap();
    assert_eq!(log.ids()[1..], [vec!["2"], vec!["5", "7"]]);
    // The whole wait before "5" and "7" is their 3 seconds: 1, then 2 more.
    let waits = waits.taken();
    assert_eq!(waits.len(), 2, "{waits:?}");
    assert!(waits[0] <= Duration::from_secs(1) && waits[0] > Duration::from_millis(900), "{waits:?}");
    assert!(waits[0] + waits[1] <= Duration::from_secs(3), "{waits:?}");
    assert!(waits[0] + waits[1] > Duration::from_millis(2900), "{waits:?}");
    let first: HashMap<String, String> = log.batches()[0]
        .iter()
        .map(|item| (item["id"].as_str().unwrap().to_owned(), item.to_string()))
        .collect();
    for again in log.batches()[1..].iter().flatten() {
        assert_eq!(again.to_string(), first[again["id"].as_str().unwrap()], "sent again byte for byte");
    }
    for (n, handle) in handles.iter().enumerate() {
        assert_eq!(handle.read(&responses).unwrap().display_name, Some(format!("User {n}")));
    }
    assert_eq!(responses.get("2").unwrap().attempts(), 2);
    assert_eq!(responses.get("3").unwrap().attempts(), 1);
}

#[tokio::test]
async fn an_item_throttled_more_often_than_the_policy_allows_fails_with_its_429_alone() {
    let server = MockServer::start().await;
    let log = mount_batch(&server, |item, _| match item["id"].as_str().unwrap() {
        "1" => throttled(0),
        _ => created(item),
    })
    .await;
    let client = client(&server, &Waits::default()); // 4 attempts
    let mut batch = Batch::new(client.service());
    let handles = creates(client.service(), &mut batch, 3);
    let responses = client.send_batch(&batch).await.unwrap();
    assert_eq!(log.ids(), [vec!["1", "2", "3"], vec!["1"], vec!["1"], vec!["1"]]);
    let error = handles[0].read(&responses).unwrap_err();
    assert_eq!(error.status(), Some(http::StatusCode::TOO_MANY_REQUESTS));
    assert_eq!(error.context().unwrap().attempts, 4);
    assert!(handles[1].read(&responses).is_ok() && handles[2].read(&responses).is_ok());
}

#[tokio::test]
async fn a_chain_of_five_stays_in_one_batch_and_a_chain_longer_than_the_limit_is_refused() {
    let server = MockServer::start().await;
    let log = mount_batch(&server, |item, _| created(item)).await;
    let client = client(&server, &Waits::default());
    let service = client.service().clone();
    let mut batch = Batch::new(&service);
    creates(&service, &mut batch, 18);
    let mut previous = batch.add::<User>(service.create(&user("c", "Chain 0"))).unwrap();
    for n in 1..5 {
        let next = service.create(&User { id: None, display_name: Some(format!("Chain {n}")) });
        previous = batch.add_after::<User>(next, &[previous.id()]).unwrap();
    }
    creates(&service, &mut batch, 3);
    client.send_batch(&batch).await.unwrap();
    let chain: Vec<String> = (19..24).map(|n| n.to_string()).collect();
    let ids = log.ids();
    let holding: Vec<&Vec<String>> =
        ids.iter().filter(|ids| ids.iter().any(|id| chain.contains(id))).collect();
    assert_eq!(holding.len(), 1, "{ids:?}");
    assert!(chain.iter().all(|id| holding[0].contains(id)), "{ids:?}");
    assert!(ids.iter().all(|ids| ids.len() <= 20), "{ids:?}");
    let chained = &log.batches().concat();
    let fourth = chained.iter().find(|item| item["id"] == "22").unwrap();
    assert_eq!(fourth["dependsOn"], json!(["21"]));

    let before = received(&server).await.len();
    let error = client.batch(&batch).max_items(4).send().await.unwrap_err().to_string();
    assert!(error.contains("`19`, `20`, `21`, `22`, `23`") && error.contains("more than the 4"), "{error}");
    assert_eq!(received(&server).await.len(), before, "nothing is sent");
}

#[tokio::test]
async fn dependents_of_a_failed_item_get_424_and_are_not_sent_again() {
    let server = MockServer::start().await;
    let log = mount_batch(&server, |item, _| match item["id"].as_str().unwrap() {
        "1" => (
            400,
            vec![("request-id", "r-1".to_owned())],
            json!({"error": {"code": "invalidRequest", "message": "No."}}),
        ),
        _ => created(item),
    })
    .await;
    let client = client(&server, &Waits::default());
    let service = client.service().clone();
    let mut batch = Batch::new(&service);
    let first = batch.add::<User>(service.create(&user("a", "A"))).unwrap();
    let second = batch.add_after::<User>(service.create(&user("b", "B")), &[first.id()]).unwrap();
    let third = batch.add_after::<User>(service.create(&user("c", "C")), &[second.id()]).unwrap();
    let other = batch.add::<User>(service.create(&user("d", "D"))).unwrap();
    let responses = client.send_batch(&batch).await.unwrap();
    assert_eq!(log.ids(), [vec!["1", "2", "3", "4"]]);
    let error = first.read(&responses).unwrap_err();
    assert_eq!((error.status().unwrap().as_u16(), error.request_id()), (400, Some("r-1")));
    for dependent in [&second, &third] {
        assert_eq!(dependent.read(&responses).unwrap_err().status().unwrap().as_u16(), 424);
    }
    assert!(other.read(&responses).is_ok(), "a failure never takes the others down");
}

#[tokio::test]
async fn a_dependent_waiting_longer_than_its_failed_prerequisite_is_answered_424_without_being_sent() {
    let server = MockServer::start().await;
    let log = mount_batch(&server, |item, times| match (item["id"].as_str().unwrap(), times) {
        ("1", 0) => throttled(1),
        ("1", _) => (400, vec![], json!({"error": {"code": "invalidRequest", "message": "No."}})),
        ("2", 0) => throttled(5),
        _ => created(item),
    })
    .await;
    let client = client(&server, &Waits::default());
    let service = client.service().clone();
    let mut batch = Batch::new(&service);
    let first = batch.add::<User>(service.get::<User>("1")).unwrap();
    let second = batch.add_after::<User>(service.get::<User>("2"), &[first.id()]).unwrap();
    let responses = client.send_batch(&batch).await.unwrap();
    // "2" was throttled by the service itself, so it was not a 424; it waits 5 s, "1" 1 s and fails.
    assert_eq!(log.ids(), [vec!["1", "2"], vec!["1"]]);
    let error = second.read(&responses).unwrap_err();
    assert_eq!(error.status().unwrap().as_u16(), 424);
    assert_eq!(error.service_error().unwrap().code, "failedDependency");
    assert!(error.to_string().contains("depends on `1`"), "{error}");
}

#[tokio::test]
async fn a_throttled_prerequisite_takes_its_dependents_along_when_it_is_sent_again() {
    let server = MockServer::start().await;
    let log = mount_batch(&server, |item, times| match (item["id"].as_str().unwrap(), times) {
        ("1", 0) => throttled(2),
        _ => created(item),
    })
    .await;
    let client = client(&server, &Waits::default());
    let service = client.service().clone();
    let mut batch = Batch::new(&service);
    let first = batch.add::<User>(service.create(&user("a", "A"))).unwrap();
    let second = batch.add_after::<User>(service.create(&user("b", "B")), &[first.id()]).unwrap();
    let responses = client.send_batch(&batch).await.unwrap();
    assert_eq!(log.ids(), [vec!["1", "2"], vec!["1", "2"]]);
    assert_eq!(log.batches()[1][1]["dependsOn"], json!(["1"]));
    assert!(first.read(&responses).is_ok() && second.read(&responses).is_ok());
    assert_eq!(
        responses.get("2").unwrap().attempts(),
        1,
        "the 424 while its prerequisite waited is not counted"
    );
}

#[tokio::test]
async fn a_whole_batch_answered_429_waits_and_is_sent_again() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1.0/$batch"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "2"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    let log = mount_batch(&server, |item, _| created(item)).await;
    let waits = Waits::default();
    let client = client(&server, &waits);
    let mut batch = Batch::new(client.service());
    let handles = creates(client.service(), &mut batch, 3);
    let responses = client.send_batch(&batch).await.unwrap();
    assert_eq!(waits.taken(), [Duration::from_secs(2)]);
    assert_eq!(received(&server).await.len(), 2);
    assert_eq!(log.ids(), [vec!["1", "2", "3"]]);
    assert!(handles.iter().all(|handle| handle.read(&responses).is_ok()));
}

#[tokio::test]
async fn a_batch_request_that_fails_for_good_is_the_error_of_its_items_only() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1.0/$batch"))
        .respond_with(
            ResponseTemplate::new(400)
                .insert_header("request-id", "whole")
                .set_body_string(r#"{"error": {"code": "BadRequest", "message": "Invalid batch"}}"#),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    mount_batch(&server, |item, _| created(item)).await;
    let client = client(&server, &Waits::default());
    let mut batch = Batch::new(client.service());
    let handles = creates(client.service(), &mut batch, 25);
    let responses = client.send_batch(&batch).await.unwrap();
    for handle in &handles[..20] {
        let error = handle.read(&responses).unwrap_err();
        assert_eq!(error.status().unwrap().as_u16(), 400);
        assert_eq!(error.service_error().unwrap().message, "Invalid batch");
        assert!(error.to_string().contains("$batch"), "{error}");
    }
    assert!(handles[20..].iter().all(|handle| handle.read(&responses).is_ok()));
}

#[tokio::test]
async fn a_post_answered_500_or_504_is_not_sent_again_but_a_get_answered_504_is() {
    let server = MockServer::start().await;
    let log = mount_batch(&server, |item, times| match (item["id"].as_str().unwrap(), times) {
        ("1", _) => (500, vec![], json!({"error": {"code": "generalException", "message": "Oops"}})),
        ("2", _) => (504, vec![], json!({"error": {"code": "gatewayTimeout", "message": "Late"}})),
        ("3", 0) => (504, vec![("retry-after", "0".to_owned())], json!({})),
        _ => (200, vec![], json!({"id": "3", "displayName": "Read"})),
    })
    .await;
    let client = client(&server, &Waits::default());
    let service = client.service().clone();
    let mut batch = Batch::new(&service);
    let post_500 = batch.add::<User>(service.create(&user("a", "A"))).unwrap();
    let post_504 = batch.add::<User>(service.create(&user("b", "B"))).unwrap();
    let get_504 = batch.add::<User>(service.get::<User>("3")).unwrap();
    let responses = client.send_batch(&batch).await.unwrap();
    assert_eq!(log.ids(), [vec!["1", "2", "3"], vec!["3"]]);
    let error = post_500.read(&responses).unwrap_err();
    assert_eq!((error.status().unwrap().as_u16(), error.context().unwrap().attempts), (500, 1));
    assert_eq!(post_504.read(&responses).unwrap_err().status().unwrap().as_u16(), 504);
    assert_eq!(get_504.read(&responses).unwrap().display_name.as_deref(), Some("Read"));
}

#[tokio::test]
async fn concurrent_batch_requests_gather_every_answer() {
    let server = MockServer::start().await;
    let log = mount_batch(&server, |item, _| created(item)).await;
    let client = client(&server, &Waits::default());
    let mut batch = Batch::new(client.service());
    let handles = creates(client.service(), &mut batch, 95);
    let responses = client.batch(&batch).concurrency(3).send().await.unwrap();
    assert_eq!(log.batches().len(), 5);
    for (n, handle) in handles.iter().enumerate() {
        assert_eq!(handle.read(&responses).unwrap().display_name, Some(format!("User {n}")));
    }
}

#[tokio::test]
async fn an_item_whose_retry_after_ends_past_the_budget_is_not_sent_again() {
    let server = MockServer::start().await;
    let log = mount_batch(&server, |item, _| match item["id"].as_str().unwrap() {
        "1" => throttled(600),
        _ => created(item),
    })
    .await;
    let waits = Waits::default();
    let client = client(&server, &waits); // a budget of 2 minutes
    let mut batch = Batch::new(client.service());
    let handles = creates(client.service(), &mut batch, 2);
    let responses = client.send_batch(&batch).await.unwrap();
    assert_eq!(log.ids(), [vec!["1", "2"]]);
    assert!(waits.taken().is_empty());
    let error = handles[0].read(&responses).unwrap_err();
    assert_eq!((error.status().unwrap().as_u16(), error.context().unwrap().attempts), (429, 1));
    assert!(handles[1].read(&responses).is_ok());
}
