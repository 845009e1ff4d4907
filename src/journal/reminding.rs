//! The use cases of reminders, for the app's minute tick and the CLI: what to
//! deliver now, recording what was delivered, snoozing, and the history. Each
//! reads one snapshot or writes in one transaction; the rules are in `crate::reminders`.
//!
//! The app's tick: `due_reminders`, then `mark_sent` with the plan's `send`,
//! then show what `mark_sent` returned. Recording before showing means that of
//! two processes ticking at once only one shows a reminder (the record is the
//! claim), and a notification lost to a crash between the two is the price:
//! better one missed pop-up than one shown twice on every restart.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::domain::time::Clock;
use crate::domain::{ClientId, Details, Entry};
use crate::journal::JournalError;
use crate::reminders::{self, ClientMatters, Notification, Record, ReminderKey, ReminderKind, ReminderPlan, SentReminder, Snooze};
use crate::signals::Context;
use crate::store::reminders::{self as record, SentRow};
use crate::store::{attention, bad_row, entries, settings, Store};

type Result<T> = std::result::Result<T, JournalError>;

/// The latest outreach to a client, read only when one of its open matters is
/// an incident: nothing else asks whether the client has heard from the provider.
pub(super) fn outreach_if_incident(
    tx: &rusqlite::Connection,
    client: ClientId,
    open: &[Entry],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
    if !open.iter().any(|e| matches!(e.details, Details::Incident(_))) {
        return Ok(None);
    }
    Ok(attention::last_outreach(tx, client, now)?)
}

/// What to deliver as of `clock.now`, and what is due but held back (quiet
/// hours, the digest's time, a snooze) with until when. Reads the open matters
/// through their index and the record of only those matters.
pub fn due_reminders(store: &mut Store, clock: Clock) -> Result<ReminderPlan> {
    store.read(|tx| {
        let settings = settings::load(tx)?;
        let ctx = Context::of(&settings, clock);
        let mut by_client: BTreeMap<ClientId, Vec<Entry>> = BTreeMap::new();
        for e in attention::open_at(tx, clock.now)? {
            if matches!(e.details, Details::Promise(_) | Details::Request(_) | Details::Incident(_)) {
                by_client.entry(e.client_id).or_default().push(e);
            }
        }
        let mut known = Record::default();
        for e in by_client.values().flatten() {
            for d in record::deliveries_of(tx, e.id)? {
                known.delivered(&d.key, d.round, d.sent_at);
            }
            for s in record::snoozes_of(tx, e.id)? {
                known.snoozed(&s.key, s.until);
            }
        }
        // Clients in the trash are left out here, as on Today.
        let pulses = attention::client_pulses(tx, &by_client.keys().copied().collect())?;
        let mut matters = Vec::new();
        for p in &pulses {
            let entries = by_client.get(&p.client.id).map(Vec::as_slice).unwrap_or_default();
            let last_outreach = outreach_if_incident(tx, p.client.id, entries, clock.now)?;
            matters.push(ClientMatters { client: &p.client, entries, last_outreach });
        }
        Ok(reminders::plan(&matters, &known, &ctx))
    })
}

/// Records the notifications as delivered at `clock.now`, all in one
/// transaction, and returns those this call recorded: a reminder another
/// process recorded first is left out (and a notification left with none).
pub fn mark_sent(store: &mut Store, clock: Clock, sent: &[Notification]) -> Result<Vec<Notification>> {
    store.write(|tx| {
        let mut claimed = Vec::new();
        for n in sent {
            let mut mine = Vec::new();
            for r in &n.reminders {
                let row = SentRow {
                    key: r.key.to_string(),
                    round: r.after_snooze,
                    kind: r.kind.as_str().to_string(),
                    entry_id: r.entry_id,
                    client_id: r.client_id,
                    about: r.about,
                    sent_at: clock.now,
                    in_digest: n.digest,
                    title: r.title.clone(),
                    body: r.body.clone(),
                };
                if record::record(tx, &row)? {
                    mine.push(r.clone());
                }
            }
            if !mine.is_empty() {
                claimed.push(Notification { reminders: mine, ..n.clone() });
            }
        }
        Ok(claimed)
    })
}

/// Holds a reminder back until the snooze ends, when it is delivered (again,
/// if it was shown already) unless its state has changed by then. Snoozing it
/// again moves the end. Returns the end.
pub fn snooze(store: &mut Store, clock: Clock, key: &ReminderKey, how: Snooze) -> Result<DateTime<Utc>> {
    store.write(|tx| {
        let settings = settings::load(tx)?;
        let until = how.until(clock.now, clock.tz, &settings.reminders)?;
        let (_, entry) = key.parts();
        // A key for nothing in the journal is refused rather than kept forever.
        match entries::get(tx, entry)? {
            Some(stored) if stored.deleted_at.is_none() => {}
            _ => return Err(JournalError::NotFound(entry.to_string())),
        }
        record::snooze(tx, key.as_str(), entry, until, clock.now)?;
        Ok(until)
    })
}

/// The latest `limit` reminders delivered, newest first.
pub fn sent_reminders(store: &mut Store, limit: usize) -> Result<Vec<SentReminder>> {
    store.read(|tx| {
        let rows = record::latest(tx, limit)?;
        rows.into_iter()
            .map(|r| {
                let kind = ReminderKind::parse(&r.kind).ok_or_else(|| bad_row("a reminder's kind", &r.kind))?;
                Ok(SentReminder {
                    key: r.key,
                    kind,
                    client_id: r.client_id,
                    entry_id: r.entry_id,
                    about: r.about,
                    sent_at: r.sent_at,
                    after_snooze: r.round,
                    in_digest: r.in_digest,
                    title: r.title,
                    body: r.body,
                })
            })
            .collect()
    })
}
