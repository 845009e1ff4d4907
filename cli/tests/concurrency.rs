//! Two `trato` processes writing the same journal at once lose nothing: writes
//! queue on the busy timeout instead of failing or overwriting each other.

#[path = "../../tests/common/mod.rs"]
mod common;

use std::thread;

use common::{add, ok};

#[test]
fn two_processes_writing_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shared.db");
    let now = "2026-03-05T09:00:00+01:00";
    add(&db, now, &["client", "add", "Sol"]);
    const EACH: usize = 25;
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let db = db.clone();
            thread::spawn(move || {
                (0..EACH).map(|i| add(&db, now, &["note", "add", "Sol", &format!("writer {w} note {i}")])).collect::<Vec<_>>()
            })
        })
        .collect();
    let ids: Vec<String> = writers.into_iter().flat_map(|w| w.join().expect("a writer failed")).collect();
    let timeline: serde_json::Value = serde_json::from_str(&ok(&db, now, &["timeline", "Sol", "--json"])).unwrap();
    let stored: std::collections::HashSet<_> = timeline.as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(stored.len(), 2 * EACH, "every acknowledged note is in the journal");
    for id in &ids {
        assert!(stored.contains(id), "note {id} was acknowledged but lost");
    }
}
