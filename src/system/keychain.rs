//! The system's keychain: each mail account's password (or, for an account
//! that signs in through its provider's page, its OAuth refresh token, as
//! the text `journal::mailbox::Kept` makes) kept by the Secret Service of
//! the desktop session (GNOME Keyring, KWallet), never by Trato:
//! not in the journal, a log, an export or an error. Without a keychain that
//! answers, every call refuses (`KeychainError::Unavailable`) within seconds,
//! and the face asks for the password each time: there is no fallback to a
//! file.
//!
//! Items are kept under the attributes `service = "trato"` and
//! `username = ACCOUNT`, labelled "Trato: mail account ACCOUNT", which is what
//! Seahorse (Passwords and Keys) lists.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use zeroize::Zeroizing;

use crate::domain::{Code, Refusal};

/// The `service` attribute of every item Trato keeps.
pub const SERVICE: &str = "trato";

/// How long finding the Secret Service may take: the session bus answers in
/// milliseconds, or starts the keyring daemon on demand in well under a
/// second. A bus that starts something that never answers must not hang the
/// app, nor a command.
const CONNECT_WITHIN: Duration = Duration::from_secs(3);

/// How long one call may take once connected: a locked keyring asks its
/// owner for the keyring's password in a prompt of its own, and a person
/// needs time to type it.
const ANSWER_WITHIN: Duration = Duration::from_secs(60);

/// A password, kept out of sight: its `Debug` shows no character of it, it has
/// no `Display` and no `Serialize`, and its bytes are zeroed when it is dropped.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    pub fn new(secret: impl Into<String>) -> Secret {
        Secret(Zeroizing::new(secret.into()))
    }

    /// The password itself, for the one call that needs it (a login).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(redacted)")
    }
}

/// Why there is no keychain to use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoKeychain {
    /// No session bus, or no Secret Service on it.
    Missing,
    /// The keyring is locked and was not unlocked (its prompt dismissed or impossible).
    Locked,
    /// The Secret Service did not answer in time.
    Silent,
    /// It answered with an error.
    Failed,
}

impl NoKeychain {
    /// As the faces name it (the refusal's `kind`).
    pub fn as_str(self) -> &'static str {
        match self {
            NoKeychain::Missing => "keychain_missing",
            NoKeychain::Locked => "keychain_locked",
            NoKeychain::Silent => "keychain_silent",
            NoKeychain::Failed => "keychain_failed",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum KeychainError {
    /// What the system said is in `detail`; it never holds a password.
    #[error("no keychain ({}): {detail}", why.as_str())]
    Unavailable { why: NoKeychain, detail: String },
}

impl KeychainError {
    fn unavailable(why: NoKeychain, detail: impl std::fmt::Display) -> KeychainError {
        KeychainError::Unavailable { why, detail: detail.to_string() }
    }

    pub fn refusal(&self) -> Refusal {
        match self {
            KeychainError::Unavailable { why, detail } => Refusal::new(Code::KeychainUnavailable).kind(why.as_str()).detail(detail),
        }
    }
}

/// The label an item gets, as the keychain's own viewer shows it.
pub fn label(account: &str) -> String {
    format!("Trato: mail account {account}")
}

/// Keeps `secret` as the password of `account`, replacing any kept before.
pub fn remember(account: &str, secret: &Secret) -> Result<(), KeychainError> {
    let (account, secret) = (account.to_string(), secret.clone());
    with_keychain(move |store| {
        let entry = entry(store, &account)?;
        match entry.set_password(secret.expose()) {
            // Several items for one account (written by hand, or by another program): the
            // new password replaces them all, so that a recall finds one.
            Err(keyring_core::Error::Ambiguous(found)) => {
                for old in found {
                    old.delete_credential()?;
                }
                entry.set_password(secret.expose())
            }
            done => done,
        }
    })
}

/// The password kept for `account`, if any.
pub fn recall(account: &str) -> Result<Option<Secret>, KeychainError> {
    let account = account.to_string();
    with_keychain(move |store| match entry(store, &account)?.get_password() {
        Ok(secret) => Ok(Some(Secret::new(secret))),
        Err(keyring_core::Error::NoEntry) => Ok(None),
        Err(e) => Err(e),
    })
}

/// Forgets the password of `account`; `false` when none was kept.
pub fn forget(account: &str) -> Result<bool, KeychainError> {
    let account = account.to_string();
    with_keychain(move |store| match entry(store, &account)?.delete_credential() {
        Ok(()) => Ok(true),
        Err(keyring_core::Error::NoEntry) => Ok(false),
        Err(keyring_core::Error::Ambiguous(found)) => {
            for old in found {
                old.delete_credential()?;
            }
            Ok(true)
        }
        Err(e) => Err(e),
    })
}

#[cfg(all(unix, not(any(target_os = "macos", target_os = "ios", target_os = "android"))))]
type Store = std::sync::Arc<zbus_secret_service_keyring_store::Store>;

#[cfg(all(unix, not(any(target_os = "macos", target_os = "ios", target_os = "android"))))]
fn connect() -> keyring_core::Result<Store> {
    zbus_secret_service_keyring_store::Store::new()
}

#[cfg(not(all(unix, not(any(target_os = "macos", target_os = "ios", target_os = "android")))))]
type Store = ();

#[cfg(not(all(unix, not(any(target_os = "macos", target_os = "ios", target_os = "android")))))]
fn connect() -> keyring_core::Result<Store> {
    Err(keyring_core::Error::NotSupportedByStore("Trato keeps passwords only in a Secret Service (Linux, BSD) so far".into()))
}

#[cfg(all(unix, not(any(target_os = "macos", target_os = "ios", target_os = "android"))))]
fn entry(store: &Store, account: &str) -> keyring_core::Result<keyring_core::Entry> {
    use keyring_core::api::CredentialStoreApi;
    let label = label(account);
    let modifiers = std::collections::HashMap::from([("label", label.as_str())]);
    store.build(SERVICE, account, Some(&modifiers))
}

#[cfg(not(all(unix, not(any(target_os = "macos", target_os = "ios", target_os = "android")))))]
fn entry(_: &Store, _: &str) -> keyring_core::Result<keyring_core::Entry> {
    Err(keyring_core::Error::NoDefaultStore)
}

/// What the worker thread tells: connected, then the answer.
enum Step<T> {
    Connected,
    Done(Result<T, KeychainError>),
}

/// Runs `call` against a fresh connection to the Secret Service, in a thread
/// of its own, waiting at most [`CONNECT_WITHIN`] for the connection and
/// [`ANSWER_WITHIN`] for the answer. The crates below block without a timeout
/// (a D-Bus activation that never completes, a prompt nobody sees); a call
/// that outlives its wait is left to finish or hang in its thread, and the
/// caller is told the keychain was silent. A fresh connection each time:
/// the keyring may start after Trato, and a connection kept from before would
/// keep failing.
fn with_keychain<T: Send + 'static>(call: impl FnOnce(&Store) -> keyring_core::Result<T> + Send + 'static) -> Result<T, KeychainError> {
    let (tell, told) = mpsc::channel();
    let spawned = std::thread::Builder::new().name("keychain".into()).spawn(move || {
        let store = match connect() {
            Ok(store) => store,
            Err(e) => return drop(tell.send(Step::Done(Err(KeychainError::unavailable(NoKeychain::Missing, said(&e)))))),
        };
        if tell.send(Step::Connected).is_err() {
            return;
        }
        drop(tell.send(Step::Done(call(&store).map_err(|e| KeychainError::unavailable(why(&e), said(&e))))));
    });
    if let Err(e) = spawned {
        return Err(KeychainError::unavailable(NoKeychain::Failed, e));
    }
    let silent = |within: Duration| KeychainError::unavailable(NoKeychain::Silent, format!("no answer within {} s", within.as_secs()));
    // A thread that panicked drops its sender: the crates' own `expect`s end there.
    let gone = || KeychainError::unavailable(NoKeychain::Failed, "the call to the keychain failed");
    match told.recv_timeout(CONNECT_WITHIN) {
        Ok(Step::Connected) => {}
        Ok(Step::Done(answer)) => return answer,
        Err(RecvTimeoutError::Timeout) => return Err(silent(CONNECT_WITHIN)),
        Err(RecvTimeoutError::Disconnected) => return Err(gone()),
    }
    match told.recv_timeout(ANSWER_WITHIN) {
        Ok(Step::Done(answer)) => answer,
        Ok(Step::Connected) => Err(gone()),
        Err(RecvTimeoutError::Timeout) => Err(silent(ANSWER_WITHIN)),
        Err(RecvTimeoutError::Disconnected) => Err(gone()),
    }
}

fn why(e: &keyring_core::Error) -> NoKeychain {
    match e {
        keyring_core::Error::NoStorageAccess(_) => NoKeychain::Locked,
        keyring_core::Error::NoDefaultStore | keyring_core::Error::NotSupportedByStore(_) => NoKeychain::Missing,
        _ => NoKeychain::Failed,
    }
}

/// What the keychain said, without what it kept: the variants that carry a
/// password's bytes are worded here, never printed.
fn said(e: &keyring_core::Error) -> String {
    use keyring_core::Error::*;
    match e {
        BadEncoding(_) => "the password kept for this account is not text".to_string(),
        BadDataFormat(_, _) => "the password kept for this account is not in the form expected".to_string(),
        Ambiguous(found) => format!("{} passwords are kept for this account", found.len()),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_never_shows_in_debug_output() {
        let secret = Secret::new("hunter2-correct-horse");
        let shown = format!("{secret:?} {:?} {:#?}", Some(&secret), [&secret]);
        assert!(!shown.contains("hunter2") && !shown.contains("horse"), "{shown}");
        assert_eq!(secret.expose(), "hunter2-correct-horse");
    }

    #[test]
    fn errors_that_carry_a_password_s_bytes_are_worded_without_them() {
        let e = keyring_core::Error::BadEncoding(b"hunter2\xff".to_vec());
        assert!(!said(&e).contains("hunter2"), "{}", said(&e));
        assert!(!e.to_string().contains("hunter2"), "keyring-core's own words too");
    }

    #[test]
    fn an_item_is_labelled_as_a_person_recognises_it_in_the_keychain_viewer() {
        assert_eq!(label("work"), "Trato: mail account work");
    }

    #[test]
    fn the_refusal_says_why_and_what_the_system_said() {
        let r = KeychainError::unavailable(NoKeychain::Locked, "prompt dismissed").refusal();
        assert_eq!(r.code, Code::KeychainUnavailable);
        assert_eq!(r.kind.as_deref(), Some("keychain_locked"));
        assert_eq!(r.detail.as_deref(), Some("prompt dismissed"));
    }
}
