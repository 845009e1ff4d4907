//! The `trato` command: parses the command line, runs it, reports errors on
//! stderr with a non-zero status (1 for a refused action, 2 for bad usage).

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use trato_cli::{args::Cli, output, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
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
