use core::fmt;
use core::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::Month;

use super::ParseEdmError;

const EDM_DATE: &str = "Edm.Date";

/// Edm.Date: a calendar date without a time of day or an offset, written `2016-12-31`.
///
/// OData writes a date one way only (`[-]YYYY-MM-DD`, a year of more than four digits
/// without leading zeros), and only that form is read, so writing back gives exactly the text
/// that was read. Invalid dates are errors. Converts to and from [`time::Date`] (the `time`
/// crate is re-exported as [`odata::edm::time`](super::time)).
///
/// ```
/// use odata::edm::time::{Date as TimeDate, Month};
/// use odata::Date;
///
/// let date: Date = "2016-12-31".parse().unwrap();
/// assert_eq!(date.to_string(), "2016-12-31");
/// assert_eq!(date.to_date(), TimeDate::from_calendar_date(2016, Month::December, 31).unwrap());
///
/// assert!("2017-02-29".parse::<Date>().is_err());
/// assert!("2016-1-31".parse::<Date>().is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(time::Date);

impl Date {
    /// Parses an Edm.Date literal such as `2016-12-31` or `-0044-03-15`.
    ///
    /// ```
    /// let error = odata::Date::parse("2016-12-32").unwrap_err();
    /// assert_eq!(error.to_string(), "invalid Edm.Date `2016-12-32`: December 2016 has 31 days");
    /// ```
    pub fn parse(text: &str) -> Result<Self, ParseEdmError> {
        parse_date(text).map(Date).map_err(|reason| ParseEdmError::new(EDM_DATE, text, reason))
    }

    /// The date as a [`time::Date`].
    ///
    /// ```
    /// let date = odata::Date::parse("2016-12-31").unwrap();
    /// assert_eq!(date.to_date().ordinal(), 366);
    /// ```
    pub fn to_date(self) -> time::Date {
        self.0
    }
}

/// `[-]YYYY-MM-DD`, as the OData ABNF's `dateValue` (years of more than four digits start
/// with a non-zero digit); the calendar rules are the `time` crate's.
fn parse_date(text: &str) -> Result<time::Date, String> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let year_digits = unsigned.bytes().take_while(u8::is_ascii_digit).count();
    if year_digits < 4 {
        return Err("expected `YYYY-MM-DD`: the year has at least four digits".to_owned());
    }
    if year_digits > 4 && unsigned.starts_with('0') {
        return Err("a year of more than four digits cannot start with `0`".to_owned());
    }
    let (year_text, rest) = unsigned.split_at(year_digits);
    let magnitude: i32 = year_text.parse().map_err(|_| "the year is out of range".to_owned())?;
    if negative && magnitude == 0 {
        return Err("the year `-0000` is written `0000`".to_owned());
    }
    let year = if negative { -magnitude } else { magnitude };
    const SHAPE: &str = "expected `YYYY-MM-DD`: a two-digit month and day follow the year";
    let [b'-', m1, m2, b'-', d1, d2] = *rest.as_bytes() else {
        return Err(SHAPE.to_owned());
    };
    let (Some(month), Some(day)) = (two_digits(m1, m2), two_digits(d1, d2)) else {
        return Err(SHAPE.to_owned());
    };
    let month = Month::try_from(month).map_err(|_| "the month must be 01 to 12".to_owned())?;
    let (first, last) = (time::Date::MIN.year(), time::Date::MAX.year());
    if !(first..=last).contains(&year) {
        return Err(format!("the year must be {first} to {last}"));
    }
    let days = month.length(year);
    if day == 0 || day > days {
        return Err(format!("{month} {year} has {days} days"));
    }
    time::Date::from_calendar_date(year, month, day).map_err(|error| error.to_string())
}

/// The value of two ASCII digits.
pub(super) fn two_digits(tens: u8, ones: u8) -> Option<u8> {
    (tens.is_ascii_digit() && ones.is_ascii_digit()).then(|| (tens - b'0') * 10 + (ones - b'0'))
}

impl From<time::Date> for Date {
    fn from(date: time::Date) -> Self {
        Date(date)
    }
}

impl From<Date> for time::Date {
    fn from(date: Date) -> Self {
        date.0
    }
}

impl FromStr for Date {
    type Err = ParseEdmError;

    fn from_str(text: &str) -> Result<Self, ParseEdmError> {
        Date::parse(text)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let year = self.0.year();
        if year < 0 {
            f.write_str("-")?;
        }
        write!(f, "{:04}-{:02}-{:02}", year.unsigned_abs(), u8::from(self.0.month()), self.0.day())
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Date({self})")
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;

        impl Visitor<'_> for TextVisitor {
            type Value = Date;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an Edm.Date value as a `YYYY-MM-DD` string")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Date, E> {
                Date::parse(text).map_err(E::custom)
            }
        }

        deserializer.deserialize_str(TextVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn dates_round_trip_exactly() {
        for text in ["2016-12-31", "0001-01-01", "0000-02-29", "-0044-03-15", "9999-12-31", "2000-02-29"] {
            let date: Date = text.parse().unwrap();
            assert_eq!(date.to_string(), text);
            let json = serde_json::to_string(&date).unwrap();
            assert_eq!(json, format!("\"{text}\""));
            assert_eq!(serde_json::from_str::<Date>(&json).unwrap(), date);
        }
    }

    #[test]
    fn invalid_dates_are_rejected_with_a_reason() {
        for (text, reason) in [
            ("", "the year has at least four digits"),
            ("16-12-31", "the year has at least four digits"),
            ("+2016-12-31", "the year has at least four digits"),
            ("02016-12-31", "cannot start with `0`"),
            ("-0000-01-01", "`-0000`"),
            ("2016-12-1", "a two-digit month and day"),
            ("2016-12-31T00:00:00Z", "a two-digit month and day"),
            ("2016/12/31", "a two-digit month and day"),
            ("2016-13-01", "the month must be 01 to 12"),
            ("2016-00-01", "the month must be 01 to 12"),
            ("2017-02-29", "February 2017 has 28 days"),
            ("1900-02-29", "February 1900 has 28 days"),
            ("2016-12-00", "December 2016 has 31 days"),
            ("2016-04-31", "April 2016 has 30 days"),
            ("10000-01-01", "the year must be -9999 to 9999"),
            ("99999999999999-01-01", "the year is out of range"),
            ("２０１６-12-31", "the year has at least four digits"),
        ] {
            let error = text.parse::<Date>().unwrap_err();
            let message = error.to_string();
            assert!(message.starts_with(&format!("invalid Edm.Date `{text}`: ")), "{message}");
            assert!(message.contains(reason), "{text}: {message}");
        }
    }

    #[test]
    fn json_that_is_not_a_string_is_an_error() {
        let error = serde_json::from_str::<Date>("20161231").unwrap_err().to_string();
        assert!(error.contains("an Edm.Date value"), "{error}");
    }
}
