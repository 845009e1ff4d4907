//! Rules for the text a user types: required fields are not blank, nothing is unbounded.

use super::error::DomainError;

/// Enough for a long e-mail pasted whole; a bound keeps one paste from bloating the file.
pub const MAX_TEXT: usize = 1_000_000;
pub const MAX_NAME: usize = 20_000;

pub fn required(field: &'static str, value: &str, max: usize) -> Result<(), DomainError> {
    if value.trim().is_empty() {
        return Err(DomainError::Empty { field });
    }
    bounded(field, value, max)
}

pub fn bounded(field: &'static str, value: &str, max: usize) -> Result<(), DomainError> {
    let len = value.chars().count();
    if len > max {
        return Err(DomainError::TooLong { field, len, max });
    }
    Ok(())
}

/// Optional text from a form or flag: blank means "none".
pub fn optional(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}
