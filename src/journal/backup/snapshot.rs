//! A backup file at the SQLite level: written through the online backup API
//! (one read transaction on the journal, so a consistent copy that never blocks
//! other readers or, in WAL mode, writers), checked, and looked into.

use std::path::Path;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use crate::store::StoreError;

/// How long a copy waits for a lock before it gives up (the journal's busy timeout).
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Copies the database behind `from` into `to` (a new file) in one step, and
/// leaves it a single self-contained file (rollback journal, no -wal beside it).
/// The copy is not yet durable: [`sync`] it before its name is relied on. That
/// way the flush to disk can run while the copy is checked.
pub fn write(from: &Connection, to: &Path) -> Result<(), StoreError> {
    let mut dst = Connection::open(to)?;
    dst.busy_timeout(BUSY_TIMEOUT)?;
    // A fresh file that nobody reads until it is synced and renamed: SQLite's
    // own flushes would only make the copy wait for the disk.
    dst.execute_batch("PRAGMA synchronous = OFF")?;
    copy_all(from, &mut dst)?;
    // The copy took the journal's header, WAL mode included; a backup is a
    // file to keep and move around, so it goes back to a rollback journal.
    let _: String = dst.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    dst.close().map_err(|(_, e)| StoreError::from(e))
}

/// Flushes a file written by [`write`] to the disk.
pub fn sync(path: &Path) -> std::io::Result<()> {
    std::fs::File::open(path)?.sync_all()
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
///
/// On a journal of a million entries the check is seconds of CPU, so it is run
/// in the pieces SQLite offers, on every core: `integrity_check(T)` for each
/// table (its b-tree, its rows against its indexes, a virtual table's own check)
/// and `quick_check` for what only a pass over the whole file sees (a page used
/// twice or never, the freelist). Together they are the whole `integrity_check`.
pub fn verify(path: &Path) -> Result<(), String> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(MAX_CHECKERS);
    // The pieces walk the file's trees twice over: worth it only on more than one core.
    let checks = if workers > 1 { checks(path).map_err(|e| e.to_string())? } else { vec!["PRAGMA integrity_check".to_string()] };
    let queue = Mutex::new(checks.into_iter());
    let problems = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                let found = check_each(path, || lock(&queue).next());
                lock(&problems).extend(found);
            });
        }
    });
    let problems = problems.into_inner().unwrap_or_else(PoisonError::into_inner);
    match problems.as_slice() {
        [] => Ok(()),
        problems => Err(problems.iter().take(3).cloned().collect::<Vec<_>>().join("; ")),
    }
}

/// More checkers than this would mostly wait for the same disk.
const MAX_CHECKERS: usize = 4;

/// The pieces of the check, longest first so that the cores finish together:
/// the whole-file pass, then virtual tables (the full-text index checks itself
/// against its documents), then tables by how many indexes their rows are
/// checked against.
fn checks(path: &Path) -> Result<Vec<String>, rusqlite::Error> {
    let conn = open_read_only(path)?;
    let mut stmt = conn.prepare(
        "SELECT t.name FROM sqlite_schema t WHERE t.type = 'table'
         ORDER BY t.sql LIKE 'CREATE VIRTUAL TABLE%' DESC,
                  (SELECT count(*) FROM sqlite_schema i WHERE i.type = 'index' AND i.tbl_name = t.name) DESC, t.name",
    )?;
    let tables: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    let per_table = tables.iter().map(|t| format!("PRAGMA integrity_check(\"{}\")", t.replace('"', "\"\"")));
    Ok(std::iter::once("PRAGMA quick_check".to_string()).chain(per_table).collect())
}

/// Runs the checks `next` hands out on one connection; what they found wrong.
fn check_each(path: &Path, mut next: impl FnMut() -> Option<String>) -> Vec<String> {
    let conn = match open_read_only(path) {
        Ok(conn) => conn,
        Err(e) => return vec![e.to_string()],
    };
    let mut problems = Vec::new();
    while let Some(check) = next() {
        let rows = conn.prepare(&check).and_then(|mut stmt| stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>());
        match rows {
            Ok(rows) if rows.is_empty() => problems.push("the check gave no answer".into()),
            Ok(rows) => problems.extend(rows.into_iter().filter(|r| r != "ok")),
            Err(e) => problems.push(e.to_string()),
        }
    }
    problems
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A file of one table with an index, damaged by `damage` (SQL run with the
    /// schema writable, the way a bad disk or a bad program would leave it).
    fn damaged(damage: &str) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("backup.sqlite");
        let conn = Connection::open(&path).expect("a new file");
        conn.execute_batch(
            "CREATE TABLE entries (id INTEGER PRIMARY KEY, client TEXT NOT NULL, summary TEXT NOT NULL);
             CREATE INDEX entries_by_client ON entries (client);
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
             INSERT INTO entries (client, summary) SELECT 'client ' || (i % 50), 'a call about the order ' || i FROM n;",
        )
        .expect("a sound file");
        assert_eq!(verify(&path), Ok(()), "a sound backup must pass its check");
        conn.execute_batch(&format!("PRAGMA writable_schema = ON; {damage}; PRAGMA writable_schema = OFF;")).expect("damage");
        drop(conn);
        (dir, path)
    }

    #[test]
    fn an_index_that_disagrees_with_its_table_fails_the_check() {
        // The index now claims to be on another column than the one it holds:
        // a restore of it would find the wrong entries, or none, for a client.
        let (_dir, path) = damaged(
            "UPDATE sqlite_schema SET sql = 'CREATE INDEX entries_by_client ON entries (summary)' WHERE name = 'entries_by_client'",
        );
        let problem = verify(&path).expect_err("a backup whose index lies must not be offered for a restore");
        assert!(problem.contains("entries_by_client"), "the problem names the index: {problem}");
    }

    #[test]
    fn pages_nothing_uses_fail_the_check() {
        // Only a pass over the whole file sees this: no table's check does.
        let (_dir, path) = damaged("DELETE FROM sqlite_schema WHERE name = 'entries_by_client'");
        let problem = verify(&path).expect_err("a file with lost pages is damaged");
        assert!(problem.contains("never used"), "the problem says which pages: {problem}");
    }
}
