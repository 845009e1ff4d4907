//! The command-line face of the journal: parse, call one use case, print.

pub mod args;
mod contacts;
pub mod insight;
pub mod moment;
pub mod output;
pub mod reminders;
mod run;

pub use run::{run, CliError};

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

/// The whole `trato` command: parses the process's arguments, runs them,
/// reports errors on stderr with a non-zero status (1 for a refused action, 2
/// for bad usage). Both binaries that answer as `trato` call it: the CLI's own
/// and the desktop app's, when it is started by that name.
pub fn main() -> ExitCode {
    let cli = args::Cli::parse();
    let mut stdout = std::io::stdout().lock();
    let terminal = stdout.is_terminal();
    match run(cli, &mut stdout, terminal) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // Errors quote what was typed or read: a name, a file's value.
            eprintln!("error: {}", output::terminal(&e.to_string()));
            ExitCode::from(1)
        }
    }
}
