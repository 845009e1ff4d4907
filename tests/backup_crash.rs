//! A restore killed half-way: the real `trato backup restore` is killed with
//! SIGKILL at random moments; every time, the journal must be exactly the old
//! one or exactly the restored one, never a mix, and pass its integrity check.
//! TRATO_CRASH_TRIALS sets the number of trials (10 by default; `make
//! crash-trials` runs 100); TRATO_CRASH_SEED replays a run.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use rusqlite::Connection;
use trato::domain::{Channel, Client, ClientId, ClientPatch, Details, Direction, Entry, EntryId, Interaction};
use trato::interchange;
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

fn export(path: &Path) -> String {
    let mut store = Store::open(path).expect("the journal opens after the kill");
    interchange::to_json(&interchange::export(&mut store).unwrap())
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

#[test]
fn a_restore_killed_at_any_moment_leaves_the_old_journal_or_the_restored_one() {
    let trials: usize = std::env::var("TRATO_CRASH_TRIALS").ok().and_then(|n| n.parse().ok()).unwrap_or(10);
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
        let restored = export(&made);
        // The journal the restore replaces: the same plus as many entries again.
        let mut store = Store::open(&made).unwrap();
        fill(&mut store, sol.id, ENTRIES, ENTRIES, "After the backup");
        drop(store);
        (restored, export(&made))
    };
    let pristine: PathBuf = dir.path().join("made.db");
    let live = dir.path().join("live").join("trato.db");
    std::fs::create_dir_all(live.parent().unwrap()).unwrap();

    // How long a whole restore takes here: kills land anywhere within it.
    std::fs::copy(&pristine, &live).unwrap();
    let began = Instant::now();
    assert!(restore_command(&live, &backup).status().unwrap().success(), "an uninterrupted restore succeeds");
    let whole = began.elapsed();
    assert_eq!(export(&live), restored, "an uninterrupted restore gives the backup's journal");

    let (mut as_old, mut as_restored) = (0, 0);
    let mut state = seed;
    for trial in 0..trials {
        remove_journal(&live);
        let _ = std::fs::remove_dir_all(live.parent().unwrap().join("backups"));
        std::fs::copy(&pristine, &live).unwrap();
        let delay = Duration::from_micros(next(&mut state) % (whole.as_micros() as u64 * 12 / 10).max(1));
        let mut child = restore_command(&live, &backup).spawn().unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL on unix; an error means it had finished.
        let _ = child.wait();

        assert_eq!(integrity(&live), "ok", "trial {trial} (seed {seed}, kill after {delay:?}): the journal is damaged");
        let now = export(&live);
        if now == old {
            as_old += 1;
        } else if now == restored {
            as_restored += 1;
        } else {
            panic!("trial {trial} (seed {seed}, kill after {delay:?}): the journal is neither the old one nor the restored one: a user lost entries");
        }
    }
    eprintln!(
        "restore crash trials: {trials} (seed {seed}, a restore takes {whole:?}): {as_old} left the old journal, {as_restored} the restored one, 0 mixed, 0 integrity failures"
    );
}
