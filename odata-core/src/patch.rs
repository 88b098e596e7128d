//! Updates that send exactly what changed.

use serde::{Serialize, Serializer};

use crate::__private::View;
use crate::{Annotations, ODataResource};

/// The body of a PATCH for an entity of type [`Resource`](Self::Resource).
///
/// Implemented by every `#[derive(ODataResource)]` entity: its writable properties that are
/// set, and its `@odata.etag` when it has annotations.
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
