//! The query string of a listing.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Query options a request takes: `$filter`, `$select`, `$top`, ...
///
/// Implemented for lists of `(name, value)` pairs, which are percent-encoded here (so a
/// `+`, `&`, `#`, `%` or space in a `$filter` value arrives at the service as written), and
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
/// EncodedQuery::new("$count=true").append_to(&mut query);
/// assert_eq!(query, "$count=true");
/// ```
pub trait Query {
    /// Appends the encoded options, `name=value` joined by `&`, without a leading `?`, to
    /// `query`, which may already hold options (then this starts with `&`).
    fn append_to(&self, query: &mut String);
}

/// What stays as it is in a query option's name or value: the unreserved characters, and
/// those OData's syntax uses that mean nothing to a query string (`$`, `'`, `(`, `)`, `,`,
/// `:`, `@`, `/`, `*`). `+`, `&`, `=`, `#`, `%`, `;` and spaces are escaped.
const QUERY_ESCAPED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'$')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b',')
    .remove(b':')
    .remove(b'@')
    .remove(b'/')
    .remove(b'*');

fn append_pairs<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)], query: &mut String) {
    for (name, value) in pairs {
        if !query.is_empty() {
            query.push('&');
        }
        query.extend(utf8_percent_encode(name.as_ref(), QUERY_ESCAPED));
        query.push('=');
        query.extend(utf8_percent_encode(value.as_ref(), QUERY_ESCAPED));
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
