//! The `trato` command as scripts and people use it: the public example step
//! by step with `--now`, the sample journal, and the errors.

#[path = "../../tests/common/mod.rs"]
mod common;

use std::path::PathBuf;

use common::{add, ok, refused, trato};
use serde_json::Value;

struct Db {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn db() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trato.db");
    Db { _dir: dir, path }
}

const MON_10: &str = "2026-03-02T10:00:00+01:00";
const MON_12: &str = "2026-03-02T12:00:00+01:00";
const THU_09: &str = "2026-03-05T09:00:00+01:00";
const THU_11: &str = "2026-03-05T11:00:00+01:00";
const THU_12: &str = "2026-03-05T12:00:00+01:00";
const FRI_16: &str = "2026-03-06T16:00:00+01:00";
const MON9_10: &str = "2026-03-09T10:00:00+01:00";
const MON9_12: &str = "2026-03-09T12:00:00+01:00";
const TUE10: &str = "2026-03-10T10:00:00+01:00";

/// Sol asks for a menu update on Monday at 10:00; at 12:00 it is promised for Wednesday.
fn menu_promised(p: &std::path::Path) -> (String, String) {
    add(p, MON_10, &["client", "add", "Sol"]);
    let menu = add(p, MON_10, &["request", "add", "Sol", "Update the menu"]);
    let promise = add(p, MON_12, &["promise", "add", "Sol", "New menu online", "--due", "2026-03-04", "--for-request", &menu]);
    (menu, promise)
}

fn timeline_json(db: &Db, now: &str, client: &str) -> Vec<Value> {
    serde_json::from_str::<Value>(&ok(&db.path, now, &["timeline", client, "--json"])).unwrap().as_array().unwrap().clone()
}

#[test]
fn the_public_example_entry_by_entry() {
    let db = db();
    let p = &db.path;
    add(
        p,
        "2026-03-01T09:00:00+01:00",
        &[
            "client",
            "add",
            "Panadería Sol",
            "--org",
            "Panadería Sol S.L.",
            "--email",
            "hola@panaderiasol.es",
            "--preferred-channel",
            "email",
            "--tag",
            "bakery",
        ],
    );
    let menu = add(p, MON_10, &["request", "add", "panadería sol", "Update the menu", "--channel", "email"]);
    let promise = add(p, MON_12, &["promise", "add", "PANADERÍA SOL", "New menu online", "--due", "2026-03-04", "--for-request", &menu]);
    ok(p, THU_11, &["request", "follow-up", &menu, "--channel", "email", "--note", "Is the menu online?"]);
    ok(p, THU_12, &["promise", "reschedule", &promise, "--due", "2026-03-06", "--reason", "waiting for photos"]);
    ok(p, FRI_16, &["promise", "reschedule", &promise, "--due", "2026-03-09", "--reason", "photos arrived late"]);
    ok(p, MON9_10, &["promise", "keep", &promise]);
    add(p, TUE10, &["feedback", "add", "Panadería Sol", "--rating", "3", "--stage", "end", "--cause", "expectations"]);

    let entries = timeline_json(&db, TUE10, "Panadería Sol");
    let by_id = |id: &str| entries.iter().find(|e| e["id"] == id).cloned().unwrap();
    assert_eq!(by_id(&promise)["status"], "kept");
    assert_eq!(by_id(&menu)["status"], "done", "keeping the linked promise delivers the request");
    assert_eq!(by_id(&promise)["occurred_at"], "2026-03-02T11:00:00Z", "instants are kept in UTC");
    let kept = by_id(&promise);
    let reasons: Vec<_> = kept["details"]["events"].as_array().unwrap().iter().filter_map(|e| e["reason"].as_str()).collect();
    assert_eq!(reasons, ["waiting for photos", "photos arrived late"]);
    assert_eq!(entries[0]["details"]["score"]["rating"], 3, "newest first: the rating");

    let text = ok(p, TUE10, &["timeline", "Panadería Sol"]);
    for (line, why) in [
        ("Mon 2026-03-02 10:00  request", "the request, in Madrid time"),
        ("the client asked again (email): Is the menu online?", "the follow-up"),
        ("rescheduled to Fri 2026-03-06: waiting for photos", "the first reschedule and its reason"),
        ("rescheduled to Mon 2026-03-09: photos arrived late", "the second reschedule"),
        ("kept, late", "kept after the Wednesday first promised"),
        ("3/5 · end · expectations", "the rating and its cause"),
    ] {
        assert!(text.contains(line), "the timeline must show {why} ({line:?}):\n{text}");
    }
    let newest = text.find("feedback").unwrap();
    let oldest = text.find("Update the menu").unwrap();
    assert!(newest < oldest, "the timeline is newest first");
}

#[test]
fn at_a_past_now_a_request_shows_since_when_it_awaits_a_reply() {
    let db = db();
    let p = &db.path;
    add(p, MON_10, &["client", "add", "Sol"]);
    let r = add(p, MON_10, &["request", "add", "Sol", "Update the menu", "--at", "2026-03-02 10:00"]);
    assert!(ok(p, MON_12, &["timeline", "Sol"]).contains("awaiting a reply since Mon 2026-03-02 10:00"));
    ok(p, MON_12, &["request", "reply", &r, "--note", "Tomorrow"]);
    ok(p, THU_11, &["request", "follow-up", &r]);
    assert!(
        ok(p, THU_12, &["timeline", "Sol"]).contains("awaiting a reply since Thu 2026-03-05 11:00"),
        "a follow-up after a reply starts a new clock"
    );
}

#[test]
fn the_sample_journal_tells_the_public_example_up_to_thursday_morning() {
    let db = db();
    let p = &db.path;
    let o = trato(p, THU_09, &["demo"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    assert!(o.stdout.is_empty(), "demo reports on stderr, leaving stdout clean");

    let entries = timeline_json(&db, THU_09, "Panadería Sol");
    let menu = entries.iter().find(|e| e["summary"] == "Update the menu on the website").expect("the menu request");
    assert_eq!(menu["occurred_at"], "2026-03-02T09:00:00Z", "Monday 10:00 in Madrid");
    let promise = entries.iter().find(|e| e["summary"] == "New menu online").expect("the menu promise");
    assert_eq!(promise["details"]["due"], "2026-03-04");
    assert_eq!(promise["details"]["for_request"], menu["id"]);
    assert_eq!(promise["status"], "open");

    let clients: Value = serde_json::from_str(&ok(p, THU_09, &["client", "list", "--json"])).unwrap();
    let statuses: std::collections::BTreeSet<_> =
        clients.as_array().unwrap().iter().map(|c| c["status"].as_str().unwrap().to_string()).collect();
    assert!(clients.as_array().unwrap().len() >= 12, "a dozen clients");
    assert_eq!(statuses.len(), 4, "clients in every state: {statuses:?}");

    // Nothing in the sample happens after now.
    let export = ok(p, THU_09, &["export"]);
    let now = chrono::DateTime::parse_from_rfc3339(THU_09).unwrap();
    let mut moments = 0;
    let mut check = |v: &Value| {
        if let Some(s) = v.as_str() {
            if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
                moments += 1;
                assert!(t <= now, "{s} is after now");
            }
        }
    };
    fn walk(v: &Value, f: &mut dyn FnMut(&Value)) {
        f(v);
        match v {
            Value::Array(a) => a.iter().for_each(|x| walk(x, f)),
            Value::Object(o) => o.iter().filter(|(k, _)| *k != "due").for_each(|(_, x)| walk(x, f)),
            _ => {}
        }
    }
    walk(&serde_json::from_str(&export).unwrap(), &mut check);
    assert!(moments > 100);

    let err = refused(p, THU_09, &["demo"]);
    assert!(err.contains("only fills an empty journal"), "{err}");
}

#[test]
fn export_then_import_through_the_cli_is_identical() {
    let (a, b) = (db(), db());
    ok(&a.path, THU_09, &["demo"]);
    let file = a.path.with_file_name("journal.json");
    ok(&a.path, THU_09, &["export", "--out", file.to_str().unwrap()]);
    let o = trato(&b.path, THU_09, &["import", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    assert_eq!(ok(&b.path, THU_09, &["export"]), std::fs::read_to_string(&file).unwrap());
}

#[test]
fn a_refused_command_says_why_and_writes_nothing() {
    let db = db();
    let p = &db.path;
    add(p, MON_10, &["client", "add", "Sol"]);
    let before = ok(p, MON_10, &["export"]);
    let err = refused(p, MON_10, &["feedback", "add", "Sol", "--rating", "7"]);
    assert_eq!(err, "error: a rating is from 1 to 5 (got 7)\n");
    let err = refused(p, MON_10, &["promise", "add", "Sol", "Too late", "--due", "2026-03-01"]);
    assert!(err.contains("before the promise was made"), "{err}");
    let err = refused(p, MON_10, &["request", "add", "Luna", "Hello"]);
    assert!(err.contains("no client is named 'Luna'"), "{err}");
    let err = refused(p, MON_10, &["promise", "keep", "not-an-id"]);
    assert!(err.contains("is not an id"), "{err}");
    let err = refused(p, MON_10, &["log", "Sol", "Called", "--dir", "out", "--at", "some time last week"]);
    assert!(err.contains("--at 'some time last week' is not a moment"), "{err}");
    let err = refused(p, MON_10, &["log", "Sol", "Called", "--dir", "out", "--at", "yesterday"]);
    assert!(err.contains("--at 'yesterday' needs a time of day too"), "{err}");
    let err = refused(p, MON_10, &["log", "Sol", "Called", "--dir", "out", "--at", "2026-03-03 10:00"]);
    assert!(err.contains("in the future"), "{err}");
    assert_eq!(ok(p, MON_10, &["export"]), before, "none of the refused commands wrote anything");
}

#[test]
fn dates_are_typed_as_people_say_them_in_either_language_and_working_days_skip_holidays() {
    let db = db();
    let p = &db.path;
    add(p, MON_10, &["client", "add", "Sol"]);
    ok(p, MON_10, &["holiday", "add", "2026-03-09", "San Nadie"]);
    let due_of = |id: &str| -> String {
        let entries = timeline_json(&db, FRI_16, "Sol");
        entries.iter().find(|e| e["id"] == id).unwrap()["details"]["due"].as_str().unwrap().to_string()
    };
    // Friday 6 March 16:00: the next working day skips the weekend and Monday's holiday.
    let next = add(p, FRI_16, &["promise", "add", "Sol", "Photos", "--due", "next working day"]);
    assert_eq!(due_of(&next), "2026-03-10");
    let manana = add(p, FRI_16, &["promise", "add", "Sol", "Menu", "--due", "mañana 17:00"]);
    assert_eq!(due_of(&manana), "2026-03-07T16:00:00Z", "tomorrow at 17:00 Madrid time");
    let friday = add(p, FRI_16, &["promise", "add", "Sol", "Invoice", "--due", "viernes"]);
    assert_eq!(due_of(&friday), "2026-03-13", "a weekday named on that day is next week's");
    let soon = add(p, FRI_16, &["promise", "add", "Sol", "Logo", "--due", "+3d"]);
    assert_eq!(due_of(&soon), "2026-03-09");
    let call = add(p, FRI_16, &["log", "Sol", "Called about the photos", "--dir", "out", "--at", "wednesday 10:30"]);
    let entries = timeline_json(&db, FRI_16, "Sol");
    assert_eq!(
        entries.iter().find(|e| e["id"] == call.as_str()).unwrap()["occurred_at"],
        "2026-03-04T09:30:00Z",
        "when it happened, the last Wednesday"
    );
}

#[test]
fn feedback_without_words_is_headed_in_the_journals_language_on_the_stage_the_matters_suggest() {
    let db = db();
    let p = &db.path;
    let (_, promise) = menu_promised(p);
    ok(p, MON_10, &["settings", "set", "language", "es"]);
    // While the promise is open, feedback is given during the service…
    let during = add(p, THU_09, &["feedback", "add", "Sol", "--rating", "4"]);
    ok(p, MON9_10, &["promise", "keep", &promise]);
    // …and the day after the menu went online (nothing left open), at its end.
    let after = add(p, TUE10, &["feedback", "add", "Sol", "--rating", "3", "--cause", "expectations"]);
    let entries = timeline_json(&db, TUE10, "Sol");
    let of = |id: &str| entries.iter().find(|e| e["id"] == id).cloned().unwrap();
    assert_eq!(of(&during)["details"]["stage"], "mid");
    assert_eq!(of(&during)["summary"], "Opinión 4/5 · durante el servicio");
    assert_eq!(of(&after)["details"]["stage"], "end");
    assert_eq!(of(&after)["summary"], "Opinión 3/5 · al final del servicio · causa: expectativas");
    let told = add(p, TUE10, &["feedback", "add", "Sol", "--nps", "9", "--stage", "unsolicited"]);
    assert_eq!(
        timeline_json(&db, TUE10, "Sol").iter().find(|e| e["id"] == told.as_str()).unwrap()["details"]["stage"],
        "unsolicited",
        "a stage given is kept"
    );
}

#[test]
fn the_clients_copy_of_the_summary_has_no_trust_score() {
    let db = db();
    let p = &db.path;
    let (_, promise) = menu_promised(p);
    ok(p, MON9_10, &["promise", "keep", &promise]);
    add(p, TUE10, &["feedback", "add", "Sol", "--rating", "3", "--stage", "end", "--cause", "expectations"]);
    let dir = tempfile::tempdir().unwrap();
    let (ours, theirs) = (dir.path().join("ours.html"), dir.path().join("theirs.html"));
    ok(p, TUE10, &["summary", "Sol", "--format", "html", "--out", ours.to_str().unwrap()]);
    ok(p, TUE10, &["summary", "Sol", "--format", "html", "--for-client", "--out", theirs.to_str().unwrap()]);
    let (ours, theirs) = (std::fs::read_to_string(ours).unwrap(), std::fs::read_to_string(theirs).unwrap());
    assert!(ours.contains("id=\"trust\"") && ours.contains("expectations"), "the provider's copy has the trust score and the cause");
    assert!(!theirs.contains("id=\"trust\"") && !theirs.contains("expectations"), "the client's has neither");
    assert!(theirs.contains("New menu online") && theirs.contains("3/5"), "and the same story");
}

#[test]
fn reschedule_release_and_keep_refusals_read_well() {
    let db = db();
    let p = &db.path;
    add(p, MON_10, &["client", "add", "Sol"]);
    let promise = add(p, MON_10, &["promise", "add", "Sol", "New menu", "--due", "2026-03-04"]);
    let err = refused(p, MON_12, &["promise", "reschedule", &promise, "--due", "2026-03-06", "--reason", " "]);
    assert!(err.contains("rescheduling needs a reason"), "{err}");
    ok(p, MON_12, &["promise", "release", &promise, "--note", "No longer needed"]);
    let err = refused(p, THU_09, &["promise", "keep", &promise]);
    assert_eq!(err, "error: this promise is already released by the client; only an open promise can be kept\n");
}

#[test]
fn an_ambiguous_name_lists_the_candidates() {
    let db = db();
    let p = &db.path;
    let a = add(p, MON_10, &["client", "add", "Luis Pérez", "--org", "Taller"]);
    let b = add(p, MON_10, &["client", "add", "luis pérez", "--org", "Bar"]);
    let err = refused(p, MON_10, &["client", "show", "LUIS PÉREZ"]);
    assert!(err.contains(&a) && err.contains(&b), "both ids are offered: {err}");
    assert!(ok(p, MON_10, &["client", "show", &a]).contains("Taller"), "the id settles it");
}

#[test]
fn bad_usage_exits_with_two_and_bad_input_with_one() {
    let db = db();
    let o = trato(&db.path, MON_10, &["promise", "add", "Sol", "x"]);
    assert_eq!(o.status.code(), Some(2), "a missing --due is a usage error");
    let o = trato(&db.path, "last monday", &["client", "list"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(common::stderr(&o).contains("--now 'last monday' is not an RFC 3339 moment"));
}

#[test]
fn clients_are_edited_archived_and_shown() {
    let db = db();
    let p = &db.path;
    let id = add(p, MON_10, &["client", "add", "Sol", "--email", "hola@sol.es", "--tag", "web", "--tag", "bakery", "--status", "prospect"]);
    ok(
        p,
        MON_12,
        &[
            "client",
            "edit",
            "Sol",
            "--name",
            "Panadería Sol",
            "--status",
            "active",
            "--untag",
            "web",
            "--email",
            "",
            "--phone",
            "+34 600 000 000",
        ],
    );
    let shown: Value = serde_json::from_str(&ok(p, MON_12, &["client", "show", &id, "--json"])).unwrap();
    assert_eq!(shown["name"], "Panadería Sol");
    assert_eq!(shown["status"], "active");
    assert_eq!(shown["tags"], serde_json::json!(["bakery"]));
    assert!(shown.get("email").is_none(), "an empty value clears the e-mail");
    let err = refused(p, MON_12, &["client", "edit", "Panadería Sol", "--email", "not-an-address"]);
    assert!(err.contains("does not look like an e-mail address"), "{err}");
    ok(p, MON_12, &["client", "edit", "Panadería Sol", "--preferred-channel", "call"]);
    assert!(ok(p, MON_12, &["client", "show", &id]).contains("preferred channel call"));
    ok(p, MON_12, &["client", "edit", "Panadería Sol", "--no-preferred-channel"]);
    let shown: Value = serde_json::from_str(&ok(p, MON_12, &["client", "show", &id, "--json"])).unwrap();
    assert!(shown.get("preferred_channel").is_none(), "a client who no longer has a preferred channel can say so: {shown}");
    ok(p, MON_12, &["client", "archive", "Panadería Sol"]);
    assert!(!ok(p, MON_12, &["client", "list"]).contains("Panadería Sol"));
    assert!(ok(p, MON_12, &["client", "list", "--all"]).contains("(archived)"));
}

#[test]
fn delete_restore_trash_and_history_from_the_command_line() {
    let db = db();
    let p = &db.path;
    add(p, MON_10, &["client", "add", "Sol"]);
    let note = add(p, MON_10, &["note", "add", "Sol", "Prefers e-mail"]);
    ok(p, MON_12, &["edit", &note, "--summary", "Prefers e-mail before noon"]);
    ok(p, MON_12, &["delete", &note]);
    assert!(ok(p, MON_12, &["trash"]).contains("Prefers e-mail before noon"));
    assert!(!ok(p, MON_12, &["timeline", "Sol"]).contains("Prefers"));
    ok(p, THU_09, &["restore", &note]);
    assert_eq!(ok(p, THU_09, &["trash"]), "The trash is empty.\n");
    let history: Value = serde_json::from_str(&ok(p, THU_09, &["history", &note, "--json"])).unwrap();
    let actions: Vec<_> = history.as_array().unwrap().iter().map(|c| c["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["created", "edited", "deleted", "restored"]);
    assert_eq!(history[0]["snapshot"]["summary"], "Prefers e-mail", "the text before the edit is kept");
    assert!(ok(p, THU_09, &["history", &note]).contains("  4. Thu 2026-03-05 09:00  restored"));
}

#[test]
fn a_request_answered_by_the_deadline_given_shows_it() {
    let db = db();
    let p = &db.path;
    add(p, MON_10, &["client", "add", "Sol"]);
    add(p, MON_10, &["request", "add", "Sol", "Quote for the shop", "--answer-by", "2026-03-03 10:00"]);
    assert!(ok(p, MON_12, &["timeline", "Sol"]).contains("answer by Tue 2026-03-03 10:00"));
}

#[test]
fn mon9_noon_the_menu_is_done_and_nothing_is_open() {
    let db = db();
    let p = &db.path;
    let (_, promise) = menu_promised(p);
    ok(p, MON9_10, &["promise", "keep", &promise]);
    let open: Vec<_> = timeline_json(&db, MON9_12, "Sol").into_iter().filter(|e| e["status"] == "open").collect();
    assert!(open.is_empty(), "nothing about the menu is open: {open:?}");
}

#[test]
fn the_timeline_at_a_past_now_tells_the_story_up_to_then() {
    let db = db();
    let p = &db.path;
    let (_, promise) = menu_promised(p);
    ok(p, THU_12, &["promise", "reschedule", &promise, "--due", "2026-03-06", "--reason", "waiting for photos"]);
    ok(p, MON9_10, &["promise", "keep", &promise]);
    add(p, TUE10, &["note", "add", "Sol", "Menu photos look great"]);

    let thursday = ok(p, THU_09, &["timeline", "Sol"]);
    assert!(thursday.contains("[open · due Wed 2026-03-04]"), "on Thursday morning the promise was open and due Wednesday:\n{thursday}");
    assert!(!thursday.contains("rescheduled") && !thursday.contains("Menu photos"), "nothing after Thursday 09:00 shows:\n{thursday}");
    let statuses: Vec<_> = timeline_json(&db, THU_09, "Sol").iter().map(|e| e["status"].as_str().unwrap_or("-").to_string()).collect();
    assert_eq!(statuses, ["open", "open"], "statuses are as of --now");
    let tuesday = ok(p, TUE10, &["timeline", "Sol"]);
    assert!(tuesday.contains("[kept · due Fri 2026-03-06 · kept late]") && tuesday.contains("Menu photos"), "{tuesday}");
}

#[test]
fn only_adding_a_client_demo_or_import_starts_a_journal() {
    let db = db();
    for args in [
        &["client", "list"][..],
        &["timeline", "Sol"],
        &["promise", "keep", "019cbd02-c000-7417-a07c-26f0ba9e3f7b"],
        &["note", "add", "Sol", "x"],
    ] {
        let err = refused(&db.path, MON_10, args);
        assert!(err.contains("there is no journal at"), "{err}");
        assert!(!db.path.exists(), "`{}` on a mistyped --db must not leave an empty journal behind", args.join(" "));
    }
    let o = trato(&db.path, MON_10, &["edit", "019c0000-0000-7000-8000-000000000000"]);
    assert_eq!(o.status.code(), Some(2), "edit needs something to change");
}

#[test]
fn entries_written_at_the_same_moment_keep_the_order_they_were_written_in() {
    let db = db();
    let p = &db.path;
    add(p, MON_10, &["client", "add", "Sol"]);
    for i in 0..6 {
        add(p, MON_10, &["note", "add", "Sol", &format!("note {i}")]);
    }
    let order: Vec<_> = timeline_json(&db, MON_10, "Sol").iter().map(|e| e["summary"].as_str().unwrap().to_string()).collect();
    assert_eq!(order, ["note 5", "note 4", "note 3", "note 2", "note 1", "note 0"]);

    let copy = self::db();
    let file = db.path.with_file_name("same-moment.json");
    ok(p, MON_10, &["export", "--out", file.to_str().unwrap()]);
    ok(&copy.path, MON_10, &["import", file.to_str().unwrap()]);
    let copied: Vec<_> = timeline_json(&copy, MON_10, "Sol").iter().map(|e| e["summary"].as_str().unwrap().to_string()).collect();
    assert_eq!(copied, order, "an export and import keep the order of entries written at the same moment");
}

#[test]
fn search_lists_what_holds_the_words_with_them_marked() {
    let db = db();
    let p = &db.path;
    let (menu, promise) = menu_promised(p);
    ok(p, THU_12, &["promise", "reschedule", &promise, "--due", "2026-03-06", "--reason", "waiting for photos"]);

    let text = ok(p, THU_12, &["search", "PHOTO", "wait"]);
    for line in
        ["promise     Sol — New menu online · [waiting] for [photos]\n", "request     Sol — Update the menu · [waiting] for [photos]\n"]
    {
        assert!(text.contains(line), "the reason is found in the promise and in the reply it gave the request ({line:?}):\n{text}");
    }
    assert_eq!(text.lines().count(), 2, "one hit per line:\n{text}");

    let hits: Value = serde_json::from_str(&ok(p, THU_12, &["search", "menu", "--json"])).unwrap();
    let mut ids: Vec<_> = hits.as_array().unwrap().iter().map(|h| (h["what"].as_str().unwrap(), h["id"].as_str().unwrap())).collect();
    ids.sort();
    let mut expected = [("entry", menu.as_str()), ("entry", promise.as_str())];
    expected.sort();
    assert_eq!(ids, expected);
    assert_eq!(hits[0]["client_name"], "Sol");

    assert_eq!(ok(p, THU_12, &["search", "AND", "(", "\"", "*"]), "Nothing matches 'AND ( \" *'.\n", "search syntax is taken as words");
    let sol: Value = serde_json::from_str(&ok(p, THU_12, &["search", "--json", "--", "-\"sol"])).unwrap();
    assert_eq!((sol.as_array().unwrap().len(), &sol[0]["what"]), (1, &Value::from("client")), "a word after `--` may start with a dash");
}

#[test]
fn a_kept_pressed_by_mistake_is_undone_from_the_command_line() {
    let db = db();
    let p = &db.path;
    let (menu, promise) = menu_promised(p);
    ok(p, THU_09, &["promise", "keep", &promise]);
    assert_eq!(ok(p, THU_11, &["undo", &promise]), "", "undo prints nothing, like the actions");
    let statuses: Vec<_> =
        timeline_json(&db, THU_11, "Sol").iter().map(|e| (e["id"].as_str().unwrap().to_owned(), e["status"].clone())).collect();
    assert_eq!(
        statuses,
        [(promise.clone(), Value::from("open")), (menu.clone(), Value::from("open"))],
        "the promise and its request are open again"
    );
    assert!(ok(p, THU_11, &["today", "--json"]).contains("\"promise_overdue\""), "and the promise is overdue again");
    let err = refused(p, THU_11, &["undo", &promise]);
    assert_eq!(err, "error: the last change to the promise 'New menu online' was not an action that can be taken back (`trato history` shows its changes)\n");
    assert!(ok(p, THU_11, &["history", &promise]).contains("  3. Thu 2026-03-05 11:00  undone"));
}
