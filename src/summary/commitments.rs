//! What is still owed to the client now: open promises with their due dates,
//! and open requests not covered by one, the most pressing first.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::domain::{Client, Details, Due, Entry, EntryId, PromiseStatus, RequestStatus};
use crate::signals::{self, Context};

/// How many open commitments a summary lists.
pub const MAX_OPEN: usize = 8;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum CommitmentKind {
    Promise,
    Request,
}

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct Commitment {
    pub entry_id: EntryId,
    pub kind: CommitmentKind,
    pub summary: String,
    /// When the promise was made or the request asked.
    pub since: DateTime<Utc>,
    /// A promise's due date in force now.
    #[ts(type = "string | null")]
    pub due: Option<Due>,
    /// For a request awaiting a reply: when the reply is due.
    pub answer_by: Option<DateTime<Utc>>,
    /// Past its due date, or past its answer-by moment.
    pub overdue: bool,
    pub reschedules: u64,
    /// How many times the client asked again about a request.
    pub follow_ups: u64,
}

impl Commitment {
    /// The moment it becomes late, for ordering; a request already answered has none.
    fn deadline(&self, tz: chrono_tz::Tz) -> Option<DateTime<Utc>> {
        self.due.map(|d| d.deadline(tz)).or(self.answer_by)
    }
}

/// The open commitments, overdue first then by deadline, and how many were left out.
pub fn open(client: &Client, known: &[&Entry], ctx: &Context<'_>) -> (Vec<Commitment>, u64) {
    let (now, tz) = (ctx.now, ctx.tz());
    let mut out = Vec::new();
    let mut covered = BTreeSet::new();
    for e in known {
        let Details::Promise(p) = &e.details else { continue };
        if p.status_at(now) != PromiseStatus::Open {
            continue;
        }
        covered.extend(p.for_request);
        let due = p.due_at(now);
        out.push(Commitment {
            entry_id: e.id,
            kind: CommitmentKind::Promise,
            summary: e.summary.clone(),
            since: e.occurred_at,
            due: Some(due),
            answer_by: None,
            overdue: due.deadline(tz) <= now,
            reschedules: p.due_history(now).len().saturating_sub(1) as u64,
            follow_ups: 0,
        });
    }
    for e in known {
        let Details::Request(r) = &e.details else { continue };
        // A request with an open promise is told by the promise.
        if r.status_at(now) != RequestStatus::Open || covered.contains(&e.id) {
            continue;
        }
        let answer_by = r.awaiting_reply_since(e.occurred_at, now).map(|since| signals::answer_by(client, e, r, since, ctx));
        out.push(Commitment {
            entry_id: e.id,
            kind: CommitmentKind::Request,
            summary: e.summary.clone(),
            since: e.occurred_at,
            due: None,
            answer_by,
            overdue: answer_by.is_some_and(|by| by < now),
            reschedules: 0,
            follow_ups: r.follow_ups_at(now) as u64,
        });
    }
    out.sort_by_key(|c| (!c.overdue, c.deadline(tz).is_none(), c.deadline(tz), c.since));
    let left_out = out.len().saturating_sub(MAX_OPEN);
    out.truncate(MAX_OPEN);
    (out, left_out as u64)
}
