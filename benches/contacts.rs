//! A contacts import of 10,000 people from a Google Contacts CSV into a journal
//! that already has 1,000 clients, a tenth of whom the file merges into.
//! Measures reading the file, the preview, and reading + preview + commit as
//! `trato contacts import` runs them. Goal: preview + commit ≤ 2 s.
//! Run with `cargo bench --bench contacts`.

use std::hint::black_box;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use chrono_tz::Europe::Madrid;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use trato::contacts::{self, ColumnMap};
use trato::domain::ClientPatch;
use trato::journal::importing::{self, Choices, Source};
use trato::journal::{self, Clock};
use trato::store::{clients, Store};

const PEOPLE: usize = 10_000;
const EXISTING: usize = 1_000;

fn google_csv() -> Vec<u8> {
    let mut out = String::from(
        "First Name,Middle Name,Last Name,Organization Name,Organization Title,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value\n",
    );
    for i in 0..PEOPLE {
        out += &format!(
            "Lucía {i},,Fernández Núñez,\"Panadería {i}, S.L.\",Gerente,\"Pide factura\nlos martes\",* myContacts ::: Clientes,* Work,persona{i}@example.es,Mobile,+34 6{:08}\n",
            i
        );
    }
    out.into_bytes()
}

fn journal_with_clients(dir: &std::path::Path) -> Store {
    let mut store = Store::open(&dir.join("bench.db")).expect("journal");
    let now = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
    let people: Vec<_> = (0..EXISTING)
        .map(|i| {
            // Every tenth matches a person of the file by e-mail; the rest are other clients.
            let email = if i % 10 == 0 { format!("persona{i}@example.es") } else { format!("other{i}@example.com") };
            let patch = ClientPatch { email: Some(email), ..ClientPatch::default() };
            trato::domain::Client::new(trato::domain::ClientId::new_at(now), &format!("Cliente {i}"), now, patch).expect("client")
        })
        .collect();
    store.write(|tx| people.iter().try_for_each(|c| clients::put(tx, c, None))).expect("seed");
    journal::settings(&mut store).expect("settings");
    store
}

fn read(bytes: &[u8]) -> Vec<Source> {
    let file = contacts::read(bytes, None, &ColumnMap::default()).expect("a Google CSV");
    vec![Source::new("contacts.csv", file)]
}

fn import_10k(c: &mut Criterion) {
    let bytes = google_csv();
    let clock = Clock::new(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap(), Madrid);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = journal_with_clients(dir.path());
    let sources = read(&bytes);
    let p = importing::preview(&mut store, clock, &sources, &Choices::default()).expect("preview");
    eprintln!("{PEOPLE} people: {} new, {} merged into the {EXISTING} clients", p.counts.new, p.counts.merge);
    assert_eq!((p.counts.new, p.counts.merge), (PEOPLE - EXISTING / 10, EXISTING / 10));

    let mut group = c.benchmark_group("contacts import of 10,000 people");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    group.bench_function("read the file", |b| b.iter(|| black_box(read(&bytes))));
    group.bench_function("preview", |b| b.iter(|| black_box(importing::preview(&mut store, clock, &sources, &Choices::default()))));
    group.bench_function("read + preview + commit", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().expect("temp dir");
                let store = journal_with_clients(dir.path());
                (dir, store)
            },
            |(dir, mut store)| {
                let sources = read(&bytes);
                let p = importing::preview(&mut store, clock, &sources, &Choices::default()).expect("preview");
                let done = importing::commit(&mut store, clock, &sources, &Choices::default(), Some(&p.plan_id)).expect("commit");
                black_box((dir, done))
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, import_10k);
criterion_main!(benches);
