//! CSDL enumeration types: [`ODataEnum`], derived for a Rust enum whose unit variants are
//! the members, and [`Flags`], the value of a flags enumeration (`IsFlags="true"`): a set of
//! members written `"a,b"`.
//!
//! A value that the model does not know (a member added to the service after the model was
//! written, such as those after Graph's `unknownFutureValue`) is never an error and never
//! lost: it reads into the enum's `#[odata(other)]` variant and is written back unchanged.

use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::ODataLiteral;

/// An enumeration type, declared with `#[derive(ODataEnum)]` on an enum whose unit variants
/// are its members and whose one `#[odata(other)]` newtype variant holds a `String`: the
/// member this crate does not know, kept as the service wrote it.
///
/// Members are written by name (`"high"`), by default the variant's name in camelCase;
/// `#[odata(rename = "...")]` names one otherwise, and `rename_all` changes the rule. As a
/// function parameter or in a filter, a member is the literal `Namespace.Type'member'`.
///
/// ```
/// use odata::ODataEnum;
///
/// #[derive(Debug, Clone, PartialEq, ODataEnum)]
/// #[odata(type = "microsoft.graph.riskLevel")]
/// pub enum RiskLevel {
///     Low,
///     Medium,
///     High,
///     UnknownFutureValue,
///     #[odata(other)]
///     Other(String),
/// }
///
/// assert_eq!(serde_json::to_string(&RiskLevel::High).unwrap(), r#""high""#);
/// let newer: RiskLevel = serde_json::from_str(r#""hidden""#).unwrap();
/// assert_eq!(newer, RiskLevel::Other("hidden".into()));
/// assert_eq!(serde_json::to_string(&newer).unwrap(), r#""hidden""#);
/// assert_eq!(odata::ODataLiteral::to_literal(&RiskLevel::Low), "microsoft.graph.riskLevel'low'");
/// ```
pub trait ODataEnum: Sized {
    /// The qualified name of the enumeration type, without `#`.
    const TYPE_NAME: &'static str;

    /// The wire names of the members this enum declares, in declaration order.
    const MEMBERS: &'static [&'static str];

    /// The member's name on the wire: a declared member's, or the kept unknown one.
    fn as_str(&self) -> &str;

    /// The member with this wire name, or the `other` variant holding it.
    fn from_name(name: &str) -> Self;

    /// Whether this is a member the enum declares (not one kept in `other`).
    fn is_known(&self) -> bool {
        Self::MEMBERS.contains(&self.as_str())
    }
}

/// `Serialize` of a derived enum: its member's name.
#[doc(hidden)]
#[inline]
pub fn serialize_enum<E: ODataEnum, S: Serializer>(value: &E, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value.as_str())
}

/// `Deserialize` of a derived enum: any string, a member it does not declare kept in `other`.
#[doc(hidden)]
pub fn deserialize_enum<'de, E: ODataEnum, D: Deserializer<'de>>(deserializer: D) -> Result<E, D::Error> {
    // A `match`, not `?`: `?` is one more function per enumeration type in a program.
    match deserializer.deserialize_str(MemberVisitor { type_name: E::TYPE_NAME, members: E::MEMBERS }) {
        Ok(Ok(index)) => Ok(E::from_name(E::MEMBERS[index])),
        Ok(Err(unknown)) => Ok(E::from_name(&unknown)),
        Err(error) => Err(error),
    }
}

/// The index of the member named `name` in `members` (an enumeration's
/// [`MEMBERS`](ODataEnum::MEMBERS)): how a derived enum's `from_name` finds its variant.
#[doc(hidden)]
pub fn member_index(members: &[&str], name: &str) -> Option<usize> {
    members.iter().position(|member| *member == name)
}

/// Reads a member's name as the index of a declared member, or the unknown name itself: one
/// visitor for every enumeration type, not one per type.
struct MemberVisitor {
    type_name: &'static str,
    members: &'static [&'static str],
}

impl Visitor<'_> for MemberVisitor {
    type Value = Result<usize, String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a member of `{}` as a string", self.type_name)
    }

    fn visit_str<Er: de::Error>(self, name: &str) -> Result<Self::Value, Er> {
        Ok(member_index(self.members, name).ok_or_else(|| name.to_owned()))
    }
}

/// The literal of a member, `Namespace.Type'member'`, with `'` doubled.
#[doc(hidden)]
pub fn write_enum_literal(type_name: &str, member: &str, literal: &mut String) {
    literal.push_str(type_name);
    literal.push('\'');
    push_quoted(member, literal);
    literal.push('\'');
}

fn push_quoted(text: &str, literal: &mut String) {
    for ch in text.chars() {
        if ch == '\'' {
            literal.push('\'');
        }
        literal.push(ch);
    }
}

/// The value of a flags enumeration (`IsFlags="true"` in CSDL): the members that are set,
/// written as `"a,b"` in the order they were read or added. Members it does not know are
/// kept (in `E`'s `other` variant) like any other.
///
/// ```
/// use odata::{Flags, ODataEnum};
///
/// #[derive(Debug, Clone, PartialEq, ODataEnum)]
/// #[odata(type = "microsoft.graph.weekIndex")]
/// pub enum Day {
///     Monday,
///     Tuesday,
///     #[odata(other)]
///     Other(String),
/// }
///
/// let days: Flags<Day> = serde_json::from_str(r#""monday, tuesday,caturday""#).unwrap();
/// assert!(days.contains(&Day::Tuesday));
/// assert_eq!(days.len(), 3);
/// assert_eq!(serde_json::to_string(&days).unwrap(), r#""monday,tuesday,caturday""#);
/// assert_eq!(odata::ODataLiteral::to_literal(&days), "microsoft.graph.weekIndex'monday,tuesday,caturday'");
/// assert_eq!(Flags::from_iter([Day::Monday]).to_string(), "monday");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Flags<E> {
    members: Vec<E>,
}

impl<E> Flags<E> {
    /// No member set.
    pub fn new() -> Self {
        Flags { members: Vec::new() }
    }

    /// The members, in order.
    pub fn iter(&self) -> core::slice::Iter<'_, E> {
        self.members.iter()
    }

    /// How many members are set.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether no member is set.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }
}

impl<E: PartialEq> Flags<E> {
    /// Whether `member` is set.
    pub fn contains(&self, member: &E) -> bool {
        self.members.contains(member)
    }

    /// Sets `member`; a member already set is not repeated.
    pub fn insert(&mut self, member: E) {
        if !self.contains(&member) {
            self.members.push(member);
        }
    }

    /// Clears `member`; returns whether it was set.
    pub fn remove(&mut self, member: &E) -> bool {
        let before = self.members.len();
        self.members.retain(|set| set != member);
        self.members.len() != before
    }
}

impl<E> Default for Flags<E> {
    fn default() -> Self {
        Flags::new()
    }
}

impl<E: PartialEq> FromIterator<E> for Flags<E> {
    fn from_iter<I: IntoIterator<Item = E>>(members: I) -> Self {
        let mut flags = Flags::new();
        for member in members {
            flags.insert(member);
        }
        flags
    }
}

impl<E> IntoIterator for Flags<E> {
    type Item = E;
    type IntoIter = std::vec::IntoIter<E>;

    fn into_iter(self) -> Self::IntoIter {
        self.members.into_iter()
    }
}

impl<'a, E> IntoIterator for &'a Flags<E> {
    type Item = &'a E;
    type IntoIter = core::slice::Iter<'a, E>;

    fn into_iter(self) -> Self::IntoIter {
        self.members.iter()
    }
}

/// The wire form: the members' names joined by `,`.
impl<E: ODataEnum> fmt::Display for Flags<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, member) in self.members.iter().enumerate() {
            if index > 0 {
                f.write_str(",")?;
            }
            f.write_str(member.as_str())?;
        }
        Ok(())
    }
}

impl<E: ODataEnum> Serialize for Flags<E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de, E: ODataEnum + PartialEq> Deserialize<'de> for Flags<E> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FlagsVisitor<E>(PhantomData<E>);

        impl<E: ODataEnum + PartialEq> Visitor<'_> for FlagsVisitor<E> {
            type Value = Flags<E>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "members of `{}` as a string such as \"a,b\"", E::TYPE_NAME)
            }

            fn visit_str<Er: de::Error>(self, text: &str) -> Result<Flags<E>, Er> {
                let mut flags = Flags::new();
                for name in text.split(',').map(str::trim) {
                    if name.is_empty() {
                        if text.trim().is_empty() {
                            continue;
                        }
                        return Err(Er::custom(format_args!(
                            "`{text}` is not a value of the flags type `{}`: it has an empty member",
                            E::TYPE_NAME
                        )));
                    }
                    flags.insert(E::from_name(name));
                }
                Ok(flags)
            }
        }

        deserializer.deserialize_str(FlagsVisitor(PhantomData))
    }
}

/// `Namespace.Type'a,b'`; no member set is `Namespace.Type'0'`, the value of no flag, as the
/// ABNF's `enumValue` has no empty form.
///
/// ```
/// use odata::{Flags, ODataEnum, ODataLiteral};
///
/// #[derive(Debug, Clone, PartialEq, ODataEnum)]
/// #[odata(type = "microsoft.graph.userRole")]
/// pub enum UserRole { Admin, Guest, #[odata(other)] Other(String) }
///
/// assert_eq!(Flags::from_iter([UserRole::Admin, UserRole::Guest]).to_literal(), "microsoft.graph.userRole'admin,guest'");
/// assert_eq!(Flags::<UserRole>::new().to_literal(), "microsoft.graph.userRole'0'");
/// ```
impl<E: ODataEnum> ODataLiteral for Flags<E> {
    fn write_literal(&self, literal: &mut String) {
        if self.is_empty() {
            write_enum_literal(E::TYPE_NAME, "0", literal);
        } else {
            write_enum_literal(E::TYPE_NAME, &self.to_string(), literal);
        }
    }
}

/// What an `#[odata(other)]` variant of an enumeration holds: the member's name as written.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "an `#[odata(other)]` member holds a `String`, not `{Self}`",
    label = "write `String` here",
    note = "a member this crate does not know is kept by name, as the service wrote it"
)]
pub trait OtherMember {
    /// The kept name.
    fn from_name(name: &str) -> Self;

    /// The name, written back.
    fn name(&self) -> &str;
}

impl OtherMember for String {
    fn from_name(name: &str) -> Self {
        name.to_owned()
    }

    fn name(&self) -> &str {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::{push_quoted, write_enum_literal};

    #[test]
    fn a_member_literal_doubles_quotes() {
        let mut literal = String::new();
        write_enum_literal("ns.kind", "it's", &mut literal);
        assert_eq!(literal, "ns.kind'it''s'");
        let mut plain = String::new();
        push_quoted("plain", &mut plain);
        assert_eq!(plain, "plain");
    }
}
