//! A long relationship for the summary's tests and benchmark: five years of a
//! busy client, 5,000 entries of every kind, the same on every run (a fixed
//! seed, no crate). Shared with benches/summary.rs through `#[path]`.
#![allow(dead_code)]

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Madrid;
use trato::domain::feedback::FeedbackFollowUp;
use trato::domain::incident::StepTaken;
use trato::domain::promise::PromiseEvent;
use trato::domain::request::RequestEvent;
use trato::domain::{
    Cause, Channel, Client, ClientId, ClientPatch, Details, Direction, Due, Entry, EntryId, Feedback, Incident, IncidentSeverity,
    Interaction, NoticedBy, Promise, RecoveryStep, Request, Score, Stage,
};

pub const ENTRIES: usize = 5_000;
pub const YEARS: i64 = 5;

/// Tuesday 2026-03-10, 12:00 in Madrid: the public example's last day.
pub fn now() -> DateTime<Utc> {
    Madrid.with_ymd_and_hms(2026, 3, 10, 12, 0, 0).single().expect("a valid moment").with_timezone(&Utc)
}

/// splitmix64.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// The client and its entries, oldest first, dated up to `now()` (a few events
/// of the latest ones fall after it: as of now they have not happened yet).
pub fn five_years(name: &str) -> (Client, Vec<Entry>) {
    let end = now();
    let start = end - Duration::days(365 * YEARS);
    let patch = ClientPatch {
        organisation: Some("Horno Central S.A.".into()),
        email: Some("compras@hornocentral.es".into()),
        preferred_channel: Some(Some(Channel::Call)),
        ..ClientPatch::default()
    };
    let client = Client::new(ClientId::new_at(start), name, start, patch).expect("a valid client");
    let mut rng = Rng(0x0074_7261_746f);
    let step = (end - start).num_minutes() / ENTRIES as i64;
    let mut entries = Vec::with_capacity(ENTRIES);
    for i in 0..ENTRIES {
        let at = start + Duration::minutes(step * i as i64 + rng.below(step as u64 / 2) as i64);
        let room = (end - at).num_hours().max(1);
        let later = |rng: &mut Rng, max_hours: i64| at + Duration::hours(1 + rng.below(max_hours.min(room - 1).max(1) as u64) as i64);
        let roll = rng.below(100);
        let (summary, details) = match roll {
            0..=44 => {
                let direction = if rng.below(2) == 0 { Direction::In } else { Direction::Out };
                (format!("Weekly order and prices #{i}"), Details::Interaction(Interaction { direction }))
            }
            45..=59 => {
                let mut events = vec![RequestEvent::Reply { at: later(&mut rng, 20), note: None, promise: None }];
                if rng.below(5) == 0 {
                    events.push(RequestEvent::FollowUp {
                        at: later(&mut rng, 40) + Duration::hours(30),
                        channel: Channel::Call,
                        note: Some("Any news?".into()),
                    });
                }
                if room > 24 * 20 {
                    events.push(RequestEvent::Done { at: at + Duration::days(10), promise: None });
                }
                (format!("Change the bread list on the website #{i}"), Details::Request(Request { answer_by: None, events }))
            }
            60..=74 => {
                let due = Due::Date(date(at + Duration::days(3)));
                let mut events = Vec::new();
                let end_at = at + Duration::days(2 + rng.below(5) as i64);
                if rng.below(6) == 0 {
                    events.push(PromiseEvent::Rescheduled {
                        at: at + Duration::days(1),
                        due: Due::Date(date(at + Duration::days(6))),
                        reason: "Waiting for the supplier".into(),
                        cause: None,
                    });
                }
                if end_at < end {
                    events.push(match rng.below(12) {
                        0 => PromiseEvent::Broken { at: end_at, reason: Some("Underestimated the work".into()) },
                        _ => PromiseEvent::Kept { at: end_at },
                    });
                }
                (
                    format!("Publish the seasonal menu #{i}"),
                    Details::Promise(Promise { due, for_request: None, promise_kind: None, set_by: Default::default(), events }),
                )
            }
            75..=76 => {
                let steps = if room > 72 {
                    let mut steps: Vec<StepTaken> = [RecoveryStep::Acknowledged, RecoveryStep::Apologized, RecoveryStep::Fixed]
                        .into_iter()
                        .enumerate()
                        .map(|(k, step)| StepTaken { step, at: at + Duration::hours(k as i64 + 1), note: None })
                        .collect();
                    steps.push(StepTaken { step: RecoveryStep::Closed, at: at + Duration::hours(48), note: None });
                    steps
                } else {
                    Vec::new()
                };
                let severity = if rng.below(4) == 0 { IncidentSeverity::Major } else { IncidentSeverity::Minor };
                (
                    format!("Online orders down for an hour #{i}"),
                    Details::Incident(Incident { noticed_by: NoticedBy::Client, severity, steps }),
                )
            }
            77..=81 => {
                let score = Score::Rating(1 + rng.below(5) as i64);
                let cause = score.is_negative().then_some(Cause::Expectations);
                let follow_ups = if score.is_negative() && room > 48 {
                    vec![FeedbackFollowUp { at: later(&mut rng, 24), note: Some("Called to talk it over".into()) }]
                } else {
                    vec![]
                };
                let f = Feedback { score, stage: Stage::Mid, cause, comment: Some("Mostly happy with the shop".into()), follow_ups };
                (format!("Feedback {score}"), Details::Feedback(f))
            }
            _ => (format!("Remember the Christmas hours #{i}"), Details::Note),
        };
        entries.push(Entry {
            id: EntryId::new_at(at),
            client_id: client.id,
            occurred_at: at,
            recorded_at: at,
            channel: Channel::Email,
            summary,
            details,
        });
    }
    (client, entries)
}

fn date(t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&Madrid).date_naive()
}
