//! Navigation properties: read when the service expands them (`$expand`), written in the full
//! form, never sent in a create or PATCH payload.

use odata::{ODataResource, ODataType, Patchable, Service};
use serde_json::{json, Value};

#[derive(Debug, Clone, PartialEq, ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User {
    #[odata(key, read_only)]
    pub id: Option<String>,
    pub display_name: Option<String>,
    #[odata(navigation)]
    pub manager: Option<Box<User>>,
    #[odata(navigation)]
    pub direct_reports: Option<Vec<User>>,
}

fn expanded() -> Value {
    json!({
        "@odata.type": "#microsoft.graph.user",
        "id": "1",
        "displayName": "Adele",
        "manager": {"@odata.type": "#microsoft.graph.user", "id": "2", "displayName": "Megan"},
        "directReports": [
            {"@odata.type": "#microsoft.graph.user", "id": "3", "displayName": "Lee"},
            {"@odata.type": "#microsoft.graph.user", "id": "4"}
        ]
    })
}

#[test]
fn expanded_navigation_properties_read_and_write_back_in_the_full_form() {
    let user: User = serde_json::from_value(expanded()).unwrap();
    assert_eq!(user.manager.as_ref().unwrap().display_name.as_deref(), Some("Megan"));
    assert_eq!(user.direct_reports.as_ref().unwrap().len(), 2);
    assert_eq!(serde_json::to_value(&user).unwrap(), expanded());
}

#[test]
fn navigation_properties_are_never_sent() {
    let user: User = serde_json::from_value(expanded()).unwrap();
    let service = Service::new("https://graph.microsoft.com/v1.0");
    let create: Value = serde_json::from_slice(service.create(&user).body()).unwrap();
    assert_eq!(create, json!({"@odata.type": "#microsoft.graph.user", "displayName": "Adele"}));
    let update: Value = serde_json::from_slice(service.update("1", &user).body()).unwrap();
    assert_eq!(update, json!({"@odata.type": "#microsoft.graph.user", "displayName": "Adele"}));

    // A diff does not hold them either, however they changed.
    let mut modified = user.clone();
    modified.manager = None;
    modified.direct_reports.as_mut().unwrap().pop();
    modified.display_name = Some("Adele V.".into());
    let patch: Value = serde_json::from_slice(service.update("1", &user.diff(modified)).body()).unwrap();
    assert_eq!(patch, json!({"@odata.type": "#microsoft.graph.user", "displayName": "Adele V."}));
}

#[test]
fn navigation_properties_are_marked_in_the_metadata() {
    let navigation: Vec<&str> = User::PROPERTIES
        .iter()
        .filter(|property| property.navigation)
        .map(|property| property.name)
        .collect();
    assert_eq!(navigation, ["manager", "directReports"]);
    assert!(User::PROPERTIES.iter().all(|property| !property.navigation || !property.sent_on_create()));
}
