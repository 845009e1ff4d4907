//! Every contacts file a user may bring, read exactly: the fixtures in
//! tests/fixtures/contacts are laid out as Google, Outlook, LinkedIn, Android,
//! Apple and other programs write them (tests/fixtures/contacts/generate.py says how),
//! and each test lists the people the user must find, field by field.

use trato::contacts::{phone_key, read, ColumnMap, ContactRecord, Parsed, Position, SourceFormat};

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/contacts").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {}: {e}", path.display()))
}

/// One person as the user must find them. Phones are (as written, E.164 key for Spain).
struct Person<'a> {
    name: &'a str,
    org: Option<&'a str>,
    title: Option<&'a str>,
    emails: &'a [&'a str],
    phones: &'a [(&'a str, &'a str)],
    notes: Option<&'a str>,
    tags: &'a [&'a str],
    source_id: Option<&'a str>,
}

const NOBODY: Person<'static> =
    Person { name: "", org: None, title: None, emails: &[], phones: &[], notes: None, tags: &[], source_id: None };

fn record(at: Position, p: Person<'_>) -> Parsed {
    Parsed::Record {
        at,
        record: ContactRecord {
            name: p.name.into(),
            organisation: p.org.map(Into::into),
            title: p.title.map(Into::into),
            emails: p.emails.iter().map(|s| s.to_string()).collect(),
            phones: p.phones.iter().map(|(written, _)| written.to_string()).collect(),
            notes: p.notes.map(Into::into),
            tags: p.tags.iter().map(|s| s.to_string()).collect(),
            source_id: p.source_id.map(Into::into),
        },
    }
}

/// Reads the fixture (told the format, or finding it out) and checks every item
/// and every phone's E.164 key: a wrong key is a duplicate the import won't see.
fn check(file: &str, told: Option<SourceFormat>, format: SourceFormat, expected: Vec<(Parsed, Vec<&str>)>) {
    let parsed = read(&fixture(file), told, &ColumnMap::default()).unwrap_or_else(|e| panic!("{file} can't be read: {e}"));
    assert_eq!(parsed.format, format, "{file} was read as the wrong kind of file");
    let (items, keys): (Vec<Parsed>, Vec<Vec<&str>>) = expected.into_iter().unzip();
    for (i, (got, want)) in parsed.items.iter().zip(&items).enumerate() {
        assert_eq!(got, want, "{file}, item {i}: the person differs from what the file says");
    }
    assert_eq!(parsed.items.len(), items.len(), "{file}: a person was lost or invented: {:#?}", parsed.items);
    for (item, keys) in parsed.items.iter().zip(keys) {
        if let Parsed::Record { at, record } = item {
            let got: Vec<Option<String>> = record.phones.iter().map(|p| phone_key(p, "ES")).collect();
            let want: Vec<Option<String>> = keys.iter().map(|k| Some(k.to_string())).collect();
            assert_eq!(got, want, "{file} {at:?}: phones that don't key to E.164 never match the same person elsewhere");
        }
    }
}

fn phones_of<'a>(p: &Person<'a>) -> Vec<&'a str> {
    p.phones.iter().map(|(_, key)| *key).collect()
}

fn person(at: Position, p: Person<'_>) -> (Parsed, Vec<&str>) {
    let keys = phones_of(&p);
    (record(at, p), keys)
}

fn skipped(at: Position, reason: &str) -> (Parsed, Vec<&'static str>) {
    (Parsed::Skipped { at, reason: reason.into() }, vec![])
}

use Position::{Card, Row};

#[test]
fn google_csv_current_layout_reads_primary_values_first_and_drops_system_labels() {
    check(
        "google-current.csv",
        None,
        SourceFormat::Google,
        vec![
            person(
                Row(2),
                Person {
                    name: "Lucía Fernández Muñoz",
                    org: Some("Panadería Sol"),
                    title: Some("Gerente"),
                    emails: &["lucia@panaderiasol.es", "lucia.fm@gmail.com"],
                    phones: &[("+34 600 123 456", "+34600123456")],
                    notes: Some(
                        "Prefiere WhatsApp.\n\"Pan de centeno\", los martes\nAddress (Work): C/ Mayor, 1, 28013 Madrid\nBirthday: 1985-04-15",
                    ),
                    tags: &["Proveedores"],
                    ..NOBODY
                },
            ),
            person(
                Row(3),
                Person { name: "Diego Ramírez", org: Some("Librería Alba"), emails: &["diego@libreriaalba.mx"], ..NOBODY },
            ),
            person(
                Row(4),
                Person {
                    name: "Ana Núñez 🌟",
                    // "* Mobile" is the primary phone though it is the second group; " ::: " holds two home numbers.
                    phones: &[("612 345 678", "+34612345678"), ("91 555 12 34", "+34915551234"), ("91 555 12 35", "+34915551235")],
                    notes: Some("Website (Profile): https://ana.example.es"),
                    tags: &["Clientes VIP", "Eventos"],
                    ..NOBODY
                },
            ),
            skipped(Row(5), "no name, organisation or e-mail"),
            person(
                Row(6),
                Person {
                    name: "Café \"El Rincón\", S.L.",
                    org: Some("Café \"El Rincón\", S.L."),
                    emails: &["pedidos@elrincon.es"],
                    tags: &["Proveedores"],
                    ..NOBODY
                },
            ),
        ],
    );
}

#[test]
fn google_csv_older_layout_reads_numbered_organisations_and_repeated_emails_once() {
    check(
        "google-old.csv",
        None,
        SourceFormat::Google,
        vec![
            person(
                Row(2),
                Person {
                    name: "Jordi Puig i Serra",
                    org: Some("Puig & Serra, S.C.P."),
                    title: Some("Soci"),
                    // "JORDI@PuigSerra.cat" in the second group is the first address again.
                    emails: &["jordi@puigserra.cat", "jpuig@gmail.com"],
                    phones: &[("+34 933 10 20 30", "+34933102030")],
                    tags: &["Clientes"],
                    ..NOBODY
                },
            ),
            person(Row(3), Person { name: "Noëlle Côté", emails: &["noelle.cote@exemple.fr"], ..NOBODY }),
        ],
    );
}

#[test]
fn google_csv_in_utf16_with_a_bom_reads_like_utf8() {
    check(
        "utf16.csv",
        None,
        SourceFormat::Google,
        vec![person(
            Row(2),
            Person {
                name: "Sofía Ibáñez",
                emails: &["sofia.ibanez@correo.es"],
                phones: &[("677 88 99 00", "+34677889900")],
                notes: Some("Clienta desde 2019 🎉"),
                tags: &["Clientes"],
                ..NOBODY
            },
        )],
    );
}

#[test]
fn outlook_com_61_columns_with_month_first_birthdays() {
    check(
        "outlook-com.csv",
        None,
        SourceFormat::Outlook,
        vec![
            person(
                Row(2),
                Person {
                    name: "Marta Gil Ortega",
                    org: Some("Gil & Ortega Abogados"),
                    title: Some("Directora"),
                    emails: &["marta@gilortega.es", "marta.gil@outlook.com"],
                    phones: &[("+34 622 11 22 33", "+34622112233"), ("+34 910 00 00 01", "+34910000001")],
                    notes: Some(
                        "Reunión trimestral;\nfactura a 30 días\nAddress (work): Paseo de Gracia, 12, Barcelona, 08007\nBirthday: 1985-04-15",
                    ),
                    tags: &["Clientes", "Legal"],
                    ..NOBODY
                },
            ),
            // 12/1/1990 is the first of December: a Spanish reader would take it for January.
            person(Row(3), Person { name: "Tomás Ruiz", emails: &["tomas.ruiz@ejemplo.com"], notes: Some("Birthday: 1990-12-01"), ..NOBODY }),
        ],
    );
}

#[test]
fn desktop_outlook_in_english_windows_1252_skips_exchange_paths_and_no_date() {
    check(
        "outlook-desktop-en.csv",
        None,
        SourceFormat::Outlook,
        vec![
            person(
                Row(2),
                Person {
                    name: "Zoë Müller",
                    org: Some("Café Zürich"),
                    title: Some("Owner"),
                    emails: &["zoe@cafezurich.ch"],
                    phones: &[("+34 655 44 33 22", "+34655443322"), ("+41 44 668 18 00", "+41446681800")],
                    // "0/0/00" is Outlook's "no birthday": no line for it.
                    notes: Some("Pays in €, 30 days.\nAsk for “Señor” Weber."),
                    tags: &["Clients", "Hospitality"],
                    ..NOBODY
                },
            ),
            person(
                Row(3),
                Person {
                    name: "Íñigo Larrañaga",
                    org: Some("Trato Demo"),
                    emails: &["inigo@larranaga.eus"],
                    notes: Some("Birthday: 1979-03-07"),
                    ..NOBODY
                },
            ),
        ],
    );
}

#[test]
fn desktop_outlook_in_spanish_reads_spanish_headers_and_day_first_dates() {
    check(
        "outlook-desktop-es.csv",
        None,
        SourceFormat::Outlook,
        vec![
            person(
                Row(2),
                Person {
                    name: "Begoña Echeverría Sáez",
                    org: Some("Ferretería La Tuerca"),
                    title: Some("Compras"),
                    emails: &["begona@latuerca.es"],
                    phones: &[("644 55 66 77", "+34644556677"), ("944 12 34 56", "+34944123456")],
                    notes: Some("Pedido mínimo: 50 €\nNo llamar en agosto\nAddress (work): Gran Vía, 5, Bilbao, 48001"),
                    tags: &["Clientes", "Ferreterías"],
                    ..NOBODY
                },
            ),
            person(
                Row(3),
                Person { name: "Ramón Peña", emails: &["ramon.pena@ejemplo.es"], notes: Some("Birthday: 1970-12-25"), ..NOBODY },
            ),
        ],
    );
}

#[test]
fn desktop_outlook_bytes_are_windows_1252_and_every_field_is_quoted() {
    let bytes = fixture("outlook-desktop-es.csv");
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture must be Windows-1252, as desktop Outlook writes it");
    let header = bytes.split(|b| *b == b'\n').next().unwrap();
    assert_eq!(header.iter().filter(|b| **b == b'"').count(), 92 * 2, "92 columns, every one quoted");
}

#[test]
fn linkedin_connections_find_the_header_after_the_notes_and_skip_deactivated_members() {
    check(
        "linkedin-connections.csv",
        None,
        SourceFormat::Linkedin,
        vec![
            person(
                Row(2),
                Person {
                    name: "Diego Ramírez",
                    org: Some("Librería Alba"),
                    title: Some("Librero, fundador"),
                    notes: Some("LinkedIn: https://www.linkedin.com/in/diego-ramirez-alba\nLinkedIn: connected on 2020-10-05"),
                    ..NOBODY
                },
            ),
            person(
                Row(3),
                Person {
                    name: "Lucía Fernández Muñoz",
                    org: Some("Panadería Sol"),
                    title: Some("Gerente"),
                    emails: &["lucia@panaderiasol.es"],
                    notes: Some("LinkedIn: https://www.linkedin.com/in/luciafm\nLinkedIn: connected on 2019-01-17"),
                    ..NOBODY
                },
            ),
            skipped(Row(4), "no name: a LinkedIn member who left or hides their profile"),
            person(
                Row(5),
                Person {
                    name: "Chloé O'Neill",
                    org: Some("Design & Co, Ltd"),
                    title: Some("Art Director"),
                    notes: Some("LinkedIn: https://www.linkedin.com/in/chloe-oneill\nLinkedIn: connected on 2024-02-01"),
                    ..NOBODY
                },
            ),
        ],
    );
}

#[test]
fn android_vcard_2_1_decodes_quoted_printable_across_soft_line_breaks() {
    check(
        "android-2.1.vcf",
        None,
        SourceFormat::Vcard,
        vec![
            person(
                Card(1),
                Person {
                    name: "Lucía Fernández Muñoz",
                    emails: &["lucia.fm@gmail.com"],
                    phones: &[("600123456", "+34600123456"), ("+34 915 55 12 34", "+34915551234")],
                    ..NOBODY
                },
            ),
            person(
                Card(2),
                Person { name: "Ana Núñez 🌟", emails: &["ana@nunez.es"], phones: &[("+34612345678", "+34612345678")], ..NOBODY },
            ),
            person(
                Card(3),
                Person {
                    name: "Jesús Álvarez",
                    org: Some("Talleres Álvarez e Hijos"),
                    phones: &[("+34 968 12 34 56", "+34968123456")],
                    // The soft line break falls between the two bytes of "ñ".
                    notes: Some("Revisión de la furgoneta cada 6 meses; prefiere que le llamen por la mañana, nunca después de las 19:00."),
                    ..NOBODY
                },
            ),
            skipped(Card(4), "no name, organisation or e-mail"),
        ],
    );
}

#[test]
fn apple_vcard_3_0_reads_item_groups_folded_photos_and_birthdays_without_a_year() {
    check(
        "apple-3.0.vcf",
        None,
        SourceFormat::Vcard,
        vec![
            person(
                Card(1),
                Person {
                    name: "Sofía Ibáñez",
                    org: Some("Estudio Ibáñez"),
                    title: Some("Arquitecta"),
                    emails: &["sofia@estudioibanez.es", "sofia.ibanez@correo.es"],
                    phones: &[("677 88 99 00", "+34677889900")],
                    // Apple writes a birthday without a year as 1604 with X-APPLE-OMIT-YEAR=1604.
                    notes: Some("Address (work): Calle Colón, 3, Valencia, 46004, España\nBirthday: --04-15"),
                    tags: &["Clientes", "Arquitectura"],
                    source_id: Some("6B29FC40-CA47-1067-B31D-00DD010662DA"),
                },
            ),
            person(
                Card(2),
                Person {
                    name: "Chidi Okafor",
                    phones: &[("+44 20 7946 0958", "+442079460958")],
                    notes: Some("Conocido en la feria de Lisboa.\nEnviar catálogo 2025.\nBirthday: --04-15"),
                    ..NOBODY
                },
            ),
        ],
    );
}

#[test]
fn rfc_vcard_4_0_unfolds_unescapes_prefers_pref_1_and_reports_a_card_cut_short() {
    check(
        "rfc-4.0.vcf",
        None,
        SourceFormat::Vcard,
        vec![
            person(
                Card(1),
                Person {
                    name: "Renée Dubois-Martín",
                    org: Some("Dubois, Martín & Asociados"),
                    title: Some("Socia directora"),
                    emails: &["renee.dm@gmail.com", "renee@dubois-martin.es"],
                    phones: &[("+34-600-555-010", "+34600555010"), ("+34-915-550-100", "+34915550100")],
                    notes: Some(
                        "Contrato renovado en 2024, revisar en marzo; honorarios fijos.\nRuta: C:\\Clientes\\Dubois — expediente 2024/117, \
                         ver también el anexo de precios que se firmó en la última reunión.",
                    ),
                    tags: &["Clientes", "Legal"],
                    source_id: Some("urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"),
                },
            ),
            person(
                Card(2),
                Person {
                    name: "Hostal Mar Azul",
                    org: Some("Hostal Mar Azul"),
                    phones: &[("+34-971-00-11-22", "+34971001122")],
                    notes: Some("Website: https://hostalmarazul.example"),
                    ..NOBODY
                },
            ),
            (
                Parsed::Invalid { at: Card(3), field: "vcard".into(), reason: "the card has no END:VCARD: the file was cut short".into() },
                vec![],
            ),
        ],
    );
}

#[test]
fn a_vcard_folded_inside_a_character_reads_without_mojibake() {
    assert!(std::str::from_utf8(&fixture("naive-fold-4.0.vcf")).is_err(), "the fixture must split a character across a fold");
    check(
        "naive-fold-4.0.vcf",
        None,
        SourceFormat::Vcard,
        vec![person(
            Card(1),
            Person {
                name: "Begoña Urrutia",
                org: Some("Sidrería Urrutia"),
                emails: &["begona@sidreriaurrutia.eus"],
                notes: Some("Encarga 40 botellas de sidra cada mes y paga por transferencia. La cañada de octubre, después de la feria."),
                ..NOBODY
            },
        )],
    );
}

#[test]
fn rfc_vcard_fixture_is_folded_at_75_octets() {
    let bytes = fixture("rfc-4.0.vcf");
    let lines: Vec<&[u8]> = bytes.split(|b| *b == b'\n').collect();
    assert!(lines.iter().all(|l| l.len() <= 76), "a line is longer than 75 octets plus CR");
    assert!(lines.iter().any(|l| l.starts_with(b" ")), "the fixture must have folded lines");
}

#[test]
fn a_csv_of_spanish_business_columns_reads_the_same_by_the_proposed_mapping_as_by_the_persons() {
    let bytes = fixture("other.csv");
    let map = ColumnMap::parse(&[
        "Persona de contacto=name".into(),
        "Razón social=organisation".into(),
        "E-mail de contacto=email".into(),
        "Tlf.=phone".into(),
        "Observaciones=notes".into(),
    ])
    .unwrap();
    let parsed = read(&bytes, None, &map).unwrap();
    assert_eq!(parsed.format, SourceFormat::Csv);
    assert_eq!(
        parsed.items,
        vec![
            record(
                Row(2),
                Person {
                    name: "Inés Peñalver",
                    org: Some("Frutas Peñalver, S.L."),
                    emails: &["ines@frutaspenalver.es"],
                    phones: &[("968 22 33 44", "+34968223344")],
                    notes: Some("Reparto los lunes; cobra al contado"),
                    ..NOBODY
                }
            ),
            // No contact person: the organisation names the client.
            record(Row(3), Person { name: "Ópticas Núñez", org: Some("Ópticas Núñez"), emails: &["info@opticasnunez.es"], ..NOBODY }),
        ]
    );
    let proposed = read(&bytes, None, &ColumnMap::default()).unwrap();
    assert_eq!(proposed.items, parsed.items, "\"Razón social\", \"Persona de contacto\", \"Tlf.\" are common enough to be proposed");
}

#[test]
fn a_csv_whose_columns_name_nobody_needs_a_mapping() {
    let err = read("Ref;Importe;Fecha\n17;120,50;2026-03-02\n".as_bytes(), None, &ColumnMap::default()).unwrap_err();
    assert_eq!(err.code(), "no_name_column", "{err}");
    assert!(err.to_string().contains("\"Ref\", \"Importe\", \"Fecha\""), "the message lists the file's columns: {err}");
}

#[test]
fn a_tab_separated_file_is_read_by_its_column_names() {
    check(
        "contacts.tsv",
        None,
        SourceFormat::Csv,
        vec![person(
            Row(2),
            Person {
                name: "Óscar Quintana",
                org: Some("Imprenta Quintana"),
                emails: &["oscar@imprentaquintana.es"],
                phones: &[("+34 955 11 22 33", "+34955112233")],
                tags: &["Proveedores", "Imprenta"],
                ..NOBODY
            },
        )],
    );
}

#[test]
fn utf8_with_a_bom_is_read_and_a_decomposed_accent_becomes_one_character() {
    let bytes = fixture("utf8-bom.csv");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "the fixture starts with a BOM");
    assert!(bytes.windows(3).any(|w| w == b"i\xCC\x81"), "the fixture writes the accent decomposed");
    check(
        "utf8-bom.csv",
        None,
        SourceFormat::Csv,
        vec![person(
            Row(2),
            Person {
                name: "Mar\u{ed}a Gonz\u{e1}lez",
                org: Some("Floristería Lirio"),
                emails: &["maria@floristerialirio.es"],
                phones: &[("633 44 55 66", "+34633445566")],
                notes: Some("Rosas los viernes\nPaga con Bizum"),
                ..NOBODY
            },
        )],
    );
}

#[test]
fn windows_1252_without_a_bom_is_guessed_without_mojibake() {
    check(
        "windows-1252.csv",
        None,
        SourceFormat::Csv,
        vec![
            person(
                Row(2),
                Person {
                    name: "Agustín Muñoz Peña",
                    org: Some("Carpintería Muñoz"),
                    emails: &["agustin@carpinteriamunoz.es"],
                    phones: &[("958 12 34 56", "+34958123456")],
                    notes: Some("Presupuesto de 1.200 € aceptado; señal pagada"),
                    ..NOBODY
                },
            ),
            person(
                Row(3),
                Person {
                    name: "Begoña Ibarrola",
                    org: Some("Pastelería Ibarrola"),
                    emails: &["begona@ibarrola.es"],
                    notes: Some("Tartas por encargo, ¿entrega a domicilio?"),
                    ..NOBODY
                },
            ),
        ],
    );
}

#[test]
fn a_format_told_by_the_user_reads_the_same_as_the_one_found() {
    for (file, format) in [
        ("google-current.csv", SourceFormat::Google),
        ("google-old.csv", SourceFormat::Google),
        ("outlook-com.csv", SourceFormat::Outlook),
        ("outlook-desktop-en.csv", SourceFormat::Outlook),
        ("outlook-desktop-es.csv", SourceFormat::Outlook),
        ("linkedin-connections.csv", SourceFormat::Linkedin),
        ("android-2.1.vcf", SourceFormat::Vcard),
        ("apple-3.0.vcf", SourceFormat::Vcard),
        ("rfc-4.0.vcf", SourceFormat::Vcard),
    ] {
        let bytes = fixture(file);
        let found = read(&bytes, None, &ColumnMap::default()).unwrap();
        let told = read(&bytes, Some(format), &ColumnMap::default()).unwrap();
        assert_eq!(found, told, "{file}: --format {format:?} reads it differently from auto");
    }
}

#[test]
fn a_file_read_as_the_wrong_format_is_refused_not_read_as_nobody() {
    let cases = [
        ("android-2.1.vcf", SourceFormat::Google, "no_header"),
        ("google-current.csv", SourceFormat::Vcard, "no_cards"),
        ("google-current.csv", SourceFormat::Linkedin, "no_header"),
        ("linkedin-connections.csv", SourceFormat::Outlook, "no_header"),
    ];
    for (file, format, code) in cases {
        let err = read(&fixture(file), Some(format), &ColumnMap::default()).unwrap_err();
        assert_eq!(err.code(), code, "{file} as {format:?}: {err}");
    }
}
