//! What every writer and reader of the wire format shares: which properties a view writes,
//! the `@odata.type` annotation, and the errors that name a property.

use core::fmt;

use serde::de::{self, DeserializeSeed, Visitor};

/// What a serializer's `serialize` returns: the signatures the derives write are one path
/// each rather than two projections, since an entity crate writes thousands of them.
pub type SerializeResult<S> = Result<<S as serde::Serializer>::Ok, <S as serde::Serializer>::Error>;

/// What `Deserialize::deserialize` returns for a `T` read by `D`.
pub type DeserializeResult<'de, D, T> = Result<T, <D as serde::Deserializer<'de>>::Error>;

/// What reading one member of a JSON object through `A` returns.
pub type ReadResult<'de, A> = Result<(), <A as de::MapAccess<'de>>::Error>;

/// What writing members into the JSON object `M` returns.
pub type WriteResult<M> = Result<(), <M as serde::ser::SerializeMap>::Error>;

/// Which properties a serialization writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// Every set property: what the service sends.
    Full,
    /// No read-only property: the body of a POST.
    Create,
    /// Neither read-only properties nor the key: the body of a PATCH.
    Update,
}

impl View {
    /// Whether properties marked `read_only` are written.
    #[inline]
    pub fn writes_read_only(self) -> bool {
        matches!(self, View::Full)
    }

    /// Whether the key property is written.
    #[inline]
    pub fn writes_key(self) -> bool {
        !matches!(self, View::Update)
    }

    /// Whether this view writes `property` (when it is set).
    #[inline]
    pub fn writes(self, property: &crate::Property) -> bool {
        if property.read_only || property.navigation {
            self.writes_read_only()
        } else {
            !property.key || self.writes_key()
        }
    }
}

/// One property as [`write_property`] writes it: the value of an entity's property, or a
/// patch's change.
#[doc(hidden)]
pub enum Entry<'a, T: ?Sized> {
    /// Not written: an unset optional property, an unchanged one, or one the view leaves out.
    Absent,
    /// Written as `null`: a patch that clears the property.
    Null,
    /// Written with this value.
    Value(&'a T),
}

/// What a generated writer holds of a property whose value is a `T`: the value itself (a
/// required property), an `Option<T>` (an optional one, written when set) or a
/// [`Change<T>`](crate::Change) (a patch's). The writer hands the member to [`write_property`]
/// as it is: converting it there, rather than with a call of its own in the generated code,
/// saves one call per property of every writer of an entity crate. Generated code never names
/// this trait, so a `crate = "..."` path that does not resolve gets no suggestion through it.
#[doc(hidden)]
pub trait AsEntry<T: ?Sized> {
    /// The entry to write.
    fn as_entry(&self) -> Entry<'_, T>;
}

/// A required property: always written.
impl<T: ?Sized> AsEntry<T> for T {
    #[inline]
    fn as_entry(&self) -> Entry<'_, T> {
        Entry::Value(self)
    }
}

/// An optional property: written when set.
impl<T> AsEntry<T> for Option<T> {
    #[inline]
    fn as_entry(&self) -> Entry<'_, T> {
        match self {
            Some(value) => Entry::Value(value),
            None => Entry::Absent,
        }
    }
}

/// A patch's change of a property.
impl<T> AsEntry<T> for crate::Change<T> {
    #[inline]
    fn as_entry(&self) -> Entry<'_, T> {
        match self {
            crate::Change::Set(value) => Entry::Value(value),
            crate::Change::Null => Entry::Null,
            crate::Change::Unchanged => Entry::Absent,
        }
    }
}

/// A generated writer's map and the first error writing into it: one value that each
/// [`write_property`] call borrows, where two borrows per property (the error and the map)
/// cost the borrow checker more in every writer of an entity crate.
#[doc(hidden)]
pub struct Writer<'a, M: serde::ser::SerializeMap> {
    object: &'a mut M,
    /// The first error, which the writer returns after its last property.
    pub written: Result<(), M::Error>,
}

impl<'a, M: serde::ser::SerializeMap> Writer<'a, M> {
    /// A writer into `object`, nothing written yet.
    #[inline]
    pub fn new(object: &'a mut M) -> Self {
        Writer { object, written: Ok(()) }
    }
}

/// Writes one property of a generated writer, unless an earlier one failed (`written` then
/// holds its error) or the view leaves it out (`included` is false).
///
/// Each generated writer calls this once per property instead of `serialize_entry(..)?`: the
/// `?` is a match, a `Try` call and a `From` conversion of the serializer's error, which rustc
/// type-checks, borrow-checks and keeps in the crate's metadata once per property of every type
/// of an entity crate. Its bound `T: Serialize` is the one a field of the wrong type fails,
/// at the span of the value type that the generated call names. `member` is the field as the
/// writer holds it: the value, an `Option` of it or a `Change` of it (see [`AsEntry`]).
#[doc(hidden)]
#[inline]
pub fn write_property<T: ?Sized + serde::Serialize, M: serde::ser::SerializeMap>(
    writer: &mut Writer<'_, M>,
    name: &'static str,
    included: bool,
    member: &(impl AsEntry<T> + ?Sized),
) {
    if included && writer.written.is_ok() {
        // The key and the value apart: `serialize_entry` would be one more function per value
        // type, where `serialize_key` of a `str` is one per map.
        writer.written = match member.as_entry() {
            Entry::Absent => Ok(()),
            Entry::Null => writer.object.serialize_entry(name, &()),
            Entry::Value(value) => match writer.object.serialize_key(name) {
                Ok(()) => writer.object.serialize_value(value),
                Err(error) => Err(error),
            },
        };
    }
}

/// The `@odata.type` annotation's name on the wire.
pub const TYPE_ANNOTATION: &str = "@odata.type";

/// Reads an `@odata.type` value and checks that it names `expected` (with or without `#`).
#[derive(Clone, Copy)]
pub struct TypeAnnotationSeed {
    /// The qualified name of the type being read.
    pub expected: &'static str,
}

impl<'de> DeserializeSeed<'de> for TypeAnnotationSeed {
    type Value = ();

    // As bytes: the name is compared with the expected one, whose bytes are UTF-8, so that
    // serde_json need not check the value's UTF-8 first. A mismatch is checked for the error.
    #[inline]
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_bytes(self)
    }
}

impl Visitor<'_> for TypeAnnotationSeed {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the type name `{}` as a string", self.expected)
    }

    #[inline]
    fn visit_str<E: de::Error>(self, found: &str) -> Result<(), E> {
        self.visit_bytes(found.as_bytes())
    }

    #[inline]
    fn visit_bytes<E: de::Error>(self, found: &[u8]) -> Result<(), E> {
        if found.strip_prefix(b"#").unwrap_or(found) == self.expected.as_bytes() {
            Ok(())
        } else {
            Err(wrong_type_annotation(found, self.expected))
        }
    }
}

#[cold]
fn wrong_type_annotation<E: de::Error>(found: &[u8], expected: &str) -> E {
    match core::str::from_utf8(found) {
        Ok(found) => E::custom(format_args!("`@odata.type` is `{found}`, expected `{expected}`")),
        Err(_) => E::custom(format_args!("`@odata.type` is not UTF-8, expected `{expected}`")),
    }
}

/// Adds the property's wire name to an error that reading its value returned.
#[cold]
pub fn in_property<E: de::Error>(property: &str, error: E) -> E {
    E::custom(format_args!("property `{property}`: {error}"))
}

/// The error for a required property that the object lacks.
#[cold]
pub fn missing_property<E: de::Error>(property: &str, type_name: &str) -> E {
    E::custom(format_args!("missing property `{property}`, which `{type_name}` requires"))
}

/// The error for a property that the object names twice.
#[cold]
pub fn duplicate_property<E: de::Error>(property: &str) -> E {
    E::custom(format_args!("property `{property}` appears twice"))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::ser::{SerializeMap as _, Serializer as _};

    use super::*;
    use crate::Change;

    /// The map serializer of `serde_json::Value`.
    type JsonObjectWriter = <serde_json::value::Serializer as serde::Serializer>::SerializeMap;

    /// Writes `entries` into one JSON object through `write_property`: the first error, if
    /// any, and the object as written.
    fn write(
        entries: impl FnOnce(&mut Writer<'_, JsonObjectWriter>),
    ) -> (Result<(), String>, serde_json::Value) {
        let mut object = serde_json::value::Serializer.serialize_map(None).unwrap();
        let mut writer = Writer::new(&mut object);
        entries(&mut writer);
        let written = writer.written;
        (written.map_err(|error| error.to_string()), object.end().unwrap())
    }

    #[test]
    fn an_entry_is_written_as_its_value_null_or_not_at_all() {
        let (written, object) = write(|writer| {
            write_property::<i32, _>(writer, "set", true, &Some(1));
            write_property::<i32, _>(writer, "unset", true, &None::<i32>);
            write_property::<str, _>(writer, "required", true, "text");
            write_property::<i32, _>(writer, "cleared", true, &Change::<i32>::Null);
            write_property::<i32, _>(writer, "unchanged", true, &Change::<i32>::Unchanged);
            write_property::<i32, _>(writer, "changed", true, &Change::Set(2));
            write_property::<i32, _>(writer, "left out by the view", false, &3);
        });
        assert_eq!(written, Ok(()));
        assert_eq!(object, serde_json::json!({"set": 1, "required": "text", "cleared": null, "changed": 2}));
    }

    /// Reads `json` as the `@odata.type` of a `microsoft.graph.user`, from bytes as
    /// `serde_json::from_slice` reads it, and (when it is valid JSON) from a `Value` as a
    /// member buffered before the type was known is read: the error, or the same outcome.
    fn read_type_annotation(json: &[u8]) -> Result<(), String> {
        let seed = TypeAnnotationSeed { expected: "microsoft.graph.user" };
        let from_bytes = seed.deserialize(&mut serde_json::Deserializer::from_slice(json));
        if let Ok(value) = serde_json::from_slice::<serde_json::Value>(json) {
            let from_value = seed.deserialize(value);
            assert_eq!(from_value.is_ok(), from_bytes.is_ok(), "{from_value:?} {from_bytes:?}");
            if let (Err(from_value), Err(from_bytes)) = (from_value, &from_bytes) {
                // serde_json adds the position to the error from bytes.
                assert!(
                    from_bytes.to_string().starts_with(&from_value.to_string()),
                    "{from_value} {from_bytes}"
                );
            }
        }
        from_bytes.map_err(|error| error.to_string())
    }

    #[test]
    fn the_type_annotation_is_compared_as_written_with_or_without_its_hash() {
        assert_eq!(read_type_annotation(br##""#microsoft.graph.user""##), Ok(()));
        assert_eq!(read_type_annotation(br##""microsoft.graph.user""##), Ok(()));
        // An escape is read as the character it stands for.
        assert_eq!(read_type_annotation(br##""\u0023microsoft.graph.user""##), Ok(()));
        for (json, found) in [
            (&br##""#microsoft.graph.group""##[..], "#microsoft.graph.group"),
            (br##""#microsoft.graph.userX""##, "#microsoft.graph.userX"),
            (b"\"##microsoft.graph.user\"", "##microsoft.graph.user"),
        ] {
            let error = read_type_annotation(json).unwrap_err();
            let expected = format!("`@odata.type` is `{found}`, expected `microsoft.graph.user` at line 1");
            assert!(error.starts_with(&expected), "{error}");
        }
    }

    #[test]
    fn a_type_annotation_that_is_not_utf8_or_not_a_string_is_refused() {
        let error = read_type_annotation(b"\"#microsoft.graph.\xff\"").unwrap_err();
        assert!(error.starts_with("`@odata.type` is not UTF-8, expected `microsoft.graph.user`"), "{error}");
        for json in [&b"12"[..], b"[35, 109]", b"{}", b"null"] {
            let error = read_type_annotation(json).unwrap_err();
            assert!(error.contains("expected the type name `microsoft.graph.user` as a string"), "{error}");
        }
    }

    #[test]
    fn nothing_is_written_after_a_property_fails() {
        // serde_json cannot write a map whose keys are not strings.
        let unwritable = BTreeMap::from([((1, 2), 3)]);
        let (written, object) = write(|writer| {
            write_property::<i32, _>(writer, "before", true, &1);
            write_property::<BTreeMap<(i32, i32), i32>, _>(writer, "unwritable", true, &unwritable);
            write_property::<i32, _>(writer, "after", true, &2);
        });
        let error = written.unwrap_err();
        assert!(error.contains("key must be a string"), "{error}");
        assert_eq!(object, serde_json::json!({"before": 1}));
    }
}
