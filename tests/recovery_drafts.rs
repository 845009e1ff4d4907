//! The recovery drafts as reviewed (golden files per trigger, language and
//! register, in `tests/recovery_golden/`; `TRATO_BLESS=1` writes them anew
//! after a reviewed change of a template), and their properties: every draft
//! apologises, takes responsibility and dates its repair; a Spanish one never
//! says "lo siento"; Trato's own words pass its own check.

use chrono::NaiveDate;
use proptest::prelude::*;

use trato::domain::{Cause, Language, Register};
use trato::recovery::check::FindingCode as Code;
use trato::recovery::*;

const TRIGGERS: [Trigger; 4] = [Trigger::Incident, Trigger::BrokenPromise, Trigger::AskedAgain, Trigger::LowRating];

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn facts(trigger: Trigger) -> Facts<'static> {
    Facts { trigger, client: "Ana García", topic: "el menú de Navidad", due: Some(day(12, 4)), asked: Some(day(12, 1)), cause: None }
}

fn name(t: Trigger) -> &'static str {
    match t {
        Trigger::Incident => "incident",
        Trigger::BrokenPromise => "broken_promise",
        Trigger::AskedAgain => "asked_again",
        Trigger::LowRating => "low_rating",
    }
}

/// A draft as a person would fill it in, for the golden files.
fn filled(trigger: Trigger, language: Language, register: Register) -> Fields {
    let mut f = defaults(&facts(trigger), language, register, day(12, 10));
    let (topic, repair, prevention) = match language {
        Language::Es => (
            "el menú de Navidad",
            "publico hoy el menú con los precios correctos",
            "reviso cada precio con la carta impresa antes de publicar",
        ),
        Language::En => (
            "the Christmas menu",
            "I am publishing the menu with the right prices today",
            "I check every price against the printed menu before publishing",
        ),
    };
    f.topic = topic.into();
    f.repair = repair.into();
    f.prevention = prevention.into();
    if trigger == Trigger::Incident {
        f.what_happened = match language {
            Language::Es => "Subí una versión antigua de la carta, con los precios del año pasado".into(),
            Language::En => "I uploaded an old version of the menu, with last year's prices".into(),
        };
    }
    f
}

/// Each draft, per trigger, language and register, as reviewed: a change to a
/// template shows here as a changed file. `TRATO_BLESS=1` writes them anew.
#[test]
fn drafts_read_as_reviewed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/recovery_golden");
    for trigger in TRIGGERS {
        for (language, lang) in [(Language::Es, "es"), (Language::En, "en")] {
            for (register, reg) in [(Register::Familiar, "familiar"), (Register::Formal, "formal")] {
                let d = draft(trigger, &filled(trigger, language, register));
                let text = format!("Subject: {}\n\n{}\n", d.subject, d.body);
                let path = dir.join(format!("{lang}-{}-{reg}.txt", name(trigger)));
                if std::env::var_os("TRATO_BLESS").is_some() {
                    std::fs::create_dir_all(&dir).unwrap();
                    std::fs::write(&path, &text).unwrap();
                }
                let want = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{} missing: run with TRATO_BLESS=1", path.display()));
                assert_eq!(text, want, "{}", path.display());
            }
        }
    }
}

#[test]
fn tu_and_usted_change_the_spanish_not_the_apology() {
    let familiar = draft(Trigger::BrokenPromise, &filled(Trigger::BrokenPromise, Language::Es, Register::Familiar)).body;
    let formal = draft(Trigger::BrokenPromise, &filled(Trigger::BrokenPromise, Language::Es, Register::Formal)).body;
    assert!(familiar.contains("la fecha que te di") && familiar.contains("Te escribo"), "{familiar}");
    assert!(formal.contains("la fecha que le di") && formal.contains("Le escribo"), "{formal}");
    assert!(familiar.contains("Me disculpo") && formal.contains("Me disculpo"));
}

#[test]
fn the_draft_names_the_date_it_will_be_put_right_by() {
    let d = draft(Trigger::Incident, &filled(Trigger::Incident, Language::Es, Register::Formal));
    assert!(d.body.contains("estará hecho el jueves 10 de diciembre"), "{}", d.body);
    let mut f = filled(Trigger::Incident, Language::En, Register::Formal);
    f.repair = String::new();
    assert!(draft(Trigger::Incident, &f).body.contains("I will have it put right by Thursday 10 December."));
}

#[test]
fn compensation_matches_the_loss() {
    assert_eq!(amends_for(Trigger::Incident, None), Amends::Redo);
    assert_eq!(amends_for(Trigger::BrokenPromise, None), Amends::Attention);
    assert_eq!(amends_for(Trigger::LowRating, Some(Cause::Deficiency)), Amends::Redo);
    assert_eq!(amends_for(Trigger::LowRating, Some(Cause::Rapport)), Amends::Attention);
    let mut f = filled(Trigger::Incident, Language::Es, Register::Familiar);
    f.amends = Amends::Money;
    assert!(draft(Trigger::Incident, &f).body.contains("te devuelvo lo que esto te ha costado"));
    f.amends_detail = "te descuento el 20 % de la factura de diciembre".into();
    assert!(draft(Trigger::Incident, &f).body.contains("Como compensación, te descuento el 20 % de la factura de diciembre."));
    f.amends = Amends::None;
    assert!(!draft(Trigger::Incident, &f).body.contains("compensación"));
}

#[test]
fn what_happened_is_told_from_the_record_for_a_missed_date_and_a_repeated_request() {
    let f = defaults(&facts(Trigger::BrokenPromise), Language::Es, Register::Familiar, day(12, 10));
    assert_eq!(f.what_happened, "La fecha era el viernes 4 de diciembre y no la cumplí.");
    let f = defaults(&facts(Trigger::AskedAgain), Language::Es, Register::Formal, day(12, 10));
    assert_eq!(f.what_happened, "Me lo pidió el martes 1 de diciembre y no le respondí a tiempo.");
    let f = defaults(&facts(Trigger::AskedAgain), Language::En, Register::Formal, day(12, 10));
    assert_eq!(f.what_happened, "You asked me on Tuesday 1 December, and I did not answer in time.");
}

#[test]
fn a_responsibility_sentence_removed_comes_back_as_usual() {
    let mut f = filled(Trigger::Incident, Language::Es, Register::Formal);
    f.responsibility = "  ".into();
    assert!(draft(Trigger::Incident, &f).body.contains("Fue un error mío y lo asumo."));
}

fn language() -> impl Strategy<Value = Language> {
    prop_oneof![Just(Language::Es), Just(Language::En)]
}
fn register() -> impl Strategy<Value = Register> {
    prop_oneof![Just(Register::Familiar), Just(Register::Formal)]
}
fn trigger() -> impl Strategy<Value = Trigger> {
    prop_oneof![Just(Trigger::Incident), Just(Trigger::BrokenPromise), Just(Trigger::AskedAgain), Just(Trigger::LowRating)]
}
fn amends() -> impl Strategy<Value = Amends> {
    prop_oneof![Just(Amends::Redo), Just(Amends::Money), Just(Amends::Attention), Just(Amends::None)]
}
/// What a person might type in a field: words, nothing, or only spaces.
fn typed() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), Just("   ".to_string()), "[a-zñáé ]{1,40}", "[A-Za-z0-9 ,.]{1,40}"]
}

proptest! {
    #[test]
    fn every_draft_apologises_takes_responsibility_and_dates_its_repair(
        trigger in trigger(), language in language(), register in register(), amends in amends(),
        (topic, what, responsibility, repair, detail, prevention) in (typed(), typed(), typed(), typed(), typed(), typed()),
        offset in 0u64..800,
    ) {
        let repair_by = day(1, 1) + chrono::Days::new(offset);
        let mut f = defaults(&facts(trigger), language, register, repair_by);
        f.topic = topic;
        f.what_happened = what;
        f.responsibility = responsibility.clone();
        f.repair = repair;
        f.amends = amends;
        f.amends_detail = detail;
        f.prevention = prevention;
        let d = draft(trigger, &f);
        prop_assert!(d.body.contains(&letter_date(repair_by, language)), "the repair's date is in it: {}", d.body);
        if responsibility.trim().is_empty() {
            prop_assert!(d.body.contains(usual_responsibility(language)), "{}", d.body);
        }
        // What Trato wrote itself is never what the check warns about.
        let found: Vec<Code> = check(&d.body, language, language).into_iter().map(|f| f.code).collect();
        prop_assert!(!found.contains(&Code::NoApology) && !found.contains(&Code::NoDate), "{found:?} in {}", d.body);
        if language == Language::Es {
            prop_assert!(!d.body.to_lowercase().contains("lo siento"), "{}", d.body);
        }
    }
}

#[test]
fn the_drafts_as_trato_writes_them_pass_the_check() {
    for trigger in TRIGGERS {
        for language in [Language::Es, Language::En] {
            for register in [Register::Familiar, Register::Formal] {
                let d = draft(trigger, &filled(trigger, language, register));
                assert_eq!(check(&d.body, language, language), vec![], "{}", d.body);
            }
        }
    }
}
