//! What can go wrong with the data file, told in words a user can act on.

use std::path::{Path, PathBuf};

use crate::domain::{Code, Refusal};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("can't create the folder for the journal at {path}: {source}")]
    CreateFolder { path: PathBuf, source: std::io::Error },

    #[error("can't start a journal at {path}: {}; nothing was created. Choose a folder you can write to", io_cause(.source, "its folder is not writable"))]
    CannotCreate { path: PathBuf, source: std::io::Error },

    #[error("{path} is a folder, not a journal file; nothing in it was changed. Give the journal's file, such as {}", .path.join("trato.db").display())]
    IsAFolder { path: PathBuf },

    #[error("can't read the journal at {path}: {}; nothing in it was changed. Check that the file and its folder are yours to read", io_cause(.source, if *.folder { "its folder may not be looked into" } else { "the file is not readable" }))]
    Unreadable { path: PathBuf, folder: bool, source: std::io::Error },

    #[error("{path} is an empty file, not a Trato journal; nothing in it was changed. Trato starts a journal only where there is no file: delete it, or make it a journal with `trato init`")]
    Empty { path: PathBuf },

    #[error("{path} is not a Trato journal: it is not a database file, or it is damaged beyond recognition; nothing in it was changed. If it was your journal, restore a backup with `trato backup restore FILE`")]
    NotADatabase { path: PathBuf },

    #[error("{path} is a database of another program, not a Trato journal; nothing in it was changed")]
    NotATratoJournal { path: PathBuf },

    #[error("{path} was written by a newer Trato (journal version {found}; this one knows up to {supported}); update Trato to open it. Nothing in it was changed")]
    NewerSchema { path: PathBuf, found: i64, supported: i64 },

    #[error("the journal is in use by another Trato{} and stayed locked past {} seconds; nothing was written. Try again when the other one is done", named(.path), super::BUSY_TIMEOUT.as_secs())]
    Busy { path: Option<PathBuf> },

    #[error("the journal{} is read-only ({reason}): your change was not saved", at(.path))]
    ReadOnly { path: Option<PathBuf>, reason: ReadOnly },

    #[error("the disk is full: your change was not saved, and the journal{} is as it was before. Free some space and try again", at(.path))]
    DiskFull { path: Option<PathBuf> },

    /// A full disk met while opening or reading: there was no change to lose.
    #[error("the disk is full: even to read the journal{}, SQLite needs a little room beside it for its shared-memory file. Nothing in the journal was changed. Free some space and try again", at(.path))]
    DiskFullReading { path: Option<PathBuf> },

    #[error("the journal{} is damaged ({detail}); nothing in it was changed. Restore a backup with `trato backup restore FILE` (`trato backup list` shows them)", at(.path))]
    Corrupt { path: Option<PathBuf>, detail: String },

    #[error("upgrading the journal to version {version} failed, and it was left as it was: {message}")]
    Migration { version: i64, message: String },

    #[error("the journal holds {what} that can't be read: {message}")]
    BadRow { what: String, message: String },

    #[error("the journal's folder does not support SQLite's write-ahead log (journal mode {0}); keep the journal on a local disk")]
    NoWal(String),

    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
}

/// Why a journal opened read-only: said in the banner and in every refused write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ReadOnly {
    /// The file's permissions allow no writing.
    File,
    /// The file could be written, but not the folder SQLite keeps its log files in.
    Folder,
    /// The file is on a disk mounted read-only.
    Disk,
    /// SQLite refused a write to a journal that opened writable.
    WhileOpen,
}

impl ReadOnly {
    /// As the UI's banner and the refusals name it.
    pub fn as_str(self) -> &'static str {
        match self {
            ReadOnly::File => "file",
            ReadOnly::Folder => "folder",
            ReadOnly::Disk => "disk",
            ReadOnly::WhileOpen => "while_open",
        }
    }
}

impl std::fmt::Display for ReadOnly {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ReadOnly::File => "the file is not writable",
            ReadOnly::Folder => "its folder is not writable",
            ReadOnly::Disk => "its disk is mounted read-only",
            ReadOnly::WhileOpen => "it stopped being writable while Trato had it open",
        })
    }
}

/// The faults a user meets with a journal that is not theirs to blame, grouped
/// for the app: it offers to restore a backup for `Corrupt`, shows a banner for
/// `ReadOnly`, and so on, without reading messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    ReadOnly,
    Busy,
    DiskFull,
    NewerSchema,
    Corrupt,
}

impl StoreError {
    pub fn code(&self) -> &'static str {
        self.refusal().code.as_str()
    }

    /// The refusal as data, for a face to word.
    pub fn refusal(&self) -> Refusal {
        let with = |code, path: &Option<PathBuf>| match path {
            Some(p) => Refusal::new(code).path(p),
            None => Refusal::new(code),
        };
        match self {
            StoreError::CreateFolder { path, source } => Refusal::new(Code::CreateFolder).path(path).detail(source),
            StoreError::CannotCreate { path, source } => {
                Refusal::new(Code::CannotCreate).path(path).kind(io_kind(source, "folder")).detail(source)
            }
            StoreError::IsAFolder { path } => Refusal::new(Code::IsAFolder).path(path),
            StoreError::Unreadable { path, folder, source } => {
                Refusal::new(Code::Unreadable).path(path).kind(io_kind(source, if *folder { "folder" } else { "file" })).detail(source)
            }
            StoreError::Empty { path } => Refusal::new(Code::EmptyFile).path(path),
            StoreError::NotADatabase { path } => Refusal::new(Code::NotADatabase).path(path),
            StoreError::NotATratoJournal { path } => Refusal::new(Code::NotATratoJournal).path(path),
            StoreError::NewerSchema { path, found, supported } => {
                Refusal::new(Code::NewerSchema).path(path).count(*found as f64).limit(*supported as f64)
            }
            StoreError::Busy { path } => with(Code::Busy, path).limit(super::BUSY_TIMEOUT.as_secs() as f64),
            StoreError::ReadOnly { path, reason } => with(Code::ReadOnly, path).kind(reason.as_str()),
            StoreError::DiskFull { path } => with(Code::DiskFull, path),
            StoreError::DiskFullReading { path } => with(Code::DiskFullReading, path),
            StoreError::Corrupt { path, detail } => with(Code::Corrupt, path).detail(detail),
            StoreError::Migration { version, message } => Refusal::new(Code::MigrationFailed).count(*version as f64).detail(message),
            StoreError::BadRow { what, message } => Refusal::new(Code::BadRow).value(what).detail(message),
            StoreError::NoWal(mode) => Refusal::new(Code::NoWal).value(mode),
            StoreError::Sqlite(e) => Refusal::new(Code::Database).detail(e),
        }
    }

    /// Which fault this is, if it is one: a file that is not a database at all,
    /// or an empty one, counts as damaged, since at the app's own path it can
    /// only be a damaged (or emptied) journal.
    pub fn fault(&self) -> Option<Fault> {
        match self {
            StoreError::ReadOnly { .. } => Some(Fault::ReadOnly),
            StoreError::Busy { .. } => Some(Fault::Busy),
            StoreError::DiskFull { .. } | StoreError::DiskFullReading { .. } => Some(Fault::DiskFull),
            StoreError::NewerSchema { .. } => Some(Fault::NewerSchema),
            StoreError::Corrupt { .. } | StoreError::NotADatabase { .. } | StoreError::Empty { .. } => Some(Fault::Corrupt),
            _ => None,
        }
    }

    /// The error as met by something that only reads (opening the journal to
    /// show it): a full disk then cost no change. The caller knows which it was.
    pub fn reading(self) -> Self {
        match self {
            StoreError::DiskFull { path } => StoreError::DiskFullReading { path },
            other => other,
        }
    }

    /// Names the journal in an error SQLite raised without knowing which file it was in.
    pub fn at(mut self, journal: &Path) -> Self {
        match &mut self {
            StoreError::Busy { path }
            | StoreError::ReadOnly { path, .. }
            | StoreError::DiskFull { path }
            | StoreError::DiskFullReading { path }
            | StoreError::Corrupt { path, .. }
                if path.is_none() =>
            {
                *path = Some(journal.to_path_buf());
            }
            _ => {}
        }
        self
    }
}

/// An operating system's refusal in the words of what it means for the journal.
fn io_cause(e: &std::io::Error, denied: &str) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::PermissionDenied => denied.to_string(),
        K::ReadOnlyFilesystem => "its disk is mounted read-only".to_string(),
        K::StorageFull => "the disk is full".to_string(),
        _ => e.to_string(),
    }
}

/// An operating system's refusal as a fact a face can word: what refused
/// (`file`, `folder`), the disk, or `other` (then the detail says it).
fn io_kind(e: &std::io::Error, denied: &'static str) -> &'static str {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::PermissionDenied => denied,
        K::ReadOnlyFilesystem => "disk",
        K::StorageFull => "disk_full",
        _ => "other",
    }
}

fn at(path: &Option<PathBuf>) -> String {
    path.as_ref().map(|p| format!(" at {}", p.display())).unwrap_or_default()
}

fn named(path: &Option<PathBuf>) -> String {
    path.as_ref().map(|p| format!(" ({})", p.display())).unwrap_or_default()
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        // SQLite grows its shared-memory file by writing to it and reports
        // "disk I/O error" when that fails: on a local disk, for lack of space.
        if e.sqlite_extended_error_code() == Some(rusqlite::ffi::SQLITE_IOERR_SHMSIZE) {
            return StoreError::DiskFull { path: None };
        }
        match e.sqlite_error_code() {
            Some(C::DatabaseBusy | C::DatabaseLocked) => StoreError::Busy { path: None },
            // Journals found read-only refuse writes before SQLite sees them.
            Some(C::ReadOnly) => StoreError::ReadOnly { path: None, reason: ReadOnly::WhileOpen },
            Some(C::DiskFull) => StoreError::DiskFull { path: None },
            Some(C::DatabaseCorrupt | C::NotADatabase) => StoreError::Corrupt { path: None, detail: e.to_string() },
            _ => StoreError::Sqlite(e),
        }
    }
}

/// A row whose JSON no longer parses: named, not panicked on.
pub(crate) fn bad_row(what: impl Into<String>, e: impl std::fmt::Display) -> StoreError {
    StoreError::BadRow { what: what.into(), message: e.to_string() }
}
