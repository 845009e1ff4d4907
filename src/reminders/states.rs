//! The state each open matter is in as of now, and the reminder it calls for
//! if that state's moment has come and the record has not settled it. Each
//! matter is in one state at a time (due soon, then overdue; answer soon, then
//! unanswered), so each yields one reminder at most, however long the app slept.

use chrono::{DateTime, Duration, Utc};

use super::key::ReminderKey;
use super::kind::ReminderKind;
use super::record::{KeyStatus, Record};
use crate::domain::time::hours;
use crate::domain::{Client, Details, Due, Entry, Incident, IncidentSeverity, Promise, PromiseStatus, Request};
use crate::signals::{self, Context};

/// An overdue promise is recalled at most this often, counted from the last
/// time it was shown: "once a day", even after a snooze or a digest.
pub const OVERDUE_REPEAT_HOURS: i64 = 24;

/// A client with its matters open now (more entries are fine: the rest are skipped).
pub struct ClientMatters<'a> {
    pub client: &'a Client,
    pub entries: &'a [Entry],
    /// The latest moment the provider wrote to the client (an incident after it is not yet "contacted").
    pub last_outreach: Option<DateTime<Utc>>,
}

/// What a reminder is about, for its words.
#[derive(Clone, Copy, Debug)]
pub(crate) enum What {
    Promise { due: Due, deadline: DateTime<Utc> },
    Request { since: DateTime<Utc>, by: DateTime<Utc> },
    Incident { severity: IncidentSeverity, noticed: DateTime<Utc> },
}

/// A reminder whose moment has come and which is not settled yet.
pub(crate) struct Candidate<'a> {
    pub kind: ReminderKind,
    pub key: ReminderKey,
    pub client: &'a Client,
    pub entry: &'a Entry,
    /// The moment the state is about.
    pub about: DateTime<Utc>,
    /// When it came due: the state's moment, a repeat's, or a snooze's end.
    pub due_at: DateTime<Utc>,
    pub repeat: u32,
    /// The snooze whose end this delivery answers (the round it is recorded under).
    pub after_snooze: Option<DateTime<Utc>>,
    /// Still snoozed: held until then.
    pub snoozed_until: Option<DateTime<Utc>>,
    pub what: What,
}

pub(crate) struct Found<'a> {
    pub candidates: Vec<Candidate<'a>>,
    /// Open promises past their due moment now, reminded of or not: the tray's count.
    pub overdue_promises: u32,
}

pub(crate) fn find<'a>(matters: &'a [ClientMatters<'a>], record: &Record, ctx: &Context<'_>) -> Found<'a> {
    let mut found = Found { candidates: Vec::new(), overdue_promises: 0 };
    for m in matters {
        for e in m.entries.iter().filter(|e| e.occurred_at <= ctx.now) {
            let mut at = At { client: m.client, entry: e, last_outreach: m.last_outreach, record, ctx, found: &mut found };
            match &e.details {
                Details::Promise(p) => at.promise(p),
                Details::Request(r) => at.request(r),
                Details::Incident(i) => at.incident(i),
                Details::Interaction(_) | Details::Feedback(_) | Details::Note => {}
            }
        }
    }
    found
}

/// One matter being looked at.
struct At<'a, 'r> {
    client: &'a Client,
    entry: &'a Entry,
    last_outreach: Option<DateTime<Utc>>,
    record: &'r Record,
    ctx: &'r Context<'r>,
    found: &'r mut Found<'a>,
}

impl<'a> At<'a, '_> {
    fn wanted(&self, kind: ReminderKind) -> bool {
        kind.wanted(&self.ctx.settings.reminders)
    }

    /// Adds the reminder of `key` if its state's moment (`fires_at`) has come
    /// and the record does not say it was delivered already.
    fn offer(&mut self, kind: ReminderKind, key: ReminderKey, fires_at: DateTime<Utc>, about: DateTime<Utc>, repeat: u32, what: What) {
        let now = self.ctx.now;
        if fires_at > now {
            return;
        }
        let (due_at, after_snooze, snoozed_until) = match self.record.status(key.as_str()) {
            KeyStatus::Settled(_) => return,
            KeyStatus::Fresh => (fires_at, None, None),
            KeyStatus::Snoozed(until) if until > now => (fires_at, Some(until), Some(until)),
            KeyStatus::Snoozed(until) => (until.max(fires_at), Some(until), None),
        };
        self.found.candidates.push(Candidate {
            kind,
            key,
            client: self.client,
            entry: self.entry,
            about,
            due_at,
            repeat,
            after_snooze,
            snoozed_until,
            what,
        });
    }

    fn promise(&mut self, p: &Promise) {
        let (now, tz) = (self.ctx.now, self.ctx.tz());
        if p.status_at(now) != PromiseStatus::Open {
            return;
        }
        let history = p.due_history(now);
        let (due_since, due) = history.last().map_or((self.entry.occurred_at, p.due), |c| (c.at.unwrap_or(self.entry.occurred_at), c.due));
        let deadline = due.deadline(tz);
        let what = What::Promise { due, deadline };
        if deadline <= now {
            self.found.overdue_promises += 1;
            if self.wanted(ReminderKind::PromiseOverdue) {
                self.overdue(due, deadline, what);
            }
            return;
        }
        let lead = hours(self.ctx.settings.reminders.lead_hours);
        let fires_at = deadline - lead;
        // A due date set inside the lead time was just given: reminding of it
        // at once would only repeat what the user typed. The overdue reminder still comes.
        if self.wanted(ReminderKind::PromiseDueSoon) && lead > Duration::zero() && due_since <= fires_at {
            let key = ReminderKey::promise(ReminderKind::PromiseDueSoon, self.entry.id, due, 0);
            self.offer(ReminderKind::PromiseDueSoon, key, fires_at, deadline, 0, what);
        }
    }

    /// The first overdue reminder comes at the deadline; each repeat a day after
    /// the previous one was last shown.
    fn overdue(&mut self, due: Due, deadline: DateTime<Utc>, what: What) {
        let mut fires_at = deadline;
        // Bounded by the days a promise can have been overdue; the cap only guards the loop.
        for repeat in 0..100_000u32 {
            let key = ReminderKey::promise(ReminderKind::PromiseOverdue, self.entry.id, due, repeat);
            match self.record.status(key.as_str()) {
                KeyStatus::Settled(last) => fires_at = last + Duration::hours(OVERDUE_REPEAT_HOURS),
                _ => return self.offer(ReminderKind::PromiseOverdue, key, fires_at, deadline, repeat, what),
            }
        }
    }

    fn request(&mut self, r: &Request) {
        let ctx = self.ctx;
        let Some(since) = r.awaiting_reply_since(self.entry.occurred_at, ctx.now) else {
            return;
        };
        let by = signals::answer_by(self.client, self.entry, r, since, ctx);
        let what = What::Request { since, by };
        // The same rule as the `request_unanswered` signal: past it, not at it.
        if ctx.now > by {
            if self.wanted(ReminderKind::RequestUnanswered) {
                let key = ReminderKey::request(ReminderKind::RequestUnanswered, self.entry.id, since);
                self.offer(ReminderKind::RequestUnanswered, key, by, by, 0, what);
            }
            return;
        }
        let window = ctx.settings.reminders.answer_soon_business_hours;
        let target = ctx.calendar.business_time_between(since, by).num_milliseconds() as f64 / 3_600_000.0;
        // A clock shorter than the warning window starts inside it: nothing to warn of before it runs out.
        if self.wanted(ReminderKind::RequestAnswerSoon) && window > 0.0 && target > window {
            let fires_at = ctx.calendar.add_business_hours(since, target - window);
            let key = ReminderKey::request(ReminderKind::RequestAnswerSoon, self.entry.id, since);
            self.offer(ReminderKind::RequestAnswerSoon, key, fires_at, by, 0, what);
        }
    }

    fn incident(&mut self, i: &Incident) {
        let now = self.ctx.now;
        if !self.wanted(ReminderKind::IncidentUnacknowledged) || i.is_closed_at(now) {
            return;
        }
        // When the `incident_unacknowledged` signal comes into force.
        let Some(ack_due) = crate::signals::unacknowledged_from(self.entry, i, self.last_outreach, self.ctx) else {
            return;
        };
        let what = What::Incident { severity: i.severity, noticed: self.entry.occurred_at };
        self.offer(ReminderKind::IncidentUnacknowledged, ReminderKey::incident(self.entry.id), ack_due, ack_due, 0, what);
    }
}
