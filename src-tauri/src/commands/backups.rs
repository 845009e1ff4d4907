//! Backups in the app: the list, one made now, and a restore, from the list or
//! from a file the user picks (the webview names no path of its own: a restore
//! from the list must be one of the listed backups).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;
use tauri::{AppHandle, Emitter, State};
use tauri_plugin_dialog::DialogExt;
use trato::domain::{Code, Refusal, Settings};
use trato::journal::backup::{self, BackupError, BackupInfo, BackupStatus};

use crate::error::IpcError;
use crate::journal::Shared;
use crate::window::MAIN;

impl From<BackupError> for IpcError {
    fn from(e: BackupError) -> Self {
        IpcError::refused(e.refusal(), &e)
    }
}

#[derive(Clone, Debug, Serialize, ts_rs::TS)]
pub struct Backups {
    /// Where they are kept, shown in Settings.
    pub folder: String,
    /// Newest first.
    pub list: Vec<BackupInfo>,
    pub status: BackupStatus,
}

/// The journal's settings, or the defaults when it did not open (a damaged
/// journal's backups are then looked for beside it).
async fn settings(journal: &Shared) -> Settings {
    if journal.problem().is_some() {
        return Settings::default();
    }
    journal.run(|store, _| trato::journal::settings(store)).await.unwrap_or_default()
}

fn listed(path: &Path, settings: &Settings) -> Result<Vec<BackupInfo>, IpcError> {
    let mut list = backup::list(path, settings)?;
    list.sort_by_key(|b| std::cmp::Reverse(b.taken_at));
    Ok(list)
}

#[tauri::command]
pub async fn backups(journal: State<'_, Shared>) -> Result<Backups, IpcError> {
    let settings = settings(&journal).await;
    let (path, now) = (journal.path.clone(), journal.now());
    super::blocking(move || {
        Ok(Backups {
            folder: backup::folder(&path, &settings.backups).display().to_string(),
            list: listed(&path, &settings)?,
            status: backup::status(&path, &settings, now)?,
        })
    })
    .await
}

/// A backup now. What it needs of the open journal is read under its lock;
/// the backup itself runs without it, on its own connection, so a large
/// journal's backup never holds up the user's commands.
#[tauri::command]
pub async fn back_up_now(journal: State<'_, Shared>) -> Result<BackupInfo, IpcError> {
    let (settings, clock) = journal.run(|store, clock| Ok::<_, IpcError>((trato::journal::settings(store)?, clock))).await?;
    let path = journal.path.clone();
    super::blocking(move || backup::now(&path, &settings, clock, None).map_err(IpcError::from)).await
}

/// Restores one of the listed backups; anything else is refused.
#[tauri::command]
pub async fn restore_backup(journal: State<'_, Shared>, path: String) -> Result<(), IpcError> {
    let settings = settings(&journal).await;
    let known = listed(&journal.path, &settings)?.into_iter().any(|b| b.path == path);
    if !known {
        return Err(IpcError::refused(
            Refusal::new(Code::BackupMissing).value(&path),
            format!("{path} is not one of the journal's backups"),
        ));
    }
    journal.restore(PathBuf::from(path)).await.map(drop)
}

/// Asks for a backup file anywhere, then restores it. `false` when the user cancelled.
#[tauri::command]
pub async fn restore_backup_file(app: AppHandle, journal: State<'_, Shared>) -> Result<bool, IpcError> {
    let chosen = app.dialog().file().add_filter("Trato journal", &["sqlite", "db", "trato"]).blocking_pick_file();
    let Some(chosen) = chosen else { return Ok(false) };
    let path = chosen.into_path().map_err(|e| IpcError::new(Code::BadPath, e.to_string()))?;
    journal.restore(path).await.map(|_| true)
}

/// The event that tells the window the backup folder changed: what Today's
/// warning and the damaged-journal banner say may have changed with it.
pub const BACKUPS_CHANGED: &str = "backups-changed";

/// The day's backup, on the first start of a day and on the minute tick of an
/// app left running for days. A failure is told on stderr and, through the
/// backups' status, in Today's warning (the newest good backup gets old) or
/// the damaged-journal banner; never in the user's way. A journal found
/// damaged is copied once a day, not on every tick.
pub async fn daily(app: &AppHandle, journal: &Shared) {
    // One at a time: a large journal's backup may outlast the minute between ticks.
    static RUNNING: AtomicBool = AtomicBool::new(false);
    if journal.problem().is_some() || RUNNING.swap(true, Ordering::AcqRel) {
        return;
    }
    let done = match journal.daily_backup().await {
        // A read-only journal: nothing to back up.
        Ok(None) => Ok(Ok(backup::Daily::Done)),
        Ok(Some(daily)) => super::blocking(move || Ok(daily.take())).await,
        Err(e) => Err(e),
    };
    RUNNING.store(false, Ordering::Release);
    let changed = match done {
        Ok(Ok(backup::Daily::Taken(_))) => true,
        Ok(Ok(backup::Daily::Done | backup::Daily::Damaged(_))) => false,
        Ok(Err(e)) => {
            eprintln!("trato: the day's backup failed: {e}");
            // A copy that failed its check was kept: the journal is damaged, which the window must say.
            matches!(e, BackupError::Failed { .. })
        }
        Err(e) => {
            eprintln!("trato: the day's backup failed: {}", e.message);
            false
        }
    };
    if changed {
        if let Err(e) = app.emit_to(MAIN, BACKUPS_CHANGED, ()) {
            eprintln!("trato: could not tell the window about the day's backup: {e}");
        }
    }
}
