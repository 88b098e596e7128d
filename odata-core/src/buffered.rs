//! The members of an object read before its `@odata.type`, kept as their JSON text until the
//! type is known, then read again from that text.
//!
//! A member's value is kept as the text the document holds (serde_json's [`RawValue`]), not as
//! a [`Value`]: a `Value` holds a number as an `f64`, so an `Edm.Decimal` of more than 17
//! digits would come back shorter, silently. Only a deserializer that is not serde_json's
//! (serde's buffering of an untagged enum, another format) goes through a `Value`, as it
//! cannot hand out text.

use core::fmt;

use serde::de::{self, Deserialize, DeserializeSeed, MapAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::Value;

/// The members read before `@odata.type`, in order, repeats included: each name with the
/// JSON text of its value.
pub(crate) type BufferedMembers = Vec<(String, Box<RawValue>)>;

/// Reads the value of the member `map` is at, as its JSON text.
pub(crate) fn buffer_value<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Box<RawValue>, A::Error> {
    map.next_value_seed(ValueText)
}

/// Buffers the members that `map` has left, after those before `@odata.type`.
pub(crate) fn buffer_rest<'de, A: MapAccess<'de>>(
    members: &mut BufferedMembers,
    map: &mut A,
) -> Result<(), A::Error> {
    while let Some(name) = map.next_key::<String>()? {
        let value = buffer_value(map)?;
        members.push((name, value));
    }
    Ok(())
}

/// What `visitor` reads from `members` written back as the text of one object, with serde_json's
/// reader of text. An error loses the position in that text ([`without_position`]).
pub(crate) fn read_written_back<T, V>(
    members: &[(String, Box<RawValue>)],
    visitor: V,
) -> Result<T, serde_json::Error>
where
    V: for<'de> Visitor<'de, Value = T>,
{
    let text = object_text(members);
    let mut reader = serde_json::Deserializer::from_str(&text);
    match de::Deserializer::deserialize_map(&mut reader, visitor) {
        Ok(value) => Ok(value),
        Err(error) => Err(without_position(error)),
    }
}

/// The JSON text of an object with these members, in order, repeated names included.
fn object_text(members: &[(String, Box<RawValue>)]) -> String {
    use fmt::Write;
    let mut text = String::from("{");
    for (index, (name, value)) in members.iter().enumerate() {
        let separator = if index == 0 { "" } else { "," };
        // `Value`'s `Display` writes a string escaped as JSON; writing to a `String` cannot fail.
        let _ = write!(text, "{separator}{}:{}", Value::from(name.as_str()), value.get());
    }
    text.push('}');
    text
}

/// `error` without the line and column of the text that [`object_text`] wrote: the reader of
/// the whole document adds its own.
fn without_position(error: serde_json::Error) -> serde_json::Error {
    let message = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    de::Error::custom(message.strip_suffix(&position).unwrap_or(&message))
}

/// A value as its JSON text: serde_json's own text, or the text of a [`Value`] read from any
/// other deserializer.
struct ValueText;

impl<'de> DeserializeSeed<'de> for ValueText {
    type Value = Box<RawValue>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Box<RawValue>, D::Error> {
        // `RawValue` asks for itself as a newtype struct of a name that serde_json's
        // deserializers answer with the text. Any other deserializer hands the newtype's
        // content to `ValueInstead`, which reads it as a `Value` and stops `RawValue`'s read.
        let mut instead = None;
        match Box::<RawValue>::deserialize(RawOrValue { deserializer, instead: &mut instead }) {
            Ok(text) => Ok(text),
            Err(error) => match instead {
                Some(value) => serde_json::value::to_raw_value(&value).map_err(de::Error::custom),
                None => Err(error),
            },
        }
    }
}

/// Passes `RawValue`'s request on to `deserializer`, its answer to [`ValueInstead`].
struct RawOrValue<'a, D> {
    deserializer: D,
    instead: &'a mut Option<Value>,
}

impl<'de, D: de::Deserializer<'de>> de::Deserializer<'de> for RawOrValue<'_, D> {
    type Error = D::Error;

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.deserializer.deserialize_newtype_struct(name, ValueInstead { visitor, instead: self.instead })
    }

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.deserializer.deserialize_any(visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

/// `RawValue`'s visitor, given serde_json's text as serde_json gives it (a map); the content of
/// another deserializer's newtype is read as a [`Value`] into `instead`.
struct ValueInstead<'a, V> {
    visitor: V,
    instead: &'a mut Option<Value>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for ValueInstead<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_map(map)
    }

    fn visit_newtype_struct<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        keep(self.instead, Value::deserialize(deserializer)?)
    }

    // A deserializer of values (serde's `IntoDeserializer` types) gives a newtype's content
    // itself. An object comes as a map, which is serde_json's answer too: it goes to `RawValue`.
    fn visit_bool<E: de::Error>(self, value: bool) -> Result<V::Value, E> {
        keep(self.instead, Value::Bool(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<V::Value, E> {
        keep(self.instead, Value::from(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<V::Value, E> {
        keep(self.instead, Value::from(value))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<V::Value, E> {
        keep(self.instead, Value::from(value))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<V::Value, E> {
        keep(self.instead, Value::from(value))
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        keep(self.instead, Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        keep(self.instead, Value::Null)
    }

    fn visit_some<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        keep(self.instead, Value::deserialize(deserializer)?)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        keep(self.instead, Value::deserialize(de::value::SeqAccessDeserializer::new(seq))?)
    }
}

/// Keeps `value` in `instead` and stops `RawValue`'s read, which [`ValueText`] then answers
/// with the value's text.
fn keep<T, E: de::Error>(instead: &mut Option<Value>, value: Value) -> Result<T, E> {
    *instead = Some(value);
    Err(E::custom("read as a `Value`"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::IntoDeserializer;

    fn members(pairs: &[(&str, &str)]) -> BufferedMembers {
        pairs
            .iter()
            .map(|(name, text)| ((*name).to_owned(), RawValue::from_string((*text).to_owned()).unwrap()))
            .collect()
    }

    #[test]
    fn buffered_members_are_written_back_in_order_with_repeats_and_escapes() {
        let members =
            members(&[("a", "1"), ("quote\"d", r#"{"x": [1.5, null, "s"]}"#), ("a", "18446744073709551615")]);
        assert_eq!(
            object_text(&members),
            r#"{"a":1,"quote\"d":{"x": [1.5, null, "s"]},"a":18446744073709551615}"#
        );
        assert_eq!(object_text(&[]), "{}");
    }

    #[test]
    fn an_error_read_from_written_back_members_loses_only_its_position() {
        let error = serde_json::from_str::<u8>("300").unwrap_err();
        assert!(error.to_string().ends_with(" at line 1 column 3"), "{error}");
        let bare = without_position(error);
        assert_eq!(bare.to_string(), "invalid value: integer `300`, expected u8");
        assert_eq!(without_position(bare).to_string(), "invalid value: integer `300`, expected u8");
    }

    #[test]
    fn a_value_is_kept_as_the_text_of_the_document() {
        let digits = "1234567890.123456789012345";
        let read = |text: &str| ValueText.deserialize(&mut serde_json::Deserializer::from_str(text)).unwrap();
        assert_eq!(read(digits).get(), digits);
        assert_eq!(read(r#"{"a" : [1.50, "x"]}"#).get(), r#"{"a" : [1.50, "x"]}"#);
        let from_bytes =
            ValueText.deserialize(&mut serde_json::Deserializer::from_slice(digits.as_bytes())).unwrap();
        assert_eq!(from_bytes.get(), digits);
    }

    #[test]
    fn another_deserializer_gives_the_text_of_its_value() {
        let value = serde_json::json!({"a": [1.5, null, "s"], "b": true});
        // A `Value` answers as serde_json does, with its own text.
        assert_eq!(ValueText.deserialize(value).unwrap().get(), r#"{"a":[1.5,null,"s"],"b":true}"#);
        // A deserializer that gives a newtype's content, as serde's buffering does.
        assert_eq!(ValueText.deserialize(Newtype("a \"word\"")).unwrap().get(), r#""a \"word\"""#);
        assert_eq!(ValueText.deserialize(Newtype(7u64)).unwrap().get(), "7");
        // And one that gives the content itself, as serde's own deserializers of values do.
        let number: de::value::U64Deserializer<de::value::Error> = 7u64.into_deserializer();
        assert_eq!(ValueText.deserialize(number).unwrap().get(), "7");
        let text: de::value::StrDeserializer<'_, de::value::Error> = "a".into_deserializer();
        assert_eq!(ValueText.deserialize(text).unwrap().get(), r#""a""#);
        let list: de::value::SeqDeserializer<_, de::value::Error> = vec![1i64, -2].into_deserializer();
        assert_eq!(ValueText.deserialize(list).unwrap().get(), "[1,-2]");
        let flag: de::value::BoolDeserializer<de::value::Error> = true.into_deserializer();
        assert_eq!(ValueText.deserialize(flag).unwrap().get(), "true");
    }

    /// A deserializer of a newtype around `T`'s deserializer.
    struct Newtype<T>(T);

    impl<'de, T: IntoDeserializer<'de, de::value::Error>> de::Deserializer<'de> for Newtype<T> {
        type Error = de::value::Error;

        fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
            visitor.visit_newtype_struct(self.0.into_deserializer())
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
            identifier ignored_any
        }
    }
}
