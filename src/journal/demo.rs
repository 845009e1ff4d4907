//! The sample journal: a dozen clients of Ana's web studio in every state, and
//! the public example (Panadería Sol) up to its Thursday 09:00, which is `now`.
//! Each action is replayed at the moment it happened, as if logged live, and
//! nothing is dated after `now`.

use chrono::{DateTime, Datelike, Days, Duration, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;

use crate::domain::incident::RecoveryStep;
use crate::domain::time::{local_date, local_to_utc};
use crate::domain::{
    Cause, Channel, ClientId, ClientPatch, ClientStatus, Closing, Direction, Due, EntryId, IncidentSeverity, Language, NoticedBy, Score,
    Stage,
};
use crate::journal::{self, Clock, JournalError, NewEntry, NewFeedback};
use crate::store::{clients, entries, Store};

type R<T> = Result<T, JournalError>;

struct Demo<'a> {
    store: &'a mut Store,
    now: DateTime<Utc>,
    tz: Tz,
    /// The caller's language, for what the sample writes in words (feedback headings).
    lang: Language,
}

impl Demo<'_> {
    /// `days` before today at a local time of day, moved off the weekend (people
    /// log work on working days), never later than now.
    fn day(&self, days: u64, hh: u32, mm: u32) -> Clock {
        let date = local_date(self.now, self.tz).checked_sub_days(Days::new(days)).unwrap_or_default();
        let date = match date.weekday() {
            Weekday::Sat => date.pred_opt().unwrap_or(date),
            Weekday::Sun => date.succ_opt().unwrap_or(date),
            _ => date,
        };
        let t = NaiveTime::from_hms_opt(hh, mm, 0).and_then(|t| local_to_utc(date.and_time(t), self.tz)).unwrap_or(self.now);
        Clock::new(t.min(self.now), self.tz).speaking(self.lang)
    }

    fn hours_ago(&self, h: i64) -> Clock {
        Clock::new(self.now - Duration::hours(h), self.tz).speaking(self.lang)
    }

    fn date(&self, days_from_today: i64) -> Due {
        let today = local_date(self.now, self.tz);
        let d = if days_from_today >= 0 {
            today.checked_add_days(Days::new(days_from_today as u64))
        } else {
            today.checked_sub_days(Days::new(days_from_today.unsigned_abs()))
        };
        Due::Date(d.unwrap_or(today))
    }

    fn client(&mut self, at: Clock, name: &str, patch: ClientPatch) -> R<ClientId> {
        journal::add_client(self.store, at, name, patch)
    }

    fn entry(c: ClientId, at: Clock, channel: Channel, summary: &str) -> NewEntry {
        NewEntry { client: c, at: Some(at.now), channel, summary: summary.to_string() }
    }

    fn log(&mut self, c: ClientId, at: Clock, channel: Channel, dir: Direction, summary: &str) -> R<EntryId> {
        journal::log_interaction(self.store, at, Self::entry(c, at, channel, summary), dir)
    }

    fn request(&mut self, c: ClientId, at: Clock, channel: Channel, summary: &str) -> R<EntryId> {
        journal::add_request(self.store, at, Self::entry(c, at, channel, summary), None)
    }

    fn promise(&mut self, c: ClientId, at: Clock, summary: &str, due: Due, for_request: Option<EntryId>) -> R<EntryId> {
        journal::add_promise(self.store, at, Self::entry(c, at, Channel::Email, summary), due, for_request)
    }

    fn feedback(&mut self, c: ClientId, at: Clock, score: Score, stage: Stage, cause: Option<Cause>, comment: &str) -> R<EntryId> {
        let f = NewFeedback { score, stage, cause, comment: Some(comment.to_string()) };
        journal::add_feedback(self.store, at, Self::entry(c, at, Channel::Email, ""), f)
    }

    fn incident(&mut self, c: ClientId, at: Clock, summary: &str, by: NoticedBy, sev: IncidentSeverity) -> R<EntryId> {
        journal::add_incident(self.store, at, Self::entry(c, at, Channel::Email, summary), by, sev)
    }

    fn step(&mut self, id: EntryId, at: Clock, step: RecoveryStep, note: Option<&str>) -> R<()> {
        journal::incident_step(self.store, at, id, step, Some(at.now), note.map(str::to_string)).map(drop)
    }

    fn keep(&mut self, id: EntryId, at: Clock) -> R<()> {
        journal::keep_promise(self.store, at, id, Some(at.now)).map(drop)
    }
}

fn patch(org: &str, email: &str, channel: Channel, status: ClientStatus, tags: &[&str]) -> ClientPatch {
    ClientPatch {
        organisation: Some(org.to_string()),
        email: Some(email.to_string()),
        preferred_channel: Some(Some(channel)),
        status: Some(status),
        add_tags: tags.iter().map(|t| t.to_string()).collect(),
        ..ClientPatch::default()
    }
}

/// How much the sample holds, for the message after filling it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Filled {
    pub clients: i64,
    pub entries: i64,
}

/// Fills an empty journal with the sample; refuses one that has anything in it.
pub fn fill(store: &mut Store, clock: Clock) -> R<Filled> {
    let existing = store.read(|tx| Ok::<_, JournalError>(clients::count(tx)?))?;
    if existing > 0 {
        return Err(JournalError::NotEmpty(existing));
    }
    let mut d = Demo { store, now: clock.now, tz: clock.tz, lang: clock.lang };
    use Channel::*;
    use Direction::*;

    // 1. Panadería Sol: a good relationship, then the menu update of the public example.
    let sol = d.client(
        d.day(300, 10, 0),
        "Panadería Sol",
        ClientPatch {
            phone: Some("+34 912 345 678".into()),
            availability: Some("Bakes until 11:00: call after midday".into()),
            ..patch("Panadería Sol S.L.", "hola@panaderiasol.es", Email, ClientStatus::Active, &["web", "bakery"])
        },
    )?;
    d.log(sol, d.day(300, 10, 30), Meeting, In, "First meeting: a new website for the bakery")?;
    let proposal = d.promise(sol, d.day(299, 9, 0), "Send the website proposal", d.date(-295), None)?;
    d.keep(proposal, d.day(296, 17, 0))?;
    d.log(sol, d.day(290, 12, 0), Email, In, "Proposal accepted; work starts next week")?;
    d.feedback(sol, d.day(200, 13, 0), Score::Rating(5), Stage::Mid, None, "Love the new design, customers ask who made it")?;
    for k in 0..12u64 {
        let (dir, what) = if k % 2 == 0 { (In, "Sent this week's bread prices") } else { (Out, "Prices updated on the website") };
        d.log(sol, d.day(183 - 14 * k, 12, 30), Email, dir, what)?;
    }
    let menu = d.request(sol, d.hours_ago(71), Email, "Update the menu on the website")?;
    d.promise(sol, d.hours_ago(69), "New menu online", d.date(-1), Some(menu))?;

    // 2. Estudio Norte: everything on time.
    let norte = d.client(
        d.day(400, 9, 0),
        "Estudio Norte",
        patch("Estudio Norte Arquitectos", "laura@estudionorte.es", Call, ClientStatus::Active, &["web", "architecture"]),
    )?;
    for k in 0..12u64 {
        d.log(norte, d.day(390 - 30 * k, 10, 0), Call, Out, "Monthly call: portfolio updates")?;
        let p = d.promise(norte, d.day(389 - 30 * k, 11, 0), "Publish the new projects", d.date(-(385 - 30 * k as i64)), None)?;
        d.keep(p, d.day(386 - 30 * k, 16, 0))?;
    }
    d.feedback(norte, d.day(30, 12, 0), Score::Nps(9), Stage::Mid, None, "Reliable, always on time")?;

    // 3. Clínica Dental Ruiz: a client noticed a mistake three days ago; apologised, not fixed yet.
    let ruiz = d.client(
        d.day(200, 9, 0),
        "Clínica Dental Ruiz",
        patch("Clínica Dental Ruiz", "recepcion@clinicaruiz.es", Call, ClientStatus::Active, &["web", "health"]),
    )?;
    d.log(ruiz, d.day(190, 10, 0), Meeting, In, "Kick-off: online booking")?;
    let old =
        d.incident(ruiz, d.day(120, 9, 30), "Booking page down for two hours after the update", NoticedBy::Us, IncidentSeverity::Minor)?;
    d.step(old, d.day(120, 9, 45), RecoveryStep::Acknowledged, None)?;
    d.step(old, d.day(120, 10, 0), RecoveryStep::Apologized, Some("Called Dr Ruiz before the clinic opened"))?;
    d.step(old, d.day(120, 10, 5), RecoveryStep::Explained, Some("A cache setting in the update"))?;
    d.step(old, d.day(120, 11, 30), RecoveryStep::Fixed, None)?;
    d.step(old, d.day(119, 12, 0), RecoveryStep::Compensated, Some("One month of hosting free"))?;
    d.step(old, d.day(119, 12, 30), RecoveryStep::Closed, None)?;
    d.log(ruiz, d.day(40, 10, 0), Email, Out, "Monthly report sent")?;
    let wrong =
        d.incident(ruiz, d.day(3, 16, 0), "Booking confirmations went to the wrong address", NoticedBy::Client, IncidentSeverity::Minor)?;
    d.step(wrong, d.day(3, 17, 0), RecoveryStep::Acknowledged, None)?;
    d.step(wrong, d.day(3, 17, 5), RecoveryStep::Apologized, Some("Phoned the receptionist"))?;

    // 4. Hotel Miramar: talked every ten days, then nothing for two and a half months.
    let miramar = d.client(
        d.day(260, 9, 0),
        "Hotel Miramar",
        patch("Hotel Miramar Benidorm", "direccion@hotelmiramar.es", Email, ClientStatus::Active, &["web", "hospitality"]),
    )?;
    for k in 0..18u64 {
        d.log(miramar, d.day(250 - 10 * k, 11, 0), Email, if k % 3 == 0 { Out } else { In }, "Room photos and rates for the season")?;
    }

    // 5. Librería Alba: asked two days ago, asked again this morning, no answer yet.
    let alba = d.client(
        d.day(150, 9, 0),
        "Librería Alba",
        patch("Librería Alba", "pedidos@libreriaalba.es", Email, ClientStatus::Active, &["shop"]),
    )?;
    d.log(alba, d.day(140, 10, 0), Meeting, In, "Online shop for second-hand books")?;
    let shop = d.promise(alba, d.day(139, 10, 0), "Shop live", d.date(-110), None)?;
    d.keep(shop, d.day(111, 18, 0))?;
    let releases = d.request(alba, d.day(2, 15, 0), Email, "Add a 'new releases' section to the home page")?;
    journal::follow_up_request(d.store, d.hours_ago(2), releases, None, Some(Call), Some("Called the studio: any news?".into()))?;

    // 6. Café Tostado: a promise due tomorrow.
    let tostado = d.client(
        d.day(60, 9, 0),
        "Café Tostado",
        patch("Tostado Coffee Roasters", "hi@cafetostado.com", Message, ClientStatus::Active, &["social"]),
    )?;
    let feed = d.request(tostado, d.day(5, 9, 15), Message, "Show our Instagram feed on the home page")?;
    d.promise(tostado, d.day(5, 11, 0), "Instagram feed on the home page", d.date(1), Some(feed))?;

    // 7. Gimnasio Pulso: paused for the summer.
    let pulso = d.client(
        d.day(180, 9, 0),
        "Gimnasio Pulso",
        patch("Pulso Fitness", "info@gimnasiopulso.es", Call, ClientStatus::Paused, &["web"]),
    )?;
    d.log(pulso, d.day(60, 18, 0), Call, In, "Pausing the project until September")?;

    // 8. Inmobiliaria Costa: promises broken, the client left.
    let costa = d.client(
        d.day(420, 9, 0),
        "Inmobiliaria Costa",
        patch("Costa Homes", "ventas@inmocosta.es", Email, ClientStatus::Former, &["web", "real-estate"]),
    )?;
    for k in 0..2u64 {
        let p = d.promise(costa, d.day(230 - 15 * k, 10, 0), "Property search filters", d.date(-(225 - 15 * k as i64)), None)?;
        journal::break_promise(d.store, d.day(222 - 15 * k, 10, 0), p, None, Some("Underestimated the work".into()))?;
    }
    let bad = d.feedback(
        costa,
        d.day(200, 10, 0),
        Score::Rating(1),
        Stage::End,
        Some(Cause::Deficiency),
        "Two missed dates; we are moving to another agency",
    )?;
    journal::follow_up_feedback(d.store, d.day(199, 10, 0), bad, None, Some("Called to apologise; offered a handover".into()))?;

    // 9. Taller Díaz: a prospect waiting for a quote.
    let diaz = d.client(
        d.day(6, 9, 0),
        "Taller Mecánico Díaz",
        patch("Talleres Díaz", "taller@talleresdiaz.es", Call, ClientStatus::Prospect, &["lead"]),
    )?;
    d.log(diaz, d.day(5, 17, 0), Visit, In, "Visited the workshop: they want online appointments")?;
    d.promise(diaz, d.day(5, 18, 0), "Send a quote", d.date(2), None)?;

    // 10. Floristería Lila: unhappy yesterday, nobody followed up within the day.
    let lila = d.client(
        d.day(90, 9, 0),
        "Floristería Lila",
        patch("Lila Flores", "lila@floreslila.es", Message, ClientStatus::Active, &["shop"]),
    )?;
    let photos = d.request(lila, d.day(30, 10, 0), Message, "Change the photos of the wedding bouquets")?;
    journal::close_request(d.store, d.day(25, 16, 0), photos, Closing::Done, None, None)?;
    d.feedback(
        lila,
        d.hours_ago(24 + 1),
        Score::Rating(2),
        Stage::Mid,
        Some(Cause::Misunderstanding),
        "The photos are not the ones I meant",
    )?;

    // 11. Asesoría Fiscal Mar: a promise moved twice, still open.
    let mar = d.client(
        d.day(100, 9, 0),
        "Asesoría Fiscal Mar",
        patch("Mar Asesores", "contacto@marasesores.es", Email, ClientStatus::Active, &["web"]),
    )?;
    d.log(mar, d.day(20, 9, 30), Call, In, "Wants a login area for their clients")?;
    let form = d.promise(mar, d.day(20, 10, 0), "Client portal login", d.date(-14), None)?;
    journal::reschedule_promise(d.store, d.day(15, 9, 0), form, None, d.date(-1), "Waiting for the hosting provider")?;
    journal::reschedule_promise(d.store, d.hours_ago(1), form, None, d.date(4), "Security review took longer")?;

    // 12. Academia Babel: fine, a mistake we caught and repaired ourselves.
    let babel = d.client(
        d.day(330, 9, 0),
        "Academia Babel",
        patch("Babel Idiomas", "secretaria@academiababel.es", Email, ClientStatus::Active, &["web", "education"]),
    )?;
    let course = d.request(babel, d.day(25, 10, 0), Email, "Publish the summer course calendar")?;
    journal::reply_request(d.store, d.day(25, 12, 0), course, None, Some("On it, by Friday".into()))?;
    journal::close_request(d.store, d.day(22, 15, 0), course, Closing::Done, None, None)?;
    let typo = d.incident(babel, d.day(21, 9, 0), "Wrong prices on the course calendar", NoticedBy::Us, IncidentSeverity::Minor)?;
    for (step, note) in [
        (RecoveryStep::Acknowledged, None),
        (RecoveryStep::Apologized, Some("E-mailed before they noticed")),
        (RecoveryStep::Fixed, None),
        (RecoveryStep::Closed, None),
    ] {
        d.step(typo, d.day(21, 10, 0), step, note)?;
    }
    d.feedback(babel, d.day(14, 12, 0), Score::Nps(9), Stage::End, None, "Quick and honest")?;
    journal::add_note(
        d.store,
        d.day(14, 12, 5),
        Demo::entry(babel, d.day(14, 12, 5), Other, "Ask about the autumn campaign in September"),
    )?;

    let (clients, entries) = store_counts(d.store)?;
    Ok(Filled { clients, entries })
}

fn store_counts(store: &mut Store) -> R<(i64, i64)> {
    store.read(|tx| Ok((clients::count(tx)?, entries::count(tx)?)))
}
