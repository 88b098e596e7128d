//! What a bound operation answers with, read by [`operation_result`]: nothing, one entity or
//! complex value (the body itself), or a primitive or a collection (the body's `value`).

use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, DeserializeOwned, IgnoredAny, MapAccess, Visitor};
use serde::Deserializer;

use crate::response::failure;
use crate::{Error, Flags, ODataEnum, ODataOperation, ODataType};

/// The type of an operation's return value, as its response body holds it: an entity or a
/// complex value is the body itself; a primitive, an enumeration member or a collection is
/// the body's `value` (`{"value": [...]}`); `()` is no return value at all.
///
/// `#[derive(ODataOperation)]` takes it as `returns = Type`; without `returns`, `Output` is `()`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be an operation's return value",
    label = "not an OData return type",
    note = "an operation returns an OData type (derived with `ODataResource`, `ODataComplex` or `ODataEnum`), a primitive such as `String`, `i32` or an Edm type, a `Vec` of one of those, or `()`"
)]
pub trait ReturnValue: Sized {
    /// Reads the value from a successful response's body.
    #[doc(hidden)]
    fn __from_body(body: &[u8]) -> Result<Self, serde_json::Error>;
}

/// The `value` of a primitive or collection result's body, `{"@odata.context": ..., "value": ...}`.
fn wrapped<T: DeserializeOwned>(body: &[u8]) -> Result<T, serde_json::Error> {
    struct ValueMember<T>(PhantomData<T>);

    impl<'de, T: DeserializeOwned> Visitor<'de> for ValueMember<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object holding the return value as `value`")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
            let mut value = None;
            while let Some(name) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                if name == "value" {
                    if value.is_some() {
                        return Err(de::Error::duplicate_field("value"));
                    }
                    value = Some(
                        map.next_value::<T>().map_err(|error| crate::wire::in_property("value", error))?,
                    );
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            value.ok_or_else(|| de::Error::missing_field("value"))
        }
    }

    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let value = (&mut deserializer).deserialize_map(ValueMember(PhantomData))?;
    deserializer.end()?;
    Ok(value)
}

/// No return value: the body, if any, is not read.
impl ReturnValue for () {
    fn __from_body(_: &[u8]) -> Result<Self, serde_json::Error> {
        Ok(())
    }
}

/// An entity or a complex value, as the body.
impl<T: ODataType + DeserializeOwned> ReturnValue for T {
    fn __from_body(body: &[u8]) -> Result<Self, serde_json::Error> {
        serde_json::from_slice(body)
    }
}

/// A collection, as the body's `value`.
impl<T: DeserializeOwned> ReturnValue for Vec<T> {
    fn __from_body(body: &[u8]) -> Result<Self, serde_json::Error> {
        wrapped(body)
    }
}

/// A flags value, as the body's `value`.
impl<E: ODataEnum + PartialEq> ReturnValue for Flags<E> {
    fn __from_body(body: &[u8]) -> Result<Self, serde_json::Error> {
        wrapped(body)
    }
}

macro_rules! primitive_returns {
    ($($ty:ty),*) => {$(
        /// A primitive, as the body's `value`.
        impl ReturnValue for $ty {
            fn __from_body(body: &[u8]) -> Result<Self, serde_json::Error> {
                wrapped(body)
            }
        }
    )*};
}

primitive_returns!(
    String,
    bool,
    i8,
    i16,
    i32,
    i64,
    u8,
    f32,
    f64,
    crate::Binary,
    crate::Date,
    crate::DateTimeOffset,
    crate::Decimal,
    crate::Duration,
    crate::Geo,
    crate::Guid,
    crate::Int64,
    crate::Stream,
    crate::TimeOfDay,
    serde_json::Value
);

/// An enumeration member returned by an operation, as the body's `value`; generated code
/// calls it from the `ReturnValue` impl of a derived enumeration type. Inline and without a
/// closure, so that an enumeration no operation returns costs its crate no code.
#[doc(hidden)]
#[inline]
pub fn enum_from_body<E: ODataEnum>(body: &[u8]) -> Result<E, serde_json::Error> {
    let name = member_from_body(body)?;
    Ok(E::from_name(&name))
}

/// The member's name in an enumeration result's body: compiled once, for every enumeration.
fn member_from_body(body: &[u8]) -> Result<String, serde_json::Error> {
    wrapped(body)
}

/// Reads the answer to a bound operation `O` (see [`Service::invoke`](crate::Service::invoke)):
/// a success is `O::Output` read from the body; a failure is an error as in
/// [`from_response`](crate::from_response).
///
/// ```
/// use odata::{operation_result, ODataOperation, ODataResource};
///
/// #[derive(ODataResource)]
/// #[odata(type = "microsoft.graph.user", collection = "/users")]
/// pub struct User {
///     #[odata(key, read_only)]
///     pub id: Option<String>,
/// }
///
/// #[derive(ODataOperation)]
/// #[odata(action = "checkMemberGroups", binding = User, returns = Vec<String>)]
/// pub struct CheckMemberGroups {
///     pub group_ids: Vec<String>,
/// }
///
/// let answer = http::Response::builder().status(200).body(br#"{"value": ["g1", "g7"]}"#.to_vec()).unwrap();
/// let groups = operation_result::<CheckMemberGroups>(answer).unwrap();
/// assert_eq!(groups, ["g1", "g7"]);
/// ```
///
/// # Errors
/// [`Error::Service`] or [`Error::Status`] for a failure; [`Error::Body`] when the body is not
/// the return value.
pub fn operation_result<O: ODataOperation>(
    response: http::Response<impl AsRef<[u8]>>,
) -> Result<O::Output, Error> {
    let status = response.status();
    let body = response.body().as_ref();
    if !status.is_success() {
        return Err(failure(status, body));
    }
    O::Output::__from_body(body).map_err(|source| Error::Body { status, source })
}
