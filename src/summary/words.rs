//! The summary's words in Spanish and English: labels, dates with their year,
//! months, and the names of statuses, channels, stages, causes and steps.
//! Only wording lives here; what is said is decided in `sheet`.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;

use crate::domain::incident::RecoveryStep;
use crate::domain::{Cause, Channel, ClientStatus, Due, IncidentSeverity, Language, NoticedBy, Stage};
use crate::signals::words as common;

const MONTHS_EN: [&str; 12] =
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const MONTHS_ES: [&str; 12] =
    ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];

#[derive(Clone, Copy)]
pub struct Words {
    pub lang: Language,
    pub tz: Tz,
}

impl Words {
    /// The English or the Spanish.
    pub fn pick<'a>(&self, en: &'a str, es: &'a str) -> &'a str {
        match self.lang {
            Language::En => en,
            Language::Es => es,
        }
    }

    pub fn quote(&self, s: &str) -> String {
        common::quote(s, self.lang)
    }

    /// "Sun 1 Mar 2026" / "dom 1 mar 2026".
    pub fn date(&self, d: NaiveDate) -> String {
        format!("{} {}", common::day(d, self.lang), d.year())
    }

    pub fn local_date(&self, t: DateTime<Utc>) -> NaiveDate {
        t.with_timezone(&self.tz).date_naive()
    }

    /// "Thu 19 Feb", with the year only when it is not `this_year`.
    pub fn date_in(&self, d: NaiveDate, this_year: i32) -> String {
        if d.year() == this_year {
            common::day(d, self.lang)
        } else {
            self.date(d)
        }
    }

    /// "Fri 20 Feb 18:00", with the year only when it is not `this_year`.
    pub fn moment_in(&self, t: DateTime<Utc>, this_year: i32) -> String {
        let local = t.with_timezone(&self.tz);
        format!("{} {}", self.date_in(local.date_naive(), this_year), local.format("%H:%M"))
    }

    /// A count as the language writes it: 2,252 in English; in Spanish 2252
    /// and 12 345 (a space, and only from five digits, as the RAE has it).
    pub fn number(&self, n: u64) -> String {
        let digits = n.to_string();
        let (sep, from) = match self.lang {
            Language::En => (',', 4),
            Language::Es => ('\u{a0}', 5),
        };
        if digits.len() < from {
            return digits;
        }
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(sep);
            }
            out.push(c);
        }
        out
    }

    /// "1 Mar 2026" / "1 mar 2026": a date that needs no weekday.
    pub fn plain_date(&self, d: NaiveDate) -> String {
        let day = common::day(d, self.lang);
        let without_weekday = day.split_once(' ').map_or(day.as_str(), |(_, rest)| rest);
        format!("{without_weekday} {}", d.year())
    }

    /// "Mon 2 Mar 10:00", the year being the month's heading's.
    pub fn moment(&self, t: DateTime<Utc>) -> String {
        common::moment(t, self.tz, self.lang)
    }

    /// "Mon 2 Mar 2026 10:00".
    pub fn moment_with_year(&self, t: DateTime<Utc>) -> String {
        let local = t.with_timezone(&self.tz);
        format!("{} {}", self.date(local.date_naive()), local.format("%H:%M"))
    }

    /// "10 Mar 2026, 12:00".
    pub fn plain_moment(&self, t: DateTime<Utc>) -> String {
        let local = t.with_timezone(&self.tz);
        format!("{}, {}", self.plain_date(local.date_naive()), local.format("%H:%M"))
    }

    /// A due date: a day, or a moment; with its year when it is not this year's.
    pub fn due(&self, d: Due, this_year: i32) -> String {
        let year = match d {
            Due::Date(day) => day.year(),
            Due::At(t) => t.with_timezone(&self.tz).year(),
        };
        let text = common::due(d, self.tz, self.lang);
        if year == this_year {
            text
        } else {
            format!("{text} {year}")
        }
    }

    /// "March 2026" / "marzo de 2026".
    pub fn month(&self, year: i32, month: u32) -> String {
        let i = (month.clamp(1, 12) - 1) as usize;
        match self.lang {
            Language::En => format!("{} {year}", MONTHS_EN[i]),
            Language::Es => format!("{} de {year}", MONTHS_ES[i]),
        }
    }

    /// "1 request" / "2 peticiones".
    pub fn count(&self, n: u64, en: (&str, &str), es: (&str, &str)) -> String {
        let (one, many) = if self.lang == Language::Es { es } else { en };
        format!("{n} {}", if n == 1 { one } else { many })
    }

    /// A decimal as the language writes it: 3.5 / 3,5.
    pub fn decimal(&self, x: f64) -> String {
        let text = if x.fract() == 0.0 { format!("{x:.0}") } else { format!("{x:.1}") };
        if self.lang == Language::Es {
            text.replace('.', ",")
        } else {
            text
        }
    }

    pub fn business_hours(&self, hours: f64) -> String {
        common::business_hours(chrono::Duration::minutes((hours * 60.0).round() as i64), self.lang)
    }

    pub fn times(&self, n: usize) -> String {
        common::times(n, self.lang)
    }

    pub fn severity(&self, s: IncidentSeverity) -> &'static str {
        common::severity(s, self.lang)
    }

    pub fn status(&self, s: ClientStatus) -> &'static str {
        match s {
            ClientStatus::Prospect => self.pick("Prospective client", "Cliente potencial"),
            ClientStatus::Active => self.pick("Active client", "Cliente activo"),
            ClientStatus::Paused => self.pick("Paused client", "Cliente en pausa"),
            ClientStatus::Former => self.pick("Former client", "Antiguo cliente"),
        }
    }

    /// How the client likes to be reached.
    pub fn prefers(&self, c: Channel) -> &'static str {
        match c {
            Channel::Call => self.pick("Prefers a phone call", "Prefiere una llamada"),
            Channel::Meeting => self.pick("Prefers meeting in person", "Prefiere reunirse"),
            Channel::Email => self.pick("Prefers email", "Prefiere el correo electrónico"),
            Channel::Message => self.pick("Prefers messages", "Prefiere mensajes"),
            Channel::Visit => self.pick("Prefers a visit", "Prefiere una visita"),
            Channel::Other => self.pick("Preferred channel: other", "Canal preferido: otro"),
        }
    }

    /// How something came in: "by e-mail"; nothing for `other`.
    pub fn by(&self, c: Channel) -> &'static str {
        match c {
            Channel::Call => self.pick("by phone", "por teléfono"),
            Channel::Meeting => self.pick("in a meeting", "en una reunión"),
            Channel::Email => self.pick("by email", "por correo"),
            Channel::Message => self.pick("by message", "por mensaje"),
            Channel::Visit => self.pick("during a visit", "en una visita"),
            Channel::Other => "",
        }
    }

    pub fn stage(&self, s: Stage) -> &'static str {
        s.words(self.lang)
    }

    pub fn cause(&self, c: Cause) -> &'static str {
        c.word(self.lang)
    }

    pub fn step(&self, s: RecoveryStep) -> &'static str {
        match s {
            RecoveryStep::Acknowledged => self.pick("Acknowledged", "Reconocido"),
            RecoveryStep::Apologized => self.pick("Apologised", "Disculpa"),
            RecoveryStep::Explained => self.pick("Explained", "Explicado"),
            RecoveryStep::Fixed => self.pick("Fixed", "Arreglado"),
            RecoveryStep::Compensated => self.pick("Compensated", "Compensado"),
            RecoveryStep::Closed => self.pick("Closed", "Cerrado"),
        }
    }

    pub fn noticed_by(&self, n: NoticedBy) -> &'static str {
        match n {
            NoticedBy::Us => self.pick("noticed by us", "lo detectamos nosotros"),
            NoticedBy::Client => self.pick("noticed by the client", "lo detectó el cliente"),
        }
    }

    pub fn page(&self, page: usize, pages: usize) -> String {
        match self.lang {
            Language::En => format!("Page {page} of {pages}"),
            Language::Es => format!("Página {page} de {pages}"),
        }
    }
}
