//! Searching the journal by its words: accents and case ignored, words as
//! prefixes, every note and reason searchable, the index following each edit
//! and the trash, and no query a user can type ever failing.

mod common;

use common::{at, journal, new_entry, Journal};
use trato::domain::incident::RecoveryStep;
use trato::domain::{ClientId, ClientPatch, Closing, Due, EntryId, IncidentSeverity, NoticedBy, Score, Stage};
use trato::journal::search::{search, HitItem, SearchHit, SnippetSegment};
use trato::journal::{self, EntryPatch, NewFeedback};
use trato::store::StoreError;

fn client(j: &mut Journal, name: &str, patch: ClientPatch) -> ClientId {
    journal::add_client(&mut j.store, at(1, 9, 0), name, patch).unwrap()
}

fn find(j: &mut Journal, query: &str) -> Vec<SearchHit> {
    search(&mut j.store, query, 50).unwrap_or_else(|e| panic!("searching {query:?} must not fail: {e}"))
}

fn entries_found(j: &mut Journal, query: &str) -> Vec<EntryId> {
    find(j, query)
        .into_iter()
        .filter_map(|h| match h.item {
            HitItem::Entry { id, .. } => Some(id),
            HitItem::Client { .. } => None,
        })
        .collect()
}

fn clients_found(j: &mut Journal, query: &str) -> Vec<ClientId> {
    find(j, query)
        .into_iter()
        .filter_map(|h| match h.item {
            HitItem::Client { id } => Some(id),
            HitItem::Entry { .. } => None,
        })
        .collect()
}

/// The words marked as matched in a hit's snippet.
fn marked(hit: &SearchHit) -> Vec<&str> {
    hit.snippet.iter().filter(|s| s.hit).map(|s| s.text.as_str()).collect()
}

/// The full-text index agrees with the documents it indexes.
fn index_is_consistent(j: &mut Journal) {
    j.store
        .write(|tx| tx.execute_batch("INSERT INTO search (search) VALUES ('integrity-check')").map_err(StoreError::from))
        .expect("the search index matches its documents");
}

#[test]
fn a_client_is_found_without_its_accents_and_by_the_start_of_a_word() {
    let mut j = journal();
    let sol = client(&mut j, "Panadería Sol", ClientPatch { organisation: Some("Obrador Sol S.L.".into()), ..Default::default() });
    client(&mut j, "Café Luna", ClientPatch::default());
    for query in ["panaderia", "panad", "PANADERÍA", "Panadería Sol", "sol panad", "  obrador  "] {
        assert_eq!(clients_found(&mut j, query), [sol], "{query:?} finds Panadería Sol and only it");
    }
    let hit = &find(&mut j, "panaderia")[0];
    assert_eq!((hit.client_id, hit.client_name.as_str(), hit.summary.as_str()), (sol, "Panadería Sol", "Panadería Sol"));
    assert_eq!(marked(hit), ["Panadería"], "the snippet marks the word as written, accent and all");
    assert_eq!(clients_found(&mut j, "cafe"), [client_id_of(&mut j, "Café Luna")]);
    assert!(find(&mut j, "sol luna").is_empty(), "every word must match the same item");
    assert!(find(&mut j, "anaderia").is_empty(), "a word matches from its start, not from its middle");
}

fn client_id_of(j: &mut Journal, name: &str) -> ClientId {
    journal::find_client(&mut j.store, name).unwrap().id
}

#[test]
fn every_contact_detail_tag_and_note_of_a_client_is_searchable() {
    let mut j = journal();
    let patch = ClientPatch {
        email: Some("ana@estudionorte.example".into()),
        phone: Some("+34 600 12 34 56".into()),
        add_tags: vec!["architecture".into()],
        notes: Some("Met at the trade fair".into()),
        availability: Some("Mornings only; August off".into()),
        ..Default::default()
    };
    let norte = client(&mut j, "Estudio Norte", patch);
    for query in ["estudionorte", "600 12", "architect", "trade fair", "august"] {
        assert_eq!(clients_found(&mut j, query), [norte], "{query:?}");
    }
}

#[test]
fn the_reasons_notes_and_comments_inside_entries_are_found() {
    let mut j = journal();
    let sol = client(&mut j, "Panadería Sol", ClientPatch::default());
    let s = &mut j.store;
    let menu = journal::add_request(s, at(2, 10, 0), new_entry(sol, at(2, 10, 0), "Update the menu"), None).unwrap();
    journal::follow_up_request(s, at(3, 9, 0), menu, None, None, Some("Asked whether Friday still holds".into())).unwrap();
    let due: Due = "2026-03-04".parse().unwrap();
    let promise = journal::add_promise(s, at(3, 12, 0), new_entry(sol, at(3, 12, 0), "New menu online"), due, Some(menu)).unwrap();
    let later: Due = "2026-03-06".parse().unwrap();
    journal::reschedule_promise(s, at(4, 9, 0), promise, None, later, "waiting for photos").unwrap();
    let flyers = journal::add_request(s, at(2, 10, 0), new_entry(sol, at(2, 10, 0), "Print 500 flyers"), None).unwrap();
    journal::close_request(s, at(2, 11, 0), flyers, Closing::Declined, None, Some("We don't do print".into())).unwrap();
    let form = journal::add_incident(
        s,
        at(2, 9, 0),
        new_entry(sol, at(2, 9, 0), "Contact form broken"),
        NoticedBy::Client,
        IncidentSeverity::Major,
    )
    .unwrap();
    journal::incident_step(s, at(2, 12, 0), form, RecoveryStep::Compensated, None, Some("One month of hosting free".into())).unwrap();
    let feedback =
        NewFeedback { score: Score::Nps(6), stage: Stage::Mid, cause: None, comment: Some("Thought the quote included printing".into()) };
    let fb = journal::add_feedback(s, at(4, 10, 0), new_entry(sol, at(4, 10, 0), ""), feedback).unwrap();
    journal::follow_up_feedback(s, at(4, 11, 0), fb, None, Some("Called to explain what the quote covers".into())).unwrap();

    assert_eq!(entries_found(&mut j, "friday"), [menu], "a follow-up's note");
    assert_eq!(entries_found(&mut j, "don't do"), [flyers], "a decline's note");
    assert_eq!(entries_found(&mut j, "hosting"), [form], "a recovery step's note");
    assert_eq!(entries_found(&mut j, "included printing"), [fb], "a feedback's comment");
    assert_eq!(entries_found(&mut j, "explain covers"), [fb], "a feedback follow-up's note");
    let mut photos = entries_found(&mut j, "photo");
    photos.sort();
    let mut both = [menu, promise];
    both.sort();
    assert_eq!(photos, both, "the reschedule's reason is the promise's, and the linked request's reply carries it too");

    let hit = find(&mut j, "waiting photos").into_iter().find(|h| matches!(h.item, HitItem::Entry { id, .. } if id == promise)).unwrap();
    assert_eq!(hit.summary, "New menu online");
    assert_eq!(marked(&hit), ["waiting", "photos"]);
    let HitItem::Entry { kind, occurred_at, .. } = &hit.item else { panic!("an entry") };
    assert_eq!((kind.as_str(), *occurred_at), ("promise", at(3, 12, 0).now));
    index_is_consistent(&mut j);
}

#[test]
fn an_edit_changes_what_finds_an_item() {
    let mut j = journal();
    let sol = client(&mut j, "Panadería Sol", ClientPatch { notes: Some("Prefers e-mail".into()), ..Default::default() });
    let note = journal::add_note(&mut j.store, at(2, 10, 0), new_entry(sol, at(2, 10, 0), "Wants a new menu")).unwrap();
    assert_eq!(entries_found(&mut j, "menu"), [note]);

    let patch = EntryPatch { summary: Some("Wants a new price list".into()), ..Default::default() };
    journal::edit_entry(&mut j.store, at(2, 11, 0), note, patch).unwrap();
    assert!(entries_found(&mut j, "menu").is_empty(), "the old words no longer find it");
    assert_eq!(entries_found(&mut j, "price"), [note]);

    journal::edit_client(
        &mut j.store,
        at(2, 11, 0),
        sol,
        ClientPatch { name: Some("Horno Sol".into()), notes: Some(String::new()), ..Default::default() },
    )
    .unwrap();
    assert!(clients_found(&mut j, "panaderia").is_empty() && clients_found(&mut j, "e-mail").is_empty(), "nor the old name and notes");
    assert_eq!(clients_found(&mut j, "horno"), [sol]);
    assert_eq!(find(&mut j, "price")[0].client_name, "Horno Sol", "an entry's hit names its client as it is called now");
    index_is_consistent(&mut j);
}

#[test]
fn a_clients_name_and_an_entrys_words_find_the_entry_together() {
    let mut j = journal();
    let sol = client(&mut j, "Panadería Sol", ClientPatch { organisation: Some("Obrador Sol S.L.".into()), ..Default::default() });
    let luna = client(&mut j, "Café Luna", ClientPatch::default());
    let s = &mut j.store;
    let update = journal::add_request(s, at(2, 10, 0), new_entry(sol, at(2, 10, 0), "Update the menu"), None).unwrap();
    let online = journal::add_note(s, at(2, 12, 0), new_entry(sol, at(2, 12, 0), "New menu online")).unwrap();
    journal::add_note(s, at(2, 13, 0), new_entry(sol, at(2, 13, 0), "Invoice for March")).unwrap();
    let lunas = journal::add_note(s, at(2, 14, 0), new_entry(luna, at(2, 14, 0), "Menú del día")).unwrap();
    let sorted = |mut ids: Vec<EntryId>| {
        ids.sort();
        ids
    };

    assert_eq!(sorted(entries_found(&mut j, "panaderia menu")), sorted(vec![update, online]), "the bakery's menus, not the café's");
    assert_eq!(sorted(entries_found(&mut j, "menu obrador")), sorted(vec![update, online]), "the organisation counts as the client's");
    assert_eq!(entries_found(&mut j, "luna menu"), [lunas]);
    assert!(entries_found(&mut j, "panaderia").is_empty(), "the name alone finds the client, not every entry it has");
    assert_eq!(clients_found(&mut j, "panaderia menu"), Vec::<ClientId>::new(), "the client itself holds no menu");
    let hit = find(&mut j, "panaderia online").remove(0);
    assert_eq!(marked(&hit), ["online"], "the snippet is the entry's own words");

    // The client's words follow a rename.
    journal::edit_client(&mut j.store, at(3, 9, 0), sol, ClientPatch { name: Some("Horno Sol".into()), ..Default::default() }).unwrap();
    assert!(entries_found(&mut j, "panaderia menu").is_empty(), "the old name no longer finds its entries");
    assert_eq!(sorted(entries_found(&mut j, "horno menu")), sorted(vec![update, online]));
    index_is_consistent(&mut j);
}

#[test]
fn the_trash_hides_items_and_a_restore_shows_them_again() {
    let mut j = journal();
    let sol = client(&mut j, "Panadería Sol", ClientPatch::default());
    let note = journal::add_note(&mut j.store, at(2, 10, 0), new_entry(sol, at(2, 10, 0), "Sol wants a new menu")).unwrap();
    assert_eq!(find(&mut j, "sol").len(), 2);

    journal::delete(&mut j.store, at(3, 9, 0), &note.to_string()).unwrap();
    assert!(entries_found(&mut j, "menu").is_empty(), "an entry in the trash is not found");
    journal::restore(&mut j.store, at(3, 10, 0), &note.to_string()).unwrap();
    assert_eq!(entries_found(&mut j, "menu"), [note], "a restored entry is found again");

    journal::delete(&mut j.store, at(3, 11, 0), &sol.to_string()).unwrap();
    assert!(find(&mut j, "sol").is_empty(), "neither a client in the trash nor its entries are found");
    journal::restore(&mut j.store, at(3, 12, 0), &sol.to_string()).unwrap();
    assert_eq!(find(&mut j, "sol").len(), 2, "a restored client comes back with its entries");

    journal::archive_client(&mut j.store, at(3, 12, 0), sol, true).unwrap();
    assert_eq!(find(&mut j, "sol").len(), 2, "an archived client keeps its history, and search reaches it");
    index_is_consistent(&mut j);
}

#[test]
fn no_query_a_user_can_type_fails_and_one_without_words_finds_nothing() {
    let mut j = journal();
    let sol = client(
        &mut j,
        "Panadería Sol",
        ClientPatch { notes: Some("Near the station and the market (north side)".into()), ..Default::default() },
    );
    let hostile = [
        "\"",
        "\"\"",
        "*",
        "-",
        "AND (",
        "NEAR",
        "NEAR(",
        "NOT",
        "OR",
        "^",
        "+",
        ":",
        "{",
        "}",
        "(",
        ")",
        "sol\"",
        "\"sol",
        "sol*",
        "-sol",
        "notes: sol",
        "text:sol",
        "NEAR(sol market, 2)",
        "sol AND",
        "AND OR NOT",
        "'; DROP TABLE clients; --",
        "\u{0}",
        "\u{2}sol\u{3}",
        "🥐",
        "ⓐ",
    ];
    for query in hostile {
        search(&mut j.store, query, 50).unwrap_or_else(|e| panic!("{query:?} is taken as words, never as syntax: {e}"));
    }
    for query in ["", "   ", "\"", "*", "-", "( )", "\u{0}"] {
        assert!(find(&mut j, query).is_empty(), "{query:?} holds no word, so it finds nothing");
    }
    assert_eq!(clients_found(&mut j, "NEAR"), [sol], "an operator's name is a word like any other");
    assert_eq!(clients_found(&mut j, "and (north"), [sol]);
    assert_eq!(clients_found(&mut j, "-sol*"), [sol], "the quote and operator characters are dropped, the words kept");
    assert_eq!(clients_found(&mut j, "NEAR(sol market)"), [sol]);
    assert!(journal::find_client(&mut j.store, "Panadería Sol").is_ok(), "and the journal is intact");
}

#[test]
fn the_best_match_comes_first_and_the_limit_is_kept() {
    let mut j = journal();
    let sol = client(&mut j, "Sol", ClientPatch::default());
    for i in 0..5 {
        journal::add_note(
            &mut j.store,
            at(2, 10, i),
            new_entry(sol, at(2, 10, i), &format!("Menu note {i}: a long note about many other things")),
        )
        .unwrap();
    }
    let best = journal::add_note(&mut j.store, at(2, 11, 0), new_entry(sol, at(2, 11, 0), "Menu, menu, menu")).unwrap();
    let hits = find(&mut j, "menu");
    assert_eq!(hits.len(), 6);
    assert!(matches!(hits[0].item, HitItem::Entry { id, .. } if id == best), "the entry most about menus ranks first");
    assert_eq!(search(&mut j.store, "menu", 2).unwrap().len(), 2);
    assert!(search(&mut j.store, "menu", 0).unwrap().is_empty());
}

#[test]
fn a_hit_is_plain_text_in_json_never_markup() {
    let mut j = journal();
    let sol = client(&mut j, "Sol", ClientPatch::default());
    let note =
        journal::add_note(&mut j.store, at(2, 10, 0), new_entry(sol, at(2, 10, 0), "<b>Menu</b> & <script>prices</script>")).unwrap();
    let hits = find(&mut j, "prices");
    let json = serde_json::to_value(&hits).unwrap();
    assert_eq!(
        json,
        serde_json::json!([{
            "what": "entry",
            "id": note.to_string(),
            "kind": "note",
            "occurred_at": "2026-03-02T09:00:00Z",
            "client_id": sol.to_string(),
            "client_name": "Sol",
            "summary": "<b>Menu</b> & <script>prices</script>",
            "snippet": [
                {"text": "<b>Menu</b> & <script>", "hit": false},
                {"text": "prices", "hit": true},
                {"text": "</script>", "hit": false}
            ]
        }])
    );
    assert_eq!(hits[0].snippet[1], SnippetSegment { text: "prices".into(), hit: true });
    let client_hit = serde_json::to_value(&find(&mut j, "sol")[0]).unwrap();
    assert_eq!(client_hit["what"], "client");
    assert!(client_hit.get("kind").is_none() && client_hit.get("occurred_at").is_none(), "a client has no kind or date: {client_hit}");
}

#[test]
fn the_sample_journal_is_searchable_from_the_start() {
    let mut j = journal();
    trato::journal::demo::fill(&mut j.store, at(5, 9, 0)).unwrap();
    let hits = find(&mut j, "menu website");
    assert!(
        hits.iter().any(|h| h.client_name == "Panadería Sol" && h.summary == "Update the menu on the website"),
        "the sample's menu request: {hits:?}"
    );
    index_is_consistent(&mut j);
}
