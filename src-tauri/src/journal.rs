//! The open journal the commands share: its file, the core's session on it
//! (or why it could not be opened), and a signal that it was written to (the
//! reminders' tick waits on it). Opening, the clock, the day's backup and the
//! calendar file after a write are the core's (`trato::journal::session`), as for the CLI.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use trato::domain::time::Clock;
use trato::journal::session::{self, DailyBackup, Session, Surroundings};
use trato::store::Store;

use trato::domain::Code;

use crate::error::IpcError;

pub struct Journal {
    pub path: PathBuf,
    session: Mutex<Result<Session, IpcError>>,
    /// How the app tells the time, also while the journal is not open.
    around: Surroundings,
    written: tokio::sync::Notify,
}

pub type Shared = Arc<Journal>;

impl Journal {
    /// The user's journal (or `TRATO_DB`), opened and upgraded. A file that
    /// cannot be opened is left untouched and the reason kept for the UI to show.
    /// The app's edge: the one place it reads the environment.
    pub fn open_from_env() -> Journal {
        let path = std::env::var_os("TRATO_DB").map(PathBuf::from).or_else(trato::data_file::default_path);
        // `TRATO_NOW`: a fixed moment, so that tests see the same day every run.
        let fixed_now: Option<DateTime<Utc>> =
            std::env::var("TRATO_NOW").ok().and_then(|s| DateTime::parse_from_rfc3339(s.trim()).ok()).map(|t| t.with_timezone(&Utc));
        let around = Surroundings { system: Arc::new(move || trato::system::clock(fixed_now.unwrap_or_else(Utc::now))), tz: None };
        let Some(path) = path else {
            let error = IpcError::new(Code::NoDataFolder, "This system has no folder for application data; set TRATO_DB to a file path.");
            return Journal { path: PathBuf::new(), session: Mutex::new(Err(error)), around, written: tokio::sync::Notify::new() };
        };
        // Opening is no change of the user's: a full disk then is said as met by reading.
        let session = Session::open(&path, around.clone()).map_err(|e| IpcError::from(e.reading()));
        Journal { path, session: Mutex::new(session), around, written: tokio::sync::Notify::new() }
    }

    /// Runs `f` on the session, off the UI thread. A panic inside becomes an
    /// error reply, never a crash of the window.
    async fn with<T, F>(self: &Shared, f: F) -> Result<T, IpcError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Session) -> Result<T, IpcError> + Send + 'static,
    {
        let journal = Arc::clone(self);
        tauri::async_runtime::spawn_blocking(move || {
            // A panic while the lock was held left no half-written transaction (SQLite rolled it back).
            let mut guard = journal.session.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            f(guard.as_mut().map_err(|e| e.clone())?)
        })
        .await
        .map_err(|e| IpcError::new(Code::Internal, format!("Trato hit an internal error and did nothing: {e}")))?
    }

    /// Runs `f` on the store with the clock of this call (see [`Session::run`]).
    pub async fn run<T, E, F>(self: &Shared, f: F) -> Result<T, IpcError>
    where
        T: Send + 'static,
        E: Into<IpcError>,
        F: FnOnce(&mut Store, Clock) -> Result<T, E> + Send + 'static,
    {
        self.with(|session| session.run(|store, clock| f(store, clock).map_err(Into::into))).await
    }

    /// [`Journal::run`] for a command that writes (see [`Session::write`]):
    /// once it succeeded, the reminders' tick hears of it.
    pub async fn write<T, E, F>(self: &Shared, f: F) -> Result<T, IpcError>
    where
        T: Send + 'static,
        E: Into<IpcError>,
        F: FnOnce(&mut Store, Clock) -> Result<T, E> + Send + 'static,
    {
        let written = self.with(|session| session.write(|store, clock| f(store, clock).map_err(Into::into))).await?;
        self.written();
        if let Err(e) = written.calendar {
            eprintln!("trato: the calendar file was not updated: {e}");
        }
        Ok(written.value)
    }

    /// For a command that waits on the network between its transactions (a
    /// mail account's test, a sync): `f` gets a connection of its own to the
    /// journal's file and the clock of this call, so the session's lock is
    /// held only for the clock, never across a server's answers, and every
    /// other command goes on meanwhile. SQLite's WAL and busy timeout queue
    /// its short write transactions with the session's. The reminders' tick
    /// hears of it once it is done, whatever its outcome (a failed sync still
    /// records how it ended).
    pub async fn apart<T, F, Fut>(self: &Shared, f: F) -> Result<T, IpcError>
    where
        F: FnOnce(Store, Clock) -> Fut,
        Fut: std::future::Future<Output = Result<T, IpcError>>,
    {
        // The journal's zone and language; refused as every command is when the journal did not open.
        let clock = self.run(|_, clock| Ok::<_, IpcError>(clock)).await?;
        let (path, around) = (self.path.clone(), self.around.clone());
        let store = tauri::async_runtime::spawn_blocking(move || session::open(&path, &around).map_err(|e| IpcError::from(e.reading())))
            .await
            .map_err(|e| IpcError::new(Code::Internal, format!("Trato hit an internal error and did nothing: {e}")))??;
        let done = f(store, clock).await;
        self.written();
        done
    }

    /// What the day's backup needs, read under the journal's lock; `None` when
    /// there is nothing to back up (see [`Session::daily_backup`]).
    pub async fn daily_backup(self: &Shared) -> Result<Option<DailyBackup>, IpcError> {
        self.with(|session| session.daily_backup().map_err(IpcError::from)).await
    }

    /// Replaces the journal by a backup, then opens it again (upgrading a backup
    /// of an older version). Holds the journal the whole time, so no command
    /// reads or writes half-way; works also when the journal did not open.
    pub async fn restore(self: &Shared, file: PathBuf) -> Result<trato::journal::backup::Restored, IpcError> {
        let journal = Arc::clone(self);
        tauri::async_runtime::spawn_blocking(move || {
            let mut guard = journal.session.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            // The journal's own zone when it is open; the system's otherwise.
            let clock = guard.as_mut().ok().and_then(|s| s.clock().ok()).unwrap_or_else(|| journal.around.clock());
            let (done, session) =
                session::restore(&journal.path, &file, clock, journal.around.clone()).map_err(|e| IpcError::refused(e.refusal(), &e))?;
            *guard = Ok(session);
            Ok(done)
        })
        .await
        .map_err(|e| IpcError::new(Code::Internal, format!("Trato hit an internal error and did nothing: {e}")))?
    }

    /// Why the journal could not be opened, if it could not.
    pub fn problem(&self) -> Option<IpcError> {
        self.session.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).as_ref().err().cloned()
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

    /// The system's clock: now, and the system's zone and language (for a
    /// journal that did not open, or that names neither).
    pub fn system(&self) -> Clock {
        (self.around.system)()
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.system().now
    }
}
