//! Updates that send exactly what changed.

use core::fmt;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::structured::Structured;
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
    type Entity: Structured;

    /// The patch from `before` to `after` with this `if_match`, given the members both wrote
    /// (`diff`, written by `Patchable::diff`), reached through the patch type so that a
    /// derived type's patch can diff its base from the same members: the derived type's
    /// writer wrote its base's too. A derived type's patch carries the etag itself, and the
    /// patch of its base inside it none.
    fn diff_with(diff: &Diff, before: &Self::Entity, after: Self::Entity, if_match: Option<String>) -> Self;

    /// Writes every property that is not [`Change::Unchanged`].
    fn write_changes<M: SerializeMap>(&self, object: &mut M) -> Result<(), M::Error>;
}

/// [`Patchable::diff`](crate::Patchable::diff): the members both values write, and the etag
/// `before` was read with.
pub(crate) fn diff<P: PatchChanges>(before: &P::Entity, after: P::Entity) -> P {
    let diff = Diff::of(before, &after);
    let if_match = before.annotations_of().and_then(Annotations::etag).map(str::to_owned);
    P::diff_with(&diff, before, after, if_match)
}

/// The body of a generated patch: `@odata.type` of its entity, then its changes.
#[doc(hidden)]
pub fn serialize_patch<P: PatchChanges, S: Serializer>(patch: &P, serializer: S) -> Result<S::Ok, S::Error> {
    let mut object = serializer.serialize_map(None)?;
    object.serialize_entry(TYPE_ANNOTATION, const { <P::Entity as Structured>::TABLE.annotation })?;
    patch.write_changes(&mut object)?;
    object.end()
}

/// The two values of a generated diff, each written once by the entity's own writer
/// (`Structured::write_properties`), so that each property's change is found by comparing its
/// members: values are compared as the service sees them, and a field type needs no
/// `PartialEq`. The generated diff names no value type: the writer's calls are the one place
/// that needs `Serialize` of each, and report a type that is not once, on its field. A
/// derived type's patch passes its `Diff` on to its base's, whose members it holds too.
#[doc(hidden)]
pub struct Diff {
    before: WrittenMembers,
    after: WrittenMembers,
}

impl Diff {
    /// Writes both values.
    pub fn of<T: Structured>(before: &T, after: &T) -> Self {
        Diff { before: WrittenMembers::of(before), after: WrittenMembers::of(after) }
    }

    /// The change of an optional property: unchanged when both values write the same JSON text
    /// (or neither is set), `null` when `after` is `None`.
    pub fn optional<T>(&self, name: &str, after: Option<T>) -> Change<T> {
        if self.same(name) {
            Change::Unchanged
        } else {
            Change::from_option(after)
        }
    }

    /// The change of a required property.
    pub fn required<T>(&self, name: &str, after: T) -> Change<T> {
        if self.same(name) {
            Change::Unchanged
        } else {
            Change::Set(after)
        }
    }

    /// A value that cannot be written counts as changed.
    fn same(&self, name: &str) -> bool {
        if !(self.before.complete && self.after.complete) {
            return false;
        }
        match (self.before.members.get(name), self.after.members.get(name)) {
            (None, None) => true,
            (Some(Some(before)), Some(Some(after))) => before == after,
            _ => false,
        }
    }
}

/// The members a writer wrote, each value as its JSON text; `None` for one whose value could not
/// be written, so that the others are still compared. Text, not `serde_json::Value`: a `Value`
/// holds a number as an `f64`, so two `Decimal`s that differ beyond a double's 17 digits would
/// compare equal, and the change would be left out of the patch.
struct WrittenMembers {
    members: std::collections::HashMap<String, Option<String>>,
    name: Option<String>,
    /// False when the writer itself failed: nothing is then known to be unchanged.
    complete: bool,
}

impl WrittenMembers {
    fn of<T: Structured>(value: &T) -> Self {
        let mut written =
            WrittenMembers { members: std::collections::HashMap::new(), name: None, complete: true };
        written.complete = value.write_properties(&mut written, View::Full).is_ok();
        written
    }
}

impl SerializeMap for WrittenMembers {
    type Ok = ();
    type Error = serde_json::Error;

    fn serialize_key<K: ?Sized + Serialize>(&mut self, name: &K) -> Result<(), Self::Error> {
        match serde_json::to_value(name)? {
            serde_json::Value::String(name) => {
                self.name = Some(name);
                Ok(())
            }
            _ => Err(serde::ser::Error::custom("a member name must be a string")),
        }
    }

    fn serialize_value<V: ?Sized + Serialize>(&mut self, value: &V) -> Result<(), Self::Error> {
        let name =
            self.name.take().ok_or_else(|| serde::ser::Error::custom("a member value without its name"))?;
        self.members.insert(name, serde_json::to_string(value).ok());
        Ok(())
    }

    fn end(self) -> Result<(), Self::Error> {
        Ok(())
    }
}

/// A patch's change of one property as its `Debug` shows it: see [`debug_patch`].
#[doc(hidden)]
pub trait DebugChange {
    /// Adds the change to `debug` as `name`; returns `false` for one left out as
    /// [`Change::Unchanged`].
    fn add_to(&self, debug: &mut fmt::DebugStruct<'_, '_>, name: &str) -> bool;
}

impl<T: fmt::Debug> DebugChange for Change<T> {
    fn add_to(&self, debug: &mut fmt::DebugStruct<'_, '_>, name: &str) -> bool {
        if self.is_unchanged() {
            return false;
        }
        debug.field(name, self);
        true
    }
}

/// A generated patch's `Debug`: the patch of its base when it has one, then each changed
/// property (`names[i]` for `changes[i]`; `Unchanged` ones are left out, and `..` says so),
/// then `if_match` when set. The generated `fmt` is this one call over two arrays, as the
/// standard `#[derive(Debug)]` is for a struct of more than five fields: a call per property
/// cost every patch of an entity crate a block, and the type checker a call, per property.
#[doc(hidden)]
pub fn debug_patch(
    formatter: &mut fmt::Formatter<'_>,
    patch: &str,
    base: Option<(&str, &dyn fmt::Debug)>,
    names: &[&str],
    changes: &[&dyn DebugChange],
    if_match: &Option<String>,
) -> fmt::Result {
    let mut debug = formatter.debug_struct(patch);
    if let Some((name, base)) = base {
        debug.field(name, base);
    }
    let mut all = true;
    for (name, change) in names.iter().zip(changes) {
        all &= change.add_to(&mut debug, name);
    }
    if let Some(etag) = if_match {
        debug.field("if_match", etag);
    }
    if all {
        debug.finish()
    } else {
        debug.finish_non_exhaustive()
    }
}
