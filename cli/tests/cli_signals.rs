//! `trato today`, `signals`, `score`, `record`, `settings` and `holiday` as a
//! person or a script uses them: the public example logged live through the
//! binary, checked with the JSON at each step.

#[path = "../../tests/common/mod.rs"]
mod common;

use std::path::Path;
use std::process::Command;

use common::{add, ok, refused};
use serde_json::Value;

fn json(db: &Path, now: &str, args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.push("--json");
    serde_json::from_str(&ok(db, now, &args)).expect("valid JSON")
}

/// Today's matters, each as its signals' (client, kind, severity, since).
fn matters(db: &Path, now: &str) -> Vec<Vec<(String, String, String, String)>> {
    let t = json(db, now, &["today"]);
    let generated = chrono::DateTime::parse_from_rfc3339(t["generated_at"].as_str().unwrap()).unwrap();
    assert_eq!(generated, chrono::DateTime::parse_from_rfc3339(now).unwrap());
    t["matters"]
        .as_array()
        .expect("`today --json` lists matters")
        .iter()
        .map(|m| {
            let keys: Vec<&str> = m.as_object().unwrap().keys().map(String::as_str).collect();
            assert_eq!(keys, ["answer_by", "client", "client_id", "due", "entry_id", "severity", "signals", "since"]);
            let signals: Vec<_> = m["signals"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| {
                    let keys: Vec<&str> = s.as_object().unwrap().keys().map(String::as_str).collect();
                    assert_eq!(keys, ["client", "client_id", "entry_ids", "explanation", "kind", "severity", "since"]);
                    let field = |k: &str| s[k].as_str().unwrap().to_string();
                    (field("client"), field("kind"), field("severity"), field("since"))
                })
                .collect();
            let lead = &signals[0];
            assert_eq!(
                (m["severity"].as_str(), m["since"].as_str()),
                (Some(&*lead.2), Some(&*lead.3)),
                "a matter stands as its first signal"
            );
            signals
        })
        .collect()
}

/// Today's signals as (client, kind, severity, since), matter by matter.
fn today(db: &Path, now: &str) -> Vec<(String, String, String, String)> {
    matters(db, now).into_iter().flatten().collect()
}

fn sig(kind: &str, severity: &str, since: &str) -> (String, String, String, String) {
    ("Panadería Sol".into(), kind.into(), severity.into(), since.into())
}

#[test]
fn the_public_example_through_the_cli_json_at_every_step() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("j.db");
    let db = db.as_path();
    ok(db, "2026-03-01T09:00:00+01:00", &["client", "add", "Panadería Sol"]);
    ok(db, "2026-03-01T09:00:00+01:00", &["settings", "set", "language", "en"]);

    let menu = add(db, "2026-03-02T10:00:00+01:00", &["request", "add", "Panadería Sol", "Update the menu", "--channel", "email"]);
    assert_eq!(today(db, "2026-03-02T10:00:00+01:00"), []);
    let promise = add(
        db,
        "2026-03-02T12:00:00+01:00",
        &["promise", "add", "Panadería Sol", "New menu online", "--due", "2026-03-04", "--for-request", &menu],
    );
    assert_eq!(today(db, "2026-03-03T09:00:00+01:00"), [sig("promise_due_soon", "low", "2026-03-02T23:00:00Z")]);
    assert_eq!(today(db, "2026-03-05T09:00:00+01:00"), [sig("promise_overdue", "high", "2026-03-04T23:00:00Z")]);

    ok(db, "2026-03-05T11:00:00+01:00", &["request", "follow-up", &menu, "--note", "Is the menu online?"]);
    assert_eq!(
        today(db, "2026-03-05T11:00:00+01:00"),
        [sig("promise_overdue", "high", "2026-03-04T23:00:00Z"), sig("request_repeated", "medium", "2026-03-05T10:00:00Z")]
    );
    ok(db, "2026-03-05T12:00:00+01:00", &["promise", "reschedule", &promise, "--due", "2026-03-06", "--reason", "waiting for photos"]);
    assert_eq!(
        today(db, "2026-03-05T12:00:00+01:00"),
        [sig("request_repeated", "medium", "2026-03-05T10:00:00Z"), sig("promise_due_soon", "low", "2026-03-05T11:00:00Z")]
    );
    ok(db, "2026-03-06T16:00:00+01:00", &["promise", "reschedule", &promise, "--due", "2026-03-09", "--reason", "photos arrived late"]);
    assert_eq!(
        today(db, "2026-03-06T16:00:00+01:00"),
        [sig("promise_slipping", "high", "2026-03-06T15:00:00Z"), sig("request_repeated", "medium", "2026-03-05T10:00:00Z")]
    );
    let signals = json(db, "2026-03-06T16:00:00+01:00", &["signals", "Panadería Sol"]);
    assert_eq!(signals[0]["explanation"], "“New menu online” has been rescheduled twice; it is now due Mon 9 Mar.");
    assert_eq!(signals[0]["entry_ids"], serde_json::json!([promise]));

    // Monday 09:00: the promise is slipping and due today, one matter; the request, answered by the reschedule, another.
    let monday = "2026-03-09T09:00:00+01:00";
    assert_eq!(
        matters(db, monday),
        [
            vec![sig("promise_slipping", "high", "2026-03-06T15:00:00Z"), sig("promise_due_soon", "low", "2026-03-07T23:00:00Z")],
            vec![sig("request_repeated", "medium", "2026-03-05T10:00:00Z")],
        ]
    );
    let t = json(db, monday, &["today"]);
    assert_eq!(t["matters"][0]["entry_id"], serde_json::json!(promise));
    assert_eq!(
        t["matters"][0]["due"],
        serde_json::json!({"due": "2026-03-09", "deadline": "2026-03-09T23:00:00Z", "first": "2026-03-04", "moves": 2})
    );
    assert_eq!(t["matters"][1]["entry_id"], serde_json::json!(menu));
    let text = ok(db, monday, &["today"]);
    assert!(text.contains("2 matters, 3 signals"), "{text}");
    assert!(!text.contains("\nLOW"), "the promise due soon is named under its slip, not a matter of its own:\n{text}");
    assert!(text.contains("also promise_due_soon (low), since Sun 2026-03-08 00:00"), "{text}");

    let before = json(db, "2026-03-01T12:00:00+01:00", &["score", "Panadería Sol"]);
    ok(db, "2026-03-09T10:00:00+01:00", &["promise", "keep", &promise]);
    assert_eq!(today(db, "2026-03-09T12:00:00+01:00"), []);
    let score = json(db, "2026-03-09T12:00:00+01:00", &["score", "Panadería Sol"]);
    let keys: Vec<&str> = score.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["client", "client_id", "contributions", "history", "record", "score", "trend"]);
    assert_eq!(before["score"], serde_json::Value::Null, "on Mar 1 the bakery is new: no score, not 100");
    assert!(score["score"].as_i64().unwrap() < 100);
    let sum: i64 = score["contributions"].as_array().unwrap().iter().map(|c| c["points"].as_i64().unwrap()).sum();
    assert_eq!(sum, score["score"].as_i64().unwrap(), "the contributions add up to the score");
    let reasons: Vec<&str> = score["contributions"].as_array().unwrap().iter().map(|c| c["reason"].as_str().unwrap()).collect();
    assert!(reasons.iter().any(|r| r.contains("missed the date you gave for “New menu online”")), "{reasons:?}");
    assert!(reasons.iter().any(|r| r.contains("ask again about “Update the menu”")), "{reasons:?}");
    assert_eq!(score["trend"].as_array().unwrap().len(), 12);
    assert_eq!(score["trend"][11]["week_start"], "2026-03-09");
    assert_eq!(score["trend"][11]["score"], score["score"]);
    let record = &score["record"];
    assert_eq!((&record["made"], &record["kept_on_time"], &record["kept_late"]), (&1.into(), &0.into(), &1.into()));
    assert_eq!((&record["broken"], &record["open"], &record["median_reply_hours"]), (&0.into(), &0.into(), &2.0.into()));
    assert_eq!(&json(db, "2026-03-09T12:00:00+01:00", &["record"]), record, "one client: the overall record is its record");

    ok(
        db,
        "2026-03-10T10:00:00+01:00",
        &["feedback", "add", "Panadería Sol", "--rating", "3", "--stage", "end", "--cause", "expectations"],
    );
    assert_eq!(today(db, "2026-03-17T12:00:00+01:00"), [], "3/5 asks for no follow-up");

    let text = ok(db, "2026-03-09T12:00:00+01:00", &["score", "Panadería Sol"]);
    assert!(text.starts_with(&format!("Panadería Sol: trust {}/100", score["score"])), "{text}");
    assert!(text.contains("1 kept late"), "{text}");
}

#[test]
fn the_sample_journal_on_the_public_thursday_puts_the_overdue_menu_first() {
    for tz in ["Europe/Madrid", "UTC"] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("j.db");
        let run = |args: &[&str]| {
            let o = Command::new(env!("CARGO_BIN_EXE_trato"))
                .args(["--db", db.to_str().unwrap(), "--tz", tz, "--now", "2026-03-05T09:00:00+01:00"])
                .args(args)
                .env_remove("TRATO_DB")
                .output()
                .unwrap();
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            String::from_utf8(o.stdout).unwrap()
        };
        run(&["demo"]);
        let text = run(&["today"]);
        let first = text.lines().find(|l| l.starts_with("HIGH") || l.starts_with("CRITICAL")).unwrap_or_default();
        assert!(first.contains("Panadería Sol — promise_overdue"), "in {tz}:\n{text}");
        let t: Value = serde_json::from_str(&run(&["today", "--json"])).unwrap();
        let kinds: std::collections::BTreeSet<&str> = t["matters"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|m| m["signals"].as_array().unwrap())
            .map(|s| s["kind"].as_str().unwrap())
            .collect();
        for kind in ["promise_overdue", "promise_due_soon", "promise_slipping", "request_unanswered", "request_repeated", "silence"] {
            assert!(kinds.contains(kind), "the sample shows {kind} in {tz}: {kinds:?}");
        }
        for kind in ["incident_open", "unhappy_no_follow_up", "no_recent_feedback"] {
            assert!(kinds.contains(kind), "the sample shows {kind} in {tz}: {kinds:?}");
        }
    }
}

#[test]
fn settings_are_shown_changed_and_bad_values_refused_without_change() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("j.db");
    let db = db.as_path();
    let now = "2026-03-02T09:00:00+01:00";
    ok(db, now, &["settings", "set", "time_zone", "Europe/Madrid"]);
    ok(db, now, &["settings", "set", "business_hours.start", "08:30"]);
    ok(db, now, &["settings", "set", "business_hours.days", "mon,tue,wed,thu"]);
    ok(db, now, &["settings", "set", "thresholds.due_soon_hours", "24"]);
    ok(db, now, &["settings", "set", "severities.silence", "HIGH"]);
    ok(db, now, &["holiday", "add", "2026-03-19", "San José"]);
    let s = json(db, now, &["settings", "show"]);
    assert_eq!(s["time_zone"], "Europe/Madrid");
    assert_eq!(s["business_hours"]["start"], "08:30:00");
    assert_eq!(s["business_hours"]["days"], serde_json::json!(["Mon", "Tue", "Wed", "Thu"]));
    assert_eq!(s["thresholds"]["due_soon_hours"], 24.0);
    assert_eq!(s["severities"]["silence"], "high");
    assert_eq!(s["holidays"], serde_json::json!([{"date": "2026-03-19", "name": "San José"}]));
    let text = ok(db, now, &["settings", "show"]);
    assert!(text.contains("business_hours.start = 08:30:00\n") && text.contains("2026-03-19 Thu  San José"), "{text}");

    let before = ok(db, now, &["settings", "show", "--json"]);
    let cases: [(&[&str], &str); 10] = [
        (
            &["settings", "set", "business_hours.end", "08:00"],
            "business hours must start before they end, on the same day (got 08:30–08:00)",
        ),
        (&["settings", "set", "time_zone", "Mars/Olympus"], "'Mars/Olympus' is not a time zone"),
        (&["settings", "set", "thresholds.silence_min_days", "-3"], "thresholds.silence_min_days must be a number of 0 or more (got -3)"),
        (&["settings", "set", "thresholds.due_soon_hours", "soon"], "thresholds.due_soon_hours: 'soon' is not a number"),
        (&["settings", "set", "severities.silence", "urgent"], "severities.silence: 'urgent' does not fit"),
        (
            &["settings", "set", "thresholds.nope", "1"],
            "there is no setting 'thresholds.nope'; try one of: thresholds.due_soon_hours, thresholds.feedback_after_close_hours",
        ),
        (&["holiday", "add", "2026-03-19"], "2026-03-19 is already a holiday"),
        (&["settings", "set", "business_hours.start", "8"], "business_hours.start: '8' is not a time of day; write it as HH:MM"),
        (&["settings", "set", "holidays", "2026-03-19"], "holidays are changed one by one: `trato holiday add DATE [NAME]`"),
        (
            &["settings", "set", "tz", "Europe/Madrid"],
            "there is no setting 'tz'; try one of: answer_target_hours, backups.*, business_hours.*, calendar.*, contacts.*, language",
        ),
    ];
    for (args, message) in cases {
        let err = refused(db, now, args);
        assert!(err.contains(message), "`{}` said {err:?}, expected {message:?}", args.join(" "));
    }
    assert_eq!(ok(db, now, &["settings", "show", "--json"]), before, "a refused change changes nothing");
    ok(db, now, &["holiday", "remove", "2026-03-19"]);
    assert_eq!(json(db, now, &["settings", "show"])["holidays"], serde_json::json!([]));
    ok(db, now, &["settings", "set", "time_zone", "system"]);
    assert_eq!(json(db, now, &["settings", "show"])["time_zone"], Value::Null);
}

#[test]
fn the_system_zone_is_the_one_tz_names_when_the_journal_has_none() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("j.db");
    let run = |tz: &str, args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_trato")).arg("--db").arg(&db).args(args).env("TZ", tz).env_remove("TRATO_DB").output().unwrap()
    };
    assert!(run("UTC", &["client", "add", "Panadería Sol"]).status.success());
    let shown = |tz: &str| String::from_utf8_lossy(&run(tz, &["settings", "show"]).stdout).into_owned();
    assert!(shown("America/Mexico_City").contains("time_zone = system (America/Mexico_City)"), "{}", shown("America/Mexico_City"));
    // The C library's form with a leading colon names the same zone.
    assert!(shown(":Europe/Madrid").contains("time_zone = system (Europe/Madrid)"));
}
