//! Corrections of what an entry states (the fields every entry has and its
//! kind's own) and of the events recorded on it: changed, or taken back. A
//! corrected entry is checked whole, as a new one would be; the journal keeps
//! the version before in the entry's history.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::entry::{check_occurred, Channel, Details, Direction, Entry};
use super::error::DomainError;
use super::feedback::{Cause, FeedbackFollowUp, Score, Stage};
use super::ids::EntryId;
use super::incident::{IncidentSeverity, NoticedBy, RecoveryStep, StepTaken};
use super::promise::{check_due_not_before_made, PromiseEvent};
use super::request::RequestEvent;
use super::text;
use super::time::{truncate, Due};

/// A correction to what an entry states. `None` leaves a field as it is; for
/// the optional ones, `Some(None)` clears it. A field of another kind than the
/// entry's is refused, not ignored.
#[derive(Clone, Debug, Default)]
pub struct EntryPatch {
    pub summary: Option<String>,
    pub channel: Option<Channel>,
    pub at: Option<DateTime<Utc>>,
    /// An interaction's.
    pub direction: Option<Direction>,
    /// A request's.
    pub answer_by: Option<Option<DateTime<Utc>>>,
    /// A promise's first due date (a reschedule is corrected as an event).
    pub due: Option<Due>,
    /// The request a promise answers; the journal moves what the promise did to it.
    pub for_request: Option<Option<EntryId>>,
    /// An incident's.
    pub noticed_by: Option<NoticedBy>,
    pub severity: Option<IncidentSeverity>,
    /// Feedback's.
    pub score: Option<Score>,
    pub stage: Option<Stage>,
    pub cause: Option<Option<Cause>>,
    pub comment: Option<Option<String>>,
}

/// One event of an entry, whatever the entry's kind: what the history and
/// the corrections show.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Event {
    Request(RequestEvent),
    Promise(PromiseEvent),
    Incident(StepTaken),
    Feedback(FeedbackFollowUp),
}

impl Event {
    pub fn at(&self) -> DateTime<Utc> {
        match self {
            Event::Request(e) => e.at(),
            Event::Promise(e) => e.at(),
            Event::Incident(s) => s.at,
            Event::Feedback(f) => f.at,
        }
    }
}

/// Which event of an entry: its place in the entry's list of events, and its
/// moment, which must still be the same when the correction arrives (the
/// list may have changed since it was shown).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct EventRef {
    pub index: usize,
    pub at: DateTime<Utc>,
}

/// A correction to one event: when it happened, its words (a reason or a
/// note; `Some(None)` clears them), a reschedule's new date, a follow-up's channel.
#[derive(Clone, Debug, Default)]
pub struct EventPatch {
    pub at: Option<DateTime<Utc>>,
    pub note: Option<Option<String>>,
    pub due: Option<Due>,
    pub channel: Option<Channel>,
}

impl Entry {
    /// Every event recorded on this entry, in the order they were recorded.
    pub fn events(&self) -> Vec<Event> {
        match &self.details {
            Details::Request(r) => r.events.iter().cloned().map(Event::Request).collect(),
            Details::Promise(p) => p.events.iter().cloned().map(Event::Promise).collect(),
            Details::Incident(i) => i.steps.iter().cloned().map(Event::Incident).collect(),
            Details::Feedback(f) => f.follow_ups.iter().cloned().map(Event::Feedback).collect(),
            Details::Interaction(_) | Details::Note => Vec::new(),
        }
    }

    /// Applies `p`, then checks the whole entry. `now` bounds the new moment;
    /// `tz` says when a date-only due begins.
    pub fn correct(&mut self, p: EntryPatch, now: DateTime<Utc>, tz: Tz) -> Result<(), DomainError> {
        self.all_or_nothing(|e| e.apply(p, now, tz))
    }

    /// Runs `change` on a copy, and keeps it only when it succeeds and the
    /// entry passes its checks: a refused correction leaves the entry as it was.
    fn all_or_nothing<T>(&mut self, change: impl FnOnce(&mut Entry) -> Result<T, DomainError>) -> Result<T, DomainError> {
        let mut next = self.clone();
        let answer = change(&mut next)?;
        next.validate()?;
        *self = next;
        Ok(answer)
    }

    fn apply(&mut self, p: EntryPatch, now: DateTime<Utc>, tz: Tz) -> Result<(), DomainError> {
        if let Some(s) = p.summary {
            self.summary = s.trim().to_string();
        }
        if let Some(c) = p.channel {
            self.channel = c;
        }
        if let Some(at) = p.at {
            let at = truncate(at);
            check_occurred(at, now)?;
            self.occurred_at = at;
        }
        let (kind, made) = (self.kind(), self.occurred_at);
        // What was given for another kind is a mistake of the caller's to tell, not to drop.
        let given = [
            ("direction", p.direction.is_some(), "interaction"),
            ("answer_by", p.answer_by.is_some(), "request"),
            ("due", p.due.is_some(), "promise"),
            ("for_request", p.for_request.is_some(), "promise"),
            ("noticed_by", p.noticed_by.is_some(), "incident"),
            ("severity", p.severity.is_some(), "incident"),
            ("score", p.score.is_some(), "feedback"),
            ("stage", p.stage.is_some(), "feedback"),
            ("cause", p.cause.is_some(), "feedback"),
            ("comment", p.comment.is_some(), "feedback"),
        ];
        if let Some((field, ..)) = given.iter().find(|(_, given, owner)| *given && *owner != kind) {
            return Err(DomainError::NotForKind { field, kind });
        }
        match &mut self.details {
            Details::Interaction(i) => {
                if let Some(d) = p.direction {
                    i.direction = d;
                }
            }
            Details::Request(r) => {
                if let Some(by) = p.answer_by {
                    r.answer_by = by.map(truncate);
                }
            }
            Details::Promise(promise) => {
                if let Some(due) = p.due {
                    promise.due = due;
                }
                if let Some(link) = p.for_request {
                    promise.for_request = link;
                }
                // A promise moved to a later moment, or given an earlier date,
                // must still not be due before it was made.
                check_due_not_before_made(made, promise.due, tz)?;
            }
            Details::Incident(i) => {
                if let Some(n) = p.noticed_by {
                    i.noticed_by = n;
                }
                if let Some(s) = p.severity {
                    i.severity = s;
                }
            }
            Details::Feedback(f) => {
                if let Some(s) = p.score {
                    s.validate()?;
                    f.score = s;
                }
                if let Some(s) = p.stage {
                    f.stage = s;
                }
                if let Some(c) = p.cause {
                    f.cause = c;
                }
                if let Some(c) = p.comment {
                    f.comment = text::optional(c);
                    text::bounded("comment", f.comment.as_deref().unwrap_or(""), text::MAX_TEXT)?;
                }
            }
            Details::Note => {}
        }
        Ok(())
    }

    /// Checks that `r` still names the event it named when it was shown.
    fn check_event(&self, r: EventRef) -> Result<Event, DomainError> {
        match self.events().into_iter().nth(r.index) {
            Some(e) if e.at() == truncate(r.at) => {
                if let Event::Request(RequestEvent::Reply { promise: Some(p), .. } | RequestEvent::Done { promise: Some(p), .. }) = e {
                    return Err(DomainError::CausedByPromise { promise: p });
                }
                Ok(e)
            }
            _ => Err(DomainError::EventChanged),
        }
    }

    /// Takes the event `r` back, as if it had not been recorded; answers what it was.
    pub fn remove_event(&mut self, r: EventRef) -> Result<Event, DomainError> {
        let gone = self.check_event(r)?;
        self.all_or_nothing(|e| {
            match &mut e.details {
                Details::Request(x) => {
                    x.events.remove(r.index);
                }
                Details::Promise(x) => {
                    x.events.remove(r.index);
                }
                Details::Incident(x) => {
                    x.steps.remove(r.index);
                }
                Details::Feedback(x) => {
                    x.follow_ups.remove(r.index);
                }
                Details::Interaction(_) | Details::Note => return Err(DomainError::EventChanged),
            }
            Ok(())
        })?;
        Ok(gone)
    }

    /// Corrects the event `r` with `p`, then checks the whole entry: the event
    /// stays between the entry and now, a closing event stays the last one.
    pub fn correct_event(&mut self, r: EventRef, p: EventPatch, now: DateTime<Utc>, tz: Tz) -> Result<(), DomainError> {
        self.check_event(r)?;
        self.all_or_nothing(|e| e.apply_to_event(r.index, p, now, tz))
    }

    fn apply_to_event(&mut self, index: usize, p: EventPatch, now: DateTime<Utc>, tz: Tz) -> Result<(), DomainError> {
        let at = p.at.map(truncate);
        if let Some(at) = at {
            if at > now {
                return Err(DomainError::InTheFuture { at: at.into(), now: now.into() });
            }
        }
        let note = match p.note {
            Some(n) => {
                let n = text::optional(n);
                text::bounded("note", n.as_deref().unwrap_or(""), text::MAX_TEXT)?;
                Some(n)
            }
            None => None,
        };
        let made = self.occurred_at;
        let no = |field: &'static str| DomainError::NotForEvent { field };
        let set_note = |slot: &mut Option<String>, note: Option<Option<String>>| {
            if let Some(n) = note {
                *slot = n;
            }
        };
        let set_at = |slot: &mut DateTime<Utc>| {
            if let Some(at) = at {
                *slot = at;
            }
        };
        match &mut self.details {
            Details::Request(x) => {
                if p.due.is_some() {
                    return Err(no("due"));
                }
                match &mut x.events[index] {
                    RequestEvent::FollowUp { at, channel, note: n } => {
                        set_at(at);
                        set_note(n, note);
                        if let Some(c) = p.channel {
                            *channel = c;
                        }
                    }
                    RequestEvent::Reply { at, note: n, .. }
                    | RequestEvent::Declined { at, note: n }
                    | RequestEvent::Withdrawn { at, note: n } => {
                        if p.channel.is_some() {
                            return Err(no("channel"));
                        }
                        set_at(at);
                        set_note(n, note);
                    }
                    RequestEvent::Done { at, .. } => {
                        if p.channel.is_some() || note.is_some() {
                            return Err(no(if note.is_some() { "note" } else { "channel" }));
                        }
                        set_at(at);
                    }
                }
            }
            Details::Promise(x) => {
                if p.channel.is_some() {
                    return Err(no("channel"));
                }
                match &mut x.events[index] {
                    PromiseEvent::Rescheduled { at: when, due, reason, .. } => {
                        set_at(when);
                        if let Some(Some(n)) = note {
                            *reason = n;
                        } else if note.is_some() {
                            return Err(DomainError::ReasonRequired);
                        }
                        if let Some(d) = p.due {
                            *due = d;
                        }
                        check_due_not_before_made(made, *due, tz)?;
                        if due.is_before(*when, tz) {
                            return Err(DomainError::DueAlreadyPassed { due: due.to_string() });
                        }
                    }
                    other => {
                        if p.due.is_some() {
                            return Err(no("due"));
                        }
                        match other {
                            PromiseEvent::Kept { at: when } => {
                                if note.is_some() {
                                    return Err(no("note"));
                                }
                                set_at(when);
                            }
                            PromiseEvent::Broken { at: when, reason: n } | PromiseEvent::Released { at: when, note: n } => {
                                set_at(when);
                                set_note(n, note);
                            }
                            PromiseEvent::Rescheduled { .. } => {}
                        }
                    }
                }
            }
            Details::Incident(x) => {
                if p.channel.is_some() || p.due.is_some() {
                    return Err(no(if p.due.is_some() { "due" } else { "channel" }));
                }
                let step: &mut StepTaken = &mut x.steps[index];
                set_at(&mut step.at);
                set_note(&mut step.note, note);
                if step.step == RecoveryStep::Compensated && step.note.is_none() {
                    return Err(DomainError::CompensationNeedsNote);
                }
            }
            Details::Feedback(x) => {
                if p.channel.is_some() || p.due.is_some() {
                    return Err(no(if p.due.is_some() { "due" } else { "channel" }));
                }
                let f = &mut x.follow_ups[index];
                set_at(&mut f.at);
                set_note(&mut f.note, note);
            }
            Details::Interaction(_) | Details::Note => return Err(DomainError::EventChanged),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::promise::Promise;
    use crate::domain::request::Request;
    use crate::domain::ClientId;
    use chrono::TimeZone;
    use chrono_tz::Europe::Madrid;

    fn madrid(d: u32, h: u32) -> DateTime<Utc> {
        Madrid.with_ymd_and_hms(2026, 3, d, h, 0, 0).unwrap().with_timezone(&Utc)
    }

    fn entry(details: Details) -> Entry {
        Entry {
            id: EntryId::new_at(madrid(2, 10)),
            client_id: ClientId::new_at(madrid(1, 9)),
            occurred_at: madrid(2, 10),
            recorded_at: madrid(2, 10),
            channel: Channel::Email,
            summary: "Udpate the menu".into(),
            details,
        }
    }

    fn promise() -> Entry {
        let p = Promise::new(madrid(2, 10), "2026-03-04".parse().unwrap(), None, Madrid).unwrap();
        entry(Details::Promise(p))
    }

    #[test]
    fn a_typo_is_corrected_and_the_entry_checked_whole() {
        let mut e = promise();
        e.correct(EntryPatch { summary: Some(" Update the menu ".into()), ..Default::default() }, madrid(5, 9), Madrid).unwrap();
        assert_eq!(e.summary, "Update the menu");
        let err = e.correct(EntryPatch { summary: Some("  ".into()), ..Default::default() }, madrid(5, 9), Madrid).unwrap_err();
        assert_eq!(err, DomainError::Empty { field: "summary" });
    }

    #[test]
    fn a_field_of_another_kind_is_refused_by_name() {
        let mut e = promise();
        let err =
            e.correct(EntryPatch { severity: Some(IncidentSeverity::Major), ..Default::default() }, madrid(5, 9), Madrid).unwrap_err();
        assert_eq!(err, DomainError::NotForKind { field: "severity", kind: "promise" });
        assert_eq!(err.to_string(), "a promise has no severity");
    }

    #[test]
    fn a_promises_first_due_date_can_be_corrected_but_not_to_before_it_was_made() {
        let mut e = promise();
        e.correct(EntryPatch { due: Some("2026-03-05".parse().unwrap()), ..Default::default() }, madrid(5, 9), Madrid).unwrap();
        let err =
            e.correct(EntryPatch { due: Some("2026-03-01".parse().unwrap()), ..Default::default() }, madrid(5, 9), Madrid).unwrap_err();
        assert!(matches!(err, DomainError::DueBeforeMade { .. }), "{err}");
    }

    #[test]
    fn an_event_is_taken_back_only_while_it_is_still_where_it_was_shown() {
        let mut e = promise();
        e.promise_mut().unwrap().events.push(PromiseEvent::Kept { at: madrid(3, 9) });
        let stale = EventRef { index: 0, at: madrid(3, 10) };
        assert_eq!(e.remove_event(stale), Err(DomainError::EventChanged));
        assert_eq!(e.remove_event(EventRef { index: 1, at: madrid(3, 9) }), Err(DomainError::EventChanged));
        let gone = e.remove_event(EventRef { index: 0, at: madrid(3, 9) }).unwrap();
        assert_eq!(gone, Event::Promise(PromiseEvent::Kept { at: madrid(3, 9) }));
        assert_eq!(e.status(), Some("open"));
    }

    #[test]
    fn a_reply_made_by_a_promise_is_corrected_through_the_promise() {
        let p = EntryId::new_at(madrid(2, 12));
        let mut e = entry(Details::Request(Request::default()));
        e.request_mut().unwrap().events.push(RequestEvent::Reply { at: madrid(2, 12), note: None, promise: Some(p) });
        let r = EventRef { index: 0, at: madrid(2, 12) };
        assert_eq!(e.remove_event(r), Err(DomainError::CausedByPromise { promise: p }));
        let patch = EventPatch { note: Some(Some("x".into())), ..Default::default() };
        assert_eq!(e.correct_event(r, patch, madrid(5, 9), Madrid), Err(DomainError::CausedByPromise { promise: p }));
    }

    #[test]
    fn a_reschedule_keeps_a_reason_and_a_close_stays_last() {
        let mut e = promise();
        let events = &mut e.promise_mut().unwrap().events;
        events.push(PromiseEvent::Rescheduled {
            at: madrid(3, 9),
            due: "2026-03-06".parse().unwrap(),
            reason: "photos".into(),
            cause: None,
        });
        events.push(PromiseEvent::Kept { at: madrid(4, 9) });
        let resched = EventRef { index: 0, at: madrid(3, 9) };
        let clear = EventPatch { note: Some(None), ..Default::default() };
        assert_eq!(e.correct_event(resched, clear, madrid(5, 9), Madrid), Err(DomainError::ReasonRequired));
        let later = EventPatch { at: Some(madrid(4, 10)), ..Default::default() };
        let err = e.correct_event(resched, later, madrid(5, 9), Madrid).unwrap_err();
        assert!(matches!(err, DomainError::BeforeLastEvent { .. }), "a reschedule after the keep: {err}");
        let moved =
            EventPatch { due: Some("2026-03-07".parse().unwrap()), note: Some(Some("waiting for photos".into())), ..Default::default() };
        e.correct_event(resched, moved, madrid(5, 9), Madrid).unwrap();
        assert_eq!(e.promise_mut().unwrap().current_due(), "2026-03-07".parse().unwrap());
        let kept = EventRef { index: 1, at: madrid(4, 9) };
        let err = e.correct_event(kept, EventPatch { note: Some(Some("x".into())), ..Default::default() }, madrid(5, 9), Madrid);
        assert_eq!(err, Err(DomainError::NotForEvent { field: "note" }));
    }
}
