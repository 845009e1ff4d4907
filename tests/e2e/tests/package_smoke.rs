//! The package smoke test (`.ci/package-smoke`) run without root, as a
//! developer's `make test` runs it: through sudo when sudo asks no password,
//! else a skip said loudly (and exit 77, which `make test` reports at the end);
//! in CI, a failure. Installing the package itself is `make package-smoke`'s.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The exit status of a skipped test (as automake's test drivers read it).
const SKIPPED: i32 = 77;

fn script() -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.ci/package-smoke");
    path.canonicalize().unwrap_or(path)
}

/// A folder of the test's own that a user without privileges can read: the
/// stand-in package (the script refuses before reading it) and the programs on its PATH.
struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        let dir = tempfile::Builder::new().prefix("trato-package-smoke-").tempdir().expect("a temporary folder");
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).expect("a readable folder");
        let bin = dir.path().join("bin");
        std::fs::create_dir(&bin).expect("its bin folder");
        // What the script runs before it needs root, and nothing else: no sudo unless a test puts one there.
        for tool in ["bash", "env", "id", "realpath", "dirname", "basename", "sed", "true"] {
            std::os::unix::fs::symlink(installed(tool), bin.join(tool)).expect("a tool on the sandbox's PATH");
        }
        std::fs::write(dir.path().join("trato_0.1.0_amd64.deb"), b"not opened before root").expect("the stand-in package");
        Sandbox { dir }
    }

    fn deb(&self) -> PathBuf {
        let deb = self.dir.path().join("trato_0.1.0_amd64.deb");
        deb.canonicalize().unwrap_or(deb)
    }

    /// A `sudo` on the sandbox's PATH running `body` (sh), which logs to `$LOG`.
    fn sudo(&self, body: &str) {
        let path = self.dir.path().join("bin/sudo");
        std::fs::write(&path, format!("#!/bin/sh\nLOG={:?}\n{body}\n", self.log().display().to_string())).expect("a sudo");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("an executable sudo");
        std::fs::write(self.log(), b"").expect("sudo's log");
        std::fs::set_permissions(self.log(), std::fs::Permissions::from_mode(0o666)).expect("a log anyone can write");
    }

    fn log(&self) -> PathBuf {
        self.dir.path().join("sudo.log")
    }

    /// Runs the script as a user without privileges (`nobody` when the tests run as root).
    fn run(&self, ci: bool) -> Output {
        let root = Command::new("id").arg("-u").output().map(|o| o.stdout == b"0\n").unwrap_or(false);
        let mut command = if root {
            // setpriv (util-linux) drops root for the run; found here, as the sandbox's PATH has no such tool.
            let mut c = Command::new(installed("setpriv"));
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]);
            c
        } else {
            Command::new("env")
        };
        command.args(["bash"]).arg(script()).arg(self.deb()).env_clear().env("PATH", self.dir.path().join("bin"));
        if ci {
            command.env("CI", "true");
        }
        command.output().expect("the package smoke test runs")
    }
}

fn installed(tool: &str) -> PathBuf {
    let found = ["/usr/bin", "/bin", "/usr/sbin", "/sbin"].iter().map(|d| Path::new(d).join(tool)).find(|p| p.exists());
    found.unwrap_or_else(|| panic!("{tool} is not installed"))
}

fn said(out: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout ---\n{}--- stderr ---\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn without_root_or_sudo_it_says_skipped_loudly_with_how_to_run_it_and_exits_as_skipped() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(false);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(SKIPPED), "a skip must not pass for a success: {}", said(&out));
    assert!(stderr.contains("SKIPPED: the package was NOT tested"), "the skip is said on stderr: {}", said(&out));
    assert!(stderr.contains("sudo make package-smoke"), "the skip says how to run it: {}", said(&out));
}

#[test]
fn a_sudo_that_wants_a_password_is_not_waited_for_and_the_test_is_skipped() {
    let sandbox = Sandbox::new();
    sandbox.sudo("echo \"$*\" >>\"$LOG\"; echo 'sudo: a password is required' >&2; exit 1");
    let out = sandbox.run(false);
    assert_eq!(out.status.code(), Some(SKIPPED), "{}", said(&out));
    let asked = std::fs::read_to_string(sandbox.log()).expect("sudo's log");
    assert!(asked.lines().all(|l| l.starts_with("-n ")), "sudo is only ever asked with -n, which never prompts: {asked:?}");
}

#[test]
fn without_root_it_runs_itself_as_root_through_a_sudo_that_asks_no_password() {
    let sandbox = Sandbox::new();
    // This sudo can't make anyone root here: it notes what it was asked to run, and answers as the run would.
    sandbox.sudo("echo \"$*\" >>\"$LOG\"; [ \"$2\" = true ] && exit 0; exit 3");
    let out = sandbox.run(false);
    let asked = std::fs::read_to_string(sandbox.log()).expect("sudo's log");
    let run = asked.lines().last().unwrap_or_default();
    assert!(
        run.starts_with("-n ") && run.contains(&*script().to_string_lossy()) && run.ends_with(&*sandbox.deb().to_string_lossy()),
        "the script runs itself on the same package through sudo -n: {asked:?}"
    );
    assert_eq!(out.status.code(), Some(3), "the root run's outcome is the test's: {}", said(&out));
}

#[test]
fn in_ci_without_root_it_fails() {
    let sandbox = Sandbox::new();
    sandbox.sudo("exit 0");
    let out = sandbox.run(true);
    assert_eq!(out.status.code(), Some(1), "CI must run it as root, never skip it: {}", said(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("FAILED"), "{}", said(&out));
}
