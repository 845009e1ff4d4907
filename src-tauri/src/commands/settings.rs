//! Settings: business hours, holidays, thresholds, language; changed one key
//! at a time through the core's own validation.

use chrono::NaiveDate;
use tauri::State;
use trato::domain::Settings;
use trato::journal;

use crate::error::IpcError;
use crate::journal::Shared;

#[tauri::command]
pub async fn settings(journal: State<'_, Shared>) -> Result<Settings, IpcError> {
    journal.run(|store, _| journal::settings(store)).await
}

/// Sets one setting by its dotted key (`business_hours.start`, `language`, ...).
/// A refused value changes nothing, and the error names the field.
#[tauri::command]
pub async fn set_setting(journal: State<'_, Shared>, key: String, value: String) -> Result<Settings, IpcError> {
    let field = key.clone();
    journal.write(move |store, _| journal::change_settings(store, |s| s.with(&key, &value))).await.map_err(|e| {
        if e.code == "bad_setting" {
            e.on(&field)
        } else {
            e
        }
    })
}

#[tauri::command]
pub async fn add_holiday(journal: State<'_, Shared>, date: NaiveDate, name: Option<String>) -> Result<Settings, IpcError> {
    journal.write(move |store, _| journal::change_settings(store, |s| s.add_holiday(date, name.filter(|n| !n.trim().is_empty())))).await
}

#[tauri::command]
pub async fn remove_holiday(journal: State<'_, Shared>, date: NaiveDate) -> Result<Settings, IpcError> {
    journal.write(move |store, _| journal::change_settings(store, |s| s.remove_holiday(date))).await
}
