//! Reading a value whose type is told by `@odata.type`: an enum derived with
//! `ODataResource` or `ODataComplex` whose newtype variants hold the derived types.
//!
//! When `@odata.type` is the first member (as Graph writes it), the variant is known before
//! any property and the object streams straight into it. When it comes later, the members
//! before it are buffered as JSON values and replayed into the variant.

use core::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde_json::{Map, Value};

use crate::structured::{same_str, MemberKey, MemberKeySeed, MemberSource, Members, ReadSlot, Stop};
use crate::wire::TYPE_ANNOTATION;
use crate::{KeyStyle, ODataKey, Property, RawObject};

/// An enum over the types of a hierarchy, told apart by `@odata.type`.
pub trait Polymorphic: Sized {
    /// The qualified name of the hierarchy's base type.
    const BASE_TYPE: &'static str;

    /// The qualified type name of each variant that holds a declared type, in order.
    const TYPE_NAMES: &'static [&'static str];

    /// Reads the object as the variant at `index`: first the buffered members, then the
    /// rest of `source`.
    fn read_variant(
        index: usize,
        buffered: Vec<(String, Value)>,
        source: &mut dyn MemberSource<'_>,
    ) -> Result<Self, Stop>;

    /// The type of the hierarchy that declares the property `name`, if any variant does.
    fn declaring_type(name: &str) -> Option<&'static str>;

    /// Whether an `#[odata(other)]` variant keeps values of unknown types.
    const HAS_OTHER: bool;

    /// The `#[odata(other)]` variant holding `raw`; `None` when there is none.
    fn other(raw: RawObject) -> Option<Self>;
}

/// What the reading loop found: a variant to read the rest of the object into, or an object
/// of a type no variant declares.
enum Found<'s, 'de> {
    Variant { index: usize, buffered: Vec<(String, Value)>, source: &'s mut dyn MemberSource<'de> },
    Unknown(RawObject),
}

/// What the loop knows of a polymorphic type: data, the same for every value.
#[derive(Clone, Copy)]
struct Hierarchy {
    base_type: &'static str,
    type_names: &'static [&'static str],
    has_other: bool,
}

/// `Deserialize` of a polymorphic enum. Generic over the enum and the deserializer, but only
/// a call of the loop, which is compiled once per deserializer.
pub fn deserialize_polymorphic<'de, T: Polymorphic, D: de::Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    let mut value = None;
    let mut dispatch = |found: Found<'_, 'de>| -> Result<bool, Stop> {
        value = match found {
            Found::Variant { index, buffered, source } => Some(T::read_variant(index, buffered, source)?),
            Found::Unknown(raw) => T::other(raw),
        };
        Ok(value.is_some())
    };
    let hierarchy = Hierarchy { base_type: T::BASE_TYPE, type_names: T::TYPE_NAMES, has_other: T::HAS_OTHER };
    deserializer.deserialize_map(PolymorphicVisitor { hierarchy, dispatch: &mut dispatch })?;
    value.ok_or_else(|| de::Error::custom("no value was read"))
}

struct PolymorphicVisitor<'r, 'de> {
    hierarchy: Hierarchy,
    dispatch: &'r mut dyn FnMut(Found<'_, 'de>) -> Result<bool, Stop>,
}

impl<'de> Visitor<'de> for PolymorphicVisitor<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a JSON object of type `{}` or a type derived from it", self.hierarchy.base_type)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let mut members = Members::new(map);
        read_polymorphic(&mut members, self.hierarchy, self.dispatch).map_err(|stop| members.error(stop))
    }
}

fn read_polymorphic<'de>(
    source: &mut dyn MemberSource<'de>,
    hierarchy: Hierarchy,
    dispatch: &mut dyn FnMut(Found<'_, 'de>) -> Result<bool, Stop>,
) -> Result<(), Stop> {
    let mut buffered = Vec::new();
    while let Some((name, value)) = source.next_entry_unless_type_annotation()? {
        buffered.push((name, value));
    }
    match source.type_annotation_read() {
        Some(annotation) => {
            let name = annotation.strip_prefix('#').unwrap_or(&annotation);
            match hierarchy.type_names.iter().position(|known| *known == name) {
                Some(index) => dispatch(Found::Variant { index, buffered, source }).map(drop),
                None => read_unknown(source, hierarchy, dispatch, annotation, buffered),
            }
        }
        None => match hierarchy.type_names.iter().position(|name| *name == hierarchy.base_type) {
            Some(base) => {
                dispatch(Found::Variant { index: base, buffered, source: &mut NoMoreMembers }).map(drop)
            }
            None => {
                if dispatch(Found::Unknown(RawObject::new(buffered.into_iter().collect())))? {
                    Ok(())
                } else {
                    Err(source.fail(&format_args!(
                        "missing `@odata.type`: a `{}` value needs it to tell which of {} it is",
                        hierarchy.base_type,
                        names(hierarchy.type_names)
                    )))
                }
            }
        },
    }
}

/// A type that no variant declares: kept whole in the `other` variant, or an error naming it.
fn read_unknown<'de>(
    source: &mut dyn MemberSource<'de>,
    hierarchy: Hierarchy,
    dispatch: &mut dyn FnMut(Found<'_, 'de>) -> Result<bool, Stop>,
    annotation: String,
    buffered: Vec<(String, Value)>,
) -> Result<(), Stop> {
    if !hierarchy.has_other {
        return Err(source.fail(&format_args!(
            "unknown `@odata.type` `{annotation}` for a `{}`: expected one of {}",
            hierarchy.base_type,
            names(hierarchy.type_names)
        )));
    }
    let mut members: Map<String, Value> = buffered.into_iter().collect();
    while let Some((name, value)) = source.next_entry()? {
        // A second `@odata.type` may repeat the first, never contradict it: the object is
        // kept as the type it was dispatched on.
        if name == TYPE_ANNOTATION {
            if value.as_str() != Some(annotation.as_str()) {
                return Err(source
                    .fail(&format_args!("`@odata.type` is given twice, as `{annotation}` and as {value}")));
            }
            continue;
        }
        members.insert(name, value);
    }
    members.insert(TYPE_ANNOTATION.to_owned(), Value::String(annotation));
    if dispatch(Found::Unknown(RawObject::new(members)))? {
        Ok(())
    } else {
        Err(source.fail(&"no `other` variant"))
    }
}

fn names(type_names: &[&str]) -> String {
    let quoted: Vec<String> = type_names.iter().map(|name| format!("`{name}`")).collect();
    quoted.join(", ")
}

/// The members after the last one: none.
struct NoMoreMembers;

impl<'de> MemberSource<'de> for NoMoreMembers {
    fn next_key(&mut self, _: MemberKeySeed) -> Result<Option<MemberKey>, Stop> {
        Ok(None)
    }

    fn next_value_into(&mut self, _: &mut dyn ReadSlot<'de>, _: &str) -> Result<(), Stop> {
        Ok(())
    }

    fn next_json(&mut self) -> Result<Value, Stop> {
        Ok(Value::Null)
    }

    fn skip_value(&mut self) -> Result<(), Stop> {
        Ok(())
    }

    fn next_type_annotation(&mut self, _: &'static str) -> Result<(), Stop> {
        Ok(())
    }

    fn next_entry(&mut self) -> Result<Option<(String, Value)>, Stop> {
        Ok(None)
    }

    fn next_entry_unless_type_annotation(&mut self) -> Result<Option<(String, Value)>, Stop> {
        Ok(None)
    }

    fn type_annotation_read(&mut self) -> Option<String> {
        None
    }

    fn fail(&mut self, _: &dyn fmt::Display) -> Stop {
        Stop::new()
    }
}

/// The properties of the variant whose type is `type_name` (the hierarchy's base), or none:
/// the `PROPERTIES` of a polymorphic enum.
pub const fn properties_of_type(
    type_name: &str,
    variants: &[(&'static str, &'static [Property])],
) -> &'static [Property] {
    let mut index = 0;
    while index < variants.len() {
        if same_str(variants[index].0, type_name) {
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
