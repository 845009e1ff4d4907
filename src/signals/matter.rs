//! Today's cards: a client's signals grouped by the matter they are about (a
//! promise, a request, an incident, a feedback, or the client as a whole), so
//! that one promise both slipping and due soon is one card, led by its most
//! severe signal and naming the others.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{answer_by, client_signals, follow_up_by, ClientView, Context, Signal};
use crate::domain::promise::DueInForce;
use crate::domain::{Client, ClientId, Details, Entry, EntryId, Severity, SignalKind};

/// One thing that needs attention, with every signal it raises.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct Matter {
    pub client_id: ClientId,
    pub client: String,
    /// The entry it is about; none for the client as a whole (`silence`,
    /// `no_recent_feedback`, `feedback_due`).
    pub entry_id: Option<EntryId>,
    /// Its most severe signal's: where it stands on Today.
    pub severity: Severity,
    pub since: DateTime<Utc>,
    /// Most severe first, then the oldest: the first is the matter's headline,
    /// the others are named beneath it.
    pub signals: Vec<Signal>,
    #[serde(flatten)]
    pub deadlines: Deadlines,
}

/// What a headline says about time as of now: a promise's due date in force
/// (with the first one and how often it moved), a request's answer-by while the
/// client awaits a reply, an unhappy feedback's follow-up while none was made.
#[derive(Clone, Debug, Default, PartialEq, Serialize, ts_rs::TS)]
pub struct Deadlines {
    /// A promise's due date in force, with the first one and how often it moved.
    pub due: Option<DueInForce>,
    /// While the client awaits a reply to a request: when the answer is due.
    pub answer_by: Option<DateTime<Utc>>,
    /// While negative feedback awaits a follow-up: when it is due.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub follow_up_by: Option<DateTime<Utc>>,
}

/// An entry's deadlines as of `ctx.now`; none for kinds without one.
pub fn deadlines(client: &Client, e: &Entry, ctx: &Context<'_>) -> Deadlines {
    match &e.details {
        Details::Promise(p) => Deadlines { due: Some(p.due_in_force(ctx.now, ctx.tz())), ..Deadlines::default() },
        Details::Request(r) => Deadlines {
            answer_by: r.awaiting_reply_since(e.occurred_at, ctx.now).map(|waiting| answer_by(client, e, r, waiting, ctx)),
            ..Deadlines::default()
        },
        Details::Feedback(f) if f.awaits_follow_up_at(ctx.now) => {
            Deadlines { follow_up_by: Some(follow_up_by(e, ctx)), ..Deadlines::default() }
        }
        _ => Deadlines::default(),
    }
}

/// The entry a signal is about, or none when it is about the client as a whole.
/// A `promise_slipping` on lapses names the open promise first, then the lapsed ones.
fn about(s: &Signal) -> Option<EntryId> {
    match s.kind {
        // Feedback is asked of the client about the work as a whole.
        SignalKind::Silence | SignalKind::NoRecentFeedback | SignalKind::FeedbackDue => None,
        _ => s.entry_ids.first().copied(),
    }
}

/// Every matter about one client as of `ctx.now`, in Today's order.
pub fn client_matters(view: &ClientView<'_>, ctx: &Context<'_>) -> Vec<Matter> {
    group(client_signals(view, ctx), |id| view.entries.iter().find(|e| e.id == id).map(|e| deadlines(view.client, e, ctx)))
}

/// One client's signals, in Today's order, as matters in Today's order: each
/// matter takes its place, severity and since from its first (most urgent) signal.
fn group(signals: Vec<Signal>, deadlines_of: impl Fn(EntryId) -> Option<Deadlines>) -> Vec<Matter> {
    let mut out: Vec<Matter> = Vec::new();
    for s in signals {
        let about = about(&s);
        match out.iter_mut().find(|m| m.entry_id == about) {
            Some(m) => m.signals.push(s),
            None => out.push(Matter {
                client_id: s.client_id,
                client: s.client.clone(),
                entry_id: about,
                severity: s.severity,
                since: s.since,
                deadlines: about.and_then(&deadlines_of).unwrap_or_default(),
                signals: vec![s],
            }),
        }
    }
    out
}

/// Today's order for matters: as their headline signals are ordered.
pub fn sort(matters: &mut [Matter]) {
    fn key(m: &Matter) -> (Severity, DateTime<Utc>, &str, Option<SignalKind>) {
        (m.severity, m.since, &m.client, m.signals.first().map(|s| s.kind))
    }
    // The places are sorted, then each matter moved once: a matter is a few
    // hundred bytes, and a sort of the matters themselves moved each many times
    // (a third of what grouping into matters added to Today). Stable, as before.
    let mut from: Vec<usize> = (0..matters.len()).collect();
    from.sort_by(|&a, &b| key(&matters[a]).cmp(&key(&matters[b])));
    // Place `at` takes the matter that was at `from[at]`: follow each cycle of places.
    for start in 0..from.len() {
        let mut at = start;
        while from[at] != usize::MAX {
            let next = std::mem::replace(&mut from[at], usize::MAX);
            if next == start {
                break;
            }
            matters.swap(at, next);
            at = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn signal(client: ClientId, kind: SignalKind, severity: Severity, since_day: u32, entry_ids: Vec<EntryId>) -> Signal {
        Signal {
            client_id: client,
            client: "Panadería Sol".into(),
            kind,
            severity,
            since: Utc.with_ymd_and_hms(2026, 3, since_day, 9, 0, 0).unwrap(),
            explanation: String::new(),
            entry_ids,
            draft: None,
            escalated: false,
        }
    }

    #[test]
    fn matters_are_sorted_as_a_stable_sort_of_them_would_sort_them() {
        let t = Utc.with_ymd_and_hms(2026, 3, 9, 9, 0, 0).unwrap();
        let kinds = [SignalKind::PromiseOverdue, SignalKind::Silence, SignalKind::RequestRepeated];
        let severities = [Severity::High, Severity::Medium, Severity::Low];
        let mut matters: Vec<Matter> = (0..200u32)
            .map(|i| {
                let client = ClientId::new_at(t);
                let mut s = signal(client, kinds[(i * 7 % 3) as usize], severities[(i * 5 % 3) as usize], 1 + i * 11 % 4, vec![]);
                s.client = ["Sol", "Norte", "Alba"][(i * 13 % 3) as usize].into();
                // Ties on every key, told apart only by where they were.
                group(vec![s], |_| None).remove(0)
            })
            .collect();
        let mut stable = matters.clone();
        stable
            .sort_by(|a, b| (a.severity, a.since, &a.client, a.signals[0].kind).cmp(&(b.severity, b.since, &b.client, b.signals[0].kind)));
        sort(&mut matters);
        assert_eq!(matters, stable);
    }

    #[test]
    fn signals_about_the_same_entry_are_one_matter_led_by_the_most_severe() {
        let t = Utc.with_ymd_and_hms(2026, 3, 9, 9, 0, 0).unwrap();
        let (sol, promise, request, older) = (ClientId::new_at(t), EntryId::new_at(t), EntryId::new_at(t), EntryId::new_at(t));
        let mut signals = vec![
            signal(sol, SignalKind::PromiseDueSoon, Severity::Low, 8, vec![promise]),
            signal(sol, SignalKind::RequestRepeated, Severity::Medium, 5, vec![request]),
            signal(sol, SignalKind::PromiseSlipping, Severity::High, 6, vec![promise, older]),
            signal(sol, SignalKind::Silence, Severity::Medium, 1, vec![request]),
            signal(sol, SignalKind::NoRecentFeedback, Severity::Low, 2, vec![]),
        ];
        crate::signals::sort(&mut signals);
        let matters = group(signals, |_| None);
        let shape: Vec<_> =
            matters.iter().map(|m| (m.entry_id, m.severity, m.signals.iter().map(|s| s.kind).collect::<Vec<_>>())).collect();
        assert_eq!(
            shape,
            vec![
                (Some(promise), Severity::High, vec![SignalKind::PromiseSlipping, SignalKind::PromiseDueSoon]),
                (None, Severity::Medium, vec![SignalKind::Silence, SignalKind::NoRecentFeedback]),
                (Some(request), Severity::Medium, vec![SignalKind::RequestRepeated]),
            ],
            "one matter per entry, one for the client as a whole (silence names its last contact, not what it is about)"
        );
        assert_eq!(matters[0].since, matters[0].signals[0].since, "a matter stands where its most severe signal does");
    }
}
