//! Problems with a whole contacts file: nothing in it can be read until the
//! person does something (picks a format, fixes the mapping, saves it again).
//! Problems with one record are `Parsed::Invalid` instead, so the rest still imports.

use crate::domain::{Code, Refusal};

/// Why a contacts file can't be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContactsError {
    #[error("the file is empty: export the contacts again and choose the new file")]
    Empty,
    #[error(
        "the file is {} MB, and Trato reads contacts files of up to {} MB: export the contacts in parts (a label, group or folder at a time, or without photos) and import each part",
        megabytes(*size),
        super::MAX_FILE_BYTES / (1024 * 1024)
    )]
    TooLarge { size: u64 },
    #[error("the file can't be opened ({detail})")]
    CantOpen { detail: String },
    #[error(
        "the file's text can't be read ({detail}); save it again as UTF-8 (\"CSV UTF-8\" in Excel, or \"Unicode (UTF-8)\" in LibreOffice)"
    )]
    Encoding { detail: String },
    #[error("Trato can't tell what kind of contacts file this is; choose one with --format: {formats}")]
    UnknownFormat { formats: String },
    #[error("no {format} header row was found ({hint}); check the file or choose another --format")]
    NoHeader { format: String, hint: String },
    #[error("no vCard (BEGIN:VCARD … END:VCARD) was found in the file; check it is a .vcf export")]
    NoCards,
    #[error("the column mapping \"{entry}\" should look like \"Column in the file=field\", e.g. \"Correo=email\"")]
    MappingMalformed { entry: String },
    #[error("the mapping names the column \"{column}\", which the file doesn't have; its columns are: {available}")]
    MappingColumnMissing { column: String, available: String },
    #[error("the mapping names the field \"{field}\", which Trato doesn't have; the fields are: {known}")]
    MappingUnknownField { field: String, known: String },
    #[error("no column gives a name, organisation or e-mail; map one, e.g. --map \"Nombre=name\" (the file's columns are: {available})")]
    NoNameColumn { available: String },
    #[error("the CSV can't be read ({detail}); open it in a spreadsheet and save it again as CSV")]
    Unreadable { detail: String },
}

impl ContactsError {
    /// A stable code for the app and scripts, independent of the wording.
    pub fn code(&self) -> &'static str {
        self.refusal().code.as_str()
    }

    /// The refusal as data, for a face to word.
    pub fn refusal(&self) -> Refusal {
        let list = |s: &str| s.split(", ").map(str::to_string).collect::<Vec<_>>();
        match self {
            ContactsError::Empty => Refusal::new(Code::ContactsEmpty),
            ContactsError::TooLarge { size } => Refusal::new(Code::ContactsTooLarge)
                .count(megabytes(*size).parse::<f64>().unwrap_or(f64::INFINITY))
                .limit((super::MAX_FILE_BYTES / (1024 * 1024)) as f64),
            ContactsError::CantOpen { detail } => Refusal::new(Code::ContactsCantOpen).detail(detail),
            ContactsError::Encoding { detail } => Refusal::new(Code::ContactsEncoding).detail(detail),
            ContactsError::UnknownFormat { formats } => Refusal::new(Code::ContactsUnknownFormat).choices(list(formats)),
            ContactsError::NoHeader { format, hint } => Refusal::new(Code::ContactsNoHeader).kind(format).detail(hint),
            ContactsError::NoCards => Refusal::new(Code::ContactsNoCards),
            ContactsError::MappingMalformed { entry } => Refusal::new(Code::MappingMalformed).value(entry),
            ContactsError::MappingColumnMissing { column, available } => {
                Refusal::new(Code::MappingColumnMissing).value(column).choices(list(available))
            }
            ContactsError::MappingUnknownField { field, known } => {
                Refusal::new(Code::MappingUnknownField).value(field).choices(list(known))
            }
            ContactsError::NoNameColumn { available } => Refusal::new(Code::NoNameColumn).choices(list(available)),
            ContactsError::Unreadable { detail } => Refusal::new(Code::ContactsUnreadable).detail(detail),
        }
    }
}

/// A size as megabytes with one decimal, rounded up so that a file just over
/// the limit never reads as exactly the limit.
fn megabytes(bytes: u64) -> String {
    let tenths = bytes.saturating_mul(10).div_ceil(1024 * 1024);
    format!("{}.{}", tenths / 10, tenths % 10)
}
