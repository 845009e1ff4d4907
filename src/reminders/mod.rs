//! Reminders: which desktop notifications are due now. Pure functions of the
//! open matters, the record of what was already delivered, the settings and
//! `now`, so that a simulated week runs without a clock.
//!
//! Each reminder is about one state of one matter and is delivered once per
//! state (key.rs): a restart or another tick finds it in the record; a
//! reschedule or a new request clock is a new state. Quiet hours and the
//! morning digest's time hold reminders back (quiet.rs), a snooze moves one
//! (snooze.rs), and many at once become one digest (plan.rs). The use cases
//! that read and write the record are in `crate::journal::reminding`.

mod error;
mod key;
mod kind;
mod plan;
mod quiet;
mod record;
mod snooze;
mod states;
mod texts;

pub use error::ReminderError;
pub use key::ReminderKey;
pub use kind::ReminderKind;
pub use plan::{plan, HeldReminder, Notification, Reminder, ReminderPlan};
pub use quiet::HoldReason;
pub use record::{Record, SentReminder};
pub use snooze::Snooze;
pub use states::{ClientMatters, OVERDUE_REPEAT_HOURS};
