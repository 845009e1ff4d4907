//! A mail account's password in the system's keychain, as a person meets it:
//! typed once when the account is added (only once the server took it), found
//! there by every sync that follows with no one to type it, forgotten with the
//! account; and without a keychain, Trato says why it will ask each time.
//! Against a real Dovecot and a real GNOME Keyring, both started here.

#[path = "../../tests/common/mod.rs"]
mod common;
mod dovecot;
#[path = "../../tests/keyring/mod.rs"]
mod keyring;

use std::path::Path;
use std::process::Output;

use common::{add, spawn_with, stderr, stdout, NO_BUS};

use dovecot::server;
use keyring::Keyring;
use serde_json::Value;

const START: &str = "2026-03-03T09:00:00+01:00";
const LATER: &str = "2026-03-03T12:00:00+01:00";
/// Runs trato on the session bus `bus`, with `password` on standard input
/// when given; else standard input is no terminal and nothing is typed.
fn trato(db: &Path, now: &str, bus: &str, args: &[&str], password: Option<&str>) -> Output {
    spawn_with(db, now, args, password, &[("DBUS_SESSION_BUS_ADDRESS", bus)]).wait_with_output().unwrap()
}

fn passes(o: &Output, what: &str) -> String {
    assert!(o.status.success(), "{what} failed: {}", stderr(o));
    stdout(o)
}

fn journal(user: &str) -> (tempfile::TempDir, std::path::PathBuf, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    add(&db, START, &["client", "add", "Panadería Sol", "--email", "rosa@panaderia-sol.example"]);
    let (login, password) = server().user(user);
    (dir, db, login, password)
}

fn add_account<'a>(login: &'a str, port: &'a str) -> Vec<&'a str> {
    vec![
        "mail",
        "account",
        "add",
        "Work",
        "--host",
        "127.0.0.1",
        "--port",
        port,
        "--security",
        "plain",
        "--login",
        login,
        "--password-stdin",
    ]
}

fn a_request(login: &str, id: &str) -> String {
    format!(
        "From: Rosa Sol <rosa@panaderia-sol.example>\nTo: {login}\nSubject: Menú de primavera\nDate: Tue, 03 Mar 2026 10:00:00 +0100\nMessage-ID: <{id}>\nContent-Type: text/plain; charset=utf-8\n\n¿Puedes poner el menú en la web?\n"
    )
}

#[test]
fn the_password_typed_once_is_kept_in_the_keychain_used_by_each_sync_and_forgotten_with_the_account() {
    let keyring = Keyring::start();
    let bus = keyring.bus.address.clone();
    let (_dir, db, login, password) = journal("kc-kept");
    let port = server().port.to_string();

    // A wrong password is refused by the server, and never kept.
    let wrong = trato(&db, START, &bus, &add_account(&login, &port), Some("not-the-password"));
    assert_eq!(wrong.status.code(), Some(1), "{}", stdout(&wrong));
    assert!(keyring.labels("Work").is_empty(), "a password the server refused is not kept");

    let added = passes(&trato(&db, START, &bus, &add_account(&login, &port), Some(&password)), "account add");
    assert!(added.contains("the password is kept in the system's keychain"), "{added}");
    assert_eq!(keyring.labels("Work"), ["Trato: mail account Work"]);

    // A sync with no one to type a password (standard input is no terminal): the keychain's is used.
    server().save(&login, "INBOX", &a_request(&login, "kc-1@panaderia-sol.example"));
    let synced = trato(&db, LATER, &bus, &["mail", "sync", "Work", "--json"], None);
    let report: Value = serde_json::from_str(&passes(&synced, "mail sync")).unwrap();
    let inbox = report[0]["folders"].as_array().unwrap().iter().find(|f| f["folder"] == "INBOX").unwrap().clone();
    assert_eq!(inbox["new"], 1, "{report}");
    assert!(!stderr(&synced).contains(&password) && !stdout(&synced).contains(&password), "the password is never printed");

    passes(&trato(&db, LATER, &bus, &["mail", "account", "remove", "Work"], None), "account remove");
    assert!(keyring.labels("Work").is_empty(), "removing the account forgets its password");
}

#[test]
fn without_a_keychain_trato_says_why_and_asks_each_time() {
    let (_dir, db, login, password) = journal("kc-none");
    let port = server().port.to_string();

    let added = trato(&db, START, NO_BUS, &add_account(&login, &port), Some(&password));
    assert!(added.status.success(), "the account is added all the same: {}", stderr(&added));
    let said = stderr(&added);
    assert!(said.contains("no keychain: Trato will ask for the password each time"), "{said}");
    assert!(!stdout(&added).contains("kept in the system's keychain"));

    // Nothing to ask on and nothing kept: refused, saying both why and what to do.
    let sync = trato(&db, LATER, NO_BUS, &["mail", "sync", "Work"], None);
    assert_eq!(sync.status.code(), Some(1), "{}", stdout(&sync));
    let said = stderr(&sync);
    assert!(said.contains("no keychain"), "{said}");
    assert!(said.contains("--password-stdin"), "{said}");

    // Piped in, the sync works.
    passes(&trato(&db, LATER, NO_BUS, &["mail", "sync", "Work", "--password-stdin"], Some(&password)), "mail sync");

    // In Spanish, the reason too.
    common::ok(&db, LATER, &["settings", "set", "language", "es"]);
    let es = trato(&db, LATER, NO_BUS, &["mail", "sync", "Work"], None);
    let said = stderr(&es);
    assert!(said.contains("sin llavero: Trato pedirá la contraseña cada vez"), "{said}");
}
