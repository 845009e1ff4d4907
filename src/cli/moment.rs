//! Reading moments typed on the command line: RFC 3339 anywhere, or local
//! wall-clock time ("2026-03-02 10:00") in the journal's time zone.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;

use crate::domain::time::{local_to_utc, truncate};
use crate::domain::Due;

#[derive(Debug, thiserror::Error)]
pub enum MomentError {
    #[error("{flag} '{value}' is not a moment: use RFC 3339 (2026-03-02T10:00:00+01:00) or local time (2026-03-02 10:00)")]
    Unreadable { flag: &'static str, value: String },
    #[error("--due '{0}' is not a due date: use a day (2026-03-04, due by its end), local time (2026-03-04 17:00) or RFC 3339")]
    UnreadableDue(String),
    #[error("{flag} '{value}' does not exist in {tz}: the clocks skip that hour")]
    Skipped { flag: &'static str, value: String, tz: Tz },
}

pub fn parse_moment(flag: &'static str, value: &str, tz: Tz) -> Result<DateTime<Utc>, MomentError> {
    let v = value.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(v) {
        return Ok(truncate(t.with_timezone(&Utc)));
    }
    let local = parse_local(v).ok_or_else(|| MomentError::Unreadable { flag, value: value.to_string() })?;
    local_to_utc(local, tz).map(truncate).ok_or_else(|| MomentError::Skipped { flag, value: value.to_string(), tz })
}

fn parse_local(v: &str) -> Option<NaiveDateTime> {
    ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(v, f).ok())
}

/// A due date: a day alone stays a day (due by its end); anything else is a moment.
pub fn parse_due(value: &str, tz: Tz) -> Result<Due, MomentError> {
    if let Ok(d) = NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d") {
        return Ok(Due::Date(d));
    }
    match parse_moment("--due", value, tz) {
        Err(MomentError::Unreadable { .. }) => Err(MomentError::UnreadableDue(value.to_string())),
        other => other.map(Due::At),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use chrono_tz::Europe::Madrid;

    #[test]
    fn local_time_is_read_in_the_journal_zone_and_offsets_are_respected() {
        let expected = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
        assert_eq!(parse_moment("--at", "2026-03-02 10:00", Madrid).unwrap(), expected);
        assert_eq!(parse_moment("--at", "2026-03-02T10:00:00+01:00", Tz::UTC).unwrap(), expected);
    }

    #[test]
    fn an_hour_the_clocks_skip_is_refused_by_name() {
        let err = parse_moment("--at", "2026-03-29 02:30", Madrid).unwrap_err();
        assert!(err.to_string().contains("skip"), "{err}");
    }

    #[test]
    fn a_due_day_stays_a_day() {
        assert_eq!(parse_due("2026-03-04", Madrid).unwrap().to_string(), "2026-03-04");
        assert!(matches!(parse_due("2026-03-04 17:00", Madrid).unwrap(), Due::At(_)));
        assert!(parse_due("friday", Madrid).is_err());
    }
}
