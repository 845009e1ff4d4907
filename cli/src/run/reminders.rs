//! `trato reminders`: what is due now, snoozing one, and those sent.

use trato::domain::time::moment::{parse_moment, Towards};
use trato::journal::{reminding, JournalError};
use trato::reminders::{ReminderKey, Snooze};

use super::{CliError, Ctx};
use crate::args::RemindersCmd;
use crate::output;

impl Ctx<'_> {
    pub(super) fn reminders(&mut self, action: Option<RemindersCmd>, mark_sent: bool, json: bool) -> Result<(), CliError> {
        let c = self.clock;
        match action {
            None => {
                let mut plan = reminding::due_reminders(self.store, c)?;
                if mark_sent {
                    plan.send = reminding::mark_sent(self.store, c, &plan.send)?;
                }
                self.show(json, &plan, |p| crate::reminders::plan(p, c.tz, mark_sent))
            }
            Some(RemindersCmd::Snooze { key, for_, until_tomorrow: _, until }) => {
                let key: ReminderKey = key.parse().map_err(JournalError::from)?;
                let how = match (for_, until) {
                    (Some(span), _) => Snooze::for_span(&span).map_err(JournalError::from)?,
                    (None, Some(at)) => Snooze::Until { at: parse_moment("--until", &at, &self.reader(), Towards::Future)? },
                    // clap requires one of the three.
                    (None, None) => Snooze::UntilTomorrow,
                };
                let until = reminding::snooze(self.store, c, &key, how)?;
                tell!("snoozed until {} ({})", output::local(until, c.tz), c.tz);
                Ok(())
            }
            Some(RemindersCmd::Sent { limit, json }) => {
                let list = reminding::sent_reminders(self.store, limit)?;
                self.show(json, &list, |list| crate::reminders::sent(list, c.tz))
            }
        }
    }
}
