//! What the integration tests share: a journal in a temporary folder, Madrid
//! moments (the public example's zone), and a runner for the real `trato` binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Europe::Madrid;
use tempfile::TempDir;
use trato::domain::{Channel, ClientId};
use trato::journal::{Clock, NewEntry};
use trato::store::Store;

pub struct Journal {
    pub dir: TempDir,
    pub store: Store,
}

impl Journal {
    pub fn path(&self) -> PathBuf {
        self.dir.path().join("trato.db")
    }
}

pub fn journal() -> Journal {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("trato.db")).expect("open a new journal");
    Journal { dir, store }
}

/// A moment of March 2026 in Madrid, the public example's month and zone.
pub fn march(day: u32, hour: u32, min: u32) -> DateTime<Utc> {
    Madrid.with_ymd_and_hms(2026, 3, day, hour, min, 0).single().expect("a valid Madrid time").with_timezone(&Utc)
}

/// The clock at a moment of March 2026 in Madrid.
pub fn at(day: u32, hour: u32, min: u32) -> Clock {
    Clock::new(march(day, hour, min), Madrid)
}

pub fn new_entry(client: ClientId, clock: Clock, summary: &str) -> NewEntry {
    NewEntry { client, at: Some(clock.now), channel: Channel::Email, summary: summary.to_string() }
}

/// Runs the real binary on a journal file; the clock and zone are always given.
pub fn trato(db: &Path, now: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_trato"))
        .arg("--db")
        .arg(db)
        .args(["--now", now, "--tz", "Europe/Madrid"])
        .args(args)
        .env_remove("TRATO_DB")
        .output()
        .expect("run trato")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs a command that must succeed and returns its stdout.
pub fn ok(db: &Path, now: &str, args: &[&str]) -> String {
    let o = trato(db, now, args);
    assert!(o.status.success(), "`trato {}` failed: {}", args.join(" "), stderr(&o));
    stdout(&o)
}

/// Runs an `… add` command, checks it printed only an id, and returns the id.
pub fn add(db: &Path, now: &str, args: &[&str]) -> String {
    let out = ok(db, now, args);
    let id = out.strip_suffix('\n').unwrap_or(&out);
    assert!(uuid::Uuid::parse_str(id).is_ok(), "`trato {}` must print only the new id, printed {out:?}", args.join(" "));
    id.to_string()
}

/// Runs a command that must be refused (exit 1, message on stderr, nothing on stdout).
pub fn refused(db: &Path, now: &str, args: &[&str]) -> String {
    let o = trato(db, now, args);
    assert_eq!(o.status.code(), Some(1), "`trato {}` should have been refused; stdout: {}", args.join(" "), stdout(&o));
    assert!(o.stdout.is_empty(), "a refused command prints nothing on stdout");
    let err = stderr(&o);
    assert!(err.starts_with("error: "), "errors start with 'error: ', got {err:?}");
    err
}
