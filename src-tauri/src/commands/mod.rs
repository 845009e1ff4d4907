//! The commands the UI calls, one module per area. Each takes the shared
//! journal, calls one use case of the core and converts its error.

pub mod backups;
pub mod clients;
pub mod contacts;
pub mod desktop;
pub mod entries;
pub mod export;
pub mod journal;
pub mod reminders;
pub mod search;
pub mod settings;
pub mod summary;
pub mod today;

use chrono::{DateTime, Utc};
use trato::cli::moment::{parse_due, parse_moment};
use trato::domain::Due;
use trato::journal::Clock;

use crate::error::IpcError;

/// A moment typed in a form (`2026-03-05T09:30`, the journal's local time).
fn moment(field: &'static str, value: Option<&str>, clock: Clock) -> Result<Option<DateTime<Utc>>, IpcError> {
    value
        .filter(|v| !v.trim().is_empty())
        .map(|v| parse_moment(field, v, clock.tz).map_err(|e| IpcError::new("bad_moment", e.to_string()).on(field)))
        .transpose()
}

/// A due date typed in a form: a day, or a day and a local time.
fn due(value: &str, clock: Clock) -> Result<Due, IpcError> {
    parse_due(value, clock.tz).map_err(|e| IpcError::new("bad_due", e.to_string()).on("due"))
}
