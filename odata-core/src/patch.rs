//! Updates that send exactly what changed.

use core::fmt;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::__private::{View, TYPE_ANNOTATION};
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
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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
    /// Writes every property that is not [`Change::Unchanged`].
    fn write_changes<M: SerializeMap>(&self, object: &mut M) -> Result<(), M::Error>;
}

/// Writes one property of a patch: nothing, its value, or `null`.
#[doc(hidden)]
#[inline]
pub fn write_change<T: Serialize, M: SerializeMap>(
    object: &mut M,
    name: &'static str,
    change: &Change<T>,
) -> Result<(), M::Error> {
    match change {
        Change::Unchanged => Ok(()),
        Change::Set(value) => object.serialize_entry(name, value),
        Change::Null => object.serialize_entry(name, &()),
    }
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

/// The change from `before` to `after` of an optional property: unchanged when both write
/// the same JSON, `null` when `after` is `None`.
#[doc(hidden)]
pub fn diff_optional<T: Serialize>(before: &Option<T>, after: Option<T>) -> Change<T> {
    if same_json(before, &after) {
        Change::Unchanged
    } else {
        Change::from_option(after)
    }
}

/// The change from `before` to `after` of a required property.
#[doc(hidden)]
pub fn diff_required<T: Serialize>(before: &T, after: T) -> Change<T> {
    if same_json(before, &after) {
        Change::Unchanged
    } else {
        Change::Set(after)
    }
}

/// Values are compared as the service sees them, so that a field type needs no `PartialEq`;
/// a value that cannot be written counts as changed.
fn same_json<T: Serialize>(before: &T, after: &T) -> bool {
    match (serde_json::to_value(before), serde_json::to_value(after)) {
        (Ok(before), Ok(after)) => before == after,
        _ => false,
    }
}

/// `Debug` of a generated patch: its type, `If-Match` and body.
#[doc(hidden)]
pub fn debug_patch<P: ODataPatch>(patch: &P, name: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let body = serde_json::to_string(&PatchBody(patch)).map_err(|_| fmt::Error)?;
    let mut debug = f.debug_struct(name);
    if let Some(etag) = patch.etag() {
        debug.field("if_match", &etag);
    }
    debug.field("body", &format_args!("{body}")).finish()
}

/// `PartialEq` of generated patches: the same `If-Match` and the same body as JSON.
#[doc(hidden)]
pub fn patches_equal<P: ODataPatch>(left: &P, right: &P) -> bool {
    left.etag() == right.etag() && same_json(&PatchBody(left), &PatchBody(right))
}
