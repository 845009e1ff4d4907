//! A new journal: made whole under a name of its own beside where it goes, then
//! linked into place only if nothing is there yet, so that the journal's path
//! never holds half a journal and a file that was there first is never taken.
//!
//! Were the journal created where it goes, a Trato stopped before its first
//! schema was written would leave an empty file there, which every later start
//! would have to tell from an empty file of the user's (it can't: both are
//! empty); and another Trato starting at that moment would find it half made.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::error::StoreError;
use super::migrations::{migrate, Migration};

/// Creates a journal at `path`, which had no file a moment ago. Another Trato
/// that put one there meanwhile wins: theirs is kept, ours dropped.
pub fn create(path: &Path, migrations: &[Migration]) -> Result<(), StoreError> {
    let fresh = beside(path);
    let made = make(&fresh, path, migrations).and_then(|()| put_in_place(&fresh, path).map_err(|e| cannot_create(path, e)));
    remove_with_logs(&fresh);
    made
}

/// Puts a new journal in place of the empty file at `path`, if it is still
/// empty when the new one is ready (else whatever got there is left to be
/// opened, or refused, as it is).
pub fn replace_empty(path: &Path, migrations: &[Migration]) -> Result<(), StoreError> {
    let fresh = beside(path);
    let made = make(&fresh, path, migrations).and_then(|()| {
        if std::fs::metadata(path).is_ok_and(|m| m.len() == 0) {
            std::fs::rename(&fresh, path).map_err(|e| cannot_create(path, e))?;
            sync_folder(path);
        }
        Ok(())
    });
    remove_with_logs(&fresh);
    made
}

/// The whole journal at `fresh`: WAL, every migration, then closed, which
/// folds its log into the file (one self-contained file to link), and synced.
/// Errors name `journal`, the file the user asked for.
fn make(fresh: &Path, journal: &Path, migrations: &[Migration]) -> Result<(), StoreError> {
    let named = |e: rusqlite::Error| full_disk_as_not_created(e.into(), journal).at(journal);
    remove_with_logs(fresh);
    // Created here first: the system says why a folder refuses a new file; SQLite only "unable to open".
    std::fs::File::create_new(fresh).map_err(|e| cannot_create(journal, e))?;
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(fresh, flags).map_err(named)?;
    let named_store = |e: StoreError| full_disk_as_not_created(e, journal).at(journal);
    super::configure(&conn).and_then(|()| super::durable(&conn)).map_err(named_store)?;
    migrate(&mut conn, migrations).map_err(named_store)?;
    conn.close().map_err(|(_, e)| named(e))?;
    std::fs::File::open(fresh).and_then(|f| f.sync_all()).map_err(|e| cannot_create(journal, e))
}

/// A hard link, which fails when something is at `path`: "only if nothing is
/// there", in one step. A file system without hard links (FAT) gets a rename
/// after a look, which only two Tratos creating the same journal at once could
/// get wrong, and then both journals are new and empty.
fn put_in_place(fresh: &Path, path: &Path) -> std::io::Result<()> {
    match std::fs::hard_link(fresh, path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Ok(()),
        Err(_) if !path.exists() => std::fs::rename(fresh, path)?,
        Err(e) => return Err(e),
    }
    sync_folder(path);
    Ok(())
}

/// The new name survives a power cut; where a folder can't be synced, the next start makes the journal again.
fn sync_folder(path: &Path) {
    if let Some(dir) = path.parent() {
        let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
    }
}

/// Where a new journal is made: beside its place, under a name of this process's.
fn beside(path: &Path) -> PathBuf {
    PathBuf::from(format!("{}.{}.new", path.display(), std::process::id()))
}

/// SQLite's full disk, said as what it cost: the journal was not started.
fn full_disk_as_not_created(e: StoreError, journal: &Path) -> StoreError {
    match e {
        StoreError::DiskFull { .. } => cannot_create(journal, std::io::ErrorKind::StorageFull.into()),
        e => e,
    }
}

fn remove_with_logs(file: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
    }
}

fn cannot_create(path: &Path, source: std::io::Error) -> StoreError {
    StoreError::CannotCreate { path: path.to_path_buf(), source }
}
