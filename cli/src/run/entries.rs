//! Entries and what happens to them: `trato log`, `note`, `request …`,
//! `promise …`, `incident …` and `feedback …`.

use trato::calibration::Calibration;
use trato::domain::time::moment::{parse_moment, Towards};
use trato::domain::{Closing, Direction, Due, Language, Score, SetBy};
use trato::journal::{self, insights, Clock, NewFeedback, PromiseTerms};

use super::{entry_id, CliError, Ctx};
use crate::args::{FeedbackCmd, IncidentCmd, PromiseCmd, RequestCmd, When};
use crate::output;

impl Ctx<'_> {
    pub(super) fn log(&mut self, client: &str, summary: String, dir: Direction, when: &When) -> Result<(), CliError> {
        let new = self.new_entry(client, summary, when)?;
        let id = journal::log_interaction(self.store, self.clock, new, dir)?;
        self.id_line(id)
    }

    pub(super) fn note(&mut self, client: &str, text: String, at: Option<String>) -> Result<(), CliError> {
        let new = self.new_entry(client, text, &When { at, channel: None })?;
        let id = journal::add_note(self.store, self.clock, new)?;
        self.id_line(id)
    }

    pub(super) fn request(&mut self, cmd: RequestCmd) -> Result<(), CliError> {
        let c = self.clock;
        match cmd {
            RequestCmd::Add { client, summary, when, answer_by } => {
                let new = self.new_entry(&client, summary, &when)?;
                let answer_by =
                    answer_by.as_deref().map(|s| parse_moment("--answer-by", s, &self.reader(), Towards::Future)).transpose()?;
                let id = journal::add_request(self.store, c, new, answer_by)?;
                self.id_line(id)
            }
            RequestCmd::FollowUp { id, when, note } => {
                let at = self.at(&when.at)?;
                Ok(journal::follow_up_request(self.store, c, entry_id(&id)?, at, when.channel, note).map(drop)?)
            }
            RequestCmd::Reply { id, at, note } => {
                let at = self.at(&at.at)?;
                Ok(journal::reply_request(self.store, c, entry_id(&id)?, at, note).map(drop)?)
            }
            RequestCmd::Done { id, at } => self.close_request(&id, Closing::Done, &at.at, None),
            RequestCmd::Decline { id, at, note } => self.close_request(&id, Closing::Declined, &at.at, note),
            RequestCmd::Withdraw { id, at, note } => self.close_request(&id, Closing::Withdrawn, &at.at, note),
        }
    }

    fn close_request(&mut self, id: &str, how: Closing, at: &Option<String>, note: Option<String>) -> Result<(), CliError> {
        let at = self.at(at)?;
        Ok(journal::close_request(self.store, self.clock, entry_id(id)?, how, at, note).map(drop)?)
    }

    pub(super) fn promise(&mut self, cmd: PromiseCmd) -> Result<(), CliError> {
        let c = self.clock;
        match cmd {
            PromiseCmd::Add { client, summary, due, for_request, kind, set_by, when } => {
                let new = self.new_entry(&client, summary, &when)?;
                let due = self.due(&due)?;
                let for_request = for_request.as_deref().map(entry_id).transpose()?;
                // The reality check is read before the promise is written: the record it rests on, not this promise.
                let check = match set_by {
                    SetBy::Me => Some(self.reality_check(&client, kind.as_deref(), due, None)?),
                    SetBy::Client => None,
                };
                let terms = PromiseTerms { kind, set_by };
                let id = journal::add_promise_with(self.store, c, new, due, for_request, terms)?;
                if let Some((Calibration::Suggested(_), line)) = check {
                    tell!("{line}");
                }
                self.id_line(id)
            }
            PromiseCmd::Suggest { client, kind, due, lang, json } => {
                let due = self.due(&due)?;
                let (found, line) = self.reality_check(&client, kind.as_deref(), due, lang.as_deref())?;
                if json {
                    self.json(&found)
                } else {
                    self.print(&format!("{line}\n"))
                }
            }
            PromiseCmd::Keep { id, at } => {
                let at = self.at(&at.at)?;
                Ok(journal::keep_promise(self.store, c, entry_id(&id)?, at).map(drop)?)
            }
            PromiseCmd::Reschedule { id, due, reason, cause, at } => {
                let at = self.at(&at.at)?;
                let due = self.due(&due)?;
                Ok(journal::reschedule_promise_with(self.store, c, entry_id(&id)?, at, due, &reason, cause).map(drop)?)
            }
            PromiseCmd::Break { id, reason, at } => {
                let at = self.at(&at.at)?;
                Ok(journal::break_promise(self.store, c, entry_id(&id)?, at, reason).map(drop)?)
            }
            PromiseCmd::Release { id, note, at } => {
                let at = self.at(&at.at)?;
                Ok(journal::release_promise(self.store, c, entry_id(&id)?, at, note).map(drop)?)
            }
        }
    }

    /// What the record says of a promise to `client` of `kind` due `due`, and
    /// its one line in `lang` (else the journal's language, else the system's).
    fn reality_check(&mut self, client: &str, kind: Option<&str>, due: Due, lang: Option<&str>) -> Result<(Calibration, String), CliError> {
        let lang = match lang {
            Some("es") => Some(Language::Es),
            // clap lets through only "es" and "en".
            Some(_) => Some(Language::En),
            None => None,
        };
        let check = journal::calibration::reality_check(self.store, self.clock, client, kind, due, lang)?;
        Ok((check.calibration, check.said))
    }

    pub(super) fn incident(&mut self, cmd: IncidentCmd) -> Result<(), CliError> {
        let c = self.clock;
        match cmd {
            IncidentCmd::Add { client, summary, noticed_by, severity, when } => {
                let new = self.new_entry(&client, summary, &when)?;
                let id = journal::add_incident(self.store, c, new, noticed_by, severity)?;
                self.id_line(id)
            }
            IncidentCmd::Step { id, step, note, at } => {
                let at = self.at(&at.at)?;
                Ok(journal::incident_step(self.store, c, entry_id(&id)?, step, at, note).map(drop)?)
            }
        }
    }

    pub(super) fn feedback(&mut self, cmd: FeedbackCmd) -> Result<(), CliError> {
        let c = self.clock;
        match cmd {
            FeedbackCmd::Add { client, rating, nps, stage, cause, comment, when } => {
                let score = match (rating, nps) {
                    (Some(r), _) => Score::Rating(r),
                    (None, Some(n)) => Score::Nps(n),
                    // clap requires one of the two.
                    (None, None) => Score::Rating(0),
                };
                let new = self.new_entry(&client, String::new(), &when)?;
                let stage = match stage {
                    Some(stage) => stage,
                    // As of when it was given: a back-dated feedback follows what was open then.
                    None => insights::feedback_stage(self.store, Clock::new(new.at.unwrap_or(c.now), c.tz).speaking(c.lang), new.client)?,
                };
                let id = journal::add_feedback(self.store, c, new, NewFeedback { score, stage, cause, comment })?;
                self.id_line(id)
            }
            FeedbackCmd::FollowUp { id, note, at } => {
                let at = self.at(&at.at)?;
                Ok(journal::follow_up_feedback(self.store, c, entry_id(&id)?, at, note).map(drop)?)
            }
        }
    }
}
