//! Mail that comes by itself, in the real webview, against a real Dovecot and
//! a real GNOME Keyring (both started here; the app is given the keyring's
//! session bus): once an account is added and the keychain keeps its
//! password, the app syncs it at once, then watches its inbox (IDLE), and a
//! client's message saved on the server reaches the sidebar's review count
//! within seconds, nobody pressing Sync now.

mod accounts;
#[path = "../../../cli/tests/dovecot/mod.rs"]
mod dovecot;
#[path = "../../../tests/keyring/mod.rs"]
mod keyring;

use std::time::{Duration, Instant};

use trato_e2e::{cli, sample_journal, story_with, testid, Folder, Result};

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
