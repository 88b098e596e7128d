//! The device enrollment configurations of tests/common/enrollment.rs, read through the
//! polymorphic enum `AnyDeviceEnrollmentConfiguration` and as their concrete types.
#![allow(dead_code)]

pub use super::seed::model::enrollment::*;

/// The documented response of "Create deviceEnrollmentPlatformRestrictionsConfiguration"
/// (intune-onboarding-deviceenrollmentplatformrestrictionsconfiguration-create.md, from
/// tests/data/graph-corpus/create-examples.jsonl) with the 8 restriction objects the model
/// declares: the page's 9th, `aospRestriction`, added to Graph after the model was written,
/// is left out, so that every member is a declared property. `@odata.type` first.
pub const RESTRICTIONS: &str = include_str!("../data/enrollment/restrictions.json");

/// 50 configurations as one entity set lists them, `@odata.type` first in each: ten each of
/// the documented responses of platform restrictions (as in [`RESTRICTIONS`]), limit,
/// Windows Hello for Business and Enrollment Status Page (both unknown to the model, so read
/// into `Other`), and the base type (the limit response without `limit`); each with its own
/// `id` and `priority`.
pub const LIST: &str = include_str!("../data/enrollment/list.json");

/// How many of each kind [`LIST`] holds: base, limit, platform restrictions, other.
pub const LIST_KINDS: [usize; 4] = [10, 10, 10, 20];

/// `text`, a pretty-printed object whose first member is `@odata.type`, with that member
/// moved to the end: what a service that does not put it first would send.
pub fn type_annotation_last(text: &str) -> String {
    let body = text.trim_end().strip_prefix("{\n").expect("an object, one member per line");
    let (first, rest) = body.split_once('\n').expect("more than one member");
    assert!(first.trim_start().starts_with("\"@odata.type\":"), "{first}");
    let rest = rest.strip_suffix('}').expect("an object").trim_end();
    format!("{{\n{rest},\n{}\n}}\n", first.trim_end_matches(','))
}
