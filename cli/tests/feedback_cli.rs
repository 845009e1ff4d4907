//! Feedback asked at the right moment, through the `trato` binary with `--now`:
//! a delivery makes feedback due the next day, once; a detractor is followed
//! up within a day, with a next step that fits the cause.

#[path = "../../tests/common/mod.rs"]
mod common;

use std::path::Path;

use common::{add, ok};
use serde_json::Value;

/// Today's `feedback_due` signals, as (client, since, entry ids, draft).
fn feedback_due(db: &Path, now: &str) -> Vec<(String, String, Vec<String>, String)> {
    let t: Value = serde_json::from_str(&ok(db, now, &["today", "--json"])).expect("valid JSON");
    let field = |s: &Value, k: &str| s[k].as_str().unwrap_or_default().to_string();
    t["matters"]
        .as_array()
        .expect("matters")
        .iter()
        .flat_map(|m| m["signals"].as_array().expect("signals").clone())
        .filter(|s| s["kind"] == "feedback_due")
        .map(|s| {
            assert_eq!(s["severity"], "low");
            let ids = s["entry_ids"].as_array().unwrap().iter().map(|i| i.as_str().unwrap().to_string()).collect();
            (field(&s, "client"), field(&s, "since"), ids, field(&s, "draft"))
        })
        .collect()
}

#[test]
fn a_closed_matter_makes_feedback_due_the_next_day_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("j.db");
    let db = db.as_path();
    ok(db, "2026-03-01T09:00:00+01:00", &["client", "add", "Panadería Sol"]);
    ok(db, "2026-03-01T09:00:00+01:00", &["settings", "set", "language", "en"]);
    let menu = add(db, "2026-03-02T12:00:00+01:00", &["promise", "add", "Panadería Sol", "New menu online", "--due", "2026-03-13"]);
    let photos = add(db, "2026-03-03T09:00:00+01:00", &["request", "add", "Panadería Sol", "Photos of the cakes"]);
    ok(db, "2026-03-03T10:00:00+01:00", &["request", "reply", &photos, "--note", "This week"]);

    ok(db, "2026-03-09T10:00:00+01:00", &["promise", "keep", &menu]);
    assert_eq!(feedback_due(db, "2026-03-09T12:00:00+01:00"), [], "delivered two hours ago: too soon to ask");
    assert_eq!(feedback_due(db, "2026-03-10T09:59:00+01:00"), [], "not before a full day");
    let due = feedback_due(db, "2026-03-10T10:00:00+01:00");
    assert_eq!(due.len(), 1, "{due:?}");
    assert_eq!((&*due[0].0, &*due[0].1, &due[0].2), ("Panadería Sol", "2026-03-10T09:00:00Z", &vec![menu.clone()]));
    assert!(due[0].3.starts_with("Now that we have finished “New menu online”, how did it go for you?"), "{due:?}");
    let text = ok(db, "2026-03-10T10:00:00+01:00", &["today"]);
    assert!(text.contains("LOW       Panadería Sol — feedback_due, since Tue 2026-03-10 10:00"), "{text}");
    assert!(text.contains("Ask: Now that we have finished “New menu online”"), "{text}");

    // A second matter closed the same week: still one signal, about both, the latest work first.
    ok(db, "2026-03-11T16:00:00+01:00", &["request", "done", &photos]);
    let due = feedback_due(db, "2026-03-12T17:00:00+01:00");
    assert_eq!(due.len(), 1, "not twice for two matters closed the same week: {due:?}");
    assert_eq!((&*due[0].1, &due[0].2), ("2026-03-10T09:00:00Z", &vec![photos.clone(), menu.clone()]));

    // Asked by phone that evening: not again the next day, nor for the next delivery within 30 days.
    add(
        db,
        "2026-03-12T18:00:00+01:00",
        &["log", "Panadería Sol", "Asked how the menu and photos went", "--dir", "out", "--channel", "call"],
    );
    assert_eq!(feedback_due(db, "2026-03-13T09:00:00+01:00"), [], "asked yesterday");
    let hours =
        add(db, "2026-03-13T09:00:00+01:00", &["promise", "add", "Panadería Sol", "Opening hours on the door", "--due", "2026-03-20"]);
    ok(db, "2026-03-16T10:00:00+01:00", &["promise", "keep", &hours]);
    assert_eq!(feedback_due(db, "2026-03-17T11:00:00+01:00"), [], "asked five days ago");

    // Feedback given: the next day nothing is due either.
    ok(db, "2026-03-01T09:00:00+01:00", &["client", "add", "Floristería Lila"]);
    let bouquet = add(db, "2026-03-02T09:00:00+01:00", &["promise", "add", "Floristería Lila", "Spring catalogue", "--due", "2026-03-20"]);
    ok(db, "2026-03-16T10:00:00+01:00", &["promise", "keep", &bouquet]);
    assert_eq!(feedback_due(db, "2026-03-17T11:00:00+01:00").len(), 1, "Lila's catalogue was delivered yesterday");
    ok(db, "2026-03-17T12:00:00+01:00", &["feedback", "add", "Floristería Lila", "--rating", "5"]);
    assert_eq!(feedback_due(db, "2026-03-18T11:00:00+01:00"), [], "given yesterday");
}

#[test]
fn a_detractor_is_followed_up_within_a_day_with_the_step_its_cause_suggests() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("j.db");
    let db = db.as_path();
    ok(db, "2026-03-01T09:00:00+01:00", &["client", "add", "Café Luna"]);
    ok(db, "2026-03-01T09:00:00+01:00", &["settings", "set", "language", "en"]);
    let two = add(db, "2026-03-10T10:00:00+01:00", &["feedback", "add", "Café Luna", "--rating", "2", "--cause", "rapport"]);
    let timeline = ok(db, "2026-03-10T12:00:00+01:00", &["timeline", "Café Luna"]);
    assert!(timeline.contains("next step: If the two of you do not work well together"), "{timeline}");

    let unhappy = |now: &str| -> Option<Value> {
        let s: Value = serde_json::from_str(&ok(db, now, &["signals", "Café Luna", "--json"])).unwrap();
        s.as_array().unwrap().iter().find(|s| s["kind"] == "unhappy_no_follow_up").cloned()
    };
    assert_eq!(unhappy("2026-03-11T09:59:00+01:00"), None, "within the day it is due");
    let s = unhappy("2026-03-11T10:00:00+01:00").expect("a day without a follow-up");
    assert_eq!((&s["severity"], &s["since"]), (&Value::from("high"), &Value::from("2026-03-11T09:00:00Z")));
    assert!(s["explanation"].as_str().unwrap().contains("Cause: rapport. If the two of you do not work well together"), "{s}");
    ok(db, "2026-03-11T11:00:00+01:00", &["feedback", "follow-up", &two, "--note", "Called: suggested Marta's studio"]);
    assert_eq!(unhappy("2026-03-11T12:00:00+01:00"), None, "followed up");
}
