//! Export and import: a round trip gives back the same journal, hostile text
//! included; a bad file changes nothing and says where it is wrong.

#[path = "../../tests/common/mod.rs"]
mod common;

use common::{at, journal, march, new_entry, Journal};
use trato::domain::incident::RecoveryStep;
use trato::domain::settings::Holiday;
use trato::domain::{Cause, ClientPatch, IncidentSeverity, NoticedBy, Score, Stage};
use trato::journal::interchange::{self, InterchangeError};
use trato::journal::{self, NewFeedback};

fn export(j: &mut Journal) -> String {
    interchange::to_json(&interchange::export(&mut j.store).unwrap())
}

/// A journal with every kind of entry and every awkward kind of text.
fn awkward_journal() -> Journal {
    let mut j = journal();
    let s = &mut j.store;
    let mut settings = journal::settings(s).unwrap();
    settings.time_zone = Some("Europe/Madrid".into());
    settings.holidays.push(Holiday { date: "2026-03-19".parse().unwrap(), name: Some("San José".into()) });
    journal::save_settings(s, &settings).unwrap();

    let hostile = "Café \"L'Étoile\" <script>alert('x')</script> & Co — 🥐🍞 — مخبز الشمس — 中文";
    let patch = ClientPatch {
        organisation: Some("Ñandú & Hijos, S.L.".into()),
        email: Some("josé@pañadería.es".into()),
        notes: Some("x".repeat(100 * 1024)),
        availability: Some("Línea 1\nLínea 2\tcon tab".into()),
        response_target_hours: Some(4.5),
        add_tags: vec!["vip".into(), "🥐".into()],
        ..Default::default()
    };
    let c = journal::add_client(s, at(1, 9, 0), hostile, patch).unwrap();
    let quiet = journal::add_client(s, at(1, 9, 5), "Luna", ClientPatch::default()).unwrap();
    journal::delete(s, at(1, 9, 6), &quiet.to_string()).unwrap();

    let r =
        journal::add_request(s, at(2, 10, 0), new_entry(c, at(2, 10, 0), "<b>menu</b> \u{202E}reversed"), Some(march(3, 10, 0))).unwrap();
    let p = journal::add_promise(s, at(2, 12, 0), new_entry(c, at(2, 12, 0), "New menu online"), "2026-03-04".parse().unwrap(), Some(r))
        .unwrap();
    journal::follow_up_request(s, at(5, 11, 0), r, None, None, Some("¿Y el menú?".into())).unwrap();
    journal::reschedule_promise(s, at(5, 12, 0), p, None, "2026-03-06T17:00:00+01:00".parse().unwrap(), "waiting for photos 📸").unwrap();
    journal::keep_promise(s, at(6, 16, 0), p, None).unwrap();
    let i = journal::add_incident(s, at(6, 9, 0), new_entry(c, at(6, 9, 0), "Typo"), NoticedBy::Us, IncidentSeverity::Minor).unwrap();
    journal::incident_step(s, at(6, 9, 5), i, RecoveryStep::Compensated, None, Some("a croissant 🥐".into())).unwrap();
    let f = NewFeedback { score: Score::Nps(4), stage: Stage::End, cause: Some(Cause::Rapport), comment: Some("متأخر".into()) };
    let fb = journal::add_feedback(s, at(7, 9, 0), new_entry(c, at(7, 9, 0), ""), f).unwrap();
    journal::follow_up_feedback(s, at(7, 10, 0), fb, None, None).unwrap();
    let note = journal::add_note(s, at(7, 11, 0), new_entry(c, at(7, 11, 0), &"📝 long note ".repeat(8000))).unwrap();
    journal::delete(s, at(7, 12, 0), &note.to_string()).unwrap();
    journal::log_interaction(s, at(7, 13, 0), new_entry(c, at(7, 13, 0), "Called"), trato::domain::Direction::Out).unwrap();
    j
}

#[test]
fn export_then_import_into_an_empty_journal_gives_an_identical_export() {
    let mut original = awkward_journal();
    let first = export(&mut original);
    let mut copy = journal();
    let done = interchange::import(&mut copy.store, at(20, 9, 0), &first).unwrap();
    assert_eq!((done.clients, done.entries), (2, 6));
    let second = export(&mut copy);
    assert!(first == second, "the round trip must not change a byte of the export");
    assert!(first.contains("<script>alert('x')</script>"), "text is kept as written, not escaped or stripped");
    assert_eq!(journal::trash(&mut copy.store).unwrap().len(), 2, "the trash survives the trip");
}

/// Imports a broken variant of a good export; checks the message and that nothing changed.
fn refuse(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut source = awkward_journal();
    let mut doc: serde_json::Value = serde_json::from_str(&export(&mut source)).unwrap();
    edit(&mut doc);
    let mut target = journal();
    journal::add_client(&mut target.store, at(1, 8, 0), "Already here", ClientPatch::default()).unwrap();
    let before = export(&mut target);
    let err = interchange::import(&mut target.store, at(20, 9, 0), &doc.to_string()).unwrap_err();
    assert_eq!(export(&mut target), before, "a refused import must leave the journal exactly as it was");
    err.to_string()
}

#[test]
fn a_rating_out_of_range_is_refused_at_its_place() {
    let msg = refuse(|d| d["entries"][3]["entry"]["details"]["score"] = serde_json::json!({"nps": 12}));
    assert_eq!(msg, "entries[3].entry.details.score: an NPS score is from 0 to 10 (got 12)");
}

#[test]
fn a_wrong_type_is_refused_with_its_path() {
    let msg = refuse(|d| d["entries"][1]["entry"]["occurred_at"] = serde_json::json!("last tuesday"));
    assert!(msg.starts_with("entries[1].entry.occurred_at: "), "{msg}");
    let msg = refuse(|d| d["clients"][0]["client"]["status"] = serde_json::json!("vip"));
    assert!(msg.starts_with("clients[0].client.status: unknown variant `vip`"), "{msg}");
}

#[test]
fn an_entry_of_an_unknown_client_is_refused() {
    let msg = refuse(|d| d["entries"][0]["entry"]["client_id"] = serde_json::json!("019c0000-0000-7000-8000-000000000000"));
    assert_eq!(msg, "entries[0].entry.client_id: no client has the id 019c0000-0000-7000-8000-000000000000");
}

#[test]
fn a_late_entry_in_the_file_is_refused_after_earlier_ones_would_have_been_written() {
    let msg = refuse(|d| {
        let last = d["entries"].as_array().unwrap().len() - 1;
        d["entries"][last]["entry"]["summary"] = serde_json::json!("   ");
    });
    assert_eq!(msg, "entries[5].entry.summary: summary can't be empty");
}

#[test]
fn duplicates_within_the_file_or_with_the_journal_are_refused() {
    let msg = refuse(|d| {
        let first = d["clients"][0].clone();
        d["clients"].as_array_mut().unwrap().push(first);
    });
    assert!(msg.starts_with("clients[2].client.id: the id "), "{msg}");
    let mut j = awkward_journal();
    let text = export(&mut j);
    let err = interchange::import(&mut j.store, at(20, 9, 0), &text).unwrap_err();
    assert!(err.to_string().contains("already has a client"), "{err}");
}

#[test]
fn broken_json_and_other_files_get_a_plain_answer() {
    let mut j = journal();
    let err = interchange::import(&mut j.store, at(20, 9, 0), "{\"format\": \"trato-journal\", ").unwrap_err();
    assert!(err.to_string().starts_with("line 1, column"), "{err}");
    let err = interchange::import(&mut j.store, at(20, 9, 0), "{\"name\": \"contacts\"}").unwrap_err();
    assert!(matches!(err, InterchangeError::NotAnExport(_)), "{err}");
    let err = interchange::import(&mut j.store, at(20, 9, 0), r#"{"format":"trato-journal","version":9}"#).unwrap_err();
    assert!(matches!(err, InterchangeError::NewerVersion(9)), "{err}");
    let err = interchange::import(
        &mut j.store,
        at(20, 9, 0),
        r#"{"format":"trato-journal","version":1,"settings":{"time_zone":"Mars/Base"},"clients":[],"entries":[]}"#,
    )
    .unwrap_err();
    assert!(err.to_string().starts_with("settings: 'Mars/Base' is not a time zone"), "{err}");
}

#[test]
fn a_promise_may_only_answer_a_request_of_its_own_client() {
    let msg = refuse(|d| {
        let mut other = d["clients"][0].clone();
        other["client"]["id"] = serde_json::json!("019c0000-0000-7000-8000-0000000000aa");
        d["clients"].as_array_mut().unwrap().push(other);
        d["entries"][1]["entry"]["client_id"] = serde_json::json!("019c0000-0000-7000-8000-0000000000aa");
    });
    assert!(msg.starts_with("entries[1].entry.details.for_request: the request ") && msg.ends_with("belongs to another client"), "{msg}");
    let msg = refuse(|d| d["entries"][1]["entry"]["details"]["for_request"] = d["entries"][2]["entry"]["id"].clone());
    assert!(msg.ends_with("is an incident, not a request"), "{msg}");
    let msg = refuse(|d| d["version"] = serde_json::json!(0));
    assert!(msg.starts_with("version: 0 is not a version"), "{msg}");
    let msg = refuse(|d| d["entries"][0]["entry"]["details"]["answer_by"] = serde_json::json!("2026-03-01T00:00:00Z"));
    assert!(msg.starts_with("entries[0].entry.details.answer_by: the answer-by moment"), "{msg}");
}

#[test]
fn a_promise_in_the_file_may_answer_a_request_already_in_the_journal() {
    let mut source = awkward_journal();
    let doc: serde_json::Value = serde_json::from_str(&export(&mut source)).unwrap();
    let mut first = doc.clone();
    first["entries"] = serde_json::json!([doc["entries"][0]]);
    let mut second = doc.clone();
    second["clients"] = serde_json::json!([]);
    second["entries"] = serde_json::json!([doc["entries"][1]]);
    let mut target = journal();
    interchange::import(&mut target.store, at(20, 9, 0), &first.to_string()).unwrap();
    interchange::import(&mut target.store, at(20, 9, 0), &second.to_string()).expect("the request is in the journal by now");
}

#[test]
fn a_hand_made_file_without_histories_starts_one() {
    let mut j = journal();
    let doc = r#"{"format":"trato-journal","version":1,"settings":{},"clients":[
        {"client":{"id":"019c0000-0000-7000-8000-000000000001","name":"Sol","status":"active","created_at":"2026-01-01T09:00:00Z"}}],
        "entries":[]}"#;
    interchange::import(&mut j.store, at(20, 9, 0), doc).unwrap();
    let history = journal::history(&mut j.store, "019c0000-0000-7000-8000-000000000001").unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!((history[0].action.as_str(), history[0].at), ("imported", march(20, 9, 0)));
}

#[test]
fn an_empty_file_is_refused_as_empty() {
    let mut j = journal();
    for text in ["", "\n  \n", "\u{feff}"] {
        let err = interchange::import(&mut j.store, at(20, 9, 0), text).unwrap_err();
        assert!(matches!(err, InterchangeError::Empty), "{text:?}: {err}");
        assert_eq!(
            err.to_string(),
            "the file is empty: there is nothing to import. A Trato export is the JSON file `trato export --out FILE` writes"
        );
    }
}

#[test]
fn lists_nested_without_end_are_refused_before_json_reads_them() {
    let mut j = journal();
    let deep = |open: &str, close: &str| {
        format!("{{\"format\": \"trato-journal\", \"clients\": {}{}}}", open.repeat(100_000), close.repeat(100_000))
    };
    for text in [deep("[", "]"), deep("{\"a\":", "}"), format!("{{\"format\": {}", "[".repeat(100_000))] {
        let err = interchange::import(&mut j.store, at(20, 9, 0), &text).unwrap_err();
        assert!(matches!(err, InterchangeError::TooDeep { .. }), "{err}");
        assert!(err.to_string().contains("nest more than 32 deep") && err.to_string().contains("not one"), "{err}");
    }
    let err = interchange::import(
        &mut j.store,
        at(20, 9, 0),
        &format!("{{\"format\": \"trato-journal\", \"notes\": \"{}\"}}", "[".repeat(100_000)),
    )
    .unwrap_err();
    assert!(!matches!(err, InterchangeError::TooDeep { .. }), "brackets inside text are text: {err}");
}

#[test]
fn the_command_line_says_what_is_wrong_with_a_file_to_import() {
    let j = journal();
    let now = "2026-03-20T09:00:00+01:00";
    let file = j.dir.path().join("export.json");
    std::fs::write(&file, "").unwrap();
    let err = common::refused(&j.path(), now, &["import", file.to_str().unwrap()]);
    assert!(err.contains("the file is empty: there is nothing to import"), "{err}");

    std::fs::write(&file, format!("{{\"format\": {}", "[".repeat(100_000))).unwrap();
    let err = common::refused(&j.path(), now, &["import", file.to_str().unwrap()]);
    assert!(err.contains("line 1, column 43: lists and objects nest more than 32 deep"), "{err}");

    // Over the limit by one byte (a sparse file: its size costs no disk).
    std::fs::File::create(&file).unwrap().set_len(interchange::MAX_BYTES + 1).unwrap();
    let err = common::refused(&j.path(), now, &["import", file.to_str().unwrap()]);
    assert!(err.contains(&format!("{} is 257 MiB, more than the 256 MiB an import reads; nothing was imported", file.display())), "{err}");
}
