//! Reminders as Settings shows them: those sent lately, those due but held
//! back (quiet hours, the digest's time, a snooze), and snoozing one.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use tauri::State;
use trato::domain::time::moment::{Reader, Towards};
use trato::journal::reminding;
use trato::journal::{self, JournalError};
use trato::reminders::{ReminderKey, ReminderPlan, SentReminder, Snooze};

use super::moment;
use trato::domain::Code;

use crate::error::IpcError;
use crate::journal::Shared;

/// The latest `limit` reminders delivered, newest first.
#[tauri::command]
pub async fn sent_reminders(journal: State<'_, Shared>, limit: u32) -> Result<Vec<SentReminder>, IpcError> {
    journal.run(move |store, _| reminding::sent_reminders(store, limit as usize)).await
}

/// What the tick would deliver now and what waits, without delivering anything.
#[tauri::command]
pub async fn reminder_plan(journal: State<'_, Shared>) -> Result<ReminderPlan, IpcError> {
    journal.run(reminding::due_reminders).await
}

/// A snooze as the form sends it: a chosen end is local time (`2026-03-05T16:30`).
#[derive(Clone, Debug, Deserialize, ts_rs::TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SnoozeForm {
    For { minutes: u32 },
    UntilTomorrow,
    Until { at: String },
}

/// Holds the reminder `key` back until the snooze ends; returns the end.
#[tauri::command]
pub async fn snooze_reminder(journal: State<'_, Shared>, key: String, how: SnoozeForm) -> Result<DateTime<Utc>, IpcError> {
    journal
        .write(move |store, clock| {
            let key: ReminderKey = key.parse().map_err(JournalError::from)?;
            let how = match how {
                SnoozeForm::For { minutes } => Snooze::For { minutes },
                SnoozeForm::UntilTomorrow => Snooze::UntilTomorrow,
                SnoozeForm::Until { at } => {
                    let calendar = journal::calendar(store, clock)?;
                    match moment("until", Some(&at), &Reader { now: clock.now, calendar: &calendar }, Towards::Future)? {
                        Some(at) => Snooze::Until { at },
                        None => return Err(IpcError::new(Code::BadMoment, "no moment given for the snooze's end").on("until")),
                    }
                }
            };
            reminding::snooze(store, clock, &key, how).map_err(|e| {
                let e = IpcError::from(e);
                if e.code() == Code::SnoozeInPast {
                    e.on("until")
                } else {
                    e
                }
            })
        })
        .await
}
