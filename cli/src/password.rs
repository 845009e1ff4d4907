//! The password of a mail account for one command: piped in with
//! `--password-stdin` (one line per account), else the one the system's
//! keychain keeps for the account, else typed at a prompt that does not echo
//! it. The one place a face gets an IMAP password. It is never printed,
//! logged or written to the journal; when no keychain can keep it, the user
//! is told why Trato will ask each time.

use std::io::{BufRead, IsTerminal};

use trato::domain::Language;
use trato::system::keychain::{self, KeychainError, NoKeychain, Secret};

use super::output;
use super::refusals;
use super::run::CliError;

/// Where the password of this command came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Piped,
    Keychain,
    Asked,
}

pub struct Password {
    pub secret: Secret,
    pub source: Source,
}

/// The password for `account`: a line of standard input when `from_stdin`,
/// else the keychain's (when `kept` allows: a new account's is always typed
/// or piped, never one left from an account of the same name), else asked on
/// the terminal; refused when there is no terminal to ask on.
pub fn password_for(account: &str, from_stdin: bool, kept: bool, lang: Language) -> Result<Password, CliError> {
    if from_stdin {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).map_err(|_| CliError::NoPassword)?;
        let password = line.trim_end_matches(['\r', '\n']);
        if password.is_empty() {
            return Err(CliError::NoPassword);
        }
        return Ok(Password { secret: Secret::new(password), source: Source::Piped });
    }
    if kept {
        match keychain::recall(account) {
            Ok(Some(secret)) => return Ok(Password { secret, source: Source::Keychain }),
            Ok(None) => {}
            Err(e) => no_keychain(&e, lang),
        }
    }
    if !std::io::stdin().is_terminal() {
        return Err(CliError::NoPassword);
    }
    let prompt = format!("password for mail account {}: ", output::terminal(account));
    match rpassword::prompt_password(prompt) {
        Ok(p) if !p.is_empty() => Ok(Password { secret: Secret::new(p), source: Source::Asked }),
        _ => Err(CliError::NoPassword),
    }
}

/// Keeps a password the server just took in the keychain, so the next sync
/// needs no one to type it; says so, or says on standard error why it could not.
pub fn keep(account: &str, password: &Password, lang: Language) -> Option<String> {
    if password.source == Source::Keychain {
        return None;
    }
    match keychain::remember(account, &password.secret) {
        Ok(()) => Some("the password is kept in the system's keychain\n".to_string()),
        Err(e) => {
            no_keychain(&e, lang);
            None
        }
    }
}

/// Forgets an account's password. Without a keychain there is none to
/// forget; one that is there but refuses (locked) is said.
pub fn forget(account: &str, lang: Language) {
    match keychain::forget(account) {
        Err(e @ KeychainError::Unavailable { why, .. }) if why != NoKeychain::Missing => no_keychain(&e, lang),
        _ => {}
    }
}

/// Why Trato will ask for the password each time, on standard error.
fn no_keychain(e: &KeychainError, lang: Language) {
    eprintln!("{}", output::terminal(&refusals::words(&e.refusal(), lang)));
}
