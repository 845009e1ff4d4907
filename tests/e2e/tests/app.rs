//! Stories of the desktop app, told through its real webview: what a user
//! clicks and what the window then shows. Each story starts the built app on a
//! journal of its own, on Thursday 5 March 2026 at 09:00 in Madrid.

use serde_json::json;
use trato_e2e::{cli, sample_journal, story, story_on, testid, App, Folder, Result};

const SOL: &str = "Panadería Sol";

/// `[data-testid=signal]` for one kind of signal about one client.
fn signal_of(kind: &str, client: &str) -> String {
    format!("[data-testid=signal][data-kind={kind:?}][data-client={client:?}]")
}

fn fresh(_: Folder<'_>) -> Result {
    Ok(())
}

/// From the empty first run, the user asks for the sample and lands on Today.
async fn load_the_sample(app: &App) -> Result {
    app.find(&testid("start")).await.map_err(|e| format!("the empty state is not shown: {e}"))?;
    app.click(&testid("start-sample")).await?;
    app.find(&testid("today")).await.map_err(|e| format!("loading the sample did not lead to Today: {e}"))?;
    Ok(())
}

#[tokio::test]
async fn first_run_shows_the_empty_state_and_the_sample_opens_on_panaderia_sols_overdue_promise() {
    story("first_run", fresh, |app| async move {
        load_the_sample(&app).await?;
        let signals = app.signals().await?;
        assert_eq!(
            signals.first().map(|(kind, client)| (kind.as_str(), client.as_str())),
            Some(("promise_overdue", SOL)),
            "the most urgent matter on the sample's Thursday is the bakery's menu, due Wednesday; Today shows {signals:?}"
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn rescheduling_the_overdue_promise_with_a_reason_clears_the_signal_and_the_timeline_keeps_the_reason() {
    story("reschedule", fresh, |app| async move {
        load_the_sample(&app).await?;
        let overdue = signal_of("promise_overdue", SOL);
        app.click(&format!("{overdue} [data-testid=act-reschedule]")).await?;
        // WebKitWebDriver does not type into date inputs reliably: set the value as the widget would.
        app.set_value(&format!("{overdue} [data-testid=reschedule-due]"), "2026-03-06").await?;
        app.type_into(&format!("{overdue} [data-testid=reschedule-reason]"), "waiting for photos").await?;
        app.click(&format!("{overdue} [data-testid=reschedule-save]")).await?;
        app.wait_until(
            "the overdue promise of Panadería Sol to leave Today once it is due tomorrow",
            "return document.querySelectorAll(arguments[0]).length === 0",
            vec![json!(overdue)],
        )
        .await?;

        let any_of_sol = format!("[data-testid=signal][data-client={SOL:?}]");
        if app.count(&any_of_sol).await? > 0 {
            app.click(&format!("{any_of_sol} [data-testid=signal-client]")).await?;
        } else {
            app.click(&testid("nav-clients")).await?;
            app.click(&format!("[data-testid=client-row][data-name={SOL:?}] button")).await?;
        }
        app.wait_for_text(&testid("timeline-entry"), "waiting for photos").await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_client_named_like_html_is_shown_as_text_and_never_run() {
    const NAME: &str = "<img src=x onerror=alert(1)>";
    story("html_name", sample_journal, |app| async move {
        app.click(&testid("nav-clients")).await?;
        app.find(&testid("client-row")).await?;
        app.eval("window.__alerted = undefined; window.alert = (m) => { window.__alerted = String(m) }", vec![]).await?;
        app.click(&testid("add-client")).await?;
        app.type_into(&testid("client-form-name"), NAME).await?;
        app.click(&testid("client-form-save")).await?;
        app.wait_until(
            "the new client's row, its name shown as typed",
            "return [...document.querySelectorAll('[data-testid=client-row]')].some(r => r.textContent.includes(arguments[0]))",
            vec![json!(NAME)],
        )
        .await?;
        assert_eq!(app.count("img").await?, 0, "a name is text: no <img> element may come out of it");
        assert_eq!(app.eval("return window.__alerted === undefined", vec![]).await?, json!(true), "the name's onerror handler ran");
        assert!(app.client.get_alert_text().await.is_err(), "no native alert may be open");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn choosing_spanish_in_settings_speaks_spanish_in_the_navigation() {
    story("spanish", sample_journal, |app| async move {
        app.wait_for_text(&testid("nav-today"), "Today").await?;
        app.click(&testid("nav-settings")).await?;
        app.set_value(&testid("setting-language"), "es").await?;
        app.wait_until(
            "the navigation to read \"Hoy\"",
            "const nav = document.querySelector('[data-testid=nav-today]'); return !!nav && nav.textContent.trim() === 'Hoy'",
            vec![],
        )
        .await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_journal_written_by_the_cli_opens_in_the_app_with_the_same_signals() {
    story("cli_journal", sample_journal, |app| async move {
        let shown = app.signals().await?;
        assert_eq!(
            shown.first().map(|(kind, client)| (kind.as_str(), client.as_str())),
            Some(("promise_overdue", SOL)),
            "the CLI's sample, opened by the app, leads with the bakery's overdue menu; Today shows {shown:?}"
        );
        // The app holds the journal open; the CLI can still read it (WAL).
        let today: serde_json::Value = serde_json::from_str(&cli(&app.db, &["today", "--json"])?)?;
        // Each card is a matter, shown as its most severe signal.
        let listed: Vec<(String, String)> = today["matters"]
            .as_array()
            .ok_or("`trato today --json` has no matters list")?
            .iter()
            .map(|m| (m["signals"][0]["kind"].as_str().unwrap_or("").to_owned(), m["client"].as_str().unwrap_or("").to_owned()))
            .collect();
        assert_eq!(shown, listed, "the app's Today and the CLI's `today` disagree on the same file at the same moment");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_corrupt_journal_file_is_reported_with_its_path_and_left_untouched() {
    let folder = tempfile::tempdir().expect("a folder for the corrupt file");
    let db = folder.path().join("trato.db");
    let garbage: Vec<u8> = b"not a database\n".iter().copied().cycle().take(4096).collect();
    std::fs::write(&db, &garbage).expect("the corrupt file");

    story_on("corrupt_file", &db, |app| async move {
        app.find(&testid("problem")).await.map_err(|e| format!("no problem is reported for a corrupt file: {e}"))?;
        let paths = app.texts(&testid("problem-path")).await?;
        assert_eq!(paths, vec![app.db.display().to_string()], "the problem names the file it could not open");
        Ok(())
    })
    .await;

    // The app has stopped: whatever it did to the file is done.
    let after = std::fs::read(&db).expect("the corrupt file is still there");
    assert!(after == garbage, "the app changed a file it could not read ({} bytes now, 4096 before)", after.len());
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut side = db.clone().into_os_string();
        side.push(suffix);
        assert!(!std::path::Path::new(&side).exists(), "opening a corrupt file created {}", side.to_string_lossy());
    }
}

#[tokio::test]
async fn a_backup_made_in_settings_gives_the_journal_back_as_it_was_once_the_restore_is_confirmed() {
    const LATER: &str = "Café Nuevo";
    let row = |name: &str| format!("[data-testid=client-row][data-name={name:?}]");
    story("backup_restore", sample_journal, |app| async move {
        app.click(&testid("nav-settings")).await?;
        app.click(&testid("backup-now")).await?;
        let manual = "[data-testid=backup][data-reason=manual]";
        app.find(manual).await.map_err(|e| format!("the backup just made is not listed: {e}"))?;

        // Written after the backup (by the CLI, beside the open app).
        cli(&app.db, &["client", "add", LATER])?;
        app.click(&testid("nav-clients")).await?;
        app.find(&row(LATER)).await.map_err(|e| format!("the client added after the backup is not listed: {e}"))?;

        app.click(&testid("nav-settings")).await?;
        app.click(&format!("{manual} [data-testid=backup-restore]")).await?;
        app.wait_for_text(&testid("backup-confirm"), "Replace your journal with the backup of").await?;
        app.click(&testid("backup-confirm-yes")).await?;
        app.find("[data-testid=backup][data-reason=restore]").await.map_err(|e| {
            format!("the journal as it was before the restore is not kept as a backup, so the restore can't be undone: {e}")
        })?;

        app.click(&testid("nav-clients")).await?;
        app.find(&row(SOL)).await.map_err(|e| format!("the restored journal lost the sample's clients: {e}"))?;
        assert_eq!(app.count(&row(LATER)).await?, 0, "the restored journal still shows a client added after its backup was made");
        Ok(())
    })
    .await;
}
