//! Signing a mail account in through its provider's page (OAuth 2.0), for
//! the providers that take no password over IMAP: the address the face opens
//! in the browser, the tokens it comes back with, and a fresh access token
//! from the refresh token before each sync. What the keychain keeps for such
//! an account (the refresh token, and a Google desktop client's secret) is
//! one text, made and read here; the face keeps it, the journal never does.

use std::sync::atomic::AtomicBool;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{MailError, Result};
use crate::domain::{MailAccount, OAuthProvider, OAuthSettings, SignInMethod};
use crate::oauth::{self, Client, Landing, OAuthError, Provider, SignIn, Token, Tokens};
use crate::store::mail_accounts as accounts_rows;
use crate::store::Store;

/// The provider's addresses and scope for an account's settings.
pub fn provider(settings: &OAuthSettings) -> Provider {
    match &settings.provider {
        OAuthProvider::Google => Provider::google(),
        OAuthProvider::Microsoft => Provider::microsoft(),
        OAuthProvider::Custom { authorize_url, token_url, scope } => {
            Provider { authorize: authorize_url.clone(), token: token_url.clone(), scope: scope.clone(), ask_consent: false }
        }
    }
}

fn client(settings: &OAuthSettings, secret: Option<&str>) -> Client {
    Client { id: settings.client_id.clone(), secret: secret.filter(|s| !s.is_empty()).map(str::to_string) }
}

/// What the keychain keeps for an OAuth account, in the one secret a
/// password account keeps its password in.
#[derive(Clone, PartialEq, Eq)]
pub struct Kept {
    pub refresh: Token,
    /// A Google "desktop app" client comes with a secret the token endpoint asks for.
    pub client_secret: Option<String>,
}

impl std::fmt::Debug for Kept {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Kept(…)")
    }
}

#[derive(Serialize, Deserialize)]
struct KeptText {
    refresh_token: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    client_secret: Option<String>,
}

impl Kept {
    /// As the keychain keeps it: a small JSON object.
    pub fn to_text(&self) -> String {
        let text = KeptText { refresh_token: self.refresh.expose().to_string(), client_secret: self.client_secret.clone() };
        serde_json::to_string(&text).unwrap_or_default()
    }

    /// `None` when the text is not one Trato kept for an OAuth account (a
    /// password, written when the account signed in another way).
    pub fn from_text(text: &str) -> Option<Kept> {
        let kept: KeptText = serde_json::from_str(text).ok()?;
        (!kept.refresh_token.is_empty()).then(|| Kept { refresh: Token::new(kept.refresh_token), client_secret: kept.client_secret })
    }
}

/// Starts the sign-in of a new account: the address to open is `url` of the answer.
pub fn start_sign_in(settings: &OAuthSettings, login: &str, client_secret: Option<&str>) -> Result<SignIn> {
    Ok(SignIn::start(&provider(settings), &client(settings, client_secret), Some(login))?)
}

/// Starts signing an existing account in again (its refresh token expired or
/// was withdrawn); refused for an account that signs in with a password.
pub fn start_sign_in_again(store: &mut Store, name: &str, client_secret: Option<&str>) -> Result<(SignIn, MailAccount)> {
    let account = oauth_account(store, name)?;
    let SignInMethod::Oauth(settings) = &account.sign_in else { return Err(MailError::PasswordAccount(name.to_string())) };
    let started = start_sign_in(settings, &account.login, client_secret)?;
    Ok((started, account))
}

/// Waits for the browser to come back (at most `within`, or until `stop`)
/// and trades its code for tokens dated from `now`.
pub fn finish_sign_in(started: SignIn, within: Duration, stop: &AtomicBool, landing: &Landing, now: DateTime<Utc>) -> Result<Tokens> {
    Ok(started.finish(within, stop, landing, now)?)
}

/// A fresh access token for a sync, and the refresh token when the provider
/// replaced it (the face keeps the new one: the old may stop working).
#[derive(Debug)]
pub struct Access {
    pub access: Token,
    pub rotated: Option<Token>,
    /// When the access token stops working: a face may use it until then.
    pub expires_at: DateTime<Utc>,
}

impl Access {
    /// See [`oauth::fresh_until`].
    pub fn fresh_at(&self, now: DateTime<Utc>) -> bool {
        oauth::fresh_until(self.expires_at, now)
    }
}

/// A fresh access token for account `name` from its kept refresh token. A
/// refresh token the provider no longer honours asks to sign in again; that,
/// or a provider out of reach, is the account's last outcome.
pub fn access_for_sync(store: &mut Store, name: &str, kept: &Kept, now: DateTime<Utc>) -> Result<Access> {
    let account = oauth_account(store, name)?;
    access_for(&account, kept, now).or_else(|e| {
        super::record_failure(store, name, now, &e.refusal())?;
        Err(e)
    })
}

/// [`access_for_sync`] for an account already read.
pub fn access_for(account: &MailAccount, kept: &Kept, now: DateTime<Utc>) -> Result<Access> {
    let name = &account.name;
    let SignInMethod::Oauth(settings) = &account.sign_in else { return Err(MailError::PasswordAccount(name.to_string())) };
    let tokens =
        oauth::refresh(&provider(settings), &client(settings, kept.client_secret.as_deref()), &kept.refresh, now).map_err(|e| match e {
            OAuthError::SignInAgain => MailError::SignInAgain { account: name.to_string(), detail: None },
            other => MailError::OAuth(other),
        })?;
    let rotated = tokens.refresh.filter(|r| *r != kept.refresh);
    Ok(Access { access: tokens.access, rotated, expires_at: tokens.expires_at })
}

fn oauth_account(store: &mut Store, name: &str) -> Result<MailAccount> {
    let account = store.read(|tx| Ok::<_, MailError>(accounts_rows::account(tx, name)?))?;
    account.ok_or_else(|| MailError::NoSuchAccount(name.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_keychain_keeps_reads_back_and_a_password_is_not_taken_for_it() {
        let kept = Kept { refresh: Token::new("rt-1"), client_secret: Some("GOCSPX-x".into()) };
        assert_eq!(Kept::from_text(&kept.to_text()), Some(kept.clone()));
        assert!(!format!("{kept:?}").contains("rt-1"), "never printed");
        assert_eq!(Kept::from_text("hunter2"), None);
        assert_eq!(Kept::from_text(r#"{"refresh_token":""}"#), None);
    }

    #[test]
    fn presets_name_their_provider_and_custom_its_own_addresses() {
        let custom = OAuthSettings {
            provider: OAuthProvider::Custom {
                authorize_url: "https://id.example/auth".into(),
                token_url: "https://id.example/token".into(),
                scope: "imap".into(),
            },
            client_id: "c".into(),
        };
        assert_eq!(provider(&custom).token, "https://id.example/token");
        let google = OAuthSettings { provider: OAuthProvider::Google, client_id: "c".into() };
        assert_eq!(provider(&google), Provider::google());
    }
}
