//! Entities an entity set alone does not reach: contained entities through their parent,
//! singletons, keyless types; and composite keys, every part named and escaped.

use odata::{EntitySet, Error, KeyStyle, ODataResource, Patchable, Service, Singleton};
use serde_json::{json, Value};

#[derive(Debug, Clone, PartialEq, ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User {
    #[odata(key, read_only)]
    pub id: Option<String>,
    pub display_name: Option<String>,
    #[odata(navigation)]
    pub messages: Option<Vec<Message>>,
}

/// Reached only through its user: no entity set.
#[derive(Debug, Clone, PartialEq, ODataResource)]
#[odata(type = "microsoft.graph.message")]
pub struct Message {
    #[odata(key, read_only)]
    pub id: Option<String>,
    pub subject: Option<String>,
    #[odata(navigation)]
    pub attachments: Option<Vec<Attachment>>,
}

#[derive(Debug, Clone, PartialEq, ODataResource)]
#[odata(type = "microsoft.graph.attachment")]
pub struct Attachment {
    #[odata(key, read_only)]
    pub id: Option<String>,
    pub name: Option<String>,
}

/// A singleton's type without a key.
#[derive(Debug, Clone, PartialEq, ODataResource)]
#[odata(type = "microsoft.graph.adminRoot", singleton = "/admin")]
pub struct AdminRoot {
    pub display_name: Option<String>,
}

/// TripPin's `Trip`, contained in a person, with a composite key in this test's variant.
#[derive(Debug, Clone, PartialEq, ODataResource)]
#[odata(type = "Trippin.Trip", collection = "/Trips", rename_all = "PascalCase")]
pub struct Trip {
    #[odata(key)]
    pub user_name: String,
    #[odata(key)]
    pub trip_id: i32,
    pub name: Option<String>,
}

const ROOT: &str = "https://graph.microsoft.com/v1.0";

fn body(request: &odata::http::Request<Vec<u8>>) -> Value {
    serde_json::from_slice(request.body()).unwrap()
}

#[test]
fn a_contained_entity_is_addressed_through_its_parent_with_every_key_escaped() {
    let service = Service::new(ROOT);
    let messages = service.entity::<User>("a/b?c").navigate::<Message>("messages");
    assert_eq!(messages.url(), format!("{ROOT}/users/a%2Fb%3Fc/messages"));
    let message = messages.key("AAMk#1");
    assert_eq!(service.get_at(&message).uri(), &*format!("{ROOT}/users/a%2Fb%3Fc/messages/AAMk%231"));
    let attachment = message.navigate::<Attachment>("attachments").key("x");
    assert_eq!(
        service.delete_at(&attachment).uri(),
        &*format!("{ROOT}/users/a%2Fb%3Fc/messages/AAMk%231/attachments/x")
    );
    assert_eq!(service.delete_at(&attachment).method(), "DELETE");

    let parentheses = Service::new(ROOT).with_key_style(KeyStyle::Parentheses);
    let message = parentheses.entity::<User>("o'neil").navigate::<Message>("messages").key("m");
    assert_eq!(message.url(), format!("{ROOT}/users('o''neil')/messages('m')"));
}

#[test]
fn a_navigation_name_cannot_leave_its_segment() {
    let service = Service::new(ROOT);
    let sneaky = service.entity::<User>("1").navigate::<Message>("messages/../../admin?x=1#y");
    assert_eq!(sneaky.url(), format!("{ROOT}/users/1/messages%2F..%2F..%2Fadmin%3Fx%3D1%23y"));
}

#[test]
fn contained_entities_are_listed_created_and_updated_at_their_path() {
    let service = Service::new(ROOT);
    let messages = service.entity::<User>("1").navigate::<Message>("messages");
    assert_eq!(service.list_at(&messages).uri(), &*format!("{ROOT}/users/1/messages"));

    let draft = Message { id: None, subject: Some("Hello".into()), attachments: None };
    let request = service.create_at(&messages, &draft);
    assert_eq!(request.method(), "POST");
    assert_eq!(body(&request), json!({"@odata.type": "#microsoft.graph.message", "subject": "Hello"}));

    let read = Message { id: Some("m".into()), ..draft.clone() };
    let mut modified = read.clone();
    modified.subject = Some("Hello again".into());
    let request = service.update_at(&messages.key("m"), &read.diff(modified));
    assert_eq!(request.method(), "PATCH");
    assert_eq!(request.uri(), &*format!("{ROOT}/users/1/messages/m"));
    assert_eq!(body(&request), json!({"@odata.type": "#microsoft.graph.message", "subject": "Hello again"}));
}

#[test]
fn a_singleton_is_addressed_by_its_path_and_needs_no_key() {
    let service = Service::new(ROOT);
    let admin = service.singleton::<AdminRoot>();
    assert_eq!(service.get_at(&admin).uri(), &*format!("{ROOT}/admin"));
    assert_eq!(<AdminRoot as Singleton>::SINGLETON_PATH, "/admin");
    assert!(AdminRoot::KEYS.is_empty());
    assert_eq!(AdminRoot::KEY, "");
    let patch = AdminRootPatch { display_name: odata::Change::Set("Admin".into()), ..Default::default() };
    assert_eq!(service.update_at(&admin, &patch).uri(), &*format!("{ROOT}/admin"));
}

#[test]
fn a_composite_key_names_and_escapes_every_part() {
    let service = Service::new("https://services.odata.org/TripPinRESTierService");
    assert_eq!(Trip::KEYS, ["UserName", "TripId"]);
    assert_eq!(Trip::KEY, "UserName");
    assert_eq!(
        service.get::<Trip>(("russell'white", 1001)).uri(),
        "https://services.odata.org/TripPinRESTierService/Trips(UserName='russell''white',TripId=1001)"
    );
    assert_eq!(
        service.get::<Trip>(("a/b&c=d", -5)).uri().path(),
        "/TripPinRESTierService/Trips(UserName='a%2Fb%26c%3Dd',TripId=-5)"
    );
    let trip = Trip { user_name: "russellwhyte".into(), trip_id: 0, name: None };
    assert_eq!(
        service.delete_entity(&trip).unwrap().uri(),
        "https://services.odata.org/TripPinRESTierService/Trips(UserName='russellwhyte',TripId=0)"
    );
    assert_eq!(<Trip as EntitySet>::COLLECTION_PATH, "/Trips");
}

#[test]
fn a_key_of_the_wrong_arity_is_an_error_naming_the_key_properties() {
    let service = Service::new(ROOT);
    let error = service.try_get::<Trip>("russellwhyte").unwrap_err();
    assert!(matches!(error, Error::KeyMismatch { given: 1, .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        "`Trippin.Trip` has 2 key properties (UserName, TripId), but the key given holds 1 value"
    );
    let error = service.try_get::<User>(("a", 1)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "`microsoft.graph.user` has 1 key properties (id), but the key given holds 2 values"
    );
    let error = service.entity::<User>("1").navigate::<Trip>("trips").try_key(("a", 1, 2)).unwrap_err();
    assert!(matches!(error, Error::KeyMismatch { given: 3, .. }), "{error:?}");
}

#[test]
fn an_entity_with_a_composite_key_reads_and_writes_every_part() {
    let text = json!({"@odata.type": "#Trippin.Trip", "UserName": "russellwhyte", "TripId": 1001, "Name": "Trip in US"});
    let trip: Trip = serde_json::from_value(text.clone()).unwrap();
    assert_eq!((trip.user_name.as_str(), trip.trip_id), ("russellwhyte", 1001));
    assert_eq!(serde_json::to_value(&trip).unwrap(), text);
    // Keys chosen by the client are sent on create, never on update.
    let service = Service::new(ROOT);
    assert_eq!(body(&service.create(&trip)), text);
    assert_eq!(
        body(&service.update(("russellwhyte", 1001), &trip)),
        json!({"@odata.type": "#Trippin.Trip", "Name": "Trip in US"})
    );
}
