//! Signing a mail account in through its provider's page, from a terminal:
//! the address is printed on standard error (and opened in the browser when
//! one can be), the browser comes back to a port on this machine, and the
//! refresh token is kept in the system's keychain, never in the journal.
//! Without a keychain, each sync signs in through the browser again; with no
//! terminal to do it on, the sync is refused saying so.
//!
//! Ctrl-C while waiting for the browser ends the command as usual: nothing is
//! written before the browser came back and the code was traded, so there is
//! nothing to undo.

use std::io::{BufRead, IsTerminal};
use std::process::{Command, Stdio};
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use trato::domain::Language;
use trato::journal::mailbox::{self, Kept, MailError};
use trato::journal::Clock;
use trato::oauth::{Landing, SignIn, Token, Tokens};
use trato::store::Store;
use trato::system::keychain::{self, KeychainError, Secret};

use super::output;
use super::refusals;
use super::run::CliError;

/// How long the browser has to come back: a person may need to find a
/// password or a second factor, not an afternoon.
const WITHIN: Duration = Duration::from_secs(5 * 60);

/// What the browser's tab says when it comes back, in the user's language.
fn landing(lang: Language) -> Landing {
    match lang {
        Language::En => Landing {
            done: "Signed in to Trato: you can close this tab and go back to the terminal.".into(),
            failed: "The sign-in to Trato did not work: go back to the terminal to see why.".into(),
        },
        Language::Es => Landing {
            done: "Sesión iniciada en Trato: puedes cerrar esta pestaña y volver al terminal.".into(),
            failed: "El inicio de sesión en Trato no funcionó: vuelve al terminal para ver por qué.".into(),
        },
    }
}

/// Shows the address, opens the browser on it when one can be opened, and
/// waits for the browser to come back with the tokens.
pub fn through_browser(started: SignIn, clock: Clock) -> Result<Tokens, CliError> {
    let open = match clock.lang {
        Language::En => "open this address in your browser to sign in:",
        Language::Es => "abre esta dirección en el navegador para iniciar sesión:",
    };
    // On standard error: standard output stays the command's result.
    eprintln!("{open}\n  {}", output::terminal(&started.url));
    open_browser(&started.url);
    Ok(mailbox::finish_sign_in(started, WITHIN, &AtomicBool::new(false), &landing(clock.lang), clock.now)?)
}

/// `$BROWSER` (its first command) when set, else the desktop's opener. A
/// browser that can't be started is no error: the address was printed.
fn open_browser(url: &str) {
    let chosen = std::env::var("BROWSER").ok().and_then(|b| b.split(':').map(str::trim).find(|c| !c.is_empty()).map(str::to_string));
    let mut command = match chosen {
        Some(browser) => Command::new(browser),
        None if cfg!(target_os = "macos") => Command::new("open"),
        None if cfg!(windows) => {
            let mut c = Command::new("rundll32");
            c.arg("url.dll,FileProtocolHandler");
            c
        }
        None => Command::new("xdg-open"),
    };
    let started = command.arg(url).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).spawn();
    if let Ok(mut child) = started {
        // Reaped aside: a browser may run long after the sign-in.
        std::thread::spawn(move || child.wait());
    }
}

/// A client secret piped in with `--client-secret-stdin` (a Google desktop
/// client's); none when the flag is not given.
pub fn client_secret(from_stdin: bool) -> Result<Option<String>, CliError> {
    if !from_stdin {
        return Ok(None);
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).map_err(|e| CliError::Usage(format!("--client-secret-stdin: {e}")))?;
    let secret = line.trim_end_matches(['\r', '\n']);
    Ok((!secret.is_empty()).then(|| secret.to_string()))
}

/// What the keychain keeps for an OAuth account, if it keeps anything.
pub fn recall(account: &str) -> Result<Option<Kept>, KeychainError> {
    Ok(keychain::recall(account)?.and_then(|secret| Kept::from_text(secret.expose())))
}

/// Keeps the refresh token of a sign-in in the keychain; says so, or says on
/// standard error why it could not (each sync will sign in through the browser).
pub fn keep(account: &str, refresh: Option<&Token>, client_secret: Option<String>, lang: Language) -> Option<String> {
    let Some(refresh) = refresh else {
        let said = match lang {
            Language::En => "the provider gave no refresh token: each sync will sign in through the browser",
            Language::Es => "el proveedor no dio un token de renovación: cada sincronización iniciará sesión en el navegador",
        };
        eprintln!("{said}");
        return None;
    };
    let kept = Kept { refresh: refresh.clone(), client_secret };
    match keychain::remember(account, &Secret::new(kept.to_text())) {
        Ok(()) => Some("the sign-in is kept in the system's keychain\n".to_string()),
        Err(e) => {
            no_keychain(&e, lang);
            None
        }
    }
}

/// Why each sync will sign in through the browser, on standard error.
fn no_keychain(e: &KeychainError, lang: Language) {
    eprintln!("{}", output::terminal(&refusals::words(&e.refusal().field("sign_in"), lang)));
}

/// An access token for syncing `account`: from the refresh token the
/// keychain keeps (a rotated one is kept in its place), else, without a
/// keychain, through the browser when there is a terminal to do it on.
pub fn access_for_sync(store: &mut Store, clock: Clock, account: &str) -> Result<Token, CliError> {
    let kept = match recall(account) {
        Ok(Some(kept)) => kept,
        // Signed in once, but the keychain lost it (or never had it): the same remedy as a withdrawn token.
        Ok(None) => return Err(MailError::SignInAgain { account: account.to_string(), detail: None }.into()),
        Err(e) => {
            no_keychain(&e, clock.lang);
            if !std::io::stdin().is_terminal() {
                return Err(CliError::NoSignIn(account.to_string()));
            }
            let (started, _) = mailbox::start_sign_in_again(store, account, None)?;
            return Ok(through_browser(started, clock)?.access);
        }
    };
    let access = mailbox::access_for_sync(store, account, &kept, clock.now)?;
    if let Some(rotated) = &access.rotated {
        keep(account, Some(rotated), kept.client_secret.clone(), clock.lang);
    }
    Ok(access.access)
}
