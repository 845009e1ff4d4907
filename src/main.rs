//! The `trato` command: parses the command line, runs it, reports errors on
//! stderr with a non-zero status (1 for a refused action, 2 for bad usage).

fn main() -> std::process::ExitCode {
    trato::cli::main()
}
