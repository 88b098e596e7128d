//! What a typed model does not declare, kept so that read -> modify -> write loses nothing:
//! undeclared properties (`#[odata(additional)]`), instance annotations
//! (`#[odata(annotations)]`), and whole objects of types this crate does not know
//! ([`RawObject`], for `#[odata(other)]` variants).

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::ops::ControlFlow;

use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::buffered::buffer_value;
use crate::wire::TYPE_ANNOTATION;

/// A map that can hold the properties a type does not declare: the type of a field marked
/// `#[odata(additional)]`. Implemented for `serde_json::Map<String, Value>`,
/// `BTreeMap<String, Value>` and `HashMap<String, Value>`.
///
/// ```
/// use odata::ODataResource;
/// use serde_json::{json, Map, Value};
///
/// #[derive(Debug, ODataResource)]
/// #[odata(type = "microsoft.graph.user", collection = "/users")]
/// pub struct User {
///     #[odata(key, read_only)]
///     pub id: Option<String>,
///     pub display_name: Option<String>,
///     #[odata(additional)]
///     pub additional: Map<String, Value>,
/// }
///
/// let user: User = serde_json::from_value(json!({
///     "id": "1", "displayName": "Adele", "employeeHireDate": "2021-01-01"
/// })).unwrap();
/// assert_eq!(user.additional["employeeHireDate"], "2021-01-01");
/// assert_eq!(serde_json::to_value(&user).unwrap()["employeeHireDate"], "2021-01-01");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot hold additional properties",
    label = "an `#[odata(additional)]` field needs a map of wire name to JSON value",
    note = "use `serde_json::Map<String, serde_json::Value>`, `BTreeMap<String, Value>` or `HashMap<String, Value>`"
)]
pub trait AdditionalProperties: Default {
    /// Keeps a property that was read.
    fn insert_property(&mut self, name: String, value: Value);

    /// The kept properties, to write back.
    fn properties(&self) -> impl Iterator<Item = (&str, &Value)>;

    /// This map, for the runtime's reading and writing loops. Generated code calls it by
    /// this trait's path, so that a field of another type is reported as not being one.
    #[doc(hidden)]
    #[inline]
    fn __kept(&self) -> &dyn KeptProperties {
        self
    }

    /// [`__kept`](Self::__kept), to insert into.
    #[doc(hidden)]
    #[inline]
    fn __kept_mut(&mut self) -> &mut dyn KeptProperties {
        self
    }
}

/// An [`AdditionalProperties`] map behind a reference that is not generic over its type, so
/// that the members a value keeps are reached by one function per type, not one per
/// serializer.
#[doc(hidden)]
pub trait KeptProperties {
    /// [`AdditionalProperties::insert_property`].
    fn insert(&mut self, name: String, value: Value);

    /// Calls `visit` with each kept property until it breaks.
    fn visit(&self, visit: &mut dyn FnMut(&str, &Value) -> ControlFlow<()>);
}

impl<T: AdditionalProperties> KeptProperties for T {
    fn insert(&mut self, name: String, value: Value) {
        self.insert_property(name, value);
    }

    fn visit(&self, visit: &mut dyn FnMut(&str, &Value) -> ControlFlow<()>) {
        for (name, value) in self.properties() {
            if visit(name, value).is_break() {
                return;
            }
        }
    }
}

/// What a value keeps of the members its type does not declare, wherever the value holds
/// them (its own fields or its base's): the derives' `ODataType::__kept`.
#[doc(hidden)]
#[derive(Clone, Copy, Default)]
pub struct Kept<'a> {
    /// The `#[odata(additional)]` map.
    pub properties: Option<&'a dyn KeptProperties>,
    /// The `#[odata(annotations)]` field.
    pub annotations: Option<&'a Annotations>,
}

/// Where a builder keeps the members its type does not declare: the derives'
/// `Structured::kept_in`.
#[doc(hidden)]
#[derive(Default)]
pub struct KeptMut<'a> {
    /// The `#[odata(additional)]` map.
    pub properties: Option<&'a mut dyn KeptProperties>,
    /// The `#[odata(annotations)]` field.
    pub annotations: Option<&'a mut Annotations>,
}

impl AdditionalProperties for Map<String, Value> {
    fn insert_property(&mut self, name: String, value: Value) {
        self.insert(name, value);
    }

    fn properties(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.iter().map(|(name, value)| (name.as_str(), value))
    }
}

impl<S: std::hash::BuildHasher + Default> AdditionalProperties for HashMap<String, Value, S> {
    fn insert_property(&mut self, name: String, value: Value) {
        self.insert(name, value);
    }

    fn properties(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.iter().map(|(name, value)| (name.as_str(), value))
    }
}

impl AdditionalProperties for BTreeMap<String, Value> {
    fn insert_property(&mut self, name: String, value: Value) {
        self.insert(name, value);
    }

    fn properties(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.iter().map(|(name, value)| (name.as_str(), value))
    }
}

/// The instance annotations of an object (`@odata.etag`, `@odata.context`, `@odata.id`,
/// `displayName@odata.type`, `@contoso.custom`, ...), other than `@odata.type`, by their
/// full names: the type of a field marked `#[odata(annotations)]`.
///
/// They are written back in the full form only: create and update payloads carry no
/// annotation but `@odata.type`. [`etag`](Self::etag) is sent as `If-Match` by
/// [`Service::update`](crate::Service::update) and
/// [`Service::delete_entity`](crate::Service::delete_entity).
///
/// ```
/// use odata::Annotations;
///
/// let mut annotations = Annotations::default();
/// annotations.insert("@odata.etag", "W/\"1\"".into());
/// assert_eq!(annotations.etag(), Some("W/\"1\""));
/// assert_eq!(annotations.context(), None);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Annotations {
    by_name: Map<String, Value>,
}

impl Annotations {
    /// The annotation with this full name, such as `@odata.etag` or `displayName@odata.type`.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.by_name.get(name)
    }

    /// Sets an annotation by its full name.
    pub fn insert(&mut self, name: impl Into<String>, value: Value) -> Option<Value> {
        self.by_name.insert(name.into(), value)
    }

    /// Removes an annotation by its full name.
    pub fn remove(&mut self, name: &str) -> Option<Value> {
        self.by_name.remove(name)
    }

    /// Every annotation, by full name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.by_name.iter().map(|(name, value)| (name.as_str(), value))
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }

    /// `@odata.etag`: the version the entity was read at.
    pub fn etag(&self) -> Option<&str> {
        self.text("@odata.etag")
    }

    /// `@odata.context`: the context URL of the answer.
    pub fn context(&self) -> Option<&str> {
        self.text("@odata.context")
    }

    /// `@odata.id`: the entity's id URL.
    pub fn id(&self) -> Option<&str> {
        self.text("@odata.id")
    }

    /// `@odata.editLink`: where to send changes, when not the canonical URL.
    pub fn edit_link(&self) -> Option<&str> {
        self.text("@odata.editLink")
    }

    fn text(&self, name: &str) -> Option<&str> {
        self.by_name.get(name).and_then(Value::as_str)
    }
}

/// A JSON object of a type that the model does not know, kept whole: the value of an
/// `#[odata(other)]` variant. Writes back every member, with `@odata.type` first.
///
/// A number is written back with the digits it was read with, even one that a
/// [`Value`] cannot hold (an `Edm.Decimal` of more than 17 digits): such a member keeps the
/// text it was read from, which is written back as long as its value is not changed through
/// [`members_mut`](Self::members_mut). Two raw objects are equal when their members are and
/// such members have the same text.
///
/// ```
/// use odata::RawObject;
///
/// let raw: RawObject = serde_json::from_str(
///     r##"{"id": "1", "@odata.type": "#microsoft.graph.futureConfiguration", "x": [1]}"##,
/// ).unwrap();
/// assert_eq!(raw.type_name(), Some("microsoft.graph.futureConfiguration"));
/// assert_eq!(
///     serde_json::to_string(&raw).unwrap(),
///     r##"{"@odata.type":"#microsoft.graph.futureConfiguration","id":"1","x":[1]}"##
/// );
///
/// let priced: RawObject = serde_json::from_str(r#"{"price": 1234567890.123456789012345}"#).unwrap();
/// assert_eq!(serde_json::to_string(&priced).unwrap(), r#"{"price":1234567890.123456789012345}"#);
/// ```
#[derive(Debug, Clone, Default)]
pub struct RawObject {
    members: Map<String, Value>,
    /// The text of each member whose value holds a number that a `Value` may hold with fewer
    /// digits, by name, without the whitespace between tokens.
    long_numbers: BTreeMap<String, Box<RawValue>>,
}

impl RawObject {
    /// An object with these members.
    pub fn new(members: Map<String, Value>) -> Self {
        RawObject { members, long_numbers: BTreeMap::new() }
    }

    /// An object of members read as their JSON text, a later member of a name given twice in
    /// place of the earlier.
    pub(crate) fn from_texts(
        texts: impl IntoIterator<Item = (String, Box<RawValue>)>,
    ) -> Result<Self, serde_json::Error> {
        let mut raw = RawObject::default();
        for (name, text) in texts {
            raw.insert_text(name, &text)?;
        }
        Ok(raw)
    }

    /// Sets a member from its JSON text.
    pub(crate) fn insert_text(&mut self, name: String, text: &RawValue) -> Result<(), serde_json::Error> {
        let value = serde_json::from_str(text.get())?;
        // Only a number read as a double may have lost digits: most values hold none, and
        // looking through the value costs less than looking through its text.
        let long_numbers = if holds_double(&value) { compact_if_long_numbers(text.get()) } else { None };
        match long_numbers {
            Some(compact) => self.long_numbers.insert(name.clone(), RawValue::from_string(compact)?),
            None => self.long_numbers.remove(&name),
        };
        self.members.insert(name, value);
        Ok(())
    }

    /// The qualified type name its `@odata.type` names, without `#`.
    pub fn type_name(&self) -> Option<&str> {
        let annotation = self.members.get(TYPE_ANNOTATION)?.as_str()?;
        Some(annotation.strip_prefix('#').unwrap_or(annotation))
    }

    /// Every member, `@odata.type` included.
    pub fn members(&self) -> &Map<String, Value> {
        &self.members
    }

    /// Every member, to change.
    pub fn members_mut(&mut self) -> &mut Map<String, Value> {
        &mut self.members
    }

    /// The members, by value.
    pub fn into_members(self) -> Map<String, Value> {
        self.members
    }

    /// The text a member was read with, while its value is still the one read from it.
    fn kept_text(&self, name: &str, value: &Value) -> Option<&RawValue> {
        let text = self.long_numbers.get(name)?;
        let unchanged = serde_json::from_str::<Value>(text.get()).is_ok_and(|read| read == *value);
        unchanged.then_some(&**text)
    }

    /// The JSON text this object writes for a member.
    fn written_text(&self, name: &str, value: &Value) -> String {
        match self.kept_text(name, value) {
            Some(text) => text.get().to_owned(),
            None => value.to_string(),
        }
    }
}

impl PartialEq for RawObject {
    fn eq(&self, other: &Self) -> bool {
        self.members == other.members
            && self.long_numbers.keys().chain(other.long_numbers.keys()).all(|name| {
                // A member removed through `members_mut` leaves its text behind, unused.
                self.members
                    .get(name)
                    .is_none_or(|value| self.written_text(name, value) == other.written_text(name, value))
            })
    }
}

impl Eq for RawObject {}

/// Whether `value` holds a number read as a double: not one that an `i64` or a `u64` holds.
fn holds_double(value: &Value) -> bool {
    match value {
        Value::Number(number) => number.is_f64(),
        Value::Array(items) => items.iter().any(holds_double),
        Value::Object(members) => members.values().any(holds_double),
        Value::Null | Value::Bool(_) | Value::String(_) => false,
    }
}

/// `text` without whitespace between its tokens, when it holds a number that a [`Value`] may
/// hold with fewer digits: more than 15 significant digits (the most that every `f64` keeps),
/// other than an integer of 64 bits.
fn compact_if_long_numbers(text: &str) -> Option<String> {
    // Looked for without allocating: the copy is made only for the rare member that needs it.
    let long = numbers_outside_strings(text).any(loses_digits);
    long.then(|| {
        let tokens = json_characters(text)
            .filter(|&(_, character, in_string)| in_string || !character.is_ascii_whitespace());
        tokens.map(|(_, character, _)| character).collect()
    })
}

/// Each character of the JSON `text` with its byte index, and whether it belongs to a string
/// (its quotes included).
fn json_characters(text: &str) -> impl Iterator<Item = (usize, char, bool)> + '_ {
    let (mut in_string, mut escaped) = (false, false);
    text.char_indices().map(move |(index, character)| {
        let belongs_to_string = in_string || character == '"';
        if in_string {
            in_string = escaped || character != '"';
            escaped = !escaped && character == '\\';
        } else {
            in_string = character == '"';
        }
        (index, character, belongs_to_string)
    })
}

/// The numbers of the JSON `text`, outside its strings. (The letters of `true` and `false`
/// give "numbers" of no digits.)
fn numbers_outside_strings(text: &str) -> impl Iterator<Item = &str> + '_ {
    let mut start = None;
    let end = (text.len(), ' ', false);
    json_characters(text).chain([end]).filter_map(move |(index, character, in_string)| {
        let in_number = !in_string && matches!(character, '-' | '+' | '.' | 'e' | 'E' | '0'..='9');
        match (in_number, start) {
            (true, None) => start = Some(index),
            (false, Some(from)) => {
                start = None;
                return Some(&text[from..index]);
            }
            _ => {}
        }
        None
    })
}

/// Whether a number's text has digits that an `f64` may not keep.
fn loses_digits(number: &str) -> bool {
    if number.is_empty() || number.parse::<i64>().is_ok() || number.parse::<u64>().is_ok() {
        return false;
    }
    let mantissa = number.split(['e', 'E']).next().unwrap_or_default();
    let significant = mantissa.bytes().filter(u8::is_ascii_digit).skip_while(|&digit| digit == b'0');
    let (mut digits, mut through_last_non_zero) = (0, 0);
    for digit in significant {
        digits += 1;
        if digit != b'0' {
            through_last_non_zero = digits;
        }
    }
    through_last_non_zero > 15
}

impl Serialize for RawObject {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut object = serializer.serialize_map(Some(self.members.len()))?;
        if let Some(annotation) = self.members.get(TYPE_ANNOTATION) {
            object.serialize_entry(TYPE_ANNOTATION, annotation)?;
        }
        for (name, value) in self.members.iter().filter(|(name, _)| *name != TYPE_ANNOTATION) {
            match self.kept_text(name, value) {
                Some(text) => object.serialize_entry(name, text)?,
                None => object.serialize_entry(name, value)?,
            }
        }
        object.end()
    }
}

impl<'de> Deserialize<'de> for RawObject {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(RawObjectVisitor)
    }
}

struct RawObjectVisitor;

impl<'de> Visitor<'de> for RawObjectVisitor {
    type Value = RawObject;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawObject, A::Error> {
        let mut raw = RawObject::default();
        while let Some(name) = map.next_key::<String>()? {
            let text = buffer_value(&mut map)?;
            raw.insert_text(name, &text).map_err(de::Error::custom)?;
        }
        Ok(raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_numbers_that_a_double_may_shorten_keep_their_text_without_whitespace() {
        let kept = |text: &str| compact_if_long_numbers(text);
        for short in [
            "1",
            "-9223372036854775808",
            "18446744073709551615",
            "0.1234567890123450000",
            "1e300",
            "100000000000000000000000000",
            r#"{"a": [true, false, null, "1.23456789012345678"]}"#,
            r#""\" 1.23456789012345678""#,
        ] {
            assert_eq!(kept(short), None, "{short}");
        }
        assert_eq!(kept("18446744073709551616").as_deref(), Some("18446744073709551616"));
        assert_eq!(kept("-0.00001234567890123456").as_deref(), Some("-0.00001234567890123456"));
        assert_eq!(
            kept("{ \"a b\\\"\" : [ true , 1.2345678901234567E+5 ] }").as_deref(),
            Some("{\"a b\\\"\":[true,1.2345678901234567E+5]}")
        );
    }

    #[test]
    fn the_numbers_looked_at_are_those_outside_strings() {
        let numbers = |text| numbers_outside_strings(text).collect::<Vec<_>>();
        assert_eq!(
            numbers(r#"{"id": "c9d8a4b2-1e7f-4c3a-9b6d-0123456789ab", "count": 123456789012345}"#),
            ["123456789012345"]
        );
        assert_eq!(numbers(r#"["1234567890123456789", -1.5e-300, true]"#), ["-1.5e-300", "e"]);
        assert_eq!(numbers(r#""\" 12345678901234567""#), Vec::<&str>::new());
        assert_eq!(numbers(r#"{"a\"": 1.2345678901234e+10}"#), ["1.2345678901234e+10"]);
        assert_eq!(numbers("1234567890123456"), ["1234567890123456"]);
    }

    #[test]
    fn a_map_behind_kept_properties_keeps_and_visits_until_the_visitor_breaks() {
        let mut map = BTreeMap::new();
        let kept: &mut dyn KeptProperties = map.__kept_mut();
        for (name, value) in [("b", 2), ("a", 1), ("c", 3)] {
            kept.insert(name.to_owned(), Value::from(value));
        }
        let mut seen = Vec::new();
        map.__kept().visit(&mut |name, value| {
            seen.push((name.to_owned(), value.clone()));
            if name == "b" {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        assert_eq!(seen, [("a".to_owned(), Value::from(1)), ("b".to_owned(), Value::from(2))]);
        assert_eq!(map.len(), 3);
    }
}
