//! The plan for one tick of the app's clock: what to show now, and what is due
//! but held back (why, and until when).

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::key::ReminderKey;
use super::kind::ReminderKind;
use super::quiet::{HoldReason, Hours};
use super::record::Record;
use super::states::{self, ClientMatters};
use super::texts;
use crate::domain::{ClientId, EntryId};
use crate::signals::Context;

/// One reminder: one state of one open matter, with its words.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct Reminder {
    pub key: ReminderKey,
    pub kind: ReminderKind,
    /// The client a click on it opens.
    pub client_id: ClientId,
    pub client: String,
    pub entry_id: EntryId,
    pub summary: String,
    /// The moment the state is about: the due moment, the answer-by, when acknowledgement was due.
    pub about: DateTime<Utc>,
    /// When it came due: that moment, a daily repeat's, or a snooze's end.
    pub due_at: DateTime<Utc>,
    /// 0 for a state's first reminder; 1, 2… for an overdue promise's daily repeats.
    pub repeat: u32,
    /// The end of the snooze it comes back after, if it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after_snooze: Option<DateTime<Utc>>,
    pub title: String,
    pub body: String,
}

/// What the app shows as one desktop notification: a reminder, or a digest of several.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct Notification {
    pub title: String,
    pub body: String,
    /// The client a click opens; none for a digest about several clients (open Today).
    pub client_id: Option<ClientId>,
    pub digest: bool,
    /// What it delivers: hand the notification back to `mark_sent` once shown.
    pub reminders: Vec<Reminder>,
}

impl Notification {
    fn single(r: Reminder) -> Notification {
        Notification { title: r.title.clone(), body: r.body.clone(), client_id: Some(r.client_id), digest: false, reminders: vec![r] }
    }
}

/// A reminder due now but not delivered yet.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct HeldReminder {
    pub reminder: Reminder,
    pub reason: HoldReason,
    /// When it will be delivered, if nothing changes meanwhile.
    pub until: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct ReminderPlan {
    pub generated_at: DateTime<Utc>,
    /// Show these now, in this order.
    pub send: Vec<Notification>,
    /// Due but waiting, the soonest first.
    pub held: Vec<HeldReminder>,
    /// Open promises past their due moment now, whatever was reminded: the tray's count.
    pub overdue_promises: u32,
}

impl ReminderPlan {
    /// Every reminder the plan delivers now, digests opened up.
    pub fn reminders(&self) -> impl Iterator<Item = &Reminder> {
        self.send.iter().flat_map(|n| n.reminders.iter())
    }
}

/// The most urgent kind first, then the longest due, then by client.
fn order(a: &Reminder, b: &Reminder) -> std::cmp::Ordering {
    (a.kind, a.due_at, &a.client, &a.key).cmp(&(b.kind, b.due_at, &b.client, &b.key))
}

/// The reminders due as of `ctx.now`: pure over the clients' open matters, the
/// record of what was delivered and snoozed, and the settings.
///
/// More than `reminders.digest_over` to deliver at once (a morning after a
/// busy night, a laptop back from days asleep) go out as one digest when the
/// digest is on; fewer go out one by one, each opening its client.
pub fn plan(matters: &[ClientMatters<'_>], record: &Record, ctx: &Context<'_>) -> ReminderPlan {
    let settings = &ctx.settings.reminders;
    let hours = Hours { settings, calendar: &ctx.calendar };
    let found = states::find(matters, record, ctx);
    let (mut send, mut held) = (Vec::new(), Vec::new());
    for c in &found.candidates {
        let reminder = texts::reminder(c, ctx);
        match hours.hold(ctx.now, c.snoozed_until) {
            Some((reason, until)) => held.push(HeldReminder { reminder, reason, until }),
            None => send.push(reminder),
        }
    }
    send.sort_by(order);
    held.sort_by(|a, b| a.until.cmp(&b.until).then_with(|| order(&a.reminder, &b.reminder)));
    let send = if settings.digest && send.len() as f64 > settings.digest_over {
        vec![texts::digest(send, ctx.lang)]
    } else {
        send.into_iter().map(Notification::single).collect()
    };
    ReminderPlan { generated_at: ctx.now, send, held, overdue_promises: found.overdue_promises }
}
