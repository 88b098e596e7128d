//! Updates that send exactly what changed.

use core::fmt;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::wire::{View, TYPE_ANNOTATION};
use crate::{Annotations, ODataResource};

/// One property of a PATCH: left untouched (absent from the body), set to a value, or set to
/// `null` (cleared).
///
/// ```
/// use odata::Change;
///
/// let name: Change<String> = Change::from("Kiosks".to_string());
/// assert_eq!(name, Change::Set("Kiosks".to_string()));
/// assert!(Change::<String>::default().is_unchanged());
/// assert_eq!(Change::from_option(None::<i32>), Change::Null);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Change<T> {
    /// Not part of the PATCH: the service keeps the value it has.
    Unchanged,
    /// The new value.
    Set(T),
    /// `null`: the service clears the value.
    Null,
}

impl<T> Change<T> {
    /// Whether this property is left out of the PATCH.
    pub fn is_unchanged(&self) -> bool {
        matches!(self, Change::Unchanged)
    }

    /// `Set` for `Some`, `Null` for `None`: the change to an optional property's value.
    pub fn from_option(value: Option<T>) -> Self {
        match value {
            Some(value) => Change::Set(value),
            None => Change::Null,
        }
    }
}

/// [`Change::Unchanged`], for any `T`.
impl<T> Default for Change<T> {
    fn default() -> Self {
        Change::Unchanged
    }
}

impl<T> From<T> for Change<T> {
    fn from(value: T) -> Self {
        Change::Set(value)
    }
}

/// The body of a PATCH for an entity of type [`Resource`](Self::Resource).
///
/// Implemented by every `#[derive(ODataResource)]` entity (its writable properties that are
/// set, and its `@odata.etag` when it keeps annotations) and by the patch type the derive
/// generates beside it, `{Entity}Patch`, whose fields are [`Change`]s of exactly the writable
/// properties: a read-only property has no field there, so setting one does not compile.
pub trait ODataPatch {
    /// The entity type this patch changes.
    type Resource: ODataResource;

    /// The version the change applies to, sent as `If-Match`.
    #[inline]
    fn etag(&self) -> Option<&str> {
        None
    }

    /// Writes the PATCH body: `@odata.type` first, then the changed properties.
    #[doc(hidden)]
    fn __serialize_patch<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
}

/// An entity as a patch: its writable properties that are set, and its `@odata.etag` when it
/// keeps annotations.
impl<T: ODataResource> ODataPatch for T {
    type Resource = T;

    fn etag(&self) -> Option<&str> {
        self.annotations().and_then(Annotations::etag)
    }

    fn __serialize_patch<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.__serialize_view(serializer, View::Update)
    }
}

/// The body of a PATCH, borrowed from a patch or an entity.
#[derive(Debug)]
pub struct PatchBody<'a, P: ?Sized>(pub &'a P);

impl<P: ODataPatch + ?Sized> Serialize for PatchBody<'_, P> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.__serialize_patch(serializer)
    }
}

/// The changed properties of a generated `{Entity}Patch`, written without `@odata.type`, so
/// that a derived type's patch can write its base's changes first.
#[doc(hidden)]
pub trait PatchChanges {
    /// The entity type the patch changes.
    type Entity;

    /// The patch from `before` to `after` (the body of `Patchable::diff`), reached through
    /// the patch type so that a derived type's patch can diff its base.
    fn diff_of(before: &Self::Entity, after: Self::Entity) -> Self;

    /// The same changes without `if_match`: a derived type's patch carries the etag itself,
    /// not the patch of its base inside it.
    fn without_etag(self) -> Self;

    /// Writes every property that is not [`Change::Unchanged`].
    fn write_changes<M: SerializeMap>(&self, object: &mut M) -> Result<(), M::Error>;
}

/// The body of a generated patch: `@odata.type` of its entity, then its changes.
#[doc(hidden)]
pub fn serialize_patch<P: PatchChanges, S: Serializer>(
    patch: &P,
    annotation: &'static str,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut object = serializer.serialize_map(None)?;
    object.serialize_entry(TYPE_ANNOTATION, annotation)?;
    patch.write_changes(&mut object)?;
    object.end()
}

/// What a generated diff compares values with: a writer of one member into a JSON object,
/// `write_property` itself, as the entity's own writer calls it (so that a field type that is
/// not `Serialize` is reported once, on the field).
#[doc(hidden)]
pub type WriteJson<T> = fn(
    &mut Result<(), serde_json::Error>,
    &mut JsonObjectWriter,
    &'static str,
    bool,
    crate::wire::Entry<'_, T>,
);

/// The map serializer of `serde_json::Value`.
#[doc(hidden)]
pub type JsonObjectWriter = <serde_json::value::Serializer as Serializer>::SerializeMap;

/// The change from `before` to `after` of an optional property: unchanged when both write
/// the same JSON, `null` when `after` is `None`.
#[doc(hidden)]
pub fn diff_optional<T>(before: &Option<T>, after: Option<T>, write: WriteJson<T>) -> Change<T> {
    let same = match (before, &after) {
        (None, None) => true,
        (Some(before), Some(after)) => same_json(before, after, write),
        _ => false,
    };
    if same {
        Change::Unchanged
    } else {
        Change::from_option(after)
    }
}

/// The change from `before` to `after` of a required property.
#[doc(hidden)]
pub fn diff_required<T>(before: &T, after: T, write: WriteJson<T>) -> Change<T> {
    if same_json(before, &after, write) {
        Change::Unchanged
    } else {
        Change::Set(after)
    }
}

/// Values are compared as the service sees them, so that a field type needs no `PartialEq`;
/// a value that cannot be written counts as changed.
fn same_json<T>(before: &T, after: &T, write: WriteJson<T>) -> bool {
    let json = |value: &T| -> Option<serde_json::Value> {
        let mut object = serde_json::value::Serializer.serialize_map(Some(1)).ok()?;
        let mut written = Ok(());
        write(&mut written, &mut object, "", true, crate::wire::Entry::Value(value));
        written.ok()?;
        object.end().ok()
    };
    match (json(before), json(after)) {
        (Some(before), Some(after)) => before == after,
        _ => false,
    }
}

/// Adds a changed property to a patch's `Debug`; returns `false` for one left out as
/// [`Change::Unchanged`].
#[doc(hidden)]
pub fn debug_change<T: fmt::Debug>(
    debug: &mut fmt::DebugStruct<'_, '_>,
    name: &str,
    change: &Change<T>,
) -> bool {
    if change.is_unchanged() {
        return false;
    }
    debug.field(name, change);
    true
}
