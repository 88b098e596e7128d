//! Edm primitive values that plain Rust types cannot carry without loss.
//!
//! Each keeps exactly what the service sent, so that reading and writing back is lossless,
//! and offers conversions to the types of well-kept crates.
//!
//! | Edm type | Rust type |
//! |---|---|
//! | `Edm.String` | `String` |
//! | `Edm.Boolean` | `bool` |
//! | `Edm.Byte`, `Edm.SByte`, `Edm.Int16`, `Edm.Int32` | `u8`, `i8`, `i16`, `i32` |
//! | `Edm.Int64` | [`Int64`], which also reads the strings of `IEEE754Compatible` services; `i64` reads numbers only |
//! | `Edm.Decimal` | [`Decimal`], which keeps every digit of the number or string it read |
//! | `Edm.Double` | `f64` |
//! | `Edm.Single` | `f32`; `f64` where every digit a service writes must survive (Graph's docs write `Single` values with a double's digits) |
//! | `Edm.Binary` | [`Binary`] |
//! | `Edm.DateTimeOffset` | [`DateTimeOffset`] |
//! | `Edm.Date` | [`Date`] |
//! | `Edm.TimeOfDay` | [`TimeOfDay`] |
//! | `Edm.Duration` | [`Duration`] |
//! | `Edm.Guid` | [`Guid`] |
//! | `Edm.Stream` | [`Stream`], for the rare response that inlines one: JSON bodies carry a stream's links as annotations, not its bytes |
//! | `Edm.Geography*`, `Edm.Geometry*` | [`Geo`], a checked GeoJSON object |
//! | `Edm.Untyped` | [`odata::json::Value`](crate::json::Value) |
//! | enumeration types | `String` holding the member name (or the comma-separated names of a flags value) |
//! | collections | `Vec<_>` of the element type |
//!
//! Types that are not OData v4 Edm types, such as the `DateTime` of OData v3 that some Graph
//! pages still name, are best read as `String`.
//!
//! ```
//! use odata::{Date, Duration, Guid, Int64, TimeOfDay};
//!
//! // Each literal is written back exactly as it was read.
//! for text in ["2016-12-31", "12:00:05.5020000", "PT2M43.444327S", "e6742553-2553-E674-5325-74e6532574e6"] {
//!     let written = match text.len() {
//!         10 => text.parse::<Date>().unwrap().to_string(),
//!         16 => text.parse::<TimeOfDay>().unwrap().to_string(),
//!         14 => text.parse::<Duration>().unwrap().to_string(),
//!         _ => text.parse::<Guid>().unwrap().to_string(),
//!     };
//!     assert_eq!(written, text);
//! }
//!
//! // Int64 reads numbers and the strings of IEEE754Compatible services, and writes numbers.
//! let count: Int64 = serde_json::from_str(r#""4""#).unwrap();
//! assert_eq!(serde_json::to_string(&count).unwrap(), "4");
//! //! ```

mod binary;
mod date;
mod date_time_offset;
mod decimal;
mod duration;
mod geo;
mod guid;
mod int64;
mod stream;
mod time_of_day;

use core::fmt;

pub use binary::Binary;
pub use date::Date;
pub use date_time_offset::DateTimeOffset;
pub use decimal::Decimal;
pub use duration::Duration;
pub use geo::{Geo, GeoKind};
pub use guid::Guid;
pub use int64::Int64;
pub use stream::Stream;
/// The date-time crate that [`DateTimeOffset`], [`Date`], [`TimeOfDay`] and [`Duration`]
/// convert to and from.
pub use time;
pub use time_of_day::TimeOfDay;

/// Text that is not a valid literal of an Edm type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseEdmError {
    edm_type: &'static str,
    input: String,
    reason: String,
}

impl ParseEdmError {
    pub(crate) fn new(edm_type: &'static str, input: &str, reason: impl fmt::Display) -> Self {
        // Long inputs are cut so that an error message stays readable.
        const SHOWN: usize = 64;
        let input = match input.char_indices().nth(SHOWN) {
            Some((end, _)) => format!("{}...", &input[..end]),
            None => input.to_owned(),
        };
        ParseEdmError { edm_type, input, reason: reason.to_string() }
    }

    /// The Edm type that was expected, such as `Edm.DateTimeOffset`.
    pub fn edm_type(&self) -> &'static str {
        self.edm_type
    }

    /// The text that was read (cut after 64 characters).
    pub fn input(&self) -> &str {
        &self.input
    }
}

impl fmt::Display for ParseEdmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {} `{}`: {}", self.edm_type, self.input, self.reason)
    }
}

impl std::error::Error for ParseEdmError {}
