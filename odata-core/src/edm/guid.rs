use core::fmt;
use core::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::ParseEdmError;
use crate::{KeyStyle, ODataKey};

const EDM_GUID: &str = "Edm.Guid";

/// The length of `01234567-89ab-cdef-0123-456789abcdef`.
const TEXT_LENGTH: usize = 36;

/// Where the `-` of the 8-4-4-4-12 form stand.
const HYPHENS: [usize; 4] = [8, 13, 18, 23];

/// Edm.Guid: a 128-bit identifier written as 32 hexadecimal digits in groups of 8-4-4-4-12,
/// such as `e6742553-2553-e674-5325-74e6532574e6`.
///
/// The digits are written back in the case they were read in. As a key it is written
/// unquoted: `/collection(e6742553-...)` or `/collection/e6742553-...`.
///
/// ```
/// use odata::Guid;
///
/// let sent = "E6742553-2553-e674-5325-74E6532574E6";
/// let guid: Guid = sent.parse().unwrap();
/// assert_eq!(guid.to_string(), sent);
/// assert_eq!(guid.to_u128(), 0xe6742553_2553_e674_5325_74e6532574e6);
///
/// assert!("{e6742553-2553-e674-5325-74e6532574e6}".parse::<Guid>().is_err());
/// ```
///
/// Equality compares the text, as for the other Edm types: the same identifier in another
/// case is a different value on the wire. Compare [`to_u128`](Self::to_u128) for the
/// identifier.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Guid {
    /// The text as read: ASCII hexadecimal digits and `-` only.
    text: [u8; TEXT_LENGTH],
}

impl Guid {
    /// Parses the 8-4-4-4-12 form, in any case. Braces, URN prefixes and the 32-digit form
    /// without hyphens are not Edm.Guid literals.
    ///
    /// ```
    /// let error = odata::Guid::parse("e6742553-2553-e674-5325-74e6532574eg").unwrap_err();
    /// assert_eq!(
    ///     error.to_string(),
    ///     "invalid Edm.Guid `e6742553-2553-e674-5325-74e6532574eg`: `g` is not a hexadecimal digit"
    /// );
    /// ```
    pub fn parse(text: &str) -> Result<Self, ParseEdmError> {
        let error = |reason: String| ParseEdmError::new(EDM_GUID, text, reason);
        let Ok(bytes) = <[u8; TEXT_LENGTH]>::try_from(text.as_bytes()) else {
            return Err(error(format!(
                "expected 32 hexadecimal digits in groups of 8-4-4-4-12, such as `{}`",
                Guid::from_u128(0x01234567_89ab_cdef_0123_456789abcdef)
            )));
        };
        for (index, byte) in bytes.iter().enumerate() {
            if HYPHENS.contains(&index) {
                if *byte != b'-' {
                    return Err(error(format!("expected `-` after {} characters", index)));
                }
            } else if !byte.is_ascii_hexdigit() {
                // Not ASCII: name the whole character, which starts here or earlier.
                let character = text.get(index..).and_then(|rest| rest.chars().next());
                return Err(error(match character {
                    Some(character) => format!("`{character}` is not a hexadecimal digit"),
                    None => "only ASCII hexadecimal digits and `-` may appear".to_owned(),
                }));
            }
        }
        Ok(Guid { text: bytes })
    }

    /// The identifier written in lowercase, as Graph writes it.
    ///
    /// ```
    /// let guid = odata::Guid::from_u128(0xe6742553_2553_e674_5325_74e6532574e6);
    /// assert_eq!(guid.as_str(), "e6742553-2553-e674-5325-74e6532574e6");
    /// ```
    pub fn from_u128(value: u128) -> Self {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut text = [b'-'; TEXT_LENGTH];
        let mut shift = 128;
        for (index, slot) in text.iter_mut().enumerate() {
            if !HYPHENS.contains(&index) {
                shift -= 4;
                *slot = DIGITS[((value >> shift) & 0xf) as usize];
            }
        }
        Guid { text }
    }

    /// The identifier as a number, its digits read left to right.
    pub fn to_u128(self) -> u128 {
        self.text
            .iter()
            .filter_map(|byte| char::from(*byte).to_digit(16))
            .fold(0, |value, digit| value << 4 | u128::from(digit))
    }

    /// The identifier as 16 bytes, in the order its digits are written (the order of
    /// RFC 9562 and of `uuid::Uuid::from_bytes`).
    ///
    /// ```
    /// let guid: odata::Guid = "00112233-4455-6677-8899-aabbccddeeff".parse().unwrap();
    /// assert_eq!(guid.to_bytes()[..3], [0x00, 0x11, 0x22]);
    /// assert_eq!(odata::Guid::from_bytes(guid.to_bytes()).as_str(), guid.as_str());
    /// ```
    pub fn to_bytes(self) -> [u8; 16] {
        self.to_u128().to_be_bytes()
    }

    /// The identifier with these 16 bytes, written in lowercase.
    pub fn from_bytes(bytes: [u8; 16]) -> Self {
        Guid::from_u128(u128::from_be_bytes(bytes))
    }

    /// The text as it will be written.
    pub fn as_str(&self) -> &str {
        // Only ASCII is ever stored, so this never falls back.
        core::str::from_utf8(&self.text).unwrap_or_default()
    }
}

impl From<u128> for Guid {
    fn from(value: u128) -> Self {
        Guid::from_u128(value)
    }
}

impl From<Guid> for u128 {
    fn from(guid: Guid) -> Self {
        guid.to_u128()
    }
}

impl FromStr for Guid {
    type Err = ParseEdmError;

    fn from_str(text: &str) -> Result<Self, ParseEdmError> {
        Guid::parse(text)
    }
}

impl fmt::Display for Guid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Guid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Guid({})", self.as_str())
    }
}

/// Unquoted, as OData writes a Guid key: `(e6742553-...)` or `/e6742553-...`. The text is
/// hexadecimal digits and `-` only, so it needs no escaping.
///
/// ```
/// use odata::{Guid, KeyStyle, ODataKey};
///
/// let guid: Guid = "e6742553-2553-e674-5325-74e6532574e6".parse().unwrap();
/// let mut path = String::from("/pfxUserCertificates");
/// guid.append_key(&mut path, KeyStyle::Parentheses);
/// assert_eq!(path, "/pfxUserCertificates(e6742553-2553-e674-5325-74e6532574e6)");
///
/// let mut path = String::from("/pfxUserCertificates");
/// guid.append_key(&mut path, KeyStyle::Segment);
/// assert_eq!(path, "/pfxUserCertificates/e6742553-2553-e674-5325-74e6532574e6");
/// ```
impl ODataKey for Guid {
    fn append_key(&self, path: &mut String, style: KeyStyle) {
        match style {
            KeyStyle::Segment => {
                path.push('/');
                path.push_str(self.as_str());
            }
            KeyStyle::Parentheses => {
                path.push('(');
                path.push_str(self.as_str());
                path.push(')');
            }
        }
    }
}

impl Serialize for Guid {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Guid {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;

        impl Visitor<'_> for TextVisitor {
            type Value = Guid;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an Edm.Guid value as an 8-4-4-4-12 hexadecimal string")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Guid, E> {
                Guid::parse(text).map_err(E::custom)
            }
        }

        deserializer.deserialize_str(TextVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::Guid;

    #[test]
    fn guids_round_trip_in_the_case_they_were_sent() {
        for text in [
            "e6742553-2553-e674-5325-74e6532574e6",
            "E6742553-2553-E674-5325-74E6532574E6",
            "e6742553-2553-E674-5325-74e6532574E6",
            "00000000-0000-0000-0000-000000000000",
            "ffffffff-ffff-ffff-ffff-ffffffffffff",
        ] {
            let guid: Guid = text.parse().unwrap();
            assert_eq!(guid.to_string(), text);
            let json = serde_json::to_string(&guid).unwrap();
            assert_eq!(json, format!("\"{text}\""));
            assert_eq!(serde_json::from_str::<Guid>(&json).unwrap(), guid);
            assert_eq!(Guid::from_u128(guid.to_u128()).as_str(), text.to_ascii_lowercase());
        }
    }

    #[test]
    fn the_value_ignores_the_case() {
        let lower: Guid = "e6742553-2553-e674-5325-74e6532574e6".parse().unwrap();
        let upper: Guid = "E6742553-2553-E674-5325-74E6532574E6".parse().unwrap();
        assert_ne!(lower, upper);
        assert_eq!(lower.to_u128(), upper.to_u128());
        assert_eq!(lower.to_bytes(), upper.to_bytes());
        assert_eq!(Guid::from(u128::MAX).as_str(), "ffffffff-ffff-ffff-ffff-ffffffffffff");
        assert_eq!(u128::from(Guid::from(1)), 1);
    }

    #[test]
    fn invalid_guids_are_rejected_with_a_reason() {
        for (text, reason) in [
            ("", "expected 32 hexadecimal digits in groups of 8-4-4-4-12"),
            ("e6742553255 3e67453257 4e6532574e6", "expected 32 hexadecimal digits"),
            ("e67425532553e674532574e6532574e6", "expected 32 hexadecimal digits"),
            ("{e6742553-2553-e674-5325-74e6532574e6}", "expected 32 hexadecimal digits"),
            ("urn:uuid:e6742553-2553-e674-5325-74e6532574e6", "expected 32 hexadecimal digits"),
            ("e6742553-2553-e674-5325-74e6532574e", "expected 32 hexadecimal digits"),
            ("e6742553_2553-e674-5325-74e6532574e6", "expected `-` after 8 characters"),
            ("e67425532-553-e674-5325-74e6532574e6", "expected `-` after 8 characters"),
            ("e6742553-2553-e674-5325+74e6532574e6", "expected `-` after 23 characters"),
            ("x6742553-2553-e674-5325-74e6532574e6", "`x` is not a hexadecimal digit"),
            ("é742553-2553-e674-5325-74e6532574e6", "`é` is not a hexadecimal digit"),
            ("e6742553-2553-e674-5325-74e6532574é", "`é` is not a hexadecimal digit"),
            ("e6742553-2553-e674-5325-74e6532574e６", "expected 32 hexadecimal digits"),
        ] {
            let error = text.parse::<Guid>().unwrap_err();
            assert_eq!(error.edm_type(), "Edm.Guid");
            let message = error.to_string();
            assert!(message.starts_with(&format!("invalid Edm.Guid `{text}`: ")), "{message}");
            assert!(message.contains(reason), "{text}: {message}");
        }
    }
}
