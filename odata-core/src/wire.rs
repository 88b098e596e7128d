//! What every writer and reader of the wire format shares: which properties a view writes,
//! the `@odata.type` annotation, and the errors that name a property.

use core::fmt;

use serde::de::{self, DeserializeSeed, Visitor};

/// Which properties a serialization writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// Every set property: what the service sends.
    Full,
    /// No read-only property: the body of a POST.
    Create,
    /// Neither read-only properties nor the key: the body of a PATCH.
    Update,
}

impl View {
    /// Whether properties marked `read_only` are written.
    #[inline]
    pub fn writes_read_only(self) -> bool {
        matches!(self, View::Full)
    }

    /// Whether the key property is written.
    #[inline]
    pub fn writes_key(self) -> bool {
        !matches!(self, View::Update)
    }

    /// Whether this view writes `property` (when it is set).
    #[inline]
    pub fn writes(self, property: &crate::Property) -> bool {
        if property.read_only || property.navigation {
            self.writes_read_only()
        } else {
            !property.key || self.writes_key()
        }
    }
}

/// The `@odata.type` annotation's name on the wire.
pub const TYPE_ANNOTATION: &str = "@odata.type";

/// Reads an `@odata.type` value and checks that it names `expected` (with or without `#`).
#[derive(Clone, Copy)]
pub struct TypeAnnotationSeed {
    /// The qualified name of the type being read.
    pub expected: &'static str,
}

impl<'de> DeserializeSeed<'de> for TypeAnnotationSeed {
    type Value = ();

    #[inline]
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for TypeAnnotationSeed {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the type name `{}` as a string", self.expected)
    }

    #[inline]
    fn visit_str<E: de::Error>(self, found: &str) -> Result<(), E> {
        if found.strip_prefix('#').unwrap_or(found) == self.expected {
            Ok(())
        } else {
            Err(E::custom(format_args!("`@odata.type` is `{found}`, expected `{}`", self.expected)))
        }
    }
}

/// Adds the property's wire name to an error that reading its value returned.
#[cold]
pub fn in_property<E: de::Error>(property: &str, error: E) -> E {
    E::custom(format_args!("property `{property}`: {error}"))
}

/// The error for a required property that the object lacks.
#[cold]
pub fn missing_property<E: de::Error>(property: &str, type_name: &str) -> E {
    E::custom(format_args!("missing property `{property}`, which `{type_name}` requires"))
}

/// The error for a property that the object names twice.
#[cold]
pub fn duplicate_property<E: de::Error>(property: &str) -> E {
    E::custom(format_args!("property `{property}` appears twice"))
}
