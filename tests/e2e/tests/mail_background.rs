//! Mail that comes by itself, in the real webview, against a real Dovecot and
//! a real GNOME Keyring (both started here; the app is given the keyring's
//! session bus): once an account is added and the keychain keeps its
//! password, the app syncs it at once, then watches its inbox (IDLE), and a
//! client's message saved on the server reaches the sidebar's review count
//! within seconds, nobody pressing Sync now. An account that signs in through
//! its provider's page (OAuth 2.0) is added, synced, told to sign in again
//! when the provider withdraws the grant, and mended, all from Settings →
//! Mail, against a provider played here (tests/oauth_provider) whose tokens
//! the Dovecot takes, with the system's browser standing in for a person.

mod accounts;
#[path = "../../../cli/tests/dovecot/mod.rs"]
mod dovecot;
#[path = "../../../tests/keyring/mod.rs"]
mod keyring;
#[path = "../../../tests/oauth_provider/mod.rs"]
mod oauth_provider;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use oauth_provider::{browse, query, Provider, CLIENT_ID};
use trato_e2e::{cli, sample_journal, story_with, testid, App, Folder, Result};

fn mail_journal(folder: Folder<'_>) -> Result {
    sample_journal(Folder { db: folder.db })?;
    cli(folder.db, &["mail", "me", "ana@studio.example"])?;
    Ok(())
}

/// The bakery (a client of the sample journal) asks for something, to `login`.
fn client_message(login: &str, id: &str) -> String {
    format!(
        "From: Rosa Sol <hola@panaderiasol.es>\nTo: {login}\nSubject: Carta de otoño\nDate: Wed, 4 Mar 2026 10:00:00 +0100\n\
         Message-ID: <{id}>\nContent-Type: text/plain; charset=utf-8\n\n\
         Hola,\n\n¿puedes subir la carta de otoño a la web?\n\nRosa\n"
    )
}

#[tokio::test]
async fn a_client_s_message_saved_on_the_server_reaches_the_review_count_without_sync_now() {
    let server = dovecot::server();
    let (login, password) = server.user("ana-background");
    let keyring = keyring::Keyring::start();
    let bus = keyring.bus.address.clone();
    story_with("mail_background", &[("DBUS_SESSION_BUS_ADDRESS", &bus)], mail_journal, move |app| async move {
        assert_eq!(app.count(&testid("nav-mail-count")).await?, 0, "nothing to review at first");
        accounts::add_account(&app, "studio", server.port, &login, &password).await?;
        // The keychain kept the password: no note that it will be asked for, and the app syncs at once by itself.
        app.wait_for_text(&testid("mail-account-last"), ": ok").await?;
        assert_eq!(app.count(&testid("mail-accounts-keychain")).await?, 0, "the keychain kept the password");
        assert_eq!(app.count(&testid("nav-mail-count")).await?, 0, "the inbox held no client mail yet");

        let clicks = app.tally.clicks();
        let saved = Instant::now();
        server.save(&login, "INBOX", &client_message(&login, "carta-otono@panaderiasol.es"));
        app.wait_for_text(&testid("nav-mail-count"), "1").await?;
        let took = saved.elapsed();
        assert_eq!(app.tally.clicks(), clicks, "nobody pressed Sync now, nor anything else");
        assert!(took < Duration::from_secs(20), "the server's news (IDLE) brought it in {took:?}, not the five-minute interval");
        app.wait_for_text(&testid("mail-account-last"), ": ok").await?;

        // A second message: the inbox is still watched after the first woke it.
        server.save(&login, "INBOX", &client_message(&login, "carta-otono-2@panaderiasol.es"));
        app.wait_for_text(&testid("nav-mail-count"), "2").await?;

        app.click(&testid("nav-mail")).await?;
        app.wait_for_text("[data-testid=mail-proposal] .subject", "Carta de otoño").await?;
        Ok(())
    })
    .await;
    drop(keyring);
}

/// A stand-in for the desktop's `xdg-open`, first on the app's PATH: it
/// notes each address the app asks the system to open, one per line.
struct Browser {
    dir: tempfile::TempDir,
}

impl Browser {
    fn new() -> Browser {
        let dir = tempfile::tempdir().expect("a folder for the browser");
        let script = dir.path().join("xdg-open");
        let opened = dir.path().join("opened");
        std::fs::write(&script, format!("#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'\n", opened.display())).expect("the browser");
        std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).expect("an executable browser");
        Browser { dir }
    }

    /// The app's PATH: this browser first.
    fn path(&self) -> String {
        format!("{}:{}", self.dir.path().display(), std::env::var("PATH").unwrap_or_default())
    }

    fn opened_file(&self) -> PathBuf {
        self.dir.path().join("opened")
    }
}

/// The `n`th address the app opened in the browser (from 1), once it has.
async fn opened(file: &Path, n: usize) -> Result<String> {
    let began = Instant::now();
    loop {
        let lines: Vec<String> = std::fs::read_to_string(file).unwrap_or_default().lines().map(str::to_string).collect();
        if let Some(address) = lines.get(n - 1) {
            return Ok(address.clone());
        }
        if began.elapsed() > Duration::from_secs(20) {
            return Err(format!("the app opened {} addresses in the browser, not {n}", lines.len()).into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The person at the browser signs in at the provider's page, which sends
/// the browser back to the app's loopback redirect with a code.
fn signs_in(provider: &Provider, address: &str) -> Result {
    let q = query(address);
    if !address.starts_with("https://accounts.example/authorize?") || q["client_id"] != CLIENT_ID || q["code_challenge_method"] != "S256" {
        return Err(format!("not the provider's page for Trato's client with PKCE: {address}").into());
    }
    let code = provider.code_for(&q["code_challenge"]);
    let (status, page) = browse(&format!("{}?code={code}&state={}", q["redirect_uri"], q["state"]));
    if !(status.contains("200") && page.contains("you can close this tab")) {
        return Err(format!("the app's redirect answered {status}: {page}").into());
    }
    Ok(())
}

/// Fills Settings → Mail's form for another provider's sign-in: its page, its
/// token endpoint (the provider played here) and the Dovecot on this computer.
async fn add_signing_in(app: &App, provider: &Provider, port: u16) -> Result {
    app.click(&testid("nav-settings")).await?;
    app.click(&testid("settings-mail-open")).await?;
    app.find(&testid("mail-accounts-none")).await?;
    app.click(&testid("mail-account-preset-custom")).await?;
    app.type_into(&testid("mail-account-name"), "Work").await?;
    app.type_into(&testid("mail-account-login"), &provider.login).await?;
    app.type_into(&testid("mail-account-authorize-url"), "https://accounts.example/authorize").await?;
    app.type_into(&testid("mail-account-token-url"), &provider.token_url).await?;
    app.type_into(&testid("mail-account-scope"), "imap offline_access").await?;
    app.type_into(&testid("mail-account-host"), "127.0.0.1").await?;
    app.set_value(&testid("mail-account-security"), "plain").await?;
    app.type_into(&testid("mail-account-port"), &port.to_string()).await?;
    app.type_into(&testid("mail-account-client-id"), CLIENT_ID).await?;
    app.click(&testid("mail-account-sign-in")).await?;
    Ok(())
}

/// Switches the journal's language in Settings and comes back to Settings → Mail.
async fn in_language(app: &App, lang: &str) -> Result {
    app.click(&testid("nav-settings")).await?;
    app.set_value(&testid("setting-language"), lang).await?;
    app.click(&testid("settings-mail-open")).await?;
    app.find("[data-testid=mail-account][data-name=Work]").await?;
    Ok(())
}

#[tokio::test]
async fn an_account_signed_in_through_the_provider_s_page_syncs_and_signs_in_again_when_the_grant_is_withdrawn() {
    let server = dovecot::server();
    let (login, _) = server.user("ana-oauth");
    let provider = Arc::new(Provider::start(&login));
    let keyring = keyring::Keyring::start();
    let bus = keyring.bus.address.clone();
    let browser = Browser::new();
    let path = browser.path();
    let file = browser.opened_file();
    let env = [("DBUS_SESSION_BUS_ADDRESS", bus.as_str()), ("PATH", path.as_str())];
    story_with("mail_oauth", &env, mail_journal, move |app| async move {
        add_signing_in(&app, &provider, server.port).await?;
        // The app opened the provider's page and waits, saying so, until the browser comes back.
        let first = opened(&file, 1).await?;
        app.find(&testid("mail-account-waiting")).await?;
        signs_in(&provider, &first)?;
        app.find("[data-testid=mail-account][data-name=Work]").await?;
        app.wait_for_text(&testid("mail-account-where"), "signs in through its provider").await?;
        assert_eq!(app.count(&testid("mail-accounts-keychain")).await?, 0, "the keychain kept the sign-in");
        // Synced at once with the access token in hand, then the inbox watched: a client's message comes by itself.
        app.wait_for_text(&testid("mail-account-last"), ": ok").await?;
        server.save(&login, "INBOX", &client_message(&login, "carta-oauth@panaderiasol.es"));
        app.wait_for_text(&testid("nav-mail-count"), "1").await?;
        let refreshes = provider.requests();
        app.click(&testid("mail-account-sync")).await?;
        app.find(&testid("mail-account-synced")).await?;
        assert_eq!(provider.requests(), refreshes, "the access token still fresh was used again, not traded anew");

        // The user withdraws Trato's access at the provider: the next sync is refused, and the account says what mends it.
        provider.withdraw();
        app.click(&testid("mail-account-sync")).await?;
        app.wait_for_text(&testid("mail-account-last"), "sign in again").await?;
        app.find(&testid("mail-account-sign-in-again")).await?;
        app.screenshot("mail-account-sign-in-again-en").await?;
        in_language(&app, "es").await?;
        app.wait_for_text(&testid("mail-account-last"), "inicia sesión de nuevo").await?;
        app.wait_for_text(&testid("mail-account-sign-in-again"), "Iniciar sesión de nuevo").await?;
        app.screenshot("mail-account-sign-in-again-es").await?;
        in_language(&app, "en").await?;
        server.save(&login, "INBOX", &client_message(&login, "carta-oauth-2@panaderiasol.es"));

        // Signing in again through the browser mends it: the message that waited is read at once.
        app.click(&testid("mail-account-sign-in-again")).await?;
        let second = opened(&file, 2).await?;
        app.find(&testid("mail-account-waiting-again")).await?;
        signs_in(&provider, &second)?;
        app.wait_for_text(&testid("nav-mail-count"), "2").await?;
        app.wait_for_text(&testid("mail-account-last"), ": ok").await?;
        assert_eq!(app.count(&testid("mail-account-sign-in-again")).await?, 0, "nothing left to mend");
        Ok(())
    })
    .await;
    drop(keyring);
}
