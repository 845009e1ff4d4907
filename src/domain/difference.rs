//! What changed between two versions of a client or an entry, field by field
//! and event by event: the history a person reads, worded by the UI or the CLI.

use serde::Serialize;

use super::client::Client;
use super::correction::Event;
use super::entry::{Details, Entry};

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[serde(tag = "what", rename_all = "snake_case")]
pub enum Difference {
    /// A field, named as the journal's JSON names it, with its values as the
    /// JSON writes them (a moment in RFC 3339, a choice by its identifier, a
    /// list joined by ", ", a score as `3/5` or `NPS 7`); `None` is empty.
    Field { field: &'static str, before: Option<String>, after: Option<String> },
    /// An event recorded (`before` is none), taken back (`after` is none) or corrected.
    Event { before: Option<Event>, after: Option<Event> },
}

/// A value as the journal's JSON writes it, for a person to read.
fn text<T: Serialize>(value: &T) -> Option<String> {
    match serde_json::to_value(value).ok()? {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Array(items) if items.is_empty() => None,
        serde_json::Value::Array(items) => {
            Some(items.iter().map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string)).collect::<Vec<_>>().join(", "))
        }
        other => Some(other.to_string()),
    }
}

struct Differences(Vec<Difference>);

impl Differences {
    fn field(&mut self, field: &'static str, before: Option<String>, after: Option<String>) {
        if before != after {
            self.0.push(Difference::Field { field, before, after });
        }
    }

    fn value<T: Serialize + PartialEq>(&mut self, field: &'static str, before: &T, after: &T) {
        if before != after {
            self.field(field, text(before), text(after));
        }
    }

    /// The events that differ: what both lists share at their start and end is
    /// left out, what remains in the middle is paired in order.
    fn events(&mut self, before: Vec<Event>, after: Vec<Event>) {
        let head = before.iter().zip(&after).take_while(|(b, a)| b == a).count();
        let tail = before[head..].iter().rev().zip(after[head..].iter().rev()).take_while(|(b, a)| b == a).count();
        let mut old = before[head..before.len() - tail].iter().cloned();
        let mut new = after[head..after.len() - tail].iter().cloned();
        loop {
            match (old.next(), new.next()) {
                (None, None) => break,
                (before, after) => self.0.push(Difference::Event { before, after }),
            }
        }
    }
}

/// What changed from `before` to `after`, two versions of one entry.
pub fn between_entries(before: &Entry, after: &Entry) -> Vec<Difference> {
    let mut d = Differences(Vec::new());
    d.value("summary", &before.summary, &after.summary);
    d.value("channel", &before.channel, &after.channel);
    d.value("occurred_at", &before.occurred_at, &after.occurred_at);
    match (&before.details, &after.details) {
        (Details::Interaction(b), Details::Interaction(a)) => d.value("direction", &b.direction, &a.direction),
        (Details::Request(b), Details::Request(a)) => d.value("answer_by", &b.answer_by, &a.answer_by),
        (Details::Promise(b), Details::Promise(a)) => {
            d.value("due", &b.due, &a.due);
            d.value("for_request", &b.for_request, &a.for_request);
        }
        (Details::Incident(b), Details::Incident(a)) => {
            d.value("noticed_by", &b.noticed_by, &a.noticed_by);
            d.value("severity", &b.severity, &a.severity);
        }
        (Details::Feedback(b), Details::Feedback(a)) => {
            if b.score != a.score {
                d.field("score", Some(b.score.to_string()), Some(a.score.to_string()));
            }
            d.value("stage", &b.stage, &a.stage);
            d.value("cause", &b.cause, &a.cause);
            d.value("comment", &b.comment, &a.comment);
        }
        _ => {}
    }
    d.events(before.events(), after.events());
    d.0
}

/// What changed from `before` to `after`, two versions of one client's profile
/// (archiving is said by the change itself).
pub fn between_clients(before: &Client, after: &Client) -> Vec<Difference> {
    let mut d = Differences(Vec::new());
    d.value("name", &before.name, &after.name);
    d.value("organisation", &before.organisation, &after.organisation);
    d.value("email", &before.email, &after.email);
    d.value("other_emails", &before.other_emails, &after.other_emails);
    d.value("phone", &before.phone, &after.phone);
    d.value("other_phones", &before.other_phones, &after.other_phones);
    d.value("preferred_channel", &before.preferred_channel, &after.preferred_channel);
    d.value("status", &before.status, &after.status);
    d.value("tags", &before.tags, &after.tags);
    d.value("notes", &before.notes, &after.notes);
    d.value("availability", &before.availability, &after.availability);
    d.value("response_target_hours", &before.response_target_hours, &after.response_target_hours);
    d.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::promise::{Promise, PromiseEvent};
    use crate::domain::{Channel, ClientId, EntryId};
    use chrono::{DateTime, TimeZone, Utc};

    fn t(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, h, 0, 0).unwrap()
    }

    fn promise(events: Vec<PromiseEvent>) -> Entry {
        Entry {
            id: EntryId::new_at(t(9)),
            client_id: ClientId::new_at(t(8)),
            occurred_at: t(9),
            recorded_at: t(9),
            channel: Channel::Email,
            summary: "New menu online".into(),
            details: Details::Promise(Promise {
                due: "2026-03-04".parse().unwrap(),
                for_request: None,
                promise_kind: None,
                set_by: Default::default(),
                events,
            }),
        }
    }

    #[test]
    fn a_corrected_typo_reads_as_its_two_versions() {
        let before = Entry { summary: "New mneu online".into(), ..promise(vec![]) };
        let after = promise(vec![]);
        assert_eq!(
            between_entries(&before, &after),
            vec![Difference::Field { field: "summary", before: Some("New mneu online".into()), after: Some("New menu online".into()) }]
        );
        assert_eq!(between_entries(&after, &after), vec![], "nothing changed, nothing to tell");
    }

    #[test]
    fn an_event_taken_back_from_the_middle_is_the_only_difference() {
        let moved =
            |h| PromiseEvent::Rescheduled { at: t(h), due: "2026-03-06".parse().unwrap(), reason: format!("reason {h}"), cause: None };
        let before = promise(vec![moved(10), moved(11), PromiseEvent::Kept { at: t(12) }]);
        let after = promise(vec![moved(10), PromiseEvent::Kept { at: t(12) }]);
        assert_eq!(between_entries(&before, &after), vec![Difference::Event { before: Some(Event::Promise(moved(11))), after: None }]);
        assert_eq!(between_entries(&after, &before), vec![Difference::Event { before: None, after: Some(Event::Promise(moved(11))) }]);
    }

    #[test]
    fn lists_and_choices_are_written_as_the_json_writes_them() {
        let mut c = Client::new(ClientId::new_at(t(8)), "Sol", t(8), Default::default()).unwrap();
        let before = c.clone();
        c.tags = vec!["bakery".into(), "madrid".into()];
        c.preferred_channel = Some(Channel::Message);
        assert_eq!(
            between_clients(&before, &c),
            vec![
                Difference::Field { field: "preferred_channel", before: None, after: Some("message".into()) },
                Difference::Field { field: "tags", before: None, after: Some("bakery, madrid".into()) },
            ]
        );
    }
}
