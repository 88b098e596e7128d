//! A page of an entity set as the service answers it: `{"value": [...], "@odata.nextLink": ...}`.

use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, DeserializeOwned, IgnoredAny, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One page of a collection: the values and the links to go on.
///
/// ```
/// use odata::{Collection, ODataResource};
///
/// #[derive(Debug, ODataResource)]
/// #[odata(type = "microsoft.graph.user", collection = "/users")]
/// pub struct User {
///     #[odata(key, read_only)]
///     pub id: Option<String>,
/// }
///
/// let page: Collection<User> = serde_json::from_str(r#"{
///     "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users",
///     "@odata.nextLink": "https://graph.microsoft.com/v1.0/users?$skiptoken=X",
///     "value": [{"id": "1"}, {"id": "2"}]
/// }"#).unwrap();
/// assert_eq!(page.value.len(), 2);
/// assert_eq!(page.next_link.as_deref(), Some("https://graph.microsoft.com/v1.0/users?$skiptoken=X"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Collection<T> {
    /// The values of this page.
    pub value: Vec<T>,
    /// `@odata.nextLink`: the URL of the next page, if there is one.
    pub next_link: Option<String>,
    /// `@odata.deltaLink`: the URL that returns later changes, on the last page of a delta query.
    pub delta_link: Option<String>,
    /// `@odata.count`: the size of the whole collection, when `$count=true` asked for it.
    pub count: Option<i64>,
    /// `@odata.context`: the context URL of the answer.
    pub context: Option<String>,
}

impl<T> Collection<T> {
    /// A page holding `value` and no links.
    pub fn new(value: Vec<T>) -> Self {
        Collection { value, next_link: None, delta_link: None, count: None, context: None }
    }
}

/// An empty page without links: what [`Collection::new`] makes of no values.
///
/// ```
/// let page = odata::Collection::<u8>::default();
/// assert!(page.value.is_empty() && page.next_link.is_none());
/// ```
impl<T> Default for Collection<T> {
    fn default() -> Self {
        Collection::new(Vec::new())
    }
}

/// The page's values, by value; the links are dropped.
///
/// ```
/// let page = odata::Collection::new(vec!["a".to_owned(), "b".to_owned()]);
/// let values: Vec<String> = page.into_iter().collect();
/// assert_eq!(values, ["a", "b"]);
/// ```
impl<T> IntoIterator for Collection<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.value.into_iter()
    }
}

/// The page's values, by reference.
///
/// ```
/// let page = odata::Collection::new(vec![1, 2, 3]);
/// let mut total = 0;
/// for value in &page {
///     total += value;
/// }
/// assert_eq!(total, 6);
/// ```
impl<'a, T> IntoIterator for &'a Collection<T> {
    type Item = &'a T;
    type IntoIter = core::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.value.iter()
    }
}

/// The page's values, to change in place.
///
/// ```
/// let mut page = odata::Collection::new(vec![1, 2]);
/// for value in &mut page {
///     *value *= 10;
/// }
/// assert_eq!(page.value, [10, 20]);
/// ```
impl<'a, T> IntoIterator for &'a mut Collection<T> {
    type Item = &'a mut T;
    type IntoIter = core::slice::IterMut<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.value.iter_mut()
    }
}

impl<T: Serialize> Serialize for Collection<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut object = serializer.serialize_map(None)?;
        if let Some(context) = &self.context {
            object.serialize_entry("@odata.context", context)?;
        }
        if let Some(count) = &self.count {
            object.serialize_entry("@odata.count", count)?;
        }
        if let Some(next_link) = &self.next_link {
            object.serialize_entry("@odata.nextLink", next_link)?;
        }
        if let Some(delta_link) = &self.delta_link {
            object.serialize_entry("@odata.deltaLink", delta_link)?;
        }
        object.serialize_entry("value", &self.value)?;
        object.end()
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Collection<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(CollectionVisitor(PhantomData))
    }
}

struct CollectionVisitor<T>(PhantomData<T>);

impl<'de, T: DeserializeOwned> Visitor<'de> for CollectionVisitor<T> {
    type Value = Collection<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a collection: a JSON object with a `value` array")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Collection<T>, A::Error> {
        let mut page = Collection::new(Vec::new());
        let mut value = None;
        while let Some(name) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match &*name {
                "value" => {
                    value = Some(
                        map.next_value::<Vec<T>>()
                            .map_err(|error| crate::wire::in_property("value", error))?,
                    );
                }
                "@odata.nextLink" => page.next_link = map.next_value()?,
                "@odata.deltaLink" => page.delta_link = map.next_value()?,
                "@odata.context" => page.context = map.next_value()?,
                "@odata.count" => page.count = Some(map.next_value::<Count>()?.0),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        page.value = value.ok_or_else(|| de::Error::custom("missing property `value` of a collection"))?;
        Ok(page)
    }
}

/// `@odata.count`: a number, or a string holding one from an IEEE754-compatible service.
struct Count(i64);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CountVisitor;

        impl Visitor<'_> for CountVisitor {
            type Value = Count;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a count as an integer or a string")
            }

            fn visit_i64<E: de::Error>(self, count: i64) -> Result<Count, E> {
                Ok(Count(count))
            }

            fn visit_u64<E: de::Error>(self, count: u64) -> Result<Count, E> {
                i64::try_from(count).map(Count).map_err(|_| E::custom("`@odata.count` is out of range"))
            }

            fn visit_str<E: de::Error>(self, count: &str) -> Result<Count, E> {
                count
                    .parse()
                    .map(Count)
                    .map_err(|_| E::custom(format_args!("`@odata.count` `{count}` is not an integer")))
            }
        }

        deserializer.deserialize_any(CountVisitor)
    }
}
