//! Contacts files as CRMs, mailing-list tools and spreadsheets export them,
//! which Trato has no reader of its own for: each is read through the
//! mapping proposed from its column names (English or Spanish), and every
//! column with values that won't be imported is named, so that nothing is
//! dropped without the person seeing it. Each test lists the clients the
//! person must find and the columns left out.

use trato::contacts::{read, ColumnField, ColumnMap, ContactRecord, Parsed, Position, SourceFormat, UnreadColumn};

/// One person as the user must find them.
struct Person<'a> {
    name: &'a str,
    org: Option<&'a str>,
    title: Option<&'a str>,
    emails: &'a [&'a str],
    phones: &'a [&'a str],
    notes: Option<&'a str>,
    tags: &'a [&'a str],
}

const NOBODY: Person<'static> = Person { name: "", org: None, title: None, emails: &[], phones: &[], notes: None, tags: &[] };

fn record(row: usize, p: Person<'_>) -> Parsed {
    let strings = |l: &[&str]| l.iter().map(|s| s.to_string()).collect();
    Parsed::Record {
        at: Position::Row(row),
        record: ContactRecord {
            name: p.name.into(),
            organisation: p.org.map(Into::into),
            title: p.title.map(Into::into),
            emails: strings(p.emails),
            phones: strings(p.phones),
            notes: p.notes.map(Into::into),
            tags: strings(p.tags),
            source_id: None,
        },
    }
}

fn skipped(row: usize) -> Parsed {
    Parsed::Skipped { at: Position::Row(row), reason: "no name, organisation or e-mail".into() }
}

/// What reading `bytes` must give: the format, the proposed mapping (column,
/// field), the people, and the columns not imported (column, rows with a value).
fn check(bytes: &[u8], format: SourceFormat, mapping: &[(&str, &str)], people: Vec<Parsed>, unread: &[(&str, usize)]) {
    let file = read(bytes, None, &ColumnMap::default()).unwrap_or_else(|e| panic!("the file can't be read: {e}"));
    assert_eq!(file.format, format, "read as the wrong kind of file");
    let proposed: Vec<(&str, &str)> = file.mapping.iter().map(|ColumnField { column, field }| (column.as_str(), field.as_str())).collect();
    assert_eq!(proposed, mapping, "the proposed mapping");
    for (i, (got, want)) in file.items.iter().zip(&people).enumerate() {
        assert_eq!(got, want, "item {i}: the person differs from what the file says");
    }
    assert_eq!(file.items.len(), people.len(), "a person was lost or invented: {:#?}", file.items);
    let left: Vec<(&str, usize)> = file.unread.iter().map(|UnreadColumn { column, filled, .. }| (column.as_str(), *filled)).collect();
    assert_eq!(left, unread, "the columns the preview lists as not imported");
}

#[test]
fn a_plain_csv_with_one_column_outlook_also_writes_keeps_the_person_and_her_address() {
    check(
        b"Name,Job Title,Email,Company\nAna Ruiz,CEO,ana@example.com,Acme\n",
        SourceFormat::Csv,
        &[("Name", "name"), ("Job Title", "title"), ("Email", "email"), ("Company", "organisation")],
        vec![record(2, Person { name: "Ana Ruiz", org: Some("Acme"), title: Some("CEO"), emails: &["ana@example.com"], ..NOBODY })],
        &[],
    );
}

#[test]
fn hubspot_contacts_export() {
    let file = "\"Record ID\",\"First Name\",\"Last Name\",\"Email\",\"Phone Number\",\"Company Name\",\"Job Title\",\"Contact owner\",\"Lifecycle Stage\",\"Lead Status\",\"Create Date\",\"Associated Company\"\n\
        \"101\",\"Laura\",\"Gómez\",\"laura@tallerverde.es\",\"+34 611 22 33 44\",\"Taller Verde\",\"Gerente\",\"Ana Ruiz\",\"Customer\",\"Open\",\"2025-11-03 10:12\",\"Taller Verde S.L.\"\n\
        \"102\",\"Peter\",\"Smith\",\"peter@northwind.co.uk\",\"\",\"Northwind\",\"\",\"Ana Ruiz\",\"Lead\",\"\",\"2025-12-01 09:00\",\"\"\n";
    check(
        file.as_bytes(),
        SourceFormat::Csv,
        &[
            ("First Name", "given_name"),
            ("Last Name", "family_name"),
            ("Email", "email"),
            ("Phone Number", "phone"),
            ("Company Name", "organisation"),
            ("Job Title", "title"),
        ],
        vec![
            record(
                2,
                Person {
                    name: "Laura Gómez",
                    org: Some("Taller Verde"),
                    title: Some("Gerente"),
                    emails: &["laura@tallerverde.es"],
                    phones: &["+34 611 22 33 44"],
                    ..NOBODY
                },
            ),
            record(3, Person { name: "Peter Smith", org: Some("Northwind"), emails: &["peter@northwind.co.uk"], ..NOBODY }),
        ],
        // A second company column is left for the person to see rather than run into the first.
        &[
            ("Record ID", 2),
            ("Contact owner", 2),
            ("Lifecycle Stage", 2),
            ("Lead Status", 1),
            ("Create Date", 2),
            ("Associated Company", 1),
        ],
    );
}

#[test]
fn salesforce_report_with_its_footer() {
    let file = "\"Salutation\",\"First Name\",\"Last Name\",\"Title\",\"Account Name\",\"Mailing Street\",\"Mailing City\",\"Mailing Zip/Postal Code\",\"Phone\",\"Mobile\",\"Fax\",\"Email\",\"Lead Source\",\"Contact Owner\"\n\
        \"Sra.\",\"María\",\"López Vidal\",\"Directora de compras\",\"Hoteles Brisa\",\"C/ Mayor 3\",\"Palma\",\"07001\",\"+34 971 00 11 22\",\"+34 633 44 55 66\",\"\",\"maria.lopez@hotelesbrisa.es\",\"Web\",\"Ana Ruiz\"\n\
        \"\"\n\
        \"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.\"\n\
        \"Confidential Information - Do Not Distribute\"\n";
    check(
        file.as_bytes(),
        SourceFormat::Csv,
        &[
            ("First Name", "given_name"),
            ("Last Name", "family_name"),
            ("Title", "title"),
            ("Account Name", "organisation"),
            ("Phone", "phone"),
            ("Mobile", "phone"),
            ("Email", "email"),
        ],
        vec![
            record(
                2,
                Person {
                    name: "María López Vidal",
                    org: Some("Hoteles Brisa"),
                    title: Some("Directora de compras"),
                    emails: &["maria.lopez@hotelesbrisa.es"],
                    phones: &["+34 971 00 11 22", "+34 633 44 55 66"],
                    ..NOBODY
                },
            ),
            // The report's footer lines are nobody, and said so in the preview.
            skipped(3),
            skipped(4),
            skipped(5),
        ],
        &[
            ("Salutation", 3),
            ("Mailing Street", 1),
            ("Mailing City", 1),
            ("Mailing Zip/Postal Code", 1),
            ("Lead Source", 1),
            ("Contact Owner", 1),
        ],
    );
}

#[test]
fn zoho_crm_contacts_export() {
    let file = "Record Id,Contact Owner,Lead Source,First Name,Last Name,Full Name,Account Name,Email,Secondary Email,Title,Department,Phone,Mobile,Home Phone,Fax,Email Opt Out,Mailing City,Description,Tag,Created Time\n\
        zcrm_4876000000123001,Ana Ruiz,Feria,Jordi,Puig Serra,Jordi Puig Serra,Cellers Puig,jordi@cellerspuig.cat,jordi.puig@gmail.com,Enòleg,Producció,+34 977 12 34 56,+34 699 88 77 66,,,false,Reus,Vino para el catering de marzo,\"Proveedor,Vino\",2026-01-15 10:30:00\n";
    check(
        file.as_bytes(),
        SourceFormat::Csv,
        &[
            ("First Name", "given_name"),
            ("Last Name", "family_name"),
            ("Full Name", "name"),
            ("Account Name", "organisation"),
            ("Email", "email"),
            ("Secondary Email", "email"),
            ("Title", "title"),
            ("Phone", "phone"),
            ("Mobile", "phone"),
            ("Home Phone", "phone"),
            ("Description", "notes"),
            ("Tag", "tags"),
        ],
        vec![record(
            2,
            Person {
                name: "Jordi Puig Serra",
                org: Some("Cellers Puig"),
                title: Some("Enòleg"),
                emails: &["jordi@cellerspuig.cat", "jordi.puig@gmail.com"],
                phones: &["+34 977 12 34 56", "+34 699 88 77 66"],
                notes: Some("Vino para el catering de marzo"),
                tags: &["Proveedor", "Vino"],
            },
        )],
        // "Email Opt Out" says whether to write, not where: it is no e-mail.
        &[
            ("Record Id", 1),
            ("Contact Owner", 1),
            ("Lead Source", 1),
            ("Department", 1),
            ("Email Opt Out", 1),
            ("Mailing City", 1),
            ("Created Time", 1),
        ],
    );
}

#[test]
fn pipedrive_people_export() {
    let file = "Person - ID,Person - Name,Person - First name,Person - Last name,Person - Organization,Person - Email - Work,Person - Email - Home,Person - Phone - Work,Person - Phone - Mobile,Person - Labels,Person - Owner,Person - Open deals\n\
        17,Carmen Ortiz,Carmen,Ortiz,Estudio Ortiz,carmen@estudioortiz.es,carmen.ortiz@gmail.com,+34 912 34 56 78,+34 622 33 44 55,\"Hot lead, VIP\",Ana Ruiz,2\n";
    check(
        file.as_bytes(),
        SourceFormat::Csv,
        &[
            ("Person - Name", "name"),
            ("Person - First name", "given_name"),
            ("Person - Last name", "family_name"),
            ("Person - Organization", "organisation"),
            ("Person - Email - Work", "email"),
            ("Person - Email - Home", "email"),
            ("Person - Phone - Work", "phone"),
            ("Person - Phone - Mobile", "phone"),
            ("Person - Labels", "tags"),
        ],
        vec![record(
            2,
            Person {
                name: "Carmen Ortiz",
                org: Some("Estudio Ortiz"),
                emails: &["carmen@estudioortiz.es", "carmen.ortiz@gmail.com"],
                phones: &["+34 912 34 56 78", "+34 622 33 44 55"],
                tags: &["Hot lead", "VIP"],
                ..NOBODY
            },
        )],
        &[("Person - ID", 1), ("Person - Owner", 1), ("Person - Open deals", 1)],
    );
}

#[test]
fn mailchimp_audience_export() {
    let file = "\"Email Address\",\"First Name\",\"Last Name\",\"Address\",\"Phone Number\",\"Birthday\",MEMBER_RATING,OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,LATITUDE,LONGITUDE,GMTOFF,DSTOFF,TIMEZONE,CC,REGION,LAST_CHANGED,LEID,EUID,NOTES,TAGS\n\
        lucia@panaderiasol.es,Lucía,Fernández,\"C/ Sol 4  Madrid  28013  ES\",600123456,04/15,2,\"2025-03-01 10:00:00\",,\"2025-03-01 10:01:00\",88.12.1.1,,,,,,ES,MD,\"2025-03-01 10:01:00\",123456,abc123,\"Pide factura\",\"\"\"Clientes\"\",\"\"Pan\"\"\"\n\
        suscriptor@example.com,,,,,,1,\"2025-04-02 08:00:00\",,\"2025-04-02 08:00:00\",88.12.1.2,,,,,,ES,MD,\"2025-04-02 08:00:00\",123457,abc124,,\n";
    check(
        file.as_bytes(),
        SourceFormat::Csv,
        &[
            ("Email Address", "email"),
            ("First Name", "given_name"),
            ("Last Name", "family_name"),
            ("Phone Number", "phone"),
            ("NOTES", "notes"),
            ("TAGS", "tags"),
        ],
        vec![
            record(
                2,
                Person {
                    name: "Lucía Fernández",
                    emails: &["lucia@panaderiasol.es"],
                    phones: &["600123456"],
                    notes: Some("Pide factura"),
                    tags: &["Clientes", "Pan"],
                    ..NOBODY
                },
            ),
            // A subscriber with only an address is named by it.
            record(3, Person { name: "suscriptor@example.com", emails: &["suscriptor@example.com"], ..NOBODY }),
        ],
        &[
            ("Address", 1),
            ("Birthday", 1),
            ("MEMBER_RATING", 2),
            ("OPTIN_TIME", 2),
            ("CONFIRM_TIME", 2),
            ("CONFIRM_IP", 2),
            ("CC", 2),
            ("REGION", 2),
            ("LAST_CHANGED", 2),
            ("LEID", 2),
            ("EUID", 2),
        ],
    );
}

#[test]
fn brevo_sendinblue_contacts_export() {
    let file = "CONTACT ID,EMAIL,FIRSTNAME,LASTNAME,SMS,WHATSAPP,LANDLINE_NUMBER,DOUBLE_OPT-IN,ADDED_TIME\n\
        1,pablo@vinotecaserrano.es,Pablo,Serrano,+34655112233,+34655112233,+34 915 55 66 77,Yes,2025-10-01 09:00:00\n";
    check(
        file.as_bytes(),
        SourceFormat::Csv,
        &[
            ("EMAIL", "email"),
            ("FIRSTNAME", "given_name"),
            ("LASTNAME", "family_name"),
            ("SMS", "phone"),
            ("WHATSAPP", "phone"),
            ("LANDLINE_NUMBER", "phone"),
        ],
        // The same mobile for SMS and WhatsApp is one phone.
        vec![record(
            2,
            Person {
                name: "Pablo Serrano",
                emails: &["pablo@vinotecaserrano.es"],
                phones: &["+34655112233", "+34 915 55 66 77"],
                ..NOBODY
            },
        )],
        &[("CONTACT ID", 1), ("DOUBLE_OPT-IN", 1), ("ADDED_TIME", 1)],
    );
}

#[test]
fn a_spreadsheet_in_english() {
    let file = "Full name,Company,Role,Email,Mobile,Notes,Favourite colour\r\n\
        Tom Baker,Baker & Sons,Owner,tom@bakerandsons.co.uk,+44 7700 900123,Pays by transfer,green\r\n";
    check(
        file.as_bytes(),
        SourceFormat::Csv,
        &[
            ("Full name", "name"),
            ("Company", "organisation"),
            ("Role", "title"),
            ("Email", "email"),
            ("Mobile", "phone"),
            ("Notes", "notes"),
        ],
        vec![record(
            2,
            Person {
                name: "Tom Baker",
                org: Some("Baker & Sons"),
                title: Some("Owner"),
                emails: &["tom@bakerandsons.co.uk"],
                phones: &["+44 7700 900123"],
                notes: Some("Pays by transfer"),
                ..NOBODY
            },
        )],
        &[("Favourite colour", 1)],
    );
}

#[test]
fn a_spanish_excel_file_separated_by_semicolons_in_windows_1252() {
    // As Excel in Spanish saves "CSV (delimitado por comas)": `;`, Windows-1252, no BOM, CRLF.
    let file: &[u8] = b"Nombre;Apellidos;Correo electr\xF3nico;Tel\xE9fono;Empresa;Provincia\r\n\
        Agust\xEDn;Mu\xF1oz Pe\xF1a;agustin@carpinteriamunoz.es;958 12 34 56;Carpinter\xEDa Mu\xF1oz;Granada\r\n\
        ;;info@opticasnunez.es;;\xD3pticas N\xFA\xF1ez;Sevilla\r\n";
    check(
        file,
        SourceFormat::Csv,
        &[
            ("Nombre", "given_name"),
            ("Apellidos", "family_name"),
            ("Correo electrónico", "email"),
            ("Teléfono", "phone"),
            ("Empresa", "organisation"),
        ],
        vec![
            record(
                2,
                Person {
                    name: "Agustín Muñoz Peña",
                    org: Some("Carpintería Muñoz"),
                    emails: &["agustin@carpinteriamunoz.es"],
                    phones: &["958 12 34 56"],
                    ..NOBODY
                },
            ),
            // No contact person: the company names the client.
            record(3, Person { name: "Ópticas Núñez", org: Some("Ópticas Núñez"), emails: &["info@opticasnunez.es"], ..NOBODY }),
        ],
        &[("Provincia", 2)],
    );
}

#[test]
fn a_tab_separated_list_pasted_from_a_spreadsheet() {
    let file = "Name\tEmail\tPhone\tCompany\tTags\tLast order\n\
        Nuria Blasco\tnuria@floresblasco.es\t+34 976 11 22 33\tFlores Blasco\tFloristas; Zaragoza\t2026-02-14\n\
        Iker Etxeberria\t\t+34 688 77 66 55\t\t\t\n";
    check(
        file.as_bytes(),
        SourceFormat::Csv,
        &[("Name", "name"), ("Email", "email"), ("Phone", "phone"), ("Company", "organisation"), ("Tags", "tags")],
        vec![
            record(
                2,
                Person {
                    name: "Nuria Blasco",
                    org: Some("Flores Blasco"),
                    emails: &["nuria@floresblasco.es"],
                    phones: &["+34 976 11 22 33"],
                    tags: &["Floristas", "Zaragoza"],
                    ..NOBODY
                },
            ),
            record(3, Person { name: "Iker Etxeberria", phones: &["+34 688 77 66 55"], ..NOBODY }),
        ],
        &[("Last order", 1)],
    );
}

#[test]
fn odoo_contacts_exported_in_spanish() {
    // A lone "Nombre" (no "Apellidos") is the whole name.
    let file = "\"Nombre\",\"Correo electrónico\",\"Teléfono\",\"Móvil\",\"Empresa relacionada\",\"Puesto de trabajo\",\"Etiquetas\",\"Ciudad\",\"País\",\"NIF\"\n\
        \"Rosa Navarro\",\"rosa@navarroasesores.es\",\"+34 963 11 22 33\",\"+34 611 00 99 88\",\"Navarro Asesores\",\"Socia\",\"Clientes,Asesoría\",\"Valencia\",\"España\",\"B12345678\"\n";
    check(
        file.as_bytes(),
        SourceFormat::Csv,
        &[
            ("Nombre", "name"),
            ("Correo electrónico", "email"),
            ("Teléfono", "phone"),
            ("Móvil", "phone"),
            ("Empresa relacionada", "organisation"),
            ("Puesto de trabajo", "title"),
            ("Etiquetas", "tags"),
        ],
        vec![record(
            2,
            Person {
                name: "Rosa Navarro",
                org: Some("Navarro Asesores"),
                title: Some("Socia"),
                emails: &["rosa@navarroasesores.es"],
                phones: &["+34 963 11 22 33", "+34 611 00 99 88"],
                tags: &["Clientes", "Asesoría"],
                ..NOBODY
            },
        )],
        &[("Ciudad", 1), ("País", 1), ("NIF", 1)],
    );
}

#[test]
fn a_csv_written_for_outlooks_import_with_few_of_its_columns_is_read_by_their_names() {
    // Two of Outlook's own columns are not its export (which has dozens): no column is lost to its reader.
    let file = "First Name,Last Name,E-mail Address,Business Phone,Company,Website\nSara,Vidal,sara@vidal.es,+34 910 11 22 33,Vidal Arquitectos,vidal.es\n";
    check(
        file.as_bytes(),
        SourceFormat::Csv,
        &[
            ("First Name", "given_name"),
            ("Last Name", "family_name"),
            ("E-mail Address", "email"),
            ("Business Phone", "phone"),
            ("Company", "organisation"),
        ],
        vec![record(
            2,
            Person {
                name: "Sara Vidal",
                org: Some("Vidal Arquitectos"),
                emails: &["sara@vidal.es"],
                phones: &["+34 910 11 22 33"],
                ..NOBODY
            },
        )],
        &[("Website", 1)],
    );
}

#[test]
fn cells_past_the_end_of_the_header_are_named_by_their_place() {
    let file = "Name,Email\nAna Ruiz,ana@example.com,Madrid\n";
    let read = read(file.as_bytes(), None, &ColumnMap::default()).unwrap();
    assert_eq!(read.unread, [UnreadColumn { column: String::new(), number: 3, filled: 1 }]);
}

#[test]
fn the_exporters_trato_knows_leave_out_only_what_it_has_no_field_for() {
    let fixture = |name: &str| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/contacts").join(name);
        std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {}: {e}", path.display()))
    };
    let unread = |name: &str| -> Vec<(String, usize)> {
        read(&fixture(name), None, &ColumnMap::default()).unwrap().unread.into_iter().map(|u| (u.column, u.filled)).collect()
    };
    let cols = |l: &[(&str, usize)]| -> Vec<(String, usize)> { l.iter().map(|(c, n)| (c.to_string(), *n)).collect() };
    assert_eq!(unread("outlook-com.csv"), cols(&[]), "every filled column of Outlook.com's export is read");
    // Desktop Outlook's fillers ("Normal" priority, "0/0/00", "Unspecified" gender) are nothing the person wrote.
    assert_eq!(unread("outlook-desktop-en.csv"), cols(&[("E-mail Display Name", 2)]));
    assert_eq!(unread("outlook-desktop-es.csv"), cols(&[]));
    assert_eq!(unread("linkedin-connections.csv"), cols(&[]));
}
