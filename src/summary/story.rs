//! The story of a period, condensed: what happened to the client's requests,
//! promises, incidents and feedback, grouped by month. Turning points (a
//! promise overdue, rescheduled, kept late or broken, a request repeated, an
//! incident, feedback) always come before routine events when the page is short.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Utc};
use serde::Serialize;

use crate::domain::incident::RecoveryStep;
use crate::domain::promise::PromiseEvent;
use crate::domain::request::RequestEvent;
use crate::domain::{
    Cause, Channel, Details, Due, Entry, EntryId, Feedback, Incident, IncidentSeverity, NoticedBy, Promise, Request, Score, Stage,
};
use crate::signals::Context;

/// How many events a summary tells; with the rest of it, two pages at most.
pub const MAX_EVENTS: usize = 18;

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct Story {
    /// The months with an event told, oldest first.
    pub months: Vec<Month>,
    /// Events of the period not told to keep the summary short: routine ones
    /// first, then the oldest.
    pub left_out: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct Month {
    /// In the summary's time zone.
    pub year: i32,
    pub month: u32,
    /// What was logged that month within the period, told or not.
    pub interactions: u64,
    pub requests: u64,
    pub promises: u64,
    pub events: Vec<Event>,
}

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct Event {
    pub at: DateTime<Utc>,
    /// The entry it happened to.
    pub entry_id: EntryId,
    pub turning_point: bool,
    pub what: Happening,
}

/// What happened, with what a person needs to read it; `summary` is the
/// entry's own summary.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Happening {
    Asked {
        summary: String,
        channel: Channel,
    },
    /// The client asked again (the `nth` time they had to).
    AskedAgain {
        summary: String,
        channel: Channel,
        note: Option<String>,
        nth: u64,
    },
    /// Delivered without a promise (a kept promise tells its own delivery).
    Delivered {
        summary: String,
    },
    Declined {
        summary: String,
        note: Option<String>,
    },
    Withdrawn {
        summary: String,
        note: Option<String>,
    },
    Promised {
        summary: String,
        #[ts(type = "string")]
        due: Due,
    },
    /// The due date in force passed with the promise still open.
    Overdue {
        summary: String,
        #[ts(type = "string")]
        due: Due,
    },
    Rescheduled {
        summary: String,
        #[ts(type = "string")]
        due: Due,
        reason: String,
    },
    /// `late` against the date first promised.
    Kept {
        summary: String,
        late: bool,
        #[ts(type = "string")]
        first_due: Due,
    },
    Broken {
        summary: String,
        reason: Option<String>,
    },
    Released {
        summary: String,
        note: Option<String>,
    },
    Incident {
        summary: String,
        severity: IncidentSeverity,
        noticed_by: NoticedBy,
    },
    /// Closed; `repaired` when with an apology and a fix.
    IncidentClosed {
        summary: String,
        repaired: bool,
    },
    Feedback {
        score: Score,
        stage: Stage,
        cause: Option<Cause>,
        comment: Option<String>,
    },
    FeedbackFollowedUp {
        score: Score,
        note: Option<String>,
    },
}

impl Happening {
    /// What a person looks for first in a relationship's story.
    fn turning_point(&self) -> bool {
        match self {
            Happening::AskedAgain { .. }
            | Happening::Declined { .. }
            | Happening::Overdue { .. }
            | Happening::Rescheduled { .. }
            | Happening::Broken { .. }
            | Happening::Incident { .. }
            | Happening::IncidentClosed { .. }
            | Happening::Feedback { .. } => true,
            Happening::Kept { late, .. } => *late,
            Happening::Asked { .. }
            | Happening::Delivered { .. }
            | Happening::Withdrawn { .. }
            | Happening::Promised { .. }
            | Happening::Released { .. }
            | Happening::FeedbackFollowedUp { .. } => false,
        }
    }
}

/// The story of the period starting at `from` (all of it for `None`) up to `ctx.now`.
pub fn of(known: &[&Entry], from: Option<DateTime<Utc>>, ctx: &Context<'_>) -> Story {
    let now = ctx.now;
    let within = |at: DateTime<Utc>| at <= now && from.is_none_or(|f| at >= f);
    let mut all: Vec<Event> = Vec::new();
    // In the order they were made, so that events at the same moment keep it
    // (a promise after the request it answers).
    let mut ordered = known.to_vec();
    ordered.sort_by_key(|e| (e.occurred_at, e.recorded_at));
    for e in ordered {
        let mut push = |at: DateTime<Utc>, what: Happening| {
            if within(at) {
                all.push(Event { at, entry_id: e.id, turning_point: what.turning_point(), what });
            }
        };
        let s = || e.summary.clone();
        match &e.details {
            Details::Request(r) => request(e, r, s, now, &mut push),
            Details::Promise(p) => promise(e, p, s, ctx, &mut push),
            Details::Incident(i) => incident(e, i, s, &mut push),
            Details::Feedback(f) => feedback(e, f, &mut push),
            Details::Interaction(_) | Details::Note => {}
        }
    }
    all.sort_by_key(|ev| ev.at);
    let total = all.len();
    let mut told: Vec<usize> = (0..total).rev().filter(|i| all[*i].turning_point).collect();
    told.extend((0..total).rev().filter(|i| !all[*i].turning_point));
    told.truncate(MAX_EVENTS);
    told.sort_unstable();

    let mut months: BTreeMap<(i32, u32), Month> = BTreeMap::new();
    let tz = ctx.tz();
    let key = |at: DateTime<Utc>| {
        let local = at.with_timezone(&tz);
        (local.year(), local.month())
    };
    for i in told {
        let ev = all[i].clone();
        let (year, month) = key(ev.at);
        months
            .entry((year, month))
            .or_insert_with(|| Month { year, month, interactions: 0, requests: 0, promises: 0, events: vec![] })
            .events
            .push(ev);
    }
    for e in known.iter().filter(|e| within(e.occurred_at)) {
        if let Some(m) = months.get_mut(&key(e.occurred_at)) {
            match e.details {
                Details::Interaction(_) => m.interactions += 1,
                Details::Request(_) => m.requests += 1,
                Details::Promise(_) => m.promises += 1,
                _ => {}
            }
        }
    }
    Story { months: months.into_values().collect(), left_out: total.saturating_sub(MAX_EVENTS) as u64 }
}

fn request(e: &Entry, r: &Request, s: impl Fn() -> String, now: DateTime<Utc>, push: &mut impl FnMut(DateTime<Utc>, Happening)) {
    push(e.occurred_at, Happening::Asked { summary: s(), channel: e.channel });
    let mut events: Vec<&RequestEvent> = r.events.iter().filter(|ev| ev.at() <= now).collect();
    events.sort_by_key(|ev| ev.at());
    let mut nth = 0;
    for ev in events {
        match ev {
            RequestEvent::FollowUp { at, channel, note } => {
                nth += 1;
                push(*at, Happening::AskedAgain { summary: s(), channel: *channel, note: note.clone(), nth });
            }
            RequestEvent::Done { at, promise: None } => push(*at, Happening::Delivered { summary: s() }),
            RequestEvent::Declined { at, note } => push(*at, Happening::Declined { summary: s(), note: note.clone() }),
            RequestEvent::Withdrawn { at, note } => push(*at, Happening::Withdrawn { summary: s(), note: note.clone() }),
            // A reply is the routine of a request; a delivery by a promise is the promise kept.
            RequestEvent::Reply { .. } | RequestEvent::Done { promise: Some(_), .. } => {}
        }
    }
}

fn promise(e: &Entry, p: &Promise, s: impl Fn() -> String, ctx: &Context<'_>, push: &mut impl FnMut(DateTime<Utc>, Happening)) {
    let (now, tz) = (ctx.now, ctx.tz());
    push(e.occurred_at, Happening::Promised { summary: s(), due: p.due });
    let closed = p.closed_at().filter(|at| *at <= now);
    let dues = p.due_history(now);
    // Each due date was in force until the next reschedule, the end, or now;
    // if its deadline came first, the promise was overdue from then.
    for (i, change) in dues.iter().enumerate() {
        let until = dues.get(i + 1).and_then(|next| next.at).or(closed).unwrap_or(now);
        let deadline = change.due.deadline(tz);
        if deadline <= until && deadline <= now {
            push(deadline, Happening::Overdue { summary: s(), due: change.due });
        }
    }
    for ev in p.events.iter().filter(|ev| ev.at() <= now) {
        match ev {
            PromiseEvent::Rescheduled { at, due, reason, .. } => {
                push(*at, Happening::Rescheduled { summary: s(), due: *due, reason: reason.clone() })
            }
            PromiseEvent::Kept { at } => {
                let late = p.kept(tz).is_some_and(|(_, late)| late);
                push(*at, Happening::Kept { summary: s(), late, first_due: p.due })
            }
            PromiseEvent::Broken { at, reason } => push(*at, Happening::Broken { summary: s(), reason: reason.clone() }),
            PromiseEvent::Released { at, note } => push(*at, Happening::Released { summary: s(), note: note.clone() }),
        }
    }
}

fn incident(e: &Entry, i: &Incident, s: impl Fn() -> String, push: &mut impl FnMut(DateTime<Utc>, Happening)) {
    push(e.occurred_at, Happening::Incident { summary: s(), severity: i.severity, noticed_by: i.noticed_by });
    if let Some(closed) = i.step(RecoveryStep::Closed) {
        let repaired = i.step(RecoveryStep::Apologized).is_some() && i.step(RecoveryStep::Fixed).is_some();
        push(closed.at, Happening::IncidentClosed { summary: s(), repaired });
    }
}

fn feedback(e: &Entry, f: &Feedback, push: &mut impl FnMut(DateTime<Utc>, Happening)) {
    push(e.occurred_at, Happening::Feedback { score: f.score, stage: f.stage, cause: f.cause, comment: f.comment.clone() });
    for u in &f.follow_ups {
        push(u.at, Happening::FeedbackFollowedUp { score: f.score, note: u.note.clone() });
    }
}
