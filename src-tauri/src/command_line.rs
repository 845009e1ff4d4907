//! The `trato` command inside the app's binary: the package installs
//! `/usr/bin/trato` as a link to the app, so that it carries the core once.
//! Started by that name, the binary is the command line and starts no GTK.

use std::ffi::OsStr;
use std::path::Path;
use std::process::ExitCode;

/// The command's name, as the package installs it.
const NAME: &str = "trato";

/// Whether the program was started as `trato` (through the link), from the
/// file name of its first argument.
pub fn started_as_cli(argv0: Option<&OsStr>) -> bool {
    argv0.and_then(|a| Path::new(a).file_name()) == Some(OsStr::new(NAME))
}

/// The whole command line, as the `trato` binary runs it.
pub fn run() -> ExitCode {
    trato::cli::main()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_binary_is_the_command_line_only_when_started_as_trato() {
        let started = |name: &str| started_as_cli(Some(OsStr::new(name)));
        assert!(started("trato"));
        assert!(started("/usr/bin/trato"));
        assert!(!started("/usr/bin/trato-app"), "the app's own name starts the window");
        assert!(!started("/home/ana/trato/trato-app"), "a folder named trato is not the name");
        assert!(!started_as_cli(None));
    }
}
