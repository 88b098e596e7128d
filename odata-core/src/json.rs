//! JSON values, for what a model leaves untyped: `Edm.Untyped` properties, the undeclared
//! properties an `#[odata(additional)]` field keeps, and the raw objects of unknown types.
//!
//! These are serde_json's types, re-exported so that a crate of entity types can name them
//! while depending on `odata` alone.
//!
//! ```
//! use odata::json::{json, Object, Value};
//! use odata::ODataResource;
//!
//! #[derive(Debug, ODataResource)]
//! #[odata(type = "microsoft.graph.educationAssignment", collection = "/education/assignments")]
//! pub struct Assignment {
//!     #[odata(key, read_only)]
//!     pub id: Option<String>,
//!     /// An `Edm.Untyped` property: any JSON value.
//!     pub resource: Option<Value>,
//!     #[odata(additional)]
//!     pub additional: Object,
//! }
//!
//! let assignment: Assignment = serde_json::from_value(json!({
//!     "id": "1", "resource": {"kind": "link", "url": [1, 2]}, "dueDateTime": "2026-01-01T00:00:00Z"
//! })).unwrap();
//! assert_eq!(assignment.resource.as_ref().unwrap()["url"][1], 2);
//! assert_eq!(assignment.additional["dueDateTime"], "2026-01-01T00:00:00Z");
//! ```

/// Builds a [`Value`] from JSON written in Rust: `json!({"a": [1, null]})`.
pub use serde_json::json;
/// A JSON object; always `Map<String, Value>` (see [`Object`]). Like [`Value`], an alias,
/// so that diagnostics keep naming serde_json's type.
pub type Map<K, V> = serde_json::Map<K, V>;
/// A JSON number: an integer or an `f64`.
pub type Number = serde_json::Number;
/// Any JSON value: what an `Edm.Untyped` property holds.
///
/// An alias rather than a re-export: re-exported, `Value`'s variant `String` would be a second
/// public item of that name, and rustc would then spell `String` as `std::string::String` in
/// every diagnostic of a crate that depends on `odata`.
///
/// ```
/// let untyped: odata::json::Value = serde_json::from_str(r#"{"a": [1, "x"]}"#).unwrap();
/// assert_eq!(untyped["a"][1], "x");
/// ```
pub type Value = serde_json::Value;

/// A JSON object, by member name: what an `#[odata(additional)]` field holds (the field may
/// also be a `BTreeMap` or `HashMap` of `String` to [`Value`]), and what
/// [`RawObject`](crate::RawObject) keeps.
///
/// ```
/// let mut object = odata::json::Object::new();
/// object.insert("displayName".into(), "Adele".into());
/// assert_eq!(serde_json::to_string(&object).unwrap(), r#"{"displayName":"Adele"}"#);
/// ```
pub type Object = Map<String, Value>;
