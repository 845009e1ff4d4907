//! What was already delivered and what is snoozed, as the policy reads it, and
//! the history as the app shows it.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::kind::ReminderKind;
use super::plan::Notification;
use crate::domain::{ClientId, EntryId};

/// A delivery: its round (`None` the first, else the snooze's end) and when it was sent.
type Delivery = (Option<DateTime<Utc>>, DateTime<Utc>);

/// The deliveries and snoozes of the keys the policy asks about.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Record {
    deliveries: BTreeMap<String, Vec<Delivery>>,
    snoozes: BTreeMap<String, DateTime<Utc>>,
}

/// Where a key stands, as of the record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeyStatus {
    /// Never delivered nor snoozed.
    Fresh,
    /// Delivered, last at this moment, and not re-armed since.
    Settled(DateTime<Utc>),
    /// Snoozed until this moment and not delivered since: due (again) then.
    Snoozed(DateTime<Utc>),
}

impl Record {
    pub fn delivered(&mut self, key: &str, round: Option<DateTime<Utc>>, sent_at: DateTime<Utc>) {
        let rounds = self.deliveries.entry(key.to_string()).or_default();
        if !rounds.iter().any(|(r, _)| *r == round) {
            rounds.push((round, sent_at));
        }
    }

    pub fn snoozed(&mut self, key: &str, until: DateTime<Utc>) {
        self.snoozes.insert(key.to_string(), until);
    }

    /// Everything a notification delivered, as `mark_sent` records it: what a
    /// simulation does instead of writing to the journal.
    pub fn note_sent(&mut self, n: &Notification, at: DateTime<Utc>) {
        for r in &n.reminders {
            self.delivered(r.key.as_str(), r.after_snooze, at);
        }
    }

    pub(crate) fn status(&self, key: &str) -> KeyStatus {
        let rounds = self.deliveries.get(key).map(Vec::as_slice).unwrap_or_default();
        // A snooze re-arms a key until a delivery of that very round is recorded.
        if let Some(until) = self.snoozes.get(key).filter(|u| !rounds.iter().any(|(r, _)| *r == Some(**u))) {
            return KeyStatus::Snoozed(*until);
        }
        match rounds.iter().map(|(_, at)| *at).max() {
            Some(last) => KeyStatus::Settled(last),
            None => KeyStatus::Fresh,
        }
    }
}

/// A reminder that was delivered, as the history shows it: the words as they were.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct SentReminder {
    pub key: String,
    pub kind: ReminderKind,
    pub client_id: ClientId,
    pub entry_id: EntryId,
    /// The moment it was about: a due moment, an answer-by, when acknowledgement was due.
    pub about: DateTime<Utc>,
    pub sent_at: DateTime<Utc>,
    /// Delivered again when a snooze ended (the snooze's end).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after_snooze: Option<DateTime<Utc>>,
    /// It went out within a digest rather than on its own.
    pub in_digest: bool,
    pub title: String,
    pub body: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 5, h, 0, 0).unwrap()
    }

    #[test]
    fn a_snooze_re_arms_a_delivered_key_once() {
        let mut r = Record::default();
        assert_eq!(r.status("k"), KeyStatus::Fresh);
        r.delivered("k", None, t(8));
        assert_eq!(r.status("k"), KeyStatus::Settled(t(8)));
        r.snoozed("k", t(9));
        assert_eq!(r.status("k"), KeyStatus::Snoozed(t(9)), "snoozed after it was shown: it comes back at 09:00");
        r.delivered("k", Some(t(9)), t(9));
        assert_eq!(r.status("k"), KeyStatus::Settled(t(9)), "delivered again, and that's all");
        r.delivered("k", Some(t(9)), t(10));
        assert_eq!(r.status("k"), KeyStatus::Settled(t(9)), "the same round recorded twice counts once");
    }
}
