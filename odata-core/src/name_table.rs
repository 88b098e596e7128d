//! The hash table that finds a type's declared property by its wire name, when a member comes
//! out of declaration order: data the derives write per type, searched by one runtime function
//! (`NameTable::find`), instead of a `match` on the names compiled into every type.
//!
//! The one copy of the hash: odata-derive includes this file with `#[path]` to build each
//! type's table, so it uses nothing outside itself.

/// The bytes of one slot: a position in little-endian order, so that a table is one byte
/// string in the generated code.
pub const SLOT_BYTES: usize = core::mem::size_of::<u32>();

/// The table of `names`, in declaration order: open addressing with linear probing, a power of
/// two slots long and at most two thirds full. A slot holds the position of its name plus one
/// ([`SLOT_BYTES`] bytes, little-endian); `0` is empty. No names make an empty table.
pub fn name_table(names: &[&str]) -> Vec<u8> {
    if names.is_empty() {
        return Vec::new();
    }
    let slots = (names.len() + names.len() / 2 + 1).next_power_of_two();
    let mut positions = vec![0u32; slots];
    for (position, name) in (1..).zip(names) {
        let mut slot = first_slot(name.as_bytes(), slots);
        while positions[slot] != 0 {
            slot = (slot + 1) % slots;
        }
        positions[slot] = position;
    }
    positions.iter().flat_map(|position| position.to_le_bytes()).collect()
}

/// The number of slots of `table`.
#[inline]
pub const fn slot_count(table: &[u8]) -> usize {
    table.len() / SLOT_BYTES
}

/// The position plus one held by `slot` of `table`, `0` for an empty slot or one past the end.
#[inline]
pub const fn held_at(table: &[u8], slot: usize) -> usize {
    let at = slot * SLOT_BYTES;
    if at + SLOT_BYTES > table.len() {
        return 0;
    }
    u32::from_le_bytes([table[at], table[at + 1], table[at + 2], table[at + 3]]) as usize
}

/// Where the search for `name` starts in a table of `len` slots (a power of two). `const`, as
/// the search (`NameTable::find`) is, so that a table can be searched at compile time too.
#[inline]
pub const fn first_slot(name: &[u8], len: usize) -> usize {
    // The length and the first and last eight bytes tell Graph's names apart; the
    // multiplication spreads them over the high bits, which the shift keeps.
    let (head, tail) = match (name.first_chunk::<8>(), name.last_chunk::<8>()) {
        (Some(head), Some(tail)) => (u64::from_le_bytes(*head), u64::from_le_bytes(*tail)),
        _ => {
            let mut word = 0u64;
            let mut index = 0;
            while index < name.len() {
                word = word << 8 | name[index] as u64;
                index += 1;
            }
            (word, 0)
        }
    };
    let mixed = (head ^ tail.rotate_left(29) ^ name.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (mixed >> 32) as usize & len.wrapping_sub(1)
}
