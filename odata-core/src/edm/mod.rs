//! Edm primitive values that plain Rust types cannot carry without loss.
//!
//! Each keeps exactly what the service sent, so that reading and writing back is lossless,
//! and offers conversions to the types of well-kept crates.

mod binary;
mod date_time_offset;

use core::fmt;

pub use binary::Binary;
pub use date_time_offset::DateTimeOffset;
/// The date-time crate that [`DateTimeOffset`] converts to and from.
pub use time;

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
