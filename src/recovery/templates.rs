//! The words of a recovery draft and of the wording check, one data file per
//! language (`templates/en.json`, `templates/es.json`), so that a reviewer of
//! Spanish or English reads and corrects sentences, not code.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use super::{Amends, Trigger};
use crate::domain::{Language, Register};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Templates {
    /// Which language the file holds: a test holds each file to the language it is loaded for.
    #[cfg_attr(not(test), allow(dead_code))]
    pub language: Language,
    pub draft: DraftWords,
    pub check: CheckWords,
    pub advice: BTreeMap<String, String>,
}

/// A sentence for each register.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ByRegister<T> {
    pub familiar: T,
    pub formal: T,
}

impl<T> ByRegister<T> {
    pub fn of(&self, r: Register) -> &T {
        match r {
            Register::Familiar => &self.familiar,
            Register::Formal => &self.formal,
        }
    }
}

/// A sentence for each trigger.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ByTrigger {
    pub incident: String,
    pub broken_promise: String,
    pub asked_again: String,
    pub low_rating: String,
}

impl ByTrigger {
    pub fn of(&self, t: Trigger) -> &str {
        match t {
            Trigger::Incident => &self.incident,
            Trigger::BrokenPromise => &self.broken_promise,
            Trigger::AskedAgain => &self.asked_again,
            Trigger::LowRating => &self.low_rating,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AmendsWords {
    pub redo: String,
    pub money: String,
    pub attention: String,
}

impl AmendsWords {
    pub fn of(&self, a: Amends) -> Option<&str> {
        match a {
            Amends::Redo => Some(&self.redo),
            Amends::Money => Some(&self.money),
            Amends::Attention => Some(&self.attention),
            Amends::None => None,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DraftWords {
    pub subject: String,
    pub greeting: ByRegister<String>,
    pub apology: ByRegister<ByTrigger>,
    pub responsibility: String,
    pub what_happened: ByRegister<ByTrigger>,
    pub repair: String,
    pub repair_plain: String,
    pub amends: ByRegister<AmendsWords>,
    pub amends_detail: String,
    pub prevention: String,
    pub closing: ByRegister<String>,
    pub weekdays: [String; 7],
    pub months: [String; 12],
    pub date: String,
}

impl DraftWords {
    /// "jueves 10 de diciembre", "Thursday 10 December": a date as a letter writes it.
    pub fn date(&self, d: NaiveDate) -> String {
        fill(
            &self.date,
            &[
                ("weekday", &self.weekdays[d.weekday().num_days_from_monday() as usize]),
                ("day", &d.day().to_string()),
                ("month", &self.months[d.month0() as usize]),
            ],
        )
    }
}

/// The phrases the check looks for, as a person would write them (case and
/// accents are ignored when matching).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CheckWords {
    pub not_an_apology: Vec<String>,
    pub blame_elsewhere: Vec<String>,
    pub someone_elses_apology: Vec<String>,
    pub apology: Vec<String>,
    pub responsibility: Vec<String>,
    pub date_words: Vec<String>,
}

fn parse(text: &str) -> Templates {
    // The files are part of the program, checked by a test; a broken one is a
    // build that must not ship, not a user's input.
    serde_json::from_str(text).unwrap_or_else(|e| panic!("a recovery template file does not parse: {e}"))
}

pub(crate) fn of(lang: Language) -> &'static Templates {
    static EN: OnceLock<Templates> = OnceLock::new();
    static ES: OnceLock<Templates> = OnceLock::new();
    match lang {
        Language::En => EN.get_or_init(|| parse(include_str!("templates/en.json"))),
        Language::Es => ES.get_or_init(|| parse(include_str!("templates/es.json"))),
    }
}

/// `{name}` replaced by its value, for each pair; other braces are left as written.
pub(crate) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_files_parse_and_say_which_language_they_hold() {
        assert_eq!(of(Language::En).language, Language::En);
        assert_eq!(of(Language::Es).language, Language::Es);
    }

    #[test]
    fn both_files_advise_on_the_same_findings() {
        let keys = |l| of(l).advice.keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(Language::En), keys(Language::Es));
        for code in super::super::check::FindingCode::ALL {
            assert!(of(Language::En).advice.contains_key(code.as_str()), "no advice for {}", code.as_str());
        }
    }

    #[test]
    fn a_date_reads_as_a_letter_writes_it() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
        assert_eq!(of(Language::Es).draft.date(d), "jueves 10 de diciembre");
        assert_eq!(of(Language::En).draft.date(d), "Thursday 10 December");
    }
}
