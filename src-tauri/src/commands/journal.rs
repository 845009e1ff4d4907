//! The journal itself: where it lives, whether it opened, and the sample.

use serde::Serialize;
use tauri::State;

use crate::error::IpcError;
use crate::journal::Shared;

#[derive(Clone, Debug, Serialize, ts_rs::TS)]
pub struct JournalInfo {
    /// The data file, shown in Settings.
    pub path: String,
    /// Why it could not be opened; the file is then left as it was.
    pub problem: Option<IpcError>,
    /// Clients not in the trash, archived included: none means a first run.
    pub clients: u64,
    /// The language the system asks for, when the user has not chosen one.
    pub system_language: trato::domain::settings::Language,
    /// The journal's clock: what "now" is for every date the UI shows.
    pub now: chrono::DateTime<chrono::Utc>,
    /// Why the journal opened read-only, when it did: the app shows a banner and every write is refused.
    pub read_only: Option<trato::store::ReadOnly>,
    /// The newest good backup and whether it is too old, for Today's warning;
    /// `None` when the backup folder can't be read.
    pub backup: Option<trato::journal::backup::BackupStatus>,
}

#[tauri::command]
pub async fn journal_info(journal: State<'_, Shared>) -> Result<JournalInfo, IpcError> {
    let path = journal.path.display().to_string();
    let system_language = journal.system().lang;
    if let Some(problem) = journal.problem() {
        return Ok(JournalInfo {
            path,
            problem: Some(problem),
            clients: 0,
            system_language,
            now: journal.now(),
            read_only: None,
            backup: None,
        });
    }
    let (clients, now, read_only, backup) = journal
        .run(|store, clock| {
            let settings = trato::journal::settings(store)?;
            // Names in a folder, no journal read: cheap enough for every refresh.
            let backup = trato::journal::backup::status(store.path(), &settings, clock.now).ok();
            trato::journal::client_count(store).map(|n| (n as u64, clock.now, store.read_only(), backup))
        })
        .await?;
    Ok(JournalInfo { path, problem: None, clients, system_language, now, read_only, backup })
}

/// Fills an empty journal with the sample clients, dated around now.
#[tauri::command]
pub async fn load_sample(journal: State<'_, Shared>) -> Result<(), IpcError> {
    journal.write(|store, clock| trato::journal::demo::fill(store, clock).map(drop)).await
}
