//! Properties of the score and the signals over random journals: whatever
//! happened, the score stays within 0–100 and is the sum of its explanation;
//! keeping a promise on time never costs trust; a promise made later never
//! turns overdue sooner.

use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::Europe::Madrid;
use proptest::prelude::*;
use trato::domain::feedback::FeedbackFollowUp;
use trato::domain::incident::{RecoveryStep, StepTaken};
use trato::domain::promise::PromiseEvent;
use trato::domain::request::RequestEvent;
use trato::domain::time::local_date;
use trato::domain::{
    Channel, Client, ClientId, ClientPatch, Details, Direction, Due, Entry, EntryId, Feedback, Incident, IncidentSeverity, Interaction,
    Language, NoticedBy, Promise, Request, Score, Settings, SignalKind, Stage,
};
use trato::signals::{self, Activity, ClientView, Context};
use trato::trust;

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 5, 8, 0, 0).unwrap()
}

fn client() -> Client {
    Client::new(ClientId::new_at(start()), "Sol", start(), ClientPatch::default()).unwrap()
}

fn hours(h: u32) -> Duration {
    Duration::hours(i64::from(h))
}

/// One random entry: its kind, when (hours after the client was added), and a
/// script of later events (hours after the entry, increasing).
#[derive(Clone, Debug)]
struct Spec {
    kind: u8,
    at: u32,
    steps: Vec<u32>,
    pick: u8,
    due_days: u32,
}

fn spec() -> impl Strategy<Value = Spec> {
    (0u8..5, 0u32..3000, prop::collection::vec(1u32..400, 0..5), any::<u8>(), 0u32..20).prop_map(|(kind, at, mut steps, pick, due_days)| {
        steps.sort();
        steps.dedup();
        Spec { kind, at, steps, pick, due_days }
    })
}

fn entry(c: &Client, s: &Spec) -> Entry {
    let at = start() + hours(s.at);
    let times: Vec<DateTime<Utc>> = s.steps.iter().map(|h| at + hours(*h)).collect();
    let close = s.pick % 4; // 0: leave open, 1..3: close one of three ways
    let details = match s.kind {
        0 => Details::Interaction(Interaction { direction: if s.pick.is_multiple_of(2) { Direction::In } else { Direction::Out } }),
        1 => {
            let mut events: Vec<RequestEvent> = times
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    if (s.pick as usize + i).is_multiple_of(2) {
                        RequestEvent::FollowUp { at: *t, channel: Channel::Email, note: None }
                    } else {
                        RequestEvent::Reply { at: *t, note: None, promise: None }
                    }
                })
                .collect();
            if let (Some(last), 1..) = (times.last(), close) {
                let at = *last + hours(1);
                events.push(match close {
                    1 => RequestEvent::Done { at, promise: None },
                    2 => RequestEvent::Declined { at, note: None },
                    _ => RequestEvent::Withdrawn { at, note: None },
                });
            }
            Details::Request(Request { answer_by: None, events })
        }
        2 => {
            let first = local_date(at, Madrid) + chrono::Days::new(u64::from(s.due_days));
            let mut events: Vec<PromiseEvent> = times
                .iter()
                .take(times.len().saturating_sub(1))
                .enumerate()
                .map(|(i, t)| PromiseEvent::Rescheduled {
                    at: *t,
                    due: Due::Date(local_date(*t, Madrid) + chrono::Days::new(u64::from(s.due_days) + i as u64 + 1)),
                    reason: "more work".into(),
                })
                .collect();
            if let (Some(last), 1..) = (times.last(), close) {
                events.push(match close {
                    1 => PromiseEvent::Kept { at: *last },
                    2 => PromiseEvent::Broken { at: *last, reason: None },
                    _ => PromiseEvent::Released { at: *last, note: None },
                });
            }
            Details::Promise(Promise { due: Due::Date(first), for_request: None, events })
        }
        3 => {
            let steps = RecoveryStep::ALL
                .iter()
                .zip(&times)
                .filter(|(step, _)| **step != RecoveryStep::Compensated)
                .map(|(step, t)| StepTaken { step: *step, at: *t, note: None })
                .collect();
            let severity = [IncidentSeverity::Minor, IncidentSeverity::Major, IncidentSeverity::Critical][s.pick as usize % 3];
            Details::Incident(Incident { noticed_by: NoticedBy::Client, severity, steps })
        }
        _ => {
            let score =
                if s.pick.is_multiple_of(2) { Score::Rating(i64::from(s.pick % 5) + 1) } else { Score::Nps(i64::from(s.pick % 11)) };
            let follow_ups = times.first().map(|t| FeedbackFollowUp { at: *t, note: None }).into_iter().collect();
            Details::Feedback(Feedback { score, stage: Stage::Mid, cause: None, comment: None, follow_ups })
        }
    };
    let e = Entry {
        id: EntryId::new_at(at),
        client_id: c.id,
        occurred_at: at,
        recorded_at: at,
        channel: Channel::Email,
        summary: "x".into(),
        details,
    };
    e.validate().expect("the generator makes valid entries");
    e
}

fn score(c: &Client, entries: &[Entry], settings: &Settings, now: DateTime<Utc>) -> (i64, Vec<trust::Contribution>) {
    trust::score(c, entries, &Context::new(settings, Madrid, Language::En, now))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn the_score_stays_within_0_and_100_and_is_the_sum_of_its_contributions(specs in prop::collection::vec(spec(), 0..30), now in 0u32..5000, harsh in any::<bool>()) {
        let c = client();
        let entries: Vec<Entry> = specs.iter().map(|s| entry(&c, s)).collect();
        let mut settings = Settings::default();
        if harsh {
            // Weights heavy enough to push the total below 0 exercise the clamp from below too.
            settings = settings.with("trust.promise_broken", "90").unwrap().with("trust.incident_minor", "80").unwrap();
        }
        let (s, contributions) = score(&c, &entries, &settings, start() + hours(now));
        prop_assert!((0..=100).contains(&s), "score {s}");
        prop_assert_eq!(contributions.iter().map(|c| c.points).sum::<i64>(), s);
        prop_assert_eq!(contributions[0].points, 100, "it starts from 100");
        prop_assert!(contributions.iter().skip(1).all(|c| c.points != 0), "no contribution of zero points is listed");
    }

    #[test]
    fn keeping_a_promise_on_time_never_lowers_the_score(specs in prop::collection::vec(spec(), 0..30), made in 0u32..3000, kept_after in 0u32..100, now_after in 0u32..2000) {
        let c = client();
        let mut entries: Vec<Entry> = specs.iter().map(|s| entry(&c, s)).collect();
        let now = start() + hours(made + kept_after + now_after);
        let before = score(&c, &entries, &Settings::default(), now).0;
        let made_at = start() + hours(made);
        let kept_at = made_at + hours(kept_after);
        let due = Due::Date(local_date(kept_at, Madrid));
        let details = Details::Promise(Promise { due, for_request: None, events: vec![PromiseEvent::Kept { at: kept_at }] });
        entries.push(Entry { id: EntryId::new_at(made_at), client_id: c.id, occurred_at: made_at, recorded_at: made_at, channel: Channel::Email, summary: "kept".into(), details });
        let after = score(&c, &entries, &Settings::default(), now).0;
        prop_assert!(after >= before, "{before} → {after}");
    }

    #[test]
    fn a_promise_made_later_never_turns_overdue_sooner(made in 0u32..500, later in 0u32..300, due_hours in 1u32..400, reschedule in prop::option::of(1u32..200)) {
        let c = client();
        let settings = Settings::default();
        let promise = |made_at: DateTime<Utc>| {
            let due = Due::At(start() + hours(made + later + due_hours));
            // The same promise and the same reschedule, only made at another moment.
            let moved = start() + hours(made + later);
            let events = reschedule
                .map(|h| PromiseEvent::Rescheduled { at: moved + hours(h), due: Due::At(moved + hours(h + due_hours)), reason: "photos".into() })
                .into_iter()
                .collect();
            Entry { id: EntryId::new_at(made_at), client_id: c.id, occurred_at: made_at, recorded_at: made_at, channel: Channel::Email, summary: "p".into(), details: Details::Promise(Promise { due, for_request: None, events }) }
        };
        let early = [promise(start() + hours(made))];
        let late = [promise(start() + hours(made + later))];
        let overdue = |entries: &[Entry], now: DateTime<Utc>| {
            let ctx = Context::new(&settings, Madrid, Language::En, now);
            signals::client_signals(&ClientView { client: &c, entries, activity: Activity::of(entries, now) }, &ctx)
                .iter()
                .any(|s| s.kind == SignalKind::PromiseOverdue)
        };
        for h in (0..1500).step_by(7) {
            let now = start() + hours(h);
            prop_assert!(!overdue(&late, now) || overdue(&early, now), "made later, overdue sooner at {now}");
        }
        let first = |entries: &[Entry]| (0..2000).map(|h| start() + hours(h)).find(|now| overdue(entries, *now));
        if let (Some(a), Some(b)) = (first(&early), first(&late)) {
            prop_assert!(b >= a, "made later ({b}) turned overdue before the earlier one ({a})");
        }
    }
}
