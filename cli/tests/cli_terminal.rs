//! What an imported file can make a terminal do: nothing. Names, notes and
//! file names with escape sequences, C1 controls or bidi overrides are shown
//! escaped by every command that prints them, on standard output and standard
//! error, while `--json` still gives the exact text back.

#[path = "../../tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};

use common::{add, ok, refused, stderr, stdout, trato};
use serde_json::Value;

const IMPORT: &str = "2026-03-02T09:00:00+01:00";
const ASKED: &str = "2026-03-02T10:00:00+01:00";
const LATER: &str = "2026-03-04T10:00:00+01:00";

/// The finding's name: an OSC that retitles the window, BEL, then "clear the screen".
const NAME: &str = "Ana \u{1b}]0;PWNED\u{7}\u{1b}[2JRuiz";
/// A note with a C1 CSI (U+009B, ESC [ to some terminals), a bidi override that
/// would show "exe.txt" as "txt.exe", a carriage return, and ordinary Unicode.
const NOTE: &str = "Pago \u{9b}31m rojo \u{202e}txt.exe\u{202c} \r¡Ñandú! 😀 café";

/// The characters that must never reach a terminal raw.
fn unsafe_chars(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| {
            (c.is_control() && *c != '\n' && *c != '\t') || ('\u{202a}'..='\u{202e}').contains(c) || ('\u{2066}'..='\u{2069}').contains(c)
        })
        .collect()
}

fn assert_safe(what: &str, text: &str) {
    assert!(unsafe_chars(text).is_empty(), "`{what}` printed {:?} raw:\n{text}", unsafe_chars(text));
}

struct Db {
    dir: tempfile::TempDir,
    path: PathBuf,
}

/// A journal with Ana imported from a vCard file whose name is itself hostile.
fn imported() -> (Db, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trato.db");
    add(&path, IMPORT, &["client", "add", "Sol"]);
    let card = dir.path().join("ana\u{1b}[31m.vcf");
    let vcard = format!("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{NAME}\r\nN:;{NAME};;;\r\nNOTE:{}\r\nEND:VCARD\r\n", NOTE.replace('\r', ""));
    std::fs::write(&card, vcard).unwrap();
    let o = trato(&path, IMPORT, &["contacts", "import", card.to_str().unwrap()]);
    assert!(o.status.success(), "the import failed: {}", stderr(&o));
    assert_safe("contacts import (stderr)", &stderr(&o));
    assert!(stderr(&o).contains("ana\\u{1b}[31m.vcf"), "the file name is shown, escaped: {}", stderr(&o));
    assert!(stderr(&o).contains("Ana \\u{1b}]0;PWNED\\u{7}\\u{1b}[2JRuiz"), "the name is shown, escaped: {}", stderr(&o));
    let list: Value = serde_json::from_str(&ok(&path, IMPORT, &["client", "list", "--json"])).unwrap();
    let ana = list.as_array().unwrap().iter().find(|c| c["name"] != "Sol").expect("Ana was imported");
    (Db { dir, path }, ana["id"].as_str().unwrap().to_string())
}

#[test]
fn a_hostile_vcard_reaches_no_terminal_raw_and_json_keeps_it_exact() {
    let (db, ana) = imported();
    let p = &db.path;
    let request = add(p, ASKED, &["request", "add", &ana, &format!("Factura {NOTE}"), "--channel", "email"]);
    add(p, ASKED, &["note", "add", &ana, NOTE]);
    ok(p, ASKED, &["client", "edit", &ana, "--tag", "vip\u{1b}[5m", "--availability", "tardes \u{2066}x\u{2069}"]);

    let commands: [&[&str]; 10] = [
        &["client", "list"],
        &["client", "show", &ana],
        &["timeline", &ana],
        &["today"],
        &["signals", &ana],
        &["score", &ana],
        &["search", "Ruiz"],
        &["history", &request],
        &["reminders"],
        &["contacts", "imports"],
    ];
    for args in commands {
        let out = ok(p, LATER, args);
        assert_safe(&args.join(" "), &out);
    }
    // What the user sees instead: visible escapes, and ordinary Unicode as it is.
    let show = ok(p, LATER, &["client", "show", &ana]);
    assert!(show.starts_with("Ana \\u{1b}]0;PWNED\\u{7}\\u{1b}[2JRuiz\n"), "{show}");
    assert!(show.contains("\\u{9b}31m rojo \\u{202e}txt.exe\\u{202c}"), "{show}");
    assert!(show.contains("¡Ñandú! 😀 café"), "accents, ñ and emoji are not escaped: {show}");
    let today = ok(p, LATER, &["today"]);
    assert!(today.contains("request_unanswered"), "the request is waiting, so its names are on Today: {today}");

    // Scripts get the exact text back, whatever the terminal was spared.
    let shown: Value = serde_json::from_str(&ok(p, LATER, &["client", "show", &ana, "--json"])).unwrap();
    assert_eq!(shown["name"], NAME, "--json round-trips the exact name");
    assert_eq!(shown["notes"], NOTE.replace('\r', ""));
    assert_eq!(shown["tags"][0], "vip\u{1b}[5m");
    let timeline: Value = serde_json::from_str(&ok(p, LATER, &["timeline", &ana, "--json"])).unwrap();
    assert_eq!(timeline[0]["summary"], NOTE);
    for args in [&["client", "list", "--json"][..], &["today", "--json"], &["timeline", &ana, "--json"], &["score", &ana, "--json"]] {
        assert_safe(&args.join(" "), &ok(p, LATER, args));
    }
    drop(db.dir);
}

#[test]
fn errors_that_quote_what_was_typed_or_read_show_it_escaped() {
    let (db, _) = imported();
    let p = &db.path;
    let err = refused(p, LATER, &["client", "show", "Nadie\u{1b}[2J\u{9b}"]);
    assert_safe("client show (stderr)", &err);
    assert!(err.contains("Nadie\\u{1b}[2J\\u{9b}"), "{err}");
    let err = refused(p, LATER, &["client", "add", "Eva", "--phone", "600\u{1b}]0;x\u{7}"]);
    assert_safe("client add (stderr)", &err);
    assert!(err.contains("600\\u{1b}]0;x\\u{7}"), "{err}");
    let bad = db.dir.path().join("journal\u{202e}nosj.json");
    // JSON's own escape: the file is valid JSON, its value a control sequence.
    std::fs::write(&bad, r#"{"format": "other\u001b[2J", "version": 1}"#).unwrap();
    let err = refused(p, LATER, &["import", bad.to_str().unwrap()]);
    assert_safe("import (stderr)", &err);
    assert!(err.contains("other\\u{1b}[2J"), "{err}");
}

#[test]
fn an_export_printed_to_a_pipe_is_the_exact_file() {
    let (db, ana) = imported();
    let p = &db.path;
    add(p, ASKED, &["note", "add", &ana, NOTE]);
    let to_pipe = trato(p, LATER, &["export", "csv", "entries"]);
    let file = db.dir.path().join("entries.csv");
    ok(p, LATER, &["export", "csv", "entries", "--out", file.to_str().unwrap()]);
    assert_eq!(to_pipe.stdout, std::fs::read(&file).unwrap(), "redirected, the export is the file, byte for byte");
    assert!(stdout(&to_pipe).contains(NOTE), "the note as written, control characters and all");
}

/// The same run as the binary's, with standard output a terminal.
fn on_a_terminal(db: &Path, args: &[&str]) -> String {
    use clap::Parser;
    let mut argv = vec!["trato", "--db", db.to_str().unwrap(), "--now", LATER, "--tz", "Europe/Madrid"];
    argv.extend_from_slice(args);
    let mut out = Vec::new();
    trato_cli::run(trato_cli::args::Cli::parse_from(argv), &mut out, true).expect("the command runs");
    String::from_utf8(out).unwrap()
}

#[test]
fn an_export_printed_on_a_terminal_is_shown_escaped() {
    let (db, ana) = imported();
    let p = &db.path;
    add(p, ASKED, &["note", "add", &ana, NOTE]);
    for args in [&["export", "csv", "entries"][..], &["export", "csv", "clients"], &["export", "vcard"], &["export", "ics"], &["export"]] {
        let shown = on_a_terminal(p, args);
        assert_safe(&args.join(" "), &shown);
    }
    let csv = on_a_terminal(p, &["export", "csv", "entries"]);
    assert!(csv.contains("\\u{9b}31m rojo \\u{202e}txt.exe"), "{csv}");
    assert_eq!(csv.lines().count(), 2, "the header and the note, each on its line: {csv}");
    assert!(!csv.contains("\\u{d}\n"), "the file's CRLF shown as plain line breaks: {csv}");
}
