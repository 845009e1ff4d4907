//! Any other CSV: which of its columns hold which of Trato's fields, told by
//! the person (`--map "Correo=email"`) or guessed from common column names.

use super::draft::Draft;
use super::keys::name_key;
use super::table::{cell, Table};
use super::{ColumnField, ContactsError, Parsed, Position};

/// A field of Trato a column can be mapped to. The UI offers these (its
/// bindings carry the list) and words each one in its own language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ContactField {
    Name,
    GivenName,
    FamilyName,
    Organisation,
    Title,
    Email,
    Phone,
    Notes,
    Tags,
}

impl ContactField {
    pub const ALL: [ContactField; 9] = [
        ContactField::Name,
        ContactField::GivenName,
        ContactField::FamilyName,
        ContactField::Organisation,
        ContactField::Title,
        ContactField::Email,
        ContactField::Phone,
        ContactField::Notes,
        ContactField::Tags,
    ];

    /// As `--map` and the files' mappings write it (and as serde does).
    pub const fn name(self) -> &'static str {
        match self {
            ContactField::Name => "name",
            ContactField::GivenName => "given_name",
            ContactField::FamilyName => "family_name",
            ContactField::Organisation => "organisation",
            ContactField::Title => "title",
            ContactField::Email => "email",
            ContactField::Phone => "phone",
            ContactField::Notes => "notes",
            ContactField::Tags => "tags",
        }
    }

    pub fn named(name: &str) -> Option<ContactField> {
        ContactField::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// The fields a column can be mapped to, by name.
pub const FIELDS: [&str; ContactField::ALL.len()] = {
    let mut names = [""; ContactField::ALL.len()];
    let mut i = 0;
    while i < names.len() {
        names[i] = ContactField::ALL[i].name();
        i += 1;
    }
    names
};

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
        _ => ContactField::named(f).map(ContactField::name),
    }
}

/// What each column of a file most likely holds (`None`: nothing Trato
/// keeps), from common column names in English and Spanish: the mapping
/// proposed to the person, who then corrects it. Read as a whole header, so
/// that a lone "Nombre" is the full name and "Nombre" beside "Apellidos" the
/// first name, and of two columns for a one-value field ("Title" and "Job
/// Title") only the likelier is taken: the other is left for the person to
/// see, rather than run together with it.
pub fn guess_columns(headers: &[String]) -> Vec<Option<&'static str>> {
    let guesses: Vec<Option<(&'static str, usize)>> = headers.iter().map(|h| guess(h)).collect();
    let has_family = guesses.iter().flatten().any(|(f, _)| *f == "family_name");
    // A first name standing for the whole name is less likely it than a column called so.
    let guesses: Vec<Option<(&'static str, usize)>> = guesses
        .into_iter()
        .map(|g| g.map(|(f, rank)| if f == "given_name" && !has_family { ("name", rank + NAMES.len() * 100) } else { (f, rank) }))
        .collect();
    // The column of each one-value field to keep: the likeliest, the first of equals.
    let likeliest = |field: &str| guesses.iter().enumerate().filter_map(|(i, g)| g.filter(|g| g.0 == field).map(|g| (g.1, i))).min();
    let kept: Vec<usize> = ONE_VALUE.iter().filter_map(|f| likeliest(f)).map(|(_, i)| i).collect();
    guesses
        .iter()
        .enumerate()
        .map(|(i, g)| g.map(|(field, _)| field).filter(|field| !ONE_VALUE.contains(field) || kept.contains(&i)))
        .collect()
}

/// The fields a record has one of: a second column for one is not run together with the first.
const ONE_VALUE: [&str; 3] = ["name", "organisation", "title"];

/// Exact column names, as `words` writes them, and the field each holds; for
/// a field with one value, the likelier names first.
const NAMES: &[(&str, &[&str])] = &[
    (
        "name",
        &[
            "full name",
            "fullname",
            "name",
            "display name",
            "nombre completo",
            "nombre y apellidos",
            "contact name",
            "contact",
            "customer name",
            "customer",
            "client name",
            "client",
            "persona de contacto",
            "nombre del contacto",
            "contacto",
            "nombre del cliente",
            "cliente",
        ],
    ),
    (
        "given_name",
        &[
            "given name",
            "first name",
            "firstname",
            "first",
            "fname",
            "forename",
            "middle name",
            "additional name",
            "nombre",
            "nombre de pila",
            "segundo nombre",
        ],
    ),
    (
        "family_name",
        &[
            "family name",
            "last name",
            "lastname",
            "last",
            "lname",
            "surname",
            "apellidos",
            "apellido",
            "primer apellido",
            "segundo apellido",
            "apellido 1",
            "apellido 2",
            "apellido1",
            "apellido2",
        ],
    ),
    (
        "organisation",
        &[
            "company",
            "company name",
            "organisation",
            "organization",
            "organisation name",
            "organization name",
            "account name",
            "account",
            "empresa",
            "nombre de la empresa",
            "nombre empresa",
            "razon social",
            "nombre comercial",
            "compania",
            "organizacion",
            "business name",
            "business",
            "org",
            "entidad",
            "associated company",
            "empresa relacionada",
        ],
    ),
    (
        "title",
        &["job title", "jobtitle", "position", "role", "occupation", "job", "puesto de trabajo", "puesto", "cargo", "ocupacion", "title"],
    ),
    (
        "notes",
        &["notes", "note", "comments", "comment", "description", "remarks", "notas", "nota", "comentarios", "observaciones", "descripcion"],
    ),
    (
        "tags",
        &[
            "tags",
            "tag",
            "labels",
            "label",
            "groups",
            "group",
            "categories",
            "category",
            "etiquetas",
            "etiqueta",
            "grupos",
            "grupo",
            "categorias",
            "categoria",
        ],
    ),
];

/// E-mails and phones come in several columns told apart by a word ("Work
/// Email", "Email 2", "Teléfono del trabajo", "Person - Phone - Mobile"):
/// without those words, what is left names the kind.
const EMAIL: &[&str] = &[
    "email",
    "e mail",
    "mail",
    "email address",
    "e mail address",
    "mail address",
    "correo",
    "correo electronico",
    "direccion de correo",
    "direccion de correo electronico",
    "direccion de email",
];
const PHONE: &[&str] = &[
    "phone",
    "phone number",
    "telephone",
    "telephone number",
    "tel",
    "mobile",
    "mobile number",
    "cell",
    "cell phone",
    "cellphone",
    "sms",
    "whatsapp",
    "landline",
    "landline number",
    "telefono",
    "numero de telefono",
    "tlf",
    "tfno",
    "telf",
    "movil",
    "numero de movil",
    "celular",
    "fijo",
];
const QUALIFIERS: &[&str] = &[
    "work",
    "home",
    "other",
    "personal",
    "business",
    "private",
    "primary",
    "secondary",
    "main",
    "alternate",
    "alternative",
    "additional",
    "direct",
    "office",
    "mobile",
    "cell",
    "contact",
    "1",
    "2",
    "3",
    "4",
    "5",
    "trabajo",
    "casa",
    "particular",
    "principal",
    "secundario",
    "secundaria",
    "otro",
    "otra",
    "alternativo",
    "movil",
    "contacto",
    "empresa",
    "del",
    "de",
    "la",
];
/// What CRMs put before every column of a person ("Person - Name" in Pipedrive).
const RECORD_PREFIXES: &[&str] = &["person", "contact", "persona", "contacto"];

/// A header as words: no case, accents or punctuation ("E-mail_2" → "e mail 2").
fn words(header: &str) -> String {
    let spaced: String = header.chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    name_key(&spaced)
}

/// The field a column called `header` most likely holds, on its own.
pub(crate) fn auto_field(header: &str) -> Option<&'static str> {
    guess(header).map(|(field, _)| field)
}

/// The field and how likely among the names for it (0 the likeliest).
fn guess(header: &str) -> Option<(&'static str, usize)> {
    let h = words(header);
    field_of(&h).or_else(|| {
        let (first, rest) = h.split_once(' ')?;
        RECORD_PREFIXES.contains(&first).then(|| field_of(rest)).flatten()
    })
}

fn field_of(h: &str) -> Option<(&'static str, usize)> {
    if let Some(found) = NAMES.iter().find_map(|(field, names)| Some((*field, names.iter().position(|n| *n == h)?))) {
        return Some(found);
    }
    // "Móvil" alone is the kind; in "Teléfono móvil" it tells one phone from another.
    let stripped: Vec<&str> = h.split(' ').filter(|w| !QUALIFIERS.contains(w)).collect();
    let kind = if stripped.is_empty() { h.to_string() } else { stripped.join(" ") };
    if EMAIL.contains(&kind.as_str()) {
        Some(("email", 0))
    } else if PHONE.contains(&kind.as_str()) {
        Some(("phone", 0))
    } else {
        None
    }
}

/// The records of a generic CSV, read through `map` (empty: the proposed
/// mapping), and the mapping they were read through.
pub(crate) fn read_csv(table: &Table, map: &ColumnMap) -> Result<(Vec<Parsed>, Vec<ColumnField>), ContactsError> {
    let columns: Vec<(usize, &str)> = if map.0.is_empty() {
        let guessed: Vec<(usize, &str)> =
            guess_columns(&table.headers).into_iter().enumerate().filter_map(|(i, f)| Some((i, f?))).collect();
        guessed.iter().for_each(|(i, _)| table.mark(*i));
        guessed
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
    let used = columns.iter().map(|&(i, field)| ColumnField { column: table.headers[i].clone(), field: field.to_string() }).collect();
    let items = table
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
                    // Mailchimp quotes each tag: "Clientes","Pan".
                    _ => v.split([';', ',', '|']).for_each(|t| d.tag(t.trim().trim_matches('"'))),
                }
            }
            d.finish(Position::Row(i + 2))
        })
        .collect();
    Ok((items, used))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_field_is_named_as_serde_writes_it_for_the_ui() {
        for field in ContactField::ALL {
            assert_eq!(serde_json::to_value(field).unwrap(), field.name(), "the UI words a field by the name it receives");
            assert_eq!(ContactField::named(field.name()), Some(field));
        }
    }

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

    fn guessed(headers: &[&str]) -> Vec<Option<&'static str>> {
        guess_columns(&headers.iter().map(|h| h.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn emails_and_phones_are_told_by_their_kind_whatever_words_tell_them_apart() {
        let headers = [
            "Work Email",
            "Email 2",
            "Person - Email - Home",
            "Correo electrónico del trabajo",
            "E-mail de contacto",
            "Mobile Phone Number",
            "Teléfono móvil",
            "Tlf.",
            "WHATSAPP",
            "LANDLINE_NUMBER",
        ];
        assert_eq!(guessed(&headers), [[Some("email"); 5].as_slice(), &[Some("phone"); 5]].concat());
    }

    #[test]
    fn columns_that_only_mention_an_email_or_phone_are_not_one() {
        let headers = ["Email Opt Out", "E-mail Type", "Email Domain", "Asst Phone", "Fax", "Mailing Street", "Phone 1 - Value"];
        assert_eq!(guessed(&headers), [None; 7]);
    }

    #[test]
    fn a_lone_first_name_column_is_the_full_name_and_one_value_fields_are_guessed_once() {
        assert_eq!(guessed(&["Nombre", "Email"]), [Some("name"), Some("email")]);
        assert_eq!(guessed(&["First Name", "Name", "Email"]), [None, Some("name"), Some("email")], "a column called Name is the name");
        assert_eq!(guessed(&["Nombre", "Apellidos"]), [Some("given_name"), Some("family_name")]);
        assert_eq!(
            guessed(&["Associated Company", "Company Name", "Title", "Job Title", "Primer apellido", "Segundo apellido", "Name"]),
            [None, Some("organisation"), None, Some("title"), Some("family_name"), Some("family_name"), Some("name")]
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
