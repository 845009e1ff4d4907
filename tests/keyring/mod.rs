//! GNOME Keyring's Secret Service for the tests: a session bus of the test's
//! own (dbus-daemon with a temporary configuration) and gnome-keyring-daemon
//! on it, its login keyring created and unlocked with a test password in a
//! temporary home, so the user's own keyring is never touched. Both stop when
//! dropped. Needs Debian's `dbus` and `gnome-keyring` (`make test` installs
//! them); without them a test fails and says so, never skips. Shared by the
//! core's keychain test and the CLI's.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use trato::system::keychain;

pub const INSTALL: &str = "sudo apt-get install dbus gnome-keyring";

pub fn spawn(command: &mut Command, what: &str) -> Child {
    match command.spawn() {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            panic!("{what} is not installed, and the keychain can only be tested against a real one: {INSTALL}")
        }
        Err(e) => panic!("{what} could not be started: {e}"),
    }
}

/// A session bus of its own, with no service to start on demand.
pub struct Bus {
    process: Child,
    pub address: String,
}

impl Bus {
    pub fn start(dir: &Path) -> Bus {
        let config = dir.join("bus.conf");
        let socket = dir.join("bus");
        std::fs::write(
            &config,
            format!(
                r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#,
                socket.display()
            ),
        )
        .unwrap();
        let mut process = spawn(
            Command::new("dbus-daemon")
                .arg(format!("--config-file={}", config.display()))
                .args(["--nofork", "--print-address=1"])
                .stdout(Stdio::piped())
                .stderr(Stdio::null()),
            "dbus-daemon (package dbus)",
        );
        let mut address = String::new();
        BufReader::new(process.stdout.take().unwrap()).read_line(&mut address).unwrap();
        let address = address.trim().to_string();
        assert!(address.starts_with("unix:"), "dbus-daemon printed no address: {address:?}");
        Bus { process, address }
    }

    /// Asks the bus something with dbus-send; its printed reply.
    pub fn ask(&self, args: &[&str]) -> String {
        let out = Command::new("dbus-send")
            .arg(format!("--bus={}", self.address))
            .arg("--print-reply")
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("dbus-send (package dbus) could not run: {e}; {INSTALL}"));
        assert!(out.status.success(), "dbus-send {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

impl Drop for Bus {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

/// GNOME Keyring's Secret Service on its own bus, in its own home.
pub struct Keyring {
    daemon: Child,
    pub bus: Bus,
    _dir: tempfile::TempDir,
}

impl Keyring {
    pub fn start() -> Keyring {
        let dir = tempfile::tempdir().unwrap();
        let bus = Bus::start(dir.path());
        let (home, run) = (dir.path().join("home"), dir.path().join("run"));
        std::fs::create_dir_all(&home).unwrap();
        std::fs::create_dir_all(&run).unwrap();
        std::fs::set_permissions(&run, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
        let mut daemon = spawn(
            Command::new("gnome-keyring-daemon")
                .args(["--foreground", "--unlock", "--components=secrets"])
                .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
                .env("HOME", &home)
                .env("XDG_DATA_HOME", home.join("data"))
                .env("XDG_CONFIG_HOME", home.join("config"))
                .env("XDG_RUNTIME_DIR", &run)
                // No prompt may reach the desktop of whoever runs the tests.
                .env_remove("DISPLAY")
                .env_remove("WAYLAND_DISPLAY")
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
            "gnome-keyring-daemon (package gnome-keyring)",
        );
        // --unlock reads the login keyring's password from stdin: the keyring is made with it, unlocked.
        let mut stdin = daemon.stdin.take().unwrap();
        stdin.write_all(b"test").unwrap();
        drop(stdin);
        let keyring = Keyring { daemon, bus, _dir: dir };
        let started = Instant::now();
        while !keyring
            .bus
            .ask(&["--dest=org.freedesktop.DBus", "/", "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.secrets"])
            .contains("true")
        {
            assert!(started.elapsed() < Duration::from_secs(15), "gnome-keyring-daemon did not take org.freedesktop.secrets on the bus");
            std::thread::sleep(Duration::from_millis(50));
        }
        keyring
    }

    /// The labels of the items kept for `account`, as the keychain's viewer (Seahorse) lists them.
    pub fn labels(&self, account: &str) -> Vec<String> {
        let found = self.bus.ask(&[
            "--dest=org.freedesktop.secrets",
            "/org/freedesktop/secrets",
            "org.freedesktop.Secret.Service.SearchItems",
            &format!("dict:string:string:service,{},username,{account}", keychain::SERVICE),
        ]);
        found
            .lines()
            .filter_map(|l| l.trim().strip_prefix("object path \"")?.strip_suffix('"').map(str::to_string))
            .map(|path| {
                let label = self.bus.ask(&[
                    "--dest=org.freedesktop.secrets",
                    &path,
                    "org.freedesktop.DBus.Properties.Get",
                    "string:org.freedesktop.Secret.Item",
                    "string:Label",
                ]);
                let text = label.split_once("string \"").map(|(_, rest)| rest.trim_end().trim_end_matches('"')).unwrap_or("");
                text.to_string()
            })
            .collect()
    }
}

impl Drop for Keyring {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}
