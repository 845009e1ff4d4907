//! Contacts from the address books people already have: Google Contacts, Outlook,
//! LinkedIn, vCard files and any CSV. Reading only: deciding what becomes a client
//! is src/journal/importing/'s business.

mod detect;
mod draft;
mod error;
mod google;
mod keys;
mod linkedin;
mod mapping;
mod outlook;
mod record;
mod table;
mod text;
mod vcard;

pub use detect::detect;
pub use error::ContactsError;
pub use keys::{email_key, name_key, phone_key};
pub use mapping::{guess_columns, ColumnMap, ContactField, FIELDS};
pub use record::{ColumnField, ContactRecord, Parsed, Position, SourceFormat, UnreadColumn};

use std::io::Read;
use std::path::Path;

use serde::Serialize;
use table::{first_content_line, Table};

/// A contacts file as read: the format it was read as, what each record
/// gave, and what of the file no record took.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ParsedFile {
    pub format: SourceFormat,
    pub items: Vec<Parsed>,
    /// For a generic CSV, the columns read and the field each went into.
    pub mapping: Vec<ColumnField>,
    /// The columns with values that no field took.
    pub unread: Vec<UnreadColumn>,
}

/// The largest contacts file Trato reads. A file is read whole, and its text
/// is held two or three times over while it is decoded and parsed: 64 MiB
/// keeps that within what a desktop app may take, and is far above any
/// address book without photos (10,000 people in a Google CSV are about 1.5 MB).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A contacts file's bytes, refused before anything is read when it is larger
/// than `MAX_FILE_BYTES`, and read no further than that when its size can't
/// be known in advance (a pipe).
pub fn read_file(path: &Path) -> Result<Vec<u8>, ContactsError> {
    let unreadable = |e: std::io::Error| ContactsError::CantOpen { detail: e.to_string() };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let size = file.metadata().map_err(unreadable)?.len();
    if size > MAX_FILE_BYTES {
        return Err(ContactsError::TooLarge { size });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ContactsError::TooLarge { size: bytes.len() as u64 });
    }
    Ok(bytes)
}

/// The `--format` values, for messages.
const FORMATS: &str = "google, outlook, linkedin, vcard, csv";

/// Reads a contacts file. `format: None` tells it from the contents; `map` is
/// only for `SourceFormat::Csv` (empty: guess from common column names).
/// Whole-file problems are errors; one bad record is a `Parsed::Invalid` among the rest.
pub fn read(bytes: &[u8], format: Option<SourceFormat>, map: &ColumnMap) -> Result<ParsedFile, ContactsError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ContactsError::TooLarge { size: bytes.len() as u64 });
    }
    let text = text::decode(bytes)?;
    if text.trim().trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(ContactsError::Empty);
    }
    let format = match format.or_else(|| detect(&text)) {
        Some(f) => f,
        None => return Err(ContactsError::UnknownFormat { formats: FORMATS.into() }),
    };
    let (items, mapping, unread) = match format {
        SourceFormat::Vcard => (vcard::read(&text)?, Vec::new(), Vec::new()),
        SourceFormat::Linkedin => {
            let start = detect::linkedin_header(&text).ok_or_else(|| ContactsError::NoHeader {
                format: "LinkedIn".into(),
                hint: "its header starts \"First Name,Last Name,URL\"".into(),
            })?;
            let table = Table::read(&text, start)?;
            (linkedin::read(&table), Vec::new(), table.unread(|_| false))
        }
        SourceFormat::Google => {
            let table = header_table(&text, "Google Contacts")?;
            (google::read(&table)?, Vec::new(), table.unread(|_| false))
        }
        SourceFormat::Outlook => {
            let table = header_table(&text, "Outlook")?;
            (outlook::read(&table)?, Vec::new(), table.unread(outlook::placeholder))
        }
        SourceFormat::Csv => {
            let table = header_table(&text, "CSV")?;
            let (items, mapping) = mapping::read_csv(&table, map)?;
            (items, mapping, table.unread(|_| false))
        }
    };
    Ok(ParsedFile { format, items, mapping, unread })
}

/// A CSV file's column names, for the app's column-mapping step.
pub fn csv_headers(bytes: &[u8]) -> Result<Vec<String>, ContactsError> {
    let text = text::decode(bytes)?;
    if text.trim().trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(ContactsError::Empty);
    }
    let start = detect::linkedin_header(&text).or_else(|| first_content_line(&text)).unwrap_or(0);
    let table = Table::read(&text, start)?;
    if table.headers.iter().all(|h| h.is_empty()) {
        return Err(ContactsError::NoHeader { format: "CSV".into(), hint: "the first line is empty".into() });
    }
    Ok(table.headers)
}

fn header_table(text: &str, format: &str) -> Result<Table, ContactsError> {
    let no_header = || ContactsError::NoHeader { format: format.into(), hint: "the file has no lines".into() };
    let table = Table::read(text, first_content_line(text).ok_or_else(no_header)?)?;
    if table.headers.iter().all(|h| h.is_empty()) {
        return Err(no_header());
    }
    Ok(table)
}
