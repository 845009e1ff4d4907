//! The forms as a person meets them in the real webview: the new-entry dialog
//! by keyboard, a reschedule that starts on the next working day whatever the
//! system's locale, feedback saved without a summary, the client page in a
//! small window, and the print window that goes with its dialog.

use fantoccini::key::Key;
use serde_json::json;
use trato_e2e::{cli, cli_at, sample_journal, story, story_with, testid, App, Folder, Result};

const SOL: &str = "Panadería Sol";

async fn open_sol(app: &App) -> Result {
    app.click(&testid("nav-clients")).await?;
    app.click(&format!("[data-testid=client-row][data-name={SOL:?}] button")).await?;
    app.wait_for_text(&testid("client-name"), SOL).await
}

/// Presses `keys` in the element that has the focus, as a person types.
async fn keys(app: &App, keys: &str) -> Result {
    app.client.active_element().await?.send_keys(keys).await?;
    Ok(())
}

/// Where the focus is: whether inside the new-entry dialog, and the element's test id (or tag).
async fn focus(app: &App) -> Result<(bool, String)> {
    let v = app
        .eval(
            "const a = document.activeElement;
             return [!!(a && a.closest('[data-testid=quick-entry]')), (a && (a.dataset.testid || a.tagName)) || ''];",
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(v)?)
}

#[tokio::test]
async fn the_new_entry_dialog_starts_on_the_kind_and_tab_goes_round_inside_it() {
    story("entry_keyboard", sample_journal, |app| async move {
        app.find(&testid("today")).await?;
        app.press("n").await?;
        app.find(&testid("quick-entry")).await?;
        app.wait_until(
            "the kind of entry to have the focus",
            "return document.activeElement && document.activeElement.dataset.testid === 'entry-kind-interaction'",
            vec![],
        )
        .await?;
        // The arrow keys choose the kind; Tab leaves the choice.
        keys(&app, &Key::Right.to_string()).await?;
        assert_eq!(focus(&app).await?.1, "entry-kind-request", "the arrow moves the choice");

        let mut path = Vec::new();
        for _ in 0..25 {
            keys(&app, &Key::Tab.to_string()).await?;
            let (inside, at) = focus(&app).await?;
            assert!(inside, "Tab left the dialog for {at} after {path:?}");
            path.push(at);
        }
        let save = path.iter().position(|p| p == "entry-save").ok_or_else(|| format!("Tab never reached Save: {path:?}"))?;
        assert_eq!(path.get(save + 1).map(String::as_str), Some("entry-kind-request"), "after Save comes the kind again: {path:?}");
        keys(&app, &format!("{}{}", Key::Shift, Key::Tab)).await?;
        let (inside, at) = focus(&app).await?;
        assert!(inside, "Shift+Tab left the dialog for {at}");
        Ok(())
    })
    .await;
}

/// The sample journal in Spanish, with Friday 6 March a holiday: on Thursday
/// the next working day is Monday 9.
fn spanish_with_a_friday_holiday(folder: Folder<'_>) -> Result {
    sample_journal(Folder { db: folder.db })?;
    cli(folder.db, &["settings", "set", "language", "es"])?;
    cli(folder.db, &["holiday", "add", "2026-03-06", "Fiesta local"])?;
    Ok(())
}

#[tokio::test]
async fn a_reschedule_starts_on_the_next_working_day_in_a_spanish_ui_under_the_c_locale() {
    story_with("reschedule_next_working_day", &[("LANG", "C")], spanish_with_a_friday_holiday, |app| async move {
        let overdue = format!("[data-testid=signal][data-kind=\"promise_overdue\"][data-client={SOL:?}]");
        app.click(&format!("{overdue} [data-testid=act-reschedule]")).await?;
        let due = format!("{overdue} [data-testid=reschedule-due]");
        app.wait_until(
            "the new date to start on Monday 9 March, the working day after Thursday and Friday's holiday",
            "const el = document.querySelector(arguments[0]); return !!el && el.value === '2026-03-09'",
            vec![json!(due)],
        )
        .await?;
        let kind = app.eval("return document.querySelector(arguments[0]).type", vec![json!(due)]).await?;
        assert_eq!(kind, json!("text"), "never the system's date widget, which would write the C locale's US dates");
        app.wait_for_text(&format!("{overdue} [data-testid=reschedule-due-reading]"), "Vence al terminar el lun, 9 mar 2026.").await?;
        app.type_into(&format!("{overdue} [data-testid=reschedule-reason]"), "esperando las fotos").await?;
        // Whose the move is, in the UI's words: the client's wish is not held against the record.
        app.choose(&format!("{overdue} [data-testid=reschedule-cause]"), "Lo pidió el cliente").await?;
        app.screenshot("reschedule-cause-es").await?;
        app.click(&format!("{overdue} [data-testid=reschedule-save]")).await?;
        app.wait_until(
            "the overdue promise to leave Today once moved to Monday",
            "return document.querySelectorAll(arguments[0]).length === 0",
            vec![json!(overdue)],
        )
        .await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn feedback_is_saved_without_a_summary_and_headed_by_its_score_stage_and_cause() {
    story("feedback_no_summary", sample_journal, |app| async move {
        open_sol(&app).await?;
        app.click(&testid("client-new-entry")).await?;
        app.click(&testid("entry-kind-feedback")).await?;
        app.type_into(&testid("entry-score"), "3").await?;
        app.choose(&testid("entry-cause"), "Expectations").await?;
        app.wait_for_text(&testid("entry-cause-hint"), "They expected more than the service is").await?;
        app.type_into(&testid("entry-comment"), "Thought the photos would be bigger").await?;
        app.click(&testid("entry-save")).await?;
        let saved = "[data-testid=timeline-entry][data-kind=\"feedback\"][data-summary=\"Feedback 3/5 · during the service · cause: expectations\"]";
        app.find(saved).await.map_err(|e| format!("the feedback is not on the timeline with its headline: {e}"))?;
        app.wait_for_text(saved, "Thought the photos would be bigger").await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn in_an_800_by_600_window_the_client_page_shows_trust_and_what_needs_attention_before_the_timeline() {
    story("client_800x600", sample_journal, |app| async move {
        app.client.set_window_size(800, 600).await?;
        open_sol(&app).await?;
        app.find(&testid("client-score")).await?;
        let tops = app
            .eval(
                "const top = (words) => {
                   const h = [...document.querySelectorAll('h2')].find(h => h.textContent.trim() === words);
                   return h ? h.getBoundingClientRect().top : null;
                 };
                 return [window.innerWidth, window.innerHeight, top('Trust'), top('Needs attention'), top('Timeline')];",
                vec![],
            )
            .await?;
        let [width, height, trust, attention, timeline]: [f64; 5] =
            serde_json::from_value(tops.clone()).map_err(|e| format!("{e}: {tops}"))?;
        assert!(width <= 800.0 && height <= 600.0, "the window is 800×600 at most: {width}×{height}");
        assert!(
            trust < height && attention < height,
            "trust ({trust}) and what needs attention ({attention}) show without scrolling in {height}px"
        );
        assert!(trust < timeline && attention < timeline, "…and come before the timeline ({timeline})");
        Ok(())
    })
    .await;
}

const NORTE: &str = "Estudio Norte";
const DUE: &str = "[data-testid=quick-entry] [data-testid=entry-due]";

/// Estudio Norte's record: seven 'entrega' promises made on the Mondays of
/// January and February 2026, each due that Wednesday and kept 0, 1, 1, 1, 2,
/// 3 and 3 working days late.
fn late_record(folder: Folder<'_>) -> Result {
    let db = folder.db;
    cli_at(db, "2026-01-05T09:00:00+01:00", &["client", "add", NORTE])?;
    // (made on Monday, due that Wednesday, kept on): 0, 1, 1, 1, 2, 3 and 3 working days late.
    let record = [
        ("2026-01-05", "2026-01-07", "2026-01-07"),
        ("2026-01-12", "2026-01-14", "2026-01-15"),
        ("2026-01-19", "2026-01-21", "2026-01-22"),
        ("2026-01-26", "2026-01-28", "2026-01-29"),
        ("2026-02-02", "2026-02-04", "2026-02-06"),
        ("2026-02-09", "2026-02-11", "2026-02-16"),
        ("2026-02-16", "2026-02-18", "2026-02-23"),
    ];
    for (made, due, kept) in record {
        let id = cli_at(
            db,
            &format!("{made}T10:00:00+01:00"),
            &["promise", "add", NORTE, "Entrega de planos", "--due", due, "--kind", "entrega"],
        )?;
        cli_at(db, &format!("{kept}T12:00:00+01:00"), &["promise", "keep", id.trim()])?;
    }
    Ok(())
}

fn spanish_late_record(folder: Folder<'_>) -> Result {
    late_record(Folder { db: folder.db })?;
    cli(folder.db, &["settings", "set", "language", "es"])?;
    Ok(())
}

/// Opens the new-entry dialog on Estudio Norte for a promise of kind
/// 'entrega' due Wednesday 11 March, and waits for the line under its date.
async fn late_promise(app: &App) -> Result {
    app.click(&testid("nav-clients")).await?;
    app.click(&format!("[data-testid=client-row][data-name={NORTE:?}] button")).await?;
    app.wait_for_text(&testid("client-name"), NORTE).await?;
    app.click(&testid("client-new-entry")).await.map_err(|e| format!("new entry: {e}"))?;
    app.click(&testid("entry-kind-promise")).await.map_err(|e| format!("kind: {e}"))?;
    app.type_into(&testid("entry-summary"), "Planos de la reforma").await.map_err(|e| format!("summary: {e}"))?;
    // The dialog's own: the timeline behind it shows each promise's due date under the same test id.
    app.type_into(DUE, "2026-03-11").await.map_err(|e| format!("due: {e}"))?;
    // Set, not typed: typing opens WebKitGTK's popup of the field's suggestions, a window of its own
    // that takes the keys WebDriver sends next.
    app.set_value(&testid("entry-promise-kind"), "entrega").await.map_err(|e| format!("promise kind: {e}"))?;
    app.find(&testid("entry-take-suggestion")).await.map_err(|e| format!("suggestion: {e}"))?;
    Ok(())
}

#[tokio::test]
async fn a_promise_written_against_a_late_record_is_told_so_and_one_key_takes_the_suggested_date() {
    story("promise_reality_check", late_record, |app| async move {
        late_promise(&app).await?;
        app.wait_for_text(
            &testid("entry-reality-check"),
            "You keep 'entrega' promises to Estudio Norte 1 working day late in the middle case, 4 of 5 within 3 days: suggest Mon 16 Mar",
        )
        .await?;
        app.wait_for_text(&testid("entry-take-suggestion"), "Use Mon, 16 Mar 2026 (Alt+U)").await?;
        app.screenshot("promise-reality-check-en").await?;
        keys(&app, &format!("{}u{}", Key::Alt, Key::Null)).await?;
        let due = app.eval("return document.querySelector(arguments[0]).value", vec![json!(DUE)]).await?;
        assert_eq!(due, json!("2026-03-16"), "Alt+U took the suggested date");
        app.click(&testid("entry-save")).await?;
        let saved = "[data-testid=timeline-entry][data-kind=\"promise\"][data-summary=\"Planos de la reforma\"]";
        app.find(saved).await?;
        app.wait_for_text(saved, "16 Mar").await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_reality_check_speaks_spanish_to_a_spanish_user() {
    story("promise_reality_check_es", spanish_late_record, |app| async move {
        late_promise(&app).await?;
        app.wait_for_text(
            &testid("entry-reality-check"),
            "Cumples las promesas de tipo «entrega» a Estudio Norte con 1 día laborable de retraso en el caso típico, 4 de cada 5 en 3 días: propón el",
        )
        .await?;
        app.wait_for_text(&testid("entry-take-suggestion"), "Usar lun, 16 mar 2026 (Alt+U)").await?;
        app.screenshot("promise-reality-check-es").await?;
        Ok(())
    })
    .await;
}
