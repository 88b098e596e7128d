//! Borrowed views of an entity that serialize as request bodies.

use serde::{Serialize, Serializer};

use crate::wire::View;
use crate::ODataType;

/// The body of a create (POST) request, borrowed from an entity: `@odata.type` first, then
/// every set property that is not read-only. Made by
/// [`ODataResource::create_payload`](crate::ODataResource::create_payload).
#[derive(Debug)]
pub struct CreatePayload<'a, T: ?Sized> {
    entity: &'a T,
}

// By hand: a view is a shared reference, `Copy` whatever `T` is, which derive would restrict
// to `T: Copy`.
impl<T: ?Sized> Clone for CreatePayload<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: ?Sized> Copy for CreatePayload<'_, T> {}

impl<'a, T: ODataType> CreatePayload<'a, T> {
    /// A create view of `entity`.
    pub fn new(entity: &'a T) -> Self {
        CreatePayload { entity }
    }

    /// The entity this view borrows.
    pub fn entity(&self) -> &'a T {
        self.entity
    }
}

impl<T: ODataType> Serialize for CreatePayload<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.entity.__serialize_view(serializer, View::Create)
    }
}

/// The body of an update (PATCH) request, borrowed from an entity: `@odata.type` first, then
/// every set property that is neither read-only nor the key. Made by
/// [`ODataResource::update_payload`](crate::ODataResource::update_payload).
#[derive(Debug)]
pub struct UpdatePayload<'a, T: ?Sized> {
    entity: &'a T,
}

// By hand, as for `CreatePayload`.
impl<T: ?Sized> Clone for UpdatePayload<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: ?Sized> Copy for UpdatePayload<'_, T> {}

impl<'a, T: ODataType> UpdatePayload<'a, T> {
    /// An update view of `entity`.
    pub fn new(entity: &'a T) -> Self {
        UpdatePayload { entity }
    }

    /// The entity this view borrows.
    pub fn entity(&self) -> &'a T {
        self.entity
    }
}

impl<T: ODataType> Serialize for UpdatePayload<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.entity.__serialize_view(serializer, View::Update)
    }
}
