//! What to say about feedback: the short question a person can send when
//! feedback is due, and the next step an unhappy feedback's cause suggests
//! (the lessons of seed 000, in our own words). Only wording lives here; when
//! to ask is `feedback_due`'s rule.

use crate::domain::{Cause, Language};

use Language::{En, Es};

/// Why now is a good moment to ask.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Occasion {
    /// A request was done or a promise kept a day ago: the work was just delivered.
    Closed,
    /// An engagement still open has gone on for a while: how is it going so far?
    MidService,
}

/// A short question to send the client, in `lang`; in Spanish `formal` says
/// usted, else tú (English has one form). `about` is the matter's summary.
pub fn question(occasion: Occasion, about: &str, lang: Language, formal: bool) -> String {
    let about = super::words::quote(about, lang);
    match (occasion, lang, formal) {
        (Occasion::Closed, En, _) => {
            format!("Now that we have finished {about}, how did it go for you? Is there anything we could have done better?")
        }
        (Occasion::Closed, Es, true) => {
            format!("Ahora que hemos terminado {about}, ¿qué tal le ha ido? ¿Hay algo que podríamos haber hecho mejor?")
        }
        (Occasion::Closed, Es, false) => {
            format!("Ahora que hemos terminado {about}, ¿qué tal te ha ido? ¿Hay algo que podríamos haber hecho mejor?")
        }
        (Occasion::MidService, En, _) => {
            format!(
                "We have been working on {about} for a while: how is it going for you so far? Anything you would like done differently?"
            )
        }
        (Occasion::MidService, Es, true) => format!(
            "Llevamos un tiempo con {about}: ¿cómo lo está viendo hasta ahora? ¿Hay algo que le gustaría que hiciéramos de otra manera?"
        ),
        (Occasion::MidService, Es, false) => format!(
            "Llevamos un tiempo con {about}: ¿cómo lo estás viendo hasta ahora? ¿Hay algo que te gustaría que hiciéramos de otra manera?"
        ),
    }
}

/// The next step an unhappy feedback's cause suggests, addressed to the
/// provider (tú in Spanish, as the app speaks to its user). Without a cause,
/// the first step is to find it out.
pub fn next_step(cause: Option<Cause>, lang: Language) -> &'static str {
    match (cause, lang) {
        (Some(Cause::Expectations), En) => {
            "Go back over what was promised and what was delivered; if the promise was bigger than the work, say so, and promise more carefully next time."
        }
        (Some(Cause::Expectations), Es) => {
            "Repasa lo que se prometió y lo que se entregó; si la promesa iba más allá del trabajo, reconócelo y promete con más cautela la próxima vez."
        }
        (Some(Cause::Misunderstanding), En) => {
            "Ask what they really expected and set it beside what you offer; if it is another service, stop and agree the goal again, or say plainly it is not yours to give."
        }
        (Some(Cause::Misunderstanding), Es) => {
            "Pregúntale qué esperaba de verdad y compáralo con lo que ofreces; si es otro servicio, para y acordad de nuevo el objetivo, o dile con claridad que no es lo tuyo."
        }
        (Some(Cause::Rapport), En) => {
            "If the two of you do not work well together, say so honestly and recommend a colleague who could serve them better."
        }
        (Some(Cause::Rapport), Es) => {
            "Si no termináis de encajar, díselo con sinceridad y recomiéndale a otro profesional que pueda atenderle mejor."
        }
        (Some(Cause::Deficiency), En) => {
            "Find out what was missing or wrong, fix it and tell them by when; if it lies outside your work, bring in someone who does it."
        }
        (Some(Cause::Deficiency), Es) => {
            "Averigua qué faltó o falló, arréglalo y dile para cuándo; si se sale de tu trabajo, busca a alguien que lo complemente."
        }
        (Some(Cause::Other), En) => {
            "Read it again calmly before you answer, keep what is useful in it, and reply without taking it personally."
        }
        (Some(Cause::Other), Es) => "Reléelo con calma antes de contestar, quédate con lo que te sirva y responde sin tomártelo como algo personal.",
        (None, En) => "Ask them what went wrong before deciding what to do.",
        (None, Es) => "Pregúntale qué no le gustó antes de decidir qué hacer.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_question_names_the_work_and_speaks_usted_or_tu_as_asked() {
        let usted = question(Occasion::Closed, "Menú nuevo", Es, true);
        assert_eq!(usted, "Ahora que hemos terminado «Menú nuevo», ¿qué tal le ha ido? ¿Hay algo que podríamos haber hecho mejor?");
        let tu = question(Occasion::Closed, "Menú nuevo", Es, false);
        assert!(tu.contains("¿qué tal te ha ido?"), "{tu}");
        let en = question(Occasion::MidService, "New website", En, true);
        assert!(en.starts_with("We have been working on “New website”"), "{en}");
        assert!(question(Occasion::MidService, "Web", Es, false).contains("te gustaría"));
        assert!(question(Occasion::MidService, "Web", Es, true).contains("le gustaría"));
    }

    #[test]
    fn each_cause_suggests_its_own_next_step_in_both_languages() {
        let causes = [
            None,
            Some(Cause::Expectations),
            Some(Cause::Misunderstanding),
            Some(Cause::Rapport),
            Some(Cause::Deficiency),
            Some(Cause::Other),
        ];
        for lang in [En, Es] {
            let steps: std::collections::BTreeSet<&str> = causes.iter().map(|c| next_step(*c, lang)).collect();
            assert_eq!(steps.len(), causes.len(), "one step per cause in {lang:?}");
        }
        assert!(next_step(Some(Cause::Expectations), En).contains("what was promised"));
        assert!(next_step(Some(Cause::Rapport), En).contains("recommend a colleague"));
        assert!(next_step(Some(Cause::Rapport), Es).contains("recomiéndale a otro profesional"));
        assert!(next_step(Some(Cause::Deficiency), Es).contains("arréglalo"));
    }
}
