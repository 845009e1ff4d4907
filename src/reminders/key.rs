//! A reminder's key names the state it is about: `kind/entry/about[/repeat]`.
//! The state changes, and so the key, when what the reminder is about changes:
//! a reschedule gives a promise a new due date, a follow-up after a reply
//! starts a request's new clock. A key delivered once is never delivered
//! again (a snooze re-arms it once), so restarts and ticks can't repeat it.
//!
//! - `promise_due_soon/ENTRY/DUE` and `promise_overdue/ENTRY/DUE`: DUE is the
//!   due date in force as written (`2026-03-04`, or `2026-03-04T16:00:00Z`);
//!   an overdue promise's daily repeats add `/1`, `/2`…
//! - `request_answer_soon/ENTRY/SINCE` and `request_unanswered/ENTRY/SINCE`:
//!   SINCE is when the clock started (the oldest client message not replied to).
//! - `incident_unacknowledged/ENTRY`: once per incident.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};

use super::error::ReminderError;
use super::kind::ReminderKind;
use crate::domain::time::{from_db, to_db};
use crate::domain::{Due, EntryId};

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, ts_rs::TS)]
#[serde(transparent)]
pub struct ReminderKey(String);

impl ReminderKey {
    pub fn promise(kind: ReminderKind, entry: EntryId, due: Due, repeat: u32) -> Self {
        let base = format!("{}/{entry}/{due}", kind.as_str());
        ReminderKey(if repeat == 0 { base } else { format!("{base}/{repeat}") })
    }

    pub fn request(kind: ReminderKind, entry: EntryId, clock_start: DateTime<Utc>) -> Self {
        ReminderKey(format!("{}/{entry}/{}", kind.as_str(), to_db(clock_start)))
    }

    pub fn incident(entry: EntryId) -> Self {
        ReminderKey(format!("{}/{entry}", ReminderKind::IncidentUnacknowledged.as_str()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The kind and the entry the key names; a key is only ever built valid.
    pub fn parts(&self) -> (ReminderKind, EntryId) {
        match parse(&self.0) {
            Ok(parts) => parts,
            // Unreachable for a built or parsed key; a harmless answer all the same.
            Err(_) => (ReminderKind::PromiseOverdue, EntryId(uuid::Uuid::nil())),
        }
    }
}

fn parse(text: &str) -> Result<(ReminderKind, EntryId), ReminderError> {
    let bad = || ReminderError::BadKey(text.to_string());
    let parts: Vec<&str> = text.split('/').collect();
    let kind = parts.first().and_then(|k| ReminderKind::parse(k)).ok_or_else(bad)?;
    let entry: EntryId = parts.get(1).and_then(|e| e.parse().ok()).ok_or_else(bad)?;
    let is_due = |s: &&str| s.parse::<Due>().is_ok();
    let is_moment = |s: &&str| from_db(s).is_ok();
    let is_repeat = |s: &&str| s.parse::<u32>().is_ok_and(|n| n > 0) && !s.starts_with('0');
    let fits = match (kind, &parts[2..]) {
        (ReminderKind::PromiseDueSoon, [due]) | (ReminderKind::PromiseOverdue, [due]) => is_due(due),
        (ReminderKind::PromiseOverdue, [due, n]) => is_due(due) && is_repeat(n),
        (ReminderKind::RequestAnswerSoon | ReminderKind::RequestUnanswered, [since]) => is_moment(since),
        (ReminderKind::IncidentUnacknowledged, []) => true,
        _ => false,
    };
    if fits {
        Ok((kind, entry))
    } else {
        Err(bad())
    }
}

impl FromStr for ReminderKey {
    type Err = ReminderError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        parse(s)?;
        Ok(ReminderKey(s.to_string()))
    }
}

impl fmt::Display for ReminderKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A key coming back from the app is checked like one typed on the command line.
impl<'de> Deserialize<'de> for ReminderKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone};

    fn entry() -> EntryId {
        "019cae34-7780-7000-8000-000000000003".parse().unwrap()
    }

    #[test]
    fn keys_name_the_state_they_are_about_and_read_back() {
        let due = Due::Date(NaiveDate::from_ymd_opt(2026, 3, 4).unwrap());
        let first = ReminderKey::promise(ReminderKind::PromiseOverdue, entry(), due, 0);
        assert_eq!(first.as_str(), "promise_overdue/019cae34-7780-7000-8000-000000000003/2026-03-04");
        let again = ReminderKey::promise(ReminderKind::PromiseOverdue, entry(), due, 2);
        assert_eq!(again.as_str(), "promise_overdue/019cae34-7780-7000-8000-000000000003/2026-03-04/2");
        let clock = ReminderKey::request(ReminderKind::RequestUnanswered, entry(), Utc.with_ymd_and_hms(2026, 3, 5, 10, 0, 0).unwrap());
        assert_eq!(clock.as_str(), "request_unanswered/019cae34-7780-7000-8000-000000000003/2026-03-05T10:00:00.000Z");
        for key in [first, again, clock, ReminderKey::incident(entry())] {
            assert_eq!(key.as_str().parse::<ReminderKey>().unwrap(), key);
            assert_eq!(key.parts().1, entry());
        }
    }

    #[test]
    fn anything_else_is_not_a_key() {
        for bad in [
            "",
            "promise_overdue",
            "silence/019cae34-7780-7000-8000-000000000003",
            "promise_overdue/not-an-id/2026-03-04",
            "promise_overdue/019cae34-7780-7000-8000-000000000003/tomorrow",
            "promise_due_soon/019cae34-7780-7000-8000-000000000003/2026-03-04/1",
            "promise_overdue/019cae34-7780-7000-8000-000000000003/2026-03-04/0",
            "incident_unacknowledged/019cae34-7780-7000-8000-000000000003/2026-03-04",
        ] {
            assert_eq!(bad.parse::<ReminderKey>(), Err(ReminderError::BadKey(bad.to_string())), "{bad}");
        }
        assert!(serde_json::from_str::<ReminderKey>(r#""promise_overdue/nobody""#).is_err(), "a key from the app is checked too");
    }
}
