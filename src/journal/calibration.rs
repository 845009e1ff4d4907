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
    Ok(suggest_with_settings(store, clock, client, kind, proposed)?.0)
}

/// [`suggest`], with the settings it read (their calendar and language word it).
fn suggest_with_settings(
    store: &mut Store,
    clock: Clock,
    client: ClientId,
    kind: Option<&str>,
    proposed: Due,
) -> Result<(Calibration, crate::domain::Settings)> {
    let kind = promise_kind(kind)?;
    let (chain, settings) = store.read(|tx| {
        super::records::live_client(tx, client)?;
        Ok::<_, super::JournalError>((table::chain(tx, client, kind.as_deref(), clock.now)?, settings::load(tx)?))
    })?;
    let cal = Calendar::new(&settings, clock.tz);
    Ok((calibration::suggest(&chain, proposed, clock.now, &cal), settings))
}

/// A promise about to be written, checked against the record: the one line
/// to show, and the date it suggests when that is later than the one typed.
#[derive(Clone, Debug, PartialEq, serde::Serialize, ts_rs::TS)]
pub struct RealityCheck {
    /// In the journal's language (else the clock's).
    pub said: String,
    /// The suggested due date as a person types it (`2026-03-12`, or
    /// `2026-03-12 17:00` in the journal's zone); none when the record is too
    /// short, or keeps such promises on time.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggested: Option<String>,
    #[serde(skip)]
    #[ts(skip)]
    pub calibration: Calibration,
}

/// [`suggest`] for `client` (its id or name, as [`super::find_client`] takes
/// it), worded: in `lang` when given, else the journal's language.
pub fn reality_check(
    store: &mut Store,
    clock: Clock,
    client: &str,
    kind: Option<&str>,
    proposed: Due,
    lang: Option<crate::domain::Language>,
) -> Result<RealityCheck> {
    let client = super::find_client(store, client)?;
    let (calibration, settings) = suggest_with_settings(store, clock, client.id, kind, proposed)?;
    let lang = lang.unwrap_or(settings.language_or(clock.lang));
    let kind = promise_kind(kind).ok().flatten();
    let said = calibration::explain(&calibration, &client.name, kind.as_deref(), lang, &Calendar::new(&settings, clock.tz));
    let suggested = match &calibration {
        Calibration::Suggested(s) if s.shift_days > 0 => Some(match s.suggested {
            Due::Date(day) => day.to_string(),
            Due::At(at) => at.with_timezone(&clock.tz).format("%Y-%m-%d %H:%M").to_string(),
        }),
        _ => None,
    };
    Ok(RealityCheck { said, suggested, calibration })
}
