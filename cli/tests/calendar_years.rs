//! Dates no calendar can hold: a moment outside the years 1900–9999 is refused
//! where it enters (the command line, the journal file an import reads, the
//! holidays), with the flag or the place named, and no export ever writes one.

#[path = "../../tests/common/mod.rs"]
mod common;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Madrid;
use common::{add, at, journal, new_entry, ok, refused};
use trato::domain::{ClientId, ClientPatch, Due, EntryId};
use trato::journal::export::calendar::{self, CalendarItem, ItemKind};
use trato::journal::interchange;
use trato::journal::{self, Clock};

const NOW: &str = "2026-03-05T09:00:00+01:00";

/// Every date of the calendar file is RFC 5545's: eight digits (a four-digit
/// year), then the end of the value or a time.
fn assert_four_digit_years(ics: &str) {
    for line in ics.replace("\r\n ", "").lines() {
        let Some((name, value)) = line.split_once(':') else { continue };
        if ["DTSTART", "DTEND", "DUE", "DTSTAMP"].contains(&name.split(';').next().unwrap_or_default()) {
            let ok =
                value.len() >= 8 && value[..8].bytes().all(|b| b.is_ascii_digit()) && (value.len() == 8 || value.as_bytes()[8] == b'T');
            assert!(ok, "not a date a calendar reads: {line}");
        }
    }
}

#[test]
fn the_command_line_refuses_years_outside_1900_to_9999_by_flag() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("trato.db");
    add(&db, NOW, &["client", "add", "Sol"]);
    let year = |y| format!("the year {y} is outside the years 1900–9999 that Trato keeps dates in");

    // The finding: this was accepted and the .ics then held DTSTART;VALUE=DATE:+100000101.
    let err = refused(&db, NOW, &["promise", "add", "Sol", "Menu", "--due", "+10000-01-01"]);
    assert_eq!(err, format!("error: --due '+10000-01-01': {}\n", year(10000)));
    let err = refused(&db, NOW, &["promise", "add", "Sol", "Menu", "--due", "+10000-01-01 10:00"]);
    assert!(err.contains("--due '+10000-01-01 10:00'") && err.contains(&year(10000)), "{err}");
    let err = refused(&db, NOW, &["request", "add", "Sol", "Quote", "--answer-by", "+10000-03-01 10:00"]);
    assert!(err.contains("--answer-by") && err.contains(&year(10000)), "{err}");
    let err = refused(&db, NOW, &["log", "Sol", "Call", "--dir", "in", "--at", "1850-06-01 10:00"]);
    assert_eq!(err, format!("error: --at '1850-06-01 10:00': {}\n", year(1850)));
    let err = refused(&db, "1899-12-31T10:00:00Z", &["client", "list"]);
    assert_eq!(err, format!("error: --now '1899-12-31T10:00:00Z': {}\n", year(1899)));
    let err = refused(&db, NOW, &["holiday", "add", "+10000-01-01", "Far"]);
    assert_eq!(err, format!("error: the holiday +10000-01-01: {}\n", year(10000)));

    // The bounds themselves are kept, and nothing refused was written.
    add(&db, NOW, &["promise", "add", "Sol", "Archive", "--due", "9999-12-30"]);
    add(&db, NOW, &["log", "Sol", "Old call", "--dir", "in", "--at", "1900-01-01 12:00"]);
    let ics = ok(&db, NOW, &["export", "ics"]);
    assert!(ics.contains("DTSTART;VALUE=DATE:99991230\r\n") && ics.contains("DTEND;VALUE=DATE:99991231\r\n"), "{ics}");
    assert_four_digit_years(&ics);
    let timeline: serde_json::Value = serde_json::from_str(&ok(&db, NOW, &["timeline", "Sol", "--json"])).unwrap();
    assert_eq!(timeline.as_array().unwrap().len(), 2, "only the two entries within the years");
}

/// A journal document with one client, one promise and a holiday, as JSON.
fn document() -> serde_json::Value {
    let mut j = journal();
    let s = &mut j.store;
    journal::change_settings(s, |old| old.add_holiday(NaiveDate::from_ymd_opt(2026, 3, 19).unwrap(), None)).unwrap();
    let c = journal::add_client(s, at(1, 9, 0), "Sol", ClientPatch::default()).unwrap();
    journal::add_promise(s, at(2, 12, 0), new_entry(c, at(2, 12, 0), "Menu"), "2026-03-04".parse().unwrap(), None).unwrap();
    serde_json::from_str(&interchange::to_json(&interchange::export(s).unwrap())).unwrap()
}

fn import_refusal(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut doc = document();
    edit(&mut doc);
    let mut target = journal();
    let err = interchange::import(&mut target.store, at(20, 9, 0), &doc.to_string()).unwrap_err();
    assert!(journal::clients(&mut target.store, true).unwrap().is_empty(), "a refused import writes nothing");
    err.to_string()
}

#[test]
fn a_journal_file_with_a_year_outside_1900_to_9999_is_refused_at_its_place() {
    let year = |y| format!("the year {y} is outside the years 1900–9999 that Trato keeps dates in");
    let msg = import_refusal(|d| d["entries"][0]["entry"]["details"]["due"] = "+10000-01-01".into());
    assert_eq!(msg, format!("entries[0].entry.details.due: {}", year(10000)));
    let msg = import_refusal(|d| d["entries"][0]["entry"]["occurred_at"] = "1850-03-02T11:00:00Z".into());
    assert_eq!(msg, format!("entries[0].entry.occurred_at: {}", year(1850)));
    let msg = import_refusal(|d| d["clients"][0]["client"]["created_at"] = "1066-10-14T09:00:00Z".into());
    assert_eq!(msg, format!("clients[0].client.created_at: {}", year(1066)));
    let msg = import_refusal(|d| d["entries"][0]["history"][0]["at"] = "+10000-01-01T00:00:00Z".into());
    assert_eq!(msg, format!("entries[0].history[0].at: {}", year(10000)));
    let msg = import_refusal(|d| d["settings"]["holidays"][0]["date"] = "+10000-01-01".into());
    assert_eq!(msg, format!("settings: the holiday +10000-01-01: {}", year(10000)));
    // The untouched document imports.
    let mut target = journal();
    interchange::import(&mut target.store, at(20, 9, 0), &document().to_string()).unwrap();
}

fn item(due: Due, summary: &str) -> CalendarItem {
    let made = Utc.with_ymd_and_hms(2026, 3, 2, 11, 0, 0).unwrap();
    CalendarItem {
        entry: EntryId::new_at(made),
        what: ItemKind::Promise,
        client: "Sol".into(),
        summary: summary.into(),
        due,
        sequence: 0,
        changed_at: made,
        since: made,
        reason: None,
        alarm_before: None,
    }
}

#[test]
fn the_calendar_leaves_out_an_item_it_could_not_date_rather_than_write_a_five_digit_year() {
    let last_day = Due::Date(NaiveDate::from_ymd_opt(9999, 12, 31).unwrap());
    let last_minutes = Due::At(Utc.with_ymd_and_hms(9999, 12, 31, 23, 50, 0).unwrap());
    let from_an_old_journal = Due::Date(NaiveDate::from_ymd_opt(10000, 1, 1).unwrap());
    let items = [
        item(last_day, "Last day"),
        item(last_minutes, "Last minutes"),
        item(from_an_old_journal, "Far"),
        item(Due::Date(NaiveDate::from_ymd_opt(2026, 3, 4).unwrap()), "Menu"),
    ];
    let ics = calendar::write(&items, true, trato::domain::Language::En, Madrid);
    assert_four_digit_years(&ics);
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1, "only the promise a calendar can hold: {ics}");
    assert!(ics.contains("SUMMARY:Sol: Menu\r\n"));
}

#[test]
fn an_answer_owed_past_the_last_business_day_of_9999_is_not_in_the_calendar() {
    let mut j = journal();
    let s = &mut j.store;
    let afternoon: DateTime<Utc> = Madrid.with_ymd_and_hms(9999, 12, 31, 15, 0, 0).unwrap().with_timezone(&Utc);
    let clock = Clock::new(afternoon, Madrid);
    let c: ClientId = journal::add_client(s, clock, "Sol", ClientPatch::default()).unwrap();
    journal::add_request(s, clock, new_entry(c, clock, "Quote"), None).unwrap();
    // Nine business hours from Friday 31 December 9999, 15:00, end in the year 10000.
    let ics = calendar::feed(s, Clock::new(afternoon + Duration::hours(1), Madrid), &[], true).unwrap();
    assert_four_digit_years(&ics);
    assert!(!ics.contains("BEGIN:VEVENT"), "{ics}");
}
