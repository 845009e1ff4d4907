//! `trato export vcard|csv|ics` as scripts use them, the plain `trato export`
//! still the JSON journal, and the calendar file kept up to date after every
//! change when the user chose a folder for it.

#[path = "../../tests/common/mod.rs"]
mod common;

use common::{add, ok, stderr, trato};

const MON_10: &str = "2026-03-02T10:00:00+01:00";
const MON_12: &str = "2026-03-02T12:00:00+01:00";
const TUE_09: &str = "2026-03-03T09:00:00+01:00";

fn unfold(ics: &str) -> String {
    ics.replace("\r\n ", "")
}

#[test]
fn export_formats_go_to_stdout_or_a_file_and_plain_export_stays_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("trato.db");
    add(&db, MON_10, &["client", "add", "Lucía Fernández", "--email", "lucia@sol.es", "--phone", "600 123 456"]);
    add(&db, MON_10, &["client", "add", "Otro"]);
    add(&db, MON_12, &["promise", "add", "Lucía Fernández", "Menú nuevo", "--due", "2026-03-04"]);

    let json: serde_json::Value = serde_json::from_str(&ok(&db, MON_12, &["export"])).expect("a plain export is the JSON journal");
    assert_eq!(json["format"], "trato-journal");

    let cards = ok(&db, MON_12, &["export", "vcard", "--client", "lucía fernández"]);
    assert_eq!(cards.matches("BEGIN:VCARD").count(), 1, "--client picks one client by name, in any case");
    assert!(cards.contains("VERSION:4.0\r\n") && cards.contains("TEL;VALUE=uri;PREF=1:tel:+34600123456\r\n"));
    let v3 = ok(&db, MON_12, &["export", "vcard", "--version", "3"]);
    assert_eq!(v3.matches("VERSION:3.0\r\n").count(), 2, "every client without --client");

    let out = dir.path().join("entries.csv");
    ok(&db, MON_12, &["export", "csv", "entries", "--out", out.to_str().unwrap()]);
    let csv = std::fs::read_to_string(&out).expect("--out writes the file");
    assert!(csv.starts_with("id,client_id,client,kind,status,"), "the header row first: {csv}");
    assert!(csv.contains(",Menú nuevo,2026-03-04,"), "the promise with its due date");
    assert!(ok(&db, MON_12, &["export", "csv", "clients"]).contains("Lucía Fernández,,lucia@sol.es"));

    let ics = unfold(&ok(&db, MON_12, &["export", "ics", "--todos"]));
    assert!(ics.contains("DTSTART;VALUE=DATE:20260304\r\n") && ics.contains("BEGIN:VTODO\r\n"));
}

#[test]
fn the_calendar_file_follows_every_change_when_a_folder_is_set() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("trato.db");
    let folder = dir.path().join("calendar");
    std::fs::create_dir(&folder).unwrap();
    let file = folder.join("trato.ics");

    add(&db, MON_10, &["client", "add", "Sol"]);
    let promise = add(&db, MON_12, &["promise", "add", "Sol", "Menú nuevo", "--due", "2026-03-04"]);
    assert!(!file.exists(), "no calendar file until the user chooses a folder");

    ok(&db, MON_12, &["settings", "set", "calendar.ics_folder", folder.to_str().unwrap()]);
    let first = unfold(&std::fs::read_to_string(&file).expect("setting the folder writes the file at once"));
    assert!(first.contains(&format!("UID:{promise}@trato\r\n")) && first.contains("DTSTART;VALUE=DATE:20260304\r\n"));

    ok(&db, TUE_09, &["promise", "reschedule", &promise, "--due", "2026-03-06", "--reason", "fotos"]);
    let moved = unfold(&std::fs::read_to_string(&file).unwrap());
    assert!(moved.contains("DTSTART;VALUE=DATE:20260306\r\n"), "the file moved the promise to its new day: {moved}");
    assert!(moved.contains("SEQUENCE:1\r\n"), "with a higher SEQUENCE, so calendars take the change");
    assert!(!dir.path().join("calendar").join("trato.partial").exists(), "no half-written file is left behind");

    ok(&db, TUE_09, &["promise", "keep", &promise]);
    assert!(!std::fs::read_to_string(&file).unwrap().contains("BEGIN:VEVENT"), "a kept promise leaves the calendar");
}

#[test]
fn a_calendar_file_that_cannot_be_written_does_not_fail_the_change() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("trato.db");
    add(&db, MON_10, &["client", "add", "Sol"]);
    let gone = dir.path().join("no such folder");
    ok(&db, MON_10, &["settings", "set", "calendar.ics_folder", gone.to_str().unwrap()]);
    let o = trato(&db, MON_12, &["promise", "add", "Sol", "Menú nuevo", "--due", "2026-03-04"]);
    assert!(o.status.success(), "the promise is saved even though the calendar file can't be: {}", stderr(&o));
    assert!(stderr(&o).contains("warning: the calendar file was not updated"), "the user is told: {}", stderr(&o));
    assert!(ok(&db, MON_12, &["export", "ics"]).contains("BEGIN:VEVENT"), "the promise is in the journal");
}
