//! The query string of a listing.

use percent_encoding::utf8_percent_encode;

/// Query options a request takes: `$filter`, `$select`, `$top`, ...
///
/// Implemented for lists of `(name, value)` pairs, which are percent-encoded here (so a
/// `+`, `&`, `#`, `%` or space in a `$filter` value, and an `=` in a name too, arrives at
/// the service as written), and
/// for [`EncodedQuery`], a query string that is encoded already. A typed query builder
/// implements it by appending its encoded options.
///
/// ```
/// use odata_client::{EncodedQuery, Query};
///
/// let mut query = String::new();
/// [("$filter", "displayName eq 'C++ & C#'"), ("$top", "5")].append_to(&mut query);
/// assert_eq!(query, "$filter=displayName%20eq%20'C%2B%2B%20%26%20C%23'&$top=5");
///
/// let mut query = String::new();
/// [("we&ird=key", "a=b")].append_to(&mut query);
/// assert_eq!(query, "we%26ird%3Dkey=a=b");
///
/// let mut query = String::new();
/// EncodedQuery::new("$count=true").append_to(&mut query);
/// assert_eq!(query, "$count=true");
/// ```
pub trait Query {
    /// Appends the encoded options, `name=value` joined by `&`, without a leading `?`, to
    /// `query`, which may already hold options (then this starts with `&`).
    fn append_to(&self, query: &mut String);

    /// The `ConsistencyLevel` every page's request sends for these options, if any: Graph's
    /// advanced queries need `eventual`.
    fn consistency_level(&self) -> Option<&'static str> {
        None
    }

    /// Whether the options can be sent as asked; a listing given options that refuse is
    /// that error, before anything is sent. The typed builder refuses an empty `$skiptoken`
    /// ([`odata::query::Query::check`](odata_core::query::Query::check)); pairs always pass.
    ///
    /// # Errors
    /// What the options refused, as an [`Error::InvalidRequest`](odata_core::Error::InvalidRequest).
    fn check(&self) -> Result<(), odata_core::Error> {
        Ok(())
    }
}

/// The typed query builder's options, with the `ConsistencyLevel` its query needs.
impl<T> Query for odata_core::query::Query<T> {
    fn append_to(&self, query: &mut String) {
        if self.is_empty() {
            return;
        }
        if !query.is_empty() {
            query.push('&');
        }
        self.write_query_string(query);
    }

    fn consistency_level(&self) -> Option<&'static str> {
        odata_core::query::Query::consistency_level(self)
    }

    fn check(&self) -> Result<(), odata_core::Error> {
        // The option at fault, not the query string, whose values stay out of errors.
        odata_core::query::Query::check(self).map_err(|refused| {
            let option = match refused {
                odata_core::query::QueryError::EmptySkipToken => "$skiptoken",
                _ => "the query",
            };
            odata_core::Error::InvalidRequest { url: option.to_owned(), reason: refused.to_string() }
        })
    }
}

/// Names and values are escaped as the typed builder escapes them, so that none can change
/// the query's structure: `&`, `#`, `+`, `%`, spaces and what RFC 3986 does not allow, in
/// both; `=` too in a name, where it would end the name. What OData's syntax uses and means
/// nothing to a query string (`$`, `'`, `(`, `)`, `,`, `:`, `@`, `/`, `*`, `;`, and `=` in a
/// value) stays as it is.
use odata_core::query::{QUERY_NAME_ESCAPED, QUERY_VALUE_ESCAPED};

fn append_pairs<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)], query: &mut String) {
    for (name, value) in pairs {
        if !query.is_empty() {
            query.push('&');
        }
        query.extend(utf8_percent_encode(name.as_ref(), QUERY_NAME_ESCAPED));
        query.push('=');
        query.extend(utf8_percent_encode(value.as_ref(), QUERY_VALUE_ESCAPED));
    }
}

impl<K: AsRef<str>, V: AsRef<str>> Query for [(K, V)] {
    fn append_to(&self, query: &mut String) {
        append_pairs(self, query);
    }
}

impl<K: AsRef<str>, V: AsRef<str>, const N: usize> Query for [(K, V); N] {
    fn append_to(&self, query: &mut String) {
        append_pairs(self, query);
    }
}

impl<K: AsRef<str>, V: AsRef<str>> Query for Vec<(K, V)> {
    fn append_to(&self, query: &mut String) {
        append_pairs(self, query);
    }
}

impl<Q: Query + ?Sized> Query for &Q {
    fn append_to(&self, query: &mut String) {
        (**self).append_to(query);
    }

    fn consistency_level(&self) -> Option<&'static str> {
        (**self).consistency_level()
    }

    fn check(&self) -> Result<(), odata_core::Error> {
        (**self).check()
    }
}

/// A query string that is already percent-encoded, sent as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodedQuery(String);

impl EncodedQuery {
    /// The query, without a leading `?`.
    pub fn new(query: impl Into<String>) -> Self {
        EncodedQuery(query.into())
    }
}

impl Query for EncodedQuery {
    fn append_to(&self, query: &mut String) {
        let options = self.0.trim_start_matches(['?', '&']);
        if options.is_empty() {
            return;
        }
        if !query.is_empty() {
            query.push('&');
        }
        query.push_str(options);
    }
}
