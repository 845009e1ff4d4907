//! How the CLI shows signals, scores, records and settings to a person.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde_json::Value;

use super::output::local;
use trato::domain::time::Clock;
use trato::domain::{Language, Settings};
use trato::signals::{Matter, Signal};
use trato::trust::{Record, ScoreReport};

/// One client's signals, each on its own.
pub fn signals(list: &[Signal], tz: Tz, now: DateTime<Utc>) -> String {
    if list.is_empty() {
        return format!("Nothing needs attention as of {} ({tz}).\n", local(now, tz));
    }
    let mut out = format!("As of {} ({tz}): {} signal{}\n", local(now, tz), list.len(), if list.len() == 1 { "" } else { "s" });
    for s in list {
        out += &headline(s, tz, false);
    }
    out
}

/// A signal as two lines: severity, (client,) kind and since; then its explanation.
fn headline(s: &Signal, tz: Tz, with_client: bool) -> String {
    let who = if with_client { format!("{} — ", s.client) } else { String::new() };
    let mut out = format!("\n{:<9} {who}{}, since {}\n", s.severity.as_str().to_uppercase(), s.kind.as_str(), local(s.since, tz));
    out += &format!("{:<9} {}\n", "", s.explanation);
    if let Some(draft) = &s.draft {
        out += &format!("{:<9} Ask: {draft}\n", "");
    }
    out
}

/// Today: each matter once, as its most severe signal, with the others it
/// raises named beneath.
pub fn matters(list: &[Matter], tz: Tz, now: DateTime<Utc>) -> String {
    if list.is_empty() {
        return format!("Nothing needs attention as of {} ({tz}).\n", local(now, tz));
    }
    let signals: usize = list.iter().map(|m| m.signals.len()).sum();
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut out = format!("As of {} ({tz}): {}", local(now, tz), plural(list.len(), "matter", "matters"));
    if signals != list.len() {
        out += &format!(", {}", plural(signals, "signal", "signals"));
    }
    out += "\n";
    for m in list {
        let Some((lead, others)) = m.signals.split_first() else { continue };
        out += &headline(lead, tz, true);
        for s in others {
            out += &format!("{:<9} also {} ({}), since {}\n", "", s.kind.as_str(), s.severity.as_str(), local(s.since, tz));
            out += &format!("{:<9}   {}\n", "", s.explanation);
            if let Some(draft) = &s.draft {
                out += &format!("{:<9}   Ask: {draft}\n", "");
            }
        }
    }
    out
}

/// `lang` words the sentence of a new client, as the settings word the reasons.
pub fn score(r: &ScoreReport, lang: Language) -> String {
    let mut out = match r.score {
        Some(score) => format!("{}: trust {score}/100\n\n", r.client),
        None => format!("{}: new — not enough history yet\n\n{}\n", r.client, trato::trust::not_enough(r.history, lang)),
    };
    for c in &r.contributions {
        // Feedback worth nothing is listed too, as 0 rather than +0.
        let points = if c.points == 0 { "0".to_string() } else { format!("{:+}", c.points) };
        out += &format!("  {points:>5}  {}\n", c.reason);
    }
    out += "\nLast 12 weeks (score at the end of each week, from the week of ";
    if let Some(first) = r.trend.first() {
        out += &first.week_start.format("%Y-%m-%d").to_string();
    }
    out += "):\n  ";
    out += &r.trend.iter().map(|p| p.score.map_or("–".to_string(), |s| s.to_string())).collect::<Vec<_>>().join(" → ");
    out += "\n\n";
    out += &record(&r.record);
    out
}

pub fn record(r: &Record) -> String {
    let mut out = format!(
        "Promises: {} made — {} kept on time, {} kept late, {} broken, {} released, {} open.\n",
        r.made, r.kept_on_time, r.kept_late, r.broken, r.released, r.open
    );
    out += &match r.median_reply_hours {
        Some(h) => format!("Median time to first reply: {h} business hour{}.\n", if h == 1.0 { "" } else { "s" }),
        None => "Median time to first reply: no replies yet.\n".to_string(),
    };
    out
}

/// The settings, each key with its value; those left to the system say what
/// the system's clock (`system`) gives them now.
pub fn settings(s: &Settings, system: Clock) -> String {
    let mut out = String::new();
    for (key, value) in s.leaves() {
        let shown = match (key.as_str(), &value) {
            ("time_zone", Value::Null) => format!("system ({})", system.tz),
            ("language", Value::Null) => {
                format!(
                    "system ({})",
                    serde_json::to_value(system.lang).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
                )
            }
            ("holidays", _) => continue,
            (_, Value::String(text)) => text.clone(),
            (_, Value::Array(items)) => items.iter().map(|i| i.as_str().unwrap_or_default().to_string()).collect::<Vec<_>>().join(","),
            (_, other) => other.to_string(),
        };
        out += &format!("{key} = {shown}\n");
    }
    if s.holidays.is_empty() {
        out += "holidays: none (add one with `trato holiday add YYYY-MM-DD NAME`)\n";
    } else {
        out += "holidays:\n";
        for h in &s.holidays {
            out += &format!("  {}  {}\n", h.date.format("%Y-%m-%d %a"), h.name.as_deref().unwrap_or(""));
        }
    }
    out
}
