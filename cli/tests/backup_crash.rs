//! A restore killed half-way: the real `trato backup restore` is killed with
//! SIGKILL at moments spread over the copy into the journal and what follows
//! it; every time, the journal must be exactly the old one or exactly the
//! restored one (every table of it), never a mix, and pass its integrity
//! check. Across the trials both must happen: kills before the copy's commit
//! leave the old journal, kills after it the restored one; a run where only
//! one of them happened did not test the restore.
//!
//! Each trial's kill point is set by its number, not by chance: the restore
//! only starts writing into the journal once the journal's own backup is in
//! the backup folder (before that it only reads), so each trial waits for that
//! backup to appear, then kills after its share of the time the rest took in an
//! uninterrupted run (trial k of n at k/n of it, and up to a fifth past its
//! end). TRATO_CRASH_TRIALS sets the number of trials (10 by default; `make
//! crash-trials` runs 100); TRATO_CRASH_SEED replays a run's jitter within each share.

#[path = "../../tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use rusqlite::Connection;
use trato::domain::{Channel, Client, ClientId, ClientPatch, Details, Direction, Entry, EntryId, Interaction};
use trato::store::{clients, entries, Store};

const NOW: &str = "2026-03-05T09:00:00+01:00";
/// Enough entries that a restore takes a while to kill it in the middle of.
const ENTRIES: usize = 5_000;

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 1, 1, 9, 0, 0).single().unwrap()
}

/// Adds `n` interactions with `client`, starting `from` minutes after the start, in one transaction.
fn fill(store: &mut Store, client: ClientId, from: usize, n: usize, words: &str) {
    store
        .write(|tx| {
            (from..from + n).try_for_each(|i| {
                let at = start() + chrono::Duration::minutes(i as i64);
                let e = Entry {
                    id: EntryId::new_at(at),
                    client_id: client,
                    occurred_at: at,
                    recorded_at: at,
                    channel: Channel::Email,
                    summary: format!("{words} number {i}: the weekly order and the invoice"),
                    details: Details::Interaction(Interaction {
                        direction: if i.is_multiple_of(2) { Direction::In } else { Direction::Out },
                    }),
                };
                entries::put(tx, &e, None)
            })
        })
        .unwrap();
}

/// The whole journal, every table, once it has opened as a journal again.
fn dump(path: &Path) -> Vec<String> {
    drop(Store::open(path).expect("the journal opens after the kill"));
    common::dump(path)
}

fn integrity(path: &Path) -> String {
    Connection::open(path).unwrap().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap()
}

fn remove_journal(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

fn restore_command(live: &Path, backup: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_trato"));
    cmd.arg("--db")
        .arg(live)
        .args(["--now", NOW, "--tz", "Europe/Madrid", "backup", "restore"])
        .arg(backup)
        .env_remove("TRATO_DB")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

/// splitmix64: reproducible kill moments from a printed seed.
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Waits until the journal's own backup, taken before the restore writes
/// anything, is in place in `backups`; `None` if the restore ended first.
fn until_the_copy_begins(child: &mut Child, backups: &Path) -> Option<Instant> {
    loop {
        let kept = std::fs::read_dir(backups)
            .ok()
            .is_some_and(|d| d.filter_map(Result::ok).any(|e| e.file_name().to_string_lossy().ends_with("-restore.sqlite")));
        if kept {
            return Some(Instant::now());
        }
        if child.try_wait().ok().flatten().is_some() {
            return None;
        }
        std::thread::sleep(Duration::from_micros(100));
    }
}

#[test]
fn a_restore_killed_at_any_moment_leaves_the_old_journal_or_the_restored_one() {
    let trials: usize = std::env::var("TRATO_CRASH_TRIALS").ok().and_then(|n| n.parse().ok()).unwrap_or(10).max(2);
    let seed: u64 = std::env::var("TRATO_CRASH_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64));
    let dir = tempfile::tempdir().unwrap();

    // The backup: a journal of ENTRIES entries.
    let backup = dir.path().join("backup.sqlite");
    let (restored, old) = {
        let made = dir.path().join("made.db");
        let mut store = Store::open(&made).unwrap();
        let sol = Client::new(ClientId::new_at(start()), "Sol", start(), ClientPatch::default()).unwrap();
        store.write(|tx| clients::put(tx, &sol, None)).unwrap();
        fill(&mut store, sol.id, 0, ENTRIES, "Before the backup");
        drop(store);
        let o = Command::new(env!("CARGO_BIN_EXE_trato"))
            .arg("--db")
            .arg(&made)
            .args(["--now", NOW, "backup", "--out"])
            .arg(&backup)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let restored = dump(&made);
        // The journal the restore replaces: the same plus as many entries again.
        let mut store = Store::open(&made).unwrap();
        fill(&mut store, sol.id, ENTRIES, ENTRIES, "After the backup");
        drop(store);
        (restored, dump(&made))
    };
    let pristine: PathBuf = dir.path().join("made.db");
    let live = dir.path().join("live").join("trato.db");
    let backups = live.parent().unwrap().join("backups");
    std::fs::create_dir_all(live.parent().unwrap()).unwrap();
    let fresh_live = || {
        remove_journal(&live);
        let _ = std::fs::remove_dir_all(&backups);
        std::fs::copy(&pristine, &live).unwrap();
    };

    // How long the copy and what follows take here, uninterrupted: the
    // shortest of three, as the first runs on cold caches.
    let rest = (0..3)
        .map(|_| {
            fresh_live();
            let mut child = restore_command(&live, &backup).spawn().unwrap();
            let copying =
                until_the_copy_begins(&mut child, &backups).expect("the restore keeps the journal as it was before writing to it");
            assert!(child.wait().unwrap().success(), "an uninterrupted restore succeeds");
            let rest = copying.elapsed();
            assert_eq!(dump(&live), restored, "an uninterrupted restore gives the backup's journal");
            rest
        })
        .min()
        .unwrap();

    let (mut as_old, mut as_restored, mut finished) = (0, 0, 0);
    let mut state = seed;
    for trial in 0..trials {
        fresh_live();
        // Trial k kills in the k-th of `trials` equal shares of 1.2 × the rest, at a point of it the seed picks.
        let share = rest.as_micros() as u64 * 12 / 10 / trials as u64;
        let delay = Duration::from_micros(share * trial as u64 + next(&mut state) % share.max(1));
        let mut child = restore_command(&live, &backup).spawn().unwrap();
        let killed = match until_the_copy_begins(&mut child, &backups) {
            Some(_) => {
                std::thread::sleep(delay);
                // SIGKILL on unix; it had already ended if there is an exit status.
                let ended = child.try_wait().ok().flatten().is_some();
                let _ = child.kill();
                !ended
            }
            None => false,
        };
        let _ = child.wait();

        let what = format!("trial {trial} (seed {seed}, kill {delay:?} after the copy began)");
        assert_eq!(integrity(&live), "ok", "{what}: the journal is damaged");
        let now = dump(&live);
        if now == old {
            assert!(killed, "{what}: a restore that ran to its end left the old journal");
            as_old += 1;
        } else if now == restored {
            if killed {
                as_restored += 1;
            } else {
                finished += 1;
            }
        } else {
            panic!("{what}: the journal is neither the old one nor the restored one: a user lost entries");
        }
    }
    eprintln!(
        "restore crash trials: {trials} (seed {seed}, the copy and what follows take {rest:?}): {as_old} killed before the commit left the old journal, {as_restored} killed after it the restored one, {finished} ended before the kill; 0 mixed, 0 integrity failures"
    );
    assert!(as_old > 0, "no kill landed before the restore's commit: the old journal was never shown to survive a crash (seed {seed})");
    assert!(as_restored + finished > 0, "no trial left the restored journal: the restore itself was never shown to work (seed {seed})");
}
