//! Reading moments a person types, on the command line and in the app's date
//! fields alike: RFC 3339 anywhere, local wall-clock time ("2026-03-02 10:00")
//! in the journal's time zone, or a shortcut in English or Spanish: a day
//! ("today", "mañana", "friday", "next working day", "+3d") with an optional
//! time ("tomorrow 17:00", "viernes a las 9:30"). The working days are the
//! business calendar's, so "next working day" skips weekends and holidays.
//! Every moment read is within the years a calendar can hold (1900–9999).

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;

use crate::domain::calendar::Calendar;
use crate::domain::time::{check_moment, local_date, local_to_utc, truncate, OutOfYears};
use crate::domain::{Code, Due, Refusal};

/// What the forms accept, said once for every refusal that lists them.
const FORMS: &str = "a day (2026-03-04, today, tomorrow, friday, next working day, +3d), \
                     a time after it (tomorrow 17:00) or RFC 3339 (2026-03-04T17:00:00+01:00)";

/// A typed moment that was not read. Each names the field it was typed in as
/// its caller calls it (`at`, `due`): the command line names its flags instead
/// (see [`MomentError::on`]).
#[derive(Debug, thiserror::Error)]
pub enum MomentError {
    #[error("{field} '{value}' is not a moment: use {FORMS}")]
    Unreadable { field: &'static str, value: String },
    #[error("{field} '{value}' is not a due date: use {FORMS}; a day alone is due by its end")]
    UnreadableDue { field: &'static str, value: String },
    #[error("{field} '{value}' needs a time of day too, e.g. '{value} 17:00'")]
    NeedsTime { field: &'static str, value: String },
    #[error("{field} '{value}' does not exist in {tz}: the clocks skip that hour")]
    Skipped { field: &'static str, value: String, tz: Tz },
    #[error("{field} '{value}': {source}")]
    OutOfYears { field: &'static str, value: String, source: OutOfYears },
}

impl MomentError {
    /// A stable identifier: the app words each refusal in the user's language by it.
    pub fn code(&self) -> &'static str {
        self.refusal().code.as_str()
    }

    /// The refusal as data, for a face to word; `field` is the flag or form field.
    pub fn refusal(&self) -> Refusal {
        match self {
            MomentError::Unreadable { field, value } => Refusal::new(Code::BadMoment).field(*field).value(value),
            MomentError::UnreadableDue { field, value } => Refusal::new(Code::BadDue).field(*field).value(value),
            MomentError::NeedsTime { field, value } => Refusal::new(Code::NeedsTime).field(*field).value(value),
            MomentError::Skipped { field, value, tz } => Refusal::new(Code::SkippedHour).field(*field).value(value).kind(tz.name()),
            MomentError::OutOfYears { field, value, source } => {
                Refusal::new(Code::OutOfYears).field(*field).value(value).count(source.year)
            }
        }
    }

    /// The same refusal, said of the field under another name (the command
    /// line's `--due` for the due date).
    pub fn on(mut self, name: &'static str) -> Self {
        match &mut self {
            MomentError::Unreadable { field, .. }
            | MomentError::UnreadableDue { field, .. }
            | MomentError::NeedsTime { field, .. }
            | MomentError::Skipped { field, .. }
            | MomentError::OutOfYears { field, .. } => *field = name,
        }
        self
    }
}

/// Which way a weekday's name points: a due date on "friday" is the coming
/// Friday; something that happened on "friday" happened on the last one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Towards {
    Future,
    Past,
}

/// What typed moments are read against: the clock, and the business calendar
/// (its zone, working days and holidays).
#[derive(Clone, Copy, Debug)]
pub struct Reader<'a> {
    pub now: DateTime<Utc>,
    pub calendar: &'a Calendar,
}

impl Reader<'_> {
    fn tz(&self) -> Tz {
        self.calendar.tz
    }

    fn today(&self) -> NaiveDate {
        local_date(self.now, self.tz())
    }
}

/// The days the app's date fields offer as one-click shortcuts, read as the
/// typed words are: what "today", "tomorrow" and "next working day" mean now.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct Shortcuts {
    pub today: NaiveDate,
    pub tomorrow: NaiveDate,
    pub next_working_day: NaiveDate,
}

pub fn shortcuts(reader: &Reader<'_>) -> Shortcuts {
    let today = reader.today();
    Shortcuts { today, tomorrow: today.succ_opt().unwrap_or(today), next_working_day: reader.calendar.next_working_day(today) }
}

/// A moment: RFC 3339, or a day with a time of day ("now" alone is now).
pub fn parse_moment(field: &'static str, value: &str, reader: &Reader<'_>, towards: Towards) -> Result<DateTime<Utc>, MomentError> {
    let v = value.trim();
    let t = if let Ok(t) = DateTime::parse_from_rfc3339(v) {
        truncate(t.with_timezone(&Utc))
    } else if matches!(fold(v).as_str(), "now" | "ahora") {
        reader.now
    } else {
        match read(v, reader, towards) {
            Some((day, Some(time))) => local(field, value, day.and_time(time), reader.tz())?,
            Some((_, None)) => return Err(MomentError::NeedsTime { field, value: value.to_string() }),
            None => return Err(MomentError::Unreadable { field, value: value.to_string() }),
        }
    };
    within_years(field, value, t)
}

/// A moment read from `field`, refused by name when a calendar can't hold it.
pub fn within_years(field: &'static str, value: &str, t: DateTime<Utc>) -> Result<DateTime<Utc>, MomentError> {
    check_moment(t).map_err(|source| MomentError::OutOfYears { field, value: value.to_string(), source })
}

/// A due date: a day alone stays a day (due by its end); with a time, or in
/// RFC 3339, it is a moment. Weekday names point to the future. A refusal
/// names the field `due`.
pub fn parse_due(value: &str, reader: &Reader<'_>) -> Result<Due, MomentError> {
    let v = value.trim();
    let due = if let Ok(t) = DateTime::parse_from_rfc3339(v) {
        Due::At(truncate(t.with_timezone(&Utc)))
    } else {
        match read(v, reader, Towards::Future) {
            Some((day, None)) => Due::Date(day),
            Some((day, Some(time))) => Due::At(local(DUE, value, day.and_time(time), reader.tz())?),
            None => return Err(MomentError::UnreadableDue { field: DUE, value: value.to_string() }),
        }
    };
    due.check().map_err(|source| MomentError::OutOfYears { field: DUE, value: value.to_string(), source })
}

/// The field a due date is typed in.
const DUE: &str = "due";

fn local(field: &'static str, value: &str, at: NaiveDateTime, tz: Tz) -> Result<DateTime<Utc>, MomentError> {
    local_to_utc(at, tz).map(truncate).ok_or_else(|| MomentError::Skipped { field, value: value.to_string(), tz })
}

/// Lower case without the accents people leave out when typing fast
/// ("mañana", "manana" and "MAÑANA" are one word).
fn fold(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'á' | 'à' => 'a',
            'é' | 'è' => 'e',
            'í' => 'i',
            'ó' => 'o',
            'ú' | 'ü' => 'u',
            'ñ' => 'n',
            other => other,
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The day and the time of day a text names; `None` when it names none.
fn read(value: &str, reader: &Reader<'_>, towards: Towards) -> Option<(NaiveDate, Option<NaiveTime>)> {
    let text = fold(value);
    // `2026-03-02T10:00` reads like `2026-03-02 10:00`.
    let text = match text.split_once('t') {
        Some((day, time)) if NaiveDate::parse_from_str(day, "%Y-%m-%d").is_ok() => format!("{day} {time}"),
        _ => text,
    };
    let (day_part, time) = match text.rsplit_once(' ') {
        Some((rest, last)) => match time_of_day(last) {
            Some(t) => (without_connector(rest), Some(t)),
            None => (text.as_str(), None),
        },
        None => match time_of_day(&text) {
            Some(t) => ("", Some(t)),
            None => (text.as_str(), None),
        },
    };
    let day = if day_part.is_empty() {
        // A time alone is today at that time.
        time.map(|_| reader.today())?
    } else {
        day_of(day_part, reader, towards)?
    };
    Some((day, time))
}

/// "friday at 9:30", "viernes a las 9:30": the word before the time is not part of the day.
fn without_connector(text: &str) -> &str {
    if matches!(text, "at" | "a las" | "a la") {
        return "";
    }
    [" at", " a las", " a la"].iter().find_map(|w| text.strip_suffix(w)).unwrap_or(text)
}

fn time_of_day(token: &str) -> Option<NaiveTime> {
    if !token.contains(':') {
        return None;
    }
    NaiveTime::parse_from_str(token, "%H:%M").or_else(|_| NaiveTime::parse_from_str(token, "%H:%M:%S")).ok()
}

/// The day a (folded) text names: a date, a word, a weekday or an offset.
fn day_of(text: &str, reader: &Reader<'_>, towards: Towards) -> Option<NaiveDate> {
    let today = reader.today();
    if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(d);
    }
    let add = |n: u64| today.checked_add_days(Days::new(n));
    match text {
        "today" | "hoy" => return Some(today),
        "tomorrow" | "manana" => return add(1),
        "day after tomorrow" | "the day after tomorrow" | "pasado manana" => return add(2),
        "yesterday" | "ayer" => return today.checked_sub_days(Days::new(1)),
        "next working day"
        | "next workday"
        | "working day"
        | "workday"
        | "proximo dia laborable"
        | "siguiente dia laborable"
        | "dia laborable"
        | "laborable" => return Some(reader.calendar.next_working_day(today)),
        _ => {}
    }
    if let Some(weekday) = weekday(text) {
        return Some(match towards {
            Towards::Future => (1..=7).filter_map(add).find(|d| d.weekday() == weekday)?,
            Towards::Past => (1..=7).filter_map(|n| today.checked_sub_days(Days::new(n))).find(|d| d.weekday() == weekday)?,
        });
    }
    offset(text, today)
}

fn weekday(text: &str) -> Option<Weekday> {
    use Weekday::*;
    Some(match text {
        "monday" | "mon" | "lunes" => Mon,
        "tuesday" | "tue" | "martes" => Tue,
        "wednesday" | "wed" | "miercoles" => Wed,
        "thursday" | "thu" | "jueves" => Thu,
        "friday" | "fri" | "viernes" => Fri,
        "saturday" | "sat" | "sabado" => Sat,
        "sunday" | "sun" | "domingo" => Sun,
        _ => return None,
    })
}

/// `+3d`, `-2d`, `+1w` (`+1s`, semanas): days or weeks from today.
fn offset(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    let (sign, rest) = match text.chars().next()? {
        '+' => (1, &text[1..]),
        '-' => (-1, &text[1..]),
        _ => return None,
    };
    let rest = rest.trim();
    let (digits, unit) = rest.split_at(rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len()));
    // Bounded: a mistyped +99999999d is refused, not a date past the calendar.
    let n: u64 = digits.parse().ok().filter(|n| *n <= 3660)?;
    let days = match unit.trim() {
        "d" | "day" | "days" | "dia" | "dias" => n,
        "w" | "week" | "weeks" | "s" | "semana" | "semanas" => n * 7,
        _ => return None,
    };
    if sign > 0 {
        today.checked_add_days(Days::new(days))
    } else {
        today.checked_sub_days(Days::new(days))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::settings::{Holiday, Settings};
    use chrono::TimeZone;
    use chrono_tz::Europe::Madrid;

    /// Thursday 5 March 2026, 09:00 in Madrid, with Friday 6 March a holiday.
    fn calendar(holiday: bool) -> Calendar {
        let mut s = Settings::default();
        if holiday {
            s.holidays.push(Holiday { date: day(3, 6), name: None });
        }
        Calendar::new(&s, Madrid)
    }
    fn thursday() -> DateTime<Utc> {
        Madrid.with_ymd_and_hms(2026, 3, 5, 9, 0, 0).unwrap().with_timezone(&Utc)
    }
    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }
    fn madrid(m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Madrid.with_ymd_and_hms(2026, m, d, h, min, 0).unwrap().with_timezone(&Utc)
    }
    fn due(text: &str) -> Due {
        let cal = calendar(false);
        parse_due(text, &Reader { now: thursday(), calendar: &cal }).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn local_time_is_read_in_the_journal_zone_and_offsets_are_respected() {
        let cal = Calendar::new(&Settings::default(), Tz::UTC);
        let expected = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
        let madrid_cal = calendar(false);
        let r = Reader { now: thursday(), calendar: &madrid_cal };
        assert_eq!(parse_moment("--at", "2026-03-02 10:00", &r, Towards::Past).unwrap(), expected);
        assert_eq!(parse_moment("--at", "2026-03-02T10:00", &r, Towards::Past).unwrap(), expected);
        let utc = Reader { now: thursday(), calendar: &cal };
        assert_eq!(parse_moment("--at", "2026-03-02T10:00:00+01:00", &utc, Towards::Past).unwrap(), expected);
    }

    #[test]
    fn an_hour_the_clocks_skip_is_refused_by_name() {
        let cal = calendar(false);
        let err = parse_moment("--at", "2026-03-29 02:30", &Reader { now: thursday(), calendar: &cal }, Towards::Past).unwrap_err();
        assert!(err.to_string().contains("skip"), "{err}");
        assert_eq!(err.code(), "skipped_hour");
    }

    #[test]
    fn a_year_no_calendar_can_hold_is_refused_by_name() {
        let cal = Calendar::new(&Settings::default(), Tz::UTC);
        let r = Reader { now: thursday(), calendar: &cal };
        let err = parse_due("+10000-01-01", &r).unwrap_err();
        assert_eq!(err.to_string(), "due '+10000-01-01': the year 10000 is outside the years 1900–9999 that Trato keeps dates in");
        assert!(matches!(parse_due("+10000-01-01 10:00", &r), Err(MomentError::OutOfYears { .. })));
        assert!(matches!(parse_moment("--at", "1899-12-31 23:00", &r, Towards::Past), Err(MomentError::OutOfYears { .. })));
        assert!(parse_moment("--at", "1900-01-01 00:00", &r, Towards::Past).is_ok());
        assert!(parse_due("9999-12-31", &r).is_ok());
    }

    #[test]
    fn a_due_day_stays_a_day() {
        assert_eq!(due("2026-03-04").to_string(), "2026-03-04");
        assert!(matches!(due("2026-03-04 17:00"), Due::At(_)));
        let cal = calendar(false);
        let err = parse_due("someday", &Reader { now: thursday(), calendar: &cal }).unwrap_err();
        assert_eq!(err.code(), "bad_due");
        assert!(err.to_string().contains("next working day"), "the refusal names the shortcuts: {err}");
    }

    #[test]
    fn day_shortcuts_in_english_and_spanish_name_the_same_days() {
        for (en, es, expected) in [
            ("today", "hoy", day(3, 5)),
            ("tomorrow", "mañana", day(3, 6)),
            ("day after tomorrow", "pasado mañana", day(3, 7)),
            ("friday", "viernes", day(3, 6)),
            ("thursday", "jueves", day(3, 12)),
            ("wed", "miércoles", day(3, 11)),
            ("+3d", "+3d", day(3, 8)),
            ("+1w", "+1s", day(3, 12)),
        ] {
            assert_eq!(due(en), Due::Date(expected), "{en}");
            assert_eq!(due(es), Due::Date(expected), "{es}");
        }
        assert_eq!(due("  MANANA "), Due::Date(day(3, 6)), "case, spaces and missing accents don't matter");
    }

    #[test]
    fn the_next_working_day_follows_the_business_calendar() {
        assert_eq!(due("next working day"), Due::Date(day(3, 6)), "Thursday → Friday");
        let cal = calendar(true);
        let r = Reader { now: thursday(), calendar: &cal };
        assert_eq!(parse_due("next working day", &r).unwrap(), Due::Date(day(3, 9)), "a holiday Friday leads to Monday");
        assert_eq!(parse_due("próximo día laborable", &r).unwrap(), Due::Date(day(3, 9)));
    }

    #[test]
    fn a_shortcut_with_a_time_is_a_moment() {
        assert_eq!(due("tomorrow 17:00"), Due::At(madrid(3, 6, 17, 0)));
        assert_eq!(due("viernes a las 9:30"), Due::At(madrid(3, 6, 9, 30)));
        assert_eq!(due("friday at 09:30"), Due::At(madrid(3, 6, 9, 30)));
        assert_eq!(due("16:00"), Due::At(madrid(3, 5, 16, 0)), "a time alone is today");
    }

    #[test]
    fn when_something_happened_a_weekday_is_the_last_one_and_a_moment_needs_its_time() {
        let cal = calendar(false);
        let r = Reader { now: thursday(), calendar: &cal };
        assert_eq!(parse_moment("at", "monday 10:00", &r, Towards::Past).unwrap(), madrid(3, 2, 10, 0));
        assert_eq!(parse_moment("at", "ayer 18:30", &r, Towards::Past).unwrap(), madrid(3, 4, 18, 30));
        assert_eq!(parse_moment("at", "ahora", &r, Towards::Past).unwrap(), thursday());
        let err = parse_moment("at", "yesterday", &r, Towards::Past).unwrap_err();
        assert_eq!(err.code(), "needs_time", "{err}");
        assert_eq!(parse_moment("answer_by", "monday 10:00", &r, Towards::Future).unwrap(), madrid(3, 9, 10, 0));
    }

    #[test]
    fn nonsense_and_huge_offsets_are_not_days() {
        let cal = calendar(false);
        let r = Reader { now: thursday(), calendar: &cal };
        for text in ["friday-ish", "+99999999d", "+3x", "at 17:00 tomorrow", "25:00", "", "mañana mañana"] {
            assert!(parse_due(text, &r).is_err(), "{text:?} names no day");
        }
    }
}
