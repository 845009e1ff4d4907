//! Clients and timeline entries as CSV (RFC 4180, UTF-8, a header row), for a
//! spreadsheet: one row each, the columns docs/format.md lists, moments in
//! ISO 8601 with the journal's offset, and no cell a spreadsheet would run.

use chrono::{DateTime, Datelike, SecondsFormat, Utc};
use chrono_tz::Tz;

use crate::domain::time::YEARS;
use crate::domain::{Client, Details, Direction, Entry};

use super::ExportError;

pub const CLIENT_COLUMNS: [&str; 15] = [
    "id",
    "name",
    "organisation",
    "email",
    "other_emails",
    "phone",
    "other_phones",
    "preferred_channel",
    "status",
    "tags",
    "notes",
    "availability",
    "response_target_hours",
    "created_at",
    "archived_at",
];

pub const ENTRY_COLUMNS: [&str; 16] = [
    "id",
    "client_id",
    "client",
    "kind",
    "status",
    "occurred_at",
    "recorded_at",
    "channel",
    "direction",
    "summary",
    "due",
    "first_due",
    "reschedules",
    "answer_by",
    "closed_at",
    "details",
];

/// Several values in one cell: e-mails, phones and tags.
const LIST_SEPARATOR: &str = "; ";

/// The columns that hold phone numbers, which may keep their leading `+`.
const PHONE_COLUMNS: [&str; 2] = ["phone", "other_phones"];

/// The clients, one row each.
pub fn clients(clients: &[Client], tz: Tz) -> Result<String, ExportError> {
    let mut w = writer();
    w.write_record(CLIENT_COLUMNS)?;
    for c in clients {
        write_row(
            &mut w,
            &CLIENT_COLUMNS,
            [
                c.id.to_string(),
                c.name.clone(),
                opt(&c.organisation),
                opt(&c.email),
                c.other_emails.join(LIST_SEPARATOR),
                opt(&c.phone),
                c.other_phones.join(LIST_SEPARATOR),
                c.preferred_channel.map(|ch| ch.as_str().to_string()).unwrap_or_default(),
                c.status.as_str().to_string(),
                c.tags.join(LIST_SEPARATOR),
                opt(&c.notes),
                opt(&c.availability),
                c.response_target_hours.map(|h| h.to_string()).unwrap_or_default(),
                moment(c.created_at, tz),
                c.archived_at.map(|t| moment(t, tz)).unwrap_or_default(),
            ],
        )?;
    }
    finish(w)
}

/// The entries, one row each, with their client's name; `now` gives the status.
pub fn entries(entries: &[(&Client, &Entry)], tz: Tz, now: DateTime<Utc>) -> Result<String, ExportError> {
    let mut w = writer();
    w.write_record(ENTRY_COLUMNS)?;
    for (c, e) in entries {
        let (mut direction, mut due, mut first_due, mut reschedules, mut answer_by, mut closed_at) =
            (String::new(), String::new(), String::new(), String::new(), String::new(), None);
        match &e.details {
            Details::Interaction(i) => direction = if i.direction == Direction::In { "in" } else { "out" }.to_string(),
            Details::Promise(p) => {
                due = p.current_due().to_string();
                first_due = p.due.to_string();
                reschedules = (p.due_history(DateTime::<Utc>::MAX_UTC).len() - 1).to_string();
                closed_at = p.closed_at();
            }
            Details::Request(r) => {
                answer_by = r.answer_by.map(|t| moment(t, tz)).unwrap_or_default();
                closed_at = r.closed_at();
            }
            Details::Incident(_) | Details::Feedback(_) | Details::Note => {}
        }
        if closed_at.is_none() {
            closed_at = e.open_until().flatten();
        }
        write_row(
            &mut w,
            &ENTRY_COLUMNS,
            [
                e.id.to_string(),
                c.id.to_string(),
                c.name.clone(),
                e.kind().to_string(),
                e.status_at(now).unwrap_or_default().to_string(),
                moment(e.occurred_at, tz),
                moment(e.recorded_at, tz),
                e.channel.as_str().to_string(),
                direction,
                e.summary.clone(),
                due,
                first_due,
                reschedules,
                answer_by,
                closed_at.map(|t| moment(t, tz)).unwrap_or_default(),
                serde_json::to_string(&e.details).unwrap_or_default(),
            ],
        )?;
    }
    finish(w)
}

/// One row, each cell made inert (see `inert`).
fn write_row<const N: usize>(w: &mut csv::Writer<Vec<u8>>, columns: &[&str; N], cells: [String; N]) -> Result<(), ExportError> {
    let cells = columns.iter().zip(cells).map(|(column, cell)| inert(cell, PHONE_COLUMNS.contains(column)));
    Ok(w.write_record(cells)?)
}

/// A cell a spreadsheet would take for a formula (it starts with `=`, `+`,
/// `-`, `@`, a tab or a carriage return) gets a `'` in front, as OWASP advises
/// against CSV injection: a name like `=HYPERLINK(…)` in an imported file would
/// otherwise run when the export is opened. Only a phone column's cell that is
/// nothing but phone numbers (`+`, digits, spaces, `-().`/`, and `; ` between
/// numbers) keeps its leading `+`: without letters it can call no function and
/// name no cell, so a spreadsheet can do no more than add it up.
fn inert(cell: String, phones: bool) -> String {
    let is_phone = || {
        cell.starts_with('+')
            && cell.chars().all(|c| c.is_ascii_digit() || " +-()./;".contains(c))
            && cell.chars().any(|c| c.is_ascii_digit())
    };
    match cell.chars().next() {
        Some('+') if phones && is_phone() => cell,
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell,
    }
}

/// RFC 4180's CRLF between records; line breaks inside a field stay as written.
fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new())
}

fn opt(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

/// ISO 8601 with the offset the journal's zone had then: 2026-03-05T09:00:00+01:00.
/// In UTC when the zone's calendar is already in the year 10000 (the last
/// hours of 9999 east of Greenwich), which ISO 8601 can't write in four digits.
fn moment(t: DateTime<Utc>, tz: Tz) -> String {
    let local = t.with_timezone(&tz);
    if local.year() > *YEARS.end() {
        return t.to_rfc3339_opts(SecondsFormat::Secs, true);
    }
    local.to_rfc3339_opts(SecondsFormat::Secs, false)
}

fn finish(w: csv::Writer<Vec<u8>>) -> Result<String, ExportError> {
    let bytes = w.into_inner().map_err(|e| ExportError::Csv(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| ExportError::Csv(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_a_spreadsheet_would_run_gets_a_quote_in_front() {
        for (cell, written) in [
            ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
        ] {
            assert_eq!(inert(cell.to_string(), false), written, "{cell:?}");
            assert_eq!(inert(cell.to_string(), true), written, "{cell:?} in a phone column: not a phone number");
        }
        for cell in ["Panadería Sol", "", "2026-03-05T09:00:00+01:00", "a=b", " =1", "'=1"] {
            assert_eq!(inert(cell.to_string(), false), cell, "{cell:?} is left as written");
        }
    }

    #[test]
    fn a_phone_number_keeps_its_plus_only_in_a_phone_column() {
        for phone in ["+34 600 123 456", "+1 (555) 010-9999", "+34600123456; +44 20 7946 0958", "+33 1.23.45.67.89"] {
            assert_eq!(inert(phone.to_string(), true), phone, "a phone number can call no function");
            assert_eq!(inert(phone.to_string(), false), format!("'{phone}"), "elsewhere a leading + is a formula");
        }
        for not_a_phone in ["+SUM(1)", "+34 600 ext 12", "+", "+()"] {
            assert_eq!(inert(not_a_phone.to_string(), true), format!("'{not_a_phone}"), "{not_a_phone:?}");
        }
    }

    #[test]
    fn a_moment_already_in_the_year_10000_where_the_journal_is_goes_out_in_utc() {
        let t = chrono::TimeZone::with_ymd_and_hms(&Utc, 9999, 12, 31, 23, 30, 0).unwrap();
        assert_eq!(moment(t, chrono_tz::Europe::Madrid), "9999-12-31T23:30:00Z", "not +10000-01-01T00:30:00+01:00");
        assert_eq!(moment(t, chrono_tz::America::New_York), "9999-12-31T18:30:00-05:00");
    }
}
