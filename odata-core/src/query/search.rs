//! `$search` in Graph's quoted form: `"displayName:room" OR "mail:room"`.

use core::fmt;
use core::marker::PhantomData;

use super::prop::Prop;
use super::QueryError;

/// A `$search` expression about `Owner`: quoted phrases, optionally on one property (Graph's
/// `"property:words"`), combined with `AND` and `OR`. Graph answers `$search` on directory
/// objects only with `ConsistencyLevel: eventual`, which the query then sends.
///
/// A phrase cannot hold `"` (the OData ABNF has no escape for it inside a phrase) and must
/// not be empty: both are an error naming the phrase, never a silently changed search.
///
/// ```
/// use odata::query::{Prop, Search};
/// struct User;
/// const NAME: Prop<User, String> = Prop::new("displayName");
/// const MAIL: Prop<User, String> = Prop::new("mail");
///
/// let search = Search::property(NAME, "room 1")?.or(Search::property(MAIL, "room")?);
/// assert_eq!(search.to_string(), r#""displayName:room 1" OR "mail:room""#);
/// assert!(Search::<User>::phrase(r#"say "hi""#).is_err());
/// # Ok::<(), odata::query::QueryError>(())
/// ```
pub struct Search<Owner> {
    text: String,
    /// `OR` binds looser than `AND`: an `OR` expression is parenthesized inside an `AND`.
    is_or: bool,
    _owner: PhantomData<fn() -> Owner>,
}

impl<Owner> Clone for Search<Owner> {
    fn clone(&self) -> Self {
        Search { text: self.text.clone(), is_or: self.is_or, _owner: PhantomData }
    }
}

impl<Owner> fmt::Debug for Search<Owner> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Search").field(&self.text).finish()
    }
}

/// The expression, unescaped.
impl<Owner> fmt::Display for Search<Owner> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

fn check_phrase(phrase: &str) -> Result<(), QueryError> {
    if phrase.is_empty() {
        return Err(QueryError::EmptySearchPhrase);
    }
    if phrase.contains('"') {
        return Err(QueryError::QuoteInSearchPhrase { phrase: phrase.to_owned() });
    }
    Ok(())
}

impl<Owner> Search<Owner> {
    /// `"words"`: the words, anywhere the service searches.
    pub fn phrase(words: &str) -> Result<Self, QueryError> {
        check_phrase(words)?;
        let mut text = String::with_capacity(words.len() + 2);
        text.push('"');
        text.push_str(words);
        text.push('"');
        Ok(Search { text, is_or: false, _owner: PhantomData })
    }

    /// `"property:words"`: Graph's search of one property.
    pub fn property(property: Prop<Owner, String>, words: &str) -> Result<Self, QueryError> {
        check_phrase(words)?;
        let path = property.path();
        let mut text = String::with_capacity(path.text_len() + words.len() + 3);
        text.push('"');
        path.write(&mut text);
        text.push(':');
        text.push_str(words);
        text.push('"');
        Ok(Search { text, is_or: false, _owner: PhantomData })
    }

    /// Both match.
    pub fn and(self, other: Search<Owner>) -> Self {
        let mut text = String::with_capacity(self.text.len() + other.text.len() + 9);
        for (index, operand) in [self, other].into_iter().enumerate() {
            if index > 0 {
                text.push_str(" AND ");
            }
            if operand.is_or {
                text.push('(');
                text.push_str(&operand.text);
                text.push(')');
            } else {
                text.push_str(&operand.text);
            }
        }
        Search { text, is_or: false, _owner: PhantomData }
    }

    /// Either matches.
    pub fn or(mut self, other: Search<Owner>) -> Self {
        self.text.push_str(" OR ");
        self.text.push_str(&other.text);
        self.is_or = true;
        self
    }

    /// The expression's text, unescaped.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub(crate) fn into_text(self) -> String {
        self.text
    }
}
