//! One addressing model: a request starts from a path and ends with a verb; the older
//! shorthands build exactly what the paths build.

use odata::answer::{Answer, Body, NoContent, Returns};
use odata::http::Request;
use odata::query::Query;
use odata::{Error, ODataOperation, ODataResource, Service};

#[derive(Debug, Clone, PartialEq, ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User {
    #[odata(key, read_only)]
    pub id: Option<String>,
    pub display_name: Option<String>,
    #[odata(navigation)]
    pub manager: Option<Box<User>>,
    #[odata(navigation)]
    pub messages: Option<Vec<Message>>,
}

#[derive(Debug, Clone, PartialEq, ODataResource)]
#[odata(type = "microsoft.graph.employee")]
pub struct Employee {
    #[odata(base)]
    pub base: User,
    pub employee_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, ODataResource)]
#[odata(type = "microsoft.graph.message")]
pub struct Message {
    #[odata(key, read_only)]
    pub id: Option<String>,
    pub subject: Option<String>,
}

#[derive(Debug, ODataOperation)]
#[odata(action = "revokeSignInSessions", binding = User, returns = bool)]
pub struct RevokeSignInSessions;

#[derive(Debug, ODataOperation)]
#[odata(function = "delta", binding = Message, collection_bound, returns = Vec<Message>)]
pub struct MessageDelta;

#[derive(Debug, ODataOperation)]
#[odata(function = "delta", binding = User, collection_bound, returns = Vec<User>)]
pub struct UserDelta;

const ROOT: &str = "https://graph.microsoft.com/v1.0";

fn same(shorthand: Request<Vec<u8>>, path: impl Into<Request<Vec<u8>>>) {
    let path = path.into();
    assert_eq!(shorthand.method(), path.method());
    assert_eq!(shorthand.uri(), path.uri());
    assert_eq!(shorthand.headers(), path.headers());
    assert_eq!(shorthand.body(), path.body());
}

#[test]
fn the_shorthands_build_what_the_paths_build() {
    let service = Service::new(ROOT);
    let adele = service.entity::<User>("adele");
    let users = service.entity_set::<User>();
    let user =
        User { id: Some("adele".into()), display_name: Some("Adele".into()), manager: None, messages: None };
    same(service.get::<User>("adele"), adele.get().unwrap());
    same(service.get_at(&adele), adele.get().unwrap());
    same(service.list::<User>(), users.list().unwrap());
    same(service.create(&user), users.create(&user).unwrap());
    same(service.update("adele", &user), adele.update(&user).unwrap());
    same(service.delete::<User>("adele"), adele.delete().unwrap());
    same(service.delete_entity(&user).unwrap(), adele.delete().unwrap());
    same(service.invoke("adele", &RevokeSignInSessions), adele.invoke(&RevokeSignInSessions).unwrap());
    same(service.invoke_on_collection(&UserDelta), users.invoke(&UserDelta).unwrap());
    let query = Query::<User>::new().select(User::fields().display_name);
    same(service.get_with("adele", &query), adele.get_with(&query).unwrap());
    same(service.list_with(&query), users.list_with(&query).unwrap());
    let messages = adele.nav(User::fields().messages);
    same(service.delta_at(&messages), messages.delta().unwrap());
    same(service.invoke_on(&messages, &MessageDelta), messages.invoke(&MessageDelta).unwrap());
}

#[test]
fn a_single_entity_takes_select_and_expand() {
    let service = Service::new(ROOT);
    let fields = User::fields();
    let query = Query::<User>::new().select(fields.display_name).expand(fields.manager);
    let request = service.entity::<User>("adele").nav(fields.manager).get_with(&query).unwrap().into_http();
    assert_eq!(request.uri(), &*format!("{ROOT}/users/adele/manager?$select=displayName&$expand=manager"));
    assert_eq!(request.method(), "GET");
}

#[test]
fn a_collection_bound_operation_is_called_on_a_contained_collection() {
    let service = Service::new(ROOT);
    let messages = service.entity::<User>("adele").nav(User::fields().messages);
    let request = messages.invoke(&MessageDelta).unwrap().into_http();
    assert_eq!(request.uri(), &*format!("{ROOT}/users/adele/messages/delta()"));
}

#[test]
fn a_derived_types_set_is_cast_and_its_entities_by_key_are_not() {
    let service = Service::new(ROOT);
    assert_eq!(service.entity_set::<Employee>().url(), format!("{ROOT}/users/microsoft.graph.employee"));
    assert_eq!(service.entity::<Employee>("e").url(), format!("{ROOT}/users/e"));
    let query = Query::<Employee>::new().filter(Employee::fields().employee_id.eq("x"));
    same(service.list_with(&query), service.entity_set::<Employee>().list_with(&query).unwrap());
}

#[test]
fn every_verb_returns_its_error_instead_of_panicking() {
    let service = Service::new(ROOT);
    let long = service.entity::<User>("k".repeat(Service::MAX_URL_LENGTH).as_str());
    assert!(matches!(long.get(), Err(Error::UrlTooLong { .. })));
    assert!(matches!(long.delete(), Err(Error::UrlTooLong { .. })));
    assert!(matches!(long.invoke(&RevokeSignInSessions), Err(Error::UrlTooLong { .. })));
    let refused = Query::<User>::new().skip_token("");
    match service.entity_set::<User>().list_with(&refused) {
        Err(Error::InvalidRequest { reason, .. }) => assert!(reason.contains("skiptoken"), "{reason}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn each_verbs_answer_reads_as_the_verb_wants() {
    let answer = |status: u16, body: &str| {
        odata::http::Response::builder().status(status).body(body.as_bytes().to_vec()).unwrap()
    };
    let user = Body::<User>::read(answer(200, r#"{"id": "1"}"#)).unwrap();
    assert_eq!(user.id.as_deref(), Some("1"));
    assert!(matches!(Body::<User>::read(answer(200, "[")), Err(Error::Body { .. })));
    NoContent::read(answer(204, "")).unwrap();
    assert_eq!(
        NoContent::read(answer(404, "")).unwrap_err().status(),
        Some(odata::http::StatusCode::NOT_FOUND)
    );
    assert!(Returns::<RevokeSignInSessions>::read(answer(200, r#"{"value": true}"#)).unwrap());
}
