//! Whatever file a user picks (a photo renamed .csv, an export cut short, a
//! spreadsheet in an unknown code page), every contacts reader answers with an
//! error or records, and the import preview of those records answers too:
//! never a panic, which would close the app with the user's import half-seen.

mod common;

use std::cell::RefCell;

use common::{at, journal, Journal};
use proptest::prelude::*;
use trato::contacts::{read, ColumnMap, SourceFormat};
use trato::domain::ClientPatch;
use trato::journal as j;
use trato::journal::importing::{self, Choices, Source};

const FORMATS: [Option<SourceFormat>; 6] = [
    None,
    Some(SourceFormat::Google),
    Some(SourceFormat::Outlook),
    Some(SourceFormat::Linkedin),
    Some(SourceFormat::Vcard),
    Some(SourceFormat::Csv),
];

/// Starts that take a reader past format detection into its own code.
const PREFIXES: &[&[u8]] = &[
    b"",
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\xFE\xFF",
    b"First Name,Middle Name,Last Name,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Address 1 - Formatted,Website 1 - Value\r\n",
    b"Name,Given Name,Family Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value,Organization 1 - Name,Organization 1 - Title\r\n",
    b"First Name,Last Name,E-mail Address,E-mail Type,Mobile Phone,Company,Birthday,Categories,Business Street\r\n",
    b"\"Nombre\",\"Apellidos\",\"Direcci\xF3n de correo electr\xF3nico\",\"Tel\xE9fono m\xF3vil\",\"Cumplea\xF1os\"\r\n",
    b"Notes:\n\"blah\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
    b"Nombre;Correo;Tel\xC3\xA9fono;Empresa;Notas;Etiquetas\n",
    b"Nombre\tApellidos\tEmail\n",
    b"BEGIN:VCARD\r\nVERSION:2.1\r\n",
    b"BEGIN:VCARD\nVERSION:3.0\n",
    b"BEGIN:VCARD\r\nVERSION:4.0\r\n",
];

/// Pieces of the formats, so that random files look enough like real ones to reach deep.
const TOKENS: &[&[u8]] = &[
    b"BEGIN:VCARD\r\n",
    b"END:VCARD\r\n",
    b"VERSION:2.1\r\n",
    b"FN:",
    b"N:",
    b";",
    b",",
    b":",
    b"\"",
    b"\r\n",
    b"\n",
    b"\r\n ",
    b"=\r\n",
    b"=C3",
    b"=B1",
    b"=",
    b"\\",
    b"\\n",
    b"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:",
    b"PHOTO;ENCODING=b;TYPE=JPEG:",
    b"ENCODING=BASE64:",
    b"TEL;VALUE=uri;PREF=1:tel:+34-600-555-010",
    b"TEL;CELL:600123456",
    b"item1.EMAIL;type=pref:",
    b"item1.X-ABLabel:_$!<Work>!$_",
    b"BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-15",
    b"BDAY:--0415",
    b"BDAY:",
    b"EMAIL:lucia@panaderiasol.es",
    b"lucia@panaderiasol.es",
    b"@",
    b" ::: ",
    b"* ",
    b"* myContacts",
    b"0/0/00",
    b"4/15/1985",
    b"31/31/9999",
    b"05 Oct 2020",
    b"+34 600 123 456",
    b"+999999999999999999999999999",
    b"Luc\xC3\xADa",
    b"i\xCC\x81",
    b"\xF0\x9F\x8C\x9F",
    b"\xED",
    b"\x00",
    b"\xFF",
];

fn piece() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => prop::sample::select(TOKENS).prop_map(<[u8]>::to_vec),
        1 => prop::collection::vec(any::<u8>(), 0..24),
    ]
}

/// vCard properties, each followed by a random value: cards whole enough to become people.
const PROPERTIES: &[&[u8]] = &[
    b"FN:",
    b"N:",
    b"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:",
    b"ORG:",
    b"TITLE:",
    b"EMAIL;TYPE=work:",
    b"EMAIL;PREF=1:",
    b"TEL;VALUE=uri;PREF=2:",
    b"TEL;CELL;PREF:",
    b"NOTE:",
    b"NOTE;ENCODING=QUOTED-PRINTABLE:",
    b"CATEGORIES:",
    b"ADR;TYPE=home:",
    b"item1.ADR:",
    b"item1.X-ABLabel:",
    b"BDAY:",
    b"BDAY;X-APPLE-OMIT-YEAR=1604:",
    b"URL:",
    b"UID:",
    b"PHOTO;ENCODING=b;TYPE=JPEG:",
];

fn cards() -> impl Strategy<Value = Vec<u8>> {
    let property = (prop::sample::select(PROPERTIES), prop::collection::vec(piece(), 0..4));
    let card = (prop::sample::select(&["2.1", "3.0", "4.0"][..]), prop::collection::vec(property, 0..8));
    prop::collection::vec(card, 1..4).prop_map(|cards| {
        let mut bytes = Vec::new();
        for (version, properties) in cards {
            bytes.extend_from_slice(format!("BEGIN:VCARD\r\nVERSION:{version}\r\n").as_bytes());
            for (name, value) in properties {
                bytes.extend_from_slice(name);
                value.iter().for_each(|p| bytes.extend_from_slice(p));
                bytes.extend_from_slice(b"\r\n");
            }
            bytes.extend_from_slice(b"END:VCARD\r\n");
        }
        bytes
    })
}

/// A file: a known start, then tokens and random bytes mixed; vCards of random
/// properties; or only random bytes.
fn file() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        2 => cards(),
        3 => (prop::sample::select(PREFIXES), prop::collection::vec(piece(), 0..40)).prop_map(|(start, pieces)| {
            let mut bytes = start.to_vec();
            pieces.iter().for_each(|p| bytes.extend_from_slice(p));
            bytes
        }),
        1 => prop::collection::vec(any::<u8>(), 0..512),
    ]
}

thread_local! {
    /// One journal for every case: it has clients to match against, and previews write nothing.
    static JOURNAL: RefCell<Journal> = RefCell::new(with_clients());
}

fn with_clients() -> Journal {
    let mut jn = journal();
    let s = &mut jn.store;
    let lucia = ClientPatch {
        organisation: Some("Panadería Sol".into()),
        email: Some("lucia@panaderiasol.es".into()),
        phone: Some("+34 600 123 456".into()),
        ..ClientPatch::default()
    };
    j::add_client(s, at(2, 9, 0), "Lucía", lucia).unwrap();
    j::add_client(s, at(2, 9, 1), "Diego Ramírez", ClientPatch { organisation: Some("Librería Alba".into()), ..ClientPatch::default() })
        .unwrap();
    jn
}

/// Reads `bytes` as every format and previews what reads: any panic fails the test.
fn read_and_preview(bytes: &[u8], maps: &[ColumnMap]) {
    for format in FORMATS {
        for map in maps {
            let Ok(parsed) = read(bytes, format, map) else { continue };
            let sources = [Source::new("fuzz", parsed)];
            JOURNAL.with(|jn| {
                let store = &mut jn.borrow_mut().store;
                let accept = Choices { accept_proposed: true, ..Choices::default() };
                for choices in [Choices::default(), accept] {
                    if let Err(e) = importing::preview(store, at(3, 9, 0), &sources, &choices) {
                        // A preview may only refuse a decision, and these have none.
                        panic!("the preview of readable records failed: {e}");
                    }
                }
            });
        }
    }
}

fn maps() -> Vec<ColumnMap> {
    vec![ColumnMap::default(), ColumnMap::parse(&["Nombre=name".into(), "Correo=email".into(), "Notas=notes".into()]).unwrap()]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_give_records_or_an_error_never_a_panic(bytes in file()) {
        read_and_preview(&bytes, &maps());
    }
}

/// Every fixture cut at every byte: an export interrupted anywhere (a full disk,
/// a download stopped) is read or refused, and what is read previews.
#[test]
fn every_fixture_cut_anywhere_is_read_or_refused() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/contacts");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e != "py"));
    files.sort();
    assert!(files.len() >= 14, "the fixtures are missing: {files:?}");
    let auto = [ColumnMap::default()];
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        // Every cut in the first 160 bytes (BOMs, headers, the first record), then every 17th;
        // all of them would take minutes in a debug build and find nothing more.
        let cuts = (0..=bytes.len()).filter(|n| *n < 160 || n % 17 == 0);
        for n in cuts {
            for format in FORMATS {
                let _ = read(&bytes[..n], format, &ColumnMap::default());
            }
        }
        for n in (0..=bytes.len()).step_by(41) {
            read_and_preview(&bytes[..n], &auto);
        }
    }
}
