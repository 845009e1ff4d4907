//! Dates, spans and quotes in the user's language, for explanations a person
//! reads in one glance ("Wed 4 Mar", "9 hours", "«Menú nuevo»").

use chrono::{DateTime, Datelike, Duration, NaiveDate, Timelike, Utc};
use chrono_tz::Tz;

use crate::domain::{Due, IncidentSeverity, Language};

const DAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const DAYS_ES: [&str; 7] = ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"];
const MONTHS_EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTHS_ES: [&str; 12] = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"];

pub fn day(d: NaiveDate, lang: Language) -> String {
    let (days, months) = match lang {
        Language::En => (DAYS_EN, MONTHS_EN),
        Language::Es => (DAYS_ES, MONTHS_ES),
    };
    let weekday = days[d.weekday().num_days_from_monday() as usize];
    format!("{weekday} {} {}", d.day(), months[d.month0() as usize])
}

pub fn moment(t: DateTime<Utc>, tz: Tz, lang: Language) -> String {
    let local = t.with_timezone(&tz);
    format!("{} {:02}:{:02}", day(local.date_naive(), lang), local.hour(), local.minute())
}

pub fn due(d: Due, tz: Tz, lang: Language) -> String {
    match d {
        Due::Date(date) => day(date, lang),
        Due::At(t) => moment(t, tz, lang),
    }
}

/// A span rounded to the unit a person would use: minutes, hours, then days.
pub fn span(d: Duration, lang: Language) -> String {
    let minutes = d.num_minutes().max(0);
    let (n, one, many) = if minutes < 90 {
        (minutes, ["minute", "minuto"], ["minutes", "minutos"])
    } else if minutes < 48 * 60 {
        ((minutes + 30) / 60, ["hour", "hora"], ["hours", "horas"])
    } else {
        ((minutes + 12 * 60) / (24 * 60), ["day", "día"], ["days", "días"])
    };
    let i = usize::from(lang == Language::Es);
    format!("{n} {}", if n == 1 { one[i] } else { many[i] })
}

/// A business-time span, in hours (a working day is not 24 of them).
pub fn business_hours(d: Duration, lang: Language) -> String {
    let tenths = (d.num_minutes().max(0) as f64 / 6.0).round() / 10.0;
    let n = if tenths.fract() == 0.0 { format!("{tenths:.0}") } else { format!("{tenths:.1}") };
    let n = if lang == Language::Es { n.replace('.', ",") } else { n };
    match (lang, tenths == 1.0) {
        (Language::En, true) => format!("{n} business hour"),
        (Language::En, false) => format!("{n} business hours"),
        (Language::Es, true) => format!("{n} hora laborable"),
        (Language::Es, false) => format!("{n} horas laborables"),
    }
}

/// An incident's severity as an adjective, in lower case.
pub fn severity(s: IncidentSeverity, lang: Language) -> &'static str {
    match (lang, s) {
        (Language::En, IncidentSeverity::Minor) => "minor",
        (Language::En, IncidentSeverity::Major) => "major",
        (Language::En, IncidentSeverity::Critical) => "critical",
        (Language::Es, IncidentSeverity::Minor) => "leve",
        (Language::Es, IncidentSeverity::Major) => "grave",
        (Language::Es, IncidentSeverity::Critical) => "crítico",
    }
}

pub fn quote(s: &str, lang: Language) -> String {
    match lang {
        Language::En => format!("“{s}”"),
        Language::Es => format!("«{s}»"),
    }
}

/// "1 time" / "2 times", "1 vez" / "2 veces".
pub fn times(n: usize, lang: Language) -> String {
    match (lang, n) {
        (Language::En, 1) => "once".to_string(),
        (Language::En, 2) => "twice".to_string(),
        (Language::En, n) => format!("{n} times"),
        (Language::Es, 1) => "1 vez".to_string(),
        (Language::Es, n) => format!("{n} veces"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_use_the_unit_a_person_would() {
        assert_eq!(span(Duration::minutes(45), Language::En), "45 minutes");
        assert_eq!(span(Duration::hours(9), Language::En), "9 hours");
        assert_eq!(span(Duration::hours(1) + Duration::minutes(40), Language::Es), "2 horas");
        assert_eq!(span(Duration::days(3) + Duration::hours(5), Language::Es), "3 días");
        assert_eq!(span(Duration::hours(24), Language::En), "24 hours");
    }

    #[test]
    fn days_and_business_hours_read_naturally_in_both_languages() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap();
        assert_eq!(day(d, Language::En), "Wed 4 Mar");
        assert_eq!(day(d, Language::Es), "mié 4 mar");
        assert_eq!(business_hours(Duration::minutes(90), Language::Es), "1,5 horas laborables");
        assert_eq!(business_hours(Duration::hours(1), Language::En), "1 business hour");
    }
}
