//! What a typed model does not declare: instance annotations ([`Annotations`]) and whole
//! objects of types this crate does not know ([`RawObject`]).

use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::__private::TYPE_ANNOTATION;

/// The instance annotations of an object (`@odata.etag`, `@odata.context`, `@odata.id`,
/// `displayName@odata.type`, `@contoso.custom`, ...), other than `@odata.type`, by their
/// full names, as [`ODataType::annotations`](crate::ODataType::annotations) returns them.
/// [`etag`](Self::etag) is sent as `If-Match` by [`Service::update`](crate::Service::update)
/// and [`Service::delete_entity`](crate::Service::delete_entity).
///
/// ```
/// use odata::Annotations;
///
/// let mut annotations = Annotations::default();
/// annotations.insert("@odata.etag", "W/\"1\"".into());
/// assert_eq!(annotations.etag(), Some("W/\"1\""));
/// assert_eq!(annotations.context(), None);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
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

/// A JSON object of a type that the model does not know, kept whole. Writes back every
/// member, with `@odata.type` first.
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
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawObject {
    members: Map<String, Value>,
}

impl RawObject {
    /// An object with these members.
    pub fn new(members: Map<String, Value>) -> Self {
        RawObject { members }
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
}

impl Serialize for RawObject {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut object = serializer.serialize_map(Some(self.members.len()))?;
        if let Some(annotation) = self.members.get(TYPE_ANNOTATION) {
            object.serialize_entry(TYPE_ANNOTATION, annotation)?;
        }
        for (name, value) in self.members.iter().filter(|(name, _)| *name != TYPE_ANNOTATION) {
            object.serialize_entry(name, value)?;
        }
        object.end()
    }
}

impl<'de> Deserialize<'de> for RawObject {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Map::deserialize(deserializer).map(RawObject::new)
    }
}
