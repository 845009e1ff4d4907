//! Bad days with the journal file: a read-only disk, file or folder, another
//! Trato holding the lock, a full disk, a damaged file. Each gets a clear
//! answer, no panic, and the journal keeps everything it had.
//!
//! The disks here are small tmpfs mounts the tests make themselves, so they run
//! as root (CI does): root ignores file permissions, but not a read-only mount
//! or a full disk. The permission cases run the CLI as the user `nobody`.

#[path = "../../tests/common/mod.rs"]
mod common;

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::{add, at, ok, refused, stderr, trato};
use rusqlite::Connection;
use trato::domain::ClientPatch;
use trato::journal::{self, NewEntry};
use trato::store::{Fault, ReadOnly, Store};

const NOW: &str = "2026-03-05T09:00:00+01:00";

/// A tmpfs mounted on a temporary folder for one test, unmounted when dropped.
struct Disk {
    dir: tempfile::TempDir,
}

impl Disk {
    fn mount(size: &str) -> Disk {
        assert_eq!(run("id", &["-u"]).trim(), "0", "the fault tests mount a small disk of their own: run them as root (CI does)");
        let dir = tempfile::tempdir().unwrap();
        run("mount", &["-t", "tmpfs", "-o", &format!("size={size},mode=0755"), "tmpfs", dir.path().to_str().unwrap()]);
        Disk { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn remount(&self, mode: &str) {
        run("mount", &["-o", &format!("remount,{mode}"), self.path().to_str().unwrap()]);
    }
}

impl Drop for Disk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(self.dir.path()).status();
    }
}

fn run(program: &str, args: &[&str]) -> String {
    let o = Command::new(program).args(args).output().unwrap_or_else(|e| panic!("can't run {program}: {e}"));
    assert!(o.status.success(), "{program} {} failed: {}", args.join(" "), String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The journal file and the log files beside it, as bytes (None: absent).
fn snapshot(db: &Path) -> Vec<(PathBuf, Option<Vec<u8>>)> {
    ["", "-wal", "-shm"]
        .iter()
        .map(|suffix| {
            let p = PathBuf::from(format!("{}{suffix}", db.display()));
            let bytes = std::fs::read(&p).ok();
            (p, bytes)
        })
        .collect()
}

fn assert_untouched(db: &Path, before: &[(PathBuf, Option<Vec<u8>>)], what: &str) {
    for ((path, was), (_, is)) in before.iter().zip(snapshot(db)) {
        assert!(*was == is, "{what}: {} must stay byte for byte as it was, or the user's journal was changed", path.display());
    }
}

fn integrity(db: &Path) -> String {
    let conn = Connection::open(db).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap()
}

fn client_names(db: &Path) -> Vec<String> {
    let list: serde_json::Value = serde_json::from_str(&ok(db, NOW, &["client", "list", "--json"])).unwrap();
    list.as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_string()).collect()
}

fn note_count(db: &Path, client: &str) -> usize {
    let timeline: serde_json::Value = serde_json::from_str(&ok(db, NOW, &["timeline", client, "--json"])).unwrap();
    timeline.as_array().unwrap().len()
}

/// Runs the CLI as the user `nobody`, for whom file permissions hold.
fn trato_as_nobody(db: &Path, args: &[&str]) -> Output {
    Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(env!("CARGO_BIN_EXE_trato"))
        .arg("--db")
        .arg(db)
        .args(["--now", NOW, "--tz", "Europe/Madrid"])
        .args(args)
        .env_remove("TRATO_DB")
        .env("HOME", "/nonexistent")
        .output()
        .expect("run trato through setpriv")
}

#[test]
fn a_journal_on_a_read_only_disk_is_read_and_every_write_is_refused_saying_why() {
    let disk = Disk::mount("8m");
    let db = disk.path().join("trato.db");
    add(&db, NOW, &["client", "add", "Sol"]);
    add(&db, NOW, &["note", "add", "Sol", "Prefers mornings"]);
    disk.remount("ro");
    let before = snapshot(&db);

    assert_eq!(client_names(&db), ["Sol"], "a journal on a read-only disk can still be read");
    assert_eq!(note_count(&db, "Sol"), 1);
    let err = refused(&db, NOW, &["note", "add", "Sol", "Call back on Friday"]);
    assert!(err.contains(&format!("the journal at {} is read-only", db.display())), "the refusal names the journal: {err}");
    assert!(
        err.contains("its disk is mounted read-only") && err.contains("not saved"),
        "the refusal says why and that nothing was saved: {err}"
    );

    let mut store = Store::open(&db).expect("a read-only journal opens");
    assert_eq!(store.read_only(), Some(ReadOnly::Disk), "the app shows a banner saying the journal is read-only");
    assert_eq!(journal::clients(&mut store, false).unwrap().len(), 1);
    let refusal = journal::add_client(&mut store, at(5, 9, 0), "Luna", ClientPatch::default()).expect_err("writes are refused");
    match refusal {
        journal::JournalError::Store(e) => assert_eq!(e.fault(), Some(Fault::ReadOnly), "the app can tell a read-only journal: {e}"),
        other => panic!("a read-only journal must refuse with a store fault, got {other}"),
    }
    drop(store);
    assert_untouched(&db, &before, "a journal read on a read-only disk");

    disk.remount("rw");
    add(&db, NOW, &["note", "add", "Sol", "Call back on Friday"]);
    assert_eq!(note_count(&db, "Sol"), 2, "once the disk is writable again, so is the journal");
}

#[test]
fn a_read_only_file_or_folder_is_read_and_writes_are_refused_saying_which() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let folder = dir.path().join("journal");
    std::fs::create_dir(&folder).unwrap();
    let db = folder.join("trato.db");
    add(&db, NOW, &["client", "add", "Sol"]);

    // The file is not writable for the user; the folder is.
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o777)).unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
    let listed = trato_as_nobody(&db, &["client", "list"]);
    assert!(listed.status.success(), "a read-only file can still be read: {}", stderr(&listed));
    assert!(String::from_utf8_lossy(&listed.stdout).contains("Sol"));
    let refused = trato_as_nobody(&db, &["client", "add", "Luna"]);
    assert_eq!(refused.status.code(), Some(1), "a write to a read-only file is refused, not crashed on: {}", stderr(&refused));
    let err = stderr(&refused);
    assert!(err.contains("is read-only (the file is not writable): your change was not saved"), "the refusal says why: {err}");

    // The file is the user's, but the folder SQLite keeps its log files in is not writable.
    for log in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{log}", db.display()));
    }
    run("chown", &["65534:65534", db.to_str().unwrap()]);
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let listed = trato_as_nobody(&db, &["client", "list"]);
    assert!(listed.status.success(), "a journal in a read-only folder can still be read: {}", stderr(&listed));
    assert!(String::from_utf8_lossy(&listed.stdout).contains("Sol"));
    let refused = trato_as_nobody(&db, &["client", "add", "Luna"]);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    let err = stderr(&refused);
    assert!(err.contains("is read-only (its folder is not writable): your change was not saved"), "the refusal says why: {err}");

    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(client_names(&db), ["Sol"], "nothing of the refused writes landed");
}

#[test]
fn a_journal_held_by_another_trato_past_the_busy_timeout_refuses_the_write_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("trato.db");
    add(&db, NOW, &["client", "add", "Sol"]);

    let other = Connection::open(&db).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let started = Instant::now();
    assert_eq!(client_names(&db), ["Sol"], "reading does not wait for another Trato's write");
    assert!(started.elapsed() < Duration::from_secs(3), "reading waited {:?} on another Trato's write", started.elapsed());

    let err = refused(&db, NOW, &["client", "add", "Luna", "--email", "luna@example.com"]);
    assert!(err.contains(&format!("the journal is in use by another Trato ({})", db.display())), "the refusal says who holds it: {err}");
    assert!(err.contains("nothing was written"), "{err}");
    other.execute_batch("ROLLBACK").unwrap();
    drop(other);

    assert_eq!(client_names(&db), ["Sol"], "nothing of the refused write landed once the other Trato let go");
    add(&db, NOW, &["client", "add", "Luna"]);
    assert_eq!(client_names(&db).len(), 2, "the journal takes writes again once the other Trato is done");
}

/// Fills what is left of the disk at `dir`, and gives the space back when dropped.
struct Filler(PathBuf);

impl Filler {
    fn fill(dir: &Path) -> Filler {
        let path = dir.join("filler");
        let mut f = std::fs::File::create(&path).unwrap();
        let chunk = vec![7u8; 4096];
        while f.write_all(&chunk).is_ok() {}
        // The last partial page too: nothing at all is left.
        while f.write_all(&[7u8]).is_ok() {}
        Filler(path)
    }
}

impl Drop for Filler {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn a_full_disk_refuses_the_write_keeps_the_journal_and_works_again_once_space_is_freed() {
    let disk = Disk::mount("4m");
    let db = disk.path().join("trato.db");
    add(&db, NOW, &["client", "add", "Sol"]);
    add(&db, NOW, &["note", "add", "Sol", "Prefers mornings"]);

    let filler = Filler::fill(disk.path());
    let long = "A long note that needs new pages. ".repeat(400);
    let o = trato(&db, NOW, &["note", "add", "Sol", &long]);
    assert_eq!(o.status.code(), Some(1), "a write on a full disk is refused, not crashed on: {}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("the disk is full") && err.contains("not saved"), "the refusal says the disk is full: {err}");
    drop(filler);

    assert_eq!(integrity(&db), "ok", "the journal stays consistent after a write failed on a full disk");
    assert_eq!(note_count(&db, "Sol"), 1, "the earlier note is intact and nothing of the refused one landed");
    add(&db, NOW, &["note", "add", "Sol", &long]);
    assert_eq!(note_count(&db, "Sol"), 2, "once space is freed, the same write works");
}

#[test]
fn an_open_journal_meeting_a_full_disk_keeps_working_once_space_is_freed() {
    let disk = Disk::mount("4m");
    let db = disk.path().join("trato.db");
    let mut store = Store::open(&db).unwrap();
    let sol = journal::add_client(&mut store, at(5, 9, 0), "Sol", ClientPatch::default()).unwrap();
    let note = |summary: String| NewEntry { client: sol, at: None, channel: trato::domain::Channel::Email, summary };

    let filler = Filler::fill(disk.path());
    let mut refused = None;
    // The log file may still have room for a small write; a few long ones outgrow it.
    for i in 0..50 {
        match journal::add_note(&mut store, at(5, 9, 0), note(format!("{i} {}", "x".repeat(3000)))) {
            Ok(_) => continue,
            Err(e) => {
                refused = Some(e);
                break;
            }
        }
    }
    let refused = refused.expect("writes on a full disk must fail at some point");
    match &refused {
        journal::JournalError::Store(e) => assert_eq!(e.fault(), Some(Fault::DiskFull), "the app can tell a full disk: {e}"),
        other => panic!("a full disk must be a store fault, got {other}"),
    }
    assert!(refused.to_string().contains("the disk is full"), "{refused}");
    let saved = journal::timeline(&mut store, sol).unwrap().len();
    drop(filler);

    journal::add_note(&mut store, at(5, 9, 0), note("After the cleanup".into()))
        .expect("the open journal writes again once space is freed");
    assert_eq!(journal::timeline(&mut store, sol).unwrap().len(), saved + 1, "every note saved before and after the full disk is there");
    drop(store);
    assert_eq!(integrity(&db), "ok");
}

/// A journal with enough in it to span many pages, closed cleanly.
fn journal_file(dir: &Path) -> PathBuf {
    let db = dir.join("trato.db");
    let mut store = Store::open(&db).unwrap();
    for i in 0..300 {
        let id = journal::add_client(&mut store, at(5, 9, 0), &format!("Client {i}"), ClientPatch::default()).unwrap();
        journal::add_note(
            &mut store,
            at(5, 9, 0),
            NewEntry { client: id, at: None, channel: trato::domain::Channel::Email, summary: format!("Note {i}") },
        )
        .unwrap();
    }
    db
}

/// Bytes no one would mistake for a journal, the same on every run.
fn garbage(len: usize) -> Vec<u8> {
    let mut x: u32 = 0x9e37_79b9;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect()
}

#[test]
fn a_damaged_journal_is_refused_untouched_with_the_way_back() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read(journal_file(dir.path())).unwrap();
    let half = good.len() / 2;
    let damages: [(&str, Vec<u8>); 3] = [
        ("garbage bytes", garbage(64 * 1024)),
        ("a journal cut in half", good[..half].to_vec()),
        ("a sound header over garbage pages", [&good[..100], &garbage(good.len() - 100)[..]].concat()),
    ];
    for (what, bytes) in damages {
        let db = dir.path().join(format!("{}.db", what.replace(' ', "-")));
        std::fs::write(&db, &bytes).unwrap();
        let before = snapshot(&db);

        let err = refused(&db, NOW, &["export"]);
        assert!(
            err.contains(&format!("{} is not a Trato journal", db.display()))
                || err.contains(&format!("the journal at {} is damaged", db.display())),
            "{what}: the user is told the journal is damaged: {err}"
        );
        assert!(err.contains("trato backup restore"), "{what}: the user is told how to get their journal back: {err}");
        let fault = Store::open(&db).err().and_then(|e| e.fault());
        assert_eq!(fault, Some(Fault::Corrupt), "{what}: the app can offer to restore a backup");
        assert_untouched(&db, &before, what);
    }
}

#[test]
fn an_older_journal_on_a_read_only_disk_is_refused_since_upgrading_it_means_writing() {
    let disk = Disk::mount("8m");
    let db = disk.path().join("trato.db");
    drop(Store::open_with(&db, &trato::store::migrations::MIGRATIONS[..1]).unwrap());
    disk.remount("ro");
    let before = snapshot(&db);

    let err = refused(&db, NOW, &["client", "list"]);
    assert!(
        err.contains("is read-only (its disk is mounted read-only), and upgrading it means writing to it"),
        "the refusal says why: {err}"
    );
    assert_untouched(&db, &before, "an older journal on a read-only disk");
}

#[test]
fn a_folder_given_as_the_journal_is_called_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("journal");
    std::fs::create_dir(&folder).unwrap();
    for args in [&["client", "list"][..], &["client", "add", "Sol"]] {
        let err = refused(&folder, NOW, args);
        assert!(
            err.contains(&format!("{} is a folder, not a journal file", folder.display())) && err.contains("trato.db"),
            "`trato {}`: the refusal names the real cause and the file to give instead: {err}",
            args.join(" ")
        );
    }
    assert!(matches!(Store::open(&folder), Err(trato::store::StoreError::IsAFolder { .. })));
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0, "nothing was written into the folder");
}

#[test]
fn a_journal_the_user_may_not_read_says_whether_the_file_or_its_folder_refuses() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let folder = dir.path().join("journal");
    std::fs::create_dir(&folder).unwrap();
    let db = folder.join("trato.db");
    add(&db, NOW, &["client", "add", "Sol"]);

    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o000)).unwrap();
    let o = trato_as_nobody(&db, &["client", "list"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("can't read the journal at {}: the file is not readable; nothing in it was changed", db.display())),
        "{err}"
    );

    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o700)).unwrap();
    let o = trato_as_nobody(&db, &["client", "list"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains(&format!("can't read the journal at {}: its folder may not be looked into", db.display())), "{err}");
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(client_names(&db), ["Sol"]);
}

#[test]
fn a_new_journal_where_nothing_can_be_written_says_why_and_creates_nothing() {
    // A folder the user may not write to.
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let folder = dir.path().join("shared");
    std::fs::create_dir(&folder).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let db = folder.join("trato.db");
    let o = trato_as_nobody(&db, &["client", "add", "Sol"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("can't start a journal at {}: its folder is not writable; nothing was created", db.display())),
        "the refusal names the real cause: {err}"
    );
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0);

    // A disk mounted read-only: root can't write there either.
    let disk = Disk::mount("1m");
    disk.remount("ro");
    let db = disk.path().join("trato.db");
    let err = refused(&db, NOW, &["client", "add", "Sol"]);
    assert!(err.contains(&format!("can't start a journal at {}: its disk is mounted read-only", db.display())), "{err}");
}

#[test]
fn a_full_disk_during_a_read_command_says_what_it_cost_and_no_more() {
    let disk = Disk::mount("4m");
    let db = disk.path().join("trato.db");
    add(&db, NOW, &["client", "add", "Sol"]);
    // Today's backup is taken: the read command below has nothing to back up.
    ok(&db, NOW, &["client", "list"]);
    let before = std::fs::read(&db).unwrap();

    let filler = Filler::fill(disk.path());
    let err = refused(&db, NOW, &["client", "list"]);
    assert!(!err.contains("not saved"), "a command that only reads has no change to lose, and must not say it lost one: {err}");
    assert!(
        err.contains(&format!("the disk is full: even to read the journal at {}, SQLite needs a little room beside it", db.display()))
            && err.contains("Nothing in the journal was changed. Free some space and try again"),
        "the refusal names the real cause and what to do: {err}"
    );
    assert!(std::fs::read(&db).unwrap() == before, "a journal read on a full disk stays byte for byte as it was");
    let log = std::fs::metadata(format!("{}-wal", db.display())).map_or(0, |m| m.len());
    assert_eq!(log, 0, "nothing was written to the journal's log either");

    // The app holds the journal open (its shared memory is there already): the
    // command reads, and only the day's backup has no room.
    drop(filler);
    let store = Store::open(&db).unwrap();
    let filler = Filler::fill(disk.path());
    let o = trato(&db, "2026-03-06T09:00:00+01:00", &["client", "list"]);
    assert!(o.status.success(), "the journal is read though the disk is full: {}", stderr(&o));
    let warning = stderr(&o);
    assert!(warning.starts_with("warning: can't back up the journal into") && warning.contains("no storage space"), "{warning}");
    assert!(!warning.contains("not saved"), "the user's change was not at stake, only the backup: {warning}");
    drop((filler, store));
    assert_eq!(client_names(&db), ["Sol"]);
}
