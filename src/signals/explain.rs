//! One sentence per signal, in Spanish or English: what is wrong, since when,
//! and the figure that makes it so. Only wording lives here, never a rule.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use super::words::{business_hours, day, due, moment, quote, severity, span, times};
use crate::domain::{Cause, Due, IncidentSeverity, Language, Score};

use Language::{En, Es};

pub struct Say {
    pub lang: Language,
    pub tz: Tz,
}

impl Say {
    fn q(&self, s: &str) -> String {
        quote(s, self.lang)
    }

    pub fn overdue(&self, summary: &str, d: Due, late: Duration, reschedules: usize) -> String {
        let (s, d, late) = (self.q(summary), due(d, self.tz, self.lang), span(late, self.lang));
        let mut text = match self.lang {
            En => format!("{s} was due {d} and is {late} late."),
            Es => format!("{s} vencía el {d} y lleva {late} de retraso."),
        };
        if reschedules > 0 {
            text.push_str(&match self.lang {
                En => format!(" It was already rescheduled {}.", times(reschedules, En)),
                Es => format!(" Ya se aplazó {}.", times(reschedules, Es)),
            });
        }
        text
    }

    pub fn due_soon(&self, summary: &str, d: Due, left: Duration) -> String {
        let (s, d, left) = (self.q(summary), due(d, self.tz, self.lang), span(left, self.lang));
        match self.lang {
            En => format!("{s} is due {d}, in {left}."),
            Es => format!("{s} vence el {d}, dentro de {left}."),
        }
    }

    pub fn slipping_reschedules(&self, summary: &str, n: usize, d: Due) -> String {
        let (s, d) = (self.q(summary), due(d, self.tz, self.lang));
        match self.lang {
            En => format!("{s} has been rescheduled {}; it is now due {d}.", times(n, En)),
            Es => format!("{s} se ha aplazado {}; ahora vence el {d}.", times(n, Es)),
        }
    }

    pub fn slipping_lapses(&self, summary: &str, lapses: usize, window_days: f64) -> String {
        let s = self.q(summary);
        match self.lang {
            En => {
                format!("{lapses} promises to this client were broken or kept late in the last {window_days} days, and {s} is still open.")
            }
            Es => format!(
                "{lapses} promesas a este cliente se incumplieron o llegaron tarde en los últimos {window_days} días, y {s} sigue abierta."
            ),
        }
    }

    pub fn unanswered(&self, summary: &str, by: DateTime<Utc>, waited: Duration, target: Duration) -> String {
        let (s, by) = (self.q(summary), moment(by, self.tz, self.lang));
        let (waited, target) = (business_hours(waited, self.lang), business_hours(target, self.lang));
        match self.lang {
            En => format!("{s} was to be answered by {by}; the client has waited {waited}, against a target of {target}."),
            Es => format!("{s} debía responderse antes del {by}; el cliente lleva esperando {waited}, con un objetivo de {target}."),
        }
    }

    pub fn repeated(&self, summary: &str, follow_ups: usize, last: DateTime<Utc>) -> String {
        let (s, last) = (self.q(summary), moment(last, self.tz, self.lang));
        match self.lang {
            En => format!("The client has followed up on {s} {}, last on {last}.", times(follow_ups, En)),
            Es => format!("El cliente ha insistido sobre {s} {}, la última el {last}.", times(follow_ups, Es)),
        }
    }

    pub fn silence(&self, quiet: Duration, usual_gap: Option<Duration>, ever: bool) -> String {
        let quiet = span(quiet, self.lang);
        let usual = usual_gap.map(|g| span(g, self.lang));
        match (self.lang, ever, usual) {
            (En, false, _) => format!("No contact logged since the client was added, {quiet} ago."),
            (Es, false, _) => format!("Ningún contacto registrado desde que se añadió el cliente, hace {quiet}."),
            (En, true, Some(g)) => format!("No contact in either direction for {quiet}; the usual gap is {g}."),
            (Es, true, Some(g)) => format!("Sin contacto en ningún sentido desde hace {quiet}; lo habitual son {g}."),
            (En, true, None) => format!("No contact in either direction for {quiet}."),
            (Es, true, None) => format!("Sin contacto en ningún sentido desde hace {quiet}."),
        }
    }

    fn severity(&self, s: IncidentSeverity) -> &'static str {
        severity(s, self.lang)
    }

    pub fn unacknowledged(&self, summary: &str, severity: IncidentSeverity, waited: Duration) -> String {
        let (s, sev, waited) = (self.q(summary), self.severity(severity), span(waited, self.lang));
        match self.lang {
            En => format!(
                "The {sev} incident {s} was noticed {waited} ago and the client has heard nothing from you: contact the client first."
            ),
            Es => format!("El incidente {sev} {s} se detectó hace {waited} y el cliente no ha sabido nada de ti: escríbele tú primero."),
        }
    }

    /// `missing` are the repairs not yet made: apology and fix.
    pub fn incident_open(&self, summary: &str, severity: IncidentSeverity, open_for: Duration, missing: (bool, bool)) -> String {
        let (s, sev, open_for) = (self.q(summary), self.severity(severity), span(open_for, self.lang));
        let missing: Vec<&str> = [(missing.0, ["an apology", "una disculpa"]), (missing.1, ["a fix", "el arreglo"])]
            .into_iter()
            .filter(|(m, _)| *m)
            .map(|(_, w)| w[usize::from(self.lang == Es)])
            .collect();
        let base = match self.lang {
            En => format!("The {sev} incident {s} has been open for {open_for}"),
            Es => format!("El incidente {sev} {s} lleva abierto {open_for}"),
        };
        match (self.lang, missing.is_empty()) {
            (En, true) => format!("{base}; apology and fix are done, close it when the client agrees."),
            (Es, true) => format!("{base}; disculpa y arreglo hechos, ciérralo cuando el cliente esté conforme."),
            (En, false) => format!("{base}; still missing: {}.", missing.join(" and ")),
            (Es, false) => format!("{base}; falta {}.", missing.join(" y ")),
        }
    }

    /// With the next step the feedback's cause suggests.
    pub fn unhappy(&self, score: Score, given: DateTime<Utc>, waited: Duration, cause: Option<Cause>) -> String {
        let (given, waited) = (day(given.with_timezone(&self.tz).date_naive(), self.lang), span(waited, self.lang));
        let step = super::ask::next_step(cause, self.lang);
        let (lang, word) = (self.lang, cause.map(|c| c.word(self.lang)));
        match (lang, word) {
            (En, Some(w)) => format!("The client gave {score} on {given} and nobody has followed up in {waited}. Cause: {w}. {step}"),
            (Es, Some(w)) => {
                format!("El cliente puso un {score} el {given} y nadie le ha dado seguimiento en {waited}. Causa: {w}. {step}")
            }
            (En, None) => format!("The client gave {score} on {given} and nobody has followed up in {waited}. {step}"),
            (Es, None) => format!("El cliente puso un {score} el {given} y nadie le ha dado seguimiento en {waited}. {step}"),
        }
    }

    /// `closed`: when the work was delivered, or `None` for an engagement
    /// still going on since `began`; `others`: the other matters it is a good
    /// moment for.
    pub fn feedback_due(&self, summary: &str, closed: Option<DateTime<Utc>>, began: DateTime<Utc>, others: usize) -> String {
        let s = self.q(summary);
        let on = |t: DateTime<Utc>| day(t.with_timezone(&self.tz).date_naive(), self.lang);
        let mut text = match (self.lang, closed) {
            (En, Some(at)) => format!("{s} was finished on {}: a good moment to ask how it went.", on(at)),
            (Es, Some(at)) => format!("{s} se terminó el {}: buen momento para preguntar qué tal fue.", on(at)),
            (En, None) => format!("{s} has been under way since {}: ask how it is going so far.", on(began)),
            (Es, None) => format!("{s} está en marcha desde el {}: pregunta qué tal va hasta ahora.", on(began)),
        };
        if others > 0 {
            text.push_str(&match (self.lang, others) {
                (En, 1) => " One more matter is at the same point: one question covers both.".to_string(),
                (En, n) => format!(" {n} more matters are at the same point: one question covers them all."),
                (Es, 1) => " Otro asunto está en el mismo punto: basta una pregunta para los dos.".to_string(),
                (Es, n) => format!(" Otros {n} asuntos están en el mismo punto: basta una pregunta para todos."),
            });
        }
        text
    }

    pub fn no_feedback(&self, quiet: Duration, ever: bool) -> String {
        let quiet = span(quiet, self.lang);
        match (self.lang, ever) {
            (En, true) => format!("No feedback from this client for {quiet}; ask how it is going."),
            (Es, true) => format!("Sin opinión de este cliente desde hace {quiet}; pregúntale qué tal va."),
            (En, false) => format!("No feedback since the client was added, {quiet} ago; ask how it is going."),
            (Es, false) => format!("Ninguna opinión desde que se añadió el cliente, hace {quiet}; pregúntale qué tal va."),
        }
    }
}
