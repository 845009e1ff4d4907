//! Properties of the reminder policy over random journals (promises, requests
//! with or without their own answer-by, incidents), random ticks of the app's
//! clock (minutes apart, or days when the laptop slept), random snoozes and
//! random quiet hours: whatever happened, a reminder is never delivered twice,
//! a snoozed one not before its snooze ends, an overdue promise is recalled at
//! most once a day, nothing goes out in quiet hours, and a burst becomes one digest.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Madrid;
use proptest::prelude::*;
use trato::domain::calendar::Calendar;
use trato::domain::incident::StepTaken;
use trato::domain::promise::PromiseEvent;
use trato::domain::request::RequestEvent;
use trato::domain::settings::{QuietHours, QuietMode};
use trato::domain::{
    Channel, Client, ClientId, ClientPatch, Details, Due, Entry, EntryId, Incident, IncidentSeverity, Language, NoticedBy, Promise,
    RecoveryStep, Request, Settings,
};
use trato::reminders::{self, ClientMatters, Record, ReminderKind, Snooze};
use trato::signals::Context;

fn start() -> DateTime<Utc> {
    Madrid.with_ymd_and_hms(2026, 3, 2, 8, 0, 0).unwrap().with_timezone(&Utc)
}

fn minutes(n: u32) -> Duration {
    Duration::minutes(i64::from(n))
}

/// A random matter: a promise (due some minutes after it was made, maybe
/// rescheduled later), a request (maybe with its own answer-by, maybe replied
/// to, then followed up) or an incident (maybe acknowledged, maybe closed).
#[derive(Clone, Debug)]
struct Spec {
    kind: u8,
    made: u32,
    due_after: u32,
    later: Vec<u32>,
    /// A request's own answer-by, minutes after it was asked.
    answer_by: Option<u32>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (0u8..3, 0u32..7 * 24 * 60, 1u32..4 * 24 * 60, prop::collection::vec(30u32..3 * 24 * 60, 0..3), prop::option::of(0u32..3 * 24 * 60))
        .prop_map(|(kind, made, due_after, mut later, answer_by)| {
            later.sort();
            later.dedup();
            Spec { kind, made, due_after, later, answer_by }
        })
}

fn entry(client: ClientId, n: usize, s: &Spec) -> Entry {
    let made = start() + minutes(s.made);
    let details = match s.kind {
        0 => {
            let mut due = made + minutes(s.due_after);
            let mut events = Vec::new();
            for (k, after) in s.later.iter().enumerate() {
                due += Duration::days(1);
                events.push(PromiseEvent::Rescheduled {
                    at: made + minutes(*after),
                    due: Due::At(due),
                    reason: format!("reason {k}"),
                    cause: None,
                });
            }
            Details::Promise(Promise {
                due: Due::At(made + minutes(s.due_after)),
                for_request: None,
                promise_kind: None,
                set_by: Default::default(),
                events,
            })
        }
        1 => {
            let events = s
                .later
                .iter()
                .enumerate()
                .map(|(k, after)| {
                    let at = made + minutes(*after);
                    if k % 2 == 0 {
                        RequestEvent::Reply { at, note: None, promise: None }
                    } else {
                        RequestEvent::FollowUp { at, channel: Channel::Email, note: None }
                    }
                })
                .collect();
            Details::Request(Request { answer_by: s.answer_by.map(|m| made + minutes(m)), events })
        }
        _ => {
            // Acknowledged (or not, one time in three), then maybe closed.
            let steps = [RecoveryStep::Acknowledged, RecoveryStep::Closed]
                .into_iter()
                .zip(&s.later)
                .skip(usize::from(s.due_after.is_multiple_of(3)))
                .map(|(step, after)| StepTaken { step, at: made + minutes(*after), note: None })
                .collect();
            let severity = [IncidentSeverity::Minor, IncidentSeverity::Major, IncidentSeverity::Critical][s.due_after as usize % 3];
            Details::Incident(Incident { noticed_by: NoticedBy::Client, severity, steps })
        }
    };
    let e = Entry {
        id: EntryId::new_at(made + Duration::milliseconds(n as i64)),
        client_id: client,
        occurred_at: made,
        recorded_at: made,
        channel: Channel::Email,
        summary: format!("Matter {n}"),
        details,
    };
    e.validate().expect("the generator makes valid entries");
    e
}

/// The quiet hours: none, outside business hours, or a window of local time
/// (which may run past midnight), as the settings can say them.
fn quiet_hours() -> impl Strategy<Value = QuietHours> {
    (0u8..3, 0u32..24, 1u32..24).prop_map(|(mode, from, length)| {
        let at = |h: u32| NaiveTime::from_hms_opt(h % 24, 0, 0).unwrap();
        let mode = [QuietMode::Never, QuietMode::OutsideBusinessHours, QuietMode::Window][usize::from(mode)];
        QuietHours { mode, from: at(from), until: at(from + length) }
    })
}

/// Whether `t` falls in the quiet window of docs/cli.md: from its start
/// (included) to its end (excluded), past midnight when the end comes first.
fn in_window(q: &QuietHours, t: DateTime<Utc>) -> bool {
    let local = t.with_timezone(&Madrid).time();
    if q.from <= q.until {
        q.from <= local && local < q.until
    } else {
        local >= q.from || local < q.until
    }
}

/// An overdue promise's state: the promise and the due moment in force.
type OverdueState = (EntryId, DateTime<Utc>);

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn whatever_the_ticks_a_reminder_is_shown_once_overdue_ones_daily_and_never_in_quiet_hours(
        specs in prop::collection::vec(spec(), 1..8),
        gaps in prop::collection::vec((prop_oneof![4 => 1u32..30, 1 => 60u32..4 * 24 * 60], prop::option::of(1u32..16 * 60)), 50..400),
        quiet in quiet_hours(),
        digest in any::<bool>(),
    ) {
        let mut settings = Settings { time_zone: Some("Europe/Madrid".into()), ..Settings::default() };
        settings.reminders.quiet_hours = quiet.clone();
        settings.reminders.digest = digest;
        let calendar = Calendar::new(&settings, Madrid);
        let clients: Vec<Client> = ["Alfa", "Beta"].iter().map(|n| Client::new(ClientId::new_at(start()), n, start(), ClientPatch::default()).unwrap()).collect();
        let entries: Vec<Vec<Entry>> = clients
            .iter()
            .enumerate()
            .map(|(c, client)| specs.iter().enumerate().filter(|(n, _)| n % 2 == c).map(|(n, s)| entry(client.id, n, s)).collect())
            .collect();
        let matters: Vec<ClientMatters<'_>> = clients.iter().zip(&entries).map(|(client, es)| ClientMatters { client, entries: es, last_outreach: None }).collect();

        let mut record = Record::default();
        let mut delivered: BTreeSet<(String, Option<DateTime<Utc>>)> = BTreeSet::new();
        // Per overdue state (the promise and the due date in force), when it was shown, and whether as a snooze's return.
        let mut overdue_at: Vec<(OverdueState, DateTime<Utc>, bool)> = Vec::new();
        let mut now = start();
        for (gap, snooze) in gaps {
            now += minutes(gap);
            let ctx = Context::new(&settings, Madrid, Language::En, now);
            let plan = reminders::plan(&matters, &record, &ctx);
            let count = plan.reminders().count();
            if digest && count > 3 {
                prop_assert_eq!(plan.send.len(), 1, "a burst of {} is one digest", count);
                prop_assert!(plan.send[0].digest);
            } else {
                prop_assert_eq!(plan.send.len(), count, "few enough are shown one by one");
            }
            if count > 0 {
                match quiet.mode {
                    QuietMode::OutsideBusinessHours => prop_assert!(!calendar.business_time_between(now, now + Duration::milliseconds(1)).is_zero(), "shown at {} outside business hours", now),
                    QuietMode::Window => prop_assert!(!in_window(&quiet, now), "shown at {} inside the quiet window {:?}", now, quiet),
                    QuietMode::Never => {}
                }
            }
            for r in plan.reminders() {
                prop_assert!(r.due_at <= now);
                prop_assert!(r.after_snooze.is_none_or(|until| until <= now), "{} came back at {} before its snooze ended", r.key, now);
                prop_assert!(delivered.insert((r.key.to_string(), r.after_snooze)), "{} shown twice", r.key);
                match r.kind {
                    ReminderKind::PromiseOverdue => overdue_at.push(((r.entry_id, r.about), now, r.after_snooze.is_some())),
                    ReminderKind::IncidentUnacknowledged => {
                        let e = entries.iter().flatten().find(|e| e.id == r.entry_id).unwrap();
                        let waited = calendar.business_time_between(e.occurred_at, now);
                        prop_assert!(waited >= Duration::hours(4), "an incident recalled {waited} working time after it was noticed");
                        let Details::Incident(i) = &e.details else { unreachable!() };
                        prop_assert!(i.steps.iter().all(|s| s.at > now), "an incident recalled after it was acknowledged");
                    }
                    _ => {}
                }
            }
            for n in &plan.send {
                record.note_sent(n, now);
            }
            // The user snoozes what was just shown, or else what is held, for a while or until tomorrow.
            let shown = plan.reminders().next().or(plan.held.first().map(|h| &h.reminder));
            if let (Some(r), Some(m)) = (shown, snooze) {
                let how = if m % 5 == 0 { Snooze::UntilTomorrow } else { Snooze::For { minutes: m } };
                let until = how.until(now, Madrid, &settings.reminders).expect("a snooze ends after now");
                record.snoozed(r.key.as_str(), until);
            }
            let again = reminders::plan(&matters, &record, &ctx);
            prop_assert!(again.send.is_empty(), "a second tick at the same moment shows nothing");
        }
        for (id, at, _) in &overdue_at {
            // A snooze's return is the user's choice; the daily rule is about Trato's own repeats.
            let next = overdue_at.iter().filter(|(other, t, snoozed)| other == id && t > at && !snoozed).map(|(_, t, _)| *t).min();
            if let Some(next) = next {
                prop_assert!(next - *at >= Duration::hours(24), "an overdue promise shown at {} and again at {}", at, next);
            }
        }
    }
}
