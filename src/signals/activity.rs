//! A client's rhythm as of a moment: the last contact, the usual gap between
//! contacts, the last feedback. What `silence` and `no_recent_feedback` need.

use chrono::{DateTime, Duration, Utc};

use crate::domain::{Details, Entry, EntryId};

/// The usual gap is the median over this many latest contacts: the client's
/// rhythm lately, which is what "unusually quiet" is measured against (and it
/// keeps the cost of finding out independent of how long the history is).
pub const RHYTHM_CONTACTS: usize = 50;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Activity {
    pub last_contact: Option<(DateTime<Utc>, EntryId)>,
    /// The median gap between the latest contacts; `None` with fewer than two.
    pub median_gap: Option<Duration>,
    pub last_feedback: Option<(DateTime<Utc>, EntryId)>,
    /// The latest moment the provider wrote to the client: whether an
    /// incident noticed before it was followed by a word to the client.
    pub last_outreach: Option<DateTime<Utc>>,
}

impl Activity {
    /// From a client's entries, counting only what happened by `as_of`.
    pub fn of(entries: &[Entry], as_of: DateTime<Utc>) -> Activity {
        let mut contacts: Vec<(DateTime<Utc>, EntryId)> =
            entries.iter().flat_map(|e| e.contact_moments().into_iter().map(move |t| (t, e.id))).filter(|(t, _)| *t <= as_of).collect();
        contacts.sort();
        let last_feedback = entries
            .iter()
            .filter(|e| matches!(e.details, Details::Feedback(_)) && e.occurred_at <= as_of)
            .map(|e| (e.occurred_at, e.id))
            .max();
        let last_outreach = entries.iter().flat_map(Entry::outreach_moments).filter(|t| *t <= as_of).max();
        Activity { last_outreach, ..Activity::from_contacts(&contacts, last_feedback) }
    }

    /// From contact moments sorted oldest first (only the latest ones count).
    pub fn from_contacts(contacts: &[(DateTime<Utc>, EntryId)], last_feedback: Option<(DateTime<Utc>, EntryId)>) -> Activity {
        let contacts = &contacts[contacts.len().saturating_sub(RHYTHM_CONTACTS)..];
        let mut gaps: Vec<Duration> = contacts.windows(2).map(|w| w[1].0 - w[0].0).collect();
        gaps.sort();
        let median_gap = match gaps.len() {
            0 => None,
            n if n % 2 == 1 => Some(gaps[n / 2]),
            n => Some((gaps[n / 2 - 1] + gaps[n / 2]) / 2),
        };
        Activity { last_contact: contacts.last().copied(), median_gap, last_feedback, last_outreach: None }
    }
}
