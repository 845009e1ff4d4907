//! A mail account in the real webview, against a real Dovecot: the user adds
//! an account over plain IMAP on this computer in Settings → Mail (the server
//! tests the login before it is saved), a client's message arrives, Sync now
//! asks for the password (the stories run under `dbus-run-session` with no
//! keyring daemon: there is no keychain to keep it, and the app says why), and
//! the sidebar counts the message to review. The same in Spanish.
//!
//! With `TRATO_SCREENSHOTS=target/e2e-screens` the stories picture the
//! Accounts section in English and in Spanish after a sync.

mod accounts;
#[path = "../../../cli/tests/dovecot/mod.rs"]
mod dovecot;

use trato_e2e::{cli, sample_journal, story, story_with, testid, App, Folder, Result};

fn mail_journal(folder: Folder<'_>) -> Result {
    sample_journal(Folder { db: folder.db })?;
    cli(folder.db, &["mail", "me", "ana@studio.example"])?;
    Ok(())
}

fn spanish_mail_journal(folder: Folder<'_>) -> Result {
    mail_journal(Folder { db: folder.db })?;
    cli(folder.db, &["settings", "set", "language", "es"])?;
    Ok(())
}

/// The bakery (a client of the sample journal) asks for something, to `login`.
fn client_message(login: &str) -> String {
    format!(
        "From: Rosa Sol <hola@panaderiasol.es>\nTo: {login}\nSubject: Carta de verano\nDate: Wed, 4 Mar 2026 10:00:00 +0100\n\
         Message-ID: <carta-verano-{login}>\nContent-Type: text/plain; charset=utf-8\n\n\
         Hola,\n\n¿puedes subir la carta de verano a la web antes del lunes?\n\nRosa\n"
    )
}

/// Sync now; with no keychain the app asks for the password, which is typed and used once.
async fn sync_with_password(app: &App, password: &str) -> Result {
    app.click(&testid("mail-account-sync")).await?;
    app.find(&testid("mail-account-ask-password")).await?;
    app.type_into(&testid("mail-account-ask-password"), password).await?;
    app.click(&testid("mail-account-ask-sync")).await?;
    app.find(&testid("mail-account-synced")).await?;
    Ok(())
}

/// Scrolls the Accounts section's title into view, for its picture.
async fn top_of_accounts(app: &App) -> Result {
    app.eval("document.querySelector('[data-testid=mail-accounts]').scrollIntoView()", vec![]).await?;
    Ok(())
}

#[tokio::test]
async fn an_account_added_in_settings_syncs_a_client_s_message_into_the_review_count() {
    let server = dovecot::server();
    let (login, password) = server.user("ana");
    story("mail_account", mail_journal, move |app| async move {
        assert_eq!(app.count(&testid("nav-mail-count")).await?, 0, "nothing to review at first");
        accounts::add_account(&app, "studio", server.port, &login, &password).await?;
        app.wait_for_text(&testid("mail-account-last"), "Never synced").await?;
        app.wait_for_text(&testid("mail-accounts-keychain"), "No keychain: Trato will ask for the password each time").await?;

        server.save(&login, "INBOX", &client_message(&login));
        app.click(&testid("mail-account-sync")).await?;
        // No keychain keeps a password (none answers, or it is locked): the app asks for it.
        app.find(&testid("mail-account-ask-why")).await?;
        app.type_into(&testid("mail-account-ask-password"), &password).await?;
        app.click(&testid("mail-account-ask-sync")).await?;
        app.wait_for_text(&testid("mail-account-synced"), "Synced: 1 new message to review.").await?;
        app.wait_for_text(&testid("nav-mail-count"), "1").await?;
        app.wait_for_text(&testid("mail-account-last"), ": ok").await?;
        top_of_accounts(&app).await?;
        app.screenshot("mail-accounts-en").await?;

        // The message is in the review list.
        app.click(&testid("nav-mail")).await?;
        app.wait_for_text("[data-testid=mail-proposal] .subject", "Carta de verano").await?;

        // Removing asks first; then the account is gone.
        app.click(&testid("nav-settings")).await?;
        app.click(&testid("settings-mail-open")).await?;
        app.click(&testid("mail-account-remove")).await?;
        app.click(&testid("mail-account-confirm-yes")).await?;
        app.find(&testid("mail-accounts-none")).await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_accounts_section_speaks_spanish_to_a_spanish_user() {
    let server = dovecot::server();
    let (login, password) = server.user("rosa");
    story_with("mail_account_es", &[], spanish_mail_journal, move |app| async move {
        accounts::add_account(&app, "estudio", server.port, &login, &password).await?;
        app.wait_for_text(&testid("mail-account-last"), "Nunca sincronizada").await?;
        // A wrong password at Sync now is said in Spanish, and recorded as the last sync's outcome.
        app.click(&testid("mail-account-sync")).await?;
        app.type_into(&testid("mail-account-ask-password"), "no-es-esta").await?;
        app.click(&testid("mail-account-ask-sync")).await?;
        app.wait_for_text(&testid("mail-account-sync-error"), "rechazó el usuario").await?;
        app.wait_for_text(&testid("mail-account-last"), "el servidor rechazó el usuario o la contraseña").await?;

        server.save(&login, "INBOX", &client_message(&login));
        sync_with_password(&app, &password).await?;
        app.wait_for_text(&testid("mail-account-synced"), "Sincronizada: 1 mensaje nuevo por revisar.").await?;
        app.wait_for_text(&testid("nav-mail-count"), "1").await?;
        app.wait_for_text(&testid("mail-account-last"), ": correcta").await?;
        app.wait_for_text(&testid("mail-accounts"), "Cuentas de correo").await?;
        top_of_accounts(&app).await?;
        app.screenshot("mail-accounts-es").await?;
        Ok(())
    })
    .await;
}
