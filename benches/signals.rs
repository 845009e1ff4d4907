//! The signal engine on the journal of a busy practice: 10,000 clients and a
//! million entries, about 2 % of the promises and requests still open (issue 3).
//! Measures Today from the database, one client's score with its 12-week trend,
//! and a bare read of every entry row: the floor no full pass could beat.
//! Goals: Today ≤ 50 ms, and growing with the open matters rather than the
//! history (1M entries at most 1.5× slower than 100k with the same open
//! matters); score ≤ 5 ms. Run with `cargo bench --bench signals`; the first run
//! generates the journals (about a minute) and keeps them under target/bench-data/.

mod practice;

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::{Duration as Elapsed, Instant};

use chrono_tz::Europe::Madrid;
use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use practice::{journal_file, now, plans, Life, Plan};
use rusqlite::types::ValueRef;
use rusqlite::{Params, Transaction};
use trato::domain::time::to_db;
use trato::domain::ClientId;
use trato::journal::insights;
use trato::journal::Clock;
use trato::store::{Store, StoreError};

struct Journal {
    label: &'static str,
    store: Store,
    /// A client in touch with open matters and a full share of history.
    scored: ClientId,
}

impl Journal {
    fn open(label: &'static str, plans: &[Plan], per_client: usize) -> Journal {
        let mut store = Store::open(&journal_file(plans, per_client)).expect("open the journal");
        let scored = plans.iter().find(|p| p.life == Life::Busy && p.open > 0).expect("a busy client").client.id;
        describe(label, plans, &mut store);
        Journal { label, store, scored }
    }
}

fn counts(tx: &Transaction<'_>, sql: &str, params: impl Params) -> Result<Vec<(String, i64)>, StoreError> {
    let mut stmt = tx.prepare(sql)?;
    let rows = stmt.query_map(params, |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn list(counts: &[(String, i64)]) -> String {
    let total: i64 = counts.iter().map(|(_, n)| n).sum();
    let each: Vec<String> = counts.iter().map(|(k, n)| format!("{k} {n}")).collect();
    format!("{total} ({})", each.join(", "))
}

/// What the journal holds and what Today makes of it, for the report.
fn describe(label: &str, plans: &[Plan], store: &mut Store) {
    let now = to_db(self::now());
    let (kinds, open) = store
        .read(|tx| {
            let kinds = counts(tx, "SELECT kind, count(*) FROM entries GROUP BY kind", [])?;
            let open = counts(
                tx,
                "SELECT kind, count(*) FROM entries WHERE open_until > ?1 AND occurred_at <= ?1 AND deleted_at IS NULL GROUP BY kind",
                [&now],
            )?;
            Ok::<_, StoreError>((kinds, open))
        })
        .expect("count the journal");
    let started = Instant::now();
    let today = insights::today(store, Clock::new(self::now(), Madrid)).expect("today");
    let took = started.elapsed();
    let mut signals: BTreeMap<&str, i64> = BTreeMap::new();
    for s in today.signals() {
        *signals.entry(s.kind.as_str()).or_default() += 1;
    }
    let signals: Vec<(String, i64)> = signals.into_iter().map(|(k, n)| (k.to_string(), n)).collect();
    let life = |l: Life| plans.iter().filter(|p| p.life == l).count();
    eprintln!(
        "journal {label}: {} clients ({} active and in touch, {} active and silent, {} paused/former/prospect)\n  entries {}\n  open at now {}\n  Today (first, cold run {:.1?}): {} matters, signals {}",
        plans.len(),
        life(Life::Busy),
        life(Life::Silent),
        life(Life::Dormant),
        list(&kinds),
        list(&open),
        took,
        today.matters.len(),
        list(&signals),
    );
}

/// Every column of every entry row read as text: the least a pass over the whole history costs.
fn select_all(store: &mut Store) -> usize {
    store
        .read(|tx| {
            let mut stmt =
                tx.prepare("SELECT id, client_id, kind, occurred_at, recorded_at, channel, summary, status, details FROM entries")?;
            let mut rows = stmt.query([])?;
            let mut bytes = 0;
            while let Some(row) = rows.next()? {
                for i in 0..9 {
                    bytes += match row.get_ref(i)? {
                        ValueRef::Text(text) => std::str::from_utf8(text).expect("text").len(),
                        _ => 0,
                    };
                }
            }
            Ok::<_, StoreError>(bytes)
        })
        .expect("read every entry")
}

// ------------------------------------------------------------------ benchmarks

fn signals(c: &mut Criterion) {
    let plans = plans();
    let mut small = Journal::open("100k", &plans, 10);
    let mut big = Journal::open("1M", &plans, 100);
    let clock = Clock::new(now(), Madrid);

    // Flat sampling: each run is tens of milliseconds or more, so a few runs per sample suffice.
    let mut group = c.benchmark_group("today");
    group.sample_size(20).measurement_time(Elapsed::from_secs(10)).sampling_mode(SamplingMode::Flat);
    for j in [&mut small, &mut big] {
        group.bench_function(j.label, |b| b.iter(|| black_box(insights::today(&mut j.store, clock).expect("today").matters.len())));
    }
    group.finish();

    let mut group = c.benchmark_group("score");
    group.sample_size(50);
    group.bench_function(big.label, |b| b.iter(|| black_box(insights::score(&mut big.store, clock, big.scored).expect("score").score)));
    group.finish();

    // A read of a million rows takes about half a second: ten of them, one per sample.
    let mut group = c.benchmark_group("floor_select_all");
    group.sample_size(10).measurement_time(Elapsed::from_secs(10)).sampling_mode(SamplingMode::Flat);
    for j in [&mut big, &mut small] {
        group.bench_function(j.label, |b| b.iter(|| black_box(select_all(&mut j.store))));
    }
    group.finish();
}

criterion_group!(benches, signals);
criterion_main!(benches);
