//! Listings across pages through the client, on a loopback server.

mod common;

use common::{client, header, received, user, Group, User, Waits};
use futures_util::TryStreamExt;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Mounts three pages of two users at `/v1.0/users`, linked by `$skiptoken`; `page_two`
/// answers the second.
async fn three_pages(server: &MockServer, page_two: ResponseTemplate) {
    let root = common::root(server);
    Mock::given(method("GET"))
        .and(path("/v1.0/users"))
        .and(query_param_is_missing("$skiptoken"))
        .respond_with(ResponseTemplate::new(200).set_body_string(format!(
            r#"{{"@odata.count": 6, "value": [{{"id": "1", "displayName": "A"}}, {{"id": "2", "displayName": "B"}}],
                "@odata.nextLink": "{root}/users?$count=true&$skiptoken=p2"}}"#
        )))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users"))
        .and(query_param("$skiptoken", "p2"))
        .respond_with(page_two)
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users"))
        .and(query_param("$skiptoken", "p3"))
        .respond_with(ResponseTemplate::new(200).set_body_string(format!(
            r#"{{"value": [{{"id": "5", "displayName": "E"}}, {{"id": "6", "displayName": "F"}}],
                "@odata.deltaLink": "{root}/users/delta?$deltatoken=d"}}"#
        )))
        .mount(server)
        .await;
}

fn good_page_two(server: &MockServer) -> ResponseTemplate {
    let root = common::root(server);
    ResponseTemplate::new(200).set_body_string(format!(
        r#"{{"value": [{{"id": "3", "displayName": "C"}}, {{"id": "4", "displayName": "D"}}],
            "@odata.nextLink": "{root}/users?$count=true&$skiptoken=p3"}}"#
    ))
}

#[tokio::test]
async fn a_three_page_listing_streams_every_item_with_the_consistency_header_on_every_page() {
    let server = MockServer::start().await;
    three_pages(&server, good_page_two(&server)).await;
    let users: Vec<User> = client(&server, &Waits::default())
        .list::<User>()
        .query([("$count", "true")])
        .header("ConsistencyLevel", "eventual")
        .items()
        .try_collect()
        .await
        .unwrap();
    let names: Vec<_> = users.iter().map(|user| user.display_name.as_deref().unwrap()).collect();
    assert_eq!(names, ["A", "B", "C", "D", "E", "F"]);

    let requests = received(&server).await;
    assert_eq!(requests.len(), 3);
    let mut ids = Vec::new();
    for request in &requests {
        assert_eq!(header(request, "consistencylevel"), Some("eventual"), "{}", request.url);
        assert_eq!(header(request, "authorization"), Some("Bearer t0ken"), "{}", request.url);
        ids.push(header(request, "client-request-id").unwrap().to_owned());
    }
    ids.dedup();
    assert_eq!(ids.len(), 3, "each page is its own request: {ids:?}");
}

#[tokio::test]
async fn pages_come_one_at_a_time_with_count_and_delta_link() {
    let server = MockServer::start().await;
    three_pages(&server, good_page_two(&server)).await;
    let mut pages = client(&server, &Waits::default()).list::<User>().pages();
    let first = pages.next_page().await.unwrap().unwrap();
    assert_eq!((first.value.len(), first.count), (2, Some(6)));
    assert_eq!(received(&server).await.len(), 1, "the second page is asked for only when wanted");
    let second = pages.next_page().await.unwrap().unwrap();
    assert_eq!(second.value, [user("3", "C"), user("4", "D")]);
    assert_eq!(pages.delta_link(), None);
    let third = pages.next_page().await.unwrap().unwrap();
    assert_eq!(third.value.len(), 2);
    assert_eq!(
        pages.delta_link(),
        Some(format!("{}/users/delta?$deltatoken=d", common::root(&server)).as_str())
    );
    assert!(pages.next_page().await.is_none());
}

#[tokio::test]
async fn an_error_on_page_two_keeps_status_code_message_and_request_id_after_the_first_page() {
    let server = MockServer::start().await;
    let page_two = ResponseTemplate::new(403).insert_header("request-id", "0c6b7f2e").set_body_string(
        r#"{"error": {"code": "Authorization_RequestDenied", "message": "Insufficient privileges"}}"#,
    );
    three_pages(&server, page_two).await;
    let mut items = client(&server, &Waits::default()).list::<User>().items();
    assert_eq!(items.try_next().await.unwrap(), Some(user("1", "A")));
    assert_eq!(items.try_next().await.unwrap(), Some(user("2", "B")));
    let error = items.try_next().await.unwrap_err();
    assert_eq!(error.status(), Some(http::StatusCode::FORBIDDEN));
    let service_error = error.service_error().unwrap();
    assert_eq!(service_error.code, "Authorization_RequestDenied");
    assert_eq!(service_error.message, "Insufficient privileges");
    assert_eq!(error.request_id(), Some("0c6b7f2e"));
    let context = error.context().unwrap();
    assert_eq!((context.page, context.attempts), (Some(2), 1));
    assert!(context.client_request_id.is_some());
    assert_eq!(context.url, format!("{}/users?$count=...&$skiptoken=...", common::root(&server)));
    assert!(items.try_next().await.unwrap().is_none(), "the stream ends with the error");
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn a_malformed_page_names_the_page_and_the_property() {
    let server = MockServer::start().await;
    let page_two =
        ResponseTemplate::new(200).set_body_string(r#"{"value": [{"id": "3", "displayName": 3}]}"#);
    three_pages(&server, page_two).await;
    let result: Result<Vec<User>, _> =
        client(&server, &Waits::default()).list::<User>().items().try_collect().await;
    let error = result.unwrap_err();
    let text = error.to_string();
    assert!(text.contains("page 2"), "{text}");
    assert!(text.contains("property `value`") && text.contains("property `displayName`"), "{text}");
    assert!(
        matches!(&error, odata::Error::Request { source, .. } if matches!(**source, odata::Error::Body { .. }))
    );
}

#[tokio::test]
async fn a_throttled_page_is_retried_with_the_listing_headers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(query_param("$skiptoken", "p2"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "2"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    three_pages(&server, good_page_two(&server)).await;
    let waits = Waits::default();
    let users: Vec<User> = client(&server, &waits)
        .list::<User>()
        .header("ConsistencyLevel", "eventual")
        .items()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(users.len(), 6);
    assert_eq!(waits.taken(), [std::time::Duration::from_secs(2)]);
    let requests = received(&server).await;
    assert_eq!(requests.len(), 4);
    assert!(requests.iter().all(|request| header(request, "consistencylevel") == Some("eventual")));
}

#[tokio::test]
async fn a_next_link_to_another_host_is_not_followed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(
            r#"{"value": [{"id": "1"}], "@odata.nextLink": "http://127.0.0.2:1/v1.0/users?$skiptoken=s3cret"}"#,
        ))
        .mount(&server)
        .await;
    let mut items = client(&server, &Waits::default()).list::<User>().items();
    assert!(items.try_next().await.unwrap().is_some());
    let error = items.try_next().await.unwrap_err();
    assert!(
        matches!(&error, odata::Error::Request { source, .. } if matches!(**source, odata::Error::ForeignLink { .. })),
        "{error:?}"
    );
    assert_eq!(error.context().unwrap().page, Some(2));
    let text = error.to_string();
    assert!(
        text.contains("page 2") && text.contains("http://127.0.0.2:1/v1.0/users?$skiptoken=..."),
        "{text}"
    );
    assert!(!text.contains("s3cret") && !format!("{error:?}").contains("s3cret"), "{error:?}");
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn a_contained_collection_lists_by_its_path() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/groups/g%2F1/members"))
        .respond_with(
            ResponseTemplate::new(200).set_body_string(r#"{"value": [{"id": "1", "displayName": "A"}]}"#),
        )
        .mount(&server)
        .await;
    let client = client(&server, &Waits::default());
    let at_members = client.service().entity::<Group>("g/1").navigate::<User>("members");
    let members: Vec<User> = client.list_at(&at_members).items().try_collect().await.unwrap();
    assert_eq!(members, [user("1", "A")]);
}

#[tokio::test]
async fn a_typed_query_sends_its_options_and_its_consistency_level_on_every_page() {
    let server = MockServer::start().await;
    three_pages(&server, good_page_two(&server)).await;
    let user = User::fields();
    let query =
        odata::query::Query::<User>::new().filter(user.display_name.ends_with("O'Neil & Co")).count(true);
    let users: Vec<User> =
        client(&server, &Waits::default()).list::<User>().query(&query).items().try_collect().await.unwrap();
    assert_eq!(users.len(), 6);
    let requests = received(&server).await;
    let first = &requests[0];
    let filter =
        first.url.query_pairs().find(|(name, _)| name == "$filter").map(|(_, value)| value.into_owned());
    assert_eq!(filter.as_deref(), Some("endswith(displayName,'O''Neil & Co')"));
    assert!(requests.iter().all(|request| header(request, "consistencylevel") == Some("eventual")));
}
