//! PATCH bodies that hold exactly what changed: the generated `{Entity}Patch` (each writable
//! property left out, set, or `null`) and `Patchable::diff`.

mod common;

use common::enrollment::*;
use common::{AndroidForWorkEnrollmentProfile, AndroidForWorkEnrollmentProfilePatch};
use odata::{Change, Patchable, Service};
use serde_json::{json, Value};

fn body(request: &odata::http::Request<Vec<u8>>) -> Value {
    serde_json::from_slice(request.body()).unwrap()
}

#[test]
fn a_patch_holds_exactly_the_touched_properties_with_explicit_nulls() {
    let patch = AndroidForWorkEnrollmentProfilePatch {
        display_name: Change::Set("Kiosks, floor 2".into()),
        description: Change::Null,
        ..Default::default()
    };
    let request = Service::new("https://graph.microsoft.com/beta").update("e6742553", &patch);
    assert_eq!(request.method(), "PATCH");
    assert_eq!(
        request.uri(),
        "https://graph.microsoft.com/beta/deviceManagement/androidForWorkEnrollmentProfiles/e6742553"
    );
    assert_eq!(
        std::str::from_utf8(request.body()).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.androidForWorkEnrollmentProfile","displayName":"Kiosks, floor 2","description":null}"##
    );
    assert!(request.headers().get("if-match").is_none());
}

#[test]
fn an_untouched_patch_sends_only_the_type() {
    let request = Service::new("https://graph.microsoft.com/beta")
        .update("e6742553", &AndroidForWorkEnrollmentProfilePatch::default());
    assert_eq!(body(&request), json!({"@odata.type": "#microsoft.graph.androidForWorkEnrollmentProfile"}));
}

#[test]
fn a_derived_types_patch_holds_its_base_properties_and_its_own_type() {
    let patch = DeviceEnrollmentLimitConfigurationPatch {
        base: DeviceEnrollmentConfigurationPatch { priority: Change::Set(2), ..Default::default() },
        limit: Change::Set(10),
        if_match: Some("W/\"7\"".into()),
    };
    let request = Service::new("https://graph.microsoft.com/beta").update("limit-1", &patch);
    assert_eq!(request.uri().path(), "/beta/deviceManagement/deviceEnrollmentConfigurations/limit-1");
    assert_eq!(
        std::str::from_utf8(request.body()).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.deviceEnrollmentLimitConfiguration","priority":2,"limit":10}"##
    );
    assert_eq!(request.headers()["if-match"], "W/\"7\"");
}

#[test]
fn diff_holds_exactly_the_writable_properties_that_differ() {
    let read: DeviceEnrollmentLimitConfiguration = serde_json::from_str(LIMIT_RESPONSE).unwrap();
    let mut modified = read.clone();
    modified.limit = Some(6);
    modified.base.description = None;
    modified.base.display_name = Some("Display Name value".into()); // the same value again
    modified.base.role_scope_tag_ids = Some(vec!["0".into(), "1".into()]);
    // Read-only properties and the key are not the caller's to change: never sent.
    modified.base.id = Some("another".into());
    modified.base.created_date_time = None;

    let patch = read.diff(modified);
    assert_eq!(
        patch,
        DeviceEnrollmentLimitConfigurationPatch {
            base: DeviceEnrollmentConfigurationPatch {
                description: Change::Null,
                role_scope_tag_ids: Change::Set(vec!["0".into(), "1".into()]),
                ..Default::default()
            },
            limit: Change::Set(6),
            if_match: None,
        }
    );
    let request =
        Service::new("https://graph.microsoft.com/beta").update(read.base.id.as_deref().unwrap(), &patch);
    assert_eq!(
        body(&request),
        json!({
            "@odata.type": "#microsoft.graph.deviceEnrollmentLimitConfiguration",
            "description": null,
            "roleScopeTagIds": ["0", "1"],
            "limit": 6
        })
    );
}

#[test]
fn a_derived_types_diff_carries_the_etag_itself_and_its_base_patch_none() {
    let read: DeviceEnrollmentLimitConfiguration = serde_json::from_value(json!({
        "@odata.type": "#microsoft.graph.deviceEnrollmentLimitConfiguration",
        "@odata.etag": "W/\"4\"",
        "id": "limit-1",
        "limit": 5
    }))
    .unwrap();
    let mut modified = read.clone();
    modified.base.priority = Some(3);
    let patch = read.diff(modified);
    assert_eq!(patch.if_match.as_deref(), Some("W/\"4\""));
    assert_eq!(
        patch.base,
        DeviceEnrollmentConfigurationPatch { priority: Change::Set(3), if_match: None, ..Default::default() }
    );
    let request = Service::new("https://graph.microsoft.com/beta").update("limit-1", &patch);
    assert_eq!(request.headers()["if-match"], "W/\"4\"");
}

#[test]
fn diff_of_equal_values_is_empty_and_carries_the_etag() {
    let read: DeviceEnrollmentConfiguration =
        serde_json::from_value(json!({"@odata.etag": "W/\"2\"", "id": "1", "displayName": "x", "extra": 1}))
            .unwrap();
    let patch = read.diff(read.clone());
    assert_eq!(
        patch,
        DeviceEnrollmentConfigurationPatch { if_match: Some("W/\"2\"".into()), ..Default::default() }
    );
    let request = Service::new("https://graph.microsoft.com/beta").update("1", &patch);
    assert_eq!(body(&request), json!({"@odata.type": "#microsoft.graph.deviceEnrollmentConfiguration"}));
    assert_eq!(request.headers()["if-match"], "W/\"2\"");
}

#[test]
fn diff_of_the_seed_entity_sets_and_clears() {
    let read: AndroidForWorkEnrollmentProfile = serde_json::from_str(common::SEED_RESPONSE).unwrap();
    let mut modified = read.clone();
    modified.token_value = None;
    modified.enrolled_device_count = Some(9);
    modified.qr_code_image.as_mut().unwrap().r#type = Some("image/svg+xml".into());
    let request = Service::new("https://graph.microsoft.com/beta").update("e6742553", &read.diff(modified));
    let body = body(&request);
    let object = body.as_object().unwrap();
    assert_eq!(
        object.keys().map(String::as_str).collect::<Vec<_>>(),
        ["@odata.type", "enrolledDeviceCount", "qrCodeImage", "tokenValue"]
    );
    assert_eq!(body["tokenValue"], Value::Null);
    assert_eq!(body["qrCodeImage"]["type"], "image/svg+xml");
}

#[test]
fn a_patch_debugs_its_changes_structurally() {
    let patch = DeviceEnrollmentLimitConfigurationPatch { limit: Change::Null, ..Default::default() };
    assert_eq!(
        format!("{patch:?}"),
        "DeviceEnrollmentLimitConfigurationPatch { base: DeviceEnrollmentConfigurationPatch { .. }, limit: Null }"
    );
    let patch = DeviceEnrollmentConfigurationPatch {
        display_name: Change::Set("Kiosks".into()),
        priority: Change::Set(2),
        description: Change::Null,
        if_match: Some("W/\"1\"".into()),
        ..Default::default()
    };
    assert_eq!(
        format!("{patch:?}"),
        r#"DeviceEnrollmentConfigurationPatch { display_name: Set("Kiosks"), description: Null, priority: Set(2), if_match: "W/\"1\"", .. }"#
    );
}

/// A value whose `Serialize` always fails: a patch holding it still debugs, compares and
/// clones, and only sending it reports the failure.
#[derive(Debug, Clone, PartialEq)]
struct Unwritable;

impl serde::Serialize for Unwritable {
    fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom("this value cannot be written"))
    }
}

impl<'de> serde::Deserialize<'de> for Unwritable {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(deserializer).map(|_| Unwritable)
    }
}

#[derive(Debug, Clone, odata::ODataResource)]
#[odata(type = "microsoft.graph.note", collection = "/notes")]
struct Note {
    #[odata(key, read_only)]
    id: Option<String>,
    body: Option<Unwritable>,
    tags: Option<std::collections::HashMap<String, i32>>,
}

#[test]
fn a_patch_whose_value_cannot_be_written_still_debugs_and_compares() {
    let patch = NotePatch { body: Change::Set(Unwritable), ..Default::default() };
    assert_eq!(format!("{patch:?}"), "NotePatch { body: Set(Unwritable), .. }");
    assert_eq!(patch, patch.clone());
    let error = serde_json::to_vec(&odata::PatchBody(&patch)).unwrap_err();
    assert!(error.to_string().contains("this value cannot be written"), "{error}");
}

#[test]
fn a_value_that_cannot_be_written_counts_as_changed_and_the_others_are_still_compared() {
    let tags: std::collections::HashMap<String, i32> = [("a".to_string(), 1)].into();
    let read = Note { id: Some("n1".into()), body: Some(Unwritable), tags: Some(tags.clone()) };
    let patch = read.diff(read.clone());
    assert_eq!(patch.body, Change::Set(Unwritable));
    assert_eq!(patch.tags, Change::Unchanged);
    let modified = Note { tags: Some([("a".to_string(), 2)].into()), ..read.clone() };
    assert_eq!(read.diff(modified).tags, Change::Set([("a".to_string(), 2)].into()));
    let cleared = Note { body: None, tags: None, ..read.clone() };
    let patch = read.diff(cleared);
    assert_eq!((patch.body, patch.tags), (Change::Null, Change::Null));
    let unset = Note { body: None, tags: None, ..read };
    assert_eq!(unset.diff(unset.clone()).tags, Change::Unchanged);
}

thread_local! {
    static WRITES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// A value that counts how often it is written.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct Counted(i32);

impl serde::Serialize for Counted {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        WRITES.with(|writes| writes.set(writes.get() + 1));
        self.0.serialize(serializer)
    }
}

#[derive(Debug, Clone, odata::ODataResource)]
#[odata(type = "microsoft.graph.counter", collection = "/counters")]
pub struct Counter {
    #[odata(key, read_only)]
    pub id: Option<String>,
    pub count: Option<Counted>,
}

#[derive(Debug, Clone, odata::ODataResource)]
#[odata(type = "microsoft.graph.namedCounter", collection = "/counters")]
struct NamedCounter {
    #[odata(base)]
    base: Counter,
    name: Option<String>,
}

#[test]
fn a_derived_types_diff_writes_each_value_once_its_base_properties_included() {
    let before = NamedCounter { base: Counter { id: Some("c".into()), count: Some(Counted(1)) }, name: None };
    let after =
        NamedCounter { base: Counter { count: Some(Counted(2)), ..before.base.clone() }, ..before.clone() };
    WRITES.with(|writes| writes.set(0));
    let patch = before.diff(after);
    assert_eq!(patch.base.count, Change::Set(Counted(2)));
    assert_eq!(patch.name, Change::Unchanged);
    assert_eq!(WRITES.with(std::cell::Cell::get), 2, "`count` is written once for each value");
}

#[test]
fn patch_equality_is_structural_and_reflexive_for_maps() {
    let tags: std::collections::HashMap<String, i32> = (0..64).map(|n| (format!("tag{n}"), n)).collect();
    let patch = NotePatch { tags: Change::Set(tags.clone()), ..Default::default() };
    assert_eq!(patch, patch);
    assert_eq!(patch, patch.clone());
    let mut other = tags;
    other.insert("tag0".into(), -1);
    assert_ne!(patch, NotePatch { tags: Change::Set(other), ..Default::default() });
    assert_ne!(patch, NotePatch { tags: Change::Null, ..Default::default() });
    assert_ne!(patch, NotePatch { if_match: Some("W/\"1\"".into()), ..patch.clone() });
}

#[test]
fn change_is_copy_when_its_value_is() {
    let change = Change::Set(3_i32);
    let copied = change;
    assert_eq!((change, copied), (Change::Set(3), Change::Set(3)));
}

/// Whether `T` implements a trait, decided where it is named: an inherent method whose bound
/// holds is chosen over the trait's method of the same name.
struct Implements<T>(std::marker::PhantomData<T>);

impl<T> Implements<T> {
    const OF: Self = Implements(std::marker::PhantomData);
}

trait Lacks {
    fn debug(&self) -> bool {
        false
    }
    fn clone(&self) -> bool {
        false
    }
    fn partial_eq(&self) -> bool {
        false
    }
}

impl<T> Lacks for Implements<T> {}

impl<T: std::fmt::Debug> Implements<T> {
    fn debug(&self) -> bool {
        true
    }
}

impl<T: Clone> Implements<T> {
    fn clone(&self) -> bool {
        true
    }
}

impl<T: PartialEq> Implements<T> {
    fn partial_eq(&self) -> bool {
        true
    }
}

/// A property type with none of `Debug`, `Clone` and `PartialEq`.
#[derive(serde::Serialize, serde::Deserialize)]
struct Opaque(i32);

#[derive(odata::ODataResource)]
#[odata(type = "microsoft.graph.vault", collection = "/vaults")]
struct Vault {
    #[odata(key, read_only)]
    id: Option<String>,
    secret: Option<Opaque>,
}

// The standard derives below the one of `ODataResource`, as generated crates write them: the
// derive sees them, and writes the patch's impls of these traits without `where` clauses.
// (The `odata` attribute between them keeps rustfmt from merging the two.)
#[derive(odata::ODataResource)]
#[odata(type = "microsoft.graph.shelf", collection = "/shelves")]
#[derive(Debug, Clone, PartialEq)]
pub struct Shelf {
    #[odata(key, read_only)]
    pub id: Option<String>,
    pub label: Option<String>,
    pub slots: Option<i32>,
}

#[derive(odata::ODataResource)]
#[odata(type = "microsoft.graph.labeledShelf")]
#[derive(Debug, Clone, PartialEq)]
pub struct LabeledShelf {
    #[odata(base)]
    pub base: Shelf,
    pub color: Option<String>,
}

#[test]
fn a_patch_is_debug_clone_and_partial_eq_exactly_when_its_property_types_are() {
    let note = Implements::<NotePatch>::OF;
    assert!(note.debug() && note.clone() && note.partial_eq());
    let vault = Implements::<VaultPatch>::OF;
    assert!(!vault.debug() && !vault.clone() && !vault.partial_eq());
    let patch = VaultPatch { secret: Change::Set(Opaque(7)), ..Default::default() };
    assert!(matches!(patch.secret, Change::Set(Opaque(7))));
}

#[test]
fn an_entity_deriving_the_standard_traits_below_its_odata_derive_has_a_patch_with_them() {
    let patch = LabeledShelfPatch {
        base: ShelfPatch { label: Change::Set("A".into()), ..Default::default() },
        color: Change::Null,
        ..Default::default()
    };
    assert_eq!(patch.clone(), patch);
    assert_ne!(patch, LabeledShelfPatch { color: Change::Set("red".into()), ..patch.clone() });
    assert_eq!(
        format!("{patch:?}"),
        r#"LabeledShelfPatch { base: ShelfPatch { label: Set("A"), .. }, color: Null }"#
    );
    let shelf = LabeledShelf {
        base: Shelf { id: Some("s1".into()), label: Some("A".into()), slots: Some(4) },
        color: None,
    };
    let moved = LabeledShelf { base: Shelf { slots: Some(5), ..shelf.base.clone() }, ..shelf.clone() };
    let diff = shelf.diff(moved);
    assert_eq!(
        diff,
        LabeledShelfPatch {
            base: ShelfPatch { slots: Change::Set(5), ..Default::default() },
            ..Default::default()
        }
    );
}
