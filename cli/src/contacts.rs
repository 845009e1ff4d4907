//! How `trato contacts` shows a person an import's preview and the imports
//! made, and reads the choices typed for it.

use chrono_tz::Tz;

use super::output::{local, one_line};
use super::run::count;
use trato::contacts::{Position, SourceFormat, UnreadColumn, FIELDS};
use trato::journal::importing::{
    Changes, Counts, Decision, ImportBatch, MatchedBy, Outcome, Preview, PreviewRow, SourceInfo, Target, Undone,
};

/// `ROW=new|merge|skip`, as typed after --decide.
pub fn decision(text: &str) -> Result<(usize, Decision), String> {
    let bad = || format!("--decide '{text}': write ROW=new, ROW=merge or ROW=skip, with ROW as the preview numbers it");
    let (row, choice) = text.split_once('=').ok_or_else(bad)?;
    let row: usize = row.trim().parse().map_err(|_| bad())?;
    let choice = match choice.trim().to_lowercase().as_str() {
        "new" => Decision::New,
        "merge" => Decision::Merge,
        "skip" => Decision::Skip,
        _ => return Err(bad()),
    };
    Ok((row, choice))
}

fn format_name(f: SourceFormat) -> &'static str {
    match f {
        SourceFormat::Google => "Google Contacts CSV",
        SourceFormat::Outlook => "Outlook CSV",
        SourceFormat::Linkedin => "LinkedIn connections",
        SourceFormat::Vcard => "vCard",
        SourceFormat::Csv => "CSV",
    }
}

fn position(at: Position) -> String {
    match at {
        Position::Row(n) => format!("row {n}"),
        Position::Card(n) => format!("card {n}"),
    }
}

fn target(t: &Target) -> String {
    match t {
        Target::Client { name, .. } => one_line(name),
        Target::Row { index, name } => format!("{} (new, #{index})", one_line(name)),
    }
}

fn adds(c: &Changes) -> String {
    let mut parts: Vec<String> = Vec::new();
    for (label, v) in [("organisation", &c.organisation), ("e-mail", &c.email), ("phone", &c.phone)] {
        if let Some(v) = v {
            parts.push(format!("{label} {}", one_line(v)));
        }
    }
    parts.extend(c.other_emails.iter().map(|e| format!("e-mail {}", one_line(e))));
    parts.extend(c.other_phones.iter().map(|p| format!("phone {}", one_line(p))));
    if c.notes.is_some() {
        parts.push("notes".into());
    }
    parts.extend(c.tags.iter().map(|t| format!("tag {}", one_line(t))));
    parts.join(", ")
}

fn who(row: &PreviewRow) -> String {
    match &row.record {
        Some(r) => {
            let mut s = one_line(&r.name);
            if let Some(o) = r.organisation.as_deref().filter(|o| *o != r.name) {
                s += &format!(" · {}", one_line(o));
            }
            if let Some(e) = r.emails.first() {
                s += &format!(" <{}>", one_line(e));
            }
            s
        }
        None => String::new(),
    }
}

fn line(row: &PreviewRow) -> String {
    let what = match &row.outcome {
        Outcome::New => format!("NEW        {}", who(row)),
        Outcome::Merge { into, by, adds: a } => {
            let by = match by {
                MatchedBy::Email => "same e-mail",
                MatchedBy::Phone => "same phone",
                MatchedBy::Decision => "your choice",
            };
            format!("MERGE      {} → into {} ({by}): adds {}", who(row), target(into), adds(a))
        }
        Outcome::Proposed => format!(
            "DUPLICATE? {} looks like {}; not imported unless you decide: --decide {}=merge|new|skip",
            who(row),
            row.duplicate_of.as_ref().map(target).unwrap_or_default(),
            row.index
        ),
        Outcome::Unchanged { client } => format!("UNCHANGED  {} is already in Trato as {}", who(row), target(client)),
        Outcome::Skipped { reason } => format!("SKIPPED    {}", one_line(reason)),
        Outcome::Invalid { field, reason } => format!("ERROR      {field}: {}", one_line(reason)),
    };
    format!("{:>4}  {:<9} {what}\n", row.index, position(row.at))
}

fn counts(c: &Counts) -> String {
    let mut parts = vec![format!("{} new", c.new), format!("{} to merge", c.merge)];
    for (n, label) in
        [(c.proposed, "possible duplicates"), (c.unchanged, "already in Trato"), (c.skipped, "skipped"), (c.invalid, "with errors")]
    {
        if n > 0 {
            parts.push(format!("{n} {label}"));
        }
    }
    parts.join(", ")
}

/// A column as the file names it, on one line whatever the file holds.
fn column(c: &str) -> String {
    format!("\"{}\"", one_line(c))
}

fn unread_column(u: &UnreadColumn) -> String {
    let rows = count(u.filled, "row", "rows");
    if u.column.is_empty() {
        format!("column {} without a name ({rows})", u.number)
    } else {
        format!("{} ({rows})", column(&u.column))
    }
}

/// How a file's columns are read, and which won't be: nothing is left behind unseen.
fn columns(s: &SourceInfo) -> String {
    let mut out = String::new();
    if !s.mapping.is_empty() {
        let read: Vec<String> = s.mapping.iter().map(|m| format!("{} → {}", column(&m.column), m.field)).collect();
        out += &format!("  columns read: {}\n", read.join(", "));
    }
    if !s.unread.is_empty() {
        let unread: Vec<String> = s.unread.iter().map(unread_column).collect();
        let how = if s.format == SourceFormat::Csv {
            format!("to import one, add --map \"COLUMN=FIELD\" (fields: {})", FIELDS.join(", "))
        } else {
            "to import them, read the file with --format csv and --map \"COLUMN=FIELD\"".to_string()
        };
        out += &format!("  not imported: {}; {how}\n", unread.join(", "));
    }
    out
}

/// The whole preview, file by file.
pub fn preview(p: &Preview) -> String {
    let mut out = String::new();
    for (i, s) in p.sources.iter().enumerate() {
        out += &format!("{} ({}):\n", one_line(&s.name), format_name(s.format));
        out += &columns(s);
        for row in p.rows.iter().filter(|r| r.source == i) {
            out += &line(row);
        }
    }
    out + &format!("\n{}.\n", counts(&p.counts))
}

/// What an undo did, and the clients it left because the person has worked on them since.
pub fn undone(done: &Undone) -> String {
    let mut out = format!(
        "import undone: {} moved to the trash, {} taken back\n",
        count(done.trashed, "client", "clients"),
        count(done.reverted, "merge", "merges")
    );
    if !done.kept.is_empty() {
        out += &format!(
            "kept {} you have added entries to or edited since the import (`trato delete ID` moves one to the trash):\n",
            count(done.kept.len(), "client", "clients")
        );
        for k in &done.kept {
            out += &format!("  {}  {}\n", k.id, one_line(&k.name));
        }
    }
    out
}

pub fn batches(list: &[ImportBatch], tz: Tz) -> String {
    if list.is_empty() {
        return "No contacts imports yet.\n".into();
    }
    let mut out = String::new();
    for b in list {
        let files: Vec<&str> = b.sources.iter().map(|s| s.name.as_str()).collect();
        let undone = b.undone_at.map(|u| format!("  (undone {})", local(u, tz))).unwrap_or_default();
        out += &format!("{}  {}  {} created, {} merged  {}{undone}\n", b.id, local(b.at, tz), b.created, b.merged, files.join(", "));
    }
    out
}
