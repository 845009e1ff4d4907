//! What the client thought: a rating (1–5) or an NPS score (0–10), at which stage
//! of the service, the cause when it was negative, and the provider's follow-ups.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::entry::{check_events, Details, Entry, EventTime};
use super::error::DomainError;
use super::settings::Language;

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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Asked during the service.
    Mid,
    /// Asked at the end of the service.
    End,
    /// Given without being asked.
    Unsolicited,
}

impl Stage {
    /// The stage as a sentence says it: "during the service".
    pub fn words(self, lang: Language) -> &'static str {
        match (self, lang) {
            (Stage::Mid, Language::En) => "during the service",
            (Stage::Mid, Language::Es) => "durante el servicio",
            (Stage::End, Language::En) => "end of service",
            (Stage::End, Language::Es) => "al final del servicio",
            (Stage::Unsolicited, Language::En) => "unsolicited",
            (Stage::Unsolicited, Language::Es) => "sin pedirla",
        }
    }
}

/// The usual causes of dissatisfaction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    /// The client expected more than the service is.
    Expectations,
    /// The client expected a different service: what it is was not understood.
    Misunderstanding,
    /// No connection between the two of you.
    Rapport,
    /// Something was missing or wrong in the work.
    Deficiency,
    /// Something else, such as a client nothing would please.
    Other,
}

impl Cause {
    pub fn word(self, lang: Language) -> &'static str {
        match (self, lang) {
            (Cause::Expectations, Language::En) => "expectations",
            (Cause::Expectations, Language::Es) => "expectativas",
            (Cause::Misunderstanding, Language::En) => "misunderstanding",
            (Cause::Misunderstanding, Language::Es) => "malentendido",
            (Cause::Rapport, Language::En) => "rapport",
            (Cause::Rapport, Language::Es) => "relación personal",
            (Cause::Deficiency, Language::En) => "deficiency",
            (Cause::Deficiency, Language::Es) => "deficiencia",
            (Cause::Other, Language::En) => "other",
            (Cause::Other, Language::Es) => "otra",
        }
    }
}

/// The line a feedback is written down as when the person gave none: its
/// score, stage and cause, in the journal's language ("Feedback 3/5 · end of
/// service · cause: expectations"). The comment stays the comment.
pub fn headline(score: Score, stage: Stage, cause: Option<Cause>, lang: Language) -> String {
    let (feedback, cause_word) = match lang {
        Language::En => ("Feedback", "cause"),
        Language::Es => ("Opinión", "causa"),
    };
    let mut line = format!("{feedback} {score} · {}", stage.words(lang));
    if let Some(c) = cause {
        line += &format!(" · {cause_word}: {}", c.word(lang));
    }
    line
}

/// A week: feedback given within it after a matter closed is about that work.
pub const JUST_CLOSED_DAYS: i64 = 7;

/// The stage a new feedback most likely has, as of `now`: the end of the
/// service when a request, promise or incident of the client closed within
/// the last [`JUST_CLOSED_DAYS`] and none is still open (the work was just
/// delivered); during the service otherwise. The person may choose another.
pub fn suggested_stage(entries: &[Entry], now: DateTime<Utc>) -> Stage {
    let mut just_closed = false;
    for e in entries.iter().filter(|e| e.occurred_at <= now) {
        if !matches!(e.details, Details::Request(_) | Details::Promise(_) | Details::Incident(_)) {
            continue;
        }
        match e.open_until() {
            Some(Some(closed)) if closed <= now => just_closed |= now - closed <= Duration::days(JUST_CLOSED_DAYS),
            // Open now: the service goes on.
            Some(_) => return Stage::Mid,
            None => {}
        }
    }
    if just_closed {
        Stage::End
    } else {
        Stage::Mid
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct FeedbackFollowUp {
    #[serde(deserialize_with = "crate::domain::time::deserialize_moment")]
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
    fn a_feedback_without_words_is_headed_by_its_score_stage_and_cause_in_the_journals_language() {
        let cause = Some(Cause::Expectations);
        assert_eq!(headline(Score::Rating(3), Stage::End, cause, Language::En), "Feedback 3/5 · end of service · cause: expectations");
        assert_eq!(
            headline(Score::Rating(3), Stage::End, cause, Language::Es),
            "Opinión 3/5 · al final del servicio · causa: expectativas"
        );
        assert_eq!(headline(Score::Nps(9), Stage::Unsolicited, None, Language::En), "Feedback NPS 9 · unsolicited");
    }

    #[test]
    fn two_of_five_and_nps_six_are_negative_three_and_seven_are_not() {
        assert!(Score::Rating(2).is_negative());
        assert!(!Score::Rating(3).is_negative());
        assert!(Score::Nps(6).is_negative());
        assert!(!Score::Nps(7).is_negative());
    }
}
