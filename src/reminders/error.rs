//! What can be refused about reminders, in words a user can act on.

use crate::domain::{Code, Refusal};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReminderError {
    #[error("'{0}' is not a reminder key; keys look like promise_overdue/019c…/2026-03-04 (see `trato reminders`)")]
    BadKey(String),
    /// `until` as the user reads it, in their zone.
    #[error("a snooze must end after now; {until} has already passed")]
    SnoozeInPast { until: String },
    #[error("'{0}' is not a span of time; write it as minutes, hours or days, e.g. 30m, 1h, 2d")]
    BadSpan(String),
    #[error("a snooze that long would end too far away: {source}")]
    SnoozeTooFar { source: crate::domain::time::OutOfYears },
}

impl ReminderError {
    pub fn code(&self) -> &'static str {
        self.refusal().code.as_str()
    }

    /// The refusal as data, for a face to word.
    pub fn refusal(&self) -> Refusal {
        match self {
            ReminderError::BadKey(key) => Refusal::new(Code::BadReminderKey).value(key),
            ReminderError::SnoozeInPast { until } => Refusal::new(Code::SnoozeInPast).value(until).field("until"),
            ReminderError::BadSpan(span) => Refusal::new(Code::BadSpan).value(span),
            ReminderError::SnoozeTooFar { source } => Refusal::new(Code::SnoozeTooFar).count(source.year),
        }
    }
}
