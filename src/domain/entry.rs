//! A timeline entry: what every kind shares (when, how, what) and the rules for
//! dating the events that happen to it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::error::DomainError;
use super::feedback::Feedback;
use super::ids::{ClientId, EntryId};
use super::incident::Incident;
use super::promise::Promise;
use super::promise::PromiseEvent;
use super::request::Request;
use super::text;
use super::time::Due;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Call,
    Meeting,
    Email,
    Message,
    Visit,
    Other,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Call => "call",
            Channel::Meeting => "meeting",
            Channel::Email => "email",
            Channel::Message => "message",
            Channel::Visit => "visit",
            Channel::Other => "other",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    In,
    Out,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Interaction {
    pub direction: Direction,
}

/// What is particular to each kind of entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Details {
    Interaction(Interaction),
    Request(Request),
    Promise(Promise),
    Incident(Incident),
    Feedback(Feedback),
    Note,
}

impl Details {
    pub fn kind(&self) -> &'static str {
        match self {
            Details::Interaction(_) => "interaction",
            Details::Request(_) => "request",
            Details::Promise(_) => "promise",
            Details::Incident(_) => "incident",
            Details::Feedback(_) => "feedback",
            Details::Note => "note",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: EntryId,
    pub client_id: ClientId,
    /// When it happened (a promise: when it was made).
    pub occurred_at: DateTime<Utc>,
    /// When it was written down; differs from `occurred_at` for back-dated entries.
    pub recorded_at: DateTime<Utc>,
    pub channel: Channel,
    pub summary: String,
    pub details: Details,
}

/// The lifecycle state kept in an indexed column, so that open matters can be
/// found without reading the whole history.
pub const OPEN: &str = "open";

impl Entry {
    pub fn kind(&self) -> &'static str {
        self.details.kind()
    }

    /// Current lifecycle status: `open` while something is still owed or pending.
    pub fn status(&self) -> Option<&'static str> {
        self.status_at(DateTime::<Utc>::MAX_UTC)
    }

    /// The lifecycle status as it stood at `as_of`.
    pub fn status_at(&self, as_of: DateTime<Utc>) -> Option<&'static str> {
        match &self.details {
            Details::Request(r) => Some(r.status_at(as_of).as_str()),
            Details::Promise(p) => Some(p.status_at(as_of).as_str()),
            Details::Incident(i) => Some(if i.is_closed_at(as_of) { "closed" } else { OPEN }),
            Details::Feedback(f) if f.awaits_follow_up_at(as_of) => Some(OPEN),
            Details::Feedback(_) | Details::Interaction(_) | Details::Note => None,
        }
    }

    /// Until when this entry was an open matter: `None` for kinds without a
    /// lifecycle (or feedback that never needed a follow-up), `Some(None)` while
    /// still open, `Some(Some(t))` when it was closed at `t`.
    pub fn open_until(&self) -> Option<Option<DateTime<Utc>>> {
        match &self.details {
            Details::Request(r) => Some(r.closed_at()),
            Details::Promise(p) => Some(p.closed_at()),
            Details::Incident(i) => Some(i.step(super::incident::RecoveryStep::Closed).map(|s| s.at)),
            Details::Feedback(f) if f.score.is_negative() => Some(f.follow_ups.iter().map(|f| f.at).min()),
            Details::Feedback(_) | Details::Interaction(_) | Details::Note => None,
        }
    }

    /// The moments of contact between provider and client this entry records,
    /// in either direction: an interaction, a request, its follow-ups and replies.
    pub fn contact_moments(&self) -> Vec<DateTime<Utc>> {
        match &self.details {
            Details::Interaction(_) => vec![self.occurred_at],
            Details::Request(r) => std::iter::once(self.occurred_at).chain(r.contact_moments()).collect(),
            _ => Vec::new(),
        }
    }

    /// Every moment the provider wrote to the client in this entry: an
    /// interaction sent; a request's replies, its delivery or refusal.
    pub fn outreach_moments(&self) -> Vec<DateTime<Utc>> {
        match &self.details {
            Details::Interaction(i) if i.direction == Direction::Out => vec![self.occurred_at],
            Details::Request(r) => r.outreach_moments().collect(),
            _ => Vec::new(),
        }
    }

    /// Checks every invariant of a stored entry; used for entries that arrive
    /// whole (an import) rather than through the transitions.
    pub fn validate(&self) -> Result<(), DomainError> {
        text::required("summary", &self.summary, text::MAX_TEXT)?;
        self.check_years()?;
        let at = self.occurred_at;
        match &self.details {
            Details::Request(r) => r.validate(at),
            Details::Promise(p) => p.validate(at),
            Details::Incident(i) => i.validate(at),
            Details::Feedback(f) => f.validate(at),
            Details::Interaction(_) | Details::Note => Ok(()),
        }
    }

    /// Every moment and due date of the entry within the years a calendar can
    /// hold, each refusal naming its field.
    fn check_years(&self) -> Result<(), DomainError> {
        let mut dated: Vec<(&'static str, Due)> =
            vec![("occurred_at", Due::At(self.occurred_at)), ("recorded_at", Due::At(self.recorded_at))];
        match &self.details {
            Details::Request(r) => {
                dated.extend(r.answer_by.map(|t| ("answer_by", Due::At(t))));
                dated.extend(r.events.iter().map(|e| ("events", Due::At(e.at()))));
            }
            Details::Promise(p) => {
                dated.push(("due", p.due));
                for e in &p.events {
                    dated.push(("events", Due::At(e.at())));
                    if let PromiseEvent::Rescheduled { due, .. } = e {
                        dated.push(("events", *due));
                    }
                }
            }
            Details::Incident(i) => dated.extend(i.steps.iter().map(|s| ("steps", Due::At(s.at)))),
            Details::Feedback(f) => dated.extend(f.follow_ups.iter().map(|u| ("follow_ups", Due::At(u.at)))),
            Details::Interaction(_) | Details::Note => {}
        }
        for (field, d) in dated {
            d.check().map_err(|source| DomainError::OutOfYears { field, source })?;
        }
        Ok(())
    }

    pub fn request_mut(&mut self) -> Result<&mut Request, DomainError> {
        let (id, found) = (self.id, self.kind());
        match &mut self.details {
            Details::Request(r) => Ok(r),
            _ => Err(DomainError::WrongKind { id, expected: "request", found }),
        }
    }

    pub fn promise_mut(&mut self) -> Result<&mut Promise, DomainError> {
        let (id, found) = (self.id, self.kind());
        match &mut self.details {
            Details::Promise(p) => Ok(p),
            _ => Err(DomainError::WrongKind { id, expected: "promise", found }),
        }
    }

    pub fn incident_mut(&mut self) -> Result<&mut Incident, DomainError> {
        let (id, found) = (self.id, self.kind());
        match &mut self.details {
            Details::Incident(i) => Ok(i),
            _ => Err(DomainError::WrongKind { id, expected: "incident", found }),
        }
    }

    pub fn feedback_mut(&mut self) -> Result<&mut Feedback, DomainError> {
        let (id, found) = (self.id, self.kind());
        match &mut self.details {
            Details::Feedback(f) => Ok(f),
            _ => Err(DomainError::WrongKind { id, expected: "feedback", found }),
        }
    }

    /// The moment of this entry's latest event, if it has any.
    pub fn last_event_at(&self) -> Option<DateTime<Utc>> {
        match &self.details {
            Details::Request(r) => r.events.iter().map(|e| e.at()).max(),
            Details::Promise(p) => p.events.iter().map(|e| e.at()).max(),
            Details::Incident(i) => i.steps.iter().map(|s| s.at).max(),
            Details::Feedback(f) => f.follow_ups.iter().map(|s| s.at).max(),
            Details::Interaction(_) | Details::Note => None,
        }
    }

    /// The rules for dating an event that happens to this entry (`now` is the clock).
    pub fn event_time(&self, what: &'static str, at: DateTime<Utc>, now: DateTime<Utc>) -> Result<EventTime, DomainError> {
        if at > now {
            return Err(DomainError::InTheFuture { at: at.into(), now: now.into() });
        }
        if at < self.occurred_at {
            return Err(DomainError::BeforeEntry { what, kind: self.kind(), at: at.into(), entry_at: self.occurred_at.into() });
        }
        Ok(EventTime { at, what, kind: self.kind(), last: self.last_event_at() })
    }
}

/// A checked moment for an event on an entry. Events may be back-dated among
/// themselves (a reply logged late), but an event that closes the matter must
/// come after everything else that happened to it.
#[derive(Clone, Copy, Debug)]
pub struct EventTime {
    pub at: DateTime<Utc>,
    what: &'static str,
    kind: &'static str,
    last: Option<DateTime<Utc>>,
}

impl EventTime {
    pub fn closing(self) -> Result<DateTime<Utc>, DomainError> {
        match self.last {
            Some(last) if self.at < last => {
                Err(DomainError::BeforeLastEvent { what: self.what, kind: self.kind, at: self.at.into(), last: last.into() })
            }
            _ => Ok(self.at),
        }
    }

    #[cfg(test)]
    pub fn unchecked(at: DateTime<Utc>) -> Self {
        EventTime { at, what: "event", kind: "entry", last: None }
    }
}

/// Checks a new entry's own moment.
pub fn check_occurred(at: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), DomainError> {
    if at > now {
        return Err(DomainError::InTheFuture { at: at.into(), now: now.into() });
    }
    Ok(())
}

/// Events of a whole entry must not predate it; a closing one must be the last.
pub(crate) fn check_events(kind: &'static str, entry_at: DateTime<Utc>, events: &[(DateTime<Utc>, bool)]) -> Result<(), DomainError> {
    let last = events.iter().map(|(at, _)| *at).max();
    for &(at, closing) in events {
        if at < entry_at {
            return Err(DomainError::BeforeEntry { what: "an event", kind, at: at.into(), entry_at: entry_at.into() });
        }
        if closing {
            if let Some(last) = last.filter(|l| *l > at) {
                return Err(DomainError::BeforeLastEvent { what: "the closing event", kind, at: at.into(), last: last.into() });
            }
        }
    }
    if events.iter().filter(|(_, closing)| *closing).count() > 1 {
        return Err(DomainError::NotOpen { kind, status: "closed", action: "be closed twice" });
    }
    Ok(())
}
