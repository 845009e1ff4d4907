//! What every contacts importer produces: one person as read from a file,
//! before Trato decides whether it is a new client, the same as one it has,
//! or nothing to take.

use serde::Serialize;

/// The file formats Trato reads contacts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    /// Google Contacts' "Google CSV" export, current and older header layouts.
    Google,
    /// Outlook.com / new Outlook, or classic desktop Outlook (English or Spanish headers).
    Outlook,
    /// LinkedIn's Connections.csv.
    Linkedin,
    /// vCard 2.1, 3.0 or 4.0 (.vcf), many cards per file.
    Vcard,
    /// Any other CSV with a header row, through a column mapping.
    Csv,
}

/// Where a record sits in its file, for messages a person can find again:
/// the CSV row (the header is row 1) or the vCard's number (the first is 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, ts_rs::TS)]
#[serde(tag = "kind", content = "number", rename_all = "snake_case")]
pub enum Position {
    Row(usize),
    Card(usize),
}

/// One person as the file has them. Text is trimmed and NFC-normalised;
/// e-mails and phones keep their written form, the preferred one first.
#[derive(Clone, Debug, Default, PartialEq, Serialize, ts_rs::TS)]
pub struct ContactRecord {
    /// The name to show: "Given Family", else the organisation, else the e-mail.
    pub name: String,
    pub organisation: Option<String>,
    /// Job title, kept in the notes when the client is created.
    pub title: Option<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    /// Notes, with anything worth keeping that Trato has no field for
    /// (addresses, birthday, website), one per line.
    pub notes: Option<String>,
    /// The person's groups or labels in the source (not system labels such as `myContacts`).
    pub tags: Vec<String>,
    /// An identity the source gives the person (a vCard UID), if any.
    pub source_id: Option<String>,
}

/// A column of a CSV and the field of Trato it is read into, as the
/// generic reader took it: the proposed mapping, or the person's own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize, ts_rs::TS)]
pub struct ColumnField {
    pub column: String,
    pub field: String,
}

/// A column that has values but that nothing of the reading takes into a
/// record: the preview names it, so that nothing is dropped without the
/// person seeing it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize, ts_rs::TS)]
pub struct UnreadColumn {
    /// Its header; empty for cells past the end of the header row.
    pub column: String,
    /// Its place in the file, the first column being 1.
    pub number: usize,
    /// How many records have a value in it.
    pub filled: usize,
}

/// What a file gave at one position: a person, something deliberately left
/// out (a LinkedIn row of a deactivated member), or a record that can't be read.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Parsed {
    Record { at: Position, record: ContactRecord },
    Skipped { at: Position, reason: String },
    Invalid { at: Position, field: String, reason: String },
}
