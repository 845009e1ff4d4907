//! What the forms ask of the core while a person fills them in: the days the
//! date fields offer as shortcuts, what a typed date means (read exactly as it
//! will be when saved), and the time zones to choose from.

use serde::{Deserialize, Serialize};
use tauri::State;
use trato::domain::time::moment::{shortcuts, Reader, Shortcuts, Towards};
use trato::journal;

use super::{due, moment};
use crate::error::IpcError;
use crate::journal::Shared;

/// What kind of date a field holds, which says how it is read.
#[derive(Clone, Copy, Debug, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum WhenField {
    /// A due date: a day (due by its end) or a day and a time; "friday" is the coming one.
    Due,
    /// A moment ahead, such as an answer-by time.
    Ahead,
    /// When something happened: "friday" is the last one.
    Happened,
}

/// Today, tomorrow and the next working day of the business calendar, now.
#[tauri::command]
pub async fn date_shortcuts(journal: State<'_, Shared>) -> Result<Shortcuts, IpcError> {
    journal
        .run(|store, clock| {
            let calendar = journal::calendar(store, clock)?;
            Ok::<_, IpcError>(shortcuts(&Reader { now: clock.now, calendar: &calendar }))
        })
        .await
}

/// What `text` means in a field of this kind, as the form may send it back: a
/// day (`2026-03-06`) or an instant (RFC 3339). A text that names no date is
/// refused with its code (`bad_due`, `bad_moment`, `needs_time`, `skipped_hour`).
#[tauri::command]
pub async fn read_when(journal: State<'_, Shared>, text: String, field: WhenField) -> Result<String, IpcError> {
    journal
        .run(move |store, clock| {
            let calendar = journal::calendar(store, clock)?;
            let reader = Reader { now: clock.now, calendar: &calendar };
            let read = match field {
                WhenField::Due => due(&text, &reader)?.to_string(),
                WhenField::Ahead | WhenField::Happened => {
                    let towards = if matches!(field, WhenField::Ahead) { Towards::Future } else { Towards::Past };
                    let at = moment("when", Some(&text), &reader, towards)?;
                    at.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)).unwrap_or_default()
                }
            };
            Ok::<_, IpcError>(read)
        })
        .await
}

/// The zones a person chooses from, and the system's (what "follow the system" means now).
#[derive(Clone, Debug, Serialize, ts_rs::TS)]
pub struct TimeZones {
    pub system: String,
    pub zones: Vec<String>,
}

#[tauri::command]
pub fn time_zones() -> TimeZones {
    let zones = trato::domain::settings::time_zones().into_iter().map(String::from).collect();
    TimeZones { system: trato::system::time_zone().name().to_string(), zones }
}
