//! The signal engine: where trust is eroding, as of a moment. Pure functions of
//! a client's entries, the settings and `now`; what is dated after `now` is
//! ignored, so the past can be replayed (the score's trend does exactly that).

pub mod activity;
mod explain;
pub mod matter;
pub mod words;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use serde::Serialize;

pub use activity::Activity;
use explain::Say;
pub use matter::{client_matters, Deadlines, Matter};

use crate::domain::calendar::Calendar;
use crate::domain::incident::RecoveryStep;
use crate::domain::time::{days, hours, Clock};
use crate::domain::{
    Client, ClientId, ClientStatus, Details, Entry, EntryId, Feedback, Incident, IncidentSeverity, Language, Promise, PromiseStatus,
    Request, Settings, Severity, SignalKind,
};

/// Everything an evaluation depends on besides the journal's data.
pub struct Context<'a> {
    pub settings: &'a Settings,
    pub calendar: Calendar,
    pub lang: Language,
    pub now: DateTime<Utc>,
}

impl<'a> Context<'a> {
    pub fn new(settings: &'a Settings, tz: Tz, lang: Language, now: DateTime<Utc>) -> Self {
        let calendar = Calendar::new(settings, tz).remembering_around(crate::domain::time::local_date(now, tz));
        Context { settings, calendar, lang, now }
    }

    /// A call's context: the clock's moment and zone, and the journal's
    /// language, else the clock's.
    pub fn of(settings: &'a Settings, clock: Clock) -> Self {
        Context::new(settings, clock.tz, settings.language_or(clock.lang), clock.now)
    }

    /// The same settings, as of another moment (a point of the trend).
    pub fn at(&self, now: DateTime<Utc>) -> Context<'a> {
        Context { settings: self.settings, calendar: self.calendar.clone(), lang: self.lang, now }
    }

    pub fn tz(&self) -> Tz {
        self.calendar.tz
    }

    fn say(&self) -> Say {
        Say { lang: self.lang, tz: self.tz() }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct Signal {
    pub client_id: ClientId,
    pub client: String,
    pub kind: SignalKind,
    pub severity: Severity,
    pub since: DateTime<Utc>,
    pub explanation: String,
    pub entry_ids: Vec<EntryId>,
    /// Whether it took its worse severity (e.g. over a week late); weighs more in the score.
    #[serde(skip)]
    pub escalated: bool,
}

/// What the engine reads of one client.
pub struct ClientView<'a> {
    pub client: &'a Client,
    /// Every entry that can raise a signal as of `now`: each matter open then,
    /// and the promises that lapsed within the slipping window. More is fine.
    pub entries: &'a [Entry],
    pub activity: Activity,
}

/// Today's order: the most severe first, then the oldest.
pub fn sort(signals: &mut [Signal]) {
    signals.sort_by(|a, b| (a.severity, a.since, &a.client, a.kind).cmp(&(b.severity, b.since, &b.client, b.kind)));
}

/// Every signal about one client as of `ctx.now`, in Today's order.
pub fn client_signals(view: &ClientView<'_>, ctx: &Context<'_>) -> Vec<Signal> {
    let mut out = Raised { client: view.client, signals: Vec::new() };
    let known: Vec<&Entry> = view.entries.iter().filter(|e| e.occurred_at <= ctx.now).collect();
    let lapses = lapses(&known, ctx);
    for e in &known {
        match &e.details {
            Details::Promise(p) => promise(e, p, &lapses, ctx, &mut out),
            Details::Request(r) => request(view.client, e, r, ctx, &mut out),
            Details::Incident(i) => incident(e, i, view.activity.last_outreach, ctx, &mut out),
            Details::Feedback(f) => feedback(e, f, ctx, &mut out),
            Details::Interaction(_) | Details::Note => {}
        }
    }
    rhythm(view, ctx, &mut out);
    sort(&mut out.signals);
    out.signals
}

/// The signals raised so far about one client.
struct Raised<'a> {
    client: &'a Client,
    signals: Vec<Signal>,
}

impl Raised<'_> {
    fn raise(
        &mut self,
        kind: SignalKind,
        (severity, escalated): (Severity, bool),
        since: DateTime<Utc>,
        explanation: String,
        entry_ids: Vec<EntryId>,
    ) {
        let client = self.client;
        self.signals.push(Signal {
            client_id: client.id,
            client: client.name.clone(),
            kind,
            severity,
            since,
            explanation,
            entry_ids,
            escalated,
        });
    }
}

fn pick(escalated: bool, base: Severity, worse: Severity) -> (Severity, bool) {
    (if escalated { worse } else { base }, escalated)
}

/// The client's promises that lapsed (broken or kept late) within the slipping
/// window, oldest first.
fn lapses(entries: &[&Entry], ctx: &Context<'_>) -> Vec<(DateTime<Utc>, EntryId)> {
    let from = ctx.now - days(ctx.settings.thresholds.slipping_window_days);
    let mut out: Vec<_> = entries
        .iter()
        .filter_map(|e| match &e.details {
            Details::Promise(p) => p.lapsed_at(ctx.now, ctx.tz()).filter(|at| *at > from).map(|at| (at, e.id)),
            _ => None,
        })
        .collect();
    out.sort();
    out
}

fn promise(e: &Entry, p: &Promise, lapses: &[(DateTime<Utc>, EntryId)], ctx: &Context<'_>, out: &mut Raised<'_>) {
    let (now, t, sev, say) = (ctx.now, &ctx.settings.thresholds, &ctx.settings.severities, ctx.say());
    if p.status_at(now) != PromiseStatus::Open {
        return;
    }
    let history = p.due_history(now);
    let current = history.last().map_or((e.occurred_at, p.due), |c| (c.at.unwrap_or(e.occurred_at), c.due));
    let (due_since, due) = current;
    let deadline = due.deadline(ctx.tz());
    let reschedules = history.len() - 1;
    if deadline <= now {
        let late = now - deadline;
        let worse = late > days(t.overdue_critical_days) || reschedules > 0;
        let text = say.overdue(&e.summary, due, late, reschedules);
        out.raise(SignalKind::PromiseOverdue, pick(worse, sev.promise_overdue, sev.promise_overdue_escalated), deadline, text, vec![e.id]);
    } else if deadline - now <= hours(t.due_soon_hours) {
        // Not before the due date in force was set: a reschedule starts a new countdown.
        let since = (deadline - hours(t.due_soon_hours)).max(due_since);
        out.raise(
            SignalKind::PromiseDueSoon,
            (sev.promise_due_soon, false),
            since,
            say.due_soon(&e.summary, due, deadline - now),
            vec![e.id],
        );
    }
    let needed_lapses = t.slipping_lapses.ceil() as usize;
    if reschedules as f64 >= t.slipping_reschedules {
        let nth = (t.slipping_reschedules.ceil() as usize).clamp(1, history.len() - 1);
        let since = history[nth].at.unwrap_or(e.occurred_at);
        out.raise(
            SignalKind::PromiseSlipping,
            (sev.promise_slipping, false),
            since,
            say.slipping_reschedules(&e.summary, reschedules, due),
            vec![e.id],
        );
    } else if needed_lapses > 0 && lapses.len() >= needed_lapses {
        let since = lapses[needed_lapses - 1].0.max(e.occurred_at);
        let ids = std::iter::once(e.id).chain(lapses.iter().map(|(_, id)| *id)).collect();
        let text = say.slipping_lapses(&e.summary, lapses.len(), t.slipping_window_days);
        out.raise(SignalKind::PromiseSlipping, (sev.promise_slipping, false), since, text, ids);
    }
}

/// The answer target for a client's request, in business hours.
pub fn answer_target_hours(client: &Client, settings: &Settings) -> f64 {
    client.response_target_hours.unwrap_or(settings.answer_target_hours)
}

/// When the reply to a message sent at `waiting_since` is due: the request's
/// own answer-by for its first ask, else the target in business time.
pub fn answer_by(client: &Client, e: &Entry, r: &Request, waiting_since: DateTime<Utc>, ctx: &Context<'_>) -> DateTime<Utc> {
    match r.answer_by {
        Some(by) if waiting_since == e.occurred_at => by,
        _ => ctx.calendar.add_business_hours(waiting_since, answer_target_hours(client, ctx.settings)),
    }
}

/// When an unanswered request turns high: the moment at which
/// `thresholds.unanswered_high_factor` (2) times its target of business time
/// has run since the client's wait began, counted by the calendar function
/// that gives the answer-by. It is high from the first instant after it, as it
/// is medium from the first instant after the answer-by: asked on a Saturday
/// (9 business hours), medium from Monday 18:00, high from Tuesday 18:00 — not
/// from Wednesday's opening, as comparing business time waited would have it.
fn unanswered_high_from(waiting_since: DateTime<Utc>, target: Duration, ctx: &Context<'_>) -> DateTime<Utc> {
    let twice = (target.num_milliseconds() as f64 * ctx.settings.thresholds.unanswered_high_factor).round();
    ctx.calendar.add_business_time(waiting_since, Duration::milliseconds(twice as i64))
}

/// When a wait that began at `waiting_since` and passed its answer-by `by`
/// turns high: the score judges a late answer by the same moment as Today.
pub fn very_late_from(waiting_since: DateTime<Utc>, by: DateTime<Utc>, ctx: &Context<'_>) -> DateTime<Utc> {
    unanswered_high_from(waiting_since, ctx.calendar.business_time_between(waiting_since, by), ctx)
}

fn request(client: &Client, e: &Entry, r: &Request, ctx: &Context<'_>, out: &mut Raised<'_>) {
    let (now, t, sev, say) = (ctx.now, &ctx.settings.thresholds, &ctx.settings.severities, ctx.say());
    if let Some(waiting) = r.awaiting_reply_since(e.occurred_at, now) {
        let by = answer_by(client, e, r, waiting, ctx);
        if now > by {
            let waited = ctx.calendar.business_time_between(waiting, now);
            let target = ctx.calendar.business_time_between(waiting, by);
            let worse = now > unanswered_high_from(waiting, target, ctx);
            let text = say.unanswered(&e.summary, by, waited, target);
            out.raise(
                SignalKind::RequestUnanswered,
                pick(worse, sev.request_unanswered, sev.request_unanswered_escalated),
                by,
                text,
                vec![e.id],
            );
        }
    }
    if r.status_at(now) != crate::domain::RequestStatus::Open {
        return;
    }
    let follow_ups = r.follow_up_moments(now);
    if let (Some(first), Some(last)) = (follow_ups.iter().min(), follow_ups.iter().max()) {
        let worse = follow_ups.len() as f64 >= t.repeated_high_follow_ups;
        let text = say.repeated(&e.summary, follow_ups.len(), *last);
        out.raise(SignalKind::RequestRepeated, pick(worse, sev.request_repeated, sev.request_repeated_escalated), *first, text, vec![e.id]);
    }
}

/// When an incident raises `incident_unacknowledged` as of `ctx.now`:
/// `thresholds.incident_ack_hours` working hours after it was noticed, unless
/// by now the provider acknowledged it, apologised or explained, or wrote to
/// the client at all since it was noticed (`last_outreach`). None when it does
/// not. Today and the reminders both ask this.
pub fn unacknowledged_from(e: &Entry, i: &Incident, last_outreach: Option<DateTime<Utc>>, ctx: &Context<'_>) -> Option<DateTime<Utc>> {
    let now = ctx.now;
    let spoken = [RecoveryStep::Acknowledged, RecoveryStep::Apologized, RecoveryStep::Explained]
        .into_iter()
        .any(|step| i.step(step).is_some_and(|s| s.at <= now));
    let wrote = last_outreach.is_some_and(|at| at >= e.occurred_at && at <= now);
    (!i.is_closed_at(now) && !spoken && !wrote)
        .then(|| ctx.calendar.add_business_hours(e.occurred_at, ctx.settings.thresholds.incident_ack_hours))
}

fn incident(e: &Entry, i: &Incident, last_outreach: Option<DateTime<Utc>>, ctx: &Context<'_>, out: &mut Raised<'_>) {
    let (now, sev, say) = (ctx.now, &ctx.settings.severities, ctx.say());
    if i.is_closed_at(now) {
        return;
    }
    let taken = |step| i.step(step).is_some_and(|s| s.at <= now);
    if let Some(ack_due) = unacknowledged_from(e, i, last_outreach, ctx).filter(|due| now >= *due) {
        let text = say.unacknowledged(&e.summary, i.severity, now - e.occurred_at);
        out.raise(SignalKind::IncidentUnacknowledged, (sev.incident_unacknowledged, false), ack_due, text, vec![e.id]);
    }
    let worse = i.severity >= IncidentSeverity::Major;
    let missing = (!taken(RecoveryStep::Apologized), !taken(RecoveryStep::Fixed));
    let text = say.incident_open(&e.summary, i.severity, now - e.occurred_at, missing);
    out.raise(SignalKind::IncidentOpen, pick(worse, sev.incident_open, sev.incident_open_escalated), e.occurred_at, text, vec![e.id]);
}

fn feedback(e: &Entry, f: &Feedback, ctx: &Context<'_>, out: &mut Raised<'_>) {
    let (now, t, sev, say) = (ctx.now, &ctx.settings.thresholds, &ctx.settings.severities, ctx.say());
    let due = e.occurred_at + days(t.unhappy_follow_up_days);
    if f.awaits_follow_up_at(now) && now >= due {
        out.raise(
            SignalKind::UnhappyNoFollowUp,
            (sev.unhappy_no_follow_up, false),
            due,
            say.unhappy(f.score, e.occurred_at, now - e.occurred_at),
            vec![e.id],
        );
    }
}

/// `silence` and `no_recent_feedback`: only for active clients that existed by `now`.
fn rhythm(view: &ClientView<'_>, ctx: &Context<'_>, out: &mut Raised<'_>) {
    let (c, now, t, sev, say) = (view.client, ctx.now, &ctx.settings.thresholds, &ctx.settings.severities, ctx.say());
    if c.status != ClientStatus::Active || c.archived_at.is_some() || c.created_at > now {
        return;
    }
    let a = &view.activity;
    let (base, ids) = a.last_contact.map_or((c.created_at, vec![]), |(at, id)| (at, vec![id]));
    let usual = a.median_gap.map(|g| Duration::milliseconds((g.num_milliseconds() as f64 * t.silence_gap_factor) as i64));
    let limit = days(t.silence_min_days).max(usual.unwrap_or_else(Duration::zero));
    if now - base > limit {
        let text = say.silence(now - base, a.median_gap, a.last_contact.is_some());
        out.raise(SignalKind::Silence, (sev.silence, false), base + limit, text, ids);
    }
    let (base, ids) = a.last_feedback.map_or((c.created_at, vec![]), |(at, id)| (at, vec![id]));
    let limit = days(t.feedback_interval_days);
    if now - base > limit {
        out.raise(
            SignalKind::NoRecentFeedback,
            (sev.no_recent_feedback, false),
            base + limit,
            say.no_feedback(now - base, a.last_feedback.is_some()),
            ids,
        );
    }
}
