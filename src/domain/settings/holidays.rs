//! Holidays, added and removed one at a time (no dotted key edits the list).

use chrono::NaiveDate;

use super::{check_holiday, Holiday, Settings, SettingsError};

impl Settings {
    pub fn add_holiday(&self, date: NaiveDate, name: Option<String>) -> Result<Settings, SettingsError> {
        check_holiday(date)?;
        if self.holidays.iter().any(|h| h.date == date) {
            return Err(SettingsError::DuplicateHoliday(date));
        }
        let mut new = self.clone();
        new.holidays.push(Holiday { date, name: name.map(|n| n.trim().to_string()).filter(|n| !n.is_empty()) });
        new.holidays.sort_by_key(|h| h.date);
        Ok(new)
    }

    pub fn remove_holiday(&self, date: NaiveDate) -> Result<Settings, SettingsError> {
        let mut new = self.clone();
        new.holidays.retain(|h| h.date != date);
        if new.holidays.len() == self.holidays.len() {
            return Err(SettingsError::NoSuchHoliday(date));
        }
        Ok(new)
    }
}
