//! The machinery behind every derived struct. A type contributes data: its [`Shape`] (names,
//! flags, what it keeps), a builder of `Option` slots, and two accessors that hand out its
//! property values as trait objects. The reading and writing loops live here once, and are
//! generic over nothing but the serializer or map access they are driven by: what a type's
//! values need is reached through `erased_serde` trait objects whose code is compiled once per
//! *field type*, in the crate that defines the type, not again in every crate that reads it.

use core::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;

use crate::direct::Direct;
use crate::wire::{TypeAnnotationSeed, View, TYPE_ANNOTATION};
use crate::{Annotations, ODataType, Property};

/// What a type keeps of the members it does not declare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keeps {
    /// Undeclared properties go to an `#[odata(additional)]` map.
    pub properties: bool,
    /// Annotations other than `@odata.type` go to an `#[odata(annotations)]` field.
    pub annotations: bool,
}

/// What the reading and writing loops know of a struct type: data, the same for every value.
#[derive(Clone, Copy)]
pub struct Shape {
    /// The qualified type name, for `@odata.type` checks and errors.
    pub type_name: &'static str,
    /// `@odata.type` as written.
    pub annotation: &'static str,
    /// Every declared property, the base's first.
    pub properties: &'static [Property],
    /// What the type keeps of undeclared members.
    pub keeps: Keeps,
    /// Maps a wire name to its index in `properties`.
    pub property_index: fn(&str) -> Option<usize>,
}

/// The value of a type's property `index` (in [`ODataType::PROPERTIES`]) to write, `None`
/// when an optional property is not set; and what it keeps. Object safe: the writing loop is
/// compiled once, not per type.
pub trait PropertyValues {
    /// The value of the declared property at `index`, or `None` when it is absent.
    fn property_value(&self, index: usize) -> Option<&dyn erased_serde::Serialize>;

    /// The kept undeclared properties, of this type or of its base.
    fn kept_properties(&self) -> Option<&dyn KeptProperties> {
        None
    }

    /// The kept annotations, of this type or of its base.
    fn kept_annotations(&self) -> Option<&Annotations> {
        None
    }
}

/// An `#[odata(additional)]` map, to write back (object safe).
pub trait KeptProperties {
    /// Calls `each` with every kept property, stopping at its first error.
    fn each_property(&self, each: &mut dyn FnMut(&str, &Value) -> Result<(), Stop>) -> Result<(), Stop>;
}

impl<M: crate::AdditionalProperties> KeptProperties for M {
    fn each_property(&self, each: &mut dyn FnMut(&str, &Value) -> Result<(), Stop>) -> Result<(), Stop> {
        self.properties().try_for_each(|(name, value)| each(name, value))
    }
}

/// A value's slot in a builder while it is read (object safe): the derive's builders hold an
/// `Option<V>` per property, and each field *type* gets one implementation, shared by every
/// struct with a field of that type.
pub trait ReadSlot<'de> {
    /// Whether a value was read into it already.
    fn is_set(&self) -> bool;

    /// Reads the value.
    fn read(
        &mut self,
        deserializer: &mut dyn erased_serde::Deserializer<'de>,
    ) -> Result<(), erased_serde::Error>;

    /// Whether `null` is this slot's to take (an optional property's), read by the loop
    /// before the value is handed to [`read`](Self::read).
    fn takes_null(&self) -> bool {
        false
    }

    /// Takes `null` (only called when [`takes_null`](Self::takes_null) says so).
    fn read_null(&mut self) {}
}

impl<'de, V: Deserialize<'de>> ReadSlot<'de> for Option<V> {
    #[inline]
    fn is_set(&self) -> bool {
        self.is_some()
    }

    fn read(
        &mut self,
        deserializer: &mut dyn erased_serde::Deserializer<'de>,
    ) -> Result<(), erased_serde::Error> {
        *self = Some(V::deserialize(Direct(deserializer))?);
        Ok(())
    }
}

/// The slot of an optional property, declared `Option<V>`: absent and `null` are both `None`.
/// It reads `null` itself, so that each value type needs one visitor, not a second one for
/// the `Option` of it.
pub struct Optional<V> {
    value: Option<V>,
    read: bool,
}

impl<V> Default for Optional<V> {
    #[inline]
    fn default() -> Self {
        Optional { value: None, read: false }
    }
}

impl<V> Optional<V> {
    /// The property's value.
    #[inline]
    pub fn into_value(self) -> Option<V> {
        self.value
    }
}

impl<'de, V: Deserialize<'de>> ReadSlot<'de> for Optional<V> {
    #[inline]
    fn is_set(&self) -> bool {
        self.read
    }

    fn read(
        &mut self,
        deserializer: &mut dyn erased_serde::Deserializer<'de>,
    ) -> Result<(), erased_serde::Error> {
        self.read = true;
        self.value = Some(V::deserialize(Direct(deserializer))?);
        Ok(())
    }

    fn takes_null(&self) -> bool {
        true
    }

    fn read_null(&mut self) {
        self.read = true;
    }
}

/// The slot of a property declared `Option<Option<V>>`: `null` is `Some(None)`, kept apart
/// from absent (`None`).
pub struct ExplicitNull<V>(Option<Option<V>>);

impl<V> Default for ExplicitNull<V> {
    #[inline]
    fn default() -> Self {
        ExplicitNull(None)
    }
}

impl<V> ExplicitNull<V> {
    /// The property's value: `None` when absent, `Some(None)` when `null`.
    #[inline]
    pub fn into_value(self) -> Option<Option<V>> {
        self.0
    }
}

impl<'de, V: Deserialize<'de>> ReadSlot<'de> for ExplicitNull<V> {
    #[inline]
    fn is_set(&self) -> bool {
        self.0.is_some()
    }

    fn read(
        &mut self,
        deserializer: &mut dyn erased_serde::Deserializer<'de>,
    ) -> Result<(), erased_serde::Error> {
        self.0 = Some(Option::<V>::deserialize(Direct(deserializer))?);
        Ok(())
    }
}

/// The builder of a struct's value while it is read (object safe).
pub trait Builder {
    /// The slot of the declared property at `index` (the base's first).
    fn slot<'de>(&mut self, index: usize) -> Option<&mut dyn ReadSlot<'de>>;

    /// Keeps an undeclared property (only called when the type keeps them).
    fn keep_property(&mut self, name: String, value: Value) {
        let _ = (name, value);
    }

    /// Keeps an annotation (only called when the type keeps them).
    fn keep_annotation(&mut self, name: String, value: Value) {
        let _ = (name, value);
    }
}

/// The builder of a type without properties to read (a stand-in after a failed derive).
#[derive(Default)]
pub struct NoBuilder;

impl Builder for NoBuilder {
    fn slot<'de>(&mut self, _: usize) -> Option<&mut dyn ReadSlot<'de>> {
        None
    }
}

/// A struct derived with `ODataResource` or `ODataComplex`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an OData type derived from a struct",
    label = "not a struct derived with `ODataResource` or `ODataComplex`",
    note = "a variant of a polymorphic enum, and a `base` field, hold a struct that derives `ODataResource` or `ODataComplex`"
)]
pub trait Structured: ODataType + PropertyValues {
    /// `@odata.type` as written: `#` + name for an entity, the bare name for a complex value.
    const ANNOTATION: &'static str;

    /// What this type keeps of undeclared members.
    const KEEPS: Keeps;

    /// Property values collected while reading, before the value is complete.
    type Builder: Default + Builder;

    /// The index of the declared property with this wire name, in [`ODataType::PROPERTIES`].
    fn property_index(name: &str) -> Option<usize>;

    /// The value, or the error for a required property that was not read.
    fn finish(builder: Self::Builder) -> Result<Self, erased_serde::Error>;

    /// What the loops know of this type.
    const SHAPE: Shape = Shape {
        type_name: <Self as ODataType>::TYPE_NAME,
        annotation: Self::ANNOTATION,
        properties: <Self as ODataType>::PROPERTIES,
        keeps: Self::KEEPS,
        property_index: Self::property_index,
    };

    // What a derived type needs of its base, and an enum of its variants, reached through
    // this one trait: generated code then names one trait per such type, and a type that is
    // not a derived struct is reported once, on the user's type.

    /// [`ODataType::TYPE_NAME`].
    const NAME: &'static str = <Self as ODataType>::TYPE_NAME;

    /// [`ODataType::PROPERTIES`], the base's included.
    const ALL_PROPERTIES: &'static [Property] = <Self as ODataType>::PROPERTIES;

    /// [`ODataType::__serialize_view`].
    #[inline]
    fn serialize_in_view<S: Serializer>(&self, serializer: S, view: View) -> Result<S::Ok, S::Error> {
        <Self as ODataType>::__serialize_view(self, serializer, view)
    }

    /// [`PropertyValues::property_value`].
    #[inline]
    fn property_value_of(&self, index: usize) -> Option<&dyn erased_serde::Serialize> {
        PropertyValues::property_value(self, index)
    }

    /// [`PropertyValues::kept_properties`].
    #[inline]
    fn kept_properties_of(&self) -> Option<&dyn KeptProperties> {
        PropertyValues::kept_properties(self)
    }

    /// [`PropertyValues::kept_annotations`].
    #[inline]
    fn kept_annotations_of(&self) -> Option<&Annotations> {
        PropertyValues::kept_annotations(self)
    }

    /// [`ODataType::annotations`].
    #[inline]
    fn annotations_of(&self) -> Option<&Annotations> {
        <Self as ODataType>::annotations(self)
    }

    /// Reads this type as a variant of a polymorphic enum: first the members buffered before
    /// `@odata.type`, then the rest of `source`. `declaring_type` names the type of the
    /// hierarchy that declares a property this type does not.
    fn read_as_variant(
        buffered: Vec<(String, Value)>,
        source: &mut dyn MemberSource<'_>,
        declaring_type: fn(&str) -> Option<&'static str>,
    ) -> Result<Self, Stop> {
        let seed = MemberKeySeed { declaring_type: Some(declaring_type), ..MemberKeySeed::of(Self::SHAPE) };
        let mut builder = Self::Builder::default();
        if !buffered.is_empty() {
            read_buffered(&mut builder, buffered, seed).map_err(|error| source.fail(&error))?;
        }
        read_members(source, &mut builder, seed)?;
        Self::finish(builder).map_err(|error| source.fail(&error))
    }
}

/// `ODataType::__serialize_view` of a struct: `@odata.type`, annotations, properties.
pub fn serialize_structured<S: Serializer>(
    value: &dyn PropertyValues,
    shape: Shape,
    serializer: S,
    view: View,
) -> Result<S::Ok, S::Error> {
    // A map, not a struct: undeclared properties and annotations have run-time names. For
    // serde_json both write the same bytes at the same cost.
    let mut object = serializer.serialize_map(None)?;
    object.serialize_entry(TYPE_ANNOTATION, shape.annotation)?;
    if view == View::Full {
        if let Some(annotations) = value.kept_annotations() {
            write_annotations(annotations, shape.type_name, &mut object)?;
        }
    }
    for (index, property) in shape.properties.iter().enumerate() {
        if !view.writes(property) {
            continue;
        }
        if let Some(value) = value.property_value(index) {
            object.serialize_entry(property.name, value)?;
        }
    }
    if view != View::Update {
        if let Some(kept) = value.kept_properties() {
            write_additional(kept, &mut object, shape)?;
        }
    }
    object.end()
}

fn write_annotations<M: SerializeMap>(
    annotations: &Annotations,
    type_name: &str,
    object: &mut M,
) -> Result<(), M::Error> {
    for (name, value) in annotations.iter() {
        if name == TYPE_ANNOTATION || !name.contains('@') {
            return Err(serde::ser::Error::custom(format_args!(
                "annotation `{name}` of a `{type_name}` cannot be written: {}",
                if name == TYPE_ANNOTATION {
                    "the type writes its own"
                } else {
                    "an annotation's name contains `@`"
                }
            )));
        }
        object.serialize_entry(name, value)?;
    }
    Ok(())
}

/// Writes the kept undeclared properties, refusing names that `shape` declares or that are
/// annotations: writing them would emit a member twice or in the wrong place.
fn write_additional<M: SerializeMap>(
    kept: &dyn KeptProperties,
    object: &mut M,
    shape: Shape,
) -> Result<(), M::Error> {
    let mut failed = None;
    let result = kept.each_property(&mut |name, value| {
        let written = if (shape.property_index)(name).is_some() {
            Err(serde::ser::Error::custom(format_args!(
                "additional property `{name}` is declared by `{}`: set its field instead",
                shape.type_name
            )))
        } else if name.contains('@') {
            Err(serde::ser::Error::custom(format_args!(
                "additional property `{name}` of a `{}` is an annotation: keep it in an `#[odata(annotations)]` field",
                shape.type_name
            )))
        } else {
            object.serialize_entry(name, value)
        };
        written.map_err(|error| {
            failed = Some(error);
            Stop(())
        })
    });
    match (result, failed) {
        (Err(_), Some(error)) => Err(error),
        _ => Ok(()),
    }
}

/// `Serialize` of a value that another type's writer holds: the trait object the accessors
/// hand out.
#[inline]
pub fn erased<V: Serialize>(value: &V) -> &dyn erased_serde::Serialize {
    value
}

/// The slot of a builder field, as the builder hands it out.
#[inline]
pub fn slot<'de, V: Deserialize<'de>>(slot: &mut Option<V>) -> &mut dyn ReadSlot<'de> {
    slot
}

/// The slot of a builder field of an optional property, declared `Option<V>`.
#[inline]
pub fn optional_slot<'de, V: Deserialize<'de>>(slot: &mut Optional<V>) -> &mut dyn ReadSlot<'de> {
    slot
}

/// The slot of a builder field of a property declared `Option<Option<V>>`.
#[inline]
pub fn explicit_null_slot<'de, V: Deserialize<'de>>(slot: &mut ExplicitNull<V>) -> &mut dyn ReadSlot<'de> {
    slot
}

/// Reading stopped: the error is kept by the [`MemberSource`] that said so.
#[derive(Debug)]
pub struct Stop(());

impl Stop {
    pub(crate) fn new() -> Self {
        Stop(())
    }
}

/// The members of an object being read (object safe): what the reading loop needs of a
/// `MapAccess`, so that the loop and every type's reading code are compiled once.
pub trait MemberSource<'de> {
    /// The next member's name, as the type being read sees it.
    fn next_key(&mut self, seed: MemberKeySeed) -> Result<Option<MemberKey>, Stop>;

    /// Reads the next value into `slot`; an error names the property `name`.
    fn next_value_into(&mut self, slot: &mut dyn ReadSlot<'de>, name: &str) -> Result<(), Stop>;

    /// Reads the next value as JSON.
    fn next_json(&mut self) -> Result<Value, Stop>;

    /// Skips the next value.
    fn skip_value(&mut self) -> Result<(), Stop>;

    /// Reads the next value, an `@odata.type` that must name `expected`.
    fn next_type_annotation(&mut self, expected: &'static str) -> Result<(), Stop>;

    /// The next member whole, or `None` after the last.
    fn next_entry(&mut self) -> Result<Option<(String, Value)>, Stop>;

    /// The next member whole; `None` after the last, or at `@odata.type`, whose value is then
    /// kept for [`type_annotation_read`](Self::type_annotation_read).
    fn next_entry_unless_type_annotation(&mut self) -> Result<Option<(String, Value)>, Stop>;

    /// The `@odata.type` that stopped [`next_entry_unless_type_annotation`](Self::next_entry_unless_type_annotation).
    fn type_annotation_read(&mut self) -> Option<String>;

    /// Keeps `error` as the reason reading stopped.
    fn fail(&mut self, error: &dyn fmt::Display) -> Stop;
}

/// A [`MemberSource`] over a serde `MapAccess`, keeping the first error as the map's own
/// error type (so that a serde_json error keeps its position).
pub struct Members<'de, A: MapAccess<'de>> {
    map: A,
    error: Option<A::Error>,
    type_annotation: Option<String>,
    marker: core::marker::PhantomData<&'de ()>,
}

impl<'de, A: MapAccess<'de>> Members<'de, A> {
    /// The members of `map`.
    pub fn new(map: A) -> Self {
        Members { map, error: None, type_annotation: None, marker: core::marker::PhantomData }
    }

    /// The error that stopped reading.
    pub fn error(&mut self, _: Stop) -> A::Error {
        self.error.take().unwrap_or_else(|| de::Error::custom("reading stopped"))
    }

    fn keep<T>(&mut self, result: Result<T, A::Error>) -> Result<T, Stop> {
        result.map_err(|error| {
            self.error = Some(error);
            Stop(())
        })
    }
}

impl<'de, A: MapAccess<'de>> MemberSource<'de> for Members<'de, A> {
    fn next_key(&mut self, seed: MemberKeySeed) -> Result<Option<MemberKey>, Stop> {
        let key = self.map.next_key_seed(seed);
        self.keep(key)
    }

    fn next_value_into(&mut self, slot: &mut dyn ReadSlot<'de>, name: &str) -> Result<(), Stop> {
        let read = self
            .map
            .next_value_seed(SlotSeed { slot })
            .map_err(|error| crate::wire::in_property(name, error));
        self.keep(read)
    }

    fn next_json(&mut self) -> Result<Value, Stop> {
        let value = self.map.next_value();
        self.keep(value)
    }

    fn skip_value(&mut self) -> Result<(), Stop> {
        let skipped = self.map.next_value::<IgnoredAny>().map(drop);
        self.keep(skipped)
    }

    fn next_type_annotation(&mut self, expected: &'static str) -> Result<(), Stop> {
        let checked = self.map.next_value_seed(TypeAnnotationSeed { expected });
        self.keep(checked)
    }

    fn next_entry(&mut self) -> Result<Option<(String, Value)>, Stop> {
        let entry = self.map.next_entry();
        self.keep(entry)
    }

    fn next_entry_unless_type_annotation(&mut self) -> Result<Option<(String, Value)>, Stop> {
        let name = self.map.next_key_seed(NameUnlessTypeAnnotation);
        match self.keep(name)? {
            None => Ok(None),
            Some(Some(name)) => {
                let value = self.map.next_value();
                Ok(Some((name, self.keep(value)?)))
            }
            Some(None) => {
                let annotation = self.map.next_value_seed(TypeName);
                self.type_annotation = Some(self.keep(annotation)?);
                Ok(None)
            }
        }
    }

    fn type_annotation_read(&mut self) -> Option<String> {
        self.type_annotation.take()
    }

    fn fail(&mut self, error: &dyn fmt::Display) -> Stop {
        self.error = Some(de::Error::custom(error));
        Stop(())
    }
}

/// A member name, or `None` for `@odata.type` (which needs no allocation).
struct NameUnlessTypeAnnotation;

impl<'de> DeserializeSeed<'de> for NameUnlessTypeAnnotation {
    type Value = Option<String>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Option<String>, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for NameUnlessTypeAnnotation {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a property name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Option<String>, E> {
        Ok((name != TYPE_ANNOTATION).then(|| name.to_owned()))
    }
}

/// The value of `@odata.type` before the type is known.
struct TypeName;

impl<'de> DeserializeSeed<'de> for TypeName {
    type Value = String;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for TypeName {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a type name as a string")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<String, E> {
        Ok(name.to_owned())
    }
}

/// Reads one value into a slot through an erased deserializer.
struct SlotSeed<'s, 'de> {
    slot: &'s mut dyn ReadSlot<'de>,
}

impl<'de> DeserializeSeed<'de> for SlotSeed<'_, 'de> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        if self.slot.takes_null() {
            deserializer.deserialize_option(NullOr { slot: self.slot })
        } else {
            read_erased(self.slot, deserializer)
        }
    }
}

fn read_erased<'de, D: de::Deserializer<'de>>(
    slot: &mut dyn ReadSlot<'de>,
    deserializer: D,
) -> Result<(), D::Error> {
    let mut erased = <dyn erased_serde::Deserializer<'de>>::erase(deserializer);
    slot.read(&mut erased).map_err(de::Error::custom)
}

/// `null` for an optional property's slot, or its value: one visitor for every optional
/// property, so that each value type needs no second visitor for the `Option` of it.
struct NullOr<'s, 'de> {
    slot: &'s mut dyn ReadSlot<'de>,
}

impl<'de> Visitor<'de> for NullOr<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.slot.read_null();
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.slot.read_null();
        Ok(())
    }

    fn visit_some<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        read_erased(self.slot, deserializer)
    }
}

/// What an object's member name is to the type being read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemberKey {
    /// The declared property at this index.
    Declared(usize),
    /// `@odata.type`.
    TypeAnnotation,
    /// An undeclared property that the type keeps.
    Undeclared(String),
    /// An annotation that the type keeps.
    Annotation(String),
    /// A property that another type of the hierarchy declares, not this one.
    Foreign {
        /// The property's name.
        name: String,
        /// The type that declares it.
        owner: &'static str,
    },
    /// Anything the type neither declares nor keeps: skipped.
    Skipped,
}

/// Reads a member name as a [`MemberKey`], allocating only for names the type keeps.
#[derive(Clone, Copy)]
pub struct MemberKeySeed {
    /// Maps a wire name to the index of its declared property.
    pub lookup: fn(&str) -> Option<usize>,
    /// What the type keeps.
    pub keeps: Keeps,
    /// For a variant of a polymorphic value: the type of the hierarchy that declares a
    /// property, to refuse a derived type's property on another type.
    pub declaring_type: Option<fn(&str) -> Option<&'static str>>,
    /// The type's properties, for their names.
    pub properties: &'static [Property],
    /// The type's name, for errors and the `@odata.type` check.
    pub type_name: &'static str,
}

impl MemberKeySeed {
    /// The seed for a type of this shape.
    pub fn of(shape: Shape) -> Self {
        MemberKeySeed {
            lookup: shape.property_index,
            keeps: shape.keeps,
            declaring_type: None,
            properties: shape.properties,
            type_name: shape.type_name,
        }
    }

    fn classify(self, name: &str) -> MemberKey {
        if let Some(index) = (self.lookup)(name) {
            MemberKey::Declared(index)
        } else if name == TYPE_ANNOTATION {
            MemberKey::TypeAnnotation
        } else if name.contains('@') {
            if self.keeps.annotations {
                MemberKey::Annotation(name.to_owned())
            } else {
                MemberKey::Skipped
            }
        } else if let Some(owner) = self.declaring_type.and_then(|declaring_type| declaring_type(name)) {
            MemberKey::Foreign { name: name.to_owned(), owner }
        } else if self.keeps.properties {
            MemberKey::Undeclared(name.to_owned())
        } else {
            MemberKey::Skipped
        }
    }
}

impl<'de> DeserializeSeed<'de> for MemberKeySeed {
    type Value = MemberKey;

    #[inline]
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<MemberKey, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for MemberKeySeed {
    type Value = MemberKey;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a property name")
    }

    #[inline]
    fn visit_str<E: de::Error>(self, name: &str) -> Result<MemberKey, E> {
        Ok(self.classify(name))
    }

    fn visit_bytes<E: de::Error>(self, name: &[u8]) -> Result<MemberKey, E> {
        match core::str::from_utf8(name) {
            Ok(name) => Ok(self.classify(name)),
            Err(_) => Err(E::custom("a property name is not UTF-8")),
        }
    }
}

/// `Deserialize` of a struct: reads a JSON object into `T`. Generic over the type and the
/// deserializer, but only a call of the loop: the loop and the type's own code are compiled
/// where they are defined.
pub fn deserialize_structured<'de, T: Structured, D: de::Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    let mut builder = T::Builder::default();
    deserializer
        .deserialize_map(ObjectVisitor { builder: &mut builder, seed: MemberKeySeed::of(T::SHAPE) })?;
    T::finish(builder).map_err(de::Error::custom)
}

struct ObjectVisitor<'b> {
    builder: &'b mut dyn Builder,
    seed: MemberKeySeed,
}

impl<'de> Visitor<'de> for ObjectVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a JSON object of type `{}`", self.seed.type_name)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let mut members = Members::new(map);
        read_members(&mut members, self.builder, self.seed).map_err(|stop| members.error(stop))
    }
}

/// Reads the members that `source` has left into `builder`.
pub fn read_members<'de>(
    source: &mut dyn MemberSource<'de>,
    builder: &mut dyn Builder,
    seed: MemberKeySeed,
) -> Result<(), Stop> {
    while let Some(key) = source.next_key(seed)? {
        match key {
            MemberKey::Declared(index) => {
                let name = seed.properties.get(index).map_or("", |property| property.name);
                match builder.slot(index) {
                    Some(slot) if slot.is_set() => {
                        return Err(source.fail(&format_args!("property `{name}` appears twice")));
                    }
                    Some(slot) => source.next_value_into(slot, name)?,
                    None => source.skip_value()?,
                }
            }
            MemberKey::TypeAnnotation => source.next_type_annotation(seed.type_name)?,
            MemberKey::Undeclared(name) => {
                let value = source.next_json()?;
                builder.keep_property(name, value);
            }
            MemberKey::Annotation(name) => {
                let value = source.next_json()?;
                builder.keep_annotation(name, value);
            }
            // A type that keeps what it does not declare keeps this too: a newer service may
            // have given it a property that another type of the hierarchy declares.
            MemberKey::Foreign { name, .. } if seed.keeps.properties => {
                let value = source.next_json()?;
                builder.keep_property(name, value);
            }
            MemberKey::Foreign { name, owner } => {
                return Err(source.fail(&format_args!(
                    "property `{name}` belongs to `{owner}`, not to `{}`: is `@odata.type` right?",
                    seed.type_name
                )));
            }
            MemberKey::Skipped => source.skip_value()?,
        }
    }
    Ok(())
}

/// Reads members that were buffered before the type was known (a polymorphic value whose
/// `@odata.type` came late) into `builder`.
pub fn read_buffered(
    builder: &mut dyn Builder,
    members: Vec<(String, Value)>,
    seed: MemberKeySeed,
) -> Result<(), serde_json::Error> {
    let mut source = Members::new(BufferedMembers { members: members.into_iter(), value: None });
    read_members(&mut source, builder, seed).map_err(|stop| source.error(stop))
}

/// A map access over buffered members.
struct BufferedMembers {
    members: std::vec::IntoIter<(String, Value)>,
    value: Option<Value>,
}

impl<'de> MapAccess<'de> for BufferedMembers {
    type Error = serde_json::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Self::Error> {
        match self.members.next() {
            Some((name, value)) => {
                self.value = Some(value);
                seed.deserialize(de::value::StringDeserializer::<serde_json::Error>::new(name)).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Self::Error> {
        seed.deserialize(self.value.take().unwrap_or(Value::Null))
    }
}

/// The value of a required property, or the error that names it.
#[inline]
pub fn required<V>(slot: Option<V>, name: &str, type_name: &str) -> Result<V, erased_serde::Error> {
    match slot {
        Some(value) => Ok(value),
        None => Err(crate::wire::missing_property(name, type_name)),
    }
}

/// The properties of a derived type: its base's, then its own.
pub const fn concat_properties<const N: usize>(base: &[Property], own: &[Property]) -> [Property; N] {
    let mut all = [Property::new(""); N];
    let mut index = 0;
    while index < base.len() {
        all[index] = base[index];
        index += 1;
    }
    while index < N {
        all[index] = own[index - base.len()];
        index += 1;
    }
    all
}

/// A boxed struct reads and writes as the struct: a variant of a polymorphic enum may box a
/// large derived type, as clippy's `large_enum_variant` advises.
impl<T: Structured> Structured for Box<T> {
    const ANNOTATION: &'static str = T::ANNOTATION;
    const KEEPS: Keeps = T::KEEPS;
    type Builder = T::Builder;

    #[inline]
    fn property_index(name: &str) -> Option<usize> {
        T::property_index(name)
    }

    #[inline]
    fn finish(builder: Self::Builder) -> Result<Self, erased_serde::Error> {
        T::finish(builder).map(Box::new)
    }
}

impl<T: PropertyValues> PropertyValues for Box<T> {
    #[inline]
    fn property_value(&self, index: usize) -> Option<&dyn erased_serde::Serialize> {
        (**self).property_value(index)
    }

    fn kept_properties(&self) -> Option<&dyn KeptProperties> {
        (**self).kept_properties()
    }

    fn kept_annotations(&self) -> Option<&Annotations> {
        (**self).kept_annotations()
    }
}

/// The index in `own` of the first property name that `base` declares too, for the
/// compile-time check that a derived type does not declare a property of its base again.
#[doc(hidden)]
pub const fn redeclared(base: &[Property], own: &[&str]) -> Option<usize> {
    let mut index = 0;
    while index < own.len() {
        let mut in_base = 0;
        while in_base < base.len() {
            if same_str(base[in_base].name, own[index]) {
                return Some(index);
            }
            in_base += 1;
        }
        index += 1;
    }
    None
}

/// Whether two strings are equal, in a `const` context.
pub(crate) const fn same_str(left: &str, right: &str) -> bool {
    let (left, right) = (left.as_bytes(), right.as_bytes());
    if left.len() != right.len() {
        return false;
    }
    let mut index = 0;
    while index < left.len() {
        if left[index] != right[index] {
            return false;
        }
        index += 1;
    }
    true
}
