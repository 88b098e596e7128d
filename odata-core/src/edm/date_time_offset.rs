use core::fmt;
use core::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use super::ParseEdmError;

/// Edm.DateTimeOffset: an instant with the offset it was written in.
///
/// The text the service sent is kept and written back exactly: the number of fractional
/// digits, `Z` or a numeric offset. Invalid dates are errors. Converts to and from
/// [`time::OffsetDateTime`] (the `time` crate is re-exported as [`odata::edm::time`](super::time)).
///
/// ```
/// use odata::DateTimeOffset;
///
/// let sent = "2016-12-31T23:59:54.0590989-08:00";
/// let value: DateTimeOffset = sent.parse().unwrap();
/// assert_eq!(value.to_string(), sent);
/// assert_eq!(value.to_offset_date_time().nanosecond(), 59_098_900);
///
/// assert!("2016-02-30T00:00:00Z".parse::<DateTimeOffset>().is_err());
/// ```
///
/// Equality compares the text: the same instant written with another offset is a different
/// value on the wire. Compare [`to_offset_date_time`](Self::to_offset_date_time) for the
/// instant.
#[derive(Clone)]
pub struct DateTimeOffset {
    text: Box<str>,
    value: OffsetDateTime,
}

impl DateTimeOffset {
    /// Parses an RFC 3339 date-time, the format of Edm.DateTimeOffset in JSON.
    pub fn parse(text: &str) -> Result<Self, ParseEdmError> {
        OffsetDateTime::parse(text, &Rfc3339)
            .map(|value| DateTimeOffset { text: text.into(), value })
            .map_err(|error| ParseEdmError::new("Edm.DateTimeOffset", text, error))
    }

    /// The text as it will be written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The instant and its offset.
    pub fn to_offset_date_time(&self) -> OffsetDateTime {
        self.value
    }
}

impl TryFrom<OffsetDateTime> for DateTimeOffset {
    type Error = ParseEdmError;

    /// Formats as RFC 3339: `Z` for UTC, fractional seconds only as precise as needed.
    /// Fails for what RFC 3339 cannot write: years before 0 and offsets with seconds.
    fn try_from(value: OffsetDateTime) -> Result<Self, ParseEdmError> {
        match value.format(&Rfc3339) {
            Ok(text) => Ok(DateTimeOffset { text: text.into(), value }),
            Err(error) => Err(ParseEdmError::new("Edm.DateTimeOffset", &value.to_string(), error)),
        }
    }
}

impl From<DateTimeOffset> for OffsetDateTime {
    fn from(value: DateTimeOffset) -> Self {
        value.value
    }
}

impl From<&DateTimeOffset> for OffsetDateTime {
    fn from(value: &DateTimeOffset) -> Self {
        value.value
    }
}

impl FromStr for DateTimeOffset {
    type Err = ParseEdmError;

    fn from_str(text: &str) -> Result<Self, ParseEdmError> {
        DateTimeOffset::parse(text)
    }
}

impl PartialEq for DateTimeOffset {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for DateTimeOffset {}

impl core::hash::Hash for DateTimeOffset {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

impl fmt::Display for DateTimeOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for DateTimeOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DateTimeOffset({})", self.text)
    }
}

impl Serialize for DateTimeOffset {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for DateTimeOffset {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;

        impl Visitor<'_> for TextVisitor {
            type Value = DateTimeOffset;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an Edm.DateTimeOffset value as an RFC 3339 string")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<DateTimeOffset, E> {
                DateTimeOffset::parse(text).map_err(E::custom)
            }
        }

        deserializer.deserialize_str(TextVisitor)
    }
}
