//! The journal's settings, read and changed in one transaction, and the
//! business calendar they give.

use crate::domain::calendar::Calendar;
use crate::domain::settings::SettingsError;
use crate::domain::Settings;
use crate::store::{settings, Store};

use super::{Clock, Result};

pub fn settings(store: &mut Store) -> Result<Settings> {
    store.read(|tx| Ok(settings::load(tx)?))
}

/// The business calendar in force: working days and hours, holidays, in the clock's zone.
pub fn calendar(store: &mut Store, clock: Clock) -> Result<Calendar> {
    Ok(Calendar::new(&settings(store)?, clock.tz))
}

pub fn save_settings(store: &mut Store, new: &Settings) -> Result<()> {
    new.validate()?;
    store.write(|tx| Ok(settings::save(tx, new)?))
}

/// Reads, changes and saves the settings in one transaction, so that two
/// changes at once can't undo each other. Returns the settings now in force.
pub fn change_settings(
    store: &mut Store,
    change: impl FnOnce(&Settings) -> std::result::Result<Settings, SettingsError>,
) -> Result<Settings> {
    store.write(|tx| {
        let new = change(&settings::load(tx)?)?;
        new.validate()?;
        settings::save(tx, &new)?;
        Ok(new)
    })
}
