//! The suggested due date for a promise about to be made: the provider's own
//! record, read once, and the calibration rules over it.

use super::{Clock, Result};
use crate::calibration::{self, Calibration};
use crate::domain::calendar::Calendar;
use crate::domain::promise::promise_kind;
use crate::domain::{ClientId, Due};
use crate::store::{calibration as table, settings, Store};

/// What the record says of a promise to `client` of `kind`, proposed for `proposed`, as of the clock's now.
pub fn suggest(store: &mut Store, clock: Clock, client: ClientId, kind: Option<&str>, proposed: Due) -> Result<Calibration> {
    let kind = promise_kind(kind)?;
    let (chain, settings) = store.read(|tx| {
        super::records::live_client(tx, client)?;
        Ok::<_, super::JournalError>((table::chain(tx, client, kind.as_deref(), clock.now)?, settings::load(tx)?))
    })?;
    let cal = Calendar::new(&settings, clock.tz);
    Ok(calibration::suggest(&chain, proposed, clock.now, &cal))
}
