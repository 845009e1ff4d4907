//! IMAP accounts: added only after the server accepted the login and listed
//! its folders, listed with how their last sync went, and removed with their
//! cursors (the mail they brought stays in the journal). No password nor
//! token is kept: the face hands one in for each connection.

use serde::Serialize;

use super::{looks_like_address, MailError, Result};
use crate::domain::mail_account::MAX_ACCOUNT_TEXT;
use crate::domain::{MailAccount, Security, SignInMethod};
use crate::imap::{self, Credential, Folder, Limits, Server, Trust};
use crate::journal::Clock;
use crate::mail;
use crate::store::mail::{self as rows};
use crate::store::mail_accounts as accounts_rows;
use crate::store::Store;

/// An account as the user describes it.
#[derive(Clone, Debug)]
pub struct NewAccount {
    pub name: String,
    pub host: String,
    /// The security's usual port when left out (993 for TLS, 143 otherwise).
    pub port: Option<u16>,
    pub security: Security,
    pub login: String,
    /// Empty: the inbox and the folder the server marks as Sent.
    pub folders: Vec<String>,
    pub sign_in: SignInMethod,
}

/// What adding an account did.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct AddedAccount {
    pub account: MailAccount,
    /// The folders a sync reads, as the server named them.
    pub reads: Vec<String>,
    /// The login, an address, became one of the user's own addresses.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub mine: Option<String>,
}

/// A name, host, login or folder: one line, bounded, nothing that could deceive a terminal.
fn checked(field: &'static str, value: &str) -> Result<String> {
    let v = value.trim();
    let bad = v.is_empty() || v.chars().count() > MAX_ACCOUNT_TEXT || v.chars().any(|c| c.is_control());
    if bad {
        return Err(MailError::BadAccount { field, value: value.to_string() });
    }
    Ok(v.to_string())
}

/// The folders a sync reads: the ones the user named, or the inbox and the
/// folder the server marks `\Sent`. A named folder the server doesn't list
/// (or lists as not openable) is refused now rather than at every sync.
pub(crate) fn folders_to_read(named: &[String], listed: &[Folder]) -> std::result::Result<Vec<String>, String> {
    let is =
        |f: &Folder, name: &str| if name.eq_ignore_ascii_case("INBOX") { f.name.eq_ignore_ascii_case("INBOX") } else { f.name == name };
    if named.is_empty() {
        let mut out = vec!["INBOX".to_string()];
        if let Some(sent) = listed.iter().find(|f| f.sent && f.selectable) {
            out.push(sent.name.clone());
        }
        return Ok(out);
    }
    let mut out = Vec::new();
    for name in named {
        match listed.iter().find(|f| is(f, name) && f.selectable) {
            Some(f) => {
                if !out.contains(&f.name) {
                    out.push(f.name.clone());
                }
            }
            None => return Err(name.clone()),
        }
    }
    Ok(out)
}

/// An account's description once checked: trimmed, bounded, its port chosen.
struct Checked {
    name: String,
    host: String,
    port: u16,
    login: String,
    folders: Vec<String>,
    sign_in: SignInMethod,
}

fn check(store: &mut Store, new: &NewAccount) -> Result<Checked> {
    let name = checked("name", &new.name)?;
    let host = checked("host", &new.host)?;
    if host.chars().any(char::is_whitespace) {
        return Err(MailError::BadAccount { field: "host", value: new.host.clone() });
    }
    let login = checked("login", &new.login)?;
    let folders = new.folders.iter().map(|f| checked("folder", f)).collect::<Result<Vec<_>>>()?;
    let sign_in = match &new.sign_in {
        SignInMethod::Password => SignInMethod::Password,
        SignInMethod::Oauth(o) => {
            let mut o = o.clone();
            o.client_id = checked("client id", &o.client_id)?;
            super::sign_in::provider(&o).check()?;
            SignInMethod::Oauth(o)
        }
    };
    let port = new.port.unwrap_or(new.security.default_port());
    if port == 0 {
        return Err(MailError::BadAccount { field: "port", value: "0".into() });
    }
    if store.read(|tx| Ok::<_, MailError>(accounts_rows::account(tx, &name)?))?.is_some() {
        return Err(MailError::AccountTaken(name));
    }
    Ok(Checked { name, host, port, login, folders, sign_in })
}

/// Refuses an account that [`add_account`] would refuse before asking the
/// server anything: said before a browser opens to sign it in, not after the
/// user signed in for nothing.
pub fn check_new_account(store: &mut Store, new: &NewAccount) -> Result<()> {
    check(store, new).map(|_| ())
}

/// Adds an account once the server took the login and listed its folders;
/// the login, when it is an address, becomes one of the user's own.
pub async fn add_account(
    store: &mut Store,
    clock: Clock,
    new: NewAccount,
    credential: Credential<'_>,
    trust: &Trust,
    limits: Limits,
) -> Result<AddedAccount> {
    let Checked { name, host, port, login, folders, sign_in } = check(store, &new)?;
    let imap_err = |source| MailError::Imap { folder: None, source };
    let server = Server { host: &host, port, security: new.security };
    let mut session = imap::connect(server, trust, &login, credential, limits).await.map_err(imap_err)?;
    let listed = session.folders().await.map_err(imap_err)?;
    session.logout().await;
    let reads = folders_to_read(&folders, &listed).map_err(|folder| {
        imap_err(imap::ImapError::Folder { folder, detail: "the server lists no folder of that name that can be opened".into() })
    })?;
    let account = MailAccount { name, host, port, security: new.security, login, folders, sign_in, last_sync_at: None, last_outcome: None };
    let folded = mail::fold(&account.login);
    let mine = store.write(|tx| {
        if !accounts_rows::add_account(tx, &account, clock.now)? {
            return Err(MailError::AccountTaken(account.name.clone()));
        }
        Ok(if looks_like_address(&folded) && rows::add_my_address(tx, &folded)? { Some(folded.clone()) } else { None })
    })?;
    Ok(AddedAccount { account, reads, mine })
}

/// Logs in to an account's server and out again: a new sign-in is kept only
/// once the server took it, as a new account's password is.
pub async fn check_login(store: &mut Store, name: &str, credential: Credential<'_>, trust: &Trust, limits: Limits) -> Result<()> {
    let account = store.read(|tx| Ok::<_, MailError>(accounts_rows::account(tx, name)?))?;
    let account = account.ok_or_else(|| MailError::NoSuchAccount(name.to_string()))?;
    let server = Server { host: &account.host, port: account.port, security: account.security };
    let session = imap::connect(server, trust, &account.login, credential, limits).await;
    session.map_err(|source| MailError::Imap { folder: None, source })?.logout().await;
    Ok(())
}

pub fn accounts(store: &mut Store) -> Result<Vec<MailAccount>> {
    store.read(|tx| Ok(accounts_rows::accounts(tx)?))
}

/// A sync that could not even begin (the provider refused the kept sign-in,
/// or could not be reached) is the account's last outcome, as a failed sync
/// is: the account then says what is wrong and what mends it.
pub fn record_failure(store: &mut Store, name: &str, at: chrono::DateTime<chrono::Utc>, why: &crate::domain::Refusal) -> Result<()> {
    store.write(|tx| Ok::<_, MailError>(accounts_rows::record_outcome(tx, name, at, why.code.as_str())?))
}

/// Removes an account with its cursors; the mail it brought stays.
pub fn remove_account(store: &mut Store, name: &str) -> Result<()> {
    store.write(|tx| if accounts_rows::remove_account(tx, name)? { Ok(()) } else { Err(MailError::NoSuchAccount(name.to_string())) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(name: &str, sent: bool) -> Folder {
        Folder { name: name.into(), sent, selectable: true }
    }

    #[test]
    fn by_default_the_inbox_and_the_folder_marked_sent_are_read() {
        let listed = [folder("INBOX", false), folder("Drafts", false), folder("Enviados", true)];
        assert_eq!(folders_to_read(&[], &listed), Ok(vec!["INBOX".to_string(), "Enviados".to_string()]));
        assert_eq!(folders_to_read(&[], &listed[..2]), Ok(vec!["INBOX".to_string()]), "no Sent folder: the inbox alone");
    }

    #[test]
    fn named_folders_must_be_listed_and_openable() {
        let mut listed = vec![folder("INBOX", false), folder("Archive", false)];
        assert_eq!(folders_to_read(&["inbox".into(), "Archive".into()], &listed), Ok(vec!["INBOX".to_string(), "Archive".to_string()]));
        assert_eq!(folders_to_read(&["archive".into()], &listed), Err("archive".to_string()), "only INBOX is case-blind");
        listed[1].selectable = false;
        assert_eq!(folders_to_read(&["Archive".into()], &listed), Err("Archive".to_string()));
    }
}
