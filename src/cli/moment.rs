//! Reading moments typed on the command line: RFC 3339 anywhere, or local
//! wall-clock time ("2026-03-02 10:00") in the journal's time zone, within the
//! years a calendar can hold. The app's forms are read here too.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;

use crate::domain::time::{check_moment, local_to_utc, truncate, OutOfYears};
use crate::domain::Due;

#[derive(Debug, thiserror::Error)]
pub enum MomentError {
    #[error("{flag} '{value}' is not a moment: use RFC 3339 (2026-03-02T10:00:00+01:00) or local time (2026-03-02 10:00)")]
    Unreadable { flag: &'static str, value: String },
    #[error("--due '{0}' is not a due date: use a day (2026-03-04, due by its end), local time (2026-03-04 17:00) or RFC 3339")]
    UnreadableDue(String),
    #[error("{flag} '{value}' does not exist in {tz}: the clocks skip that hour")]
    Skipped { flag: &'static str, value: String, tz: Tz },
    #[error("{flag} '{value}': {source}")]
    OutOfYears { flag: &'static str, value: String, source: OutOfYears },
}

pub fn parse_moment(flag: &'static str, value: &str, tz: Tz) -> Result<DateTime<Utc>, MomentError> {
    let v = value.trim();
    let t = match DateTime::parse_from_rfc3339(v) {
        Ok(t) => truncate(t.with_timezone(&Utc)),
        Err(_) => {
            let local = parse_local(v).ok_or_else(|| MomentError::Unreadable { flag, value: value.to_string() })?;
            local_to_utc(local, tz).map(truncate).ok_or_else(|| MomentError::Skipped { flag, value: value.to_string(), tz })?
        }
    };
    within_years(flag, value, t)
}

/// A moment read from `flag`, refused by name when a calendar can't hold it.
pub fn within_years(flag: &'static str, value: &str, t: DateTime<Utc>) -> Result<DateTime<Utc>, MomentError> {
    check_moment(t).map_err(|source| MomentError::OutOfYears { flag, value: value.to_string(), source })
}

fn parse_local(v: &str) -> Option<NaiveDateTime> {
    ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(v, f).ok())
}

/// A due date: a day alone stays a day (due by its end); anything else is a moment.
pub fn parse_due(value: &str, tz: Tz) -> Result<Due, MomentError> {
    if let Ok(d) = NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d") {
        return Due::Date(d).check().map_err(|source| MomentError::OutOfYears { flag: "--due", value: value.to_string(), source });
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
    fn a_year_no_calendar_can_hold_is_refused_by_name() {
        let err = parse_due("+10000-01-01", Madrid).unwrap_err();
        assert_eq!(err.to_string(), "--due '+10000-01-01': the year 10000 is outside the years 1900–9999 that Trato keeps dates in");
        assert!(matches!(parse_due("+10000-01-01 10:00", Madrid), Err(MomentError::OutOfYears { .. })));
        assert!(matches!(parse_moment("--at", "1899-12-31 23:00", Tz::UTC), Err(MomentError::OutOfYears { .. })));
        assert!(parse_moment("--at", "1900-01-01 00:00", Tz::UTC).is_ok());
        assert!(parse_due("9999-12-31", Madrid).is_ok());
    }

    #[test]
    fn a_due_day_stays_a_day() {
        assert_eq!(parse_due("2026-03-04", Madrid).unwrap().to_string(), "2026-03-04");
        assert!(matches!(parse_due("2026-03-04 17:00", Madrid).unwrap(), Due::At(_)));
        assert!(parse_due("friday", Madrid).is_err());
    }
}
