//! What the rules of the journal refuse, with the facts of each refusal. The
//! `Display` text is for logs and tests; people read a face's wording of
//! [`DomainError::refusal`], in their language.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::ids::EntryId;
use super::refusal::{Code, Refusal};

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DomainError {
    #[error("{field} can't be empty")]
    Empty { field: &'static str },

    #[error("{field} is too long ({len} characters; at most {max})")]
    TooLong { field: &'static str, len: usize, max: usize },

    #[error("{at} is in the future (now is {now}); Trato records what has already happened")]
    InTheFuture { at: Moment, now: Moment },

    #[error("{what} can't be dated {at}, before the {kind} itself ({entry_at})")]
    BeforeEntry { what: &'static str, kind: &'static str, at: Moment, entry_at: Moment },

    #[error("{what} can't be dated {at}: the {kind} already has a later event ({last})")]
    BeforeLastEvent { what: &'static str, kind: &'static str, at: Moment, last: Moment },

    #[error("{id} is {} {found}, not {} {expected}", article(found), article(expected))]
    WrongKind { id: EntryId, expected: &'static str, found: &'static str },

    #[error("this {kind} is already {status}; only an open {kind} can {action}")]
    NotOpen { kind: &'static str, status: &'static str, action: &'static str },

    #[error("rescheduling needs a reason the client would accept, e.g. --reason \"waiting for photos\"")]
    ReasonRequired,

    #[error("the due date {due} is before the promise was made ({made})")]
    DueBeforeMade { due: String, made: String },

    #[error("the new due date {due} has already passed; choose a later date")]
    DueAlreadyPassed { due: String },

    #[error("the promise is already due {due}; give a different date to reschedule it")]
    SameDue { due: String },

    #[error("a rating is from 1 to 5 (got {0})")]
    RatingOutOfRange(i64),

    #[error("an NPS score is from 0 to 10 (got {0})")]
    NpsOutOfRange(i64),

    #[error("the incident was already {step} at {at}")]
    StepAlreadyTaken { step: &'static str, at: Moment },

    #[error("compensation needs a note saying what was offered, e.g. --note \"one month free\"")]
    CompensationNeedsNote,

    #[error("the request {request} belongs to another client")]
    RequestOfAnotherClient { request: EntryId },

    #[error("'{0}' does not look like an e-mail address")]
    BadEmail(String),

    #[error("'{0}' does not look like a phone number")]
    BadPhone(String),

    #[error("the answer-by moment {answer_by} is before the request was made ({asked})")]
    AnswerByBeforeAsked { answer_by: Moment, asked: Moment },

    #[error("a response target must be a positive number of business hours (got {0})")]
    BadResponseTarget(f64),

    #[error("{source}")]
    OutOfYears { field: &'static str, source: super::time::OutOfYears },

    #[error("{} {kind} has no {}", article(kind), field.replace('_', " "))]
    NotForKind { field: &'static str, kind: &'static str },

    #[error("this event has no {}", field.replace('_', " "))]
    NotForEvent { field: &'static str },

    #[error("that event is no longer where it was on this entry (it changed meanwhile); nothing was changed: look at the entry again")]
    EventChanged,

    #[error("this was recorded by the promise {promise}: correct or take back the promise instead")]
    CausedByPromise { promise: EntryId },

    #[error("the tag '{tag}' is given twice (also as '{again}')")]
    DuplicateTag { tag: String, again: String },
}

/// A moment in a refusal. The rules work in UTC and don't know the user's
/// zone; the journal, which does, has it said in that zone ([`DomainError::in_zone`])
/// before the user reads it, the way they typed it.
#[derive(Debug, Clone, Copy)]
pub struct Moment {
    pub utc: DateTime<Utc>,
    zone: Option<Tz>,
}

/// The same instant, whichever zone it is said in.
impl PartialEq for Moment {
    fn eq(&self, other: &Self) -> bool {
        self.utc == other.utc
    }
}

impl From<DateTime<Utc>> for Moment {
    fn from(utc: DateTime<Utc>) -> Self {
        Moment { utc, zone: None }
    }
}

impl std::fmt::Display for Moment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.zone {
            Some(tz) => f.write_str(&super::time::local_text(self.utc, tz)),
            // As the journal's files write them (an import's refusal points into one).
            None => write!(f, "{}", self.utc.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)),
        }
    }
}

/// "a request", "an incident".
pub fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

impl DomainError {
    /// A stable identifier for scripts and the UI, which branch on it instead of the text.
    pub fn code(&self) -> &'static str {
        self.refusal().code.as_str()
    }

    /// The refusal as data, for a face to word.
    pub fn refusal(&self) -> Refusal {
        let r = match self {
            DomainError::Empty { .. } => Refusal::new(Code::Empty),
            DomainError::TooLong { len, max, .. } => Refusal::new(Code::TooLong).count(*len as f64).limit(*max as f64),
            DomainError::InTheFuture { at, now } => Refusal::new(Code::InTheFuture).at(at.utc, at.zone).against(now.utc, now.zone),
            DomainError::BeforeEntry { what, kind, at, entry_at } => {
                Refusal::new(Code::BeforeEntry).value(*what).kind(*kind).at(at.utc, at.zone).against(entry_at.utc, entry_at.zone)
            }
            DomainError::BeforeLastEvent { what, kind, at, last } => {
                Refusal::new(Code::BeforeLastEvent).value(*what).kind(*kind).at(at.utc, at.zone).against(last.utc, last.zone)
            }
            DomainError::WrongKind { id, expected, found } => {
                Refusal::new(Code::WrongKind).value(id.to_string()).kind(*found).other(*expected)
            }
            DomainError::NotOpen { kind, status, action } => Refusal::new(Code::NotOpen).kind(*kind).other(*status).value(*action),
            DomainError::ReasonRequired => Refusal::new(Code::ReasonRequired),
            DomainError::DueBeforeMade { due, made } => Refusal::new(Code::DueBeforeMade).value(due).other(made),
            DomainError::DueAlreadyPassed { due } => Refusal::new(Code::DueAlreadyPassed).value(due),
            DomainError::SameDue { due } => Refusal::new(Code::SameDue).value(due),
            DomainError::RatingOutOfRange(n) => Refusal::new(Code::RatingOutOfRange).count(*n as f64),
            DomainError::NpsOutOfRange(n) => Refusal::new(Code::NpsOutOfRange).count(*n as f64),
            DomainError::StepAlreadyTaken { step, at } => Refusal::new(Code::StepAlreadyTaken).kind(*step).at(at.utc, at.zone),
            DomainError::CompensationNeedsNote => Refusal::new(Code::CompensationNeedsNote),
            DomainError::RequestOfAnotherClient { request } => Refusal::new(Code::RequestOfAnotherClient).value(request.to_string()),
            DomainError::BadEmail(v) => Refusal::new(Code::BadEmail).value(v),
            DomainError::BadPhone(v) => Refusal::new(Code::BadPhone).value(v),
            DomainError::BadResponseTarget(h) => Refusal::new(Code::BadResponseTarget).count(*h),
            DomainError::AnswerByBeforeAsked { answer_by, asked } => {
                Refusal::new(Code::AnswerByBeforeAsked).at(answer_by.utc, answer_by.zone).against(asked.utc, asked.zone)
            }
            DomainError::OutOfYears { source, .. } => out_of_years(source),
            DomainError::NotForKind { kind, .. } => Refusal::new(Code::NotForKind).kind(*kind),
            DomainError::NotForEvent { .. } => Refusal::new(Code::NotForEvent),
            DomainError::EventChanged => Refusal::new(Code::EventChanged),
            DomainError::CausedByPromise { promise } => Refusal::new(Code::CausedByPromise).value(promise.to_string()),
            DomainError::DuplicateTag { tag, again } => Refusal::new(Code::DuplicateTag).value(tag).other(again),
        };
        match self.field() {
            Some(field) => r.field(field),
            None => r,
        }
    }

    /// The same refusal with its moments said in the user's zone.
    pub fn in_zone(mut self, tz: Tz) -> Self {
        let moments: Vec<&mut Moment> = match &mut self {
            DomainError::InTheFuture { at, now } => vec![at, now],
            DomainError::BeforeEntry { at, entry_at, .. } => vec![at, entry_at],
            DomainError::BeforeLastEvent { at, last, .. } => vec![at, last],
            DomainError::StepAlreadyTaken { at, .. } => vec![at],
            DomainError::AnswerByBeforeAsked { answer_by, asked } => vec![answer_by, asked],
            _ => vec![],
        };
        for m in moments {
            m.zone = Some(tz);
        }
        self
    }

    /// The field of an entry or client the error is about, for import errors and forms.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            DomainError::Empty { field } | DomainError::TooLong { field, .. } => Some(field),
            DomainError::RatingOutOfRange(_) | DomainError::NpsOutOfRange(_) => Some("score"),
            DomainError::ReasonRequired => Some("reason"),
            DomainError::DueBeforeMade { .. } | DomainError::DueAlreadyPassed { .. } | DomainError::SameDue { .. } => Some("due"),
            DomainError::BadEmail(_) => Some("email"),
            DomainError::BadPhone(_) => Some("phone"),
            DomainError::BadResponseTarget(_) => Some("response_target_hours"),
            DomainError::AnswerByBeforeAsked { .. } => Some("answer_by"),
            DomainError::CompensationNeedsNote => Some("note"),
            DomainError::RequestOfAnotherClient { .. } => Some("for_request"),
            DomainError::DuplicateTag { .. } => Some("tags"),
            DomainError::OutOfYears { field, .. } | DomainError::NotForKind { field, .. } | DomainError::NotForEvent { field } => {
                Some(field)
            }
            _ => None,
        }
    }
}

/// A date beyond the years Trato keeps (1900–9999), wherever it was met.
pub fn out_of_years(e: &super::time::OutOfYears) -> Refusal {
    Refusal::new(Code::OutOfYears).count(e.year)
}
