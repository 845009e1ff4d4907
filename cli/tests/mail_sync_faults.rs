//! A sync that stops half-way, against a real Dovecot: killed with `kill -9`,
//! or its connection cut in the middle of a FETCH. What was committed stays,
//! nothing is half-written, and the next sync brings exactly what is missing:
//! no message lost, none doubled.

#[path = "../../tests/common/mod.rs"]
mod common;
mod dovecot;

use std::path::{Path, PathBuf};
use std::process::Child;
use std::time::{Duration, Instant};

use common::{add, spawn_with};
use dovecot::{server, Proxy};

const START: &str = "2026-03-01T09:00:00+01:00";
const NOW: &str = "2026-03-02T18:00:00+01:00";
/// Enough client messages for several chunks (a chunk is 50).
const MESSAGES: usize = 160;

fn spawn(db: &Path, args: &[&str], password: &str) -> Child {
    spawn_with(db, NOW, args, Some(password), &[])
}

fn count(db: &Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap_or(0)
}

/// A journal, a user with many client messages in the inbox, and an account
/// reaching the server through a slow proxy.
fn setup(user: &str, proxy: &Proxy) -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    add(&db, START, &["client", "add", "Panadería Sol", "--email", "rosa@panaderia-sol.example"]);
    let (login, password) = server().user(user);
    // A body of a few kilobytes each: the answers take a while through the slow proxy.
    let body = "The spring menu, again.\n".repeat(120);
    for n in 0..MESSAGES {
        let message = format!(
            "From: Rosa <rosa@panaderia-sol.example>\nTo: {login}\nSubject: Order {n}\nDate: Mon, 2 Mar 2026 {:02}:{:02}:00 +0100\nMessage-ID: <order-{n}@panaderia-sol.example>\n\n{body}",
            8 + n / 60,
            n % 60
        );
        server().save(&login, "INBOX", &message);
    }
    let port = proxy.port.to_string();
    let args = ["mail", "account", "add", "Work", "--host", "127.0.0.1", "--port", &port, "--security", "plain", "--login", &login];
    let out = spawn(&db, &[&args[..], &["--folder", "INBOX", "--password-stdin"]].concat(), &password).wait_with_output().unwrap();
    assert!(out.status.success(), "account add: {}", String::from_utf8_lossy(&out.stderr));
    (dir, db, password)
}

/// Waits until a sync has committed some client messages but not all.
fn until_half_way(db: &Path, child: &mut Child) -> i64 {
    let started = Instant::now();
    loop {
        let n = count(db, "SELECT count(*) FROM mail_messages");
        if n > 0 && n < MESSAGES as i64 {
            return n;
        }
        assert!(child.try_wait().unwrap().is_none(), "the sync ended before it could be stopped half-way ({n} messages)");
        assert!(started.elapsed() < Duration::from_secs(120), "no progress in 2 minutes");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Every message once, every proposal once, and each UID recorded once.
fn all_there_once(db: &Path) {
    assert_eq!(count(db, "SELECT count(*) FROM mail_messages"), MESSAGES as i64, "nothing missing");
    assert_eq!(count(db, "SELECT count(*) FROM mail_proposals"), MESSAGES as i64, "one proposal per message, none doubled");
    assert_eq!(count(db, "SELECT count(*) FROM mail_uids"), MESSAGES as i64);
    assert_eq!(count(db, "SELECT count(DISTINCT message_id) FROM mail_messages WHERE message_id LIKE 'order-%'"), MESSAGES as i64);
}

/// Whatever is committed is whole: each message with its proposal and its
/// UID, and the cursor below every UID not yet committed.
fn nothing_half_written(db: &Path) {
    let messages = count(db, "SELECT count(*) FROM mail_messages");
    assert_eq!(count(db, "SELECT count(*) FROM mail_proposals"), messages, "each committed message has its proposal");
    assert_eq!(count(db, "SELECT count(*) FROM mail_uids"), messages, "each committed message has its UID, no more");
    let cursor = count(db, "SELECT last_uid FROM mail_folders WHERE folder = 'INBOX'");
    assert!(cursor <= messages, "the cursor ({cursor}) never passes a message not committed ({messages} are)");
}

#[test]
fn a_sync_killed_half_way_loses_nothing_and_doubles_nothing_when_run_again() {
    let proxy = Proxy::start(server().port, Duration::from_millis(3));
    let (_dir, db, password) = setup("ana-killed", &proxy);
    let mut sync = spawn(&db, &["mail", "sync", "Work", "--password-stdin"], &password);
    until_half_way(&db, &mut sync);
    sync.kill().unwrap(); // SIGKILL: no chance to clean up
    sync.wait().unwrap();
    nothing_half_written(&db);

    let out = spawn(&db, &["mail", "sync", "Work", "--password-stdin", "--json"], &password).wait_with_output().unwrap();
    assert!(out.status.success(), "the next sync: {}", String::from_utf8_lossy(&out.stderr));
    all_there_once(&db);
}

#[test]
fn a_connection_cut_mid_fetch_is_a_clear_error_and_the_next_sync_brings_the_rest() {
    let proxy = Proxy::start(server().port, Duration::from_millis(3));
    let (_dir, db, password) = setup("ana-cut", &proxy);
    let mut sync = spawn(&db, &["mail", "sync", "Work", "--password-stdin"], &password);
    until_half_way(&db, &mut sync);
    proxy.cut();
    let out = sync.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "a lost connection fails the sync");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("the connection to 127.0.0.1 was lost (while reading INBOX)"), "the error names the folder: {err}");
    assert!(err.contains("what was committed is kept"), "{err}");
    nothing_half_written(&db);
    assert_eq!(count(&db, "SELECT count(*) FROM mail_accounts WHERE last_outcome = 'mail_connection_lost'"), 1);

    // The server is reachable again: the account now points at Dovecot itself, past the cut proxy.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("UPDATE mail_accounts SET port = ?1", [server().port]).unwrap();
    drop(conn);
    let out = spawn(&db, &["mail", "sync", "Work", "--password-stdin"], &password).wait_with_output().unwrap();
    assert!(out.status.success(), "the next sync: {}", String::from_utf8_lossy(&out.stderr));
    all_there_once(&db);
}
