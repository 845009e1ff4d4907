//! Promise calibration: how late the provider's own promises run, and the due
//! date that record says is keepable. The outside view against the planning
//! fallacy: per reference class (this client and kind → the kind → every
//! promise), the slip in working days of each promise against the date the
//! provider first gave; p50 ("usually") and p80 ("4 times in 5") by
//! Harrell–Davis, open late promises as censored; the classes blended by
//! credibility n/(n+k). Pure: the promises, `now` and the calendar come in.

pub mod quantile;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::domain::calendar::Calendar;
pub use crate::domain::calibration::{Class, ClassFacts, End, Facts, LATEST};
use crate::domain::time::{local_date, local_moment};
use crate::domain::{Details, Due, Entry, Language};
use crate::signals::words;
use quantile::{harrell_davis, Slip};

/// The credibility constant: a class of n promises weighs n/(n+k) against the
/// broader one. With 5, a client's 5 promises count as much as everything else.
pub const K: f64 = 5.0;
/// Fewer promises than this in the whole class chain: no suggestion.
pub const MIN_PROMISES: usize = 3;

/// The promise as of `now`: its slip, or `None` when it tells nothing yet
/// (made later, released, or open and not yet due).
pub fn observe(f: &Facts, now: DateTime<Utc>, cal: &Calendar) -> Option<Observation> {
    if f.made_at > now {
        return None;
    }
    let due = match f.client_moved {
        Some((at, moved)) if at <= now => moved,
        _ => f.due,
    };
    let due_day = due_date(due, cal);
    let lead = cal.working_days_after(local_date(f.made_at, cal.tz), due_day);
    let late_at = |t: DateTime<Utc>| if t > due.deadline(cal.tz) { cal.working_days_after(due_day, local_date(t, cal.tz)) } else { 0 };
    let broken = matches!(f.end, Some((at, End::Broken)) if at <= now);
    let (slip, on_time) = match f.end.filter(|(at, _)| *at <= now) {
        Some((_, End::Released)) => return None,
        Some((at, End::Kept)) => (Slip::kept(late_at(at)), at <= due.deadline(cal.tz)),
        Some((at, End::Broken)) => (Slip::at_least(late_at(at)), false),
        None if now > due.deadline(cal.tz) => (Slip::at_least(late_at(now)), false),
        None => return None,
    };
    Some(Observation { slip, on_time, lead, broken })
}

fn due_date(due: Due, cal: &Calendar) -> chrono::NaiveDate {
    match due {
        Due::Date(d) => d,
        Due::At(t) => local_date(t, cal.tz),
    }
}

/// One promise as of a moment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Observation {
    pub slip: Slip,
    /// Kept by the date the provider answered for.
    pub on_time: bool,
    /// Working days between making it and its due date.
    pub lead: u32,
    pub broken: bool,
}

/// What one class says.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClassFigures {
    #[serde(flatten)]
    pub class: Class,
    /// Promises that tell something: kept, broken, or open and late.
    pub promises: usize,
    pub kept_on_time: usize,
    pub kept_late: usize,
    pub broken: usize,
    /// Open and past their date: counted as at least as late as they are now.
    pub open_late: usize,
    /// Its credibility n/(n+k); the broadest class takes what is left (1).
    pub weight: f64,
    /// Its part in the blended estimate.
    pub share: f64,
    /// Working days late, in the middle case and 4 times in 5.
    pub p50: Option<f64>,
    pub p80: Option<f64>,
    /// Kept by the date given, of the promises counted (0 to 1).
    pub on_time: Option<f64>,
    /// The median of how many working days ahead the dates were given.
    pub lead_days: Option<f64>,
}

/// A suggested due date and how it was found.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Suggestion {
    pub proposed: Due,
    pub suggested: Due,
    /// Blended working days late: the middle case and 4 times in 5.
    pub p50: f64,
    pub p80: f64,
    /// Working days the proposed date moves: p80 rounded up.
    pub shift_days: u32,
    pub k: f64,
    /// The chain, most specific first.
    pub classes: Vec<ClassFigures>,
    /// The record of the most specific class with promises: on time (0 to 1)
    /// next to how far ahead dates were given, so padding shows.
    pub on_time: Option<f64>,
    pub lead_days: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Calibration {
    Suggested(Suggestion),
    /// Too little record to say anything honest.
    TooFew {
        promises: usize,
        needed: usize,
    },
}

/// The suggestion for a promise proposed for `proposed`, from the class chain
/// (most specific first, the broadest last), as of `now`.
pub fn suggest(chain: &[ClassFacts], proposed: Due, now: DateTime<Utc>, cal: &Calendar) -> Calibration {
    let observed: Vec<(Class, Vec<Observation>)> =
        chain.iter().map(|c| (c.class.clone(), c.promises.iter().filter_map(|f| observe(f, now, cal)).collect())).collect();
    let total = observed.last().map_or(0, |(_, o)| o.len());
    if total < MIN_PROMISES {
        return Calibration::TooFew { promises: total, needed: MIN_PROMISES };
    }
    let mut classes: Vec<ClassFigures> = observed.iter().map(|(class, obs)| figures(class.clone(), obs)).collect();
    // Credibility from the most specific: each class keeps n/(n+k) of what is left.
    let mut left = 1.0;
    let last = classes.len() - 1;
    for (i, c) in classes.iter_mut().enumerate() {
        c.weight = if i == last { 1.0 } else { credibility(c.promises) };
        c.share = left * c.weight;
        left -= c.share;
    }
    let blend = |q: fn(&ClassFigures) -> Option<f64>| classes.iter().map(|c| c.share * q(c).unwrap_or(0.0)).sum::<f64>();
    let (p50, p80) = (blend(|c| c.p50), blend(|c| c.p80));
    let shift_days = whole_days_up(p80);
    let record = classes.iter().find(|c| c.promises > 0);
    let (on_time, lead_days) = (record.and_then(|c| c.on_time), record.and_then(|c| c.lead_days));
    Calibration::Suggested(Suggestion {
        proposed,
        suggested: shifted(proposed, shift_days, cal),
        p50,
        p80,
        shift_days,
        k: K,
        classes,
        on_time,
        lead_days,
    })
}

/// How a set of promises was kept, as a summary tells it: working days late
/// in the middle case and how far ahead their dates were given. `None` below
/// the [`MIN_PROMISES`] a suggestion needs too: two promises say nothing of a habit.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct Keeping {
    pub promises: u32,
    /// Working days late in the middle case, rounded (0: on time).
    pub late_days: u32,
    /// The median of how many working days ahead the dates were given.
    pub lead_days: u32,
}

/// The calibration facts of the promises among `entries` whose date the provider set.
pub fn facts_of<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> Vec<Facts> {
    entries
        .into_iter()
        .filter_map(|e| match &e.details {
            Details::Promise(p) => Facts::of(p, e.occurred_at),
            _ => None,
        })
        .collect()
}

pub fn keeping(promises: &[Facts], now: DateTime<Utc>, cal: &Calendar) -> Option<Keeping> {
    let obs: Vec<Observation> = promises.iter().filter_map(|f| observe(f, now, cal)).collect();
    if obs.len() < MIN_PROMISES {
        return None;
    }
    let f = figures(Class::Client, &obs);
    Some(Keeping {
        promises: u32::try_from(obs.len()).unwrap_or(u32::MAX),
        late_days: rounded_days(f.p50.unwrap_or(0.0)),
        lead_days: rounded_days(f.lead_days.unwrap_or(0.0)),
    })
}

/// n/(n+k): near 0 for a few promises, towards 1 as they grow.
pub fn credibility(n: usize) -> f64 {
    n as f64 / (n as f64 + K)
}

/// Working days rounded up, forgiving float dust (2.0000000001 is 2).
fn whole_days_up(days: f64) -> u32 {
    let up = (days - 1e-9).ceil().max(0.0);
    if up > f64::from(u32::MAX) {
        u32::MAX
    } else {
        up as u32
    }
}

fn rounded_days(days: f64) -> u32 {
    whole_days_up(days - 0.5 + 1e-9)
}

/// A due date moved `n` working days later, keeping its time of day.
fn shifted(due: Due, n: u32, cal: &Calendar) -> Due {
    if n == 0 {
        return due;
    }
    match due {
        Due::Date(d) => Due::Date(cal.add_working_days(d, n)),
        Due::At(t) => {
            let local = t.with_timezone(&cal.tz).naive_local();
            let day = cal.add_working_days(local.date(), n);
            Due::At(local_moment(day.and_time(local.time()), cal.tz))
        }
    }
}

fn figures(class: Class, obs: &[Observation]) -> ClassFigures {
    let slips: Vec<Slip> = obs.iter().map(|o| o.slip).collect();
    let kept_on_time = obs.iter().filter(|o| o.on_time).count();
    let kept_late = obs.iter().filter(|o| !o.on_time && !o.slip.censored).count();
    let broken = obs.iter().filter(|o| o.broken).count();
    let open_late = obs.iter().filter(|o| o.slip.censored && !o.broken).count();
    let n = obs.len();
    let mut leads: Vec<u32> = obs.iter().map(|o| o.lead).collect();
    leads.sort_unstable();
    let lead_days = match leads.len() {
        0 => None,
        l if l % 2 == 1 => Some(f64::from(leads[l / 2])),
        l => Some((f64::from(leads[l / 2 - 1]) + f64::from(leads[l / 2])) / 2.0),
    };
    ClassFigures {
        class,
        promises: n,
        kept_on_time,
        kept_late,
        broken,
        open_late,
        weight: 0.0,
        share: 0.0,
        p50: harrell_davis(&slips, 0.5),
        p80: harrell_davis(&slips, 0.8),
        on_time: (n > 0).then(|| kept_on_time as f64 / n as f64),
        lead_days,
    }
}

/// The one-line reality check, in the user's language: the middle case, four
/// times in five, the suggested date, and the counts it rests on.
pub fn explain(c: &Calibration, client: &str, kind: Option<&str>, lang: Language, cal: &Calendar) -> String {
    let s = match c {
        Calibration::TooFew { promises, needed } => {
            return match lang {
                Language::En => format!(
                    "No suggestion yet: {promises} {} with a date you set, {needed} needed",
                    if *promises == 1 { "promise" } else { "promises" }
                ),
                Language::Es => format!(
                    "Aún no hay sugerencia: {promises} {} con una fecha que pusiste tú, hacen falta {needed}",
                    if *promises == 1 { "promesa" } else { "promesas" }
                ),
            }
        }
        Calibration::Suggested(s) => s,
    };
    let en = lang == Language::En;
    let what = match (kind, en) {
        (Some(k), true) => format!("'{k}' promises"),
        (None, true) => "promises".to_string(),
        (Some(k), false) => format!("las promesas de tipo «{k}»"),
        (None, false) => "las promesas".to_string(),
    };
    let middle = match (rounded_days(s.p50), en) {
        (0, true) => "on time in the middle case".to_string(),
        (1, true) => "1 working day late in the middle case".to_string(),
        (n, true) => format!("{n} working days late in the middle case"),
        (0, false) => "a tiempo en el caso típico".to_string(),
        (1, false) => "con 1 día laborable de retraso en el caso típico".to_string(),
        (n, false) => format!("con {n} días laborables de retraso en el caso típico"),
    };
    let date = words::due(s.suggested, cal.tz, lang);
    let four_in_five = match (s.shift_days, en) {
        (0, true) => format!("4 of 5 on time: keep {date}"),
        (1, true) => format!("4 of 5 within 1 day: suggest {date}"),
        (n, true) => format!("4 of 5 within {n} days: suggest {date}"),
        (0, false) => format!("4 de cada 5 a tiempo: mantén el {date}"),
        (1, false) => format!("4 de cada 5 en 1 día: propón el {date}"),
        (n, false) => format!("4 de cada 5 en {n} días: propón el {date}"),
    };
    let based = based_on(&s.classes, en);
    if en {
        format!("You keep {what} to {client} {middle}, {four_in_five} (based on {based})")
    } else {
        format!("Cumples {what} a {client} {middle}, {four_in_five} (según {based})")
    }
}

fn based_on(classes: &[ClassFigures], en: bool) -> String {
    // Every promise in the record is to this client: the broader classes hold the same ones, and their weights say nothing.
    let (first, last) = (classes.iter().find(|c| c.promises > 0), classes.last());
    if let (Some(f), Some(l)) = (first, last) {
        let n = l.promises;
        if f.promises == n && matches!(f.class, Class::ClientKind { .. } | Class::Client) {
            let p = |one: &'static str, many: &'static str| if n == 1 { one } else { many };
            return if en {
                format!("{n} {}, all to this client", p("promise", "promises"))
            } else {
                format!("{n} {}, todas a este cliente", p("promesa", "promesas"))
            };
        }
    }
    let percent = |w: f64| format!("{:.0} %", w * 100.0);
    let mut parts: Vec<String> = Vec::new();
    let last = classes.len().saturating_sub(1);
    for (i, c) in classes.iter().enumerate() {
        let n = c.promises;
        if i == last {
            let overall = match (en, n == 1) {
                (true, true) => "1 overall".to_string(),
                (true, false) => format!("{n} overall"),
                (false, _) => format!("{n} en total"),
            };
            let lone = parts.is_empty();
            parts.push(match (lone, en) {
                (true, true) => format!("{n} {} overall", if n == 1 { "promise" } else { "promises" }),
                (true, false) => format!("{n} {} en total", if n == 1 { "promesa" } else { "promesas" }),
                (false, true) => format!("and {overall}"),
                (false, false) => format!("y {overall}"),
            });
            continue;
        }
        // Nested classes: a broader one with as many promises holds the same ones, said once.
        if n == 0 || (i > 0 && classes[i - 1].promises == n) {
            continue;
        }
        let (promises_en, promises_es) = if n == 1 { ("promise", "promesa") } else { ("promises", "promesas") };
        let who = match (&c.class, en) {
            (Class::ClientKind { .. } | Class::Client, true) => format!("{n} {promises_en} to this client"),
            (Class::ClientKind { .. } | Class::Client, false) => format!("{n} {promises_es} a este cliente"),
            (Class::Kind { kind }, true) => format!("{n} '{kind}' {promises_en}"),
            (Class::Kind { kind }, false) => format!("{n} {promises_es} de tipo «{kind}»"),
            (Class::All, _) => format!("{n}"),
        };
        let weight = if en { format!("weight {}", percent(c.weight)) } else { format!("peso {}", percent(c.weight)) };
        parts.push(format!("{who}, {weight}"));
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests;
