//! The machinery behind every derived struct: a property table, a builder that collects
//! property values in any order, and the writer of the properties. Generated code
//! implements [`Structured`] and leaves the loops to the generic functions here, so that
//! little code is generated per type and a derived type can reuse its base's properties.

use core::cell::{Cell, RefCell};
use core::fmt;
use core::marker::PhantomData;
use core::ops::ControlFlow;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::Serializer;
use serde_json::Value;

use crate::open::{Kept, KeptMut, KeptProperties};
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

impl Keeps {
    /// Keeps neither.
    pub const NOTHING: Keeps = Keeps { properties: false, annotations: false };
}

/// What the runtime's reading and writing loops need of a struct's type, as one constant of
/// data per type ([`Structured::TABLE`]). The runtime reads its fields in `const` blocks: a
/// projection of the constant itself would copy all of it at run time, in every instance of
/// the generic code.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub struct TypeTable {
    /// `@odata.type` as written: `#` + name for an entity, the bare name for a complex value.
    pub annotation: &'static str,
    /// What the type keeps of undeclared members.
    pub keeps: Keeps,
    /// How its declared properties are found by wire name.
    pub names: NameTable,
}

/// Reads the members that `$map` (a `&mut A`, `A` the caller's map access) has left as a
/// `$ty` within `$hierarchy` (empty for a value of its own): the body of
/// [`StructuredVisitor`]'s `visit_map`, [`Structured::read_as_variant`] and `Box<T>`'s. A macro
/// rather than a function the three call: every function here is one more instance per type in
/// each program that reads the type. `match`es, not `?` or `map_err`, for the same reason.
macro_rules! read_object {
    ($ty:ty, $hierarchy:expr, $map:expr) => {{
        let seed = MemberKeySeed::new(
            PropertyLookup::new(const { &<$ty>::TABLE.names }),
            <$ty as ODataType>::PROPERTIES,
            const { <$ty>::TABLE.keeps },
            $hierarchy,
        );
        let mut builder = <$ty>::empty_builder();
        match read_members::<$ty, A>(&mut builder, $map, &seed) {
            Ok(()) => match <$ty>::finish(builder) {
                Ok(value) => Ok(value),
                Err(missing) => Err(missing.into_error()),
            },
            Err(error) => Err(error),
        }
    }};
}

/// A struct derived with `ODataResource` or `ODataComplex`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an OData type derived from a struct",
    label = "not a struct derived with `ODataResource` or `ODataComplex`",
    note = "a variant of a polymorphic enum, and a `base` field, hold a struct that derives `ODataResource` or `ODataComplex`"
)]
pub trait Structured: ODataType {
    /// Its `@odata.type` as written, what it keeps of undeclared members, and how its declared
    /// properties are found by wire name: data that the runtime's loops read. By default the
    /// type's name, nothing kept, and no properties.
    const TABLE: TypeTable = TypeTable {
        annotation: <Self as ODataType>::TYPE_NAME,
        keeps: Keeps::NOTHING,
        names: NameTable::EMPTY,
    };

    /// Property values collected while reading, before the value is complete: the type itself
    /// when it has no base and every property is optional.
    type Builder;

    /// A builder with nothing read yet.
    fn empty_builder() -> Self::Builder;

    /// Reads the value of the property at `index` into the builder.
    fn read_property<'de, A: MapAccess<'de>>(
        builder: &mut Self::Builder,
        index: usize,
        map: &mut A,
    ) -> Result<(), A::Error>;

    /// Where the builder keeps what the type does not declare (what [`TABLE`](Self::TABLE)
    /// says it keeps): its own collections, or its base builder's. Nowhere by default.
    #[inline]
    fn kept_in(builder: &mut Self::Builder) -> KeptMut<'_> {
        let _ = builder;
        KeptMut::default()
    }

    /// The value, or the required property that was not read. Not generic over the
    /// deserializer's error: the reading loop makes that error (`MissingProperty::into_error`).
    fn finish(builder: Self::Builder) -> Result<Self, MissingProperty>;

    /// Writes the declared properties that `view` includes, the base's first.
    fn write_properties<M: SerializeMap>(&self, object: &mut M, view: View) -> Result<(), M::Error>;

    // What a derived type needs of its base, and an enum of its variants, reached through
    // this one trait: generated code then names one trait per such type, and a type that is
    // not a derived struct is reported once, on the user's type.

    /// [`ODataType::TYPE_NAME`].
    const NAME: &'static str = <Self as ODataType>::TYPE_NAME;

    /// What CSDL needs of this type (a derived struct's with the `csdl` feature; none for
    /// others).
    const DESCRIBE: Option<fn() -> &'static crate::csdl::TypeDescription> = None;

    /// [`ODataType::PROPERTIES`], the base's included.
    const ALL_PROPERTIES: &'static [Property] = <Self as ODataType>::PROPERTIES;

    /// Writes this value as the given view, as an entity type's [`ODataType::__serialize_view`]
    /// does. A complex type's `__serialize_view` is the trait's, which writes it in full, so a
    /// polymorphic enum writes its variants here.
    #[inline]
    fn serialize_in_view<S: Serializer>(&self, serializer: S, view: View) -> Result<S::Ok, S::Error> {
        serialize_structured(self, serializer, view)
    }

    /// [`ODataType::annotations`].
    #[inline]
    fn annotations_of(&self) -> Option<&Annotations> {
        <Self as ODataType>::annotations(self)
    }

    /// [`ODataType::__kept`].
    #[inline]
    fn kept_of(&self) -> Kept<'_> {
        <Self as ODataType>::__kept(self)
    }

    /// Reads this type as a variant of a polymorphic enum over `hierarchy`, from the members
    /// that `map` has left. (The enum reads an object whose `@odata.type` came late from its
    /// text, which is a map of its own: no variant has a second path for it.)
    #[inline]
    fn read_as_variant<'de, A: MapAccess<'de>>(hierarchy: Hierarchy, map: &mut A) -> Result<Self, A::Error> {
        read_object!(Self, hierarchy, map)
    }
}

/// How a type's declared property is found by wire name: its [`NameTable`] and the search of
/// it. Data, not a function per type: a program reading or writing a type compiles no lookup
/// of its own for it.
#[derive(Clone, Copy)]
pub struct PropertyLookup {
    /// The type's name table ([`TypeTable::names`]).
    pub names: &'static NameTable,
    /// The search: [`NameTable::find`] but where a test counts the searches.
    pub find: fn(&NameTable, &str) -> Option<usize>,
}

impl PropertyLookup {
    /// The lookup in `names`. Not generic over the type, nor is its search: a program compiles
    /// neither once per type.
    #[inline]
    pub fn new(names: &'static NameTable) -> Self {
        PropertyLookup { names, find: find_by_name }
    }

    /// The index of the declared property named `name`, in the type's property table.
    #[inline]
    fn index(self, name: &str) -> Option<usize> {
        (self.find)(self.names, name)
    }
}

/// [`NameTable::find`] of a `str`.
fn find_by_name(names: &NameTable, name: &str) -> Option<usize> {
    names.find(name.as_bytes())
}

/// The types of a hierarchy, each with all its properties (its base's included): what a
/// polymorphic enum's variant reads with, to name the type that declares a property found on
/// another type of the hierarchy.
pub type Hierarchy = &'static [(&'static str, &'static [Property])];

/// The type of a complex type's `#[odata(base)]` field: a struct derived with
/// `ODataResource` or `ODataComplex`. The impls of the derived type that need its base's query
/// handles or key carry `Base: BaseType` (or [`EntityBase`]), and the others name the base only
/// through [`Structured`], so that a base which is not one is reported at most three times, on
/// its type, rather than once per trait the impls need of it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an OData type derived from a struct",
    label = "not a struct derived with `ODataResource` or `ODataComplex`",
    note = "a `base` field holds the struct this type derives from, which derives `ODataResource` or `ODataComplex`"
)]
pub trait BaseType: Structured + crate::query::ODataFields {}

/// The type of an entity type's `#[odata(base)]` field: a struct derived with `ODataResource`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an OData entity type derived from a struct",
    label = "not a struct derived with `ODataResource`",
    note = "the `base` field of an entity type holds the entity type it derives from, a struct that derives `ODataResource`"
)]
pub trait EntityBase: BaseType + crate::ODataResource {}

/// `ODataType::__serialize_view` of a struct: `@odata.type`, annotations, properties.
pub fn serialize_structured<T: Structured, S: Serializer>(
    value: &T,
    serializer: S,
    view: View,
) -> Result<S::Ok, S::Error> {
    // A map, not a struct: undeclared properties and annotations have run-time names. For
    // serde_json both write the same bytes at the same cost.
    let mut object = serializer.serialize_map(None)?;
    let kept = ODataType::__kept(value);
    let declared =
        Declared { type_name: T::TYPE_NAME, lookup: PropertyLookup::new(const { &T::TABLE.names }) };
    write_head(&mut object, const { T::TABLE.annotation }, kept.annotations, view, declared)?;
    value.write_properties(&mut object, view)?;
    write_tail(object, kept.properties, view, declared)
}

/// What an object has before its declared properties: `@odata.type` and, in full, the kept
/// annotations. Generic over the map only, as the rest of the writing loop outside
/// `write_properties`, so that every type shares one copy per kind of map.
fn write_head<M: SerializeMap>(
    object: &mut M,
    annotation: &'static str,
    annotations: Option<&Annotations>,
    view: View,
    declared: Declared,
) -> Result<(), M::Error> {
    object.serialize_entry(TYPE_ANNOTATION, annotation)?;
    match annotations {
        Some(annotations) if view == View::Full => write_annotations(annotations, object, declared.type_name),
        _ => Ok(()),
    }
}

/// What an object has after its declared properties: the kept undeclared ones. Ends it.
fn write_tail<M: SerializeMap>(
    mut object: M,
    properties: Option<&dyn KeptProperties>,
    view: View,
    declared: Declared,
) -> Result<M::Ok, M::Error> {
    if let Some(properties) = properties {
        write_additional(properties, &mut object, view, declared)?;
    }
    object.end()
}

fn write_annotations<M: SerializeMap>(
    annotations: &Annotations,
    object: &mut M,
    type_name: &str,
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

/// The type being written, whose declared names the kept undeclared properties must not use.
#[derive(Clone, Copy)]
struct Declared {
    /// The type's qualified name, for errors.
    type_name: &'static str,
    /// How its declared properties are found.
    lookup: PropertyLookup,
}

/// Writes the kept undeclared properties (in every view but [`View::Update`], where an
/// entity as a patch sends only its declared writable properties), refusing names that the
/// type being written declares or that are annotations: writing them would emit a member
/// twice or in the wrong place. Stops at the first error.
fn write_additional<M: SerializeMap>(
    properties: &dyn KeptProperties,
    object: &mut M,
    view: View,
    declared: Declared,
) -> Result<(), M::Error> {
    if view == View::Update {
        return Ok(());
    }
    let mut written = Ok(());
    properties.visit(&mut |name, value| {
        written = write_additional_property(name, value, object, declared);
        if written.is_ok() {
            ControlFlow::Continue(())
        } else {
            ControlFlow::Break(())
        }
    });
    written
}

fn write_additional_property<M: SerializeMap>(
    name: &str,
    value: &Value,
    object: &mut M,
    declared: Declared,
) -> Result<(), M::Error> {
    if declared.lookup.index(name).is_some() {
        return Err(serde::ser::Error::custom(format_args!(
            "additional property `{name}` is declared by `{}`: set its field instead",
            declared.type_name
        )));
    }
    if name.contains('@') {
        return Err(serde::ser::Error::custom(format_args!(
            "additional property `{name}` of a `{}` is an annotation: keep it in an `#[odata(annotations)]` field",
            declared.type_name
        )));
    }
    object.serialize_entry(name, value)
}

/// What an object's member name is to the type being read. Two words, so that it comes back
/// from the key's deserializer in registers: the names that are kept (rare) are boxed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemberKey {
    /// The declared property at this index.
    Declared(usize),
    /// The declared property at this index, given before in the same object.
    Repeated(usize),
    /// `@odata.type`.
    TypeAnnotation,
    /// An undeclared property that the type keeps.
    Undeclared(Box<String>),
    /// An annotation that the type keeps.
    Annotation(Box<String>),
    /// A property that another type of the hierarchy declares, not this one: its name and
    /// the type that declares it.
    Foreign(Box<(String, &'static str)>),
    /// Anything the type neither declares nor keeps: skipped.
    Skipped,
}

/// Reads a member name as a [`MemberKey`], allocating only for names the type keeps. The
/// loop passes it down by reference: serde passes a seed by value through three calls per
/// member, and one word keeps serde_json's key reading inline in the loop.
pub struct MemberKeySeed {
    /// Maps a wire name to the index of its declared property.
    pub lookup: PropertyLookup,
    /// The declared properties, by the indexes that `lookup` returns.
    pub properties: &'static [Property],
    /// The index of the property expected next: the one after the last declared member read.
    /// An OData service writes an object's properties in the order its `$metadata` declares
    /// them, so one comparison of names usually replaces the lookup. Its top bit is set once
    /// a declared member came out of that order (`OUT_OF_ORDER`).
    pub expected: Cell<usize>,
    /// What the type keeps.
    pub keeps: Keeps,
    /// For a variant of a polymorphic value: its hierarchy, to refuse a derived type's
    /// property on another type; empty otherwise.
    pub hierarchy: Hierarchy,
    /// Once a declared member came out of declaration order: one bit per property read.
    read: ReadBits,
}

/// The mark on [`MemberKeySeed::expected`] once a declared member came out of declaration order.
///
/// Until then, the members read are exactly the first `expected` properties, and none can come
/// again on the path that matches the expected name, so that path records nothing. The mark
/// makes that path miss, and the one after it records every property read in a bit set, to
/// refuse one given twice.
const OUT_OF_ORDER: usize = 1 << (usize::BITS - 1);

impl MemberKeySeed {
    /// The seed for a type with this lookup, property table and keeps, read as a variant of
    /// `hierarchy` (empty when it is not). Not generic over the type: one function fewer per
    /// type for every program that reads it.
    #[inline]
    pub fn new(
        lookup: PropertyLookup,
        properties: &'static [Property],
        keeps: Keeps,
        hierarchy: Hierarchy,
    ) -> Self {
        MemberKeySeed {
            lookup,
            properties,
            expected: Cell::new(0),
            keeps,
            hierarchy,
            read: ReadBits::default(),
        }
    }

    // Only the expected name on the common path, compared without a call; the rest is a tail
    // call, so that the common path saves no registers.
    #[inline(never)]
    fn classify(&self, name: &str) -> MemberKey {
        let expected = self.expected.get();
        match self.properties.get(expected) {
            Some(property) if same_name(property.name.as_bytes(), name.as_bytes()) => {
                self.expected.set(expected + 1);
                MemberKey::Declared(expected)
            }
            _ => self.classify_unexpected(name),
        }
    }

    #[inline(never)]
    fn classify_unexpected(&self, name: &str) -> MemberKey {
        // No declared name holds `@` (the derives refuse one): an annotation such as
        // `@odata.type`, each object's first member, needs no lookup.
        if name.starts_with('@') {
            return self.classify_undeclared(name);
        }
        let expected = self.expected.get();
        let index = match self.properties.get(expected & !OUT_OF_ORDER) {
            // Out of order, the expected name is compared here: the path before missed it.
            Some(property)
                if expected & OUT_OF_ORDER != 0 && same_name(property.name.as_bytes(), name.as_bytes()) =>
            {
                expected & !OUT_OF_ORDER
            }
            _ => match self.lookup.index(name) {
                Some(index) => index,
                None => return self.classify_undeclared(name),
            },
        };
        self.expected.set((index + 1) | OUT_OF_ORDER);
        if expected & OUT_OF_ORDER == 0 {
            (0..expected).for_each(|earlier| {
                self.read.first_read(earlier);
            });
        }
        if self.read.first_read(index) {
            MemberKey::Declared(index)
        } else {
            MemberKey::Repeated(index)
        }
    }

    #[inline(never)]
    fn classify_undeclared(&self, name: &str) -> MemberKey {
        if name == TYPE_ANNOTATION {
            MemberKey::TypeAnnotation
        } else if name.contains('@') {
            if self.keeps.annotations {
                MemberKey::Annotation(Box::new(name.to_owned()))
            } else {
                MemberKey::Skipped
            }
        } else if let Some(owner) = self.declaring_type(name) {
            MemberKey::Foreign(Box::new((name.to_owned(), owner)))
        } else if self.keeps.properties {
            MemberKey::Undeclared(Box::new(name.to_owned()))
        } else {
            MemberKey::Skipped
        }
    }

    /// The type of the hierarchy that declares the property `name`, if any does: the first in
    /// the hierarchy's order.
    fn declaring_type(&self, name: &str) -> Option<&'static str> {
        self.hierarchy
            .iter()
            .find(|(_, properties)| properties.iter().any(|property| property.name == name))
            .map(|&(type_name, _)| type_name)
    }
}

/// One bit per declared property read: in the seed for the first 256 properties (the largest
/// type of Graph v1.0 has 213, its base's included), and allocated beyond.
#[derive(Default)]
struct ReadBits {
    first: [Cell<u64>; 4],
    beyond: RefCell<Vec<u64>>,
}

impl ReadBits {
    /// Records the property at `index`: `false` if it was read before.
    #[inline]
    fn first_read(&self, index: usize) -> bool {
        let bit = 1u64 << (index % 64);
        match self.first.get(index / 64) {
            Some(word) => {
                let before = word.replace(word.get() | bit);
                before & bit == 0
            }
            None => self.first_read_beyond(index / 64 - self.first.len(), bit),
        }
    }

    #[inline(never)]
    fn first_read_beyond(&self, word: usize, bit: u64) -> bool {
        let mut beyond = self.beyond.borrow_mut();
        if beyond.len() <= word {
            beyond.resize(word + 1, 0);
        }
        let Some(bits) = beyond.get_mut(word) else { return true };
        let first = *bits & bit == 0;
        *bits |= bit;
        first
    }
}

/// `a == b`, without a call: comparing in 8-byte words keeps the expected name's check free
/// of `memcmp`, whose call makes `classify` save and restore registers for every member.
/// `const`, for the checks evaluated at compile time too.
#[inline]
pub(crate) const fn same_name(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    if a.len() < 8 {
        let mut at = 0;
        while at < a.len() {
            if a[at] != b[at] {
                return false;
            }
            at += 1;
        }
        return true;
    }
    let last = a.len() - 8;
    let mut at = 0;
    while at < last {
        if word(a, at) != word(b, at) {
            return false;
        }
        at += 8;
    }
    word(a, last) == word(b, last)
}

/// The eight bytes of `bytes` from `at`, which the caller keeps in bounds.
#[inline]
const fn word(bytes: &[u8], at: usize) -> u64 {
    match bytes.split_at(at).1.first_chunk::<8>() {
        Some(word) => u64::from_ne_bytes(*word),
        None => 0,
    }
}

impl<'de> DeserializeSeed<'de> for &MemberKeySeed {
    type Value = MemberKey;

    #[inline]
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<MemberKey, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for &MemberKeySeed {
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

/// Reads an object as a `T` of its own, not a variant of a polymorphic value: a struct's
/// `Deserialize` hands [`NEW`](Self::NEW) to `deserialize_map` itself, not through a function
/// of the runtime, which would be one more instance per type in a program.
#[doc(hidden)]
pub struct StructuredVisitor<T>(PhantomData<T>);

impl<T> StructuredVisitor<T> {
    /// The visitor.
    pub const NEW: Self = StructuredVisitor(PhantomData);
}

impl<'de, T: Structured> Visitor<'de> for StructuredVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a JSON object of type `{}`", T::TYPE_NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        read_object!(T, &[], &mut map)
    }
}

/// Reads the members that `map` has left into `builder`.
#[inline]
pub fn read_members<'de, T: Structured, A: MapAccess<'de>>(
    builder: &mut T::Builder,
    map: &mut A,
    seed: &MemberKeySeed,
) -> Result<(), A::Error> {
    // One function per type and map: the program that reads a type compiles this for every
    // type that it reaches, so the loop has no helper of its own, and what is not a declared
    // property goes to code that is not generic over the type.
    while let Some(key) = map.next_key_seed(seed)? {
        match key {
            MemberKey::Declared(index) => T::read_property(builder, index, map)?,
            other => {
                let read = ReadType { type_name: T::TYPE_NAME, properties: T::PROPERTIES };
                read_other_member(T::kept_in(builder), read, other, map)?
            }
        }
    }
    Ok(())
}

/// The type being read, for the members that are not its declared properties.
#[derive(Clone, Copy)]
struct ReadType {
    /// Its qualified name, what `@odata.type` must be and what errors name.
    type_name: &'static str,
    /// Its declared properties, by the indexes of [`MemberKey`].
    properties: &'static [Property],
}

/// Reads a member that is not a declared property into what the builder keeps. Generic over
/// the map only, not over the type read: every type shares one copy per kind of map.
#[inline(never)]
fn read_other_member<'de, A: MapAccess<'de>>(
    kept: KeptMut<'_>,
    read: ReadType,
    key: MemberKey,
    map: &mut A,
) -> Result<(), A::Error> {
    match key {
        // `read_members` reads these itself; skipped, should one come, to keep the map in step.
        MemberKey::Declared(_) => map.next_value::<IgnoredAny>().map(drop),
        MemberKey::Repeated(index) => Err(given_twice(read.properties, index)),
        MemberKey::TypeAnnotation => map.next_value_seed(TypeAnnotationSeed { expected: read.type_name }),
        // The key says the type keeps it: the derive sets what `classify` checks (`TABLE`)
        // from the same field as `Structured::kept_in`.
        MemberKey::Undeclared(name) => {
            let value = map.next_value()?;
            if let Some(properties) = kept.properties {
                properties.insert(*name, value);
            }
            Ok(())
        }
        MemberKey::Annotation(name) => {
            let value = map.next_value()?;
            if let Some(annotations) = kept.annotations {
                annotations.insert(*name, value);
            }
            Ok(())
        }
        // A type that keeps what it does not declare keeps this too: a newer service may have
        // given it a property that another type of the hierarchy declares.
        MemberKey::Foreign(foreign) => {
            let (name, owner) = *foreign;
            match kept.properties {
                Some(properties) => {
                    properties.insert(name, map.next_value()?);
                    Ok(())
                }
                None => Err(de::Error::custom(format_args!(
                    "property `{name}` belongs to `{owner}`, not to `{}`: is `@odata.type` right?",
                    read.type_name
                ))),
            }
        }
        MemberKey::Skipped => map.next_value::<IgnoredAny>().map(drop),
    }
}

/// The error for the property at `index`, given a second time.
#[cold]
fn given_twice<E: de::Error>(properties: &[Property], index: usize) -> E {
    crate::wire::duplicate_property(properties.get(index).map_or("", |property| property.name))
}

/// Reads the value of a declared property into its slot: an optional property's slot is of
/// its own type, a required one's is `None` until read, and so is an `Option<Option<V>>` one's,
/// which reads an `Option<V>` (`null` is `Some(None)`, kept apart from absent).
#[inline]
pub fn read_value<'de, V: de::Deserialize<'de>, A: MapAccess<'de>>(
    slot: &mut impl Slot<'de, V>,
    name: &'static str,
    map: &mut A,
) -> Result<(), A::Error> {
    // A `match`, not `map_err` with a closure: two functions fewer per value type and map.
    match slot.read_from(map) {
        Ok(()) => Ok(()),
        Err(error) => Err(crate::wire::in_property(name, error)),
    }
}

/// Where the builder keeps a property's value of type `V` until the value is complete.
#[doc(hidden)]
pub trait Slot<'de, V> {
    /// Reads the value of the member `map` is at into this slot.
    fn read_from<A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<(), A::Error>
    where
        V: de::Deserialize<'de>;
}

/// An optional property's slot: `None` until read, and `None` when read as `null`. Read by
/// its own seed rather than by serde's `Option<V>`, whose visitor wraps the value with
/// `Result::map(Some)`: in a program, five functions fewer for each type of optional value.
impl<'de, V: de::Deserialize<'de>> Slot<'de, Option<V>> for Option<V> {
    #[inline]
    fn read_from<A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<(), A::Error>
    where
        Option<V>: de::Deserialize<'de>,
    {
        map.next_value_seed(IntoOptional(self))
    }
}

/// A required property's slot, and an `Option<Option<V>>` one's: `None` until read.
impl<'de, V> Slot<'de, V> for Option<V> {
    #[inline]
    fn read_from<A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<(), A::Error>
    where
        V: de::Deserialize<'de>,
    {
        match map.next_value() {
            Ok(value) => {
                *self = Some(value);
                Ok(())
            }
            Err(error) => Err(error),
        }
    }
}

/// Reads an optional value, or `null`, into the slot it holds.
struct IntoOptional<'s, V>(&'s mut Option<V>);

impl<'de, V: de::Deserialize<'de>> DeserializeSeed<'de> for IntoOptional<'_, V> {
    type Value = ();

    #[inline]
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, V: de::Deserialize<'de>> Visitor<'de> for IntoOptional<'_, V> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("option")
    }

    #[inline]
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        *self.0 = None;
        Ok(())
    }

    #[inline]
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        *self.0 = None;
        Ok(())
    }

    #[inline]
    fn visit_some<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        match V::deserialize(deserializer) {
            Ok(value) => {
                *self.0 = Some(value);
                Ok(())
            }
            Err(error) => Err(error),
        }
    }
}

/// How a struct's declared properties are found by wire name: the hash table of its own
/// names, which the derives build (`name_table.rs`), then its base's. One search of data
/// shared by every type, instead of a lookup function generated per type; the reading loop
/// calls it only for a member out of declaration order (see [`MemberKeySeed`]).
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub struct NameTable {
    /// The type's property table, its base's first.
    pub properties: &'static [Property],
    /// The index of the type's first own property in `properties`.
    pub own_start: usize,
    /// The own names' hash table (`name_table::name_table`), empty for none.
    pub slots: &'static [u8],
    /// The base's table, searched for a name that is not an own one.
    pub base: Option<&'static NameTable>,
}

impl NameTable {
    /// No properties: what a type that is not a derived struct finds.
    pub const EMPTY: NameTable = NameTable { properties: &[], own_start: 0, slots: &[], base: None };

    /// The index in `properties` of the property named `name`: an own one, else the base's.
    pub const fn find(&self, name: &[u8]) -> Option<usize> {
        let mut table = self;
        loop {
            let slots = crate::name_table::slot_count(table.slots);
            if slots > 0 {
                let mut slot = crate::name_table::first_slot(name, slots);
                // At most one turn of the table, which the derives leave a third empty.
                let mut turns = 0;
                while turns < slots {
                    let held = crate::name_table::held_at(table.slots, slot);
                    if held == 0 {
                        break;
                    }
                    let index = table.own_start + held - 1;
                    if index < table.properties.len()
                        && same_name(table.properties[index].name.as_bytes(), name)
                    {
                        return Some(index);
                    }
                    slot = (slot + 1) & (slots - 1);
                    turns += 1;
                }
            }
            match table.base {
                Some(base) => table = base,
                None => return None,
            }
        }
    }
}

/// A required property that an object left out: what [`Structured::finish`] reports.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MissingProperty {
    /// The property's wire name.
    pub property: &'static str,
    /// The type that declares it.
    pub type_name: &'static str,
}

impl MissingProperty {
    /// The deserializer's error that names the property and its type.
    #[cold]
    pub fn into_error<E: de::Error>(self) -> E {
        crate::wire::missing_property(self.property, self.type_name)
    }
}

/// The value of a required property, or the property that is missing.
#[inline]
pub fn required<V>(
    slot: Option<V>,
    property: &'static str,
    type_name: &'static str,
) -> Result<V, MissingProperty> {
    slot.ok_or(MissingProperty { property, type_name })
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
    const TABLE: TypeTable = T::TABLE;
    const DESCRIBE: Option<fn() -> &'static crate::csdl::TypeDescription> = T::DESCRIBE;
    type Builder = T::Builder;

    #[inline]
    fn empty_builder() -> Self::Builder {
        T::empty_builder()
    }

    #[inline]
    fn read_property<'de, A: MapAccess<'de>>(
        builder: &mut Self::Builder,
        index: usize,
        map: &mut A,
    ) -> Result<(), A::Error> {
        T::read_property(builder, index, map)
    }

    #[inline]
    fn kept_in(builder: &mut Self::Builder) -> KeptMut<'_> {
        T::kept_in(builder)
    }

    #[inline]
    fn finish(builder: Self::Builder) -> Result<Self, MissingProperty> {
        T::finish(builder).map(Box::new)
    }

    #[inline]
    fn write_properties<M: SerializeMap>(&self, object: &mut M, view: View) -> Result<(), M::Error> {
        (**self).write_properties(object, view)
    }

    // The boxed type's writing and reading loops, called here rather than through its own
    // `serialize_in_view` and `read_as_variant`: a program reading a hierarchy then compiles
    // one function fewer for each, per boxed variant type.
    #[inline]
    fn serialize_in_view<S: Serializer>(&self, serializer: S, view: View) -> Result<S::Ok, S::Error> {
        serialize_structured::<T, S>(self, serializer, view)
    }

    #[inline]
    fn read_as_variant<'de, A: MapAccess<'de>>(hierarchy: Hierarchy, map: &mut A) -> Result<Self, A::Error> {
        match read_object!(T, hierarchy, map) {
            Ok(value) => Ok(Box::new(value)),
            Err(error) => Err(error),
        }
    }
}

/// The index, among a derived type's own properties (those of `properties` from `own_start`
/// on), of the first whose name its base's (those before `own_start`) declares too, for the
/// compile-time check that a derived type does not declare a property of its base again.
/// A scan, not [`NameTable::find`]: at compile time a length comparison costs far less than a
/// hash, and few names share a length. The lengths are compared here although `same_name`
/// compares them first, because at compile time each call is an interpreted frame.
#[doc(hidden)]
pub const fn redeclared(properties: &[Property], own_start: usize) -> Option<usize> {
    let count = properties.len();
    let mut index = own_start;
    while index < count {
        let name = properties[index].name.as_bytes();
        let length = name.len();
        let mut in_base = 0;
        while in_base < own_start {
            let other = properties[in_base].name.as_bytes();
            if other.len() == length && same_name(other, name) {
                return Some(index - own_start);
            }
            in_base += 1;
        }
        index += 1;
    }
    None
}

/// Stops the compile-time check of a derived type with `message`, reported at the caller: the
/// derive spans each call on the property that it names. A plain call, not `Option::expect`,
/// as the check has one arm per property of each derived type, and a method call costs the
/// type checker a search.
#[doc(hidden)]
#[track_caller]
pub const fn redeclared_property(message: &'static str) -> ! {
    panic!("{}", message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    const PROPERTIES: &[Property] = &[
        Property::new("id"),
        Property::new("displayName"),
        Property::new("a"),
        Property::new("lastModifiedDateTime"),
    ];

    thread_local! {
        static LOOKUPS: Cell<usize> = const { Cell::new(0) };
    }

    fn counted_lookup(_: &NameTable, name: &str) -> Option<usize> {
        LOOKUPS.with(|lookups| lookups.set(lookups.get() + 1));
        PROPERTIES.iter().position(|property| property.name == name)
    }

    fn seed() -> MemberKeySeed {
        MemberKeySeed {
            lookup: PropertyLookup { names: &NameTable::EMPTY, find: counted_lookup },
            properties: PROPERTIES,
            expected: Cell::new(0),
            keeps: Keeps { properties: true, annotations: true },
            hierarchy: &[],
            read: ReadBits::default(),
        }
    }

    fn classify_all(names: &[&str]) -> (Vec<MemberKey>, usize) {
        LOOKUPS.with(|lookups| lookups.set(0));
        let seed = seed();
        let keys = names.iter().map(|name| seed.classify(name)).collect();
        (keys, LOOKUPS.with(Cell::get))
    }

    #[test]
    fn names_in_declaration_order_are_matched_without_a_lookup() {
        let (keys, lookups) =
            classify_all(&["@odata.type", "id", "displayName", "a", "lastModifiedDateTime"]);
        assert_eq!(
            keys,
            [
                MemberKey::TypeAnnotation,
                MemberKey::Declared(0),
                MemberKey::Declared(1),
                MemberKey::Declared(2),
                MemberKey::Declared(3)
            ]
        );
        assert_eq!(lookups, 0);
    }

    #[test]
    fn after_a_name_out_of_order_the_one_after_it_is_expected() {
        let (keys, lookups) = classify_all(&["a", "lastModifiedDateTime", "id", "displayName"]);
        assert_eq!(
            keys,
            [MemberKey::Declared(2), MemberKey::Declared(3), MemberKey::Declared(0), MemberKey::Declared(1)]
        );
        assert_eq!(lookups, 2, "only `a` and `id` are looked up");
    }

    /// Every sequence of five names, in any order and with repeats, classifies as the lookup
    /// alone does, a repeat as `Repeated`: the expected name is a shortcut, never a different
    /// answer.
    #[test]
    fn the_expected_name_never_changes_what_a_name_is() {
        let names =
            ["id", "displayName", "a", "lastModifiedDateTime", "ab", "b", "@odata.type", "x@odata.etag"];
        let by_lookup = |name: &str| match counted_lookup(&NameTable::EMPTY, name) {
            Some(index) => MemberKey::Declared(index),
            None => seed().classify_undeclared(name),
        };
        let mut sequence = [0usize; 5];
        loop {
            let picked: Vec<&str> = sequence.iter().map(|&index| names[index]).collect();
            // A declared name given before is `Repeated`, wherever it comes.
            let mut read = std::collections::BTreeSet::new();
            let expected: Vec<MemberKey> = picked
                .iter()
                .map(|name| match by_lookup(name) {
                    MemberKey::Declared(index) if !read.insert(index) => MemberKey::Repeated(index),
                    key => key,
                })
                .collect();
            assert_eq!(classify_all(&picked).0, expected, "names {picked:?}");
            let Some(position) = sequence.iter().position(|&index| index + 1 < names.len()) else {
                break;
            };
            sequence[position] += 1;
            sequence[..position].fill(0);
        }
    }

    /// Indexes in the seed's words and beyond them, in any order and with repeats, are each
    /// recorded once: the same answers as a set of the indexes read.
    #[test]
    fn a_property_is_read_for_the_first_time_only_once() {
        let indexes = [0usize, 63, 64, 255, 256, 700];
        for length in 1..=5 {
            let mut sequence = vec![0usize; length];
            loop {
                let read = ReadBits::default();
                let mut model = std::collections::BTreeSet::new();
                for &pick in &sequence {
                    let index = indexes[pick];
                    assert_eq!(read.first_read(index), model.insert(index), "{sequence:?} at {index}");
                }
                let Some(position) = sequence.iter().position(|&pick| pick + 1 < indexes.len()) else {
                    break;
                };
                sequence[position] += 1;
                sequence[..position].fill(0);
            }
        }
    }

    /// A base of three properties, which come first in the derived type's table.
    fn base_table() -> &'static NameTable {
        let names = ["id", "createdDateTime", "description"];
        let properties: &'static [Property] = Box::leak(Box::new(names.map(Property::new)));
        let slots = Box::leak(crate::name_table::name_table(&names).into_boxed_slice());
        Box::leak(Box::new(NameTable { properties, own_start: 0, slots, base: None }))
    }

    /// Names that share a length, a head or a tail, short ones, and three hundred that differ
    /// in one digit, so that the search goes past taken slots.
    fn own_names() -> Vec<String> {
        let mut names: Vec<String> = [
            "a",
            "b",
            "ab",
            "ba",
            "displayName",
            "displayNamf",
            "lastModifiedDateTime",
            "passwordBlockSimple",
            "passwordBlockSimpler",
            "wiFiBlocked",
            "wiFiBlockedX",
        ]
        .iter()
        .map(|name| name.to_string())
        .collect();
        names.extend((0..300).map(|index| format!("setting{index}Enabled")));
        names
    }

    /// The derived type's table: the base's three properties, then the own names; with the
    /// base's table or without.
    fn own_table(base: Option<&'static NameTable>) -> NameTable {
        let names = own_names();
        let base_properties = ["id", "createdDateTime", "description"].map(Property::new);
        let own = names.iter().map(|name| Property::new(Box::leak(name.clone().into_boxed_str())));
        let properties: Vec<Property> = base_properties.into_iter().chain(own).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let slots = Box::leak(crate::name_table::name_table(&names).into_boxed_slice());
        NameTable { properties: Box::leak(properties.into_boxed_slice()), own_start: 3, slots, base }
    }

    #[test]
    fn an_own_name_is_found_at_its_index_after_the_base() {
        let table = own_table(Some(base_table()));
        for (position, name) in own_names().iter().enumerate() {
            assert_eq!(table.find(name.as_bytes()), Some(3 + position), "{name}");
        }
    }

    #[test]
    fn a_name_not_declared_here_is_the_bases_to_find() {
        let (with_base, without_base) = (own_table(Some(base_table())), own_table(None));
        for (index, name) in ["id", "createdDateTime", "description"].iter().enumerate() {
            assert_eq!(with_base.find(name.as_bytes()), Some(index), "{name}");
            assert_eq!(without_base.find(name.as_bytes()), None, "{name}: no base, no search there");
        }
        for name in ["", "displayNam", "displayNameX", "DisplayName", "setting300Enabled", "@odata.type"] {
            assert_eq!(with_base.find(name.as_bytes()), None, "{name}");
            assert_eq!(without_base.find(name.as_bytes()), None, "{name}");
        }
        assert_eq!(NameTable::EMPTY.find(b"id"), None);
    }

    #[test]
    fn a_type_without_own_properties_asks_its_base() {
        let base = base_table();
        assert!(crate::name_table::name_table(&[]).is_empty());
        let table = NameTable { properties: base.properties, own_start: 3, slots: &[], base: Some(base) };
        assert_eq!(table.find(b"description"), Some(2));
        assert_eq!(table.find(b"displayName"), None);
    }

    /// The compile-time check of a derived type's names: the first own name that the base's
    /// table (its own base's included) declares.
    #[test]
    fn a_name_of_the_base_or_its_base_is_redeclared() {
        let base = own_table(Some(base_table())).properties;
        let check = |own: &[&'static str]| {
            let all: Vec<Property> =
                base.iter().copied().chain(own.iter().map(|name| Property::new(name))).collect();
            redeclared(&all, base.len())
        };
        assert_eq!(check(&["new", "other"]), None);
        assert_eq!(check(&["new", "description", "displayName"]), Some(1));
        assert_eq!(check(&["setting299Enabled"]), Some(0));
        assert_eq!(check(&["setting300Enabled", "displayNamf", "id"]), Some(1));
        assert_eq!(check(&["displayNamg", "lastModifiedDateTimf", "id"]), Some(2));
        assert_eq!(check(&[]), None);
        assert_eq!(redeclared(&[Property::new("id")], 0), None);
        // Evaluated at compile time, as the derives use it.
        const DERIVED: [Property; 4] = [
            Property::new("id"),
            Property::new("displayName"),
            Property::new("name"),
            Property::new("displayName"),
        ];
        const FOUND: Option<usize> = redeclared(&DERIVED, 2);
        assert_eq!(FOUND, Some(1));
    }

    /// The search stops at an empty slot: each name has one slot, and a third of them stay
    /// empty however many names there are.
    #[test]
    fn a_table_holds_each_name_once_and_keeps_a_third_empty() {
        for count in [1, 2, 3, 7, 8, 100, 311] {
            let names: Vec<String> = (0..count).map(|index| format!("p{index}")).collect();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let table = crate::name_table::name_table(&names);
            let slots = crate::name_table::slot_count(&table);
            assert_eq!(table.len(), slots * crate::name_table::SLOT_BYTES);
            assert!(slots.is_power_of_two(), "{count} names: {slots} slots");
            let mut held: Vec<usize> = (0..slots)
                .map(|slot| crate::name_table::held_at(&table, slot))
                .filter(|&held| held != 0)
                .collect();
            held.sort_unstable();
            assert_eq!(held, (1..=count).collect::<Vec<usize>>(), "{count} names");
            assert!(slots - held.len() >= slots / 3, "{count} names: {slots} slots");
        }
    }

    #[test]
    fn names_are_the_same_only_byte_for_byte() {
        for (a, b, same) in [
            ("", "", true),
            ("a", "a", true),
            ("a", "b", false),
            ("displayName", "displayName", true),
            ("displayName", "displayNamf", false),
            ("displayName", "eisplayName", false),
            ("displayNames", "displayName", false),
            ("lastModifiedDateTime", "lastModifiedDateTime", true),
            ("lastModifiedDateTime", "lastModifiedDateTimf", false),
            ("lastModifiedDateTime", "lastModifiedDatdTime", false),
            ("12345678", "12345678", true),
            ("12345678", "12345679", false),
            ("1234567", "1234568", false),
        ] {
            assert_eq!(same_name(a.as_bytes(), b.as_bytes()), same, "{a:?} and {b:?}");
        }
    }
}
