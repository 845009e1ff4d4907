//! The SQLite store: the only place with SQL. One function opens the journal
//! (folder, WAL, durable commits, foreign keys, busy timeout, migrations).

pub mod attention;
pub mod clients;
pub mod derived;
pub mod entries;
mod error;
pub mod history;
pub mod imports;
pub mod migrations;
pub mod reminders;
pub mod search;
pub mod settings;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

pub(crate) use error::bad_row;
pub use error::StoreError;
use migrations::{latest, migrate, Migration, MIGRATIONS};

/// "TRAT" in the file header: tells a Trato journal from any other SQLite file.
pub const APPLICATION_ID: i64 = 0x5452_4154;

/// Long enough to wait out another Trato's write (each is one short transaction).
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Self::open_with(path, MIGRATIONS)
    }

    /// Opens with a given list of migrations (tests replay older versions with it).
    pub fn open_with(path: &Path, migrations: &[Migration]) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateFolder { path: dir.to_path_buf(), source })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Keep each cached statement's plan: without this SQLite re-plans statements
        // whose plan may depend on a bound value, on every use (a third of Today's time).
        conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        // Look before touching anything: switching to WAL or migrating would
        // write to a file that may not be ours or may be newer than us.
        check_identity(&conn, path, latest(migrations))?;
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::NoWal(mode));
        }
        // FULL: an entry the user saw saved survives a power cut, at one fsync per
        // action, which a human's pace affords.
        conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")?;
        // The old version is kept before an upgrade (src/backup/): an upgrade gone
        // wrong never costs the journal. Opening is the edge, so the clock is read here.
        crate::backup::before_migration(&conn, path, latest(migrations), chrono::Utc::now())
            .map_err(|e| StoreError::Migration { version: latest(migrations), message: e.to_string() })?;
        migrate(&mut conn, migrations)?;
        Ok(Store { conn, path: path.to_path_buf() })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` as one write transaction, taken with the write lock up front so
    /// that two processes queue on the busy timeout instead of failing mid-way.
    /// Nothing of it is kept unless `f` succeeds.
    pub fn write<T, E: From<StoreError>>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T, E>) -> Result<T, E> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(StoreError::from)?;
        let out = f(&tx)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(out)
    }

    /// Runs `f` over one consistent snapshot of the journal.
    pub fn read<T, E: From<StoreError>>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T, E>) -> Result<T, E> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Deferred).map_err(StoreError::from)?;
        f(&tx)
    }

    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }
}

fn check_identity(conn: &Connection, path: &Path, supported: i64) -> Result<(), StoreError> {
    let header = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotADatabase { path: path.to_path_buf() },
        _ => StoreError::from(e),
    };
    let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(header)?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(header)?;
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0)).map_err(header)?;
    if app_id != APPLICATION_ID && (app_id != 0 || tables > 0) {
        return Err(StoreError::NotATratoJournal { path: path.to_path_buf() });
    }
    if version > supported {
        return Err(StoreError::NewerSchema { path: path.to_path_buf(), found: version, supported });
    }
    Ok(())
}
