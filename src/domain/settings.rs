//! The user's settings: time zone, language, business hours, holidays and the
//! default answer target. Thresholds of the signal engine join them later.

use chrono::{NaiveDate, NaiveTime, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    En,
    Es,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BusinessHours {
    pub days: Vec<Weekday>,
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl Default for BusinessHours {
    fn default() -> Self {
        BusinessHours {
            days: vec![Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri],
            start: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default(),
            end: NaiveTime::from_hms_opt(18, 0, 0).unwrap_or_default(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// IANA name; `None` follows the system's zone.
    pub time_zone: Option<String>,
    /// `None` follows the system's locale.
    pub language: Option<Language>,
    pub business_hours: BusinessHours,
    pub holidays: Vec<Holiday>,
    /// How long a client may wait for an answer, in business hours (one working day).
    pub answer_target_hours: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            time_zone: None,
            language: None,
            business_hours: BusinessHours::default(),
            holidays: Vec::new(),
            answer_target_hours: 9.0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SettingsError {
    #[error("'{0}' is not a time zone; use an IANA name such as Europe/Madrid or America/Mexico_City")]
    UnknownTimeZone(String),
    #[error("business hours must start before they end (got {start}–{end})")]
    HoursBackwards { start: NaiveTime, end: NaiveTime },
    #[error("business hours need at least one working day")]
    NoWorkingDays,
    #[error("the answer target must be a positive number of business hours (got {0})")]
    BadAnswerTarget(f64),
}

impl Settings {
    pub fn validate(&self) -> Result<(), SettingsError> {
        if let Some(tz) = &self.time_zone {
            parse_tz(tz)?;
        }
        let h = &self.business_hours;
        if h.start >= h.end {
            return Err(SettingsError::HoursBackwards { start: h.start, end: h.end });
        }
        if h.days.is_empty() {
            return Err(SettingsError::NoWorkingDays);
        }
        if !(self.answer_target_hours.is_finite() && self.answer_target_hours > 0.0) {
            return Err(SettingsError::BadAnswerTarget(self.answer_target_hours));
        }
        Ok(())
    }

    /// The zone in force: the setting, else the system's, else UTC.
    pub fn tz(&self) -> Tz {
        self.time_zone.as_deref().and_then(|z| z.parse().ok()).unwrap_or_else(system_tz)
    }
}

pub fn parse_tz(name: &str) -> Result<Tz, SettingsError> {
    name.trim().parse::<Tz>().map_err(|_| SettingsError::UnknownTimeZone(name.to_string()))
}

/// The system's zone, read at the edge of the program; UTC when it can't be told.
pub fn system_tz() -> Tz {
    iana_time_zone::get_timezone().ok().and_then(|z| z.parse().ok()).unwrap_or(Tz::UTC)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_a_working_week_of_nine_to_six_and_one_day_to_answer() {
        let s = Settings::default();
        assert!(s.validate().is_ok());
        assert_eq!(s.business_hours.days.len(), 5);
        assert_eq!(s.answer_target_hours, 9.0);
    }

    #[test]
    fn backwards_hours_and_unknown_zones_are_refused() {
        let mut s = Settings::default();
        s.business_hours.start = NaiveTime::from_hms_opt(18, 0, 0).unwrap();
        s.business_hours.end = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
        assert!(matches!(s.validate(), Err(SettingsError::HoursBackwards { .. })));
        let s = Settings { time_zone: Some("Mars/Olympus".into()), ..Settings::default() };
        assert_eq!(s.validate(), Err(SettingsError::UnknownTimeZone("Mars/Olympus".into())));
    }
}
