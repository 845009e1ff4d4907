//! The wording check of an apology the person edited: regret in place of an
//! apology ("lo siento" where "me disculpo" is meant), blame moved away ("el
//! sistema", "debido a"), an apology in someone else's name, and a missing
//! apology, responsibility sentence or date. Suggestions, never a block.

use serde::Serialize;

use super::templates;
use crate::domain::Language;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum FindingCode {
    NotAnApology,
    BlameElsewhere,
    SomeoneElsesApology,
    NoApology,
    NoResponsibility,
    NoDate,
}

impl FindingCode {
    pub const ALL: [FindingCode; 6] = [
        FindingCode::NotAnApology,
        FindingCode::BlameElsewhere,
        FindingCode::SomeoneElsesApology,
        FindingCode::NoApology,
        FindingCode::NoResponsibility,
        FindingCode::NoDate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FindingCode::NotAnApology => "not_an_apology",
            FindingCode::BlameElsewhere => "blame_elsewhere",
            FindingCode::SomeoneElsesApology => "someone_elses_apology",
            FindingCode::NoApology => "no_apology",
            FindingCode::NoResponsibility => "no_responsibility",
            FindingCode::NoDate => "no_date",
        }
    }
}

/// One thing the check noticed, with its advice in the person's language.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct Finding {
    pub code: FindingCode,
    /// The words found, as written in the text; none for something missing.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phrase: Option<String>,
    /// Where the words start, counted in characters of the text.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<u32>,
    pub advice: String,
}

/// The text as the check compares it: lower case, without accents, one char
/// for each char of the text (so a position found is a position in the text).
fn folded(text: &str) -> Vec<char> {
    text.chars()
        .map(|c| {
            let c = c.to_lowercase().next().unwrap_or(c);
            match c {
                'á' | 'à' | 'ä' | 'â' => 'a',
                'é' | 'è' | 'ë' | 'ê' => 'e',
                'í' | 'ì' | 'ï' | 'î' => 'i',
                'ó' | 'ò' | 'ö' | 'ô' => 'o',
                'ú' | 'ù' | 'ü' | 'û' => 'u',
                'ñ' => 'n',
                '’' | '‘' => '\'',
                c => c,
            }
        })
        .collect()
}

/// Every start, in characters, where `phrase` stands as whole words in `text`.
fn starts(text: &[char], phrase: &str) -> Vec<usize> {
    let p = folded(phrase);
    if p.is_empty() || p.len() > text.len() {
        return Vec::new();
    }
    let word = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric());
    (0..=text.len() - p.len())
        .filter(|&i| text[i..i + p.len()] == p[..])
        .filter(|&i| !word(i.checked_sub(1).and_then(|j| text.get(j))) && !word(text.get(i + p.len())))
        .collect()
}

/// A date written as digits: "10/12", "10-12-2026", "2026-12-10".
fn has_numeric_date(text: &[char]) -> bool {
    let s: String = text.iter().collect();
    s.split(|c: char| !(c.is_ascii_digit() || c == '/' || c == '-' || c == '.'))
        .any(|t| t.split(['/', '-', '.']).filter(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit())).count() >= 2)
}

/// What the check notices in `text`, written in `lang`; its advice in `advise_in`.
pub fn check(text: &str, lang: Language, advise_in: Language) -> Vec<Finding> {
    let words = &templates::of(lang).check;
    let advice = &templates::of(advise_in).advice;
    let t = folded(text);
    let say = |code: FindingCode, phrase: Option<&str>| {
        let template = advice.get(code.as_str()).map_or("", String::as_str);
        templates::fill(template, &[("phrase", phrase.unwrap_or(""))])
    };
    let mut out = Vec::new();
    let mut found = |code: FindingCode, phrases: &[String]| {
        let mut hits: Vec<(usize, usize)> = phrases.iter().flat_map(|p| starts(&t, p).into_iter().map(|i| (i, folded(p).len()))).collect();
        hits.sort();
        // One finding for one place: the longest phrase found there.
        hits.dedup_by(|b, a| {
            a.0 == b.0 && {
                a.1 = a.1.max(b.1);
                true
            }
        });
        for (i, len) in hits {
            let phrase: String = text.chars().skip(i).take(len).collect();
            out.push(Finding { code, advice: say(code, Some(&phrase)), phrase: Some(phrase), at: Some(i as u32) });
        }
    };
    found(FindingCode::NotAnApology, &words.not_an_apology);
    found(FindingCode::BlameElsewhere, &words.blame_elsewhere);
    found(FindingCode::SomeoneElsesApology, &words.someone_elses_apology);
    let any = |phrases: &[String]| phrases.iter().any(|p| !starts(&t, p).is_empty());
    if !any(&words.apology) {
        out.push(Finding { code: FindingCode::NoApology, phrase: None, at: None, advice: say(FindingCode::NoApology, None) });
    }
    if !any(&words.responsibility) {
        out.push(Finding { code: FindingCode::NoResponsibility, phrase: None, at: None, advice: say(FindingCode::NoResponsibility, None) });
    }
    if !any(&words.date_words) && !has_numeric_date(&t) {
        out.push(Finding { code: FindingCode::NoDate, phrase: None, at: None, advice: say(FindingCode::NoDate, None) });
    }
    out.sort_by_key(|f| (f.at.unwrap_or(u32::MAX), f.code));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str, lang: Language) -> Vec<FindingCode> {
        check(text, lang, lang).into_iter().map(|f| f.code).collect()
    }

    const GOOD_ES: &str = "Hola, Ana:\n\nMe disculpo por el retraso. Fue un error mío y lo asumo. Estará listo el jueves 10 de diciembre.";

    #[test]
    fn a_first_person_apology_with_responsibility_and_a_date_passes() {
        assert_eq!(codes(GOOD_ES, Language::Es), vec![]);
        let en = "Hi Ana,\n\nI apologise for the delay. It was my mistake. It will be ready by Thursday 10 December.";
        assert_eq!(codes(en, Language::En), vec![]);
    }

    #[test]
    fn blaming_the_system_is_flagged_where_it_is_written_with_advice() {
        let text = GOOD_ES.replace("Fue un error mío y lo asumo.", "Fue un error mío, pero El Sistema falló.");
        let found = check(&text, Language::Es, Language::Es);
        let blame = found.iter().find(|f| f.code == FindingCode::BlameElsewhere).expect("the system is blamed");
        assert_eq!(blame.phrase.as_deref(), Some("El Sistema"), "the phrase as the person wrote it");
        let at = blame.at.unwrap() as usize;
        assert_eq!(text.chars().skip(at).take(10).collect::<String>(), "El Sistema");
        assert_eq!(blame.advice, "«El Sistema» aparta la responsabilidad de ti: di qué hiciste tú.");
    }

    #[test]
    fn lo_siento_is_flagged_and_me_disculpo_suggested_even_without_accents_or_in_capitals() {
        let found = check("LO SIENTO mucho. Fue culpa mía. Listo mañana.", Language::Es, Language::En);
        assert_eq!(found.iter().map(|f| f.code).collect::<Vec<_>>(), vec![FindingCode::NotAnApology, FindingCode::NoApology]);
        assert!(found[0].advice.contains("\"LO SIENTO\""), "advice in the person's language: {}", found[0].advice);
        assert_eq!(codes("Perdoname, fue culpa mia. Listo manana.", Language::Es), vec![], "accents left out still count");
    }

    #[test]
    fn every_kind_of_excuse_in_the_issue_is_flagged_in_spanish() {
        for excuse in ["debido a", "se produjo un error", "si le molestó", "por culpa de", "el sistema"] {
            let text = format!("{GOOD_ES} {excuse} algo.");
            assert!(codes(&text, Language::Es).contains(&FindingCode::BlameElsewhere), "{excuse}");
        }
        assert!(codes("Me disculpo, fue un error mío debido al cambio. Lunes.", Language::Es).contains(&FindingCode::BlameElsewhere));
    }

    #[test]
    fn moving_blame_and_regretting_are_flagged_in_english() {
        let found = codes("We apologise for any inconvenience. An error occurred due to the system.", Language::En);
        assert!(found.contains(&FindingCode::SomeoneElsesApology));
        assert_eq!(found.iter().filter(|c| **c == FindingCode::BlameElsewhere).count(), 3);
        assert!(
            found.contains(&FindingCode::NoApology)
                && found.contains(&FindingCode::NoResponsibility)
                && found.contains(&FindingCode::NoDate)
        );
    }

    #[test]
    fn an_apology_in_the_companys_name_is_flagged() {
        assert!(codes("En nombre de la empresa, pedimos disculpas.", Language::Es).contains(&FindingCode::SomeoneElsesApology));
    }

    #[test]
    fn a_missing_date_is_noticed_and_digits_count_as_a_date() {
        assert!(codes("Me disculpo. Fue un error mío.", Language::Es).contains(&FindingCode::NoDate));
        assert!(!codes("Me disculpo. Fue un error mío. Listo el 10/12.", Language::Es).contains(&FindingCode::NoDate));
        assert!(!codes("I apologise, my mistake: done by 2026-12-10.", Language::En).contains(&FindingCode::NoDate));
        assert!(codes("I apologise, my mistake: version 2 is coming.", Language::En).contains(&FindingCode::NoDate));
    }

    #[test]
    fn words_inside_other_words_are_not_flagged() {
        assert!(!codes("El sistemático trabajo. Me disculpo, fue mi error. Lunes.", Language::Es).contains(&FindingCode::BlameElsewhere));
    }
}
