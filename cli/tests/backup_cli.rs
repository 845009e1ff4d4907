//! `trato backup` as a user runs it: make one, list them, restore one (the
//! journal comes back exactly), and the files a restore must refuse, with the
//! journal left byte for byte as it was.

#[path = "../../tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};

use common::{add, ok, refused, stderr, trato};
use rusqlite::Connection;
use serde_json::Value;
use trato::store::migrations::{latest, MIGRATIONS};

const MON: &str = "2026-03-02T10:00:00+01:00";
const TUE: &str = "2026-03-03T10:00:00+01:00";
const WED: &str = "2026-03-04T10:00:00+01:00";
const THU: &str = "2026-03-05T10:00:00+01:00";

struct Db {
    dir: tempfile::TempDir,
    path: PathBuf,
}

impl Db {
    fn backups(&self) -> PathBuf {
        self.dir.path().join("backups")
    }
}

/// Sol's journal on Monday: a client, a request and a promise.
fn journal() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trato.db");
    add(&path, MON, &["client", "add", "Sol", "--email", "hola@sol.es"]);
    let menu = add(&path, MON, &["request", "add", "Sol", "Update the menu"]);
    add(&path, MON, &["promise", "add", "Sol", "New menu online", "--due", "2026-03-04", "--for-request", &menu]);
    Db { dir, path }
}

fn list(db: &Db, now: &str) -> Vec<Value> {
    serde_json::from_str::<Value>(&ok(&db.path, now, &["backup", "list", "--json"])).unwrap().as_array().unwrap().clone()
}

fn reasons(list: &[Value]) -> Vec<String> {
    let mut r: Vec<String> = list.iter().map(|b| b["reason"].as_str().unwrap().to_string()).collect();
    r.sort();
    r
}

/// The keys of the reminders due at `now`, as `trato reminders --json` gives them.
fn reminder_keys(db: &Db, now: &str) -> Vec<String> {
    let plan: Value = serde_json::from_str(&ok(&db.path, now, &["reminders", "--json"])).unwrap();
    plan["send"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|n| n["reminders"].as_array().unwrap().iter().map(|r| r["key"].as_str().unwrap().to_string()))
        .collect()
}

/// Imports one contact from a vCard: an import batch in the journal.
fn import_contact(db: &Db, now: &str, name: &str) {
    let vcf = db.dir.path().join(format!("{name}.vcf"));
    std::fs::write(&vcf, format!("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nEMAIL:{name}@example.es\r\nEND:VCARD\r\n")).unwrap();
    ok(&db.path, now, &["contacts", "import", vcf.to_str().unwrap()]);
}

#[test]
fn a_restored_backup_gives_back_exactly_the_journal_it_was_made_of() {
    let db = journal();
    // What an export leaves out is in the journal too: reminders sent, a snooze, an import batch.
    let keys = reminder_keys(&db, WED);
    assert!(!keys.is_empty(), "the promise due on Wednesday is reminded that morning");
    ok(&db.path, WED, &["reminders", "snooze", &keys[0], "--for", "1h"]);
    ok(&db.path, "2026-03-04T11:30:00+01:00", &["reminders", "--mark-sent"]);
    import_contact(&db, WED, "lucia");
    let before = common::dump(&db.path);
    let made = ok(&db.path, WED, &["backup"]);
    let made = made.trim_end();
    assert!(Path::new(made).is_file(), "`trato backup` prints the path of the backup it made: {made:?}");

    add(&db.path, THU, &["note", "add", "Sol", "Written after the backup"]);
    let keys = reminder_keys(&db, THU);
    ok(&db.path, THU, &["reminders", "snooze", &keys[0], "--until-tomorrow"]);
    ok(&db.path, THU, &["reminders", "--mark-sent"]);
    import_contact(&db, THU, "marta");
    assert_ne!(common::dump(&db.path), before);
    let o = trato(&db.path, THU, &["backup", "restore", made]);
    assert!(o.status.success(), "restore failed: {}", stderr(&o));
    let after = common::dump(&db.path);
    for table in ["reminders_sent", "reminder_snoozes", "import_batches", "import_effects", "history", "search_docs"] {
        let rows = |dump: &[String]| dump.iter().filter(|l| l.starts_with(&format!("{table}: "))).cloned().collect::<Vec<_>>();
        assert!(rows(&before).len() > 1, "the journal had {table} to restore");
        assert_eq!(rows(&after), rows(&before), "after a restore, {table} must be exactly what the backup held");
    }
    assert_eq!(after, before, "after a restore every table of the journal must be exactly what the backup held");

    let listed = list(&db, THU);
    let kept = listed.iter().find(|b| b["reason"] == "restore").expect("the journal as it was before the restore is kept as a backup");
    assert_eq!(kept["entries"], 3, "the backup kept before the restore holds the note written after the restored backup");
    assert!(listed.iter().all(|b| b["verified"] == true), "every backup listed passed its check: {listed:?}");
}

#[test]
fn the_list_shows_when_why_size_and_entries() {
    let db = journal();
    // The first command of Tuesday backs up the journal for the day, once
    // (Monday's was taken by the second command, the first on an existing journal).
    ok(&db.path, TUE, &["today"]);
    ok(&db.path, TUE, &["today"]);
    let listed = list(&db, TUE);
    assert_eq!(reasons(&listed), ["daily", "daily"], "one backup on the first start of each day: {listed:?}");
    let b = &listed[0];
    assert_eq!(b["taken_at"], "2026-03-03T09:00:00Z");
    assert_eq!(b["entries"], 2);
    assert!(b["size_bytes"].as_u64().unwrap() > 0);
    let text = ok(&db.path, TUE, &["backup", "list"]);
    assert!(text.contains("Tue 2026-03-03 10:00  daily") && text.contains("2 entries") && text.contains("verified"), "{text}");
}

#[test]
fn imports_back_up_the_journal_before_writing() {
    let db = journal();
    let export = db.dir.path().join("other.json");
    let other = db.dir.path().join("other.db");
    add(&other, MON, &["client", "add", "Luna"]);
    ok(&other, MON, &["export", "--out", export.to_str().unwrap()]);
    ok(&db.path, MON, &["import", export.to_str().unwrap()]);

    let vcf = db.dir.path().join("phone.vcf");
    std::fs::write(&vcf, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Lucía Gómez\r\nEMAIL:lucia@example.es\r\nEND:VCARD\r\n").unwrap();
    ok(&db.path, MON, &["contacts", "import", vcf.to_str().unwrap()]);

    let listed: Vec<Value> = list(&db, MON).into_iter().filter(|b| b["reason"] != "daily").collect();
    assert_eq!(reasons(&listed), ["import", "import"], "a wrong import can be undone from the backup taken just before it: {listed:?}");
    let mut clients: Vec<i64> = listed
        .iter()
        .map(|b| {
            Connection::open(b["path"].as_str().unwrap()).unwrap().query_row("SELECT count(*) FROM clients", [], |r| r.get(0)).unwrap()
        })
        .collect();
    clients.sort();
    assert_eq!(clients, [1, 2], "each backup holds the journal as it was before its import");
}

/// A restore of `file` must be refused with `message`, and leave the journal byte for byte as it was.
fn refuses(db: &Db, file: &Path, message: &str) {
    let bytes = std::fs::read(&db.path).unwrap();
    let backups = std::fs::read_dir(db.backups()).map(|d| d.count()).unwrap_or(0);
    let err = refused(&db.path, WED, &["backup", "restore", file.to_str().unwrap()]);
    assert!(err.contains(message) && err.to_lowercase().contains("nothing was restored"), "the refusal must say why: {err}");
    assert!(std::fs::read(&db.path).unwrap() == bytes, "a refused restore must leave the journal untouched");
    assert_eq!(std::fs::read_dir(db.backups()).map(|d| d.count()).unwrap_or(0), backups, "a refused restore writes nothing");
}

#[test]
fn a_file_that_is_not_a_trato_journal_is_refused() {
    let db = journal();
    let text = db.dir.path().join("notes.txt");
    std::fs::write(&text, "not a database, just notes ".repeat(200)).unwrap();
    refuses(&db, &text, "is not a SQLite database");

    let other = db.dir.path().join("other.sqlite");
    Connection::open(&other).unwrap().execute_batch("CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x');").unwrap();
    refuses(&db, &other, "is a database of another program");
}

#[test]
fn a_damaged_backup_is_refused() {
    let db = journal();
    let made = ok(&db.path, TUE, &["backup", "--out", db.dir.path().join("copy.sqlite").to_str().unwrap()]);
    let copy = PathBuf::from(made.trim_end());
    let mut bytes = std::fs::read(&copy).unwrap();
    let len = bytes.len();
    // The header stays, so the file still looks like a journal; its tables are garbage.
    for (i, b) in bytes[4096..len - 4096].iter_mut().enumerate() {
        *b = (i * 7 % 251) as u8;
    }
    std::fs::write(&copy, bytes).unwrap();
    refuses(&db, &copy, "is damaged");
}

#[test]
fn a_backup_from_a_newer_trato_is_refused() {
    let db = journal();
    let made = ok(&db.path, TUE, &["backup", "--out", db.dir.path().join("newer.sqlite").to_str().unwrap()]);
    let newer = PathBuf::from(made.trim_end());
    Connection::open(&newer).unwrap().execute_batch(&format!("PRAGMA user_version = {}", latest(MIGRATIONS) + 1)).unwrap();
    refuses(&db, &newer, "was written by a newer Trato");
}

#[test]
fn a_damaged_journal_can_be_restored_from_a_backup() {
    let db = journal();
    let before = common::dump(&db.path);
    let made = ok(&db.path, TUE, &["backup"]);
    let mut bytes = std::fs::read(&db.path).unwrap();
    let len = bytes.len();
    for (i, b) in bytes[4096..len - 4096].iter_mut().enumerate() {
        *b = (i * 13 % 241) as u8;
    }
    std::fs::write(&db.path, bytes).unwrap();
    let o = trato(&db.path, WED, &["backup", "restore", made.trim_end()]);
    assert!(o.status.success(), "a damaged journal is what a restore is for: {}", stderr(&o));
    assert!(stderr(&o).contains("the journal was damaged; a copy of it as it was is kept in"), "{}", stderr(&o));
    assert_eq!(common::dump(&db.path), before, "the restored journal is the backup's, every table of it");
}

#[test]
fn a_damaged_journal_that_still_opens_is_copied_once_a_day_and_every_command_says_so() {
    let db = journal();
    common::damage_a_page(&db.path);
    for run in 1..=5 {
        let o = trato(&db.path, TUE, &["client", "list"]);
        assert!(o.status.success(), "run {run}: listing clients does not read the damaged page: {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains("the journal is damaged") && err.contains("trato backup restore FILE"),
            "run {run}: the user is told, with the way back: {err}"
        );
    }
    let failed: Vec<String> = std::fs::read_dir(db.backups())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str().map(str::to_string))
        .filter(|n| n.ends_with(".failed"))
        .collect();
    assert_eq!(failed.len(), 1, "five commands on a damaged journal keep one copy of it, not five: {failed:?}");
}

#[test]
fn a_backup_with_another_page_size_is_restored() {
    let db = journal();
    let other = db.dir.path().join("big-pages.db");
    {
        // A journal another SQLite made with 8 KiB pages, before any table.
        let mut conn = Connection::open(&other).unwrap();
        conn.execute_batch("PRAGMA page_size = 8192; PRAGMA journal_mode = WAL;").unwrap();
        trato::store::migrations::migrate(&mut conn, MIGRATIONS).unwrap();
        assert_eq!(conn.query_row("PRAGMA page_size", [], |r| r.get::<_, i64>(0)).unwrap(), 8192);
    }
    add(&other, MON, &["client", "add", "Luna"]);
    let made = ok(&other, TUE, &["backup", "--out", db.dir.path().join("big-pages.sqlite").to_str().unwrap()]);
    let before = common::dump(Path::new(made.trim_end()));

    let o = trato(&db.path, WED, &["backup", "restore", made.trim_end()]);
    assert!(o.status.success(), "a sound journal with 8 KiB pages is restored: {}", stderr(&o));
    assert_eq!(common::dump(&db.path), before, "the restored journal is the backup's, every table of it");
    let names = ok(&db.path, WED, &["client", "list"]);
    assert!(names.contains("Luna") && !names.contains("Sol"), "{names}");
    assert!(
        std::fs::read_dir(db.dir.path()).unwrap().all(|e| !e.unwrap().file_name().to_string_lossy().ends_with(".resized")),
        "no copy is left behind"
    );
}
