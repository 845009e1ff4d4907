//! Rows of IMAP accounts: the accounts (no secret), where each folder's sync
//! stands (UIDVALIDITY and cursor), and the UIDs already read. What to fetch
//! and what a message becomes is decided in the use case; this keeps it.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{bad_row, StoreError};
use crate::domain::time::{from_db, to_db};
use crate::domain::{MailAccount, OAuthProvider, OAuthSettings, Security, SignInMethod};

const SELECT: &str = "SELECT name, host, port, security, login, folders, last_sync_at, last_outcome, \
     sign_in, oauth_provider, oauth_client_id, oauth_authorize_url, oauth_token_url, oauth_scope FROM mail_accounts";

/// The sign-in as its six columns: (sign_in, provider, client id, authorize, token, scope).
type SignInColumns<'a> = (&'static str, Option<&'static str>, Option<&'a str>, Option<&'a str>, Option<&'a str>, Option<&'a str>);

fn sign_in_columns(s: &SignInMethod) -> SignInColumns<'_> {
    match s {
        SignInMethod::Password => ("password", None, None, None, None, None),
        SignInMethod::Oauth(o) => {
            let (authorize, token, scope) = match &o.provider {
                OAuthProvider::Custom { authorize_url, token_url, scope } => {
                    (Some(authorize_url.as_str()), Some(token_url.as_str()), Some(scope.as_str()))
                }
                _ => (None, None, None),
            };
            ("oauth", Some(o.provider.as_str()), Some(o.client_id.as_str()), authorize, token, scope)
        }
    }
}

fn sign_in_from(r: &Row<'_>, what: impl Fn() -> String) -> Result<SignInMethod, StoreError> {
    let method: String = r.get(8)?;
    if method == "password" {
        return Ok(SignInMethod::Password);
    }
    let text = |i: usize, name: &str| -> Result<String, StoreError> {
        r.get::<_, Option<String>>(i)?.ok_or_else(|| bad_row(what(), format!("an OAuth account without its {name}")))
    };
    let provider = match text(9, "provider")?.as_str() {
        "google" => OAuthProvider::Google,
        "microsoft" => OAuthProvider::Microsoft,
        "custom" => OAuthProvider::Custom {
            authorize_url: text(11, "authorize URL")?,
            token_url: text(12, "token URL")?,
            scope: text(13, "scope")?,
        },
        other => return Err(bad_row(what(), format!("OAuth provider {other}"))),
    };
    Ok(SignInMethod::Oauth(OAuthSettings { provider, client_id: text(10, "client id")? }))
}

fn account_from(r: &Row<'_>) -> Result<MailAccount, StoreError> {
    let name: String = r.get(0)?;
    let what = || format!("mail account {name}");
    let security: String = r.get(3)?;
    let folders: String = r.get(5)?;
    Ok(MailAccount {
        host: r.get(1)?,
        port: u16::try_from(r.get::<_, i64>(2)?).map_err(|e| bad_row(what(), e))?,
        security: Security::parse(&security).ok_or_else(|| bad_row(what(), format!("security {security}")))?,
        login: r.get(4)?,
        folders: serde_json::from_str(&folders).map_err(|e| bad_row(what(), e))?,
        last_sync_at: r.get::<_, Option<String>>(6)?.map(|s| from_db(&s).map_err(|e| bad_row(what(), e))).transpose()?,
        last_outcome: r.get(7)?,
        sign_in: sign_in_from(r, what)?,
        name,
    })
}

/// Adds an account; `false` when one of that name is there.
pub fn add_account(conn: &Connection, a: &MailAccount, at: DateTime<Utc>) -> Result<bool, StoreError> {
    let folders = serde_json::to_string(&a.folders).map_err(|e| bad_row("a mail account's folders", e))?;
    let (sign_in, provider, client_id, authorize, token, scope) = sign_in_columns(&a.sign_in);
    let sql = "INSERT OR IGNORE INTO mail_accounts (name, host, port, security, login, folders, created_at, \
         sign_in, oauth_provider, oauth_client_id, oauth_authorize_url, oauth_token_url, oauth_scope) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
    let added = conn.prepare_cached(sql)?.execute(params![
        a.name,
        a.host,
        a.port,
        a.security.as_str(),
        a.login,
        folders,
        to_db(at),
        sign_in,
        provider,
        client_id,
        authorize,
        token,
        scope
    ])?;
    Ok(added == 1)
}

pub fn accounts(conn: &Connection) -> Result<Vec<MailAccount>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} ORDER BY name"))?;
    let rows = stmt.query_map([], |r| Ok(account_from(r)))?;
    rows.map(|r| r?).collect()
}

pub fn account(conn: &Connection, name: &str) -> Result<Option<MailAccount>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE name = ?1"))?;
    stmt.query_row([name], |r| Ok(account_from(r))).optional()?.transpose()
}

/// Removes an account with its cursors and UIDs (the mail it brought stays in
/// the journal); `false` when there was none.
pub fn remove_account(conn: &Connection, name: &str) -> Result<bool, StoreError> {
    Ok(conn.prepare_cached("DELETE FROM mail_accounts WHERE name = ?1")?.execute([name])? == 1)
}

/// When the account was last synced and how that ended (`ok` or a refusal code).
pub fn record_outcome(conn: &Connection, name: &str, at: DateTime<Utc>, outcome: &str) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE mail_accounts SET last_sync_at = ?2, last_outcome = ?3 WHERE name = ?1")?.execute(params![
        name,
        to_db(at),
        outcome
    ])?;
    Ok(())
}

/// Where a folder's sync stands: its UIDVALIDITY and the UID below which all is committed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cursor {
    pub uid_validity: u32,
    pub last_uid: u32,
}

pub fn cursor(conn: &Connection, account: &str, folder: &str) -> Result<Option<Cursor>, StoreError> {
    let sql = "SELECT uid_validity, last_uid FROM mail_folders WHERE account = ?1 AND folder = ?2";
    let found: Option<(i64, i64)> = conn.prepare_cached(sql)?.query_row([account, folder], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
    found
        .map(|(v, l)| {
            let n = |x: i64| u32::try_from(x).map_err(|e| bad_row(format!("mail folder {folder}"), e));
            Ok(Cursor { uid_validity: n(v)?, last_uid: n(l)? })
        })
        .transpose()
}

/// Sets a folder's cursor (creating its row).
pub fn set_cursor(conn: &Connection, account: &str, folder: &str, c: Cursor) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO mail_folders (account, folder, uid_validity, last_uid) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (account, folder) DO UPDATE SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid",
    )?
    .execute(params![account, folder, c.uid_validity, c.last_uid])?;
    Ok(())
}

/// Forgets a folder's cursor and UIDs: its UIDVALIDITY changed, they name nothing now.
pub fn forget_folder(conn: &Connection, account: &str, folder: &str) -> Result<(), StoreError> {
    conn.prepare_cached("DELETE FROM mail_folders WHERE account = ?1 AND folder = ?2")?.execute([account, folder])?;
    Ok(())
}

/// Which of `uids` were read already.
pub fn seen_uids(conn: &Connection, account: &str, folder: &str, uids: &[u32]) -> Result<HashSet<u32>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT 1 FROM mail_uids WHERE account = ?1 AND folder = ?2 AND uid = ?3")?;
    let mut out = HashSet::new();
    for &uid in uids {
        if stmt.query_row(params![account, folder, uid], |_| Ok(())).optional()?.is_some() {
            out.insert(uid);
        }
    }
    Ok(out)
}

/// Records UIDs as read (the folder's row must be there: [`set_cursor`] first).
pub fn add_uids(conn: &Connection, account: &str, folder: &str, uids: &[u32]) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached("INSERT OR IGNORE INTO mail_uids (account, folder, uid) VALUES (?1, ?2, ?3)")?;
    for &uid in uids {
        stmt.execute(params![account, folder, uid])?;
    }
    Ok(())
}

/// Makes a sync accept the client's mail proposals by itself (`on`) or leave
/// them for review; `false` when it already was so.
pub fn set_auto(conn: &Connection, client: crate::domain::ClientId, on: bool) -> Result<bool, StoreError> {
    let sql = if on {
        "INSERT OR IGNORE INTO mail_auto_clients (client_id) VALUES (?1)"
    } else {
        "DELETE FROM mail_auto_clients WHERE client_id = ?1"
    };
    Ok(conn.prepare_cached(sql)?.execute([client.to_string()])? == 1)
}

/// The clients whose mail proposals a sync accepts by itself.
pub fn auto_clients(conn: &Connection) -> Result<HashSet<crate::domain::ClientId>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT client_id FROM mail_auto_clients")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    rows.map(|r| r?.parse().map_err(|e| bad_row("a client whose mail is automatic", e))).collect()
}
