//! The hash table that finds a type's declared property by its wire name, when a member comes
//! out of declaration order: data the derives write per type, searched by one runtime function
//! (`find_property`), instead of a `match` on the names compiled into every type.
//!
//! The one copy of the hash: odata-derive includes this file with `#[path]` to build each
//! type's table, so it uses nothing outside itself.

/// The table of `names`, in declaration order: open addressing with linear probing, a power of
/// two long and at most two thirds full. A slot holds the position of its name plus one; `0`
/// is empty. No names make an empty table.
pub fn name_table(names: &[&str]) -> Vec<u32> {
    if names.is_empty() {
        return Vec::new();
    }
    let len = (names.len() + names.len() / 2 + 1).next_power_of_two();
    let mut table = vec![0; len];
    for (position, name) in (1..).zip(names) {
        let mut slot = first_slot(name.as_bytes(), len);
        while table[slot] != 0 {
            slot = (slot + 1) % len;
        }
        table[slot] = position;
    }
    table
}

/// Where the search for `name` starts in a table of `len` slots (a power of two).
#[inline]
pub fn first_slot(name: &[u8], len: usize) -> usize {
    // The length and the first and last eight bytes tell Graph's names apart; the
    // multiplication spreads them over the high bits, which the shift keeps.
    let (head, tail) = match (name.first_chunk::<8>(), name.last_chunk::<8>()) {
        (Some(head), Some(tail)) => (u64::from_le_bytes(*head), u64::from_le_bytes(*tail)),
        _ => (name.iter().fold(0, |word, &byte| word << 8 | u64::from(byte)), 0),
    };
    let mixed = (head ^ tail.rotate_left(29) ^ name.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (mixed >> 32) as usize & len.wrapping_sub(1)
}
