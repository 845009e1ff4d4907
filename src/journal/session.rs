//! A journal opened for one of Trato's faces (the `trato` command, the app):
//! opening it (the store checks it; an older version is kept as a backup,
//! then upgraded), the clock each call acts by, the day's backup, and the
//! calendar file brought up to date after each write. Both faces go through
//! here, so each of these policies is written once.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono_tz::Tz;

use crate::domain::time::Clock;
use crate::domain::Settings;
use crate::journal::backup::{self, BackupError, Daily, Restored};
use crate::journal::export::{self, ExportError};
use crate::journal::{self, JournalError};
use crate::store::{self, Found, Mark, Opening, Store, StoreError};

/// How a face tells the time: the system's clock (the moment with the
/// system's zone and language, asked afresh for each call; see
/// `crate::system::clock`), and a zone that overrides the journal's (`--tz`).
#[derive(Clone)]
pub struct Surroundings {
    pub system: Arc<dyn Fn() -> Clock + Send + Sync>,
    pub tz: Option<Tz>,
}

impl Surroundings {
    /// The clock of a journal that is not open: the zone asked for, else the system's.
    pub fn clock(&self) -> Clock {
        let system = (self.system)();
        Clock { tz: self.tz.unwrap_or(system.tz), ..system }
    }

    /// The clock of a journal with these settings: the zone asked for, else
    /// the journal's, else the system's; the journal's language, else the system's.
    pub fn clock_for(&self, settings: &Settings) -> Clock {
        let system = (self.system)();
        Clock { tz: self.tz.or(settings.zone()).unwrap_or(system.tz), lang: settings.language_or(system.lang), ..system }
    }
}

/// Opening a journal: the store finds and checks it; one of an older version
/// is kept as a backup first (in its own backup folder, by the clock of its own
/// settings), then upgraded. A backup that fails stops the upgrade: an upgrade
/// gone wrong must never cost the journal, so none runs without its copy.
pub fn open(path: &Path, around: &Surroundings) -> Result<Store, StoreError> {
    upgrade(Store::opening(path)?, around)
}

/// `trato init`: a new journal where no file (or an empty one) is; one already
/// there is opened as [`open`] opens it.
pub fn init(path: &Path, around: &Surroundings) -> Result<(Store, Found), StoreError> {
    let (opening, found) = Store::init(path)?;
    Ok((upgrade(opening, around)?, found))
}

fn upgrade(opening: Opening<'_>, around: &Surroundings) -> Result<Store, StoreError> {
    if opening.upgrades()? {
        // An old journal's settings may not read as today's; the defaults then.
        let settings = store::settings::load(opening.connection()).unwrap_or_default();
        backup::before_migration(opening.connection(), opening.path(), &settings, around.clock_for(&settings))
            .map_err(|e| StoreError::Migration { version: opening.target(), message: e.to_string() })?;
    }
    opening.upgrade()
}

/// An open journal and how its face tells the time.
pub struct Session {
    store: Store,
    around: Surroundings,
    /// The journal's settings as last read, and the journal's mark then: read
    /// again only once the journal may have changed, so that a call reads
    /// them once (inside its use case), not once more for its clock.
    settings: Option<(Mark, Settings)>,
}

impl Session {
    /// Opens the journal at `path` (see [`open`]).
    pub fn open(path: &Path, around: Surroundings) -> Result<Session, StoreError> {
        Ok(Session::of(open(path, &around)?, around))
    }

    /// A session on a journal already open (see [`init`]).
    pub fn of(store: Store, around: Surroundings) -> Session {
        Session { store, around, settings: None }
    }

    pub fn store(&mut self) -> &mut Store {
        &mut self.store
    }

    pub fn path(&self) -> &Path {
        self.store.path()
    }

    pub fn surroundings(&self) -> &Surroundings {
        &self.around
    }

    /// The journal's settings, as they are now.
    pub fn settings(&mut self) -> Result<&Settings, JournalError> {
        let mark = self.store.mark()?;
        let settings = match self.settings.take() {
            Some((seen, settings)) if seen == mark => settings,
            _ => journal::settings(&mut self.store)?,
        };
        Ok(&self.settings.insert((mark, settings)).1)
    }

    /// The clock of this call: now, in the zone and language in force (see [`Surroundings::clock_for`]).
    pub fn clock(&mut self) -> Result<Clock, JournalError> {
        let around = self.around.clone();
        Ok(around.clock_for(self.settings()?))
    }

    /// Runs a use case by the clock of this call.
    pub fn run<T, E: From<JournalError>>(&mut self, f: impl FnOnce(&mut Store, Clock) -> Result<T, E>) -> Result<T, E> {
        let clock = self.clock()?;
        f(&mut self.store, clock)
    }

    /// Runs a use case that writes, then rewrites the calendar file (the
    /// `calendar.ics_folder` setting) so that calendars subscribed to it see
    /// the change. The change is kept whatever happens to the file: a file
    /// that could not be written is said beside the use case's answer.
    pub fn write<T, E: From<JournalError>>(&mut self, f: impl FnOnce(&mut Store, Clock) -> Result<T, E>) -> Result<Written<T>, E> {
        let clock = self.clock()?;
        let value = f(&mut self.store, clock)?;
        let calendar = export::calendar::refresh(&mut self.store, clock);
        Ok(Written { value, calendar })
    }

    /// What the day's backup needs of the journal, read while the face holds
    /// it; the backup itself ([`DailyBackup::take`]) reads the journal on its
    /// own connection, so a large journal's backup holds up no command. `None`
    /// for a read-only journal: it can't change, so there is nothing new to
    /// keep, and its folder would refuse the copy on every start.
    pub fn daily_backup(&mut self) -> Result<Option<DailyBackup>, JournalError> {
        if self.store.read_only().is_some() {
            return Ok(None);
        }
        let clock = self.clock()?;
        let settings = self.settings()?.clone();
        Ok(Some(DailyBackup { journal: self.store.path().to_path_buf(), settings, clock }))
    }
}

/// A use case's answer after a write, and what became of the calendar file:
/// its path when it was rewritten, `None` when no folder is set for it.
#[derive(Debug)]
pub struct Written<T> {
    pub value: T,
    pub calendar: Result<Option<PathBuf>, ExportError>,
}

/// The day's backup, ready to be taken (see [`Session::daily_backup`]).
#[derive(Clone, Debug)]
pub struct DailyBackup {
    journal: PathBuf,
    settings: Settings,
    clock: Clock,
}

impl DailyBackup {
    /// On the first start of a day and on every later one until it is taken
    /// (see [`backup::daily`]).
    pub fn take(&self) -> Result<Daily, BackupError> {
        backup::daily(&self.journal, &self.settings, self.clock)
    }
}

/// Puts the backup `file` in place of the journal at `path` (see
/// [`backup::restore`]; works on a journal that does not open), then opens it
/// as any start does: a backup of an older version is kept as it was, then
/// upgraded. `clock` is the journal's when it opened, else `around`'s.
pub fn restore(path: &Path, file: &Path, clock: Clock, around: Surroundings) -> Result<(Restored, Session), BackupError> {
    let mut done = backup::restore(path, file, clock)?;
    let reopen = |source| BackupError::Reopen { path: file.to_path_buf(), source };
    let mut session = Session::open(path, around).map_err(reopen)?;
    done.schema_version = session.store().schema_version().map_err(reopen)?;
    Ok((done, session))
}
