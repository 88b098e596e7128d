use core::fmt;
use core::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::ParseEdmError;

const EDM_DURATION: &str = "Edm.Duration";

const SECONDS_PER_MINUTE: u64 = 60;
const SECONDS_PER_HOUR: u64 = 60 * SECONDS_PER_MINUTE;
const SECONDS_PER_DAY: u64 = 24 * SECONDS_PER_HOUR;

/// Edm.Duration: a signed length of time, written as an XML Schema `dayTimeDuration` such as
/// `PT2M43.444327S` or `-P1DT2H`.
///
/// The text the service sent is kept and written back exactly (leading zeros, every
/// fractional digit, a `+` sign). Years and months, which have no fixed length, are not part
/// of Edm.Duration and are errors. Converts to and from [`time::Duration`] (signed) and
/// [`core::time::Duration`] (not negative); both hold nanoseconds, so fractional digits past
/// the ninth are kept in the text but not in a conversion.
///
/// ```
/// use odata::Duration;
///
/// let sent = "PT2M43.444327S";
/// let value: Duration = sent.parse().unwrap();
/// assert_eq!(value.to_string(), sent);
/// assert_eq!(value.to_time_duration().whole_microseconds(), 163_444_327);
///
/// let back: Duration = std::time::Duration::from_secs(93_600).try_into().unwrap();
/// assert_eq!(back.as_str(), "P1DT2H");
///
/// assert!("P1Y".parse::<Duration>().is_err());
/// ```
///
/// Equality compares the text: `PT60S` and `PT1M` are different values on the wire. Compare
/// [`to_time_duration`](Self::to_time_duration) for the length of time.
#[derive(Clone)]
pub struct Duration {
    text: Box<str>,
    value: time::Duration,
}

impl Duration {
    /// Parses a `dayTimeDuration`: an optional sign, `P`, then days (`nD`) and, after `T`,
    /// hours (`nH`), minutes (`nM`) and seconds (`n.nS`), each optional but at least one
    /// present, in this order.
    ///
    /// ```
    /// let error = odata::Duration::parse("PT").unwrap_err();
    /// assert_eq!(
    ///     error.to_string(),
    ///     "invalid Edm.Duration `PT`: `T` must be followed by hours, minutes or seconds"
    /// );
    /// ```
    pub fn parse(text: &str) -> Result<Self, ParseEdmError> {
        parse_duration(text)
            .map(|value| Duration { text: text.into(), value })
            .map_err(|reason| ParseEdmError::new(EDM_DURATION, text, reason))
    }

    /// The text as it will be written.
    ///
    /// ```
    /// let value = odata::Duration::parse("-PT17.1357909S").unwrap();
    /// assert_eq!(value.as_str(), "-PT17.1357909S");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The length of time, signed, to the nanosecond.
    ///
    /// ```
    /// let value = odata::Duration::parse("-P1DT2H").unwrap();
    /// assert_eq!(value.to_time_duration().whole_hours(), -26);
    /// ```
    pub fn to_time_duration(&self) -> time::Duration {
        self.value
    }
}

/// The parts of a `dayTimeDuration` after `P`, read left to right.
struct Cursor<'a> {
    rest: &'a [u8],
}

impl<'a> Cursor<'a> {
    /// A run of ASCII digits, possibly empty.
    fn digits(&mut self) -> &'a [u8] {
        let length = self.rest.iter().take_while(|byte| byte.is_ascii_digit()).count();
        let (digits, rest) = self.rest.split_at(length);
        self.rest = rest;
        digits
    }

    fn eat(&mut self, byte: u8) -> bool {
        match self.rest.split_first() {
            Some((first, rest)) if *first == byte => {
                self.rest = rest;
                true
            }
            _ => false,
        }
    }
}

fn number(digits: &[u8]) -> Result<u64, String> {
    digits
        .iter()
        .try_fold(0_u64, |total, digit| total.checked_mul(10)?.checked_add(u64::from(digit - b'0')))
        .ok_or_else(|| "the duration is out of range".to_owned())
}

fn parse_duration(text: &str) -> Result<time::Duration, String> {
    const SHAPE: &str =
        "expected a dayTimeDuration such as `P1DT2H3M4.5S`: a number and `D`, `H`, `M` or `S`, in this order";
    let mut cursor = Cursor { rest: text.as_bytes() };
    let negative = cursor.eat(b'-');
    if !negative {
        cursor.eat(b'+');
    }
    if !cursor.eat(b'P') {
        return Err("expected `P` (after an optional sign)".to_owned());
    }
    let mut seconds: u64 = 0;
    let mut nanoseconds: u32 = 0;
    let mut any = false;
    let mut add = |amount: u64, unit: u64| -> Result<(), String> {
        any = true;
        seconds = amount
            .checked_mul(unit)
            .and_then(|part| seconds.checked_add(part))
            .ok_or_else(|| "the duration is out of range".to_owned())?;
        Ok(())
    };

    // Days: `nD`, unless the digits belong to years or months.
    let digits = cursor.digits();
    if !digits.is_empty() {
        if cursor.eat(b'D') {
            add(number(digits)?, SECONDS_PER_DAY)?;
        } else if matches!(cursor.rest.first(), Some(b'Y' | b'M' | b'W')) {
            return Err(
                "years, months and weeks are not part of an Edm.Duration (a dayTimeDuration)".to_owned()
            );
        } else {
            return Err(SHAPE.to_owned());
        }
    }

    if cursor.eat(b'T') {
        let mut any_time = false;
        let mut digits = cursor.digits();
        if !digits.is_empty() && cursor.eat(b'H') {
            add(number(digits)?, SECONDS_PER_HOUR)?;
            any_time = true;
            digits = cursor.digits();
        }
        if !digits.is_empty() && cursor.eat(b'M') {
            add(number(digits)?, SECONDS_PER_MINUTE)?;
            any_time = true;
            digits = cursor.digits();
        }
        if !digits.is_empty() {
            let whole = number(digits)?;
            if cursor.eat(b'.') {
                let fraction = cursor.digits();
                if fraction.is_empty() {
                    return Err("a `.` in the seconds is followed by digits".to_owned());
                }
                // Nanoseconds: the first nine digits, padded with zeros.
                nanoseconds = fraction
                    .iter()
                    .chain(core::iter::repeat(&b'0'))
                    .take(9)
                    .fold(0, |total, digit| total * 10 + u32::from(digit - b'0'));
            }
            if !cursor.eat(b'S') {
                return Err(SHAPE.to_owned());
            }
            add(whole, 1)?;
            any_time = true;
        }
        if !any_time {
            return Err("`T` must be followed by hours, minutes or seconds".to_owned());
        }
    }
    if !cursor.rest.is_empty() {
        return Err(SHAPE.to_owned());
    }
    if !any {
        return Err("a duration has at least one of days, hours, minutes or seconds".to_owned());
    }
    // A negative duration reaches one second further: `time::Duration::MIN` reads back.
    let seconds = if negative { 0_i64.checked_sub_unsigned(seconds) } else { i64::try_from(seconds).ok() }
        .ok_or_else(|| "the duration is out of range".to_owned())?;
    // Below 10^9, and of the same sign as the seconds: `new` neither overflows nor carries.
    let nanoseconds = nanoseconds as i32;
    let nanoseconds = if negative { -nanoseconds } else { nanoseconds };
    Ok(time::Duration::new(seconds, nanoseconds))
}

impl From<time::Duration> for Duration {
    /// Writes the shortest `dayTimeDuration`: zero parts are left out, the fraction is only
    /// as precise as needed, and zero is `PT0S`.
    ///
    /// ```
    /// use odata::edm::time::Duration as TimeDuration;
    /// use odata::Duration;
    ///
    /// let value = Duration::from(TimeDuration::milliseconds(-163_444));
    /// assert_eq!(value.as_str(), "-PT2M43.444S");
    /// assert_eq!(Duration::from(TimeDuration::ZERO).as_str(), "PT0S");
    /// ```
    fn from(value: time::Duration) -> Self {
        use core::fmt::Write as _;

        let mut text = String::with_capacity(24);
        if value.is_negative() {
            text.push('-');
        }
        text.push('P');
        let total = value.whole_seconds().unsigned_abs();
        let mut nanoseconds = value.subsec_nanoseconds().unsigned_abs();
        let (days, hours, minutes, seconds) = (
            total / SECONDS_PER_DAY,
            total % SECONDS_PER_DAY / SECONDS_PER_HOUR,
            total % SECONDS_PER_HOUR / SECONDS_PER_MINUTE,
            total % SECONDS_PER_MINUTE,
        );
        // Writing into a String cannot fail.
        if days > 0 {
            let _ = write!(text, "{days}D");
        }
        if hours > 0 || minutes > 0 || seconds > 0 || nanoseconds > 0 || days == 0 {
            text.push('T');
        }
        if hours > 0 {
            let _ = write!(text, "{hours}H");
        }
        if minutes > 0 {
            let _ = write!(text, "{minutes}M");
        }
        if seconds > 0 || nanoseconds > 0 || total == 0 {
            let _ = write!(text, "{seconds}");
            if nanoseconds > 0 {
                let mut digits = 9;
                while nanoseconds % 10 == 0 {
                    nanoseconds /= 10;
                    digits -= 1;
                }
                let _ = write!(text, ".{nanoseconds:0digits$}");
            }
            text.push('S');
        }
        Duration { text: text.into(), value }
    }
}

impl From<Duration> for time::Duration {
    fn from(value: Duration) -> Self {
        value.value
    }
}

impl From<&Duration> for time::Duration {
    fn from(value: &Duration) -> Self {
        value.value
    }
}

impl TryFrom<core::time::Duration> for Duration {
    type Error = ParseEdmError;

    /// Fails only for lengths beyond `i64::MAX` seconds, which [`time::Duration`] cannot hold.
    fn try_from(value: core::time::Duration) -> Result<Self, ParseEdmError> {
        time::Duration::try_from(value)
            .map(Duration::from)
            .map_err(|error| ParseEdmError::new(EDM_DURATION, &format!("{value:?}"), error))
    }
}

impl TryFrom<&Duration> for core::time::Duration {
    type Error = ParseEdmError;

    /// Fails for negative durations, which [`core::time::Duration`] cannot hold.
    ///
    /// ```
    /// use odata::Duration;
    ///
    /// let value = Duration::parse("PT1.5S").unwrap();
    /// assert_eq!(std::time::Duration::try_from(&value).unwrap().as_millis(), 1500);
    /// assert!(std::time::Duration::try_from(&Duration::parse("-PT1S").unwrap()).is_err());
    /// ```
    fn try_from(value: &Duration) -> Result<Self, ParseEdmError> {
        core::time::Duration::try_from(value.value).map_err(|_| {
            ParseEdmError::new(EDM_DURATION, &value.text, "a negative duration has no std::time::Duration")
        })
    }
}

impl TryFrom<Duration> for core::time::Duration {
    type Error = ParseEdmError;

    fn try_from(value: Duration) -> Result<Self, ParseEdmError> {
        core::time::Duration::try_from(&value)
    }
}

impl FromStr for Duration {
    type Err = ParseEdmError;

    fn from_str(text: &str) -> Result<Self, ParseEdmError> {
        Duration::parse(text)
    }
}

impl PartialEq for Duration {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for Duration {}

impl core::hash::Hash for Duration {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Duration({})", self.text)
    }
}

impl Serialize for Duration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;

        impl Visitor<'_> for TextVisitor {
            type Value = Duration;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an Edm.Duration value as an ISO 8601 duration string such as `PT2M43.444327S`")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Duration, E> {
                Duration::parse(text).map_err(E::custom)
            }
        }

        deserializer.deserialize_str(TextVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::Duration;

    fn nanos(text: &str) -> i128 {
        Duration::parse(text).unwrap().to_time_duration().whole_nanoseconds()
    }

    #[test]
    fn durations_round_trip_exactly() {
        for text in [
            "PT2M43.444327S",
            "-PT1M32.1347897S",
            "-PT17.1357909S",
            "PT35.0018757S",
            "-P1DT2H",
            "P1D",
            "PT0S",
            "PT0.0S",
            "+PT1S",
            "P0DT0H0M0S",
            "PT001M",
            "P10DT1H2M3.000000000001S",
            "PT9223372036854775807S",
        ] {
            let value: Duration = text.parse().unwrap();
            assert_eq!(value.to_string(), text);
            assert_eq!(value.as_str(), text);
            let json = serde_json::to_string(&value).unwrap();
            assert_eq!(json, format!("\"{text}\""));
            assert_eq!(serde_json::from_str::<Duration>(&json).unwrap(), value);
        }
    }

    #[test]
    fn the_value_adds_up_the_parts() {
        assert_eq!(nanos("PT2M43.444327S"), 163_444_327_000);
        assert_eq!(nanos("-PT1M32.1347897S"), -92_134_789_700);
        assert_eq!(nanos("-P1DT2H"), -93_600_000_000_000);
        assert_eq!(nanos("P1DT1H1M1.000000001S"), 90_061_000_000_001);
        assert_eq!(nanos("PT0.9999999999S"), 999_999_999);
        assert_eq!(nanos("PT36H"), 129_600_000_000_000);
    }

    #[test]
    fn invalid_durations_are_rejected_with_a_reason() {
        for (text, reason) in [
            ("", "expected `P`"),
            ("1D", "expected `P`"),
            ("pT1S", "expected `P`"),
            ("--PT1S", "expected `P`"),
            ("P", "at least one of"),
            ("-P", "at least one of"),
            ("PT", "`T` must be followed"),
            ("P1DT", "`T` must be followed"),
            ("P1Y", "years, months and weeks"),
            ("P1M", "years, months and weeks"),
            ("P1W", "years, months and weeks"),
            ("PT1H1H", "expected a dayTimeDuration"),
            ("PT1S1M", "expected a dayTimeDuration"),
            ("PT1M1H", "expected a dayTimeDuration"),
            ("P1H", "expected a dayTimeDuration"),
            ("PT1", "expected a dayTimeDuration"),
            ("PT1.S", "followed by digits"),
            ("PT.5S", "`T` must be followed"),
            ("PT1.5", "expected a dayTimeDuration"),
            ("PT1s", "expected a dayTimeDuration"),
            ("PT1S ", "expected a dayTimeDuration"),
            ("P1D2", "expected a dayTimeDuration"),
            ("PT-1S", "`T` must be followed"),
            ("PT9223372036854775808S", "out of range"),
            ("P99999999999999999999D", "out of range"),
            ("P106751991167301D", "out of range"),
            ("PT１S", "`T` must be followed"),
        ] {
            let error = text.parse::<Duration>().unwrap_err();
            assert_eq!(error.edm_type(), "Edm.Duration");
            let message = error.to_string();
            assert!(message.starts_with(&format!("invalid Edm.Duration `{text}`: ")), "{message}");
            assert!(message.contains(reason), "{text}: {message}");
        }
    }

    #[test]
    fn conversions_write_the_shortest_form() {
        for (nanoseconds, text) in [
            (0_i64, "PT0S"),
            (1, "PT0.000000001S"),
            (163_444_327_000, "PT2M43.444327S"),
            (-93_600_000_000_000, "-P1DT2H"),
            (86_400_000_000_000, "P1D"),
            (90_061_500_000_000, "P1DT1H1M1.5S"),
            (3_600_000_000_000, "PT1H"),
        ] {
            let value = Duration::from(time::Duration::nanoseconds(nanoseconds));
            assert_eq!(value.as_str(), text);
            assert_eq!(Duration::parse(text).unwrap().to_time_duration(), value.to_time_duration());
        }
        for extreme in [time::Duration::MIN, time::Duration::MAX] {
            let value = Duration::from(extreme);
            assert_eq!(Duration::parse(value.as_str()).unwrap().to_time_duration(), extreme);
        }
        assert!(Duration::parse("-PT9223372036854775809S").is_err());
    }

    #[test]
    fn std_durations_convert_both_ways() {
        let value = Duration::try_from(core::time::Duration::from_millis(1500)).unwrap();
        assert_eq!(value.as_str(), "PT1.5S");
        assert_eq!(core::time::Duration::try_from(value).unwrap(), core::time::Duration::from_millis(1500));
        let error = Duration::try_from(core::time::Duration::MAX).unwrap_err();
        assert_eq!(error.edm_type(), "Edm.Duration");
        let error = core::time::Duration::try_from(Duration::parse("-PT1S").unwrap()).unwrap_err();
        assert!(error.to_string().contains("negative"), "{error}");
    }
}
