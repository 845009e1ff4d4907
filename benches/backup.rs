//! A backup of a journal with a million entries (10,000 clients × 100), and a
//! read of the journal while a backup runs. Goals: the backup (copy, integrity
//! check, entry count) ≤ 5 s, and reads not blocked by it (the backup API holds
//! one read transaction, which WAL lets run beside other readers and writers).
//! Run with `cargo bench --bench backup`; the first run generates the journal
//! (a minute or two) and keeps it under target/bench-data/.
//!
//! The signal bench's generator makes a journal whose every entry has a rich
//! life (600 lines tied to its plans); a backup copies pages whatever they hold,
//! so this one writes interactions of a similar size and counts the same rows.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Europe::Madrid;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, SamplingMode};
use trato::domain::{Channel, Client, ClientId, ClientPatch, Details, Direction, Entry, EntryId, Interaction, Settings};
use trato::journal::backup;
use trato::journal::{self, Clock};
use trato::store::migrations::{latest, MIGRATIONS};
use trato::store::{clients, entries, Store, StoreError};

const CLIENTS: usize = 10_000;
const PER_CLIENT: usize = 100;
/// Entries per write transaction: one fsync per entry would take hours.
const BATCH: usize = 20_000;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 5, 8, 0, 0).single().expect("a valid date")
}

fn client(i: usize) -> Client {
    let created = now() - chrono::Duration::days(3 * 365);
    let mut c = Client::new(
        ClientId::new_at(created + chrono::Duration::seconds(i as i64)),
        &format!("Cliente {i}"),
        created,
        ClientPatch::default(),
    )
    .expect("a valid client");
    c.email = Some(format!("cliente{i}@example.es"));
    c
}

fn entry(client: ClientId, i: usize, n: usize) -> Entry {
    let at = now() - chrono::Duration::minutes(((i * PER_CLIENT + n) * 7 % 1_500_000) as i64);
    Entry {
        id: EntryId::new_at(at),
        client_id: client,
        occurred_at: at,
        recorded_at: at,
        channel: Channel::Email,
        summary: format!("Llamada {n} con el cliente {i}: pedido semanal, factura pendiente y la entrega del jueves"),
        details: Details::Interaction(Interaction { direction: if n.is_multiple_of(2) { Direction::In } else { Direction::Out } }),
    }
}

fn journal_file() -> PathBuf {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let dir = tmp.parent().unwrap_or(tmp).join("bench-data");
    let path = dir.join(format!("backup-g1-schema{}-{CLIENTS}x{PER_CLIENT}.db", latest(MIGRATIONS)));
    if path.exists() {
        return path;
    }
    let part = path.with_extension("db.part");
    for s in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{s}", part.display()));
    }
    eprintln!("generating {} (once; later runs reuse it)", path.display());
    let started = Instant::now();
    generate(&part).expect("generate the journal");
    std::fs::rename(&part, &path).expect("keep the generated journal");
    eprintln!("generated in {:.0?}", started.elapsed());
    path
}

fn generate(path: &Path) -> Result<(), StoreError> {
    let mut store = Store::open(path)?;
    let all: Vec<Client> = (0..CLIENTS).map(client).collect();
    store.write(|tx| {
        tx.execute_batch("PRAGMA cache_size = -1000000")?;
        all.iter().try_for_each(|c| clients::put(tx, c, None))
    })?;
    for (chunk_index, chunk) in all.chunks(BATCH / PER_CLIENT).enumerate() {
        store.write(|tx| {
            chunk.iter().enumerate().try_for_each(|(k, c)| {
                let i = chunk_index * (BATCH / PER_CLIENT) + k;
                (0..PER_CLIENT).try_for_each(|n| entries::put(tx, &entry(c.id, i, n), None))
            })
        })?;
    }
    Ok(())
}

/// One backup as `trato backup --out` makes it: copy, integrity check, entry
/// count, into a new file.
fn backup_into(journal: &Path, out: &Path) -> backup::BackupInfo {
    backup::now(journal, &Settings::default(), Clock::new(now(), Madrid), Some(out)).expect("a backup")
}

/// Out of the timed part: removing a gigabyte takes a third of a second on a
/// disk mounted with `discard`, and a backup writes a new file.
fn remove(out: &Path) {
    let _ = std::fs::remove_file(out);
}

fn bench(c: &mut Criterion) {
    let journal = journal_file();
    let out_dir = tempfile::tempdir().expect("temp dir");
    let out = out_dir.path().join("backup.sqlite");
    let first = backup_into(&journal, &out);
    eprintln!("journal {} MiB, {} live entries", first.size_bytes / (1024 * 1024), first.entries.unwrap_or(0));

    let mut group = c.benchmark_group("backup");
    group.sample_size(10).measurement_time(Duration::from_secs(40)).sampling_mode(SamplingMode::Flat);
    group.bench_function("1M entries", |b| {
        b.iter_batched(|| remove(&out), |()| black_box(backup_into(&journal, &out).size_bytes), BatchSize::PerIteration)
    });
    group.finish();

    // A client's timeline (what the app reads when a client is opened), alone
    // and while backups run one after another in another thread.
    let mut store = Store::open(&journal).expect("open the journal");
    let someone = journal::find_client(&mut store, "Cliente 4242").expect("a client").id;
    let mut group = c.benchmark_group("timeline_read");
    group.sample_size(50);
    group.bench_function("alone", |b| b.iter(|| black_box(journal::timeline(&mut store, someone).expect("timeline").len())));
    let running = Arc::new(AtomicBool::new(true));
    let backups = {
        let (running, journal, out) = (running.clone(), journal.clone(), out_dir.path().join("during.sqlite"));
        std::thread::spawn(move || {
            let mut n = 0;
            while running.load(Ordering::Relaxed) {
                remove(&out);
                backup_into(&journal, &out);
                n += 1;
            }
            n
        })
    };
    // The slowest single read over a few seconds of backups: what a user would feel.
    let mut slowest = Duration::ZERO;
    let until = Instant::now() + Duration::from_secs(8);
    while Instant::now() < until {
        let t = Instant::now();
        black_box(journal::timeline(&mut store, someone).expect("timeline"));
        slowest = slowest.max(t.elapsed());
    }
    group.bench_function("during a backup", |b| b.iter(|| black_box(journal::timeline(&mut store, someone).expect("timeline").len())));
    group.finish();
    running.store(false, Ordering::Relaxed);
    let made = backups.join().expect("the backup thread");
    eprintln!("slowest timeline read during {made} backups: {slowest:?}");
}

criterion_group!(benches, bench);
criterion_main!(benches);
