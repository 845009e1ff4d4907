//! Settings: business hours, holidays, thresholds, language; changed one key
//! at a time through the core's own validation. The folders Trato writes to
//! (backups, the calendar file) are chosen in the system's folder dialog, which
//! the shell opens: the webview never names a path to write to.

use chrono::NaiveDate;
use serde::Deserialize;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use trato::domain::{Code, Language, Refusal, Settings};
use trato::journal;

use crate::error::IpcError;
use crate::journal::Shared;

#[tauri::command]
pub async fn settings(journal: State<'_, Shared>) -> Result<Settings, IpcError> {
    journal.run(|store, _| journal::settings(store)).await
}

/// Sets one setting by its dotted key (`business_hours.start`, `language`, ...).
/// A refused value changes nothing, and the error names the field. A folder
/// is refused: it is chosen in a dialog ([`choose_folder`]).
#[tauri::command]
pub async fn set_setting(journal: State<'_, Shared>, key: String, value: String) -> Result<Settings, IpcError> {
    typed(&key)?;
    let field = key.clone();
    journal.write(move |store, _| journal::change_settings(store, |s| s.with(&key, &value))).await.map_err(|e| {
        if e.refusal.field.is_some() {
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

/// A setting that names a folder Trato writes to.
#[derive(Clone, Copy, Debug, PartialEq, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum FolderSetting {
    /// `backups.folder`: where the backups go (the default: beside the journal).
    Backups,
    /// `calendar.ics_folder`: where `trato.ics` is kept (the default: nowhere).
    Calendar,
}

impl FolderSetting {
    const ALL: [FolderSetting; 2] = [FolderSetting::Backups, FolderSetting::Calendar];

    fn key(self) -> &'static str {
        match self {
            FolderSetting::Backups => "backups.folder",
            FolderSetting::Calendar => "calendar.ics_folder",
        }
    }

    fn title(self, lang: Language) -> &'static str {
        match (self, lang) {
            (FolderSetting::Backups, Language::En) => "Trato · The folder for the backups",
            (FolderSetting::Backups, Language::Es) => "Trato · La carpeta de las copias",
            (FolderSetting::Calendar, Language::En) => "Trato · The folder for the calendar file",
            (FolderSetting::Calendar, Language::Es) => "Trato · La carpeta del calendario",
        }
    }
}

/// Refuses to take a folder as typed text from the webview: a page that could
/// name one could point the backups at a file it planted, then restore that.
fn typed(key: &str) -> Result<(), IpcError> {
    match FolderSetting::ALL.into_iter().find(|f| f.key() == key.trim()) {
        Some(folder) => Err(IpcError::new(
            Code::FolderByDialog,
            format!(
                "{} is a folder, chosen in Settings with Choose folder… (or `trato settings set` in a terminal), not typed here",
                folder.key()
            ),
        )
        .on(folder.key())),
        None => Ok(()),
    }
}

async fn set_folder(journal: &Shared, folder: FolderSetting, value: String) -> Result<Settings, IpcError> {
    journal.write(move |store, _| journal::change_settings(store, |s| s.with(folder.key(), &value))).await.map_err(|e| e.on(folder.key()))
}

/// Asks for a folder in the system's dialog (opened where the setting points
/// now), then keeps it. `None` when the user cancelled: nothing changed.
#[tauri::command]
pub async fn choose_folder(app: AppHandle, journal: State<'_, Shared>, folder: FolderSetting) -> Result<Option<Settings>, IpcError> {
    let (now, lang) = journal.run(|store, clock| journal::settings(store).map(|s| (s, clock.lang))).await?;
    let current = match folder {
        FolderSetting::Backups => now.backups.folder.clone(),
        FolderSetting::Calendar => now.calendar.ics_folder.clone(),
    };
    let mut dialog = app.dialog().file().set_title(folder.title(lang));
    if let Some(current) = current.filter(|c| std::path::Path::new(c).is_dir()) {
        dialog = dialog.set_directory(current);
    }
    let Some(chosen) = dialog.blocking_pick_folder() else { return Ok(None) };
    let path = chosen.into_path().map_err(|e| IpcError::new(Code::BadPath, e.to_string()).on(folder.key()))?;
    let path = path.to_str().map(str::to_string).ok_or_else(|| {
        IpcError::refused(
            Refusal::new(Code::BadPath).path(&path).detail("its name is not valid text"),
            format!("Trato can't keep {} as a folder: its name is not valid text", path.display()),
        )
        .on(folder.key())
    })?;
    set_folder(&journal, folder, path).await.map(Some)
}

/// Back to the default: the backups beside the journal, no calendar file.
#[tauri::command]
pub async fn clear_folder(journal: State<'_, Shared>, folder: FolderSetting) -> Result<Settings, IpcError> {
    set_folder(&journal, folder, "none".into()).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folders_trato_writes_to_are_refused_as_typed_text_and_the_error_names_the_field() {
        for key in ["backups.folder", "calendar.ics_folder", " backups.folder "] {
            let refused = typed(key).expect_err("a folder is chosen in a dialog, not typed");
            assert_eq!(refused.code(), Code::FolderByDialog);
            assert_eq!(refused.refusal.field.as_deref(), Some(key.trim()), "the refusal is placed next to the field");
        }
        for key in ["language", "business_hours.start", "calendar.todos", "backups"] {
            assert_eq!(typed(key), Ok(()), "{key} is typed in Settings");
        }
    }
}
