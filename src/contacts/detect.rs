//! Which program wrote a contacts file, from its text: every exporter has
//! column names (or a BEGIN:VCARD) no other one writes.

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
    if headers.iter().any(|h| is_google_column(h)) {
        return Some(SourceFormat::Google);
    }
    if headers.iter().any(|h| OUTLOOK_MARKERS.iter().any(|m| h.eq_ignore_ascii_case(m) || h.to_lowercase() == m.to_lowercase())) {
        return Some(SourceFormat::Outlook);
    }
    if headers.len() >= 2 || headers.iter().any(|h| auto_field(h).is_some()) {
        return Some(SourceFormat::Csv);
    }
    None
}

/// Columns only Outlook's exports have (Outlook.com, desktop in English and Spanish).
const OUTLOOK_MARKERS: &[&str] = &[
    "E-mail Address",
    "E-mail 2 Address",
    "Mobile Phone",
    "Business Phone",
    "Home Phone",
    "Job Title",
    "Dirección de correo electrónico",
    "Teléfono móvil",
    "Teléfono del trabajo",
    "Puesto",
];

/// Google's own columns: "E-mail 1 - Value", "Phone 2 - Label", the old
/// layout's "Given Name" / "Group Membership", the current one's "Labels".
fn is_google_column(h: &str) -> bool {
    if ["Given Name", "Family Name", "Group Membership", "Labels", "Phonetic First Name", "Organization Name"].contains(&h) {
        return true;
    }
    numbered(h).is_some_and(|(kind, _, part)| matches!(kind, "E-mail" | "Phone") && matches!(part, "Value" | "Type" | "Label"))
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
        assert_eq!(detect("First Name,Middle Name,Last Name,Title,E-mail Address\n"), Some(SourceFormat::Outlook));
        assert_eq!(detect("\"Tratamiento\",\"Nombre\",\"Apellidos\",\"Dirección de correo electrónico\"\r\n"), Some(SourceFormat::Outlook));
        assert_eq!(detect("Cliente;Correo;Móvil\n"), Some(SourceFormat::Csv));
        assert_eq!(detect("email\n"), Some(SourceFormat::Csv));
        assert_eq!(detect("hola qué tal\n"), None);
        assert_eq!(detect("  \n"), None);
    }
}
