//! Contacts imports as a user lives them: a preview that merges the people the
//! journal already has, a commit that applies exactly it, an import again that
//! adds nothing, and an undo that leaves the journal as it was.

mod common;

use std::collections::BTreeMap;

use common::{at, journal, new_entry};
use trato::contacts::{ContactRecord, Parsed, Position, SourceFormat};
use trato::domain::{Client, ClientPatch, Due};
use trato::journal as j;
use trato::journal::importing::{self, Choices, Decision, MatchedBy, Outcome, Source, Target};
use trato::store::Store;

fn person(name: &str, org: Option<&str>, emails: &[&str], phones: &[&str]) -> ContactRecord {
    ContactRecord {
        name: name.into(),
        organisation: org.map(Into::into),
        emails: emails.iter().map(|s| s.to_string()).collect(),
        phones: phones.iter().map(|s| s.to_string()).collect(),
        ..ContactRecord::default()
    }
}

fn source(name: &str, records: Vec<ContactRecord>) -> Source {
    Source {
        name: name.into(),
        format: SourceFormat::Vcard,
        items: records.into_iter().enumerate().map(|(i, record)| Parsed::Record { at: Position::Card(i + 1), record }).collect(),
        mapping: vec![],
        unread: vec![],
    }
}

fn clients(s: &mut Store) -> Vec<Client> {
    j::clients(s, true).unwrap()
}

fn lucia() -> ContactRecord {
    let mut r = person("Lucía Fernández", Some("Panadería Sol"), &["Lucia@PanaderiaSol.es", "lucia.f@gmail.com"], &["+34 600 123 456"]);
    r.tags = vec!["Proveedores".into()];
    r.notes = Some("Prefiere WhatsApp\n\"pan de centeno\", los martes".into());
    r
}

#[test]
fn a_merge_adds_no_tag_the_client_has_in_another_case_accents_and_eñes_included() {
    let mut jn = journal();
    let s = &mut jn.store;
    let patch = ClientPatch { email: Some("lucia@panaderiasol.es".into()), add_tags: vec!["Ñandú".into()], ..ClientPatch::default() };
    j::add_client(s, at(2, 9, 0), "Lucía F.", patch).unwrap();
    let mut r = lucia();
    r.tags = vec!["ñandú".into(), "ÓPTICA".into()];
    let sources = [source("phone.vcf", vec![r])];
    let preview = importing::preview(s, at(3, 9, 0), &sources, &Choices::default()).unwrap();
    let Outcome::Merge { adds, .. } = &preview.rows[0].outcome else { panic!("Lucía should merge: {:?}", preview.rows[0]) };
    assert_eq!(adds.tags, vec!["ÓPTICA".to_string()], "ñandú is the client's Ñandú; only the new tag is added");
}

#[test]
fn a_person_the_journal_has_merges_by_email_filling_only_what_is_empty() {
    let mut jn = journal();
    let s = &mut jn.store;
    let patch =
        ClientPatch { email: Some("lucia@panaderiasol.es".into()), organisation: Some("Sol, S.L.".into()), ..ClientPatch::default() };
    let id = j::add_client(s, at(2, 9, 0), "Lucía F.", patch).unwrap();

    let sources = [source("phone.vcf", vec![lucia()])];
    let preview = importing::preview(s, at(3, 9, 0), &sources, &Choices::default()).unwrap();
    let Outcome::Merge { into, by, adds } = &preview.rows[0].outcome else {
        panic!("Lucía should merge into the client she is: {:?}", preview.rows[0])
    };
    assert_eq!(*into, Target::Client { id, name: "Lucía F.".into() });
    assert_eq!(*by, MatchedBy::Email, "the e-mail matched, whatever its case");
    assert_eq!(adds.organisation, None, "a merge never overwrites the organisation the user wrote");
    assert_eq!(adds.other_emails, vec!["lucia.f@gmail.com".to_string()]);
    assert_eq!(adds.phone.as_deref(), Some("+34 600 123 456"));
    assert_eq!(clients(s).len(), 1, "a preview writes nothing");

    let done = importing::commit(s, at(3, 9, 0), &sources, &Choices::default(), Some(&preview.plan_id)).unwrap();
    assert!(done.batch.is_some());
    let all = clients(s);
    assert_eq!(all.len(), 1, "the person the user had is not added twice");
    let c = &all[0];
    assert_eq!((c.name.as_str(), c.organisation.as_deref()), ("Lucía F.", Some("Sol, S.L.")));
    assert_eq!(c.email.as_deref(), Some("lucia@panaderiasol.es"));
    assert_eq!(c.other_emails, vec!["lucia.f@gmail.com".to_string()]);
    assert_eq!(c.phone.as_deref(), Some("+34 600 123 456"), "the phone keeps the form it was written in");
    assert_eq!(c.tags, vec!["Proveedores".to_string()]);
    assert_eq!(c.notes.as_deref(), Some("Prefiere WhatsApp\n\"pan de centeno\", los martes"));
}

#[test]
fn the_same_person_in_two_files_becomes_one_client() {
    let mut jn = journal();
    let s = &mut jn.store;
    let google = source("google.csv", vec![person("Lucía Fernández", None, &["lucia@panaderiasol.es"], &[])]);
    let phone = source("phone.vcf", vec![person("Lucía", Some("Panadería Sol"), &[], &["600123456", "+34 600 123 456"])]);
    let linked = source("linkedin.csv", vec![person("Lucía Fernández", None, &["LUCIA@panaderiasol.es"], &["+34 600 123 456"])]);
    let sources = [google, phone, linked];
    let p = importing::preview(s, at(3, 9, 0), &sources, &Choices::default()).unwrap();
    assert_eq!(p.rows[0].outcome, Outcome::New);
    // The phone file shares no e-mail; its person has no e-mail either, so it is a new client.
    assert_eq!(p.rows[1].outcome, Outcome::New);
    match &p.rows[2].outcome {
        Outcome::Merge { into: Target::Row { index: 0, .. }, by: MatchedBy::Email, adds } => {
            assert_eq!(adds.phone.as_deref(), Some("+34 600 123 456"))
        }
        other => panic!("the LinkedIn row shares the Google row's e-mail and should merge into it: {other:?}"),
    }
    importing::commit(s, at(3, 9, 0), &sources, &Choices::default(), Some(&p.plan_id)).unwrap();
    assert_eq!(clients(s).len(), 2);
}

#[test]
fn importing_the_same_file_again_adds_nothing() {
    let mut jn = journal();
    let s = &mut jn.store;
    let sources = [source(
        "contacts.vcf",
        vec![lucia(), person("Diego Ramírez", Some("Librería Alba"), &[], &[]), person("Ana 🌟 Núñez", None, &[], &["+52 55 1234 5678"])],
    )];
    let first = importing::commit(s, at(3, 9, 0), &sources, &Choices::default(), None).unwrap();
    assert_eq!(first.preview.counts.new, 3);
    let before = clients(s);

    let again = importing::commit(s, at(4, 9, 0), &sources, &Choices::default(), None).unwrap();
    assert_eq!(again.batch, None, "nothing to add, so no import is recorded");
    assert_eq!(again.preview.counts.unchanged, 3, "{:?}", again.preview.rows);
    assert_eq!(clients(s), before, "importing again changed the clients");
}

#[test]
fn a_possible_duplicate_waits_for_the_users_decision() {
    let mut jn = journal();
    let s = &mut jn.store;
    let id = j::add_client(
        s,
        at(2, 9, 0),
        "diego ramírez",
        ClientPatch { organisation: Some("Librería Alba".into()), ..ClientPatch::default() },
    )
    .unwrap();
    let sources = [source("linkedin.csv", vec![person("Diego  Ramírez", Some("LIBRERÍA ALBA"), &["diego@alba.mx"], &[])])];

    let p = importing::preview(s, at(3, 9, 0), &sources, &Choices::default()).unwrap();
    assert_eq!(p.rows[0].outcome, Outcome::Proposed);
    assert_eq!(p.rows[0].duplicate_of, Some(Target::Client { id, name: "diego ramírez".into() }));
    let none = importing::commit(s, at(3, 9, 0), &sources, &Choices::default(), Some(&p.plan_id)).unwrap();
    assert_eq!(none.batch, None, "a proposed duplicate is not imported until the user decides");

    let merge = Choices { decisions: BTreeMap::from([(0, Decision::Merge)]), ..Choices::default() };
    importing::commit(s, at(3, 9, 0), &sources, &merge, None).unwrap();
    let all = clients(s);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].email.as_deref(), Some("diego@alba.mx"), "merged on the user's word");

    let mut jn = journal();
    let s = &mut jn.store;
    j::add_client(s, at(2, 9, 0), "Diego Ramírez", ClientPatch { organisation: Some("Librería Alba".into()), ..ClientPatch::default() })
        .unwrap();
    let new = Choices { decisions: BTreeMap::from([(0, Decision::New)]), ..Choices::default() };
    importing::commit(s, at(3, 9, 0), &sources, &new, None).unwrap();
    assert_eq!(clients(s).len(), 2, "the user said they are two people");
}

#[test]
fn a_decision_that_does_not_fit_is_refused() {
    let mut jn = journal();
    let s = &mut jn.store;
    let sources = [source("a.vcf", vec![person("Nadie Igual", None, &[], &[])])];
    let merge = Choices { decisions: BTreeMap::from([(0, Decision::Merge)]), ..Choices::default() };
    let err = importing::preview(s, at(3, 9, 0), &sources, &merge).unwrap_err();
    assert!(err.to_string().contains("row 0 looks like no client"), "{err}");
    let far = Choices { decisions: BTreeMap::from([(7, Decision::Skip)]), ..Choices::default() };
    assert!(importing::preview(s, at(3, 9, 0), &sources, &far).unwrap_err().to_string().contains("no row 7"));
}

#[test]
fn a_commit_refuses_a_preview_the_journal_has_moved_past() {
    let mut jn = journal();
    let s = &mut jn.store;
    let sources = [source("a.vcf", vec![lucia()])];
    let p = importing::preview(s, at(3, 9, 0), &sources, &Choices::default()).unwrap();
    j::add_client(s, at(3, 9, 1), "Lucía", ClientPatch { email: Some("lucia.f@gmail.com".into()), ..ClientPatch::default() }).unwrap();
    let err = importing::commit(s, at(3, 9, 2), &sources, &Choices::default(), Some(&p.plan_id)).unwrap_err();
    assert!(matches!(err, importing::ImportError::Changed), "{err}");
    assert_eq!(clients(s).len(), 1, "nothing of the outdated preview was applied");
}

#[test]
fn bad_records_are_reported_by_position_and_the_rest_imports() {
    let mut jn = journal();
    let s = &mut jn.store;
    let mut items =
        source("x.csv", vec![person("Bien", None, &["bien@example.com"], &[]), person("Mal", None, &["no-es-un-correo"], &[])]).items;
    items.push(Parsed::Skipped { at: Position::Row(4), reason: "no name, organisation or e-mail".into() });
    items.push(Parsed::Invalid { at: Position::Row(5), field: "email".into(), reason: "'x@' is not an e-mail".into() });
    let sources = [Source { name: "x.csv".into(), format: SourceFormat::Csv, items, mapping: vec![], unread: vec![] }];
    let p = importing::commit(s, at(3, 9, 0), &sources, &Choices::default(), None).unwrap().preview;
    assert_eq!((p.counts.new, p.counts.invalid, p.counts.skipped), (1, 2, 1), "{:?}", p.rows);
    assert!(matches!(&p.rows[1].outcome, Outcome::Invalid { field, .. } if field == "email"));
    assert_eq!(clients(s).iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["Bien"]);
}

#[test]
fn undoing_an_import_leaves_the_live_clients_as_they_were() {
    let mut jn = journal();
    let s = &mut jn.store;
    let patch = ClientPatch { email: Some("lucia@panaderiasol.es".into()), ..ClientPatch::default() };
    j::add_client(s, at(2, 9, 0), "Lucía F.", patch).unwrap();
    j::add_client(s, at(2, 9, 1), "Hostal Mar", ClientPatch::default()).unwrap();
    let before = clients(s);

    let sources = [source("phone.vcf", vec![lucia(), person("Marta Gil", None, &["marta@gil.es"], &[])])];
    let batch = importing::commit(s, at(3, 9, 0), &sources, &Choices::default(), None).unwrap().batch.expect("an import");
    assert_eq!(clients(s).len(), 3);
    let listed = importing::batches(s).unwrap();
    assert_eq!((listed[0].id.as_str(), listed[0].created, listed[0].merged), (batch.as_str(), 1, 1));

    let undone = importing::undo(s, at(3, 10, 0), &batch).unwrap();
    assert_eq!((undone.trashed, undone.reverted), (1, 1));
    assert_eq!(clients(s), before, "after the undo the clients are exactly those before the import");
    let trash = j::trash(s).unwrap();
    assert_eq!(trash.len(), 1, "the client the import created is in the trash, not gone");

    let again = importing::undo(s, at(3, 11, 0), &batch).unwrap_err();
    assert!(again.to_string().contains("already undone"), "{again}");
    assert!(importing::undo(s, at(3, 11, 0), "nope").unwrap_err().to_string().contains("no import 'nope'"));

    // The undone records are not "already imported": importing the file again brings them back.
    let back = importing::commit(s, at(4, 9, 0), &sources, &Choices::default(), None).unwrap();
    assert_eq!((back.preview.counts.new, back.preview.counts.merge), (1, 1), "{:?}", back.preview.rows);
}

#[test]
fn undoing_after_the_user_edited_a_merged_client_keeps_every_change_of_theirs() {
    let mut jn = journal();
    let s = &mut jn.store;
    let patch = ClientPatch { email: Some("lucia@panaderiasol.es".into()), ..ClientPatch::default() };
    let id = j::add_client(s, at(2, 9, 0), "Lucía F.", patch).unwrap();
    let sources = [source("phone.vcf", vec![lucia()])];
    let batch = importing::commit(s, at(3, 9, 0), &sources, &Choices::default(), None).unwrap().batch.expect("an import");
    let merged = j::find_client(s, "Lucía F.").unwrap();
    assert_eq!(merged.organisation.as_deref(), Some("Panadería Sol"), "the import filled the empty organisation");

    // The user then corrects the phone the import brought, adds to its notes,
    // renames the client and swaps the imported tag for one of their own.
    let notes = format!("{}\nLlamar antes de las 10", merged.notes.clone().unwrap());
    let edit = ClientPatch {
        name: Some("Lucía Fernández".into()),
        phone: Some("+34 611 000 111".into()),
        notes: Some(notes.clone()),
        add_tags: vec!["Panaderías".into()],
        remove_tags: vec!["Proveedores".into()],
        ..ClientPatch::default()
    };
    j::edit_client(s, at(4, 9, 0), id, edit).unwrap();

    let undone = importing::undo(s, at(5, 9, 0), &batch).unwrap();
    assert_eq!((undone.trashed, undone.reverted, undone.kept.len()), (0, 1, 0));
    let c = j::find_client(s, "Lucía Fernández").unwrap();
    assert_eq!(c.name, "Lucía Fernández", "the user's name stays");
    assert_eq!(c.email.as_deref(), Some("lucia@panaderiasol.es"), "what the client had before the import stays");
    assert_eq!(c.phone.as_deref(), Some("+34 611 000 111"), "the phone the user wrote over the imported one stays");
    assert_eq!(c.notes.as_deref(), Some(notes.as_str()), "notes the user changed are theirs now, imported lines included");
    assert_eq!(c.tags, ["Panaderías"], "the user's tag stays, the imported one they removed doesn't come back");
    assert_eq!(c.organisation, None, "the organisation the import filled, untouched since, is taken back");
    assert!(c.other_emails.is_empty(), "the e-mail the import added, untouched since, is taken back");
}

#[test]
fn undoing_keeps_the_clients_it_created_that_the_user_has_worked_on_since_with_every_entry() {
    let mut jn = journal();
    let s = &mut jn.store;
    let patch = ClientPatch { email: Some("lucia@panaderiasol.es".into()), ..ClientPatch::default() };
    let lucia_id = j::add_client(s, at(2, 9, 0), "Lucía F.", patch).unwrap();
    let people = vec![
        lucia(),
        person("Marta Gil", None, &["marta@gil.es"], &[]),
        person("Diego Ramírez", Some("Librería Alba"), &[], &[]),
        person("Hostal Mar", None, &["reservas@hostalmar.es"], &[]),
    ];
    let batch = importing::commit(s, at(3, 9, 0), &[source("phone.vcf", people)], &Choices::default(), None).unwrap().batch.unwrap();
    let id = |s: &mut Store, name: &str| j::find_client(s, name).unwrap().id;
    let (marta, diego, hostal) = (id(s, "Marta Gil"), id(s, "Diego Ramírez"), id(s, "Hostal Mar"));

    // Entries on the merged client and on one the import created; an edit on another.
    let request = j::add_request(s, at(4, 10, 0), new_entry(lucia_id, at(4, 10, 0), "Pan para el evento"), None).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 12).unwrap();
    let promise = j::add_promise(s, at(4, 11, 0), new_entry(marta, at(4, 11, 0), "Presupuesto"), Due::Date(day), None).unwrap();
    j::edit_client(s, at(4, 12, 0), hostal, ClientPatch { phone: Some("+34 971 22 33 44".into()), ..ClientPatch::default() }).unwrap();

    let undone = importing::undo(s, at(5, 9, 0), &batch).unwrap();
    let mut kept: Vec<&str> = undone.kept.iter().map(|k| k.name.as_str()).collect();
    kept.sort();
    assert_eq!(kept, ["Hostal Mar", "Marta Gil"], "clients the user has worked on since are theirs now");
    assert_eq!((undone.trashed, undone.reverted), (1, 1), "Diego, untouched, goes to the trash; Lucía's merge is taken back");
    assert_eq!(j::trash(s).unwrap().iter().map(|t| t.id.clone()).collect::<Vec<_>>(), [diego.to_string()]);

    let live: Vec<String> = clients(s).into_iter().map(|c| c.name).collect();
    assert_eq!(live.len(), 3, "{live:?}");
    assert_eq!(j::timeline(s, lucia_id).unwrap().iter().map(|e| e.id).collect::<Vec<_>>(), [request], "the merged client's entry stays");
    assert_eq!(j::timeline(s, marta).unwrap().iter().map(|e| e.id).collect::<Vec<_>>(), [promise], "the kept client's promise stays");
    assert_eq!(j::find_client(s, "Hostal Mar").unwrap().phone.as_deref(), Some("+34 971 22 33 44"), "the user's edit stays");
}
