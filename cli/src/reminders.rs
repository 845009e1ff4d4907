//! How `trato reminders` shows a person the plan and the history: one block
//! per notification, each reminder's key under it (to snooze it by).

use chrono_tz::Tz;

use super::output::local;
use trato::reminders::{HoldReason, Reminder, ReminderPlan, SentReminder};

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn reason(r: HoldReason) -> &'static str {
    match r {
        HoldReason::QuietHours => "quiet hours",
        HoldReason::DigestTime => "the morning digest",
        HoldReason::Snoozed => "snoozed",
    }
}

fn key_line(r: &Reminder) -> String {
    format!("      key {}\n", r.key)
}

/// The plan: what to send now (or, after `--mark-sent`, what was recorded as
/// sent), then what is held back and until when.
pub fn plan(p: &ReminderPlan, tz: Tz, marked: bool) -> String {
    let now = local(p.generated_at, tz);
    let to_send = p.reminders().count();
    let verb = if marked { "recorded as sent" } else { "to send now" };
    let mut out = if to_send == 0 && p.held.is_empty() {
        format!("Nothing to remind as of {now} ({tz}).\n")
    } else {
        format!("As of {now} ({tz}): {to_send} {verb}, {} held back.\n", p.held.len())
    };
    let label = if marked { "SENT" } else { "SEND" };
    for n in &p.send {
        let digest = if n.digest { " (digest)" } else { "" };
        out += &format!("\n{label}  {}{digest}\n      {}\n", n.title, n.body);
        if n.digest {
            for r in &n.reminders {
                out += &format!("      - {} — {}\n        key {}\n", r.title, r.summary, r.key);
            }
        } else {
            n.reminders.iter().for_each(|r| out += &key_line(r));
        }
    }
    for h in &p.held {
        let r = &h.reminder;
        out += &format!("\nHELD  {} — until {} ({})\n      {}\n", r.title, local(h.until, tz), reason(h.reason), r.body);
        out += &key_line(r);
    }
    if p.overdue_promises > 0 {
        out += &format!("\nOverdue now: {}.\n", count(p.overdue_promises as usize, "promise", "promises"));
    }
    out
}

/// The history, newest first.
pub fn sent(list: &[SentReminder], tz: Tz) -> String {
    if list.is_empty() {
        return "No reminder has been sent yet.\n".to_string();
    }
    let mut out = String::new();
    for s in list {
        let mut tags = Vec::new();
        if s.in_digest {
            tags.push("in a digest".to_string());
        }
        if let Some(t) = s.after_snooze {
            tags.push(format!("after a snooze until {}", local(t, tz)));
        }
        let tags = if tags.is_empty() { String::new() } else { format!("  [{}]", tags.join(" · ")) };
        out += &format!("{}  {}{tags}\n{:>22}{}\n{:>22}key {}\n", local(s.sent_at, tz), s.title, "", s.body, "", s.key);
    }
    out
}
