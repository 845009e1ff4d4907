//! How long a user waits for one entry to be saved durably (WAL, synchronous=FULL:
//! one fsync per action), on a journal file that already holds some history.
//! Goal: ≤ 2 ms median. Run with `cargo bench --bench write`.

use std::hint::black_box;

use chrono::{Duration, TimeZone, Utc};
use chrono_tz::Tz;
use criterion::{criterion_group, criterion_main, Criterion};
use trato::domain::{Channel, ClientPatch};
use trato::journal::{self, Clock, NewEntry};
use trato::store::Store;

const HISTORY: usize = 10_000;

fn durable_writes(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("bench.db")).expect("journal");
    let start = Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).single().expect("date");
    let clock = Clock::new(start, Tz::UTC);
    let client = journal::add_client(&mut store, clock, "Panadería Sol", ClientPatch::default()).expect("client");
    let note = |i: usize| NewEntry { client, at: None, channel: Channel::Email, summary: format!("Note {i}: sent this week's prices") };
    for i in 0..HISTORY {
        journal::add_note(&mut store, Clock::new(start + Duration::minutes(i as i64), Tz::UTC), note(i)).expect("seed");
    }
    let later = Clock::new(start + Duration::days(30), Tz::UTC);

    let mut group = c.benchmark_group("durable write");
    group.bench_function("add a note (10k entries on file)", |b| {
        let mut i = 0;
        b.iter(|| {
            i += 1;
            black_box(journal::add_note(&mut store, later, note(i)).expect("write"))
        })
    });
    // A fresh request per iteration (made outside the timing): a real request
    // is followed up a few times, not thousands.
    group.bench_function("follow up a request (update + history)", |b| {
        b.iter_custom(|iters| {
            let mut spent = std::time::Duration::ZERO;
            for _ in 0..iters {
                let request = journal::add_request(&mut store, later, note(0), None).expect("request");
                let started = std::time::Instant::now();
                journal::follow_up_request(&mut store, later, request, None, None, None).expect("follow-up");
                spent += started.elapsed();
            }
            spent
        })
    });
    group.finish();
}

criterion_group!(benches, durable_writes);
criterion_main!(benches);
