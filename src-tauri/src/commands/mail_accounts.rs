//! Mail accounts: list, add (the core tests the login and lists the folders
//! before saving), remove, and sync now. The passwords are the system
//! keychain's (`trato::system::keychain`), as for the CLI: a new account's is
//! typed in the form and kept only once the server took it; a sync recalls
//! it, or is handed one the user typed, which is then not kept; removing an
//! account forgets it. A password is never logged, returned or written to the
//! journal.
//!
//! An account of Google or Microsoft signs in through the provider's page
//! instead: the system's browser opens it and comes back to a port on this
//! computer; the keychain then keeps the refresh token, as the CLI does.
//!
//! Adding and syncing wait on a server: they run on a connection of their own
//! ([`crate::journal::Journal::apart`]), so the journal's lock is never held
//! while a server answers. Sync now shares its door with the syncs the app
//! starts by itself ([`crate::mail_sync`]): it waits for one of the same
//! account to end rather than run beside it.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};
use trato::domain::{Code, Language, MailAccount, OAuthProvider, OAuthSettings, Refusal, Security, SignInMethod};
use trato::imap::{Credential, Limits, Trust};
use trato::journal::mailbox::{self, AddedAccount, Kept, NewAccount, SyncReport};
use trato::oauth::{Landing, SignIn, Token, Tokens};
use trato::system::keychain::{self, KeychainError, NoKeychain, Secret};

use super::blocking;
use crate::error::IpcError;
use crate::journal::Shared;
use crate::mail_sync::{no_sign_in, Login, Syncs};

/// An account as the Add form sends it.
#[derive(Clone, Deserialize, ts_rs::TS)]
pub struct AccountForm {
    pub name: String,
    pub host: String,
    /// The security's usual port when left out (993 for TLS, 143 otherwise).
    pub port: Option<u16>,
    pub security: Security,
    pub login: String,
    /// Empty: the inbox and the folder the server marks as Sent.
    pub folders: Vec<String>,
    pub password: String,
}

// By hand: a derived Debug would print the password.
impl std::fmt::Debug for AccountForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AccountForm").field("name", &self.name).field("host", &self.host).finish_non_exhaustive()
    }
}

/// What adding an account did, and whether its password is kept.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct AccountAdded {
    pub added: AddedAccount,
    /// Why the keychain did not keep the password (each sync will ask for it); none when it did.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_kept: Option<Refusal>,
}

/// The accounts, with when their last sync ran and how it ended (`ok` or a refusal's code).
#[tauri::command]
pub async fn mail_accounts(journal: State<'_, Shared>) -> Result<Vec<MailAccount>, IpcError> {
    journal.run(|store, _| mailbox::accounts(store)).await
}

/// The roots TLS trusts: the system's, read only when TLS is used (a file read: off the runtime).
pub(crate) async fn trust_for(security: Security) -> Result<Trust, IpcError> {
    match security {
        Security::Plain => Ok(Trust::none()),
        Security::Tls | Security::Starttls => blocking(|| Ok(Trust::system())).await,
    }
}

/// Tests the login, lists the folders, saves the account, then keeps the
/// password in the keychain (only now: a password the server refused is never kept).
#[tauri::command]
pub async fn add_mail_account(
    journal: State<'_, Shared>,
    syncs: State<'_, Arc<Syncs>>,
    account: AccountForm,
) -> Result<AccountAdded, IpcError> {
    let AccountForm { name, host, port, security, login, folders, password } = account;
    let password = Secret::new(password);
    if password.expose().is_empty() {
        return Err(IpcError::refused(Refusal::new(Code::MailNoPassword), "no password was typed").on("password"));
    }
    let trust = trust_for(security).await?;
    let new = NewAccount { name, host, port, security, login, folders, sign_in: SignInMethod::Password };
    let secret = password.expose().to_string();
    let added = journal
        .apart(move |mut store, clock| async move {
            let secret = Secret::new(secret);
            Ok::<_, IpcError>(
                mailbox::add_account(&mut store, clock, new, Credential::Password(secret.expose()), &trust, Limits::default()).await?,
            )
        })
        .await?;
    let name = added.account.name.clone();
    let not_kept = blocking(move || Ok(keychain::remember(&name, &password).err().map(|e| e.refusal()))).await?;
    // With its password kept, the app syncs it at once, then by itself.
    syncs.accounts_changed();
    Ok(AccountAdded { added, not_kept })
}

/// Who signs a new account in through the browser, as the form offers it:
/// Google and Microsoft with their own IMAP servers, or any other provider
/// by its two addresses, the scope it grants IMAP with, and its server.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SignInProvider {
    Google,
    Microsoft,
    Custom {
        authorize_url: String,
        token_url: String,
        scope: String,
        host: String,
        /// The security's usual port when left out.
        port: Option<u16>,
        security: Security,
    },
}

impl SignInProvider {
    /// Who signs in, and the IMAP server the account reads.
    fn split(self) -> (OAuthProvider, String, Option<u16>, Security) {
        match self {
            SignInProvider::Google => (OAuthProvider::Google, "imap.gmail.com".into(), None, Security::Tls),
            SignInProvider::Microsoft => (OAuthProvider::Microsoft, "outlook.office365.com".into(), None, Security::Tls),
            SignInProvider::Custom { authorize_url, token_url, scope, host, port, security } => {
                (OAuthProvider::Custom { authorize_url, token_url, scope }, host, port, security)
            }
        }
    }
}

/// An account that signs in through its provider's page, as the Add form sends it.
#[derive(Clone, Deserialize, ts_rs::TS)]
pub struct OAuthAccountForm {
    pub name: String,
    pub login: String,
    pub provider: SignInProvider,
    /// The app the user registered with the provider: Trato ships none.
    pub client_id: String,
    /// A Google "desktop app" client's secret; none for Microsoft.
    #[ts(optional)]
    pub client_secret: Option<String>,
    /// Empty: the inbox and the folder the server marks as Sent.
    pub folders: Vec<String>,
}

// By hand: a derived Debug would print the client secret.
impl std::fmt::Debug for OAuthAccountForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OAuthAccountForm").field("name", &self.name).field("provider", &self.provider).finish_non_exhaustive()
    }
}

/// How long the browser has to come back, as for the CLI: a person may need
/// to find a password or a second factor, not an afternoon.
const SIGN_IN_WITHIN: Duration = Duration::from_secs(5 * 60);

/// The sign-in waiting for the browser, if one is: Cancel stops it.
#[derive(Default)]
pub struct SigningIn(Mutex<Option<Arc<AtomicBool>>>);

impl SigningIn {
    fn begin(&self) -> Arc<AtomicBool> {
        let stop = Arc::new(AtomicBool::new(false));
        let mut waiting = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        // A sign-in started again replaces the one left waiting: that one stops.
        if let Some(old) = waiting.replace(Arc::clone(&stop)) {
            old.store(true, Ordering::SeqCst);
        }
        stop
    }

    fn cancel(&self) {
        if let Some(stop) = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).take() {
            stop.store(true, Ordering::SeqCst);
        }
    }
}

/// What the browser's tab says when it comes back, in the user's language.
fn landing(lang: Language) -> Landing {
    match lang {
        Language::En => Landing {
            done: "Signed in to Trato: you can close this tab and go back to Trato.".into(),
            failed: "The sign-in to Trato did not work: go back to Trato to see why.".into(),
        },
        Language::Es => Landing {
            done: "Sesión iniciada en Trato: puedes cerrar esta pestaña y volver a Trato.".into(),
            failed: "El inicio de sesión en Trato no funcionó: vuelve a Trato para ver por qué.".into(),
        },
    }
}

/// Opens the provider's page in the system's browser and waits for the
/// browser to come back (at most five minutes, or until
/// [`cancel_mail_sign_in`]) with the tokens.
async fn through_browser(app: &AppHandle, journal: &Shared, signing_in: &SigningIn, started: SignIn) -> Result<Tokens, IpcError> {
    use tauri_plugin_opener::OpenerExt;
    app.opener()
        .open_url(started.url.clone(), None::<&str>)
        .map_err(|e| IpcError::new(Code::MailCantOpenApp, format!("the browser could not be opened: {e}")))?;
    let clock = journal.run(|_, clock| Ok::<_, IpcError>(clock)).await?;
    let stop = signing_in.begin();
    let waited = Arc::clone(&stop);
    let tokens = blocking(move || Ok(mailbox::finish_sign_in(started, SIGN_IN_WITHIN, &waited, &landing(clock.lang), clock.now)?)).await;
    signing_in.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).take_if(|s| Arc::ptr_eq(s, &stop));
    tokens
}

/// Keeps a sign-in's refresh token (and a client secret) in the keychain;
/// why it could not, if so: then each sync asks to sign in again.
async fn keep_sign_in(name: &str, refresh: Option<Token>, client_secret: Option<String>) -> Result<Option<Refusal>, IpcError> {
    let Some(refresh) = refresh else { return Ok(Some(Refusal::new(Code::MailNoSignIn).value(name))) };
    let (name, kept) = (name.to_string(), Secret::new(Kept { refresh, client_secret }.to_text()));
    blocking(move || Ok(keychain::remember(&name, &kept).err().map(|e| e.refusal()))).await
}

/// Signs a new account in through its provider's page ([`through_browser`]),
/// tests the login and lists the folders with the access token, saves the
/// account, then keeps the refresh token (and a client secret) in the
/// keychain: only once the server took it.
#[tauri::command]
pub async fn add_oauth_mail_account(
    app: AppHandle,
    journal: State<'_, Shared>,
    syncs: State<'_, Arc<Syncs>>,
    signing_in: State<'_, SigningIn>,
    account: OAuthAccountForm,
) -> Result<AccountAdded, IpcError> {
    let OAuthAccountForm { name, login, provider, client_id, client_secret, folders } = account;
    let (provider, host, port, security) = provider.split();
    let settings = OAuthSettings { provider, client_id };
    let new = NewAccount { name, host, port, security, login, folders, sign_in: SignInMethod::Oauth(settings.clone()) };
    // Said before the browser opens, not after the user signed in for nothing.
    let checked = new.clone();
    journal.run(move |store, _| mailbox::check_new_account(store, &checked)).await?;
    let client_secret = client_secret.filter(|s| !s.is_empty());
    let (l, c) = (new.login.clone(), client_secret.clone());
    let started = blocking(move || Ok(mailbox::start_sign_in(&settings, &l, c.as_deref())?)).await?;
    let tokens = through_browser(&app, &journal, &signing_in, started).await?;
    let trust = trust_for(security).await?;
    let access = tokens.access.clone();
    let added = journal
        .apart(move |mut store, clock| async move {
            Ok::<_, IpcError>(mailbox::add_account(&mut store, clock, new, Credential::Bearer(&access), &trust, Limits::default()).await?)
        })
        .await?;
    let name = added.account.name.clone();
    let not_kept = keep_sign_in(&name, tokens.refresh, client_secret).await?;
    syncs.signed_in(&name, tokens.access, tokens.expires_at);
    Ok(AccountAdded { added, not_kept })
}

/// Signs an account in again through its provider's page, when the provider
/// withdrew or expired the sign-in the keychain keeps: tests the login with
/// the new access token, then keeps the new refresh token in the old one's
/// place (the client secret kept at the first sign-in, unless another is
/// given), and syncs the account at once. Answers why the keychain could not
/// keep it, if so.
#[tauri::command]
pub async fn sign_in_mail_account_again(
    app: AppHandle,
    journal: State<'_, Shared>,
    syncs: State<'_, Arc<Syncs>>,
    signing_in: State<'_, SigningIn>,
    name: String,
    client_secret: Option<String>,
) -> Result<Option<Refusal>, IpcError> {
    let n = name.clone();
    let secret = match client_secret.filter(|s| !s.is_empty()) {
        Some(secret) => Some(secret),
        None => blocking(move || Ok(keychain::recall(&n).ok().flatten().and_then(|k| Kept::from_text(k.expose())?.client_secret))).await?,
    };
    let (n, c) = (name.clone(), secret.clone());
    let (started, account) = journal.run(move |store, _| mailbox::start_sign_in_again(store, &n, c.as_deref())).await?;
    let tokens = through_browser(&app, &journal, &signing_in, started).await?;
    let trust = trust_for(account.security).await?;
    let (n, access) = (name.clone(), tokens.access.clone());
    journal
        .apart(move |mut store, _| async move {
            Ok::<_, IpcError>(mailbox::check_login(&mut store, &n, Credential::Bearer(&access), &trust, Limits::default()).await?)
        })
        .await?;
    let not_kept = keep_sign_in(&name, tokens.refresh, secret).await?;
    syncs.signed_in(&name, tokens.access, tokens.expires_at);
    Ok(not_kept)
}

/// Stops the sign-in waiting for the browser, if one is: it ends refused with
/// `sign_in_cancelled`, nothing kept.
#[tauri::command]
pub async fn cancel_mail_sign_in(signing_in: State<'_, SigningIn>) -> Result<(), IpcError> {
    signing_in.cancel();
    Ok(())
}

/// Removes the account (the mail it brought stays) and forgets its password;
/// a sync of it running is stopped first (nothing half-written), and none
/// starts meanwhile. Answers why the password could not be forgotten (a
/// locked keychain), if so; without a keychain there was none to forget.
#[tauri::command]
pub async fn remove_mail_account(
    journal: State<'_, Shared>,
    syncs: State<'_, Arc<Syncs>>,
    name: String,
) -> Result<Option<Refusal>, IpcError> {
    let n = name.clone();
    let stopped = syncs.stop(&name).await;
    let removed = journal.write(move |store, _| mailbox::remove_account(store, &n)).await;
    syncs.forget(&name);
    drop(stopped);
    removed?;
    blocking(move || {
        Ok(match keychain::forget(&name) {
            Err(e @ KeychainError::Unavailable { why, .. }) if why != NoKeychain::Missing => Some(e.refusal()),
            _ => None,
        })
    })
    .await
}

/// Syncs one account now (after a sync of it already running, if one is).
/// Without `password`, the keychain's; when it keeps none, refused with
/// `mail_no_password`, and without a keychain with `keychain_unavailable`
/// (saying why), so that the UI asks for it. A password handed in is used for
/// this sync only, never kept.
#[tauri::command]
pub async fn sync_mail_account(
    app: AppHandle,
    journal: State<'_, Shared>,
    syncs: State<'_, Arc<Syncs>>,
    name: String,
    password: Option<String>,
) -> Result<SyncReport, IpcError> {
    let n = name.clone();
    let accounts = journal.run(|store, _| mailbox::accounts(store)).await?;
    let account = accounts.into_iter().find(|a| a.name == n).ok_or_else(|| IpcError::from(mailbox::MailError::NoSuchAccount(n)))?;
    let login = match password.filter(|p| !p.is_empty()) {
        Some(typed) if account.sign_in == SignInMethod::Password => Login::Password(Secret::new(typed)),
        _ => match syncs.login(&account).await {
            Ok(Some(login)) => login,
            // The provider refused the kept sign-in: the account says so, and offers to sign in again.
            Err(e) if account.sign_in != SignInMethod::Password => {
                no_sign_in(&app, &journal, &name, e.clone()).await;
                return Err(e);
            }
            Err(e) => return Err(e),
            Ok(None) if account.sign_in == SignInMethod::Password => {
                return Err(IpcError::refused(Refusal::new(Code::MailNoPassword), "the keychain keeps no password for this account"))
            }
            Ok(None) => {
                return Err(IpcError::refused(
                    Refusal::new(Code::MailNoSignIn).value(&name),
                    "the keychain keeps no sign-in for this account",
                ))
            }
        },
    };
    let claim = syncs.claim(&name).await;
    syncs.sync(&app, &journal, &account, login, claim).await
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use super::*;

    /// A sign-in of a provider on this machine that never sends the browser back.
    fn started() -> trato::oauth::SignIn {
        let settings = OAuthSettings {
            provider: OAuthProvider::Custom {
                authorize_url: "http://127.0.0.1:9/authorize".into(),
                token_url: "http://127.0.0.1:9/token".into(),
                scope: "imap".into(),
            },
            client_id: "c".into(),
        };
        mailbox::start_sign_in(&settings, "ana@example.com", None).expect("a loopback port")
    }

    fn wait(stop: Arc<AtomicBool>) -> std::thread::JoinHandle<Result<trato::oauth::Tokens, IpcError>> {
        let sign_in = started();
        std::thread::spawn(move || Ok(mailbox::finish_sign_in(sign_in, SIGN_IN_WITHIN, &stop, &landing(Language::Es), chrono::Utc::now())?))
    }

    #[test]
    fn cancel_ends_the_wait_for_the_browser_at_once_refused_as_cancelled() {
        let signing_in = SigningIn::default();
        let waiting = wait(signing_in.begin());
        std::thread::sleep(Duration::from_millis(200));
        let asked = Instant::now();
        signing_in.cancel();
        let Err(e) = waiting.join().expect("no panic") else { panic!("signed in without a browser") };
        assert_eq!(e.refusal.code, Code::SignInCancelled);
        assert!(asked.elapsed() < Duration::from_secs(5), "the wait ended {:?} after Cancel", asked.elapsed());
    }

    #[test]
    fn a_sign_in_started_again_stops_the_one_left_waiting_and_cancel_stops_the_new_one() {
        let signing_in = SigningIn::default();
        let first = wait(signing_in.begin());
        let second = signing_in.begin();
        let Err(e) = first.join().expect("no panic") else { panic!("signed in without a browser") };
        assert_eq!(e.refusal.code, Code::SignInCancelled);
        assert!(!second.load(Ordering::SeqCst), "the new sign-in still waits");
        signing_in.cancel();
        assert!(second.load(Ordering::SeqCst));
    }
}
