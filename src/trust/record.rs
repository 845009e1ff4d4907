//! The provider's own record: promises made and how they ended, and how fast
//! the client got a first answer. Per client or over the whole journal.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::domain::calendar::Calendar;
use crate::domain::{Details, Entry, PromiseStatus};

#[derive(Clone, Debug, Default, PartialEq, Serialize, ts_rs::TS)]
pub struct Record {
    pub made: u64,
    pub kept_on_time: u64,
    pub kept_late: u64,
    pub broken: u64,
    /// Let off by the client: neither kept nor broken.
    pub released: u64,
    pub open: u64,
    /// Median business hours from a request to its first answer; `None` before any answer.
    pub median_reply_hours: Option<f64>,
}

/// The record as of `as_of` over `entries` (of one client or of all).
pub fn record<'a>(entries: impl IntoIterator<Item = &'a Entry>, calendar: &Calendar, as_of: DateTime<Utc>) -> Record {
    let mut r = Record::default();
    let mut replies: Vec<i64> = Vec::new();
    for e in entries.into_iter().filter(|e| e.occurred_at <= as_of) {
        match &e.details {
            Details::Promise(p) => {
                r.made += 1;
                match p.status_at(as_of) {
                    PromiseStatus::Open => r.open += 1,
                    PromiseStatus::Broken => r.broken += 1,
                    PromiseStatus::Released => r.released += 1,
                    PromiseStatus::Kept if p.lapsed_at(as_of, calendar.tz).is_some() => r.kept_late += 1,
                    PromiseStatus::Kept => r.kept_on_time += 1,
                }
            }
            Details::Request(q) => {
                if let Some(answered) = q.waits(e.occurred_at, as_of).first().and_then(|w| w.answered_at) {
                    replies.push(calendar.business_time_between(e.occurred_at, answered).num_minutes());
                }
            }
            _ => {}
        }
    }
    r.median_reply_hours = median_minutes(&mut replies).map(|m| (m / 6.0).round() / 10.0);
    r
}

fn median_minutes(v: &mut [i64]) -> Option<f64> {
    v.sort_unstable();
    match v.len() {
        0 => None,
        n if n % 2 == 1 => Some(v[n / 2] as f64),
        n => Some((v[n / 2 - 1] + v[n / 2]) as f64 / 2.0),
    }
}
