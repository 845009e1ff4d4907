//! Any other CSV: which of its columns hold which of Trato's fields, told by
//! the person (`--map "Correo=email"`) or guessed from common column names.

use super::draft::Draft;
use super::keys::name_key;
use super::table::{cell, Table};
use super::{ContactsError, Parsed, Position};

/// The fields a column can be mapped to.
pub const FIELDS: &[&str] = &["name", "given_name", "family_name", "organisation", "title", "email", "phone", "notes", "tags"];

/// A column mapping for a generic CSV: (column name in the file, Trato field).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnMap(pub Vec<(String, String)>);

impl ColumnMap {
    /// From "Column name=field" entries; the last `=` splits, so a column may contain one.
    pub fn parse(entries: &[String]) -> Result<ColumnMap, ContactsError> {
        let mut pairs = Vec::new();
        for entry in entries {
            let Some((column, field)) = entry.rsplit_once('=') else {
                return Err(ContactsError::MappingMalformed { entry: entry.clone() });
            };
            let (column, field) = (column.trim(), field.trim().to_ascii_lowercase());
            if column.is_empty() {
                return Err(ContactsError::MappingMalformed { entry: entry.clone() });
            }
            let field = canonical_field(&field).ok_or_else(|| ContactsError::MappingUnknownField { field, known: FIELDS.join(", ") })?;
            pairs.push((column.to_string(), field.to_string()));
        }
        Ok(ColumnMap(pairs))
    }
}

fn canonical_field(f: &str) -> Option<&'static str> {
    match f {
        "organization" => Some("organisation"),
        "note" => Some("notes"),
        "tag" => Some("tags"),
        _ => FIELDS.iter().copied().find(|k| *k == f),
    }
}

/// What each column of a file most likely holds (`None`: nothing Trato keeps),
/// the app's starting point for a column mapping the person then corrects.
pub fn guess_columns(headers: &[String]) -> Vec<Option<&'static str>> {
    headers.iter().map(|h| auto_field(h)).collect()
}

/// The field a column called `header` most likely holds, for files mapped by nobody.
pub(crate) fn auto_field(header: &str) -> Option<&'static str> {
    let h = name_key(&header.replace(['_', '-'], " "));
    let field = match h.as_str() {
        "name" | "full name" | "display name" | "nombre completo" | "contact" | "contacto" | "client" | "cliente" => "name",
        "given name" | "first name" | "firstname" | "nombre" => "given_name",
        "family name" | "last name" | "lastname" | "surname" | "apellido" | "apellidos" => "family_name",
        "organisation" | "organization" | "company" | "empresa" | "compania" | "org" => "organisation",
        "title" | "job title" | "position" | "puesto" | "cargo" => "title",
        "email" | "e mail" | "mail" | "correo" | "correo electronico" | "email address" => "email",
        "phone" | "telephone" | "tel" | "telefono" | "mobile" | "movil" | "phone number" => "phone",
        "notes" | "note" | "notas" | "comments" | "comentarios" => "notes",
        "tags" | "labels" | "etiquetas" | "groups" | "categories" | "categorias" => "tags",
        _ => return None,
    };
    Some(field)
}

pub(crate) fn read_csv(table: &Table, map: &ColumnMap) -> Result<Vec<Parsed>, ContactsError> {
    let columns: Vec<(usize, &str)> = if map.0.is_empty() {
        table.headers.iter().enumerate().filter_map(|(i, h)| Some((i, auto_field(h)?))).collect()
    } else {
        let mut columns = Vec::new();
        for (column, field) in &map.0 {
            let i = table
                .col(&[column.as_str()])
                .ok_or_else(|| ContactsError::MappingColumnMissing { column: column.clone(), available: table.available() })?;
            let field = canonical_field(field)
                .ok_or_else(|| ContactsError::MappingUnknownField { field: field.clone(), known: FIELDS.join(", ") })?;
            columns.push((i, field));
        }
        columns
    };
    let naming = ["name", "given_name", "family_name", "organisation", "email"];
    if !columns.iter().any(|(_, f)| naming.contains(f)) {
        return Err(ContactsError::NoNameColumn { available: table.available() });
    }
    Ok(table
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let mut d = Draft::default();
            for &(col, field) in &columns {
                let v = cell(row, Some(col));
                let append = |slot: &mut Option<String>| {
                    if !v.is_empty() {
                        *slot = Some(match slot.take() {
                            Some(before) => format!("{before} {v}"),
                            None => v.to_string(),
                        });
                    }
                };
                match field {
                    "name" => append(&mut d.full_name),
                    "given_name" => append(&mut d.given),
                    "family_name" => append(&mut d.family),
                    "organisation" => append(&mut d.organisation),
                    "title" => append(&mut d.title),
                    "email" => v.split([';', ',']).for_each(|e| d.email(e)),
                    "phone" => v.split(';').for_each(|p| d.phone(p)),
                    "notes" => {
                        if !v.is_empty() {
                            d.note = Some(d.note.take().map_or_else(|| v.to_string(), |n| format!("{n}\n{v}")));
                        }
                    }
                    _ => v.split([';', ',', '|']).for_each(|t| d.tag(t)),
                }
            }
            d.finish(Position::Row(i + 2))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_mapping_entries() {
        let m = ColumnMap::parse(&["Correo electrónico=email".into(), " Razón social = Organization ".into()]).unwrap();
        assert_eq!(m.0, [("Correo electrónico".to_string(), "email".to_string()), ("Razón social".into(), "organisation".into())]);
        assert_eq!(ColumnMap::parse(&["Correo".into()]).unwrap_err().code(), "mapping_malformed");
        let e = ColumnMap::parse(&["Correo=mail".into()]).unwrap_err();
        assert_eq!(e.code(), "mapping_unknown_field");
        assert!(e.to_string().contains("given_name"), "{e}");
    }

    #[test]
    fn columns_are_guessed_in_english_and_spanish_and_unknown_ones_left_alone() {
        let headers: Vec<String> =
            ["Nombre", "Apellidos", "Correo electrónico", "Teléfono", "Empresa", "Color favorito"].map(String::from).into();
        assert_eq!(
            guess_columns(&headers),
            [Some("given_name"), Some("family_name"), Some("email"), Some("phone"), Some("organisation"), None]
        );
    }

    #[test]
    fn a_mapped_column_the_file_lacks_names_the_ones_it_has() {
        let t = Table::read("Cliente;Mail\nAna;ana@x.es\n", 0).unwrap();
        let e = read_csv(&t, &ColumnMap::parse(&["Correo=email".into()]).unwrap()).unwrap_err();
        assert_eq!(e, ContactsError::MappingColumnMissing { column: "Correo".into(), available: "\"Cliente\", \"Mail\"".into() });
        let t = Table::read("Foo,Bar\n1,2\n", 0).unwrap();
        assert_eq!(read_csv(&t, &ColumnMap::default()).unwrap_err().code(), "no_name_column");
    }
}
