//! Outlook's CSV exports: Outlook.com / new Outlook, and classic desktop
//! Outlook (every field quoted, the system's code page, column names in the
//! language of the installation; English and Spanish are read here).

use chrono::NaiveDate;

use super::draft::Draft;
use super::table::{cell, Table};
use super::{ContactsError, Parsed, Position};

// Each list: the English name, then the Spanish ones desktop Outlook writes.
const GIVEN: &[&str] = &["First Name", "Nombre"];
const MIDDLE: &[&str] = &["Middle Name", "Segundo nombre"];
const FAMILY: &[&str] = &["Last Name", "Apellidos"];
const COMPANY: &[&str] = &["Company", "Organización/Compañía", "Organización", "Compañía", "Empresa"];
const JOB_TITLE: &[&str] = &["Job Title", "Puesto"];
const NOTES: &[&str] = &["Notes", "Notas"];
const CATEGORIES: &[&str] = &["Categories", "Categorías"];
const BIRTHDAY: &[&str] = &["Birthday", "Cumpleaños"];
const WEB: &[&str] = &["Web Page", "Personal Web Page", "Página web", "Página Web"];
const EMAILS: &[&[&str]] = &[
    &["E-mail Address", "Dirección de correo electrónico"],
    &["E-mail 2 Address", "Dirección de correo electrónico 2"],
    &["E-mail 3 Address", "Dirección de correo electrónico 3"],
];
const EMAIL_TYPES: &[&[&str]] = &[
    &["E-mail Type", "Tipo de correo electrónico"],
    &["E-mail 2 Type", "Tipo de correo electrónico 2"],
    &["E-mail 3 Type", "Tipo de correo electrónico 3"],
];
/// The phones, in the order a person most likely wants them: the one marked
/// primary, the mobile, then work and home.
const PHONES: &[&[&str]] = &[
    &["Primary Phone", "Teléfono principal"],
    &["Mobile Phone", "Teléfono móvil"],
    &["Business Phone", "Teléfono del trabajo"],
    &["Business Phone 2", "Teléfono del trabajo 2"],
    &["Company Main Phone", "Número de centralita de la organización"],
    &["Home Phone", "Teléfono particular", "Particular"],
    &["Home Phone 2", "Número de teléfono particular 2"],
    &["Other Phone", "Otro teléfono"],
    &["Car Phone", "Teléfono del automóvil"],
    &["Assistant's Phone", "Teléfono del asistente"],
    &["Callback", "Devolución de llamada"],
    &["Radio Phone", "Radioteléfono"],
    &["Pager", "Localizador"],
];
/// One header in each language Outlook writes it in.
type Names = &'static [&'static str];
/// Addresses: (label for the notes, street, city, state, postal code, country).
const ADDRESSES: &[(&str, Names, Names, Names, Names, Names)] = &[
    (
        "Address (work)",
        &["Business Street", "Calle del trabajo"],
        &["Business City", "Ciudad de trabajo"],
        &["Business State", "Provincia o estado de trabajo"],
        &["Business Postal Code", "Código postal del trabajo"],
        &["Business Country/Region", "País o región del trabajo"],
    ),
    (
        "Address (home)",
        &["Home Street", "Calle del domicilio"],
        &["Home City", "Ciudad de residencia"],
        &["Home State", "Provincia o estado de residencia"],
        &["Home Postal Code", "Código postal de residencia"],
        &["Home Country/Region", "País o región de residencia"],
    ),
    (
        "Address (other)",
        &["Other Street", "Otra calle"],
        &["Other City", "Otra ciudad"],
        &["Other State", "Otra provincia o estado"],
        &["Other Postal Code", "Otro código postal"],
        &["Other Country/Region", "Otro país o región"],
    ),
];

pub(crate) fn read(table: &Table) -> Result<Vec<Parsed>, ContactsError> {
    let col = |names: &[&str]| table.col(names);
    let (given, middle, family) = (col(GIVEN), col(MIDDLE), col(FAMILY));
    let (company, job_title, notes, categories) = (col(COMPANY), col(JOB_TITLE), col(NOTES), col(CATEGORIES));
    let birthday = table.col(BIRTHDAY).or_else(|| table.headers.iter().position(|h| h.starts_with("Birthday")));
    birthday.inspect(|&i| table.mark(i));
    // Spanish Outlook writes dates day first, Outlook.com and English desktop Outlook month first.
    let day_first = table.col(&["Cumpleaños"]).is_some();
    let web = col(WEB);
    let emails: Vec<(Option<usize>, Option<usize>)> = EMAILS.iter().zip(EMAIL_TYPES).map(|(e, t)| (col(e), col(t))).collect();
    let phones: Vec<Option<usize>> = PHONES.iter().map(|p| col(p)).collect();
    let addresses: Vec<[Option<usize>; 5]> =
        ADDRESSES.iter().map(|(_, s, c, st, p, co)| [col(s), col(c), col(st), col(p), col(co)]).collect();
    // Told to read as Outlook a file that isn't one: say so rather than skip every row.
    if [given, family, company].iter().all(Option::is_none) && emails.iter().all(|(e, _)| e.is_none()) {
        return Err(ContactsError::NoHeader {
            format: "Outlook".into(),
            hint: "expected columns such as \"First Name\" and \"E-mail Address\" (or \"Nombre\" and \"Dirección de correo electrónico\")"
                .into(),
        });
    }

    Ok(table
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let mut d = Draft {
                given: Some(cell(row, given).to_string()),
                middle: Some(cell(row, middle).to_string()),
                family: Some(cell(row, family).to_string()),
                organisation: Some(cell(row, company).to_string()),
                title: Some(cell(row, job_title).to_string()),
                note: Some(cell(row, notes).to_string()),
                ..Draft::default()
            };
            for &(address, kind) in &emails {
                let address = cell(row, address);
                // Exchange users export as an X.500 path ("/o=ExchangeLabs/…", type "EX"), not an e-mail.
                if cell(row, kind).eq_ignore_ascii_case("EX") || address.starts_with("/o=") || address.starts_with("/O=") {
                    continue;
                }
                d.email(address);
            }
            for &phone in &phones {
                d.phone(cell(row, phone));
            }
            // Desktop Outlook separates categories with ";", Outlook.com with ";" or ",".
            for tag in cell(row, categories).split([';', ',']) {
                d.tag(tag);
            }
            for ((label, ..), cols) in ADDRESSES.iter().zip(&addresses) {
                let parts: Vec<&str> = cols.iter().map(|c| cell(row, *c)).filter(|v| !v.is_empty()).collect();
                d.line(label, &parts.join(", "));
            }
            let birthday = cell(row, birthday);
            if !no_date(birthday) {
                d.line("Birthday", &iso_date(birthday, day_first));
            }
            d.line("Website", cell(row, web));
            d.finish(Position::Row(i + 2))
        })
        .collect())
}

/// Whether an unread cell is only desktop Outlook's filler, written for every
/// contact whatever the person entered ("Normal" priority, "0/0/00"): not
/// worth listing as data left behind.
pub(crate) fn placeholder(value: &str) -> bool {
    const FILLERS: &[&str] = &["Normal", "Unspecified", "False", "Sin especificar", "Falso"];
    FILLERS.iter().any(|f| value.eq_ignore_ascii_case(f)) || no_date(value)
}

/// Desktop Outlook writes "0/0/00" for "no date".
fn no_date(s: &str) -> bool {
    s.chars().all(|c| matches!(c, '0' | '/' | '-' | '.'))
}

/// Outlook's "4/15/1985" as "1985-04-15", as the other readers write dates, so
/// that no one reads 12/1/1990 as January. The other order when the first can't
/// be a date; the text as it is when neither fits.
fn iso_date(s: &str, day_first: bool) -> String {
    let formats = if day_first { ["%d/%m/%Y", "%m/%d/%Y"] } else { ["%m/%d/%Y", "%d/%m/%Y"] };
    formats.iter().find_map(|f| NaiveDate::parse_from_str(s, f).ok()).map_or_else(|| s.to_string(), |d| d.format("%Y-%m-%d").to_string())
}
