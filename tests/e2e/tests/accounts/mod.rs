//! Settings → Mail's Add form, filled as a user would for an account on the
//! tests' Dovecot (plain IMAP on this computer), for the stories with a mail account.

use trato_e2e::{testid, App, Result};

/// Fills the Add form for `login` on the loopback server's `port` and waits for the account.
pub async fn add_account(app: &App, name: &str, port: u16, login: &str, password: &str) -> Result {
    app.click(&testid("nav-settings")).await?;
    app.click(&testid("settings-mail-open")).await?;
    app.find(&testid("mail-accounts-none")).await?;
    app.click(&testid("mail-account-preset-other")).await?;
    app.type_into(&testid("mail-account-name"), name).await?;
    app.type_into(&testid("mail-account-host"), "127.0.0.1").await?;
    app.set_value(&testid("mail-account-security"), "plain").await?;
    app.find(&testid("mail-account-plain-hint")).await?;
    app.type_into(&testid("mail-account-port"), &port.to_string()).await?;
    app.type_into(&testid("mail-account-login"), login).await?;
    app.type_into(&testid("mail-account-password"), password).await?;
    app.click(&testid("mail-account-add")).await?;
    app.find(&format!("[data-testid=mail-account][data-name={name:?}]")).await?;
    Ok(())
}
