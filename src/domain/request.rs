//! A client's request and its support-desk lifecycle: replies, follow-ups, and
//! how it ends (done, declined, withdrawn).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::entry::{check_events, Channel, EventTime};
use super::error::DomainError;
use super::ids::EntryId;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// An explicit answer-by moment; without it the client's response target applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer_by: Option<DateTime<Utc>>,
    #[serde(default)]
    pub events: Vec<RequestEvent>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum RequestEvent {
    /// The client asked again.
    FollowUp {
        #[serde(deserialize_with = "crate::domain::time::deserialize_moment")]
        at: DateTime<Utc>,
        channel: Channel,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// The provider answered; `promise` when the answer was making or rescheduling a linked promise.
    Reply {
        #[serde(deserialize_with = "crate::domain::time::deserialize_moment")]
        at: DateTime<Utc>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        promise: Option<EntryId>,
    },
    /// Delivered in full; `promise` when it was done by keeping a linked promise.
    Done {
        #[serde(deserialize_with = "crate::domain::time::deserialize_moment")]
        at: DateTime<Utc>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        promise: Option<EntryId>,
    },
    Declined {
        #[serde(deserialize_with = "crate::domain::time::deserialize_moment")]
        at: DateTime<Utc>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    Withdrawn {
        #[serde(deserialize_with = "crate::domain::time::deserialize_moment")]
        at: DateTime<Utc>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
}

impl RequestEvent {
    pub fn at(&self) -> DateTime<Utc> {
        match self {
            RequestEvent::FollowUp { at, .. }
            | RequestEvent::Reply { at, .. }
            | RequestEvent::Done { at, .. }
            | RequestEvent::Declined { at, .. }
            | RequestEvent::Withdrawn { at, .. } => *at,
        }
    }

    fn closes(&self) -> Option<RequestStatus> {
        match self {
            RequestEvent::Done { .. } => Some(RequestStatus::Done),
            RequestEvent::Declined { .. } => Some(RequestStatus::Declined),
            RequestEvent::Withdrawn { .. } => Some(RequestStatus::Withdrawn),
            RequestEvent::FollowUp { .. } | RequestEvent::Reply { .. } => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    Open,
    Done,
    Declined,
    Withdrawn,
}

impl RequestStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RequestStatus::Open => "open",
            RequestStatus::Done => "done",
            RequestStatus::Declined => "declined",
            RequestStatus::Withdrawn => "withdrawn",
        }
    }
}

/// A stretch of the client waiting for an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wait {
    pub since: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
}

/// How a request can be closed by the provider or the client.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Closing {
    Done,
    Declined,
    Withdrawn,
}

impl Request {
    pub fn status(&self) -> RequestStatus {
        self.status_at(DateTime::<Utc>::MAX_UTC)
    }

    /// The status as it stood at `as_of`: later events are not yet known then.
    pub fn status_at(&self, as_of: DateTime<Utc>) -> RequestStatus {
        self.events.iter().filter(|e| e.at() <= as_of).find_map(RequestEvent::closes).unwrap_or(RequestStatus::Open)
    }

    pub fn follow_ups_at(&self, as_of: DateTime<Utc>) -> usize {
        self.follow_up_moments(as_of).len()
    }

    pub fn follow_up_moments(&self, as_of: DateTime<Utc>) -> Vec<DateTime<Utc>> {
        self.events
            .iter()
            .filter_map(|e| match e {
                RequestEvent::FollowUp { at, .. } if *at <= as_of => Some(*at),
                _ => None,
            })
            .collect()
    }

    /// Since when the request has been waiting for the provider, as of `as_of`:
    /// the oldest client message (the ask or a follow-up) with no reply after it.
    /// A follow-up while still unanswered keeps the original clock; one after a
    /// reply starts a new one. `None` when closed or answered.
    pub fn awaiting_reply_since(&self, asked_at: DateTime<Utc>, as_of: DateTime<Utc>) -> Option<DateTime<Utc>> {
        if self.status_at(as_of) != RequestStatus::Open || asked_at > as_of {
            return None;
        }
        self.waits(asked_at, as_of).last().filter(|w| w.answered_at.is_none()).map(|w| w.since)
    }

    /// Each time the client waited for the provider, as of `as_of`: from the
    /// oldest unanswered message to the reply (or the closing) that answered it.
    pub fn waits(&self, asked_at: DateTime<Utc>, as_of: DateTime<Utc>) -> Vec<Wait> {
        let mut messages: Vec<(DateTime<Utc>, bool)> = vec![(asked_at, true)];
        for e in self.events.iter().filter(|e| e.at() <= as_of) {
            match e {
                RequestEvent::FollowUp { at, .. } => messages.push((*at, true)),
                RequestEvent::Reply { at, .. } | RequestEvent::Done { at, .. } | RequestEvent::Declined { at, .. } => {
                    messages.push((*at, false))
                }
                RequestEvent::Withdrawn { .. } => {}
            }
        }
        // At the same moment, the client's message comes first: a reply logged at
        // the minute of a follow-up answers it.
        messages.sort_by_key(|(at, from_client)| (*at, !*from_client));
        let mut waits: Vec<Wait> = Vec::new();
        let mut waiting_since = None;
        for (at, from_client) in messages {
            if from_client {
                waiting_since.get_or_insert(at);
            } else if let Some(since) = waiting_since.take() {
                waits.push(Wait { since, answered_at: Some(at) });
            }
        }
        waits.extend(waiting_since.map(|since| Wait { since, answered_at: None }));
        waits
    }

    pub fn closed_at(&self) -> Option<DateTime<Utc>> {
        self.events.iter().find(|e| e.closes().is_some()).map(RequestEvent::at)
    }

    /// Every event is a message between client and provider: a follow-up, a
    /// reply, the delivery, a refusal, the client withdrawing it.
    pub fn contact_moments(&self) -> impl Iterator<Item = DateTime<Utc>> + '_ {
        self.events.iter().map(RequestEvent::at)
    }

    /// The provider's own messages among the events: a reply, the delivery,
    /// a refusal. Not what a linked promise records (made, moved, kept): that
    /// is the promise's bookkeeping, and moving a date is no word about
    /// anything else (rescheduling must never pass for contacting the client).
    pub fn outreach_moments(&self) -> impl Iterator<Item = DateTime<Utc>> + '_ {
        self.events
            .iter()
            .filter(|e| {
                matches!(
                    e,
                    RequestEvent::Reply { promise: None, .. } | RequestEvent::Done { promise: None, .. } | RequestEvent::Declined { .. }
                )
            })
            .map(RequestEvent::at)
    }

    fn ensure_open(&self, action: &'static str) -> Result<(), DomainError> {
        match self.status() {
            RequestStatus::Open => Ok(()),
            other => Err(DomainError::NotOpen { kind: "request", status: other.as_str(), action }),
        }
    }

    pub fn follow_up(&mut self, t: EventTime, channel: Channel, note: Option<String>) -> Result<(), DomainError> {
        self.ensure_open("be followed up (log a new request instead)")?;
        self.events.push(RequestEvent::FollowUp { at: t.at, channel, note });
        Ok(())
    }

    pub fn reply(&mut self, t: EventTime, note: Option<String>, promise: Option<EntryId>) -> Result<(), DomainError> {
        self.ensure_open("be replied to")?;
        self.events.push(RequestEvent::Reply { at: t.at, note, promise });
        Ok(())
    }

    pub fn close(&mut self, t: EventTime, how: Closing, note: Option<String>) -> Result<(), DomainError> {
        self.ensure_open("be closed")?;
        let at = t.closing()?;
        self.events.push(match how {
            Closing::Done => RequestEvent::Done { at, promise: None },
            Closing::Declined => RequestEvent::Declined { at, note },
            Closing::Withdrawn => RequestEvent::Withdrawn { at, note },
        });
        Ok(())
    }

    /// Keeping a linked promise delivers the request. A request already closed
    /// some other way stays as it is: the client's word on it stands.
    pub fn done_by_promise(&mut self, at: DateTime<Utc>, promise: EntryId) {
        if self.status() == RequestStatus::Open {
            self.events.push(RequestEvent::Done { at, promise: Some(promise) });
        }
    }

    /// Whether the promise `id` recorded this event (by being made, rescheduled or kept).
    fn by_promise(e: &RequestEvent, id: EntryId) -> bool {
        matches!(e, RequestEvent::Reply { promise: Some(p), .. } | RequestEvent::Done { promise: Some(p), .. } if *p == id)
    }

    /// Brings what the promise `id` did to this request in line with `wanted`
    /// (see `Promise::request_events`), once the promise was corrected or an
    /// action on it taken back. They are matched in order and changed in
    /// place, so nothing else moves. What the promise did after the request
    /// was closed some other way stays out, as it did when it happened.
    pub fn follow_promise(&mut self, id: EntryId, wanted: Vec<RequestEvent>) {
        let closed_otherwise = self.events.iter().filter(|e| !Self::by_promise(e, id)).find_map(|e| e.closes().map(|_| e.at()));
        let mut wanted = wanted.into_iter().filter(|e| match closed_otherwise {
            None => true,
            Some(closed) => !matches!(e, RequestEvent::Done { .. }) && e.at() <= closed,
        });
        let mut events = Vec::with_capacity(self.events.len());
        for e in self.events.drain(..) {
            if !Self::by_promise(&e, id) {
                events.push(e);
            } else if let Some(w) = wanted.next() {
                events.push(w);
            }
        }
        events.extend(wanted);
        self.events = events;
    }

    pub fn validate(&self, asked_at: DateTime<Utc>) -> Result<(), DomainError> {
        if let Some(answer_by) = self.answer_by.filter(|by| *by < asked_at) {
            return Err(DomainError::AnswerByBeforeAsked { answer_by: answer_by.into(), asked: asked_at.into() });
        }
        let times: Vec<_> = self.events.iter().map(|e| (e.at(), e.closes().is_some())).collect();
        check_events("request", asked_at, &times)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn t(h: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap() + Duration::hours(h)
    }
    fn at(h: i64) -> EventTime {
        EventTime::unchecked(t(h))
    }

    #[test]
    fn a_new_request_awaits_a_reply_from_when_it_was_asked() {
        let r = Request::default();
        assert_eq!(r.awaiting_reply_since(t(0), t(5)), Some(t(0)));
    }

    #[test]
    fn a_reply_stops_the_clock() {
        let mut r = Request::default();
        r.reply(at(2), None, None).unwrap();
        assert_eq!(r.awaiting_reply_since(t(0), t(5)), None);
        assert_eq!(r.awaiting_reply_since(t(0), t(1)), Some(t(0)), "before the reply it was still waiting");
    }

    #[test]
    fn follow_up_after_a_reply_makes_it_await_a_reply_again_with_a_new_clock() {
        let mut r = Request::default();
        r.reply(at(2), None, None).unwrap();
        r.follow_up(at(48), Channel::Email, None).unwrap();
        assert_eq!(r.awaiting_reply_since(t(0), t(50)), Some(t(48)));
        assert_eq!(r.follow_ups_at(t(50)), 1);
    }

    #[test]
    fn follow_up_while_unanswered_keeps_the_original_clock() {
        let mut r = Request::default();
        r.follow_up(at(3), Channel::Call, None).unwrap();
        assert_eq!(r.awaiting_reply_since(t(0), t(5)), Some(t(0)), "asking twice must not buy the provider more time");
    }

    #[test]
    fn a_back_dated_reply_answers_the_messages_before_it_only() {
        let mut r = Request::default();
        r.follow_up(at(10), Channel::Email, None).unwrap();
        r.reply(at(5), Some("logged late".into()), None).unwrap();
        assert_eq!(r.awaiting_reply_since(t(0), t(12)), Some(t(10)));
    }

    #[test]
    fn a_closed_request_awaits_nothing_and_refuses_more_events() {
        let mut r = Request::default();
        r.close(at(1), Closing::Declined, Some("out of scope".into())).unwrap();
        assert_eq!(r.status(), RequestStatus::Declined);
        assert_eq!(r.awaiting_reply_since(t(0), t(5)), None);
        assert!(matches!(r.follow_up(at(2), Channel::Email, None), Err(DomainError::NotOpen { status: "declined", .. })));
        assert!(matches!(r.reply(at(2), None, None), Err(DomainError::NotOpen { .. })));
        assert!(matches!(r.close(at(2), Closing::Done, None), Err(DomainError::NotOpen { .. })));
    }

    #[test]
    fn each_way_of_closing_gives_its_status() {
        for (how, status) in [
            (Closing::Done, RequestStatus::Done),
            (Closing::Declined, RequestStatus::Declined),
            (Closing::Withdrawn, RequestStatus::Withdrawn),
        ] {
            let mut r = Request::default();
            r.close(at(1), how, None).unwrap();
            assert_eq!(r.status(), status);
            assert_eq!(r.status_at(t(0)), RequestStatus::Open, "as of before the close it was open");
        }
    }

    #[test]
    fn following_a_promise_changes_only_what_the_promise_did() {
        let p = EntryId::new_at(t(0));
        let mut r = Request::default();
        r.reply(at(1), None, Some(p)).unwrap();
        r.follow_up(at(2), Channel::Email, Some("any news?".into())).unwrap();
        r.reply(at(3), Some("photos".into()), Some(p)).unwrap();
        r.done_by_promise(t(4), p);
        let before = r.clone();
        // The keep taken back: only the delivery goes.
        r.follow_promise(
            p,
            before.events.iter().filter(|e| Request::by_promise(e, p) && !matches!(e, RequestEvent::Done { .. })).cloned().collect(),
        );
        assert_eq!(r.events, before.events[..3].to_vec());
        // Kept again: the request is as it was, event for event.
        let mut again = r.clone();
        again.follow_promise(p, before.events.iter().filter(|e| Request::by_promise(e, p)).cloned().collect());
        assert_eq!(again, before);
        // Unlinked: the follow-up stays, the request awaits a reply from it.
        r.follow_promise(p, Vec::new());
        assert_eq!(r.events.len(), 1);
        assert_eq!(r.awaiting_reply_since(t(0), t(5)), Some(t(0)));
    }

    #[test]
    fn done_by_a_kept_promise_leaves_a_declined_request_alone() {
        let mut r = Request::default();
        r.close(at(1), Closing::Withdrawn, None).unwrap();
        r.done_by_promise(t(2), EntryId::new_at(t(0)));
        assert_eq!(r.status(), RequestStatus::Withdrawn);
    }
}
