//! `trato-cli-docs OUT_DIR`: the `trato` command's man pages (OUT_DIR/man1/*.1,
//! one per command and subcommand) and completion scripts (OUT_DIR/completions:
//! bash `trato`, zsh `_trato`, fish `trato.fish`), from its clap definitions, so
//! that they can never describe options the binary does not have.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;
use trato_cli::args::Cli;

/// The shells whose completions the package installs, and the file name each
/// one looks the script up by in its vendor folder.
const SHELLS: [(Shell, &str); 3] = [(Shell::Bash, "trato"), (Shell::Zsh, "_trato"), (Shell::Fish, "trato.fish")];

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let (Some(out), None) = (args.next(), args.next()) else {
        eprintln!("usage: trato-cli-docs OUT_DIR");
        return ExitCode::from(2);
    };
    match write_all(Path::new(&out)) {
        Ok(()) => ExitCode::SUCCESS,
        Err((path, e)) => {
            eprintln!("error: could not write {}: {e}", path.display());
            ExitCode::FAILURE
        }
    }
}

fn write_all(out: &Path) -> Result<(), (PathBuf, std::io::Error)> {
    let man = out.join("man1");
    std::fs::create_dir_all(&man).map_err(|e| (man.clone(), e))?;
    clap_mangen::generate_to(Cli::command(), &man).map_err(|e| (man.clone(), e))?;

    let completions = out.join("completions");
    std::fs::create_dir_all(&completions).map_err(|e| (completions.clone(), e))?;
    for (shell, name) in SHELLS {
        // Into memory first: clap_complete panics on a failed write to a file.
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut Cli::command(), "trato", &mut script);
        let path = completions.join(name);
        std::fs::write(&path, script).map_err(|e| (path, e))?;
    }
    Ok(())
}
