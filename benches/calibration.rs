//! Promise calibration on the busy practice's million-entry journal (the one
//! benches/signals.rs generates, reused): a client of its own with 1,000
//! 'entrega' promises is added to a copy of it, and the suggested due date for
//! one more is measured, from the database to the explained result (issue 21).
//! Goal: ≤ 5 ms. Run with `cargo bench --bench calibration`; the first run
//! generates the journal (as signals does) and the copy, and keeps both under
//! target/bench-data/.

mod practice;

use std::hint::black_box;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Europe::Madrid;
use criterion::{criterion_group, criterion_main, Criterion};
use practice::{journal_file, now, plans};
use trato::calibration::{explain, Calibration};
use trato::domain::calendar::Calendar;
use trato::domain::promise::PromiseEvent;
use trato::domain::{Channel, Client, ClientId, ClientPatch, Details, Due, Entry, EntryId, Promise, Settings};
use trato::journal::{calibration, Clock};
use trato::store::{clients, entries, Store, StoreError};

const PROMISES: usize = 1_000;

/// The 1M journal with the calibrated client added, copied once so the shared
/// journal stays as benches/signals.rs measures it.
fn journal() -> (PathBuf, ClientId) {
    let source = journal_file(&plans(), 100);
    let copy = source.with_file_name(format!("calibration-{}", source.file_name().and_then(|n| n.to_str()).unwrap_or("journal.db")));
    let client = ClientId(uuid::Uuid::from_u128(0x019c_0000_0000_7000_8000_0000_0000_0c01));
    if !copy.exists() {
        let part = copy.with_extension("db.part");
        std::fs::copy(&source, &part).expect("copy the journal");
        add_client_with_promises(&part, client).expect("add the calibrated client");
        std::fs::rename(&part, &copy).expect("keep the copy");
    }
    (copy, client)
}

/// 1,000 'entrega' promises over about three years, made two to six days ahead;
/// most kept on time, some one to four working days late, a few broken, the
/// last few still open and late.
fn add_client_with_promises(path: &Path, id: ClientId) -> Result<(), StoreError> {
    let mut store = Store::open(path)?;
    let start = now() - Duration::days(3 * 365);
    let client = Client::new(id, "Panadería Sol", start, ClientPatch::default()).expect("a valid client");
    store.write(|tx| {
        clients::put(tx, &client, None)?;
        for i in 0..PROMISES {
            let made: DateTime<Utc> = start + Duration::hours(i as i64 * 26);
            let ahead = 2 + (i * 7 % 5) as i64;
            let due = Due::Date((made + Duration::days(ahead)).with_timezone(&Madrid).date_naive());
            let deadline = due.deadline(Madrid);
            let events = match i % 10 {
                _ if i >= PROMISES - 5 => vec![],
                0..=5 => vec![PromiseEvent::Kept { at: deadline - Duration::hours(6) }],
                6..=8 => vec![PromiseEvent::Kept { at: deadline + Duration::days(1 + (i % 4) as i64) }],
                _ => vec![PromiseEvent::Broken { at: deadline + Duration::days(2), reason: None }],
            };
            let events: Vec<PromiseEvent> = events.into_iter().filter(|e| e.at() < now()).collect();
            let promise = Promise { due, for_request: None, promise_kind: Some("entrega".into()), set_by: Default::default(), events };
            let entry = Entry {
                id: EntryId::new_at(made),
                client_id: id,
                occurred_at: made,
                recorded_at: made,
                channel: Channel::Email,
                summary: "New menu online".into(),
                details: Details::Promise(promise),
            };
            entries::put(tx, &entry, None)?;
        }
        Ok(())
    })
}

fn calibration(c: &mut Criterion) {
    let (path, client) = journal();
    let mut store = Store::open(&path).expect("open the journal");
    let clock = Clock::new(now(), Madrid);
    let proposed = Due::Date((now() + Duration::days(6)).with_timezone(&Madrid).date_naive());
    let found = calibration::suggest(&mut store, clock, client, Some("entrega"), proposed).expect("a suggestion");
    let cal = Calendar::new(&Settings::default(), Madrid);
    eprintln!("suggestion: {}", explain(&found, "Panadería Sol", Some("entrega"), trato::domain::Language::En, &cal));
    if let Calibration::Suggested(s) = &found {
        let counts: Vec<usize> = s.classes.iter().map(|c| c.promises).collect();
        eprintln!("  classes read (promises counted): {counts:?}");
    }

    let mut group = c.benchmark_group("calibration");
    group.sample_size(100);
    group.bench_function("suggest_1000_of_1M", |b| {
        b.iter(|| black_box(calibration::suggest(&mut store, clock, client, Some("entrega"), proposed).expect("suggest")))
    });
    group.bench_function("suggest_without_kind_1000_of_1M", |b| {
        b.iter(|| black_box(calibration::suggest(&mut store, clock, client, None, proposed).expect("suggest")))
    });
    group.finish();
}

criterion_group!(benches, calibration);
criterion_main!(benches);
