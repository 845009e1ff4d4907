//! What can go wrong with the data file, told in words a user can act on.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("can't create the folder for the journal at {path}: {source}")]
    CreateFolder { path: PathBuf, source: std::io::Error },

    #[error("{path} is not a database file; nothing in it was changed")]
    NotADatabase { path: PathBuf },

    #[error("{path} is a database of another program, not a Trato journal; nothing in it was changed")]
    NotATratoJournal { path: PathBuf },

    #[error("{path} was written by a newer Trato (journal version {found}; this one knows up to {supported}); update Trato to open it. Nothing in it was changed")]
    NewerSchema { path: PathBuf, found: i64, supported: i64 },

    #[error("the journal is in use by another Trato and stayed locked; try again in a moment. Nothing was written")]
    Busy,

    #[error("the journal can't be written (the file or its folder is read-only); nothing was written")]
    ReadOnly,

    #[error("the disk is full; nothing was written. Free some space and try again")]
    DiskFull,

    #[error("the journal file is damaged ({0}); nothing was written. Restore it from a backup")]
    Corrupt(String),

    #[error("upgrading the journal to version {version} failed, and it was left as it was: {message}")]
    Migration { version: i64, message: String },

    #[error("the journal holds {what} that can't be read: {message}")]
    BadRow { what: String, message: String },

    #[error("the journal's folder does not support SQLite's write-ahead log (journal mode {0}); keep the journal on a local disk")]
    NoWal(String),

    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
}

impl StoreError {
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::CreateFolder { .. } => "create_folder",
            StoreError::NotADatabase { .. } => "not_a_database",
            StoreError::NotATratoJournal { .. } => "not_a_trato_journal",
            StoreError::NewerSchema { .. } => "newer_schema",
            StoreError::Busy => "busy",
            StoreError::ReadOnly => "read_only",
            StoreError::DiskFull => "disk_full",
            StoreError::Corrupt(_) => "corrupt",
            StoreError::Migration { .. } => "migration_failed",
            StoreError::BadRow { .. } => "bad_row",
            StoreError::NoWal(_) => "no_wal",
            StoreError::Sqlite(_) => "database",
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        match e.sqlite_error_code() {
            Some(C::DatabaseBusy | C::DatabaseLocked) => StoreError::Busy,
            Some(C::ReadOnly) => StoreError::ReadOnly,
            Some(C::DiskFull) => StoreError::DiskFull,
            Some(C::DatabaseCorrupt) => StoreError::Corrupt(e.to_string()),
            _ => StoreError::Sqlite(e),
        }
    }
}

/// A row whose JSON no longer parses: named, not panicked on.
pub(crate) fn bad_row(what: impl Into<String>, e: impl std::fmt::Display) -> StoreError {
    StoreError::BadRow { what: what.into(), message: e.to_string() }
}
