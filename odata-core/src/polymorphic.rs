//! Reading a value whose type is told by `@odata.type`: an enum derived with
//! `ODataResource` or `ODataComplex` whose newtype variants hold the derived types.
//!
//! When `@odata.type` is the first member (as Graph writes it), the variant is known before
//! any property and the object streams straight into it. When it comes later, the members
//! before it are buffered as their JSON text (`buffered.rs`) and read again as the variant.

use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, DeserializeSeed, MapAccess, Visitor};
use serde_json::Value;

use crate::buffered::{buffer_rest, buffer_value, read_written_back, BufferedMembers};
use crate::structured::{same_name, Hierarchy};
use crate::wire::TYPE_ANNOTATION;
use crate::{KeyStyle, ODataKey, Property, RawObject};

/// An enum over the types of a hierarchy, told apart by `@odata.type`.
pub trait Polymorphic: Sized {
    /// The qualified name of the hierarchy's base type.
    const BASE_TYPE: &'static str;

    /// The qualified type name of each variant that holds a declared type, in order.
    const TYPE_NAMES: &'static [&'static str];

    /// Reads the members that `map` has left as the variant at `index`. `hierarchy` is
    /// [`VARIANT_PROPERTIES`](Self::VARIANT_PROPERTIES), passed in by the runtime so that the
    /// generated code names it nowhere.
    fn read_variant<'de, A: MapAccess<'de>>(
        index: usize,
        hierarchy: Hierarchy,
        map: &mut A,
    ) -> Result<Self, A::Error>;

    /// Each variant's qualified type name with all its properties (its base's included), in
    /// the order of [`TYPE_NAMES`](Self::TYPE_NAMES): data that one runtime function walks to
    /// name the type declaring a property found on another type, so that no function per
    /// hierarchy is compiled for it.
    const VARIANT_PROPERTIES: Hierarchy;

    /// Whether an `#[odata(other)]` variant keeps values of unknown types.
    const HAS_OTHER: bool;

    /// The `#[odata(other)]` variant holding `raw`; `None` when there is none.
    fn other(raw: RawObject) -> Option<Self>;
}

/// Reads a polymorphic enum: its `Deserialize` hands [`NEW`](Self::NEW) to `deserialize_map`
/// itself, as a struct's does with `StructuredVisitor`.
#[doc(hidden)]
pub struct PolymorphicVisitor<T>(PhantomData<T>);

impl<T> PolymorphicVisitor<T> {
    /// The visitor.
    pub const NEW: Self = PolymorphicVisitor(PhantomData);
}

impl<'de, T: Polymorphic> Visitor<'de> for PolymorphicVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a JSON object of type `{}` or a type derived from it", T::BASE_TYPE)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut buffered = Vec::new();
        while let Some(name) = map.next_key_seed(NameUnlessTypeAnnotation)? {
            match name {
                Some(name) => buffered.push((name, buffer_value(&mut map)?)),
                None => {
                    return match map.next_value_seed(VariantSeed::<T>(PhantomData))? {
                        Ok(index) if buffered.is_empty() => {
                            T::read_variant(index, T::VARIANT_PROPERTIES, &mut map)
                        }
                        Ok(index) => read_late::<T, A>(index, buffered, map),
                        Err(type_name) => read_unknown::<T, A>(type_name, buffered, map),
                    };
                }
            }
        }
        match T::TYPE_NAMES.iter().position(|name| *name == T::BASE_TYPE) {
            Some(base) => read_written_back_as::<T>(base, &buffered).map_err(de::Error::custom),
            None if T::HAS_OTHER => match RawObject::from_texts(buffered) {
                Ok(raw) => T::other(raw).ok_or_else(|| de::Error::custom("no `other` variant")),
                Err(error) => Err(de::Error::custom(error)),
            },
            None => Err(de::Error::custom(format_args!(
                "missing `@odata.type`: a `{}` value needs it to tell which of {} it is",
                T::BASE_TYPE,
                names(T::TYPE_NAMES)
            ))),
        }
    }
}

/// The variant at `index`, named by an `@odata.type` that came after other members
/// (`buffered`): the members after it join them, and the whole object is read again from its
/// text ([`read_written_back_as`]). Services write `@odata.type` first, so only this rare path
/// reads twice, and it is generic over the enum, not over each variant.
#[cold]
fn read_late<'de, T: Polymorphic, A: MapAccess<'de>>(
    index: usize,
    mut buffered: BufferedMembers,
    mut map: A,
) -> Result<T, A::Error> {
    match buffer_rest(&mut buffered, &mut map) {
        Ok(()) => read_written_back_as::<T>(index, &buffered).map_err(de::Error::custom),
        Err(error) => Err(error),
    }
}

/// A type that no variant declares: kept whole in the `other` variant, or an error naming it.
fn read_unknown<'de, T: Polymorphic, A: MapAccess<'de>>(
    annotation: String,
    buffered: BufferedMembers,
    mut map: A,
) -> Result<T, A::Error> {
    if !T::HAS_OTHER {
        return Err(de::Error::custom(format_args!(
            "unknown `@odata.type` `{annotation}` for a `{}`: expected one of {}",
            T::BASE_TYPE,
            names(T::TYPE_NAMES)
        )));
    }
    let mut raw = match RawObject::from_texts(buffered) {
        Ok(raw) => raw,
        Err(error) => return Err(de::Error::custom(error)),
    };
    while let Some(name) = map.next_key::<String>()? {
        // A second `@odata.type` may repeat the first, never contradict it: the object is
        // kept as the type it was dispatched on.
        if name == TYPE_ANNOTATION {
            let value = map.next_value::<Value>()?;
            if value.as_str() != Some(annotation.as_str()) {
                return Err(de::Error::custom(format_args!(
                    "`@odata.type` is given twice, as `{annotation}` and as {value}"
                )));
            }
            continue;
        }
        let text = buffer_value(&mut map)?;
        raw.insert_text(name, &text).map_err(de::Error::custom)?;
    }
    raw.members_mut().insert(TYPE_ANNOTATION.to_owned(), Value::String(annotation));
    T::other(raw).ok_or_else(|| de::Error::custom("no `other` variant"))
}

fn names(type_names: &[&str]) -> String {
    let quoted: Vec<String> = type_names.iter().map(|name| format!("`{name}`")).collect();
    quoted.join(", ")
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

/// The variant an `@odata.type` value names, or the unknown annotation as it was written.
struct VariantSeed<T>(PhantomData<T>);

impl<'de, T: Polymorphic> DeserializeSeed<'de> for VariantSeed<T> {
    type Value = Result<usize, String>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<T: Polymorphic> Visitor<'_> for VariantSeed<T> {
    type Value = Result<usize, String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a type name as a string")
    }

    fn visit_str<E: de::Error>(self, annotation: &str) -> Result<Self::Value, E> {
        let name = annotation.strip_prefix('#').unwrap_or(annotation);
        Ok(T::TYPE_NAMES.iter().position(|known| *known == name).ok_or_else(|| annotation.to_owned()))
    }
}

/// The variant at `index`, read from the buffered members of a whole object: after a late
/// `@odata.type`, or the base variant when the object ended without one. Read from the members
/// written back as text with serde_json's reader of text, the reader of `serde_json::from_str`:
/// a program reading with it compiles the variants' reading code once, not once more for a map
/// access of its own (a program reading bytes, as the client does, compiles it twice). The
/// members keep their order and repeats, for the variant's reader to refuse a member given
/// twice.
fn read_written_back_as<T: Polymorphic>(
    index: usize,
    buffered: &BufferedMembers,
) -> Result<T, serde_json::Error> {
    read_written_back(buffered, VariantVisitor { index, variant: PhantomData::<T> })
}

/// Reads the variant at `index` from the map it visits.
struct VariantVisitor<T> {
    index: usize,
    variant: PhantomData<T>,
}

impl<'de, T: Polymorphic> Visitor<'de> for VariantVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the members of a `{}` object", T::BASE_TYPE)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        T::read_variant(self.index, T::VARIANT_PROPERTIES, &mut map)
    }
}

/// The properties of the variant whose type is `type_name` (the hierarchy's base), or none:
/// the `PROPERTIES` of a polymorphic enum.
pub const fn properties_of_type(type_name: &str, variants: Hierarchy) -> &'static [Property] {
    let mut index = 0;
    while index < variants.len() {
        if same_name(variants[index].0.as_bytes(), type_name.as_bytes()) {
            return variants[index].1;
        }
        index += 1;
    }
    &[]
}

/// Appends the key of an object of unknown type, when its key member is a string or an
/// integer; `false` otherwise.
pub fn append_raw_key(raw: &RawObject, key: &str, path: &mut String, style: KeyStyle) -> bool {
    match raw.members().get(key) {
        Some(Value::String(text)) => {
            text.as_str().append_key(path, style);
            true
        }
        Some(Value::Number(number)) => match number.as_i64() {
            Some(number) => {
                number.append_key(path, style);
                true
            }
            None => false,
        },
        _ => false,
    }
}

/// What an `#[odata(other)]` variant can hold: a [`RawObject`].
#[diagnostic::on_unimplemented(
    message = "an `#[odata(other)]` variant holds an `odata::RawObject`, not `{Self}`",
    label = "write `odata::RawObject` here",
    note = "the `other` variant keeps a value of a type no other variant declares as its raw JSON object"
)]
pub trait OtherVariant: Sized {
    /// The variant's value for an object of an unknown type.
    fn from_raw(raw: RawObject) -> Self;

    /// The object, to write back or to take the key from.
    fn raw(&self) -> &RawObject;
}

impl OtherVariant for RawObject {
    fn from_raw(raw: RawObject) -> Self {
        raw
    }

    fn raw(&self) -> &RawObject {
        self
    }
}
