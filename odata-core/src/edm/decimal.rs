use core::fmt;
use core::str::FromStr;

use serde::de::{self, Deserialize, Deserializer};
use serde::ser::{self, Serialize, Serializer};
use serde_json::value::RawValue;

use super::ParseEdmError;

const EDM_DECIMAL: &str = "Edm.Decimal";

/// Edm.Decimal: a decimal number kept as the text the service sent, so that no digit is lost.
///
/// A JSON number is read from its text, never through `f64`: `1234567890.123456789012345`
/// keeps all 25 digits. A service asked for `IEEE754Compatible=true` sends decimals as
/// strings (`"1.50"`); those read too, and so do the strings `"NaN"`, `"INF"` and `"-INF"`.
/// The text must be an OData `decimalValue`: an optional sign, digits, an optional fraction
/// and an optional exponent (`-1.234567e3`).
///
/// Written back as it came: a number as the same number, a string as the same string. A
/// value made with [`parse`](Self::parse) or a `From` conversion is written as a JSON number
/// when its text is one, and as a string otherwise (`NaN`, `INF`, `+1`, `007`); call
/// [`quoted`](Self::quoted) to send it as a string to an `IEEE754Compatible` service.
///
/// The digits are kept when `Decimal` is read from JSON text (`serde_json::from_str`,
/// `from_slice`, `from_reader`, and the bodies that [`from_response`](crate::from_response)
/// reads). A JSON number that has already been read into a `serde_json::Value` holds only an
/// `f64` (or an integer), and a `Decimal` read from that `Value` has that number's digits.
/// Reading `Decimal` needs serde_json's deserializer (other formats are an error), and a
/// number is written through serde_json's raw values, which only serde_json writes as such.
/// [`Patchable::diff`](crate::Patchable::diff) compares the JSON text that values write, so two
/// decimals that differ in any digit are a change.
///
/// ```
/// use odata::Decimal;
///
/// let sent = "1234567890.123456789012345";
/// let price: Decimal = serde_json::from_str(sent).unwrap();
/// assert_eq!(price.as_str(), sent);
/// assert_eq!(serde_json::to_string(&price).unwrap(), sent);
///
/// let quoted: Decimal = serde_json::from_str(r#""1.50""#).unwrap();
/// assert_eq!(quoted.to_mantissa_scale().unwrap(), (150, 2));
/// assert_eq!(serde_json::to_string(&quoted).unwrap(), r#""1.50""#);
///
/// assert!(serde_json::from_str::<Decimal>(r#""1,5""#).is_err());
/// ```
///
/// Equality compares the text: `1.5` and `1.50` are different values, as they are on the
/// wire; `1.5` read from a number and `"1.5"` read from a string are equal.
#[derive(Clone)]
pub struct Decimal {
    text: Box<str>,
    quoted: bool,
}

/// The parts of a `decimalValue`, borrowed from its text.
enum Parts<'a> {
    Finite { negative: bool, integer: &'a str, fraction: &'a str, exponent: &'a str },
    NotANumber,
    Infinity { negative: bool },
}

/// Splits `text` by the ABNF's `decimalValue`; the error says what was wrong.
fn split(text: &str) -> Result<Parts<'_>, String> {
    match text {
        "NaN" => return Ok(Parts::NotANumber),
        "INF" => return Ok(Parts::Infinity { negative: false }),
        "-INF" => return Ok(Parts::Infinity { negative: true }),
        "" => return Err("empty".to_owned()),
        _ => {}
    }
    let (negative, unsigned) = match text.as_bytes()[0] {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (integer, rest) = split_digits(unsigned);
    if integer.is_empty() {
        return Err(unexpected(rest, "a digit"));
    }
    let (fraction, rest) = match rest.strip_prefix('.') {
        Some(after_point) => {
            let (fraction, rest) = split_digits(after_point);
            if fraction.is_empty() {
                return Err(unexpected(rest, "a digit after `.`"));
            }
            (fraction, rest)
        }
        None => ("", rest),
    };
    let exponent = match rest.strip_prefix(['e', 'E']) {
        Some(after_e) => {
            let unsigned = after_e.strip_prefix(['+', '-']).unwrap_or(after_e);
            let (digits, rest) = split_digits(unsigned);
            if digits.is_empty() {
                return Err(unexpected(rest, "a digit in the exponent"));
            }
            if !rest.is_empty() {
                return Err(unexpected(rest, "the end"));
            }
            after_e
        }
        None if rest.is_empty() => "",
        None => return Err(unexpected(rest, "a digit, `.`, `e` or the end")),
    };
    Ok(Parts::Finite { negative, integer, fraction, exponent })
}

fn split_digits(text: &str) -> (&str, &str) {
    let end = text.bytes().position(|b| !b.is_ascii_digit()).unwrap_or(text.len());
    text.split_at(end)
}

fn unexpected(rest: &str, expected: &str) -> String {
    match rest.chars().next() {
        Some(found) => format!("expected {expected}, found `{found}`"),
        None => format!("expected {expected} at the end"),
    }
}

/// Whether JSON's number grammar accepts `text` (a `decimalValue` already): no `+` sign and
/// no leading zero before another digit.
fn is_json_number(text: &str) -> bool {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let bytes = unsigned.as_bytes();
    matches!(bytes.first(), Some(b'0'..=b'9'))
        && !(bytes[0] == b'0' && matches!(bytes.get(1), Some(b'0'..=b'9')))
}

impl Decimal {
    /// Parses an OData `decimalValue`: `[+|-]digits[.digits][e[+|-]digits]`, `NaN`, `INF` or
    /// `-INF`.
    ///
    /// ```
    /// use odata::Decimal;
    ///
    /// assert_eq!(Decimal::parse("-1.234567e3").unwrap().to_string(), "-1.234567e3");
    /// let error = Decimal::parse("1.").unwrap_err();
    /// assert_eq!(error.to_string(), "invalid Edm.Decimal `1.`: expected a digit after `.` at the end");
    /// ```
    pub fn parse(text: &str) -> Result<Self, ParseEdmError> {
        split(text).map_err(|reason| ParseEdmError::new(EDM_DECIMAL, text, reason))?;
        Ok(Decimal { text: text.into(), quoted: !is_json_number(text) })
    }

    /// The text, as it will be written (without the quotes of a string).
    ///
    /// ```
    /// let value: odata::Decimal = serde_json::from_str(r#""0.10""#).unwrap();
    /// assert_eq!(value.as_str(), "0.10");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the value is written as a JSON string rather than a number.
    ///
    /// ```
    /// use odata::Decimal;
    ///
    /// assert!(!serde_json::from_str::<Decimal>("2.5").unwrap().is_quoted());
    /// assert!(serde_json::from_str::<Decimal>(r#""2.5""#).unwrap().is_quoted());
    /// assert!(Decimal::parse("NaN").unwrap().is_quoted());
    /// ```
    pub fn is_quoted(&self) -> bool {
        self.quoted
    }

    /// The same value, written as a JSON string: the form `IEEE754Compatible=true` asks for.
    ///
    /// ```
    /// let value = odata::Decimal::from(42_i64).quoted();
    /// assert_eq!(serde_json::to_string(&value).unwrap(), r#""42""#);
    /// ```
    pub fn quoted(self) -> Self {
        Decimal { quoted: true, ..self }
    }

    /// The nearest `f64`, which may lose digits; `NaN`, `INF` and `-INF` are the float's
    /// special values. A finite value too large for `f64` is an error.
    ///
    /// ```
    /// use odata::Decimal;
    ///
    /// assert_eq!(Decimal::parse("-1.5e3").unwrap().to_f64().unwrap(), -1500.0);
    /// assert!(Decimal::parse("1e400").unwrap().to_f64().is_err());
    /// ```
    pub fn to_f64(&self) -> Result<f64, ParseEdmError> {
        match split(&self.text).map_err(|reason| self.error(reason))? {
            Parts::NotANumber => Ok(f64::NAN),
            Parts::Infinity { negative: true } => Ok(f64::NEG_INFINITY),
            Parts::Infinity { negative: false } => Ok(f64::INFINITY),
            Parts::Finite { .. } => {
                // Rust's float syntax includes every finite `decimalValue`.
                let value = self.text.parse::<f64>().map_err(|error| self.error(error))?;
                if value.is_infinite() {
                    return Err(self.error("out of the range of f64"));
                }
                Ok(value)
            }
        }
    }

    /// The value as `mantissa * 10^-scale`, with every digit written, trailing zeros
    /// included: `1.50` is `(150, 2)`, `1.5e3` is `(15, -2)`. An error for `NaN`, `INF`,
    /// `-INF`, more digits than `i128` holds (38) or an exponent beyond `i32`.
    ///
    /// ```
    /// use odata::Decimal;
    ///
    /// assert_eq!(Decimal::parse("-0.0025").unwrap().to_mantissa_scale().unwrap(), (-25, 4));
    /// assert_eq!(Decimal::parse("1.5e3").unwrap().to_mantissa_scale().unwrap(), (15, -2));
    /// assert!(Decimal::parse("NaN").unwrap().to_mantissa_scale().is_err());
    /// ```
    pub fn to_mantissa_scale(&self) -> Result<(i128, i32), ParseEdmError> {
        let Parts::Finite { negative, integer, fraction, exponent } =
            split(&self.text).map_err(|reason| self.error(reason))?
        else {
            return Err(self.error("not a finite number"));
        };
        self.mantissa_scale(negative, integer, fraction, exponent)
    }

    fn mantissa_scale(
        &self,
        negative: bool,
        integer: &str,
        fraction: &str,
        exponent: &str,
    ) -> Result<(i128, i32), ParseEdmError> {
        let mut mantissa: i128 = 0;
        for digit in integer.bytes().chain(fraction.bytes()) {
            let digit = i128::from(digit - b'0');
            mantissa = mantissa
                .checked_mul(10)
                .and_then(
                    |shifted| if negative { shifted.checked_sub(digit) } else { shifted.checked_add(digit) },
                )
                .ok_or_else(|| self.error("more digits than an i128 holds"))?;
        }
        let exponent: i64 = if exponent.is_empty() {
            0
        } else {
            exponent.parse().map_err(|_| self.error("the exponent is out of range"))?
        };
        let scale = i64::try_from(fraction.len()).ok().and_then(|digits| digits.checked_sub(exponent));
        let scale = scale
            .and_then(|scale| i32::try_from(scale).ok())
            .ok_or_else(|| self.error("the exponent is out of range"))?;
        Ok((mantissa, scale))
    }

    /// The value as an integer: an error when it has a fraction, is out of the range of
    /// `i128`, or is `NaN` or infinite. `1.500e3` is `1500`.
    ///
    /// ```
    /// use odata::Decimal;
    ///
    /// assert_eq!(Decimal::parse("1.500e3").unwrap().to_i128().unwrap(), 1500);
    /// assert_eq!(Decimal::parse("-7.00").unwrap().to_i128().unwrap(), -7);
    /// let error = Decimal::parse("7.25").unwrap().to_i128().unwrap_err().to_string();
    /// assert_eq!(error, "invalid Edm.Decimal `7.25`: has a fraction");
    /// ```
    pub fn to_i128(&self) -> Result<i128, ParseEdmError> {
        let Parts::Finite { negative, integer, fraction, exponent } =
            split(&self.text).map_err(|reason| self.error(reason))?
        else {
            return Err(self.error("not a finite number"));
        };
        // Zeros that only pad the fraction or lead the integer say nothing of the integer
        // value, and must not overflow the mantissa.
        let fraction = fraction.trim_end_matches('0');
        let integer = integer.trim_start_matches('0');
        let (mantissa, scale) = self.mantissa_scale(negative, integer, fraction, exponent)?;
        if mantissa == 0 {
            return Ok(0);
        }
        let out_of_range = || self.error("out of the range of i128");
        if scale > 0 {
            let divisor = u32::try_from(scale).ok().and_then(|scale| 10_i128.checked_pow(scale));
            match divisor {
                Some(divisor) if mantissa % divisor == 0 => Ok(mantissa / divisor),
                _ => Err(self.error("has a fraction")),
            }
        } else {
            let factor = u32::try_from(-i64::from(scale)).ok().and_then(|power| 10_i128.checked_pow(power));
            factor.and_then(|factor| mantissa.checked_mul(factor)).ok_or_else(out_of_range)
        }
    }

    fn error(&self, reason: impl fmt::Display) -> ParseEdmError {
        ParseEdmError::new(EDM_DECIMAL, &self.text, reason)
    }
}

macro_rules! from_integers {
    ($($int:ty),*) => {$(
        /// The integer's digits, written as a JSON number.
        impl From<$int> for Decimal {
            fn from(value: $int) -> Self {
                Decimal { text: value.to_string().into(), quoted: false }
            }
        }
    )*};
}

from_integers!(i8, i16, i32, i64, i128, u8, u16, u32, u64, u128);

/// The shortest text that reads back as the same `f64` (`0.1`, `1e-7`, `2.0`); `NaN`, `INF`
/// and `-INF` for the special values, which are written as strings.
///
/// ```
/// use odata::Decimal;
///
/// assert_eq!(Decimal::from(0.1_f64).as_str(), "0.1");
/// assert_eq!(serde_json::to_string(&Decimal::from(f64::NEG_INFINITY)).unwrap(), r#""-INF""#);
/// ```
impl From<f64> for Decimal {
    fn from(value: f64) -> Self {
        let text = if value.is_nan() {
            "NaN".to_owned()
        } else if value.is_infinite() {
            if value > 0.0 { "INF" } else { "-INF" }.to_owned()
        } else {
            format!("{value:?}")
        };
        let quoted = !is_json_number(&text);
        Decimal { text: text.into(), quoted }
    }
}

impl FromStr for Decimal {
    type Err = ParseEdmError;

    fn from_str(text: &str) -> Result<Self, ParseEdmError> {
        Decimal::parse(text)
    }
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for Decimal {}

impl core::hash::Hash for Decimal {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Decimal({})", self.text)
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.quoted {
            return serializer.serialize_str(&self.text);
        }
        // serde_json writes a raw value's text as it is; the text is a JSON number.
        let number: &RawValue = serde_json::from_str(&self.text).map_err(ser::Error::custom)?;
        number.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        let json = raw.get();
        match json.as_bytes().first() {
            Some(b'"') => {
                let text: String = serde_json::from_str(json).map_err(de::Error::custom)?;
                Decimal::parse(&text).map(Decimal::quoted).map_err(de::Error::custom)
            }
            Some(b'-' | b'0'..=b'9') => Decimal::parse(json).map_err(de::Error::custom),
            _ => {
                let found = match json.as_bytes().first() {
                    Some(b't' | b'f') => "a boolean",
                    Some(b'n') => "null",
                    Some(b'[') => "an array",
                    _ => "an object",
                };
                Err(de::Error::custom(format_args!(
                    "invalid type: {found}, expected an Edm.Decimal value as a number or a string holding one"
                )))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Decimal;

    #[test]
    fn numbers_keep_every_digit_and_are_written_back_as_numbers() {
        for json in [
            "0",
            "-0",
            "1.50",
            "1234567890.123456789012345",
            "0.1000000000000000055511151231257827",
            "-99999999999999999999999999999999999999999",
            "1e-101",
            "-1.234567E+3",
        ] {
            let value: Decimal = serde_json::from_str(json).unwrap();
            assert_eq!(value.as_str(), json);
            assert!(!value.is_quoted());
            assert_eq!(serde_json::to_string(&value).unwrap(), json);
        }
    }

    #[test]
    fn strings_are_written_back_as_strings() {
        for json in [r#""1.50""#, r#""NaN""#, r#""-INF""#, r#""+3""#, r#""1e5""#] {
            let value: Decimal = serde_json::from_str(json).unwrap();
            assert!(value.is_quoted(), "{json}");
            assert_eq!(serde_json::to_string(&value).unwrap(), json);
        }
        let escaped: Decimal = serde_json::from_str(r#""\u0031.5""#).unwrap();
        assert_eq!(escaped.as_str(), "1.5");
    }

    #[test]
    fn parsed_text_is_a_number_only_when_json_allows_it() {
        for (text, written) in
            [("12.5", "12.5"), ("+12.5", "\"+12.5\""), ("012", "\"012\""), ("0.5", "0.5"), ("INF", "\"INF\"")]
        {
            let value: Decimal = text.parse().unwrap();
            assert_eq!(value.to_string(), text);
            assert_eq!(serde_json::to_string(&value).unwrap(), written, "{text}");
        }
    }

    #[test]
    fn text_that_is_not_a_decimal_value_is_an_error_that_says_why() {
        for (text, reason) in [
            ("", "empty"),
            ("-", "expected a digit at the end"),
            (".5", "expected a digit, found `.`"),
            ("1.", "expected a digit after `.` at the end"),
            ("1.e3", "expected a digit after `.`, found `e`"),
            ("1e", "expected a digit in the exponent at the end"),
            ("1e+", "expected a digit in the exponent at the end"),
            ("1e3.5", "expected the end, found `.`"),
            ("1,5", "expected a digit, `.`, `e` or the end, found `,`"),
            (" 1", "expected a digit, found ` `"),
            ("nan", "expected a digit, found `n`"),
            ("+INF", "expected a digit, found `I`"),
            ("0x10", "expected a digit, `.`, `e` or the end, found `x`"),
        ] {
            let error = text.parse::<Decimal>().unwrap_err();
            assert_eq!(error.edm_type(), "Edm.Decimal");
            assert_eq!(error.to_string(), format!("invalid Edm.Decimal `{text}`: {reason}"));
        }
    }

    #[test]
    fn json_values_that_are_not_decimals_are_errors() {
        for (json, message) in [
            ("true", "invalid type: a boolean, expected an Edm.Decimal value"),
            ("null", "invalid type: null, expected an Edm.Decimal"),
            ("[1]", "invalid type: an array"),
            ("{}", "invalid type: an object"),
            (r#""1.5 ""#, "invalid Edm.Decimal `1.5 `: expected a digit, `.`, `e` or the end, found ` `"),
        ] {
            let error = serde_json::from_str::<Decimal>(json).unwrap_err().to_string();
            assert!(error.contains(message), "{json}: {error}");
        }
    }

    #[test]
    fn mantissa_and_scale_keep_every_digit() {
        for (text, expected) in [
            ("0", (0, 0)),
            ("1.50", (150, 2)),
            ("-0.0025", (-25, 4)),
            ("+7", (7, 0)),
            ("1.5e3", (15, -2)),
            ("1.5E-3", (15, 4)),
            (
                "99999999999999999999999999999999999999",
                (99_999_999_999_999_999_999_999_999_999_999_999_999, 0),
            ),
            ("-170141183460469231731687303715884105728", (i128::MIN, 0)),
        ] {
            assert_eq!(Decimal::parse(text).unwrap().to_mantissa_scale().unwrap(), expected, "{text}");
        }
        for (text, reason) in [
            ("170141183460469231731687303715884105728", "more digits than an i128 holds"),
            ("1e99999999999", "the exponent is out of range"),
            ("1e-2147483648", "the exponent is out of range"),
            ("NaN", "not a finite number"),
            ("-INF", "not a finite number"),
        ] {
            let error = Decimal::parse(text).unwrap().to_mantissa_scale().unwrap_err();
            assert_eq!(error.to_string(), format!("invalid Edm.Decimal `{text}`: {reason}"));
        }
    }

    #[test]
    fn integers_convert_when_the_value_has_no_fraction() {
        for (text, expected) in [
            ("0.000", 0),
            ("0e999999", 0),
            ("42", 42),
            ("-42.000", -42),
            ("4.2e1", 42),
            ("4200e-2", 42),
            ("1e38", 100_000_000_000_000_000_000_000_000_000_000_000_000),
            ("000000000000000000000000000000000000000001", 1),
        ] {
            assert_eq!(Decimal::parse(text).unwrap().to_i128().unwrap(), expected, "{text}");
        }
        for (text, reason) in [
            ("4.25", "has a fraction"),
            ("42e-1", "has a fraction"),
            ("1e-50", "has a fraction"),
            ("1e39", "out of the range of i128"),
            ("NaN", "not a finite number"),
        ] {
            let error = Decimal::parse(text).unwrap().to_i128().unwrap_err();
            assert_eq!(error.to_string(), format!("invalid Edm.Decimal `{text}`: {reason}"));
        }
    }

    #[test]
    fn floats_convert_both_ways() {
        assert_eq!(Decimal::parse("0.1").unwrap().to_f64().unwrap(), 0.1);
        assert_eq!(Decimal::parse("+2.5e-1").unwrap().to_f64().unwrap(), 0.25);
        assert!(Decimal::parse("NaN").unwrap().to_f64().unwrap().is_nan());
        assert_eq!(Decimal::parse("-INF").unwrap().to_f64().unwrap(), f64::NEG_INFINITY);
        let error = Decimal::parse("-1e309").unwrap().to_f64().unwrap_err();
        assert_eq!(error.to_string(), "invalid Edm.Decimal `-1e309`: out of the range of f64");
        assert_eq!(Decimal::from(2.0_f64).as_str(), "2.0");
        assert_eq!(Decimal::from(1e-7_f64).as_str(), "1e-7");
        assert!(Decimal::from(f64::NAN).is_quoted());
        assert!(Decimal::from(u128::MAX).to_mantissa_scale().unwrap_err().to_string().contains("i128"));
        assert_eq!(Decimal::from(-5_i8).as_str(), "-5");
    }

    #[test]
    fn a_reader_keeps_the_digits_and_a_value_keeps_what_it_holds() {
        let digits = "3.14159265358979323846264338327950288";
        let read: Decimal = serde_json::from_reader(digits.as_bytes()).unwrap();
        assert_eq!(read.as_str(), digits);
        let held = serde_json::from_str::<serde_json::Value>(digits).unwrap();
        assert_eq!(serde_json::from_value::<Decimal>(held).unwrap().as_str(), "3.141592653589793");
        let quoted = serde_json::from_value::<Decimal>(serde_json::json!("1.50")).unwrap();
        assert_eq!((quoted.as_str(), quoted.is_quoted()), ("1.50", true));
    }

    #[test]
    fn other_formats_are_an_error_not_a_panic() {
        use serde::de::value::{Error, StrDeserializer};
        use serde::Deserialize as _;

        assert!(Decimal::deserialize(StrDeserializer::<Error>::new("1.5")).is_err());
    }

    #[test]
    fn equality_is_by_text() {
        let number: Decimal = serde_json::from_str("1.5").unwrap();
        let string: Decimal = serde_json::from_str("\"1.5\"").unwrap();
        assert_eq!(number, string);
        assert_ne!(number, Decimal::parse("1.50").unwrap());
    }
}
