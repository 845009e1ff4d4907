//! Rules for the text a user types: required fields are not blank, nothing is unbounded.

use super::error::DomainError;

/// Enough for a long e-mail pasted whole; a bound keeps one paste from bloating the file.
pub const MAX_TEXT: usize = 1_000_000;
pub const MAX_NAME: usize = 20_000;
/// A tag is a word or two to filter by, not a note.
pub const MAX_TAG: usize = 200;

/// How long a text the core takes, in characters, as the UI reads it: its
/// bindings carry a constant generated from [`LIMITS`], so a form tells a
/// paste too long at once without holding a copy of the rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct Limits {
    /// Summaries, notes, comments, reasons.
    pub text: usize,
    /// A client's name.
    pub name: usize,
    /// One tag.
    pub tag: usize,
}

pub const LIMITS: Limits = Limits { text: MAX_TEXT, name: MAX_NAME, tag: MAX_TAG };

/// `s` for a URI: every byte but ASCII letters, digits, `-._~` and those of
/// `keep` percent-encoded, so text from anywhere can't become another scheme,
/// a second argument or a path.
pub fn uri_escaped(s: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || keep.contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

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
