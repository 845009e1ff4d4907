//! When reminders wait: quiet hours, the morning digest's time, snoozes. A
//! reminder that comes due while it must wait is held, and delivered with the
//! others held with it at the first moment none of these applies.

use chrono::{DateTime, Days, Duration, NaiveTime, Utc};
use serde::Serialize;

use crate::domain::calendar::Calendar;
use crate::domain::settings::{QuietMode, ReminderSettings};
use crate::domain::time::{local_date, local_moment};

/// Why a reminder due now is not delivered yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum HoldReason {
    /// Outside business hours (or the quiet window), on a day off or a holiday.
    QuietHours,
    /// Before the morning digest's time: what came due overnight goes out then, together.
    DigestTime,
    /// The user snoozed it.
    Snoozed,
}

/// The reminders' clock rules for one journal.
pub(crate) struct Hours<'a> {
    pub settings: &'a ReminderSettings,
    pub calendar: &'a Calendar,
}

/// The smallest step of time the journal keeps (instants are to the millisecond).
fn tick() -> Duration {
    Duration::milliseconds(1)
}

impl Hours<'_> {
    pub fn is_quiet(&self, t: DateTime<Utc>) -> bool {
        let q = &self.settings.quiet_hours;
        match q.mode {
            QuietMode::Never => false,
            // Business time is what the calendar counts, so the quiet hours can
            // never disagree with the answer targets about when work happens.
            QuietMode::OutsideBusinessHours => self.calendar.business_time_between(t, t + tick()).is_zero(),
            QuietMode::Window => in_window(t.with_timezone(&self.calendar.tz).time(), q.from, q.until),
        }
    }

    /// The first moment from `t` on that is not quiet.
    pub fn quiet_end(&self, t: DateTime<Utc>) -> DateTime<Utc> {
        if !self.is_quiet(t) {
            return t;
        }
        let q = &self.settings.quiet_hours;
        let tz = self.calendar.tz;
        match q.mode {
            QuietMode::Never => t,
            // The next working moment, by the calendar's own rule: a millisecond
            // of business time from `t` ends a millisecond after it begins.
            QuietMode::OutsideBusinessHours => (self.calendar.add_business_hours(t, 1.0 / 3_600_000.0) - tick()).max(t),
            QuietMode::Window => {
                let today = local_date(t, tz);
                let day = if q.from > q.until && t.with_timezone(&tz).time() >= q.from {
                    today.checked_add_days(Days::new(1))
                } else {
                    Some(today)
                };
                day.map(|d| local_moment(d.and_time(q.until), tz)).filter(|end| *end > t).unwrap_or(t)
            }
        }
    }

    /// The digest's time on `t`'s local day, when `t` is before it.
    fn digest_after(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        if !self.settings.digest {
            return None;
        }
        let tz = self.calendar.tz;
        let at = local_moment(local_date(t, tz).and_time(self.settings.digest_time), tz);
        (t < at).then_some(at)
    }

    /// Whether a reminder due now waits, why, and until when. The reason given
    /// is the one that sets the final moment (a snooze ending at night is held
    /// on by the quiet hours).
    pub fn hold(&self, now: DateTime<Utc>, snoozed_until: Option<DateTime<Utc>>) -> Option<(HoldReason, DateTime<Utc>)> {
        let mut held = snoozed_until.filter(|u| *u > now).map(|u| (HoldReason::Snoozed, u));
        let mut t = held.map_or(now, |(_, u)| u);
        // Each step moves forward to a moment the previous rule allows; three
        // rounds settle any order of the two (quiet end, then digest, then quiet again).
        for _ in 0..4 {
            if self.is_quiet(t) {
                t = self.quiet_end(t);
                held = Some((HoldReason::QuietHours, t));
            } else if let Some(at) = self.digest_after(t) {
                t = at;
                held = Some((HoldReason::DigestTime, t));
            } else {
                break;
            }
        }
        held
    }
}

fn in_window(t: NaiveTime, from: NaiveTime, until: NaiveTime) -> bool {
    if from <= until {
        from <= t && t < until
    } else {
        t >= from || t < until
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::settings::{QuietHours, Settings};
    use chrono::TimeZone;
    use chrono_tz::Europe::Madrid;

    fn madrid(d: u32, h: u32, m: u32) -> DateTime<Utc> {
        Madrid.with_ymd_and_hms(2026, 3, d, h, m, 0).unwrap().with_timezone(&Utc)
    }
    fn time(h: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, 0, 0).unwrap()
    }

    type Held = Option<(HoldReason, DateTime<Utc>)>;

    fn check(r: ReminderSettings, cases: &[(DateTime<Utc>, Held)]) {
        let settings = Settings { reminders: r, ..Settings::default() };
        let calendar = Calendar::new(&settings, Madrid);
        let hours = Hours { settings: &settings.reminders, calendar: &calendar };
        for (now, want) in cases {
            assert_eq!(hours.hold(*now, None), *want, "at {}", now.with_timezone(&Madrid));
        }
    }

    #[test]
    fn by_default_the_night_and_the_weekend_wait_for_nine_on_the_next_working_day() {
        check(
            ReminderSettings::default(),
            &[
                (madrid(5, 9, 0), None),
                (madrid(5, 17, 59), None),
                (madrid(5, 18, 0), Some((HoldReason::QuietHours, madrid(6, 9, 0)))),
                (madrid(5, 0, 0), Some((HoldReason::QuietHours, madrid(5, 9, 0)))),
                (madrid(6, 20, 0), Some((HoldReason::QuietHours, madrid(9, 9, 0)))),
                (madrid(8, 12, 0), Some((HoldReason::QuietHours, madrid(9, 9, 0)))),
            ],
        );
    }

    #[test]
    fn a_later_digest_time_holds_the_morning_until_then() {
        let r = ReminderSettings { digest_time: NaiveTime::from_hms_opt(10, 30, 0).unwrap(), ..ReminderSettings::default() };
        check(
            r,
            &[
                (madrid(5, 9, 15), Some((HoldReason::DigestTime, madrid(5, 10, 30)))),
                (madrid(5, 3, 0), Some((HoldReason::DigestTime, madrid(5, 10, 30)))),
                (madrid(5, 10, 30), None),
            ],
        );
        let no_digest =
            ReminderSettings { digest: false, digest_time: NaiveTime::from_hms_opt(10, 30, 0).unwrap(), ..ReminderSettings::default() };
        check(no_digest, &[(madrid(5, 9, 15), None)]);
    }

    #[test]
    fn a_window_past_midnight_is_quiet_every_day_and_weekends_are_not() {
        let r = ReminderSettings {
            quiet_hours: QuietHours { mode: QuietMode::Window, from: time(22), until: time(7) },
            digest: false,
            ..ReminderSettings::default()
        };
        check(
            r,
            &[
                (madrid(7, 12, 0), None),
                (madrid(7, 23, 0), Some((HoldReason::QuietHours, madrid(8, 7, 0)))),
                (madrid(8, 6, 59), Some((HoldReason::QuietHours, madrid(8, 7, 0)))),
                (madrid(8, 7, 0), None),
            ],
        );
    }

    #[test]
    fn never_quiet_means_any_hour_once_the_digest_is_off() {
        let r = ReminderSettings {
            quiet_hours: QuietHours { mode: QuietMode::Never, ..QuietHours::default() },
            digest: false,
            ..ReminderSettings::default()
        };
        check(r, &[(madrid(8, 3, 0), None)]);
    }

    #[test]
    fn a_snooze_that_ends_at_night_waits_for_the_morning() {
        let settings = Settings::default();
        let calendar = Calendar::new(&settings, Madrid);
        let hours = Hours { settings: &settings.reminders, calendar: &calendar };
        assert_eq!(hours.hold(madrid(5, 10, 0), Some(madrid(5, 11, 0))), Some((HoldReason::Snoozed, madrid(5, 11, 0))));
        assert_eq!(hours.hold(madrid(5, 17, 30), Some(madrid(5, 18, 30))), Some((HoldReason::QuietHours, madrid(6, 9, 0))));
        assert_eq!(hours.hold(madrid(5, 12, 0), Some(madrid(5, 11, 0))), None, "a snooze that ended is no reason");
    }
}
