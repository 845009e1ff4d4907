//! The public example of PRODUCT.md, done by hand in the app: a new user adds
//! Panadería Sol and lives through the menu update from Monday 2 March to
//! Tuesday 10 March 2026, with the keyboard and the mouse, in English and in
//! Spanish (chosen on the first screen, as a user whose computer speaks
//! English would). The app is started again at each
//! moment of the example (its clock is `TRATO_NOW`), on the same journal, as a
//! user would open it on each of those days. The trust score is read at the
//! steps where it moves (docs/trust-score.md works them by hand). Every click
//! and key is counted, and the total must not grow: a clumsier flow fails here.
//! With `TRATO_SCREENSHOTS=docs/screenshots` the story refreshes the README's
//! pictures of Today, the client and the Clients list in both languages.

use std::path::Path;
use std::process::Command;

use serde_json::json;
use trato_e2e::{cli_at, screenshots, story_tallied, testid, App, Result, Tally};

const SOL: &str = "Panadería Sol";

/// What the user types and what the app must say, in one language.
struct Words {
    /// The language's code: the screenshots' prefix and the summary's `--lang`.
    lang: &'static str,
    request: &'static str,
    promise: &'static str,
    /// The promise's due date, typed as a person says it on Monday, and as the timeline says it.
    due: &'static str,
    due_on: &'static str,
    first_reason: &'static str,
    second_reason: &'static str,
    expectations: &'static str,
    welcome: &'static str,
    today: &'static str,
    answer_by: &'static str,
    new_client: &'static str,
    made: &'static str,
    kept_on_time: &'static str,
    kept_late: &'static str,
    missed: &'static str,
    moved_late: &'static str,
    asked_again: &'static str,
    rated: &'static str,
    /// At most this many clicks and keys for the whole example (measured: a few less).
    most: (u64, u64),
}

const EN: Words = Words {
    lang: "en",
    request: "Menu update",
    promise: "New menu online",
    due: "wednesday",
    due_on: "Due Wed 4 Mar",
    first_reason: "waiting for photos",
    second_reason: "photos arrived late",
    expectations: "Expectations",
    welcome: "Welcome to Trato",
    today: "Today",
    answer_by: "Answer by Tue 3 Mar 10:00",
    new_client: "New — not enough history yet",
    made: "Made",
    kept_on_time: "Kept on time",
    kept_late: "Kept late",
    missed: "You missed the date you gave for “New menu online” (Wed 4 Mar)",
    moved_late: "You moved the date of “New menu online” after it had passed (once)",
    asked_again: "The client had to ask again about “Menu update”",
    rated: "The client rated the work 3/5 (Tue 10 Mar): expectations not met",
    most: (38, 95),
};

const ES: Words = Words {
    lang: "es",
    request: "Actualizar el menú",
    promise: "Menú nuevo en la web",
    due: "miércoles",
    due_on: "Para el mié 4 mar",
    first_reason: "esperando las fotos",
    second_reason: "las fotos llegaron tarde",
    expectations: "Expectativas",
    welcome: "Bienvenido a Trato",
    today: "Hoy",
    answer_by: "Plazo de respuesta: mar 3 mar 10:00",
    new_client: "Nuevo: aún sin historial suficiente",
    made: "Hechas",
    kept_on_time: "Cumplidas a tiempo",
    kept_late: "Cumplidas tarde",
    missed: "No cumpliste la fecha que diste para «Menú nuevo en la web» (mié 4 mar)",
    moved_late: "Cambiaste la fecha de «Menú nuevo en la web» cuando ya había pasado (1 vez)",
    asked_again: "El cliente tuvo que volver a pedir «Actualizar el menú»",
    rated: "El cliente valoró el trabajo con 3/5 (mar 10 mar): no cumplió sus expectativas",
    most: (39, 115),
};

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

/// The screen as the README shows it, once the notice of what was just saved
/// has gone, and the day's backup the app makes at start is done (each start
/// has a fresh HOME here, where a user's backups of the days before would be):
/// only when screenshots are taken at all, the waits are not the story's.
async fn picture(app: &App, name: &str) -> Result {
    if screenshots().is_none() {
        return Ok(());
    }
    app.wait_until(
        "the notice and the warning of no backup to go",
        "return !document.querySelector('[data-testid=notice], [data-testid=backup-warning]')",
        vec![],
    )
    .await?;
    app.screenshot(name).await
}

/// The reschedule form under `css` opens on the next working day, `day`: the
/// user only says why.
async fn reschedule_to_next_working_day(app: &App, css: &str, day: &str, reason: &str) -> Result {
    let due = format!("{css} [data-testid=reschedule-due]");
    app.wait_until(
        &format!("the reschedule form to offer {day}"),
        "const el = document.querySelector(arguments[0]); return !!el && el.value === arguments[1]",
        vec![json!(due), json!(day)],
    )
    .await?;
    app.type_into(&format!("{css} [data-testid=reschedule-reason]"), reason).await
}

#[tokio::test]
async fn the_public_example_from_the_first_run_to_the_feedback_by_keyboard_and_mouse() {
    the_public_example(&EN).await
}

#[tokio::test]
async fn el_ejemplo_publico_desde_el_primer_arranque_hasta_la_opinion_con_teclado_y_raton() {
    the_public_example(&ES).await
}

async fn the_public_example(w: &'static Words) {
    let folder = tempfile::tempdir().expect("a folder for the journal");
    let db = folder.path().join("trato.db");
    let tally = Tally::default();
    let lang = w.lang;

    // 1. Mon 10:00: the first run; the client asks by e-mail (the channel a new
    //    entry starts on) for a menu update, answer by Tue 10:00 (the default
    //    target, nine business hours: the field is left empty).
    story_tallied(&format!("example_{lang}_1_request"), &db, "2026-03-02T10:00:00+01:00", &tally, |app| async move {
        if w.lang == "es" {
            app.click(&testid("start-language-es")).await?;
        }
        app.wait_for_text("h1", w.welcome).await?;
        if w.lang == "es" {
            picture(&app, "es-start").await?;
        }
        app.type_into(&testid("start-client-name"), SOL).await?;
        app.click(&testid("start-add")).await?;
        app.wait_for_text(&testid("client-name"), SOL).await?;
        app.wait_for_text(&testid("nav-today"), w.today).await?;
        app.press("n").await?;
        app.click(&testid("entry-kind-request")).await?;
        app.type_into(&testid("entry-summary"), w.request).await?;
        app.click(&testid("entry-save")).await?;
        let request = entry("request", w.request);
        app.find(&request).await.map_err(|e| format!("the request is not on the timeline: {e}"))?;
        app.wait_for_text(&format!("{request} [data-testid=entry-answer-by]"), w.answer_by).await?;
        // One request is not enough history to judge by: the bakery is new, not a perfect 100.
        score_is(&app, w.new_client).await?;
        app.find(&testid("not-enough-history")).await?;
        app.click(&testid("nav-clients")).await?;
        app.find(&format!("[data-testid=clients-new] [data-testid=client-row][data-name={SOL:?}]"))
            .await
            .map_err(|e| format!("the Clients list should show the bakery apart, as new: {e}"))?;
        Ok(())
    })
    .await;

    // 2. Mon 12:00: the promise, due Wednesday (typed as a weekday), answers the request.
    story_tallied(&format!("example_{lang}_2_promise"), &db, "2026-03-02T12:00:00+01:00", &tally, |app| async move {
        open_sol(&app).await?;
        app.press("n").await?;
        app.click(&testid("entry-kind-promise")).await?;
        app.type_into(&testid("entry-summary"), w.promise).await?;
        app.type_into(&testid("entry-due"), w.due).await?;
        app.choose(&testid("entry-for-request"), w.request).await?;
        app.click(&testid("entry-save")).await?;
        let promise = entry("promise", w.promise);
        app.find(&promise).await.map_err(|e| format!("the promise is not on the timeline: {e}"))?;
        // What was typed on Monday is Wednesday 4 March.
        app.wait_for_text(&format!("{promise} [data-testid=entry-due]"), w.due_on).await
    })
    .await;

    // 3. Tue 09:00: the promise is due soon; the request was answered by the promise.
    story_tallied(&format!("example_{lang}_3_due_soon"), &db, "2026-03-03T09:00:00+01:00", &tally, |app| async move {
        let kinds = sol_signals(&app).await?;
        assert!(kinds.contains(&"promise_due_soon".to_owned()), "on Tuesday the menu is due tomorrow; Today shows {kinds:?}");
        assert!(!kinds.contains(&"request_unanswered".to_owned()), "the promise replied to the request; Today shows {kinds:?}");
        Ok(())
    })
    .await;

    // 4. Thu 09:00: overdue since Thursday 00:00.
    story_tallied(&format!("example_{lang}_4_overdue"), &db, "2026-03-05T09:00:00+01:00", &tally, |app| async move {
        let kinds = sol_signals(&app).await?;
        assert_eq!(kinds.first().map(String::as_str), Some("promise_overdue"), "the menu was due Wednesday; Today shows {kinds:?}");
        picture(&app, &format!("{}-today", w.lang)).await
    })
    .await;

    // 5. Thu 11:00: the client writes again about the menu.
    story_tallied(&format!("example_{lang}_5_follow_up"), &db, "2026-03-05T11:00:00+01:00", &tally, |app| async move {
        open_sol(&app).await?;
        app.click(&format!("{} [data-testid=action-follow-up]", entry("request", w.request))).await?;
        app.click(&testid("nav-today")).await?;
        app.find(&signal_of("request_repeated")).await.map_err(|e| format!("Today does not say the client asked again: {e}"))?;
        // The missed date in full (−15), the follow-up (−5), the answer of Monday (+1).
        open_sol(&app).await?;
        score_is(&app, "81").await
    })
    .await;

    // 6. Thu 12:00: rescheduled from Today to Friday, "waiting for photos": no longer overdue.
    story_tallied(&format!("example_{lang}_6_reschedule"), &db, "2026-03-05T12:00:00+01:00", &tally, |app| async move {
        let overdue = signal_of("promise_overdue");
        app.click(&format!("{overdue} [data-testid=act-reschedule]")).await?;
        reschedule_to_next_working_day(&app, &overdue, "2026-03-06", w.first_reason).await?;
        app.click(&format!("{overdue} [data-testid=reschedule-save]")).await?;
        app.wait_until("the overdue menu to leave Today", "return !document.querySelector(arguments[0])", vec![json!(overdue)]).await?;
        // Moving a missed date never raises trust: the missed date stays and the move costs 5 (81 → 76).
        open_sol(&app).await?;
        score_is(&app, "76").await?;
        let reasons = app.texts(&testid("contribution")).await?.join(" | ");
        assert!(reasons.contains(w.missed), "{reasons}");
        assert!(reasons.contains(w.moved_late), "{reasons}");
        Ok(())
    })
    .await;

    // 7. Fri 16:00: rescheduled again from the client page, "photos arrived late": slipping.
    story_tallied(&format!("example_{lang}_7_slipping"), &db, "2026-03-06T16:00:00+01:00", &tally, |app| async move {
        open_sol(&app).await?;
        let promise = entry("promise", w.promise);
        app.click(&format!("{promise} [data-testid=action-reschedule]")).await?;
        reschedule_to_next_working_day(&app, &promise, "2026-03-09", w.second_reason).await?;
        app.click(&format!("{promise} [data-testid=action-confirm]")).await?;
        app.wait_for_text(&testid("timeline-entry"), w.second_reason).await?;
        app.click(&testid("nav-today")).await?;
        app.find(&signal_of("promise_slipping")).await.map_err(|e| format!("two reschedules should make the promise slip: {e}"))?;
        Ok(())
    })
    .await;

    // 8. Mon 9 March 10:00: the menu is online, marked kept from Today.
    story_tallied(&format!("example_{lang}_8_kept"), &db, "2026-03-09T10:00:00+01:00", &tally, |app| async move {
        let slipping = signal_of("promise_slipping");
        app.click(&format!("{slipping} [data-testid=act-keep]")).await?;
        app.wait_until("the slipping menu to leave Today", "return !document.querySelector(arguments[0])", vec![json!(slipping)]).await?;
        Ok(())
    })
    .await;

    // ... and at 12:00 nothing about the menu is left; the record and the score tell what happened.
    story_tallied(&format!("example_{lang}_8_record"), &db, "2026-03-09T12:00:00+01:00", &tally, |app| async move {
        let kinds = sol_signals(&app).await?;
        assert!(kinds.is_empty(), "the menu is online and the request done; Today still shows {kinds:?}");
        open_sol(&app).await?;
        app.find(&testid("record")).await?;
        assert_eq!(record_line(&app, w.made).await?, "1");
        assert_eq!(record_line(&app, w.kept_on_time).await?, "0");
        assert_eq!(record_line(&app, w.kept_late).await?, "1");
        score_is(&app, "73").await?;
        let reasons = app.texts(&testid("contribution")).await?.join(" | ");
        assert!(reasons.contains(w.missed), "the score's explanation should name the late promise: {reasons}");
        assert!(reasons.contains(w.asked_again), "the score's explanation should name the repeated request: {reasons}");
        Ok(())
    })
    .await;

    // 9. Tue 10 March: the client rates the work 3/5, because of expectations;
    //    no summary is needed (one is made from the rating and the cause).
    story_tallied(&format!("example_{lang}_9_feedback"), &db, "2026-03-10T10:00:00+01:00", &tally, |app| async move {
        open_sol(&app).await?;
        app.press("n").await?;
        app.click(&testid("entry-kind-feedback")).await?;
        app.type_into(&testid("entry-score"), "3").await?;
        app.choose(&testid("entry-cause"), w.expectations).await?;
        app.click(&testid("entry-save")).await?;
        app.wait_for_text("[data-testid=timeline-entry][data-kind=feedback]", "3/5").await?;
        // The lukewarm rating with a cause leaves its trace: −3, and the cause named.
        app.wait_for_text(&testid("contribution"), w.rated).await?;
        score_is(&app, "71").await?;
        picture(&app, &format!("{}-client", w.lang)).await?;
        app.click(&testid("nav-clients")).await?;
        app.find(&format!("[data-testid=client-row][data-name={SOL:?}]")).await?;
        picture(&app, &format!("{}-clients", w.lang)).await
    })
    .await;

    // The summary of the whole story, on paper, in the language the user chose.
    let pdf = folder.path().join(format!("summary-{lang}.pdf"));
    let out = pdf.to_str().expect("a temporary path is UTF-8");
    cli_at(&db, "2026-03-10T12:00:00+01:00", &["summary", SOL, "--format", "pdf", "--out", out, "--lang", lang])
        .unwrap_or_else(|e| panic!("the summary of the example in {lang}: {e}"));
    let head = std::fs::read(&pdf).map(|bytes| bytes.starts_with(b"%PDF-"));
    assert!(matches!(head, Ok(true)), "{} is not a PDF", pdf.display());

    let (clicks, keys) = (tally.clicks(), tally.keys());
    println!("the public example in {lang}, from an empty journal: {clicks} clicks, {keys} keys");
    let (most_clicks, most_keys) = w.most;
    assert!(
        clicks <= most_clicks && keys <= most_keys,
        "the example in {lang} took {clicks} clicks and {keys} keys, more than the {most_clicks} and {most_keys} it needs: what made it clumsier?"
    );
    summary_picture(&pdf, lang);
}

/// Page 1 of the summary as the README shows it (`summary-LANG.png`, A4 at 80 dpi),
/// when the story refreshes the screenshots.
fn summary_picture(pdf: &Path, lang: &str) {
    let Some(dir) = screenshots() else { return };
    let png = dir.join(format!("summary-{lang}"));
    let done = Command::new("pdftoppm").args(["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile"]).arg(pdf).arg(&png).status();
    assert!(matches!(done, Ok(s) if s.success()), "pdftoppm (poppler-utils) could not draw {}: {done:?}", pdf.display());
}
