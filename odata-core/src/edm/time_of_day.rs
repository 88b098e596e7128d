use core::fmt;
use core::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::date::two_digits;
use super::ParseEdmError;

const EDM_TIME_OF_DAY: &str = "Edm.TimeOfDay";

/// The most fractional digits OData's `timeOfDayValue` allows (picoseconds).
const MAX_FRACTION_DIGITS: u8 = 12;

/// Edm.TimeOfDay: a time of day without a date or an offset, written `12:00:05.5020000`.
///
/// Reads `hh:mm`, `hh:mm:ss` and `hh:mm:ss.f` with 1 to 12 fractional digits, and writes back
/// exactly what it read: the seconds if they were written, and every fractional digit,
/// trailing zeros included. Converts to and from [`time::Time`], which holds nanoseconds:
/// digits past the ninth are kept in the text but not in the conversion.
///
/// ```
/// use odata::TimeOfDay;
///
/// let sent = "12:00:05.5020000";
/// let value: TimeOfDay = sent.parse().unwrap();
/// assert_eq!(value.to_string(), sent);
/// assert_eq!(value.to_time().millisecond(), 502);
///
/// assert!("24:00:00".parse::<TimeOfDay>().is_err());
/// ```
///
/// Equality compares the text: `12:00` and `12:00:00` are different values on the wire.
/// Compare [`to_time`](Self::to_time) for the time of day.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeOfDay {
    value: time::Time,
    /// Whether the seconds were written: `hh:mm` alone is a valid literal.
    seconds: bool,
    /// How many fractional digits were written, 0 to 12.
    fraction_digits: u8,
    /// Fractional digits 10 to 12, below a nanosecond, as picoseconds (0 to 999).
    picoseconds: u16,
}

impl TimeOfDay {
    /// Parses an Edm.TimeOfDay literal: `hh:mm[:ss[.fffffffffff]]`.
    ///
    /// ```
    /// let error = odata::TimeOfDay::parse("12:60:00").unwrap_err();
    /// assert_eq!(
    ///     error.to_string(),
    ///     "invalid Edm.TimeOfDay `12:60:00`: the minute must be 00 to 59"
    /// );
    /// ```
    pub fn parse(text: &str) -> Result<Self, ParseEdmError> {
        parse_time_of_day(text).map_err(|reason| ParseEdmError::new(EDM_TIME_OF_DAY, text, reason))
    }

    /// The time of day as a [`time::Time`], to the nanosecond.
    ///
    /// ```
    /// let value = odata::TimeOfDay::parse("11:59:24.724000000999").unwrap();
    /// assert_eq!(value.to_time().nanosecond(), 724_000_000);
    /// ```
    pub fn to_time(self) -> time::Time {
        self.value
    }
}

fn parse_time_of_day(text: &str) -> Result<TimeOfDay, String> {
    const SHAPE: &str = "expected `hh:mm`, `hh:mm:ss` or `hh:mm:ss.fffffff` with two-digit fields";
    let bytes = text.as_bytes();
    let (Some(hour), Some(b':'), Some(minute)) =
        (two_digits_at(bytes, 0), bytes.get(2), two_digits_at(bytes, 3))
    else {
        return Err(SHAPE.to_owned());
    };
    let mut time_of_day =
        TimeOfDay { value: time::Time::MIDNIGHT, seconds: false, fraction_digits: 0, picoseconds: 0 };
    let mut second = 0;
    let mut nanosecond = 0;
    match bytes.get(5..).unwrap_or_default() {
        [] => {}
        [b':', rest @ ..] => {
            second = two_digits_at(rest, 0).ok_or_else(|| SHAPE.to_owned())?;
            time_of_day.seconds = true;
            match rest.get(2..).unwrap_or_default() {
                [] => {}
                [b'.', fraction @ ..] => {
                    if fraction.is_empty() || !fraction.iter().all(u8::is_ascii_digit) {
                        return Err(SHAPE.to_owned());
                    }
                    if fraction.len() > usize::from(MAX_FRACTION_DIGITS) {
                        return Err(format!("at most {MAX_FRACTION_DIGITS} fractional digits are allowed"));
                    }
                    // 12 digits or fewer: the padded value is below 10^12 and fits a u64.
                    let picoseconds_total = fraction
                        .iter()
                        .chain(core::iter::repeat(&b'0'))
                        .take(usize::from(MAX_FRACTION_DIGITS))
                        .fold(0_u64, |total, digit| total * 10 + u64::from(digit - b'0'));
                    nanosecond = (picoseconds_total / 1000) as u32;
                    time_of_day.picoseconds = (picoseconds_total % 1000) as u16;
                    time_of_day.fraction_digits = fraction.len() as u8;
                }
                _ => return Err(SHAPE.to_owned()),
            }
        }
        _ => return Err(SHAPE.to_owned()),
    }
    for (value, limit, name) in [(hour, 23, "hour"), (minute, 59, "minute"), (second, 59, "second")] {
        if value > limit {
            return Err(format!("the {name} must be 00 to {limit}"));
        }
    }
    time_of_day.value =
        time::Time::from_hms_nano(hour, minute, second, nanosecond).map_err(|error| error.to_string())?;
    Ok(time_of_day)
}

fn two_digits_at(bytes: &[u8], at: usize) -> Option<u8> {
    match bytes.get(at..at + 2)? {
        [tens, ones] => two_digits(*tens, *ones),
        _ => None,
    }
}

impl From<time::Time> for TimeOfDay {
    /// Writes `hh:mm:ss`, with a fraction only as precise as needed.
    ///
    /// ```
    /// use odata::edm::time::Time;
    /// use odata::TimeOfDay;
    ///
    /// let time = Time::from_hms_milli(12, 0, 5, 502).unwrap();
    /// assert_eq!(TimeOfDay::from(time).to_string(), "12:00:05.502");
    /// assert_eq!(TimeOfDay::from(Time::MIDNIGHT).to_string(), "00:00:00");
    /// ```
    fn from(value: time::Time) -> Self {
        let mut nanosecond = value.nanosecond();
        let mut fraction_digits = if nanosecond == 0 { 0 } else { 9 };
        while fraction_digits > 0 && nanosecond % 10 == 0 {
            nanosecond /= 10;
            fraction_digits -= 1;
        }
        TimeOfDay { value, seconds: true, fraction_digits, picoseconds: 0 }
    }
}

impl From<TimeOfDay> for time::Time {
    fn from(value: TimeOfDay) -> Self {
        value.value
    }
}

impl FromStr for TimeOfDay {
    type Err = ParseEdmError;

    fn from_str(text: &str) -> Result<Self, ParseEdmError> {
        TimeOfDay::parse(text)
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (hour, minute, second) = self.value.as_hms();
        write!(f, "{hour:02}:{minute:02}")?;
        if self.seconds {
            write!(f, ":{second:02}")?;
        }
        if self.fraction_digits > 0 {
            let digits = usize::from(self.fraction_digits);
            let picoseconds = u64::from(self.value.nanosecond()) * 1000 + u64::from(self.picoseconds);
            // The digits after the ones that were written are zeros: dividing drops only them.
            let shown = picoseconds / 10_u64.pow(u32::from(MAX_FRACTION_DIGITS - self.fraction_digits));
            write!(f, ".{shown:0digits$}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TimeOfDay({self})")
    }
}

impl Serialize for TimeOfDay {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TimeOfDay {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;

        impl Visitor<'_> for TextVisitor {
            type Value = TimeOfDay;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an Edm.TimeOfDay value as an `hh:mm:ss.fffffff` string")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<TimeOfDay, E> {
                TimeOfDay::parse(text).map_err(E::custom)
            }
        }

        deserializer.deserialize_str(TextVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::TimeOfDay;

    #[test]
    fn times_of_day_round_trip_exactly() {
        for text in [
            "12:00:05.5020000",
            "11:59:24.7240000",
            "00:00",
            "23:59",
            "00:00:00",
            "23:59:59.9999999",
            "12:00:00.0",
            "12:00:00.000000000000",
            "12:00:00.000000000001",
            "12:00:00.123456789012",
            "01:02:03.4",
        ] {
            let value: TimeOfDay = text.parse().unwrap();
            assert_eq!(value.to_string(), text);
            let json = serde_json::to_string(&value).unwrap();
            assert_eq!(json, format!("\"{text}\""));
            assert_eq!(serde_json::from_str::<TimeOfDay>(&json).unwrap(), value);
        }
    }

    #[test]
    fn the_value_is_kept_to_the_nanosecond() {
        let value: TimeOfDay = "23:59:58.123456789012".parse().unwrap();
        assert_eq!(value.to_time().as_hms_nano(), (23, 59, 58, 123_456_789));
        let value: TimeOfDay = "12:00:05.502".parse().unwrap();
        assert_eq!(value.to_time().nanosecond(), 502_000_000);
    }

    #[test]
    fn equality_is_by_text() {
        let short: TimeOfDay = "12:00".parse().unwrap();
        let long: TimeOfDay = "12:00:00.000".parse().unwrap();
        assert_ne!(short, long);
        assert_eq!(short.to_time(), long.to_time());
    }

    #[test]
    fn invalid_times_of_day_are_rejected_with_a_reason() {
        for (text, reason) in [
            ("", "expected `hh:mm`"),
            ("12", "expected `hh:mm`"),
            ("1:00", "expected `hh:mm`"),
            ("12:5", "expected `hh:mm`"),
            ("12:00:5", "expected `hh:mm`"),
            ("12:00:05.", "expected `hh:mm`"),
            ("12:00:05.5x", "expected `hh:mm`"),
            ("12:00:05,5", "expected `hh:mm`"),
            ("12:00:05Z", "expected `hh:mm`"),
            ("12:00.5", "expected `hh:mm`"),
            ("12:00:05.1234567890123", "at most 12 fractional digits"),
            ("24:00:00", "the hour must be 00 to 23"),
            ("12:60", "the minute must be 00 to 59"),
            ("12:00:60", "the second must be 00 to 59"),
            ("1２:00", "expected `hh:mm`"),
        ] {
            let error = text.parse::<TimeOfDay>().unwrap_err();
            assert_eq!(error.edm_type(), "Edm.TimeOfDay");
            let message = error.to_string();
            assert!(message.starts_with(&format!("invalid Edm.TimeOfDay `{text}`: ")), "{message}");
            assert!(message.contains(reason), "{text}: {message}");
        }
    }

    #[test]
    fn conversions_from_time_write_the_shortest_fraction() {
        let time = time::Time::from_hms_nano(1, 2, 3, 400_000_000).unwrap();
        let value = TimeOfDay::from(time);
        assert_eq!(value.to_string(), "01:02:03.4");
        assert_eq!(time::Time::from(value), time);
        let time = time::Time::from_hms_nano(1, 2, 3, 1).unwrap();
        assert_eq!(TimeOfDay::from(time).to_string(), "01:02:03.000000001");
    }
}
