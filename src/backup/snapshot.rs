//! A backup file at the SQLite level: written through the online backup API
//! (one read transaction on the journal, so a consistent copy that never blocks
//! other readers or, in WAL mode, writers), checked, and looked into.

use std::path::Path;
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use crate::store::StoreError;

/// How long a copy waits for a lock before it gives up (the journal's busy timeout).
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Copies the database behind `from` into `to` (a new file) in one step, and
/// leaves it a single self-contained file (rollback journal, no -wal beside it).
pub fn write(from: &Connection, to: &Path) -> Result<(), StoreError> {
    let mut dst = Connection::open(to)?;
    dst.busy_timeout(BUSY_TIMEOUT)?;
    copy_all(from, &mut dst)?;
    // The copy took the journal's header, WAL mode included; a backup is a
    // file to keep and move around, so it goes back to a rollback journal.
    let _: String = dst.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    dst.close().map_err(|(_, e)| StoreError::from(e))
}

/// All pages of `from` into `to` in one step: one read transaction on the
/// source, one write transaction on the destination.
pub fn copy_all(from: &Connection, to: &mut Connection) -> Result<(), StoreError> {
    let backup = Backup::new(from, to)?;
    match backup.step(-1)? {
        StepResult::Done => Ok(()),
        // Only a lock held past the busy timeout stops a whole-file step.
        _ => Err(StoreError::Busy { path: None }),
    }
}

/// What `PRAGMA integrity_check` found wrong; `Ok` when the file is sound.
pub fn verify(path: &Path) -> Result<(), String> {
    let conn = open_read_only(path).map_err(|e| e.to_string())?;
    let mut stmt = conn.prepare("PRAGMA integrity_check").map_err(|e| e.to_string())?;
    let rows: Vec<String> = stmt.query_map([], |r| r.get(0)).and_then(Iterator::collect).map_err(|e| e.to_string())?;
    match rows.as_slice() {
        [ok] if ok == "ok" => Ok(()),
        [] => Err("the check gave no answer".into()),
        problems => Err(problems.iter().take(3).cloned().collect::<Vec<_>>().join("; ")),
    }
}

pub fn open_read_only(path: &Path) -> Result<Connection, rusqlite::Error> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(conn)
}

/// What a file holds, read without changing it.
#[derive(Clone, Copy, Debug)]
pub struct Inside {
    pub application_id: i64,
    pub schema_version: i64,
}

pub fn inside(conn: &Connection) -> Result<Inside, rusqlite::Error> {
    let application_id = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let schema_version = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    Ok(Inside { application_id, schema_version })
}

/// The journal's live entries (not in the trash); every schema version has these columns.
pub fn live_entries(conn: &Connection) -> Result<u64, rusqlite::Error> {
    let n: i64 = conn.query_row("SELECT count(*) FROM entries WHERE deleted_at IS NULL", [], |r| r.get(0))?;
    Ok(n.max(0).unsigned_abs())
}
