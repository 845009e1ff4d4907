//! The public example of PRODUCT.md, done by hand in the app: a new user adds
//! Panadería Sol and lives through the menu update from Monday 2 March to
//! Tuesday 10 March 2026, with the keyboard and the mouse. The app is started
//! again at each moment of the example (its clock is `TRATO_NOW`), on the same
//! journal, as a user would open it on each of those days. The trust score is
//! read at the steps where it moves (docs/trust-score.md works them by hand).

use serde_json::json;
use trato_e2e::{story_at, testid, App, Result};

const SOL: &str = "Panadería Sol";
const REQUEST: &str = "Menu update";
const PROMISE: &str = "New menu online";

fn signal_of(kind: &str) -> String {
    format!("[data-testid=signal][data-kind={kind:?}][data-client={SOL:?}]")
}

fn entry(kind: &str, summary: &str) -> String {
    format!("[data-testid=timeline-entry][data-kind={kind:?}][data-summary={summary:?}]")
}

/// From anywhere, through the Clients list, to the bakery's page.
async fn open_sol(app: &App) -> Result {
    app.click(&testid("nav-clients")).await?;
    app.click(&format!("[data-testid=client-row][data-name={SOL:?}] button")).await?;
    app.wait_for_text(&testid("client-name"), SOL).await
}

/// The kinds of Today's signals about the bakery, once Today has drawn.
async fn sol_signals(app: &App) -> Result<Vec<String>> {
    app.wait_until("Today to draw", "return !!document.querySelector('[data-testid=signal], [data-testid=today-calm]')", vec![]).await?;
    Ok(app.signals_now().await?.into_iter().filter(|(_, client)| client == SOL).map(|(kind, _)| kind).collect())
}

/// The trust score on the client page, once it reads `expected`: a number, or
/// the words that say a client is new.
async fn score_is(app: &App, expected: &str) -> Result {
    app.wait_for_text(&testid("client-score"), expected).await?;
    let shown = app.texts(&testid("client-score")).await?;
    assert_eq!(shown, [expected], "the trust score shown");
    Ok(())
}

/// The value next to a label of the promise record.
async fn record_line(app: &App, label: &str) -> Result<String> {
    let value = app
        .eval(
            "const dt = [...document.querySelectorAll('[data-testid=record] dt')].find(d => d.textContent.trim() === arguments[0]);
             return dt ? dt.nextElementSibling.textContent.trim() : null;",
            vec![json!(label)],
        )
        .await?;
    value.as_str().map(str::to_owned).ok_or_else(|| format!("the promise record has no line {label:?}").into())
}

#[tokio::test]
async fn the_public_example_from_the_first_run_to_the_feedback_by_keyboard_and_mouse() {
    let folder = tempfile::tempdir().expect("a folder for the journal");
    let db = folder.path().join("trato.db");

    // 1. Mon 10:00: the first run; the client asks by e-mail for a menu update, answer by Tue 10:00.
    story_at("example_1_request", &db, "2026-03-02T10:00:00+01:00", |app| async move {
        app.type_into(&testid("start-client-name"), SOL).await?;
        app.click(&testid("start-add")).await?;
        app.wait_for_text(&testid("client-name"), SOL).await?;
        app.press("n").await?;
        app.click(&testid("entry-kind-request")).await?;
        app.type_into(&testid("entry-summary"), REQUEST).await?;
        app.choose(&testid("entry-channel"), "Email").await?;
        app.set_value(&testid("entry-answer-by"), "2026-03-03T10:00").await?;
        app.click(&testid("entry-save")).await?;
        app.find(&entry("request", REQUEST)).await.map_err(|e| format!("the request is not on the timeline: {e}"))?;
        // One request is not enough history to judge by: the bakery is new, not a perfect 100.
        score_is(&app, "New — not enough history yet").await?;
        app.find(&testid("not-enough-history")).await?;
        app.click(&testid("nav-clients")).await?;
        app.find(&format!("[data-testid=clients-new] [data-testid=client-row][data-name={SOL:?}]"))
            .await
            .map_err(|e| format!("the Clients list should show the bakery apart, as new: {e}"))?;
        Ok(())
    })
    .await;

    // 2. Mon 12:00: the promise, due Wednesday, answers the request.
    story_at("example_2_promise", &db, "2026-03-02T12:00:00+01:00", |app| async move {
        open_sol(&app).await?;
        app.press("n").await?;
        app.click(&testid("entry-kind-promise")).await?;
        app.type_into(&testid("entry-summary"), PROMISE).await?;
        app.set_value(&testid("entry-due"), "2026-03-04").await?;
        app.choose(&testid("entry-for-request"), REQUEST).await?;
        app.click(&testid("entry-save")).await?;
        app.find(&entry("promise", PROMISE)).await.map_err(|e| format!("the promise is not on the timeline: {e}"))?;
        Ok(())
    })
    .await;

    // 3. Tue 09:00: the promise is due soon; the request was answered by the promise.
    story_at("example_3_due_soon", &db, "2026-03-03T09:00:00+01:00", |app| async move {
        let kinds = sol_signals(&app).await?;
        assert!(kinds.contains(&"promise_due_soon".to_owned()), "on Tuesday the menu is due tomorrow; Today shows {kinds:?}");
        assert!(!kinds.contains(&"request_unanswered".to_owned()), "the promise replied to the request; Today shows {kinds:?}");
        Ok(())
    })
    .await;

    // 4. Thu 09:00: overdue since Thursday 00:00.
    story_at("example_4_overdue", &db, "2026-03-05T09:00:00+01:00", |app| async move {
        let kinds = sol_signals(&app).await?;
        assert_eq!(kinds.first().map(String::as_str), Some("promise_overdue"), "the menu was due Wednesday; Today shows {kinds:?}");
        Ok(())
    })
    .await;

    // 5. Thu 11:00: the client writes again about the menu.
    story_at("example_5_follow_up", &db, "2026-03-05T11:00:00+01:00", |app| async move {
        open_sol(&app).await?;
        app.click(&format!("{} [data-testid=action-follow-up]", entry("request", REQUEST))).await?;
        app.click(&testid("nav-today")).await?;
        app.find(&signal_of("request_repeated")).await.map_err(|e| format!("Today does not say the client asked again: {e}"))?;
        // The missed date in full (−15), the follow-up (−5), the answer of Monday (+1).
        open_sol(&app).await?;
        score_is(&app, "81").await
    })
    .await;

    // 6. Thu 12:00: rescheduled from Today to Friday, "waiting for photos": no longer overdue.
    story_at("example_6_reschedule", &db, "2026-03-05T12:00:00+01:00", |app| async move {
        let overdue = signal_of("promise_overdue");
        app.click(&format!("{overdue} [data-testid=act-reschedule]")).await?;
        app.set_value(&format!("{overdue} [data-testid=reschedule-due]"), "2026-03-06").await?;
        app.type_into(&format!("{overdue} [data-testid=reschedule-reason]"), "waiting for photos").await?;
        app.click(&format!("{overdue} [data-testid=reschedule-save]")).await?;
        app.wait_until("the overdue menu to leave Today", "return !document.querySelector(arguments[0])", vec![json!(overdue)]).await?;
        // Moving a missed date never raises trust: the missed date stays and the move costs 5 (81 → 76).
        open_sol(&app).await?;
        score_is(&app, "76").await?;
        let reasons = app.texts(&testid("contribution")).await?.join(" | ");
        assert!(reasons.contains("You missed the date you gave for “New menu online” (Wed 4 Mar)"), "{reasons}");
        assert!(reasons.contains("You moved the date of “New menu online” after it had passed (once)"), "{reasons}");
        Ok(())
    })
    .await;

    // 7. Fri 16:00: rescheduled again from the client page, "photos arrived late": slipping.
    story_at("example_7_slipping", &db, "2026-03-06T16:00:00+01:00", |app| async move {
        open_sol(&app).await?;
        let promise = entry("promise", PROMISE);
        app.click(&format!("{promise} [data-testid=action-reschedule]")).await?;
        app.set_value(&format!("{promise} [data-testid=reschedule-due]"), "2026-03-09").await?;
        app.type_into(&format!("{promise} [data-testid=reschedule-reason]"), "photos arrived late").await?;
        app.click(&format!("{promise} [data-testid=action-confirm]")).await?;
        app.wait_for_text(&testid("timeline-entry"), "photos arrived late").await?;
        app.click(&testid("nav-today")).await?;
        app.find(&signal_of("promise_slipping")).await.map_err(|e| format!("two reschedules should make the promise slip: {e}"))?;
        Ok(())
    })
    .await;

    // 8. Mon 9 March 10:00: the menu is online, marked kept from Today.
    story_at("example_8_kept", &db, "2026-03-09T10:00:00+01:00", |app| async move {
        let slipping = signal_of("promise_slipping");
        app.click(&format!("{slipping} [data-testid=act-keep]")).await?;
        app.wait_until("the slipping menu to leave Today", "return !document.querySelector(arguments[0])", vec![json!(slipping)]).await?;
        Ok(())
    })
    .await;

    // ... and at 12:00 nothing about the menu is left; the record and the score tell what happened.
    story_at("example_8_record", &db, "2026-03-09T12:00:00+01:00", |app| async move {
        let kinds = sol_signals(&app).await?;
        assert!(kinds.is_empty(), "the menu is online and the request done; Today still shows {kinds:?}");
        open_sol(&app).await?;
        app.find(&testid("record")).await?;
        assert_eq!(record_line(&app, "Made").await?, "1");
        assert_eq!(record_line(&app, "Kept on time").await?, "0");
        assert_eq!(record_line(&app, "Kept late").await?, "1");
        score_is(&app, "73").await?;
        let reasons = app.texts(&testid("contribution")).await?.join(" | ").to_lowercase();
        assert!(
            reasons.contains("missed the date you gave for “new menu online”"),
            "the score's explanation should name the late promise: {reasons}"
        );
        assert!(reasons.contains("ask again"), "the score's explanation should name the repeated request: {reasons}");
        Ok(())
    })
    .await;

    // 9. Tue 10 March: the client rates the work 3/5, because of expectations.
    story_at("example_9_feedback", &db, "2026-03-10T10:00:00+01:00", |app| async move {
        open_sol(&app).await?;
        app.press("n").await?;
        app.click(&testid("entry-kind-feedback")).await?;
        app.type_into(&testid("entry-summary"), "Menu update rating").await?;
        app.type_into(&testid("entry-score"), "3").await?;
        app.choose(&testid("entry-cause"), "Expectations").await?;
        app.click(&testid("entry-save")).await?;
        app.wait_for_text(&entry("feedback", "Menu update rating"), "3").await?;
        // The lukewarm rating with a cause leaves its trace: −3, and the cause named.
        app.wait_for_text(&testid("contribution"), "The client rated the work 3/5 (Tue 10 Mar): expectations not met").await?;
        score_is(&app, "71").await
    })
    .await;
}
