//! What the integration tests share: a journal in a temporary folder, Madrid
//! moments (the public example's zone), and a runner for the real `trato` binary
//! (for the tests in cli/tests, which include this module).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Madrid;
use tempfile::TempDir;
use trato::domain::{Cause, Channel, ClientId, ClientPatch, Details, Due, Entry, EntryId, Score, Stage};
use trato::journal::{self, Clock, NewEntry, NewFeedback};
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

/// An entry built whole, as an import or a generator makes one (recorded when it happened); checked like an import checks it.
pub fn entry(client: ClientId, at: DateTime<Utc>, summary: &str, details: Details) -> Entry {
    let e = Entry {
        id: EntryId::new_at(at),
        client_id: client,
        occurred_at: at,
        recorded_at: at,
        channel: Channel::Email,
        summary: summary.into(),
        details,
    };
    e.validate().expect("a valid entry");
    e
}

pub fn new_entry(client: ClientId, clock: Clock, summary: &str) -> NewEntry {
    NewEntry { client, at: Some(clock.now), channel: Channel::Email, summary: summary.to_string() }
}

/// The ids of PRODUCT.md's public example.
pub struct Example {
    pub sol: ClientId,
    pub menu: EntryId,
    pub promise: EntryId,
}

/// PRODUCT.md's public example, Monday 2 to Tuesday 10 March 2026, told through
/// the journal's use cases at the moment each step happened: Panadería Sol
/// (with `profile`) asks for `request`, the promise is late, rescheduled twice,
/// kept late, and rated 3/5 for expectations.
pub fn public_example(s: &mut Store, profile: ClientPatch, request: &str) -> Example {
    let day = |d| Due::Date(NaiveDate::from_ymd_opt(2026, 3, d).expect("a March day"));
    let sol = journal::add_client(s, at(1, 9, 0), "Panadería Sol", profile).unwrap();
    let menu = journal::add_request(s, at(2, 10, 0), new_entry(sol, at(2, 10, 0), request), None).unwrap();
    let promise = journal::add_promise(s, at(2, 12, 0), new_entry(sol, at(2, 12, 0), "New menu online"), day(4), Some(menu)).unwrap();
    journal::follow_up_request(s, at(5, 11, 0), menu, None, None, Some("Is the menu online?".into())).unwrap();
    journal::reschedule_promise(s, at(5, 12, 0), promise, None, day(6), "waiting for photos").unwrap();
    journal::reschedule_promise(s, at(6, 16, 0), promise, None, day(9), "photos arrived late").unwrap();
    journal::keep_promise(s, at(9, 10, 0), promise, None).unwrap();
    let rating = NewFeedback { score: Score::Rating(3), stage: Stage::End, cause: Some(Cause::Expectations), comment: None };
    journal::add_feedback(s, at(10, 10, 0), new_entry(sol, at(10, 10, 0), ""), rating).unwrap();
    Example { sol, menu, promise }
}

/// The real `trato` binary. Cargo builds it for the tests of its own crate
/// (cli/tests, which share this module), and names it only to them.
pub fn binary() -> &'static str {
    // Not `env!`: the core's own tests include this module too, and cargo names them no binary.
    match option_env!("CARGO_BIN_EXE_trato") {
        Some(path) => path,
        None => panic!("a test that runs the `trato` binary belongs in cli/tests"),
    }
}

/// The real binary on a journal file; the clock and zone are always given.
fn command(db: &Path, now: &str, args: &[&str]) -> Command {
    let mut c = Command::new(binary());
    c.arg("--db")
        .arg(db)
        .args(["--now", now, "--tz", "Europe/Madrid"])
        .args(args)
        .env_remove("TRATO_DB")
        // The system's language is English unless a test says otherwise.
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    c
}

/// Runs the real binary on a journal file.
pub fn trato(db: &Path, now: &str, args: &[&str]) -> Output {
    command(db, now, args).output().expect("run trato")
}

/// A session bus that is not there: no keychain.
pub const NO_BUS: &str = "unix:path=/nonexistent/trato-test-bus";

/// Starts the real binary with `input` written to its standard input (a mail
/// account's password; without it, standard input is no terminal and nothing
/// is typed) and `env` set. No keychain unless `env` names a session bus: a
/// password must never land in the keychain of whoever runs the tests; and
/// only the system's TLS roots unless `env` names a test's own.
pub fn spawn_with(db: &Path, now: &str, args: &[&str], input: Option<&str>, env: &[(&str, &str)]) -> std::process::Child {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = command(db, now, args)
        .env("DBUS_SESSION_BUS_ADDRESS", NO_BUS)
        .env_remove("SSL_CERT_FILE")
        .env_remove("SSL_CERT_DIR")
        .envs(env.iter().copied())
        .stdin(if input.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run trato");
    if let (Some(input), Some(mut stdin)) = (input, child.stdin.take()) {
        stdin.write_all(format!("{input}\n").as_bytes()).expect("write to trato");
    }
    child
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

/// Everything a journal file holds, table by table and row by row, as text:
/// two files with equal dumps hold the same journal, whatever their pages look
/// like. Every table counts (reminders sent, snoozes, import batches, the
/// search index), not only what an export carries; so do the schema, its
/// version and the application id.
pub fn dump(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open the journal to dump it");
    let header = |pragma: &str| conn.query_row(&format!("PRAGMA {pragma}"), [], |r| r.get::<_, i64>(0)).expect(pragma);
    let mut lines = vec![format!("application_id {}", header("application_id")), format!("user_version {}", header("user_version"))];
    let mut schema = conn.prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name").unwrap();
    let objects: Vec<(String, String, Option<String>)> =
        schema.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().collect::<Result<_, _>>().unwrap();
    for (kind, name, sql) in &objects {
        lines.push(format!("{kind} {name}: {}", sql.as_deref().unwrap_or("")));
    }
    for (_, table, _) in objects.iter().filter(|(kind, _, _)| kind == "table") {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{}\"", table.replace('"', "\"\""))).unwrap();
        let columns = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| (0..columns).map(|i| r.get::<_, rusqlite::types::Value>(i).map(|v| format!("{v:?}"))).collect())
            .unwrap()
            .map(|row: rusqlite::Result<Vec<String>>| format!("{table}: {}", row.unwrap().join(" | ")))
            .collect();
        rows.sort();
        lines.push(format!("{table}: {} rows", rows.len()));
        lines.extend(rows);
    }
    lines
}

/// Damages one page of a closed journal the way a bad disk sector would: the
/// root page of its `history` table becomes garbage. The journal still opens,
/// and whatever does not read the history (listing clients, Today) still works;
/// its integrity check, and so every backup's, fails.
pub fn damage_a_page(db: &Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let page: i64 = conn.query_row("SELECT rootpage FROM sqlite_schema WHERE name = 'history'", [], |r| r.get(0)).unwrap();
    let size: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
    // Everything in the file itself, and no log beside it that would be read instead.
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    drop(conn);
    let mut bytes = std::fs::read(db).unwrap();
    let (at, size) = (usize::try_from((page - 1) * size).unwrap(), usize::try_from(size).unwrap());
    for (i, b) in bytes[at..at + size].iter_mut().enumerate() {
        *b = (i * 31 % 251) as u8;
    }
    std::fs::write(db, bytes).unwrap();
}
