//! The corpus generator: turns the Graph "create" pages of `tests/data/graph-corpus` into the
//! Rust source of `tests/corpus/generated.rs`, one `#[derive(ODataResource)]` struct per page
//! plus the `#[derive(ODataComplex)]` structs that the pages' examples use.
//!
//! Rules, in the order they apply:
//!
//! * **Entity types** (one per page with a collection path): a field per member of the
//!   documented response, in its order, then the Properties-table rows that the examples
//!   leave out. Every field is `Option<_>`; a property documented as `null` is
//!   `Option<Option<_>>`, which tells `null` from absent. `read_only` marks what the response
//!   has and the request lacks; the key is `id` (or, for the three pages without one, the
//!   property named in [`KEY_OVERRIDES`]).
//! * **Field types** come from the table's type where it is an Edm type (see [`edm_type`]);
//!   enumeration types are `String` and `X collection` is `Vec<X>`. Complex types are named
//!   by the `@odata.type` of the example's value, so that a property declared with an abstract
//!   type gets the derived type the example uses. Without a table row the JSON decides.
//! * **Complex types** are inferred from the nested objects: one struct per `@odata.type`,
//!   with the fields of every occurrence merged in order of appearance; a type seen only as
//!   `{"@odata.type": ...}` has no fields. When occurrences of one type disagree on the
//!   type of a nested value (a property holding `ipRange` in one example and `iPv6Range` in
//!   another), the type is split into one struct per variant, named after what tells them
//!   apart (`...WithRangesIPv6Range`), and the split repeats until no struct disagrees.
//! * **Names**: snake_case fields with `#[odata(rename = "...")]` wherever the derive's
//!   camelCase rule would not give the wire name back (`iOSVersion`, `v10_1803`); raw
//!   identifiers for keywords.
//! * **Polymorphic enums** (one per collection path that [`MIN_SHARED`] or more pages post to,
//!   templated paths included): a newtype variant per page type, named as its struct, and
//!   `#[odata(other)] Other(odata::RawObject)`. The base type is the one the pages cite most
//!   as "Inherited from" (see [`shared_collections`]), the name `Any` and the path's last
//!   segment singularised (see [`enum_name`]). Each enum implements the suite's `Variants`
//!   and is listed in `GROUPS` with its pages.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::{self, Write as _};

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

/// Keys of the entity types that have no `id`: their pages name no key at all, but the derive
/// needs one. The chosen property is sent in the request, so it is not read-only, and only
/// `KEY` and entity URLs depend on the choice, which the corpus does not document.
pub const KEY_OVERRIDES: &[(&str, &str)] = &[
    ("onPremEncryptedPayload", "payloadId"),
    ("pfxRecryptionRequest", "thumbprint"),
    ("pfxUserCertificate", "thumbprint"),
];

/// The namespace of every type the corpus names.
const NAMESPACE: &str = "microsoft.graph.";

/// The file the generator writes, relative to the package root.
pub const GENERATED_PATH: &str = "tests/corpus/generated.rs";

// ---------------------------------------------------------------------------------------
// JSON that keeps member order
// ---------------------------------------------------------------------------------------

/// A JSON value that keeps the order of object members, which a `serde_json::Value` (without
/// the `preserve_order` feature) sorts. Equality is exact: member order and number form
/// (`6` and `6.0` differ) count.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The member `name` of an object.
    pub fn get(&self, name: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().find(|(key, _)| key == name).map(|(_, value)| value),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(text) => Some(text),
            _ => None,
        }
    }

    pub fn members(&self) -> &[(String, Json)] {
        match self {
            Json::Object(members) => members,
            _ => &[],
        }
    }

    /// The same value as a `serde_json::Value`: member order is dropped.
    pub fn to_value(&self) -> serde_json::Value {
        match self {
            Json::Null => serde_json::Value::Null,
            Json::Bool(value) => serde_json::Value::Bool(*value),
            Json::Number(number) => serde_json::Value::Number(number.clone()),
            Json::String(text) => serde_json::Value::String(text.clone()),
            Json::Array(items) => serde_json::Value::Array(items.iter().map(Json::to_value).collect()),
            Json::Object(members) => serde_json::Value::Object(
                members.iter().map(|(key, value)| (key.clone(), value.to_value())).collect(),
            ),
        }
    }
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct JsonVisitor;

        impl<'de> Visitor<'de> for JsonVisitor {
            type Value = Json;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }

            fn visit_unit<E: de::Error>(self) -> Result<Json, E> {
                Ok(Json::Null)
            }

            fn visit_bool<E: de::Error>(self, value: bool) -> Result<Json, E> {
                Ok(Json::Bool(value))
            }

            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Json, E> {
                Ok(Json::Number(value.into()))
            }

            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Json, E> {
                Ok(Json::Number(value.into()))
            }

            fn visit_f64<E: de::Error>(self, value: f64) -> Result<Json, E> {
                serde_json::Number::from_f64(value)
                    .map(Json::Number)
                    .ok_or_else(|| E::custom("a number that JSON cannot hold"))
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Json, E> {
                Ok(Json::String(text.to_owned()))
            }

            fn visit_string<E: de::Error>(self, text: String) -> Result<Json, E> {
                Ok(Json::String(text))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Json::Array(items))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
                let mut members = Vec::new();
                while let Some((key, value)) = map.next_entry()? {
                    members.push((key, value));
                }
                Ok(Json::Object(members))
            }
        }

        deserializer.deserialize_any(JsonVisitor)
    }
}

impl Serialize for Json {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => serializer.serialize_unit(),
            Json::Bool(value) => serializer.serialize_bool(*value),
            Json::Number(number) => number.serialize(serializer),
            Json::String(text) => serializer.serialize_str(text),
            Json::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Object(members) => {
                let mut map = serializer.serialize_map(Some(members.len()))?;
                for (key, value) in members {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

/// Where two JSON values first differ, as `path: documented ≠ written`; `None` when equal.
pub fn first_difference(documented: &Json, written: &Json) -> Option<String> {
    fn walk(path: &mut String, documented: &Json, written: &Json) -> Option<String> {
        match (documented, written) {
            (Json::Object(left), Json::Object(right)) => {
                for (key, value) in left {
                    let length = path.len();
                    let _ = write!(path, "/{key}");
                    let found = match right.iter().find(|(name, _)| name == key) {
                        Some((_, other)) => walk(path, value, other),
                        None => Some(format!("{path}: documented, not written")),
                    };
                    if found.is_some() {
                        return found;
                    }
                    path.truncate(length);
                }
                if let Some((key, _)) =
                    right.iter().find(|(key, _)| !left.iter().any(|(name, _)| name == key))
                {
                    return Some(format!("{path}/{key}: written, not documented"));
                }
                let left_keys: Vec<&str> = left.iter().map(|(key, _)| key.as_str()).collect();
                let right_keys: Vec<&str> = right.iter().map(|(key, _)| key.as_str()).collect();
                (left_keys != right_keys).then(|| {
                    format!("{path}: member order differs: documented {left_keys:?}, written {right_keys:?}")
                })
            }
            (Json::Array(left), Json::Array(right)) if left.len() == right.len() => {
                left.iter().zip(right).enumerate().find_map(|(index, (left, right))| {
                    let length = path.len();
                    let _ = write!(path, "/{index}");
                    let found = walk(path, left, right);
                    path.truncate(length);
                    found
                })
            }
            _ if documented == written => None,
            _ => Some(format!(
                "{}: documented {}, written {}",
                if path.is_empty() { "/" } else { path },
                short(documented),
                short(written)
            )),
        }
    }

    fn short(value: &Json) -> String {
        let text = serde_json::to_string(value).unwrap_or_default();
        match text.char_indices().nth(80) {
            Some((end, _)) => format!("{}...", &text[..end]),
            None => text,
        }
    }

    walk(&mut String::new(), documented, written)
}

// ---------------------------------------------------------------------------------------
// The corpus
// ---------------------------------------------------------------------------------------

/// One page of `create-examples.jsonl`.
#[derive(Debug, Clone)]
pub struct Record {
    pub page: String,
    pub entity: String,
    pub collection_path: Option<String>,
    /// `(name, type)` rows of the Properties table.
    pub properties: Vec<(String, String)>,
    /// The types that the Properties table's descriptions cite as "Inherited from
    /// [name](...)", each once, in order of first citation.
    pub inherited_from: Vec<String>,
    pub request: Json,
    pub response: Json,
    pub status: u64,
}

/// Reads `create-examples.jsonl`, one page a line.
pub fn parse_records(jsonl: &str) -> Result<Vec<Record>, String> {
    jsonl
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| {
            let json: Json =
                serde_json::from_str(line).map_err(|error| format!("line {}: {error}", index + 1))?;
            let text = |name: &str| {
                json.get(name)
                    .and_then(Json::as_str)
                    .map(str::to_owned)
                    .ok_or_else(|| format!("line {}: `{name}` is not a string", index + 1))
            };
            let properties = match json.get("properties") {
                Some(Json::Array(rows)) => rows
                    .iter()
                    .map(|row| {
                        let cell = |name| row.get(name).and_then(Json::as_str).unwrap_or_default().to_owned();
                        (cell("name"), cell("type"))
                    })
                    .collect(),
                _ => return Err(format!("line {}: `properties` is not an array", index + 1)),
            };
            let mut inherited_from: Vec<String> = Vec::new();
            if let Some(Json::Array(rows)) = json.get("properties") {
                for row in rows {
                    let description = row.get("description").and_then(Json::as_str).unwrap_or_default();
                    for name in inherited_from_names(description) {
                        if !inherited_from.iter().any(|known| known == name) {
                            inherited_from.push(name.to_owned());
                        }
                    }
                }
            }
            Ok(Record {
                page: text("page")?,
                entity: text("entity")?,
                collection_path: json.get("collection_path").and_then(Json::as_str).map(str::to_owned),
                properties,
                inherited_from,
                request: json.get("request").cloned().unwrap_or(Json::Null),
                response: json.get("response").cloned().unwrap_or(Json::Null),
                status: match json.get("status") {
                    Some(Json::Number(number)) => number.as_u64().unwrap_or_default(),
                    _ => 0,
                },
            })
        })
        .collect()
}

/// The `name`s of the `Inherited from [name](...)` in a property's description.
fn inherited_from_names(description: &str) -> impl Iterator<Item = &str> {
    description.split("Inherited from [").skip(1).filter_map(|rest| {
        let (name, _) = rest.split_once(']')?;
        (!name.is_empty()).then_some(name)
    })
}

/// Reads `types.txt`: the kind (`primitive`, `enum`, `complex`, `entity`, with `+collection`)
/// of every Properties-table type, as labelled from the docs' resource pages.
pub fn parse_kinds(types_txt: &str) -> HashMap<String, String> {
    types_txt
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let mut cells = line.split('\t');
            let (_count, ty, kind) = (cells.next()?, cells.next()?, cells.next()?);
            Some((ty.to_owned(), kind.to_owned()))
        })
        .collect()
}

/// The Rust type of a Properties-table Edm type, or `None` for any other type.
pub fn edm_type(ty: &str) -> Option<&'static str> {
    Some(match ty {
        "String" => "String",
        "Boolean" => "bool",
        "Byte" => "u8",
        "SByte" => "i8",
        "Int16" => "i16",
        "Int32" => "i32",
        "Int64" => "odata::Int64",
        // `f64` holds every Single exactly, and keeps the digits Graph's docs write for one.
        "Double" | "Single" => "f64",
        "Binary" => "odata::Binary",
        "DateTimeOffset" => "odata::DateTimeOffset",
        "Date" => "odata::Date",
        "TimeOfDay" => "odata::TimeOfDay",
        "Duration" => "odata::Duration",
        "Guid" => "odata::Guid",
        // The docs show a placeholder string for a stream's value.
        "Stream" => "String",
        // OData v3's type, named on two pages whose examples leave the property out.
        "DateTime" => "String",
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------------
// Inferring the complex types
// ---------------------------------------------------------------------------------------

/// What the JSON of one property says about its type.
#[derive(Debug, Clone, PartialEq)]
enum Shape {
    /// Only `null` (or an empty array's elements) seen.
    Unknown,
    Bool,
    /// An integer; `false` once one does not fit an `i32`.
    Int {
        fits_i32: bool,
    },
    Float,
    String,
    Array(Box<Shape>),
    /// A complex value, by the key of its struct.
    Object(String),
    /// Values that no one Rust type but `serde_json::Value` holds.
    Mixed,
}

impl Shape {
    /// Whether the example shows a type: not only `null` or empty arrays.
    fn is_informative(&self) -> bool {
        match self {
            Shape::Unknown => false,
            Shape::Array(element) => element.is_informative(),
            _ => true,
        }
    }

    fn merge(self, other: Shape) -> Shape {
        match (self, other) {
            (Shape::Unknown, other) | (other, Shape::Unknown) => other,
            (Shape::Int { fits_i32: a }, Shape::Int { fits_i32: b }) => Shape::Int { fits_i32: a && b },
            (Shape::Int { .. } | Shape::Float, Shape::Int { .. } | Shape::Float) => Shape::Float,
            (Shape::Array(a), Shape::Array(b)) => Shape::Array(Box::new(a.merge(*b))),
            (a, b) if a == b => a,
            _ => Shape::Mixed,
        }
    }
}

/// One inferred complex struct: a type, or one variant of a type that was split.
#[derive(Debug, Default)]
struct Group<'a> {
    type_name: String,
    /// Wire names in merged order of appearance, with their merged shape and whether `null`
    /// was seen.
    fields: Vec<(String, Shape, bool)>,
    occurrences: Vec<&'a [(String, Json)]>,
}

/// The complex types of the corpus, keyed by variant key: the type name, plus for each
/// property that splits the type, the keys of the values it holds.
struct Complex<'a> {
    splits: BTreeSet<(String, String)>,
    groups: BTreeMap<String, Group<'a>>,
    /// Rust name of each group key.
    names: BTreeMap<String, String>,
}

fn type_of(members: &[(String, Json)]) -> String {
    members
        .iter()
        .find(|(key, _)| key == "@odata.type")
        .and_then(|(_, value)| value.as_str())
        .map(|name| name.trim_start_matches('#').to_owned())
        .unwrap_or_default()
}

fn variant_key(members: &[(String, Json)], splits: &BTreeSet<(String, String)>) -> String {
    let type_name = type_of(members);
    let mut key = type_name.clone();
    for (_, field) in
        splits.range((type_name.clone(), String::new())..).take_while(|(ty, _)| *ty == type_name)
    {
        let children: BTreeSet<String> = match members.iter().find(|(name, _)| name == field) {
            Some((_, value)) => child_objects(value).map(|child| variant_key(child, splits)).collect(),
            None => BTreeSet::new(),
        };
        let children: Vec<String> = children.into_iter().collect();
        let _ = write!(key, "|{field}=[{}]", children.join(","));
    }
    key
}

/// The objects a property value holds: itself, or an array's elements.
fn child_objects(value: &Json) -> impl Iterator<Item = &[(String, Json)]> {
    let items: Vec<&Json> = match value {
        Json::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    items.into_iter().filter_map(|item| match item {
        Json::Object(members) => Some(members.as_slice()),
        _ => None,
    })
}

fn shape_of(value: &Json, splits: &BTreeSet<(String, String)>) -> Shape {
    match value {
        Json::Null => Shape::Unknown,
        Json::Bool(_) => Shape::Bool,
        Json::Number(number) => match number.as_i64() {
            Some(integer) => Shape::Int { fits_i32: i32::try_from(integer).is_ok() },
            None if number.is_u64() => Shape::Int { fits_i32: false },
            None => Shape::Float,
        },
        Json::String(_) => Shape::String,
        Json::Array(items) => Shape::Array(Box::new(
            items.iter().fold(Shape::Unknown, |shape, item| shape.merge(shape_of(item, splits))),
        )),
        Json::Object(members) => Shape::Object(variant_key(members, splits)),
    }
}

impl<'a> Complex<'a> {
    /// Every nested object of the entities' responses, grouped and split until no group
    /// holds one property with values of two struct types.
    fn infer(entities: &[&'a Record]) -> Complex<'a> {
        let mut occurrences: Vec<&'a [(String, Json)]> = Vec::new();
        fn collect<'a>(value: &'a Json, out: &mut Vec<&'a [(String, Json)]>) {
            match value {
                Json::Object(members) => {
                    out.push(members);
                    for (_, value) in members {
                        collect(value, out);
                    }
                }
                Json::Array(items) => items.iter().for_each(|item| collect(item, out)),
                _ => {}
            }
        }
        for record in entities {
            for (_, value) in record.response.members() {
                collect(value, &mut occurrences);
            }
        }

        let mut splits = BTreeSet::new();
        loop {
            let mut groups: BTreeMap<String, Group<'a>> = BTreeMap::new();
            for members in &occurrences {
                let group = groups.entry(variant_key(members, &splits)).or_default();
                group.type_name = type_of(members);
                group.occurrences.push(members);
            }
            let mut new_splits = Vec::new();
            for group in groups.values() {
                let mut held: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
                for members in &group.occurrences {
                    for (name, value) in members.iter() {
                        held.entry(name)
                            .or_default()
                            .extend(child_objects(value).map(|child| variant_key(child, &splits)));
                    }
                }
                for (name, keys) in held {
                    let split = (group.type_name.clone(), name.to_owned());
                    if keys.len() > 1 && !splits.contains(&split) {
                        new_splits.push(split);
                    }
                }
            }
            if new_splits.is_empty() {
                let mut complex = Complex { splits, groups, names: BTreeMap::new() };
                complex.merge_fields();
                return complex;
            }
            splits.extend(new_splits);
        }
    }

    fn merge_fields(&mut self) {
        for group in self.groups.values_mut() {
            let mut fields: Vec<(String, Shape, bool)> = Vec::new();
            for members in &group.occurrences {
                let mut previous: Option<usize> = None;
                for (name, value) in members.iter().filter(|(name, _)| name != "@odata.type") {
                    let shape = shape_of(value, &self.splits);
                    let null = matches!(value, Json::Null);
                    let index = match fields.iter().position(|(known, _, _)| known == name) {
                        Some(index) => {
                            let (_, known, was_null) = &mut fields[index];
                            *known = std::mem::replace(known, Shape::Unknown).merge(shape);
                            *was_null |= null;
                            index
                        }
                        None => {
                            // A new property goes right after the one before it in this example.
                            let at = previous.map_or(0, |previous| previous + 1);
                            fields.insert(at, (name.clone(), shape, null));
                            at
                        }
                    };
                    previous = Some(index);
                }
            }
            group.fields = fields;
        }
    }

    /// The key of the struct for a table type that the examples leave out: the type's one
    /// group, the first of its variants, or a new group without fields.
    fn key_for_type(&mut self, type_name: &str) -> String {
        let key = self
            .groups
            .range(type_name.to_owned()..)
            .take_while(|(_, group)| group.type_name == type_name)
            .map(|(key, _)| key.clone())
            .next();
        key.unwrap_or_else(|| {
            self.groups
                .insert(type_name.to_owned(), Group { type_name: type_name.to_owned(), ..Group::default() });
            type_name.to_owned()
        })
    }

    /// Gives every group a Rust name that no entity, other group or Rust type in scope has.
    fn name_groups(&mut self, taken: &mut HashSet<String>) {
        let mut per_type: BTreeMap<&str, usize> = BTreeMap::new();
        for group in self.groups.values() {
            *per_type.entry(&group.type_name).or_default() += 1;
        }
        let mut names = BTreeMap::new();
        for (key, group) in &self.groups {
            let base = pascal_ident(group.type_name.rsplit('.').next().unwrap_or_default());
            let mut name = base.clone();
            if per_type[group.type_name.as_str()] > 1 {
                // `type|field=[child,...]|...`: one `With{Field}{Child...}` per split property.
                for part in key.split('|').skip(1) {
                    let (field, children) = part.split_once('=').unwrap_or((part, "[]"));
                    let children = children.trim_start_matches('[').trim_end_matches(']');
                    let _ = write!(name, "With{}", pascal_ident(field));
                    if children.is_empty() {
                        name.push_str("None");
                    }
                    for child in children.split(',').filter(|child| !child.is_empty()) {
                        let child_type = child.split('|').next().unwrap_or_default();
                        name.push_str(&pascal_ident(child_type.rsplit('.').next().unwrap_or_default()));
                    }
                }
            }
            names.insert(key.clone(), unique_name(name, taken));
        }
        self.names = names;
    }

    fn rust_type(&self, shape: &Shape) -> String {
        match shape {
            Shape::Unknown | Shape::Mixed => "serde_json::Value".to_owned(),
            Shape::Bool => "bool".to_owned(),
            Shape::Int { fits_i32: true } => "i32".to_owned(),
            Shape::Int { fits_i32: false } => "i64".to_owned(),
            Shape::Float => "f64".to_owned(),
            Shape::String => "String".to_owned(),
            Shape::Array(element) => format!("Vec<{}>", self.rust_type(element)),
            Shape::Object(key) => self.names[key].clone(),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Shared collections
// ---------------------------------------------------------------------------------------

/// The fewest pages, of distinct entity types, that post to one collection path for it to be
/// read through a polymorphic enum.
pub const MIN_SHARED: usize = 3;

/// A collection path that [`MIN_SHARED`] or more pages post to, and the hierarchy they share.
#[derive(Debug, Clone)]
pub struct SharedCollection<'a> {
    pub path: &'a str,
    /// The unqualified base type: see [`shared_collections`].
    pub base: String,
    /// The pages posting to `path`, in the corpus's order, one per entity type.
    pub pages: Vec<&'a Record>,
}

/// The collections shared by [`MIN_SHARED`] or more pages (of distinct entity types), in
/// order of their paths. Templated paths (`.../{policySetId}/items`) count like any other:
/// the enum declares them verbatim, as the structs do.
///
/// The **base type** is the type that the most pages of the collection cite in a property
/// description as "Inherited from [name](...)" (ties: the name first in alphabetical order).
/// Counting pages, not citations, picks the root of a deeper hierarchy: on
/// `.../enrollmentProfiles` three pages cite `enrollmentProfile` and two of them also
/// `depEnrollmentBaseProfile`. When no page cites one, it is the path's last segment
/// singularised (see [`enum_name`]).
pub fn shared_collections(records: &[Record]) -> Vec<SharedCollection<'_>> {
    let mut by_path: BTreeMap<&str, Vec<&Record>> = BTreeMap::new();
    for record in records {
        if let Some(path) = record.collection_path.as_deref() {
            let pages = by_path.entry(path).or_default();
            if !pages.iter().any(|page| page.entity == record.entity) {
                pages.push(record);
            }
        }
    }
    by_path
        .into_iter()
        .filter(|(_, pages)| pages.len() >= MIN_SHARED)
        .map(|(path, pages)| {
            let mut citing: BTreeMap<&str, usize> = BTreeMap::new();
            for page in &pages {
                for name in &page.inherited_from {
                    *citing.entry(name.as_str()).or_default() += 1;
                }
            }
            // The first of the most cited: `max_by_key` keeps the last of equals.
            let base = citing
                .iter()
                .rev()
                .max_by_key(|(_, count)| **count)
                .map(|(name, _)| (*name).to_owned())
                .unwrap_or_else(|| singular(last_segment(path)));
            SharedCollection { path, base, pages }
        })
        .collect()
}

fn last_segment(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// A plural segment made singular: `-ies` → `-y`, `-sses` → `-ss`, `-ss` kept, else one
/// final `s` dropped (`deviceCompliancePolicies` → `deviceCompliancePolicy`,
/// `assignedLicenses` → `assignedLicense`, `items` → `item`). No dictionary: a word such as
/// `status` would lose its `s`, which no corpus path has.
pub fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        format!("{stem}y")
    } else if let Some(stem) = word.strip_suffix("sses") {
        format!("{stem}ss")
    } else if word.ends_with("ss") {
        word.to_owned()
    } else {
        word.strip_suffix('s').unwrap_or(word).to_owned()
    }
}

/// The enum of a shared collection: `Any` and the path's last segment singularised
/// ([`singular`]) in PascalCase (`/deviceManagement/deviceConfigurations` →
/// `AnyDeviceConfiguration`). A name that a generated struct, or an earlier enum, already
/// has gets the first free suffix `2`, `3`, ...: structs keep their names.
pub fn enum_name(path: &str) -> String {
    format!("Any{}", pascal_ident(&singular(last_segment(path))))
}

// ---------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------

const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro",
    "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "static", "struct", "trait",
    "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Type names in scope in the generated file, which no generated struct may take.
const RESERVED_TYPES: &[&str] =
    &["Option", "Vec", "String", "Box", "Result", "Page", "Record", "Some", "None"];

/// `iOSVersion` → `i_os_version`, `cert1PayloadUUID` → `cert1_payload_uuid`, `v10_1803` →
/// `v10_1803`: a word starts at an upper-case letter after a lower-case letter or digit, and
/// at the last capital of an acronym followed by a lower-case letter.
pub fn snake_case(wire: &str) -> String {
    let chars: Vec<char> = wire.chars().collect();
    let mut snake = String::with_capacity(wire.len() + 4);
    for (index, &ch) in chars.iter().enumerate() {
        if ch.is_uppercase() && index > 0 {
            let previous = chars[index - 1];
            let next_is_lower = chars.get(index + 1).is_some_and(|next| next.is_lowercase());
            if previous.is_lowercase()
                || previous.is_ascii_digit()
                || (previous.is_uppercase() && next_is_lower)
            {
                snake.push('_');
            }
        }
        snake.extend(ch.to_lowercase());
    }
    snake
}

/// The wire name the derive's default `camelCase` rule gives a field: the derive's own code
/// (`odata-derive/src/case.rs`, included by `tests/corpus.rs`).
pub fn camel_case(field: &str) -> String {
    crate::case::RenameRule::Camel.apply(field)
}

/// A type name's first letter capitalized and underscores dropped: `iPv6Range` → `IPv6Range`.
fn pascal_ident(name: &str) -> String {
    let mut pascal = String::with_capacity(name.len());
    let mut capitalize = true;
    for ch in name.chars().filter(|ch| ch.is_alphanumeric() || *ch == '_') {
        if ch == '_' {
            capitalize = true;
        } else if capitalize {
            pascal.extend(ch.to_uppercase());
            capitalize = false;
        } else {
            pascal.push(ch);
        }
    }
    if pascal.chars().next().is_none_or(|first| !first.is_alphabetic()) {
        pascal.insert(0, 'T');
    }
    pascal
}

fn unique_name(name: String, taken: &mut HashSet<String>) -> String {
    let mut unique = name.clone();
    let mut counter = 2;
    while RESERVED_TYPES.contains(&unique.as_str()) || taken.contains(&unique) {
        unique = format!("{name}{counter}");
        counter += 1;
    }
    taken.insert(unique.clone());
    unique
}

/// The field identifier for a wire name and whether it needs `rename`.
fn field_ident(wire: &str, taken: &mut HashSet<String>) -> (String, bool) {
    let snake = snake_case(wire);
    let valid = snake.chars().next().is_some_and(|first| first.is_ascii_lowercase() || first == '_')
        && snake.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_')
        && !NOT_RAW.contains(&snake.as_str());
    let mut ident = if valid { snake } else { format!("field_{}", taken.len()) };
    let mut rename = camel_case(&ident) != wire;
    let base = ident.clone();
    let mut counter = 2;
    while taken.contains(&ident) {
        ident = format!("{base}_{counter}");
        counter += 1;
        rename = true;
    }
    taken.insert(ident.clone());
    let ident = if KEYWORDS.contains(&ident.as_str()) { format!("r#{ident}") } else { ident };
    (ident, rename)
}

// ---------------------------------------------------------------------------------------
// Source
// ---------------------------------------------------------------------------------------

struct Field {
    wire: String,
    ty: String,
    key: bool,
    read_only: bool,
}

fn write_fields(out: &mut String, fields: &[Field]) {
    let mut taken = HashSet::new();
    for field in fields {
        let (ident, rename) = field_ident(&field.wire, &mut taken);
        let mut attributes = Vec::new();
        if field.key {
            attributes.push("key".to_owned());
        }
        if field.read_only {
            attributes.push("read_only".to_owned());
        }
        if rename {
            attributes.push(format!("rename = {:?}", field.wire));
        }
        if !attributes.is_empty() {
            let _ = writeln!(out, "    #[odata({})]", attributes.join(", "));
        }
        let _ = writeln!(out, "    pub {ident}: {},", field.ty);
    }
}

fn optional(ty: String, null: bool) -> String {
    if null {
        format!("Option<Option<{ty}>>")
    } else {
        format!("Option<{ty}>")
    }
}

/// The Rust source of `generated.rs` for these pages.
pub fn generate(records: &[Record], kinds: &HashMap<String, String>) -> String {
    let entities: Vec<&Record> = records.iter().filter(|record| record.collection_path.is_some()).collect();
    let mut complex = Complex::infer(&entities);

    let mut taken: HashSet<String> = HashSet::new();
    let entity_names: HashMap<&str, String> = entities
        .iter()
        .map(|record| (record.entity.as_str(), unique_name(pascal_ident(&record.entity), &mut taken)))
        .collect();

    // Entity fields first: a table type that no example shows may add a complex type, so
    // structs are named afterwards and marked by their keys until then.
    let mut entity_fields: Vec<Vec<Field>> = Vec::new();
    for record in &entities {
        let table: HashMap<&str, &str> =
            record.properties.iter().map(|(name, ty)| (name.as_str(), ty.as_str())).collect();
        let mut wires: Vec<&str> = record
            .response
            .members()
            .iter()
            .map(|(name, _)| name.as_str())
            .filter(|name| *name != "@odata.type")
            .collect();
        for (name, _) in &record.properties {
            if !wires.contains(&name.as_str()) && !name.is_empty() {
                wires.push(name);
            }
        }
        let key = if wires.contains(&"id") {
            "id"
        } else {
            KEY_OVERRIDES
                .iter()
                .find(|(entity, _)| *entity == record.entity)
                .map(|(_, key)| *key)
                .unwrap_or_else(|| panic!("{}: no `id`; add the key to KEY_OVERRIDES", record.page))
        };
        let mut fields = Vec::new();
        for wire in wires {
            let value = record.response.get(wire);
            let null = matches!(value, Some(Json::Null));
            let shape = value.map(|value| shape_of(value, &complex.splits));
            // What the example shows, unless it shows nothing (`null`, `[]`, absent).
            let shown = shape.filter(Shape::is_informative);
            let ty = match table.get(wire) {
                Some(table_type) => {
                    let (element, collection) = match table_type.strip_suffix(" collection") {
                        Some(element) => (element, true),
                        None => (*table_type, false),
                    };
                    let vec = |ty: String| if collection { format!("Vec<{ty}>") } else { ty };
                    match (edm_type(element), shown) {
                        (Some(edm), _) => vec(edm.to_owned()),
                        (None, Some(shape)) => complex.rust_type_unnamed(&shape),
                        (None, None) => {
                            match kinds.get(*table_type).map(|kind| kind.trim_end_matches("+collection")) {
                                Some("enum") => vec("String".to_owned()),
                                Some("entity") => match entity_names.get(element) {
                                    Some(name) => vec(name.clone()),
                                    None => vec("serde_json::Value".to_owned()),
                                },
                                Some("complex") => {
                                    let key = complex.key_for_type(&format!("{NAMESPACE}{element}"));
                                    vec(format!("{KEY_MARK}{key}{KEY_MARK}"))
                                }
                                _ => vec("serde_json::Value".to_owned()),
                            }
                        }
                    }
                }
                None => match shown {
                    Some(shape) => complex.rust_type_unnamed(&shape),
                    None => "serde_json::Value".to_owned(),
                },
            };
            let in_request = record.request.get(wire).is_some();
            fields.push(Field {
                wire: wire.to_owned(),
                ty: optional(ty, null),
                key: wire == key,
                read_only: value.is_some() && !in_request,
            });
        }
        entity_fields.push(fields);
    }
    complex.name_groups(&mut taken);
    for fields in &mut entity_fields {
        for field in fields.iter_mut() {
            field.ty = complex.resolve(&field.ty);
        }
    }

    let mut out = String::new();
    out.push_str(
        "// @generated by tests/corpus/codegen.rs from tests/data/graph-corpus: do not edit.\n\
         // Regenerate with `UPDATE_CORPUS=1 cargo test --test corpus` or scripts/sync-corpus.sh.\n\n",
    );
    out.push_str("// Entity types: one per page that documents a collection path.\n");
    for (record, fields) in entities.iter().zip(&entity_fields) {
        let name = &entity_names[record.entity.as_str()];
        let _ = writeln!(out, "\n/// `{}`", record.page);
        out.push_str("#[derive(ODataResource)]\n");
        let _ = writeln!(
            out,
            "#[odata(type = \"{NAMESPACE}{}\", collection = {:?})]",
            record.entity,
            record.collection_path.as_deref().unwrap_or_default()
        );
        let _ = writeln!(out, "pub struct {name} {{");
        write_fields(&mut out, fields);
        out.push_str("}\n");
    }

    out.push_str("\n// Complex types: the `@odata.type`s of the examples' nested values.\n");
    let mut groups: Vec<(&String, &Group<'_>)> = complex.groups.iter().collect();
    groups.sort_by(|(a, _), (b, _)| complex.names[*a].cmp(&complex.names[*b]));
    for (key, group) in groups {
        let fields: Vec<Field> = group
            .fields
            .iter()
            .map(|(wire, shape, null)| Field {
                wire: wire.clone(),
                ty: optional(complex.rust_type(shape), *null),
                key: false,
                read_only: false,
            })
            .collect();
        match group.occurrences.len() {
            0 => out.push_str(
                "\n/// Named by a Properties table only: no example has a value, so no field is known.\n",
            ),
            seen => {
                let _ = writeln!(out, "\n/// Seen {seen} times in the examples.");
            }
        }
        out.push_str("#[derive(ODataComplex)]\n");
        let _ = writeln!(out, "#[odata(type = {:?})]", group.type_name);
        let _ = writeln!(out, "pub struct {} {{", complex.names[key]);
        write_fields(&mut out, &fields);
        out.push_str("}\n");
    }

    out.push_str(&polymorphic_enums(&shared_collections(records), &entity_names, &mut taken));

    out.push_str("\n/// Every page, in the corpus's order, with the check of its entity type.\n");
    out.push_str("pub static PAGES: &[Page] = &[\n");
    for record in records {
        let (check, edm) = match entity_names.get(record.entity.as_str()) {
            Some(name) if record.collection_path.is_some() => {
                (format!("Some(check::<{name}>)"), format!("Some(<{name} as odata::csdl::EdmTyped>::EDM)"))
            }
            _ => ("None".to_owned(), "None".to_owned()),
        };
        let _ = writeln!(out, "    Page {{ page: {:?}, check: {check}, edm: {edm} }},", record.page);
    }
    out.push_str("];\n");
    out
}

/// The polymorphic enums of the shared collections, their `Variants` impls and `GROUPS`.
fn polymorphic_enums(
    shared: &[SharedCollection<'_>],
    entity_names: &HashMap<&str, String>,
    taken: &mut HashSet<String>,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\n// Polymorphic enums: one per collection path that {MIN_SHARED} or more pages post to."
    );
    let mut groups = Vec::new();
    for collection in shared {
        let name = unique_name(enum_name(collection.path), taken);
        let variants: Vec<&str> =
            collection.pages.iter().map(|page| entity_names[page.entity.as_str()].as_str()).collect();
        let mut other = "Other".to_owned();
        while variants.contains(&other.as_str()) {
            other.push('_');
        }
        let citing =
            collection.pages.iter().filter(|page| page.inherited_from.contains(&collection.base)).count();
        let _ = writeln!(
            out,
            "\n/// The {} pages posting to `{}`:\n/// base type `{}`, cited as \"Inherited from\" by {citing} of them.",
            collection.pages.len(),
            collection.path,
            collection.base
        );
        out.push_str("#[allow(clippy::large_enum_variant)]\n#[derive(ODataResource)]\n");
        let _ = writeln!(
            out,
            "#[odata(type = \"{NAMESPACE}{}\", collection = {:?})]",
            collection.base, collection.path
        );
        let _ = writeln!(out, "pub enum {name} {{");
        for variant in &variants {
            let _ = writeln!(out, "    {variant}({variant}),");
        }
        let _ = writeln!(out, "    #[odata(other)]\n    {other}(odata::RawObject),\n}}");

        let _ = writeln!(out, "\nimpl Variants for {name} {{");
        out.push_str(
            "    fn variant(&self) -> Result<&'static str, &odata::RawObject> {\n        match self {\n",
        );
        for variant in &variants {
            let _ = writeln!(
                out,
                "            Self::{variant}(_) => Ok(<{variant} as odata::ODataType>::TYPE_NAME),"
            );
        }
        let _ = writeln!(out, "            Self::{other}(raw) => Err(raw),\n        }}\n    }}\n}}");
        groups.push((name, collection));
    }

    out.push_str("\n/// Every polymorphic enum, with its pages and checks.\n");
    out.push_str("pub static GROUPS: &[Group] = &[\n");
    for (name, collection) in groups {
        out.push_str("    Group {\n");
        let _ = writeln!(out, "        name: {name:?},");
        let _ = writeln!(out, "        type_name: <{name} as odata::ODataType>::TYPE_NAME,");
        let _ = writeln!(out, "        collection: <{name} as odata::EntitySet>::COLLECTION_PATH,");
        out.push_str("        pages: &[\n");
        for page in &collection.pages {
            let _ = writeln!(out, "            {:?},", page.page);
        }
        out.push_str("        ],\n");
        let _ = writeln!(out, "        check: check_variant::<{name}>,");
        let _ = writeln!(out, "        check_list: check_list::<{name}>,");
        out.push_str("    },\n");
    }
    out.push_str("];\n");
    out
}

/// Placeholder for a group key inside a type written before the groups had names.
const KEY_MARK: char = '\u{1}';

impl Complex<'_> {
    /// `rust_type` for a shape whose structs are not named yet: keys are marked and replaced
    /// by [`resolve`](Self::resolve).
    fn rust_type_unnamed(&self, shape: &Shape) -> String {
        match shape {
            Shape::Array(element) => format!("Vec<{}>", self.rust_type_unnamed(element)),
            Shape::Object(key) => format!("{KEY_MARK}{key}{KEY_MARK}"),
            other => self.rust_type(other),
        }
    }

    fn resolve(&self, ty: &str) -> String {
        let mut resolved = String::with_capacity(ty.len());
        let mut parts = ty.split(KEY_MARK);
        while let Some(text) = parts.next() {
            resolved.push_str(text);
            if let Some(key) = parts.next() {
                resolved.push_str(&self.names[key]);
            }
        }
        resolved
    }
}
