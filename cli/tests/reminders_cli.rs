//! `trato reminders` as a cron job or a person uses it: what is due, recording
//! it as sent, snoozing, the history, and the reminder settings.

#[path = "../../tests/common/mod.rs"]
mod common;

use std::path::Path;

use common::{ok, refused, stderr, trato};
use serde_json::Value;

const THU_9: &str = "2026-03-05T09:00:00+01:00";

fn json(db: &Path, now: &str, args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.push("--json");
    serde_json::from_str(&ok(db, now, &args)).expect("valid JSON")
}

/// A sample journal written on Thursday 09:00, in English.
fn sample(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let db = dir.path().join("j.db");
    let o = trato(&db, THU_9, &["demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    ok(&db, THU_9, &["settings", "set", "language", "en"]);
    db
}

fn titles(plan: &Value) -> Vec<String> {
    plan["send"].as_array().unwrap().iter().map(|n| n["title"].as_str().unwrap().to_string()).collect()
}

#[test]
fn a_cron_job_lists_what_is_due_records_it_and_is_not_told_twice() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample(&dir);
    let plan = json(&db, THU_9, &["reminders"]);
    assert_eq!(titles(&plan), ["Panadería Sol: promise overdue", "Librería Alba: request waiting for an answer"]);
    assert_eq!(plan["overdue_promises"], 1);
    let first = &plan["send"][0];
    let keys: Vec<&str> = first.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["body", "client_id", "digest", "reminders", "title"]);
    let reminder = &first["reminders"][0];
    let keys: Vec<&str> = reminder.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["about", "body", "client", "client_id", "due_at", "entry_id", "key", "kind", "repeat", "summary", "title"]);
    assert_eq!(reminder["kind"], "promise_overdue");
    assert_eq!(reminder["about"], "2026-03-04T23:00:00Z");

    let text = ok(&db, THU_9, &["reminders"]);
    assert!(text.starts_with("As of Thu 2026-03-05 09:00 (Europe/Madrid): 2 to send now, 0 held back.\n"), "{text}");
    assert!(text.contains(
        "SEND  Panadería Sol: promise overdue\n      “New menu online” was due Wed 4 Mar and is 9 hours late.\n      key promise_overdue/"
    ));

    let recorded = json(&db, THU_9, &["reminders", "--mark-sent"]);
    assert_eq!(titles(&recorded), titles(&plan), "--mark-sent lists what it recorded");
    let again = json(&db, "2026-03-05T09:01:00+01:00", &["reminders", "--mark-sent"]);
    assert_eq!(titles(&again), Vec::<String>::new(), "a second run a minute later records nothing");
    assert_eq!(
        ok(&db, "2026-03-05T09:01:00+01:00", &["reminders"]),
        "Nothing to remind as of Thu 2026-03-05 09:01 (Europe/Madrid).\n\nOverdue now: 1 promise.\n"
    );

    let history = json(&db, THU_9, &["reminders", "sent"]);
    let sent: Vec<(&str, &str)> =
        history.as_array().unwrap().iter().map(|s| (s["kind"].as_str().unwrap(), s["sent_at"].as_str().unwrap())).collect();
    assert_eq!(sent, [("promise_overdue", "2026-03-05T08:00:00Z"), ("request_unanswered", "2026-03-05T08:00:00Z")]);
}

#[test]
fn a_reminder_is_snoozed_by_its_key_for_a_while_until_tomorrow_or_until_a_moment() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample(&dir);
    let plan = json(&db, THU_9, &["reminders", "--mark-sent"]);
    let key = plan["send"][0]["reminders"][0]["key"].as_str().unwrap().to_string();

    let o = trato(&db, "2026-03-05T09:05:00+01:00", &["reminders", "snooze", &key, "--for", "1h"]);
    assert!(o.status.success() && o.stdout.is_empty(), "{}", stderr(&o));
    assert_eq!(stderr(&o), "snoozed until Thu 2026-03-05 10:05 (Europe/Madrid)\n");
    let text = ok(&db, "2026-03-05T09:30:00+01:00", &["reminders"]);
    assert!(text.contains("HELD  Panadería Sol: promise overdue — until Thu 2026-03-05 10:05 (snoozed)"), "{text}");
    assert_eq!(titles(&json(&db, "2026-03-05T10:05:00+01:00", &["reminders", "--mark-sent"])), ["Panadería Sol: promise overdue"]);
    assert_eq!(titles(&json(&db, "2026-03-05T10:06:00+01:00", &["reminders"])), Vec::<String>::new());

    let o = trato(&db, "2026-03-05T10:10:00+01:00", &["reminders", "snooze", &key, "--until-tomorrow"]);
    assert_eq!(stderr(&o), "snoozed until Fri 2026-03-06 09:00 (Europe/Madrid)\n");
    let o = trato(&db, "2026-03-05T10:10:00+01:00", &["reminders", "snooze", &key, "--until", "2026-03-05 16:30"]);
    assert_eq!(stderr(&o), "snoozed until Thu 2026-03-05 16:30 (Europe/Madrid)\n", "snoozing again moves the end");
    let history = json(&db, "2026-03-05T16:30:00+01:00", &["reminders", "--mark-sent"]);
    assert_eq!(history["send"][0]["reminders"][0]["after_snooze"], "2026-03-05T15:30:00Z");
}

#[test]
fn bad_keys_spans_and_moments_are_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample(&dir);
    let key = json(&db, THU_9, &["reminders"])["send"][0]["reminders"][0]["key"].as_str().unwrap().to_string();
    let cases: [(&[&str], &str); 4] = [
        (&["reminders", "snooze", "menu", "--for", "1h"], "'menu' is not a reminder key"),
        (&["reminders", "snooze", &key, "--for", "a while"], "'a while' is not a span of time; write it as minutes, hours or days"),
        (&["reminders", "snooze", &key, "--until", "2026-03-05 08:00"], "a snooze must end after now"),
        (
            &["reminders", "snooze", "promise_overdue/019cae34-7780-7000-8000-000000000099/2026-03-04", "--for", "1h"],
            "nothing in the journal has the id '019cae34-7780-7000-8000-000000000099'",
        ),
    ];
    for (args, message) in cases {
        let err = refused(&db, THU_9, args);
        assert!(err.contains(message), "`{}` said {err:?}, expected {message:?}", args.join(" "));
    }
    let o = trato(&db, THU_9, &["reminders", "snooze", &key]);
    assert_eq!(o.status.code(), Some(2), "one of --for, --until-tomorrow, --until is required");
    let o = trato(&db, THU_9, &["reminders", "snooze", &key, "--for", "1h", "--until-tomorrow"]);
    assert_eq!(o.status.code(), Some(2), "only one of them");
    assert_eq!(titles(&json(&db, THU_9, &["reminders"])).len(), 2, "nothing was snoozed");
}

#[test]
fn reminder_settings_are_changed_one_by_one_and_bad_values_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("j.db");
    let db = db.as_path();
    let now = "2026-03-02T09:00:00+01:00";
    ok(db, now, &["settings", "set", "time_zone", "Europe/Madrid"]);
    let defaults = json(db, now, &["settings", "show"]);
    assert_eq!(
        defaults["reminders"],
        serde_json::json!({
            "enabled": true,
            "promise_due_soon": true,
            "promise_overdue": true,
            "request_answer_soon": true,
            "request_unanswered": true,
            "incident_unacknowledged": true,
            "lead_hours": 24.0,
            "answer_soon_business_hours": 2.0,
            "quiet_hours": {"mode": "outside_business_hours", "from": "20:00:00", "until": "08:00:00"},
            "digest": true,
            "digest_time": "09:00:00",
            "digest_over": 3.0
        })
    );
    ok(db, now, &["settings", "set", "reminders.lead_hours", "12"]);
    ok(db, now, &["settings", "set", "reminders.promise_due_soon", "off"]);
    ok(db, now, &["settings", "set", "reminders.quiet_hours.mode", "window"]);
    ok(db, now, &["settings", "set", "reminders.quiet_hours.from", "21:30"]);
    ok(db, now, &["settings", "set", "reminders.digest_time", "08:30"]);
    let r = &json(db, now, &["settings", "show"])["reminders"];
    assert_eq!((r["lead_hours"].as_f64(), r["promise_due_soon"].as_bool()), (Some(12.0), Some(false)));
    assert_eq!(r["quiet_hours"], serde_json::json!({"mode": "window", "from": "21:30:00", "until": "08:00:00"}));
    assert_eq!(r["digest_time"], "08:30:00");
    let text = ok(db, now, &["settings", "show"]);
    assert!(text.contains("reminders.promise_due_soon = false\n") && text.contains("reminders.quiet_hours.mode = window\n"), "{text}");

    let before = ok(db, now, &["settings", "show", "--json"]);
    let cases: [(&[&str], &str); 7] = [
        (&["settings", "set", "reminders.lead_hours", "-1"], "reminders.lead_hours must be a number of 0 or more (got -1)"),
        (&["settings", "set", "reminders.digest_over", "2.5"], "reminders.digest_over must be a whole number (got 2.5)"),
        (
            &["settings", "set", "reminders.promise_overdue", "maybe"],
            "reminders.promise_overdue: 'maybe' is not on or off; write true or false",
        ),
        (&["settings", "set", "reminders.digest_time", "9"], "reminders.digest_time: '9' is not a time of day; write it as HH:MM"),
        (&["settings", "set", "reminders.quiet_hours.until", "21:30"], "quiet hours from 21:30 until 21:30 would be no time at all"),
        (&["settings", "set", "reminders.quiet_hours.mode", "sometimes"], "reminders.quiet_hours.mode: 'sometimes' does not fit"),
        (
            &["settings", "set", "reminders.lead", "1"],
            "there is no setting 'reminders.lead'; try one of: reminders.answer_soon_business_hours",
        ),
    ];
    for (args, message) in cases {
        let err = refused(db, now, args);
        assert!(err.contains(message), "`{}` said {err:?}, expected {message:?}", args.join(" "));
    }
    assert_eq!(ok(db, now, &["settings", "show", "--json"]), before, "a refused change changes nothing");
}
