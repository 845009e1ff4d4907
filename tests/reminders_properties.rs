//! Properties of the reminder policy over random journals and random ticks of
//! the app's clock (minutes apart, or days when the laptop slept): whatever
//! happened, a reminder is never delivered twice, an overdue promise is
//! recalled at most once a day, nothing goes out in quiet hours, and a burst
//! becomes one digest.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::Europe::Madrid;
use proptest::prelude::*;
use trato::domain::calendar::Calendar;
use trato::domain::promise::PromiseEvent;
use trato::domain::request::RequestEvent;
use trato::domain::settings::QuietMode;
use trato::domain::{Channel, Client, ClientId, ClientPatch, Details, Due, Entry, EntryId, Language, Promise, Request, Settings};
use trato::reminders::{self, ClientMatters, Record, ReminderKind};
use trato::signals::Context;

fn start() -> DateTime<Utc> {
    Madrid.with_ymd_and_hms(2026, 3, 2, 8, 0, 0).unwrap().with_timezone(&Utc)
}

fn minutes(n: u32) -> Duration {
    Duration::minutes(i64::from(n))
}

/// A random matter: a promise (due some minutes after it was made, maybe
/// rescheduled later) or a request (maybe replied to, then followed up).
#[derive(Clone, Debug)]
struct Spec {
    promise: bool,
    made: u32,
    due_after: u32,
    later: Vec<u32>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (any::<bool>(), 0u32..7 * 24 * 60, 1u32..4 * 24 * 60, prop::collection::vec(30u32..3 * 24 * 60, 0..3)).prop_map(
        |(promise, made, due_after, mut later)| {
            later.sort();
            later.dedup();
            Spec { promise, made, due_after, later }
        },
    )
}

fn entry(client: ClientId, n: usize, s: &Spec) -> Entry {
    let made = start() + minutes(s.made);
    let details = if s.promise {
        let mut due = made + minutes(s.due_after);
        let mut events = Vec::new();
        for (k, after) in s.later.iter().enumerate() {
            due += Duration::days(1);
            events.push(PromiseEvent::Rescheduled { at: made + minutes(*after), due: Due::At(due), reason: format!("reason {k}") });
        }
        Details::Promise(Promise { due: Due::At(made + minutes(s.due_after)), for_request: None, events })
    } else {
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
        Details::Request(Request { answer_by: None, events })
    };
    Entry {
        id: EntryId::new_at(made + Duration::milliseconds(n as i64)),
        client_id: client,
        occurred_at: made,
        recorded_at: made,
        channel: Channel::Email,
        summary: format!("Matter {n}"),
        details,
    }
}

/// An overdue promise's state: the promise and the due moment in force.
type OverdueState = (EntryId, DateTime<Utc>);

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn whatever_the_ticks_a_reminder_is_shown_once_overdue_ones_daily_and_never_in_quiet_hours(
        specs in prop::collection::vec(spec(), 1..8),
        gaps in prop::collection::vec(prop_oneof![4 => 1u32..30, 1 => 60u32..4 * 24 * 60], 50..400),
        quiet in any::<bool>(),
        digest in any::<bool>(),
    ) {
        let mut settings = Settings { time_zone: Some("Europe/Madrid".into()), ..Settings::default() };
        settings.reminders.quiet_hours.mode = if quiet { QuietMode::OutsideBusinessHours } else { QuietMode::Never };
        settings.reminders.digest = digest;
        let calendar = Calendar::new(&settings, Madrid);
        let clients: Vec<Client> = ["Alfa", "Beta"].iter().map(|n| Client::new(ClientId::new_at(start()), n, start(), ClientPatch::default()).unwrap()).collect();
        let entries: Vec<Vec<Entry>> = clients
            .iter()
            .enumerate()
            .map(|(c, client)| specs.iter().enumerate().filter(|(n, _)| n % 2 == c).map(|(n, s)| entry(client.id, n, s)).collect())
            .collect();
        let matters: Vec<ClientMatters<'_>> = clients.iter().zip(&entries).map(|(client, es)| ClientMatters { client, entries: es }).collect();

        let mut record = Record::default();
        let mut delivered: BTreeSet<(String, Option<DateTime<Utc>>)> = BTreeSet::new();
        // Per overdue state (the promise and the due date in force), when it was shown.
        let mut overdue_at: Vec<(OverdueState, DateTime<Utc>)> = Vec::new();
        let mut now = start();
        for gap in gaps {
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
            if count > 0 && quiet {
                prop_assert!(!calendar.business_time_between(now, now + Duration::milliseconds(1)).is_zero(), "shown at {} outside business hours", now);
            }
            for r in plan.reminders() {
                prop_assert!(r.due_at <= now);
                prop_assert!(delivered.insert((r.key.to_string(), r.after_snooze)), "{} shown twice", r.key);
                if r.kind == ReminderKind::PromiseOverdue {
                    overdue_at.push(((r.entry_id, r.about), now));
                }
            }
            for n in &plan.send {
                record.note_sent(n, now);
            }
            let again = reminders::plan(&matters, &record, &ctx);
            prop_assert!(again.send.is_empty(), "a second tick at the same moment shows nothing");
        }
        for (id, at) in &overdue_at {
            let next = overdue_at.iter().filter(|(other, t)| other == id && t > at).map(|(_, t)| *t).min();
            if let Some(next) = next {
                prop_assert!(next - *at >= Duration::hours(24), "an overdue promise shown at {} and again at {}", at, next);
            }
        }
    }
}
