use core::fmt;
use core::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::ParseEdmError;
use crate::{KeyStyle, ODataKey};

const EDM_INT64: &str = "Edm.Int64";

/// Edm.Int64: a 64-bit integer that reads from a JSON number or from a string holding one.
///
/// A service asked for `IEEE754Compatible=true` writes Int64 values as strings (`"42"`), so
/// that JavaScript readers keep every digit; others write numbers. Both read, and the value
/// is written as a number. Fractions, exponents and values outside the `i64` range are
/// errors. A plain `i64` field reads numbers only.
///
/// ```
/// use odata::Int64;
///
/// let number: Int64 = serde_json::from_str("9007199254740993").unwrap();
/// let string: Int64 = serde_json::from_str(r#""9007199254740993""#).unwrap();
/// assert_eq!(number, string);
/// assert_eq!(number.0, 9_007_199_254_740_993);
/// assert_eq!(serde_json::to_string(&string).unwrap(), "9007199254740993");
///
/// assert!(serde_json::from_str::<Int64>("4.5").is_err());
/// assert!(serde_json::from_str::<Int64>(r#""9223372036854775808""#).is_err());
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Int64(pub i64);

impl Int64 {
    /// Parses an Edm.Int64 literal: an optional sign and decimal digits.
    ///
    /// ```
    /// assert_eq!(odata::Int64::parse("-42").unwrap().0, -42);
    /// let error = odata::Int64::parse("42L").unwrap_err();
    /// assert_eq!(error.to_string(), "invalid Edm.Int64 `42L`: invalid digit found in string");
    /// ```
    pub fn parse(text: &str) -> Result<Self, ParseEdmError> {
        text.parse::<i64>().map(Int64).map_err(|error| ParseEdmError::new(EDM_INT64, text, error))
    }

    /// The value.
    ///
    /// ```
    /// assert_eq!(odata::Int64::from(7).get(), 7_i64);
    /// ```
    pub fn get(self) -> i64 {
        self.0
    }
}

impl From<i64> for Int64 {
    fn from(value: i64) -> Self {
        Int64(value)
    }
}

impl From<Int64> for i64 {
    fn from(value: Int64) -> Self {
        value.0
    }
}

impl FromStr for Int64 {
    type Err = ParseEdmError;

    fn from_str(text: &str) -> Result<Self, ParseEdmError> {
        Int64::parse(text)
    }
}

impl fmt::Display for Int64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl fmt::Debug for Int64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Int64({})", self.0)
    }
}

/// Written as the number: `(42)` or `/42`.
///
/// ```
/// use odata::{Int64, KeyStyle, ODataKey};
///
/// let mut path = String::from("/Orders");
/// Int64(-42).append_key(&mut path, KeyStyle::Parentheses);
/// assert_eq!(path, "/Orders(-42)");
/// ```
impl ODataKey for Int64 {
    fn append_key(&self, path: &mut String, style: KeyStyle) {
        self.0.append_key(path, style);
    }
}

impl Serialize for Int64 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self.0)
    }
}

impl<'de> Deserialize<'de> for Int64 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NumberOrTextVisitor;

        impl Visitor<'_> for NumberOrTextVisitor {
            type Value = Int64;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an Edm.Int64 value as an integer or a string holding one")
            }

            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Int64, E> {
                Ok(Int64(value))
            }

            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Int64, E> {
                i64::try_from(value)
                    .map(Int64)
                    .map_err(|_| E::custom(ParseEdmError::new(EDM_INT64, &value.to_string(), "out of range")))
            }

            fn visit_i128<E: de::Error>(self, value: i128) -> Result<Int64, E> {
                i64::try_from(value)
                    .map(Int64)
                    .map_err(|_| E::custom(ParseEdmError::new(EDM_INT64, &value.to_string(), "out of range")))
            }

            fn visit_u128<E: de::Error>(self, value: u128) -> Result<Int64, E> {
                i64::try_from(value)
                    .map(Int64)
                    .map_err(|_| E::custom(ParseEdmError::new(EDM_INT64, &value.to_string(), "out of range")))
            }

            fn visit_f64<E: de::Error>(self, value: f64) -> Result<Int64, E> {
                // A JSON number with a fraction or an exponent, or one too large for `u64`.
                let reason = if value.fract() == 0.0 && value.is_finite() {
                    "out of range, or not written as an integer"
                } else {
                    "not an integer"
                };
                Err(E::custom(ParseEdmError::new(EDM_INT64, &value.to_string(), reason)))
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Int64, E> {
                Int64::parse(text).map_err(E::custom)
            }
        }

        deserializer.deserialize_any(NumberOrTextVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::Int64;

    #[test]
    fn numbers_and_strings_read_and_numbers_are_written() {
        for (json, value) in [
            ("4", 4),
            ("-13", -13),
            ("\"4\"", 4),
            ("\"-13\"", -13),
            ("\"+13\"", 13),
            ("9223372036854775807", i64::MAX),
            ("-9223372036854775808", i64::MIN),
            ("\"9223372036854775807\"", i64::MAX),
            ("\"-9223372036854775808\"", i64::MIN),
        ] {
            let read: Int64 = serde_json::from_str(json).unwrap();
            assert_eq!(read, Int64(value), "{json}");
            assert_eq!(serde_json::to_string(&read).unwrap(), value.to_string());
        }
    }

    #[test]
    fn text_round_trips() {
        for text in ["0", "-1", "42", "9223372036854775807", "-9223372036854775808"] {
            let value: Int64 = text.parse().unwrap();
            assert_eq!(value.to_string(), text);
        }
    }

    #[test]
    fn non_integers_and_out_of_range_values_are_errors_that_say_so() {
        for (json, message) in [
            ("4.5", "invalid Edm.Int64 `4.5`: not an integer"),
            ("4.0", "invalid Edm.Int64 `4`: out of range, or not written as an integer"),
            ("1e3", "invalid Edm.Int64 `1000`: out of range, or not written as an integer"),
            ("9223372036854775808", "invalid Edm.Int64 `9223372036854775808`: out of range"),
            ("-9223372036854775809", "out of range"),
            ("\"9223372036854775808\"", "invalid Edm.Int64 `9223372036854775808`: number too large"),
            ("\"4.5\"", "invalid Edm.Int64 `4.5`: invalid digit found in string"),
            ("\"\"", "invalid Edm.Int64 ``: cannot parse integer from empty string"),
            ("\" 4\"", "invalid Edm.Int64 ` 4`: invalid digit"),
            ("\"0x10\"", "invalid Edm.Int64 `0x10`: invalid digit"),
            ("true", "invalid type: boolean `true`, expected an Edm.Int64 value"),
            ("null", "invalid type: null, expected an Edm.Int64 value"),
            ("[4]", "invalid type: sequence, expected an Edm.Int64 value"),
        ] {
            let error = serde_json::from_str::<Int64>(json).unwrap_err().to_string();
            assert!(error.contains(message), "{json}: {error}");
        }
    }
}
