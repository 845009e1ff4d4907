//! The kinds of reminder: identifiers shared by the JSON, the settings, the
//! record of what was sent, and the code.

use serde::{Deserialize, Serialize};

use crate::domain::settings::ReminderSettings;

/// Declared most urgent first: the order a plan lists them in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    /// An incident nobody acknowledged to the client in time; once.
    IncidentUnacknowledged,
    /// An open promise past its due moment; when it becomes so, then at most once a day.
    PromiseOverdue,
    /// A request past its answer-by moment; once per clock.
    RequestUnanswered,
    /// A request close to its answer-by moment; once per clock.
    RequestAnswerSoon,
    /// An open promise close to its due moment; once per due date.
    PromiseDueSoon,
}

impl ReminderKind {
    pub const ALL: [ReminderKind; 5] = [
        ReminderKind::IncidentUnacknowledged,
        ReminderKind::PromiseOverdue,
        ReminderKind::RequestUnanswered,
        ReminderKind::RequestAnswerSoon,
        ReminderKind::PromiseDueSoon,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReminderKind::IncidentUnacknowledged => "incident_unacknowledged",
            ReminderKind::PromiseOverdue => "promise_overdue",
            ReminderKind::RequestUnanswered => "request_unanswered",
            ReminderKind::RequestAnswerSoon => "request_answer_soon",
            ReminderKind::PromiseDueSoon => "promise_due_soon",
        }
    }

    pub fn parse(s: &str) -> Option<ReminderKind> {
        ReminderKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Whether the user wants this kind at all (the master switch included).
    pub fn wanted(self, s: &ReminderSettings) -> bool {
        s.enabled
            && match self {
                ReminderKind::IncidentUnacknowledged => s.incident_unacknowledged,
                ReminderKind::PromiseOverdue => s.promise_overdue,
                ReminderKind::RequestUnanswered => s.request_unanswered,
                ReminderKind::RequestAnswerSoon => s.request_answer_soon,
                ReminderKind::PromiseDueSoon => s.promise_due_soon,
            }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_reads_back_from_its_name() {
        for k in ReminderKind::ALL {
            assert_eq!(ReminderKind::parse(k.as_str()), Some(k));
            assert_eq!(serde_json::to_value(k).unwrap(), serde_json::Value::String(k.as_str().into()));
        }
        assert_eq!(ReminderKind::parse("silence"), None);
    }

    #[test]
    fn the_master_switch_silences_every_kind() {
        let off = ReminderSettings { enabled: false, ..ReminderSettings::default() };
        assert!(ReminderKind::ALL.iter().all(|k| !k.wanted(&off)));
        let no_due_soon = ReminderSettings { promise_due_soon: false, ..ReminderSettings::default() };
        assert!(!ReminderKind::PromiseDueSoon.wanted(&no_due_soon));
        assert!(ReminderKind::PromiseOverdue.wanted(&no_due_soon));
    }
}
