//! Automatic backups of the journal: consistent copies made with SQLite's online
//! backup API, checked right after they are written, named by when and why they
//! were taken, kept by rotation, listed, and restored atomically.
//!
//! Taken on the first start of each day ([`daily`]), before a schema upgrade
//! ([`before_migration`], called when a session opens the journal), before an import
//! ([`before_import`]), before a restore ([`restore`]) and when asked ([`now`]).

mod name;
mod restore;
pub mod rotation;
mod snapshot;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;

pub use name::{file_name, parse, Label, Reason};
pub use restore::{restore, Restored};

use crate::domain::settings::BackupSettings;
use crate::domain::time::Clock;
use crate::domain::{Code, Refusal, Settings};
use crate::store::{self, Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("can't make the backup folder {path}: {source}")]
    Folder { path: PathBuf, source: std::io::Error },
    #[error("can't read the backup folder {path}: {source}")]
    List { path: PathBuf, source: std::io::Error },
    #[error("can't read the journal {path} to back it up: {source}")]
    Read { path: PathBuf, source: StoreError },
    #[error("can't back up the journal into {path}: {source}")]
    Write { path: PathBuf, source: StoreError },
    #[error("can't back up the journal into {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error(
        "the journal is damaged: its backup {path} failed the integrity check ({problem}). The copy is kept as {failed} to look at, and the journal was not changed; `trato backup list` shows the good backups, `trato backup restore FILE` puts one back"
    )]
    Failed { path: PathBuf, failed: PathBuf, problem: String },
    #[error("there is no file at {0}; `trato backup list` shows the backups")]
    Missing(PathBuf),
    #[error("{0} is not a SQLite database, so not a Trato journal; nothing was restored")]
    NotADatabase(PathBuf),
    #[error("{0} is a database of another program, not a Trato journal; nothing was restored")]
    NotATratoJournal(PathBuf),
    #[error("{path} is damaged ({problem}); nothing was restored. Pick another backup (`trato backup list`)")]
    Corrupt { path: PathBuf, problem: String },
    #[error("{path} was written by a newer Trato (journal version {found}; this one knows up to {supported}); update Trato to restore it. Nothing was restored")]
    NewerSchema { path: PathBuf, found: i64, supported: i64 },
    #[error("restoring {path} failed and the journal was left as it was: {source}")]
    Restore { path: PathBuf, source: StoreError },
    #[error("the journal was restored from {path} but does not open: {source}")]
    Reopen { path: PathBuf, source: StoreError },
}

impl BackupError {
    pub fn code(&self) -> &'static str {
        self.refusal().code.as_str()
    }

    /// The refusal as data, for a face to word.
    pub fn refusal(&self) -> Refusal {
        match self {
            BackupError::Folder { path, source } | BackupError::List { path, source } | BackupError::Io { path, source } => {
                Refusal::new(Code::BackupWrite).path(path).detail(source)
            }
            BackupError::Write { path, source } => Refusal::new(Code::BackupWrite).path(path).detail(source),
            BackupError::Read { source, .. } => source.refusal(),
            BackupError::Failed { path, failed, problem } => {
                Refusal::new(Code::BackupFailedCheck).path(path).value(failed.display().to_string()).detail(problem)
            }
            BackupError::Missing(path) => Refusal::new(Code::BackupMissing).path(path),
            // The same faults as a journal's, met in a file to restore: `kind` says so.
            BackupError::NotADatabase(path) => Refusal::new(Code::NotADatabase).path(path).kind("restore"),
            BackupError::NotATratoJournal(path) => Refusal::new(Code::NotATratoJournal).path(path).kind("restore"),
            BackupError::Corrupt { path, problem } => Refusal::new(Code::Corrupt).path(path).detail(problem).kind("restore"),
            BackupError::NewerSchema { path, found, supported } => {
                Refusal::new(Code::NewerSchema).path(path).count(*found as f64).limit(*supported as f64).kind("restore")
            }
            BackupError::Restore { source, .. } | BackupError::Reopen { source, .. } => source.refusal(),
        }
    }
}

/// One backup as a user sees it in the list.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct BackupInfo {
    pub path: String,
    pub taken_at: DateTime<Utc>,
    pub reason: Reason,
    #[ts(type = "number")]
    pub size_bytes: u64,
    /// Live entries (not in the trash); `None` when the file can't be read.
    #[ts(type = "number | null")]
    pub entries: Option<u64>,
    /// It passed `PRAGMA integrity_check` when it was written and still opens
    /// as a journal; only a verified backup is offered for a restore.
    pub verified: bool,
}

/// Where backups go: the setting, or `backups/` beside the journal (a relative
/// setting is taken from the journal's folder).
pub fn folder(journal: &Path, settings: &BackupSettings) -> PathBuf {
    let beside = journal.parent().unwrap_or(Path::new("."));
    match settings.folder.as_deref().map(str::trim).filter(|f| !f.is_empty()) {
        Some(f) => beside.join(f),
        None => beside.join("backups"),
    }
}

/// One journal's backups: the folder they are in, and the journal's name that
/// starts theirs (`trato` for `trato.db`), as journals may share a folder.
struct Shelf {
    dir: PathBuf,
    journal: String,
}

impl Shelf {
    fn of(journal: &Path, settings: &BackupSettings) -> Shelf {
        let name = journal.file_stem().map(|s| s.to_string_lossy().into_owned()).filter(|s| !s.is_empty());
        Shelf { dir: folder(journal, settings), journal: name.unwrap_or_else(|| "trato".into()) }
    }

    /// The backups on the shelf by their names; a missing folder has none.
    fn labels(&self) -> Result<Vec<(PathBuf, Label)>, BackupError> {
        let read = match std::fs::read_dir(&self.dir) {
            Ok(read) => read,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => return Err(BackupError::List { path: self.dir.clone(), source }),
        };
        let mut found = Vec::new();
        for item in read {
            let item = item.map_err(|source| BackupError::List { path: self.dir.clone(), source })?;
            if let Some(label) = item.file_name().to_str().and_then(|n| parse(&self.journal, n)) {
                found.push((item.path(), label));
            }
        }
        Ok(found)
    }

    /// Copies left half-written by a Trato that was killed or lost power while
    /// backing up: a gigabyte each on a large journal, and no later backup
    /// would ever reuse their names. One still being written is touched every
    /// moment, so only files left untouched for [`ABANDONED_AFTER`] are taken.
    fn abandoned(&self) -> Vec<PathBuf> {
        let Ok(read) = std::fs::read_dir(&self.dir) else { return Vec::new() };
        // `<a backup's name>.<process id>.partial`, as written by `write_checked`.
        let ours = |name: &str| {
            let written = name.strip_suffix(PARTIAL).and_then(|n| n.rsplit_once('.'));
            written.is_some_and(|(backup, pid)| pid.parse::<u32>().is_ok() && parse(&self.journal, backup).is_some())
        };
        let old = |item: &std::fs::DirEntry| {
            let age = item.metadata().and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok());
            age.is_some_and(|age| age > ABANDONED_AFTER)
        };
        read.filter_map(Result::ok).filter(|item| item.file_name().to_str().is_some_and(ours)).filter(old).map(|item| item.path()).collect()
    }

    /// A name no backup, failed or not, has yet.
    fn free_path(&self, taken_at: DateTime<Utc>, reason: Reason) -> PathBuf {
        let path = |n| self.dir.join(file_name(&self.journal, taken_at, reason, n));
        (0..).map(path).find(|p| !p.exists() && !failed_path(p).exists()).unwrap_or_else(|| path(0))
    }
}

/// A backup now, asked for by the user: into `out` when given (kept out of the
/// rotation), else into the backup folder.
pub fn now(journal: &Path, settings: &Settings, clock: Clock, out: Option<&Path>) -> Result<BackupInfo, BackupError> {
    let source = open_journal(journal)?;
    match out {
        Some(file) => write_checked(&source, file, Label { taken_at: clock.now, reason: Reason::Manual, failed: false }),
        None => take(&source, &Shelf::of(journal, &settings.backups), Reason::Manual, clock),
    }
}

/// What the day's backup did.
#[derive(Clone, Debug, PartialEq)]
pub enum Daily {
    Taken(BackupInfo),
    /// The folder already has a good backup of today.
    Done,
    /// The journal's backup failed its check today and no restore came since:
    /// the damaged journal was kept once, and is not copied again until tomorrow.
    Damaged(Damage),
}

/// A journal whose newest backup failed its integrity check: its pages are
/// damaged (a backup copies them as they are), though it may still open.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Damage {
    /// When the backup that failed was taken.
    pub found_at: DateTime<Utc>,
    /// The failed copy, kept to look at.
    pub copy: String,
}

/// The day's backup, on the first start of a day (in the user's zone) and on
/// every later one until it is taken: one listing when it is not due. A journal
/// found damaged today is not copied again (a full copy on every command or
/// every minute would fill the disk); tomorrow it is tried again.
pub fn daily(journal: &Path, settings: &Settings, clock: Clock) -> Result<Daily, BackupError> {
    let shelf = Shelf::of(journal, &settings.backups);
    let found = shelf.labels()?;
    let today = |l: &Label| l.taken_at.with_timezone(&clock.tz).date_naive() == clock.now.with_timezone(&clock.tz).date_naive();
    // Damage found later in the day than its good backup (by a backup before an import, say) is still said.
    if let Some((damage, _)) = damage(&found).filter(|(_, l)| today(l)) {
        return Ok(Daily::Damaged(damage));
    }
    if found.iter().any(|(_, l)| !l.failed && today(l)) {
        return Ok(Daily::Done);
    }
    take(&open_journal(journal)?, &shelf, Reason::Daily, clock).map(Daily::Taken)
}

/// The journal is damaged when its newest backup failed its check, unless that
/// one was taken just before a restore, which then replaced the damaged journal.
fn damage(found: &[(PathBuf, Label)]) -> Option<(Damage, Label)> {
    let (path, newest) = found.iter().max_by_key(|(_, l)| l.taken_at)?;
    let damaged = newest.failed && newest.reason != Reason::Restore;
    damaged.then(|| (Damage { found_at: newest.taken_at, copy: path.display().to_string() }, *newest))
}

/// The journal as it is, before an import writes to it.
pub fn before_import(store: &mut Store, clock: Clock) -> Result<BackupInfo, BackupError> {
    let settings = store.read(|tx| store::settings::load(tx)).unwrap_or_default();
    take(&open_journal(store.path())?, &Shelf::of(store.path(), &settings.backups), Reason::Import, clock)
}

/// The old version of a journal about to be upgraded, before the upgrade's
/// transaction: `conn` is the journal's connection as found (see
/// `crate::store::Opening`), `settings` what it says of the backup folder.
pub fn before_migration(conn: &Connection, journal: &Path, settings: &Settings, clock: Clock) -> Result<BackupInfo, BackupError> {
    take(conn, &Shelf::of(journal, &settings.backups), Reason::Migration, clock)
}

/// Every backup in the folder, newest first, failed ones included (marked not verified).
pub fn list(journal: &Path, settings: &Settings) -> Result<Vec<BackupInfo>, BackupError> {
    let mut found: Vec<BackupInfo> = Shelf::of(journal, &settings.backups).labels()?.into_iter().map(|(p, l)| describe(&p, l)).collect();
    found.sort_by_key(|b| std::cmp::Reverse(b.taken_at));
    Ok(found)
}

/// When the newest backup that passed its check was taken, from the names only
/// (cheap enough for every start): for the "last backup is old" warning.
pub fn last_good(journal: &Path, settings: &Settings) -> Result<Option<DateTime<Utc>>, BackupError> {
    Ok(newest_good(&Shelf::of(journal, &settings.backups).labels()?))
}

fn newest_good(found: &[(PathBuf, Label)]) -> Option<DateTime<Utc>> {
    found.iter().filter(|(_, l)| !l.failed).map(|(_, l)| l.taken_at).max()
}

/// How old the newest good backup may get before the user is warned: a week
/// of work is what a lost laptop would then cost.
pub const STALE_AFTER_DAYS: i64 = 7;

/// Whether the user should be told to back up, or to restore a backup.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct BackupStatus {
    pub last_good: Option<DateTime<Utc>>,
    /// No good backup, or the newest is older than [`STALE_AFTER_DAYS`].
    pub stale: bool,
    /// The journal's newest backup failed its check: it is damaged though it opens.
    pub damaged: Option<Damage>,
}

/// From the names in the backup folder only: cheap enough for every refresh.
pub fn status(journal: &Path, settings: &Settings, now: DateTime<Utc>) -> Result<BackupStatus, BackupError> {
    let found = Shelf::of(journal, &settings.backups).labels()?;
    let last_good = newest_good(&found);
    Ok(BackupStatus { stale: is_stale(last_good, now), last_good, damaged: damage(&found).map(|(d, _)| d) })
}

pub fn is_stale(last_good: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    last_good.is_none_or(|at| now - at > chrono::Duration::days(STALE_AFTER_DAYS))
}

/// Removes what the rotation no longer keeps, and abandoned half-written
/// copies. A file that can't be removed is left (it costs space, not data) and
/// tried again next time.
fn rotate(shelf: &Shelf, clock: Clock) -> Result<(), BackupError> {
    let found = shelf.labels()?;
    let stamps: Vec<Label> = found.iter().map(|(_, l)| *l).collect();
    let keep = rotation::keep(&stamps, clock.now, clock.tz);
    let dropped = found.into_iter().zip(keep).filter(|(_, keep)| !keep).map(|((path, _), _)| path);
    for path in dropped.chain(shelf.abandoned()) {
        let _ = std::fs::remove_file(&path);
    }
    Ok(())
}

/// How long a half-written copy may go untouched before it counts as
/// abandoned: far longer than any backup takes to write (seconds for a
/// million entries), so never one another Trato is still writing.
const ABANDONED_AFTER: std::time::Duration = std::time::Duration::from_secs(60 * 60);
const PARTIAL: &str = ".partial";

/// A backup of `source` onto the shelf, then the rotation.
fn take(source: &Connection, shelf: &Shelf, reason: Reason, clock: Clock) -> Result<BackupInfo, BackupError> {
    std::fs::create_dir_all(&shelf.dir).map_err(|source| BackupError::Folder { path: shelf.dir.clone(), source })?;
    let path = shelf.free_path(clock.now, reason);
    let info = write_checked(source, &path, Label { taken_at: clock.now, reason, failed: false })?;
    rotate(shelf, clock)?;
    Ok(info)
}

/// Writes beside `path` under a name no listing shows, checks it, then renames
/// it into place: a backup under its name is whole and passed its check. One
/// that fails the check is kept as `….failed` and reported.
fn write_checked(source: &Connection, path: &Path, label: Label) -> Result<BackupInfo, BackupError> {
    let partial = PathBuf::from(format!("{}.{}{PARTIAL}", path.display(), std::process::id()));
    let _ = std::fs::remove_file(&partial);
    if let Err(e) = snapshot::write(source, &partial) {
        let _ = std::fs::remove_file(&partial);
        return Err(match e {
            // The store's words for a full disk speak of the user's change; here it is the copy that did not fit.
            StoreError::DiskFull { .. } => BackupError::Io { path: path.to_path_buf(), source: std::io::ErrorKind::StorageFull.into() },
            e => BackupError::Write { path: path.to_path_buf(), source: e },
        });
    }
    // The flush to disk is I/O and the check is CPU: one runs while the other does.
    let (checked, synced) = std::thread::scope(|s| {
        let synced = s.spawn(|| snapshot::sync(&partial));
        (snapshot::verify(&partial), synced.join())
    });
    if let Err(problem) = checked {
        let failed = failed_path(path);
        let _ = std::fs::rename(&partial, &failed);
        return Err(BackupError::Failed { path: path.to_path_buf(), failed, problem });
    }
    let synced = synced.unwrap_or_else(|_| Err(std::io::Error::other("the flush to disk stopped")));
    if let Err(source) = synced {
        let _ = std::fs::remove_file(&partial);
        return Err(BackupError::Io { path: path.to_path_buf(), source });
    }
    std::fs::rename(&partial, path).map_err(|source| BackupError::Io { path: path.to_path_buf(), source })?;
    sync_folder(path);
    Ok(describe(path, label))
}

fn failed_path(path: &Path) -> PathBuf {
    PathBuf::from(format!("{}{}", path.display(), name::FAILED))
}

/// Makes the rename itself durable; where a folder can't be synced (not every
/// system allows it) the file is still whole, only its name may be lost to a power cut.
fn sync_folder(path: &Path) {
    if let Some(dir) = path.parent() {
        let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
    }
}

fn open_journal(journal: &Path) -> Result<Connection, BackupError> {
    snapshot::open_read_only(journal).map_err(|e| BackupError::Read { path: journal.to_path_buf(), source: e.into() })
}

fn describe(path: &Path, label: Label) -> BackupInfo {
    let size_bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let entries = if label.failed { None } else { snapshot::open_read_only(path).and_then(|c| snapshot::live_entries(&c)).ok() };
    BackupInfo {
        path: path.display().to_string(),
        taken_at: label.taken_at,
        reason: label.reason,
        size_bytes,
        entries,
        verified: !label.failed && entries.is_some(),
    }
}

#[cfg(test)]
mod status_tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_backup_older_than_a_week_or_none_at_all_is_stale() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        assert!(is_stale(None, now), "no backup at all is the worst case");
        assert!(!is_stale(Some(now - chrono::Duration::days(7)), now), "exactly a week is still fine");
        assert!(is_stale(Some(now - chrono::Duration::days(7) - chrono::Duration::minutes(1)), now));
    }
}
