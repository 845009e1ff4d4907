//! The user's settings: time zone, language, business hours, holidays, the
//! default answer target, and the signal engine's thresholds, severities and
//! weights; their checks and refusals. Changing one by its dotted key is in
//! `keys`, a holiday added or removed in `holidays`.

use chrono::{NaiveDate, NaiveTime, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::refusal::{Code, Refusal};
use super::signal::Severity;

mod holidays;
mod keys;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum Language {
    En,
    Es,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
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

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// When a signal fires. Hours and days are wall-clock time unless named "business".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Thresholds {
    /// `promise_due_soon` this long before the due moment.
    pub due_soon_hours: f64,
    /// `promise_overdue` turns critical past this many days late.
    pub overdue_critical_days: f64,
    /// `promise_slipping` from this many reschedules of one promise…
    pub slipping_reschedules: f64,
    /// …or this many promises to the client broken or kept late…
    pub slipping_lapses: f64,
    /// …within this many days.
    pub slipping_window_days: f64,
    /// `request_unanswered` turns high past this multiple of the answer target.
    pub unanswered_high_factor: f64,
    /// `request_repeated` turns high from this many follow-ups.
    pub repeated_high_follow_ups: f64,
    /// `silence` after at least this many days without contact…
    pub silence_min_days: f64,
    /// …or this multiple of the client's median gap between contacts, if longer.
    pub silence_gap_factor: f64,
    /// `incident_unacknowledged` when, this many working hours after an
    /// incident was noticed, nobody has acknowledged it or written to the client.
    pub incident_ack_hours: f64,
    /// `unhappy_no_follow_up` when negative feedback had no follow-up this long
    /// (a detractor is contacted within a day; journals that saved 7 keep it).
    pub unhappy_follow_up_days: f64,
    /// `no_recent_feedback` after this many days without feedback.
    pub feedback_interval_days: f64,
    /// `feedback_due` this long after a request is done or a promise kept…
    pub feedback_after_close_hours: f64,
    /// …or once an engagement (a request or promise still open and on track) has gone on this long…
    pub feedback_mid_service_days: f64,
    /// …but not within this many days of feedback given or asked for.
    pub feedback_spacing_days: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            due_soon_hours: 48.0,
            overdue_critical_days: 7.0,
            slipping_reschedules: 2.0,
            slipping_lapses: 2.0,
            slipping_window_days: 90.0,
            unanswered_high_factor: 2.0,
            repeated_high_follow_ups: 2.0,
            silence_min_days: 30.0,
            silence_gap_factor: 2.0,
            incident_ack_hours: 4.0,
            unhappy_follow_up_days: 1.0,
            feedback_interval_days: 90.0,
            feedback_after_close_hours: 24.0,
            feedback_mid_service_days: 28.0,
            feedback_spacing_days: 30.0,
        }
    }
}

/// The severity of each signal; `*_escalated` is the one it takes when it gets
/// worse (overdue by over a week or after a reschedule, past twice the answer
/// target, a second follow-up, a major or critical incident).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Severities {
    pub promise_overdue: Severity,
    pub promise_overdue_escalated: Severity,
    pub promise_due_soon: Severity,
    pub promise_slipping: Severity,
    pub request_unanswered: Severity,
    pub request_unanswered_escalated: Severity,
    pub request_repeated: Severity,
    pub request_repeated_escalated: Severity,
    pub silence: Severity,
    pub incident_unacknowledged: Severity,
    pub incident_open: Severity,
    pub incident_open_escalated: Severity,
    pub unhappy_no_follow_up: Severity,
    pub no_recent_feedback: Severity,
    pub feedback_due: Severity,
}

impl Default for Severities {
    fn default() -> Self {
        use Severity::*;
        Severities {
            promise_overdue: High,
            promise_overdue_escalated: Critical,
            promise_due_soon: Low,
            promise_slipping: High,
            request_unanswered: Medium,
            request_unanswered_escalated: High,
            request_repeated: Medium,
            request_repeated_escalated: High,
            silence: Medium,
            incident_unacknowledged: Critical,
            incident_open: Medium,
            incident_open_escalated: High,
            unhappy_no_follow_up: High,
            no_recent_feedback: Low,
            feedback_due: Low,
        }
    }
}

/// The trust score's weights, in points (docs/trust-score.md explains each).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct TrustWeights {
    /// A client has a score once this many of its promises, requests, incidents
    /// and feedback are dated up to now; before that it is new, not 100.
    pub history_needed: f64,
    /// Past events weigh half as much after this many days, a quarter after twice that…
    pub half_life_days: f64,
    /// Each missed date (a due date that passed while the promise was open): in
    /// full while the promise is overdue, then fading. Nothing done afterwards removes it.
    pub promise_overdue: f64,
    /// Each date moved before it had passed, fading.
    pub promise_rescheduled: f64,
    /// Each date moved after it had passed (on top of the missed date), fading.
    pub promise_rescheduled_late: f64,
    pub promise_broken: f64,
    /// A let-down (missed date or broken promise) with one other in the window before it…
    pub second_time_factor: f64,
    /// …or with two or more others.
    pub third_time_factor: f64,
    pub repeat_window_days: f64,
    /// Each missed answer-by (the client waited past it): in full while they wait, then fading.
    pub request_unanswered: f64,
    pub request_follow_up: f64,
    /// A missed date over a week late, an answer past twice its time, an open
    /// major or critical incident count this many times their weight.
    pub escalated_factor: f64,
    pub incident_minor: f64,
    pub incident_major: f64,
    pub incident_critical: f64,
    /// Share of an incident's points given back once it is closed with an apology and a fix (0–1).
    pub incident_repaired_share: f64,
    pub negative_feedback: f64,
    /// A rating of 3 or an NPS of 7–8 that gives a cause.
    pub middling_feedback: f64,
    /// Points back, fading with age.
    pub positive_feedback: f64,
    pub promise_kept_on_time: f64,
    pub reply_on_time: f64,
    /// Points off while a signal of each kind is in force (no fading: it is now).
    pub incident_unacknowledged: f64,
    pub incident_open: f64,
    pub unhappy_no_follow_up: f64,
    pub silence: f64,
    pub no_recent_feedback: f64,
    /// Settings of earlier versions, read from older journals and files and
    /// never written: a late keep now costs its missed dates, a late answer its
    /// missed answer-by.
    #[serde(default, skip_serializing, rename = "promise_kept_late")]
    #[ts(skip)]
    retired_promise_kept_late: Option<serde::de::IgnoredAny>,
    #[serde(default, skip_serializing, rename = "reply_late")]
    #[ts(skip)]
    retired_reply_late: Option<serde::de::IgnoredAny>,
}

impl Default for TrustWeights {
    fn default() -> Self {
        TrustWeights {
            history_needed: 2.0,
            half_life_days: 90.0,
            promise_overdue: 15.0,
            promise_rescheduled: 3.0,
            promise_rescheduled_late: 5.0,
            promise_broken: 20.0,
            second_time_factor: 1.5,
            third_time_factor: 2.0,
            repeat_window_days: 90.0,
            request_unanswered: 8.0,
            request_follow_up: 5.0,
            escalated_factor: 1.5,
            incident_minor: 5.0,
            incident_major: 12.0,
            incident_critical: 25.0,
            incident_repaired_share: 0.5,
            negative_feedback: 10.0,
            middling_feedback: 3.0,
            positive_feedback: 3.0,
            promise_kept_on_time: 4.0,
            reply_on_time: 1.0,
            incident_unacknowledged: 15.0,
            incident_open: 5.0,
            unhappy_no_follow_up: 10.0,
            silence: 5.0,
            no_recent_feedback: 2.0,
            retired_promise_kept_late: None,
            retired_reply_late: None,
        }
    }
}

/// When quiet hours hold reminders back: outside business hours (and on days
/// off), never, or in a daily window of local time such as 20:00–08:00.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum QuietMode {
    OutsideBusinessHours,
    Never,
    Window,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct QuietHours {
    pub mode: QuietMode,
    /// The window's start and end, local time; only read in `window` mode. It
    /// may run past midnight (20:00–08:00).
    pub from: NaiveTime,
    pub until: NaiveTime,
}

impl Default for QuietHours {
    fn default() -> Self {
        QuietHours {
            mode: QuietMode::OutsideBusinessHours,
            from: NaiveTime::from_hms_opt(20, 0, 0).unwrap_or_default(),
            until: NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default(),
        }
    }
}

/// Desktop reminders (src/reminders/ holds the rules): which kinds, how early,
/// when to keep quiet, and when many at once become one digest.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct ReminderSettings {
    /// All reminders on or off; the kinds below only count while this is on.
    pub enabled: bool,
    pub promise_due_soon: bool,
    pub promise_overdue: bool,
    pub request_answer_soon: bool,
    pub request_unanswered: bool,
    pub incident_unacknowledged: bool,
    /// A promise's due-soon reminder comes this many hours before its due moment.
    pub lead_hours: f64,
    /// A request's answer-soon reminder comes this many business hours before its answer-by moment.
    pub answer_soon_business_hours: f64,
    pub quiet_hours: QuietHours,
    /// Overnight reminders wait for `digest_time`, and more than `digest_over`
    /// at once go out as one digest.
    pub digest: bool,
    pub digest_time: NaiveTime,
    pub digest_over: f64,
}

impl Default for ReminderSettings {
    fn default() -> Self {
        ReminderSettings {
            enabled: true,
            promise_due_soon: true,
            promise_overdue: true,
            request_answer_soon: true,
            request_unanswered: true,
            incident_unacknowledged: true,
            lead_hours: 24.0,
            answer_soon_business_hours: 2.0,
            quiet_hours: QuietHours::default(),
            digest: true,
            digest_time: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default(),
            digest_over: 3.0,
        }
    }
}

impl ReminderSettings {
    /// What the numbers' general check (0 or more) does not say.
    fn validate(&self) -> Result<(), SettingsError> {
        let q = &self.quiet_hours;
        if q.mode == QuietMode::Window && q.from == q.until {
            return Err(SettingsError::EmptyQuietWindow(q.from));
        }
        if self.digest_over.fract() != 0.0 {
            return Err(SettingsError::OutOfRange { key: "reminders.digest_over".into(), what: "a whole number", value: self.digest_over });
        }
        Ok(())
    }
}

/// Contacts brought in from other address books (src/contacts/).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct ContactSettings {
    /// The country a phone number without a `+` prefix belongs to (ISO 3166 code,
    /// e.g. ES): it turns "600 12 34 56" into +34600123456 to find the same person twice.
    pub default_region: String,
}

impl Default for ContactSettings {
    fn default() -> Self {
        ContactSettings { default_region: "ES".into() }
    }
}

/// Promises and answer-by moments in the user's calendar (src/journal/export/).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct CalendarSettings {
    /// A folder where `trato.ics` is rewritten after every change, for calendars
    /// that subscribe to a file; `None`: no such file.
    pub ics_folder: Option<String>,
    /// Also write each item as a to-do (VTODO), for Thunderbird-style calendars.
    pub todos: bool,
}

/// Automatic backups (src/journal/backup/).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct BackupSettings {
    /// Where backups go; `None`: a `backups` folder beside the journal.
    pub folder: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
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
    pub thresholds: Thresholds,
    pub severities: Severities,
    pub trust: TrustWeights,
    pub reminders: ReminderSettings,
    pub contacts: ContactSettings,
    pub calendar: CalendarSettings,
    pub backups: BackupSettings,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            time_zone: None,
            language: None,
            business_hours: BusinessHours::default(),
            holidays: Vec::new(),
            answer_target_hours: 9.0,
            thresholds: Thresholds::default(),
            severities: Severities::default(),
            trust: TrustWeights::default(),
            reminders: ReminderSettings::default(),
            contacts: ContactSettings::default(),
            calendar: CalendarSettings::default(),
            backups: BackupSettings::default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SettingsError {
    #[error("'{0}' is not a time zone; use an IANA name such as Europe/Madrid or America/Mexico_City")]
    UnknownTimeZone(String),
    #[error("business hours must start before they end, on the same day (got {}–{})", start.format("%H:%M"), end.format("%H:%M"))]
    HoursBackwards { start: NaiveTime, end: NaiveTime },
    #[error("business hours need at least one working day")]
    NoWorkingDays,
    #[error("the answer target must be a positive number of business hours (got {0})")]
    BadAnswerTarget(f64),
    #[error("{key} must be {what} (got {value})")]
    OutOfRange { key: String, what: &'static str, value: f64 },
    #[error("there is no setting '{key}'; try one of: {}", known.join(", "))]
    UnknownKey { key: String, known: Vec<String> },
    #[error("holidays are changed one by one: `trato holiday add DATE [NAME]`, `trato holiday remove DATE`")]
    HolidaysByCommand,
    #[error("{key}: '{value}' is not a time of day; write it as HH:MM, e.g. 08:30")]
    BadTime { key: String, value: String },
    #[error("{key}: {message}")]
    BadValue { key: String, message: String },
    #[error("{0} is already a holiday")]
    DuplicateHoliday(NaiveDate),
    #[error("{0} is not a holiday")]
    NoSuchHoliday(NaiveDate),
    #[error("'{0}' is not a date; write it as YYYY-MM-DD, e.g. 2026-03-19")]
    BadDate(String),
    #[error("the holiday {date}: {source}")]
    HolidayOutOfYears { date: NaiveDate, source: super::time::OutOfYears },
    #[error("quiet hours from {} until {} would be no time at all; give two different times, e.g. 20:00 and 08:00", .0.format("%H:%M"), .0.format("%H:%M"))]
    EmptyQuietWindow(NaiveTime),
}

impl SettingsError {
    /// The refusal as data, for a face to word.
    pub fn refusal(&self) -> Refusal {
        match self {
            SettingsError::UnknownTimeZone(name) => Refusal::new(Code::UnknownTimeZone).field("time_zone").value(name),
            SettingsError::HoursBackwards { start, end } => Refusal::new(Code::HoursBackwards)
                .field("business_hours")
                .value(start.format("%H:%M").to_string())
                .other(end.format("%H:%M").to_string()),
            SettingsError::NoWorkingDays => Refusal::new(Code::NoWorkingDays).field("business_hours"),
            SettingsError::BadAnswerTarget(h) => Refusal::new(Code::BadAnswerTarget).field("default_response_target_hours").count(*h),
            SettingsError::OutOfRange { key, what, value } => Refusal::new(Code::SettingOutOfRange).field(key).kind(*what).count(*value),
            SettingsError::UnknownKey { key, known } => Refusal::new(Code::UnknownSetting).value(key).choices(known.clone()),
            SettingsError::HolidaysByCommand => Refusal::new(Code::HolidaysByCommand).field("holidays"),
            SettingsError::BadTime { key, value } => Refusal::new(Code::BadTime).field(key).value(value),
            SettingsError::BadValue { key, message } => Refusal::new(Code::BadSetting).field(key).detail(message),
            SettingsError::DuplicateHoliday(day) => Refusal::new(Code::DuplicateHoliday).field("holidays").day(*day),
            SettingsError::NoSuchHoliday(day) => Refusal::new(Code::NoSuchHoliday).field("holidays").day(*day),
            SettingsError::BadDate(value) => Refusal::new(Code::BadDate).field("holidays").value(value),
            SettingsError::HolidayOutOfYears { date, source } => super::error::out_of_years(source).field("holidays").day(*date),
            SettingsError::EmptyQuietWindow(t) => {
                Refusal::new(Code::EmptyQuietWindow).field("reminders.quiet").value(t.format("%H:%M").to_string())
            }
        }
    }
}

/// A holiday within the years the business calendar (and every date in Trato) keeps.
fn check_holiday(date: NaiveDate) -> Result<NaiveDate, SettingsError> {
    super::time::check_date(date).map_err(|source| SettingsError::HolidayOutOfYears { date, source })
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
        for h in &self.holidays {
            check_holiday(h.date)?;
        }
        if !(self.answer_target_hours.is_finite() && self.answer_target_hours > 0.0) {
            return Err(SettingsError::BadAnswerTarget(self.answer_target_hours));
        }
        self.check_numbers()?;
        let region = &self.contacts.default_region;
        if region.len() != 2 || !region.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(SettingsError::BadValue {
                key: "contacts.default_region".into(),
                message: format!("'{region}' is not a country code; write two letters, e.g. ES, MX or US"),
            });
        }
        self.reminders.validate()
    }

    /// Every threshold and weight is a finite number ≥ 0; the few that divide or
    /// multiply must be positive, and a share stays within 0–1.
    fn check_numbers(&self) -> Result<(), SettingsError> {
        let positive = [
            "thresholds.slipping_reschedules",
            "thresholds.slipping_lapses",
            "thresholds.repeated_high_follow_ups",
            "trust.half_life_days",
        ];
        for (key, value) in self.leaves() {
            let Some(n) = value.as_f64() else { continue };
            let (ok, what) = if positive.contains(&key.as_str()) {
                (n > 0.0, "a number above 0")
            } else if key == "trust.incident_repaired_share" {
                ((0.0..=1.0).contains(&n), "between 0 and 1")
            } else {
                (n >= 0.0, "a number of 0 or more")
            };
            if !(ok && n.is_finite()) {
                return Err(SettingsError::OutOfRange { key, what, value: n });
            }
        }
        Ok(())
    }

    /// The zone the journal names, if it names one it can be read in.
    pub fn zone(&self) -> Option<Tz> {
        self.time_zone.as_deref().and_then(|z| z.parse().ok())
    }

    /// The language in force: the journal's own, else `fallback` (the system's,
    /// which the face read: see [`crate::domain::time::Clock::lang`]).
    pub fn language_or(&self, fallback: Language) -> Language {
        self.language.unwrap_or(fallback)
    }
}

pub fn parse_tz(name: &str) -> Result<Tz, SettingsError> {
    name.trim().parse::<Tz>().map_err(|_| SettingsError::UnknownTimeZone(name.to_string()))
}

/// The zones a person chooses from in the app: the IANA zones of the world's
/// regions (`Europe/Madrid`, `America/Mexico_City`) and UTC, in name order.
/// Legacy aliases (`US/Eastern`, `CET`) are left out; they still parse when typed.
pub fn time_zones() -> Vec<&'static str> {
    const REGIONS: [&str; 10] =
        ["Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific"];
    let mut zones: Vec<&'static str> = chrono_tz::TZ_VARIANTS
        .iter()
        .map(|tz| tz.name())
        .filter(|name| name.split_once('/').is_some_and(|(region, _)| REGIONS.contains(&region)))
        .chain(["UTC"])
        .collect();
    zones.sort_unstable();
    zones
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
    fn the_zones_to_choose_from_are_the_worlds_regions_and_each_is_a_valid_setting() {
        let zones = time_zones();
        for wanted in ["Europe/Madrid", "America/Mexico_City", "America/Argentina/Buenos_Aires", "Atlantic/Canary", "UTC"] {
            assert!(zones.contains(&wanted), "{wanted} is offered");
        }
        for legacy in ["US/Eastern", "CET", "Etc/GMT+3"] {
            assert!(!zones.contains(&legacy), "{legacy} is an alias, not offered");
        }
        assert!(zones.windows(2).all(|w| w[0] < w[1]), "in name order, once each");
        assert!(zones.iter().all(|z| parse_tz(z).is_ok()));
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
