//! Moments and due dates: instants are UTC (to the millisecond); a date-only due
//! keeps its calendar date and only becomes a moment in the user's time zone.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Days, LocalResult, NaiveDate, NaiveDateTime, SecondsFormat, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

mod clock;
pub mod moment;

pub use clock::Clock;

/// The years a date or a moment may fall in. Calendars and ISO 8601 write a
/// year in four digits (an iCalendar date of the year 10000 is
/// `+100000101`, which no calendar reads); before 1900 is a typo, not a client.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=9999;

/// A date or moment outside [`YEARS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the year {year} is outside the years {}–{} that Trato keeps dates in", YEARS.start(), YEARS.end())]
pub struct OutOfYears {
    pub year: i32,
}

/// The one bound on every date that enters the journal: typed, sent by the
/// app or read from a file. Exports can then always write it.
pub fn check_date(date: NaiveDate) -> Result<NaiveDate, OutOfYears> {
    use chrono::Datelike;
    if YEARS.contains(&date.year()) {
        Ok(date)
    } else {
        Err(OutOfYears { year: date.year() })
    }
}

/// The bound on a moment: its date in UTC, as exports write it.
pub fn check_moment(t: DateTime<Utc>) -> Result<DateTime<Utc>, OutOfYears> {
    check_date(t.date_naive()).map(|_| t)
}

/// Instants are kept to the millisecond so that what is stored, exported and
/// re-imported compares equal to what was entered.
pub fn truncate(t: DateTime<Utc>) -> DateTime<Utc> {
    let millis = t.timestamp_millis();
    DateTime::from_timestamp_millis(millis).unwrap_or(t)
}

/// A span from a setting's fractional hours (1.5 → 90 minutes), to the millisecond.
pub fn hours(n: f64) -> chrono::Duration {
    chrono::Duration::milliseconds((n * 3_600_000.0).round() as i64)
}

/// A span from a setting's fractional days.
pub fn days(n: f64) -> chrono::Duration {
    hours(n * 24.0)
}

/// Fixed-width text that sorts like time: the database form of an instant.
pub fn to_db(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub fn from_db(s: &str) -> Result<DateTime<Utc>, chrono::ParseError> {
    match exact_db_form(s) {
        Some(t) => Ok(t),
        None => DateTime::parse_from_rfc3339(s).map(|t| t.with_timezone(&Utc)),
    }
}

/// Reads a moment of an entry's details or a client's profile as chrono's
/// `Deserialize` does (RFC 3339, with the same errors), trying first the
/// shapes the store writes there (serde's whole seconds, `2026-03-05T08:00:00Z`,
/// else milliseconds as [`exact_db_form`]): the events inside the details are
/// most of the moments Today reads, and chrono's general parser was a twentieth of it.
pub(crate) fn deserialize_moment<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    struct Moment;
    impl serde::de::Visitor<'_> for Moment {
        type Value = DateTime<Utc>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an RFC 3339 formatted date and time string")
        }

        fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<DateTime<Utc>, E> {
            match exact_db_form(s).or_else(|| whole_seconds_form(s)) {
                Some(t) => Ok(t),
                None => s.parse::<DateTime<chrono::FixedOffset>>().map(|t| t.with_timezone(&Utc)).map_err(E::custom),
            }
        }
    }
    d.deserialize_str(Moment)
}

/// The one shape `to_db` writes (`2026-03-05T08:00:00.000Z`), read digit by
/// digit: the signal pass reads tens of thousands of moments, and chrono's
/// general RFC 3339 parser was a tenth of its time. Anything else is `None`
/// and goes to that parser.
fn exact_db_form(s: &str) -> Option<DateTime<Utc>> {
    let b = shaped(s, &[(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':'), (19, b'.'), (23, b'Z')], 24)?;
    let time = chrono::NaiveTime::from_hms_milli_opt(digits(b, 11, 13)?, digits(b, 14, 16)?, digits(b, 17, 19)?, digits(b, 20, 23)?)?;
    Some(date_digits(b)?.and_time(time).and_utc())
}

/// A moment in whole seconds as chrono's serde writes it (`2026-03-05T08:00:00Z`),
/// read digit by digit; anything else is `None`.
fn whole_seconds_form(s: &str) -> Option<DateTime<Utc>> {
    let b = shaped(s, &[(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':'), (19, b'Z')], 20)?;
    let time = chrono::NaiveTime::from_hms_opt(digits(b, 11, 13)?, digits(b, 14, 16)?, digits(b, 17, 19)?)?;
    Some(date_digits(b)?.and_time(time).and_utc())
}

/// A date written `YYYY-MM-DD`, read digit by digit: a promise's due date, read
/// with every promise Today reads. Anything else is `None` and goes to chrono.
fn exact_date_form(s: &str) -> Option<NaiveDate> {
    date_digits(shaped(s, &[(4, b'-'), (7, b'-')], 10)?)
}

/// The bytes of `s` when it is `len` long with these separators at these places.
fn shaped<'s>(s: &'s str, separators: &[(usize, u8)], len: usize) -> Option<&'s [u8]> {
    let b = s.as_bytes();
    (b.len() == len && separators.iter().all(|&(i, c)| b[i] == c)).then_some(b)
}

/// The number written in `b[from..to]`, if those are all digits.
fn digits(b: &[u8], from: usize, to: usize) -> Option<u32> {
    b[from..to].iter().try_fold(0u32, |acc, c| c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0')))
}

/// The date in the first ten bytes, `YYYY-MM-DD`.
fn date_digits(b: &[u8]) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::try_from(digits(b, 0, 4)?).ok()?, digits(b, 5, 7)?, digits(b, 8, 10)?)
}

/// The first moment of a local calendar day. Midnight may not exist on a DST day
/// (some zones jump from 23:59 to 01:00): then the day starts at the first valid minute.
pub fn start_of_local_day(date: NaiveDate, tz: Tz) -> DateTime<Utc> {
    local_moment(date.and_hms_opt(0, 0, 0).unwrap_or_default(), tz)
}

/// A wall-clock time in `tz`; when the clock skips it (spring forward), the
/// first valid minute after it, so that "9:00" on any day is a real moment.
pub fn local_moment(local: NaiveDateTime, tz: Tz) -> DateTime<Utc> {
    local_to_utc(local, tz).unwrap_or_else(|| {
        (1..=180).find_map(|m| local_to_utc(local + chrono::Duration::minutes(m), tz)).unwrap_or_else(|| Utc.from_utc_datetime(&local))
    })
}

/// A wall-clock time in `tz`; the earlier of two when the clock is turned back.
pub fn local_to_utc(local: NaiveDateTime, tz: Tz) -> Option<DateTime<Utc>> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(a, _) => Some(a.with_timezone(&Utc)),
        LocalResult::None => None,
    }
}

pub fn local_date(t: DateTime<Utc>, tz: Tz) -> NaiveDate {
    t.with_timezone(&tz).date_naive()
}

/// A moment as Trato says it to a person, in their zone: `Thu 2026-03-05 09:00`,
/// the way `--at` reads it back.
pub fn local_text(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%a %Y-%m-%d %H:%M").to_string()
}

/// When a promise is due: a whole day ("by Wednesday") or an exact moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Due {
    Date(NaiveDate),
    At(DateTime<Utc>),
}

impl Due {
    /// The moment the promise becomes late: a date-only due lasts until the end
    /// of that local day, i.e. the start of the next one.
    pub fn deadline(&self, tz: Tz) -> DateTime<Utc> {
        match *self {
            Due::At(t) => t,
            Due::Date(d) => start_of_local_day(d.checked_add_days(Days::new(1)).unwrap_or(d), tz),
        }
    }

    /// The due within [`YEARS`] (see [`check_date`]).
    pub fn check(self) -> Result<Due, OutOfYears> {
        match self {
            Due::Date(d) => check_date(d).map(Due::Date),
            Due::At(t) => check_moment(t).map(Due::At),
        }
    }

    /// True when this due lies before `moment` (for a date: before its local day).
    pub fn is_before(&self, moment: DateTime<Utc>, tz: Tz) -> bool {
        match *self {
            Due::At(t) => t < moment,
            Due::Date(d) => d < local_date(moment, tz),
        }
    }
}

impl fmt::Display for Due {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Due::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            Due::At(t) => f.write_str(&t.to_rfc3339_opts(SecondsFormat::AutoSi, true)),
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("'{0}' is not a due date: use a date (2026-03-04) or a moment with its offset (2026-03-04T17:00:00+01:00)")]
pub struct BadDue(pub String);

impl FromStr for Due {
    type Err = BadDue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        // The shape the store writes, read digit by digit first (as `exact_db_form`).
        if let Some(d) = exact_date_form(s) {
            return Ok(Due::Date(d));
        }
        if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            return Ok(Due::Date(d));
        }
        DateTime::parse_from_rfc3339(s).map(|t| Due::At(truncate(t.with_timezone(&Utc)))).map_err(|_| BadDue(s.to_string()))
    }
}

impl Serialize for Due {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Due {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Madrid;

    #[test]
    fn the_database_form_reads_back_as_the_general_parser_reads_it() {
        // Every millisecond-ish step over four centuries, leap days included.
        let mut t = DateTime::from_timestamp_millis(-2_208_988_800_000).expect("1900");
        let end = DateTime::from_timestamp_millis(10_413_792_000_000).expect("2300");
        while t < end {
            let text = to_db(t);
            assert_eq!(exact_db_form(&text), Some(t), "{text}");
            t += chrono::Duration::milliseconds(7_777_777_777);
        }
        for other in ["2026-03-05T08:00:00Z", "2026-03-05T09:00:00.000+01:00", "2026-02-30T08:00:00.000Z", "2026-03-05T08:00:0x.000Z"] {
            assert_eq!(exact_db_form(other), None, "{other}");
            assert_eq!(from_db(other).ok(), DateTime::parse_from_rfc3339(other).ok().map(|t| t.with_timezone(&Utc)), "{other}");
        }
    }

    #[test]
    fn moments_and_due_dates_in_details_read_as_chrono_reads_them() {
        #[derive(Debug, serde::Deserialize)]
        struct Fast(#[serde(deserialize_with = "deserialize_moment")] DateTime<Utc>);
        let read = |json: &str| (serde_json::from_str::<Fast>(json).map(|f| f.0), serde_json::from_str::<DateTime<Utc>>(json));
        let mut t = DateTime::from_timestamp_millis(-2_208_988_800_000).expect("1900");
        let end = DateTime::from_timestamp_millis(10_413_792_000_000).expect("2300");
        while t < end {
            // As serde writes a moment (whole seconds or milliseconds) and as the store does.
            for json in [serde_json::to_string(&t).expect("json"), format!("\"{}\"", to_db(t))] {
                let (fast, chrono) = read(&json);
                assert_eq!(fast.expect("fast"), chrono.expect("chrono"), "{json}");
            }
            let date = t.date_naive();
            assert_eq!(date.to_string().parse::<Due>().ok(), Some(Due::Date(date)));
            t += chrono::Duration::milliseconds(7_777_777_777);
        }
        for other in [
            "\"2026-03-05T08:00:00+01:00\"",
            "\"2026-03-05 08:00:00Z\"",
            "\"2026-03-05T08:00:00z\"",
            "\"2026-03-05T08:00:60Z\"",
            "\"2026-02-30T08:00:00Z\"",
            "\"2026-03-05T08:00:0xZ\"",
            "\"2026-03-05T08:00:00.5Z\"",
            "\"\"",
            "5",
        ] {
            let (fast, chrono) = read(other);
            assert_eq!(fast.map_err(|e| e.to_string()), chrono.map_err(|e| e.to_string()), "{other}");
        }
        for due in ["2026-02-30", "2026-3-5", "2026-03-05T08:00:00Z", "20260305", " 2026-03-05 ", "+2026-03-05"] {
            let chrono = NaiveDate::parse_from_str(due.trim(), "%Y-%m-%d").ok().map(Due::Date);
            assert_eq!(due.parse::<Due>().ok().filter(|d| matches!(d, Due::Date(_))), chrono, "{due}");
        }
    }

    #[test]
    fn dates_and_moments_are_kept_within_the_years_1900_to_9999() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(check_date(date(1900, 1, 1)), Ok(date(1900, 1, 1)));
        assert_eq!(check_date(date(9999, 12, 31)), Ok(date(9999, 12, 31)));
        assert_eq!(check_date(date(1899, 12, 31)), Err(OutOfYears { year: 1899 }));
        assert_eq!(check_date(date(10000, 1, 1)), Err(OutOfYears { year: 10000 }));
        let far: Due = "+10000-01-01".parse().unwrap();
        assert_eq!(far.check(), Err(OutOfYears { year: 10000 }), "chrono reads a five-digit year; the bound refuses it");
        assert_eq!(
            check_moment(Utc.with_ymd_and_hms(10000, 1, 1, 0, 0, 0).unwrap()).unwrap_err().to_string(),
            "the year 10000 is outside the years 1900–9999 that Trato keeps dates in"
        );
        let due: Due = "2026-03-04T17:00:00+01:00".parse().unwrap();
        assert_eq!(due.check(), Ok(due));
    }

    #[test]
    fn a_date_only_due_lasts_until_the_end_of_that_local_day() {
        let due: Due = "2026-03-04".parse().unwrap();
        // Madrid is UTC+1 in March: Thursday 00:00 local is Wednesday 23:00 UTC.
        assert_eq!(due.deadline(Madrid), Utc.with_ymd_and_hms(2026, 3, 4, 23, 0, 0).unwrap());
    }

    #[test]
    fn a_due_moment_keeps_its_instant_whatever_offset_it_was_written_in() {
        let due: Due = "2026-03-04T17:00:00+01:00".parse().unwrap();
        assert_eq!(due, Due::At(Utc.with_ymd_and_hms(2026, 3, 4, 16, 0, 0).unwrap()));
        assert_eq!(due.to_string(), "2026-03-04T16:00:00Z");
    }

    #[test]
    fn nonsense_is_not_a_due_date() {
        let err = "next tuesday".parse::<Due>().unwrap_err();
        assert!(err.to_string().contains("next tuesday"));
    }

    #[test]
    fn a_day_whose_midnight_does_not_exist_starts_at_its_first_valid_minute() {
        // America/Santiago skipped 00:00–00:59 on 2026-09-06.
        let tz: Tz = "America/Santiago".parse().unwrap();
        let start = start_of_local_day(NaiveDate::from_ymd_opt(2026, 9, 6).unwrap(), tz);
        assert_eq!(start.with_timezone(&tz).date_naive(), NaiveDate::from_ymd_opt(2026, 9, 6).unwrap());
    }
}
