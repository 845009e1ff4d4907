//! The open journal the commands share: its file, its store (or why it could
//! not be opened), the clock every action is stamped with, and a signal that
//! it was written to (the reminders' tick waits on it).

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use trato::journal::{Clock, JournalError};
use trato::store::Store;

use trato::domain::Code;

use crate::error::IpcError;

pub struct Journal {
    pub path: PathBuf,
    store: Mutex<Result<Store, IpcError>>,
    /// `TRATO_NOW`: a fixed moment, so that tests see the same day every run.
    fixed_now: Option<DateTime<Utc>>,
    written: tokio::sync::Notify,
}

pub type Shared = Arc<Journal>;

impl Journal {
    /// The user's journal (or `TRATO_DB`), opened and upgraded. A file that
    /// cannot be opened is left untouched and the reason kept for the UI to show.
    pub fn open_from_env() -> Journal {
        let path = std::env::var_os("TRATO_DB").map(PathBuf::from).or_else(trato::data_file::default_path);
        let fixed_now =
            std::env::var("TRATO_NOW").ok().and_then(|s| DateTime::parse_from_rfc3339(s.trim()).ok()).map(|t| t.with_timezone(&Utc));
        let Some(path) = path else {
            let error = IpcError::new(Code::NoDataFolder, "This system has no folder for application data; set TRATO_DB to a file path.");
            return Journal { path: PathBuf::new(), store: Mutex::new(Err(error)), fixed_now, written: tokio::sync::Notify::new() };
        };
        // Opening is no change of the user's: a full disk then is said as met by reading.
        let store = Store::open(&path).map_err(|e| IpcError::from(e.reading()));
        Journal { path, store: Mutex::new(store), fixed_now, written: tokio::sync::Notify::new() }
    }

    /// Runs `f` on the store with the current clock, off the UI thread. A panic
    /// inside becomes an error reply, never a crash of the window.
    pub async fn run<T, E, F>(self: &Shared, f: F) -> Result<T, IpcError>
    where
        T: Send + 'static,
        E: Into<IpcError>,
        F: FnOnce(&mut Store, Clock) -> Result<T, E> + Send + 'static,
    {
        let journal = Arc::clone(self);
        tauri::async_runtime::spawn_blocking(move || {
            // A panic while the lock was held left no half-written transaction (SQLite rolled it back).
            let mut guard = journal.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            let store = guard.as_mut().map_err(|e| e.clone())?;
            let clock = journal.clock(store).map_err(IpcError::from)?;
            f(store, clock).map_err(Into::into)
        })
        .await
        .map_err(|e| IpcError::new(Code::Internal, format!("Trato hit an internal error and did nothing: {e}")))?
    }

    /// [`Journal::run`] for a command that writes: once it succeeded, the
    /// reminders' tick hears of it.
    pub async fn write<T, E, F>(self: &Shared, f: F) -> Result<T, IpcError>
    where
        T: Send + 'static,
        E: Into<IpcError>,
        F: FnOnce(&mut Store, Clock) -> Result<T, E> + Send + 'static,
    {
        let done = self.run(f).await;
        if done.is_ok() {
            self.written();
            // Calendars that subscribe to the file see the change; the user's
            // change is saved whatever happens to the file.
            let kept =
                self.run(|store, clock| trato::export::calendar::refresh(store, clock).map_err(|e| IpcError::refused(e.refusal(), &e)));
            if let Err(e) = kept.await {
                eprintln!("trato: the calendar file was not updated: {}", e.message);
            }
        }
        done
    }

    /// Replaces the journal by a backup, then opens it again (upgrading a backup
    /// of an older version). Holds the journal the whole time, so no command
    /// reads or writes half-way; works also when the journal did not open.
    pub async fn restore(self: &Shared, file: PathBuf) -> Result<trato::backup::Restored, IpcError> {
        let journal = Arc::clone(self);
        tauri::async_runtime::spawn_blocking(move || {
            let mut guard = journal.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            let tz = match guard.as_mut() {
                Ok(store) => journal.clock(store).map(|c| c.tz).unwrap_or_else(|_| trato::domain::Settings::default().tz()),
                Err(_) => trato::domain::Settings::default().tz(),
            };
            let done = trato::backup::restore(&journal.path, &file, Clock::new(journal.now(), tz))
                .map_err(|e| IpcError::refused(e.refusal(), &e))?;
            *guard = Store::open(&journal.path).map_err(IpcError::from);
            Ok(done)
        })
        .await
        .map_err(|e| IpcError::new(Code::Internal, format!("Trato hit an internal error and did nothing: {e}")))?
    }

    /// Why the journal could not be opened, if it could not.
    pub fn problem(&self) -> Option<IpcError> {
        self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).as_ref().err().cloned()
    }

    /// Says that a command wrote to the journal: what the reminders and the
    /// tray show may have changed. Several writes before the tick wakes count as one.
    fn written(&self) {
        self.written.notify_one();
    }

    /// Waits until the next [`Journal::written`] (or returns at once for one not yet waited on).
    pub async fn next_write(&self) {
        self.written.notified().await;
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.fixed_now.unwrap_or_else(Utc::now)
    }

    fn clock(&self, store: &mut Store) -> Result<Clock, JournalError> {
        let tz = trato::journal::settings(store)?.tz();
        Ok(Clock::new(self.now(), tz))
    }
}
