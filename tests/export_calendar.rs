//! Promises and answers owed in the user's calendar: the .ics file checked
//! line by line as RFC 5545 wants it, read back to see each item on its day,
//! moved (same UID, higher SEQUENCE) when a promise is rescheduled, and gone
//! when it is kept or trashed.

mod common;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use common::{at, journal, new_entry};
use trato::domain::{ClientPatch, Due};
use trato::journal as j;
use trato::journal::export::calendar;
use trato::store::Store;

/// One calendar component as read back: its properties (name with parameters → value).
type Component = BTreeMap<String, String>;

/// Checks the RFC 5545 line rules, then unfolds and reads the components.
fn parse(ics: &str) -> Vec<(String, Component)> {
    assert!(ics.ends_with("\r\n"), "the file ends with CRLF");
    assert!(!ics.replace("\r\n", "").contains(['\n', '\r']), "every line ends in CRLF, no bare LF or CR");
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "a line of {} octets (75 at most): {line}", line.len());
    }
    // Every physical line is valid UTF-8 on its own: no character cut by a fold.
    for line in ics.as_bytes().split(|b| *b == b'\n') {
        assert!(std::str::from_utf8(line).is_ok(), "a fold cut a UTF-8 sequence: {line:?}");
    }
    let unfolded = ics.replace("\r\n ", "");
    let mut stack: Vec<(String, Component)> = Vec::new();
    let mut done = Vec::new();
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        let (name, value) = line.split_once(':').unwrap_or_else(|| panic!("a content line without ':': {line}"));
        match name {
            "BEGIN" => stack.push((value.to_string(), Component::new())),
            "END" => {
                let (kind, props) = stack.pop().unwrap_or_else(|| panic!("END:{value} without its BEGIN"));
                assert_eq!(kind, value, "BEGIN and END must nest");
                done.push((kind, props));
            }
            _ => {
                let (_, props) = stack.last_mut().expect("a property outside any component");
                props.insert(name.to_string(), value.to_string());
            }
        }
    }
    assert!(stack.is_empty(), "every BEGIN has its END");
    done
}

fn events(ics: &str) -> Vec<Component> {
    let all = parse(ics);
    let cal = &all.iter().find(|(k, _)| k == "VCALENDAR").expect("a VCALENDAR").1;
    for p in ["VERSION", "PRODID", "CALSCALE"] {
        assert!(cal.contains_key(p), "the calendar has {p}");
    }
    assert!(!ics.contains("TZID"), "times are in UTC, so no TZID (which would need a VTIMEZONE)");
    let events: Vec<Component> = all.into_iter().filter(|(k, _)| k == "VEVENT").map(|(_, p)| p).collect();
    for e in &events {
        for p in ["UID", "DTSTAMP", "SEQUENCE", "SUMMARY"] {
            assert!(e.contains_key(p), "every event has {p}: {e:?}");
        }
        match (e.get("DTSTART;VALUE=DATE"), e.get("DTEND;VALUE=DATE"), e.get("DTSTART"), e.get("DTEND")) {
            (Some(s), Some(end), None, None) => assert!(day(end) > day(s), "an all-day event ends after it starts: {e:?}"),
            (None, None, Some(s), Some(end)) => {
                assert!(s.ends_with('Z') && end.ends_with('Z'), "a timed event is in UTC: {e:?}");
                assert!(end > s, "a timed event ends after it starts: {e:?}");
            }
            _ => panic!("an event needs DTSTART and DTEND of one kind: {e:?}"),
        }
    }
    events
}

fn day(v: &str) -> NaiveDate {
    NaiveDate::parse_from_str(v, "%Y%m%d").unwrap_or_else(|_| panic!("not a DATE: {v}"))
}

fn march(d: u32) -> Due {
    Due::Date(NaiveDate::from_ymd_opt(2026, 3, d).unwrap())
}

fn event_of<'a>(events: &'a [Component], id: &str) -> &'a Component {
    events.iter().find(|e| e["UID"] == format!("{id}@trato")).unwrap_or_else(|| panic!("no event for {id}"))
}

struct Scene {
    sol: trato::domain::ClientId,
    menu: trato::domain::EntryId,
    dated: trato::domain::EntryId,
    timed: trato::domain::EntryId,
}

/// Sol asks on Monday 2 March at 10:00 (Madrid); a promise is due on Wednesday
/// the 4th, another at 17:00 on Thursday the 5th.
fn scene(s: &mut Store) -> Scene {
    let sol = j::add_client(s, at(1, 9, 0), "Panadería Sol, S.L.", ClientPatch::default()).unwrap();
    let menu = j::add_request(s, at(2, 10, 0), new_entry(sol, at(2, 10, 0), "Update the menu; ñ 😀"), None).unwrap();
    let dated = j::add_promise(s, at(2, 11, 0), new_entry(sol, at(2, 11, 0), "New menu online"), march(4), None).unwrap();
    let five = common::march(5, 17, 0);
    let timed =
        j::add_promise(s, at(2, 11, 5), new_entry(sol, at(2, 11, 5), &"Call about the photos ".repeat(6)), Due::At(five), None).unwrap();
    Scene { sol, menu, dated, timed }
}

#[test]
fn promises_land_on_their_days_and_answers_owed_at_their_moment() {
    let mut jn = journal();
    let sc = scene(&mut jn.store);
    let ics = calendar::feed(&mut jn.store, at(2, 12, 0), &[], false).unwrap();
    let events = events(&ics);
    assert_eq!(events.len(), 3, "two open promises and one answer owed");

    let dated = event_of(&events, &sc.dated.to_string());
    assert_eq!(dated["DTSTART;VALUE=DATE"], "20260304", "a date-only promise is an all-day event on its day");
    assert_eq!(dated["DTEND;VALUE=DATE"], "20260305", "and ends the next day (exclusive), as RFC 5545 wants");
    assert_eq!(dated["SUMMARY"], "Panadería Sol\\, S.L.: New menu online", "the client's name and the promise, escaped");
    assert_eq!(dated["SEQUENCE"], "0");

    let timed = event_of(&events, &sc.timed.to_string());
    assert_eq!(timed["DTSTART"], "20260305T160000Z", "17:00 in Madrid is 16:00 UTC");
    assert!(timed["SUMMARY"].ends_with("Call about the photos"), "long summaries fold and unfold back whole");

    // The answer-by moment the signals use: one business day (9 hours) after 10:00 Monday.
    let menu = event_of(&events, &sc.menu.to_string());
    assert_eq!(menu["DTSTART"], "20260303T090000Z", "Sol's answer is due Tuesday 10:00 Madrid");
    assert!(menu["SUMMARY"].contains("Update the menu\\; ñ 😀"), "accents and emoji intact: {}", menu["SUMMARY"]);
}

#[test]
fn each_event_has_an_alarm_at_the_reminder_lead_time() {
    let mut jn = journal();
    let sc = scene(&mut jn.store);
    let ics = calendar::feed(&mut jn.store, at(2, 12, 0), &[], false).unwrap();
    let unfolded = ics.replace("\r\n ", "");
    let block = |id: &str| -> String {
        let start = unfolded.find(&format!("UID:{id}@trato")).unwrap();
        unfolded[start..].split("END:VEVENT").next().unwrap().to_string()
    };
    assert!(block(&sc.dated.to_string()).contains("TRIGGER;RELATED=END:-PT24H"), "24 hours before the end of the due day");
    assert!(block(&sc.timed.to_string()).contains("TRIGGER:-PT24H"), "24 hours before the due moment");
    assert!(block(&sc.dated.to_string()).contains("ACTION:DISPLAY"));

    j::change_settings(&mut jn.store, |s| s.with("reminders.lead_hours", "2")).unwrap();
    let ics = calendar::feed(&mut jn.store, at(2, 12, 0), &[], false).unwrap();
    assert!(ics.contains("TRIGGER:-PT2H"), "the alarm follows the reminders.lead_hours setting");
    j::change_settings(&mut jn.store, |s| s.with("reminders.enabled", "false")).unwrap();
    let ics = calendar::feed(&mut jn.store, at(2, 12, 0), &[], false).unwrap();
    assert!(!ics.contains("VALARM"), "no alarms when the user turned reminders off");
}

#[test]
fn a_rescheduled_promise_keeps_its_uid_and_raises_its_sequence() {
    let mut jn = journal();
    let sc = scene(&mut jn.store);
    let before = events(&calendar::feed(&mut jn.store, at(2, 12, 0), &[], false).unwrap());
    j::reschedule_promise(&mut jn.store, at(3, 9, 0), sc.dated, None, march(6), "waiting for photos").unwrap();
    let after = events(&calendar::feed(&mut jn.store, at(3, 9, 30), &[], false).unwrap());
    let (b, a) = (event_of(&before, &sc.dated.to_string()), event_of(&after, &sc.dated.to_string()));
    assert_eq!(a["UID"], b["UID"], "the same event moves, no second one appears");
    assert_eq!(a["SEQUENCE"], "1", "calendars take the new date only with a higher SEQUENCE");
    assert_eq!(a["DTSTART;VALUE=DATE"], "20260306", "the new day");
    assert!(a["DTSTAMP"] > b["DTSTAMP"], "DTSTAMP says when it last changed");
    assert!(a["DESCRIPTION"].contains("waiting for photos"), "the reason is in the description");
    let again = calendar::feed(&mut jn.store, at(3, 10, 0), &[], false).unwrap();
    assert_eq!(again, calendar::feed(&mut jn.store, at(3, 10, 0), &[], false).unwrap(), "the same journal gives the same file");
}

#[test]
fn kept_promises_answered_requests_and_the_trash_are_not_in_the_calendar() {
    let mut jn = journal();
    let sc = scene(&mut jn.store);
    j::keep_promise(&mut jn.store, at(2, 13, 0), sc.dated, None).unwrap();
    j::reply_request(&mut jn.store, at(2, 13, 5), sc.menu, None, None).unwrap();
    j::delete(&mut jn.store, at(2, 13, 10), &sc.timed.to_string()).unwrap();
    let ics = calendar::feed(&mut jn.store, at(2, 14, 0), &[], false).unwrap();
    assert!(events(&ics).is_empty(), "nothing open is left to show: {ics}");

    let other = j::add_client(&mut jn.store, at(2, 14, 0), "Otro", ClientPatch::default()).unwrap();
    j::add_promise(&mut jn.store, at(2, 14, 5), new_entry(other, at(2, 14, 5), "Quote"), march(9), None).unwrap();
    assert_eq!(events(&calendar::feed(&mut jn.store, at(2, 15, 0), &[], false).unwrap()).len(), 1);
    j::delete(&mut jn.store, at(2, 15, 0), &other.to_string()).unwrap();
    assert!(events(&calendar::feed(&mut jn.store, at(2, 15, 5), &[], false).unwrap()).is_empty(), "a trashed client's promises go");
    assert!(events(&calendar::feed(&mut jn.store, at(2, 15, 5), &[sc.sol], false).unwrap()).is_empty());
}

#[test]
fn todos_are_written_beside_the_events_when_asked() {
    let mut jn = journal();
    let sc = scene(&mut jn.store);
    let ics = calendar::feed(&mut jn.store, at(2, 12, 0), &[], true).unwrap();
    let todos: Vec<Component> = parse(&ics).into_iter().filter(|(k, _)| k == "VTODO").map(|(_, p)| p).collect();
    assert_eq!(todos.len(), 3, "one to-do per item");
    let dated = todos.iter().find(|t| t["UID"] == format!("{}-todo@trato", sc.dated)).expect("the promise's to-do");
    assert_eq!(dated["DUE;VALUE=DATE"], "20260304");
    assert_eq!(events(&ics).len(), 3, "the events stay, for calendars that ignore to-dos");
    j::change_settings(&mut jn.store, |s| s.with("calendar.todos", "true")).unwrap();
    assert!(calendar::feed(&mut jn.store, at(2, 12, 0), &[], false).unwrap().contains("BEGIN:VTODO"), "the setting turns them on too");
}

#[test]
fn the_apps_export_menu_gives_each_file_of_every_client() {
    use trato::journal::export::{document, ExportKind};
    let mut jn = journal();
    scene(&mut jn.store);
    let now = at(2, 12, 0);
    let ics = document(&mut jn.store, now, ExportKind::Calendar).unwrap();
    assert_eq!(events(&ics).len(), 3, "the calendar of the Export menu is the feed of every client");
    let apple = document(&mut jn.store, now, ExportKind::Vcard3).unwrap();
    assert!(apple.contains("VERSION:3.0\r\n") && apple.contains("FN:Panadería Sol\\, S.L."), "vCard 3.0 for Apple Contacts: {apple}");
    assert!(document(&mut jn.store, now, ExportKind::Vcard4).unwrap().contains("VERSION:4.0\r\n"));
    let timeline = document(&mut jn.store, now, ExportKind::EntriesCsv).unwrap();
    assert_eq!(timeline.lines().count(), 4, "a header and the three entries: {timeline}");
    assert_eq!(ExportKind::Vcard3.file_name(), "Trato clients (Apple).vcf");
}
