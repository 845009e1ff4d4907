//! `trato settings …` and `trato holiday …`: the journal's settings shown and changed.

use trato::domain::settings::SettingsError;
use trato::journal;

use super::{CliError, Ctx};
use crate::args::{HolidayCmd, SettingsCmd};
use crate::insight;

impl Ctx<'_> {
    pub(super) fn settings(&mut self, cmd: SettingsCmd) -> Result<(), CliError> {
        match cmd {
            SettingsCmd::Show { json } => {
                let settings = journal::settings(self.store)?;
                let system = self.system;
                self.show(json, &settings, |s| insight::settings(s, system))
            }
            SettingsCmd::Set { key, value } => {
                journal::change_settings(self.store, |old| old.with(&key, &value))?;
                Ok(())
            }
        }
    }

    pub(super) fn holiday(&mut self, cmd: HolidayCmd) -> Result<(), CliError> {
        match cmd {
            HolidayCmd::Add { date, name } => {
                let date = holiday_date(&date)?;
                journal::change_settings(self.store, |old| old.add_holiday(date, name))?;
                Ok(())
            }
            HolidayCmd::Remove { date } => {
                let date = holiday_date(&date)?;
                journal::change_settings(self.store, |old| old.remove_holiday(date))?;
                Ok(())
            }
        }
    }
}

fn holiday_date(text: &str) -> Result<chrono::NaiveDate, CliError> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| SettingsError::BadDate(text.to_string()).into())
}
