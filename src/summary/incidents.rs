//! The incidents of a period and how each was repaired, step by step.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::domain::incident::{RecoveryStep, StepTaken};
use crate::domain::{Details, Entry, EntryId, IncidentSeverity, NoticedBy};

/// How many incidents a summary tells in full; the figures count them all.
pub const MAX_INCIDENTS: usize = 4;

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct IncidentStory {
    pub entry_id: EntryId,
    /// When it was noticed.
    pub at: DateTime<Utc>,
    pub summary: String,
    pub severity: IncidentSeverity,
    pub noticed_by: NoticedBy,
    /// The recovery steps taken by now, in the order they were taken.
    pub steps: Vec<StepTaken>,
    pub closed: bool,
    /// Closed with an apology and a fix: what the trust score counts as repaired.
    pub repaired: bool,
}

/// The latest incidents of the period, oldest first, and how many earlier ones were left out.
pub fn of(in_period: &[&Entry], now: DateTime<Utc>) -> (Vec<IncidentStory>, u64) {
    let mut all: Vec<IncidentStory> = in_period
        .iter()
        .filter_map(|e| match &e.details {
            Details::Incident(i) => {
                let mut steps: Vec<StepTaken> = i.steps.iter().filter(|s| s.at <= now).cloned().collect();
                steps.sort_by_key(|s| s.at);
                let taken = |step: RecoveryStep| steps.iter().any(|s| s.step == step);
                let closed = taken(RecoveryStep::Closed);
                Some(IncidentStory {
                    entry_id: e.id,
                    at: e.occurred_at,
                    summary: e.summary.clone(),
                    severity: i.severity,
                    noticed_by: i.noticed_by,
                    repaired: closed && taken(RecoveryStep::Apologized) && taken(RecoveryStep::Fixed),
                    closed,
                    steps,
                })
            }
            _ => None,
        })
        .collect();
    all.sort_by_key(|i| i.at);
    let left_out = all.len().saturating_sub(MAX_INCIDENTS);
    (all.split_off(left_out), left_out as u64)
}
