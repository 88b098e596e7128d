//! The flavors of generated code: what the generator is for, and the benchmark-only serde
//! models `scripts/graph-build-time.sh` compares it with.

/// What the generated code is written with. Only for the build-time comparison of
/// `scripts/graph-build-time.sh`: not part of the documented interface.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Flavor {
    /// The `odata` derives: what the generator is for.
    #[default]
    Odata,
    /// The same model as plain `serde` derives, as a careful user would hand-write it (see
    /// `plain_serde.rs`); the crate depends on `serde` and `serde_json` instead of `odata`.
    PlainSerde,
    /// The flat serde reference: every entity and complex type as one flat struct with plain
    /// serde derives, inherited properties copied, enums and dates as `String` (see
    /// `flat_serde.rs`); the crate depends on `serde` and `serde_json` instead of `odata`.
    FlatSerde,
}
