//! What the client thought: a rating (1–5) or an NPS score (0–10), at which stage
//! of the service, the cause when it was negative, and the provider's follow-ups.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::entry::{check_events, EventTime};
use super::error::DomainError;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Score {
    /// 1 (very unhappy) to 5 (delighted).
    Rating(i64),
    /// Net Promoter Score, 0 to 10.
    Nps(i64),
}

impl Score {
    pub fn rating(value: i64) -> Result<Self, DomainError> {
        let s = Score::Rating(value);
        s.validate().map(|_| s)
    }

    pub fn nps(value: i64) -> Result<Self, DomainError> {
        let s = Score::Nps(value);
        s.validate().map(|_| s)
    }

    pub fn validate(self) -> Result<(), DomainError> {
        match self {
            Score::Rating(v) if !(1..=5).contains(&v) => Err(DomainError::RatingOutOfRange(v)),
            Score::Nps(v) if !(0..=10).contains(&v) => Err(DomainError::NpsOutOfRange(v)),
            _ => Ok(()),
        }
    }

    /// A rating of 4 or 5, or an NPS of 9 or 10 (a promoter).
    pub fn is_positive(self) -> bool {
        match self {
            Score::Rating(v) => v >= 4,
            Score::Nps(v) => v >= 9,
        }
    }

    /// A rating of 2 or less, or an NPS of 6 or less (a detractor).
    pub fn is_negative(self) -> bool {
        match self {
            Score::Rating(v) => v <= 2,
            Score::Nps(v) => v <= 6,
        }
    }
}

impl std::fmt::Display for Score {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Score::Rating(v) => write!(f, "{v}/5"),
            Score::Nps(v) => write!(f, "NPS {v}"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Asked during the service.
    Mid,
    /// Asked at the end of the service.
    End,
    /// Given without being asked.
    Unsolicited,
}

/// The usual causes of dissatisfaction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    Expectations,
    Misunderstanding,
    Rapport,
    Deficiency,
    Other,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct FeedbackFollowUp {
    pub at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Feedback {
    pub score: Score,
    pub stage: Stage,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<Cause>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(default)]
    pub follow_ups: Vec<FeedbackFollowUp>,
}

impl Feedback {
    /// Negative feedback nobody had followed up on by `as_of`.
    pub fn awaits_follow_up_at(&self, as_of: DateTime<Utc>) -> bool {
        self.score.is_negative() && !self.follow_ups.iter().any(|f| f.at <= as_of)
    }

    pub fn follow_up(&mut self, t: EventTime, note: Option<String>) {
        self.follow_ups.push(FeedbackFollowUp { at: t.at, note });
    }

    pub fn validate(&self, given_at: DateTime<Utc>) -> Result<(), DomainError> {
        self.score.validate()?;
        let times: Vec<_> = self.follow_ups.iter().map(|f| (f.at, false)).collect();
        check_events("feedback", given_at, &times)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_outside_their_scale_are_refused_with_the_scale_named() {
        assert_eq!(Score::rating(7).unwrap_err().to_string(), "a rating is from 1 to 5 (got 7)");
        assert_eq!(Score::rating(0), Err(DomainError::RatingOutOfRange(0)));
        assert_eq!(Score::nps(11).unwrap_err().to_string(), "an NPS score is from 0 to 10 (got 11)");
        assert_eq!(Score::nps(-1), Err(DomainError::NpsOutOfRange(-1)));
        assert!(Score::rating(5).is_ok() && Score::nps(0).is_ok());
    }

    #[test]
    fn two_of_five_and_nps_six_are_negative_three_and_seven_are_not() {
        assert!(Score::Rating(2).is_negative());
        assert!(!Score::Rating(3).is_negative());
        assert!(Score::Nps(6).is_negative());
        assert!(!Score::Nps(7).is_negative());
    }
}
