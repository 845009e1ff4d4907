//! The key figures of a period: contacts, requests and how fast they were first
//! answered, the promise record, incidents, and what the client's feedback said.
//! Entries count in the period they were made in.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::calibration::{self, Keeping};
use crate::domain::{Cause, Details, Entry, EntryId, Score, Stage};
use crate::signals::Context;
use crate::trust::{self, Record};

/// How many recent feedback entries a summary lists; the figures count them all.
pub const MAX_FEEDBACK: usize = 4;

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct Figures {
    /// Interactions logged, in either direction.
    pub interactions: u64,
    pub requests: u64,
    /// Requests the client had to ask about again at least once.
    pub requests_repeated: u64,
    /// Promises made in the period and how they stand now, with the median
    /// business hours from a request to its first answer.
    pub record: Record,
    /// How those promises were kept, when there are enough to say (the
    /// promises whose date the provider set): late in the middle case, and
    /// how far ahead their dates were given, so that padding shows.
    pub keeping: Option<Keeping>,
    pub incidents: u64,
    /// Incidents not closed yet.
    pub incidents_open: u64,
    pub feedback: u64,
}

pub fn of(in_period: &[&Entry], ctx: &Context<'_>) -> Figures {
    let now = ctx.now;
    let mut f = Figures {
        interactions: 0,
        requests: 0,
        requests_repeated: 0,
        record: trust::record(in_period.iter().copied(), &ctx.calendar, now),
        keeping: calibration::keeping(&calibration::facts_of(in_period.iter().copied()), now, &ctx.calendar),
        incidents: 0,
        incidents_open: 0,
        feedback: 0,
    };
    for e in in_period {
        match &e.details {
            Details::Interaction(_) => f.interactions += 1,
            Details::Request(r) => {
                f.requests += 1;
                f.requests_repeated += u64::from(r.follow_ups_at(now) > 0);
            }
            Details::Incident(i) => {
                f.incidents += 1;
                f.incidents_open += u64::from(!i.is_closed_at(now));
            }
            Details::Feedback(_) => f.feedback += 1,
            Details::Promise(_) | Details::Note => {}
        }
    }
    f
}

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct CauseCount {
    pub cause: Cause,
    pub count: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct FeedbackLine {
    pub entry_id: EntryId,
    pub at: DateTime<Utc>,
    pub score: Score,
    pub stage: Stage,
    pub cause: Option<Cause>,
    pub comment: Option<String>,
    /// Whether the provider followed up on it (by now).
    pub followed_up: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct FeedbackFigures {
    /// Ratings of 1 to 5 given in the period, and their mean.
    pub ratings: u64,
    pub average_rating: Option<f64>,
    /// NPS answers (0 to 10) and their mean.
    pub nps_answers: u64,
    pub average_nps: Option<f64>,
    /// Ratings of 2 or less and NPS of 6 or less.
    pub negative: u64,
    /// The causes given, the most frequent first.
    pub causes: Vec<CauseCount>,
    /// The latest feedback, oldest first.
    pub latest: Vec<FeedbackLine>,
    pub left_out: u64,
}

pub fn feedback(in_period: &[&Entry], now: DateTime<Utc>) -> FeedbackFigures {
    let (mut ratings, mut nps, mut negative) = (Vec::new(), Vec::new(), 0);
    let mut causes: Vec<CauseCount> = Vec::new();
    let mut lines = Vec::new();
    for e in in_period {
        let Details::Feedback(f) = &e.details else { continue };
        match f.score {
            Score::Rating(v) => ratings.push(v as f64),
            Score::Nps(v) => nps.push(v as f64),
        }
        negative += u64::from(f.score.is_negative());
        if let Some(cause) = f.cause {
            match causes.iter_mut().find(|c| c.cause == cause) {
                Some(c) => c.count += 1,
                None => causes.push(CauseCount { cause, count: 1 }),
            }
        }
        lines.push(FeedbackLine {
            entry_id: e.id,
            at: e.occurred_at,
            score: f.score,
            stage: f.stage,
            cause: f.cause,
            comment: f.comment.clone(),
            followed_up: f.follow_ups.iter().any(|u| u.at <= now),
        });
    }
    // The most frequent first; equal counts keep the order they first appeared in.
    causes.sort_by_key(|c| std::cmp::Reverse(c.count));
    lines.sort_by_key(|l| l.at);
    let left_out = lines.len().saturating_sub(MAX_FEEDBACK);
    let latest = lines.split_off(left_out);
    let mean = |v: &[f64]| (!v.is_empty()).then(|| (v.iter().sum::<f64>() / v.len() as f64 * 10.0).round() / 10.0);
    FeedbackFigures {
        ratings: ratings.len() as u64,
        average_rating: mean(&ratings),
        nps_answers: nps.len() as u64,
        average_nps: mean(&nps),
        negative,
        causes,
        latest,
        left_out: left_out as u64,
    }
}
