//! The password of a mail account for one command: piped in with
//! `--password-stdin` (one line per account), or typed at a prompt that does
//! not echo it. The one place a face gets an IMAP password, so that the
//! system's keychain can be asked first here. It is never printed, logged or
//! written to the journal.

use std::io::{BufRead, IsTerminal};

use super::output;
use super::run::CliError;

/// The password for `account`: a line of standard input when `from_stdin`,
/// else asked on the terminal; refused when there is no terminal to ask on.
pub fn password_for(account: &str, from_stdin: bool) -> Result<String, CliError> {
    if from_stdin {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).map_err(|_| CliError::NoPassword)?;
        let password = line.trim_end_matches(['\r', '\n']);
        if password.is_empty() {
            return Err(CliError::NoPassword);
        }
        return Ok(password.to_string());
    }
    if !std::io::stdin().is_terminal() {
        return Err(CliError::NoPassword);
    }
    let prompt = format!("password for mail account {}: ", output::terminal(account));
    match rpassword::prompt_password(prompt) {
        Ok(p) if !p.is_empty() => Ok(p),
        _ => Err(CliError::NoPassword),
    }
}
