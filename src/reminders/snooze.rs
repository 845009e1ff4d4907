//! Snoozing a reminder: for a while, until tomorrow morning, or until a chosen moment.

use chrono::{DateTime, Days, Duration, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::error::ReminderError;
use crate::domain::settings::ReminderSettings;
use crate::domain::time::{check_moment, local_date, local_moment, local_text, truncate};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Snooze {
    /// For this many minutes from now (60: "1 hour").
    For {
        minutes: u32,
    },
    /// Until tomorrow at the digest's time (09:00 unless changed).
    UntilTomorrow,
    Until {
        at: DateTime<Utc>,
    },
}

impl Snooze {
    /// A span as typed: a whole number of minutes, hours or days (`30m`, `1h`, `2d`).
    pub fn for_span(text: &str) -> Result<Snooze, ReminderError> {
        let bad = || ReminderError::BadSpan(text.to_string());
        let t = text.trim().to_lowercase();
        let split = t.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?;
        let (n, unit) = t.split_at(split);
        let n: u32 = n.parse().map_err(|_| bad())?;
        let per = match unit.trim() {
            "m" | "min" | "minute" | "minutes" => 1,
            "h" | "hour" | "hours" => 60,
            "d" | "day" | "days" => 24 * 60,
            _ => return Err(bad()),
        };
        match n.checked_mul(per) {
            Some(minutes) if minutes > 0 => Ok(Snooze::For { minutes }),
            _ => Err(bad()),
        }
    }

    /// The moment it ends, which must be after `now`.
    pub fn until(self, now: DateTime<Utc>, tz: Tz, settings: &ReminderSettings) -> Result<DateTime<Utc>, ReminderError> {
        let until = match self {
            Snooze::For { minutes } => now + Duration::minutes(i64::from(minutes)),
            Snooze::UntilTomorrow => {
                let today = local_date(now, tz);
                let tomorrow = today.checked_add_days(Days::new(1)).unwrap_or(today);
                local_moment(tomorrow.and_time(settings.digest_time), tz)
            }
            Snooze::Until { at } => truncate(at),
        };
        if until <= now {
            return Err(ReminderError::SnoozeInPast { until: format!("{} ({tz})", local_text(until, tz)) });
        }
        check_moment(until).map_err(|source| ReminderError::SnoozeTooFar { source })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use chrono_tz::Europe::Madrid;

    fn madrid(d: u32, h: u32) -> DateTime<Utc> {
        Madrid.with_ymd_and_hms(2026, 3, d, h, 0, 0).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn spans_are_minutes_hours_or_days() {
        assert_eq!(Snooze::for_span("1h"), Ok(Snooze::For { minutes: 60 }));
        assert_eq!(Snooze::for_span("30m"), Ok(Snooze::For { minutes: 30 }));
        assert_eq!(Snooze::for_span("2d"), Ok(Snooze::For { minutes: 2880 }));
        for bad in ["", "h", "1", "0h", "1w", "-1h", "1.5h"] {
            assert_eq!(Snooze::for_span(bad), Err(ReminderError::BadSpan(bad.to_string())), "{bad}");
        }
    }

    #[test]
    fn the_app_sends_a_snooze_as_tagged_json() {
        let cases = [
            (r#"{"type":"for","minutes":60}"#, Snooze::For { minutes: 60 }),
            (r#"{"type":"until_tomorrow"}"#, Snooze::UntilTomorrow),
            (r#"{"type":"until","at":"2026-03-05T15:30:00Z"}"#, Snooze::Until { at: madrid(5, 16) + Duration::minutes(30) }),
        ];
        for (json, snooze) in cases {
            assert_eq!(serde_json::from_str::<Snooze>(json).unwrap(), snooze, "{json}");
        }
        assert!(serde_json::from_str::<Snooze>(r#"{"type":"for","hours":1}"#).is_err());
    }

    #[test]
    fn until_tomorrow_is_tomorrow_morning_and_the_past_is_refused() {
        let s = ReminderSettings::default();
        assert_eq!(Snooze::UntilTomorrow.until(madrid(5, 23), Madrid, &s), Ok(madrid(6, 9)));
        assert_eq!(Snooze::For { minutes: 60 }.until(madrid(5, 9), Madrid, &s), Ok(madrid(5, 10)));
        assert_eq!(
            Snooze::Until { at: madrid(5, 8) }.until(madrid(5, 9), Madrid, &s),
            Err(ReminderError::SnoozeInPast { until: "Thu 2026-03-05 08:00 (Europe/Madrid)".into() })
        );
    }

    #[test]
    fn a_snooze_can_not_end_past_the_year_9999() {
        let s = ReminderSettings::default();
        let err = Snooze::For { minutes: u32::MAX }.until(madrid(5, 9), Madrid, &s).unwrap_err();
        assert_eq!(err.code(), "snooze_too_far");
        assert!(err.to_string().contains("the year 10192"), "{err}");
    }
}
