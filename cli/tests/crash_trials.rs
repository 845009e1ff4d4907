//! Crash trials: several `trato` processes write one journal while the test
//! kills them with SIGKILL at random moments. Every write a process
//! acknowledged (it printed the new id) must be in the journal afterwards, the
//! file must pass `PRAGMA integrity_check`, and the journal must still open and
//! take a new write.
//!
//! `TRATO_CRASH_TRIALS` sets the number of trials (10 by default; `make
//! crash-trials` runs 100), `TRATO_CRASH_SEED` replays a run.

#[path = "../../tests/common/mod.rs"]
mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use common::add;
use rusqlite::{Connection, OpenFlags};

const NOW: &str = "2026-03-05T09:00:00+01:00";
const WRITERS: u64 = 4;
/// How long the writers run in each trial, at most.
const TRIAL: Duration = Duration::from_millis(500);

/// xorshift64*: random enough to scatter kills, and replayable from its seed.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n.max(1)
    }
}

/// Where an acknowledged id must be found.
#[derive(Clone, Copy)]
enum Table {
    Clients,
    Entries,
}

struct Acknowledged {
    table: Table,
    id: String,
}

#[derive(Default)]
struct Counts {
    trials: u64,
    writes_started: u64,
    killed_before_ack: u64,
    acknowledged: u64,
    lost: u64,
    integrity_failures: u64,
    unusable_after: u64,
}

/// One writer: runs write commands one after another, kills each after a
/// random delay (it may have finished by then), and keeps the ids printed.
fn writer(db: PathBuf, client: String, seed: u64, until: Instant) -> (Vec<Acknowledged>, u64, u64) {
    let mut rng = Rng::new(seed);
    let (mut acks, mut started, mut killed) = (Vec::new(), 0, 0);
    let mut n = 0;
    while Instant::now() < until {
        n += 1;
        let (table, args): (Table, Vec<String>) = if rng.below(3) == 0 {
            (Table::Clients, vec!["client".into(), "add".into(), format!("Client {seed}-{n}")])
        } else {
            (Table::Entries, vec!["note".into(), "add".into(), client.clone(), format!("Note {seed}-{n}")])
        };
        let mut child = Command::new(env!("CARGO_BIN_EXE_trato"))
            .arg("--db")
            .arg(&db)
            .args(["--now", NOW, "--tz", "Europe/Madrid"])
            .args(&args)
            .env_remove("TRATO_DB")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start trato");
        started += 1;
        thread::sleep(Duration::from_micros(rng.below(100_000)));
        // SIGKILL; an error only means the command had already finished.
        let _ = child.kill();
        let mut out = String::new();
        let _ = child.stdout.take().expect("piped stdout").read_to_string(&mut out);
        let _ = child.wait();
        // Acknowledged: the command printed the whole id line before it died.
        match out.lines().next().filter(|_| out.ends_with('\n')).filter(|id| uuid::Uuid::parse_str(id).is_ok()) {
            Some(id) => acks.push(Acknowledged { table, id: id.to_string() }),
            None => killed += 1,
        }
    }
    (acks, started, killed)
}

fn is_present(conn: &Connection, ack: &Acknowledged) -> bool {
    let sql = match ack.table {
        Table::Clients => "SELECT count(*) FROM clients WHERE id = ?1",
        Table::Entries => "SELECT count(*) FROM entries WHERE id = ?1",
    };
    conn.query_row(sql, [&ack.id], |r| r.get::<_, i64>(0)).map(|n| n == 1).unwrap_or(false)
}

fn trial(dir: &Path, seed: u64, counts: &mut Counts) {
    let db = dir.join("trato.db");
    let sol = add(&db, NOW, &["client", "add", "Sol"]);
    let until = Instant::now() + TRIAL;
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let (db, sol) = (db.clone(), sol.clone());
            thread::spawn(move || writer(db, sol, seed.wrapping_mul(WRITERS + 1).wrapping_add(w + 1), until))
        })
        .collect();
    let mut acks = Vec::new();
    for w in writers {
        let (a, started, killed) = w.join().expect("a writer thread failed");
        acks.extend(a);
        counts.writes_started += started;
        counts.killed_before_ack += killed;
    }
    counts.trials += 1;
    counts.acknowledged += acks.len() as u64;

    // Read-only: checking must not repair what the writers left behind.
    match Connection::open_with_flags(&db, OpenFlags::SQLITE_OPEN_READ_ONLY) {
        Ok(conn) => {
            let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap_or_else(|e| e.to_string());
            if check != "ok" {
                eprintln!("trial seed {seed}: integrity_check says {check}");
                counts.integrity_failures += 1;
            }
            let lost: Vec<_> = acks.iter().filter(|a| !is_present(&conn, a)).collect();
            for a in &lost {
                eprintln!("trial seed {seed}: {} was acknowledged and is missing", a.id);
            }
            counts.lost += lost.len() as u64;
        }
        Err(e) => {
            eprintln!("trial seed {seed}: the journal does not open: {e}");
            counts.integrity_failures += 1;
            counts.lost += acks.len() as u64;
        }
    }
    let after = common::trato(&db, NOW, &["note", "add", &sol, "After the crash"]);
    if !after.status.success() {
        eprintln!("trial seed {seed}: the journal refuses a write after the crashes: {}", common::stderr(&after));
        counts.unusable_after += 1;
    }
}

#[test]
fn writers_killed_at_random_moments_lose_no_acknowledged_write() {
    let trials: u64 = std::env::var("TRATO_CRASH_TRIALS").ok().and_then(|s| s.parse().ok()).unwrap_or(10);
    let seed: u64 = std::env::var("TRATO_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(1));
    let mut counts = Counts::default();
    let mut rng = Rng::new(seed);
    for _ in 0..trials {
        let dir = tempfile::tempdir().unwrap();
        trial(dir.path(), rng.below(u64::MAX), &mut counts);
    }
    eprintln!(
        "crash trials (TRATO_CRASH_SEED={seed}): {} trials, {} writes started, {} killed before acknowledging, {} acknowledged, {} lost, {} integrity failures, {} journals refusing writes afterwards",
        counts.trials,
        counts.writes_started,
        counts.killed_before_ack,
        counts.acknowledged,
        counts.lost,
        counts.integrity_failures,
        counts.unusable_after
    );
    assert!(counts.acknowledged > 0, "no write was acknowledged: the trials tested nothing");
    assert!(counts.killed_before_ack > 0, "no command was killed mid-way: the trials tested nothing");
    assert_eq!(counts.lost, 0, "writes the user saw saved were lost after a crash");
    assert_eq!(counts.integrity_failures, 0, "a crash left the journal damaged");
    assert_eq!(counts.unusable_after, 0, "a crash left the journal refusing new writes");
}
