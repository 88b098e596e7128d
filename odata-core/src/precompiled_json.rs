//! serde_json's reading and writing of a type, compiled in the crate that defines the type.
//!
//! `serde::Deserialize` and `serde::Serialize` are generic over the deserializer and the
//! serializer, so rustc compiles a type's reading and writing in the crate that first names
//! them with serde_json's: every program, test and example that reads a type of a generated
//! crate compiles the code of every type reachable from it (through a hierarchy's `Any...`
//! enum, nearly the whole crate). In a dev build rustc reuses a dependency's compiled generic
//! code (`-Z share-generics`, on below `opt-level = 2`), so a crate that compiles serde_json's
//! entry points for its own types once spares every crate that depends on it that work.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// Makes rustc compile, in the crate that names this function for `T`, serde_json's entry
/// points that a program most often calls with `T`: `from_str` (the reader of a `&str`),
/// `from_slice` (of bytes: what the client reads responses with) and `to_vec` (what
/// `to_string` and the client's request bodies write with), and through them every type they
/// reach. A generated crate lists its types with this function under its `precompiled-json`
/// feature.
pub fn precompile_json<T: Serialize + DeserializeOwned>() {
    // Taking the functions' addresses is what makes rustc compile them; `black_box` keeps the
    // addresses from being optimized away before that.
    core::hint::black_box((
        (|text| serde_json::from_str(text)) as fn(&str) -> serde_json::Result<T>,
        (|bytes| serde_json::from_slice(bytes)) as fn(&[u8]) -> serde_json::Result<T>,
        serde_json::to_vec::<T> as fn(&T) -> serde_json::Result<Vec<u8>>,
    ));
}
