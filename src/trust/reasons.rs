//! The words of each contribution to the score, in Spanish or English: each
//! one a sentence a person reads without knowing how the score is computed.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;

use super::History;
use crate::domain::time::local_date;
use crate::domain::{Cause, Due, IncidentSeverity, Language, Score, SignalKind};
use crate::signals::words::{day, due, quote, severity, times};

pub enum Reason {
    Start,
    /// The lines added up to more than 100 (or less than 0): what is cut.
    AboveTop,
    BelowZero,
    /// A signal in force now, with the summary of the entry it is about.
    Signal(SignalKind, Option<String>),
    /// Negative feedback nobody followed up, by its score.
    NotFollowedUp(Score),
    Missed(Missed),
    /// Broken: the promise, whether its date had already passed, its place.
    Broken(String, bool, Repeat),
    MovedLate(String, usize),
    MovedEarly(String, usize),
    AskedAgain(String, usize),
    /// Still waiting past the answer-by; `true` past twice the time to answer.
    Waiting(String, bool),
    /// Answered after the answer-by (`true`: past twice the time), so many times.
    AnsweredLate(String, bool, usize),
    /// Withdrawn by the client while waiting past the answer-by.
    GaveUp(String),
    /// Summary, severity, repaired (closed with apology and fix), closed without (apology, fix).
    Incident(String, IncidentSeverity, bool, (bool, bool)),
    Feedback(Score, NaiveDate, Option<Cause>),
    KeptOnTime(usize),
    AnsweredOnTime(usize),
}

/// A missed date: the promise, the date, whether it is still overdue, whether
/// it ran (or runs) past the days that make it worse, and its place among the
/// client's let-downs.
pub struct Missed {
    pub summary: String,
    pub due: Due,
    pub still: bool,
    pub worse_past_days: Option<f64>,
    pub repeat: Repeat,
}

/// Which let-down this is within the window (1 for the first), and the window.
pub struct Repeat {
    pub nth: usize,
    pub window_days: f64,
}

/// What a sentence needs besides the reason: the language, the zone its dates
/// are read in, and the year of now (a date of another year shows its year).
pub struct Words {
    pub lang: Language,
    pub tz: Tz,
    pub year: i32,
}

impl Words {
    pub fn new(lang: Language, tz: Tz, now: DateTime<Utc>) -> Words {
        Words { lang, tz, year: local_date(now, tz).year() }
    }

    fn es(&self) -> bool {
        self.lang == Language::Es
    }

    fn pick(&self, en: String, es: String) -> String {
        if self.es() {
            es
        } else {
            en
        }
    }

    fn q(&self, s: &str) -> String {
        quote(s, self.lang)
    }

    fn date(&self, d: NaiveDate) -> String {
        if d.year() == self.year {
            day(d, self.lang)
        } else {
            format!("{} {}", day(d, self.lang), d.year())
        }
    }

    fn due(&self, d: Due) -> String {
        match d {
            Due::Date(date) => self.date(date),
            Due::At(t) => {
                let local = local_date(t, self.tz);
                let text = due(d, self.tz, self.lang);
                if local.year() == self.year {
                    text
                } else {
                    format!("{text} {}", local.year())
                }
            }
        }
    }

    /// " — the second time in 90 days", nothing for the first.
    fn repeat(&self, r: &Repeat) -> String {
        if r.nth < 2 {
            return String::new();
        }
        let window = number(r.window_days);
        self.pick(
            format!(" — the {} time in {window} days", ordinal_en(r.nth)),
            format!(" — la {} vez en {window} días", ordinal_es(r.nth)),
        )
    }

    fn cause(&self, c: Cause) -> &'static str {
        match (self.lang, c) {
            (Language::En, Cause::Expectations) => "expectations not met",
            (Language::En, Cause::Misunderstanding) => "they expected a different service",
            (Language::En, Cause::Rapport) => "you did not get on well",
            (Language::En, Cause::Deficiency) => "something in the work was missing or wrong",
            (Language::En, Cause::Other) => "another reason",
            (Language::Es, Cause::Expectations) => "no cumplió sus expectativas",
            (Language::Es, Cause::Misunderstanding) => "esperaba otro servicio",
            (Language::Es, Cause::Rapport) => "no hubo buena sintonía",
            (Language::Es, Cause::Deficiency) => "algo faltó o falló en el trabajo",
            (Language::Es, Cause::Other) => "otro motivo",
        }
    }
}

/// A setting's number as a person writes it: 90, 7.5.
fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{n:.0}")
    } else {
        n.to_string()
    }
}

fn ordinal_en(n: usize) -> String {
    match n {
        2 => "second".into(),
        3 => "third".into(),
        4 => "fourth".into(),
        5 => "fifth".into(),
        n if (11..=13).contains(&(n % 100)) => format!("{n}th"),
        n => match n % 10 {
            1 => format!("{n}st"),
            2 => format!("{n}nd"),
            3 => format!("{n}rd"),
            _ => format!("{n}th"),
        },
    }
}

fn ordinal_es(n: usize) -> String {
    match n {
        2 => "segunda".into(),
        3 => "tercera".into(),
        4 => "cuarta".into(),
        5 => "quinta".into(),
        n => format!("{n}.ª"),
    }
}

impl Reason {
    /// Whether a line of this reason taking points off is the provider letting
    /// the client down: a date, an answer or an incident of theirs, or the
    /// client's unhappiness. Moving a date in advance is care, not a let-down;
    /// a silence or no recent feedback says nothing about the provider's word.
    pub fn is_letdown(&self) -> bool {
        match self {
            Reason::Missed(_)
            | Reason::Broken(..)
            | Reason::MovedLate(..)
            | Reason::AskedAgain(..)
            | Reason::Waiting(..)
            | Reason::AnsweredLate(..)
            | Reason::GaveUp(_)
            | Reason::Incident(..)
            | Reason::NotFollowedUp(_)
            | Reason::Feedback(..) => true,
            Reason::Signal(kind, _) => matches!(kind, SignalKind::IncidentUnacknowledged | SignalKind::IncidentOpen),
            Reason::Start
            | Reason::AboveTop
            | Reason::BelowZero
            | Reason::MovedEarly(..)
            | Reason::KeptOnTime(_)
            | Reason::AnsweredOnTime(_) => false,
        }
    }

    pub fn say(&self, w: &Words) -> String {
        let q = |s: &str| w.q(s);
        let n = |count: usize| times(count, w.lang);
        match self {
            Reason::Start => w.pick("Every client starts at 100".into(), "Todo cliente empieza con 100".into()),
            Reason::AboveTop => w.pick("Trust can't go above 100".into(), "La confianza no pasa de 100".into()),
            Reason::BelowZero => w.pick("Trust can't go below 0".into(), "La confianza no baja de 0".into()),
            Reason::Signal(kind, summary) => signal(*kind, summary.as_deref().map(q), w),
            Reason::NotFollowedUp(score) => w.pick(
                format!("Nobody has followed up the client's unhappy feedback ({score})"),
                format!("Nadie ha dado seguimiento a la opinión negativa del cliente ({score})"),
            ),
            Reason::Missed(m) => {
                let (s, d) = (q(&m.summary), w.due(m.due));
                let mut text = w
                    .pick(format!("You missed the date you gave for {s} ({d})"), format!("No cumpliste la fecha que diste para {s} ({d})"));
                text += &match (m.worse_past_days.map(number), m.still) {
                    (Some(days), true) => {
                        w.pick(format!("; it is more than {days} days late"), format!("; lleva más de {days} días de retraso"))
                    }
                    (Some(days), false) => {
                        w.pick(format!("; it was more than {days} days late"), format!("; llegó a más de {days} días de retraso"))
                    }
                    (None, true) => w.pick("; it is still overdue".into(), "; sigue vencida".into()),
                    (None, false) => String::new(),
                };
                text + &w.repeat(&m.repeat)
            }
            Reason::Broken(s, after_missing, repeat) => {
                let text = match after_missing {
                    false => w.pick(format!("You broke your promise {}", q(s)), format!("Incumpliste tu promesa {}", q(s))),
                    true => w.pick(
                        format!("You broke your promise {} after its date had passed", q(s)),
                        format!("Incumpliste tu promesa {} cuando su fecha ya había pasado", q(s)),
                    ),
                };
                text + &w.repeat(repeat)
            }
            Reason::MovedLate(s, count) => w.pick(
                format!("You moved the date of {} after it had passed ({})", q(s), n(*count)),
                format!("Cambiaste la fecha de {} cuando ya había pasado ({})", q(s), n(*count)),
            ),
            Reason::MovedEarly(s, count) => w.pick(
                format!("You moved the date of {} in advance ({})", q(s), n(*count)),
                format!("Cambiaste la fecha de {} con antelación ({})", q(s), n(*count)),
            ),
            Reason::AskedAgain(s, count) => w.pick(
                format!("The client had to ask again about {} ({})", q(s), n(*count)),
                format!("El cliente tuvo que volver a pedir {} ({})", q(s), n(*count)),
            ),
            Reason::Waiting(s, false) => w.pick(
                format!("You have not answered {} yet and the time to answer has passed", q(s)),
                format!("Aún no has respondido a {} y ya pasó el plazo para responder", q(s)),
            ),
            Reason::Waiting(s, true) => w.pick(
                format!("You have not answered {} yet and it has waited more than twice the time to answer", q(s)),
                format!("Aún no has respondido a {} y ya lleva esperando más del doble del plazo", q(s)),
            ),
            Reason::AnsweredLate(s, false, count) => {
                w.pick(format!("You answered {} late ({})", q(s), n(*count)), format!("Respondiste tarde a {} ({})", q(s), n(*count)))
            }
            Reason::AnsweredLate(s, true, count) => w.pick(
                format!("You answered {} very late ({})", q(s), n(*count)),
                format!("Respondiste muy tarde a {} ({})", q(s), n(*count)),
            ),
            Reason::GaveUp(s) => w.pick(
                format!("The client gave up waiting for your answer to {}", q(s)),
                format!("El cliente dejó de esperar tu respuesta a {}", q(s)),
            ),
            Reason::Incident(s, sev, repaired, (no_apology, no_fix)) => {
                let es = w.es();
                let sev = severity(*sev, w.lang);
                // English puts the adjective first, so it starts the sentence.
                let sev = if es { sev.to_string() } else { sev[..1].to_uppercase() + &sev[1..] };
                let how = match (es, repaired, no_apology, no_fix) {
                    (false, true, _, _) => ", repaired",
                    (true, true, _, _) => ", reparado",
                    (false, false, true, true) => ", closed without an apology or a fix",
                    (true, false, true, true) => ", cerrado sin disculpa ni arreglo",
                    (false, false, true, false) => ", closed without an apology",
                    (true, false, true, false) => ", cerrado sin disculpa",
                    (false, false, false, true) => ", closed without a fix",
                    (true, false, false, true) => ", cerrado sin arreglo",
                    (_, false, false, false) => "",
                };
                w.pick(format!("{sev} incident {}{how}", q(s)), format!("Incidente {sev} {}{how}", q(s)))
            }
            Reason::Feedback(score, on, cause) => {
                let d = w.date(*on);
                let text = match score {
                    Score::Rating(v) => {
                        w.pick(format!("The client rated the work {v}/5 ({d})"), format!("El cliente valoró el trabajo con {v}/5 ({d})"))
                    }
                    Score::Nps(v) => w.pick(
                        format!("The client scored {v}/10 how likely they are to recommend you ({d})"),
                        format!("El cliente puntuó con {v}/10 si te recomendaría ({d})"),
                    ),
                };
                match cause {
                    Some(c) => format!("{text}: {}", w.cause(*c)),
                    None => text,
                }
            }
            Reason::KeptOnTime(1) => w.pick("You kept 1 promise on time".into(), "Cumpliste a tiempo 1 promesa".into()),
            Reason::KeptOnTime(count) => {
                w.pick(format!("You kept {count} promises on time"), format!("Cumpliste a tiempo {count} promesas"))
            }
            Reason::AnsweredOnTime(count) => {
                w.pick(format!("You answered the client on time {}", n(*count)), format!("Respondiste a tiempo al cliente {}", n(*count)))
            }
        }
    }
}

/// Why a new client has no score, and what counts as enough history.
pub fn not_enough(h: History, lang: Language) -> String {
    let (needed, n) = (h.needed, h.matters);
    match lang {
        Language::En => {
            let so_far = match n {
                0 => "there are none yet".to_string(),
                1 => "there is 1 so far".to_string(),
                n => format!("there are {n} so far"),
            };
            let what = if needed == 1 { "promise, request, incident or feedback" } else { "promises, requests, incidents or feedback" };
            format!("A score needs at least {needed} {what}; {so_far}.")
        }
        Language::Es => {
            let so_far = match n {
                0 => "aún no hay ninguna".to_string(),
                n => format!("de momento hay {n}"),
            };
            let what =
                if needed == 1 { "promesa, petición, incidencia u opinión" } else { "promesas, peticiones, incidencias u opiniones" };
            format!("Una puntuación necesita al menos {needed} {what}; {so_far}.")
        }
    }
}

/// The signals that weigh while they last; the others have lines of their own
/// kind (an overdue promise is its missed date) or weigh nothing.
fn signal(kind: SignalKind, what: Option<String>, w: &Words) -> String {
    let what = what.unwrap_or_default();
    match kind {
        SignalKind::IncidentUnacknowledged => w.pick(
            format!("The client has heard nothing from you about the incident {what}"),
            format!("El cliente no ha sabido nada de ti sobre el incidente {what}"),
        ),
        SignalKind::IncidentOpen => w.pick(format!("The incident {what} is still open"), format!("El incidente {what} sigue abierto")),
        SignalKind::Silence => w.pick(
            "You and the client have not been in touch for a long time".into(),
            "Hace mucho que no hay contacto con el cliente".into(),
        ),
        SignalKind::NoRecentFeedback => w.pick(
            "The client has not told you what they think for a long time".into(),
            "Hace mucho que el cliente no te da su opinión".into(),
        ),
        SignalKind::UnhappyNoFollowUp => w.pick(
            format!("Nobody has followed up the client's unhappy feedback {what}"),
            format!("Nadie ha dado seguimiento a la opinión negativa {what}"),
        ),
        SignalKind::PromiseOverdue => w.pick(format!("{what} is overdue"), format!("{what} está vencida")),
        SignalKind::RequestUnanswered => w.pick(format!("{what} is waiting for an answer"), format!("{what} espera respuesta")),
        SignalKind::PromiseDueSoon => w.pick(format!("{what} is due soon"), format!("{what} vence pronto")),
        SignalKind::PromiseSlipping => w.pick(format!("{what} is slipping"), format!("{what} se está retrasando")),
        SignalKind::RequestRepeated => w.pick(format!("The client asked again about {what}"), format!("El cliente volvió a pedir {what}")),
        SignalKind::FeedbackDue => {
            w.pick("A good moment to ask the client for feedback".into(), "Buen momento para pedir opinión al cliente".into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use chrono_tz::Europe::Madrid;

    fn words(lang: Language) -> Words {
        Words::new(lang, Madrid, Utc.with_ymd_and_hms(2026, 3, 10, 11, 0, 0).unwrap())
    }

    fn march(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    #[test]
    fn a_second_missed_date_says_so_in_both_languages() {
        let missed = Reason::Missed(Missed {
            summary: "New menu online".into(),
            due: Due::Date(march(6)),
            still: false,
            worse_past_days: Some(7.0),
            repeat: Repeat { nth: 2, window_days: 90.0 },
        });
        assert_eq!(
            missed.say(&words(Language::En)),
            "You missed the date you gave for “New menu online” (Fri 6 Mar); it was more than 7 days late — the second time in 90 days"
        );
        assert_eq!(
            missed.say(&words(Language::Es)),
            "No cumpliste la fecha que diste para «New menu online» (vie 6 mar); llegó a más de 7 días de retraso — la segunda vez en 90 días"
        );
    }

    #[test]
    fn feedback_names_its_cause_and_a_date_of_another_year_its_year() {
        let lukewarm = Reason::Feedback(Score::Rating(3), march(10), Some(Cause::Expectations));
        assert_eq!(lukewarm.say(&words(Language::En)), "The client rated the work 3/5 (Tue 10 Mar): expectations not met");
        assert_eq!(lukewarm.say(&words(Language::Es)), "El cliente valoró el trabajo con 3/5 (mar 10 mar): no cumplió sus expectativas");
        let old = Reason::Feedback(Score::Nps(9), NaiveDate::from_ymd_opt(2025, 11, 3).unwrap(), None);
        assert_eq!(old.say(&words(Language::En)), "The client scored 9/10 how likely they are to recommend you (Mon 3 Nov 2025)");
    }

    #[test]
    fn ordinals_read_as_words_then_numbers() {
        let en: Vec<String> = [2, 3, 6, 11, 21, 22, 103].iter().map(|n| ordinal_en(*n)).collect();
        assert_eq!(en, ["second", "third", "6th", "11th", "21st", "22nd", "103rd"]);
        assert_eq!(ordinal_es(7), "7.ª");
    }
}
