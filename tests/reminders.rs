//! Reminders over simulated weeks: the app's minute tick is replayed with a
//! moving clock (every quarter of an hour), recording what it sends, through
//! the same use cases the app calls. No clock, no sleeps.

mod common;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Europe::Madrid;
use common::{at, journal, march, new_entry, Journal};
use trato::domain::{ClientId, ClientPatch, Direction, Due, EntryId, IncidentSeverity, NoticedBy};
use trato::journal::reminding;
use trato::journal::{self, Clock};
use trato::reminders::{HoldReason, Notification, ReminderKind, ReminderPlan, Snooze};
use trato::store::Store;

fn day(d: u32) -> Due {
    Due::Date(NaiveDate::from_ymd_opt(2026, 3, d).unwrap())
}

fn clock(t: DateTime<Utc>) -> Clock {
    Clock::new(t, Madrid)
}

/// The app, ticking: each tick asks what is due and records what it shows.
struct Sim {
    j: Journal,
    shown: Vec<(DateTime<Utc>, Notification)>,
}

impl Sim {
    fn new() -> Sim {
        let mut j = journal();
        journal::change_settings(&mut j.store, |s| s.with("language", "en")).unwrap();
        Sim { j, shown: Vec::new() }
    }

    fn store(&mut self) -> &mut Store {
        &mut self.j.store
    }

    fn set(&mut self, key: &str, value: &str) {
        journal::change_settings(self.store(), |s| s.with(key, value)).unwrap();
    }

    fn plan(&mut self, t: DateTime<Utc>) -> ReminderPlan {
        reminding::due_reminders(self.store(), clock(t)).unwrap()
    }

    fn tick(&mut self, t: DateTime<Utc>) -> Vec<Notification> {
        let plan = self.plan(t);
        let shown = reminding::mark_sent(self.store(), clock(t), &plan.send).unwrap();
        assert_eq!(shown, plan.send, "what the plan says to send is new to the record");
        self.shown.extend(shown.iter().map(|n| (t, n.clone())));
        shown
    }

    /// Ticks every 15 minutes from `from` up to, not including, `to`; returns what was shown.
    fn run(&mut self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<String> {
        let mut out = Vec::new();
        let mut t = from;
        while t < to {
            out.extend(self.tick(t).iter().map(|n| line(t, n)));
            t += Duration::minutes(15);
        }
        out
    }

    /// The app quits and starts again on the same journal file.
    fn restart(&mut self) {
        let path = self.j.path();
        self.j.store = Store::open(&path).unwrap();
    }
}

/// "Thu 05 09:00 Panadería Sol: promise overdue", with " (digest)" for a digest.
fn line(t: DateTime<Utc>, n: &Notification) -> String {
    let digest = if n.digest { " (digest)" } else { "" };
    format!("{} {}{digest}", t.with_timezone(&Madrid).format("%a %d %H:%M"), n.title)
}

fn client(s: &mut Store, name: &str) -> ClientId {
    journal::add_client(s, at(1, 9, 0), name, ClientPatch::default()).unwrap()
}

fn promise(s: &mut Store, who: ClientId, made: Clock, what: &str, due: Due) -> EntryId {
    journal::add_promise(s, made, new_entry(who, made, what), due, None).unwrap()
}

/// The sample journal as `trato demo` writes it on Thursday 2026-03-05 09:00, in English.
fn sample() -> Sim {
    let mut sim = Sim::new();
    trato::journal::demo::fill(sim.store(), at(5, 9, 0)).unwrap();
    sim
}

#[test]
fn the_sample_journal_on_thursday_at_nine_reminds_of_one_overdue_promise_the_menu_of_panaderia_sol() {
    let mut sim = sample();
    let plan = sim.plan(march(5, 9, 0));
    let overdue: Vec<_> = plan.reminders().filter(|r| r.kind == ReminderKind::PromiseOverdue).collect();
    assert_eq!(overdue.len(), 1, "one overdue reminder: {overdue:#?}");
    assert_eq!((overdue[0].client.as_str(), overdue[0].summary.as_str()), ("Panadería Sol", "New menu online"));
    assert_eq!(plan.overdue_promises, 1, "the tray shows 1");

    // Two notifications, each its own: too few for a digest, and each opens its client.
    let shown: Vec<_> = plan.send.iter().map(|n| (n.digest, n.title.as_str(), n.body.as_str())).collect();
    assert_eq!(
        shown,
        [
            (false, "Panadería Sol: promise overdue", "“New menu online” was due Wed 4 Mar and is 9 hours late."),
            (
                false,
                "Librería Alba: request waiting for an answer",
                "“Add a 'new releases' section to the home page” was to be answered by Wed 4 Mar 15:00; the client has waited 12 business hours."
            ),
        ],
        "the other is the request Today lists as unanswered; no other promise is overdue at 09:00"
    );
    for n in &plan.send {
        assert_eq!(n.client_id, Some(n.reminders[0].client_id), "a click opens the client");
    }
    assert!(plan.held.is_empty(), "nothing else is due: {:#?}", plan.held);
}

#[test]
fn the_sample_journal_reminds_nothing_more_after_a_restart() {
    let mut sim = sample();
    assert_eq!(sim.tick(march(5, 9, 0)).len(), 2);
    sim.restart();
    assert_eq!(sim.run(march(5, 9, 0), march(5, 18, 0)), Vec::<String>::new(), "nothing is shown twice, even after a restart");
    assert_eq!(sim.plan(march(5, 12, 0)).overdue_promises, 1, "and the tray still shows 1");
}

#[test]
fn the_sample_journal_left_alone_comes_one_reminder_at_a_time_then_as_morning_digests() {
    let mut sim = sample();
    let shown = sim.run(march(5, 9, 0), march(10, 18, 0));
    assert_eq!(
        shown,
        [
            "Thu 05 09:00 Panadería Sol: promise overdue",
            "Thu 05 09:00 Librería Alba: request waiting for an answer",
            // A day after it was shown, the menu again; the coffee feed is due at the end of the day.
            "Fri 06 09:00 Panadería Sol: promise overdue",
            "Fri 06 09:00 Café Tostado: promise due soon",
            // The weekend is quiet: what came due then waits for Monday, four at once, so one digest.
            "Mon 09 09:00 Trato: 4 reminders (digest)",
            "Tue 10 09:00 Trato: 4 reminders (digest)",
        ]
    );
    let (_, monday) = &sim.shown[4];
    assert_eq!(monday.body, "3 promises overdue, 1 promise due soon — Café Tostado, Panadería Sol, Taller Mecánico Díaz and 1 more.");
    assert_eq!(monday.client_id, None, "a digest about several clients opens Today");
}

#[test]
fn the_public_example_week_reminds_once_per_state_and_each_reschedule_is_a_new_state() {
    let mut sim = Sim::new();
    let sol = client(sim.store(), "Panadería Sol");
    let mut shown = sim.run(march(1, 9, 0), march(2, 10, 0));
    let menu = journal::add_request(sim.store(), at(2, 10, 0), new_entry(sol, at(2, 10, 0), "Update the menu"), None).unwrap();
    shown.extend(sim.run(march(2, 10, 0), march(2, 12, 0)));
    let p = journal::add_promise(sim.store(), at(2, 12, 0), new_entry(sol, at(2, 12, 0), "New menu online"), day(4), Some(menu)).unwrap();
    shown.extend(sim.run(march(2, 12, 0), march(4, 12, 0)));
    sim.restart();
    shown.extend(sim.run(march(4, 12, 0), march(5, 11, 0)));
    journal::follow_up_request(sim.store(), at(5, 11, 0), menu, None, None, None).unwrap();
    shown.extend(sim.run(march(5, 11, 0), march(5, 12, 0)));
    journal::reschedule_promise(sim.store(), at(5, 12, 0), p, None, day(6), "waiting for photos").unwrap();
    shown.extend(sim.run(march(5, 12, 0), march(6, 16, 0)));
    journal::reschedule_promise(sim.store(), at(6, 16, 0), p, None, day(9), "photos arrived late").unwrap();
    shown.extend(sim.run(march(6, 16, 0), march(9, 10, 0)));
    journal::keep_promise(sim.store(), at(9, 10, 0), p, None).unwrap();
    shown.extend(sim.run(march(9, 10, 0), march(12, 18, 0)));
    assert_eq!(
        shown,
        [
            // 24 h before the end of Wednesday is midnight, a quiet hour: it waits for 09:00.
            "Wed 04 09:00 Panadería Sol: promise due soon",
            "Thu 05 09:00 Panadería Sol: promise overdue",
            // Rescheduled to Friday: a new due date, a new state, a new reminder.
            "Fri 06 09:00 Panadería Sol: promise due soon",
            "Mon 09 09:00 Panadería Sol: promise due soon",
        ],
        "no reminder about the request: the promise answered it, and the reschedule answered the follow-up within the hour"
    );
    let bodies: Vec<_> = sim.shown.iter().map(|(_, n)| n.body.as_str()).collect();
    assert_eq!(bodies[2], "“New menu online” is due Fri 6 Mar, in 15 hours.");
}

#[test]
fn an_overdue_promise_is_recalled_at_most_once_a_day() {
    let mut sim = Sim::new();
    let sol = client(sim.store(), "Panadería Sol");
    promise(sim.store(), sol, at(2, 10, 0), "New menu online", day(2));
    sim.run(march(2, 10, 0), march(17, 0, 0));
    let times: Vec<_> = sim.shown.iter().map(|(t, _)| *t).collect();
    for pair in times.windows(2) {
        assert!(pair[1] - pair[0] >= Duration::hours(24), "{} then {}", pair[0], pair[1]);
    }
    let days: Vec<_> = times.iter().map(|t| t.with_timezone(&Madrid).format("%a %d %H:%M").to_string()).collect();
    assert_eq!(
        days,
        [
            "Tue 03 09:00",
            "Wed 04 09:00",
            "Thu 05 09:00",
            "Fri 06 09:00",
            "Mon 09 09:00",
            "Tue 10 09:00",
            "Wed 11 09:00",
            "Thu 12 09:00",
            "Fri 13 09:00",
            "Mon 16 09:00"
        ],
        "once each working morning; a quiet weekend gives one on Monday, not three"
    );
    let repeats: Vec<_> = sim.shown.iter().map(|(_, n)| n.reminders[0].repeat).collect();
    assert_eq!(repeats, (0..10).collect::<Vec<u32>>());

    // Without quiet hours nor digest, a day means 24 hours from the last one.
    let mut sim = Sim::new();
    sim.set("reminders.quiet_hours.mode", "never");
    sim.set("reminders.digest", "off");
    let sol = client(sim.store(), "Panadería Sol");
    promise(sim.store(), sol, at(2, 10, 0), "New menu online", day(2));
    let shown = sim.run(march(2, 10, 0), march(5, 12, 0));
    assert_eq!(
        shown,
        [
            "Tue 03 00:00 Panadería Sol: promise overdue",
            "Wed 04 00:00 Panadería Sol: promise overdue",
            "Thu 05 00:00 Panadería Sol: promise overdue"
        ]
    );
}

#[test]
fn quiet_hours_hold_reminders_back_and_deliver_them_together_when_they_end() {
    let mut sim = Sim::new();
    let (a, b, c) = (client(sim.store(), "Alfa"), client(sim.store(), "Beta"), client(sim.store(), "Gamma"));
    // Made the same morning they fall due: inside the lead time, so no due-soon reminder.
    promise(sim.store(), a, at(5, 10, 0), "Logo files", Due::At(march(5, 20, 0)));
    promise(sim.store(), b, at(5, 10, 0), "Invoice", Due::At(march(5, 23, 30)));
    promise(sim.store(), c, at(5, 10, 0), "Backup", Due::At(march(6, 6, 0)));
    assert_eq!(sim.run(march(5, 10, 0), march(6, 9, 0)), Vec::<String>::new(), "nothing at night");
    let held = sim.plan(march(6, 8, 45)).held;
    let reasons: Vec<_> = held.iter().map(|h| (h.reminder.client.as_str(), h.reason, h.until)).collect();
    assert_eq!(
        reasons,
        [
            ("Alfa", HoldReason::QuietHours, march(6, 9, 0)),
            ("Beta", HoldReason::QuietHours, march(6, 9, 0)),
            ("Gamma", HoldReason::QuietHours, march(6, 9, 0))
        ]
    );
    assert_eq!(
        sim.run(march(6, 9, 0), march(6, 10, 0)),
        ["Fri 06 09:00 Alfa: promise overdue", "Fri 06 09:00 Beta: promise overdue", "Fri 06 09:00 Gamma: promise overdue"],
        "three at once are still read one by one, each opening its client"
    );
}

#[test]
fn more_than_three_at_once_become_one_digest_and_a_holiday_is_quiet_too() {
    let mut sim = Sim::new();
    journal::change_settings(sim.store(), |s| s.add_holiday(NaiveDate::from_ymd_opt(2026, 3, 6).unwrap(), Some("Fiesta".into()))).unwrap();
    for name in ["Alfa", "Beta", "Gamma", "Delta", "Épsilon"] {
        let who = client(sim.store(), name);
        promise(sim.store(), who, at(5, 10, 0), "Send the files", Due::At(march(5, 20, 0)));
    }
    assert_eq!(sim.run(march(5, 10, 0), march(9, 9, 0)), Vec::<String>::new(), "Friday is a holiday, then the weekend");
    assert_eq!(sim.run(march(9, 9, 0), march(9, 12, 0)), ["Mon 09 09:00 Trato: 5 reminders (digest)"]);
    let (_, digest) = &sim.shown[0];
    assert_eq!(digest.body, "5 promises overdue — Alfa, Beta, Delta and 2 more.");
    assert_eq!(digest.reminders.len(), 5, "the digest delivers each of them");

    // Turned off, each is its own notification.
    let mut sim = Sim::new();
    sim.set("reminders.digest", "false");
    for name in ["Alfa", "Beta", "Gamma", "Delta"] {
        let who = client(sim.store(), name);
        promise(sim.store(), who, at(5, 10, 0), "Send the files", Due::At(march(5, 20, 0)));
    }
    assert_eq!(sim.run(march(5, 10, 0), march(6, 10, 0)).len(), 4);
}

#[test]
fn back_after_three_days_asleep_one_digest_not_dozens() {
    let mut sim = Sim::new();
    for (n, name) in ["Alfa", "Beta", "Gamma", "Delta", "Épsilon", "Zeta"].into_iter().enumerate() {
        let who = client(sim.store(), name);
        promise(sim.store(), who, at(2, 10, 0), "Send the files", day(3 + n as u32 % 2));
        journal::add_request(sim.store(), at(2, 11, 0), new_entry(who, at(2, 11, 0), "A question"), None).unwrap();
    }
    assert_eq!(sim.run(march(2, 10, 0), march(2, 12, 0)), Vec::<String>::new());
    // The laptop sleeps from Monday noon to Thursday 15:00: one tick on waking.
    let woke = sim.tick(march(5, 15, 0));
    assert_eq!(woke.len(), 1, "one notification: {woke:#?}");
    assert!(woke[0].digest);
    assert_eq!(woke[0].reminders.len(), 12, "one reminder per matter, its latest state only (no stale due-soon, no missed repeats)");
    assert_eq!(woke[0].body, "6 promises overdue, 6 requests waiting for an answer — Alfa, Gamma, Épsilon and 3 more.");
    assert_eq!(sim.run(march(5, 15, 15), march(5, 18, 0)), Vec::<String>::new(), "and nothing more that day");
}

#[test]
fn a_request_is_reminded_before_and_after_its_answer_by_once_per_clock() {
    let mut sim = Sim::new();
    let alba = client(sim.store(), "Librería Alba");
    let r = journal::add_request(sim.store(), at(2, 10, 0), new_entry(alba, at(2, 10, 0), "New releases section"), None).unwrap();
    // Answer by Tuesday 10:00; two business hours before is Monday 17:00.
    let mut shown = sim.run(march(2, 10, 0), march(3, 11, 0));
    journal::reply_request(sim.store(), at(3, 11, 0), r, None, Some("On it".into())).unwrap();
    shown.extend(sim.run(march(3, 11, 0), march(4, 10, 0)));
    // A follow-up after the reply starts a new clock: answer by Thursday 10:00.
    journal::follow_up_request(sim.store(), at(4, 10, 0), r, None, None, None).unwrap();
    shown.extend(sim.run(march(4, 10, 0), march(5, 12, 0)));
    // Asking again while still unanswered keeps that clock: nothing new.
    journal::follow_up_request(sim.store(), at(5, 12, 0), r, None, None, None).unwrap();
    shown.extend(sim.run(march(5, 12, 0), march(6, 18, 0)));
    assert_eq!(
        shown,
        [
            "Mon 02 17:00 Librería Alba: answer due soon",
            "Tue 03 10:15 Librería Alba: request waiting for an answer",
            "Wed 04 17:00 Librería Alba: answer due soon",
            "Thu 05 10:15 Librería Alba: request waiting for an answer",
        ],
        "past the answer-by means after it, as Today says: the 10:00 tick is at it, the 10:15 one past it"
    );
    assert_eq!(sim.shown[0].1.body, "“New releases section” is to be answered by Tue 3 Mar 10:00, in 2 business hours.");
}

#[test]
fn an_incident_the_client_heard_nothing_about_is_reminded_once_four_working_hours_after_it_was_noticed() {
    let mut sim = Sim::new();
    let ruiz = client(sim.store(), "Clínica Dental Ruiz");
    let e = new_entry(ruiz, at(2, 10, 0), "Confirmations to the wrong address");
    journal::add_incident(sim.store(), at(2, 10, 0), e, NoticedBy::Client, IncidentSeverity::Major).unwrap();
    assert_eq!(sim.run(march(2, 10, 0), march(6, 18, 0)), ["Mon 02 14:00 Clínica Dental Ruiz: incident not acknowledged"]);
    assert_eq!(
        sim.shown[0].1.body,
        "The client has heard nothing from you about the major incident “Confirmations to the wrong address”, noticed 4 hours ago: contact the client first."
    );
}

#[test]
fn a_call_to_the_client_after_an_incident_is_contact_enough_and_nothing_is_reminded() {
    let mut sim = Sim::new();
    let ruiz = client(sim.store(), "Clínica Dental Ruiz");
    let e = new_entry(ruiz, at(2, 10, 0), "Confirmations to the wrong address");
    journal::add_incident(sim.store(), at(2, 10, 0), e, NoticedBy::Client, IncidentSeverity::Major).unwrap();
    journal::log_interaction(sim.store(), at(2, 11, 0), new_entry(ruiz, at(2, 11, 0), "Called Dr Ruiz"), Direction::Out).unwrap();
    assert_eq!(sim.run(march(2, 10, 0), march(6, 18, 0)), Vec::<String>::new());
}

#[test]
fn a_snoozed_reminder_comes_back_when_the_snooze_ends_and_only_once() {
    let mut sim = sample();
    let first = sim.tick(march(5, 9, 0));
    let key = first[0].reminders[0].key.clone();
    assert_eq!(first[0].title, "Panadería Sol: promise overdue");

    let until = reminding::snooze(sim.store(), clock(march(5, 9, 5)), &key, Snooze::For { minutes: 60 }).unwrap();
    assert_eq!(until, march(5, 10, 5));
    let held = sim.plan(march(5, 9, 30)).held;
    assert_eq!(held.len(), 1);
    assert_eq!((held[0].reason, held[0].until, &held[0].reminder.key), (HoldReason::Snoozed, march(5, 10, 5), &key));
    assert_eq!(sim.run(march(5, 9, 15), march(5, 18, 0)), ["Thu 05 10:15 Panadería Sol: promise overdue"], "back once, after the hour");
    assert_eq!(sim.shown.last().unwrap().1.reminders[0].after_snooze, Some(march(5, 10, 5)));

    // Until tomorrow: Friday 09:00, and the daily repeat a day after that.
    reminding::snooze(sim.store(), clock(march(5, 10, 20)), &key, Snooze::UntilTomorrow).unwrap();
    sim.restart();
    let shown = sim.run(march(5, 18, 0), march(7, 12, 0));
    assert_eq!(shown, ["Fri 06 09:00 Panadería Sol: promise overdue", "Fri 06 09:00 Café Tostado: promise due soon"]);

    // A snooze that ends at night waits for the morning.
    let alba = sim.shown.iter().find(|(_, n)| n.title.starts_with("Librería Alba")).map(|(_, n)| n.reminders[0].key.clone()).unwrap();
    reminding::snooze(sim.store(), clock(march(6, 17, 30)), &alba, Snooze::Until { at: march(6, 21, 0) }).unwrap();
    let held = sim.plan(march(6, 21, 0)).held;
    let alba_held = held.iter().find(|h| h.reminder.key == alba).unwrap();
    assert_eq!((alba_held.reason, alba_held.until), (HoldReason::QuietHours, march(9, 9, 0)));
}

#[test]
fn a_snooze_in_the_past_or_of_something_unknown_is_refused() {
    let mut sim = sample();
    let key = sim.plan(march(5, 9, 0)).send[0].reminders[0].key.clone();
    let err = reminding::snooze(sim.store(), clock(march(5, 9, 0)), &key, Snooze::Until { at: march(5, 8, 0) }).unwrap_err();
    assert_eq!(err.code(), "snooze_in_past", "{err}");
    let nobody = "promise_overdue/019cae34-7780-7000-8000-000000000099/2026-03-04".parse().unwrap();
    let err = reminding::snooze(sim.store(), clock(march(5, 9, 0)), &nobody, Snooze::UntilTomorrow).unwrap_err();
    assert_eq!(err.code(), "not_found", "{err}");
    assert_eq!(sim.plan(march(5, 9, 0)).send.len(), 2, "a refused snooze changes nothing");
}

#[test]
fn two_ticks_at_once_show_a_reminder_once() {
    let mut sim = sample();
    let (one, two) = (sim.plan(march(5, 9, 0)), sim.plan(march(5, 9, 0)));
    let first = reminding::mark_sent(sim.store(), clock(march(5, 9, 0)), &one.send).unwrap();
    let second = reminding::mark_sent(sim.store(), clock(march(5, 9, 0)), &two.send).unwrap();
    assert_eq!(first.len(), 2);
    assert!(second.is_empty(), "the second process finds them recorded and shows nothing: {second:#?}");
}

#[test]
fn each_kind_can_be_turned_off_and_all_of_them_at_once() {
    let mut sim = sample();
    sim.set("reminders.request_unanswered", "off");
    let titles: Vec<_> = sim.plan(march(5, 9, 0)).send.into_iter().map(|n| n.title).collect();
    assert_eq!(titles, ["Panadería Sol: promise overdue"]);
    sim.set("reminders.enabled", "false");
    let plan = sim.plan(march(5, 9, 0));
    assert!(plan.send.is_empty() && plan.held.is_empty());
    assert_eq!(plan.overdue_promises, 1, "the tray counts overdue promises whether or not they are reminded");
}

#[test]
fn the_lead_time_and_the_answer_window_are_settings() {
    let mut sim = Sim::new();
    sim.set("reminders.lead_hours", "48");
    sim.set("reminders.answer_soon_business_hours", "4");
    let sol = client(sim.store(), "Panadería Sol");
    promise(sim.store(), sol, at(2, 10, 0), "New menu online", day(5));
    journal::add_request(sim.store(), at(2, 10, 0), new_entry(sol, at(2, 10, 0), "Photos"), None).unwrap();
    let shown = sim.run(march(2, 10, 0), march(4, 12, 0));
    assert_eq!(
        shown,
        [
            "Mon 02 15:00 Panadería Sol: answer due soon",
            "Tue 03 10:15 Panadería Sol: request waiting for an answer",
            "Wed 04 09:00 Panadería Sol: promise due soon"
        ]
    );
}

#[test]
fn reminders_speak_spanish_when_the_journal_does() {
    let mut sim = sample();
    sim.set("language", "es");
    let shown: Vec<_> = sim.plan(march(5, 9, 0)).send.into_iter().map(|n| (n.title, n.body)).collect();
    assert_eq!(
        shown[0],
        ("Panadería Sol: promesa vencida".to_string(), "«New menu online» vencía el mié 4 mar y lleva 9 horas de retraso.".to_string())
    );
    assert_eq!(shown[1].0, "Librería Alba: solicitud sin respuesta");
    assert!(shown[1].1.ends_with("el cliente lleva esperando 12 horas laborables."), "{}", shown[1].1);
}

#[test]
fn the_history_lists_what_was_sent_newest_first_in_the_words_shown() {
    let mut sim = sample();
    assert!(reminding::sent_reminders(sim.store(), 10).unwrap().is_empty());
    sim.run(march(5, 9, 0), march(6, 10, 0));
    let history = reminding::sent_reminders(sim.store(), 3).unwrap();
    let rows: Vec<_> = history.iter().map(|s| (s.sent_at, s.title.as_str(), s.in_digest)).collect();
    assert_eq!(
        rows,
        [
            (march(6, 9, 0), "Café Tostado: promise due soon", false),
            (march(6, 9, 0), "Panadería Sol: promise overdue", false),
            (march(5, 9, 0), "Panadería Sol: promise overdue", false),
        ]
    );
    assert_eq!(history[1].body, "“New menu online” was due Wed 4 Mar and is 33 hours late.", "the words as they were shown");
    assert!(history[1].key.ends_with("/2026-03-04/1"), "the first daily repeat: {}", history[1].key);
}

#[test]
fn entries_and_clients_in_the_trash_are_not_reminded() {
    let mut sim = sample();
    let sol = journal::find_client(sim.store(), "Panadería Sol").unwrap();
    journal::delete(sim.store(), at(5, 9, 0), &sol.id.to_string()).unwrap();
    let titles: Vec<_> = sim.plan(march(5, 9, 0)).send.into_iter().map(|n| n.title).collect();
    assert_eq!(titles, ["Librería Alba: request waiting for an answer"]);
    assert_eq!(sim.plan(march(5, 9, 0)).overdue_promises, 0);
}

#[test]
fn the_types_the_app_receives_export_to_typescript() {
    use trato::reminders::{ReminderPlan, SentReminder};
    use ts_rs::{Config, TS};
    let dir = tempfile::tempdir().unwrap();
    let cfg = Config::new().with_large_int("number").with_out_dir(dir.path());
    ReminderPlan::export_all(&cfg).unwrap();
    SentReminder::export_all(&cfg).unwrap();
    Snooze::export_all(&cfg).unwrap();
    let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(read("Notification.ts").contains("client_id: ClientId | null"), "{}", read("Notification.ts"));
    assert!(read("ReminderKey.ts").contains("export type ReminderKey = string;"), "{}", read("ReminderKey.ts"));
    assert!(read("Snooze.ts").contains(r#""type": "for""#), "{}", read("Snooze.ts"));
}
