//! Type hierarchies: a derived type reuses its base's properties through `#[odata(base)]`
//! and stays flat on the wire; an enum over the hierarchy reads the variant that
//! `@odata.type` names, wherever it stands, and keeps unknown types whole in `other`.

mod common;

use common::enrollment::*;
use odata::http::{Response, StatusCode};
use odata::{from_response, Collection, EntitySet, ODataResource, ODataType, Service};
use serde_json::{json, Value};

fn as_json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

#[test]
fn a_derived_type_reads_and_writes_the_documented_response_flat() {
    let limit: DeviceEnrollmentLimitConfiguration = serde_json::from_str(LIMIT_RESPONSE).unwrap();
    assert_eq!(limit.limit, Some(5));
    assert_eq!(limit.base.display_name.as_deref(), Some("Display Name value"));
    assert_eq!(limit.base.role_scope_tag_ids, Some(vec!["Role Scope Tag Ids value".to_owned()]));

    // Member order included: `@odata.type`, the base's properties, then the derived ones.
    assert_eq!(serde_json::to_string_pretty(&limit).unwrap(), LIMIT_RESPONSE);
}

#[test]
fn a_derived_type_takes_its_key_collection_and_read_only_properties_from_its_base() {
    assert_eq!(
        DeviceEnrollmentLimitConfiguration::COLLECTION_PATH,
        "/deviceManagement/deviceEnrollmentConfigurations"
    );
    assert_eq!(DeviceEnrollmentLimitConfiguration::KEY, "id");
    let names: Vec<&str> = DeviceEnrollmentLimitConfiguration::PROPERTIES.iter().map(|p| p.name).collect();
    assert_eq!(
        names,
        [
            "id",
            "displayName",
            "description",
            "priority",
            "createdDateTime",
            "lastModifiedDateTime",
            "version",
            "roleScopeTagIds",
            "limit"
        ]
    );

    let limit: DeviceEnrollmentLimitConfiguration = serde_json::from_str(LIMIT_RESPONSE).unwrap();
    let request = Service::new("https://graph.microsoft.com/beta").create(&limit);
    assert_eq!(
        request.uri(),
        "https://graph.microsoft.com/beta/deviceManagement/deviceEnrollmentConfigurations"
    );
    // The documented request of "Create deviceEnrollmentLimitConfiguration".
    let body: Value = serde_json::from_slice(request.body()).unwrap();
    assert_eq!(
        body,
        json!({
            "@odata.type": "#microsoft.graph.deviceEnrollmentLimitConfiguration",
            "displayName": "Display Name value",
            "description": "Description value",
            "priority": 8,
            "version": 7,
            "roleScopeTagIds": ["Role Scope Tag Ids value"],
            "limit": 5
        })
    );
    let request = Service::new("https://graph.microsoft.com/beta").delete_entity(&limit).unwrap();
    assert_eq!(
        request.uri(),
        "https://graph.microsoft.com/beta/deviceManagement/deviceEnrollmentConfigurations/4f8c4e4c-4e4c-4f8c-4c4e-8c4f4c4e8c4f"
    );
}

#[test]
fn a_mixed_list_reads_into_the_right_variants_and_writes_back_equal() {
    let response = Response::builder().status(StatusCode::OK).body(MIXED_LIST).unwrap();
    let page: Collection<AnyDeviceEnrollmentConfiguration> = from_response(response).unwrap();
    let [limit, restrictions, restore, default] = &page.value[..] else { panic!("{page:?}") };

    let AnyDeviceEnrollmentConfiguration::Limit(limit) = limit else { panic!("{limit:?}") };
    assert_eq!(limit.limit, Some(15));
    assert_eq!(limit.base.annotations.etag(), Some("W/\"1\""));
    let AnyDeviceEnrollmentConfiguration::PlatformRestrictions(restrictions) = restrictions else {
        panic!("{restrictions:?}")
    };
    let ios = restrictions.ios_restriction.as_ref().unwrap();
    assert_eq!(ios.personal_device_enrollment_blocked, Some(true));
    assert_eq!(
        restrictions.base.additional["deviceEnrollmentConfigurationType"],
        "singlePlatformRestriction"
    );
    let AnyDeviceEnrollmentConfiguration::Other(restore) = restore else { panic!("{restore:?}") };
    assert_eq!(restore.type_name(), Some("microsoft.graph.windowsRestoreDeviceEnrollmentConfiguration"));
    assert!(
        matches!(default, AnyDeviceEnrollmentConfiguration::Base(base) if base.id.as_deref() == Some("default"))
    );

    let documented: Value = serde_json::from_str(MIXED_LIST).unwrap();
    assert_eq!(as_json(&page.value), documented["value"]);
}

#[test]
fn each_variant_writes_its_own_type_first() {
    let values = [
        AnyDeviceEnrollmentConfiguration::Base(DeviceEnrollmentConfiguration::default()),
        AnyDeviceEnrollmentConfiguration::Limit(DeviceEnrollmentLimitConfiguration {
            limit: Some(3),
            ..Default::default()
        }),
    ];
    let written = serde_json::to_string(&values).unwrap();
    assert_eq!(
        written,
        r##"[{"@odata.type":"#microsoft.graph.deviceEnrollmentConfiguration"},{"@odata.type":"#microsoft.graph.deviceEnrollmentLimitConfiguration","limit":3}]"##
    );
}

#[test]
fn an_unknown_type_round_trips_through_other_unchanged() {
    let documented = json!({
        "@odata.type": "#microsoft.graph.deviceEnrollmentWindowsHelloForBusinessConfiguration",
        "id": "hello",
        "pinMinimumLength": 6,
        "enhancedBiometricsState": "enabled",
        "securityKeyForSignIn": "notConfigured",
        "nested": {"a": [1, 2, {"b": null}]}
    });
    let read: AnyDeviceEnrollmentConfiguration = serde_json::from_value(documented.clone()).unwrap();
    let AnyDeviceEnrollmentConfiguration::Other(raw) = &read else { panic!("{read:?}") };
    assert_eq!(raw.members()["pinMinimumLength"], 6);
    assert_eq!(as_json(&read), documented);
    let written = serde_json::to_string(&read).unwrap();
    assert!(written.starts_with(
        r##"{"@odata.type":"#microsoft.graph.deviceEnrollmentWindowsHelloForBusinessConfiguration","##
    ));

    // Its key still addresses it.
    let request = Service::new("https://graph.microsoft.com/beta").delete_entity(&read).unwrap();
    assert_eq!(request.uri().path(), "/beta/deviceManagement/deviceEnrollmentConfigurations/hello");
}

#[test]
fn without_other_an_unknown_type_is_an_error_naming_it() {
    let error = serde_json::from_value::<KnownDeviceEnrollmentConfiguration>(json!({
        "@odata.type": "#microsoft.graph.windowsRestoreDeviceEnrollmentConfiguration",
        "id": "restore-1"
    }))
    .unwrap_err()
    .to_string();
    assert!(
        error
            .contains("unknown `@odata.type` `#microsoft.graph.windowsRestoreDeviceEnrollmentConfiguration`"),
        "{error}"
    );
    assert!(error.contains("`microsoft.graph.deviceEnrollmentLimitConfiguration`"), "{error}");
}

#[test]
fn odata_type_may_stand_anywhere() {
    let documented: Value = serde_json::from_str(LIMIT_RESPONSE).unwrap();
    let first = serde_json::to_string(&documented).unwrap();
    // Moved to the end, then to the middle.
    let body =
        first.replacen(r##""@odata.type":"#microsoft.graph.deviceEnrollmentLimitConfiguration","##, "", 1);
    let last = format!(
        "{},\"@odata.type\":\"#microsoft.graph.deviceEnrollmentLimitConfiguration\"}}",
        body.strip_suffix('}').unwrap()
    );
    let middle = body.replacen(
        r#""priority":8,"#,
        r##""priority":8,"@odata.type":"microsoft.graph.deviceEnrollmentLimitConfiguration","##,
        1,
    );
    for text in [&first, &last, &middle] {
        let read: AnyDeviceEnrollmentConfiguration = serde_json::from_str(text).unwrap();
        let AnyDeviceEnrollmentConfiguration::Limit(limit) = &read else { panic!("{text}: {read:?}") };
        assert_eq!(limit.limit, Some(5), "{text}");
        assert_eq!(as_json(&read), documented, "{text}");
    }
    // An unknown type named last is still kept whole.
    let unknown = last.replace("deviceEnrollmentLimitConfiguration", "futureConfiguration");
    let read: AnyDeviceEnrollmentConfiguration = serde_json::from_str(&unknown).unwrap();
    assert_eq!(as_json(&read), serde_json::from_str::<Value>(&unknown).unwrap());
}

#[test]
fn without_odata_type_the_base_variant_is_read() {
    let untyped = json!({
        "id": "1",
        "@odata.etag": "W/\"3\"",
        "displayName": "x",
        "priority": 2,
        "createdDateTime": "2017-01-01T00:02:43.5775965-08:00",
        "futureProperty": [true]
    });
    let mut expected = DeviceEnrollmentConfiguration {
        id: Some("1".into()),
        display_name: Some("x".into()),
        priority: Some(2),
        created_date_time: Some("2017-01-01T00:02:43.5775965-08:00".parse().unwrap()),
        ..Default::default()
    };
    expected.annotations.insert("@odata.etag", json!("W/\"3\""));
    expected.additional.insert("futureProperty".into(), json!([true]));

    // Every member lands in the base type, with or without an `other` variant to fall back on.
    let read: AnyDeviceEnrollmentConfiguration = serde_json::from_value(untyped.clone()).unwrap();
    assert_eq!(read, AnyDeviceEnrollmentConfiguration::Base(expected.clone()));
    let known: KnownDeviceEnrollmentConfiguration = serde_json::from_value(untyped.clone()).unwrap();
    assert_eq!(known, KnownDeviceEnrollmentConfiguration::Base(expected));

    // Written back, it names the base type, which the service then reads as what it had.
    let mut written = untyped;
    written["@odata.type"] = json!("#microsoft.graph.deviceEnrollmentConfiguration");
    assert_eq!(as_json(&read), written);
    assert!(serde_json::to_string(&read)
        .unwrap()
        .starts_with(r##"{"@odata.type":"#microsoft.graph.deviceEnrollmentConfiguration","##));

    let empty: AnyDeviceEnrollmentConfiguration = serde_json::from_str("{}").unwrap();
    assert_eq!(empty, AnyDeviceEnrollmentConfiguration::Base(DeviceEnrollmentConfiguration::default()));
}

#[test]
fn a_derived_types_property_on_a_base_that_keeps_undeclared_ones_is_kept() {
    // A newer service may send, on the base type, a property its metadata only declared on a
    // derived type: a type that keeps what it does not declare keeps that too.
    let text = json!({
        "@odata.type": "#microsoft.graph.deviceEnrollmentConfiguration",
        "id": "1",
        "limit": 5
    });
    let read: AnyDeviceEnrollmentConfiguration = serde_json::from_value(text.clone()).unwrap();
    let AnyDeviceEnrollmentConfiguration::Base(base) = &read else { panic!("{read:?}") };
    assert_eq!(base.additional["limit"], 5);
    assert_eq!(serde_json::to_value(&read).unwrap(), text);
}

/// A hierarchy whose types keep nothing undeclared: a property of another of its types is a
/// sign of a wrong `@odata.type`.
mod strict {
    use odata::ODataResource;

    #[derive(Debug, ODataResource)]
    #[odata(type = "microsoft.graph.deviceEnrollmentConfiguration", collection = "/configurations")]
    pub struct Configuration {
        #[odata(key, read_only)]
        pub id: Option<String>,
    }

    #[derive(Debug, ODataResource)]
    #[odata(type = "microsoft.graph.deviceEnrollmentLimitConfiguration")]
    pub struct LimitConfiguration {
        #[odata(base)]
        pub base: Configuration,
        pub limit: Option<i32>,
    }

    #[derive(Debug, ODataResource)]
    #[odata(type = "microsoft.graph.deviceEnrollmentConfiguration", collection = "/configurations")]
    pub enum AnyConfiguration {
        Base(Configuration),
        Limit(LimitConfiguration),
    }
}

#[test]
fn a_derived_types_property_on_a_strict_base_is_an_error_naming_both() {
    let error = serde_json::from_value::<strict::AnyConfiguration>(json!({
        "@odata.type": "#microsoft.graph.deviceEnrollmentConfiguration",
        "id": "1",
        "limit": 5
    }))
    .unwrap_err()
    .to_string();
    assert_eq!(
        error,
        "property `limit` belongs to `microsoft.graph.deviceEnrollmentLimitConfiguration`, not to `microsoft.graph.deviceEnrollmentConfiguration`: is `@odata.type` right?"
    );
}

#[test]
fn a_wrong_odata_type_value_is_an_error() {
    for (value, expected) in [
        (json!({"@odata.type": 5}), "a type name as a string"),
        (json!({"@odata.type": null}), "a type name as a string"),
        (
            json!({"id": "1", "@odata.type": "#microsoft.graph.user"}),
            "unknown `@odata.type` `#microsoft.graph.user`",
        ),
    ] {
        let error = serde_json::from_value::<KnownDeviceEnrollmentConfiguration>(value.clone())
            .unwrap_err()
            .to_string();
        assert!(error.contains(expected), "{value}: {error}");
    }
    // Read as the concrete type, a derived type's name is a mismatch.
    let error =
        serde_json::from_str::<DeviceEnrollmentConfiguration>(LIMIT_RESPONSE).unwrap_err().to_string();
    assert!(error.contains("expected `microsoft.graph.deviceEnrollmentConfiguration`"), "{error}");
}

#[test]
fn errors_inside_a_variant_name_the_property() {
    let error = serde_json::from_value::<AnyDeviceEnrollmentConfiguration>(json!({
        "@odata.type": "#microsoft.graph.deviceEnrollmentLimitConfiguration",
        "limit": "five"
    }))
    .unwrap_err()
    .to_string();
    assert!(error.starts_with("property `limit`: invalid type: string \"five\""), "{error}");
    // The same with `@odata.type` last, when the members before it were buffered.
    let error = serde_json::from_value::<AnyDeviceEnrollmentConfiguration>(json!({
        "limit": "five",
        "@odata.type": "#microsoft.graph.deviceEnrollmentLimitConfiguration"
    }))
    .unwrap_err()
    .to_string();
    assert!(error.starts_with("property `limit`: invalid type: string \"five\""), "{error}");
}

#[test]
fn a_property_given_twice_around_a_late_odata_type_is_an_error() {
    // Both before `@odata.type` (both buffered), one on each side of it, and with no
    // `@odata.type` at all (the base read from the buffered members alone).
    for text in [
        r##"{"limit":1,"limit":2,"@odata.type":"#microsoft.graph.deviceEnrollmentLimitConfiguration"}"##,
        r##"{"limit":1,"@odata.type":"#microsoft.graph.deviceEnrollmentLimitConfiguration","limit":2}"##,
        r#"{"priority":1,"displayName":"x","priority":2}"#,
    ] {
        let error = serde_json::from_str::<AnyDeviceEnrollmentConfiguration>(text).unwrap_err().to_string();
        assert!(error.contains("` appears twice"), "{text}: {error}");
    }
    // Without `@odata.type`, an error in a buffered member still names its property.
    let error = serde_json::from_str::<AnyDeviceEnrollmentConfiguration>(r#"{"priority":"high"}"#)
        .unwrap_err()
        .to_string();
    assert!(error.starts_with("property `priority`: invalid type: string \"high\""), "{error}");
    // Read back from text, a buffered member's error has the document's position (where
    // its object ended, as the value became known there), not one in the text written back.
    for text in [
        r##"{"limit":"five","@odata.type":"#microsoft.graph.deviceEnrollmentLimitConfiguration"}"##,
        r#"{"displayName":"x","priority":"high"}"#,
    ] {
        let error = serde_json::from_str::<AnyDeviceEnrollmentConfiguration>(text).unwrap_err();
        assert_eq!((error.line(), error.column()), (1, text.len()), "{text}: {error}");
        assert_eq!(error.to_string().matches(" at line ").count(), 1, "{error}");
    }
}

/// A small hierarchy whose values are `Edm.Decimal`s, which keep every digit only when read
/// from the document's text.
mod priced {
    use odata::{Decimal, ODataResource};

    #[derive(Debug, ODataResource)]
    #[odata(type = "contoso.item", collection = "/items")]
    pub struct Item {
        #[odata(key, read_only)]
        pub id: Option<String>,
        pub price: Option<Decimal>,
    }

    #[derive(Debug, ODataResource)]
    #[odata(type = "contoso.specialItem")]
    pub struct SpecialItem {
        #[odata(base)]
        pub base: Item,
        pub discount: Option<Decimal>,
    }

    #[derive(Debug, ODataResource)]
    #[odata(type = "contoso.item")]
    pub enum AnyItem {
        Item(Item),
        Special(SpecialItem),
    }

    /// Without the base type as a variant: an object without `@odata.type` is kept whole too.
    #[derive(Debug, ODataResource)]
    #[odata(type = "contoso.item")]
    pub enum SpecialOrUnknown {
        Special(SpecialItem),
        #[odata(other)]
        Unknown(odata::RawObject),
    }
}

#[test]
fn members_read_before_a_late_or_missing_odata_type_keep_every_digit() {
    use priced::AnyItem;
    const DIGITS: &str = "1234567890.123456789012345";
    for text in [
        format!(r#"{{"id":"1","price":{DIGITS}}}"#),
        format!(r##"{{"id":"1","price":{DIGITS},"@odata.type":"#contoso.item"}}"##),
        format!(
            r##"{{"id":"1","price":{DIGITS},"@odata.type":"#contoso.specialItem","discount":{DIGITS}}}"##
        ),
    ] {
        // From text and from bytes (as `from_response` and the client read).
        for item in [
            serde_json::from_str::<AnyItem>(&text).unwrap(),
            serde_json::from_slice::<AnyItem>(text.as_bytes()).unwrap(),
        ] {
            let (price, discount) = match &item {
                AnyItem::Item(item) => (&item.price, None),
                AnyItem::Special(special) => (&special.base.price, special.discount.as_ref()),
            };
            assert_eq!(price.as_ref().map(|price| price.as_str()), Some(DIGITS), "{text}");
            if let Some(discount) = discount {
                assert_eq!(discount.as_str(), DIGITS, "{text}");
            }
            assert!(serde_json::to_string(&item).unwrap().contains(&format!(r#""price":{DIGITS}"#)));
        }
    }
}

#[test]
fn an_unknown_type_keeps_every_digit_of_its_numbers_until_they_are_changed() {
    use priced::SpecialOrUnknown;
    const DIGITS: &str = "1234567890.123456789012345";
    let future = r##""@odata.type":"#contoso.futureItem""##;
    for (text, written) in [
        // `@odata.type` first, late, and missing.
        (
            format!(
                r#"{{{future}, "price": {DIGITS}, "tiers": [{{"at": 1, "price": {DIGITS}}}, "{DIGITS}"]}}"#
            ),
            format!(r#"{{{future},"price":{DIGITS},"tiers":[{{"at":1,"price":{DIGITS}}},"{DIGITS}"]}}"#),
        ),
        (
            format!(r#"{{"price": {DIGITS}, {future}, "count": 12345678901234567890123}}"#),
            format!(r#"{{{future},"count":12345678901234567890123,"price":{DIGITS}}}"#),
        ),
        (format!(r#"{{"id": "1", "price": -{DIGITS}e-3}}"#), format!(r#"{{"id":"1","price":-{DIGITS}e-3}}"#)),
    ] {
        for item in [
            serde_json::from_str::<SpecialOrUnknown>(&text).unwrap(),
            serde_json::from_slice::<SpecialOrUnknown>(text.as_bytes()).unwrap(),
        ] {
            assert_eq!(serde_json::to_string(&item).unwrap(), written, "{text}");
            let SpecialOrUnknown::Unknown(raw) = item else { panic!("{item:?}") };
            let read_again: odata::RawObject = serde_json::from_str(&written).unwrap();
            assert_eq!(raw, read_again);
        }
    }

    // A `Value` holds only a double's digits: a change of the 25th digit shows in the text
    // that is kept, and a member changed through `members_mut` is written as changed.
    let read = |digits: &str| -> odata::RawObject {
        serde_json::from_str(&format!(r#"{{"price":{digits},"tax":0.5}}"#)).unwrap()
    };
    let (mut raw, other) = (read(DIGITS), read("1234567890.123456789012346"));
    assert_eq!(raw.members(), other.members());
    assert_ne!(raw, other);
    raw.members_mut().insert("price".into(), serde_json::json!(2.5));
    assert_eq!(serde_json::to_string(&raw).unwrap(), r#"{"price":2.5,"tax":0.5}"#);
    assert_eq!(raw, odata::RawObject::new(raw.members().clone()));
    // A member removed is gone from the text and from the comparison.
    let mut removed = read(DIGITS);
    removed.members_mut().remove("price");
    assert_eq!(serde_json::to_string(&removed).unwrap(), r#"{"tax":0.5}"#);
    assert_eq!(removed, serde_json::from_str(r#"{"tax":0.5}"#).unwrap());
}

#[test]
fn an_enum_read_through_serdes_own_buffering_still_reads_a_late_odata_type() {
    // An untagged enum buffers its input in serde's own form, which has no JSON text to keep:
    // the members before `@odata.type` are read as JSON values there.
    #[derive(Debug, serde::Deserialize)]
    #[serde(untagged)]
    enum ConfigurationOrCount {
        Configuration(Box<AnyDeviceEnrollmentConfiguration>),
        Count(u32),
    }
    let late = r##"{"limit":5,"@odata.type":"#microsoft.graph.deviceEnrollmentLimitConfiguration"}"##;
    let read = |text: &str| match serde_json::from_str::<ConfigurationOrCount>(text).unwrap() {
        ConfigurationOrCount::Configuration(configuration) => *configuration,
        other => panic!("{other:?}"),
    };
    match read(late) {
        AnyDeviceEnrollmentConfiguration::Limit(limit) => {
            assert_eq!(limit.limit, Some(5))
        }
        other => panic!("{other:?}"),
    }
    match read(r#"{"displayName":"x","priority":2}"#) {
        AnyDeviceEnrollmentConfiguration::Base(base) => {
            assert_eq!((base.display_name.as_deref(), base.priority), (Some("x"), Some(2)))
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        serde_json::from_str::<ConfigurationOrCount>("7").unwrap(),
        ConfigurationOrCount::Count(7)
    ));
}

#[test]
fn the_enum_works_with_service_like_a_struct_resource() {
    let service = Service::new("https://graph.microsoft.com/beta");
    assert_eq!(
        AnyDeviceEnrollmentConfiguration::COLLECTION_PATH,
        "/deviceManagement/deviceEnrollmentConfigurations"
    );
    assert_eq!(AnyDeviceEnrollmentConfiguration::KEY, "id");
    assert_eq!(AnyDeviceEnrollmentConfiguration::TYPE_NAME, "microsoft.graph.deviceEnrollmentConfiguration");
    assert_eq!(AnyDeviceEnrollmentConfiguration::PROPERTIES, DeviceEnrollmentConfiguration::PROPERTIES);

    let limit = AnyDeviceEnrollmentConfiguration::Limit(serde_json::from_str(LIMIT_RESPONSE).unwrap());
    let request = service.create(&limit);
    let body: Value = serde_json::from_slice(request.body()).unwrap();
    assert_eq!(body["@odata.type"], "#microsoft.graph.deviceEnrollmentLimitConfiguration");
    assert_eq!(body.get("id"), None);
    assert_eq!(body["limit"], 5);

    let request = service.get::<AnyDeviceEnrollmentConfiguration>("limit-1");
    assert_eq!(request.uri().path(), "/beta/deviceManagement/deviceEnrollmentConfigurations/limit-1");
    let response = Response::builder().status(StatusCode::OK).body(LIMIT_RESPONSE).unwrap();
    let read: AnyDeviceEnrollmentConfiguration = from_response(response).unwrap();
    assert_eq!(read, limit);
}

/// A variant may box its type, as clippy's `large_enum_variant` advises for Graph's wide
/// derived types; the box is invisible on the wire.
#[derive(Debug, Clone, PartialEq, odata::ODataResource)]
#[odata(
    type = "microsoft.graph.deviceEnrollmentConfiguration",
    collection = "/deviceManagement/deviceEnrollmentConfigurations"
)]
pub enum BoxedDeviceEnrollmentConfiguration {
    Base(DeviceEnrollmentConfiguration),
    Limit(DeviceEnrollmentLimitConfiguration),
    PlatformRestrictions(Box<DeviceEnrollmentPlatformRestrictionsConfiguration>),
}

#[test]
fn a_boxed_variant_reads_and_writes_as_its_type() {
    let documented: Value = serde_json::from_str(MIXED_LIST).unwrap();
    let restrictions = documented["value"][1].clone();
    let read: BoxedDeviceEnrollmentConfiguration = serde_json::from_value(restrictions.clone()).unwrap();
    let BoxedDeviceEnrollmentConfiguration::PlatformRestrictions(boxed) = &read else { panic!("{read:?}") };
    assert_eq!(boxed.base.id.as_deref(), Some("restrictions-1"));
    assert_eq!(as_json(&read), restrictions);
    let request = Service::new("https://graph.microsoft.com/beta").delete_entity(&read).unwrap();
    assert_eq!(request.uri().path(), "/beta/deviceManagement/deviceEnrollmentConfigurations/restrictions-1");
    assert!(std::mem::size_of::<BoxedDeviceEnrollmentConfiguration>() < 512);
}

/// Complex types form hierarchies too, two levels deep here, and a polymorphic complex value
/// can be a property: Graph's assignment targets.
mod assignment_targets {
    use odata::{ODataComplex, ODataResource, ODataType};
    use serde_json::json;

    #[derive(Debug, Clone, PartialEq, Default, ODataComplex)]
    #[odata(type = "microsoft.graph.deviceAndAppManagementAssignmentTarget")]
    pub struct AssignmentTarget {
        pub device_and_app_management_assignment_filter_id: Option<String>,
        pub device_and_app_management_assignment_filter_type: Option<String>,
    }

    #[derive(Debug, Clone, PartialEq, Default, ODataComplex)]
    #[odata(type = "microsoft.graph.groupAssignmentTarget")]
    pub struct GroupAssignmentTarget {
        #[odata(base)]
        pub base: AssignmentTarget,
        pub group_id: Option<String>,
    }

    #[derive(Debug, Clone, PartialEq, Default, ODataComplex)]
    #[odata(type = "microsoft.graph.exclusionGroupAssignmentTarget")]
    pub struct ExclusionGroupAssignmentTarget {
        #[odata(base)]
        pub base: GroupAssignmentTarget,
    }

    #[derive(Debug, Clone, PartialEq, Default, ODataComplex)]
    #[odata(type = "microsoft.graph.allDevicesAssignmentTarget")]
    pub struct AllDevicesAssignmentTarget {
        #[odata(base)]
        pub base: AssignmentTarget,
    }

    #[derive(Debug, Clone, PartialEq, ODataComplex)]
    #[odata(type = "microsoft.graph.deviceAndAppManagementAssignmentTarget")]
    pub enum AnyAssignmentTarget {
        Group(GroupAssignmentTarget),
        ExclusionGroup(ExclusionGroupAssignmentTarget),
        AllDevices(AllDevicesAssignmentTarget),
    }

    #[derive(Debug, Clone, PartialEq, ODataResource)]
    #[odata(
        type = "microsoft.graph.deviceConfigurationAssignment",
        collection = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/assignments"
    )]
    pub struct DeviceConfigurationAssignment {
        #[odata(key, read_only)]
        pub id: Option<String>,
        pub target: Option<AnyAssignmentTarget>,
    }

    #[test]
    fn a_polymorphic_complex_property_reads_each_level_of_the_hierarchy() {
        let documented = json!([
            {"@odata.type": "#microsoft.graph.deviceConfigurationAssignment", "id": "a1",
             "target": {"@odata.type": "microsoft.graph.exclusionGroupAssignmentTarget",
                        "deviceAndAppManagementAssignmentFilterType": "none", "groupId": "g-1"}},
            {"@odata.type": "#microsoft.graph.deviceConfigurationAssignment", "id": "a2",
             "target": {"@odata.type": "microsoft.graph.allDevicesAssignmentTarget"}}
        ]);
        let read: Vec<DeviceConfigurationAssignment> = serde_json::from_value(documented.clone()).unwrap();
        let Some(AnyAssignmentTarget::ExclusionGroup(excluded)) = &read[0].target else { panic!("{read:?}") };
        assert_eq!(excluded.base.group_id.as_deref(), Some("g-1"));
        assert_eq!(
            excluded.base.base.device_and_app_management_assignment_filter_type.as_deref(),
            Some("none")
        );
        assert!(matches!(read[1].target, Some(AnyAssignmentTarget::AllDevices(_))));
        assert_eq!(serde_json::to_value(&read).unwrap(), documented);
        assert_eq!(
            ExclusionGroupAssignmentTarget::PROPERTIES.iter().map(|p| p.name).collect::<Vec<_>>(),
            [
                "deviceAndAppManagementAssignmentFilterId",
                "deviceAndAppManagementAssignmentFilterType",
                "groupId"
            ]
        );
    }

    #[test]
    fn an_unknown_complex_type_without_other_is_an_error_naming_the_property() {
        let error = serde_json::from_value::<DeviceConfigurationAssignment>(json!({
            "id": "a1",
            "target": {"@odata.type": "microsoft.graph.allLicensedUsersAssignmentTarget"}
        }))
        .unwrap_err()
        .to_string();
        assert!(
            error.starts_with(
                "property `target`: unknown `@odata.type` `microsoft.graph.allLicensedUsersAssignmentTarget`"
            ),
            "{error}"
        );
    }
}
