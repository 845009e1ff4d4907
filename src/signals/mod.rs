//! The signal engine: where trust is eroding, as of a moment. Pure functions of
//! a client's entries, the settings and `now`; what is dated after `now` is
//! ignored, so the past can be replayed (the score's trend does exactly that).

pub mod activity;
pub mod ask;
mod explain;
pub mod matter;
pub mod words;

#[cfg(test)]
mod tests;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use serde::Serialize;

pub use activity::Activity;
use explain::Say;
pub use matter::{client_matters, Deadlines, Matter};

use crate::domain::availability;
use crate::domain::calendar::Calendar;
use crate::domain::feedback::JUST_CLOSED_DAYS;
use crate::domain::incident::RecoveryStep;
use crate::domain::time::{days, hours, local_date, Clock};
use crate::domain::{
    Client, ClientId, ClientStatus, Details, Direction, Entry, EntryId, Feedback, Incident, IncidentSeverity, Interaction, Language,
    Promise, PromiseStatus, Request, RequestStatus, Settings, Severity, SignalKind,
};
pub use ask::Occasion;

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
    /// A short message to send the client (`feedback_due`: the question to ask).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub draft: Option<String>,
    /// Whether it took its worse severity (e.g. over a week late); weighs more in the score.
    #[serde(skip)]
    pub escalated: bool,
}

/// What the engine reads of one client.
pub struct ClientView<'a> {
    pub client: &'a Client,
    /// Every entry that can raise a signal as of `now`: each matter open then,
    /// the promises that lapsed within the slipping window, and for
    /// `feedback_due` the requests and promises closed within
    /// [`feedback_lookback`] and the interactions within the spacing. More is fine.
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
    feedback_due(view, &known, ctx, &mut out);
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
    ) -> &mut Signal {
        let client = self.client;
        self.signals.push(Signal {
            client_id: client.id,
            client: client.name.clone(),
            kind,
            severity,
            since,
            explanation,
            entry_ids,
            draft: None,
            escalated,
        });
        let last = self.signals.len() - 1;
        &mut self.signals[last]
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

/// When negative feedback given in `e` is to be followed up (a day after it was given).
pub fn follow_up_by(e: &Entry, ctx: &Context<'_>) -> DateTime<Utc> {
    e.occurred_at + days(ctx.settings.thresholds.unhappy_follow_up_days)
}

fn feedback(e: &Entry, f: &Feedback, ctx: &Context<'_>, out: &mut Raised<'_>) {
    let (now, sev, say) = (ctx.now, &ctx.settings.severities, ctx.say());
    let due = follow_up_by(e, ctx);
    if f.awaits_follow_up_at(now) && now >= due {
        out.raise(
            SignalKind::UnhappyNoFollowUp,
            (sev.unhappy_no_follow_up, false),
            due,
            say.unhappy(f.score, e.occurred_at, now - e.occurred_at, f.cause),
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

/// How long a moment to ask for feedback lasts: a week after the work was
/// delivered (as [`JUST_CLOSED_DAYS`] takes feedback of that week to be about
/// it); then `no_recent_feedback` is the reminder.
pub const ASK_WITHIN_DAYS: i64 = JUST_CLOSED_DAYS;

/// How far back `feedback_due` reads closed matters: the moments of the last
/// spacing and a week before them, each a delay after its close. Today reads
/// the requests and promises closed since `now` minus this.
pub fn feedback_lookback(t: &crate::domain::settings::Thresholds) -> Duration {
    days(t.feedback_spacing_days) + days(ASK_WITHIN_DAYS as f64) + hours(t.feedback_after_close_hours)
}

/// A moment to ask for feedback about one entry.
struct Moment<'e> {
    at: DateTime<Utc>,
    occasion: Occasion,
    /// When the work was delivered, for a closed one.
    closed: Option<DateTime<Utc>>,
    entry: &'e Entry,
}

/// Every moment to ask for feedback up to `now`: a delay after a request was
/// done or a promise kept; and for an engagement still open and on track (not
/// overdue, not awaiting a reply) once it has gone on for the mid-service time.
fn moments<'e>(entries: &[&'e Entry], ctx: &Context<'_>) -> Vec<Moment<'e>> {
    let (now, t) = (ctx.now, &ctx.settings.thresholds);
    let mut out = Vec::new();
    for e in entries.iter().filter(|e| matches!(e.details, Details::Request(_) | Details::Promise(_))) {
        if let Some(closed) = delivered(e, now) {
            let at = closed + hours(t.feedback_after_close_hours);
            if at <= now {
                out.push(Moment { at, occasion: Occasion::Closed, closed: Some(closed), entry: e });
            }
        }
        let mid = e.occurred_at + days(t.feedback_mid_service_days);
        if mid <= now && on_track_at(e, mid, ctx.tz()) {
            out.push(Moment { at: mid, occasion: Occasion::MidService, closed: None, entry: e });
        }
    }
    out.sort_by_key(|m| m.at);
    out
}

/// When a request was done or a promise kept, as of `now`: the work delivered.
fn delivered(e: &Entry, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    match &e.details {
        Details::Request(r) if r.status_at(now) == RequestStatus::Done => r.closed_at(),
        Details::Promise(p) if p.status_at(now) == PromiseStatus::Kept => p.closed_at(),
        _ => None,
    }
}

/// Whether a request or promise was open at `at` and going to plan: a request
/// not awaiting a reply, a promise not overdue.
fn on_track_at(e: &Entry, at: DateTime<Utc>, tz: Tz) -> bool {
    match &e.details {
        Details::Request(r) => r.status_at(at) == RequestStatus::Open && r.awaiting_reply_since(e.occurred_at, at).is_none(),
        Details::Promise(p) => p.status_at(at) == PromiseStatus::Open && p.due_at(at).deadline(tz) > at,
        _ => false,
    }
}

/// `feedback_due`: while a moment to ask lasts, unless the client gave
/// feedback or was asked (an outbound contact logged during such a moment)
/// within the spacing, or is away (their availability note says so in dates).
fn feedback_due(view: &ClientView<'_>, known: &[&Entry], ctx: &Context<'_>, out: &mut Raised<'_>) {
    let (c, now, t) = (view.client, ctx.now, &ctx.settings.thresholds);
    if c.status == ClientStatus::Prospect || c.archived_at.is_some() || c.created_at > now {
        return;
    }
    let (window, spacing) = (days(ASK_WITHIN_DAYS as f64), days(t.feedback_spacing_days));
    let moments = moments(known, ctx);
    let live: Vec<&Moment<'_>> = moments.iter().filter(|m| now < m.at + window).collect();
    let (Some(first), Some(latest)) = (live.first(), live.last()) else { return };
    if view.activity.last_feedback.is_some_and(|(at, _)| now - at < spacing) {
        return;
    }
    let during_a_moment = |x: DateTime<Utc>| moments.iter().any(|m| m.at <= x && x < m.at + window);
    let asked = known.iter().any(|e| {
        matches!(e.details, Details::Interaction(Interaction { direction: Direction::Out }))
            && now - e.occurred_at < spacing
            && during_a_moment(e.occurred_at)
    });
    if asked || c.availability.as_deref().is_some_and(|note| availability::away_on(note, local_date(now, ctx.tz()))) {
        return;
    }
    let mut ids: Vec<EntryId> = Vec::new();
    for m in live.iter().rev() {
        if !ids.contains(&m.entry.id) {
            ids.push(m.entry.id);
        }
    }
    let e = latest.entry;
    let text = ctx.say().feedback_due(&e.summary, latest.closed, e.occurred_at, ids.len() - 1);
    // In the client's language and register when the journal knows them; else the journal's, and usted.
    let lang = c.language.unwrap_or(ctx.lang);
    let draft = ask::question(latest.occasion, &e.summary, lang, c.register != Some(crate::domain::Register::Familiar));
    out.raise(SignalKind::FeedbackDue, (ctx.settings.severities.feedback_due, false), first.at, text, ids).draft = Some(draft);
}
