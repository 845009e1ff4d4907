//! The printable summary of a long relationship: one client with five years and
//! 5,000 entries of every kind. Measures the summary read from the journal
//! (the use case, with its 12-week trend), its HTML and its PDF, and the three
//! together as the app's Save as PDF runs them. Goal: all three under 200 ms,
//! and at most two pages. Run with `cargo bench --bench summary`.

#[path = "../tests/summary_history/mod.rs"]
mod summary_history;

use std::hint::black_box;

use chrono_tz::Europe::Madrid;
use criterion::{criterion_group, criterion_main, Criterion};
use trato::domain::{Language, Settings};
use trato::journal::insights;
use trato::journal::{self, Clock};
use trato::store::{clients, entries, Store, StoreError};
use trato::summary::{self, Audience, Paper, Period};

/// Pages in a PDF, counted from its page objects: enough for what krilla writes.
/// The system's DejaVu Sans, which every machine that builds Trato has (fonts-dejavu-core).
fn face() -> &'static summary::Face {
    trato::system::typeface().expect("DejaVu Sans, from fonts-dejavu-core")
}

fn pages(pdf: &[u8]) -> usize {
    pdf.windows(b"/Type /Page".len() + 1).filter(|w| w.starts_with(b"/Type /Page") && !w.ends_with(b"s")).count()
}

fn long_relationship(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("bench.db")).expect("journal");
    let (client, all) = summary_history::five_years("Horno Central");
    let settings = Settings { time_zone: Some("Europe/Madrid".into()), language: Some(Language::En), ..Settings::default() };
    journal::save_settings(&mut store, &settings).expect("settings");
    // Written in one transaction: 5,000 actions with an fsync each would take minutes.
    store
        .write(|tx| {
            clients::put(tx, &client, None)?;
            all.iter().try_for_each(|e| entries::put(tx, e, None))?;
            Ok::<_, StoreError>(())
        })
        .expect("seed");
    let clock = Clock::new(summary_history::now(), Madrid);
    let id = client.id;

    let once = insights::summary(&mut store, clock, id, Period::All, Audience::Provider).expect("summary");
    let pdf = summary::pdf(&once, Language::En, Paper::A4, face()).expect("pdf");
    let letter = summary::pdf(&once, Language::Es, Paper::Letter, face()).expect("pdf");
    eprintln!(
        "{} entries over {} years: PDF {} page(s) on A4 ({} KB), {} on Letter; HTML {} KB",
        all.len(),
        summary_history::YEARS,
        pages(&pdf),
        pdf.len() / 1024,
        pages(&letter),
        summary::html(&once, Language::En).len() / 1024
    );
    assert!(pages(&pdf) <= summary::MAX_PAGES && pages(&letter) <= summary::MAX_PAGES, "a summary takes two pages at most");

    let mut group = c.benchmark_group("summary of 5 years, 5,000 entries");
    group.sample_size(30);
    group.bench_function("model from the journal", |b| {
        b.iter(|| black_box(insights::summary(&mut store, clock, id, Period::All, Audience::Provider)))
    });
    group.bench_function("html", |b| b.iter(|| black_box(summary::html(&once, Language::En))));
    group.bench_function("pdf", |b| b.iter(|| black_box(summary::pdf(&once, Language::En, Paper::A4, face()))));
    group.bench_function("model + html + pdf", |b| {
        b.iter(|| {
            let s = insights::summary(&mut store, clock, id, Period::All, Audience::Provider).expect("summary");
            black_box((summary::html(&s, Language::En), summary::pdf(&s, Language::En, Paper::A4, face())))
        })
    });
    group.finish();
}

criterion_group!(benches, long_relationship);
criterion_main!(benches);
