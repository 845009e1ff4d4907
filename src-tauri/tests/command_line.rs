//! The app's binary started as `trato`, as the package's `/usr/bin/trato` link
//! starts it: it is the command line, and needs no display.
#![cfg(unix)]

use std::path::Path;
use std::process::{Command, Output};

const NOW: &str = "2026-03-05T09:00:00+01:00";

fn trato(link: &Path, db: &Path, args: &[&str]) -> Output {
    Command::new(link)
        .arg("--db")
        .arg(db)
        .args(["--now", NOW])
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env("TZ", "Europe/Madrid")
        .output()
        .expect("the app's binary runs")
}

#[test]
fn the_app_started_as_trato_is_the_command_line_without_a_display() {
    let dir = tempfile::tempdir().expect("a folder");
    let link = dir.path().join("trato");
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_trato-app"), &link).expect("a link named trato");
    let db = dir.path().join("journal.db");

    let demo = trato(&link, &db, &["demo"]);
    assert!(demo.status.success(), "trato demo: {}", String::from_utf8_lossy(&demo.stderr));
    let today = trato(&link, &db, &["today"]);
    let out = String::from_utf8_lossy(&today.stdout);
    assert!(today.status.success(), "trato today: {}", String::from_utf8_lossy(&today.stderr));
    assert!(out.contains("11 matters, 13 signals") && out.contains("Panadería Sol"), "Today as the CLI prints it: {out}");

    let wrong = trato(&link, &db, &["no-such-command"]);
    assert_eq!(wrong.status.code(), Some(2), "bad usage is the CLI's exit status 2, not a window");
}
