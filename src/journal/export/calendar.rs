//! Open promises and the answers owed to clients as iCalendar (RFC 5545), for
//! any calendar app: a date-only due date as an all-day event, a timed one as
//! a timed event in UTC, an alarm at the reminder lead time, and the same UID
//! with a higher SEQUENCE when a promise is rescheduled, so calendars move it.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Days, Duration, NaiveDate, Utc};
use chrono_tz::Tz;

use super::lines::{escape, push};
use super::ExportError;
use crate::data_file;
use crate::domain::time::Clock;
use crate::domain::time::{check_date, check_moment, hours, local_date};
use crate::domain::{Client, ClientId, Details, Due, Entry, EntryId, Language, PromiseStatus, Settings};
use crate::journal::JournalError;
use crate::signals::{self, Context};
use crate::store::{attention, history, settings as stored_settings, Store};

/// The file kept updated in the `calendar.ics_folder` setting's folder.
pub const FILE_NAME: &str = "trato.ics";

/// A timed item's length in the calendar: a deadline has none, but a calendar
/// needs an end after the start to show it (RFC 5545 allows no empty event here).
const TIMED_MINUTES: i64 = 30;

/// What the calendar shows for one open promise or one answer owed.
#[derive(Clone, Debug, PartialEq)]
pub struct CalendarItem {
    pub entry: EntryId,
    pub what: ItemKind,
    pub client: String,
    pub summary: String,
    /// When it falls due: a whole day, or a moment.
    pub due: Due,
    /// How many times this item's date moved (reschedules; a request's new waits).
    pub sequence: usize,
    /// When the item last changed in the journal.
    pub changed_at: DateTime<Utc>,
    /// When it was made (a promise) or asked (a request).
    pub since: DateTime<Utc>,
    /// The latest reschedule's reason, if any.
    pub reason: Option<String>,
    /// How long before the deadline the alarm goes off; `None`: no alarm.
    pub alarm_before: Option<Duration>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    Promise,
    Request,
}

/// The items of the open promises and of the requests awaiting an answer at
/// `ctx.now`, earliest first. `changed_at` gives each entry's last change.
pub fn items(matters: &[(&Client, &Entry)], ctx: &Context<'_>, changed_at: impl Fn(EntryId) -> Option<DateTime<Utc>>) -> Vec<CalendarItem> {
    let (now, tz, r) = (ctx.now, ctx.tz(), &ctx.settings.reminders);
    let mut out = Vec::new();
    for (client, e) in matters {
        let changed = changed_at(e.id).unwrap_or(e.recorded_at);
        match &e.details {
            Details::Promise(p) if p.status_at(now) == PromiseStatus::Open => {
                let history = p.due_history(now);
                let lead = hours(r.lead_hours);
                let wanted = r.enabled && r.promise_due_soon && lead > Duration::zero();
                out.push(CalendarItem {
                    entry: e.id,
                    what: ItemKind::Promise,
                    client: client.name.clone(),
                    summary: e.summary.clone(),
                    due: p.due_at(now),
                    sequence: history.len() - 1,
                    changed_at: changed,
                    since: e.occurred_at,
                    reason: history.last().and_then(|c| c.reason).map(str::to_string),
                    alarm_before: wanted.then_some(lead),
                });
            }
            Details::Request(req) => {
                let Some(waiting) = req.awaiting_reply_since(e.occurred_at, now) else { continue };
                // The same answer-by moment as the signals and reminders use.
                let by = signals::answer_by(client, e, req, waiting, ctx);
                let window = r.answer_soon_business_hours;
                let target = ctx.calendar.business_time_between(waiting, by).num_milliseconds() as f64 / 3_600_000.0;
                let wanted = r.enabled && r.request_answer_soon && window > 0.0 && target > window;
                let alarm = wanted.then(|| by - ctx.calendar.add_business_hours(waiting, target - window));
                out.push(CalendarItem {
                    entry: e.id,
                    what: ItemKind::Request,
                    client: client.name.clone(),
                    summary: e.summary.clone(),
                    due: Due::At(by),
                    sequence: req.waits(e.occurred_at, now).len().saturating_sub(1),
                    changed_at: changed,
                    since: e.occurred_at,
                    reason: None,
                    alarm_before: alarm.filter(|d| *d > Duration::zero()),
                });
            }
            _ => {}
        }
    }
    out.sort_by_key(|i| (i.due.deadline(tz), i.entry));
    out
}

/// The calendar file: a VEVENT for each item, and a VTODO too when `todos`.
pub fn write(items: &[CalendarItem], todos: bool, lang: Language, tz: Tz) -> String {
    let mut out = String::new();
    push(&mut out, "BEGIN:VCALENDAR");
    push(&mut out, "VERSION:2.0");
    push(&mut out, "PRODID:-//Trato//Trato//EN");
    push(&mut out, "CALSCALE:GREGORIAN");
    push(&mut out, "X-WR-CALNAME:Trato");
    for item in items.iter().filter(|i| writable(i)) {
        event(&mut out, item, lang, tz);
        if todos {
            todo(&mut out, item, lang, tz);
        }
    }
    push(&mut out, "END:VCALENDAR");
    out
}

/// Whether every date the item's lines carry has a four-digit year. The
/// journal refuses dates outside 1900–9999, but an answer-by counted in
/// business time can fall past them, and a journal may predate that rule:
/// such an item is left out, since no calendar reads `DTSTART:+100000101`.
fn writable(item: &CalendarItem) -> bool {
    let ends = match item.due {
        Due::Date(d) => d.checked_add_days(Days::new(1)).is_some_and(|end| check_date(d).and(check_date(end)).is_ok()),
        Due::At(t) => check_moment(t).and(check_moment(t + Duration::minutes(TIMED_MINUTES))).is_ok(),
    };
    ends && check_moment(item.changed_at).is_ok()
}

fn event(out: &mut String, item: &CalendarItem, lang: Language, tz: Tz) {
    push(out, "BEGIN:VEVENT");
    common(out, item, &format!("{}@trato", item.entry), lang, tz);
    match item.due {
        // The day after, exclusive: an all-day event whose DTEND equals its
        // DTSTART is forbidden (RFC 5545 §3.6.1) and shown wrong or not at all.
        Due::Date(d) => {
            push(out, &format!("DTSTART;VALUE=DATE:{}", date(d)));
            push(out, &format!("DTEND;VALUE=DATE:{}", date(d.checked_add_days(Days::new(1)).unwrap_or(d))));
        }
        Due::At(t) => {
            push(out, &format!("DTSTART:{}", utc(t)));
            push(out, &format!("DTEND:{}", utc(t + Duration::minutes(TIMED_MINUTES))));
        }
    }
    // A deadline is not a meeting: it doesn't make the user busy.
    push(out, "TRANSP:TRANSPARENT");
    if let Some(before) = item.alarm_before {
        push(out, "BEGIN:VALARM");
        push(out, "ACTION:DISPLAY");
        push(out, &format!("DESCRIPTION:{}", escape(&title(item, lang))));
        // A day's deadline is its end (the next day's start, DTEND); a moment's is DTSTART.
        let related = if matches!(item.due, Due::Date(_)) { ";RELATED=END" } else { "" };
        push(out, &format!("TRIGGER{related}:-{}", duration(before)));
        push(out, "END:VALARM");
    }
    push(out, "END:VEVENT");
}

fn todo(out: &mut String, item: &CalendarItem, lang: Language, tz: Tz) {
    push(out, "BEGIN:VTODO");
    // Another UID than the event's: one UID names one thing in a calendar.
    common(out, item, &format!("{}-todo@trato", item.entry), lang, tz);
    match item.due {
        Due::Date(d) => push(out, &format!("DUE;VALUE=DATE:{}", date(d))),
        Due::At(t) => push(out, &format!("DUE:{}", utc(t))),
    }
    push(out, "STATUS:NEEDS-ACTION");
    push(out, "END:VTODO");
}

fn common(out: &mut String, item: &CalendarItem, uid: &str, lang: Language, tz: Tz) {
    push(out, &format!("UID:{uid}"));
    push(out, &format!("DTSTAMP:{}", utc(item.changed_at)));
    push(out, &format!("SEQUENCE:{}", item.sequence));
    push(out, &format!("SUMMARY:{}", escape(&title(item, lang))));
    push(out, &format!("DESCRIPTION:{}", escape(&description(item, lang, tz))));
}

fn title(item: &CalendarItem, lang: Language) -> String {
    match (item.what, lang) {
        (ItemKind::Promise, _) => format!("{}: {}", item.client, item.summary),
        (ItemKind::Request, Language::En) => format!("Answer {}: {}", item.client, item.summary),
        (ItemKind::Request, Language::Es) => format!("Responder a {}: {}", item.client, item.summary),
    }
}

fn description(item: &CalendarItem, lang: Language, tz: Tz) -> String {
    let since = local_date(item.since, tz).format("%Y-%m-%d");
    let mut text = match (item.what, lang) {
        (ItemKind::Promise, Language::En) => format!("Promised to {} on {since}.", item.client),
        (ItemKind::Promise, Language::Es) => format!("Prometido a {} el {since}.", item.client),
        (ItemKind::Request, Language::En) => format!("{} asked for it on {since} and is waiting for an answer.", item.client),
        (ItemKind::Request, Language::Es) => format!("{} lo pidió el {since} y espera respuesta.", item.client),
    };
    if item.what == ItemKind::Promise && item.sequence > 0 {
        let reason = item.reason.as_deref().unwrap_or_default();
        text.push('\n');
        text.push_str(&match (lang, item.sequence) {
            (Language::En, 1) => format!("Rescheduled once: {reason}"),
            (Language::En, n) => format!("Rescheduled {n} times; the last: {reason}"),
            (Language::Es, 1) => format!("Aplazado una vez: {reason}"),
            (Language::Es, n) => format!("Aplazado {n} veces; la última: {reason}"),
        });
    }
    text
}

fn date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// An RFC 5545 duration, to the minute: PT24H, PT90M, PT0M.
fn duration(d: Duration) -> String {
    let minutes = (d.num_seconds() + 30) / 60;
    if minutes % 60 == 0 {
        format!("PT{}H", minutes / 60)
    } else {
        format!("PT{minutes}M")
    }
}

/// The calendar of the journal as of `clock.now`: every client's, or only
/// those in `only`. Clients and entries in the trash are not in it.
pub fn feed(store: &mut Store, clock: Clock, only: &[ClientId], todos: bool) -> Result<String, ExportError> {
    let (items, settings) = store.read(|tx| {
        let settings: Settings = stored_settings::load(tx)?;
        let open: Vec<Entry> = attention::open_at(tx, clock.now)?
            .into_iter()
            .filter(|e| matches!(e.details, Details::Promise(_) | Details::Request(_)))
            .filter(|e| only.is_empty() || only.contains(&e.client_id))
            .collect();
        let wanted: BTreeSet<ClientId> = open.iter().map(|e| e.client_id).collect();
        let clients: Vec<Client> = attention::client_pulses(tx, &wanted)?.into_iter().map(|p| p.client).collect();
        let matters: Vec<(&Client, &Entry)> =
            open.iter().filter_map(|e| clients.iter().find(|c| c.id == e.client_id).map(|c| (c, e))).collect();
        let mut changed = HashMap::new();
        for (_, e) in &matters {
            if let Some(last) = history::of(tx, &e.id.to_string())?.last() {
                changed.insert(e.id, last.at);
            }
        }
        let ctx = Context::of(&settings, clock);
        let items = items(&matters, &ctx, |id| changed.get(&id).copied());
        Ok::<_, JournalError>((items, settings))
    })?;
    Ok(write(&items, todos || settings.calendar.todos, settings.language_or(clock.lang), clock.tz))
}

/// Rewrites `<calendar.ics_folder>/trato.ics` whole (never half a file) with
/// the calendar as of `clock.now`; nothing when the setting is unset. Call it
/// after every change: the CLI does, and so does the app.
pub fn refresh(store: &mut Store, clock: Clock) -> Result<Option<PathBuf>, ExportError> {
    let settings = store.read(|tx| Ok::<_, JournalError>(stored_settings::load(tx)?))?;
    let Some(folder) = settings.calendar.ics_folder.as_deref().map(str::trim).filter(|f| !f.is_empty()) else {
        return Ok(None);
    };
    let path = Path::new(folder).join(FILE_NAME);
    let text = feed(store, clock, &[], settings.calendar.todos)?;
    data_file::write_whole(&path, text.as_bytes()).map_err(|source| ExportError::File { path: path.clone(), source })?;
    Ok(Some(path))
}
