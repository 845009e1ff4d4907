//! The trust score: 100 to start, minus what is wrong now (the signals) and
//! what went wrong before (fading with age), plus credit for promises kept and
//! answers on time. Always with its contributions, which sum to it exactly.
//! docs/trust-score.md is the user's account of the rules.

mod reasons;
pub mod record;

use chrono::{DateTime, Datelike, Days, Duration, NaiveDate, Utc};
use serde::Serialize;

use crate::domain::incident::RecoveryStep;
use crate::domain::promise::PromiseEvent;
use crate::domain::time::{local_date, start_of_local_day};
use crate::domain::{Client, ClientId, Details, Entry, EntryId, IncidentSeverity, PromiseStatus, SignalKind};
use crate::signals::{self, Activity, ClientView, Context};
use reasons::Reason;
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
    /// for a week that ended before the client was added: no data is not full trust.
    pub score: Option<i64>,
}

/// A client's score as of a moment, with everything a person needs to trust it.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct ScoreReport {
    pub client_id: ClientId,
    pub client: String,
    pub score: i64,
    pub contributions: Vec<Contribution>,
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
        trend: trend(client, entries, ctx),
        record: record(entries, &ctx.calendar, ctx.now),
    }
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
            TrendPoint { week_start, score: known.then(|| score(client, entries, &ctx.at(end)).0) }
        })
        .collect()
}

/// The score and the contributions it is the exact sum of.
pub fn score(client: &Client, entries: &[Entry], ctx: &Context<'_>) -> (i64, Vec<Contribution>) {
    let mut raw: Vec<(Reason, f64, Vec<EntryId>)> = Vec::new();
    let w = &ctx.settings.trust;
    let now = ctx.now;
    let fade = |at: DateTime<Utc>| 0.5_f64.powf((now - at).max(Duration::zero()).num_seconds() as f64 / 86_400.0 / w.half_life_days);

    let view = ClientView { client, entries, activity: Activity::of(entries, now) };
    for s in signals::client_signals(&view, ctx) {
        let weight = match s.kind {
            SignalKind::PromiseOverdue => w.promise_overdue,
            SignalKind::RequestUnanswered => w.request_unanswered,
            SignalKind::Silence => w.silence,
            SignalKind::IncidentUnacknowledged => w.incident_unacknowledged,
            SignalKind::IncidentOpen => w.incident_open,
            SignalKind::UnhappyNoFollowUp => w.unhappy_no_follow_up,
            SignalKind::NoRecentFeedback => w.no_recent_feedback,
            // Their events (reschedules, lapses, follow-ups) count below; due soon is no failure.
            SignalKind::PromiseDueSoon | SignalKind::PromiseSlipping | SignalKind::RequestRepeated => 0.0,
        };
        let factor = if s.escalated { w.escalated_factor } else { 1.0 };
        let summary = s.entry_ids.first().and_then(|id| entries.iter().find(|e| e.id == *id)).map(|e| e.summary.clone());
        raw.push((Reason::Signal(s.kind, summary), -weight * factor, s.entry_ids));
    }

    let (mut kept, mut kept_ids, mut happy, mut happy_ids) = (0.0, vec![], 0.0, vec![]);
    let (mut on_time, mut on_time_n, mut on_time_ids) = (0.0, 0, vec![]);
    for e in entries.iter().filter(|e| e.occurred_at <= now) {
        let name = || e.summary.clone();
        match &e.details {
            Details::Promise(p) => {
                let reschedules: Vec<_> = p
                    .events
                    .iter()
                    .filter(|ev| matches!(ev, PromiseEvent::Rescheduled { .. }) && ev.at() <= now)
                    .map(|ev| ev.at())
                    .collect();
                if !reschedules.is_empty() {
                    let pts: f64 = reschedules.iter().map(|at| -w.promise_rescheduled * fade(*at)).sum();
                    raw.push((Reason::Rescheduled(name(), reschedules.len()), pts, vec![e.id]));
                }
                match (p.status_at(now), p.lapsed_at(now, ctx.tz())) {
                    (PromiseStatus::Broken, Some(at)) => raw.push((Reason::Broken(name()), -w.promise_broken * fade(at), vec![e.id])),
                    (PromiseStatus::Kept, Some(at)) => raw.push((Reason::KeptLate(name()), -w.promise_kept_late * fade(at), vec![e.id])),
                    (PromiseStatus::Kept, None) => {
                        if let Some(at) = p.closed_at() {
                            kept += w.promise_kept_on_time * fade(at);
                            kept_ids.push(e.id);
                        }
                    }
                    _ => {}
                }
            }
            Details::Request(r) => {
                let follow_ups = r.follow_up_moments(now);
                if !follow_ups.is_empty() {
                    let pts: f64 = follow_ups.iter().map(|at| -w.request_follow_up * fade(*at)).sum();
                    raw.push((Reason::AskedAgain(name(), follow_ups.len()), pts, vec![e.id]));
                }
                let (mut late, mut late_n) = (0.0, 0);
                for wait in r.waits(e.occurred_at, now) {
                    let Some(answered) = wait.answered_at else { continue };
                    if answered > signals::answer_by(client, e, r, wait.since, ctx) {
                        late -= w.reply_late * fade(answered);
                        late_n += 1;
                    } else {
                        on_time += w.reply_on_time * fade(answered);
                        on_time_n += 1;
                        on_time_ids.push(e.id);
                    }
                }
                if late_n > 0 {
                    raw.push((Reason::AnsweredLate(name(), late_n), late, vec![e.id]));
                }
            }
            Details::Incident(i) => {
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
                raw.push((Reason::Incident(name(), i.severity, repaired, missing), -weight * share * fade(e.occurred_at), vec![e.id]));
            }
            Details::Feedback(f) => {
                if f.score.is_negative() {
                    raw.push((Reason::Unhappy(f.score), -w.negative_feedback * fade(e.occurred_at), vec![e.id]));
                } else if f.score.is_positive() {
                    happy += w.positive_feedback * fade(e.occurred_at);
                    happy_ids.push(e.id);
                }
            }
            Details::Interaction(_) | Details::Note => {}
        }
    }
    on_time_ids.dedup();
    raw.push((Reason::KeptOnTime(kept_ids.len()), kept, kept_ids));
    raw.push((Reason::AnsweredOnTime(on_time_n), on_time, on_time_ids));
    raw.push((Reason::Happy(happy_ids.len()), happy, happy_ids));

    let lang = ctx.lang;
    let mut contributions = vec![Contribution { reason: Reason::Start.say(lang), points: START, entry_ids: vec![] }];
    let mut rounded: Vec<Contribution> = raw
        .into_iter()
        .map(|(reason, points, entry_ids)| Contribution { reason: reason.say(lang), points: points.round() as i64, entry_ids })
        .filter(|c| c.points != 0)
        .collect();
    // Penalties first, the heaviest on top; then credits.
    rounded.sort_by_key(|c| (c.points > 0, -c.points.abs()));
    contributions.extend(rounded);
    let total: i64 = contributions.iter().map(|c| c.points).sum();
    let score = total.clamp(0, START);
    if score != total {
        contributions.push(Contribution { reason: Reason::Clamp.say(lang), points: score - total, entry_ids: vec![] });
    }
    (score, contributions)
}
