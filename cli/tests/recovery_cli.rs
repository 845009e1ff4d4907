//! `trato recovery`, as a person uses it after a mistake: the incident on
//! Today until the client hears from them, the draft in the client's language
//! and register dated by their own record, the wording check catching blame
//! moved to "el sistema", and the checklist ticked once it was sent.

#[path = "../../tests/common/mod.rs"]
mod common;

use std::path::Path;

use common::{add, ok, refused, stderr, trato};
use serde_json::Value;

/// Monday 7 December 2026 in Madrid, at `hour:min`.
fn monday(hour: u32, min: u32) -> String {
    format!("2026-12-07T{hour:02}:{min:02}:00+01:00")
}

/// Panadería Sol, written to in Spanish and tú, and three 'entrega' promises
/// of November each kept two working days late.
fn bakery(db: &Path) {
    ok(db, "2026-11-02T09:00:00+01:00", &["settings", "set", "language", "en"]);
    ok(
        db,
        "2026-11-02T09:00:00+01:00",
        &["client", "add", "Panadería Sol", "--email", "hola@panaderiasol.es", "--language", "es", "--register", "tu"],
    );
    for (made, due, kept) in
        [("2026-11-02", "2026-11-04", "2026-11-06"), ("2026-11-09", "2026-11-11", "2026-11-13"), ("2026-11-16", "2026-11-18", "2026-11-20")]
    {
        let id =
            add(db, &format!("{made}T10:00:00+01:00"), &["promise", "add", "Panadería Sol", "Fotos", "--due", due, "--kind", "entrega"]);
        ok(db, &format!("{kept}T12:00:00+01:00"), &["promise", "keep", &id]);
    }
}

fn today_kinds(db: &Path, now: &str) -> Vec<String> {
    let today: Value = serde_json::from_str(&ok(db, now, &["today", "--json"])).unwrap();
    today["matters"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| m["signals"].as_array().unwrap().iter().map(|s| s["kind"].as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn an_incident_leads_to_a_draft_the_check_catches_the_system_blamed_and_the_sent_message_ticks_the_checklist() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("j.db");
    bakery(&db);
    let inc =
        add(&db, &monday(9, 0), &["incident", "add", "Panadería Sol", "la carta de Navidad con precios antiguos", "--severity", "major"]);

    // Nobody has written to the client: within 4 working hours nothing, then "contact the client first".
    assert!(!today_kinds(&db, &monday(12, 30)).contains(&"incident_unacknowledged".to_string()));
    let today = ok(&db, &monday(13, 30), &["today"]);
    assert!(today.contains("the client has heard nothing from you: contact the client first"), "{today}");

    // The draft: Spanish and tú, as the client is set; repaired by the date the record keeps.
    let out = trato(
        &db,
        &monday(13, 30),
        &[
            "recovery",
            "draft",
            &inc,
            "--repair",
            "publico hoy la carta con los precios correctos",
            "--prevention",
            "reviso cada precio con la carta impresa antes de publicar",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let draft = String::from_utf8(out.stdout.clone()).unwrap();
    // Next working day Tuesday 8, moved by the two working days such promises usually slip: Thursday 10.
    assert_eq!(
        draft,
        "Subject: La carta de Navidad con precios antiguos: mis disculpas y cómo lo arreglo\n\n\
         Hola, Panadería Sol:\n\n\
         Me disculpo por lo que pasó con la carta de Navidad con precios antiguos. Fue un error mío y lo asumo.\n\n\
         Para arreglarlo, publico hoy la carta con los precios correctos; estará hecho el jueves 10 de diciembre. \
         Además, rehago el trabajo sin coste para ti. \
         Para que no vuelva a pasar, reviso cada precio con la carta impresa antes de publicar.\n\n\
         Te escribo en cuanto esté resuelto.\n"
    );
    assert_eq!(stderr(&out), "", "Trato's own draft passes its own check");

    // The person edits it to blame the system: the check flags it, in the journal's language.
    let body = draft.split_once("\n\n").unwrap().1;
    let edited = body.replace("Fue un error mío y lo asumo.", "Fue un error mío, pero el sistema falló.");
    let file = dir.path().join("draft.txt");
    std::fs::write(&file, &edited).unwrap();
    let found = ok(&db, &monday(13, 35), &["recovery", "check", file.to_str().unwrap(), "--language", "es"]);
    assert_eq!(found, "blame_elsewhere: \"el sistema\" moves the blame away from you: say what you did.\n");
    let json: Value =
        serde_json::from_str(&ok(&db, &monday(13, 35), &["recovery", "check", file.to_str().unwrap(), "--language", "es", "--json"]))
            .unwrap();
    assert_eq!(json[0]["phrase"], "el sistema");
    assert_eq!(edited.chars().skip(json[0]["at"].as_u64().unwrap() as usize).take(10).collect::<String>(), "el sistema");

    // Fixed: nothing to say.
    std::fs::write(&file, body).unwrap();
    assert_eq!(ok(&db, &monday(13, 40), &["recovery", "check", file.to_str().unwrap(), "--language", "es"]), "");

    // Sent: the first three steps are ticked, once, and Today no longer asks to contact the client.
    assert_eq!(ok(&db, &monday(13, 45), &["recovery", "sent", &inc]), "acknowledged apologized explained\n");
    assert_eq!(ok(&db, &monday(13, 46), &["recovery", "sent", &inc]), "-\n", "steps are ticked once");
    let kinds = today_kinds(&db, &monday(14, 0));
    assert!(!kinds.contains(&"incident_unacknowledged".to_string()) && kinds.contains(&"incident_open".to_string()), "{kinds:?}");

    // Ticked by mistake (it was never sent): one undo takes the three back, and Today asks again.
    ok(&db, &monday(14, 5), &["undo", &inc]);
    let timeline = ok(&db, &monday(14, 6), &["timeline", "Panadería Sol", "--json"]);
    let entries: Value = serde_json::from_str(&timeline).unwrap();
    let incident = entries.as_array().unwrap().iter().find(|e| e["id"] == inc.as_str()).unwrap();
    assert_eq!(incident["details"]["steps"], serde_json::json!([]), "every step the sent draft ticked is taken back");
    assert!(today_kinds(&db, &monday(14, 10)).contains(&"incident_unacknowledged".to_string()));
}

#[test]
fn a_word_to_the_client_is_contact_enough_and_the_draft_follows_the_journal_when_the_client_sets_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("j.db");
    ok(&db, &monday(8, 0), &["client", "add", "Estudio Norte"]);
    let inc = add(&db, &monday(9, 0), &["incident", "add", "Estudio Norte", "the plans sent to the wrong address"]);
    ok(&db, &monday(10, 0), &["log", "Estudio Norte", "Called Ana about the plans", "--dir", "out"]);
    assert!(!today_kinds(&db, &monday(17, 0)).contains(&"incident_unacknowledged".to_string()), "a call out is contact");

    // No record yet: the next working day; English and formal, the journal's and the default.
    let draft = ok(&db, &monday(17, 0), &["recovery", "draft", &inc, "--amends", "none"]);
    assert!(
        draft.starts_with("Subject: The plans sent to the wrong address: my apology and how I'll put it right\n\nDear Estudio Norte,\n\n"),
        "{draft}"
    );
    assert!(draft.contains("I will have it put right by Tuesday 8 December."), "{draft}");
    assert!(!draft.contains("also"), "no amends asked for: {draft}");
    let json: Value = serde_json::from_str(&ok(&db, &monday(17, 0), &["recovery", "draft", &inc, "--json"])).unwrap();
    assert_eq!(json["trigger"], "incident");
    assert_eq!(json["fields"]["register"], "formal");
    assert_eq!(json["steps"], serde_json::json!(["acknowledged", "apologized", "explained"]));
}

#[test]
fn a_note_has_nothing_to_repair_and_says_so_in_the_users_language() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("j.db");
    ok(&db, &monday(8, 0), &["client", "add", "Estudio Norte"]);
    let note = add(&db, &monday(9, 0), &["note", "add", "Estudio Norte", "Prefers calls"]);
    let err = refused(&db, &monday(9, 0), &["recovery", "draft", &note]);
    assert!(err.contains("nothing went wrong with 'Prefers calls'"), "{err}");
    ok(&db, &monday(9, 0), &["settings", "set", "language", "es"]);
    let err = refused(&db, &monday(9, 0), &["recovery", "draft", &note]);
    assert!(err.contains("con «Prefers calls» no ha salido nada mal"), "{err}");
}
