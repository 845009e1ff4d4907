//! How the CLI shows things to a person: dates in the journal's zone, one line
//! per item, the events of an entry indented under it; and what of it may
//! reach a terminal as it is.

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use trato::domain::feedback::Feedback;
use trato::domain::incident::Incident;
use trato::domain::promise::{Promise, PromiseEvent};
use trato::domain::request::{Request, RequestEvent};
use trato::domain::{Client, Details, Due, Entry};
use trato::journal::search::{HitItem, SearchHit};
use trato::journal::TrashItem;
use trato::store::history::Change;

pub use trato::domain::time::local_text as local;

/// Whether a character must not reach a terminal as it is: the C0 controls but
/// tab and line feed (ESC starts the sequences that recolour, retitle or clear
/// the screen; CR and backspace overwrite what was printed), DEL, the C1
/// controls (U+0080–U+009F; some terminals obey U+009B as ESC [), and the bidi
/// overrides and isolates (U+202A–U+202E, U+2066–U+2069), which reorder the
/// rest of the line so that it reads as something else.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Text for a person's terminal: every unsafe character (see `is_unsafe`)
/// written visibly as its escape (`\u{1b}`), everything else (accents, "ñ",
/// emoji, right-to-left scripts) as it is. Everything the CLI prints as text
/// goes through here, on standard output and standard error, since names,
/// notes and file names come from imported files.
pub fn terminal(text: &str) -> Cow<'_, str> {
    replace_unsafe(text, |c, out| out.extend(c.escape_unicode()))
}

/// JSON that is safe on a terminal and still exact: the unsafe characters as
/// `\uXXXX` escapes, which every JSON reader turns back into them. They can
/// only be inside strings (JSON's own syntax is ASCII), where an escape means
/// the same character; serde_json already escapes the C0 controls.
pub fn terminal_json(json: &str) -> Cow<'_, str> {
    // Every unsafe character is in the Basic Multilingual Plane: four digits hold it.
    replace_unsafe(json, |c, out| out.push_str(&format!("\\u{:04x}", u32::from(c))))
}

fn replace_unsafe(text: &str, escape: impl Fn(char, &mut String)) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_unsafe(c) {
            escape(c, &mut out);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// An entry as scripts read it: the stored entry plus its current status.
#[derive(Serialize)]
pub struct EntryView<'a> {
    #[serde(flatten)]
    pub entry: &'a Entry,
    pub status: Option<&'static str>,
}

pub fn clients(list: &[Client]) -> String {
    if list.is_empty() {
        return "No clients yet. Add one with `trato client add NAME`, or try `trato demo` on an empty journal.\n".to_string();
    }
    // Aligned as shown: a name's escapes (see `terminal`) widen it.
    let width = list.iter().map(|c| terminal(&c.name).chars().count()).max().unwrap_or(0).min(40);
    let mut out = String::new();
    for c in list {
        let org = c.organisation.as_deref().unwrap_or("");
        let archived = if c.archived_at.is_some() { " (archived)" } else { "" };
        out += &format!("{:<width$}  {:<9} {}  {}{archived}\n", terminal(&c.name), c.status.as_str(), c.id, org);
    }
    out
}

pub fn client(c: &Client, tz: Tz) -> String {
    let mut out = format!("{}\n", c.name);
    let mut line = |label: &str, value: Option<String>| {
        if let Some(v) = value {
            out += &format!("  {label:<18}{v}\n");
        }
    };
    line("id", Some(c.id.to_string()));
    line("organisation", c.organisation.clone());
    line("status", Some(c.status.as_str().to_string()));
    line("e-mail", c.email.clone());
    line("phone", c.phone.clone());
    line("preferred channel", c.preferred_channel.map(|ch| ch.as_str().to_string()));
    line("tags", (!c.tags.is_empty()).then(|| c.tags.join(", ")));
    line("availability", c.availability.clone());
    line("response target", c.response_target_hours.map(|h| format!("{h} business hours")));
    line("notes", c.notes.clone());
    line("client since", Some(local(c.created_at, tz)));
    line("archived", c.archived_at.map(|t| local(t, tz)));
    out
}

/// A due date as the user reads it: a day, or a moment in their zone.
fn due_text(due: Due, tz: Tz) -> String {
    match due {
        Due::Date(d) => d.format("%a %Y-%m-%d").to_string(),
        Due::At(t) => local(t, tz),
    }
}

/// The timeline as it stood at `now`: what happened later is not shown, so a
/// replay with `--now` tells the story up to that moment.
pub fn timeline(c: &Client, entries: &[Entry], tz: Tz, now: DateTime<Utc>) -> String {
    let entries: Vec<&Entry> = entries.iter().filter(|e| e.occurred_at <= now).collect();
    let mut out = format!("{} — {} entries, newest first\n\n", c.name, entries.len());
    for e in entries {
        out += &format!("{}  {:<11} {:<8} {}", local(e.occurred_at, tz), e.kind(), e.channel.as_str(), e.summary);
        let tags = entry_tags(e, tz, now);
        if !tags.is_empty() {
            out += &format!("  [{}]", tags.join(" · "));
        }
        out += &format!("\n{:>18}id {}\n", "", e.id);
        for (at, what) in events(e, tz).into_iter().filter(|(at, _)| *at <= now) {
            out += &format!("{:>18}{}  {}\n", "", local(at, tz), what);
        }
        if let Details::Feedback(f) = &e.details {
            if f.score.is_negative() {
                out += &format!("{:>18}next step: {}\n", "", trato::signals::ask::next_step(f.cause, trato::domain::Language::En));
            }
        }
    }
    out
}

fn entry_tags(e: &Entry, tz: Tz, now: DateTime<Utc>) -> Vec<String> {
    let mut tags = Vec::new();
    match &e.details {
        Details::Interaction(i) => {
            tags.push(if i.direction == trato::domain::Direction::In { "from the client" } else { "to the client" }.to_string())
        }
        Details::Request(r) => {
            tags.push(r.status_at(now).as_str().to_string());
            if let Some(since) = r.awaiting_reply_since(e.occurred_at, now) {
                tags.push(format!("awaiting a reply since {}", local(since, tz)));
            }
            if let Some(by) = r.answer_by {
                tags.push(format!("answer by {}", local(by, tz)));
            }
        }
        Details::Promise(p) => {
            tags.push(p.status_at(now).as_str().to_string());
            tags.push(format!("due {}", due_text(p.due_at(now), tz)));
            if let Some((_, late)) = p.kept(tz).filter(|(at, _)| *at <= now) {
                tags.push(if late { "kept late" } else { "kept on time" }.to_string());
            }
        }
        Details::Incident(i) => {
            tags.push(format!("{:?}", i.severity).to_lowercase());
            tags.push(format!("noticed by {}", if i.noticed_by == trato::domain::NoticedBy::Us { "us" } else { "the client" }));
            tags.push(if i.is_closed_at(now) { "closed" } else { "open" }.to_string());
        }
        Details::Feedback(f) => {
            tags.push(f.score.to_string());
            tags.push(format!("{:?}", f.stage).to_lowercase());
            if let Some(c) = f.cause {
                tags.push(format!("{c:?}").to_lowercase());
            }
            if f.awaits_follow_up_at(now) {
                tags.push("no follow-up yet".to_string());
            }
        }
        Details::Note => {}
    }
    tags
}

/// What happened to an entry after it was written, oldest first.
fn events(e: &Entry, tz: Tz) -> Vec<(DateTime<Utc>, String)> {
    let mut ev = match &e.details {
        Details::Request(r) => request_events(r),
        Details::Promise(p) => promise_events(p, tz),
        Details::Incident(i) => incident_events(i),
        Details::Feedback(f) => feedback_events(f),
        Details::Interaction(_) | Details::Note => Vec::new(),
    };
    ev.sort_by_key(|(at, _)| *at);
    ev
}

fn with_note(what: &str, note: &Option<String>) -> String {
    match note {
        Some(n) => format!("{what}: {n}"),
        None => what.to_string(),
    }
}

fn request_events(r: &Request) -> Vec<(DateTime<Utc>, String)> {
    r.events
        .iter()
        .map(|ev| {
            let text = match ev {
                RequestEvent::FollowUp { channel, note, .. } => with_note(&format!("the client asked again ({})", channel.as_str()), note),
                RequestEvent::Reply { note, promise: Some(_), .. } => with_note("answered with a promise", note),
                RequestEvent::Reply { note, .. } => with_note("replied", note),
                RequestEvent::Done { promise: Some(_), .. } => "done: the promise was kept".to_string(),
                RequestEvent::Done { .. } => "done".to_string(),
                RequestEvent::Declined { note, .. } => with_note("declined", note),
                RequestEvent::Withdrawn { note, .. } => with_note("withdrawn by the client", note),
            };
            (ev.at(), text)
        })
        .collect()
}

fn promise_events(p: &Promise, tz: Tz) -> Vec<(DateTime<Utc>, String)> {
    p.events
        .iter()
        .map(|ev| {
            let text = match ev {
                PromiseEvent::Rescheduled { due, reason, .. } => format!("rescheduled to {}: {reason}", due_text(*due, tz)),
                PromiseEvent::Kept { .. } => match p.kept(tz) {
                    Some((_, true)) => "kept, late".to_string(),
                    _ => "kept on time".to_string(),
                },
                PromiseEvent::Broken { reason, .. } => with_note("broken", reason),
                PromiseEvent::Released { note, .. } => with_note("released by the client", note),
            };
            (ev.at(), text)
        })
        .collect()
}

fn incident_events(i: &Incident) -> Vec<(DateTime<Utc>, String)> {
    i.steps.iter().map(|s| (s.at, with_note(s.step.as_str(), &s.note))).collect()
}

fn feedback_events(f: &Feedback) -> Vec<(DateTime<Utc>, String)> {
    f.follow_ups.iter().map(|u| (u.at, with_note("followed up", &u.note))).collect()
}

pub fn trash(items: &[TrashItem], tz: Tz) -> String {
    if items.is_empty() {
        return "The trash is empty.\n".to_string();
    }
    items
        .iter()
        .map(|i| {
            let what = if i.summary.is_empty() { i.client.clone() } else { format!("{} — {}", i.client, i.summary) };
            format!("{}  {:<11} {}  {what}\n", local(i.deleted_at, tz), i.kind, i.id)
        })
        .collect()
}

/// One hit per line: what it is, whose, its summary, and where the words
/// matched, in [brackets]. A snippet that starts with the summary (the words
/// of an item start with it) stands for it rather than repeat it.
pub fn search(hits: &[SearchHit], query: &str) -> String {
    if hits.is_empty() {
        return format!("Nothing matches '{}'.\n", one_line(query));
    }
    hits.iter()
        .map(|h| {
            let marked: String = h.snippet.iter().map(|s| if s.hit { format!("[{}]", s.text) } else { s.text.clone() }).collect();
            let summary = one_line(&h.summary);
            let has_summary = h.snippet.iter().map(|s| s.text.as_str()).collect::<String>().starts_with(&summary);
            let (kind, head) = match &h.item {
                HitItem::Client { .. } => ("client", String::new()),
                HitItem::Entry { kind, .. } => (kind.as_str(), format!("{} — ", one_line(&h.client_name))),
            };
            let what = if has_summary { marked } else { format!("{summary}  {marked}") };
            format!("{kind:<11} {head}{what}\n")
        })
        .collect()
}

/// A user's text on one line: a pasted note's line breaks would break the listing.
/// Other control characters stay, for [`terminal`] to show escaped: a hostile
/// name is seen as such, not quietly turned into spaces.
pub(super) fn one_line(text: &str) -> String {
    text.split(char::is_whitespace).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

pub fn history(changes: &[Change], tz: Tz) -> String {
    changes.iter().enumerate().map(|(n, c)| format!("{:>3}. {}  {}\n", n + 1, local(c.at, tz), c.action.replace('_', " "))).collect()
}

/// The backups as a table: when (local), why, size, entries, checked; the path below each.
pub fn backups(list: &[trato::journal::backup::BackupInfo], tz: Tz) -> String {
    if list.is_empty() {
        return "no backups yet: `trato backup` makes one\n".into();
    }
    let mut out = String::new();
    for b in list {
        let entries = b.entries.map_or_else(|| "?".to_string(), |n| format!("{n} entries"));
        let check = if b.verified { "verified" } else { "FAILED its check" };
        let size = format!("{:.1} MiB", b.size_bytes as f64 / (1024.0 * 1024.0));
        out += &format!("{}  {:<9}  {:>10}  {:>14}  {check}\n    {}\n", local(b.taken_at, tz), b.reason.as_str(), size, entries, b.path);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_and_bidi_overrides_are_shown_as_escapes() {
        assert_eq!(terminal("Ana \u{1b}]0;PWNED\u{7}\u{1b}[2JRuiz"), "Ana \\u{1b}]0;PWNED\\u{7}\\u{1b}[2JRuiz");
        assert_eq!(terminal("a\u{9b}31m b\u{202e}txt.exe\u{2066}c\u{7f}\r"), "a\\u{9b}31m b\\u{202e}txt.exe\\u{2066}c\\u{7f}\\u{d}");
    }

    #[test]
    fn lines_tabs_and_ordinary_unicode_are_left_as_they_are() {
        let text = "Panadería Sol\tñandú 😀\nمخبز الشمس — 中文 \u{200f}";
        assert!(matches!(terminal(text), Cow::Borrowed(t) if t == text), "nothing to escape, nothing copied");
    }

    #[test]
    fn json_for_a_terminal_reads_back_as_the_exact_text() {
        let name = "Ana \u{1b}[2J \u{9b}1m \u{202e}x\u{2069} ñ 😀";
        let json = serde_json::to_string(&name).unwrap();
        let safe = terminal_json(&json);
        assert!(!safe.chars().any(is_unsafe), "{safe}");
        assert!(safe.contains("\\u009b") && safe.contains("\\u202e") && safe.contains("ñ 😀"), "{safe}");
        assert_eq!(serde_json::from_str::<String>(&safe).unwrap(), name);
    }
}
