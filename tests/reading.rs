//! Reading: `@odata.type` anywhere or absent, unknown properties and annotations ignored,
//! and every bad input an error that names the property and what was wrong.

mod common;

use common::{AndroidForWorkEnrollmentProfile, MimeContent};
use odata::ODataComplex;

fn read(json: &str) -> Result<AndroidForWorkEnrollmentProfile, String> {
    serde_json::from_str(json).map_err(|error| error.to_string())
}

fn read_error(json: &str) -> String {
    match read(json) {
        Ok(value) => panic!("expected an error, read {value:?}"),
        Err(error) => error,
    }
}

#[test]
fn the_type_annotation_may_be_absent_or_anywhere_with_or_without_hash() {
    for json in [
        r#"{"displayName": "a"}"#,
        r##"{"displayName": "a", "@odata.type": "#microsoft.graph.androidForWorkEnrollmentProfile"}"##,
        r#"{"displayName": "a", "@odata.type": "microsoft.graph.androidForWorkEnrollmentProfile"}"#,
    ] {
        assert_eq!(read(json).unwrap().display_name.as_deref(), Some("a"), "{json}");
    }
}

#[test]
fn a_different_type_names_both_types() {
    let error = read_error(r##"{"id": "1", "@odata.type": "#microsoft.graph.user"}"##);
    assert!(error.contains("`#microsoft.graph.user`"), "{error}");
    assert!(error.contains("`microsoft.graph.androidForWorkEnrollmentProfile`"), "{error}");
}

#[test]
fn a_nested_complex_value_of_another_type_is_an_error_naming_the_property() {
    let error = read_error(r#"{"qrCodeImage": {"@odata.type": "microsoft.graph.fileContent", "type": "x"}}"#);
    assert!(error.starts_with("property `qrCodeImage`: "), "{error}");
    assert!(error.contains("`microsoft.graph.fileContent`"), "{error}");
    assert!(error.contains("`microsoft.graph.mimeContent`"), "{error}");
}

#[test]
fn unknown_properties_and_annotations_are_ignored() {
    let profile = read(
        r##"{
            "@odata.context": "https://graph.microsoft.com/beta/$metadata#deviceManagement/androidForWorkEnrollmentProfiles/$entity",
            "@odata.etag": "W/\"1\"",
            "displayName@odata.type": "#String",
            "displayName": "a",
            "addedNextYear": {"nested": [1, 2, {"deep": null}]},
            "enrolledDeviceCount": 7
        }"##,
    )
    .unwrap();
    assert_eq!(profile.display_name.as_deref(), Some("a"));
    assert_eq!(profile.enrolled_device_count, Some(7));
}

#[test]
fn null_and_absent_read_as_none() {
    let profile = read(r#"{"displayName": null, "qrCodeImage": null}"#).unwrap();
    assert_eq!(profile.display_name, None);
    assert_eq!(profile.qr_code_image, None);
    assert_eq!(profile.id, None);
}

#[test]
fn option_of_option_tells_null_from_absent_both_ways() {
    // What Graph's settings catalog pages document: `"children": null` next to real values.
    #[derive(Debug, PartialEq, ODataComplex)]
    #[odata(type = "microsoft.graph.deviceManagementConfigurationChoiceSettingValue")]
    struct ChoiceValue {
        value: Option<String>,
        children: Option<Option<Vec<String>>>,
    }

    for (json, children) in [
        (
            r#"{"@odata.type":"microsoft.graph.deviceManagementConfigurationChoiceSettingValue","value":"a","children":null}"#,
            Some(None),
        ),
        (
            r#"{"@odata.type":"microsoft.graph.deviceManagementConfigurationChoiceSettingValue","value":"a","children":["b"]}"#,
            Some(Some(vec!["b".to_owned()])),
        ),
        (
            r#"{"@odata.type":"microsoft.graph.deviceManagementConfigurationChoiceSettingValue","value":"a"}"#,
            None,
        ),
    ] {
        let read: ChoiceValue = serde_json::from_str(json).unwrap();
        assert_eq!(read, ChoiceValue { value: Some("a".to_owned()), children }, "{json}");
        assert_eq!(serde_json::to_string(&read).unwrap(), json);
    }
    let error = serde_json::from_str::<ChoiceValue>(r#"{"children": [1]}"#).unwrap_err().to_string();
    assert!(error.starts_with("property `children`: invalid type: integer `1`"), "{error}");
}

#[test]
fn int32_out_of_range_is_an_error_naming_the_property() {
    let error = read_error(r#"{"enrolledDeviceCount": 2147483648}"#);
    assert!(
        error.starts_with("property `enrolledDeviceCount`: invalid value: integer `2147483648`"),
        "{error}"
    );
}

#[test]
fn wrong_json_types_are_errors_naming_the_property() {
    let error = read_error(r#"{"displayName": 5}"#);
    assert!(error.starts_with("property `displayName`: invalid type: integer `5`"), "{error}");
    let error = read_error(r#"{"enrolledDeviceCount": "3"}"#);
    assert!(error.starts_with("property `enrolledDeviceCount`: invalid type: string"), "{error}");
    let error = read_error(r#"["not", "an", "object"]"#);
    assert!(error.contains("microsoft.graph.androidForWorkEnrollmentProfile"), "{error}");
}

#[test]
fn bad_base64_is_an_error_naming_the_nested_property() {
    let error = read_error(r#"{"qrCodeImage": {"value": "not base64!"}}"#);
    assert!(
        error.starts_with("property `qrCodeImage`: property `value`: invalid Edm.Binary `not base64!`"),
        "{error}"
    );
}

#[test]
fn bad_dates_are_errors_naming_the_property() {
    for date in ["2016-02-30T00:00:00Z", "2016-12-31", "yesterday", "2016-12-31T25:00:00Z"] {
        let error = read_error(&format!(r#"{{"createdDateTime": "{date}"}}"#));
        assert!(error.starts_with("property `createdDateTime`: invalid Edm.DateTimeOffset"), "{error}");
    }
}

#[test]
fn a_property_given_twice_is_an_error() {
    let error = read_error(r#"{"displayName": "a", "displayName": "b"}"#);
    assert!(error.starts_with("property `displayName` appears twice"), "{error}");
}

/// The reading loop, not the builder's slot, tells a property seen before: in declaration
/// order, after one out of it, when the first value was `null`, and for a base's property or a
/// required one.
#[test]
fn a_property_given_twice_is_an_error_wherever_it_comes_and_whatever_it_was() {
    for json in [
        r#"{"accountId": "a", "id": "1", "accountId": "b"}"#,
        r#"{"accountId": null, "accountId": "b"}"#,
        r#"{"accountId": "a", "displayName": "d", "id": "1", "accountId": "b"}"#,
        r#"{"displayName": "d", "accountId": null, "id": "1", "displayName": "e"}"#,
        r#"{"qrCodeImage": null, "accountId": "a", "qrCodeImage": {"type": "image/png"}}"#,
    ] {
        let error = read_error(json);
        assert!(error.contains("` appears twice"), "{json}: {error}");
    }
    let read = |json: &str| serde_json::from_str::<PostalAddress>(json).unwrap_err().to_string();
    for (json, twice) in [
        (r#"{"street": "a", "postalCode": "1", "street": "b"}"#, "street"),
        (r#"{"postalCode": "1", "city": null, "postalCode": "2", "street": "a"}"#, "postalCode"),
        (r#"{"city": "x", "street": "a", "city": null, "postalCode": "1"}"#, "city"),
    ] {
        let error = read(json);
        assert!(error.starts_with(&format!("property `{twice}` appears twice")), "{json}: {error}");
    }
    // Each property once, in any order, reads.
    let address =
        serde_json::from_str::<PostalAddress>(r#"{"postalCode": "1", "city": null, "street": "a"}"#)
            .expect("each property once");
    assert_eq!((address.base.street.as_str(), address.postal_code.as_str()), ("a", "1"));
}

#[test]
fn errors_keep_the_position_in_the_text() {
    let error = read_error("{\n  \"enrolledDeviceCount\": true\n}");
    assert!(error.ends_with("at line 2 column 29"), "{error}");
}

#[derive(Debug, PartialEq, ODataComplex)]
#[odata(type = "Contoso.Address")]
pub struct Address {
    street: String,
    city: Option<String>,
}

/// A derived type whose base requires a property: the base's check names the base.
#[derive(Debug, PartialEq, ODataComplex)]
#[odata(type = "Contoso.PostalAddress")]
pub struct PostalAddress {
    #[odata(base)]
    base: Address,
    postal_code: String,
}

#[test]
fn a_missing_required_property_is_an_error_naming_its_wire_name() {
    let error = serde_json::from_str::<Address>(r#"{"city": "Redmond"}"#).unwrap_err().to_string();
    assert!(error.starts_with("missing property `street`, which `Contoso.Address` requires"), "{error}");
    let error = serde_json::from_str::<Address>(r#"{"street": null}"#).unwrap_err().to_string();
    assert!(error.starts_with("property `street`: invalid type: null, expected a string"), "{error}");
}

#[test]
fn a_missing_property_is_named_with_the_type_that_declares_it() {
    let read = |json: &str| serde_json::from_str::<PostalAddress>(json).unwrap_err().to_string();
    let error = read(r#"{"city": "Redmond", "postalCode": "98052"}"#);
    assert!(error.starts_with("missing property `street`, which `Contoso.Address` requires"), "{error}");
    let error = read(r#"{"street": "One Microsoft Way"}"#);
    assert!(
        error.starts_with("missing property `postalCode`, which `Contoso.PostalAddress` requires"),
        "{error}"
    );
    let address =
        serde_json::from_str::<PostalAddress>(r#"{"street": "One Microsoft Way", "postalCode": "98052"}"#)
            .expect("both required properties are there");
    assert_eq!(address.base.street, "One Microsoft Way");
    assert_eq!(address.postal_code, "98052");
}

#[test]
fn required_properties_are_written_even_when_empty() {
    let address = Address { street: String::new(), city: None };
    assert_eq!(serde_json::to_string(&address).unwrap(), r#"{"@odata.type":"Contoso.Address","street":""}"#);
}

#[test]
fn complex_values_read_their_own_annotation_with_or_without_hash() {
    for json in [
        r#"{"@odata.type": "microsoft.graph.mimeContent", "type": "t"}"#,
        r##"{"type": "t", "@odata.type": "#microsoft.graph.mimeContent"}"##,
    ] {
        let content: MimeContent = serde_json::from_str(json).unwrap();
        assert_eq!(content.r#type.as_deref(), Some("t"));
    }
}

#[test]
fn a_non_string_type_annotation_is_an_error() {
    let error = read_error(r#"{"@odata.type": 5}"#);
    assert!(error.contains("invalid type: integer `5`"), "{error}");
}

/// Graph has properties named `self`, which cannot be a raw identifier: the field takes
/// another name and `rename` gives the wire name back.
#[derive(Debug, Clone, PartialEq, odata::ODataResource)]
#[odata(type = "microsoft.graph.securityReportLink", collection = "/links")]
pub struct ReportLink {
    #[odata(key, read_only)]
    pub id: Option<String>,
    #[odata(rename = "self")]
    pub self_: Option<String>,
    pub r#type: Option<String>,
}

#[test]
fn a_property_named_self_reads_and_writes_through_rename() {
    let text = r##"{"@odata.type":"#microsoft.graph.securityReportLink","id":"1","self":"https://example.com/1","type":"report"}"##;
    let link: ReportLink = serde_json::from_str(text).unwrap();
    assert_eq!(link.self_.as_deref(), Some("https://example.com/1"));
    assert_eq!(serde_json::to_string(&link).unwrap(), text);
    assert_eq!(<ReportLink as odata::ODataType>::PROPERTIES[1].name, "self");
    let patch =
        ReportLinkPatch { self_: odata::Change::Set("https://example.com/2".into()), ..Default::default() };
    let request = odata::Service::new("https://example.com").update("1", &patch);
    assert_eq!(
        request.body(),
        br##"{"@odata.type":"#microsoft.graph.securityReportLink","self":"https://example.com/2"}"##
    );
}

/// A type whose properties are all optional, without a base or kept annotations, reads into its
/// own fields: the derive writes no builder struct and no `finish` that moves each property.
/// A type with a required property, or a base, collects into a builder first.
#[test]
fn a_type_of_optional_properties_is_its_own_builder() {
    use odata::__private::Structured;
    use std::any::TypeId;
    fn builder_of<T: Structured>() -> TypeId
    where
        T::Builder: 'static,
    {
        TypeId::of::<T::Builder>()
    }
    assert_eq!(
        builder_of::<AndroidForWorkEnrollmentProfile>(),
        TypeId::of::<AndroidForWorkEnrollmentProfile>()
    );
    assert_eq!(builder_of::<MimeContent>(), TypeId::of::<MimeContent>());
    assert_ne!(builder_of::<Address>(), TypeId::of::<Address>());
    assert_ne!(builder_of::<PostalAddress>(), TypeId::of::<PostalAddress>());
    let read: MimeContent = serde_json::from_str(r#"{"type": "image/png", "value": null}"#).unwrap();
    assert_eq!((read.r#type.as_deref(), read.value), (Some("image/png"), None));
}
