//! `Collection<T>`: pages of entity sets as services answer them.

use odata::{Collection, RawObject};
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
