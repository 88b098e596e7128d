//! Delta sync through the client against a loopback server: pages of changes, a stored link
//! resumed, and a `410 Gone` answered with a fresh enumeration or an error.

mod common;

use common::{client, header, received, root, User, Waits};
use odata::client::Client;
use odata::delta::{DeltaEvent, DeltaLink, OnExpiry, RemovalReason};
use serde_json::json;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn page(body: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

/// The full enumeration: three pages, the second with a removal, the last with a delta link.
async fn mount_enumeration(server: &MockServer) {
    let root = root(server);
    Mock::given(method("GET"))
        .and(path("/v1.0/users/delta"))
        .and(query_param("$select", "displayName"))
        .respond_with(page(json!({
            "value": [{"id": "1", "displayName": "Adele"}, {"id": "2", "displayName": "Bob"}],
            "@odata.nextLink": format!("{root}/users/delta?$skiptoken=p2")
        })))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users/delta"))
        .and(query_param("$skiptoken", "p2"))
        .respond_with(page(json!({
            "value": [{"id": "3", "@removed": {"reason": "deleted"}}, {"id": "4"}],
            "@odata.nextLink": format!("{root}/users/delta?$skiptoken=p3")
        })))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users/delta"))
        .and(query_param("$skiptoken", "p3"))
        .respond_with(page(json!({
            "value": [{"id": "5", "displayName": "Eve"}],
            "@odata.deltaLink": format!("{root}/users/delta?$deltatoken=t1")
        })))
        .mount(server)
        .await;
}

/// Every event, in order, as text; and the link of the last.
async fn walk(
    client: &Client,
    link: Option<&DeltaLink>,
    on_expiry: OnExpiry,
) -> (Vec<String>, Option<DeltaLink>) {
    let request = match link {
        Some(link) => client.resume_delta::<User>(link),
        None => client.delta::<User>().query([("$select", "displayName")]).header("Prefer", "return=minimal"),
    };
    let mut changes = request.on_expiry(on_expiry).changes();
    let mut events = Vec::new();
    let mut last = None;
    loop {
        match changes.try_next().await {
            Ok(Some(DeltaEvent::Upserted(user))) => {
                events.push(format!("upsert {} {:?}", user.id.unwrap(), user.display_name))
            }
            Ok(Some(DeltaEvent::Removed(removed))) => {
                assert_eq!(removed.reason, RemovalReason::Deleted);
                events.push(format!("remove {}", removed.id));
            }
            Ok(Some(DeltaEvent::Resync(resync))) => {
                events.push(format!("resync {:?} {}", resync.code, resync.followed_location))
            }
            Ok(Some(DeltaEvent::Done(link))) => {
                events.push("done".to_owned());
                last = Some(link);
            }
            Ok(Some(other)) => panic!("{other:?}"),
            Ok(None) => break,
            Err(error) => {
                events.push(format!("error {}", error.status().map_or(0, |status| status.as_u16())));
                assert!(changes.try_next().await.unwrap().is_none(), "the walk ends after an error");
                break;
            }
        }
    }
    assert_eq!(changes.delta_link(), last.as_ref());
    (events, last)
}

const ENUMERATION: [&str; 6] = [
    "upsert 1 Some(\"Adele\")",
    "upsert 2 Some(\"Bob\")",
    "remove 3",
    "upsert 4 None",
    "upsert 5 Some(\"Eve\")",
    "done",
];

#[tokio::test]
async fn three_pages_of_changes_end_with_a_link_and_every_page_repeats_the_headers() {
    let server = MockServer::start().await;
    mount_enumeration(&server).await;
    let client = client(&server, &Waits::default());
    let (events, link) = walk(&client, None, OnExpiry::Resync).await;
    assert_eq!(events, ENUMERATION);
    assert_eq!(link.unwrap().as_str(), format!("{}/users/delta?$deltatoken=t1", root(&server)));
    let requests = received(&server).await;
    assert_eq!(requests.len(), 3);
    assert!(requests.iter().all(|request| header(request, "prefer") == Some("return=minimal")));
    assert!(requests.iter().all(|request| header(request, "authorization") == Some("Bearer t0ken")));
}

#[tokio::test]
async fn a_stored_link_resumes_with_the_headers_of_its_sync() {
    let server = MockServer::start().await;
    mount_enumeration(&server).await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users/delta"))
        .and(query_param("$deltatoken", "t1"))
        .respond_with(page(json!({
            "value": [{"id": "1", "displayName": "Adele Vance"}],
            "@odata.deltaLink": format!("{}/users/delta?$deltatoken=t2", root(&server))
        })))
        .mount(&server)
        .await;
    let client = client(&server, &Waits::default());
    let (_, link) = walk(&client, None, OnExpiry::Resync).await;
    let stored = serde_json::to_string(&link.unwrap()).unwrap();

    let link: DeltaLink = serde_json::from_str(&stored).unwrap();
    let (events, next) = walk(&client, Some(&link), OnExpiry::Resync).await;
    assert_eq!(events, ["upsert 1 Some(\"Adele Vance\")", "done"]);
    assert!(next.unwrap().as_str().ends_with("$deltatoken=t2"));
    let resumed = received(&server).await.pop().unwrap();
    assert_eq!(header(&resumed, "prefer"), Some("return=minimal"));

    let error =
        client.resume_delta::<User>(&link).query([("$top", "1")]).changes().try_next().await.unwrap_err();
    assert!(error.to_string().contains("resumed delta sync"), "{error}");
}

async fn mount_gone(server: &MockServer, location: Option<String>) {
    let mut gone = ResponseTemplate::new(410).set_body_json(json!({
        "error": {"code": "syncStateNotFound", "message": "The sync state is gone."}
    }));
    if let Some(location) = location {
        gone = gone.insert_header("location", location.as_str());
    }
    Mock::given(method("GET"))
        .and(path("/v1.0/users/delta"))
        .and(query_param("$deltatoken", "t1"))
        .respond_with(gone)
        .mount(server)
        .await;
}

#[tokio::test]
async fn a_410_says_resync_then_enumerates_everything_again() {
    let server = MockServer::start().await;
    mount_enumeration(&server).await;
    mount_gone(&server, None).await;
    let client = client(&server, &Waits::default());
    let (_, link) = walk(&client, None, OnExpiry::Resync).await;
    let (events, again) = walk(&client, link.as_ref(), OnExpiry::Resync).await;
    let mut expected = vec!["resync Some(\"syncStateNotFound\") false"];
    expected.extend(ENUMERATION);
    assert_eq!(events, expected);
    assert_eq!(again, link, "the same enumeration gives the same link");
    let restart = &received(&server).await[4];
    assert_eq!(restart.url.query(), Some("$select=displayName"));
    assert_eq!(header(restart, "prefer"), Some("return=minimal"));
}

#[tokio::test]
async fn a_410_with_a_location_below_the_root_restarts_there_and_one_elsewhere_is_not_followed() {
    let server = MockServer::start().await;
    mount_enumeration(&server).await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users/delta"))
        .and(query_param("$deltatoken", "fresh"))
        .and(query_param_is_missing("$select"))
        .respond_with(page(json!({
            "value": [{"id": "9"}],
            "@odata.deltaLink": format!("{}/users/delta?$deltatoken=t9", root(&server))
        })))
        .mount(&server)
        .await;
    let client = client(&server, &Waits::default());
    let (_, link) = walk(&client, None, OnExpiry::Resync).await;

    mount_gone(&server, Some(format!("{}/users/delta?$deltatoken=fresh", root(&server)))).await;
    let (events, _) = walk(&client, link.as_ref(), OnExpiry::Resync).await;
    assert_eq!(events, ["resync Some(\"syncStateNotFound\") true", "upsert 9 None", "done"]);

    server.reset().await;
    mount_enumeration(&server).await;
    mount_gone(&server, Some("http://127.0.0.1:1/v1.0/users/delta?$deltatoken=fresh".to_owned())).await;
    let (events, _) = walk(&client, link.as_ref(), OnExpiry::Resync).await;
    assert_eq!(events[0], "resync Some(\"syncStateNotFound\") false");
    assert_eq!(events[1..], ENUMERATION);
}

#[tokio::test]
async fn with_on_expiry_error_a_410_ends_the_walk_with_its_error() {
    let server = MockServer::start().await;
    mount_enumeration(&server).await;
    mount_gone(&server, None).await;
    let client = client(&server, &Waits::default());
    let (_, link) = walk(&client, None, OnExpiry::Resync).await;
    let (events, _) = walk(&client, link.as_ref(), OnExpiry::Error).await;
    assert_eq!(events, ["error 410"]);
    let error = client
        .resume_delta::<User>(link.as_ref().unwrap())
        .on_expiry(OnExpiry::Error)
        .changes()
        .try_next()
        .await;
    let error = error.unwrap_err();
    assert_eq!(error.service_error().unwrap().code, "syncStateNotFound");
    assert_eq!(received(&server).await.len(), 5, "nothing enumerated again");
}

#[tokio::test]
async fn a_second_410_right_after_a_resync_is_an_error_not_a_loop() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(410)
                .set_body_json(json!({"error": {"code": "resyncRequired", "message": "m"}})),
        )
        .mount(&server)
        .await;
    let client = client(&server, &Waits::default());
    let (events, _) = walk(&client, None, OnExpiry::Resync).await;
    assert_eq!(events, ["resync Some(\"resyncRequired\") false", "error 410"]);
    assert_eq!(received(&server).await.len(), 2);
}
