//! Entity keys and how they are written into a request path.

use std::borrow::Cow;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::KeyStyle;

/// A value that identifies an entity in its entity set: `&str` and `String` (Graph's ids),
/// and the integer types.
///
/// ```
/// use odata::{KeyStyle, ODataKey};
///
/// let mut path = String::from("/users");
/// "a/b?c".append_key(&mut path, KeyStyle::Segment);
/// assert_eq!(path, "/users/a%2Fb%3Fc");
///
/// let mut path = String::from("/People");
/// "O'Neil".append_key(&mut path, KeyStyle::Parentheses);
/// assert_eq!(path, "/People('O''Neil')");
///
/// let mut path = String::from("/Orders");
/// 42_i64.append_key(&mut path, KeyStyle::Parentheses);
/// assert_eq!(path, "/Orders(42)");
/// ```
pub trait ODataKey {
    /// Appends the key to the path of the entity set, in `style`.
    fn append_key(&self, path: &mut String, style: KeyStyle);

    /// Appends the key of an entity whose key properties are `names`: a single key as
    /// [`append_key`](Self::append_key) writes it; the values of a composite key, given as a
    /// tuple in the order of `names`, as `(Name1=literal,Name2=literal)`, whatever `style`.
    /// `Err` carries how many values this key holds, when that is not how many `names` there
    /// are.
    #[doc(hidden)]
    fn __append_key_of(&self, names: &[&str], path: &mut String, style: KeyStyle) -> Result<(), usize> {
        if names.len() > 1 {
            return Err(1);
        }
        self.append_key(path, style);
        Ok(())
    }
}

/// Everything but RFC 3986's unreserved characters is escaped. A key's own `/`, `?`, `#`,
/// `%`, quotes and non-ASCII text are among the escaped characters, so no key can leave its
/// segment, add a query or a fragment, or be decoded into something else.
pub(crate) const KEY_ESCAPED: &AsciiSet =
    &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Inside `('...')` the quote is written doubled, as OData's string literal wants it.
const QUOTED_KEY_ESCAPED: &AsciiSet = &KEY_ESCAPED.remove(b'\'');

fn append_string_key(key: &str, path: &mut String, style: KeyStyle) {
    // An empty key or one of only dots would, as a segment, address the collection or a
    // parent path (URL parsers treat `%2E` as a dot), so those take the parenthesized form,
    // which every OData service, Graph included, understands.
    let segment_safe = !key.is_empty() && !key.bytes().all(|b| b == b'.');
    if style == KeyStyle::Segment && segment_safe {
        path.push('/');
        path.extend(utf8_percent_encode(key, KEY_ESCAPED));
    } else {
        let quoted: Cow<'_, str> =
            if key.contains('\'') { Cow::Owned(key.replace('\'', "''")) } else { Cow::Borrowed(key) };
        path.push_str("('");
        path.extend(utf8_percent_encode(&quoted, QUOTED_KEY_ESCAPED));
        path.push_str("')");
    }
}

fn append_integer_key(key: impl core::fmt::Display, path: &mut String, style: KeyStyle) {
    use core::fmt::Write as _;
    // Writing into a String cannot fail.
    let _ = match style {
        KeyStyle::Segment => write!(path, "/{key}"),
        KeyStyle::Parentheses => write!(path, "({key})"),
    };
}

impl ODataKey for str {
    fn append_key(&self, path: &mut String, style: KeyStyle) {
        append_string_key(self, path, style);
    }
}

impl ODataKey for String {
    fn append_key(&self, path: &mut String, style: KeyStyle) {
        append_string_key(self, path, style);
    }
}

impl ODataKey for Cow<'_, str> {
    fn append_key(&self, path: &mut String, style: KeyStyle) {
        append_string_key(self, path, style);
    }
}

impl<K: ODataKey + ?Sized> ODataKey for &K {
    fn append_key(&self, path: &mut String, style: KeyStyle) {
        (**self).append_key(path, style);
    }

    fn __append_key_of(&self, names: &[&str], path: &mut String, style: KeyStyle) -> Result<(), usize> {
        (**self).__append_key_of(names, path, style)
    }
}

/// The values of a composite key, in the order the entity type declares its key properties:
/// `service.get::<Trip>(("russellwhyte", 1001))` addresses `/Trips(UserName='russellwhyte',TripId=1001)`.
/// Each value is written as its [`ODataLiteral`](crate::ODataLiteral) and percent-encoded, so
/// that none can leave its place in the path.
macro_rules! composite_keys {
    ($($count:literal: $($part:ident $index:tt),+;)*) => {$(
        impl<$($part: crate::ODataLiteral),+> ODataKey for ($($part,)+) {
            /// The values in parentheses by position, `('x',1)`: an OData service needs the key
            /// properties' names as well, which the [`Service`](crate::Service) methods add.
            fn append_key(&self, path: &mut String, _: KeyStyle) {
                path.push('(');
                let mut literal = String::new();
                $(
                    if $index > 0 {
                        path.push(',');
                    }
                    literal.clear();
                    crate::ODataLiteral::write_literal(&self.$index, &mut literal);
                    path.extend(utf8_percent_encode(&literal, crate::operation::LITERAL_ESCAPED));
                )+
                path.push(')');
            }

            fn __append_key_of(&self, names: &[&str], path: &mut String, _: KeyStyle) -> Result<(), usize> {
                if names.len() != $count {
                    return Err($count);
                }
                path.push('(');
                let mut parts = crate::operation::FunctionParameters::new(path);
                $(parts.push(names[$index], &self.$index);)+
                path.push(')');
                Ok(())
            }
        }
    )*};
}

composite_keys! {
    2: A 0, B 1;
    3: A 0, B 1, C 2;
    4: A 0, B 1, C 2, D 3;
}

macro_rules! integer_keys {
    ($($int:ty),*) => {$(
        impl ODataKey for $int {
            fn append_key(&self, path: &mut String, style: KeyStyle) {
                append_integer_key(self, path, style);
            }
        }
    )*};
}

integer_keys!(i8, i16, i32, i64, u8, u16, u32, u64);

/// Appends `(Name1=literal,...)`, the key of an entity with a composite key; generated code
/// pushes each key property in `write`.
#[doc(hidden)]
pub fn append_named_key(
    path: &mut String,
    write: impl FnOnce(&mut crate::operation::FunctionParameters<'_>),
) {
    path.push('(');
    write(&mut crate::operation::FunctionParameters::new(path));
    path.push(')');
}

/// Written as its text, unquoted: `(1.5)` or `/1.5`.
///
/// ```
/// use odata::{Decimal, KeyStyle, ODataKey};
///
/// let mut path = String::from("/Products");
/// Decimal::parse("12.50").unwrap().append_key(&mut path, KeyStyle::Parentheses);
/// assert_eq!(path, "/Products(12.50)");
/// ```
impl ODataKey for crate::Decimal {
    fn append_key(&self, path: &mut String, style: KeyStyle) {
        append_integer_key(self, path, style);
    }
}
