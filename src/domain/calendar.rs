//! The business calendar: working days and hours in the user's zone, minus
//! holidays. Answer targets count only this time ("one working day" asked on a
//! Friday evening ends on Monday evening, not on Saturday).

use std::collections::BTreeSet;
use std::sync::{Arc, OnceLock};

use chrono::{DateTime, Datelike, Days, Duration, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

use super::settings::Settings;
use super::time::{local_date, local_moment};

/// Far enough to cross any run of holidays a person would enter; a guard
/// against a calendar with no working time left, not a limit anyone meets.
const MAX_DAYS: u64 = 3 * 366;

/// The days around the evaluation's moment whose windows a context keeps once
/// worked out (see [`Remembered`]): a history's answer targets before it, and
/// the deadlines still to come after it.
const REMEMBERED_BEFORE: u64 = MAX_DAYS;
const REMEMBERED_AFTER: u64 = 366;

/// A working day's window: its opening and its close, as instants.
type Window = (DateTime<Utc>, DateTime<Utc>);

#[derive(Clone, Debug)]
pub struct Calendar {
    /// Read only: the remembered windows were worked out in this zone.
    pub tz: Tz,
    /// Working days, Monday = 0.
    days: [bool; 7],
    start: NaiveTime,
    end: NaiveTime,
    holidays: BTreeSet<NaiveDate>,
    /// Shared by the clones of this calendar, which have the same days and hours.
    remembered: Option<Arc<Remembered>>,
}

/// Each day's working window, worked out once. Today and the score ask for
/// the same days again and again (every wait of every request walks them from
/// its start, and the score replays its evaluation for each week of the
/// trend), and each window costs two conversions of local time in the user's
/// zone: those conversions were a tenth of Today. A memo, not state: a day's
/// window depends only on the calendar, never on when it is asked.
#[derive(Debug)]
struct Remembered {
    first: NaiveDate,
    windows: Box<[OnceLock<Option<Window>>]>,
}

impl Calendar {
    pub fn new(settings: &Settings, tz: Tz) -> Self {
        let h = &settings.business_hours;
        let mut days = [false; 7];
        for d in &h.days {
            days[d.num_days_from_monday() as usize] = true;
        }
        let holidays = settings.holidays.iter().map(|h| h.date).collect();
        Calendar { tz, days, start: h.start, end: h.end, holidays, remembered: None }
    }

    /// The same calendar, keeping each window it works out for the days around
    /// `day` (see [`Remembered`]): for an evaluation as of that day, which asks
    /// for the same days many times.
    pub fn remembering_around(self, day: NaiveDate) -> Self {
        let first = day.checked_sub_days(Days::new(REMEMBERED_BEFORE)).unwrap_or(day);
        let windows = (0..REMEMBERED_BEFORE + REMEMBERED_AFTER).map(|_| OnceLock::new()).collect();
        Calendar { remembered: Some(Arc::new(Remembered { first, windows })), ..self }
    }

    /// A working weekday that is not a holiday.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.days[date.weekday().num_days_from_monday() as usize] && !self.holidays.contains(&date)
    }

    /// The first working day after `day`: what "the next working day" means
    /// when a promise is moved or a date is typed as a shortcut. A calendar
    /// without one in three years (every day a holiday) gives the day after.
    pub fn next_working_day(&self, day: NaiveDate) -> NaiveDate {
        let after = day.succ_opt().unwrap_or(day);
        (0..MAX_DAYS).filter_map(|i| after.checked_add_days(Days::new(i))).find(|d| self.is_working_day(*d)).unwrap_or(after)
    }

    /// Working days in `(from, to]`: how many working days late something
    /// done on `to` is when it was due on `from` (a weekend or holiday in
    /// between counts nothing). Zero when `to` is not after `from`.
    pub fn working_days_after(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        let mut n = 0;
        let mut day = from;
        while day < to {
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
            n += u32::from(self.is_working_day(day));
        }
        n
    }

    /// The day `n` working days after `day` (`day` itself for zero): a due
    /// date moved by a number of working days, landing on a working day.
    pub fn add_working_days(&self, day: NaiveDate, n: u32) -> NaiveDate {
        (0..n).fold(day, |d, _| self.next_working_day(d))
    }

    /// A day's working window as instants, remembered when the day is among
    /// those this calendar keeps.
    fn window(&self, date: NaiveDate) -> Option<Window> {
        let slot = self.remembered.as_ref().and_then(|r| r.windows.get(usize::try_from((date - r.first).num_days()).ok()?));
        match slot {
            Some(slot) => *slot.get_or_init(|| self.work_out_window(date)),
            None => self.work_out_window(date),
        }
    }

    /// A day's working window, computed per day so that each window follows
    /// that day's UTC offset (DST changes between them).
    fn work_out_window(&self, date: NaiveDate) -> Option<Window> {
        self.is_working_day(date)
            .then(|| (local_moment(date.and_time(self.start), self.tz), local_moment(date.and_time(self.end), self.tz)))
    }

    /// The working windows from the local day of `from` onwards.
    fn windows_from(&self, from: DateTime<Utc>) -> impl Iterator<Item = Window> + '_ {
        let first = local_date(from, self.tz);
        (0..MAX_DAYS).filter_map(move |i| first.checked_add_days(Days::new(i))).filter_map(|d| self.window(d))
    }

    /// The instant `hours` of business time after `from`. Zero hours is `from` itself.
    pub fn add_business_hours(&self, from: DateTime<Utc>, hours: f64) -> DateTime<Utc> {
        self.add_business_time(from, super::time::hours(hours.max(0.0)))
    }

    /// The instant `span` of business time after `from`: the moment at which
    /// that much working time has run. A span that ends as a working day
    /// closes is that close, not the next opening.
    pub fn add_business_time(&self, from: DateTime<Utc>, span: Duration) -> DateTime<Utc> {
        let mut left = span.max(Duration::zero());
        if left.is_zero() {
            return from;
        }
        let mut last = from;
        for (open, close) in self.windows_from(from) {
            let begin = open.max(from);
            if begin >= close {
                continue;
            }
            if left <= close - begin {
                return begin + left;
            }
            left -= close - begin;
            last = close;
        }
        last
    }

    /// Business time within `[from, to)`; zero when `to` is not after `from`.
    pub fn business_time_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Duration {
        let mut total = Duration::zero();
        if to <= from {
            return total;
        }
        for (open, close) in self.windows_from(from) {
            if open >= to {
                break;
            }
            let (a, b) = (open.max(from), close.min(to));
            if b > a {
                total += b - a;
            }
        }
        total
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::settings::Holiday;
    use chrono::TimeZone;
    use chrono_tz::Europe::Madrid;

    fn madrid(m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Madrid.with_ymd_and_hms(2026, m, d, h, min, 0).unwrap().with_timezone(&Utc)
    }
    fn calendar() -> Calendar {
        Calendar::new(&Settings::default(), Madrid)
    }
    fn hours(h: f64) -> Duration {
        Duration::milliseconds((h * 3_600_000.0) as i64)
    }

    #[test]
    fn one_working_day_from_monday_morning_is_tuesday_morning() {
        assert_eq!(calendar().add_business_hours(madrid(3, 2, 10, 0), 9.0), madrid(3, 3, 10, 0));
    }

    #[test]
    fn asked_friday_evening_the_answer_is_due_monday_evening() {
        assert_eq!(calendar().add_business_hours(madrid(3, 6, 17, 0), 9.0), madrid(3, 9, 17, 0));
        assert_eq!(calendar().add_business_hours(madrid(3, 6, 19, 30), 9.0), madrid(3, 9, 18, 0), "after hours counts from Monday");
    }

    #[test]
    fn asked_at_the_weekend_the_answer_is_due_at_the_end_of_monday() {
        assert_eq!(calendar().add_business_hours(madrid(3, 7, 11, 0), 9.0), madrid(3, 9, 18, 0));
        assert_eq!(calendar().add_business_hours(madrid(3, 8, 23, 59), 1.0), madrid(3, 9, 10, 0));
    }

    #[test]
    fn a_holiday_is_skipped_like_a_weekend() {
        let mut s = Settings::default();
        s.holidays.push(Holiday { date: NaiveDate::from_ymd_opt(2026, 3, 19).unwrap(), name: Some("San José".into()) });
        let cal = Calendar::new(&s, Madrid);
        assert_eq!(cal.add_business_hours(madrid(3, 18, 12, 0), 9.0), madrid(3, 20, 12, 0));
        assert_eq!(cal.business_time_between(madrid(3, 18, 12, 0), madrid(3, 20, 12, 0)), hours(9.0));
    }

    #[test]
    fn the_march_dst_change_keeps_nine_to_six_local() {
        // Europe/Madrid springs forward on Sunday 2026-03-29: Friday is UTC+1, Monday UTC+2.
        let friday = madrid(3, 27, 17, 0);
        let due = calendar().add_business_hours(friday, 9.0);
        assert_eq!(due, madrid(3, 30, 17, 0));
        assert_eq!((due - friday).num_hours(), 71, "one wall-clock hour vanished over the weekend");
        assert_eq!(calendar().business_time_between(friday, due), hours(9.0));
    }

    #[test]
    fn the_october_dst_change_keeps_nine_to_six_local() {
        // Clocks go back on Sunday 2026-10-25.
        let friday = madrid(10, 23, 17, 0);
        let due = calendar().add_business_hours(friday, 9.0);
        assert_eq!(due, madrid(10, 26, 17, 0));
        assert_eq!((due - friday).num_hours(), 73);
    }

    #[test]
    fn business_hours_can_start_in_a_dst_gap_and_still_count() {
        // America/Havana's spring change skips 00:00–01:00 local; a midnight start begins at 01:00.
        let mut s = Settings::default();
        s.business_hours.start = NaiveTime::from_hms_opt(0, 0, 0).unwrap();
        s.business_hours.days = vec![chrono::Weekday::Sun];
        let tz = chrono_tz::America::Havana;
        let cal = Calendar::new(&s, tz);
        let sunday = tz.with_ymd_and_hms(2026, 3, 8, 1, 0, 0).unwrap().with_timezone(&Utc);
        assert_eq!(cal.add_business_hours(sunday - Duration::hours(30), 1.0), sunday + Duration::hours(1));
    }

    #[test]
    fn business_time_between_counts_only_working_windows() {
        let c = calendar();
        assert_eq!(c.business_time_between(madrid(3, 6, 17, 0), madrid(3, 9, 10, 0)), hours(2.0));
        assert_eq!(c.business_time_between(madrid(3, 7, 10, 0), madrid(3, 8, 10, 0)), Duration::zero(), "a weekend has none");
        assert_eq!(c.business_time_between(madrid(3, 9, 10, 0), madrid(3, 6, 17, 0)), Duration::zero(), "backwards is none");
        assert_eq!(c.business_time_between(madrid(3, 2, 0, 0), madrid(3, 9, 0, 0)), hours(45.0), "a whole week is 5 × 9 h");
    }

    #[test]
    fn a_calendar_that_remembers_its_windows_answers_as_one_that_works_them_out() {
        // Over both DST changes of three years, a holiday, and days outside the remembered ones.
        let mut s = Settings::default();
        s.holidays.push(Holiday { date: NaiveDate::from_ymd_opt(2026, 3, 19).unwrap(), name: None });
        let plain = Calendar::new(&s, Madrid);
        let remembering = Calendar::new(&s, Madrid).remembering_around(NaiveDate::from_ymd_opt(2026, 3, 5).unwrap());
        let mut from = madrid(1, 1, 0, 0) - Duration::days(4 * 366);
        while from < madrid(1, 1, 0, 0) + Duration::days(2 * 366) {
            for span in [hours(0.5), hours(9.0), hours(18.0), hours(100.0)] {
                let asked = remembering.add_business_time(from, span);
                assert_eq!(asked, plain.add_business_time(from, span), "{from} + {span}");
                assert_eq!(remembering.business_time_between(from, asked), plain.business_time_between(from, asked), "{from}");
            }
            from += Duration::minutes(997);
        }
        let clone = remembering.clone();
        assert_eq!(clone.add_business_hours(madrid(3, 27, 17, 0), 9.0), madrid(3, 30, 17, 0), "a clone shares what was worked out");
    }

    #[test]
    fn the_next_working_day_skips_weekends_and_holidays() {
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        assert_eq!(calendar().next_working_day(day(3, 5)), day(3, 6), "Thursday → Friday");
        assert_eq!(calendar().next_working_day(day(3, 6)), day(3, 9), "Friday → Monday");
        assert_eq!(calendar().next_working_day(day(3, 7)), day(3, 9), "Saturday → Monday");
        let mut s = Settings::default();
        s.holidays.push(Holiday { date: day(3, 19), name: Some("San José".into()) });
        s.business_hours.days = vec![chrono::Weekday::Mon, chrono::Weekday::Tue, chrono::Weekday::Wed, chrono::Weekday::Thu];
        let cal = Calendar::new(&s, Madrid);
        assert_eq!(cal.next_working_day(day(3, 18)), day(3, 23), "a holiday Thursday and a Friday off lead to Monday");
    }

    #[test]
    fn working_days_after_a_due_date_skip_weekends_and_holidays() {
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        let c = calendar();
        assert_eq!(c.working_days_after(day(3, 4), day(3, 5)), 1, "due Wednesday, done Thursday");
        assert_eq!(c.working_days_after(day(3, 6), day(3, 9)), 1, "due Friday, done Monday: the weekend is not late");
        assert_eq!(c.working_days_after(day(3, 6), day(3, 8)), 0, "done on Sunday");
        assert_eq!(c.working_days_after(day(3, 9), day(3, 6)), 0, "early is not late");
        let mut s = Settings::default();
        s.holidays.push(Holiday { date: day(3, 19), name: Some("San José".into()) });
        let cal = Calendar::new(&s, Madrid);
        assert_eq!(cal.working_days_after(day(3, 18), day(3, 20)), 1, "the holiday Thursday is not counted");
        assert_eq!(cal.add_working_days(day(3, 18), 1), day(3, 20));
        assert_eq!(cal.add_working_days(day(3, 18), 0), day(3, 18));
        assert_eq!(c.add_working_days(day(3, 7), 1), day(3, 9), "one working day after a Saturday is Monday");
    }

    #[test]
    fn adding_zero_hours_is_the_same_moment_and_fractions_are_minutes() {
        let c = calendar();
        let sat = madrid(3, 7, 12, 0);
        assert_eq!(c.add_business_hours(sat, 0.0), sat);
        assert_eq!(c.add_business_hours(madrid(3, 2, 9, 0), 1.5), madrid(3, 2, 10, 30));
    }
}
