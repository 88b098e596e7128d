//! A service that is not Graph: PascalCase names, required (non-`Option`) properties, keys
//! the client chooses, collections of complex values, and the standard `('key')` style.

use http::Method;
use odata::{KeyStyle, ODataComplex, ODataResource, Service};
use serde_json::{json, Value};

#[derive(Debug, Clone, PartialEq, ODataResource)]
#[odata(type = "Trippin.Person", collection = "/People", rename_all = "PascalCase")]
pub struct Person {
    #[odata(key)]
    pub user_name: String,
    pub first_name: String,
    pub last_name: Option<String>,
    pub emails: Vec<String>,
    pub address_info: Vec<Location>,
    #[odata(read_only)]
    pub concurrency: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, ODataComplex)]
#[odata(type = "Trippin.Location", rename_all = "PascalCase")]
pub struct Location {
    pub address: String,
    #[odata(rename = "CityName")]
    pub city: Option<String>,
}

fn russell() -> Person {
    Person {
        user_name: "russellwhyte".into(),
        first_name: "Russell".into(),
        last_name: None,
        emails: vec!["Russell@example.com".into()],
        address_info: vec![
            Location { address: "187 Suffolk Ln.".into(), city: Some("Boise".into()) },
            Location { address: "1 Main St.".into(), city: None },
        ],
        concurrency: Some(635_404_797_346_655_200),
    }
}

#[test]
fn the_client_chosen_key_is_part_of_the_create_payload() {
    let service =
        Service::new("https://services.odata.org/V4/TripPinServiceRW").with_key_style(KeyStyle::Parentheses);
    let request = service.create(&russell());
    assert_eq!(request.method(), Method::POST);
    assert_eq!(request.uri(), "https://services.odata.org/V4/TripPinServiceRW/People");
    let body: Value = serde_json::from_slice(request.body()).unwrap();
    assert_eq!(
        body,
        json!({
            "@odata.type": "#Trippin.Person",
            "UserName": "russellwhyte",
            "FirstName": "Russell",
            "Emails": ["Russell@example.com"],
            "AddressInfo": [
                {"@odata.type": "Trippin.Location", "Address": "187 Suffolk Ln.", "CityName": "Boise"},
                {"@odata.type": "Trippin.Location", "Address": "1 Main St."}
            ]
        })
    );
}

#[test]
fn the_key_addresses_the_entity_in_parentheses_and_stays_out_of_patches() {
    let service =
        Service::new("https://services.odata.org/V4/TripPinServiceRW").with_key_style(KeyStyle::Parentheses);
    let person = russell();
    let get = service.get::<Person>(&person.user_name);
    assert_eq!(get.uri().path(), "/V4/TripPinServiceRW/People('russellwhyte')");
    let patch = service.update(&person.user_name, &person);
    let body: Value = serde_json::from_slice(patch.body()).unwrap();
    assert!(body.get("UserName").is_none(), "{body}");
    assert_eq!(body["FirstName"], "Russell");
}

#[test]
fn a_service_answer_round_trips() {
    let answer = json!({
        "@odata.context": "https://services.odata.org/V4/TripPinServiceRW/$metadata#People/$entity",
        "@odata.id": "https://services.odata.org/V4/TripPinServiceRW/People('russellwhyte')",
        "@odata.etag": "W/\"08D1694BD49A0F11\"",
        "UserName": "russellwhyte",
        "FirstName": "Russell",
        "Emails": ["Russell@example.com"],
        "AddressInfo": [{"Address": "187 Suffolk Ln.", "CityName": "Boise"}],
        "Concurrency": 635_404_797_346_655_200_i64
    });
    let person: Person = serde_json::from_value(answer).unwrap();
    assert_eq!(person.address_info[0].city.as_deref(), Some("Boise"));
    assert_eq!(person.concurrency, Some(635_404_797_346_655_200));
    let written = serde_json::to_value(&person).unwrap();
    assert_eq!(written["AddressInfo"][0]["@odata.type"], "Trippin.Location");
    assert_eq!(serde_json::from_value::<Person>(written).unwrap(), person);
}

#[test]
fn required_properties_must_be_present() {
    let error = serde_json::from_value::<Person>(json!({"UserName": "x", "FirstName": "y", "Emails": []}))
        .unwrap_err()
        .to_string();
    assert!(error.starts_with("missing property `AddressInfo`, which `Trippin.Person` requires"), "{error}");
    let error = serde_json::from_value::<Person>(json!({
        "UserName": "x", "FirstName": "y", "Emails": [], "AddressInfo": [{"CityName": "Boise"}]
    }))
    .unwrap_err()
    .to_string();
    assert!(error.starts_with("property `AddressInfo`: missing property `Address`"), "{error}");
}
