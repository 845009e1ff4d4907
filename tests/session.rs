//! A journal opened for a face: the clock each call acts by (the zone asked
//! for, else the journal's, else the system's; the journal's language, else
//! the system's), read afresh once another process changed the settings, and
//! the calendar file rewritten after a write.

use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::America::Mexico_City;
use chrono_tz::Europe::Madrid;
use chrono_tz::Tz;
use trato::domain::time::Clock;
use trato::domain::Language;
use trato::journal::session::{Session, Surroundings};
use trato::journal::{self, JournalError};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 5, 8, 0, 0).unwrap()
}

/// A system in Madrid that speaks Spanish, and maybe a zone asked for on the command line.
fn around(tz: Option<Tz>) -> Surroundings {
    Surroundings { system: Arc::new(|| Clock::new(now(), Madrid).speaking(Language::Es)), tz }
}

fn set(session: &mut Session, key: &str, value: &str) {
    session.write(|store, _| journal::change_settings(store, |s| s.with(key, value))).unwrap();
}

#[test]
fn the_clock_takes_the_zone_asked_for_then_the_journals_then_the_systems() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trato.db");
    let mut plain = Session::open(&path, around(None)).unwrap();
    let clock = plain.clock().unwrap();
    assert_eq!((clock.now, clock.tz, clock.lang), (now(), Madrid, Language::Es), "a journal that names nothing follows the system");

    set(&mut plain, "time_zone", "America/Mexico_City");
    set(&mut plain, "language", "en");
    let clock = plain.clock().unwrap();
    assert_eq!((clock.tz, clock.lang), (Mexico_City, Language::En), "the journal's own zone and language win over the system's");

    let mut asked = Session::open(&path, around(Some(chrono_tz::UTC))).unwrap();
    assert_eq!(asked.clock().unwrap().tz, chrono_tz::UTC, "a zone asked for (`--tz`) wins over the journal's");
}

#[test]
fn settings_changed_by_another_process_reach_the_next_call() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trato.db");
    let mut app = Session::open(&path, around(None)).unwrap();
    assert_eq!(app.clock().unwrap().tz, Madrid);
    // `trato settings set time_zone …` while the app runs: another connection.
    let mut cli = Session::open(&path, around(None)).unwrap();
    set(&mut cli, "time_zone", "America/Mexico_City");
    assert_eq!(app.clock().unwrap().tz, Mexico_City, "the app's next call acts in the zone the command line just set");
    let tz = app.run(|store, clock| Ok::<_, JournalError>((journal::settings(store)?.zone(), clock.tz))).unwrap();
    assert_eq!(tz, (Some(Mexico_City), Mexico_City), "the use case and its clock read the same settings");
}

#[test]
fn a_write_rewrites_the_calendar_file_and_a_read_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trato.db");
    let calendar = dir.path().join("calendar");
    std::fs::create_dir(&calendar).unwrap();
    let mut session = Session::open(&path, around(None)).unwrap();
    let ics = calendar.join("trato.ics");
    session.run(|store, _| journal::clients(store, false)).unwrap();
    set(&mut session, "calendar.ics_folder", calendar.to_str().unwrap());
    assert!(ics.exists(), "the write that named the folder already fills it");
    std::fs::remove_file(&ics).unwrap();
    session.run(|store, _| journal::clients(store, false)).unwrap();
    assert!(!ics.exists(), "a read leaves the calendar file alone");
    let written = session.write(|store, clock| journal::add_client(store, clock, "Panadería Sol", Default::default())).unwrap();
    assert_eq!(written.calendar.unwrap(), Some(ics.clone()), "a write rewrites the calendar file and says where");
    assert!(ics.exists());
}
