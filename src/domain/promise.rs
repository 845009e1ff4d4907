//! A promise the provider made: its due date and every reschedule (with the
//! reason given), and how it ended: kept, broken, or released by the client.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::entry::{check_events, EventTime};
use super::error::DomainError;
use super::ids::EntryId;
use super::request::RequestEvent;
use super::time::{local_date, Due};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Promise {
    /// The due date first promised; reschedules are events, so the whole history stays.
    #[ts(type = "string")]
    pub due: Due,
    /// The client's request this promise answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub for_request: Option<EntryId>,
    /// What kind of promise it is, a short tag of the user's ("entrega",
    /// "presupuesto"): the reference class its calibration compares it with.
    /// Not `kind`: the entry's details are tagged by that name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promise_kind: Option<String>,
    /// Who chose the due date. A date the client set says nothing of how well
    /// the provider estimates, so calibration leaves it out.
    #[serde(default, skip_serializing_if = "SetBy::is_me")]
    pub set_by: SetBy,
    #[serde(default)]
    pub events: Vec<PromiseEvent>,
}

/// Who chose a promise's due date.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum SetBy {
    /// You estimated it (every promise recorded before this was asked).
    #[default]
    Me,
    /// The client named the date and you agreed.
    Client,
}

impl SetBy {
    pub fn is_me(&self) -> bool {
        *self == SetBy::Me
    }
}

/// Why a due date moved, as far as calibration cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum RescheduleCause {
    /// You needed more time than you said.
    MySlip,
    /// The client asked for another date.
    ClientAsked,
    /// Something outside either of you (a supplier, an illness, the weather).
    Outside,
}

/// The longest promise kind, in characters: a word or two, like a tag.
pub const MAX_KIND: usize = 40;

/// Kinds offered when a promise is written; any other word is as good.
pub const SUGGESTED_KINDS: [&str; 5] = ["entrega", "presupuesto", "corrección", "llamada", "respuesta"];

/// A promise kind as it is kept: trimmed, inner spaces collapsed, lower case
/// (so "Entrega" and "entrega " are one class); blank means none.
pub fn promise_kind(text: Option<&str>) -> Result<Option<String>, DomainError> {
    let Some(text) = text else { return Ok(None) };
    let kind = text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    if kind.is_empty() {
        return Ok(None);
    }
    super::text::bounded("kind", &kind, MAX_KIND)?;
    Ok(Some(kind))
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum PromiseEvent {
    Rescheduled {
        #[serde(deserialize_with = "crate::domain::time::deserialize_moment")]
        at: DateTime<Utc>,
        #[ts(type = "string")]
        due: Due,
        reason: String,
        /// Whose the move was; `None` for reschedules recorded before this was asked.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cause: Option<RescheduleCause>,
    },
    Kept {
        #[serde(deserialize_with = "crate::domain::time::deserialize_moment")]
        at: DateTime<Utc>,
    },
    Broken {
        #[serde(deserialize_with = "crate::domain::time::deserialize_moment")]
        at: DateTime<Utc>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// The client let the provider off the promise.
    Released {
        #[serde(deserialize_with = "crate::domain::time::deserialize_moment")]
        at: DateTime<Utc>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
}

impl PromiseEvent {
    pub fn at(&self) -> DateTime<Utc> {
        match self {
            PromiseEvent::Rescheduled { at, .. }
            | PromiseEvent::Kept { at }
            | PromiseEvent::Broken { at, .. }
            | PromiseEvent::Released { at, .. } => *at,
        }
    }

    fn closes(&self) -> Option<PromiseStatus> {
        match self {
            PromiseEvent::Kept { .. } => Some(PromiseStatus::Kept),
            PromiseEvent::Broken { .. } => Some(PromiseStatus::Broken),
            PromiseEvent::Released { .. } => Some(PromiseStatus::Released),
            PromiseEvent::Rescheduled { .. } => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum PromiseStatus {
    Open,
    Kept,
    Broken,
    Released,
}

impl PromiseStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PromiseStatus::Open => "open",
            PromiseStatus::Kept => "kept",
            PromiseStatus::Broken => "broken",
            PromiseStatus::Released => "released",
        }
    }
}

/// A due date and how it came to be: the first promise (no reason) or a reschedule.
#[derive(Clone, Debug, PartialEq)]
pub struct DueChange<'a> {
    /// When it was rescheduled; `None` for the due date first promised.
    pub at: Option<DateTime<Utc>>,
    pub due: Due,
    pub reason: Option<&'a str>,
}

/// A promise's due date as a person reads it at a moment: the date in force,
/// the one first promised, and how many times it moved in between.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct DueInForce {
    #[ts(type = "string")]
    pub due: Due,
    /// The moment `due` passes (a date-only due: the end of that local day),
    /// what "due tomorrow" and "2 days late" count to.
    pub deadline: DateTime<Utc>,
    #[ts(type = "string")]
    pub first: Due,
    /// How many times it was rescheduled.
    pub moves: u32,
}

/// A due date that passed while the promise was open: the client was let down
/// then, whatever happened after.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MissedDate {
    pub due: Due,
    /// The moment it passed (the end of the day, for a date without a time).
    pub passed: DateTime<Utc>,
    /// When it stopped being overdue (moved, kept, broken, released); `None` while it still is.
    pub ended: Option<DateTime<Utc>>,
}

/// A reschedule, and whether the date it moved had already passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Move {
    pub at: DateTime<Utc>,
    pub after_it_passed: bool,
}

impl Promise {
    /// Checks a new promise: it can't be due before it was made.
    pub fn new(made_at: DateTime<Utc>, due: Due, for_request: Option<EntryId>, tz: Tz) -> Result<Self, DomainError> {
        check_due_not_before_made(made_at, due, tz)?;
        Ok(Promise { due, for_request, promise_kind: None, set_by: SetBy::Me, events: Vec::new() })
    }

    pub fn status(&self) -> PromiseStatus {
        self.status_at(DateTime::<Utc>::MAX_UTC)
    }

    pub fn status_at(&self, as_of: DateTime<Utc>) -> PromiseStatus {
        self.events.iter().filter(|e| e.at() <= as_of).find_map(PromiseEvent::closes).unwrap_or(PromiseStatus::Open)
    }

    /// The due date in force at `as_of`.
    pub fn due_at(&self, as_of: DateTime<Utc>) -> Due {
        self.due_history(as_of).last().map(|c| c.due).unwrap_or(self.due)
    }

    /// The due date in force at `as_of`, with the first one and how often it moved.
    pub fn due_in_force(&self, as_of: DateTime<Utc>, tz: Tz) -> DueInForce {
        let history = self.due_history(as_of);
        let due = history.last().map_or(self.due, |c| c.due);
        let moves = u32::try_from(history.len() - 1).unwrap_or(u32::MAX);
        DueInForce { due, deadline: due.deadline(tz), first: self.due, moves }
    }

    pub fn current_due(&self) -> Due {
        self.due_at(DateTime::<Utc>::MAX_UTC)
    }

    /// Every due date this promise has had up to `as_of`, in order, starting
    /// with the one first promised.
    pub fn due_history(&self, as_of: DateTime<Utc>) -> Vec<DueChange<'_>> {
        let mut reschedules: Vec<DueChange<'_>> = self
            .events
            .iter()
            .filter_map(|e| match e {
                PromiseEvent::Rescheduled { at, due, reason, .. } if *at <= as_of => {
                    Some(DueChange { at: Some(*at), due: *due, reason: Some(reason.as_str()) })
                }
                _ => None,
            })
            .collect();
        reschedules.sort_by_key(|c| c.at);
        let first = DueChange { at: None, due: self.due, reason: None };
        std::iter::once(first).chain(reschedules).collect()
    }

    /// Whether keeping it at `at` is late (see `kept`).
    fn late_at(&self, at: DateTime<Utc>, tz: Tz) -> bool {
        at > self.due.deadline(tz)
    }

    /// When it was kept, and whether that was late: after the due date first
    /// promised. A promise kept on its rescheduled date still made the client
    /// wait past what they were told, and that is what trust remembers.
    pub fn kept(&self, tz: Tz) -> Option<(DateTime<Utc>, bool)> {
        self.events.iter().find_map(|e| match e {
            PromiseEvent::Kept { at } => Some((*at, self.late_at(*at, tz))),
            _ => None,
        })
    }

    /// When it was broken, if it was by `as_of`.
    pub fn broken_at(&self, as_of: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.events.iter().filter(|e| e.at() <= as_of).find(|e| e.closes().is_some()).and_then(|e| match e {
            PromiseEvent::Broken { at, .. } => Some(*at),
            _ => None,
        })
    }

    pub fn closed_at(&self) -> Option<DateTime<Utc>> {
        self.events.iter().find(|e| e.closes().is_some()).map(PromiseEvent::at)
    }

    /// Every due date that passed while the promise was open with it in force,
    /// as of `as_of`, oldest first. A date kept, moved or closed at its very
    /// deadline was not missed; one that passed stays missed whatever came after.
    pub fn missed_dates(&self, as_of: DateTime<Utc>, tz: Tz) -> Vec<MissedDate> {
        let history = self.due_history(as_of);
        let closed = self.events.iter().filter(|e| e.at() <= as_of).find(|e| e.closes().is_some()).map(PromiseEvent::at);
        history
            .iter()
            .enumerate()
            .filter_map(|(i, change)| {
                // In force from when it was set until the next date, or the end of the promise.
                let next = history.get(i + 1).and_then(|n| n.at);
                let until = match (next, closed) {
                    (Some(n), Some(c)) => Some(n.min(c)),
                    (n, c) => n.or(c),
                };
                let passed = change.due.deadline(tz);
                let set_before = change.at.is_none_or(|at| at <= passed);
                (set_before && passed < until.unwrap_or(as_of)).then_some(MissedDate { due: change.due, passed, ended: until })
            })
            .collect()
    }

    /// Every reschedule up to `as_of`, oldest first, and whether it moved a
    /// date that had already passed (the same line `missed_dates` draws).
    pub fn moves(&self, as_of: DateTime<Utc>, tz: Tz) -> Vec<Move> {
        self.due_history(as_of)
            .windows(2)
            .filter_map(|w| w[1].at.map(|at| Move { at, after_it_passed: w[0].due.deadline(tz) < at }))
            .collect()
    }

    /// When this promise lapsed, as of `as_of`: broken, or kept after its first
    /// due moment. Either is a failure the client remembers.
    pub fn lapsed_at(&self, as_of: DateTime<Utc>, tz: Tz) -> Option<DateTime<Utc>> {
        self.events.iter().filter(|e| e.at() <= as_of).find_map(|e| match e {
            PromiseEvent::Broken { at, .. } => Some(*at),
            PromiseEvent::Kept { at } if self.late_at(*at, tz) => Some(*at),
            _ => None,
        })
    }

    /// What this promise did to the request it answers (`id` is the promise's
    /// own id), in the order it was recorded: being made replied to it, each
    /// reschedule replied with its reason, being kept delivered it.
    pub fn request_events(&self, id: EntryId, made_at: DateTime<Utc>) -> Vec<RequestEvent> {
        let made = RequestEvent::Reply { at: made_at, note: None, promise: Some(id) };
        let after = self.events.iter().filter_map(|e| match e {
            PromiseEvent::Rescheduled { at, reason, .. } => {
                Some(RequestEvent::Reply { at: *at, note: Some(reason.clone()), promise: Some(id) })
            }
            PromiseEvent::Kept { at } => Some(RequestEvent::Done { at: *at, promise: Some(id) }),
            PromiseEvent::Broken { .. } | PromiseEvent::Released { .. } => None,
        });
        std::iter::once(made).chain(after).collect()
    }

    fn ensure_open(&self, action: &'static str) -> Result<(), DomainError> {
        match self.status() {
            PromiseStatus::Open => Ok(()),
            PromiseStatus::Released => Err(DomainError::NotOpen { kind: "promise", status: "released by the client", action }),
            other => Err(DomainError::NotOpen { kind: "promise", status: other.as_str(), action }),
        }
    }

    pub fn reschedule(
        &mut self,
        made_at: DateTime<Utc>,
        t: EventTime,
        due: Due,
        reason: &str,
        cause: Option<RescheduleCause>,
        tz: Tz,
    ) -> Result<(), DomainError> {
        self.ensure_open("be rescheduled")?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(DomainError::ReasonRequired);
        }
        check_due_not_before_made(made_at, due, tz)?;
        if due.is_before(t.at, tz) {
            return Err(DomainError::DueAlreadyPassed { due: due.to_string() });
        }
        if due == self.due_at(t.at) {
            return Err(DomainError::SameDue { due: due.to_string() });
        }
        self.events.push(PromiseEvent::Rescheduled { at: t.at, due, reason: reason.to_string(), cause });
        Ok(())
    }

    pub fn keep(&mut self, t: EventTime) -> Result<(), DomainError> {
        self.ensure_open("be kept")?;
        let at = t.closing()?;
        self.events.push(PromiseEvent::Kept { at });
        Ok(())
    }

    pub fn break_(&mut self, t: EventTime, reason: Option<String>) -> Result<(), DomainError> {
        self.ensure_open("be broken")?;
        let at = t.closing()?;
        self.events.push(PromiseEvent::Broken { at, reason });
        Ok(())
    }

    pub fn release(&mut self, t: EventTime, note: Option<String>) -> Result<(), DomainError> {
        self.ensure_open("be released")?;
        let at = t.closing()?;
        self.events.push(PromiseEvent::Released { at, note });
        Ok(())
    }

    pub fn validate(&self, made_at: DateTime<Utc>) -> Result<(), DomainError> {
        let times: Vec<_> = self.events.iter().map(|e| (e.at(), e.closes().is_some())).collect();
        check_events("promise", made_at, &times)?;
        if let Some(kind) = &self.promise_kind {
            super::text::bounded("kind", kind, MAX_KIND)?;
        }
        for e in &self.events {
            if let PromiseEvent::Rescheduled { reason, .. } = e {
                if reason.trim().is_empty() {
                    return Err(DomainError::ReasonRequired);
                }
            }
        }
        // Without the user's zone at hand, a date-only due is checked against the
        // UTC date, with a day of slack either way for zones far from UTC.
        match self.due {
            Due::At(t) if t < made_at => Err(DomainError::DueBeforeMade { due: self.due.to_string(), made: made_at.to_string() }),
            Due::Date(d) if d < made_at.date_naive().pred_opt().unwrap_or(d) => {
                Err(DomainError::DueBeforeMade { due: self.due.to_string(), made: made_at.to_string() })
            }
            _ => Ok(()),
        }
    }
}

pub(crate) fn check_due_not_before_made(made_at: DateTime<Utc>, due: Due, tz: Tz) -> Result<(), DomainError> {
    if due.is_before(made_at, tz) {
        let made = match due {
            Due::Date(_) => local_date(made_at, tz).to_string(),
            Due::At(_) => made_at.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string(),
        };
        return Err(DomainError::DueBeforeMade { due: due.to_string(), made });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone};
    use chrono_tz::Europe::Madrid;

    fn madrid(d: u32, h: u32) -> DateTime<Utc> {
        Madrid.with_ymd_and_hms(2026, 3, d, h, 0, 0).unwrap().with_timezone(&Utc)
    }
    fn date(d: u32) -> Due {
        Due::Date(NaiveDate::from_ymd_opt(2026, 3, d).unwrap())
    }
    fn menu() -> Promise {
        Promise::new(madrid(2, 12), date(4), None, Madrid).unwrap()
    }
    fn at(d: u32, h: u32) -> EventTime {
        EventTime::unchecked(madrid(d, h))
    }

    #[test]
    fn a_promise_cannot_be_due_before_it_was_made() {
        let err = Promise::new(madrid(2, 12), date(1), None, Madrid).unwrap_err();
        assert_eq!(err, DomainError::DueBeforeMade { due: "2026-03-01".into(), made: "2026-03-02".into() });
        assert!(Promise::new(madrid(2, 12), date(2), None, Madrid).is_ok(), "due the same day is a fair promise");
    }

    #[test]
    fn rescheduling_keeps_it_open_with_a_new_due_and_the_whole_history() {
        let mut p = menu();
        p.reschedule(madrid(2, 12), at(5, 12), date(6), "waiting for photos", None, Madrid).unwrap();
        p.reschedule(madrid(2, 12), at(6, 16), date(9), "photos arrived late", None, Madrid).unwrap();
        assert_eq!(p.status(), PromiseStatus::Open);
        assert_eq!(p.current_due(), date(9));
        let history = p.due_history(madrid(9, 0));
        let dues: Vec<_> = history.iter().map(|c| (c.due, c.reason)).collect();
        assert_eq!(dues, vec![(date(4), None), (date(6), Some("waiting for photos")), (date(9), Some("photos arrived late"))]);
        assert_eq!(p.due_at(madrid(5, 9)), date(4), "as of Thursday morning the first due date was still in force");
        assert_eq!(p.due_history(madrid(6, 12)).len() - 1, 1, "one reschedule by then");
    }

    #[test]
    fn the_due_date_in_force_names_the_first_one_and_how_often_it_moved() {
        let mut p = menu();
        p.reschedule(madrid(2, 12), at(5, 12), date(6), "waiting for photos", None, Madrid).unwrap();
        p.reschedule(madrid(2, 12), at(6, 16), date(9), "photos arrived late", None, Madrid).unwrap();
        let force = |d, h| {
            let f = p.due_in_force(madrid(d, h), Madrid);
            (f.due, f.first, f.moves)
        };
        assert_eq!(force(9, 9), (date(9), date(4), 2));
        assert_eq!(force(5, 13), (date(6), date(4), 1), "as of Thursday afternoon");
        assert_eq!(force(3, 9), (date(4), date(4), 0), "before any reschedule");
        assert_eq!(p.due_in_force(madrid(9, 9), Madrid).deadline, madrid(10, 0), "due Monday means until Tuesday 00:00");
    }

    #[test]
    fn rescheduling_needs_a_reason() {
        let mut p = menu();
        assert_eq!(p.reschedule(madrid(2, 12), at(3, 9), date(6), "  ", None, Madrid), Err(DomainError::ReasonRequired));
        assert!(p.events.is_empty(), "a refused reschedule leaves no trace");
    }

    #[test]
    fn rescheduling_to_a_day_already_gone_or_the_same_day_is_refused() {
        let mut p = menu();
        assert!(matches!(p.reschedule(madrid(2, 12), at(5, 12), date(4), "oops", None, Madrid), Err(DomainError::DueAlreadyPassed { .. })));
        assert!(matches!(p.reschedule(madrid(2, 12), at(3, 12), date(4), "same", None, Madrid), Err(DomainError::SameDue { .. })));
    }

    #[test]
    fn kept_after_the_due_day_is_kept_late_and_on_the_day_is_on_time() {
        let mut late = menu();
        late.keep(at(5, 10)).unwrap();
        assert_eq!(late.kept(Madrid), Some((madrid(5, 10), true)));
        let mut on_time = menu();
        on_time.keep(at(4, 23)).unwrap();
        assert_eq!(on_time.kept(Madrid), Some((madrid(4, 23), false)), "23:00 on the due day is still on time");
    }

    #[test]
    fn kept_on_the_rescheduled_day_is_still_late_against_the_first_promise() {
        let mut p = menu();
        p.reschedule(madrid(2, 12), at(5, 12), date(6), "waiting for photos", None, Madrid).unwrap();
        p.keep(at(6, 10)).unwrap();
        assert_eq!(p.kept(Madrid).map(|(_, late)| late), Some(true), "the client was told Wednesday");
    }

    #[test]
    fn a_released_promise_cannot_be_kept_broken_or_rescheduled() {
        let mut p = menu();
        p.release(at(3, 9), Some("no longer needed".into())).unwrap();
        assert_eq!(p.status(), PromiseStatus::Released);
        let err = p.keep(at(3, 10)).unwrap_err();
        assert_eq!(err.to_string(), "this promise is already released by the client; only an open promise can be kept");
        assert!(p.break_(at(3, 10), None).is_err());
        assert!(p.reschedule(madrid(2, 12), at(3, 10), date(6), "why", None, Madrid).is_err());
        assert!(p.release(at(3, 10), None).is_err());
    }

    #[test]
    fn kept_and_broken_are_final() {
        let mut kept = menu();
        kept.keep(at(3, 9)).unwrap();
        assert!(matches!(kept.break_(at(3, 10), None), Err(DomainError::NotOpen { status: "kept", .. })));
        let mut broken = menu();
        broken.break_(at(5, 9), Some("supplier failed".into())).unwrap();
        assert_eq!(broken.status(), PromiseStatus::Broken);
        assert!(matches!(broken.keep(at(5, 10)), Err(DomainError::NotOpen { status: "broken", .. })));
    }

    #[test]
    fn a_date_that_passed_while_open_stays_missed_after_it_is_moved_and_kept() {
        let mut p = menu();
        assert_eq!(
            p.missed_dates(madrid(5, 9), Madrid),
            vec![MissedDate { due: date(4), passed: madrid(5, 0), ended: None }],
            "Thursday morning: Wednesday has passed and the promise is still overdue"
        );
        p.reschedule(madrid(2, 12), at(5, 12), date(6), "waiting for photos", None, Madrid).unwrap();
        p.reschedule(madrid(2, 12), at(6, 16), date(9), "photos arrived late", None, Madrid).unwrap();
        p.keep(at(9, 10)).unwrap();
        let missed = vec![MissedDate { due: date(4), passed: madrid(5, 0), ended: Some(madrid(5, 12)) }];
        assert_eq!(p.missed_dates(madrid(9, 12), Madrid), missed, "Friday was moved before it came, Monday kept on the day");
        assert_eq!(
            p.moves(madrid(9, 12), Madrid),
            vec![Move { at: madrid(5, 12), after_it_passed: true }, Move { at: madrid(6, 16), after_it_passed: false }]
        );
        assert_eq!(p.missed_dates(madrid(4, 23), Madrid), vec![], "replayed before Wednesday ended, nothing was missed yet");
    }

    #[test]
    fn each_date_missed_counts_and_one_kept_at_its_very_deadline_was_not_missed() {
        let mut p = menu();
        p.reschedule(madrid(2, 12), at(5, 12), date(6), "waiting for photos", None, Madrid).unwrap();
        p.break_(at(8, 9), None).unwrap();
        let missed: Vec<_> = p.missed_dates(madrid(9, 0), Madrid).iter().map(|m| (m.due, m.ended)).collect();
        assert_eq!(missed, vec![(date(4), Some(madrid(5, 12))), (date(6), Some(madrid(8, 9)))]);
        let mut on_the_dot = menu();
        on_the_dot.keep(EventTime::unchecked(madrid(5, 0))).unwrap();
        assert_eq!(on_the_dot.missed_dates(madrid(6, 0), Madrid), vec![]);
    }

    #[test]
    fn a_promise_with_an_exact_moment_is_late_a_minute_after_it() {
        let due = Due::At(madrid(4, 17));
        let mut p = Promise::new(madrid(2, 12), due, None, Madrid).unwrap();
        p.keep(EventTime::unchecked(madrid(4, 17) + chrono::Duration::minutes(1))).unwrap();
        assert_eq!(p.kept(Madrid).map(|(_, late)| late), Some(true));
    }
}
