//! What calibration keeps of each promise, and its reference classes: plain
//! values the store writes and reads back, and the rules in `calibration`
//! weigh. Pure, no I/O.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::promise::{PromiseEvent, RescheduleCause, SetBy};
use super::{Due, Promise};

/// Each class reads its latest promises by first due date, at most this many
/// (and every promise still open and past its date): how the provider keeps
/// promises now, not years ago, and a suggestion in milliseconds in a long journal.
pub const LATEST: usize = 500;

/// How a promise ended, as calibration reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    Kept,
    Broken,
    /// The client let the provider off: says nothing of the provider's estimate.
    Released,
}

/// What calibration reads of one promise whose date the provider set.
#[derive(Clone, Debug, PartialEq)]
pub struct Facts {
    pub made_at: DateTime<Utc>,
    /// The due date first promised.
    pub due: Due,
    /// The last date the client asked to move it to, and when: from then on
    /// the date the provider answers for.
    pub client_moved: Option<(DateTime<Utc>, Due)>,
    pub end: Option<(DateTime<Utc>, End)>,
}

impl Facts {
    /// `None` for a promise whose date the client set.
    pub fn of(p: &Promise, made_at: DateTime<Utc>) -> Option<Facts> {
        if p.set_by == SetBy::Client {
            return None;
        }
        let client_moved = p
            .events
            .iter()
            .filter_map(|e| match e {
                PromiseEvent::Rescheduled { at, due, cause: Some(RescheduleCause::ClientAsked), .. } => Some((*at, *due)),
                _ => None,
            })
            .max_by_key(|(at, _)| *at);
        let end = p.events.iter().find_map(|e| match e {
            PromiseEvent::Kept { at } => Some((*at, End::Kept)),
            PromiseEvent::Broken { at, .. } => Some((*at, End::Broken)),
            PromiseEvent::Released { at, .. } => Some((*at, End::Released)),
            PromiseEvent::Rescheduled { .. } => None,
        });
        Some(Facts { made_at, due: p.due, client_moved, end })
    }
}

/// A reference class of promises.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "class", rename_all = "snake_case")]
pub enum Class {
    /// This client's promises of this kind.
    ClientKind { kind: String },
    /// This client's promises of any kind (when no kind is asked about).
    Client,
    /// Promises of this kind to any client.
    Kind { kind: String },
    /// Every promise whose date you set.
    All,
}

/// A class and its promises, most specific first in a chain.
#[derive(Clone, Debug)]
pub struct ClassFacts {
    pub class: Class,
    pub promises: Vec<Facts>,
}
