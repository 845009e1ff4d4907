//! How long `trato mail sync` takes when the server has one new client
//! message: connect and log in, open INBOX and Sent read-only, search, fetch
//! the new message's header and start, and commit its proposal, UID and the
//! cursors. On a real Dovecot on loopback (plaintext: TLS's handshake is the
//! network's cost, not Trato's). Goal: ≤ 300 ms median. Run with
//! `cargo bench --bench imap_sync` (needs `dovecot-imapd`).

#[path = "../cli/tests/dovecot/mod.rs"]
mod dovecot;

use chrono::Utc;
use chrono_tz::Tz;
use criterion::{criterion_group, criterion_main, Criterion};
use trato::domain::{ClientPatch, Security};
use trato::imap::{Limits, Trust};
use trato::journal::mailbox::{self, NewAccount, SyncOptions};
use trato::journal::{self, Clock};
use trato::store::Store;

fn incremental_sync(c: &mut Criterion) {
    let server = dovecot::server();
    let (login, password) = server.user("bench");
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("bench.db")).expect("journal");
    // The real clock: the re-list of recent UIDs goes by the server's own dates.
    let clock = || Clock::new(Utc::now(), Tz::UTC);
    let email = Some("rosa@panaderia-sol.example".to_string());
    journal::add_client(&mut store, clock(), "Panadería Sol", ClientPatch { email, ..ClientPatch::default() }).expect("client");
    let rt = tokio::runtime::Builder::new_current_thread().enable_io().enable_time().build().expect("runtime");
    let new = NewAccount {
        name: "work".into(),
        host: "127.0.0.1".into(),
        port: Some(server.port),
        security: Security::Plain,
        login: login.clone(),
        folders: vec![],
        sign_in: trato::domain::SignInMethod::Password,
    };
    rt.block_on(mailbox::add_account(
        &mut store,
        clock(),
        new,
        trato::imap::Credential::Password(&password),
        &Trust::none(),
        Limits::default(),
    ))
    .expect("account");
    let mut n = 0;
    let mut message = || {
        n += 1;
        format!(
            "From: Rosa <rosa@panaderia-sol.example>\nTo: {login}\nSubject: Order {n}\nDate: {}\nMessage-ID: <order-{n}@panaderia-sol.example>\n\nThe spring menu, please.\n",
            Utc::now().to_rfc2822()
        )
    };
    // A mailbox with some history, synced once.
    for _ in 0..20 {
        server.save(&login, "INBOX", &message());
    }
    let sync = |store: &mut Store| {
        rt.block_on(mailbox::sync(
            store,
            clock(),
            "work",
            trato::imap::Credential::Password(&password),
            &Trust::none(),
            SyncOptions::default(),
        ))
    };
    sync(&mut store).expect("first sync");

    let mut group = c.benchmark_group("imap sync");
    group.sample_size(20);
    group.bench_function("one new message on loopback Dovecot (connect to commit)", |b| {
        b.iter_custom(|iters| {
            let mut spent = std::time::Duration::ZERO;
            for _ in 0..iters {
                server.save(&login, "INBOX", &message());
                let started = std::time::Instant::now();
                let report = sync(&mut store).expect("sync");
                spent += started.elapsed();
                assert_eq!(report.folders[0].new, 1, "the one new message, and only it");
            }
            spent
        })
    });
    group.finish();
}

criterion_group!(benches, incremental_sync);
criterion_main!(benches);
