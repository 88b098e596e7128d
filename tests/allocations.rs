//! Writing a payload into a pre-sized buffer makes no heap allocation.
//!
//! `allocation_counter` is this binary's global allocator (linking the crate installs it): it
//! counts the allocations of the current thread inside `measure`, so the test harness's own
//! threads do not disturb the count. Its `unsafe impl GlobalAlloc` lives in that crate, so this
//! file, like the whole workspace, has no `unsafe`.

mod common;
#[path = "../benches/models/wide.rs"]
mod wide;

use common::{AndroidForWorkEnrollmentProfile, SEED_REQUEST, SEED_RESPONSE};
use odata::ODataResource;
use serde::Serialize;
use serde_json::Value;
use wide::model::Windows10GeneralConfiguration;

/// Writes `value` into a buffer of `capacity` bytes, counting allocations, and returns the
/// bytes written.
fn write_without_allocating<T: Serialize>(what: &str, value: &T, capacity: usize) -> Vec<u8> {
    let expected = serde_json::to_vec(value).unwrap();
    assert!(expected.len() <= capacity, "{what}: {} bytes do not fit the buffer", expected.len());
    let mut buffer = Vec::with_capacity(capacity);
    let counted = allocation_counter::measure(|| serde_json::to_writer(&mut buffer, value).unwrap());
    assert_eq!(buffer, expected);
    assert_eq!(
        counted.count_total, 0,
        "{what}: writing into a pre-sized buffer allocated {} times ({} bytes)",
        counted.count_total, counted.bytes_total
    );
    assert_eq!(buffer.capacity(), capacity);
    buffer
}

/// The counter counts: one `String` is one allocation.
#[test]
fn the_counter_sees_an_allocation() {
    let counted = allocation_counter::measure(|| {
        std::hint::black_box(String::from("allocated"));
    });
    assert_eq!(counted.count_total, 1);
}

#[test]
fn the_seed_create_payload_is_written_without_allocating() {
    let profile: AndroidForWorkEnrollmentProfile = serde_json::from_str(SEED_RESPONSE).unwrap();
    let written = write_without_allocating("seed create payload", &profile.create_payload(), 4096);
    let expected: Value = serde_json::from_str(SEED_REQUEST).unwrap();
    assert_eq!(serde_json::from_slice::<Value>(&written).unwrap(), expected);

    write_without_allocating("seed update payload", &profile.update_payload(), 4096);
    write_without_allocating("seed full form", &profile, 4096);
}

#[test]
fn the_wide_create_payload_is_written_without_allocating() {
    let entity: Windows10GeneralConfiguration = serde_json::from_str(wide::RESPONSE).unwrap();
    // 13,186 bytes of compact JSON: the buffer is sized for it, as 4096 bytes are for the seed.
    let written = write_without_allocating("wide create payload", &entity.create_payload(), 16 * 1024);
    let expected: Value = serde_json::from_str(wide::REQUEST).unwrap();
    assert_eq!(serde_json::from_slice::<Value>(&written).unwrap(), expected);

    write_without_allocating("wide update payload", &entity.update_payload(), 16 * 1024);
    write_without_allocating("wide full form", &entity, 16 * 1024);
}

#[test]
fn pretty_printing_allocates_nothing_either() {
    let profile: AndroidForWorkEnrollmentProfile = serde_json::from_str(SEED_RESPONSE).unwrap();
    let mut buffer = Vec::with_capacity(4096);
    let counted = allocation_counter::measure(|| {
        serde_json::to_writer_pretty(&mut buffer, &profile.create_payload()).unwrap();
    });
    assert_eq!(counted.count_total, 0);
    assert_eq!(std::str::from_utf8(&buffer).unwrap(), SEED_REQUEST.trim_end());
}
