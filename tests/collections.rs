//! `Collection<T>`: pages of entity sets as services answer them; and the cheap std traits
//! of the runtime's plain values (`Collection`, `Annotations`, `RawObject`, the payload views).

mod common;

use common::AndroidForWorkEnrollmentProfile;
use odata::{Annotations, Collection, CreatePayload, ODataResource, RawObject, UpdatePayload};
use serde_json::json;

#[test]
fn a_page_reads_its_values_and_links() {
    let page: Collection<RawObject> = serde_json::from_value(json!({
        "@odata.context": "https://graph.microsoft.com/beta/$metadata#deviceManagement/deviceEnrollmentConfigurations",
        "@odata.count": "2",
        "@odata.nextLink": "https://graph.microsoft.com/beta/deviceManagement/deviceEnrollmentConfigurations?$skiptoken=A",
        "@odata.unknownAnnotation": true,
        "value": [{"id": "1"}, {"id": "2"}]
    }))
    .unwrap();
    assert_eq!(page.value.len(), 2);
    assert_eq!(page.count, Some(2));
    assert!(page.next_link.unwrap().ends_with("$skiptoken=A"));
    assert!(page.context.unwrap().ends_with("deviceEnrollmentConfigurations"));
    assert_eq!(page.delta_link, None);
}

#[test]
fn a_page_without_value_is_an_error() {
    let error = serde_json::from_value::<Collection<RawObject>>(json!({"@odata.count": 1})).unwrap_err();
    assert_eq!(error.to_string(), "missing property `value` of a collection");
    let error = serde_json::from_value::<Collection<i32>>(json!({"value": ["x"]})).unwrap_err();
    assert!(error.to_string().starts_with("property `value`: invalid type: string"), "{error}");
    let error =
        serde_json::from_value::<Collection<i32>>(json!({"value": [], "@odata.count": "many"})).unwrap_err();
    assert!(error.to_string().contains("`@odata.count` `many` is not an integer"), "{error}");
}

#[test]
fn a_page_writes_its_links_before_the_values() {
    let mut page = Collection::new(vec![1, 2]);
    page.next_link = Some("https://example.com/next".into());
    assert_eq!(
        serde_json::to_string(&page).unwrap(),
        r#"{"@odata.nextLink":"https://example.com/next","value":[1,2]}"#
    );
}

#[test]
fn the_default_page_is_empty_and_has_no_links() {
    let page = Collection::<RawObject>::default();
    assert_eq!(page, Collection::new(Vec::new()));
    assert!(page.value.is_empty());
    assert_eq!((page.next_link, page.delta_link, page.count, page.context), (None, None, None, None));
    // No `T: Default` is needed.
    struct NoDefault;
    assert!(Collection::<NoDefault>::default().value.is_empty());
}

fn three_page() -> Collection<String> {
    let mut page = Collection::new(vec!["a".to_owned(), "b".to_owned(), "c".to_owned()]);
    page.next_link = Some("https://example.com/next".into());
    page
}

#[test]
fn a_page_iterates_its_values_owned_borrowed_and_mutably() {
    let mut page = three_page();
    let mut seen = Vec::new();
    for value in &page {
        seen.push(value.as_str());
    }
    assert_eq!(seen, ["a", "b", "c"]);

    for value in &mut page {
        value.push('!');
    }
    assert_eq!(page.value, ["a!", "b!", "c!"]);

    let owned: Vec<String> = page.into_iter().rev().collect();
    assert_eq!(owned, ["c!", "b!", "a!"]);
}

fn is_eq<T: Eq>(_: &T) {}

#[test]
fn annotations_raw_objects_and_pages_are_eq() {
    let mut annotations = Annotations::default();
    annotations.insert("@odata.etag", json!("W/\"1\""));
    is_eq(&annotations);
    assert_eq!(annotations, annotations.clone());
    let mut other = annotations.clone();
    other.insert("@odata.etag", json!("W/\"2\""));
    assert_ne!(annotations, other);

    let raw: RawObject = serde_json::from_value(json!({"id": "1", "score": 0.5, "tags": [1, 2.5]})).unwrap();
    is_eq(&raw);
    assert_eq!(raw, raw.clone());
    // Numbers compare by value as JSON reads them: 0.5 is not 0.50000001.
    let close: RawObject =
        serde_json::from_value(json!({"id": "1", "score": 0.500_000_01, "tags": [1, 2.5]})).unwrap();
    assert_ne!(raw, close);

    is_eq(&three_page());
    assert_ne!(three_page(), Collection::new(three_page().value));
}

fn copy_twice<T: Copy>(value: T) -> (T, T) {
    (value, value)
}

#[test]
fn payload_views_are_copy_for_any_entity() {
    let profile: AndroidForWorkEnrollmentProfile = serde_json::from_str(common::SEED_RESPONSE).unwrap();
    // The entity is not `Copy`; its views are, whatever it is.
    let (create, again): (CreatePayload<'_, _>, _) = copy_twice(profile.create_payload());
    assert_eq!(serde_json::to_value(create).unwrap(), serde_json::to_value(again).unwrap());
    assert!(std::ptr::eq(create.entity(), &profile));
    let (update, again): (UpdatePayload<'_, _>, _) = copy_twice(profile.update_payload());
    assert_eq!(serde_json::to_string(&update).unwrap(), serde_json::to_string(&again).unwrap());
    assert!(std::ptr::eq(update.entity(), again.entity()));
}
