//! The trust score: none until the client has enough history or was let down; then 100 to
//! start, minus what went wrong (which stays, fading once it is over, and
//! weighs more the second and third time) and what is wrong now, plus credit
//! for promises kept and answers on time. Always with its contributions, which
//! sum to it exactly. docs/trust-score.md is the user's account of the rules.

mod letdowns;
mod reasons;
pub mod record;

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, Days, Duration, NaiveDate, Utc};
use serde::Serialize;

use crate::domain::incident::RecoveryStep;
use crate::domain::request::RequestEvent;
use crate::domain::time::{days, local_date, start_of_local_day};
use crate::domain::{
    Client, ClientId, Details, Entry, EntryId, Feedback, Incident, IncidentSeverity, Promise, PromiseStatus, Request, RequestStatus,
    SignalKind,
};
use crate::signals::{self, Activity, ClientView, Context};
use letdowns::{LetDowns, Which};
pub use reasons::not_enough;
use reasons::{Missed, Reason, Repeat, Words};
pub use record::{record, Record};

pub const START: i64 = 100;
pub const TREND_WEEKS: u32 = 12;

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct Contribution {
    pub reason: String,
    pub points: i64,
    pub entry_ids: Vec<EntryId>,
}

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct TrendPoint {
    /// The Monday the week starts on, in the user's zone.
    pub week_start: NaiveDate,
    /// The score as of the end of that week (as of now for this week); `None`
    /// for a week that ended before the client had enough history: no data is not full trust.
    pub score: Option<i64>,
}

/// How much a score has to go on: the client's promises, requests, incidents
/// and feedback up to now, and how many it takes to have a score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct History {
    pub matters: u64,
    pub needed: u64,
}

impl History {
    pub fn is_enough(self) -> bool {
        self.matters >= self.needed
    }
}

/// A client's score as of a moment, with everything a person needs to trust it.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct ScoreReport {
    pub client_id: ClientId,
    pub client: String,
    /// `None` while the client is new: not enough history to judge by yet.
    pub score: Option<i64>,
    /// Empty while the client is new.
    pub contributions: Vec<Contribution>,
    pub history: History,
    pub trend: Vec<TrendPoint>,
    pub record: Record,
}

/// The score, its contributions, the 12-week trend and the record, from all of
/// the client's entries.
pub fn report(client: &Client, entries: &[Entry], ctx: &Context<'_>) -> ScoreReport {
    let (score, contributions) = score(client, entries, ctx);
    ScoreReport {
        client_id: client.id,
        client: client.name.clone(),
        score,
        contributions,
        history: history(entries, ctx),
        trend: trend(client, entries, ctx),
        record: record(entries, &ctx.calendar, ctx.now),
    }
}

/// The history a score has to go on as of now: its matters, not its interactions or notes.
pub fn history(entries: &[Entry], ctx: &Context<'_>) -> History {
    let matters = entries.iter().filter(|e| e.occurred_at <= ctx.now && is_matter(e)).count() as u64;
    History { matters, needed: ctx.settings.trust.history_needed.ceil() as u64 }
}

/// The score as of the end of each of the last 12 weeks, this one included
/// (as of now): the same evaluation, replayed.
pub fn trend(client: &Client, entries: &[Entry], ctx: &Context<'_>) -> Vec<TrendPoint> {
    let tz = ctx.tz();
    let today = local_date(ctx.now, tz);
    let this_monday = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
    // Entries may be dated before the client was added (an old client written down late).
    let began = entries.iter().map(|e| e.occurred_at).chain([client.created_at]).min().unwrap_or(client.created_at);
    (0..TREND_WEEKS)
        .rev()
        .filter_map(|ago| this_monday.checked_sub_days(Days::new(7 * u64::from(ago))))
        .map(|week_start| {
            let end = start_of_local_day(week_start + Days::new(7), tz).min(ctx.now);
            let known = end > began;
            TrendPoint { week_start, score: known.then(|| score_alone(client, entries, &ctx.at(end))).flatten() }
        })
        .collect()
}

/// One line before rounding: what it says, its points, the entries it is about,
/// and whether it is shown even at 0 points (feedback always is).
struct Line {
    reason: Reason,
    points: f64,
    entry_ids: Vec<EntryId>,
    always: bool,
}

impl Line {
    fn new(reason: Reason, points: f64, entry_ids: Vec<EntryId>) -> Line {
        Line { reason, points, entry_ids, always: false }
    }
}

/// Credits of one kind, summed into one line: how many, their faded points, about which entries.
#[derive(Default)]
struct Credit {
    count: usize,
    points: f64,
    entry_ids: Vec<EntryId>,
}

impl Credit {
    fn add(&mut self, points: f64, id: EntryId) {
        self.count += 1;
        self.points += points;
        if self.entry_ids.last() != Some(&id) {
            self.entry_ids.push(id);
        }
    }
}

/// The score and the contributions it is the exact sum of; `None` and no
/// contributions while the client has not enough history.
pub fn score(client: &Client, entries: &[Entry], ctx: &Context<'_>) -> (Option<i64>, Vec<Contribution>) {
    match lines(client, entries, ctx) {
        Some(lines) => total(lines, ctx),
        None => (None, Vec::new()),
    }
}

/// The score of [`score`] without its contributions' words: what the trend
/// and the client list show. Wording every line was a tenth of a client's
/// report, for twelve points of the trend that show only the number.
pub fn score_alone(client: &Client, entries: &[Entry], ctx: &Context<'_>) -> Option<i64> {
    lines(client, entries, ctx).map(|lines| sum(lines.iter().map(|l| l.points.round() as i64)).0)
}

/// The lines a score is the sum of, or `None` while the client has not enough history.
fn lines(client: &Client, entries: &[Entry], ctx: &Context<'_>) -> Option<Vec<Line>> {
    let enough = history(entries, ctx).is_enough();
    if !enough && !entries.iter().any(|e| e.occurred_at <= ctx.now && is_matter(e)) {
        return None;
    }
    let mut lines = now_lines(client, entries, ctx);
    let mut s = Scoring {
        client,
        ctx,
        letdowns: LetDowns::of(entries, ctx),
        late_moves: BTreeSet::new(),
        kept: Credit::default(),
        on_time: Credit::default(),
    };
    let known: Vec<&Entry> = entries.iter().filter(|e| e.occurred_at <= ctx.now).collect();
    // Each entry's lines, in the order of the entries; the promises first, for
    // the moves the requests' answers are judged by.
    let mut by_entry: Vec<Vec<Line>> = known.iter().map(|_| Vec::new()).collect();
    for (e, out) in known.iter().zip(by_entry.iter_mut()) {
        if let Details::Promise(p) = &e.details {
            s.promise(e, p, out);
        }
    }
    for (e, out) in known.iter().zip(by_entry.iter_mut()) {
        match &e.details {
            Details::Request(r) => s.request(e, r, out),
            Details::Incident(i) => out.push(s.incident(e, i)),
            Details::Feedback(f) => out.push(s.feedback(e, f)),
            Details::Promise(_) | Details::Interaction(_) | Details::Note => {}
        }
    }
    lines.extend(by_entry.into_iter().flatten());
    lines.push(Line::new(Reason::KeptOnTime(s.kept.count), s.kept.points, s.kept.entry_ids));
    lines.push(Line::new(Reason::AnsweredOnTime(s.on_time.count), s.on_time.points, s.on_time.entry_ids));
    // Too little history to judge by, unless the client was already let down:
    // "new" beside a missed date would say nothing went wrong.
    if !enough && !lines.iter().any(|l| l.points < 0.0 && l.reason.is_letdown()) {
        return None;
    }
    Some(lines)
}

/// A promise, a request, an incident or feedback: what a score judges by.
/// Interactions and notes say the two were in touch, not how the provider kept their word.
fn is_matter(e: &Entry) -> bool {
    matches!(e.details, Details::Promise(_) | Details::Request(_) | Details::Incident(_) | Details::Feedback(_))
}

/// What is wrong now: the signals in force that weigh while they last. An
/// overdue promise and a client waiting past the answer-by are their missed
/// date and missed answer-by, lines of their own kind below.
fn now_lines(client: &Client, entries: &[Entry], ctx: &Context<'_>) -> Vec<Line> {
    let w = &ctx.settings.trust;
    let view = ClientView { client, entries, activity: Activity::of(entries, ctx.now) };
    let mut out = Vec::new();
    for s in signals::client_signals(&view, ctx) {
        let weight = match s.kind {
            SignalKind::Silence => w.silence,
            SignalKind::IncidentUnacknowledged => w.incident_unacknowledged,
            SignalKind::IncidentOpen => w.incident_open,
            SignalKind::UnhappyNoFollowUp => w.unhappy_no_follow_up,
            SignalKind::NoRecentFeedback => w.no_recent_feedback,
            SignalKind::PromiseOverdue
            | SignalKind::RequestUnanswered
            | SignalKind::PromiseDueSoon
            | SignalKind::PromiseSlipping
            | SignalKind::RequestRepeated
            // An invitation to ask, not something wrong.
            | SignalKind::FeedbackDue => continue,
        };
        let factor = if s.escalated { w.escalated_factor } else { 1.0 };
        let about = s.entry_ids.first().and_then(|id| entries.iter().find(|e| e.id == *id));
        let reason = match (s.kind, about.map(|e| &e.details)) {
            (SignalKind::UnhappyNoFollowUp, Some(Details::Feedback(f))) => Reason::NotFollowedUp(f.score),
            (kind, _) => Reason::Signal(kind, about.map(|e| e.summary.clone())),
        };
        out.push(Line::new(reason, -weight * factor, s.entry_ids));
    }
    out
}

/// One evaluation's past events, entry by entry, and what it carries from one
/// entry to the next.
struct Scoring<'a, 'c> {
    client: &'a Client,
    ctx: &'a Context<'c>,
    letdowns: LetDowns,
    /// Reschedules that moved a date already passed: they answer the client, but earn no answer on time.
    late_moves: BTreeSet<(EntryId, DateTime<Utc>)>,
    kept: Credit,
    on_time: Credit,
}

impl Scoring<'_, '_> {
    /// What an event of `at` still weighs now: half after each half-life.
    fn fade(&self, at: DateTime<Utc>) -> f64 {
        let age_days = (self.ctx.now - at).max(Duration::zero()).num_seconds() as f64 / 86_400.0;
        0.5_f64.powf(age_days / self.ctx.settings.trust.half_life_days)
    }

    fn promise(&mut self, e: &Entry, p: &Promise, out: &mut Vec<Line>) {
        let (ctx, w) = (self.ctx, &self.ctx.settings.trust);
        let worse_after = days(ctx.settings.thresholds.overdue_critical_days);
        let repeat = |which| {
            let place = self.letdowns.place(e.id, which);
            (place.factor, Repeat { nth: place.nth, window_days: w.repeat_window_days })
        };
        let missed = self.letdowns.missed.get(&e.id).map(Vec::as_slice).unwrap_or_default();
        for (n, m) in missed.iter().enumerate() {
            // In full while still overdue; fading from when it stopped being overdue.
            let worse = m.ended.unwrap_or(ctx.now) - m.passed > worse_after;
            let (factor, repeat) = repeat(Which::Missed(n));
            let weight = w.promise_overdue * factor * if worse { w.escalated_factor } else { 1.0 };
            let reason = Missed {
                summary: e.summary.clone(),
                due: m.due,
                still: m.ended.is_none(),
                worse_past_days: worse.then_some(ctx.settings.thresholds.overdue_critical_days),
                repeat,
            };
            out.push(Line::new(Reason::Missed(reason), -weight * m.ended.map_or(1.0, |at| self.fade(at)), vec![e.id]));
        }
        if let Some(at) = p.broken_at(ctx.now) {
            let (factor, repeat) = repeat(Which::Broken);
            let reason = Reason::Broken(e.summary.clone(), !missed.is_empty(), repeat);
            out.push(Line::new(reason, -w.promise_broken * factor * self.fade(at), vec![e.id]));
        }
        let moves = p.moves(ctx.now, ctx.tz());
        for after in [true, false] {
            let these: Vec<_> = moves.iter().filter(|m| m.after_it_passed == after).collect();
            if these.is_empty() {
                continue;
            }
            let weight = if after { w.promise_rescheduled_late } else { w.promise_rescheduled };
            let points: f64 = these.iter().map(|m| -weight * self.fade(m.at)).sum();
            let summary = e.summary.clone();
            let reason = if after { Reason::MovedLate(summary, these.len()) } else { Reason::MovedEarly(summary, these.len()) };
            out.push(Line::new(reason, points, vec![e.id]));
            if after {
                self.late_moves.extend(these.iter().map(|m| (e.id, m.at)));
            }
        }
        // Kept by the date first promised, with no date missed on the way.
        if let (PromiseStatus::Kept, Some((at, false)), true) = (p.status_at(ctx.now), p.kept(ctx.tz()), missed.is_empty()) {
            let points = w.promise_kept_on_time * self.fade(at);
            self.kept.add(points, e.id);
        }
    }

    fn request(&mut self, e: &Entry, r: &Request, out: &mut Vec<Line>) {
        let (ctx, w, now) = (self.ctx, &self.ctx.settings.trust, self.ctx.now);
        let name = || e.summary.clone();
        let follow_ups = r.follow_up_moments(now);
        if !follow_ups.is_empty() {
            let points: f64 = follow_ups.iter().map(|at| -w.request_follow_up * self.fade(*at)).sum();
            out.push(Line::new(Reason::AskedAgain(name(), follow_ups.len()), points, vec![e.id]));
        }
        let worse = |very: bool| w.request_unanswered * if very { w.escalated_factor } else { 1.0 };
        let withdrawn = (r.status_at(now) == RequestStatus::Withdrawn).then(|| r.closed_at()).flatten();
        // Late answers, plainly late and very late (past twice the time to answer).
        let mut late = [(0.0, 0), (0.0, 0)];
        for wait in r.waits(e.occurred_at, now) {
            let by = signals::answer_by(self.client, e, r, wait.since, ctx);
            let very_late = |end: DateTime<Utc>| end > signals::very_late_from(wait.since, by, ctx);
            match (wait.answered_at, withdrawn) {
                (Some(at), _) if at <= by => {
                    let moved_a_missed_date = r.events.iter().any(|ev| {
                        matches!(ev, RequestEvent::Reply { at: a, promise: Some(p), .. } if *a == at && self.late_moves.contains(&(*p, at)))
                    });
                    if !moved_a_missed_date {
                        let points = w.reply_on_time * self.fade(at);
                        self.on_time.add(points, e.id);
                    }
                }
                (Some(at), _) => {
                    let very = very_late(at);
                    let slot = &mut late[usize::from(very)];
                    slot.0 -= worse(very) * self.fade(at);
                    slot.1 += 1;
                }
                (None, Some(gave_up)) if gave_up > by => {
                    out.push(Line::new(Reason::GaveUp(name()), -worse(very_late(gave_up)) * self.fade(gave_up), vec![e.id]));
                }
                (None, None) if now > by => {
                    // Still waiting: in full, as long as it lasts.
                    let very = very_late(now);
                    out.push(Line::new(Reason::Waiting(name(), very), -worse(very), vec![e.id]));
                }
                (None, _) => {}
            }
        }
        for (very, (points, n)) in late.into_iter().enumerate() {
            if n > 0 {
                out.push(Line::new(Reason::AnsweredLate(name(), very == 1, n), points, vec![e.id]));
            }
        }
    }

    fn incident(&self, e: &Entry, i: &Incident) -> Line {
        let (w, now) = (&self.ctx.settings.trust, self.ctx.now);
        let weight = match i.severity {
            IncidentSeverity::Minor => w.incident_minor,
            IncidentSeverity::Major => w.incident_major,
            IncidentSeverity::Critical => w.incident_critical,
        };
        let taken = |step| i.step(step).is_some_and(|s| s.at <= now);
        let closed = taken(RecoveryStep::Closed);
        let repaired = closed && taken(RecoveryStep::Apologized) && taken(RecoveryStep::Fixed);
        let share = if repaired { 1.0 - w.incident_repaired_share } else { 1.0 };
        let missing = (closed && !taken(RecoveryStep::Apologized), closed && !taken(RecoveryStep::Fixed));
        Line::new(
            Reason::Incident(e.summary.clone(), i.severity, repaired, missing),
            -weight * share * self.fade(e.occurred_at),
            vec![e.id],
        )
    }

    /// Every feedback has a line, even one worth nothing.
    fn feedback(&self, e: &Entry, f: &Feedback) -> Line {
        let w = &self.ctx.settings.trust;
        // A cause is what the client was unhappy about: lukewarm with one costs a little.
        let weight = if f.score.is_negative() {
            -w.negative_feedback
        } else if f.score.is_positive() {
            w.positive_feedback
        } else if f.cause.is_some() {
            -w.middling_feedback
        } else {
            0.0
        };
        let on = local_date(e.occurred_at, self.ctx.tz());
        Line {
            reason: Reason::Feedback(f.score, on, f.cause),
            points: weight * self.fade(e.occurred_at),
            entry_ids: vec![e.id],
            always: true,
        }
    }
}

/// The score from its rounded lines' points (without the start), kept within
/// 0–100, with the sum before that.
fn sum(points: impl Iterator<Item = i64>) -> (i64, i64) {
    let sum = START + points.sum::<i64>();
    (sum.clamp(0, START), sum)
}

/// Rounds each line, leaves out those worth 0 (but feedback), orders them and
/// adds the line that keeps the sum within 0–100.
fn total(lines: Vec<Line>, ctx: &Context<'_>) -> (Option<i64>, Vec<Contribution>) {
    let words = Words::new(ctx.lang, ctx.tz(), ctx.now);
    let mut contributions = vec![Contribution { reason: Reason::Start.say(&words), points: START, entry_ids: vec![] }];
    let mut rounded: Vec<Contribution> = lines
        .into_iter()
        .map(|l| (l.always, Contribution { reason: l.reason.say(&words), points: l.points.round() as i64, entry_ids: l.entry_ids }))
        .filter(|(always, c)| *always || c.points != 0)
        .map(|(_, c)| c)
        .collect();
    // Penalties first, the heaviest on top; then credits; then feedback worth nothing.
    rounded.sort_by_key(|c| (c.points.signum() != -1, c.points == 0, -c.points.abs()));
    contributions.extend(rounded);
    let (score, sum) = sum(contributions[1..].iter().map(|c| c.points));
    if score != sum {
        let reason = if sum > START { Reason::AboveTop } else { Reason::BelowZero };
        contributions.push(Contribution { reason: reason.say(&words), points: score - sum, entry_ids: vec![] });
    }
    (Some(score), contributions)
}
