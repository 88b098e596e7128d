//! `$filter` expressions, built from typed handles and written as the OData ABNF says.

use core::fmt;
use core::marker::PhantomData;
use std::borrow::Cow;

use super::prop::Prop;
use crate::enum_type::write_enum_literal;
use crate::{
    Binary, Date, DateTimeOffset, Decimal, Duration, Flags, Guid, Int64, ODataEnum, ODataLiteral, TimeOfDay,
};

/// What may stand on the right of a comparison with a property holding a `T`: a value of
/// `T`'s Edm type (written as its [`ODataLiteral`]), or another property of the same type.
///
/// This is what makes a comparison type-safe: `Prop<User, String>` compares with `&str`,
/// `String` or another `Prop<User, String>`, and with nothing else.
///
/// ```compile_fail
/// # use odata::query::Prop;
/// struct User;
/// const DISPLAY_NAME: Prop<User, String> = Prop::new("displayName");
/// let filter = DISPLAY_NAME.eq(42); // an Edm.String is not compared with an Int32
/// ```
///
/// ```compile_fail
/// # use odata::query::Prop;
/// # use odata::Guid;
/// struct User;
/// const ID: Prop<User, Guid> = Prop::new("id");
/// let filter = ID.eq("e6742553-2553-e674-5325-74e6532574e6"); // a string is no Guid
/// ```
///
/// ```
/// # use odata::query::Prop;
/// struct User;
/// const AGE: Prop<User, i64> = Prop::new("age");
/// assert_eq!(AGE.ge(18_u8).to_string(), "age ge 18"); // widening is fine
/// ```
///
/// Every Edm type compares with its own values: an `Edm.Decimal` with a
/// [`Decimal`](crate::Decimal) (or an integer, which widens to it), an enumeration property
/// with a member of its [`ODataEnum`](crate::ODataEnum), a flags property with a
/// [`Flags`](crate::Flags) of its enumeration, written `Namespace.Type'member'`.
///
/// ```
/// use odata::query::Prop;
/// use odata::{Decimal, Flags, ODataEnum};
///
/// #[derive(Debug, Clone, PartialEq, ODataEnum)]
/// #[odata(type = "microsoft.graph.riskLevel")]
/// pub enum RiskLevel { Low, High, #[odata(other)] Other(String) }
///
/// struct User;
/// const SALARY: Prop<User, Decimal> = Prop::new("salary");
/// const RISK: Prop<User, RiskLevel> = Prop::new("riskLevel");
/// const RISKS: Prop<User, Flags<RiskLevel>> = Prop::new("risks");
///
/// let salary: Decimal = "1234567890.123456789012345".parse().unwrap();
/// assert_eq!(SALARY.gt(salary).to_string(), "salary gt 1234567890.123456789012345");
/// assert_eq!(SALARY.le(100).to_string(), "salary le 100");
/// assert_eq!(RISK.eq(RiskLevel::High).to_string(), "riskLevel eq microsoft.graph.riskLevel'high'");
/// let both = Flags::from_iter([RiskLevel::Low, RiskLevel::High]);
/// assert_eq!(RISKS.eq(&both).to_string(), "risks eq microsoft.graph.riskLevel'low,high'");
/// ```
///
/// ```compile_fail
/// # use odata::query::Prop;
/// # #[derive(Debug, Clone, PartialEq, odata::ODataEnum)]
/// # #[odata(type = "microsoft.graph.riskLevel")]
/// # pub enum RiskLevel { Low, High, #[odata(other)] Other(String) }
/// struct User;
/// const RISK: Prop<User, RiskLevel> = Prop::new("riskLevel");
/// let filter = RISK.eq("high"); // a member is named by its enum, not by a string
/// ```
#[diagnostic::on_unimplemented(
    message = "a property holding `{T}` cannot be compared with `{Self}`",
    label = "not a value of the property's Edm type",
    note = "compare with a value of the property's own type (or one that widens to it without loss), or with another property of that type"
)]
pub trait Operand<Owner, T> {
    /// Appends the operand, unescaped, to `out`.
    fn write_operand(&self, out: &mut String);
}

impl<Owner, T> Operand<Owner, T> for Prop<Owner, T> {
    fn write_operand(&self, out: &mut String) {
        self.path().write(out);
    }
}

impl<Owner, T, V: Operand<Owner, T>> Operand<Owner, T> for Option<V> {
    fn write_operand(&self, out: &mut String) {
        match self {
            Some(value) => value.write_operand(out),
            None => out.push_str("null"),
        }
    }
}

/// `impl Operand<_, Target> for Source` for each source type whose values are values of the
/// target's Edm type, written by the one literal writer, [`ODataLiteral`].
macro_rules! operands {
    ($($target:ty: $($source:ty),+;)*) => {$($(
        impl<Owner> Operand<Owner, $target> for $source {
            fn write_operand(&self, out: &mut String) {
                self.write_literal(out);
            }
        }
    )+)*};
}

operands! {
    String: &str, String, &String, Cow<'_, str>;
    bool: bool;
    u8: u8;
    i8: i8;
    i16: i16, i8, u8;
    i32: i32, i16, i8, u8, u16;
    i64: i64, i32, i16, i8, u8, u16, u32, Int64;
    Int64: Int64, i64, i32, i16, i8, u8, u16, u32;
    f32: f32;
    f64: f64, f32;
    Guid: Guid, &Guid;
    Date: Date, &Date;
    DateTimeOffset: DateTimeOffset, &DateTimeOffset;
    TimeOfDay: TimeOfDay, &TimeOfDay;
    Duration: Duration, &Duration;
    Binary: Binary, &Binary;
    Decimal: Decimal, &Decimal, Int64, i64, i32, i16, i8, u8, u16, u32;
}

/// A member of the property's enumeration type: `Namespace.Type'member'`.
impl<Owner, E: ODataEnum> Operand<Owner, E> for E {
    fn write_operand(&self, out: &mut String) {
        write_enum_literal(E::TYPE_NAME, self.as_str(), out);
    }
}

/// A member of the property's enumeration type: `Namespace.Type'member'`.
impl<Owner, E: ODataEnum> Operand<Owner, E> for &E {
    fn write_operand(&self, out: &mut String) {
        write_enum_literal(E::TYPE_NAME, self.as_str(), out);
    }
}

/// Members of the property's flags type: `Namespace.Type'a,b'`.
impl<Owner, E: ODataEnum> Operand<Owner, Flags<E>> for Flags<E> {
    fn write_operand(&self, out: &mut String) {
        self.write_literal(out);
    }
}

/// Members of the property's flags type: `Namespace.Type'a,b'`.
impl<Owner, E: ODataEnum> Operand<Owner, Flags<E>> for &Flags<E> {
    fn write_operand(&self, out: &mut String) {
        self.write_literal(out);
    }
}

/// What `has` takes on a property holding `T`: members of `T`'s enumeration type, never a
/// string, a property or `null` (the ABNF's `hasExpr` wants an enumeration literal). For an
/// enumeration property (`T` an [`ODataEnum`]) that is one member; for a flags property
/// (`T` a [`Flags<E>`](crate::Flags)) one member of `E` or a `Flags<E>` of several.
///
/// `T: Members<T>` is also what makes `has` a method of enumeration and flags handles only:
/// on any other property it does not compile.
///
/// ```compile_fail
/// # use odata::query::Prop;
/// # #[derive(Debug, Clone, PartialEq, odata::ODataEnum)]
/// # #[odata(type = "microsoft.graph.riskLevel")]
/// # pub enum RiskLevel { Low, High, #[odata(other)] Other(String) }
/// struct User;
/// const AGE: Prop<User, i32> = Prop::new("age");
/// let filter = AGE.has(RiskLevel::High); // an Int32 has no members
/// ```
#[diagnostic::on_unimplemented(
    message = "`has` takes members of the property's enumeration type `{T}`, not `{Self}`",
    label = "not a member of the property's enumeration type",
    note = "`has` is for properties of an `ODataEnum` type or of `Flags<E>`; give it a member (or, for flags, a `Flags`) of that type"
)]
pub trait Members<T> {
    /// Appends the enumeration literal, unescaped, to `out`.
    fn write_members(&self, out: &mut String);
}

impl<E: ODataEnum> Members<E> for E {
    fn write_members(&self, out: &mut String) {
        write_enum_literal(E::TYPE_NAME, self.as_str(), out);
    }
}

impl<E: ODataEnum> Members<E> for &E {
    fn write_members(&self, out: &mut String) {
        write_enum_literal(E::TYPE_NAME, self.as_str(), out);
    }
}

impl<E: ODataEnum> Members<Flags<E>> for E {
    fn write_members(&self, out: &mut String) {
        write_enum_literal(E::TYPE_NAME, self.as_str(), out);
    }
}

impl<E: ODataEnum> Members<Flags<E>> for &E {
    fn write_members(&self, out: &mut String) {
        write_enum_literal(E::TYPE_NAME, self.as_str(), out);
    }
}

impl<E: ODataEnum> Members<Flags<E>> for Flags<E> {
    fn write_members(&self, out: &mut String) {
        self.write_literal(out);
    }
}

impl<E: ODataEnum> Members<Flags<E>> for &Flags<E> {
    fn write_members(&self, out: &mut String) {
        self.write_literal(out);
    }
}

/// A member (or, for a flags type, several members) of an enumeration type, written
/// `Namespace.Type'Member'`, by names that nothing checks: for a model that holds an
/// enumeration property as a `String`, whose handle compares with it. A property typed by
/// its [`ODataEnum`](crate::ODataEnum) or [`Flags`](crate::Flags) compares with (and
/// [`has`](Prop::has)) its members instead, checked by the compiler.
///
/// ```
/// use odata::query::EnumMember;
///
/// let member = EnumMember::new("microsoft.graph.deviceEnrollmentType", "windowsAutoEnrollment");
/// assert_eq!(member.to_string(), "microsoft.graph.deviceEnrollmentType'windowsAutoEnrollment'");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnumMember<'a> {
    type_name: &'a str,
    members: &'a str,
}

impl<'a> EnumMember<'a> {
    /// The member `members` (or comma-separated members of a flags type) of the enumeration
    /// type `type_name` (qualified, without `#`).
    pub const fn new(type_name: &'a str, members: &'a str) -> Self {
        EnumMember { type_name, members }
    }

    /// Appends the literal, unescaped, to `literal`: the type name, then the members as the
    /// string literal [`ODataLiteral`] writes (a `'` in a name is doubled, never an end).
    pub fn write_literal(&self, literal: &mut String) {
        literal.push_str(self.type_name);
        self.members.write_literal(literal);
    }
}

/// The literal, unescaped.
impl fmt::Display for EnumMember<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.type_name)?;
        f.write_str(&self.members.to_literal())
    }
}

impl<Owner> Operand<Owner, String> for EnumMember<'_> {
    fn write_operand(&self, out: &mut String) {
        self.write_literal(out);
    }
}

/// How tightly an expression binds, which decides the parentheses around it when it
/// becomes an operand of `and` or `or`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Binding {
    /// A comparison, a function call, a lambda, a literal: no parentheses needed.
    Tight,
    /// `not ...`: parenthesized as an operand, since `not` would otherwise take all that follows.
    Not,
    And,
    Or,
}

/// A `$filter` expression about `Owner`: comparisons of typed properties, combined with
/// [`and`](Self::and), [`or`](Self::or) and [`not`](Self::not).
///
/// It holds the expression's text, unescaped: each literal quoted by [`ODataLiteral`], so
/// that no value can end the expression; the query percent-encodes it when it is written.
///
/// ```
/// use odata::query::Prop;
///
/// struct User;
/// const NAME: Prop<User, String> = Prop::new("displayName");
/// const AGE: Prop<User, i32> = Prop::new("age");
///
/// let filter = NAME.eq("O'Neil").or(NAME.starts_with("Ann")).and(AGE.gt(30).not());
/// assert_eq!(filter.to_string(), "(displayName eq 'O''Neil' or startswith(displayName,'Ann')) and (not (age gt 30))");
/// ```
pub struct Filter<Owner> {
    text: String,
    binding: Binding,
    /// Whether Graph answers this filter on directory objects only with `ConsistencyLevel:
    /// eventual` (`ne`, `not`, `endswith`).
    advanced: bool,
    _owner: PhantomData<fn() -> Owner>,
}

impl<Owner> Clone for Filter<Owner> {
    fn clone(&self) -> Self {
        Filter {
            text: self.text.clone(),
            binding: self.binding,
            advanced: self.advanced,
            _owner: PhantomData,
        }
    }
}

impl<Owner> fmt::Debug for Filter<Owner> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Filter").field(&self.text).finish()
    }
}

/// The expression, unescaped, as it reads in the OData ABNF.
impl<Owner> fmt::Display for Filter<Owner> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl<Owner> Filter<Owner> {
    fn new(text: String, binding: Binding, advanced: bool) -> Self {
        Filter { text, binding, advanced, _owner: PhantomData }
    }

    /// The escape hatch for what the typed API cannot say: `expression` is taken as it is,
    /// unchecked. It is percent-encoded with the rest of the query, so it cannot add query
    /// options, but whether it is a valid expression, names existing properties and quotes
    /// its literals is up to you. It counts as an advanced query (Graph's `ConsistencyLevel:
    /// eventual`) only if you ask for that on the query.
    ///
    /// ```
    /// use odata::query::Filter;
    /// struct User;
    /// let filter = Filter::<User>::raw("length(displayName) gt 3");
    /// assert_eq!(filter.to_string(), "length(displayName) gt 3");
    /// ```
    pub fn raw(expression: impl Into<String>) -> Self {
        // Parenthesized when combined: the text's own operators are unknown.
        Filter::new(expression.into(), Binding::Or, false)
    }

    /// Both hold.
    pub fn and(self, other: Filter<Owner>) -> Filter<Owner> {
        let advanced = self.advanced || other.advanced;
        let mut text = self.parenthesized_unless(Binding::And);
        text.push_str(" and ");
        other.push_parenthesized_unless(Binding::And, &mut text);
        Filter::new(text, Binding::And, advanced)
    }

    /// Either holds.
    pub fn or(self, other: Filter<Owner>) -> Filter<Owner> {
        let advanced = self.advanced || other.advanced;
        let mut text = self.parenthesized_unless(Binding::Or);
        text.push_str(" or ");
        other.push_parenthesized_unless(Binding::Or, &mut text);
        Filter::new(text, Binding::Or, advanced)
    }

    /// This does not hold. Graph treats `not` as an advanced query.
    #[allow(clippy::should_implement_trait)] // `!filter` would read as a bool, not an expression
    pub fn not(self) -> Filter<Owner> {
        let mut text = String::with_capacity(self.text.len() + 6);
        text.push_str("not (");
        text.push_str(&self.text);
        text.push(')');
        Filter::new(text, Binding::Not, true)
    }

    /// Whether Graph needs `ConsistencyLevel: eventual` for this filter on directory objects.
    pub fn is_advanced(&self) -> bool {
        self.advanced
    }

    /// The expression's text, unescaped.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether this expression, as an operand of `operator`, needs parentheses.
    fn needs_parentheses(&self, operator: Binding) -> bool {
        match self.binding {
            Binding::Tight => false,
            Binding::Not => true,
            Binding::And => false,
            Binding::Or => operator != Binding::Or,
        }
    }

    fn parenthesized_unless(self, operator: Binding) -> String {
        if !self.needs_parentheses(operator) {
            return self.text;
        }
        let mut text = String::with_capacity(self.text.len() + 2);
        text.push('(');
        text.push_str(&self.text);
        text.push(')');
        text
    }

    fn push_parenthesized_unless(&self, operator: Binding, out: &mut String) {
        if self.needs_parentheses(operator) {
            out.push('(');
            out.push_str(&self.text);
            out.push(')');
        } else {
            out.push_str(&self.text);
        }
    }

    /// The same expression, as a filter about another type: for options that do not keep
    /// their owner's type.
    pub(crate) fn retype<Other>(self) -> Filter<Other> {
        Filter { text: self.text, binding: self.binding, advanced: self.advanced, _owner: PhantomData }
    }
}

/// `prop operator operand`.
fn comparison<Owner, T>(
    prop: &Prop<Owner, T>,
    operator: &str,
    operand: &dyn Operand<Owner, T>,
    advanced: bool,
) -> Filter<Owner> {
    let mut text = String::with_capacity(prop.path().text_len() + operator.len() + 16);
    prop.path().write(&mut text);
    text.push(' ');
    text.push_str(operator);
    text.push(' ');
    operand.write_operand(&mut text);
    Filter::new(text, Binding::Tight, advanced)
}

/// `function(prop,operand)`.
fn call<Owner, T>(
    function: &str,
    prop: &Prop<Owner, T>,
    operand: &dyn Operand<Owner, T>,
    advanced: bool,
) -> Filter<Owner> {
    let mut text = String::with_capacity(function.len() + prop.path().text_len() + 16);
    text.push_str(function);
    text.push('(');
    prop.path().write(&mut text);
    text.push(',');
    operand.write_operand(&mut text);
    text.push(')');
    Filter::new(text, Binding::Tight, advanced)
}

/// Comparisons: `eq`, `ne`, `gt`, `ge`, `lt`, `le`, `in` and `null` checks.
impl<Owner, T> Prop<Owner, T> {
    /// `prop eq value`.
    pub fn eq(&self, value: impl Operand<Owner, T>) -> Filter<Owner> {
        comparison(self, "eq", &value, false)
    }

    /// `prop ne value`. Graph treats `ne` as an advanced query.
    pub fn ne(&self, value: impl Operand<Owner, T>) -> Filter<Owner> {
        comparison(self, "ne", &value, true)
    }

    /// `prop gt value`.
    pub fn gt(&self, value: impl Operand<Owner, T>) -> Filter<Owner> {
        comparison(self, "gt", &value, false)
    }

    /// `prop ge value`.
    pub fn ge(&self, value: impl Operand<Owner, T>) -> Filter<Owner> {
        comparison(self, "ge", &value, false)
    }

    /// `prop lt value`.
    pub fn lt(&self, value: impl Operand<Owner, T>) -> Filter<Owner> {
        comparison(self, "lt", &value, false)
    }

    /// `prop le value`.
    pub fn le(&self, value: impl Operand<Owner, T>) -> Filter<Owner> {
        comparison(self, "le", &value, false)
    }

    /// `prop eq null`.
    pub fn is_null(&self) -> Filter<Owner> {
        comparison(self, "eq", &None::<Prop<Owner, T>>, false)
    }

    /// `prop ne null`. Graph treats it as an advanced query, as every `ne`.
    pub fn is_not_null(&self) -> Filter<Owner> {
        comparison(self, "ne", &None::<Prop<Owner, T>>, true)
    }

    /// `prop in (v1,v2,...)`. An empty list is `false`, which is what `in` of nothing means
    /// (OData has no empty list literal).
    ///
    /// ```
    /// use odata::query::Prop;
    /// struct User;
    /// const CITY: Prop<User, String> = Prop::new("city");
    /// assert_eq!(CITY.is_in(["Oslo", "Bergen"]).to_string(), "city in ('Oslo','Bergen')");
    /// assert_eq!(CITY.is_in(Vec::<&str>::new()).to_string(), "false");
    /// ```
    pub fn is_in<V: Operand<Owner, T>>(&self, values: impl IntoIterator<Item = V>) -> Filter<Owner> {
        let mut text = String::with_capacity(self.path().text_len() + 32);
        self.path().write(&mut text);
        text.push_str(" in (");
        let mut empty = true;
        for value in values {
            if !empty {
                text.push(',');
            }
            empty = false;
            value.write_operand(&mut text);
        }
        if empty {
            text.clear();
            text.push_str("false");
        } else {
            text.push(')');
        }
        Filter::new(text, Binding::Tight, false)
    }
}

/// `has`, on enumeration and flags properties only.
impl<Owner, T: Members<T>> Prop<Owner, T> {
    /// `prop has Namespace.Type'member'`: the enumeration value includes the member (for a
    /// flags value, every member given). It takes members of the property's own
    /// enumeration type, typed by its [`ODataEnum`](crate::ODataEnum): see [`Members`].
    ///
    /// ```
    /// use odata::query::Prop;
    /// use odata::{Flags, ODataEnum};
    ///
    /// #[derive(Debug, Clone, PartialEq, ODataEnum)]
    /// #[odata(type = "microsoft.graph.userRole")]
    /// pub enum UserRole { Admin, Guest, #[odata(other)] Other(String) }
    ///
    /// struct User;
    /// const ROLES: Prop<User, Flags<UserRole>> = Prop::new("roles");
    /// const MAIN_ROLE: Prop<User, UserRole> = Prop::new("mainRole");
    /// assert_eq!(ROLES.has(UserRole::Admin).to_string(), "roles has microsoft.graph.userRole'admin'");
    /// let both = Flags::from_iter([UserRole::Admin, UserRole::Guest]);
    /// assert_eq!(ROLES.has(&both).to_string(), "roles has microsoft.graph.userRole'admin,guest'");
    /// assert_eq!(MAIN_ROLE.has(UserRole::Guest).to_string(), "mainRole has microsoft.graph.userRole'guest'");
    /// ```
    pub fn has(&self, members: impl Members<T>) -> Filter<Owner> {
        let mut text = String::with_capacity(self.path().text_len() + 32);
        self.path().write(&mut text);
        text.push_str(" has ");
        members.write_members(&mut text);
        Filter::new(text, Binding::Tight, false)
    }
}

/// String functions.
impl<Owner> Prop<Owner, String> {
    /// `startswith(prop,value)`.
    pub fn starts_with(&self, value: impl Operand<Owner, String>) -> Filter<Owner> {
        call("startswith", self, &value, false)
    }

    /// `endswith(prop,value)`. Graph treats `endswith` as an advanced query.
    pub fn ends_with(&self, value: impl Operand<Owner, String>) -> Filter<Owner> {
        call("endswith", self, &value, true)
    }

    /// `contains(prop,value)`.
    pub fn contains(&self, value: impl Operand<Owner, String>) -> Filter<Owner> {
        call("contains", self, &value, false)
    }
}

/// The names of lambda variables, by nesting depth; a nested lambda's variable must differ
/// from its enclosing ones'.
const LAMBDA_VARIABLES: [&str; 8] = ["x", "y", "z", "u", "v", "w", "p", "q"];

/// Lambdas over collections.
impl<Owner, T> Prop<Owner, Vec<T>> {
    /// `prop/any(x:predicate)`: some member of the collection satisfies `predicate`, which
    /// gets the handle of that member (for a complex member, take its
    /// [`fields`](Prop::fields)).
    ///
    /// ```
    /// use odata::query::Prop;
    /// struct User;
    /// const TAGS: Prop<User, Vec<String>> = Prop::new("tags");
    /// assert_eq!(TAGS.any(|tag| tag.eq("vip")).to_string(), "tags/any(x:x eq 'vip')");
    /// ```
    ///
    /// # Panics
    /// When lambdas nest more than eight deep.
    pub fn any(&self, predicate: impl FnOnce(Prop<Owner, T>) -> Filter<Owner>) -> Filter<Owner> {
        self.lambda("any", predicate)
    }

    /// `prop/all(x:predicate)`: every member of the collection satisfies `predicate`.
    ///
    /// # Panics
    /// When lambdas nest more than eight deep.
    pub fn all(&self, predicate: impl FnOnce(Prop<Owner, T>) -> Filter<Owner>) -> Filter<Owner> {
        self.lambda("all", predicate)
    }

    /// `prop/any()`: the collection is not empty.
    pub fn is_not_empty(&self) -> Filter<Owner> {
        let mut text = String::with_capacity(self.path().text_len() + 6);
        self.path().write(&mut text);
        text.push_str("/any()");
        Filter::new(text, Binding::Tight, false)
    }

    #[track_caller]
    fn lambda(
        &self,
        operator: &str,
        predicate: impl FnOnce(Prop<Owner, T>) -> Filter<Owner>,
    ) -> Filter<Owner> {
        let depth = self.path().lambda_depth();
        let variable = LAMBDA_VARIABLES
            .get(usize::from(depth))
            .unwrap_or_else(|| panic!("lambdas nest at most {} deep", LAMBDA_VARIABLES.len()));
        let member = self.retyped(self.path().lambda_variable(variable));
        let body = predicate(member);
        let advanced = body.advanced;
        let body = body.text;
        let mut text = String::with_capacity(self.path().text_len() + body.len() + 8);
        self.path().write(&mut text);
        text.push('/');
        text.push_str(operator);
        text.push('(');
        text.push_str(variable);
        text.push(':');
        text.push_str(&body);
        text.push(')');
        Filter::new(text, Binding::Tight, advanced)
    }
}
