//! Which program wrote a contacts file, from its text: every exporter has
//! column names (or a BEGIN:VCARD) no other one writes, and a file is taken
//! for its export only when several of them are there.

use super::mapping::auto_field;
use super::table::{first_content_line, separator};
use super::SourceFormat;

/// The format the text is in, or `None` when it can't be told.
pub fn detect(text: &str) -> Option<SourceFormat> {
    let start = first_content_line(text)?;
    let first = text[start..].lines().next().unwrap_or("").trim().trim_start_matches('\u{feff}');
    if first.to_ascii_uppercase().starts_with("BEGIN:VCARD") {
        return Some(SourceFormat::Vcard);
    }
    if linkedin_header(text).is_some() {
        return Some(SourceFormat::Linkedin);
    }
    let headers = header_cells(first);
    if signature(&headers, is_google_column) {
        return Some(SourceFormat::Google);
    }
    if signature(&headers, |h| OUTLOOK_COLUMNS.iter().any(|m| h.to_lowercase() == m.to_lowercase())) {
        return Some(SourceFormat::Outlook);
    }
    if headers.len() >= 2 || headers.iter().any(|h| auto_field(h).is_some()) {
        return Some(SourceFormat::Csv);
    }
    None
}

/// How many of a program's own column names a header must have to be its
/// export. One is not enough: "Job Title" or "Labels" are in any spreadsheet,
/// and a file taken for Outlook's loses every column Outlook doesn't write.
/// The real exports have dozens.
const SIGNATURE_COLUMNS: usize = 3;

fn signature(headers: &[String], own: impl Fn(&str) -> bool) -> bool {
    headers.iter().filter(|h| own(h)).count() >= SIGNATURE_COLUMNS
}

/// Columns only Outlook's exports write (Outlook.com, desktop in English and
/// Spanish). Left out: names CRMs and spreadsheets use too ("Job Title",
/// "Mobile Phone", "Home Phone", "Other Phone", "Middle Name").
const OUTLOOK_COLUMNS: &[&str] = &[
    "E-mail Address",
    "E-mail 2 Address",
    "E-mail 3 Address",
    "E-mail Type",
    "E-mail Display Name",
    "E-mail 2 Display Name",
    "Business Phone",
    "Business Phone 2",
    "Business Fax",
    "Home Fax",
    "Company Main Phone",
    "Primary Phone",
    "Car Phone",
    "Radio Phone",
    "TTY/TDD Phone",
    "Assistant's Phone",
    "Business Street",
    "Business City",
    "Business Postal Code",
    "Business Country/Region",
    "Home Street",
    "Home Country/Region",
    "Other Country/Region",
    "Given Yomi",
    "Surname Yomi",
    "Personal Web Page",
    "Dirección de correo electrónico",
    "Dirección de correo electrónico 2",
    "Tipo de correo electrónico",
    "Nombre para mostrar del correo electrónico",
    "Teléfono del trabajo",
    "Teléfono del trabajo 2",
    "Fax del trabajo",
    "Número de centralita de la organización",
    "Teléfono principal",
    "Teléfono del automóvil",
    "Teléfono del asistente",
    "Calle del trabajo",
    "Ciudad de trabajo",
    "Código postal del trabajo",
    "País o región del trabajo",
    "Calle del domicilio",
    "País o región de residencia",
];

/// Google's own columns: its numbered groups ("E-mail 1 - Value", "Phone 2 -
/// Label"), the old layout's "Given Name" / "Group Membership", the current
/// one's "Phonetic First Name" / "File As" / "Labels".
fn is_google_column(h: &str) -> bool {
    const NAMED: &[&str] = &[
        "Given Name",
        "Additional Name",
        "Family Name",
        "Given Name Yomi",
        "Family Name Yomi",
        "Group Membership",
        "Labels",
        "Phonetic First Name",
        "Phonetic Last Name",
        "Name Prefix",
        "Name Suffix",
        "File As",
        "Organization Name",
        "Organization Title",
    ];
    const GROUPS: &[&str] = &["E-mail", "Phone", "Address", "Website", "Organization", "Relation", "Event", "IM", "Custom Field"];
    NAMED.contains(&h) || numbered(h).is_some_and(|(kind, _, _)| GROUPS.contains(&kind))
}

/// "E-mail 3 - Value" → ("E-mail", 3, "Value").
pub(crate) fn numbered(h: &str) -> Option<(&str, u32, &str)> {
    let (left, part) = h.split_once(" - ")?;
    let (kind, n) = left.rsplit_once(' ')?;
    Some((kind, n.parse().ok()?, part))
}

fn header_cells(line: &str) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new().delimiter(separator(line)).has_headers(false).flexible(true).from_reader(line.as_bytes());
    match reader.records().next() {
        Some(Ok(r)) => r.iter().map(|c| c.trim().to_string()).filter(|c| !c.is_empty()).collect(),
        _ => Vec::new(),
    }
}

/// Byte offset of LinkedIn's header line. Its export puts a "Notes:" paragraph
/// before it, of a length LinkedIn has changed, so it is searched for, not counted.
pub(crate) fn linkedin_header(text: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n').take(50) {
        let cells: Vec<String> = header_cells(line.trim_start_matches('\u{feff}')).iter().map(|c| c.to_ascii_lowercase()).collect();
        if cells.first().is_some_and(|c| c == "first name") && cells.iter().any(|c| c == "url") && cells.iter().any(|c| c == "connected on")
        {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_their_headers() {
        assert_eq!(detect("\u{feff}BEGIN:VCARD\nVERSION:3.0\nEND:VCARD\n"), Some(SourceFormat::Vcard));
        assert_eq!(
            detect("Notes:\n\"blah, blah\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n"),
            Some(SourceFormat::Linkedin)
        );
        assert_eq!(detect("First Name,Middle Name,Last Name,Labels,E-mail 1 - Label,E-mail 1 - Value\n"), Some(SourceFormat::Google));
        assert_eq!(detect("Name,Given Name,Additional Name,Family Name,Group Membership\n"), Some(SourceFormat::Google));
        assert_eq!(
            detect("First Name,Middle Name,Last Name,Title,Suffix,Nickname,Given Yomi,Surname Yomi,E-mail Address,E-mail 2 Address\n"),
            Some(SourceFormat::Outlook)
        );
        assert_eq!(
            detect("\"Tratamiento\",\"Nombre\",\"Apellidos\",\"Calle del trabajo\",\"Teléfono del trabajo\",\"Dirección de correo electrónico\"\r\n"),
            Some(SourceFormat::Outlook)
        );
        assert_eq!(detect("Cliente;Correo;Móvil\n"), Some(SourceFormat::Csv));
        // One column Outlook writes too is no Outlook export: the person and her address would be lost.
        assert_eq!(detect("Name,Job Title,Email,Company\n"), Some(SourceFormat::Csv));
        assert_eq!(detect("First Name,Last Name,E-mail Address,Mobile Phone,Home Phone,Job Title\n"), Some(SourceFormat::Csv));
        assert_eq!(detect("Name,Labels,Email\n"), Some(SourceFormat::Csv));
        assert_eq!(detect("email\n"), Some(SourceFormat::Csv));
        assert_eq!(detect("hola qué tal\n"), None);
        assert_eq!(detect("  \n"), None);
    }
}
