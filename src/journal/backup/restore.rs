//! Putting a backup back in place of the journal: refused, with the journal
//! untouched, unless the file is a sound Trato journal this build can open;
//! the current journal is kept as a backup first.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use super::{open_journal, snapshot, take, BackupError, BackupInfo, Reason, Shelf};
use crate::domain::time::Clock;
use crate::store::migrations::{latest, MIGRATIONS};
use crate::store::{self, StoreError, APPLICATION_ID};

#[derive(Clone, Debug, Serialize)]
pub struct Restored {
    /// The journal as it was before the restore; `None` when there was none.
    pub previous: Option<BackupInfo>,
    /// The journal replaced was damaged: its copy, kept page for page though it failed its check.
    pub damaged_copy: Option<PathBuf>,
    pub from: PathBuf,
    /// The restored journal's version: the backup's, then this build's once
    /// the session opened it (`crate::journal::session::restore`, which upgrades it).
    pub schema_version: i64,
}

/// Replaces the journal at `journal` by the backup `file`. The journal is
/// then opened as any start opens it (an older backup upgraded, after a copy):
/// `crate::journal::session::restore` does both.
///
/// The copy goes through SQLite's backup API *into the live journal*, in one
/// step: SQLite writes the new pages as one transaction of the journal (frames
/// in its write-ahead log, or a rollback journal), so a process killed at any
/// moment leaves either the old journal (an uncommitted transaction is ignored
/// or rolled back on the next open) or the restored one, never a mix. Writing a
/// file beside and renaming it over the journal would not: a -wal left by the
/// old journal would be replayed onto the new file after a crash between the
/// rename and its removal, and another Trato holding the journal open would go
/// on writing into the unlinked old file, losing those writes silently.
pub fn restore(journal: &Path, file: &Path, clock: Clock) -> Result<Restored, BackupError> {
    let (source, schema_version) = check(file)?;
    let mut damaged_copy = None;
    let previous = if journal.exists() {
        // The folder the live journal's settings name; the default when they can't be read.
        let settings = open_journal(journal).ok().and_then(|c| store::settings::load(&c).ok()).unwrap_or_default();
        match take(&open_journal(journal)?, &Shelf::of(journal, &settings.backups), Reason::Restore, clock) {
            Ok(kept) => Some(kept),
            // A damaged journal gives a copy that fails its check: the copy is
            // kept (as `.failed`), page for page, and the damaged journal is
            // just what a restore is for.
            Err(BackupError::Failed { failed, .. }) => {
                damaged_copy = Some(failed);
                None
            }
            // Too damaged for SQLite to read it through: kept byte for byte
            // instead. A plain file copy is safe here, as no Trato can be
            // writing to a journal that doesn't read.
            Err(BackupError::Write { path, source: StoreError::Corrupt { .. } | StoreError::NotADatabase { .. } }) => {
                let failed = super::failed_path(&path);
                std::fs::copy(journal, &failed).map_err(|source| BackupError::Io { path: failed.clone(), source })?;
                damaged_copy = Some(failed);
                None
            }
            Err(e) => return Err(e),
        }
    } else {
        None
    };
    let failed = |e: StoreError| BackupError::Restore { path: file.to_path_buf(), source: e };
    let mut live = Connection::open_with_flags(journal, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE)
        .map_err(|e| failed(e.into()))?;
    live.busy_timeout(std::time::Duration::from_secs(5)).map_err(|e| failed(e.into()))?;
    let resized = Resized::to_fit(&live, &source, journal).map_err(failed)?;
    let source = resized.as_ref().and_then(Resized::conn).unwrap_or(&source);
    // Even this reads the schema, so a damaged journal fails here already.
    let copied =
        live.execute_batch("PRAGMA synchronous = FULL").map_err(StoreError::from).and_then(|()| snapshot::copy_all(source, &mut live));
    match copied {
        Ok(()) => drop(live),
        Err(StoreError::Corrupt { .. } | StoreError::NotADatabase { .. }) => {
            drop(live);
            replace_damaged(journal, source).map_err(failed)?;
        }
        Err(e) => return Err(failed(e)),
    }
    Ok(Restored { previous, damaged_copy, from: file.to_path_buf(), schema_version })
}

/// The file opened for reading when it is a sound Trato journal this build can
/// open; the reason it is not, otherwise. Reads only: the file is not changed.
fn check(file: &Path) -> Result<(Connection, i64), BackupError> {
    if !file.is_file() {
        return Err(BackupError::Missing(file.to_path_buf()));
    }
    let path = || file.to_path_buf();
    let unreadable = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => BackupError::Corrupt { path: path(), problem: e.to_string() },
        _ => BackupError::NotADatabase(path()),
    };
    let conn = snapshot::open_read_only(file).map_err(unreadable)?;
    let inside = snapshot::inside(&conn).map_err(unreadable)?;
    if inside.application_id != APPLICATION_ID || inside.schema_version < 1 {
        return Err(BackupError::NotATratoJournal(path()));
    }
    let supported = latest(MIGRATIONS);
    if inside.schema_version > supported {
        return Err(BackupError::NewerSchema { path: path(), found: inside.schema_version, supported });
    }
    snapshot::verify(file).map_err(|problem| BackupError::Corrupt { path: path(), problem })?;
    Ok((conn, inside.schema_version))
}

/// A copy of the backup in the journal's page size, beside the journal, removed
/// when dropped. SQLite's backup API can't change the page size of a journal
/// in WAL mode (it answers "read-only"), and a backup made by another tool or
/// another SQLite may have another (8192 bytes, say); `VACUUM INTO` writes the
/// same tables, rows and header fields in any page size.
struct Resized {
    /// Always there until dropped: closed before its file is removed.
    conn: Option<Connection>,
    path: PathBuf,
}

impl Resized {
    /// `None` when the backup can be copied into the journal as it is.
    fn to_fit(live: &Connection, backup: &Connection, journal: &Path) -> Result<Option<Resized>, StoreError> {
        let page_size = |c: &Connection| c.query_row("PRAGMA page_size", [], |r| r.get::<_, i64>(0));
        let mode = live.query_row("PRAGMA journal_mode", [], |r| r.get::<_, String>(0));
        // A journal that can't say (a damaged one) is replaced as a file, in any page size.
        let (Ok(wanted), Ok(mode)) = (page_size(live), mode) else { return Ok(None) };
        if !mode.eq_ignore_ascii_case("wal") || page_size(backup)? == wanted {
            return Ok(None);
        }
        let mut resized = Resized { conn: None, path: PathBuf::from(format!("{}.{}.resized", journal.display(), std::process::id())) };
        let _ = std::fs::remove_file(&resized.path);
        // PRAGMA takes no bound parameters; the size is SQLite's own integer.
        backup.execute_batch(&format!("PRAGMA page_size = {wanted}"))?;
        backup.execute("VACUUM INTO ?1", [resized.path.to_string_lossy()])?;
        resized.conn = Some(snapshot::open_read_only(&resized.path)?);
        Ok(Some(resized))
    }

    fn conn(&self) -> Option<&Connection> {
        self.conn.as_ref()
    }
}

impl Drop for Resized {
    fn drop(&mut self) {
        drop(self.conn.take());
        let _ = std::fs::remove_file(&self.path);
    }
}

/// A journal SQLite can't even write into is replaced as a file: the backup is
/// written beside it, the damaged journal's -wal and -shm are removed first (so
/// none is replayed onto the restored file), then it is renamed over. The
/// objections to a rename above don't hold here: nothing can be using a journal
/// that doesn't read, and its copy was kept before.
fn replace_damaged(journal: &Path, source: &Connection) -> Result<(), StoreError> {
    let beside = PathBuf::from(format!("{}.restoring", journal.display()));
    let _ = std::fs::remove_file(&beside);
    snapshot::write(source, &beside)?;
    let damaged = |detail: String| StoreError::Corrupt { path: Some(journal.to_path_buf()), detail };
    snapshot::sync(&beside).map_err(|e| damaged(format!("its restored copy can't be written to the disk: {e}")))?;
    let io = |e: std::io::Error| damaged(format!("its log files can't be removed: {e}"));
    for sidecar in ["-wal", "-shm"] {
        match std::fs::remove_file(format!("{}{sidecar}", journal.display())) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(e)),
            _ => {}
        }
    }
    std::fs::rename(&beside, journal).map_err(io)?;
    super::sync_folder(journal);
    Ok(())
}
