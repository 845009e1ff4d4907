//! The journal file across versions: every earlier schema upgrades with its
//! data intact, a failed upgrade changes nothing, and files that are not ours
//! (or are newer than us) are refused without being touched.

#[path = "../../tests/common/mod.rs"]
mod common;

use std::path::Path;

use common::{at, journal};
use rusqlite::Connection;
use trato::domain::{ClientId, SignalKind};
use trato::journal::search::{search, HitItem};
use trato::journal::{self, insights, reminding};
use trato::store::migrations::{Migration, MIGRATIONS};
use trato::store::{Store, StoreError, APPLICATION_ID};

/// The rows of version 13: version 12's, and the calibration row it derives from them.
macro_rules! v13 {
    () => {
        concat!(
            include_str!("../../tests/fixtures/v12.sql"),
            "INSERT INTO calibration (entry_id, client_id, kind, made_at, due, moved_at, moved_due, ended_at, ended) VALUES
              ('019cae34-7780-7000-8000-000000000003', '019ca8a0-0000-7000-8000-000000000001', NULL, '2026-03-02T11:00:00.000Z',
               '2026-03-04', NULL, NULL, NULL, NULL);
             INSERT INTO entries (id, client_id, kind, occurred_at, recorded_at, channel, summary, status, details, deleted_at, open_until) VALUES
              ('019cb2c0-0000-7000-8000-0000000000c1', '019ca8a0-0000-7000-8000-0000000000a1', 'interaction', '2026-03-03T10:00:00.000Z',
               '2026-03-03T10:00:00.000Z', 'call', 'Called Marta', NULL, '{\"kind\":\"interaction\",\"direction\":\"out\"}', NULL, NULL);
             INSERT INTO moments (client_id, kind, at, entry_id) VALUES
              ('019ca8a0-0000-7000-8000-0000000000a1', 'contact', '2026-03-03T10:00:00.000Z', '019cb2c0-0000-7000-8000-0000000000c1');
             UPDATE clients SET last_contact_at = '2026-03-03T10:00:00.000Z', last_contact_entry = '019cb2c0-0000-7000-8000-0000000000c1'
              WHERE id = '019ca8a0-0000-7000-8000-0000000000a1';"
        )
    };
}

/// The data each schema version wrote, to be upgraded to the current one.
fn fixture(version: i64) -> &'static str {
    match version {
        1 => include_str!("../../tests/fixtures/v1.sql"),
        2 => include_str!("../../tests/fixtures/v2.sql"),
        // Versions 3 and 4 only changed indexes: their rows are version 2's.
        3 | 4 => include_str!("../../tests/fixtures/v2.sql"),
        5 => include_str!("../../tests/fixtures/v5.sql"),
        6 => include_str!("../../tests/fixtures/v6.sql"),
        7 => include_str!("../../tests/fixtures/v7.sql"),
        8 => include_str!("../../tests/fixtures/v8.sql"),
        9 => include_str!("../../tests/fixtures/v9.sql"),
        10 => include_str!("../../tests/fixtures/v10.sql"),
        11 => include_str!("../../tests/fixtures/v11.sql"),
        12 => include_str!("../../tests/fixtures/v12.sql"),
        // Version 13 only derives a table from the entries: version 12's rows, and the one it derives from them.
        13 => v13!(),
        // Version 14 derives the provider's outreach, and lets a client carry a language: none here yet.
        14 => concat!(
            v13!(),
            "INSERT INTO moments (client_id, kind, at, entry_id) VALUES
              ('019ca8a0-0000-7000-8000-0000000000a1', 'outreach', '2026-03-03T10:00:00.000Z', '019cb2c0-0000-7000-8000-0000000000c1');"
        ),
        v => panic!("add tests/fixtures/v{v}.sql: data as version {v} wrote it, so that its upgrade is tested"),
    }
}

/// A journal file exactly as Trato at `version` left it.
fn file_at_version(path: &Path, version: i64) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch("PRAGMA journal_mode = WAL").unwrap();
    for m in MIGRATIONS.iter().filter(|m| m.version <= version) {
        conn.execute_batch(m.sql).unwrap();
    }
    conn.execute_batch(&format!("PRAGMA user_version = {version}; PRAGMA application_id = {APPLICATION_ID};")).unwrap();
    conn.execute_batch(fixture(version)).unwrap();
}

#[test]
fn every_earlier_version_upgrades_with_its_data_intact() {
    for m in MIGRATIONS {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        file_at_version(&path, m.version);
        let mut store = Store::open(&path).unwrap_or_else(|e| panic!("version {} must open: {e}", m.version));
        assert_eq!(store.schema_version().unwrap(), MIGRATIONS.last().unwrap().version);

        let sol = journal::find_client(&mut store, "panadería sol").expect("the client survives the upgrade");
        assert_eq!(sol.email.as_deref(), Some("hola@panaderiasol.es"));
        let timeline = journal::timeline(&mut store, sol.id).unwrap();
        let summaries: Vec<_> = timeline.iter().map(|e| (e.summary.as_str(), e.status())).collect();
        assert_eq!(summaries, [("New menu online", Some("open")), ("Update the menu", Some("open"))]);
        assert_eq!(journal::trash(&mut store).unwrap().len(), 1, "the trash survives the upgrade");
        assert_eq!(journal::settings(&mut store).unwrap().time_zone.as_deref(), Some("Europe/Madrid"));
        // What version 2 derives for the signal pass is there too: Thursday shows the overdue menu.
        let today = insights::today(&mut store, at(5, 9, 0)).unwrap();
        let kinds: Vec<_> = today.signals().map(|s| (s.kind, s.entry_ids.clone())).collect();
        assert_eq!(kinds, [(SignalKind::PromiseOverdue, vec![timeline[0].id])], "from version {}", m.version);
        // Version 6 records what was reminded: the menu shown on Thursday 09:00 is not shown again.
        let shown_before = m.version >= 6;
        let history = reminding::sent_reminders(&mut store, 10).unwrap();
        assert_eq!(history.len(), usize::from(shown_before), "the reminders sent survive, from version {}", m.version);
        let plan = reminding::due_reminders(&mut store, at(5, 9, 0)).unwrap();
        assert_eq!(plan.send.len(), usize::from(!shown_before), "the overdue menu is reminded once, from version {}", m.version);
        assert_eq!(plan.overdue_promises, 1);
        // Version 5 indexes what was already written: the client and its live entries, not the trash.
        let found: Vec<_> = search(&mut store, "panaderia", 10).unwrap().into_iter().map(|h| h.item).collect();
        assert_eq!(found, [HitItem::Client { id: sol.id }], "search finds the client, from version {}", m.version);
        let menus = search(&mut store, "menu", 10).unwrap();
        assert_eq!(menus.len(), 2, "both menu entries are found, from version {}", m.version);
        assert!(search(&mut store, "prefers", 10).unwrap().is_empty(), "the note in the trash is not, from version {}", m.version);
        // Version 8 gives each entry its client's words: the bakery's name and an entry's word find the entry.
        let sols_menus = search(&mut store, "panaderia menu", 10).unwrap();
        assert_eq!(sols_menus.len(), 2, "the client's name and the entry's words together, from version {}", m.version);
        store
            .write(|tx| tx.execute_batch("INSERT INTO search (search) VALUES ('integrity-check')").map_err(StoreError::from))
            .unwrap_or_else(|e| panic!("the search index matches its documents, from version {}: {e}", m.version));
        // Version 14 derives the provider's outreach: the call to Marta that version 13 wrote, not the
        // menu request's reply (a promise made, the promise's own bookkeeping).
        let outreach: Vec<String> = store
            .read(|tx| {
                let mut q = tx.prepare("SELECT at FROM moments WHERE kind = 'outreach' ORDER BY at")?;
                let rows = q.query_map([], |r| r.get(0))?.collect::<Result<Vec<String>, _>>();
                rows.map_err(StoreError::from)
            })
            .unwrap();
        let called: &[&str] = if m.version >= 13 { &["2026-03-03T10:00:00.000Z"] } else { &[] };
        assert_eq!(outreach, called, "the call is outreach, from version {}", m.version);
        // Version 7 records contacts imports: the one in the fixture can still be undone.
        let imports = trato::journal::importing::batches(&mut store).unwrap();
        assert_eq!(imports.len(), usize::from(m.version >= 7), "the imports survive, from version {}", m.version);
        if let Some(batch) = imports.first() {
            let undone = trato::journal::importing::undo(&mut store, at(4, 10, 0), &batch.id).expect("an upgraded import can be undone");
            // Marta, whom the import created, goes to the trash; from version 13's fixture on she has a
            // call in her timeline since, and an undo never throws away what was written after it.
            assert_eq!((undone.trashed, undone.reverted), (usize::from(m.version < 13), 1), "from version {}", m.version);
            assert_eq!(journal::find_client(&mut store, "panadería sol").unwrap().phone, None, "the merged phone is taken back");
        }
        // And a client takes a language and tú or usted for its drafts.
        let patch = trato::domain::ClientPatch {
            language: Some(Some(trato::domain::Language::Es)),
            register: Some(Some(trato::domain::Register::Familiar)),
            ..Default::default()
        };
        let edited = journal::edit_client(&mut store, at(4, 10, 0), sol.id, patch).expect("an upgraded client takes a language");
        assert_eq!((edited.language, edited.register), (Some(trato::domain::Language::Es), Some(trato::domain::Register::Familiar)));
        // Version 9 reads client mail: the user's address and the message awaiting review survive.
        let (mine, seen, pending) = store
            .read(|tx| {
                let (seen, pending) = trato::store::mail::counts(tx)?;
                Ok::<_, StoreError>((trato::store::mail::my_addresses(tx)?, seen, pending))
            })
            .unwrap();
        let had_mail = m.version >= 9;
        assert_eq!(mine.len(), usize::from(had_mail), "my addresses survive, from version {}", m.version);
        assert_eq!((seen, pending), (i64::from(had_mail), i64::from(had_mail)), "the mail seen survives, from version {}", m.version);
        // Version 10 syncs IMAP accounts: the account (no secret), its cursor and its UIDs survive.
        let (accounts, cursor, (seen, automatic)) = store
            .read(|tx| {
                let accounts = trato::store::mail_accounts::accounts(tx)?;
                let cursor = trato::store::mail_accounts::cursor(tx, "work", "INBOX")?;
                let seen = trato::store::mail_accounts::seen_uids(tx, "work", "INBOX", &[5, 6, 7])?;
                let automatic = trato::store::mail_accounts::auto_clients(tx)?;
                Ok::<_, StoreError>((accounts, cursor, (seen, automatic)))
            })
            .unwrap();
        let had_accounts = m.version >= 10;
        assert_eq!(accounts.len(), usize::from(had_accounts), "the accounts survive, from version {}", m.version);
        if had_accounts {
            assert_eq!(
                (accounts[0].host.as_str(), accounts[0].port, accounts[0].last_outcome.as_deref()),
                ("imap.studio.example", 993, Some("ok"))
            );
            assert_eq!(cursor.map(|c| c.last_uid), Some(7));
            assert_eq!(
                accounts[0].sign_in,
                trato::domain::SignInMethod::Password,
                "an account from before OAuth signs in with its password"
            );
            assert_eq!(seen.len(), 2, "the UIDs read survive");
            assert!(automatic.contains(&sol.id), "the client whose mail is automatic stays so");
        }
        // Version 13 copies each promise whose date the provider set for calibration: the open menu promise, due Wednesday.
        let chain = store.read(|tx| trato::store::calibration::chain(tx, sol.id, None, at(5, 9, 0).now)).unwrap();
        let mine: Vec<_> = chain[0].promises.iter().map(|f| (f.due.to_string(), f.end)).collect();
        assert_eq!(mine, [("2026-03-04".to_string(), None)], "the promise is calibrated, from version {}", m.version);
        let promise = timeline[0].id;
        journal::keep_promise(&mut store, at(4, 12, 0), promise, None).expect("an upgraded journal takes new writes");
        let chain = store.read(|tx| trato::store::calibration::chain(tx, sol.id, None, at(5, 9, 0).now)).unwrap();
        assert!(
            matches!(chain[0].promises[0].end, Some((_, trato::domain::calibration::End::Kept))),
            "keeping it updates its calibration row, from version {}",
            m.version
        );
        assert_eq!(journal::entry(&mut store, timeline[1].id).unwrap().status(), Some("done"));
        assert_eq!(journal::history(&mut store, &promise.to_string()).unwrap().len(), 2);
    }
}

#[test]
fn trust_weights_saved_by_an_earlier_version_still_open_without_the_two_that_are_gone() {
    // Trato before issue 18 saved every trust weight, `promise_kept_late` and
    // `reply_late` among them; a late keep now costs its missed dates and a late
    // answer its missed answer-by, so they are read and left behind.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    file_at_version(&path, MIGRATIONS.last().unwrap().version);
    let old = r#"{"half_life_days":90.0,"promise_broken":25.0,"promise_kept_late":15.0,"reply_late":4.0,"silence":5.0}"#;
    Connection::open(&path).unwrap().execute("INSERT INTO settings (key, value) VALUES ('trust', ?1)", [old]).unwrap();
    let mut store = Store::open(&path).expect("the journal opens");
    let settings = journal::settings(&mut store).expect("its settings are read");
    assert_eq!(settings.trust.promise_broken, 25.0, "the weights that still exist keep their values");
    let keys: Vec<String> = settings.leaves().into_iter().map(|(k, _)| k).collect();
    assert!(!keys.iter().any(|k| k == "trust.promise_kept_late" || k == "trust.reply_late"), "{keys:?}");
    assert!(settings.with("trust.reply_late", "3").is_err(), "a retired weight can't be set");
    journal::save_settings(&mut store, &settings).unwrap();
    drop(store);
    let saved: String =
        Connection::open(&path).unwrap().query_row("SELECT value FROM settings WHERE key = 'trust'", [], |r| r.get(0)).unwrap();
    assert!(!saved.contains("kept_late") && saved.contains("\"promise_broken\":25.0"), "saved again without them: {saved}");
}

#[test]
fn a_new_journal_is_durable_and_checks_its_references() {
    let mut j = journal();
    let conn = Connection::open(j.path()).unwrap();
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    assert_eq!(conn.query_row("PRAGMA application_id", [], |r| r.get::<_, i64>(0)).unwrap(), APPLICATION_ID);
    drop(conn);
    // Our own connection: FULL sync and foreign keys are per connection.
    let err = j.store.write(|tx| {
        let sync: i64 = tx.query_row("PRAGMA synchronous", [], |r| r.get(0))?;
        assert_eq!(sync, 2, "synchronous=FULL: a saved entry survives a power cut");
        tx.execute(
            "INSERT INTO entries (id, client_id, kind, occurred_at, recorded_at, channel, summary, details) VALUES ('x', 'nobody', 'note', '', '', 'other', 's', '{}')",
            [],
        )?;
        Ok::<_, StoreError>(())
    });
    assert!(err.is_err(), "an entry of a client that does not exist is refused by the foreign key");
}

#[test]
fn a_failed_upgrade_leaves_the_file_at_its_version_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    file_at_version(&path, 1);
    let broken = [
        Migration { version: 1, sql: MIGRATIONS[0].sql, backfill: None },
        Migration { version: 2, sql: MIGRATIONS[1].sql, backfill: MIGRATIONS[1].backfill },
        Migration {
            version: 3,
            sql: "ALTER TABLE clients ADD COLUMN nickname TEXT; CREATE TABLE half (x); THIS IS NOT SQL;",
            backfill: None,
        },
    ];
    let err = Store::open_with(&path, &broken).err().expect("the broken upgrade fails");
    assert!(matches!(err, StoreError::Migration { version: 3, .. }), "{err}");
    let conn = Connection::open(&path).unwrap();
    assert_eq!(conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)).unwrap(), 1);
    let half: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema WHERE name = 'half'", [], |r| r.get(0)).unwrap();
    assert_eq!(half, 0, "nothing of the failed upgrade is left behind");
    assert!(conn.prepare("SELECT nickname FROM clients").is_err(), "the column added before the failure was rolled back");
    assert!(conn.prepare("SELECT open_until FROM entries").is_err(), "so was the whole of the version that did succeed");
    drop(conn);
    let mut store = Store::open(&path).expect("the current version still opens it");
    assert_eq!(journal::clients(&mut store, false).unwrap().len(), 1);
}

#[test]
fn a_journal_from_a_newer_trato_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = 99; CREATE TABLE future (x);"))
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert!(matches!(err, StoreError::NewerSchema { found: 99, .. }), "{err}");
    assert!(err.to_string().contains("update Trato"), "{err}");
    assert_eq!(err.fault(), Some(trato::store::Fault::NewerSchema), "the app can tell a newer journal from a damaged one");
    assert_eq!(std::fs::read(&path).unwrap(), before, "the newer journal must stay byte for byte as it was");
    assert!(!dir.path().join("future.db-wal").exists(), "not even switched to WAL");

    // As a newer Trato leaves it: in WAL mode, refused by the command line too.
    let wal = dir.path().join("future-wal.db");
    {
        let conn = Connection::open(&wal).unwrap();
        conn.execute_batch(&format!(
            "PRAGMA journal_mode = WAL; PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = 99; CREATE TABLE future (x);"
        ))
        .unwrap();
    }
    let before = std::fs::read(&wal).unwrap();
    let err = common::refused(&wal, "2026-03-05T09:00:00+01:00", &["client", "add", "Luna"]);
    assert!(err.contains("written by a newer Trato") && err.contains("update Trato"), "{err}");
    assert_eq!(std::fs::read(&wal).unwrap(), before, "the newer journal must stay byte for byte as it was");
    for log in ["future-wal.db-wal", "future-wal.db-shm"] {
        assert!(!dir.path().join(log).exists(), "{log} is left beside the newer journal");
    }
}

#[test]
fn files_that_are_not_trato_journals_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.db");
    std::fs::write(&text, "these are my notes, not a database\n".repeat(200)).unwrap();
    let before = std::fs::read(&text).unwrap();
    let err = Store::open(&text).err().expect("refused");
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err}");
    assert_eq!(std::fs::read(&text).unwrap(), before);

    let other = dir.path().join("other.db");
    Connection::open(&other).unwrap().execute_batch("CREATE TABLE photos (id INTEGER);").unwrap();
    let before = std::fs::read(&other).unwrap();
    let err = Store::open(&other).err().expect("refused");
    assert!(matches!(err, StoreError::NotATratoJournal { .. }), "{err}");
    assert_eq!(std::fs::read(&other).unwrap(), before);
}

/// A file's bytes and when it was last written: both must survive a refusal.
fn fingerprint(path: &Path) -> (Vec<u8>, std::time::SystemTime) {
    (std::fs::read(path).unwrap(), std::fs::metadata(path).unwrap().modified().unwrap())
}

/// Files found where a journal is expected that are not Trato journals, with
/// what the refusal must say: an empty file, another program's database, and
/// a database carrying another program's application id.
fn not_journals(dir: &Path) -> Vec<(std::path::PathBuf, &'static str)> {
    let empty = dir.join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let foreign = dir.join("photos.db");
    Connection::open(&foreign).unwrap().execute_batch("CREATE TABLE photos (id INTEGER); INSERT INTO photos VALUES (1);").unwrap();
    let other_app = dir.join("other-app.db");
    // Fossil's repository id: a database made to be told apart, as ours is.
    Connection::open(&other_app).unwrap().execute_batch("PRAGMA application_id = 252006673; PRAGMA user_version = 1;").unwrap();
    for file in [&empty, &foreign, &other_app] {
        // Old enough that any write would show in the time stamp.
        std::fs::File::options()
            .write(true)
            .open(file)
            .unwrap()
            .set_modified(std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000))
            .unwrap();
    }
    vec![
        (empty, "is an empty file, not a Trato journal; nothing in it was changed"),
        (foreign, "is a database of another program, not a Trato journal; nothing in it was changed"),
        (other_app, "is a database of another program, not a Trato journal; nothing in it was changed"),
    ]
}

#[test]
fn an_existing_file_that_is_not_a_journal_is_never_made_one_by_opening_it() {
    let dir = tempfile::tempdir().unwrap();
    for (file, says) in not_journals(dir.path()) {
        let before = fingerprint(&file);
        let err = Store::open(&file).err().unwrap_or_else(|| panic!("{} must be refused", file.display()));
        assert!(err.to_string().contains(says), "{}: {err}", file.display());
        assert_eq!(fingerprint(&file), before, "{} must stay byte for byte as it was, and unwritten", file.display());
        for log in ["-wal", "-shm", "-journal"] {
            assert!(!Path::new(&format!("{}{log}", file.display())).exists(), "{log} was left beside {}", file.display());
        }
    }
}

#[test]
fn the_command_line_refuses_a_file_that_is_not_a_journal_even_for_commands_that_start_one() {
    let dir = tempfile::tempdir().unwrap();
    let now = "2026-03-05T09:00:00+01:00";
    for (file, says) in not_journals(dir.path()) {
        let before = fingerprint(&file);
        for args in [&["client", "list"][..], &["client", "add", "Sol"], &["settings", "set", "language", "es"]] {
            let err = common::refused(&file, now, args);
            assert!(err.contains(&format!("{} {says}", file.display())), "`trato {}` on {}: {err}", args.join(" "), file.display());
        }
        assert_eq!(fingerprint(&file), before, "{} must stay byte for byte as it was, and unwritten", file.display());
        assert!(!dir.path().join("backups").exists(), "no backup is made of a file that is not a journal");
    }
}

#[test]
fn trato_init_starts_a_journal_where_there_is_none_or_in_an_empty_file_and_nowhere_else() {
    let dir = tempfile::tempdir().unwrap();
    let now = "2026-03-05T09:00:00+01:00";
    let new = dir.path().join("new").join("trato.db");
    let o = common::trato(&new, now, &["init"]);
    assert!(o.status.success() && common::stderr(&o).contains("started a journal at"), "{}", common::stderr(&o));
    let leftovers: Vec<_> = std::fs::read_dir(new.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers, ["trato.db"], "the journal is made beside and linked into place: nothing else is left");
    assert_eq!(common::ok(&new, now, &["client", "list", "--json"]).trim(), "[]", "the new journal opens, empty");

    common::add(&new, now, &["client", "add", "Sol"]);
    let o = common::trato(&new, now, &["init"]);
    assert!(o.status.success() && common::stderr(&o).contains("is already a Trato journal; nothing was changed"), "{}", common::stderr(&o));
    assert!(common::ok(&new, now, &["client", "list"]).contains("Sol"), "init leaves a journal as it was");

    for (file, says) in not_journals(dir.path()) {
        let o = common::trato(&file, now, &["init"]);
        if says.contains("empty file") {
            assert!(o.status.success(), "an empty file is made a journal when asked: {}", common::stderr(&o));
            assert!(common::stderr(&o).contains("was an empty file; it is a journal now"), "{}", common::stderr(&o));
            common::add(&file, now, &["client", "add", "Sol"]);
        } else {
            let before = fingerprint(&file);
            let err = common::refused(&file, now, &["init"]);
            assert!(err.contains(says), "{err}");
            assert_eq!(fingerprint(&file), before, "init never takes a file with something in it");
        }
    }
}

#[test]
fn the_journal_folder_is_created_when_missing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a").join("b").join("trato.db");
    let mut store = Store::open(&path).unwrap();
    let id: ClientId = journal::add_client(&mut store, at(1, 9, 0), "Sol", Default::default()).unwrap();
    assert_eq!(journal::find_client(&mut store, "Sol").unwrap().id, id);
}

#[test]
fn thresholds_saved_at_their_old_defaults_take_the_new_ones_and_chosen_ones_stay() {
    let dir = tempfile::tempdir().unwrap();
    for (saved, want) in [((24.0, 7.0), (4.0, 1.0)), ((8.0, 3.0), (8.0, 3.0))] {
        let path = dir.path().join(format!("v13-{}.db", saved.0));
        file_at_version(&path, 13);
        let thresholds = serde_json::json!({ "incident_ack_hours": saved.0, "unhappy_follow_up_days": saved.1, "silence_min_days": 45.0 });
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute("INSERT INTO settings (key, value) VALUES ('thresholds', ?1)", [thresholds.to_string()]).unwrap();
        drop(conn);
        let mut store = Store::open(&path).unwrap();
        let t = journal::settings(&mut store).unwrap().thresholds;
        assert_eq!((t.incident_ack_hours, t.unhappy_follow_up_days), want, "saved {saved:?}");
        assert_eq!(t.silence_min_days, 45.0, "the other thresholds are as saved");
    }
}
