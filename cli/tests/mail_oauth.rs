//! A mail account that signs in through its provider's page (OAuth 2.0, as
//! Outlook and Microsoft 365 require), as a person meets it: `trato mail
//! account add --oauth` prints the address to open, the browser comes back,
//! the account reads a client's mail with XOAUTH2; later syncs need no
//! browser; when the provider withdraws the grant, the sync says to sign in
//! again and `trato mail account sign-in` mends it. Against a real Dovecot
//! (its oauth2 passdb), a real GNOME Keyring, and a provider played here: the
//! test is the browser and the token endpoint, and checks PKCE as Google's
//! and Microsoft's do.

#[path = "../../tests/common/mod.rs"]
mod common;
mod dovecot;
#[path = "../../tests/keyring/mod.rs"]
mod keyring;
#[path = "../../tests/oauth_provider/mod.rs"]
mod oauth_provider;

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::thread;

use common::{add, dump, spawn_with, stderr, stdout, NO_BUS};
use dovecot::server;
use keyring::Keyring;
use oauth_provider::{browse, query, Provider, CLIENT_ID};
use serde_json::Value;
use trato::domain::{Security, SignInMethod};
use trato::imap::{self, Credential, ImapError, Limits, Server, Trust};
use trato::journal::mailbox::{self, MailError, NewAccount, SyncOptions};
use trato::oauth::Token;
use trato::store::Store;

const START: &str = "2026-03-03T09:00:00+01:00";
const LATER: &str = "2026-03-03T12:00:00+01:00";

fn a_request(login: &str, id: &str, subject: &str) -> String {
    format!(
        "From: Rosa Sol <rosa@panaderia-sol.example>\nTo: {login}\nSubject: {subject}\nDate: Tue, 03 Mar 2026 10:00:00 +0100\nMessage-ID: <{id}>\nContent-Type: text/plain; charset=utf-8\n\n¿Puedes poner el menú en la web?\n"
    )
}

/// The user signs in at the provider's page and the browser comes back with a code and the state.
fn signs_in(provider: &Provider) -> impl FnOnce(&str) + '_ {
    move |address| {
        let q = query(address);
        assert!(address.starts_with("https://accounts.example/authorize?"), "the provider's own page: {address}");
        assert_eq!(q["client_id"], CLIENT_ID);
        assert_eq!(q["code_challenge_method"], "S256", "PKCE");
        assert_eq!(q["code_challenge"].len(), 43, "a SHA-256 challenge");
        assert!(q["state"].len() >= 32, "an unguessable state");
        assert_eq!(q["login_hint"], provider.login);
        assert!(q["redirect_uri"].starts_with("http://127.0.0.1:"), "a loopback redirect (RFC 8252)");
        let code = provider.code_for(&q["code_challenge"]);
        let (status, page) = browse(&format!("{}?code={code}&state={}", q["redirect_uri"], q["state"]));
        assert!(status.contains("200") && page.contains("you can close this tab"), "{status} {page}");
    }
}

/// Runs trato (the keychain on `bus`), plays the browser with `browser` on
/// the address it prints, and gives what it did.
fn with_browser(db: &Path, now: &str, bus: &str, args: &[&str], browser: impl FnOnce(&str)) -> Output {
    with_browser_command(db, now, bus, args, "true", browser)
}

/// As [`with_browser`], with `$BROWSER` set to `command`.
fn with_browser_command(db: &Path, now: &str, bus: &str, args: &[&str], command: &str, browser: impl FnOnce(&str)) -> Output {
    let mut child = spawn_with(db, now, args, None, &[("DBUS_SESSION_BUS_ADDRESS", bus), ("BROWSER", command)]);
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut said = String::new();
    let mut line = String::new();
    let address = loop {
        line.clear();
        if err.read_line(&mut line).unwrap() == 0 {
            let out = child.wait_with_output().unwrap();
            panic!("trato printed no address to sign in at: {said}{}", stdout(&out));
        }
        said += &line;
        if let Some(address) = line.trim().strip_prefix("https://").map(|rest| format!("https://{rest}")) {
            break address;
        }
    };
    assert!(said.contains("open this address in your browser to sign in"), "{said}");
    browser(&address);
    err.read_to_string(&mut said).unwrap();
    let mut out = child.wait_with_output().unwrap();
    out.stderr = said.into_bytes();
    out
}

/// Runs trato with no one at the browser.
fn trato(db: &Path, now: &str, bus: &str, args: &[&str]) -> Output {
    spawn_with(db, now, args, None, &[("DBUS_SESSION_BUS_ADDRESS", bus), ("BROWSER", "true")]).wait_with_output().unwrap()
}

fn passes(o: &Output, what: &str) -> String {
    assert!(o.status.success(), "{what} failed: {}\n{}", stderr(o), server().log().lines().rev().take(5).collect::<Vec<_>>().join("\n"));
    stdout(o)
}

fn journal() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    add(&db, START, &["client", "add", "Panadería Sol", "--email", "rosa@panaderia-sol.example"]);
    (dir, db)
}

fn add_args<'a>(port: &'a str, login: &'a str, token_url: &'a str) -> Vec<&'a str> {
    vec![
        "mail",
        "account",
        "add",
        "Work",
        "--oauth",
        "custom",
        "--client-id",
        CLIENT_ID,
        "--authorize-url",
        "https://accounts.example/authorize",
        "--token-url",
        token_url,
        "--scope",
        "imap offline_access",
        "--host",
        "127.0.0.1",
        "--port",
        port,
        "--security",
        "plain",
        "--login",
        login,
    ]
}

fn inbox(report: &Value) -> Value {
    report[0]["folders"].as_array().unwrap().iter().find(|f| f["folder"] == "INBOX").unwrap().clone()
}

/// The journal's bytes, its write-ahead log's included.
fn bytes_of(db: &Path) -> Vec<u8> {
    let mut all = std::fs::read(db).unwrap();
    let wal = PathBuf::from(format!("{}-wal", db.display()));
    all.extend(std::fs::read(wal).unwrap_or_default());
    all
}

// ------------------------------------------------------------------ the stories

#[test]
fn an_account_signed_in_through_the_browser_syncs_without_it_and_signs_in_again_when_the_grant_is_withdrawn() {
    let keyring = Keyring::start();
    let bus = keyring.bus.address.clone();
    let (_dir, db) = journal();
    let (login, _) = server().user("oa-story");
    let provider = Provider::start(&login);
    let port = server().port.to_string();

    let added = with_browser(&db, START, &bus, &add_args(&port, &login, &provider.token_url), signs_in(&provider));
    let said = passes(&added, "account add");
    assert!(said.contains("added mail account Work") && said.contains("oauth custom"), "{said}");
    assert!(said.contains("the sign-in is kept in the system's keychain"), "{said}");
    assert_eq!(keyring.labels("Work"), ["Trato: mail account Work"], "the refresh token is the keychain's");
    let list = passes(&trato(&db, START, &bus, &["mail", "account", "list"]), "account list");
    assert!(list.contains("(plain, oauth custom)"), "the list says how the account signs in: {list}");

    // A client's message becomes a proposal, read with XOAUTH2; the browser is not needed.
    server().save(&login, "INBOX", &a_request(&login, "oa-1@panaderia-sol.example", "Menú de primavera"));
    let synced = trato(&db, LATER, &bus, &["mail", "sync", "Work", "--json"]);
    let report: Value = serde_json::from_str(&passes(&synced, "mail sync")).unwrap();
    assert_eq!((inbox(&report)["new"].as_u64(), inbox(&report)["proposals"].as_u64()), (Some(1), Some(1)), "{report}");
    assert!(!stderr(&synced).contains("open this address"), "a kept sign-in needs no browser: {}", stderr(&synced));

    // Nothing secret in the journal file: no token the provider issued is in its bytes.
    let journal_bytes = bytes_of(&db);
    for token in provider.issued() {
        assert!(!journal_bytes.windows(token.len()).any(|w| w == token.as_bytes()), "{token} is in the journal file");
        assert!(!stdout(&synced).contains(&token) && !stderr(&synced).contains(&token), "a token is never printed");
    }

    // A second sync: the rotated refresh token was kept, so it works again without a browser.
    let again = trato(&db, LATER, &bus, &["mail", "sync", "Work", "--json"]);
    let report: Value = serde_json::from_str(&passes(&again, "second mail sync")).unwrap();
    assert_eq!(inbox(&report)["new"], 0, "{report}");

    // The user withdraws Trato's access at the provider: the sync says to sign in again, and writes nothing.
    provider.withdraw();
    server().save(&login, "INBOX", &a_request(&login, "oa-2@panaderia-sol.example", "Y el horario"));
    let before = dump(&db);
    let refused = trato(&db, LATER, &bus, &["mail", "sync", "Work"]);
    assert_eq!(refused.status.code(), Some(1), "{}", stdout(&refused));
    let why = stderr(&refused);
    assert!(why.contains("trato mail account sign-in Work"), "the way back is named: {why}");
    // Nothing read: no proposal, the cursor unmoved; only the account's last outcome says what went wrong.
    let changed: Vec<String> = dump(&db).into_iter().filter(|line| !before.contains(line)).collect();
    assert!(
        changed.len() == 1 && changed[0].starts_with("mail_accounts: ") && changed[0].contains("\"sign_in_again\""),
        "only the account's outcome changed: {changed:?}"
    );
    let list = passes(&trato(&db, LATER, &bus, &["mail", "account", "list"]), "account list");
    assert!(list.contains("failed (sign_in_again)"), "{list}");

    // In Spanish too.
    common::ok(&db, LATER, &["settings", "set", "language", "es"]);
    let es = stderr(&trato(&db, LATER, &bus, &["mail", "sync", "Work"]));
    assert!(es.contains("vuelve a iniciar sesión con `trato mail account sign-in Work`"), "{es}");
    common::ok(&db, LATER, &["settings", "set", "language", "en"]);

    // Signing in again through the browser mends it.
    let signed = with_browser(&db, LATER, &bus, &["mail", "account", "sign-in", "Work"], signs_in(&provider));
    assert!(passes(&signed, "account sign-in").contains("signed in to mail account Work again"), "{}", stdout(&signed));
    let mended = trato(&db, LATER, &bus, &["mail", "sync", "Work", "--json"]);
    let report: Value = serde_json::from_str(&passes(&mended, "mail sync after signing in again")).unwrap();
    assert_eq!(inbox(&report)["new"], 1, "the message that waited is read now: {report}");

    passes(&trato(&db, LATER, &bus, &["mail", "account", "remove", "Work"]), "account remove");
    assert!(keyring.labels("Work").is_empty(), "removing the account forgets its sign-in");
}

#[test]
fn a_browser_coming_back_from_another_sign_in_is_refused_and_nothing_is_added() {
    let (_dir, db) = journal();
    let (login, _) = server().user("oa-state");
    let provider = Provider::start(&login);
    let port = server().port.to_string();
    let forged = |address: &str| {
        let q = query(address);
        let (_, page) = browse(&format!("{}?code=stolen&state=not-this-sign-in", q["redirect_uri"]));
        assert!(page.contains("did not work"), "{page}");
    };
    let o = with_browser(&db, START, NO_BUS, &add_args(&port, &login, &provider.token_url), forged);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stderr(&o).contains("another sign-in than this one"), "{}", stderr(&o));
    assert_eq!(provider.requests(), 0, "no code was traded");
    assert_eq!(passes(&trato(&db, START, NO_BUS, &["mail", "account", "list"]), "account list"), "", "no account was added");
}

#[test]
fn browser_opens_the_address_and_without_a_keychain_or_a_terminal_a_sync_says_why_it_cannot_sign_in() {
    let (dir, db) = journal();
    let (login, _) = server().user("oa-nokeychain");
    let provider = Provider::start(&login);
    let port = server().port.to_string();
    // The browser $BROWSER names is opened on the address printed.
    let opened = dir.path().join("opened");
    let browser = dir.path().join("browser.sh");
    std::fs::write(&browser, format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", opened.display())).unwrap();
    std::fs::set_permissions(&browser, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let mut printed = String::new();
    let added =
        with_browser_command(&db, START, NO_BUS, &add_args(&port, &login, &provider.token_url), &browser.display().to_string(), |a| {
            printed = a.to_string();
            signs_in(&provider)(a)
        });
    passes(&added, "account add");
    // The browser is not waited for: give it a moment to have run.
    let started = std::time::Instant::now();
    while !opened.exists() && started.elapsed() < std::time::Duration::from_secs(5) {
        thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(std::fs::read_to_string(&opened).ok(), Some(printed), "$BROWSER was given the address to open");
    assert!(stderr(&added).contains("no keychain: Trato will open the browser to sign in at each sync"), "{}", stderr(&added));
    let o = trato(&db, LATER, NO_BUS, &["mail", "sync", "Work"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("nor a terminal"), "{}", stderr(&o));

    // An account that signs in with a password has no browser sign-in to redo.
    let (pw_login, password) = server().user("oa-password");
    let args = ["mail", "account", "add", "Pass", "--host", "127.0.0.1", "--port", &port, "--security", "plain", "--login", &pw_login];
    let args = [&args[..], &["--password-stdin"]].concat();
    passes(&spawn_with(&db, START, &args, Some(&password), &[]).wait_with_output().unwrap(), "password account add");
    let list = passes(&trato(&db, START, NO_BUS, &["mail", "account", "list"]), "account list");
    assert!(list.contains("(plain, password)") && list.contains("(plain, oauth custom)"), "{list}");
    let o = spawn_with(&db, LATER, &["mail", "account", "sign-in", "Pass"], None, &[]).wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("mail account Pass signs in with a password"), "{}", stderr(&o));
}

#[test]
fn xoauth2_with_a_good_token_reads_the_inbox_and_a_refused_token_asks_to_sign_in_again() {
    let (login, _) = server().user("oa-imap");
    server().grant("good-token-7f3a", &login);
    let rt = tokio::runtime::Builder::new_current_thread().enable_io().enable_time().build().unwrap();
    let at = Server { host: "127.0.0.1", port: server().port, security: Security::Plain };
    let good = Token::new("good-token-7f3a");
    let mut session = rt.block_on(imap::connect(at, &Trust::none(), &login, Credential::Bearer(&good), Limits::default())).unwrap();
    let opened = rt.block_on(session.examine("INBOX")).expect("EXAMINE after XOAUTH2");
    assert!(opened.uid_validity > 0);

    let bad = Token::new("withdrawn-token");
    match rt.block_on(imap::connect(at, &Trust::none(), &login, Credential::Bearer(&bad), Limits::default())) {
        Err(ImapError::TokenRefused { login: who, .. }) => assert_eq!(who, login),
        Err(other) => panic!("a refused token is a sign-in to redo, not {other:?}"),
        Ok(_) => panic!("a token nobody granted was taken"),
    }

    // The use cases: an account added and synced with the token; a refused token asks to sign in again.
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("journal.db")).unwrap();
    let clock = common::at(3, 9, 0);
    let email = Some("rosa@panaderia-sol.example".to_string());
    trato::journal::add_client(&mut store, clock, "Panadería Sol", trato::domain::ClientPatch { email, ..Default::default() }).unwrap();
    let settings = trato::domain::OAuthSettings {
        provider: trato::domain::OAuthProvider::Custom {
            authorize_url: "https://accounts.example/authorize".into(),
            token_url: "https://accounts.example/token".into(),
            scope: "imap".into(),
        },
        client_id: CLIENT_ID.into(),
    };
    let new = NewAccount {
        name: "work".into(),
        host: "127.0.0.1".into(),
        port: Some(server().port),
        security: Security::Plain,
        login: login.clone(),
        folders: vec![],
        sign_in: SignInMethod::Oauth(settings.clone()),
    };
    let added = rt.block_on(mailbox::add_account(&mut store, clock, new, Credential::Bearer(&good), &Trust::none(), Limits::default()));
    assert_eq!(added.unwrap().account.sign_in, SignInMethod::Oauth(settings));
    server().save(&login, "INBOX", &a_request(&login, "oa-imap@panaderia-sol.example", "Menú"));
    let report = rt.block_on(mailbox::sync(&mut store, clock, "work", Credential::Bearer(&good), &Trust::none(), SyncOptions::default()));
    assert_eq!(report.unwrap().folders[0].new, 1);
    let refused = rt.block_on(mailbox::sync(&mut store, clock, "work", Credential::Bearer(&bad), &Trust::none(), SyncOptions::default()));
    match refused {
        Err(e @ MailError::SignInAgain { .. }) => assert_eq!(e.refusal().value.as_deref(), Some("work")),
        other => panic!("{other:?}"),
    }
}
