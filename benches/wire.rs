//! What the derives cost on the wire, against baselines in the same run: one group per
//! comparison, so that a ratio is read from one run of one binary (scripts/bench-ratios.py
//! prints them; BENCHMARKS.md has the figures and the targets).
//!
//! * `create_{entity}`: the create payload of the odata model (`odata`); the floor, a
//!   hand-written serde DTO of the writable properties only (`floor`); the naive route, a plain
//!   serde model written to a `serde_json::Value` whose read-only keys are removed and whose
//!   `@odata.type` annotations are inserted (`naive`).
//! * `deserialize_{entity}`: reading the documented response into the odata model, which checks
//!   `@odata.type` (`odata`), and into a plain `#[derive(serde::Deserialize)]` model with
//!   `rename_all = "camelCase"` (`plain`).
//!
//! * `polymorphic_restrictions`: reading the documented platform-restrictions response (8
//!   restriction objects) as the concrete `DeviceEnrollmentPlatformRestrictionsConfiguration`
//!   (`concrete`) and through the polymorphic `AnyDeviceEnrollmentConfiguration`, with
//!   `@odata.type` first (`any_first`, streamed) and last (`any_last`, members buffered).
//! * `polymorphic_list`: 50 mixed configurations read as `Vec<AnyDeviceEnrollmentConfiguration>`
//!   (`odata`) and as `Vec<serde_json::Value>` (`value`, the untyped route).
//!
//! Entities: the seed's `androidForWorkEnrollmentProfile` (11 properties) and the corpus's
//! widest page, `windows10GeneralConfiguration` (293 properties); the device enrollment
//! configurations of tests/common/enrollment.rs.
//!
//! Every variant's output is checked against the documented bodies before it is measured, so
//! `cargo bench -- --test` (and `cargo test --benches`) also checks the benchmarks themselves.

mod models;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use odata::ODataResource;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use models::enrollment::{
    AnyDeviceEnrollmentConfiguration as Any,
    DeviceEnrollmentPlatformRestrictionsConfiguration as Restrictions,
};
use models::{enrollment, seed, wide};

/// One benchmarked entity: its three models, read from the documented bodies.
struct Case<E, P, F> {
    name: &'static str,
    request: &'static str,
    response: &'static str,
    read_only: &'static [&'static str],
    nested_types: &'static [(&'static str, &'static str)],
    type_annotation: &'static str,
    entity: E,
    plain: P,
    floor: F,
}

impl<E, P, F> Case<E, P, F>
where
    E: ODataResource,
    P: Serialize + DeserializeOwned,
    F: Serialize + DeserializeOwned,
{
    #[allow(clippy::too_many_arguments)]
    fn new(
        name: &'static str,
        request: &'static str,
        response: &'static str,
        read_only: &'static [&'static str],
        nested_types: &'static [(&'static str, &'static str)],
        type_annotation: &'static str,
    ) -> Self {
        Case {
            name,
            request,
            response,
            read_only,
            nested_types,
            type_annotation,
            entity: serde_json::from_str(response).expect("the odata model reads the response"),
            plain: serde_json::from_str(response).expect("the plain model reads the response"),
            floor: serde_json::from_str(request).expect("the floor reads the request"),
        }
    }

    /// The naive create route: the plain model as a `Value`, minus the read-only keys, plus
    /// the `@odata.type` annotations.
    fn naive_create(&self, out: &mut Vec<u8>) {
        let mut value = serde_json::to_value(&self.plain).expect("a plain model writes");
        let object = value.as_object_mut().expect("an entity is an object");
        for key in self.read_only {
            object.remove(*key);
        }
        for (property, type_name) in self.nested_types {
            match object.get_mut(*property) {
                Some(Value::Object(nested)) => {
                    nested.insert("@odata.type".to_owned(), Value::from(*type_name));
                }
                Some(Value::Array(items)) => {
                    for item in items.iter_mut().filter_map(Value::as_object_mut) {
                        item.insert("@odata.type".to_owned(), Value::from(*type_name));
                    }
                }
                _ => {}
            }
        }
        object.insert("@odata.type".to_owned(), Value::from(self.type_annotation));
        serde_json::to_writer(out, &value).expect("a value writes");
    }

    /// Every variant writes what the documentation shows, before any is measured.
    fn check(&self) {
        let documented: Value = serde_json::from_str(self.request).unwrap();
        let odata = serde_json::to_vec(&self.entity.create_payload()).unwrap();
        let floor = serde_json::to_vec(&self.floor).unwrap();
        assert_eq!(odata, floor, "{}: the create payload is the floor's, to the byte", self.name);
        assert_eq!(serde_json::from_slice::<Value>(&odata).unwrap(), documented, "{}: odata", self.name);
        let mut naive = Vec::new();
        self.naive_create(&mut naive);
        assert_eq!(serde_json::from_slice::<Value>(&naive).unwrap(), documented, "{}: naive", self.name);
        let full: Value = serde_json::to_value(&self.entity).unwrap();
        assert_eq!(full, serde_json::from_str::<Value>(self.response).unwrap(), "{}: full form", self.name);
    }
}

fn create<E, P, F>(c: &mut Criterion, case: &Case<E, P, F>)
where
    E: ODataResource,
    P: Serialize + DeserializeOwned,
    F: Serialize + DeserializeOwned,
{
    case.check();
    let mut group = c.benchmark_group(format!("create_{}", case.name));
    let mut out = Vec::with_capacity(64 * 1024);
    serde_json::to_writer(&mut out, &case.floor).unwrap();
    group.throughput(Throughput::Bytes(out.len() as u64));
    group.bench_function(BenchmarkId::from_parameter("odata"), |b| {
        b.iter(|| {
            out.clear();
            serde_json::to_writer(&mut out, &black_box(&case.entity).create_payload()).unwrap();
            black_box(&out);
        })
    });
    group.bench_function(BenchmarkId::from_parameter("floor"), |b| {
        b.iter(|| {
            out.clear();
            serde_json::to_writer(&mut out, black_box(&case.floor)).unwrap();
            black_box(&out);
        })
    });
    group.bench_function(BenchmarkId::from_parameter("naive"), |b| {
        b.iter(|| {
            out.clear();
            black_box(case).naive_create(&mut out);
            black_box(&out);
        })
    });
    group.finish();
}

fn deserialize<E, P, F>(c: &mut Criterion, case: &Case<E, P, F>)
where
    E: ODataResource,
    P: Serialize + DeserializeOwned,
    F: Serialize + DeserializeOwned,
{
    let mut group = c.benchmark_group(format!("deserialize_{}", case.name));
    let input = case.response.as_bytes();
    group.throughput(Throughput::Bytes(input.len() as u64));
    group.bench_function(BenchmarkId::from_parameter("odata"), |b| {
        b.iter(|| serde_json::from_slice::<E>(black_box(input)).unwrap())
    });
    group.bench_function(BenchmarkId::from_parameter("plain"), |b| {
        b.iter(|| serde_json::from_slice::<P>(black_box(input)).unwrap())
    });
    group.finish();
}

fn seed_case() -> Case<
    seed::model::AndroidForWorkEnrollmentProfile,
    seed::plain::AndroidForWorkEnrollmentProfile,
    seed::floor::AndroidForWorkEnrollmentProfile,
> {
    Case::new(
        "seed",
        seed::REQUEST,
        seed::RESPONSE,
        seed::READ_ONLY,
        seed::NESTED_TYPES,
        seed::TYPE_ANNOTATION,
    )
}

fn wide_case() -> Case<
    wide::model::Windows10GeneralConfiguration,
    wide::plain::Windows10GeneralConfiguration,
    wide::floor::Windows10GeneralConfiguration,
> {
    Case::new(
        "wide",
        wide::REQUEST,
        wide::RESPONSE,
        wide::READ_ONLY,
        wide::NESTED_TYPES,
        wide::TYPE_ANNOTATION,
    )
}

fn create_payload(c: &mut Criterion) {
    create(c, &seed_case());
    create(c, &wide_case());
}

fn deserialization(c: &mut Criterion) {
    deserialize(c, &seed_case());
    deserialize(c, &wide_case());
}

/// The polymorphic read against the concrete one, on one documented response; each variant's
/// value is checked first.
fn polymorphic_restrictions(c: &mut Criterion) {
    let first = enrollment::RESTRICTIONS;
    let last = enrollment::type_annotation_last(first);
    let documented: Value = serde_json::from_str(first).unwrap();
    assert_eq!(serde_json::from_str::<Value>(&last).unwrap(), documented, "the same members");
    assert_eq!(seed::model::member_order(last.as_bytes()).last().map(String::as_str), Some("@odata.type"));

    let concrete: Restrictions = serde_json::from_str(first).unwrap();
    let restrictions = [
        &concrete.ios_restriction,
        &concrete.windows_restriction,
        &concrete.windows_home_sku_restriction,
        &concrete.windows_mobile_restriction,
        &concrete.android_restriction,
        &concrete.android_for_work_restriction,
        &concrete.mac_restriction,
    ];
    assert!(restrictions.iter().all(|restriction| restriction.is_some()), "{concrete:?}");
    // The fixture's `mac_os_restriction` has no `rename = "macOSRestriction"`: its wire name is
    // `macOsRestriction`, so Graph's `macOSRestriction` is kept in `additional` (as a JSON
    // value) until the fixture renames it. Either way it is read, once.
    let mac_os_in_additional = concrete.base.additional.contains_key("macOSRestriction");
    assert!(concrete.mac_os_restriction.is_some() != mac_os_in_additional, "{concrete:?}");
    assert_eq!(concrete.base.additional.len(), usize::from(mac_os_in_additional), "{concrete:?}");
    assert_eq!(serde_json::to_value(&concrete).unwrap(), documented, "concrete: full form");
    for text in [first, last.as_str()] {
        let any: Any = serde_json::from_str(text).unwrap();
        assert_eq!(any, Any::PlatformRestrictions(concrete.clone()), "{text}");
    }

    let mut group = c.benchmark_group("polymorphic_restrictions");
    group.throughput(Throughput::Bytes(first.len() as u64));
    group.bench_function(BenchmarkId::from_parameter("concrete"), |b| {
        b.iter(|| serde_json::from_str::<Restrictions>(black_box(first)).unwrap())
    });
    group.bench_function(BenchmarkId::from_parameter("any_first"), |b| {
        b.iter(|| serde_json::from_str::<Any>(black_box(first)).unwrap())
    });
    group.bench_function(BenchmarkId::from_parameter("any_last"), |b| {
        b.iter(|| serde_json::from_str::<Any>(black_box(&last)).unwrap())
    });
    group.finish();
}

/// A mixed list of 50 configurations through the polymorphic enum, against the untyped route.
fn polymorphic_list(c: &mut Criterion) {
    let list = enrollment::LIST;
    let documented: Value = serde_json::from_str(list).unwrap();
    let read: Vec<Any> = serde_json::from_str(list).unwrap();
    let mut kinds = [0; 4];
    for item in &read {
        kinds[match item {
            Any::Base(_) => 0,
            Any::Limit(_) => 1,
            Any::PlatformRestrictions(_) => 2,
            Any::Other(_) => 3,
        }] += 1;
    }
    assert_eq!(kinds, enrollment::LIST_KINDS, "base, limit, platform restrictions, other");
    assert_eq!(serde_json::to_value(&read).unwrap(), documented, "the list writes back equal");

    let mut group = c.benchmark_group("polymorphic_list");
    group.throughput(Throughput::Bytes(list.len() as u64));
    group.bench_function(BenchmarkId::from_parameter("odata"), |b| {
        b.iter(|| serde_json::from_str::<Vec<Any>>(black_box(list)).unwrap())
    });
    group.bench_function(BenchmarkId::from_parameter("value"), |b| {
        b.iter(|| serde_json::from_str::<Vec<Value>>(black_box(list)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, create_payload, deserialization, polymorphic_restrictions, polymorphic_list);
criterion_main!(benches);
