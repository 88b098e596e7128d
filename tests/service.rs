//! `Service`: the requests it makes, keys that cannot escape their segment, and reading the
//! service's answers.

mod common;

use common::{AndroidForWorkEnrollmentProfile, SEED_RESPONSE};
use http::header::{ACCEPT, CONTENT_TYPE};
use http::{Method, StatusCode};
use odata::{from_response, Error, KeyStyle, Service};
use serde_json::{json, Value};

type Profile = AndroidForWorkEnrollmentProfile;

const COLLECTION: &str = "https://graph.microsoft.com/beta/deviceManagement/androidForWorkEnrollmentProfiles";

fn graph() -> Service {
    Service::new("https://graph.microsoft.com/beta")
}

fn profile() -> Profile {
    serde_json::from_str(SEED_RESPONSE).unwrap()
}

#[test]
fn a_trailing_slash_on_the_root_is_fine() {
    let service = Service::new("https://graph.microsoft.com/beta/");
    assert_eq!(service.root(), "https://graph.microsoft.com/beta");
    assert_eq!(service.create(&profile()).uri(), COLLECTION);
}

#[test]
fn get_and_delete_address_the_entity_by_key() {
    let get = graph().get::<Profile>("e6742553-2553-e674-5325-74e6532574e6");
    assert_eq!(get.method(), Method::GET);
    assert_eq!(get.uri().to_string(), format!("{COLLECTION}/e6742553-2553-e674-5325-74e6532574e6"));
    assert_eq!(get.headers()[ACCEPT], "application/json");
    assert!(get.body().is_empty());
    assert!(get.headers().get(CONTENT_TYPE).is_none());

    let delete = graph().delete::<Profile>(String::from("abc"));
    assert_eq!(delete.method(), Method::DELETE);
    assert_eq!(delete.uri().to_string(), format!("{COLLECTION}/abc"));
}

#[test]
fn keys_cannot_leave_their_segment_or_add_a_query() {
    let cases = [
        ("a/b", "/a%2Fb"),
        ("a?b=c", "/a%3Fb%3Dc"),
        ("a#b", "/a%23b"),
        ("100%", "/100%25"),
        ("it's \"quoted\"", "/it%27s%20%22quoted%22"),
        ("café", "/caf%C3%A9"),
        ("..", "('..')"),
        (".", "('.')"),
        ("", "('')"),
        ("a.b", "/a.b"),
    ];
    for (key, path) in cases {
        let request = graph().get::<Profile>(key);
        assert_eq!(request.uri().to_string(), format!("{COLLECTION}{path}"), "key {key:?}");
        assert_eq!(request.uri().query(), None);
    }
}

#[test]
fn the_parenthesized_key_style_doubles_quotes() {
    let service =
        Service::new("https://services.odata.org/V4/TripPinService").with_key_style(KeyStyle::Parentheses);
    let cases = [("russellwhyte", "('russellwhyte')"), ("O'Neil", "('O''Neil')"), ("a/b?", "('a%2Fb%3F')")];
    for (key, path) in cases {
        let request = service.get::<Profile>(key);
        assert_eq!(
            request.uri().path(),
            format!("/V4/TripPinService/deviceManagement/androidForWorkEnrollmentProfiles{path}")
        );
    }
    assert!(service.delete::<Profile>(42_i64).uri().path().ends_with("Profiles(42)"));
}

#[test]
fn update_patches_the_writable_properties_that_are_set() {
    let changes = Profile {
        id: Some("ignored: the key is in the URL".into()),
        display_name: Some("Renamed".into()),
        created_date_time: Some("2017-01-01T00:02:43.5775965-08:00".parse().unwrap()),
        ..empty_profile()
    };
    let request = graph().update("e6742553", &changes);
    assert_eq!(request.method(), Method::PATCH);
    assert_eq!(request.uri().to_string(), format!("{COLLECTION}/e6742553"));
    assert_eq!(request.headers()[CONTENT_TYPE], "application/json");
    let body: Value = serde_json::from_slice(request.body()).unwrap();
    assert_eq!(
        body,
        json!({"@odata.type": "#microsoft.graph.androidForWorkEnrollmentProfile", "displayName": "Renamed"})
    );
}

fn empty_profile() -> Profile {
    serde_json::from_str("{}").unwrap()
}

#[test]
fn invalid_roots_are_errors() {
    for root in [
        "graph.microsoft.com/beta",
        "ftp://graph.microsoft.com",
        "https://graph.microsoft.com/beta?x=1",
        "https://exa mple.com",
    ] {
        let error = Service::try_new(root).unwrap_err();
        assert!(matches!(error, Error::InvalidRoot { .. }), "{root}");
        assert!(error.to_string().starts_with("invalid service root"), "{error}");
    }
}

fn response(status: u16, body: &str) -> http::Response<Vec<u8>> {
    http::Response::builder().status(status).body(body.as_bytes().to_vec()).unwrap()
}

#[test]
fn an_odata_error_body_carries_status_code_and_message() {
    let body = r#"{"error": {"code": "BadRequest", "message": "Write requests are only supported on contained entities",
        "target": "displayName", "details": [{"code": "x", "message": "y"}],
        "innererror": {"request-id": "3b8e0a4b", "date": "2017-01-01T00:00:00"}}}"#;
    let error = from_response::<Profile>(response(400, body)).unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::BAD_REQUEST));
    let service_error = error.service_error().unwrap();
    assert_eq!(service_error.code, "BadRequest");
    assert_eq!(service_error.message, "Write requests are only supported on contained entities");
    assert_eq!(service_error.target.as_deref(), Some("displayName"));
    assert_eq!(service_error.details.len(), 1);
    assert_eq!(service_error.inner_error.as_ref().unwrap()["request-id"], "3b8e0a4b");
    assert_eq!(
        error.to_string(),
        "the service answered 400 Bad Request: BadRequest: Write requests are only supported on contained entities (target `displayName`)"
    );
}

#[test]
fn other_failures_name_the_status() {
    let error = from_response::<Profile>(response(502, "<html>Bad Gateway</html>")).unwrap_err();
    assert!(matches!(error, Error::Status { status: StatusCode::BAD_GATEWAY, .. }));
    assert_eq!(error.to_string(), "the service answered 502 Bad Gateway: <html>Bad Gateway</html>");

    let error = from_response::<Profile>(response(200, r#"{"enrolledDeviceCount": "many"}"#)).unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::OK));
    let message = error.to_string();
    assert!(
        message.starts_with(
            "the service answered 200 OK, but its body does not read: property `enrolledDeviceCount`"
        ),
        "{message}"
    );

    let error = from_response::<Profile>(response(201, "")).unwrap_err();
    assert!(
        error.to_string().starts_with("the service answered 201 Created, but its body does not read"),
        "{error}"
    );
}

#[test]
fn a_successful_answer_reads_as_any_deserializable_type() {
    let value: Value = from_response(response(200, r#"{"value": []}"#)).unwrap();
    assert_eq!(value, json!({"value": []}));
    let bytes = http::Response::builder().status(200).body(bytes_body()).unwrap();
    let profile: Profile = from_response(bytes).unwrap();
    assert_eq!(profile.display_name.as_deref(), Some("Display Name value"));
}

fn bytes_body() -> &'static [u8] {
    SEED_RESPONSE.as_bytes()
}

#[test]
fn list_gets_the_entity_set() {
    let request = graph().list::<Profile>();
    assert_eq!(request.method(), Method::GET);
    assert_eq!(request.uri(), COLLECTION);
}

#[test]
fn follow_only_goes_below_the_root() {
    let next = graph().follow(&format!("{COLLECTION}?$skiptoken=abc")).unwrap();
    assert_eq!(next.method(), Method::GET);
    assert_eq!(next.uri().query(), Some("$skiptoken=abc"));
    for link in ["https://graph.microsoft.com/betamax/x", "https://evil.example/beta/x", "not a url"] {
        let error = graph().follow(link).unwrap_err();
        assert!(matches!(error, Error::ForeignLink { .. }), "{link}");
    }
}

#[test]
fn delete_entity_uses_the_key_it_holds() {
    let request = graph().delete_entity(&profile()).unwrap();
    assert_eq!(request.method(), Method::DELETE);
    assert_eq!(request.uri().to_string(), format!("{COLLECTION}/e6742553-2553-e674-5325-74e6532574e6"));
    let error = graph().delete_entity(&empty_profile()).unwrap_err();
    assert!(matches!(error, Error::MissingKey { key: "id", .. }));
    assert_eq!(
        error.to_string(),
        "the `microsoft.graph.androidForWorkEnrollmentProfile` has no key: its property `id` is not set"
    );
}

/// An entity with a property whose `Serialize` fails: JSON object keys must be strings, so a
/// map keyed by byte vectors cannot be written.
#[derive(Debug, odata::ODataResource)]
#[odata(type = "Contoso.Label", collection = "/labels")]
pub struct Label {
    #[odata(key)]
    pub id: String,
    pub counts: Option<std::collections::BTreeMap<Vec<u8>, i32>>,
}

fn unwritable_label() -> Label {
    Label { id: "l-1".into(), counts: Some([(vec![1_u8], 1)].into()) }
}

/// A key as long as the limit, which no request URL can then hold.
fn huge_key() -> String {
    "k".repeat(Service::MAX_URL_LENGTH)
}

fn assert_too_long(result: Result<http::Request<Vec<u8>>, Error>, length: usize, what: &str) {
    let error = result.expect_err(what);
    assert!(
        matches!(error, Error::UrlTooLong { length: l, limit: Service::MAX_URL_LENGTH } if l == length),
        "{what}: {error:?}"
    );
    assert_eq!(
        error.to_string(),
        format!("the request URL is {length} bytes long, more than the 65534 that a URI can hold"),
        "{what}"
    );
}

#[test]
fn the_url_limit_is_the_one_of_http_uri() {
    assert_eq!(Service::MAX_URL_LENGTH, 65_534);
    let room = Service::MAX_URL_LENGTH - COLLECTION.len() - 1;
    let longest = graph().try_get::<Profile>("k".repeat(room)).unwrap();
    assert_eq!(longest.uri().to_string().len(), Service::MAX_URL_LENGTH);
    assert_too_long(graph().try_get::<Profile>("k".repeat(room + 1)), Service::MAX_URL_LENGTH + 1, "get");
}

#[test]
fn every_try_method_reports_a_url_too_long_instead_of_panicking() {
    let key = huge_key();
    let length = COLLECTION.len() + 1 + key.len();
    assert_too_long(graph().try_get::<Profile>(key.as_str()), length, "try_get");
    assert_too_long(graph().try_delete::<Profile>(key.as_str()), length, "try_delete");
    assert_too_long(graph().try_update(key.as_str(), &empty_profile()), length, "try_update");
    let with_key = Profile { id: Some(key.clone()), ..empty_profile() };
    assert_too_long(graph().delete_entity(&with_key), length, "delete_entity");

    // A root and a collection path that fit apart but not together.
    let long_root = format!("https://graph.microsoft.com/{}", "r".repeat(Service::MAX_URL_LENGTH - 40));
    let service = Service::try_new(long_root.as_str()).unwrap();
    let length = long_root.len() + "/deviceManagement/androidForWorkEnrollmentProfiles".len();
    assert_too_long(service.try_list::<Profile>(), length, "try_list");
    assert_too_long(service.try_create(&profile()), length, "try_create");

    let link = format!("{COLLECTION}?$skiptoken={key}");
    assert_too_long(graph().follow(&link), link.len(), "follow");
}

/// The message of the panic that `call` raises.
fn panic_message<R>(call: impl FnOnce() -> R) -> String {
    let payload = std::panic::catch_unwind(std::panic::AssertUnwindSafe(call)).err().expect("a panic");
    payload.downcast_ref::<String>().expect("a formatted message").clone()
}

#[test]
fn the_panicking_twins_panic_with_the_errors_message() {
    let key = huge_key();
    let too_long = graph().try_get::<Profile>(key.as_str()).unwrap_err().to_string();
    assert_eq!(panic_message(|| graph().get::<Profile>(key.as_str())), too_long);
    assert_eq!(panic_message(|| graph().delete::<Profile>(key.as_str())), too_long);
    assert_eq!(panic_message(|| graph().update(key.as_str(), &empty_profile())), too_long);

    let unwritable = graph().try_create(&unwritable_label()).unwrap_err().to_string();
    assert_eq!(panic_message(|| graph().create(&unwritable_label())), unwritable);
    assert_eq!(panic_message(|| graph().update("l-1", &unwritable_label())), unwritable);

    let long_root = format!("https://graph.microsoft.com/{}", "r".repeat(Service::MAX_URL_LENGTH - 40));
    let service = Service::new(long_root);
    let too_long = service.try_list::<Profile>().unwrap_err().to_string();
    assert_eq!(panic_message(|| service.list::<Profile>()), too_long);

    let invalid_root = Service::try_new("graph.microsoft.com").unwrap_err().to_string();
    assert_eq!(panic_message(|| Service::new("graph.microsoft.com")), invalid_root);
}

#[test]
fn a_property_that_cannot_be_serialized_is_an_error_of_try_create_and_try_update() {
    let label = unwritable_label();
    for (what, result) in
        [("try_create", graph().try_create(&label)), ("try_update", graph().try_update("l-1", &label))]
    {
        let error = result.expect_err(what);
        assert!(matches!(error, Error::Serialize(_)), "{what}: {error:?}");
        let message = error.to_string();
        assert!(message.starts_with("cannot serialize the request body: "), "{what}: {message}");
        assert!(message.contains("key must be a string"), "{what}: {message}");
    }
    // Without the unwritable value, the same entity is a request.
    let writable = Label { counts: None, ..unwritable_label() };
    assert_eq!(
        graph().try_update("l-1", &writable).unwrap().body(),
        br##"{"@odata.type":"#Contoso.Label"}"##
    );
}

/// A key of a hand-written `ODataKey` that writes a character a URL cannot hold.
struct UnescapedKey;

impl odata::ODataKey for UnescapedKey {
    fn append_key(&self, path: &mut String, _: KeyStyle) {
        path.push_str("/a b");
    }
}

#[test]
fn a_url_that_http_rejects_is_an_error_naming_it() {
    let error = graph().try_get::<Profile>(UnescapedKey).unwrap_err();
    assert!(
        matches!(&error, Error::InvalidRequest { url, .. } if url == &format!("{COLLECTION}/a b")),
        "{error:?}"
    );
    assert!(error.to_string().starts_with(&format!("invalid request to `{COLLECTION}/a b`: ")), "{error}");
    // Below the root but not a URL, a link is not followed either.
    let error = graph().follow(&format!("{COLLECTION}/a b")).unwrap_err();
    assert!(matches!(error, Error::ForeignLink { .. }), "{error:?}");
}

#[test]
fn the_service_error_is_the_source_of_error_service() {
    use std::error::Error as _;

    fn is_a_shareable_error<E: std::error::Error + Send + Sync + 'static>(_: &E) {}

    let body =
        r#"{"error": {"code": "Request_ResourceNotFound", "message": "Resource '2' does not exist."}}"#;
    let error = from_response::<Profile>(response(404, body)).unwrap_err();
    is_a_shareable_error(&error);
    let source = error.source().expect("Error::Service has a source");
    let service_error = source.downcast_ref::<odata::ServiceError>().expect("the source is the ServiceError");
    is_a_shareable_error(service_error);
    assert_eq!(service_error, error.service_error().unwrap());
    assert_eq!(source.to_string(), error.to_string());
    assert!(source.source().is_none());

    // The other variants that wrap an error expose it; those that do not have none.
    let error = from_response::<Profile>(response(200, "not json")).unwrap_err();
    assert!(error.source().unwrap().downcast_ref::<serde_json::Error>().is_some());
    let error = graph().try_create(&unwritable_label()).unwrap_err();
    assert!(error.source().unwrap().downcast_ref::<serde_json::Error>().is_some());
    assert!(from_response::<Profile>(response(502, "")).unwrap_err().source().is_none());
    assert!(graph().delete_entity(&empty_profile()).unwrap_err().source().is_none());
}

/// An entity that keeps its annotations, so that its `@odata.etag` goes out as `If-Match`.
#[derive(Debug, odata::ODataResource)]
#[odata(type = "Contoso.Note", collection = "/notes")]
pub struct Note {
    #[odata(key)]
    pub id: String,
    pub text: Option<String>,
    #[odata(annotations)]
    pub annotations: odata::Annotations,
}

#[test]
fn an_etag_no_header_can_hold_is_an_error_not_an_unconditional_change() {
    let mut note = Note { id: "n-1".into(), text: Some("x".into()), annotations: Default::default() };
    note.annotations.insert("@odata.etag", json!("W/\"1\""));
    assert_eq!(graph().try_update("n-1", &note).unwrap().headers()["if-match"], "W/\"1\"");
    assert_eq!(graph().delete_entity(&note).unwrap().headers()["if-match"], "W/\"1\"");

    note.annotations.insert("@odata.etag", json!("W/\"1\"\r\nX-Injected: 1"));
    for (what, result) in
        [("try_update", graph().try_update("n-1", &note)), ("delete_entity", graph().delete_entity(&note))]
    {
        let error = result.expect_err(what);
        assert!(
            matches!(&error, Error::InvalidEtag { etag } if etag == "W/\"1\"\r\nX-Injected: 1"),
            "{error:?}"
        );
        assert_eq!(
            error.to_string(),
            r#"the etag "W/\"1\"\r\nX-Injected: 1" cannot be sent as `If-Match`: a header value cannot hold it"#
        );
    }
}
