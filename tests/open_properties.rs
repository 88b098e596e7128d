//! Open properties and annotations are never lost: `#[odata(additional)]` keeps every
//! undeclared property and writes it back after the declared ones; `#[odata(annotations)]`
//! keeps instance annotations, and `@odata.etag` becomes `If-Match`.

mod common;

use std::collections::{BTreeMap, HashMap};

use common::enrollment::*;
use odata::{Annotations, ODataResource, Service};
use serde_json::{json, Map, Value};

const WITH_EXTRAS: &str = r##"{
  "@odata.context": "https://graph.microsoft.com/beta/$metadata#deviceManagement/deviceEnrollmentConfigurations/$entity",
  "@odata.type": "#microsoft.graph.deviceEnrollmentLimitConfiguration",
  "@odata.etag": "W/\"3\"",
  "@odata.id": "https://graph.microsoft.com/beta/deviceManagement/deviceEnrollmentConfigurations('limit-1')",
  "id": "limit-1",
  "displayName": "All users",
  "displayName@odata.type": "#String",
  "priority": 0,
  "deviceEnrollmentConfigurationType": "limit",
  "limit": 15,
  "assignments@odata.navigationLink": "https://graph.microsoft.com/beta/x/assignments",
  "newlyAddedSetting": {"enabled": true, "values": [1, 2, null]}
}"##;

#[test]
fn unknown_properties_and_annotations_round_trip_without_loss() {
    let read: DeviceEnrollmentLimitConfiguration = serde_json::from_str(WITH_EXTRAS).unwrap();
    let base = &read.base;
    assert_eq!(base.annotations.etag(), Some("W/\"3\""));
    assert_eq!(
        base.annotations.context().unwrap(),
        "https://graph.microsoft.com/beta/$metadata#deviceManagement/deviceEnrollmentConfigurations/$entity"
    );
    assert_eq!(base.annotations.get("displayName@odata.type"), Some(&json!("#String")));
    assert_eq!(base.additional["deviceEnrollmentConfigurationType"], "limit");
    assert_eq!(base.additional["newlyAddedSetting"]["values"][1], 2);
    // Declared properties never go to the map, annotations never.
    assert!(!base.additional.contains_key("limit") && !base.additional.contains_key("displayName"));
    assert!(base.additional.keys().all(|name| !name.contains('@')));

    let documented: Value = serde_json::from_str(WITH_EXTRAS).unwrap();
    assert_eq!(serde_json::to_value(&read).unwrap(), documented);
}

#[test]
fn read_modify_one_field_write_loses_nothing() {
    let mut read: DeviceEnrollmentLimitConfiguration = serde_json::from_str(WITH_EXTRAS).unwrap();
    read.limit = Some(20);
    let mut expected: Value = serde_json::from_str(WITH_EXTRAS).unwrap();
    expected["limit"] = json!(20);
    assert_eq!(serde_json::to_value(&read).unwrap(), expected);
}

#[test]
fn undeclared_properties_are_written_after_every_declared_one() {
    let read: DeviceEnrollmentLimitConfiguration = serde_json::from_str(WITH_EXTRAS).unwrap();
    let written = serde_json::to_string(&read).unwrap();
    let position = |needle: &str| written.find(needle).unwrap_or_else(|| panic!("{needle} in {written}"));
    // Annotations right after `@odata.type`, then the base's properties, the derived ones, and
    // the undeclared ones last, although the base holds the map.
    assert_eq!(position("\"@odata.type\""), 1);
    assert!(position("\"@odata.etag\"") < position("\"id\""));
    assert!(position("\"priority\"") < position("\"limit\""));
    assert!(position("\"limit\"") < position("\"deviceEnrollmentConfigurationType\""));
    assert!(position("\"limit\"") < position("\"newlyAddedSetting\""));
}

#[test]
fn payloads_carry_undeclared_properties_but_no_annotation() {
    let read: DeviceEnrollmentLimitConfiguration = serde_json::from_str(WITH_EXTRAS).unwrap();
    let create = serde_json::to_value(read.create_payload()).unwrap();
    assert_eq!(
        create,
        json!({
            "@odata.type": "#microsoft.graph.deviceEnrollmentLimitConfiguration",
            "displayName": "All users",
            "priority": 0,
            "limit": 15,
            "deviceEnrollmentConfigurationType": "limit",
            "newlyAddedSetting": {"enabled": true, "values": [1, 2, null]}
        })
    );
    // An entity sent as a PATCH sends its declared writable properties only: what the
    // service added since the model was written may well be read-only.
    let update = serde_json::to_value(read.update_payload()).unwrap();
    assert_eq!(
        update,
        json!({
            "@odata.type": "#microsoft.graph.deviceEnrollmentLimitConfiguration",
            "displayName": "All users",
            "priority": 0,
            "limit": 15
        })
    );
}

#[test]
fn the_etag_is_sent_as_if_match_on_update_and_delete() {
    let read: DeviceEnrollmentLimitConfiguration = serde_json::from_str(WITH_EXTRAS).unwrap();
    let service = Service::new("https://graph.microsoft.com/beta");
    let update = service.update("limit-1", &read);
    assert_eq!(update.headers()["if-match"], "W/\"3\"");
    let delete = service.delete_entity(&read).unwrap();
    assert_eq!(delete.headers()["if-match"], "W/\"3\"");

    let without: DeviceEnrollmentLimitConfiguration = serde_json::from_str(r#"{"id": "1"}"#).unwrap();
    assert!(service.delete_entity(&without).unwrap().headers().get("if-match").is_none());
}

#[test]
fn an_additional_map_holding_a_declared_name_is_an_error_naming_it() {
    let mut value = DeviceEnrollmentLimitConfiguration::default();
    value.base.additional.insert("limit".into(), json!(1));
    let error = serde_json::to_string(&value).unwrap_err().to_string();
    assert_eq!(
        error,
        "additional property `limit` is declared by `microsoft.graph.deviceEnrollmentLimitConfiguration`: set its field instead"
    );

    let mut value = DeviceEnrollmentLimitConfiguration::default();
    value.base.additional.insert("@odata.etag".into(), json!("W/\"1\""));
    let error = serde_json::to_string(&value).unwrap_err().to_string();
    assert!(error.contains("additional property `@odata.etag`"), "{error}");
    assert!(error.contains("is an annotation"), "{error}");
}

#[test]
fn an_annotation_that_is_not_one_is_an_error() {
    let mut value = DeviceEnrollmentConfiguration::default();
    value.annotations.insert("displayName", json!("x"));
    let error = serde_json::to_string(&value).unwrap_err().to_string();
    assert!(error.contains("annotation `displayName`"), "{error}");
}

/// Any map of wire name to JSON value can hold the undeclared properties.
#[derive(Debug, odata::ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
struct UserWithBTreeMap {
    #[odata(key, read_only)]
    id: Option<String>,
    #[odata(additional)]
    extra: BTreeMap<String, Value>,
}

#[derive(Debug, odata::ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
struct UserWithHashMap {
    #[odata(key, read_only)]
    id: Option<String>,
    #[odata(additional)]
    extra: HashMap<String, Value>,
    #[odata(annotations)]
    annotations: Annotations,
}

#[test]
fn btree_and_hash_maps_hold_undeclared_properties_too() {
    let text = r#"{"id":"1","jobTitle":"PM","@odata.etag":"x","skills":["rust"]}"#;
    let with_btree: UserWithBTreeMap = serde_json::from_str(text).unwrap();
    assert_eq!(with_btree.extra["skills"], json!(["rust"]));
    let mut expected: Map<String, Value> = serde_json::from_str(text).unwrap();
    expected.remove("@odata.etag");
    expected.insert("@odata.type".into(), json!("#microsoft.graph.user"));
    assert_eq!(serde_json::to_value(&with_btree).unwrap(), Value::Object(expected.clone()));

    let with_hash: UserWithHashMap = serde_json::from_str(text).unwrap();
    assert_eq!(with_hash.extra["jobTitle"], "PM");
    assert_eq!(with_hash.annotations.etag(), Some("x"));
    expected.insert("@odata.etag".into(), json!("x"));
    assert_eq!(serde_json::to_value(&with_hash).unwrap(), Value::Object(expected));
}

#[test]
fn without_an_additional_field_undeclared_properties_are_skipped() {
    let read: common::AndroidForWorkEnrollmentProfile =
        serde_json::from_str(r#"{"id":"1","newProperty":true,"@odata.etag":"x"}"#).unwrap();
    assert_eq!(serde_json::to_value(&read).unwrap()["newProperty"], Value::Null);
}

/// A base that keeps annotations and not undeclared properties, and a type derived from it
/// that keeps its own undeclared properties: each member goes to whichever of the two keeps
/// its kind.
#[derive(Debug, Default, odata::ODataResource)]
#[odata(type = "contoso.annotatedThing", collection = "/things")]
pub struct AnnotatedThing {
    #[odata(key, read_only)]
    pub id: Option<String>,
    #[odata(annotations)]
    pub annotations: Annotations,
}

#[derive(Debug, Default, odata::ODataResource)]
#[odata(type = "contoso.openThing")]
pub struct OpenThing {
    #[odata(base)]
    pub base: AnnotatedThing,
    pub name: Option<String>,
    #[odata(additional)]
    pub extra: Map<String, Value>,
}

/// The other way round: the base keeps undeclared properties, the derived type annotations.
#[derive(Debug, Default, odata::ODataResource)]
#[odata(type = "contoso.openBase", collection = "/bases")]
pub struct OpenBase {
    #[odata(key, read_only)]
    pub id: Option<String>,
    #[odata(additional)]
    pub extra: BTreeMap<String, Value>,
}

#[derive(Debug, Default, odata::ODataResource)]
#[odata(type = "contoso.annotatedDerived")]
pub struct AnnotatedDerived {
    #[odata(base)]
    pub base: OpenBase,
    pub name: Option<String>,
    #[odata(annotations)]
    pub annotations: Annotations,
}

#[test]
fn a_derived_type_keeps_one_kind_of_member_and_its_base_the_other() {
    let text =
        r##"{"@odata.type":"#contoso.openThing","@odata.etag":"W/\"1\"","id":"1","name":"a","size":3}"##;
    let open: OpenThing = serde_json::from_str(text).unwrap();
    assert_eq!(open.extra["size"], 3);
    assert_eq!(open.base.annotations.etag(), Some("W/\"1\""));
    assert_eq!(odata::ODataType::annotations(&open).and_then(Annotations::etag), Some("W/\"1\""));
    let expected: Value = serde_json::from_str(text).unwrap();
    assert_eq!(serde_json::to_value(&open).unwrap(), expected);

    let text = r##"{"@odata.type":"#contoso.annotatedDerived","@odata.etag":"W/\"2\"","id":"2","name":"b","size":4}"##;
    let annotated: AnnotatedDerived = serde_json::from_str(text).unwrap();
    assert_eq!(annotated.base.extra["size"], 4);
    assert_eq!(annotated.annotations.etag(), Some("W/\"2\""));
    assert_eq!(odata::ODataType::annotations(&annotated).and_then(Annotations::etag), Some("W/\"2\""));
    let expected: Value = serde_json::from_str(text).unwrap();
    assert_eq!(serde_json::to_value(&annotated).unwrap(), expected);
}
