//! Bound actions and functions: the seed's `createToken` and `revokeToken` requests exactly,
//! key escaping, both key styles, and every kind of function parameter literal.

mod common;

use common::AndroidForWorkEnrollmentProfile;
use odata::{
    Binary, Date, DateTimeOffset, Duration, Guid, Int64, KeyStyle, ODataOperation, OperationKind, Service,
    TimeOfDay,
};

const ROOT: &str = "https://graph.microsoft.com/beta";
const PROFILES: &str = "https://graph.microsoft.com/beta/deviceManagement/androidForWorkEnrollmentProfiles";

#[derive(Debug, ODataOperation)]
#[odata(action = "createToken", binding = AndroidForWorkEnrollmentProfile)]
pub struct CreateToken {
    pub token_validity_in_seconds: i32,
}

#[derive(Debug, ODataOperation)]
#[odata(action = "revokeToken", binding = AndroidForWorkEnrollmentProfile)]
pub struct RevokeToken;

/// The same action declared with braces.
#[derive(Debug, ODataOperation)]
#[odata(action = "revokeToken", binding = AndroidForWorkEnrollmentProfile)]
pub struct RevokeTokenBraced {}

fn header<'a>(request: &'a http::Request<Vec<u8>>, name: &str) -> Option<&'a str> {
    request.headers().get(name).map(|value| value.to_str().unwrap())
}

#[test]
fn create_token_is_a_post_of_its_parameters() {
    let request = Service::new(ROOT).invoke("e6742553", &CreateToken { token_validity_in_seconds: 3600 });
    assert_eq!(request.method(), "POST");
    assert_eq!(request.uri(), &*format!("{PROFILES}/e6742553/createToken"));
    assert_eq!(header(&request, "content-type"), Some("application/json"));
    assert_eq!(header(&request, "accept"), Some("application/json"));
    assert_eq!(request.headers().len(), 2);
    assert_eq!(request.body(), br#"{"tokenValidityInSeconds":3600}"#);
    // The derive's `Serialize` is the same body.
    assert_eq!(
        serde_json::to_string(&CreateToken { token_validity_in_seconds: 60 }).unwrap(),
        r#"{"tokenValidityInSeconds":60}"#
    );
}

#[test]
fn revoke_token_is_a_post_without_a_body() {
    for request in [
        Service::new(ROOT).invoke("e6742553", &RevokeToken),
        Service::new(ROOT).invoke("e6742553", &RevokeTokenBraced {}),
    ] {
        assert_eq!(request.method(), "POST");
        assert_eq!(request.uri(), &*format!("{PROFILES}/e6742553/revokeToken"));
        assert_eq!(header(&request, "accept"), Some("application/json"));
        assert_eq!(header(&request, "content-type"), None);
        assert!(request.body().is_empty());
    }
    // Serialized on its own, an action without parameters is an empty object.
    assert_eq!(serde_json::to_string(&RevokeToken).unwrap(), "{}");
    assert_eq!(serde_json::to_string(&RevokeTokenBraced {}).unwrap(), "{}");
}

#[test]
fn operation_metadata() {
    assert_eq!(CreateToken::NAME, "createToken");
    assert_eq!(CreateToken::KIND, OperationKind::Action);
    assert_eq!(CreateToken::PARAMETERS, ["tokenValidityInSeconds"]);
    assert_eq!(RevokeToken::PARAMETERS, [] as [&str; 0]);
    assert_eq!(GetEffectivePermissions::KIND, OperationKind::Function);
}

#[test]
fn the_key_is_escaped_as_everywhere() {
    let service = Service::new(ROOT);
    let request = service.invoke("a/b", &RevokeToken);
    assert_eq!(request.uri(), &*format!("{PROFILES}/a%2Fb/revokeToken"));
    assert_eq!(
        request.uri().to_string(),
        format!("{}/revokeToken", service.entity_url::<AndroidForWorkEnrollmentProfile>("a/b").unwrap())
    );
    let request = service.invoke("../x?y#z", &RevokeToken);
    assert_eq!(request.uri(), &*format!("{PROFILES}/..%2Fx%3Fy%23z/revokeToken"));
    // A key that would address the collection itself takes the parenthesized form.
    let request = service.invoke("", &RevokeToken);
    assert_eq!(request.uri(), &*format!("{PROFILES}('')/revokeToken"));
}

#[test]
fn parentheses_key_style() {
    let service = Service::new(ROOT).with_key_style(KeyStyle::Parentheses);
    let request = service.invoke("O'Neil/1", &CreateToken { token_validity_in_seconds: 1 });
    assert_eq!(request.uri(), &*format!("{PROFILES}('O''Neil%2F1')/createToken"));
    let request = service.invoke(
        "e6742553",
        &GetEffectivePermissions { scope: "all".into(), since: "2024-01-01T00:00:00Z".parse().unwrap() },
    );
    assert_eq!(
        request.uri(),
        &*format!("{PROFILES}('e6742553')/getEffectivePermissions(scope='all',since=2024-01-01T00:00:00Z)")
    );
}

#[derive(ODataOperation)]
#[odata(function = "getEffectivePermissions", binding = AndroidForWorkEnrollmentProfile)]
pub struct GetEffectivePermissions {
    pub scope: String,
    pub since: DateTimeOffset,
}

#[test]
fn function_is_a_get_with_literals_in_the_url() {
    let request = Service::new(ROOT).invoke(
        "e6742553",
        &GetEffectivePermissions { scope: "a'b".into(), since: "2024-01-01T00:00:00Z".parse().unwrap() },
    );
    assert_eq!(request.method(), "GET");
    assert_eq!(
        request.uri(),
        &*format!("{PROFILES}/e6742553/getEffectivePermissions(scope='a''b',since=2024-01-01T00:00:00Z)")
    );
    assert_eq!(header(&request, "content-type"), None);
    assert!(request.body().is_empty());
}

/// One parameter of every kind of literal, names by `rename_all` and `rename`.
#[derive(ODataOperation)]
#[odata(function = "microsoft.graph.report", binding = AndroidForWorkEnrollmentProfile, rename_all = "PascalCase")]
pub struct Report {
    pub text: String,
    pub borrowed: &'static str,
    pub device_id: Guid,
    pub at: DateTimeOffset,
    pub day: Date,
    pub time: TimeOfDay,
    pub within: Duration,
    pub missing: Option<String>,
    pub present: Option<i32>,
    pub enabled: bool,
    pub count: i32,
    pub big: Int64,
    pub ratio: f64,
    pub nothing: f64,
    pub blob: Binary,
    #[odata(rename = "top")]
    pub r#limit: u8,
}

#[test]
fn every_literal_kind_and_escaping() {
    let report = Report {
        text: "it's a/b) c,d=e?f#g%h+i".into(),
        borrowed: "é",
        device_id: "e6742553-2553-e674-5325-74e6532574e6".parse().unwrap(),
        at: "2016-12-31T23:59:54.0590989-08:00".parse().unwrap(),
        day: "2024-02-29".parse().unwrap(),
        time: "12:00:05.5020000".parse().unwrap(),
        within: "PT2M43.444327S".parse().unwrap(),
        missing: None,
        present: Some(-5),
        enabled: true,
        count: 42,
        big: Int64::from(9_007_199_254_740_993),
        ratio: 0.25,
        nothing: f64::NAN,
        blob: Binary::from(vec![0xfb, 0xff]),
        limit: 10,
    };
    let request = Service::new(ROOT).invoke("e6742553", &report);
    assert_eq!(request.method(), "GET");
    let expected = [
        "Text='it''s%20a%2Fb%29%20c%2Cd%3De%3Ff%23g%25h%2Bi'",
        "Borrowed='%C3%A9'",
        "DeviceId=e6742553-2553-e674-5325-74e6532574e6",
        "At=2016-12-31T23:59:54.0590989-08:00",
        "Day=2024-02-29",
        "Time=12:00:05.5020000",
        "Within=duration'PT2M43.444327S'",
        "Missing=null",
        "Present=-5",
        "Enabled=true",
        "Count=42",
        "Big=9007199254740993",
        "Ratio=0.25",
        "Nothing=NaN",
        "Blob=binary'-_8'",
        "top=10",
    ];
    assert_eq!(
        request.uri(),
        &*format!("{PROFILES}/e6742553/microsoft.graph.report({})", expected.join(","))
    );
    // Nothing the values hold reaches the URL's structure: one path, no query, no fragment.
    assert_eq!(request.uri().query(), None);
    assert!(!request.uri().to_string().contains('#'));
    assert_eq!(request.uri().path().matches('/').count(), 5);
}

#[derive(ODataOperation)]
#[odata(function = "getCount", binding = AndroidForWorkEnrollmentProfile)]
pub struct GetCount;

#[test]
fn function_without_parameters_keeps_its_parentheses() {
    let request = Service::new(ROOT).invoke(7_u8.to_string(), &GetCount);
    assert_eq!(request.uri(), &*format!("{PROFILES}/7/getCount()"));
}

#[test]
fn a_function_writes_an_empty_object_should_anything_ask_for_its_body() {
    let body =
        odata::ODataOperation::__serialize_parameters(&GetCount, serde_json::value::Serializer).unwrap();
    assert_eq!(body, serde_json::json!({}));
}

/// An action whose parameters are renamed and optional.
#[derive(ODataOperation)]
#[odata(action = "assign", binding = AndroidForWorkEnrollmentProfile, rename_all = "snake_case")]
pub struct Assign {
    pub group_ids: Vec<String>,
    #[odata(rename = "Note")]
    pub note: Option<String>,
    pub expires: Option<DateTimeOffset>,
    pub image: Option<common::MimeContent>,
}

#[test]
fn action_body_uses_wire_names_and_leaves_out_none() {
    let assign = Assign {
        group_ids: vec!["g1".into(), "g/2".into()],
        note: None,
        expires: Some("2024-01-01T00:00:00Z".parse().unwrap()),
        image: None,
    };
    let request = Service::new(ROOT).invoke("k", &assign);
    assert_eq!(request.uri(), &*format!("{PROFILES}/k/assign"));
    assert_eq!(
        std::str::from_utf8(request.body()).unwrap(),
        r#"{"group_ids":["g1","g/2"],"expires":"2024-01-01T00:00:00Z"}"#
    );
    // Every member `None`: still an object, since the action declares parameters.
    let request = Service::new(ROOT)
        .try_invoke("k", &Assign { group_ids: vec![], note: None, expires: None, image: None })
        .unwrap();
    assert_eq!(request.body(), br#"{"group_ids":[]}"#);
    assert_eq!(header(&request, "content-type"), Some("application/json"));
}

#[test]
fn try_invoke_reports_a_parameter_that_cannot_be_serialized() {
    use std::collections::HashMap;

    #[derive(ODataOperation)]
    #[odata(action = "tag", binding = AndroidForWorkEnrollmentProfile)]
    pub struct Tag {
        // JSON object keys must be strings: a map keyed by a vector cannot be written.
        pub tags: HashMap<Vec<u8>, i32>,
    }

    let tag = Tag { tags: HashMap::from([(vec![1], 1)]) };
    let error = Service::new(ROOT).try_invoke("k", &tag).unwrap_err();
    assert!(matches!(error, odata::Error::Serialize(_)), "{error}");
    assert!(
        error.to_string().starts_with("cannot serialize the request body: key must be a string"),
        "{error}"
    );
    let panic = std::panic::catch_unwind(|| Service::new(ROOT).invoke("k", &tag)).unwrap_err();
    assert_eq!(panic.downcast_ref::<String>(), Some(&error.to_string()));
}

#[test]
fn try_invoke_reports_a_url_too_long_instead_of_panicking() {
    let too_long = |result: Result<http::Request<Vec<u8>>, odata::Error>, length: usize| {
        let error = result.unwrap_err();
        assert!(
            matches!(error, odata::Error::UrlTooLong { length: l, limit: Service::MAX_URL_LENGTH } if l == length),
            "{error:?}"
        );
        error
    };
    let service = Service::new(ROOT);
    let key = "k".repeat(Service::MAX_URL_LENGTH);
    let url = format!("{PROFILES}/{key}/revokeToken");
    too_long(service.try_invoke(key.as_str(), &RevokeToken), url.len());
    let url = format!("{PROFILES}/{key}/createToken");
    too_long(service.try_invoke(key.as_str(), &CreateToken { token_validity_in_seconds: 1 }), url.len());

    // A function's parameters are in its URL: a short key with a huge parameter is too long.
    let scope = "s".repeat(Service::MAX_URL_LENGTH);
    let since: DateTimeOffset = "2024-01-01T00:00:00Z".parse().unwrap();
    let function = GetEffectivePermissions { scope: scope.clone(), since };
    let url = format!("{PROFILES}/k/getEffectivePermissions(scope='{scope}',since=2024-01-01T00:00:00Z)");
    let error = too_long(service.try_invoke("k", &function), url.len());

    let panic = std::panic::catch_unwind(|| service.invoke("k", &function)).unwrap_err();
    assert_eq!(panic.downcast_ref::<String>(), Some(&error.to_string()));
}

/// An operation bound to an entity of a service that is not Graph, through a re-export of
/// the facade.
mod other_service {
    pub mod sdk {
        pub use odata;
    }

    use sdk::odata::{ODataOperation, ODataResource};

    #[derive(ODataResource)]
    #[odata(crate = "sdk::odata", type = "Trippin.Person", collection = "/People", rename_all = "PascalCase")]
    pub struct Person {
        #[odata(key)]
        pub user_name: String,
    }

    #[derive(ODataOperation)]
    #[odata(crate = "sdk::odata", function = "Trippin.GetFriendsTrips", binding = self::Person)]
    pub struct GetFriendsTrips {
        pub user_name: String,
    }

    #[test]
    fn qualified_function_through_a_re_exported_facade() {
        let service = sdk::odata::Service::new("https://services.odata.org/V4/TripPinService")
            .with_key_style(sdk::odata::KeyStyle::Parentheses);
        let request = service.invoke("russellwhyte", &GetFriendsTrips { user_name: "ronaldmundy".into() });
        assert_eq!(
            request.uri(),
            "https://services.odata.org/V4/TripPinService/People('russellwhyte')/Trippin.GetFriendsTrips(userName='ronaldmundy')"
        );
        assert_eq!(<GetFriendsTrips as ODataOperation>::NAME, "Trippin.GetFriendsTrips");
        assert_eq!(<Person as ODataResource>::KEY, "UserName");
    }
}

/// Generated code names everything by absolute path: it expands where the prelude's names
/// and `serde` are shadowed, without a warning.
#[deny(warnings)]
mod shadowed {
    #![allow(dead_code)]
    pub struct Result;
    pub struct Option;
    pub struct Some;
    pub struct None;
    pub struct Ok;
    pub struct Err;
    pub struct String;
    #[allow(non_camel_case_types)]
    pub struct str;
    pub mod serde {}
    pub mod core {}
    pub mod std {}

    #[derive(::odata::ODataOperation)]
    #[odata(action = "createToken", binding = super::AndroidForWorkEnrollmentProfile)]
    pub struct CreateToken {
        pub token_validity_in_seconds: i32,
        pub note: ::core::option::Option<::std::string::String>,
    }

    #[derive(::odata::ODataOperation)]
    #[odata(function = "check", binding = super::AndroidForWorkEnrollmentProfile)]
    pub struct Check {
        pub name: ::std::string::String,
        pub limit: ::core::option::Option<i32>,
    }
}

#[test]
fn generated_code_is_hygienic() {
    let service = Service::new(ROOT);
    let request =
        service.invoke("k", &shadowed::CreateToken { token_validity_in_seconds: 5, note: Some("n".into()) });
    assert_eq!(request.body(), br#"{"tokenValidityInSeconds":5,"note":"n"}"#);
    let request = service.invoke("k", &shadowed::Check { name: "x".into(), limit: None });
    assert_eq!(request.uri(), &*format!("{PROFILES}/k/check(name='x',limit=null)"));
}

mod returns_and_collections {
    use odata::http::Response;
    use odata::{operation_result, EntityPath, Error, ODataOperation, ODataResource, Service};

    #[derive(Debug, Clone, PartialEq, ODataResource)]
    #[odata(type = "microsoft.graph.user", collection = "/users")]
    pub struct User {
        #[odata(key, read_only)]
        pub id: Option<String>,
        pub display_name: Option<String>,
    }

    #[derive(Debug, Clone, PartialEq, odata::ODataEnum)]
    #[odata(type = "microsoft.graph.riskLevel")]
    pub enum RiskLevel {
        Low,
        High,
        #[odata(other)]
        Other(String),
    }

    #[derive(ODataOperation)]
    #[odata(function = "delta", binding = User, collection_bound, returns = Vec<User>)]
    pub struct Delta;

    #[derive(ODataOperation)]
    #[odata(action = "getByIds", binding = User, collection_bound, returns = Vec<User>)]
    pub struct GetByIds {
        pub ids: Vec<String>,
    }

    #[derive(ODataOperation)]
    #[odata(function = "reminderView", binding = User, returns = Vec<String>)]
    pub struct ReminderView {
        pub start_date_time: String,
    }

    #[derive(ODataOperation)]
    #[odata(action = "assignManager", binding = User, returns = User)]
    pub struct AssignManager {
        pub manager_id: String,
    }

    #[derive(ODataOperation)]
    #[odata(function = "riskLevel", binding = User, returns = RiskLevel)]
    pub struct GetRiskLevel;

    #[derive(ODataOperation)]
    #[odata(action = "exportPersonalData", binding = User)]
    pub struct ExportPersonalData;

    const ROOT: &str = "https://graph.microsoft.com/v1.0";

    fn ok(body: &str) -> Response<Vec<u8>> {
        Response::builder().status(200).body(body.as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn collection_bound_operations_are_called_on_the_set_or_a_contained_collection() {
        let service = Service::new(ROOT);
        assert_eq!(service.invoke_on_collection(&Delta).uri(), &*format!("{ROOT}/users/delta()"));
        let request = service.invoke_on_collection(&GetByIds { ids: vec!["1".into(), "2".into()] });
        assert_eq!(
            (request.method().as_str(), request.uri().to_string()),
            ("POST", format!("{ROOT}/users/getByIds"))
        );
        assert_eq!(request.body(), br#"{"ids":["1","2"]}"#);
        let reports = service.entity::<User>("1").navigate::<User>("directReports");
        assert_eq!(
            service.invoke_on(&reports, &Delta).uri(),
            &*format!("{ROOT}/users/1/directReports/delta()")
        );
        let user: EntityPath<User> = service.entity::<User>("a b");
        assert_eq!(
            service.invoke_at(&user, &GetRiskLevel).uri(),
            &*format!("{ROOT}/users/a%20b/riskLevel()")
        );
    }

    #[test]
    fn each_kind_of_return_value_is_read_from_its_answer() {
        let users = operation_result::<Delta>(ok(
            r##"{"@odata.context": "x", "value": [{"id": "1", "displayName": "Adele"}, {"@odata.type": "#microsoft.graph.user", "id": "2"}], "@odata.deltaLink": "y"}"##,
        ))
        .unwrap();
        assert_eq!(users.iter().map(|user| user.id.as_deref()).collect::<Vec<_>>(), [Some("1"), Some("2")]);
        assert_eq!(operation_result::<ReminderView>(ok(r#"{"value": ["a", "b"]}"#)).unwrap(), ["a", "b"]);
        let manager =
            operation_result::<AssignManager>(ok(r#"{"id": "7", "displayName": "Megan"}"#)).unwrap();
        assert_eq!(manager.display_name.as_deref(), Some("Megan"));
        assert_eq!(operation_result::<GetRiskLevel>(ok(r#"{"value": "high"}"#)).unwrap(), RiskLevel::High);
        assert_eq!(
            operation_result::<GetRiskLevel>(ok(r#"{"value": "medium"}"#)).unwrap(),
            RiskLevel::Other("medium".into())
        );
        let done = Response::builder().status(204).body(Vec::new()).unwrap();
        operation_result::<ExportPersonalData>(done).unwrap();
    }

    #[test]
    fn a_bad_answer_is_an_error_naming_what_was_wrong() {
        let error = operation_result::<ReminderView>(ok(r#"{"values": []}"#)).unwrap_err();
        assert!(error.to_string().contains("missing field `value`"), "{error}");
        let error = operation_result::<ReminderView>(ok(r#"{"value": [1]}"#)).unwrap_err();
        assert!(error.to_string().contains("property `value`"), "{error}");
        let failed = Response::builder()
            .status(404)
            .body(br#"{"error": {"code": "Request_ResourceNotFound", "message": "no such user"}}"#.to_vec())
            .unwrap();
        assert!(matches!(operation_result::<Delta>(failed), Err(Error::Service(_))));
    }
}
