//! The `trato` command: parses the command line, runs it, reports errors on
//! stderr with a non-zero status (1 for a refused action, 2 for bad usage).

use std::process::ExitCode;

use clap::Parser;
use trato::cli::{args::Cli, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut stdout = std::io::stdout().lock();
    match run(cli, &mut stdout) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
