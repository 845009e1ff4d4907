//! The kinds of signal and their severities: identifiers shared by the JSON,
//! the settings and the code (PRODUCT.md, "Signals").

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum SignalKind {
    PromiseOverdue,
    PromiseDueSoon,
    PromiseSlipping,
    RequestUnanswered,
    RequestRepeated,
    Silence,
    IncidentUnacknowledged,
    IncidentOpen,
    UnhappyNoFollowUp,
    NoRecentFeedback,
    FeedbackDue,
}

impl SignalKind {
    pub const ALL: [SignalKind; 11] = [
        SignalKind::PromiseOverdue,
        SignalKind::PromiseDueSoon,
        SignalKind::PromiseSlipping,
        SignalKind::RequestUnanswered,
        SignalKind::RequestRepeated,
        SignalKind::Silence,
        SignalKind::IncidentUnacknowledged,
        SignalKind::IncidentOpen,
        SignalKind::UnhappyNoFollowUp,
        SignalKind::NoRecentFeedback,
        SignalKind::FeedbackDue,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SignalKind::PromiseOverdue => "promise_overdue",
            SignalKind::PromiseDueSoon => "promise_due_soon",
            SignalKind::PromiseSlipping => "promise_slipping",
            SignalKind::RequestUnanswered => "request_unanswered",
            SignalKind::RequestRepeated => "request_repeated",
            SignalKind::Silence => "silence",
            SignalKind::IncidentUnacknowledged => "incident_unacknowledged",
            SignalKind::IncidentOpen => "incident_open",
            SignalKind::UnhappyNoFollowUp => "unhappy_no_follow_up",
            SignalKind::NoRecentFeedback => "no_recent_feedback",
            SignalKind::FeedbackDue => "feedback_due",
        }
    }
}

/// How urgent a signal is. Ordered from the most urgent, as Today lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Critical,
    High,
    Medium,
    Low,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
        }
    }
}
