//! What a client's message becomes in the journal, read as a support desk
//! reads it: a client's message awaits a reply until one of the user's
//! follows in its thread. Threads are known by Message-ID, In-Reply-To and
//! References only: a subject says nothing of which matter a message is on.

use serde::{Deserialize, Serialize};

use crate::domain::Direction;

use super::Message;

/// What the thread of a message already holds, as far as the journal knows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ThreadState {
    /// An earlier message of the thread opened a request that is still open
    /// (in the journal, or proposed and not yet reviewed).
    pub open_request: bool,
}

/// What accepting a message writes. Every kind but `Availability` is also
/// an interaction on the client's timeline (the message itself, with its
/// excerpt); the kind says what else it does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum Becomes {
    /// The client asks: a new request, its answer-by counted in business time from the message's date.
    Request,
    /// The client writes again on an open request of the thread: asked again.
    FollowUp,
    /// The user writes on an open request of the thread: it is answered.
    Reply,
    /// Contact, and nothing owed: the user writing first, or a message that needs no reply.
    Interaction,
    /// An absence reply: when the client is away, offered for the client's availability note.
    Availability,
}

impl Becomes {
    pub fn as_str(self) -> &'static str {
        match self {
            Becomes::Request => "request",
            Becomes::FollowUp => "follow_up",
            Becomes::Reply => "reply",
            Becomes::Interaction => "interaction",
            Becomes::Availability => "availability",
        }
    }

    pub fn parse(s: &str) -> Option<Becomes> {
        [Becomes::Request, Becomes::FollowUp, Becomes::Reply, Becomes::Interaction, Becomes::Availability]
            .into_iter()
            .find(|b| b.as_str() == s)
    }

    /// The kind when the thread turns out to have no open request after all
    /// (the one it had was ignored, closed or trashed before this was accepted):
    /// the client's message asks anew, the user's is contact only.
    pub fn without_request(self) -> Becomes {
        match self {
            Becomes::FollowUp => Becomes::Request,
            Becomes::Reply => Becomes::Interaction,
            other => other,
        }
    }
}

/// What a client's message becomes, given which way it went and its thread.
/// Machine-made mail is never activity nor a reply (`None`), except that a
/// client's absence reply says when they are away.
pub fn becomes(m: &Message, direction: Direction, thread: ThreadState) -> Option<Becomes> {
    if m.machine.is_some() {
        return (m.out_of_office && direction == Direction::In).then_some(Becomes::Availability);
    }
    Some(match (direction, thread.open_request) {
        (Direction::In, false) => Becomes::Request,
        (Direction::In, true) => Becomes::FollowUp,
        (Direction::Out, true) => Becomes::Reply,
        (Direction::Out, false) => Becomes::Interaction,
    })
}

/// The ids a message says it follows: its References, then In-Reply-To
/// (some programs set only one of them).
pub fn parents(m: &Message) -> impl Iterator<Item = &str> {
    m.references.iter().chain(m.in_reply_to.iter()).map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mail::message::Machine;
    use chrono::{TimeZone, Utc};

    fn message(machine: Option<Machine>, out_of_office: bool) -> Message {
        Message {
            id: "m@x".into(),
            id_derived: false,
            in_reply_to: vec!["p@x".into()],
            references: vec!["r@x".into(), "p@x".into()],
            from: vec![],
            to: vec![],
            cc: vec![],
            date: Utc.with_ymd_and_hms(2026, 3, 3, 9, 0, 0).unwrap(),
            date_note: None,
            subject: "Menu".into(),
            excerpt: String::new(),
            machine,
            out_of_office,
        }
    }

    const OPEN: ThreadState = ThreadState { open_request: true };
    const NONE: ThreadState = ThreadState { open_request: false };

    #[test]
    fn a_client_s_first_message_asks_and_the_next_one_asks_again() {
        assert_eq!(becomes(&message(None, false), Direction::In, NONE), Some(Becomes::Request));
        assert_eq!(becomes(&message(None, false), Direction::In, OPEN), Some(Becomes::FollowUp));
    }

    #[test]
    fn the_user_s_message_answers_an_open_request_or_is_contact_only() {
        assert_eq!(becomes(&message(None, false), Direction::Out, OPEN), Some(Becomes::Reply));
        assert_eq!(becomes(&message(None, false), Direction::Out, NONE), Some(Becomes::Interaction));
    }

    #[test]
    fn machine_mail_is_nothing_but_an_absence_is_an_availability_note() {
        for state in [OPEN, NONE] {
            assert_eq!(becomes(&message(Some(Machine::List), false), Direction::In, state), None, "a newsletter");
            assert_eq!(becomes(&message(Some(Machine::AutoSubmitted), false), Direction::Out, state), None, "a receipt sent for me");
            assert_eq!(becomes(&message(Some(Machine::AutoReply), true), Direction::In, state), Some(Becomes::Availability));
            assert_eq!(becomes(&message(Some(Machine::AutoReply), true), Direction::Out, state), None, "my own absence reply");
        }
    }

    #[test]
    fn a_kind_that_needed_a_request_falls_back_when_there_is_none() {
        assert_eq!(Becomes::FollowUp.without_request(), Becomes::Request);
        assert_eq!(Becomes::Reply.without_request(), Becomes::Interaction);
        assert_eq!(Becomes::Request.without_request(), Becomes::Request);
    }

    #[test]
    fn kinds_round_trip_through_their_names() {
        for b in [Becomes::Request, Becomes::FollowUp, Becomes::Reply, Becomes::Interaction, Becomes::Availability] {
            assert_eq!(Becomes::parse(b.as_str()), Some(b));
        }
        assert_eq!(parents(&message(None, false)).collect::<Vec<_>>(), ["r@x", "p@x", "p@x"]);
    }
}
