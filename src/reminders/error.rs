//! What can be refused about reminders, in words a user can act on.

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
        match self {
            ReminderError::BadKey(_) => "bad_reminder_key",
            ReminderError::SnoozeInPast { .. } => "snooze_in_past",
            ReminderError::BadSpan(_) => "bad_span",
            ReminderError::SnoozeTooFar { .. } => "snooze_too_far",
        }
    }
}
