//! proptest strategies shared by the property tests and the mutation fuzzers.

use odata::edm::time::{OffsetDateTime, UtcOffset};
use odata::DateTimeOffset;
use proptest::prelude::*;
use proptest::sample::Index;

/// Any DateTimeOffset of years 1 to 9999, to the nanosecond, at any whole-minute offset.
pub fn date_time_offset() -> impl Strategy<Value = DateTimeOffset> {
    (-62_135_596_800_i64..253_402_300_799, 0_u32..1_000_000_000, -86_399_i32..86_400).prop_map(
        |(seconds, nanos, offset)| {
            let offset = UtcOffset::from_whole_seconds(offset / 60 * 60).unwrap();
            let instant =
                OffsetDateTime::from_unix_timestamp(seconds).unwrap().replace_nanosecond(nanos).unwrap();
            DateTimeOffset::try_from(instant.to_offset(offset)).unwrap()
        },
    )
}

/// One to seven byte edits for [`mutated`]: where, which byte, and whether it replaces,
/// removes or inserts.
pub fn byte_edits() -> impl Strategy<Value = Vec<(Index, u8, u8)>> {
    proptest::collection::vec((any::<Index>(), any::<u8>(), 0_u8..3), 1..8)
}

/// `seed` with the `edits` applied in turn.
pub fn mutated(seed: &[u8], edits: &[(Index, u8, u8)]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for (at, byte, kind) in edits {
        let index = at.index(bytes.len().max(1));
        match kind {
            0 if !bytes.is_empty() => bytes[index] = *byte,
            1 if !bytes.is_empty() => {
                bytes.remove(index);
            }
            _ => bytes.insert(index.min(bytes.len()), *byte),
        }
    }
    bytes
}
