//! Each kind of request through the client, and what arrives at the server.

mod common;

use common::{client, header, received, user, CreateToken, Me, MePatch, User, UserPatch, Waits};
use futures_util::TryStreamExt;
use odata::client::{http_client_builder, Redirects};
use odata::query::Query;
use odata::Change;
use percent_encoding::percent_decode_str;
use wiremock::matchers::{body_string, header as has_header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn hostile_keys_and_filter_values_arrive_intact() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"id": "x", "value": []}"#))
        .mount(&server)
        .await;
    let client = client(&server, &Waits::default());
    let key = "a/b?c#d%2Fe+f 'g'&h=i";
    let _: User = client.get(key).await.unwrap();
    let filter = "displayName eq 'C++ & C#' or mail eq 'a+b@x.example' or city eq '100% ;=?'";
    let _: Vec<User> = client
        .list::<User>()
        .query([("$filter", filter), ("$select", "id,displayName")])
        .items()
        .try_collect()
        .await
        .unwrap();

    let requests = received(&server).await;
    let segment = requests[0].url.path().rsplit('/').next().unwrap();
    assert_eq!(percent_decode_str(segment).decode_utf8().unwrap(), key);
    assert_eq!(requests[0].url.query(), None);
    // Decoded as the service decodes a form: a `+` left as it is would come back a space.
    let options: Vec<(String, String)> =
        requests[1].url.query_pairs().map(|(n, v)| (n.into(), v.into())).collect();
    assert_eq!(
        options,
        [("$filter".to_owned(), filter.to_owned()), ("$select".to_owned(), "id,displayName".to_owned())]
    );
}

#[tokio::test]
async fn hostile_option_names_arrive_intact() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"value": []}"#))
        .mount(&server)
        .await;
    let client = client(&server, &Waits::default());
    let pairs = [("we&ird=key", "v=1"), ("a+b#c%41 d", "x"), ("$top", "2")];
    let _: Vec<User> = client.list::<User>().query(pairs).items().try_collect().await.unwrap();
    let requests = received(&server).await;
    let options: Vec<(String, String)> =
        requests[0].url.query_pairs().map(|(n, v)| (n.into(), v.into())).collect();
    let expected: Vec<(String, String)> =
        pairs.iter().map(|(name, value)| (name.to_string(), value.to_string())).collect();
    assert_eq!(options, expected);
}

#[tokio::test]
async fn create_get_update_delete_and_a_bound_action() {
    let server = MockServer::start().await;
    let body = r##"{"@odata.type":"#microsoft.graph.user","displayName":"Adele"}"##;
    Mock::given(method("POST"))
        .and(path("/v1.0/users"))
        .and(body_string(body))
        .and(has_header("content-type", "application/json"))
        .respond_with(ResponseTemplate::new(201).set_body_string(r#"{"id": "7", "displayName": "Adele"}"#))
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path("/v1.0/users/7"))
        .and(body_string(r##"{"@odata.type":"#microsoft.graph.user","displayName":"Adele V."}"##))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/v1.0/users/7"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1.0/users/7/createToken"))
        .and(body_string(r#"{"tokenValidityInSeconds":60}"#))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"value": "tok"}"#))
        .mount(&server)
        .await;

    let client = client(&server, &Waits::default());
    let created = client.create(&User { id: None, display_name: Some("Adele".into()) }).await.unwrap();
    assert_eq!(created, user("7", "Adele"));
    let patch = UserPatch { display_name: Change::Set("Adele V.".into()), ..Default::default() };
    client.update("7", &patch).await.unwrap();
    let token = client.invoke("7", &CreateToken { token_validity_in_seconds: 60 }).await.unwrap();
    assert_eq!(token, "tok");
    client.delete::<User>("7").await.unwrap();
    let error = client.delete::<User>("8").await.unwrap_err();
    assert_eq!(error.status(), Some(http::StatusCode::NOT_FOUND));
    assert_eq!(error.context().unwrap().method, http::Method::DELETE);
    assert_eq!(received(&server).await.len(), 5);
}

#[tokio::test]
async fn singletons_and_contained_entities_by_path() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/me"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"id": "me", "displayName": "Adele"}"#))
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path("/v1.0/me"))
        .and(body_string(r##"{"@odata.type":"#microsoft.graph.user","displayName":null}"##))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = client(&server, &Waits::default());
    let at_me = client.service().singleton::<Me>();
    let me = client.get_at(&at_me).await.unwrap();
    assert_eq!(me, Me { id: Some("me".into()), display_name: Some("Adele".into()) });
    client.update_at(&at_me, &MePatch { display_name: Change::Null, ..Default::default() }).await.unwrap();
}

#[tokio::test]
async fn an_unknown_status_body_is_kept_in_the_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(502)
                .insert_header("request-id", "r-1")
                .set_body_string("<html>Bad gateway</html>"),
        )
        .mount(&server)
        .await;
    let error = client(&server, &Waits::default()).get::<User>("1").await.unwrap_err();
    assert!(
        matches!(&error, odata::Error::Request { source, .. }
        if matches!(&**source, odata::Error::Status { body, .. } if body.contains("Bad gateway"))),
        "{error:?}"
    );
    assert_eq!(error.request_id(), Some("r-1"));
}

#[tokio::test]
async fn a_raw_request_to_another_origin_carries_no_token() {
    let service = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    for server in [&service, &elsewhere] {
        Mock::given(method("GET")).respond_with(ResponseTemplate::new(200)).mount(server).await;
    }
    let client = client(&service, &Waits::default());
    let to_service =
        http::Request::get(format!("{}/users", common::root(&service))).body(Vec::new()).unwrap();
    let to_elsewhere = http::Request::get(format!("{}/users", elsewhere.uri())).body(Vec::new()).unwrap();
    assert_eq!(client.send(to_service).await.unwrap().status(), 200);
    assert_eq!(client.send(to_elsewhere).await.unwrap().status(), 200);
    assert_eq!(header(&received(&service).await[0], "authorization"), Some("Bearer t0ken"));
    assert_eq!(header(&received(&elsewhere).await[0], "authorization"), None);
    assert!(header(&received(&elsewhere).await[0], "client-request-id").is_some());
}

/// A service whose every GET is redirected with `status` to `location`, and the server there,
/// which answers a user.
async fn redirected(status: u16, location: impl Fn(&MockServer) -> String) -> (MockServer, MockServer) {
    let service = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(status).insert_header("location", location(&elsewhere).as_str()))
        .mount(&service)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"displayName": "from elsewhere"}"#))
        .mount(&elsewhere)
        .await;
    (service, elsewhere)
}

#[tokio::test]
async fn a_redirect_to_another_origin_is_an_error_naming_it_not_an_answer_from_there() {
    let (service, elsewhere) =
        redirected(307, |elsewhere| format!("{}/moved?sig=s3cret", elsewhere.uri())).await;
    let error = client(&service, &Waits::default()).get::<User>("1").await.unwrap_err();
    let odata::Error::Request { source, context } = &error else { panic!("{error:?}") };
    let odata::Error::Redirect { status, location, .. } = &**source else { panic!("{error:?}") };
    assert_eq!(*status, http::StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(location, &format!("{}/moved?sig=...", elsewhere.uri()));
    assert_eq!(context.url, format!("{}/users/1", common::root(&service)));
    assert_eq!(error.status(), Some(http::StatusCode::TEMPORARY_REDIRECT));
    let text = error.to_string();
    assert!(
        text.contains("307") && text.contains("another origin") && text.contains("/moved?sig=..."),
        "{text}"
    );
    assert!(!text.contains("s3cret"), "{text}");
    assert!(received(&elsewhere).await.is_empty(), "nothing goes to the other origin");
    assert_eq!(header(&received(&service).await[0], "authorization"), Some("Bearer t0ken"));
    // Nor is a listing's page read from there.
    let error = client(&service, &Waits::default()).list::<User>().items().try_next().await.unwrap_err();
    assert!(
        matches!(&error, odata::Error::Request { source, .. } if matches!(**source, odata::Error::Redirect { .. }))
    );
    assert!(received(&elsewhere).await.is_empty());
}

#[tokio::test]
async fn a_redirect_to_another_origin_is_followed_when_asked_without_token_nor_referer() {
    let (service, elsewhere) = redirected(302, |elsewhere| format!("{}/moved", elsewhere.uri())).await;
    let client =
        common::builder(&service, &Waits::default()).redirects(Redirects::AnyOrigin).build().unwrap();
    let read: User = client.get("1").await.unwrap();
    assert_eq!(read.display_name.as_deref(), Some("from elsewhere"));
    assert_eq!(header(&received(&service).await[0], "authorization"), Some("Bearer t0ken"));
    let followed = received(&elsewhere).await;
    assert_eq!(followed.len(), 1);
    assert_eq!(followed[0].url.path(), "/moved");
    assert_eq!(header(&followed[0], "authorization"), None);
    assert_eq!(header(&followed[0], "referer"), None);
    assert!(header(&followed[0], "client-request-id").is_some());
}

#[tokio::test]
async fn no_redirect_is_followed_with_never() {
    let service = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users/1"))
        .respond_with(ResponseTemplate::new(301).insert_header("location", "/v1.0/users/2"))
        .mount(&service)
        .await;
    let client = common::builder(&service, &Waits::default()).redirects(Redirects::Never).build().unwrap();
    let error = client.get::<User>("1").await.unwrap_err();
    assert!(error.to_string().contains("follows no redirects"), "{error}");
    assert_eq!(received(&service).await.len(), 1);
}

#[tokio::test]
async fn a_same_origin_redirect_is_followed_with_the_token_as_browsers_do() {
    let service = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users/1"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", "/v1.0/users/2"))
        .mount(&service)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users/2"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"id": "2"}"#))
        .mount(&service)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1.0/users"))
        .respond_with(ResponseTemplate::new(303).insert_header("location", "/v1.0/users/2"))
        .mount(&service)
        .await;
    let client = client(&service, &Waits::default());
    let read: User = client.get("1").await.unwrap();
    assert_eq!(read.id.as_deref(), Some("2"));
    // A 303 to a POST: the created entity is read with a GET, without the body.
    let created = client.create(&user("9", "Adele")).await.unwrap();
    assert_eq!(created.id.as_deref(), Some("2"));
    let requests = received(&service).await;
    let seen: Vec<_> = requests.iter().map(|request| (request.method.as_str(), request.url.path())).collect();
    assert_eq!(
        seen,
        [
            ("GET", "/v1.0/users/1"),
            ("GET", "/v1.0/users/2"),
            ("POST", "/v1.0/users"),
            ("GET", "/v1.0/users/2")
        ]
    );
    assert!(requests.iter().all(|request| header(request, "authorization") == Some("Bearer t0ken")));
    assert!(requests[3].body.is_empty() && header(&requests[3], "content-type").is_none());
}

#[tokio::test]
async fn a_users_own_reqwest_client_sends_and_what_it_follows_elsewhere_is_refused() {
    let (service, _elsewhere) = redirected(302, |elsewhere| format!("{}/moved", elsewhere.uri())).await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users/7"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"id": "7"}"#))
        .with_priority(1)
        .mount(&service)
        .await;
    let mine = http_client_builder().user_agent("contoso-sync/1.0").build().unwrap();
    let client = common::builder(&service, &Waits::default()).http_client(mine).build().unwrap();
    let read: User = client.get("7").await.unwrap();
    assert_eq!(read.id.as_deref(), Some("7"));
    let sent = received(&service).await;
    assert_eq!(header(&sent[0], "user-agent"), Some("contoso-sync/1.0"));
    assert_eq!(header(&sent[0], "authorization"), Some("Bearer t0ken"));

    // A client that follows redirects itself (reqwest's default policy): caught after the fact.
    let follows = odata::client::reqwest::Client::builder().build().unwrap();
    let client = common::builder(&service, &Waits::default()).http_client(follows).build().unwrap();
    let error = client.get::<User>("1").await.unwrap_err();
    assert!(
        matches!(&error, odata::Error::Request { source, .. } if matches!(**source, odata::Error::Redirect { .. })),
        "{error:?}"
    );
    assert!(error.to_string().contains("followed it to another origin itself"), "{error}");

    // A connect timeout belongs to the reqwest client given.
    let mine = http_client_builder().build().unwrap();
    let error = common::builder(&service, &Waits::default())
        .http_client(mine)
        .connect_timeout(std::time::Duration::from_secs(1))
        .build()
        .unwrap_err();
    assert!(error.to_string().contains("set it on that client's builder"), "{error}");
}

#[tokio::test]
async fn a_listing_with_a_bad_header_or_query_says_which_before_sending_anything() {
    // Nothing listens on port 9 of loopback: any request that went out would fail to connect.
    let client = odata::client::Client::new(odata::Service::new("http://127.0.0.1:9/v1.0")).unwrap();
    let error =
        client.list::<User>().header("Consistency Level", "eventual").items().try_next().await.unwrap_err();
    assert!(matches!(error, odata::Error::InvalidRequest { .. }), "{error:?}");
    assert!(error.to_string().contains("`Consistency Level: eventual` is not a valid header"), "{error}");

    let query = odata::client::EncodedQuery::new("$filter=a eq 1");
    let error = client.list::<User>().query(query).pages().next_page().await.unwrap().unwrap_err();
    assert!(error.to_string().contains("the query makes no URL"), "{error}");

    let query = odata::query::Query::<User>::new().top(2).skip_token("");
    let error = client.list::<User>().query(&query).items().try_next().await.unwrap_err();
    assert!(matches!(error, odata::Error::InvalidRequest { .. }), "{error:?}");
    assert!(error.to_string().contains("$skiptoken is empty"), "{error}");
}

#[tokio::test]
async fn every_verb_of_a_path_is_sent_by_execute_with_a_query_on_a_single_entity_too() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users/7"))
        .and(query_param("$select", "displayName"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"displayName": "Adele"}"#))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1.0/users/7/createToken"))
        .and(body_string(r#"{"tokenValidityInSeconds":60}"#))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"value": "t0k3n"}"#))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users"))
        .and(query_param("$filter", "displayName eq 'Adele'"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"value": [{"id": "7"}, {"id": "8"}]}"#))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/v1.0/users/7"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = client(&server, &Waits::default());
    let service = client.service();
    let adele = service.entity::<User>("7");

    let selected = Query::<User>::new().select(User::fields().display_name);
    let user = client.execute(adele.get_with(&selected)).await.unwrap();
    assert_eq!(user, User { id: None, display_name: Some("Adele".into()) });
    let token = client.execute(adele.invoke(&CreateToken { token_validity_in_seconds: 60 })).await.unwrap();
    assert_eq!(token, "t0k3n");
    let filtered = Query::<User>::new().filter(User::fields().display_name.eq("Adele"));
    let page = client.execute(service.entity_set::<User>().list_with(&filtered)).await.unwrap();
    assert_eq!(page.value.len(), 2);
    let walked: Vec<User> =
        client.walk(service.entity_set::<User>().list_with(&filtered)).items().try_collect().await.unwrap();
    assert_eq!(walked, page.value);
    client.execute(adele.delete()).await.unwrap();
    assert_eq!(received(&server).await.len(), 5);

    // A verb's error comes back as it is, and nothing is sent.
    let key = "k".repeat(odata::Service::MAX_URL_LENGTH);
    let error = client.execute(service.entity::<User>(key.as_str()).get()).await.unwrap_err();
    assert!(matches!(error, odata::Error::UrlTooLong { .. }), "{error}");
    assert_eq!(received(&server).await.len(), 5);
}
