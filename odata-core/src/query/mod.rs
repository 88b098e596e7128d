//! Typed query options: `$filter`, `$select`, `$expand` (with the nested options of
//! [`ExpandOptions`], `$levels` among them), `$orderby`, `$top`, `$skip`, `$count`, `$search`
//! and `$skiptoken`, naming properties through typed handles.
//!
//! The derive gives each structured type a struct of [`Prop`] handles (`User::fields()`),
//! so that a query only names properties that exist and only compares a property with a
//! value of its Edm type; [`Filter::raw`] and [`Query::option`] are the escape hatches for
//! what the typed API cannot say. Literals are written by the one literal writer,
//! [`ODataLiteral`](crate::ODataLiteral), and the query is percent-encoded as the OData URL
//! conventions say, so no value can change the query's structure.
//!
//! ```
//! use odata::query::{ODataFields, Prop, PropPath, Query};
//!
//! // What the derive generates for `struct User { id, display_name, age }`:
//! pub struct User;
//! pub struct UserFields<O> {
//!     pub id: Prop<O, String>,
//!     pub display_name: Prop<O, String>,
//!     pub age: Prop<O, i32>,
//! }
//! impl ODataFields for User {
//!     type Fields<O> = UserFields<O>;
//!     fn fields_at<O>(prefix: PropPath) -> UserFields<O> {
//!         UserFields {
//!             id: Prop::at(prefix, "id"),
//!             display_name: Prop::at(prefix, "displayName"),
//!             age: Prop::at(prefix, "age"),
//!         }
//!     }
//! }
//!
//! let user = odata::query::fields::<User>();
//! let query = Query::<User>::new()
//!     .filter(user.display_name.starts_with("Ann & Bob").and(user.age.ge(18)))
//!     .select(user.id)
//!     .select(user.display_name)
//!     .order_by_desc(user.age)
//!     .top(10);
//! assert_eq!(
//!     query.to_query_string(),
//!     "$filter=startswith(displayName,'Ann%20%26%20Bob')%20and%20age%20ge%2018\
//!      &$select=id,displayName&$orderby=age%20desc&$top=10"
//! );
//! ```
//!
//! What must not compile does not. Each of these is the compiling query below it with one
//! mistake:
//!
//! ```compile_fail
//! # #[derive(odata::ODataResource)]
//! # #[odata(type = "microsoft.graph.user", collection = "/users")]
//! # pub struct User { #[odata(key)] pub id: String, pub age: Option<i32>,
//! #     pub address: Option<Address>, pub manager: Option<Box<User>> }
//! # #[derive(odata::ODataComplex)]
//! # #[odata(type = "microsoft.graph.physicalAddress")]
//! # pub struct Address { pub city: Option<String> }
//! # use odata::query::{Prop, Query};
//! # const AGE: Prop<User, i32> = Prop::new("age");
//! # const ADDRESS: Prop<User, Address> = Prop::new("address");
//! # const MANAGER: Prop<User, User> = Prop::new("manager");
//! # const CITY: Prop<Address, String> = Prop::new("city");
//! let query = Query::<User>::new().filter(AGE.starts_with("1")); // a string function on an Int32
//! ```
//!
//! ```compile_fail
//! # #[derive(odata::ODataResource)]
//! # #[odata(type = "microsoft.graph.user", collection = "/users")]
//! # pub struct User { #[odata(key)] pub id: String, pub age: Option<i32>,
//! #     pub address: Option<Address>, pub manager: Option<Box<User>> }
//! # #[derive(odata::ODataComplex)]
//! # #[odata(type = "microsoft.graph.physicalAddress")]
//! # pub struct Address { pub city: Option<String> }
//! # use odata::query::{Prop, Query};
//! # const AGE: Prop<User, i32> = Prop::new("age");
//! # const ADDRESS: Prop<User, Address> = Prop::new("address");
//! # const MANAGER: Prop<User, User> = Prop::new("manager");
//! # const CITY: Prop<Address, String> = Prop::new("city");
//! let query = Query::<User>::new().expand(ADDRESS); // a complex property is no navigation property
//! ```
//!
//! ```compile_fail
//! # #[derive(odata::ODataResource)]
//! # #[odata(type = "microsoft.graph.user", collection = "/users")]
//! # pub struct User { #[odata(key)] pub id: String, pub age: Option<i32>,
//! #     pub address: Option<Address>, pub manager: Option<Box<User>> }
//! # #[derive(odata::ODataComplex)]
//! # #[odata(type = "microsoft.graph.physicalAddress")]
//! # pub struct Address { pub city: Option<String> }
//! # use odata::query::{Prop, Query};
//! # const AGE: Prop<User, i32> = Prop::new("age");
//! # const ADDRESS: Prop<User, Address> = Prop::new("address");
//! # const MANAGER: Prop<User, User> = Prop::new("manager");
//! # const CITY: Prop<Address, String> = Prop::new("city");
//! let query = Query::<User>::new().select(CITY); // a property of another type
//! ```
//!
//! ```
//! # #[derive(odata::ODataResource)]
//! # #[odata(type = "microsoft.graph.user", collection = "/users")]
//! # pub struct User { #[odata(key)] pub id: String, pub age: Option<i32>,
//! #     pub address: Option<Address>, pub manager: Option<Box<User>> }
//! # #[derive(odata::ODataComplex)]
//! # #[odata(type = "microsoft.graph.physicalAddress")]
//! # pub struct Address { pub city: Option<String> }
//! # use odata::query::{Prop, Query};
//! # const AGE: Prop<User, i32> = Prop::new("age");
//! # const ADDRESS: Prop<User, Address> = Prop::new("address");
//! # const MANAGER: Prop<User, User> = Prop::new("manager");
//! # const CITY: Prop<Address, String> = Prop::new("city");
//! let query = Query::<User>::new().filter(AGE.ge(1)).expand(MANAGER).select(ADDRESS);
//! assert_eq!(query.to_query_string(), "$filter=age%20ge%201&$select=address&$expand=manager");
//! ```

mod filter;
mod prop;
mod search;
mod service;

use core::fmt;
use core::marker::PhantomData;
use core::num::NonZeroU32;

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

pub use filter::{EnumMember, Filter, Members, Operand};
pub use prop::{cast, fields, DerivedFrom, Expandable, ODataFields, Prop, PropPath, MAX_PATH_SEGMENTS};
pub use search::Search;

/// Percent-encoded inside a query option's value (and, with `=` too, its name:
/// [`QUERY_NAME_ESCAPED`]):
/// - controls, space and non-ASCII (always, by `percent-encoding`), which a URL cannot hold;
/// - `&` and `#`, which would end the option or the query;
/// - `+`, which form decoders read as a space;
/// - `%`, so that a value's own `%41` stays three characters;
/// - `"`, `<`, `>`, `[`, `\`, `]`, `^`, `` ` ``, `{`, `|`, `}`, which RFC 3986 does not allow.
///
/// Kept as they are: the unreserved characters (the ABNF reads URLs normalized, with none of
/// them encoded), `'` that quotes literals (doubled inside a string, so a value never ends
/// its literal), and `(`, `)`, `,`, `;`, `=`, `/`, `:`, `@`, `$`, `!`, `*`, `?`, which the
/// ABNF allows in a value and the expression syntax uses: a value's own use of them is
/// inside a quoted literal, which no service reads as structure (and where `/` and `?` are
/// encoded too, see [`QUERY_LITERAL_ESCAPED`]).
pub const QUERY_VALUE_ESCAPED: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'&')
    .add(b'+')
    .add(b'<')
    .add(b'>')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Percent-encoded inside a quoted literal (`'...'`) of an expression: what
/// [`QUERY_VALUE_ESCAPED`] encodes, and `/` and `?`, which the ABNF's string literal
/// (`pchar-no-SQUOTE`) only takes encoded, although they stand as they are in the rest of a
/// value (`address/city`).
pub const QUERY_LITERAL_ESCAPED: &AsciiSet = &QUERY_VALUE_ESCAPED.add(b'/').add(b'?');

/// Percent-encoded in a query option's name: what [`QUERY_VALUE_ESCAPED`] encodes, and `=`,
/// which would end the name (`we&ird=key` is written `we%26ird%3Dkey`).
pub const QUERY_NAME_ESCAPED: &AsciiSet = &QUERY_VALUE_ESCAPED.add(b'=');

/// A query that cannot be written as asked.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum QueryError {
    /// A `$search` phrase held a `"`, which the OData ABNF has no escape for in a phrase.
    QuoteInSearchPhrase {
        /// The phrase.
        phrase: String,
    },
    /// A `$search` phrase was empty.
    EmptySearchPhrase,
    /// A `$skiptoken` was empty, which the ABNF refuses (and which would ask for the first
    /// page again).
    EmptySkipToken,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryError::QuoteInSearchPhrase { phrase } => {
                write!(f, "$search phrase `{phrase}` holds a `\"`, which a search phrase cannot hold")
            }
            QueryError::EmptySearchPhrase => f.write_str("$search phrase is empty"),
            QueryError::EmptySkipToken => {
                f.write_str("$skiptoken is empty: a page's token is never empty, so it was not written")
            }
        }
    }
}

impl std::error::Error for QueryError {}

/// Ascending or descending, for `$orderby`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Ascending,
    Descending,
}

/// How deep `$levels` expands a navigation property that leads to its own type again
/// (`manager` of a user): a number of levels, or all of them.
///
/// ```
/// use std::num::NonZeroU32;
/// use odata::query::Levels;
///
/// assert_eq!(Levels::depth(2), Some(Levels::Depth(NonZeroU32::new(2).unwrap())));
/// assert_eq!(Levels::depth(0), None); // the ABNF's `$levels` is 1 or more, or `max`
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Levels {
    /// This many levels, at least one: `$levels=2`.
    Depth(NonZeroU32),
    /// Every level: `$levels=max`.
    Max,
}

impl Levels {
    /// `levels` levels; `None` for 0, which `$levels` cannot say.
    pub const fn depth(levels: u32) -> Option<Levels> {
        match NonZeroU32::new(levels) {
            Some(levels) => Some(Levels::Depth(levels)),
            None => None,
        }
    }
}

impl From<NonZeroU32> for Levels {
    fn from(levels: NonZeroU32) -> Self {
        Levels::Depth(levels)
    }
}

/// The options of a query, or of an expanded property's nested options: everything but the
/// owner type, so that nested options of other types nest. Only a [`Query`] sets
/// `skip_token` and `custom`, only [`ExpandOptions`] sets `levels`.
#[derive(Debug, Clone, Default)]
struct Options {
    filter: Option<Filter<()>>,
    select: Vec<PropPath>,
    expand: Vec<(PropPath, Option<Box<Options>>)>,
    order_by: Vec<(PropPath, Direction)>,
    top: Option<u64>,
    skip: Option<u64>,
    count: Option<bool>,
    search: Option<String>,
    levels: Option<Levels>,
    skip_token: Option<String>,
    custom: Vec<(String, String)>,
}

/// The query options of a request about `Owner` (the entity set's type, or a navigation
/// property's target inside [`expand_with`](Query::expand_with)).
///
/// Each option is written at most once: calling [`filter`](Self::filter) again combines the
/// filters with `and`, [`select`](Self::select), [`expand`](Self::expand) and
/// [`order_by`](Self::order_by) add to their lists, the others replace their value.
/// [`to_query_string`](Self::to_query_string) writes the options in a fixed order
/// (`$filter`, `$search`, `$select`, `$expand`, `$orderby`, `$top`, `$skip`, `$count`,
/// `$skiptoken`, then custom options), percent-encoded, with one allocation.
pub struct Query<Owner> {
    options: Options,
    /// `Some` when the caller decided on `ConsistencyLevel: eventual`.
    eventual: Option<bool>,
    /// What was asked that cannot be written (an empty `$skiptoken`), refused by
    /// [`check`](Query::check) and by the requests made with this query.
    refused: Option<QueryError>,
    _owner: PhantomData<fn() -> Owner>,
}

impl<Owner> Clone for Query<Owner> {
    fn clone(&self) -> Self {
        Query {
            options: self.options.clone(),
            eventual: self.eventual,
            refused: self.refused.clone(),
            _owner: PhantomData,
        }
    }
}

impl<Owner> fmt::Debug for Query<Owner> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Query").field(&self.to_query_string()).finish()
    }
}

impl<Owner> Default for Query<Owner> {
    fn default() -> Self {
        Query::new()
    }
}

impl<Owner> Query<Owner> {
    /// A query with no options.
    pub fn new() -> Self {
        Query { options: Options::default(), eventual: None, refused: None, _owner: PhantomData }
    }

    /// `$filter`; a second call combines both with `and`.
    pub fn filter(mut self, filter: Filter<Owner>) -> Self {
        self.options.add_filter(filter);
        self
    }

    /// Adds a property to `$select`.
    pub fn select<T>(mut self, property: Prop<Owner, T>) -> Self {
        self.options.select.push(property.path());
        self
    }

    /// Adds a navigation property to `$expand`.
    pub fn expand<T: Expandable>(mut self, property: Prop<Owner, T>) -> Self {
        self.options.expand.push((property.path(), None));
        self
    }

    /// Adds a navigation property to `$expand`, with the options that `nested` sets on the
    /// target's [`ExpandOptions`] (the ones the ABNF allows inside `$expand`, `$levels`
    /// among them): `$expand=manager($select=id,displayName)`.
    ///
    /// ```
    /// use odata::query::{Levels, Prop, Query};
    /// #[derive(odata::ODataResource)]
    /// #[odata(type = "microsoft.graph.user", collection = "/users")]
    /// pub struct User { #[odata(key)] pub id: String, pub manager: Option<Box<User>> }
    ///
    /// const ID: Prop<User, String> = Prop::new("id");
    /// const MANAGER: Prop<User, User> = Prop::new("manager");
    /// let query = Query::<User>::new().expand_with(MANAGER, |manager| manager.select(ID).levels(Levels::Max));
    /// assert_eq!(query.to_query_string(), "$expand=manager($select=id;$levels=max)");
    /// ```
    pub fn expand_with<T: Expandable>(
        mut self,
        property: Prop<Owner, T>,
        nested: impl FnOnce(ExpandOptions<T::Target>) -> ExpandOptions<T::Target>,
    ) -> Self {
        self.options.add_expand_with(property.path(), nested);
        self
    }

    /// Adds an ascending key to `$orderby`.
    pub fn order_by<T>(mut self, property: Prop<Owner, T>) -> Self {
        self.options.order_by.push((property.path(), Direction::Ascending));
        self
    }

    /// Adds a descending key to `$orderby`.
    pub fn order_by_desc<T>(mut self, property: Prop<Owner, T>) -> Self {
        self.options.order_by.push((property.path(), Direction::Descending));
        self
    }

    /// `$top`: at most this many results.
    pub fn top(mut self, count: u64) -> Self {
        self.options.top = Some(count);
        self
    }

    /// `$skip`: leave out this many results first.
    pub fn skip(mut self, count: u64) -> Self {
        self.options.skip = Some(count);
        self
    }

    /// `$count`: whether the answer carries `@odata.count`. `$count=true` is an advanced
    /// query for Graph.
    pub fn count(mut self, count: bool) -> Self {
        self.options.count = Some(count);
        self
    }

    /// `$search` (see [`Search`]): an advanced query for Graph.
    pub fn search(mut self, search: Search<Owner>) -> Self {
        self.options.search = Some(search.into_text());
        self
    }

    /// `$skiptoken`: a page's token, as a service's `@odata.nextLink` carries it (following
    /// the link with [`Service::follow`](crate::Service::follow) is simpler). The token is
    /// percent-encoded, not checked, but an empty one is refused: it is not written, and
    /// [`check`](Self::check) and every request made with the query return
    /// [`QueryError::EmptySkipToken`] (a later non-empty token replaces it).
    /// [`try_skip_token`](Self::try_skip_token) refuses it at once.
    ///
    /// ```
    /// use odata::query::{Query, QueryError};
    /// struct User;
    /// assert_eq!(Query::<User>::new().skip_token("X'1").to_query_string(), "$skiptoken=X'1");
    /// let refused = Query::<User>::new().top(5).skip_token("");
    /// assert_eq!(refused.to_query_string(), "$top=5");
    /// assert_eq!(refused.check(), Err(QueryError::EmptySkipToken));
    /// ```
    pub fn skip_token(mut self, token: impl Into<String>) -> Self {
        let token = token.into();
        if token.is_empty() {
            self.options.skip_token = None;
            self.refused = Some(QueryError::EmptySkipToken);
        } else {
            self.options.skip_token = Some(token);
            self.refused = None;
        }
        self
    }

    /// `$skiptoken`, as [`skip_token`](Self::skip_token), but an empty token is an error here.
    ///
    /// # Errors
    /// [`QueryError::EmptySkipToken`] for an empty token.
    pub fn try_skip_token(self, token: impl Into<String>) -> Result<Self, QueryError> {
        let token = token.into();
        if token.is_empty() {
            return Err(QueryError::EmptySkipToken);
        }
        Ok(self.skip_token(token))
    }

    /// Whether the query can be sent as asked: `Err` names what it refused (an empty
    /// `$skiptoken`). [`Service::try_list_with`](crate::Service::try_list_with) and the other
    /// requests with a query return it as [`Error::InvalidRequest`](crate::Error::InvalidRequest).
    ///
    /// # Errors
    /// The [`QueryError`] of the option that was refused.
    pub fn check(&self) -> Result<(), QueryError> {
        match &self.refused {
            None => Ok(()),
            Some(error) => Err(error.clone()),
        }
    }

    /// The escape hatch for options the typed API does not know: `name=value`, both
    /// percent-encoded (so neither can add options), neither checked. A name starting with
    /// `$` is a system option that the service will interpret; the typed methods write the
    /// ones they know, so do not repeat those here. Only a query has custom options: the
    /// ABNF allows none inside `$expand(...)`, so [`ExpandOptions`] has no such method.
    ///
    /// ```
    /// use odata::query::Query;
    /// struct User;
    /// let query = Query::<User>::new().option("$levels", "max").option("tag", "a&b=c");
    /// assert_eq!(query.to_query_string(), "$levels=max&tag=a%26b=c");
    /// ```
    pub fn option(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.options.custom.push((name.into(), value.into()));
        self
    }

    /// Sends `ConsistencyLevel: eventual` (with `true`) or never (with `false`), whatever
    /// the query holds; without a call it is sent when
    /// [`needs_eventual_consistency`](Self::needs_eventual_consistency) says so.
    pub fn eventual_consistency(mut self, eventual: bool) -> Self {
        self.eventual = Some(eventual);
        self
    }

    /// Whether this is one of Graph's advanced queries on directory objects, which Graph
    /// answers only with `ConsistencyLevel: eventual`: a `$search`, `$count=true`, a filter
    /// with `ne`, `not` or `endswith` (which includes `is_not_null`), or `$orderby` together
    /// with `$filter`. The query does not know which resources are directory objects, so it
    /// asks for the header on any resource; [`eventual_consistency(false)`](Self::eventual_consistency)
    /// leaves it out.
    ///
    /// ```
    /// use odata::query::{Prop, Query};
    /// struct User;
    /// const NAME: Prop<User, String> = Prop::new("displayName");
    /// assert!(!Query::<User>::new().filter(NAME.eq("a")).needs_eventual_consistency());
    /// assert!(Query::<User>::new().filter(NAME.ne("a")).needs_eventual_consistency());
    /// assert!(Query::<User>::new().filter(NAME.eq("a")).order_by(NAME).needs_eventual_consistency());
    /// assert!(Query::<User>::new().count(true).needs_eventual_consistency());
    /// ```
    pub fn needs_eventual_consistency(&self) -> bool {
        let options = &self.options;
        options.search.is_some()
            || options.count == Some(true)
            || options.filter.as_ref().is_some_and(Filter::is_advanced)
            || (options.filter.is_some() && !options.order_by.is_empty())
    }

    /// The `ConsistencyLevel` header's value to send with this query, if any.
    pub fn consistency_level(&self) -> Option<&'static str> {
        self.eventual.unwrap_or_else(|| self.needs_eventual_consistency()).then_some("eventual")
    }

    /// Whether no option is set.
    pub fn is_empty(&self) -> bool {
        self.options.is_empty()
    }

    /// The query string, percent-encoded, without the leading `?`; written into one
    /// allocation of exactly its length.
    pub fn to_query_string(&self) -> String {
        let mut query = String::with_capacity(self.options.len(false));
        self.options.write(&mut Writer::Text(&mut query), false);
        query
    }

    /// The length of [`to_query_string`](Self::to_query_string), without writing it.
    pub fn encoded_len(&self) -> usize {
        self.options.len(false)
    }

    /// Appends the query string to `url`.
    pub fn write_query_string(&self, url: &mut String) {
        self.options.write(&mut Writer::Text(url), false);
    }
}

/// The options of an expanded navigation property, inside `$expand=property(...)`: those
/// the ABNF's `expandOption` allows, `$filter`, `$search`, `$select`, `$expand` (nested
/// again), `$orderby`, `$top`, `$skip`, `$count` and `$levels`, each with the method of
/// [`Query`] of the same name. A `$skiptoken` or a custom option has no method here: the
/// ABNF allows neither inside `$expand`. Written in that order, separated by `;`.
///
/// ```
/// use odata::query::{Levels, Query};
/// use odata::ODataResource;
///
/// #[derive(ODataResource)]
/// #[odata(type = "microsoft.graph.user", collection = "/users")]
/// pub struct User {
///     #[odata(key)]
///     pub id: String,
///     pub display_name: Option<String>,
///     #[odata(navigation)]
///     pub manager: Option<Box<User>>,
///     #[odata(navigation)]
///     pub direct_reports: Option<Vec<User>>,
/// }
///
/// let user = User::fields();
/// let query = Query::<User>::new().expand_with(user.direct_reports, |reports| {
///     let report = User::fields();
///     reports
///         .filter(report.display_name.starts_with("A"))
///         .select(report.display_name)
///         .order_by(report.display_name)
///         .top(5)
///         .count(true)
///         .expand_with(report.manager, |manager| manager.levels(Levels::depth(2).unwrap()))
/// });
/// assert_eq!(
///     query.to_query_string(),
///     "$expand=directReports($filter=startswith(displayName,'A');$select=displayName\
///      ;$expand=manager($levels=2);$orderby=displayName;$top=5;$count=true)"
/// );
/// ```
///
/// ```compile_fail
/// # use odata::query::Query;
/// # #[derive(odata::ODataResource)]
/// # #[odata(type = "microsoft.graph.user", collection = "/users")]
/// # pub struct User { #[odata(key)] pub id: String, #[odata(navigation)] pub manager: Option<Box<User>> }
/// let user = User::fields();
/// let query = Query::<User>::new().expand_with(user.manager, |manager| manager.skip_token("abc"));
/// ```
///
/// ```compile_fail
/// # use odata::query::Query;
/// # #[derive(odata::ODataResource)]
/// # #[odata(type = "microsoft.graph.user", collection = "/users")]
/// # pub struct User { #[odata(key)] pub id: String, #[odata(navigation)] pub manager: Option<Box<User>> }
/// let user = User::fields();
/// let query = Query::<User>::new().expand_with(user.manager, |manager| manager.option("tag", "x"));
/// ```
pub struct ExpandOptions<Owner> {
    options: Options,
    _owner: PhantomData<fn() -> Owner>,
}

impl<Owner> Clone for ExpandOptions<Owner> {
    fn clone(&self) -> Self {
        ExpandOptions { options: self.options.clone(), _owner: PhantomData }
    }
}

impl<Owner> fmt::Debug for ExpandOptions<Owner> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = String::with_capacity(self.options.len(true));
        self.options.write(&mut Writer::Text(&mut text), true);
        f.debug_tuple("ExpandOptions").field(&text).finish()
    }
}

impl<Owner> Default for ExpandOptions<Owner> {
    fn default() -> Self {
        ExpandOptions::new()
    }
}

impl<Owner> ExpandOptions<Owner> {
    /// No options: the property is expanded as it is.
    pub fn new() -> Self {
        ExpandOptions { options: Options::default(), _owner: PhantomData }
    }

    /// `$filter` of the expanded entities; a second call combines both with `and`.
    pub fn filter(mut self, filter: Filter<Owner>) -> Self {
        self.options.add_filter(filter);
        self
    }

    /// Adds a property to `$select`.
    pub fn select<T>(mut self, property: Prop<Owner, T>) -> Self {
        self.options.select.push(property.path());
        self
    }

    /// Adds a navigation property of the expanded entities to `$expand`.
    pub fn expand<T: Expandable>(mut self, property: Prop<Owner, T>) -> Self {
        self.options.expand.push((property.path(), None));
        self
    }

    /// Adds a navigation property of the expanded entities to `$expand`, with its own options.
    pub fn expand_with<T: Expandable>(
        mut self,
        property: Prop<Owner, T>,
        nested: impl FnOnce(ExpandOptions<T::Target>) -> ExpandOptions<T::Target>,
    ) -> Self {
        self.options.add_expand_with(property.path(), nested);
        self
    }

    /// Adds an ascending key to `$orderby`.
    pub fn order_by<T>(mut self, property: Prop<Owner, T>) -> Self {
        self.options.order_by.push((property.path(), Direction::Ascending));
        self
    }

    /// Adds a descending key to `$orderby`.
    pub fn order_by_desc<T>(mut self, property: Prop<Owner, T>) -> Self {
        self.options.order_by.push((property.path(), Direction::Descending));
        self
    }

    /// `$top`: at most this many expanded entities.
    pub fn top(mut self, count: u64) -> Self {
        self.options.top = Some(count);
        self
    }

    /// `$skip`: leave out this many expanded entities first.
    pub fn skip(mut self, count: u64) -> Self {
        self.options.skip = Some(count);
        self
    }

    /// `$count`: whether the expanded collection carries its `@odata.count`.
    pub fn count(mut self, count: bool) -> Self {
        self.options.count = Some(count);
        self
    }

    /// `$search` (see [`Search`]) of the expanded entities.
    pub fn search(mut self, search: Search<Owner>) -> Self {
        self.options.search = Some(search.into_text());
        self
    }

    /// `$levels`: expand the property this deep, for one that leads to its own type again
    /// (see [`Levels`]).
    pub fn levels(mut self, levels: Levels) -> Self {
        self.options.levels = Some(levels);
        self
    }

    /// Whether no option is set.
    pub fn is_empty(&self) -> bool {
        self.options.is_empty()
    }
}

/// Where [`Options::write`] goes: text, or a count of the text's length, so that measuring
/// and writing share one walk.
enum Writer<'a> {
    Text(&'a mut String),
    Length(usize),
}

impl Writer<'_> {
    fn raw(&mut self, text: &str) {
        match self {
            Writer::Text(out) => out.push_str(text),
            Writer::Length(len) => *len += text.len(),
        }
    }

    fn encoded(&mut self, text: &str, set: &'static AsciiSet) {
        for piece in utf8_percent_encode(text, set) {
            self.raw(piece);
        }
    }

    /// An expression: its quoted literals (a `'` toggles in and out of one; a doubled `''`
    /// inside a string toggles twice) with [`QUERY_LITERAL_ESCAPED`], the rest with
    /// [`QUERY_VALUE_ESCAPED`].
    fn expression(&mut self, text: &str) {
        for (index, piece) in text.split('\'').enumerate() {
            if index > 0 {
                self.raw("'");
            }
            let in_literal = index % 2 == 1;
            self.encoded(piece, if in_literal { QUERY_LITERAL_ESCAPED } else { QUERY_VALUE_ESCAPED });
        }
    }

    fn path(&mut self, path: &PropPath) {
        for (index, segment) in path.segments().iter().enumerate() {
            if index > 0 {
                self.raw("/");
            }
            self.encoded(segment, QUERY_VALUE_ESCAPED);
        }
    }

    fn number(&mut self, number: u64) {
        let mut digits = [0_u8; 20];
        let mut start = digits.len();
        let mut rest = number;
        loop {
            start -= 1;
            digits[start] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        // ASCII digits are UTF-8.
        self.raw(core::str::from_utf8(&digits[start..]).unwrap_or_default());
    }
}

impl Options {
    fn add_filter<Owner>(&mut self, filter: Filter<Owner>) {
        let filter = filter.retype();
        self.filter = Some(match self.filter.take() {
            None => filter,
            Some(previous) => previous.and(filter),
        });
    }

    fn add_expand_with<Target>(
        &mut self,
        path: PropPath,
        nested: impl FnOnce(ExpandOptions<Target>) -> ExpandOptions<Target>,
    ) {
        let nested = nested(ExpandOptions::new());
        self.expand.push((path, Some(Box::new(nested.options))));
    }

    fn is_empty(&self) -> bool {
        let Options {
            filter,
            select,
            expand,
            order_by,
            top,
            skip,
            count,
            search,
            levels,
            skip_token,
            custom,
        } = self;
        levels.is_none()
            && filter.is_none()
            && select.is_empty()
            && expand.is_empty()
            && order_by.is_empty()
            && top.is_none()
            && skip.is_none()
            && count.is_none()
            && search.is_none()
            && skip_token.is_none()
            && custom.is_empty()
    }

    fn len(&self, nested: bool) -> usize {
        let mut writer = Writer::Length(0);
        self.write(&mut writer, nested);
        match writer {
            Writer::Length(len) => len,
            Writer::Text(_) => 0,
        }
    }

    /// Writes the options, separated by `&`, or by `;` inside an `$expand`'s parentheses.
    fn write(&self, out: &mut Writer<'_>, nested: bool) {
        let separator = if nested { ";" } else { "&" };
        let mut first = true;
        let start = |out: &mut Writer<'_>, first: &mut bool, name: &str| {
            if !*first {
                out.raw(separator);
            }
            *first = false;
            out.encoded(name, QUERY_NAME_ESCAPED);
            out.raw("=");
        };
        if let Some(filter) = &self.filter {
            start(out, &mut first, "$filter");
            out.expression(filter.as_str());
        }
        if let Some(search) = &self.search {
            start(out, &mut first, "$search");
            out.encoded(search, QUERY_VALUE_ESCAPED);
        }
        if !self.select.is_empty() {
            start(out, &mut first, "$select");
            for (index, path) in self.select.iter().enumerate() {
                if index > 0 {
                    out.raw(",");
                }
                out.path(path);
            }
        }
        if !self.expand.is_empty() {
            start(out, &mut first, "$expand");
            for (index, (path, options)) in self.expand.iter().enumerate() {
                if index > 0 {
                    out.raw(",");
                }
                out.path(path);
                if let Some(options) = options.as_deref().filter(|options| !options.is_empty()) {
                    out.raw("(");
                    options.write(out, true);
                    out.raw(")");
                }
            }
        }
        if !self.order_by.is_empty() {
            start(out, &mut first, "$orderby");
            for (index, (path, direction)) in self.order_by.iter().enumerate() {
                if index > 0 {
                    out.raw(",");
                }
                out.path(path);
                if *direction == Direction::Descending {
                    out.raw("%20desc");
                }
            }
        }
        if let Some(top) = self.top {
            start(out, &mut first, "$top");
            out.number(top);
        }
        if let Some(skip) = self.skip {
            start(out, &mut first, "$skip");
            out.number(skip);
        }
        if let Some(count) = self.count {
            start(out, &mut first, "$count");
            out.raw(if count { "true" } else { "false" });
        }
        if let Some(levels) = self.levels {
            start(out, &mut first, "$levels");
            match levels {
                Levels::Depth(depth) => out.number(u64::from(depth.get())),
                Levels::Max => out.raw("max"),
            }
        }
        if let Some(token) = &self.skip_token {
            start(out, &mut first, "$skiptoken");
            out.encoded(token, QUERY_VALUE_ESCAPED);
        }
        for (name, value) in &self.custom {
            start(out, &mut first, name);
            out.encoded(value, QUERY_VALUE_ESCAPED);
        }
    }
}
