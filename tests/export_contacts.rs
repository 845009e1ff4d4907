//! Clients taken out as vCards and CSV, as a user moving to another address
//! book or a spreadsheet lives it: what goes out comes back the same, accents,
//! ñ and emoji intact, and bringing it back into the same journal adds nothing.

mod common;

use common::{at, journal};
use trato::contacts::{self, phone_key, ColumnMap, SourceFormat};
use trato::domain::{Client, ClientPatch};
use trato::journal as j;
use trato::journal::export::{self, VcardVersion};
use trato::journal::importing::{self, Choices, Outcome, Source};
use trato::store::Store;

/// Three clients with what breaks naive writers: separators, quotes, line
/// breaks, long lines of multi-byte characters, several e-mails and phones.
fn three_clients(s: &mut Store) {
    let lucia = ClientPatch {
        organisation: Some("Panadería Sol; S.L.".into()),
        email: Some("lucia@panaderiasol.es".into()),
        phone: Some("+34 600 123 456".into()),
        add_tags: vec!["proveedores".into(), "VIP 🥐".into()],
        notes: Some("Prefiere WhatsApp\n\"pan de centeno\", los martes; \\ barra invertida\nÑandú ñoño 😀 ".repeat(3).trim().into()),
        ..ClientPatch::default()
    };
    let id = j::add_client(s, at(1, 9, 0), "Lucía Fernández Muñoz", lucia).unwrap();
    // A second e-mail and phone, as a contacts merge would have added them.
    s.write(|tx| {
        let mut c = trato::store::clients::get(tx, id)?.unwrap().client;
        c.other_emails.push("lucia.f@gmail.com".into());
        c.other_phones.push("(555) 010-9999 ext. 2".into());
        trato::store::clients::put(tx, &c, None)
    })
    .unwrap();
    let jose = ClientPatch { email: Some("jose@example.com".into()), ..ClientPatch::default() };
    j::add_client(s, at(1, 9, 5), "José Ñúñez", jose).unwrap();
    let bare = ClientPatch { phone: Some("612 34 56 78".into()), ..ClientPatch::default() };
    j::add_client(s, at(1, 9, 10), "Café 😀 Emoji", bare).unwrap();
}

fn vcard_source(text: &str) -> Source {
    let read = contacts::read(text.as_bytes(), None, &ColumnMap::default()).expect("Trato reads the vCards it writes");
    assert_eq!(read.format, SourceFormat::Vcard, "the export is recognised as vCard");
    Source::new("export.vcf", read)
}

/// A phone as its number, for comparing a `tel:` URI with the written form.
fn numbers(c: &Client) -> Vec<String> {
    c.phone.iter().chain(&c.other_phones).map(|p| phone_key(p, "ES").unwrap_or_else(|| p.clone())).collect()
}

fn assert_same_clients(before: &[Client], after: &[Client], version: VcardVersion) {
    assert_eq!(before.len(), after.len(), "vCard {version:?}: every client comes back, once");
    for b in before {
        let a = after.iter().find(|a| a.name == b.name).unwrap_or_else(|| panic!("vCard {version:?}: {} is lost or renamed", b.name));
        assert_eq!(a.organisation, b.organisation, "{}: the organisation", b.name);
        assert_eq!(a.email, b.email, "{}: the primary e-mail stays primary", b.name);
        assert_eq!(a.other_emails, b.other_emails, "{}: the other e-mails", b.name);
        assert_eq!(numbers(a), numbers(b), "{}: the same phone numbers, the primary first", b.name);
        if version == VcardVersion::V3 {
            assert_eq!((&a.phone, &a.other_phones), (&b.phone, &b.other_phones), "{}: vCard 3.0 keeps phones as written", b.name);
        }
        assert_eq!(a.notes, b.notes, "{}: the notes, line breaks and accents intact", b.name);
        assert_eq!(a.tags, b.tags, "{}: the tags", b.name);
    }
}

#[test]
fn vcards_read_back_into_an_empty_journal_give_the_same_clients() {
    let mut source = journal();
    three_clients(&mut source.store);
    let before = j::clients(&mut source.store, true).unwrap();
    for version in [VcardVersion::V4, VcardVersion::V3] {
        let text = export::vcards(&mut source.store, &[], version).unwrap();
        let sources = [vcard_source(&text)];
        let mut empty = journal();
        let preview = importing::preview(&mut empty.store, at(2, 9, 0), &sources, &Choices::default()).unwrap();
        assert_eq!(preview.counts.new, 3, "vCard {version:?}: every card is a new client in an empty journal: {:?}", preview.rows);
        importing::commit(&mut empty.store, at(2, 9, 0), &sources, &Choices::default(), Some(&preview.plan_id)).unwrap();
        assert_same_clients(&before, &j::clients(&mut empty.store, true).unwrap(), version);
    }
}

#[test]
fn vcards_brought_back_into_the_same_journal_add_nothing() {
    let mut jn = journal();
    three_clients(&mut jn.store);
    for version in [VcardVersion::V4, VcardVersion::V3] {
        let text = export::vcards(&mut jn.store, &[], version).unwrap();
        let sources = [vcard_source(&text)];
        let preview = importing::preview(&mut jn.store, at(2, 9, 0), &sources, &Choices::default()).unwrap();
        for row in &preview.rows {
            let nothing = match &row.outcome {
                Outcome::Unchanged { .. } => true,
                Outcome::Merge { adds, .. } => adds.is_empty(),
                _ => false,
            };
            assert!(nothing, "vCard {version:?}: a client's own card must add nothing, got {:?}", row.outcome);
        }
        let done = importing::commit(&mut jn.store, at(2, 9, 0), &sources, &Choices::default(), Some(&preview.plan_id)).unwrap();
        assert_eq!(done.batch, None, "vCard {version:?}: nothing to import");
        assert_eq!(j::clients(&mut jn.store, true).unwrap().len(), 3, "no client doubled");
    }
}

#[test]
fn vcards_follow_the_rfc_line_rules_and_mark_the_preferred_values() {
    let mut jn = journal();
    three_clients(&mut jn.store);
    let v4 = export::vcards(&mut jn.store, &[], VcardVersion::V4).unwrap();
    assert!(v4.ends_with("\r\n") && !v4.replace("\r\n", "").contains('\n'), "every line ends in CRLF, no bare LF");
    for line in v4.split("\r\n") {
        assert!(line.len() <= 75, "a line of {} octets: {line}", line.len());
    }
    let unfolded = v4.replace("\r\n ", "");
    assert!(unfolded.contains("EMAIL;PREF=1:lucia@panaderiasol.es\r\n"), "the primary e-mail is PREF=1");
    assert!(unfolded.contains("TEL;VALUE=uri;PREF=1:tel:+34600123456\r\n"), "a known number is a tel: URI");
    assert!(unfolded.contains("TEL;VALUE=text:(555) 010-9999 ext. 2\r\n"), "an unknown one stays text as written");
    assert!(unfolded.contains("ORG:Panadería Sol\\; S.L.\r\n"), "a ; in a value is escaped");
    assert!(unfolded.contains("CATEGORIES:proveedores,VIP 🥐\r\n"), "tags are categories");
    let v3 = export::vcards(&mut jn.store, &[], VcardVersion::V3).unwrap().replace("\r\n ", "");
    assert!(v3.contains("VERSION:3.0\r\n") && v3.contains("EMAIL;TYPE=INTERNET;TYPE=pref:lucia@panaderiasol.es\r\n"));
    let id = j::find_client(&mut jn.store, "José Ñúñez").unwrap().id;
    let one = export::vcards(&mut jn.store, &[id], VcardVersion::V4).unwrap();
    assert_eq!(one.matches("BEGIN:VCARD").count(), 1, "--client takes only that client");
    assert!(one.contains(&format!("UID:urn:uuid:{id}\r\n")), "the UID is the client's id, stable across exports");
}

#[test]
fn clients_csv_reads_back_intact_with_quotes_commas_and_line_breaks() {
    let mut jn = journal();
    three_clients(&mut jn.store);
    let before = j::clients(&mut jn.store, true).unwrap();
    let text = export::clients_csv(&mut jn.store, &[], chrono_tz::Europe::Madrid).unwrap();
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let headers = r.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"));
    let rows: Vec<csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), before.len(), "one row per client");
    for c in &before {
        let row = rows.iter().find(|r| r[col("id")] == c.id.to_string()).expect("every client has its row");
        assert_eq!(&row[col("name")], c.name);
        assert_eq!(&row[col("organisation")], c.organisation.as_deref().unwrap_or(""));
        assert_eq!(&row[col("notes")], c.notes.as_deref().unwrap_or(""), "notes with quotes, commas and breaks survive");
        assert_eq!(&row[col("other_phones")], c.other_phones.join("; "));
        assert_eq!(&row[col("tags")], c.tags.join("; "));
        if c.name.starts_with("Lucía") {
            assert_eq!(&row[col("created_at")], "2026-03-01T09:00:00+01:00", "a moment in ISO 8601 with Madrid's offset");
        }
    }
}

#[test]
fn entries_csv_has_a_row_per_entry_with_moments_in_the_journal_zone() {
    let mut jn = journal();
    let ex = common::public_example(&mut jn.store, ClientPatch::default(), "Update the menu, \"urgent\"\nplease");
    let text = export::entries_csv(&mut jn.store, at(11, 9, 0), &[]).unwrap();
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(headers, trato::journal::export::table::ENTRY_COLUMNS.to_vec(), "the documented columns, in order");
    let rows: Vec<csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 3, "the request, the promise and the feedback");
    let request = rows.iter().find(|r| r[0] == ex.menu.to_string()).unwrap();
    assert_eq!(&request[9], "Update the menu, \"urgent\"\nplease", "the summary reads back intact");
    assert_eq!(&request[5], "2026-03-02T10:00:00+01:00", "a moment in ISO 8601 with Madrid's offset");
    let promise = rows.iter().find(|r| r[0] == ex.promise.to_string()).unwrap();
    assert_eq!((&promise[3], &promise[4]), ("promise", "kept"));
    assert_eq!((&promise[10], &promise[11], &promise[12]), ("2026-03-09", "2026-03-04", "2"), "due now, first due, reschedules");
}
