//! Mail accounts: list, add (the core tests the login and lists the folders
//! before saving), remove, and sync now. The passwords are the system
//! keychain's (`trato::system::keychain`), as for the CLI: a new account's is
//! typed in the form and kept only once the server took it; a sync recalls
//! it, or is handed one the user typed, which is then not kept; removing an
//! account forgets it. A password is never logged, returned or written to the
//! journal.
//!
//! Adding and syncing wait on a server: they run on a connection of their own
//! ([`crate::journal::Journal::apart`]), so the journal's lock is never held
//! while a server answers. Sync now shares its door with the syncs the app
//! starts by itself ([`crate::mail_sync`]): it waits for one of the same
//! account to end rather than run beside it.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};
use trato::domain::{Code, MailAccount, Refusal, Security, SignInMethod};
use trato::imap::{Credential, Limits, Trust};
use trato::journal::mailbox::{self, AddedAccount, NewAccount, SyncReport};
use trato::system::keychain::{self, KeychainError, NoKeychain, Secret};

use super::blocking;
use crate::error::IpcError;
use crate::journal::Shared;
use crate::mail_sync::{kept_login, Login, Syncs};

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
        _ => match kept_login(&account).await? {
            Some(login) => login,
            None if account.sign_in == SignInMethod::Password => {
                return Err(IpcError::refused(Refusal::new(Code::MailNoPassword), "the keychain keeps no password for this account"))
            }
            None => {
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
