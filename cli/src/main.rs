//! The `trato` command: parses the command line, runs it, reports errors on
//! stderr with a non-zero status (1 for a refused action, 2 for bad usage).

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use trato_cli::{args::Cli, output, refusals, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let db = cli.db.clone();
    let mut stdout = std::io::stdout().lock();
    let terminal = stdout.is_terminal();
    match run(cli, &mut stdout, terminal) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // Worded in the journal's language; they quote what was typed or read: a name, a file's value.
            let lang = refusals::language(db.as_deref());
            // "error" is the word in both languages.
            eprintln!("error: {}", output::terminal(&refusals::words(&e.refusal(), lang)));
            ExitCode::from(1)
        }
    }
}
