//! Guided recovery as a person uses it: the draft to the client after
//! something went wrong with an entry (its fields offered from the record,
//! the repair dated by what the provider's record says can be kept), the
//! wording check of what they then edited, and the incident's checklist
//! ticked once the message was sent.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::records::{live_client, live_entry, save_entry, short};
use super::{Clock, JournalError, Result, Undoable};
use crate::calibration::{self, Calibration};
use crate::domain::calendar::Calendar;
use crate::domain::incident::RecoveryStep;
use crate::domain::time::local_date;
use crate::domain::{text, Details, Due, EntryId, Language, Register};
use crate::recovery::{self, Draft, Fields, Finding, Trigger};
use crate::store::{calibration as table, settings, Store};

/// A draft to the client about one entry, as the person sees it: what went
/// wrong, the fields it was written from, the message, what the check
/// noticed in it, and where it can go.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct RecoveryDraft {
    pub entry: EntryId,
    pub trigger: Trigger,
    pub fields: Fields,
    pub draft: Draft,
    /// What the check notices in the draft, advice in the journal's language.
    pub findings: Vec<Finding>,
    /// The client's address, when the journal has one.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// The incident's first steps still to tick once the message is sent
    /// (acknowledged, apologised, explained); none for other entries.
    pub steps: Vec<RecoveryStep>,
}

/// The steps sending the draft takes, in order.
const SENDING_TAKES: [RecoveryStep; 3] = [RecoveryStep::Acknowledged, RecoveryStep::Apologized, RecoveryStep::Explained];

/// What the person changed in the fields: each `None` keeps what is offered.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct FieldChoices {
    #[ts(optional)]
    pub language: Option<Language>,
    #[ts(optional)]
    pub register: Option<Register>,
    #[ts(optional)]
    pub addressee: Option<String>,
    #[ts(optional)]
    pub topic: Option<String>,
    #[ts(optional)]
    pub what_happened: Option<String>,
    #[ts(optional)]
    pub responsibility: Option<String>,
    #[ts(optional)]
    pub repair: Option<String>,
    #[ts(optional)]
    pub repair_by: Option<NaiveDate>,
    #[ts(optional)]
    pub amends: Option<recovery::Amends>,
    #[ts(optional)]
    pub amends_detail: Option<String>,
    #[ts(optional)]
    pub prevention: Option<String>,
}

/// The draft for entry `id` as of the clock's now: the fields offered from the
/// record, with the person's `choices` over them. Refused for an entry where
/// nothing went wrong.
pub fn draft(store: &mut Store, clock: Clock, id: EntryId, choices: &FieldChoices) -> Result<RecoveryDraft> {
    store.read(|tx| {
        let entry = live_entry(tx, id)?;
        let client = live_client(tx, entry.client_id)?;
        let settings = settings::load(tx)?;
        let cal = Calendar::new(&settings, clock.tz);
        let trigger =
            recovery::trigger_of(&entry, clock.now, clock.tz).ok_or_else(|| JournalError::NothingToRepair(short(&entry.summary)))?;

        let today = local_date(clock.now, clock.tz);
        let (due, kind, cause) = match &entry.details {
            Details::Promise(p) => {
                let missed = p.missed_dates(clock.now, clock.tz).first().map(|m| m.due).unwrap_or(p.due);
                (Some(day_of(missed, clock)), p.promise_kind.clone(), None)
            }
            Details::Feedback(f) => (None, None, f.cause),
            _ => (None, None, None),
        };
        // The repair is a promise too: dated by what the record says such promises take.
        let soonest = Due::Date(cal.next_working_day(today));
        let chain = table::chain(tx, client.id, kind.as_deref(), clock.now)?;
        let repair_by = match calibration::suggest(&chain, soonest, clock.now, &cal) {
            Calibration::Suggested(s) => day_of(s.suggested, clock),
            Calibration::TooFew { .. } => day_of(soonest, clock),
        };
        let facts = recovery::Facts {
            trigger,
            client: &client.name,
            topic: &entry.summary,
            due,
            asked: Some(local_date(entry.occurred_at, clock.tz)),
            cause,
        };
        let language = choices.language.or(client.language).unwrap_or(settings.language_or(clock.lang));
        let register = choices.register.or(client.register).unwrap_or(Register::Formal);
        let mut fields = recovery::defaults(&facts, language, register, repair_by);
        choose(&mut fields, choices)?;
        let draft = recovery::draft(trigger, &fields);
        let findings = recovery::check(&draft.body, fields.language, settings.language_or(clock.lang));
        let steps = match &entry.details {
            Details::Incident(i) => SENDING_TAKES.into_iter().filter(|s| i.step(*s).is_none()).collect(),
            _ => Vec::new(),
        };
        Ok(RecoveryDraft { entry: id, trigger, fields, draft, findings, to: client.email, steps })
    })
}

/// The day a due date falls on, in the clock's zone.
fn day_of(d: Due, clock: Clock) -> NaiveDate {
    match d {
        Due::Date(day) => day,
        Due::At(t) => local_date(t, clock.tz),
    }
}

/// The person's choices over the fields offered; a text longer than any text
/// Trato keeps is refused, naming its field.
fn choose(fields: &mut Fields, c: &FieldChoices) -> Result<()> {
    for (name, field, choice) in [
        ("addressee", &mut fields.addressee, &c.addressee),
        ("topic", &mut fields.topic, &c.topic),
        ("what_happened", &mut fields.what_happened, &c.what_happened),
        ("responsibility", &mut fields.responsibility, &c.responsibility),
        ("repair", &mut fields.repair, &c.repair),
        ("amends_detail", &mut fields.amends_detail, &c.amends_detail),
        ("prevention", &mut fields.prevention, &c.prevention),
    ] {
        if let Some(v) = choice {
            text::bounded(name, v, text::MAX_TEXT)?;
            field.clone_from(v);
        }
    }
    if let Some(d) = c.repair_by {
        fields.repair_by = d;
    }
    if let Some(a) = c.amends {
        fields.amends = a;
    }
    Ok(())
}

/// The wording check of a text written in `lang`, its advice in the journal's language.
pub fn check(store: &mut Store, clock: Clock, body: &str, lang: Language) -> Result<Vec<Finding>> {
    let advise_in = store.read(|tx| Ok::<_, JournalError>(settings::load(tx)?.language_or(clock.lang)))?;
    text::bounded("text", body, text::MAX_TEXT)?;
    Ok(recovery::check(body, lang, advise_in))
}

/// The steps a sent message ticked, and how to take them back (none when all were taken before).
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct Sent {
    pub ticked: Vec<RecoveryStep>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undo: Option<Undoable>,
}

/// The message about incident `id` was sent: `steps` of its checklist not yet
/// taken are ticked now, in one write that one Undo takes back. Steps already
/// taken are left as they were.
pub fn sent(store: &mut Store, clock: Clock, id: EntryId, steps: &[RecoveryStep]) -> Result<Sent> {
    store.write(|tx| {
        let mut entry = live_entry(tx, id)?;
        let t = entry.event_time("a recovery step", clock.now, clock.now).map_err(|e| JournalError::from(e).in_zone(clock.tz))?;
        let first = entry.events().len();
        let incident = entry.incident_mut().map_err(|e| JournalError::from(e).in_zone(clock.tz))?;
        let mut ticked = Vec::new();
        for step in SENDING_TAKES.into_iter().filter(|s| steps.contains(s)) {
            if incident.step(step).is_none() {
                incident.take(t, step, None).map_err(|e| JournalError::from(e).in_zone(clock.tz))?;
                ticked.push(step);
            }
        }
        if ticked.is_empty() {
            return Ok(Sent { ticked, undo: None });
        }
        entry.validate().map_err(|e| e.in_zone(clock.tz))?;
        save_entry(tx, clock, &entry, None, "recovery_sent")?;
        let version = crate::store::history::version(tx, &id.to_string())?;
        Ok(Sent { ticked, undo: Some(Undoable { entry: id, event: first, version }) })
    })
}

/// The `mailto:` of a message about entry `id` to its client's address, as
/// the person edited it; none when the client has no address. The address is
/// the journal's, never the caller's: a page can only write to the client.
pub fn mailto_for(store: &mut Store, id: EntryId, subject: &str, body: &str) -> Result<Option<String>> {
    text::bounded("subject", subject, text::MAX_TEXT)?;
    text::bounded("text", body, text::MAX_TEXT)?;
    let client = store.read(|tx| live_client(tx, live_entry(tx, id)?.client_id))?;
    Ok(client.email.as_deref().map(|to| mailto(to, subject, body)))
}

/// A `mailto:` address as RFC 6068 writes it: every byte but the unreserved percent-encoded.
fn mailto(to: &str, subject: &str, body: &str) -> String {
    // The address keeps its @: percent-encoding it is allowed but some mail programs mind.
    let (to, subject, body) =
        (text::uri_escaped(to, b"@"), text::uri_escaped(subject, b""), text::uri_escaped(&body.replace('\n', "\r\n"), b""));
    format!("mailto:{to}?subject={subject}&body={body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mailto_encodes_spaces_accents_and_line_breaks_as_mail_programs_read_them() {
        assert_eq!(
            mailto("ana@sol.es", "Menú: mis disculpas", "Hola, Ana:\n\nMe disculpo & más"),
            "mailto:ana@sol.es?subject=Men%C3%BA%3A%20mis%20disculpas&body=Hola%2C%20Ana%3A%0D%0A%0D%0AMe%20disculpo%20%26%20m%C3%A1s"
        );
    }
}
