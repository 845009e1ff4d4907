//! Guided recovery: after a mistake, a draft message to the client in the
//! client's language and register, built from fields the person fills or
//! confirms, following seed 002: apologise in the first person, take
//! responsibility in one sentence, say what happened without excuses, repair
//! by a date that can be kept, compensate in kind, say what changes. Trato
//! never sends it. The check (`check`) reads what the person then edited.

pub mod check;
mod templates;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::domain::promise::PromiseEvent;
use crate::domain::{Cause, Details, Entry, Language, Register, RescheduleCause};

pub use check::{check, Finding};

/// What went wrong, as the draft's first sentences see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    /// An incident logged.
    Incident,
    /// A promise broken, late, or moved by the provider's own slip.
    BrokenPromise,
    /// A request the client had to ask again.
    AskedAgain,
    /// A rating of 2 or less, or an NPS of 6 or less.
    LowRating,
}

/// What is offered to make up for it, in the kind of the loss: the work redone
/// for a failed service, money for a money loss, attention for neglect.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum Amends {
    Redo,
    Money,
    Attention,
    None,
}

/// What went wrong with this entry as of `now`, if anything a draft could
/// repair: an incident; a promise broken, kept late, overdue or moved by the
/// provider's own slip; a request asked again; a negative feedback.
pub fn trigger_of(e: &Entry, now: DateTime<Utc>, tz: Tz) -> Option<Trigger> {
    match &e.details {
        Details::Incident(_) => Some(Trigger::Incident),
        Details::Promise(p) => {
            let slipped = p
                .events
                .iter()
                .any(|ev| matches!(ev, PromiseEvent::Rescheduled { at, cause: Some(RescheduleCause::MySlip), .. } if *at <= now));
            let late = p.lapsed_at(now, tz).is_some() || !p.missed_dates(now, tz).is_empty();
            (slipped || late).then_some(Trigger::BrokenPromise)
        }
        Details::Request(r) => (!r.follow_up_moments(now).is_empty()).then_some(Trigger::AskedAgain),
        Details::Feedback(f) => (f.score.is_negative() && e.occurred_at <= now).then_some(Trigger::LowRating),
        Details::Interaction(_) | Details::Note => None,
    }
}

/// The compensation that matches the loss, as first offered: the work redone
/// after an incident or a deficiency, attention for a slip or a wait.
pub fn amends_for(trigger: Trigger, cause: Option<Cause>) -> Amends {
    match (trigger, cause) {
        (Trigger::Incident, _) | (Trigger::LowRating, Some(Cause::Deficiency)) => Amends::Redo,
        _ => Amends::Attention,
    }
}

/// Everything the draft is made of, each field as the person filled or confirmed it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Fields {
    pub language: Language,
    pub register: Register,
    /// Whom the greeting names.
    pub addressee: String,
    /// What it was about, as the apology names it ("the March invoice").
    pub topic: String,
    /// What happened, plainly; left out when empty.
    pub what_happened: String,
    /// The one sentence taking responsibility.
    pub responsibility: String,
    /// How it will be put right; "by the date" alone when empty.
    pub repair: String,
    /// By when it will be put right.
    pub repair_by: NaiveDate,
    pub amends: Amends,
    /// What is offered, in the person's words, in place of the usual sentence.
    pub amends_detail: String,
    /// What changes so that it does not happen again; left out when empty.
    pub prevention: String,
}

/// A message ready to copy: its subject and its text.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct Draft {
    pub subject: String,
    pub body: String,
}

/// The facts of the entry the defaults are written from.
pub struct Facts<'a> {
    pub trigger: Trigger,
    pub client: &'a str,
    pub topic: &'a str,
    /// The due date missed, as a letter writes it (a broken promise).
    pub due: Option<NaiveDate>,
    /// When the client first asked (a request asked again).
    pub asked: Option<NaiveDate>,
    pub cause: Option<Cause>,
}

/// The fields as first offered: the client's name, the entry's own words, the
/// usual responsibility sentence, what happened as the record tells it, a
/// repair by `repair_by` (the calibrated date), amends of the matching kind.
pub fn defaults(f: &Facts<'_>, language: Language, register: Register, repair_by: NaiveDate) -> Fields {
    let words = &templates::of(language).draft;
    let what = words.what_happened.of(register).of(f.trigger);
    let date = |d: Option<NaiveDate>| d.map(|d| words.date(d)).unwrap_or_default();
    let what_happened = templates::fill(what, &[("due", &date(f.due)), ("asked", &date(f.asked))]);
    Fields {
        language,
        register,
        addressee: f.client.to_string(),
        topic: f.topic.to_string(),
        what_happened,
        responsibility: words.responsibility.clone(),
        repair: String::new(),
        repair_by,
        amends: amends_for(f.trigger, f.cause),
        amends_detail: String::new(),
        prevention: String::new(),
    }
}

/// A date as a letter in `lang` writes it: "jueves 10 de diciembre", "Thursday 10 December".
pub fn letter_date(d: NaiveDate, lang: Language) -> String {
    templates::of(lang).draft.date(d)
}

/// The responsibility sentence a draft in `lang` is offered with.
pub fn usual_responsibility(lang: Language) -> &'static str {
    &templates::of(lang).draft.responsibility
}

/// A sentence as written, ending with its full stop.
fn sentence(s: &str) -> String {
    let s = s.trim();
    if s.is_empty() || s.ends_with(['.', '!', '?', '…']) {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

/// The draft: greeting; apology; responsibility; what happened; the repair
/// and its date; amends; what changes; closing. An empty responsibility
/// sentence is given back its usual words: a draft never goes without one.
pub fn draft(trigger: Trigger, f: &Fields) -> Draft {
    let words = &templates::of(f.language).draft;
    let trimmed = |s: &str| s.trim().trim_end_matches('.').trim().to_string();
    let topic = trimmed(&f.topic);
    let date = words.date(f.repair_by);
    let responsibility = if f.responsibility.trim().is_empty() { words.responsibility.clone() } else { sentence(&f.responsibility) };
    let repair = if f.repair.trim().is_empty() {
        templates::fill(&words.repair_plain, &[("date", &date)])
    } else {
        templates::fill(&words.repair, &[("repair", &trimmed(&f.repair)), ("date", &date)])
    };
    let amends = if f.amends_detail.trim().is_empty() || f.amends == Amends::None {
        words.amends.of(f.register).of(f.amends).map(str::to_string)
    } else {
        Some(templates::fill(&words.amends_detail, &[("detail", &trimmed(&f.amends_detail))]))
    };
    let prevention =
        (!f.prevention.trim().is_empty()).then(|| templates::fill(&words.prevention, &[("prevention", &trimmed(&f.prevention))]));

    let opening =
        [templates::fill(words.apology.of(f.register).of(trigger), &[("topic", &topic)]), responsibility, sentence(&f.what_happened)];
    let repairing = [Some(repair), amends, prevention];
    let paragraphs: Vec<String> = [
        templates::fill(words.greeting.of(f.register), &[("addressee", f.addressee.trim())]),
        join(&opening),
        join(&repairing.into_iter().flatten().collect::<Vec<_>>()),
        words.closing.of(f.register).clone(),
    ]
    .into_iter()
    .filter(|p| !p.is_empty())
    .collect();
    Draft { subject: capitalised(&templates::fill(&words.subject, &[("topic", &topic)])), body: paragraphs.join("\n\n") }
}

/// A subject starts with a capital, whatever case the topic was written in.
fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn join(sentences: &[String]) -> String {
    sentences.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
}
