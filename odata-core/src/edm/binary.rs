use core::fmt;
use core::ops::{Deref, DerefMut};
use core::str::FromStr;

use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::{alphabet, Engine as _};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::ParseEdmError;

/// Edm.Binary: bytes, written as standard padded base64 (what Graph writes).
///
/// Reads the standard and the URL-safe alphabet, with or without padding.
///
/// ```
/// use odata::Binary;
///
/// let value: Binary = "dmFsdWU=".parse().unwrap();
/// assert_eq!(&*value, b"value");
/// assert_eq!(value.to_string(), "dmFsdWU=");
///
/// // URL-safe and unpadded input reads too, and writes back as Graph writes it.
/// let url_safe: Binary = "-_8".parse().unwrap();
/// assert_eq!(&*url_safe, &[0xfb, 0xff]);
/// assert_eq!(url_safe.to_string(), "+/8=");
///
/// assert!("not base64!".parse::<Binary>().is_err());
/// ```
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Binary(Vec<u8>);

const READ_CONFIG: GeneralPurposeConfig =
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
const READ_STANDARD: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, READ_CONFIG);
const READ_URL_SAFE: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, READ_CONFIG);
const WRITE: GeneralPurpose = base64::engine::general_purpose::STANDARD;

impl Binary {
    /// Wraps bytes.
    pub fn new(bytes: Vec<u8>) -> Self {
        Binary(bytes)
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The bytes, by value.
    pub fn into_vec(self) -> Vec<u8> {
        self.0
    }

    /// Decodes base64 text in the standard or the URL-safe alphabet, padded or not.
    pub fn from_base64(text: &str) -> Result<Self, ParseEdmError> {
        let url_safe = text.bytes().any(|b| b == b'-' || b == b'_');
        let engine = if url_safe { &READ_URL_SAFE } else { &READ_STANDARD };
        engine.decode(text).map(Binary).map_err(|error| ParseEdmError::new("Edm.Binary", text, error))
    }

    /// Encodes as standard base64 with padding.
    pub fn to_base64(&self) -> String {
        WRITE.encode(&self.0)
    }

    /// The standard padded base64 text, formatted without an intermediate `String`.
    fn base64_display(&self) -> base64::display::Base64Display<'_, 'static, GeneralPurpose> {
        base64::display::Base64Display::new(&self.0, &WRITE)
    }
}

impl Deref for Binary {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl DerefMut for Binary {
    fn deref_mut(&mut self) -> &mut [u8] {
        &mut self.0
    }
}

impl AsRef<[u8]> for Binary {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl From<Vec<u8>> for Binary {
    fn from(bytes: Vec<u8>) -> Self {
        Binary(bytes)
    }
}

impl From<&[u8]> for Binary {
    fn from(bytes: &[u8]) -> Self {
        Binary(bytes.to_vec())
    }
}

impl<const N: usize> From<[u8; N]> for Binary {
    fn from(bytes: [u8; N]) -> Self {
        Binary(bytes.to_vec())
    }
}

impl From<Binary> for Vec<u8> {
    fn from(binary: Binary) -> Self {
        binary.0
    }
}

impl FromStr for Binary {
    type Err = ParseEdmError;

    fn from_str(text: &str) -> Result<Self, ParseEdmError> {
        Binary::from_base64(text)
    }
}

impl fmt::Display for Binary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.base64_display().fmt(f)
    }
}

impl fmt::Debug for Binary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Binary({})", self.base64_display())
    }
}

impl Serialize for Binary {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Streams the encoding into the output, so that writing a payload allocates nothing.
        serializer.collect_str(&self.base64_display())
    }
}

impl<'de> Deserialize<'de> for Binary {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Base64Visitor;

        impl Visitor<'_> for Base64Visitor {
            type Value = Binary;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an Edm.Binary value as a base64 string")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Binary, E> {
                Binary::from_base64(text).map_err(E::custom)
            }
        }

        deserializer.deserialize_str(Base64Visitor)
    }
}
