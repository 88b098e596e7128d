//! Updates that send exactly what changed.

use serde::{Serialize, Serializer};

use crate::__private::View;
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
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub enum Change<T> {
    /// Not part of the PATCH: the service keeps the value it has.
    #[default]
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

/// Writes `null` for a cleared property.
#[doc(hidden)]
pub struct Null;

impl Serialize for Null {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_unit()
    }
}
