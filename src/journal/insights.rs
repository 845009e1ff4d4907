//! The use cases that read the journal's health: Today, one client's signals,
//! score and record. Each reads one consistent snapshot and hands the pure
//! engine exactly what it needs.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;

use crate::domain::time::Clock;
use crate::domain::time::{days, hours};
use crate::domain::{ClientId, Details, Direction, Entry, EntryId, Interaction, Settings};
use crate::journal::JournalError;
use crate::signals::{self, matter, Activity, ClientView, Context, Deadlines, Matter};
use crate::store::attention::{self, ClientPulse};
use crate::store::{entries, settings, Store};
use crate::trust::{self, Record, ScoreReport};

type Result<T> = std::result::Result<T, JournalError>;

#[derive(Clone, Debug, Serialize, ts_rs::TS)]
pub struct Today {
    pub generated_at: DateTime<Utc>,
    /// One per promise, request, incident or feedback that raises a signal,
    /// and one per client for what concerns the client as a whole.
    pub matters: Vec<Matter>,
}

impl Today {
    /// Every signal, matter by matter.
    pub fn signals(&self) -> impl Iterator<Item = &signals::Signal> {
        self.matters.iter().flat_map(|m| &m.signals)
    }
}

/// Every matter in the journal as of `clock.now`, most urgent first, each with
/// its signals. Reads the open matters and the quiet clients through their
/// indexes, so its cost follows what is open, not how long the history is.
pub fn today(store: &mut Store, clock: Clock) -> Result<Today> {
    store.read(|tx| {
        let settings = settings::load(tx)?;
        let ctx = Context::of(&settings, clock);
        let now = clock.now;
        let t = &settings.thresholds;

        let mut by_client: BTreeMap<ClientId, Vec<Entry>> = BTreeMap::new();
        for e in attention::open_at(tx, now)? {
            by_client.entry(e.client_id).or_default().push(e);
        }
        // Silence can't fire within its minimum; below it, the latest contact is enough.
        let silent: BTreeSet<ClientId> = attention::quiet_clients(tx, false, now - days(t.silence_min_days), now)?.into_iter().collect();
        let unheard = attention::quiet_clients(tx, true, now - days(t.feedback_interval_days), now)?;
        for id in silent.iter().chain(&unheard) {
            by_client.entry(*id).or_default();
        }

        // Only a client's open promise can slip, so only those clients' lapses are read.
        let promising: BTreeSet<ClientId> =
            by_client.iter().filter(|(_, es)| es.iter().any(|e| matches!(e.details, Details::Promise(_)))).map(|(id, _)| *id).collect();
        let mut lapsed: BTreeMap<ClientId, Vec<Entry>> = BTreeMap::new();
        for e in attention::lapses(tx, now - days(t.slipping_window_days), now, &promising)? {
            lapsed.entry(e.client_id).or_default().push(e);
        }

        let mut asking = asking(tx, &by_client, &ctx)?;
        for id in asking.keys() {
            by_client.entry(*id).or_default();
        }

        let wanted: BTreeSet<ClientId> = by_client.keys().copied().collect();
        let mut out = Vec::new();
        for pulse in attention::client_pulses(tx, &wanted)? {
            let id = pulse.client.id;
            let mut matters = by_client.remove(&id).unwrap_or_default();
            matters.extend(lapsed.remove(&id).unwrap_or_default());
            // A promise both lapsed and closed lately is read once.
            let read: BTreeSet<EntryId> = matters.iter().map(|e| e.id).collect();
            matters.extend(asking.remove(&id).unwrap_or_default().into_iter().filter(|e| !read.contains(&e.id)));
            let mut activity = activity(tx, &pulse, silent.contains(&id), now)?;
            activity.last_outreach = super::reminding::outreach_if_incident(tx, id, &matters, now)?;
            out.extend(signals::client_matters(&ClientView { client: &pulse.client, entries: &matters, activity }, &ctx));
        }
        matter::sort(&mut out);
        Ok(Today { generated_at: now, matters: out })
    })
}

/// What `feedback_due` reads, for the clients it may concern: those with a
/// request or promise closed within the last moment to ask (and its delay), or
/// an open one that reached the mid-service time within it. For each, its
/// interactions within the spacing and its recent closes; and, only for one
/// with an outbound contact among them (which may have been an ask), the
/// requests and promises closed within [`signals::feedback_lookback`], so the
/// moments it may have answered are known. The long read of closes is made
/// once, and only when such a client exists.
fn asking(tx: &Connection, open: &BTreeMap<ClientId, Vec<Entry>>, ctx: &Context<'_>) -> Result<BTreeMap<ClientId, Vec<Entry>>> {
    let (now, t) = (ctx.now, &ctx.settings.thresholds);
    let window = days(signals::ASK_WITHIN_DAYS as f64);
    let lately = now - window - hours(t.feedback_after_close_hours);
    let recent = attention::closes(tx, lately, now)?;
    let mid = days(t.feedback_mid_service_days);
    let mut concerned: BTreeSet<ClientId> = recent.iter().map(|(c, _, _)| *c).collect();
    for (id, entries) in open {
        let midway = |e: &Entry| {
            matches!(e.details, Details::Request(_) | Details::Promise(_))
                && e.occurred_at + mid <= now
                && now < e.occurred_at + mid + window
        };
        if entries.iter().any(midway) {
            concerned.insert(*id);
        }
    }
    let mut out: BTreeMap<ClientId, Vec<Entry>> = BTreeMap::new();
    let mut in_touch: BTreeSet<ClientId> = BTreeSet::new();
    for id in &concerned {
        let touches = attention::interactions(tx, *id, now - days(t.feedback_spacing_days), now)?;
        if touches.iter().any(|e| matches!(e.details, Details::Interaction(Interaction { direction: Direction::Out }))) {
            in_touch.insert(*id);
        }
        out.entry(*id).or_default().extend(touches);
    }
    let closes = if in_touch.is_empty() { recent } else { attention::closes(tx, now - signals::feedback_lookback(t), now)? };
    let wanted = closes.into_iter().filter(|(c, _, at)| concerned.contains(c) && (in_touch.contains(c) || *at > lately));
    for e in attention::entries_of(tx, wanted.map(|(_, e, _)| e))? {
        out.entry(e.client_id).or_default().push(e);
    }
    Ok(out)
}

/// A client's rhythm as of `now`: the written latest moments when they are not
/// after `now`; the whole list of contacts only for a client quiet long enough
/// for its usual gap to matter.
fn activity(tx: &Connection, pulse: &ClientPulse, quiet: bool, now: DateTime<Utc>) -> Result<Activity> {
    let id = pulse.client.id;
    let as_of = |cached: Option<attention::Moment>, feedback: bool| -> Result<Option<attention::Moment>> {
        match cached {
            Some((at, _)) if at > now => Ok(attention::last_moment(tx, id, feedback, now)?),
            other => Ok(other),
        }
    };
    let last_feedback = as_of(pulse.last_feedback, true)?;
    if quiet {
        let latest = attention::contacts(tx, id, now, crate::signals::activity::RHYTHM_CONTACTS)?;
        return Ok(Activity::from_contacts(&latest, last_feedback));
    }
    Ok(Activity { last_contact: as_of(pulse.last_contact, false)?, median_gap: None, last_feedback, last_outreach: None })
}

/// A client's whole timeline up to now, with the context to evaluate it.
fn with_client<T>(
    store: &mut Store,
    clock: Clock,
    client: ClientId,
    f: impl FnOnce(&crate::domain::Client, &[Entry], &Context<'_>) -> T,
) -> Result<T> {
    store.read(|tx| {
        let settings: Settings = settings::load(tx)?;
        let ctx = Context::of(&settings, clock);
        let stored = crate::store::clients::get(tx, client)?.ok_or_else(|| JournalError::NotFound(client.to_string()))?;
        let timeline = entries::timeline(tx, client)?;
        Ok(f(&stored.client, &timeline, &ctx))
    })
}

/// One client's signals as of now, evaluated from its whole timeline.
pub fn client_signals(store: &mut Store, clock: Clock, client: ClientId) -> Result<Vec<signals::Signal>> {
    with_client(store, clock, client, |c, entries, ctx| {
        signals::client_signals(&ClientView { client: c, entries, activity: Activity::of(entries, ctx.now) }, ctx)
    })
}

/// A line of the client list: how the relationship stands, at a glance.
#[derive(Clone, Debug, Serialize, ts_rs::TS)]
pub struct ClientLine {
    pub client: crate::domain::Client,
    /// `None` while the client is new: not enough history for a score yet.
    pub score: Option<i64>,
    pub trend: Vec<trust::TrendPoint>,
    pub last_contact: Option<DateTime<Utc>>,
    /// Promises, requests, incidents and unhappy feedback still open.
    pub open: u64,
    /// The most severe of the client's signals, if any.
    pub worst: Option<crate::domain::Severity>,
    pub signals: u64,
}

/// Every client not in the trash (archived ones when asked), in name order,
/// each evaluated from its own timeline: the list a person scans, not the
/// Today pass, so it reads every client's entries.
pub fn client_lines(store: &mut Store, clock: Clock, with_archived: bool) -> Result<Vec<ClientLine>> {
    store.read(|tx| {
        let settings = settings::load(tx)?;
        let ctx = Context::of(&settings, clock);
        let mut lines = Vec::new();
        for client in crate::store::clients::list(tx, with_archived)? {
            let timeline = entries::timeline(tx, client.id)?;
            let activity = Activity::of(&timeline, clock.now);
            let raised = signals::client_signals(&ClientView { client: &client, entries: &timeline, activity: activity.clone() }, &ctx);
            let score = trust::score_alone(&client, &timeline, &ctx);
            lines.push(ClientLine {
                score,
                trend: trust::trend(&client, &timeline, &ctx),
                last_contact: activity.last_contact.map(|(at, _)| at),
                open: timeline
                    .iter()
                    .filter(|e| e.occurred_at <= clock.now && e.status_at(clock.now) == Some(crate::domain::entry::OPEN))
                    .count() as u64,
                worst: raised.iter().map(|s| s.severity).min(),
                signals: raised.len() as u64,
                client,
            });
        }
        Ok(lines)
    })
}

/// Everything the client page shows, from one snapshot.
#[derive(Clone, Debug, Serialize, ts_rs::TS)]
pub struct ClientPage {
    /// The moment the page is as of: what "today" and "2 days late" count from.
    pub generated_at: DateTime<Utc>,
    pub client: crate::domain::Client,
    /// Newest first, up to now.
    pub timeline: Vec<TimelineEntry>,
    pub report: ScoreReport,
    /// What needs attention about this client, as Today groups it.
    pub matters: Vec<Matter>,
    /// The stage a feedback written now most likely has: what the new-entry form starts with.
    pub feedback_stage: crate::domain::Stage,
    /// How the client's promises of the provider's own date are usually kept,
    /// next to how far ahead their dates were given; none below three.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keeping: Option<crate::calibration::Keeping>,
}

/// An entry with its lifecycle status as of now (`open`, `kept`, `done`…;
/// none for kinds without one) and its deadlines in force (a promise's due
/// date after its reschedules, a request's answer-by), so the UI never works
/// them out itself.
#[derive(Clone, Debug, Serialize, ts_rs::TS)]
pub struct TimelineEntry {
    #[serde(flatten)]
    pub entry: Entry,
    pub status: Option<String>,
    #[serde(flatten)]
    pub deadlines: Deadlines,
    /// The message it came from, when it came from mail (accepted from the review list).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub mail: Option<crate::journal::mailbox::MailOrigin>,
    /// Negative feedback: the next step its cause suggests, in the journal's language.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub next_step: Option<String>,
    /// What went wrong with it, when a draft to the client could help repair it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub repair: Option<crate::recovery::Trigger>,
}

pub fn client_page(store: &mut Store, clock: Clock, client: ClientId) -> Result<ClientPage> {
    // As `with_client`, with the mail each entry came from read in the same snapshot.
    store.read(|tx| {
        let settings: Settings = settings::load(tx)?;
        let ctx = Context::of(&settings, clock);
        let stored = crate::store::clients::get(tx, client)?.ok_or_else(|| JournalError::NotFound(client.to_string()))?;
        let entries = entries::timeline(tx, client)?;
        let mut from_mail = crate::journal::mailbox::origins(tx, client)?;
        let (c, ctx) = (&stored.client, &ctx);
        let shown = entries
            .iter()
            .filter(|e| e.occurred_at <= ctx.now)
            .map(|e| TimelineEntry {
                entry: e.clone(),
                status: e.status_at(ctx.now).map(str::to_string),
                deadlines: matter::deadlines(c, e, ctx),
                mail: from_mail.remove(&e.id),
                next_step: next_step(e, ctx.lang),
                repair: crate::recovery::trigger_of(e, ctx.now, ctx.tz()),
            })
            .collect();
        let entries = &entries[..];
        Ok(ClientPage {
            generated_at: ctx.now,
            client: c.clone(),
            report: trust::report(c, entries, ctx),
            matters: signals::client_matters(&ClientView { client: c, entries, activity: Activity::of(entries, ctx.now) }, ctx),
            timeline: shown,
            feedback_stage: crate::domain::feedback::suggested_stage(entries, ctx.now),
            keeping: crate::calibration::keeping(
                &crate::calibration::facts_of(entries.iter().filter(|e| e.occurred_at <= ctx.now)),
                ctx.now,
                &ctx.calendar,
            ),
        })
    })
}

/// What to do after negative feedback, as its cause suggests; none for other entries.
pub fn next_step(e: &Entry, lang: crate::domain::Language) -> Option<String> {
    match &e.details {
        Details::Feedback(f) if f.score.is_negative() => Some(signals::ask::next_step(f.cause, lang).to_string()),
        _ => None,
    }
}

/// The stage a feedback from the client given now most likely has (see
/// [`crate::domain::feedback::suggested_stage`]): the CLI's default.
pub fn feedback_stage(store: &mut Store, clock: Clock, client: ClientId) -> Result<crate::domain::Stage> {
    with_client(store, clock, client, |_, entries, ctx| crate::domain::feedback::suggested_stage(entries, ctx.now))
}

/// One client's trust score with its contributions, trend and record.
pub fn score(store: &mut Store, clock: Clock, client: ClientId) -> Result<ScoreReport> {
    with_client(store, clock, client, trust::report)
}

/// A client's printable summary over `period`, as of now, for `audience`
/// (src/summary/): the app and the CLI word it with `summary::html` or `summary::pdf`.
pub fn summary(
    store: &mut Store,
    clock: Clock,
    client: ClientId,
    period: crate::summary::Period,
    audience: crate::summary::Audience,
) -> Result<crate::summary::Summary> {
    with_client(store, clock, client, |c, entries, ctx| crate::summary::build(c, entries, ctx, period, audience))
}

/// The provider's record with one client, or with every client not in the trash.
pub fn record(store: &mut Store, clock: Clock, client: Option<ClientId>) -> Result<Record> {
    if let Some(id) = client {
        return with_client(store, clock, id, |_, entries, ctx| trust::record(entries, &ctx.calendar, ctx.now));
    }
    store.read(|tx| {
        let settings = settings::load(tx)?;
        let calendar = crate::domain::calendar::Calendar::new(&settings, clock.tz);
        let live: BTreeSet<ClientId> = crate::store::clients::list(tx, true)?.into_iter().map(|c| c.id).collect();
        let all = entries::all(tx)?;
        let kept = all.iter().filter(|s| s.deleted_at.is_none() && live.contains(&s.entry.client_id)).map(|s| &s.entry);
        Ok(trust::record(kept, &calendar, clock.now))
    })
}
