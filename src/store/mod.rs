//! The SQLite store: the only place with SQL. One function opens the journal
//! (folder, WAL, durable commits, foreign keys, busy timeout, migrations).

pub mod attention;
pub mod calibration;
pub mod clients;
pub mod derived;
pub mod entries;
mod error;
pub mod history;
pub mod imports;
pub mod mail;
pub mod mail_accounts;
pub mod migrations;
mod new_file;
pub mod reminders;
pub mod search;
pub mod settings;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

pub(crate) use error::bad_row;
pub use error::{Fault, ReadOnly, StoreError};
use migrations::{latest, migrate, Migration, MIGRATIONS};

/// "TRAT" in the file header: tells a Trato journal from any other SQLite file.
pub const APPLICATION_ID: i64 = 0x5452_4154;

/// Long enough to wait out another Trato's write (each is one short transaction).
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

pub struct Store {
    conn: Connection,
    path: PathBuf,
    read_only: Option<ReadOnly>,
    /// Write transactions committed through this store (see [`Store::mark`]).
    commits: u64,
}

/// A journal found at its path and checked (a Trato journal, no newer than
/// this build), before any upgrade: the one moment to keep a copy of an older
/// version. Opening a journal is the session's use case (`crate::journal::session`):
/// look at the version, back up, then [`Opening::upgrade`]. The store itself
/// never backs up and never reads the clock.
pub struct Opening<'m> {
    store: Store,
    migrations: &'m [Migration],
}

impl Opening<'_> {
    /// Whether [`Opening::upgrade`] will change the schema: an existing journal
    /// of an older version (a new journal is made at the latest, a read-only
    /// one is refused an upgrade already).
    pub fn upgrades(&self) -> Result<bool, StoreError> {
        let found = self.store.schema_version()?;
        Ok(found > 0 && found < latest(self.migrations))
    }

    /// The version this opening upgrades to.
    pub fn target(&self) -> i64 {
        latest(self.migrations)
    }

    pub fn path(&self) -> &Path {
        &self.store.path
    }

    /// The journal's connection as found: to back it up before the upgrade.
    pub fn connection(&self) -> &Connection {
        &self.store.conn
    }

    /// Brings the schema up to date (all or nothing) and gives the store.
    pub fn upgrade(self) -> Result<Store, StoreError> {
        let Opening { mut store, migrations } = self;
        migrate(&mut store.conn, migrations).map_err(|e| damaged_or_not_ours(e, &store.path).at(&store.path))?;
        Ok(store)
    }
}

impl Store {
    /// Opens the journal at `path` and upgrades it to this build's schema,
    /// with no backup first: the faces open through `crate::journal::session`, which
    /// keeps the old version before an upgrade. For tests and tools.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Self::open_with(path, MIGRATIONS)
    }

    /// `trato init`: a new journal where no file is, or in place of an empty
    /// file (the one file nothing can be lost from, and only when asked); a
    /// journal already there is found as it is, not yet upgraded. Anything
    /// else is refused as [`Store::opening`] refuses it, untouched.
    pub fn init(path: &Path) -> Result<(Opening<'static>, Found), StoreError> {
        let found = std::fs::metadata(path).ok();
        let empty = found.as_ref().is_some_and(|m| m.is_file() && m.len() == 0);
        match Self::opening(path) {
            Ok(opening) => Ok((opening, if found.is_some() { Found::Journal } else { Found::Nothing })),
            Err(StoreError::Empty { .. }) if empty && !has_log(path) => {
                new_file::replace_empty(path, MIGRATIONS)?;
                Ok((Self::opening(path)?, Found::EmptyFile))
            }
            Err(e) => Err(e),
        }
    }

    /// The journal at `path`, found and checked, before any upgrade (see [`Opening`]).
    pub fn opening(path: &Path) -> Result<Opening<'static>, StoreError> {
        Self::opening_with(path, MIGRATIONS)
    }

    /// Opens and upgrades with a given list of migrations (tests replay older
    /// versions with it), with no backup first (see [`Store::open`]).
    pub fn open_with(path: &Path, migrations: &[Migration]) -> Result<Store, StoreError> {
        Self::opening_with(path, migrations)?.upgrade()
    }

    /// Finds the journal at `path` as [`Store::opening`] does, against a given list of migrations.
    /// A journal that can't be written opens read-only (see [`Store::read_only`]).
    ///
    /// A journal is created only where no file is (see [`new_file`]): any file
    /// found at `path` must already be a Trato journal, or it is refused as it is.
    pub fn opening_with<'m>(path: &Path, migrations: &'m [Migration]) -> Result<Opening<'m>, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateFolder { path: dir.to_path_buf(), source })?;
        }
        let unreadable = |folder, source| StoreError::Unreadable { path: path.to_path_buf(), folder, source };
        match std::fs::metadata(path) {
            Ok(found) if found.is_dir() => return Err(StoreError::IsAFolder { path: path.to_path_buf() }),
            // SQLite says only "unable to open" of a file it may not read: ask the system why.
            Ok(_) => drop(std::fs::File::open(path).map_err(|e| unreadable(false, e))?),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => new_file::create(path, migrations)?,
            // The file's own details could not be read: its folder refused.
            Err(e) => return Err(unreadable(true, e)),
        }
        let opened = match Self::open_writable(path, migrations) {
            Err(Writable::No(reason)) => Self::open_read_only(path, migrations, reason),
            Err(Writable::Failed(e)) => Err(e),
            Ok(store) => Ok(store),
        };
        let store = opened.map_err(|e| damaged_or_not_ours(e, path).at(path))?;
        Ok(Opening { store, migrations })
    }

    fn open_writable(path: &Path, migrations: &[Migration]) -> Result<Store, Writable> {
        // Never SQLITE_OPEN_CREATE: the file is there (a link that leads nowhere must not become one).
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(StoreError::from)?;
        // SQLite quietly opens a file it may not write read-only; say why instead.
        if conn.is_readonly(rusqlite::MAIN_DB).map_err(StoreError::from)? {
            return Err(Writable::No(why_read_only(path)));
        }
        configure(&conn)?;
        // Look before touching anything: switching to WAL or migrating would
        // write to a file that may not be ours or may be newer than us.
        check_identity(&conn, path, latest(migrations)).map_err(folder_read_only)?;
        durable(&conn).map_err(folder_read_only)?;
        conn.execute_batch("PRAGMA foreign_keys = ON;").map_err(StoreError::from)?;
        Ok(Store { conn, path: path.to_path_buf(), read_only: None, commits: 0 })
    }

    /// Reading works without writing anything; where SQLite can't even create
    /// its shared-memory file (a read-only disk), the file is read as immutable,
    /// which is true of it there.
    fn open_read_only(path: &Path, migrations: &[Migration], reason: ReadOnly) -> Result<Store, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags)?;
        configure(&conn)?;
        if let Err(e) = check_identity(&conn, path, latest(migrations)) {
            if !without_log_files(&e) {
                return Err(e);
            }
            let flags = flags | OpenFlags::SQLITE_OPEN_URI;
            conn = Connection::open_with_flags(immutable_uri(path), flags)?;
            configure(&conn)?;
            check_identity(&conn, path, latest(migrations))?;
        }
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version < latest(migrations) {
            let message = format!("the journal at {} is read-only ({reason}), and upgrading it means writing to it", path.display());
            return Err(StoreError::Migration { version: latest(migrations), message });
        }
        conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        Ok(Store { conn, path: path.to_path_buf(), read_only: Some(reason), commits: 0 })
    }

    /// Why this journal opened read-only, if it did: every write is refused
    /// with that reason, and the app shows it in a banner.
    pub fn read_only(&self) -> Option<ReadOnly> {
        self.read_only
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` as one write transaction, taken with the write lock up front so
    /// that two processes queue on the busy timeout instead of failing mid-way.
    /// Nothing of it is kept unless `f` succeeds.
    pub fn write<T, E: From<StoreError>>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T, E>) -> Result<T, E> {
        let Store { conn, path, read_only, commits } = self;
        if let Some(reason) = *read_only {
            return Err(StoreError::ReadOnly { path: Some(path.clone()), reason }.into());
        }
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(|e| StoreError::from(e).at(path))?;
        let out = f(&tx)?;
        tx.commit().map_err(|e| StoreError::from(e).at(path))?;
        *commits += 1;
        Ok(out)
    }

    /// Runs `f` over one consistent snapshot of the journal.
    pub fn read<T, E: From<StoreError>>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T, E>) -> Result<T, E> {
        let Store { conn, path, .. } = self;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Deferred).map_err(|e| StoreError::from(e).at(path))?;
        f(&tx)
    }

    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// A mark that changes whenever the journal may have changed since it
    /// was taken: a commit of another connection (SQLite's `data_version`,
    /// which counts those) or one of this store's. Cheaper than any read: what
    /// was read at an unchanged mark is still true.
    pub fn mark(&self) -> Result<Mark, StoreError> {
        let theirs: i64 = self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        Ok(Mark { theirs, ours: self.commits })
    }
}

/// See [`Store::mark`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    theirs: i64,
    ours: u64,
}

/// What [`Store::init`] found at the journal's path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// No file: a new journal was made.
    Nothing,
    /// An empty file: a new journal took its place.
    EmptyFile,
    /// A journal, opened as it was.
    Journal,
}

/// An empty journal file with a log beside it may hold a whole journal in the log.
fn has_log(path: &Path) -> bool {
    std::fs::metadata(format!("{}-wal", path.display())).is_ok_and(|m| m.len() > 0)
}

/// Why an open of the journal came out read-only, or fails before it starts.
enum Writable {
    No(ReadOnly),
    Failed(StoreError),
}

impl From<StoreError> for Writable {
    fn from(e: StoreError) -> Self {
        Writable::Failed(e)
    }
}

/// WAL, and FULL sync: an entry the user saw saved survives a power cut, at
/// one fsync per action, which a human's pace affords.
fn durable(conn: &Connection) -> Result<(), StoreError> {
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::NoWal(mode));
    }
    conn.execute_batch("PRAGMA synchronous = FULL;")?;
    Ok(())
}

fn configure(conn: &Connection) -> Result<(), StoreError> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Keep each cached statement's plan: without this SQLite re-plans statements
    // whose plan may depend on a bound value, on every use (a third of Today's time).
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    Ok(())
}

/// SQLite opened the file read-only, so it could not open it for writing: as
/// root only a read-only disk does that, for anyone else also the file's mode.
fn why_read_only(path: &Path) -> ReadOnly {
    match std::fs::metadata(path) {
        Ok(m) if m.permissions().readonly() => ReadOnly::File,
        _ => ReadOnly::Disk,
    }
}

/// SQLite opened the file for writing but can't create its log files beside
/// it ("unable to open" or "read-only"): the folder is not writable, so read
/// the journal without them.
fn folder_read_only(e: StoreError) -> Writable {
    if without_log_files(&e) {
        Writable::No(ReadOnly::Folder)
    } else {
        Writable::Failed(e)
    }
}

/// How SQLite says it could not create or write its `-wal`/`-shm` files.
fn without_log_files(e: &StoreError) -> bool {
    match e {
        StoreError::Sqlite(e) => e.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen),
        StoreError::ReadOnly { .. } => true,
        _ => false,
    }
}

/// `file:` URI of the journal with `immutable=1`: no locks, no log files.
fn immutable_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for b in path.to_string_lossy().bytes() {
        match b {
            b'?' | b'#' | b'%' => uri.push_str(&format!("%{b:02X}")),
            _ => uri.push(char::from(b)),
        }
    }
    uri + "?immutable=1"
}

/// SQLite says "not a database" both of a file that never was one and of a
/// journal whose header got damaged: the first bytes tell which.
fn damaged_or_not_ours(e: StoreError, path: &Path) -> StoreError {
    if !matches!(e, StoreError::Corrupt { .. }) {
        return e;
    }
    let mut magic = [0u8; 16];
    let sqlite =
        std::fs::File::open(path).and_then(|mut f| std::io::Read::read_exact(&mut f, &mut magic)).is_ok() && &magic == b"SQLite format 3\0";
    if sqlite {
        e
    } else {
        StoreError::NotADatabase { path: path.to_path_buf() }
    }
}

/// A file found at the journal's path is a Trato journal: every journal gets
/// its application id in the transaction of its first schema, and new ones are
/// only ever put in place whole ([`new_file`]), so anything else is not one.
fn check_identity(conn: &Connection, path: &Path, supported: i64) -> Result<(), StoreError> {
    let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    if app_id == 0 && version == 0 && tables == 0 {
        return Err(StoreError::Empty { path: path.to_path_buf() });
    }
    if app_id != APPLICATION_ID {
        return Err(StoreError::NotATratoJournal { path: path.to_path_buf() });
    }
    if version > supported {
        return Err(StoreError::NewerSchema { path: path.to_path_buf(), found: version, supported });
    }
    Ok(())
}
