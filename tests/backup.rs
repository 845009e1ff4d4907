//! Automatic backups through the core: which backups a year of daily use
//! leaves, the day's backup in the user's zone, and the copy of the old
//! version taken before an upgrade (by the session that opens the journal,
//! never by the store).

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Madrid;
use common::{at, damage_a_page, journal, new_entry, public_example, Journal};
use rusqlite::Connection;
use trato::domain::{ClientPatch, Direction, Settings};
use trato::journal::backup::{self, rotation, Daily, Label, Reason};
use trato::journal::session::{self, Surroundings};
use trato::journal::{self as use_cases, Clock};
use trato::store::migrations::{latest, MIGRATIONS};
use trato::store::{Store, APPLICATION_ID};

fn madrid(date: NaiveDate, hour: u32, min: u32) -> DateTime<Utc> {
    Madrid.from_local_datetime(&date.and_hms_opt(hour, min, 0).unwrap()).single().unwrap().with_timezone(&Utc)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn backups_in(dir: &Path) -> Vec<(PathBuf, Label)> {
    let mut found: Vec<_> = std::fs::read_dir(dir)
        .map(|r| r.filter_map(Result::ok).filter_map(|e| backup::parse("trato", e.file_name().to_str()?).map(|l| (e.path(), l))).collect())
        .unwrap_or_default();
    found.sort_by_key(|(_, l)| l.taken_at);
    found
}

/// Keeps only what the rotation keeps, as every backup does after it is written.
fn rotate(labels: Vec<Label>, now: DateTime<Utc>) -> Vec<Label> {
    let keep = rotation::keep(&labels, now, Madrid);
    labels.into_iter().zip(keep).filter_map(|(l, k)| k.then_some(l)).collect()
}

#[test]
fn a_year_of_daily_backups_keeps_the_last_week_four_weeks_and_twelve_months() {
    let first = day(2026, 1, 1);
    let mut kept = Vec::new();
    for n in 0..365 {
        let now = madrid(first.checked_add_days(Days::new(n)).unwrap(), 10, 15);
        kept.push(Label { taken_at: now, reason: Reason::Daily, failed: false });
        kept = rotate(kept, now);
    }
    let mut dates: Vec<NaiveDate> = kept.iter().map(|l| l.taken_at.with_timezone(&Madrid).date_naive()).collect();
    dates.sort();
    let mut expected: Vec<NaiveDate> = vec![
        // The newest of each of the twelve months (December's is the 31st, in the last week).
        day(2026, 1, 31),
        day(2026, 2, 28),
        day(2026, 3, 31),
        day(2026, 4, 30),
        day(2026, 5, 31),
        day(2026, 6, 30),
        day(2026, 7, 31),
        day(2026, 8, 31),
        day(2026, 9, 30),
        day(2026, 10, 31),
        day(2026, 11, 30),
        // The Sundays ending ISO weeks 50 and 51 (weeks 52 and 53 end in the last seven days).
        day(2026, 12, 13),
        day(2026, 12, 20),
    ];
    expected.extend((25..=31).map(|d| day(2026, 12, d)));
    assert_eq!(dates, expected, "after a year a user must be able to go back a day at a time for a week, a week at a time for a month, a month at a time for a year");
}

#[test]
fn the_latest_backups_taken_before_imports_are_kept_even_many_on_one_day() {
    let now = madrid(day(2026, 3, 5), 18, 0);
    let labels: Vec<Label> = (0..15)
        .map(|i| Label { taken_at: madrid(day(2026, 3, 5), 9, i), reason: Reason::Import, failed: false })
        .chain([Label { taken_at: madrid(day(2026, 3, 5), 8, 0), reason: Reason::Daily, failed: false }])
        .collect();
    let kept = rotate(labels, now);
    let imports: Vec<u32> = kept
        .iter()
        .filter(|l| l.reason == Reason::Import)
        .map(|l| chrono::Timelike::minute(&l.taken_at.with_timezone(&Madrid)))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(imports, (5..15).collect::<Vec<_>>(), "the copies from before the last ten imports are what undoing a bad import needs");
    assert_eq!(kept.len(), 10, "the day's first backup goes once newer ones stand for that day");
}

#[test]
fn a_backup_that_failed_its_check_stays_a_week_to_be_looked_at() {
    let failed = Label { taken_at: madrid(day(2026, 3, 1), 9, 0), reason: Reason::Daily, failed: true };
    assert_eq!(rotation::keep(&[failed], madrid(day(2026, 3, 7), 9, 0), Madrid), [true]);
    assert_eq!(rotation::keep(&[failed], madrid(day(2026, 3, 9), 9, 0), Madrid), [false]);
}

#[test]
fn the_first_start_of_a_day_in_the_users_zone_takes_one_backup() {
    let mut j = journal();
    let sol = use_cases::add_client(&mut j.store, at(2, 9, 0), "Sol", ClientPatch::default()).unwrap();
    use_cases::log_interaction(&mut j.store, at(2, 9, 0), new_entry(sol, at(2, 9, 0), "Call"), Direction::In).unwrap();
    let settings = Settings::default();
    let clock = |t: DateTime<Utc>| Clock::new(t, Madrid);

    let first = backup::daily(&j.path(), &settings, clock(madrid(day(2026, 3, 2), 9, 5))).unwrap();
    let Daily::Taken(first) = first else { panic!("the first start of the day must back up the journal, got {first:?}") };
    assert!(first.verified && first.entries == Some(1), "the backup holds the day's entry and passed its check: {first:?}");
    assert!(first.path.ends_with("trato-2026-03-02T080500Z-daily.sqlite"), "the name says when (UTC) and why: {}", first.path);
    assert_eq!(backup::daily(&j.path(), &settings, clock(madrid(day(2026, 3, 2), 23, 50))).unwrap(), Daily::Done, "one daily backup a day");
    // 00:10 in Madrid is still the 2nd in UTC: the user's day has changed, so a new backup.
    let next = backup::daily(&j.path(), &settings, clock(madrid(day(2026, 3, 3), 0, 10))).unwrap();
    assert!(matches!(next, Daily::Taken(_)), "a new day in the user's zone takes a new backup even while UTC still says yesterday");
    assert_eq!(backups_in(&j.dir.path().join("backups")).len(), 2);
    assert_eq!(backup::last_good(&j.path(), &settings).unwrap(), Some(madrid(day(2026, 3, 3), 0, 10)));
}

#[test]
fn backups_go_to_the_folder_the_settings_name() {
    let j = journal();
    let elsewhere = tempfile::tempdir().unwrap();
    let mut settings = Settings::default();
    settings.backups.folder = Some(elsewhere.path().display().to_string());
    let made = backup::now(&j.path(), &settings, Clock::new(madrid(day(2026, 3, 2), 9, 0), Madrid), None).unwrap();
    assert!(Path::new(&made.path).starts_with(elsewhere.path()), "a user who chose a backup folder finds them there: {}", made.path);
    assert_eq!(backup::list(&j.path(), &settings).unwrap(), vec![made]);
}

#[test]
fn two_journals_in_one_folder_keep_their_backups_apart() {
    // A user with a journal per business, side by side in one folder.
    let dir = tempfile::tempdir().unwrap();
    let (shop, studio) = (dir.path().join("trato.db"), dir.path().join("studio.db"));
    for path in [&shop, &studio] {
        Store::open(path).unwrap();
    }
    let settings = Settings::default();
    let clock = |d: u32| Clock::new(madrid(day(2026, 3, d), 9, 0), Madrid);
    assert!(matches!(backup::daily(&shop, &settings, clock(2)).unwrap(), Daily::Taken(_)));
    assert!(
        matches!(backup::daily(&studio, &settings, clock(2)).unwrap(), Daily::Taken(_)),
        "the shop's backup of today must not count as the studio's: the studio's work would go unprotected"
    );
    // A month of days on which only the studio is opened: its rotation must
    // not remove the shop's only backup.
    for d in 3..=31 {
        backup::daily(&studio, &settings, clock(d)).unwrap();
    }
    let shop_backups = backup::list(&shop, &settings).unwrap();
    assert_eq!(shop_backups.len(), 1, "the shop's backup is still there, and the studio's are not listed as the shop's: {shop_backups:?}");
    assert!(shop_backups[0].path.contains("trato-2026-03-02"), "{}", shop_backups[0].path);
    let studio_backups = backup::list(&studio, &settings).unwrap();
    assert!(
        studio_backups.iter().all(|b| Path::new(&b.path).file_name().unwrap().to_string_lossy().starts_with("studio-")),
        "{studio_backups:?}"
    );
    assert_eq!(backup::last_good(&shop, &settings).unwrap(), Some(madrid(day(2026, 3, 2), 9, 0)), "the shop's warning is about the shop");
}

#[test]
fn a_copy_left_half_written_by_a_killed_backup_is_cleared_by_the_next_one() {
    let j = journal();
    let settings = Settings::default();
    let backups = j.dir.path().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    let hours_ago = |h: u64| std::time::SystemTime::now() - std::time::Duration::from_secs(h * 3600);
    let left = |name: &str, modified| {
        let path = backups.join(name);
        std::fs::write(&path, vec![0u8; 4096]).unwrap();
        std::fs::File::options().write(true).open(&path).unwrap().set_modified(modified).unwrap();
        path
    };
    let killed = left("trato-2026-03-01T080000Z-daily.sqlite.4242.partial", hours_ago(30));
    let being_written = left("trato-2026-03-02T085959Z-import.sqlite.4343.partial", hours_ago(0));
    let others = left("trato-work-2026-03-01T080000Z-daily.sqlite.4444.partial", hours_ago(30));
    let users = left("notes.partial", hours_ago(30));

    backup::now(&j.path(), &settings, Clock::new(madrid(day(2026, 3, 2), 9, 0), Madrid), None).unwrap();
    assert!(!killed.exists(), "a copy a killed Trato left a day ago would take the journal's size on disk for ever");
    assert!(being_written.exists(), "a copy another Trato is writing right now must be left to finish");
    assert!(others.exists() && users.exists(), "another journal's files and the user's own are not this journal's to remove");
}

/// A journal file exactly as Trato 0.1 (schema version 1) left it.
fn version_1_journal(path: &Path) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch("PRAGMA journal_mode = WAL").unwrap();
    conn.execute_batch(MIGRATIONS[0].sql).unwrap();
    conn.execute_batch(&format!("PRAGMA user_version = 1; PRAGMA application_id = {APPLICATION_ID};")).unwrap();
    conn.execute_batch(include_str!("fixtures/v1.sql")).unwrap();
}

/// How a face tells the time, at a fixed moment in Madrid.
fn around(now: DateTime<Utc>) -> Surroundings {
    Surroundings { system: Arc::new(move || Clock::new(now, Madrid)), tz: None }
}

#[test]
fn an_upgrade_keeps_the_old_version_as_a_backup_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trato.db");
    version_1_journal(&path);
    let now = madrid(day(2026, 3, 5), 9, 30);
    let store = session::open(&path, &around(now)).expect("a version 1 journal opens and upgrades");
    assert_eq!(store.schema_version().unwrap(), latest(MIGRATIONS));
    drop(store);

    let found = backups_in(&dir.path().join("backups"));
    assert_eq!(found.len(), 1, "one backup before the upgrade: {found:?}");
    let (file, label) = &found[0];
    assert_eq!(label.reason, Reason::Migration);
    assert_eq!(label.taken_at, now, "the backup is stamped with the face's clock, not read by the store");
    let old = Connection::open(file).unwrap();
    let version: i64 = old.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, 1, "the backup is the journal as it was before the upgrade, to go back to if the upgrade went wrong");
    let clients: i64 = old.query_row("SELECT count(*) FROM clients", [], |r| r.get(0)).unwrap();
    assert_eq!(clients, 1, "the old version's client is in the backup");
    let check: String = old.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");

    session::open(&path, &around(now + chrono::Duration::hours(1))).unwrap();
    assert_eq!(backups_in(&dir.path().join("backups")).len(), 1, "a journal already upgraded is not backed up again on every open");
}

#[test]
fn the_store_alone_upgrades_and_never_writes_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trato.db");
    version_1_journal(&path);
    let store = Store::open(&path).expect("a version 1 journal opens and upgrades");
    assert_eq!(store.schema_version().unwrap(), latest(MIGRATIONS));
    assert!(
        !dir.path().join("backups").exists(),
        "keeping the old version is the opening use case's (trato::journal::session), which the store does not call"
    );
}

#[test]
fn a_restored_backup_of_an_older_version_is_kept_as_it_was_before_its_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let (path, old) = (dir.path().join("trato.db"), dir.path().join("old.sqlite"));
    version_1_journal(&old);
    drop(journal_at(&path));
    let now = madrid(day(2026, 3, 5), 9, 30);
    let (restored, mut session) =
        session::restore(&path, &old, Clock::new(now, Madrid), around(now)).expect("a version 1 backup is restored");
    assert_eq!(restored.schema_version, latest(MIGRATIONS), "and upgraded, as any start upgrades it");
    assert_eq!(use_cases::clients(session.store(), false).unwrap().len(), 1, "the backup's client is in the journal");
    let reasons: Vec<Reason> = backups_in(&dir.path().join("backups")).into_iter().map(|(_, l)| l.reason).collect();
    assert!(reasons.contains(&Reason::Restore), "the journal replaced is kept: {reasons:?}");
    assert!(reasons.contains(&Reason::Migration), "the restored version 1 is kept before its upgrade: {reasons:?}");
}

/// A new journal at `path`.
fn journal_at(path: &Path) -> Store {
    Store::open(path).unwrap()
}

#[test]
fn a_new_journal_is_not_backed_up_before_its_first_schema() {
    let j = journal();
    assert!(backups_in(&j.dir.path().join("backups")).is_empty(), "an empty new file has nothing to keep");
}

/// Every file in the backup folder, backups or not.
fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|r| r.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

/// The public example's journal, closed, with one page damaged: it still
/// opens. A good copy of it from before the damage is `good.sqlite` beside it.
fn damaged_journal() -> tempfile::TempDir {
    let mut j = journal();
    public_example(&mut j.store, ClientPatch::default(), "Update the menu");
    let Journal { dir, store } = j;
    drop(store);
    let (path, good) = (dir.path().join("trato.db"), dir.path().join("good.sqlite"));
    backup::now(&path, &Settings::default(), Clock::new(madrid(day(2026, 3, 10), 18, 0), Madrid), Some(&good)).unwrap();
    damage_a_page(&path);
    let mut store = Store::open(&dir.path().join("trato.db")).expect("a journal with one damaged page still opens");
    assert_eq!(use_cases::clients(&mut store, false).unwrap().len(), 1, "and what does not touch the damaged page still reads");
    dir
}

#[test]
fn a_damaged_journal_is_copied_once_a_day_not_on_every_tick() {
    let dir = damaged_journal();
    let (path, backups) = (dir.path().join("trato.db"), dir.path().join("backups"));
    let settings = Settings::default();
    let tick = |d: u32, minute: u32| {
        backup::daily(&path, &settings, Clock::new(madrid(day(2026, 3, d), 9, 0) + chrono::Duration::minutes(minute.into()), Madrid))
    };

    // An hour of the app's minute tick, as the app runs it.
    let first = tick(11, 0);
    assert!(matches!(first, Err(backup::BackupError::Failed { .. })), "the first tick finds the damage and says so: {first:?}");
    for minute in 1..60 {
        match tick(11, minute) {
            Ok(Daily::Damaged(damage)) => assert_eq!(damage.found_at, madrid(day(2026, 3, 11), 9, 0), "the damage is dated by its check"),
            other => panic!("tick {minute}: a journal found damaged today is not copied again, got {other:?}"),
        }
    }
    let files = files_in(&backups);
    assert_eq!(files, ["trato-2026-03-11T080000Z-daily.sqlite.failed"], "60 ticks on a damaged journal keep one copy of it, not 60");
    let status = backup::status(&path, &settings, madrid(day(2026, 3, 11), 10, 0)).unwrap();
    assert_eq!(
        status.damaged.map(|d| d.found_at),
        Some(madrid(day(2026, 3, 11), 9, 0)),
        "the app can tell the user the journal is damaged"
    );

    // The next day's first tick checks again, once.
    assert!(matches!(tick(12, 0), Err(backup::BackupError::Failed { .. })));
    assert!(matches!(tick(12, 1), Ok(Daily::Damaged(_))));
    assert_eq!(files_in(&backups).len(), 2, "one copy a day while the journal stays damaged");
}

#[test]
fn damage_found_after_the_days_good_backup_is_still_said_that_day() {
    let mut j = journal();
    public_example(&mut j.store, ClientPatch::default(), "Update the menu");
    let Journal { dir, store } = j;
    drop(store);
    let path = dir.path().join("trato.db");
    let settings = Settings::default();
    let clock = |hour: u32| Clock::new(madrid(day(2026, 3, 11), hour, 0), Madrid);
    assert!(matches!(backup::daily(&path, &settings, clock(9)), Ok(Daily::Taken(_))), "the morning's backup is good");
    damage_a_page(&path);
    // A backup before an import, at noon, finds the damage.
    assert!(matches!(backup::now(&path, &settings, clock(12), None), Err(backup::BackupError::Failed { .. })));
    let later = backup::daily(&path, &settings, clock(15)).unwrap();
    assert!(
        matches!(later, Daily::Damaged(ref d) if d.found_at == clock(12).now),
        "the day's good backup does not hide the damage found since: {later:?}"
    );
}

#[test]
fn a_journal_restored_after_its_damage_was_found_is_backed_up_again_that_day() {
    let dir = damaged_journal();
    let (path, backups) = (dir.path().join("trato.db"), dir.path().join("backups"));
    let settings = Settings::default();
    let clock = |minute: i64| Clock::new(madrid(day(2026, 3, 11), 9, 0) + chrono::Duration::minutes(minute), Madrid);
    let good = dir.path().join("good.sqlite");
    assert!(backup::daily(&path, &settings, clock(0)).is_err(), "the damage is found");
    backup::restore(&path, &good, clock(5)).expect("the good backup is restored");
    let status = backup::status(&path, &settings, clock(6).now).unwrap();
    assert_eq!(status.damaged, None, "the restored journal is not said to be damaged");
    let next = backup::daily(&path, &settings, clock(6)).unwrap();
    assert!(matches!(next, Daily::Taken(ref b) if b.verified), "the restored journal gets its good backup of the day: {next:?}");
    assert_eq!(
        files_in(&backups).iter().filter(|f| f.ends_with(".failed")).count(),
        2,
        "the damaged journal's copies: the day's, and the one before the restore"
    );
}

/// The most memory this process has held so far (Linux's high-water mark), in bytes.
fn peak_memory() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("Linux's /proc");
    let kib =
        status.lines().find_map(|l| l.strip_prefix("VmHWM:")).and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok());
    kib.expect("VmHWM in /proc/self/status") * 1024
}

#[test]
fn a_restore_reads_its_backup_through_sqlite_page_by_page_never_whole_into_memory() {
    const BACKUP_BYTES: u64 = 96 * 1024 * 1024;
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.db");
    // A journal of 96 MiB: long histories, written straight in SQL to be quick.
    drop(Store::open(&big).unwrap());
    let conn = Connection::open(&big).unwrap();
    conn.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
         INSERT INTO history (item_id, seq, at, action, snapshot) SELECT 'item ' || i, 1, '2026-03-01T09:00:00Z', 'made', json_quote(hex(randomblob(2000))) FROM n",
        [i64::try_from(BACKUP_BYTES / 4096).unwrap()],
    )
    .unwrap();
    drop(conn);
    let clock = Clock::new(madrid(day(2026, 3, 5), 9, 0), Madrid);
    let backup = dir.path().join("big.sqlite");
    backup::now(&big, &Settings::default(), clock, Some(&backup)).unwrap();
    assert!(std::fs::metadata(&backup).unwrap().len() >= BACKUP_BYTES, "the backup is as large as meant");

    let live = dir.path().join("live").join("trato.db");
    drop(Store::open(&live).unwrap());
    let before = peak_memory();
    backup::restore(&live, &backup, clock).expect("the large backup is restored");
    let grew = peak_memory().saturating_sub(before);
    assert!(grew < BACKUP_BYTES / 3, "a restore of a {BACKUP_BYTES}-byte backup held {grew} more bytes: it must not read the file whole");
    assert_eq!(common::dump(&live), common::dump(&big), "and the restore is whole");
}
