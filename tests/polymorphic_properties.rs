//! Property tests of a type hierarchy (bounded, in the normal test run, 256 cases each by
//! default), on the device enrollment configurations of tests/common/enrollment.rs: any value
//! of any variant of `AnyDeviceEnrollmentConfiguration` round-trips, wherever `@odata.type`
//! stands; undeclared properties survive in the base's `additional` map; a patch built by
//! `Patchable::diff` names exactly the writable properties that differ. Then mutation fuzzing
//! of a mixed list and reading of arbitrary bytes (the `fuzz_` tests; a longer campaign:
//! `PROPTEST_CASES=200000 cargo test --release --test polymorphic_properties -- fuzz`, or
//! `scripts/fuzz.sh`).

mod common;

use std::collections::BTreeSet;
use std::sync::LazyLock;

use common::enrollment::*;
use common::strategies::{byte_edits, date_time_offset, mutated};
use odata::http::HeaderValue;
use odata::{Annotations, ODataType, Patchable, RawObject, Service};
use proptest::collection::{btree_map, vec};
use proptest::option;
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Map, Value};

type Any = AnyDeviceEnrollmentConfiguration;

const TYPE_ANNOTATION: &str = "@odata.type";

/// Any JSON value, nested up to 3 levels; its floats read back exactly.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<i32>().prop_map(|n| Value::from(f64::from(n) / 4.0)),
        ".*".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(Value::Array),
            btree_map(".*", inner, 0..4).prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

/// Whether any type of the hierarchy declares a property of this wire name.
fn declared_in_hierarchy(name: &str) -> bool {
    [
        DeviceEnrollmentConfiguration::PROPERTIES,
        DeviceEnrollmentLimitConfiguration::PROPERTIES,
        DeviceEnrollmentPlatformRestrictionsConfiguration::PROPERTIES,
    ]
    .iter()
    .any(|properties| properties.iter().any(|property| property.name == name))
}

/// Undeclared properties: names that no type of the hierarchy declares, without `@`.
fn additional() -> impl Strategy<Value = Map<String, Value>> {
    btree_map("[^@]{0,16}".prop_filter("undeclared", |name| !declared_in_hierarchy(name)), json_value(), 0..4)
        .prop_map(|members| members.into_iter().collect())
}

/// Instance annotations: the usual ones, and any name with `@` but `@odata.type`.
fn annotations() -> impl Strategy<Value = Annotations> {
    let name = prop_oneof![
        Just("@odata.etag".to_owned()),
        Just("@odata.context".to_owned()),
        Just("@odata.id".to_owned()),
        Just("displayName@odata.type".to_owned()),
        ("[^@]{0,8}", ".{0,12}")
            .prop_map(|(before, after)| format!("{before}@{after}"))
            .prop_filter("not @odata.type", |name| name != TYPE_ANNOTATION),
    ];
    btree_map(name, json_value(), 0..4).prop_map(|by_name| {
        let mut annotations = Annotations::default();
        for (name, value) in by_name {
            annotations.insert(name, value);
        }
        annotations
    })
}

prop_compose! {
    fn base()(
        strings in vec(option::of(".*"), 3),
        numbers in vec(option::of(any::<i32>()), 2),
        dates in vec(option::of(date_time_offset()), 2),
        tags in option::of(vec(".*", 0..3)),
        annotations in annotations(),
        additional in additional(),
    ) -> DeviceEnrollmentConfiguration {
        DeviceEnrollmentConfiguration {
            id: strings[0].clone(),
            display_name: strings[1].clone(),
            description: strings[2].clone(),
            priority: numbers[0],
            created_date_time: dates[0].clone(),
            last_modified_date_time: dates[1].clone(),
            version: numbers[1],
            role_scope_tag_ids: tags,
            annotations,
            additional,
        }
    }
}

prop_compose! {
    fn limit()(base in base(), limit in option::of(any::<i32>())) -> DeviceEnrollmentLimitConfiguration {
        DeviceEnrollmentLimitConfiguration { base, limit }
    }
}

prop_compose! {
    fn restriction()(
        flags in vec(option::of(any::<bool>()), 2),
        versions in vec(option::of(".*"), 2),
        lists in vec(option::of(vec(".*", 0..3)), 2),
    ) -> DeviceEnrollmentPlatformRestriction {
        DeviceEnrollmentPlatformRestriction {
            platform_blocked: flags[0],
            personal_device_enrollment_blocked: flags[1],
            os_minimum_version: versions[0].clone(),
            os_maximum_version: versions[1].clone(),
            blocked_manufacturers: lists[0].clone(),
            blocked_skus: lists[1].clone(),
        }
    }
}

prop_compose! {
    fn restrictions()(
        base in base(),
        r in vec(option::of(restriction()), 8),
    ) -> DeviceEnrollmentPlatformRestrictionsConfiguration {
        DeviceEnrollmentPlatformRestrictionsConfiguration {
            base,
            ios_restriction: r[0].clone(),
            windows_restriction: r[1].clone(),
            windows_home_sku_restriction: r[2].clone(),
            windows_mobile_restriction: r[3].clone(),
            android_restriction: r[4].clone(),
            android_for_work_restriction: r[5].clone(),
            mac_restriction: r[6].clone(),
            mac_os_restriction: r[7].clone(),
        }
    }
}

/// An `@odata.type` that names no type of the hierarchy, with or without `#`.
fn unknown_type_annotation() -> impl Strategy<Value = String> {
    prop_oneof!["[a-zA-Z]{1,24}".prop_map(|name| format!("#microsoft.graph.{name}")), ".{0,32}",]
        .prop_filter("unknown", |annotation| !is_declared_type(annotation))
}

/// An object of an unknown type: any members, declared names and annotations included.
fn other() -> impl Strategy<Value = RawObject> {
    (unknown_type_annotation(), btree_map(".{0,16}", json_value(), 0..6)).prop_map(|(annotation, members)| {
        let mut members: Map<String, Value> = members.into_iter().collect();
        members.insert(TYPE_ANNOTATION.to_owned(), Value::String(annotation));
        RawObject::new(members)
    })
}

fn known_configuration() -> impl Strategy<Value = Any> {
    prop_oneof![
        base().prop_map(Any::Base),
        limit().prop_map(Any::Limit),
        restrictions().prop_map(Any::PlatformRestrictions),
    ]
}

fn any_configuration() -> impl Strategy<Value = Any> {
    prop_oneof![3 => known_configuration(), 1 => other().prop_map(Any::Other)]
}

/// The base part of a value of a declared type.
fn base_of(value: &mut Any) -> Option<&mut DeviceEnrollmentConfiguration> {
    match value {
        Any::Base(base) => Some(base),
        Any::Limit(limit) => Some(&mut limit.base),
        Any::PlatformRestrictions(restrictions) => Some(&mut restrictions.base),
        Any::Other(_) => None,
    }
}

/// The JSON object `written`, its `@odata.type` moved to `at` (an index among the members, the
/// end when `None`). Written member by member: a `Value` object would sort them.
fn with_type_annotation_at(written: &[u8], at: Option<Index>) -> String {
    let Value::Object(mut members) = serde_json::from_slice(written).unwrap() else { panic!("an object") };
    let annotation = members.remove(TYPE_ANNOTATION).expect("@odata.type");
    let mut members: Vec<(String, Value)> = members.into_iter().collect();
    let position = at.map_or(members.len(), |at| at.index(members.len() + 1));
    members.insert(position, (TYPE_ANNOTATION.to_owned(), annotation));
    let members: Vec<String> = members
        .iter()
        .map(|(name, value)| {
            format!("{}:{}", serde_json::to_string(name).unwrap(), serde_json::to_string(value).unwrap())
        })
        .collect();
    format!("{{{}}}", members.join(","))
}

/// Checks the patch from `before` to `after` and `Service::update` with it: `@odata.type`,
/// then exactly the writable properties whose JSON differ, with `after`'s values; never a
/// read-only property or the key; `If-Match` from `before`'s etag, and an etag that no header
/// can hold an error rather than a change made unconditional.
fn check_patch<T: Patchable + odata::EntitySet + Clone>(before: &T, after: T) -> Result<(), TestCaseError> {
    let before_json = serde_json::to_value(before).unwrap();
    let after_json = serde_json::to_value(&after).unwrap();
    let sent = Service::new("https://graph.microsoft.com/beta").try_update("key-1", &before.diff(after));
    let etag = before.annotations().and_then(Annotations::etag);
    let request = match (sent, etag) {
        (Err(odata::Error::InvalidEtag { .. }), Some(etag)) => {
            prop_assert!(HeaderValue::from_str(etag).is_err(), "{:?} is a valid header value", etag);
            return Ok(());
        }
        (Err(error), _) => return Err(TestCaseError::fail(error.to_string())),
        (Ok(request), _) => request,
    };
    let body: Value = serde_json::from_slice(request.body()).unwrap();
    let object = body.as_object().unwrap();

    let annotation = format!("#{}", T::TYPE_NAME);
    prop_assert_eq!(object.get(TYPE_ANNOTATION).and_then(Value::as_str), Some(annotation.as_str()));
    for property in T::PROPERTIES.iter().filter(|property| property.read_only || property.name == T::KEY) {
        prop_assert!(!object.contains_key(property.name), "{} in {}", property.name, body);
    }
    let differing: BTreeSet<&str> = T::PROPERTIES
        .iter()
        .filter(|property| !property.read_only && property.name != T::KEY)
        .filter(|property| before_json.get(property.name) != after_json.get(property.name))
        .map(|property| property.name)
        .collect();
    let named: BTreeSet<&str> =
        object.keys().map(String::as_str).filter(|name| *name != TYPE_ANNOTATION).collect();
    prop_assert_eq!(&named, &differing, "{}", body);
    for name in differing {
        prop_assert_eq!(&object[name], after_json.get(name).unwrap_or(&Value::Null), "{}", name);
    }

    prop_assert_eq!(request.headers().get("if-match").map(HeaderValue::as_bytes), etag.map(str::as_bytes));
    Ok(())
}

/// A value of `T` taking each member of its full form from `one` or from `other`, as `pick`
/// says: many properties equal, some different, read-only ones and the key included.
fn mixed<T: ODataType>(one: &T, other: &T, pick: &[bool]) -> T {
    let Value::Object(one) = serde_json::to_value(one).unwrap() else { panic!("an object") };
    let Value::Object(other) = serde_json::to_value(other).unwrap() else { panic!("an object") };
    let names: BTreeSet<&String> = one.keys().chain(other.keys()).collect();
    let mut members = Map::new();
    for (index, name) in names.into_iter().enumerate() {
        let source = if pick[index % pick.len()] { &other } else { &one };
        if let Some(value) = source.get(name) {
            members.insert(name.clone(), value.clone());
        }
    }
    serde_json::from_value(Value::Object(members)).unwrap()
}

proptest! {

    #[test]
    fn any_configuration_round_trips(value in any_configuration()) {
        let written = serde_json::to_vec(&value).unwrap();
        let read: Any = serde_json::from_slice(&written).unwrap();
        prop_assert_eq!(&read, &value);
        prop_assert_eq!(serde_json::to_vec(&read).unwrap(), written);
    }

    #[test]
    fn odata_type_last_or_anywhere_reads_the_same(value in any_configuration(), at in any::<Index>()) {
        let written = serde_json::to_vec(&value).unwrap();
        for text in [with_type_annotation_at(&written, None), with_type_annotation_at(&written, Some(at))] {
            let read: Any = serde_json::from_str(&text).unwrap();
            prop_assert_eq!(&read, &value, "{}", text);
            prop_assert_eq!(serde_json::to_vec(&read).unwrap(), written.clone());
        }
    }

    #[test]
    fn undeclared_properties_survive_in_additional(mut value in known_configuration(), extra in additional()) {
        base_of(&mut value).unwrap().additional.clear();
        let Value::Object(mut object) = serde_json::to_value(&value).unwrap() else { panic!("an object") };
        object.extend(extra.clone());
        let object = Value::Object(object);
        let text = serde_json::to_string(&object).unwrap();
        let last = with_type_annotation_at(text.as_bytes(), None);
        base_of(&mut value).unwrap().additional = extra.clone();
        for text in [&text, &last] {
            let mut read: Any = serde_json::from_str(text).unwrap();
            prop_assert_eq!(&base_of(&mut read).unwrap().additional, &extra, "{}", text);
            prop_assert_eq!(&read, &value);
            prop_assert_eq!(serde_json::to_value(&read).unwrap(), object.clone());
        }
        // Read as the concrete type, the same.
        let concrete_written = match &value {
            Any::Base(_) => serde_json::to_value(serde_json::from_str::<DeviceEnrollmentConfiguration>(&text).unwrap()),
            Any::Limit(_) => serde_json::to_value(serde_json::from_str::<DeviceEnrollmentLimitConfiguration>(&text).unwrap()),
            Any::PlatformRestrictions(_) => serde_json::to_value(
                serde_json::from_str::<DeviceEnrollmentPlatformRestrictionsConfiguration>(&text).unwrap(),
            ),
            Any::Other(_) => unreachable!(),
        };
        prop_assert_eq!(concrete_written.unwrap(), object);
    }

    #[test]
    fn a_patch_names_exactly_the_writable_properties_that_differ(
        bases in (base(), base()),
        limits in (limit(), limit()),
        restrictions in (restrictions(), restrictions()),
        pick in vec(any::<bool>(), 1..16),
    ) {
        check_patch(&bases.0, bases.1.clone())?;
        check_patch(&bases.0, mixed(&bases.0, &bases.1, &pick))?;
        check_patch(&bases.0, bases.0.clone())?;
        check_patch(&limits.0, limits.1.clone())?;
        check_patch(&limits.0, mixed(&limits.0, &limits.1, &pick))?;
        check_patch(&restrictions.0, restrictions.1.clone())?;
        check_patch(&restrictions.0, mixed(&restrictions.0, &restrictions.1, &pick))?;
    }
}

/// The `value` array of the documented mixed list, as written (`@odata.type` first but where an
/// annotation precedes it), and with every item's `@odata.type` last.
static MIXED_LISTS: LazyLock<[String; 2]> = LazyLock::new(|| {
    let start = MIXED_LIST.find('[').unwrap();
    let end = MIXED_LIST.rfind(']').unwrap() + 1;
    let documented = MIXED_LIST[start..end].to_owned();
    let items: Vec<Value> = serde_json::from_str(&documented).unwrap();
    let last: Vec<String> =
        items.iter().map(|item| with_type_annotation_at(&serde_json::to_vec(item).unwrap(), None)).collect();
    [documented, format!("[{}]", last.join(","))]
});

/// When `bytes` read as `T`, what is written reads back equal, and writes the same again.
fn written_reads_back_equal<T>(bytes: &[u8]) -> Result<(), TestCaseError>
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    if let Ok(value) = serde_json::from_slice::<T>(bytes) {
        let written = serde_json::to_vec(&value).unwrap();
        let read = serde_json::from_slice::<T>(&written);
        prop_assert!(read.is_ok(), "{:?} from {}: {:?}", value, String::from_utf8_lossy(&written), read);
        prop_assert_eq!(read.unwrap(), value);
    }
    Ok(())
}

proptest! {

    /// Mutation fuzzing, seeded with the documented mixed list (`@odata.type` first, or last):
    /// any bytes changed, removed or inserted, reading gives a value or an error.
    #[test]
    fn fuzz_mutated_mixed_lists(
        last in any::<bool>(),
        edits in byte_edits(),
    ) {
        let bytes = mutated(MIXED_LISTS[usize::from(last)].as_bytes(), &edits);
        written_reads_back_equal::<Vec<Any>>(&bytes)?;
    }

    #[test]
    fn fuzz_arbitrary_bytes(bytes in vec(any::<u8>(), 0..512)) {
        written_reads_back_equal::<Any>(&bytes)?;
        written_reads_back_equal::<Vec<Any>>(&bytes)?;
    }

    /// Objects of arbitrary members from the hierarchy's names and values (duplicates, wrong
    /// types, `@odata.type` anywhere or twice), alone and in a list.
    #[test]
    fn fuzz_member_sequences(objects in vec(vec((member_name(), member_value()), 0..8), 1..4)) {
        let objects: Vec<String> = objects
            .iter()
            .map(|members| {
                let members: Vec<String> = members.iter().map(|(name, value)| format!("\"{name}\":{value}")).collect();
                format!("{{{}}}", members.join(","))
            })
            .collect();
        written_reads_back_equal::<Any>(objects[0].as_bytes())?;
        written_reads_back_equal::<Vec<Any>>(format!("[{}]", objects.join(",")).as_bytes())?;
    }

    /// Arbitrary sequences of JSON tokens and of the hierarchy's names: objects that get
    /// further into the reader than arbitrary bytes do.
    #[test]
    fn fuzz_token_sequences(tokens in vec(prop_oneof![
        Just("{"), Just("}"), Just("["), Just("]"), Just(","), Just(":"), Just("null"), Just("1"),
        Just("\"x\""), Just("\"@odata.type\""), Just("\"@odata.etag\""), Just("\"id\""), Just("\"limit\""),
        Just("\"iosRestriction\""), Just("\"priority\""), Just("\"platformBlocked\""), Just("true"),
        Just("\"#microsoft.graph.deviceEnrollmentConfiguration\""),
        Just("\"#microsoft.graph.deviceEnrollmentLimitConfiguration\""),
        Just("\"#microsoft.graph.deviceEnrollmentPlatformRestrictionsConfiguration\""),
        Just("\"microsoft.graph.deviceEnrollmentPlatformRestriction\""),
        Just("\"#microsoft.graph.futureConfiguration\""),
    ], 0..48)) {
        let text = tokens.concat();
        written_reads_back_equal::<Any>(text.as_bytes())?;
        written_reads_back_equal::<Vec<Any>>(text.as_bytes())?;
    }
}

fn member_name() -> impl Strategy<Value = &'static str> {
    prop::sample::select(
        &[
            "@odata.type",
            "@odata.type",
            "@odata.etag",
            "displayName@odata.type",
            "id",
            "displayName",
            "priority",
            "roleScopeTagIds",
            "createdDateTime",
            "limit",
            "iosRestriction",
            "macOSRestriction",
            "macOsRestriction",
            "undeclared",
        ][..],
    )
}

fn member_value() -> impl Strategy<Value = &'static str> {
    prop::sample::select(
        &[
            r##""#microsoft.graph.deviceEnrollmentConfiguration""##,
            r##""#microsoft.graph.deviceEnrollmentLimitConfiguration""##,
            r##""microsoft.graph.deviceEnrollmentPlatformRestrictionsConfiguration""##,
            r##""#microsoft.graph.futureConfiguration""##,
            r##""microsoft.graph.deviceEnrollmentPlatformRestriction""##,
            r#""2017-01-01T00:02:43.5775965-08:00""#,
            r#""text""#,
            "null",
            "1",
            "-2147483649",
            "1.5",
            "true",
            "[]",
            r#"["a"]"#,
            "{}",
            r#"{"platformBlocked":true,"blockedSkus":["x"]}"#,
            r#"{"@odata.type":"microsoft.graph.deviceEnrollmentPlatformRestriction","osMinimumVersion":"1"}"#,
            r##"{"@odata.type":"#microsoft.graph.futureConfiguration"}"##,
        ][..],
    )
}

fn is_declared_type(annotation: &str) -> bool {
    let name = annotation.strip_prefix('#').unwrap_or(annotation);
    [
        DeviceEnrollmentConfiguration::TYPE_NAME,
        DeviceEnrollmentLimitConfiguration::TYPE_NAME,
        DeviceEnrollmentPlatformRestrictionsConfiguration::TYPE_NAME,
    ]
    .contains(&name)
}

/// Found by `fuzz_member_sequences` (minimal input: `{"@odata.type":"#microsoft.graph.futureConfiguration","@odata.type":null}`):
/// an object of an unknown type that named `@odata.type` again was read into `Other` with the
/// second annotation in place of the first, so what it wrote read back as another variant or
/// not at all. Now a second, different `@odata.type` is refused, as a declared type refuses it.
#[test]
fn an_unknown_types_second_odata_type_cannot_replace_the_first() {
    for second in [r##""#microsoft.graph.deviceEnrollmentConfiguration""##, "null", "5"] {
        let text = format!(
            r##"{{"@odata.type":"#microsoft.graph.futureConfiguration","id":"1","@odata.type":{second}}}"##
        );
        match serde_json::from_str::<Any>(&text) {
            // Either refused, as a declared type refuses it ...
            Err(error) => assert!(error.to_string().contains("@odata.type"), "{text}: {error}"),
            // ... or kept as the type it was read as.
            Ok(read) => {
                let Any::Other(raw) = &read else { panic!("{text}: {read:?}") };
                assert_eq!(raw.type_name(), Some("microsoft.graph.futureConfiguration"), "{text}");
                let written = serde_json::to_string(&read).unwrap();
                assert_eq!(serde_json::from_str::<Any>(&written).unwrap(), read, "{text}");
            }
        }
    }
}
