//! Bound operations: actions (`POST .../{key}/createToken`, the parameters in a JSON body)
//! and functions (`GET .../{key}/getX(p=literal,...)`, the parameters in the URL).

use std::borrow::Cow;

use base64::Engine as _;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::ser::SerializeMap as _;
use serde::{Serialize, Serializer};

use crate::{Binary, Date, DateTimeOffset, Duration, Guid, Int64, ODataResource, TimeOfDay};

/// Whether an operation is an action or a function, which decides how
/// [`Service::invoke`](crate::Service::invoke) calls it.
///
/// ```
/// use odata::OperationKind;
///
/// assert_ne!(OperationKind::Action, OperationKind::Function);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OperationKind {
    /// May change state: a `POST`, the parameters in a JSON body.
    Action,
    /// Has no side effects: a `GET`, the parameters written as literals in the URL.
    Function,
}

/// An action or function bound to an entity type, declared with `#[derive(ODataOperation)]`.
/// The struct's fields are the operation's parameters; call it on one entity with
/// [`Service::invoke`](crate::Service::invoke).
///
/// An action's parameters are sent as a JSON object, by wire name; a field declared
/// `Option<_>` that is `None` is left out of it, and an action without parameters is sent
/// without a body. A function's parameters are written into the URL as
/// [literals](ODataLiteral); there a `None` is written as `null`.
///
/// Container attributes: `action = "name"` or `function = "name"` (exactly one; a simple
/// identifier, or a qualified `Namespace.name`), `binding = EntityType` (required),
/// `rename_all` (default `camelCase`) and `crate`. Field attribute: `rename = "wireName"`.
///
/// ```
/// use odata::{DateTimeOffset, ODataOperation, ODataResource, OperationKind, Service};
///
/// #[derive(ODataResource)]
/// #[odata(type = "microsoft.graph.androidForWorkEnrollmentProfile",
///         collection = "/deviceManagement/androidForWorkEnrollmentProfiles")]
/// pub struct AndroidForWorkEnrollmentProfile {
///     #[odata(key, read_only)]
///     pub id: Option<String>,
/// }
///
/// #[derive(ODataOperation)]
/// #[odata(action = "createToken", binding = AndroidForWorkEnrollmentProfile)]
/// pub struct CreateToken {
///     pub token_validity_in_seconds: i32,
/// }
///
/// #[derive(ODataOperation)]
/// #[odata(function = "getEffectivePermissions", binding = AndroidForWorkEnrollmentProfile)]
/// pub struct GetEffectivePermissions {
///     pub scope: String,
///     pub since: DateTimeOffset,
/// }
///
/// assert_eq!(CreateToken::NAME, "createToken");
/// assert_eq!(CreateToken::KIND, OperationKind::Action);
/// assert_eq!(CreateToken::PARAMETERS, ["tokenValidityInSeconds"]);
///
/// let service = Service::new("https://graph.microsoft.com/beta");
/// let request = service.invoke("e6742553", &CreateToken { token_validity_in_seconds: 3600 });
/// assert_eq!(request.method(), "POST");
/// assert_eq!(
///     request.uri(),
///     "https://graph.microsoft.com/beta/deviceManagement/androidForWorkEnrollmentProfiles/e6742553/createToken"
/// );
/// assert_eq!(request.body(), br#"{"tokenValidityInSeconds":3600}"#);
///
/// let since = "2024-01-01T00:00:00Z".parse().unwrap();
/// let request = service.invoke("e6742553", &GetEffectivePermissions { scope: "a'b".into(), since });
/// assert_eq!(request.method(), "GET");
/// assert_eq!(
///     request.uri(),
///     "https://graph.microsoft.com/beta/deviceManagement/androidForWorkEnrollmentProfiles/e6742553/getEffectivePermissions(scope='a''b',since=2024-01-01T00:00:00Z)"
/// );
/// ```
pub trait ODataOperation {
    /// The entity type the operation is bound to: one entity of it ([`EntityBound`]), or a
    /// collection of them ([`CollectionBound`]).
    type Binding: ODataResource;

    /// What the operation returns (`returns = Type`; `()` when it returns nothing), read from
    /// its answer by [`operation_result`](crate::operation_result).
    type Output: crate::ReturnValue;

    /// What CSDL needs of the operation, as data: its name, kind, binding, parameters' Edm
    /// types and return type. With the `csdl` feature, `odata::csdl::Document::add_operation`
    /// writes it and `odata::csdl::Metadata::check_operation` checks it; without it, a binding,
    /// parameter or return type that is a derived type is [`EdmType::UNKNOWN`], since the
    /// derives then describe no type.
    ///
    /// [`EdmType::UNKNOWN`]: crate::csdl::EdmType::UNKNOWN
    const DESCRIPTION: crate::csdl::OperationDescription;

    /// The operation's name as the URL writes it: `createToken`, or a qualified
    /// `microsoft.graph.createToken` for services that want one.
    const NAME: &'static str = Self::DESCRIPTION.name;

    /// Action or function.
    const KIND: OperationKind = Self::DESCRIPTION.kind;

    /// The parameters' wire names, in declaration order (none unless given).
    const PARAMETERS: &'static [&'static str] = &[];

    /// Writes an action's parameters as a JSON object; `None` members are left out. A
    /// function's are in its URL, and it writes `{}` should anything ask for a body, as does
    /// an action without parameters.
    #[doc(hidden)]
    fn __serialize_parameters<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_map(Some(0))?.end()
    }

    /// Writes a function's parameters as `name=literal` pairs. An action's are in its body,
    /// and it appends none.
    #[doc(hidden)]
    #[inline]
    fn __append_parameters(&self, parameters: &mut FunctionParameters<'_>) {
        let _ = parameters;
    }
}

/// An operation bound to one entity (`/users/{id}/changePassword`): the
/// [`Service::invoke`](crate::Service::invoke) kind. `#[derive(ODataOperation)]` implements it
/// unless the operation is `collection_bound`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is bound to a collection of entities, not to one entity",
    label = "a collection-bound operation",
    note = "call it on the collection: `service.invoke_on_collection(&operation)`, or `service.invoke_on(&path, &operation)`"
)]
pub trait EntityBound: ODataOperation {}

/// An operation bound to a collection of entities (`/users/delta()`): the
/// [`Service::invoke_on_collection`](crate::Service::invoke_on_collection) kind, declared with
/// `#[odata(collection_bound)]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is bound to one entity, not to a collection",
    label = "an entity-bound operation",
    note = "call it on one entity: `service.invoke(key, &operation)`, or `service.invoke_at(&path, &operation)`"
)]
pub trait CollectionBound: ODataOperation {}

/// An action's parameters as the JSON body of its `POST`.
pub(crate) struct ActionBody<'a, O: ?Sized>(pub(crate) &'a O);

impl<O: ODataOperation + ?Sized> Serialize for ActionBody<'_, O> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.__serialize_parameters(serializer)
    }
}

/// A value that can stand as a function parameter in a URL, written as an OData literal.
///
/// Strings are quoted with `'` doubled inside; numbers and booleans are written as they are;
/// `Guid`, `Date`, `DateTimeOffset` and `TimeOfDay` unquoted; `Duration` as
/// `duration'...'`, `Binary` as `binary'...'` (base64url); `None` as `null`. An enumeration
/// parameter held as a `String` is written `'Member'`, which OData 4.01 services accept.
///
/// The literal is written unescaped: [`Service::invoke`](crate::Service::invoke)
/// percent-encodes it, so that no value can leave its place in the parameter list. Implement
/// it for your own parameter types by delegating to one of these.
///
/// ```
/// use odata::{Duration, Guid, ODataLiteral};
///
/// assert_eq!("O'Neil".to_literal(), "'O''Neil'");
/// assert_eq!(42.to_literal(), "42");
/// assert_eq!(f64::NEG_INFINITY.to_literal(), "-INF");
/// assert_eq!(None::<bool>.to_literal(), "null");
/// let guid: Guid = "e6742553-2553-e674-5325-74e6532574e6".parse().unwrap();
/// assert_eq!(guid.to_literal(), "e6742553-2553-e674-5325-74e6532574e6");
/// let duration: Duration = "PT1H".parse().unwrap();
/// assert_eq!(duration.to_literal(), "duration'PT1H'");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a function parameter: it has no OData URL literal",
    label = "not an `ODataLiteral`",
    note = "a function's parameters are written into the URL: use a string, a number, `bool`, an Edm value type such as `odata::Guid`, an `Option` of one, or implement `odata::ODataLiteral`"
)]
pub trait ODataLiteral {
    /// Appends this value's literal, unescaped, to `literal`.
    fn write_literal(&self, literal: &mut String);

    /// This value's literal, unescaped.
    fn to_literal(&self) -> String {
        let mut literal = String::new();
        self.write_literal(&mut literal);
        literal
    }
}

fn write_string_literal(text: &str, literal: &mut String) {
    literal.push('\'');
    for (index, part) in text.split('\'').enumerate() {
        if index > 0 {
            literal.push_str("''");
        }
        literal.push_str(part);
    }
    literal.push('\'');
}

impl ODataLiteral for str {
    fn write_literal(&self, literal: &mut String) {
        write_string_literal(self, literal);
    }
}

impl ODataLiteral for String {
    fn write_literal(&self, literal: &mut String) {
        write_string_literal(self, literal);
    }
}

impl ODataLiteral for Cow<'_, str> {
    fn write_literal(&self, literal: &mut String) {
        write_string_literal(self, literal);
    }
}

impl<T: ODataLiteral + ?Sized> ODataLiteral for &T {
    fn write_literal(&self, literal: &mut String) {
        (**self).write_literal(literal);
    }
}

impl<T: ODataLiteral + ?Sized> ODataLiteral for Box<T> {
    fn write_literal(&self, literal: &mut String) {
        (**self).write_literal(literal);
    }
}

impl<T: ODataLiteral> ODataLiteral for Option<T> {
    fn write_literal(&self, literal: &mut String) {
        match self {
            Some(value) => value.write_literal(literal),
            None => literal.push_str("null"),
        }
    }
}

/// A collection parameter, written as the URL conventions' JSON array (`["a","b"]`, `[1,2]`):
/// each value as its JSON, which for the literal types of this crate never fails to write.
///
/// ```
/// use odata::ODataLiteral;
///
/// assert_eq!(vec!["a'b".to_string(), "c".into()].to_literal(), r#"["a'b","c"]"#);
/// assert_eq!(vec![1, 2].to_literal(), "[1,2]");
/// ```
impl<T: ODataLiteral + Serialize> ODataLiteral for Vec<T> {
    fn write_literal(&self, literal: &mut String) {
        match serde_json::to_string(self) {
            Ok(json) => literal.push_str(&json),
            // Only a `Serialize` of the user's own that fails gets here; `null` tells the
            // service that the value is missing rather than sending a wrong one.
            Err(_) => literal.push_str("null"),
        }
    }
}

/// Types whose `Display` is already their OData literal.
macro_rules! display_literals {
    ($($ty:ty),*) => {$(
        impl ODataLiteral for $ty {
            fn write_literal(&self, literal: &mut String) {
                use core::fmt::Write as _;
                // Writing into a String cannot fail.
                let _ = write!(literal, "{self}");
            }
        }
    )*};
}

display_literals!(bool, i8, i16, i32, i64, u8, u16, u32, u64, Int64, Guid, Date, DateTimeOffset, TimeOfDay);

/// Finite values in Rust's shortest form that reads back the same (`1.0`, `1e-7`); the
/// others as OData spells them.
macro_rules! float_literals {
    ($($ty:ty),*) => {$(
        impl ODataLiteral for $ty {
            fn write_literal(&self, literal: &mut String) {
                use core::fmt::Write as _;
                if self.is_nan() {
                    literal.push_str("NaN");
                } else if self.is_infinite() {
                    literal.push_str(if *self > 0.0 { "INF" } else { "-INF" });
                } else {
                    let _ = write!(literal, "{self:?}");
                }
            }
        }
    )*};
}

float_literals!(f32, f64);

impl ODataLiteral for Duration {
    fn write_literal(&self, literal: &mut String) {
        literal.push_str("duration'");
        literal.push_str(self.as_str());
        literal.push('\'');
    }
}

impl ODataLiteral for Binary {
    fn write_literal(&self, literal: &mut String) {
        // OData's binary literal is base64url (RFC 4648 section 5); padding is optional.
        literal.push_str("binary'");
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode_string(self.as_bytes(), literal);
        literal.push('\'');
    }
}

/// The text as it was read or parsed, which is already a `decimalValue` (`NaN`, `INF` and
/// `-INF` included).
///
/// ```
/// use odata::{Decimal, ODataLiteral};
///
/// let price: Decimal = serde_json::from_str("1234567890.123456789012345").unwrap();
/// assert_eq!(price.to_literal(), "1234567890.123456789012345");
/// ```
impl ODataLiteral for crate::Decimal {
    fn write_literal(&self, literal: &mut String) {
        literal.push_str(self.as_str());
    }
}

/// The ABNF's `geographyPoint`, `geographyPolygon`, ... form, with the SRID of `crs` (4326
/// without one); [`Geo::geometry_literal`](crate::Geo::geometry_literal) writes the
/// `geometry'...'` form.
///
/// ```
/// use odata::{Geo, ODataLiteral};
///
/// let point = Geo::point(-122.131577, 47.678581).unwrap();
/// assert_eq!(point.to_literal(), "geography'SRID=4326;Point(-122.131577 47.678581)'");
/// ```
impl ODataLiteral for crate::Geo {
    fn write_literal(&self, literal: &mut String) {
        self.write_prefixed_literal("geography", 4326, literal);
    }
}

/// Escaped in a function's parameter list: everything but RFC 3986's unreserved characters,
/// the quote that delimits literals (doubled inside a string, so never unbalanced) and `:`
/// of times and qualified names. `(`, `)`, `,`, `=`, `/`, `?`, `#`, `%`, `+` and spaces are
/// escaped, so no literal can end the list, add a segment, a query or a fragment.
pub(crate) const LITERAL_ESCAPED: &AsciiSet =
    &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~').remove(b'\'').remove(b':');

/// Writes a function's `name=literal` pairs into its URL; generated code calls
/// [`push`](Self::push) once per parameter.
#[doc(hidden)]
pub struct FunctionParameters<'a> {
    url: &'a mut String,
    literal: String,
    first: bool,
}

impl<'a> FunctionParameters<'a> {
    pub(crate) fn new(url: &'a mut String) -> Self {
        FunctionParameters { url, literal: String::new(), first: true }
    }

    /// Appends `name=literal`, percent-encoded, after a `,` unless it is the first.
    pub fn push<T: ODataLiteral + ?Sized>(&mut self, name: &str, value: &T) {
        if !self.first {
            self.url.push(',');
        }
        self.first = false;
        self.url.extend(utf8_percent_encode(name, LITERAL_ESCAPED));
        self.url.push('=');
        self.literal.clear();
        value.write_literal(&mut self.literal);
        self.url.extend(utf8_percent_encode(&self.literal, LITERAL_ESCAPED));
    }
}

/// Appends `(name=literal,...)` of a function's parameters to its URL.
pub(crate) fn append_function_parameters<O: ODataOperation + ?Sized>(operation: &O, url: &mut String) {
    url.push('(');
    operation.__append_parameters(&mut FunctionParameters::new(url));
    url.push(')');
}

/// The binding of an operation whose derive failed: its impl stands in so that code calling
/// the operation reports nothing but the derive's own errors. No value of it exists.
#[doc(hidden)]
#[derive(Debug)]
pub enum UnknownBinding {}

impl Serialize for UnknownBinding {
    fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        match *self {}
    }
}

impl<'de> serde::Deserialize<'de> for UnknownBinding {
    fn deserialize<D: serde::Deserializer<'de>>(_: D) -> Result<Self, D::Error> {
        Err(serde::de::Error::custom("the operation's `binding` is not declared"))
    }
}

impl crate::ODataType for UnknownBinding {
    const TYPE_NAME: &'static str = "";
    const PROPERTIES: &'static [crate::Property] = &[];
}

impl crate::__private::Structured for UnknownBinding {
    type Builder = ();

    fn empty_builder() {}

    fn read_property<'de, A: serde::de::MapAccess<'de>>(
        _: &mut (),
        _: usize,
        _: &mut A,
    ) -> Result<(), A::Error> {
        Ok(())
    }

    fn finish(_: ()) -> Result<Self, crate::__private::MissingProperty> {
        // No value is read as this type: its `Deserialize` refuses every input.
        Err(crate::__private::MissingProperty { property: "binding", type_name: "an unbound operation" })
    }

    fn write_properties<M: serde::ser::SerializeMap>(
        &self,
        _: &mut M,
        _: crate::__private::View,
    ) -> Result<(), M::Error> {
        match *self {}
    }
}

impl crate::EntitySet for UnknownBinding {
    const COLLECTION_PATH: &'static str = "";
}

impl ODataResource for UnknownBinding {
    const KEYS: &'static [&'static str] = &[];

    fn __append_key(&self, _: &mut String, _: crate::KeyStyle) -> bool {
        match *self {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_quoted_with_quotes_doubled() {
        assert_eq!("".to_literal(), "''");
        assert_eq!("'".to_literal(), "''''");
        assert_eq!("a''b".to_literal(), "'a''''b'");
        assert_eq!(String::from("x").to_literal(), "'x'");
        assert_eq!(Cow::Borrowed("x").to_literal(), "'x'");
    }

    #[test]
    fn numbers_and_special_floats() {
        assert_eq!((-7_i8).to_literal(), "-7");
        assert_eq!(u64::MAX.to_literal(), "18446744073709551615");
        assert_eq!(Int64::from(-9_007_199_254_740_993_i64).to_literal(), "-9007199254740993");
        assert_eq!(1.0_f64.to_literal(), "1.0");
        assert_eq!(0.5_f32.to_literal(), "0.5");
        assert_eq!(1e-7_f64.to_literal(), "1e-7");
        assert_eq!(f64::NAN.to_literal(), "NaN");
        assert_eq!(f32::INFINITY.to_literal(), "INF");
        assert_eq!(f64::NEG_INFINITY.to_literal(), "-INF");
        assert_eq!(true.to_literal(), "true");
    }

    #[test]
    fn edm_values() {
        let date: Date = "2024-02-29".parse().unwrap();
        assert_eq!(date.to_literal(), "2024-02-29");
        let time: TimeOfDay = "12:00:05.5020000".parse().unwrap();
        assert_eq!(time.to_literal(), "12:00:05.5020000");
        let moment: DateTimeOffset = "2016-12-31T23:59:54.0590989-08:00".parse().unwrap();
        assert_eq!(moment.to_literal(), "2016-12-31T23:59:54.0590989-08:00");
        assert_eq!(Binary::from(vec![0xfb, 0xff]).to_literal(), "binary'-_8'");
        assert_eq!(Some(Box::new(3_u8)).to_literal(), "3");
    }

    #[test]
    fn parameters_are_escaped_so_that_none_leaves_the_list() {
        let mut url = String::new();
        let mut parameters = FunctionParameters::new(&mut url);
        parameters.push("s", "a')/b?c#d,e=f%g h+i");
        parameters.push("t", &"2024-01-01T00:00:00+01:00".parse::<DateTimeOffset>().unwrap());
        assert_eq!(url, "s='a''%29%2Fb%3Fc%23d%2Ce%3Df%25g%20h%2Bi',t=2024-01-01T00:00:00%2B01:00");
    }
}
