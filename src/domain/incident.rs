//! A mistake and its repair: who noticed it first, how bad it was, and when each
//! recovery step was taken (acknowledge, apologise, explain, fix, compensate, close).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::entry::{check_events, EventTime};
use super::error::DomainError;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum NoticedBy {
    Us,
    Client,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum IncidentSeverity {
    Minor,
    Major,
    Critical,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum RecoveryStep {
    Acknowledged,
    Apologized,
    Explained,
    Fixed,
    Compensated,
    Closed,
}

impl RecoveryStep {
    pub const ALL: [RecoveryStep; 6] = [
        RecoveryStep::Acknowledged,
        RecoveryStep::Apologized,
        RecoveryStep::Explained,
        RecoveryStep::Fixed,
        RecoveryStep::Compensated,
        RecoveryStep::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RecoveryStep::Acknowledged => "acknowledged",
            RecoveryStep::Apologized => "apologized",
            RecoveryStep::Explained => "explained",
            RecoveryStep::Fixed => "fixed",
            RecoveryStep::Compensated => "compensated",
            RecoveryStep::Closed => "closed",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct StepTaken {
    pub step: RecoveryStep,
    #[serde(deserialize_with = "crate::domain::time::deserialize_moment")]
    pub at: DateTime<Utc>,
    /// For `compensated`, what was offered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Incident {
    pub noticed_by: NoticedBy,
    pub severity: IncidentSeverity,
    #[serde(default)]
    pub steps: Vec<StepTaken>,
}

impl Incident {
    pub fn step(&self, step: RecoveryStep) -> Option<&StepTaken> {
        self.steps.iter().find(|s| s.step == step)
    }

    pub fn is_closed(&self) -> bool {
        self.step(RecoveryStep::Closed).is_some()
    }

    pub fn is_closed_at(&self, as_of: DateTime<Utc>) -> bool {
        self.step(RecoveryStep::Closed).is_some_and(|s| s.at <= as_of)
    }

    /// Records a recovery step. Each is taken once; closing comes last. Steps
    /// may be skipped (a close without apology is allowed, and reported by the signals).
    pub fn take(&mut self, t: EventTime, step: RecoveryStep, note: Option<String>) -> Result<(), DomainError> {
        if self.is_closed() {
            return Err(DomainError::NotOpen { kind: "incident", status: "closed", action: "take another recovery step" });
        }
        if let Some(done) = self.step(step) {
            return Err(DomainError::StepAlreadyTaken { step: step.as_str(), at: done.at.into() });
        }
        if step == RecoveryStep::Compensated && note.is_none() {
            return Err(DomainError::CompensationNeedsNote);
        }
        let at = if step == RecoveryStep::Closed { t.closing()? } else { t.at };
        self.steps.push(StepTaken { step, at, note });
        Ok(())
    }

    pub fn validate(&self, noticed_at: DateTime<Utc>) -> Result<(), DomainError> {
        let times: Vec<_> = self.steps.iter().map(|s| (s.at, s.step == RecoveryStep::Closed)).collect();
        check_events("incident", noticed_at, &times)?;
        for (i, s) in self.steps.iter().enumerate() {
            if let Some(first) = self.steps[..i].iter().find(|o| o.step == s.step) {
                return Err(DomainError::StepAlreadyTaken { step: s.step.as_str(), at: first.at.into() });
            }
            if s.step == RecoveryStep::Compensated && s.note.as_deref().is_none_or(|n| n.trim().is_empty()) {
                return Err(DomainError::CompensationNeedsNote);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn t(h: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 4, 1, 9, 0, 0).unwrap() + Duration::hours(h)
    }
    fn at(h: i64) -> EventTime {
        EventTime::unchecked(t(h))
    }
    fn outage() -> Incident {
        Incident { noticed_by: NoticedBy::Client, severity: IncidentSeverity::Major, steps: vec![] }
    }

    #[test]
    fn each_recovery_step_is_timestamped_once() {
        let mut i = outage();
        for (h, step) in RecoveryStep::ALL.iter().enumerate() {
            let note = (*step == RecoveryStep::Compensated).then(|| "one month free".to_string());
            i.take(at(h as i64), *step, note).unwrap();
        }
        assert!(i.is_closed());
        assert_eq!(i.step(RecoveryStep::Fixed).map(|s| s.at), Some(t(3)));
        assert!(!i.is_closed_at(t(4)), "as of before the close it was still open");
        assert!(i.validate(t(0)).is_ok());
    }

    #[test]
    fn a_step_taken_twice_is_refused_with_when_it_was_first_taken() {
        let mut i = outage();
        i.take(at(1), RecoveryStep::Apologized, None).unwrap();
        assert_eq!(
            i.take(at(2), RecoveryStep::Apologized, None),
            Err(DomainError::StepAlreadyTaken { step: "apologized", at: t(1).into() })
        );
    }

    #[test]
    fn compensation_must_say_what_was_offered() {
        assert_eq!(outage().take(at(1), RecoveryStep::Compensated, None), Err(DomainError::CompensationNeedsNote));
    }

    #[test]
    fn a_closed_incident_takes_no_more_steps() {
        let mut i = outage();
        i.take(at(1), RecoveryStep::Closed, None).unwrap();
        assert!(matches!(i.take(at(2), RecoveryStep::Apologized, None), Err(DomainError::NotOpen { kind: "incident", .. })));
    }
}
