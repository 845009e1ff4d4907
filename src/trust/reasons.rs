//! The words of each contribution to the score, in Spanish or English.

use crate::domain::{IncidentSeverity, Language, Score, SignalKind};
use crate::signals::words::{quote, severity, times};

pub enum Reason {
    Start,
    Clamp,
    /// A signal in force now, with the summary of the entry it is about.
    Signal(SignalKind, Option<String>),
    Rescheduled(String, usize),
    Broken(String),
    KeptLate(String),
    AskedAgain(String, usize),
    AnsweredLate(String, usize),
    /// Summary, severity, repaired (closed with apology and fix), closed without (apology, fix).
    Incident(String, IncidentSeverity, bool, (bool, bool)),
    Unhappy(Score),
    KeptOnTime(usize),
    AnsweredOnTime(usize),
    Happy(usize),
}

impl Reason {
    pub fn say(&self, lang: Language) -> String {
        let es = lang == Language::Es;
        let q = |s: &str| quote(s, lang);
        let pick = |en: String, es_text: String| if es { es_text } else { en };
        match self {
            Reason::Start => pick("Starting trust".into(), "Confianza de partida".into()),
            Reason::Clamp => pick("Kept within 0–100".into(), "Limitado a 0–100".into()),
            Reason::Signal(kind, summary) => {
                let what = summary.as_deref().map(q);
                let (en, es_text) = match kind {
                    SignalKind::PromiseOverdue => ("Overdue now", "Vencida ahora"),
                    SignalKind::RequestUnanswered => ("Unanswered now", "Sin respuesta ahora"),
                    SignalKind::IncidentUnacknowledged => ("Incident not acknowledged", "Incidente sin reconocer"),
                    SignalKind::IncidentOpen => ("Incident still open", "Incidente aún abierto"),
                    SignalKind::UnhappyNoFollowUp => ("Unhappy feedback with no follow-up", "Opinión negativa sin seguimiento"),
                    SignalKind::Silence => ("No contact for a long time", "Mucho tiempo sin contacto"),
                    SignalKind::NoRecentFeedback => ("No recent feedback", "Sin opiniones recientes"),
                    SignalKind::PromiseDueSoon => ("Due soon", "Vence pronto"),
                    SignalKind::PromiseSlipping => ("Promises slipping", "Promesas que se retrasan"),
                    SignalKind::RequestRepeated => ("Asked again", "Pedido de nuevo"),
                };
                let label = if es { es_text } else { en };
                match (kind, what) {
                    (SignalKind::Silence | SignalKind::NoRecentFeedback, _) | (_, None) => label.to_string(),
                    (_, Some(w)) => format!("{label}: {w}"),
                }
            }
            Reason::Rescheduled(s, n) => {
                pick(format!("Promise {} rescheduled {}", q(s), times(*n, lang)), format!("Promesa {} aplazada {}", q(s), times(*n, lang)))
            }
            Reason::Broken(s) => pick(format!("Promise {} broken", q(s)), format!("Promesa {} incumplida", q(s))),
            Reason::KeptLate(s) => pick(format!("Promise {} kept late", q(s)), format!("Promesa {} cumplida tarde", q(s))),
            Reason::AskedAgain(s, n) => pick(
                format!("The client had to ask again about {} ({})", q(s), times(*n, lang)),
                format!("El cliente tuvo que volver a pedir {} ({})", q(s), times(*n, lang)),
            ),
            Reason::AnsweredLate(s, n) => {
                pick(format!("Answered late: {} ({})", q(s), times(*n, lang)), format!("Respuesta tardía: {} ({})", q(s), times(*n, lang)))
            }
            Reason::Incident(s, sev, repaired, (no_apology, no_fix)) => {
                let sev = severity(*sev, lang);
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
                pick(format!("{sev} incident {}{how}", q(s)), format!("Incidente {sev} {}{how}", q(s)))
            }
            Reason::Unhappy(score) => pick(format!("Unhappy feedback ({score})"), format!("Opinión negativa ({score})")),
            Reason::KeptOnTime(n) => pick(format!("Promises kept on time ({n})"), format!("Promesas cumplidas a tiempo ({n})")),
            Reason::AnsweredOnTime(n) => pick(format!("Answers on time ({n})"), format!("Respuestas a tiempo ({n})")),
            Reason::Happy(n) => pick(format!("Happy feedback ({n})"), format!("Opiniones positivas ({n})")),
        }
    }
}
