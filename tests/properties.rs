//! Properties of the score and the signals over random journals (every kind of
//! entry, requests with and without their own answer-by, promises that answer
//! requests, dues by the day or to the minute, every recovery step, feedback of
//! every stage and cause): whatever happened, the score stays within 0–100 (or
//! is none for a new client), is the sum of its explanation and names every
//! feedback; rescheduling an overdue promise never raises it; a reschedule
//! before the due date costs less than the same one after; a missed date stays
//! in the explanation whatever happens after; adding a promise kept on time
//! never lowers it and adding a broken one never raises it; a promise made
//! later never turns overdue sooner; no signal is dated after now; an
//! unanswered request that turned high stays high while it waits.

mod common;

use chrono::{DateTime, Days, Duration, TimeZone, Utc};
use chrono_tz::Europe::Madrid;
use proptest::prelude::*;
use trato::domain::feedback::FeedbackFollowUp;
use trato::domain::incident::{RecoveryStep, StepTaken};
use trato::domain::promise::PromiseEvent;
use trato::domain::request::RequestEvent;
use trato::domain::time::{local_date, local_moment};
use trato::domain::{
    Cause, Channel, Client, ClientId, ClientPatch, Details, Direction, Due, Entry, EntryId, Feedback, Incident, IncidentSeverity,
    Interaction, Language, NoticedBy, Promise, PromiseStatus, Request, RequestStatus, Score, Settings, Severity, SignalKind, Stage,
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

/// One random entry (or two: a request and the promise that answers it): its
/// kind, when (hours after the client was added), a script of later events
/// (hours after the entry, increasing), and choices for the rest.
#[derive(Clone, Debug)]
struct Spec {
    kind: u8,
    at: u32,
    steps: Vec<u32>,
    pick: u8,
    due_days: u32,
    /// A due date's hour of the day (an exact due moment), or none: a whole day.
    due_hour: Option<u32>,
    /// A request's own answer-by, hours after it was asked; none: the target applies.
    answer_by: Option<u32>,
    /// Which recovery steps an incident took; a feedback's stage, cause, comment and follow-ups.
    mask: u8,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        0u8..7,
        0u32..3000,
        prop::collection::vec(1u32..400, 0..5),
        any::<u8>(),
        0u32..20,
        prop::option::of(0u32..24),
        prop::option::of(0u32..60),
        any::<u8>(),
    )
        .prop_map(|(kind, at, mut steps, pick, due_days, due_hour, answer_by, mask)| {
            steps.sort();
            steps.dedup();
            Spec { kind, at, steps, pick, due_days, due_hour, answer_by, mask }
        })
}

impl Spec {
    /// A due `extra` days after `from`'s local day plus the spec's days: the whole
    /// day, or a moment of it (never before `from`: a promise can't be due before it is made).
    fn due(&self, from: DateTime<Utc>, extra: u64) -> Due {
        let day = local_date(from, Madrid) + Days::new(u64::from(self.due_days) + extra);
        match self.due_hour {
            None => Due::Date(day),
            Some(h) => Due::At(local_moment(day.and_hms_opt(h, 0, 0).unwrap(), Madrid).max(from)),
        }
    }

    fn answer_by(&self, asked: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.answer_by.map(|h| asked + hours(h))
    }
}

fn entry_at(c: &Client, at: DateTime<Utc>, details: Details) -> Entry {
    common::entry(c.id, at, "x", details)
}

/// The entries of one spec, as the journal's use cases would have written them.
fn entries(c: &Client, s: &Spec) -> Vec<Entry> {
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
            Details::Request(Request { answer_by: s.answer_by(at), events })
        }
        2 => {
            let mut events: Vec<PromiseEvent> = times
                .iter()
                .take(times.len().saturating_sub(1))
                .enumerate()
                .map(|(i, t)| PromiseEvent::Rescheduled { at: *t, due: s.due(*t, i as u64 + 1), reason: "more work".into(), cause: None })
                .collect();
            if let (Some(last), 1..) = (times.last(), close) {
                events.push(match close {
                    1 => PromiseEvent::Kept { at: *last },
                    2 => PromiseEvent::Broken { at: *last, reason: None },
                    _ => PromiseEvent::Released { at: *last, note: None },
                });
            }
            Details::Promise(Promise { due: s.due(at, 0), for_request: None, promise_kind: None, set_by: Default::default(), events })
        }
        3 => {
            // Any of the six steps, compensated (with what was offered) and closed included, in their order.
            let taken = RecoveryStep::ALL.iter().enumerate().filter(|(n, _)| s.mask & (1 << n) != 0).map(|(_, step)| *step);
            let steps = taken
                .zip(&times)
                .map(|(step, t)| StepTaken { step, at: *t, note: (step == RecoveryStep::Compensated).then(|| "a month free".into()) })
                .collect();
            let severity = [IncidentSeverity::Minor, IncidentSeverity::Major, IncidentSeverity::Critical][s.pick as usize % 3];
            let noticed_by = if s.mask & 0x80 == 0 { NoticedBy::Client } else { NoticedBy::Us };
            Details::Incident(Incident { noticed_by, severity, steps })
        }
        4 => {
            let score =
                if s.pick.is_multiple_of(2) { Score::Rating(i64::from(s.pick % 5) + 1) } else { Score::Nps(i64::from(s.pick % 11)) };
            let stage = [Stage::Mid, Stage::End, Stage::Unsolicited][s.mask as usize % 3];
            let cause = (s.mask & 0x04 != 0).then(|| {
                [Cause::Expectations, Cause::Misunderstanding, Cause::Rapport, Cause::Deficiency, Cause::Other][(s.mask >> 3) as usize % 5]
            });
            let follow_ups = times.iter().take(usize::from(s.mask >> 6)).map(|t| FeedbackFollowUp { at: *t, note: None }).collect();
            let comment = (s.mask & 0x20 != 0).then(|| "Not what we agreed".into());
            Details::Feedback(Feedback { score, stage, cause, comment, follow_ups })
        }
        5 => Details::Note,
        _ => return answered_by_a_promise(c, s, at, &times),
    };
    vec![entry_at(c, at, details)]
}

/// A request and the promise that answers it, linked as the journal links them:
/// making the promise and each reschedule reply to the request, the client may
/// ask again in between, and keeping the promise delivers the request.
fn answered_by_a_promise(c: &Client, s: &Spec, asked: DateTime<Utc>, times: &[DateTime<Utc>]) -> Vec<Entry> {
    let made = times.first().copied().unwrap_or(asked + hours(1));
    let promise_id = EntryId::new_at(made);
    let mut request: Vec<RequestEvent> = Vec::new();
    if s.mask & 1 != 0 {
        // Asked again before the answer came.
        request.push(RequestEvent::FollowUp { at: asked + (made - asked) / 2, channel: Channel::Call, note: None });
    }
    request.push(RequestEvent::Reply { at: made, note: None, promise: Some(promise_id) });
    let mut promise: Vec<PromiseEvent> = Vec::new();
    for (i, t) in times.iter().skip(1).enumerate() {
        if (i + usize::from(s.mask >> 1 & 1)).is_multiple_of(2) {
            promise.push(PromiseEvent::Rescheduled {
                at: *t,
                due: s.due(*t, i as u64 + 1),
                reason: "waiting for photos".into(),
                cause: None,
            });
            request.push(RequestEvent::Reply { at: *t, note: Some("waiting for photos".into()), promise: Some(promise_id) });
        } else {
            request.push(RequestEvent::FollowUp { at: *t, channel: Channel::Email, note: None });
        }
    }
    let last = times.last().copied().unwrap_or(made);
    let end = last + hours(2);
    match s.pick % 4 {
        1 => {
            promise.push(PromiseEvent::Kept { at: end });
            request.push(RequestEvent::Done { at: end, promise: Some(promise_id) });
        }
        2 => promise.push(PromiseEvent::Broken { at: end, reason: None }),
        3 => promise.push(PromiseEvent::Released { at: end, note: None }),
        _ => {}
    }
    let mut r = entry_at(c, asked, Details::Request(Request { answer_by: s.answer_by(asked), events: request }));
    r.id = EntryId::new_at(asked);
    let mut p = entry_at(
        c,
        made,
        Details::Promise(Promise {
            due: s.due(made, 0),
            for_request: Some(r.id),
            promise_kind: None,
            set_by: Default::default(),
            events: promise,
        }),
    );
    p.id = promise_id;
    vec![r, p]
}

fn journal_of(c: &Client, specs: &[Spec]) -> Vec<Entry> {
    specs.iter().flat_map(|s| entries(c, s)).collect()
}

fn score(c: &Client, entries: &[Entry], settings: &Settings, now: DateTime<Utc>) -> (Option<i64>, Vec<trust::Contribution>) {
    trust::score(c, entries, &Context::new(settings, Madrid, Language::En, now))
}

/// A promise of its own, made at `made`, due `due`, with `events`.
fn standalone(c: &Client, made: DateTime<Utc>, due: Due, events: Vec<PromiseEvent>) -> Entry {
    let details = Details::Promise(Promise { due, for_request: None, promise_kind: None, set_by: Default::default(), events });
    Entry {
        id: EntryId::new_at(made),
        client_id: c.id,
        occurred_at: made,
        recorded_at: made,
        channel: Channel::Email,
        summary: "added".into(),
        details,
    }
}

/// Whether a score after a change is no higher than before (a client with a
/// score never goes back to new: history only grows).
fn no_higher(before: Option<i64>, after: Option<i64>) -> Result<(), TestCaseError> {
    match (before, after) {
        (Some(b), Some(a)) => prop_assert!(a <= b, "{b} → {a}"),
        (Some(b), None) => prop_assert!(false, "{b} → new"),
        (None, _) => {}
    }
    Ok(())
}

/// The promises overdue at `t`: open, with a date passed and not yet moved.
fn overdue_at(entries: &[Entry], t: DateTime<Utc>) -> Vec<usize> {
    (0..entries.len())
        .filter(|i| {
            let e = &entries[*i];
            matches!(&e.details, Details::Promise(p) if e.occurred_at <= t
                && p.status_at(t) == PromiseStatus::Open
                && p.missed_dates(t, Madrid).last().is_some_and(|m| m.ended.is_none()))
        })
        .collect()
}

/// Reschedules the promise at `i` at `t` to `due`, as the journal does: a
/// promise made for a request still open also replies to it then.
fn reschedule(entries: &mut [Entry], i: usize, t: DateTime<Utc>, due: Due) {
    let id = entries[i].id;
    let Details::Promise(p) = &mut entries[i].details else { return };
    p.events.push(PromiseEvent::Rescheduled { at: t, due, reason: "more work".into(), cause: None });
    let Some(request) = p.for_request else { return };
    for e in entries.iter_mut().filter(|e| e.id == request) {
        if let Details::Request(r) = &mut e.details {
            if r.status_at(t) == RequestStatus::Open {
                r.events.push(RequestEvent::Reply { at: t, note: Some("more work".into()), promise: Some(id) });
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn the_score_stays_within_0_and_100_is_the_sum_of_its_contributions_and_names_every_feedback(specs in prop::collection::vec(spec(), 0..30), now in 0u32..5000, harsh in any::<bool>()) {
        let c = client();
        let entries = journal_of(&c, &specs);
        let mut settings = Settings::default();
        if harsh {
            // Weights heavy enough to push the total below 0 exercise the limit from below too.
            settings = settings.with("trust.promise_broken", "90").unwrap().with("trust.incident_minor", "80").unwrap();
        }
        let now = start() + hours(now);
        let (s, contributions) = score(&c, &entries, &settings, now);
        let ctx = Context::new(&settings, Madrid, Language::En, now);
        prop_assert_eq!(trust::score_alone(&c, &entries, &ctx), s, "the trend's and the client list's score is the report's");
        let Some(s) = s else {
            prop_assert!(!trust::history(&entries, &ctx).is_enough(), "no score only without enough history");
            prop_assert!(contributions.is_empty(), "a new client has no explanation");
            return Ok(());
        };
        prop_assert!((0..=100).contains(&s), "score {s}");
        prop_assert_eq!(contributions.iter().map(|c| c.points).sum::<i64>(), s);
        prop_assert_eq!(contributions[0].points, 100, "it starts from 100");
        let feedback: Vec<EntryId> =
            entries.iter().filter(|e| e.occurred_at <= now && matches!(e.details, Details::Feedback(_))).map(|e| e.id).collect();
        for c in contributions.iter().skip(1).filter(|c| c.points == 0) {
            prop_assert!(c.entry_ids.len() == 1 && feedback.contains(&c.entry_ids[0]), "only feedback is listed at 0 points: {:?}", c);
        }
        for id in feedback {
            prop_assert!(contributions.iter().any(|c| c.entry_ids == [id]), "feedback {} has no line", id);
        }
    }

    #[test]
    fn a_client_with_a_score_never_goes_back_to_new(specs in prop::collection::vec(spec(), 0..6), then in 0u32..5000, later in 0u32..5000) {
        // Few entries, so that many clients are short of history and only a let-down scores them.
        let c = client();
        let entries = journal_of(&c, &specs);
        let then = start() + hours(then);
        if let (Some(s), _) = score(&c, &entries, &Settings::default(), then) {
            let after = score(&c, &entries, &Settings::default(), then + hours(later)).0;
            prop_assert!(after.is_some(), "scored {s}, then new again");
        }
    }

    #[test]
    fn adding_a_promise_kept_on_time_never_lowers_the_score(specs in prop::collection::vec(spec(), 0..30), made in 0u32..3000, kept_after in 0u32..100, now_after in 0u32..2000) {
        let c = client();
        let mut entries = journal_of(&c, &specs);
        let now = start() + hours(made + kept_after + now_after);
        let before = score(&c, &entries, &Settings::default(), now).0;
        let made_at = start() + hours(made);
        let kept_at = made_at + hours(kept_after);
        entries.push(standalone(&c, made_at, Due::Date(local_date(kept_at, Madrid)), vec![PromiseEvent::Kept { at: kept_at }]));
        let after = score(&c, &entries, &Settings::default(), now).0;
        match (before, after) {
            (Some(b), Some(a)) => prop_assert!(a >= b, "{b} → {a}"),
            (Some(b), None) => prop_assert!(false, "{b} → new"),
            (None, _) => {}
        }
    }

    #[test]
    fn adding_a_broken_promise_never_raises_the_score(specs in prop::collection::vec(spec(), 0..30), made in 0u32..3000, due_days in 0u64..10, broken_after in 0u32..400, now_after in 0u32..2000) {
        let c = client();
        let mut entries = journal_of(&c, &specs);
        let made_at = start() + hours(made);
        let broken_at = made_at + hours(broken_after);
        let now = broken_at + hours(now_after);
        let before = score(&c, &entries, &Settings::default(), now).0;
        // Broken before or after its date: a missed date then counts too.
        let due = Due::Date(local_date(made_at, Madrid) + Days::new(due_days));
        entries.push(standalone(&c, made_at, due, vec![PromiseEvent::Broken { at: broken_at, reason: None }]));
        let after = score(&c, &entries, &Settings::default(), now).0;
        no_higher(before, after)?;
    }

    #[test]
    fn rescheduling_an_overdue_promise_never_raises_the_score(specs in prop::collection::vec(spec(), 0..30), at in 0u32..4000, pick in any::<usize>(), later in 1u64..15) {
        let c = client();
        let mut entries = journal_of(&c, &specs);
        let t = start() + hours(at);
        let mut overdue = overdue_at(&entries, t);
        if overdue.is_empty() {
            // None in this journal: one of its own, made two days ago and due yesterday.
            let made = t - Duration::days(2);
            entries.push(standalone(&c, made, Due::Date(local_date(made, Madrid)), vec![]));
            overdue = overdue_at(&entries, t);
        }
        let i = overdue[pick % overdue.len()];
        let before = score(&c, &entries, &Settings::default(), t);
        reschedule(&mut entries, i, t, Due::Date(local_date(t, Madrid) + Days::new(later)));
        let after = score(&c, &entries, &Settings::default(), t);
        // Moving a missed date never raises the score above what it was just before.
        no_higher(before.0, after.0)?;
        if let Some(b) = before.0 {
            prop_assert!(after.1.iter().any(|l| l.entry_ids == [entries[i].id] && l.reason.starts_with("You missed the date")),
                "the missed date left the explanation ({b}): {:?}", after.1);
        }
    }

    #[test]
    fn a_reschedule_before_the_due_date_costs_less_than_the_same_reschedule_after_it(specs in prop::collection::vec(spec(), 0..30), made in 0u32..3000, due_days in 0u64..10, early in 0.0f64..1.0, late_after in 1u32..100, new_due in 1u64..10, now_after in 0u32..2000) {
        let c = client();
        let entries = journal_of(&c, &specs);
        let made_at = start() + hours(made);
        let due = Due::Date(local_date(made_at, Madrid) + Days::new(due_days));
        let deadline = due.deadline(Madrid);
        let (early_at, late_at) = (made_at + (deadline - made_at) * ((early * 1000.0) as i32) / 1000, deadline + hours(late_after));
        let moved_to = Due::Date(local_date(late_at, Madrid) + Days::new(new_due));
        let now = late_at + hours(now_after);
        let with_move = |at| {
            let mut all = entries.clone();
            all.push(standalone(&c, made_at, due, vec![PromiseEvent::Rescheduled { at, due: moved_to, reason: "photos".into(), cause: None }]));
            let id = all[all.len() - 1].id;
            let (s, lines) = score(&c, &all, &Settings::default(), now);
            (s, lines.iter().filter(|l| l.entry_ids == [id]).map(|l| l.points).sum::<i64>())
        };
        let (early, late) = (with_move(early_at), with_move(late_at));
        no_higher(early.0, late.0)?;
        if early.0.is_some() {
            prop_assert!(early.1 > late.1, "the promise's own lines: {} in advance, {} after it passed", early.1, late.1);
        }
    }

    #[test]
    fn a_missed_date_stays_in_the_explanation_whatever_happens_after(specs in prop::collection::vec(spec(), 0..30), at in 0u32..4000, later in 0u32..2000) {
        let c = client();
        let entries = journal_of(&c, &specs);
        let (t1, t2) = (start() + hours(at), start() + hours(at + later));
        let (_, lines) = score(&c, &entries, &Settings::default(), t2);
        if lines.is_empty() {
            return Ok(());
        }
        for e in entries.iter().filter(|e| e.occurred_at <= t1) {
            let Details::Promise(p) = &e.details else { continue };
            let then = p.missed_dates(t1, Madrid).len();
            let shown = lines.iter().filter(|l| l.entry_ids == [e.id] && l.reason.starts_with("You missed the date")).count();
            prop_assert!(shown >= then, "{then} missed by {t1}, {shown} in the explanation at {t2}: {lines:?}");
        }
    }

    #[test]
    fn signals_are_never_dated_after_now_and_an_unanswered_request_once_high_stays_high(specs in prop::collection::vec(spec(), 0..30), now in 0u32..5000, later in 1u32..200) {
        let c = client();
        let entries = journal_of(&c, &specs);
        let settings = Settings::default();
        let signals_at = |now: DateTime<Utc>| {
            let ctx = Context::new(&settings, Madrid, Language::En, now);
            signals::client_signals(&ClientView { client: &c, entries: &entries, activity: Activity::of(&entries, now) }, &ctx)
        };
        let (t1, t2) = (start() + hours(now), start() + hours(now + later));
        let first = signals_at(t1);
        for s in &first {
            prop_assert!(s.since <= t1, "{:?} since {} after now {}", s.kind, s.since, t1);
        }
        // The same wait (the same answer-by) a while later: its worse form can't be undone by time alone.
        for s in first.iter().filter(|s| s.kind == SignalKind::RequestUnanswered && s.severity == Severity::High) {
            let still = signals_at(t2).into_iter().find(|o| o.kind == s.kind && o.entry_ids == s.entry_ids && o.since == s.since);
            if let Some(still) = still {
                prop_assert_eq!(still.severity, Severity::High, "high at {} but {:?} at {}", t1, still.severity, t2);
            }
        }
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
                .map(|h| PromiseEvent::Rescheduled { at: moved + hours(h), due: Due::At(moved + hours(h + due_hours)), reason: "photos".into(), cause: None })
                .into_iter()
                .collect();
            Entry { id: EntryId::new_at(made_at), client_id: c.id, occurred_at: made_at, recorded_at: made_at, channel: Channel::Email, summary: "p".into(), details: Details::Promise(Promise { due, for_request: None, promise_kind: None, set_by: Default::default(), events }) }
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
