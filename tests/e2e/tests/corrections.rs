//! Stories of mistakes fixed in the app, told through its real webview: a
//! typo corrected from the timeline, a "Kept" pressed by mistake on Today
//! and taken back from its notice, an entry moved to the trash and restored
//! from the Trash screen. Each starts the built app on the sample journal on
//! Thursday 5 March 2026 at 09:00 in Madrid.

use serde_json::{json, Value};
use trato_e2e::{cli, sample_journal, story, testid, App, Folder, Result};

const SOL: &str = "Panadería Sol";
const PROMISE: &str = "New menu online";

/// `[data-testid=timeline-entry]` with this summary.
fn entry(summary: &str) -> String {
    format!("[data-testid=timeline-entry][data-summary={summary:?}]")
}

/// From anywhere, through the Clients list, to the bakery's page.
async fn open_sol(app: &App) -> Result {
    app.click(&testid("nav-clients")).await?;
    app.click(&format!("[data-testid=client-row][data-name={SOL:?}] button")).await?;
    app.wait_for_text(&testid("client-name"), SOL).await?;
    app.find(&testid("timeline")).await?;
    Ok(())
}

/// Waits until no element matches `css`.
async fn wait_gone(app: &App, what: &str, css: &str) -> Result {
    app.wait_until(what, "return document.querySelectorAll(arguments[0]).length === 0", vec![json!(css)]).await
}

/// The sample, with a note whose summary has a typo in it.
fn sample_with_a_typo(folder: Folder<'_>) -> Result {
    sample_journal(Folder { db: folder.db })?;
    cli(folder.db, &["note", "add", SOL, "Owner is Marta; prefers emial for quotes"])?;
    Ok(())
}

#[tokio::test]
async fn a_typo_is_fixed_from_the_timeline_and_the_history_shows_both_versions() {
    const TYPO: &str = "Owner is Marta; prefers emial for quotes";
    const FIXED: &str = "Owner is Marta; prefers email for quotes";
    story("fix_a_typo", sample_with_a_typo, |app| async move {
        open_sol(&app).await?;
        app.click(&format!("{} [data-testid=entry-edit]", entry(TYPO))).await?;
        app.find(&testid("entry-edit-dialog")).await.map_err(|e| format!("Edit opens no dialog: {e}"))?;
        app.type_into(&testid("edit-summary"), FIXED).await?;
        app.click(&testid("edit-save")).await?;
        app.find(&entry(FIXED)).await.map_err(|e| format!("the timeline does not show the corrected summary: {e}"))?;
        assert_eq!(app.count(&entry(TYPO)).await?, 0, "the entry with the typo is still on the timeline");

        app.click(&format!("{} [data-testid=entry-history]", entry(FIXED))).await?;
        app.find("[data-testid=history-line][data-action=edited]").await.map_err(|e| format!("the history has no edit: {e}"))?;
        let lines = app.texts(&testid("history-difference")).await?;
        let wanted = format!("Summary: “{TYPO}” → “{FIXED}”");
        assert!(lines.contains(&wanted), "the history should show both versions as {wanted:?}; it shows {lines:?}");
        app.find("[data-testid=history-line][data-action=created]").await?;

        // The CLI reads the same journal: the entry's history keeps the version before.
        let timeline: Value = serde_json::from_str(&cli(&app.db, &["timeline", SOL, "--json"])?)?;
        let id = timeline
            .as_array()
            .and_then(|entries| entries.iter().find(|e| e["summary"] == FIXED))
            .and_then(|e| e["id"].as_str())
            .ok_or("the CLI's timeline has no entry with the corrected summary")?
            .to_owned();
        let history: Value = serde_json::from_str(&cli(&app.db, &["history", &id, "--json"])?)?;
        let versions: Vec<(&str, &str)> = history
            .as_array()
            .ok_or("`trato history --json` is not a list")?
            .iter()
            .map(|c| (c["action"].as_str().unwrap_or(""), c["snapshot"]["summary"].as_str().unwrap_or("")))
            .collect();
        assert_eq!(versions, vec![("created", TYPO), ("edited", FIXED)], "the history keeps both versions");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_kept_pressed_by_mistake_on_today_is_undone_and_the_promise_is_overdue_again() {
    story("undo_kept", sample_journal, |app| async move {
        let overdue = format!("[data-testid=signal][data-kind=\"promise_overdue\"][data-client={SOL:?}]");
        let before = app.signals().await?;
        assert!(
            before.iter().any(|(kind, client)| kind == "promise_overdue" && client == SOL),
            "the sample's Thursday starts with the bakery's menu overdue: {before:?}"
        );

        app.click(&format!("{overdue} [data-testid=act-keep]")).await?;
        wait_gone(&app, "the overdue promise to leave Today once kept", &overdue).await?;
        app.wait_for_text(&testid("notice"), "Marked kept.").await?;

        app.click(&testid("notice-undo")).await?;
        app.find(&overdue).await.map_err(|e| format!("after Undo the promise is not overdue on Today again: {e}"))?;
        app.wait_for_text(&testid("notice"), "Undone.").await?;
        let after = app.signals_now().await?;
        assert_eq!(after, before, "after Undo, Today must be exactly as before the mistaken Kept");

        // The promise and the request it answers are open again, and the history says the Kept was taken back.
        open_sol(&app).await?;
        app.wait_for_text(&format!("{} [data-testid=entry-status]", entry(PROMISE)), "Open").await?;
        app.wait_for_text(&format!("{} [data-testid=entry-status]", entry("Update the menu on the website")), "Open").await?;
        app.click(&format!("{} [data-testid=entry-history]", entry(PROMISE))).await?;
        app.find("[data-testid=history-line][data-action=undone]").await.map_err(|e| format!("the undo is not in the history: {e}"))?;
        let lines = app.texts(&testid("history-difference")).await?;
        assert!(
            lines.iter().any(|l| l.starts_with("The “Kept” of Thu, 5 Mar, 09:00 was taken back")),
            "the history should say which Kept was taken back; it shows {lines:?}"
        );

        let timeline: Value = serde_json::from_str(&cli(&app.db, &["timeline", SOL, "--json"])?)?;
        let statuses: Vec<(String, String)> = timeline
            .as_array()
            .ok_or("`trato timeline --json` is not a list")?
            .iter()
            .filter(|e| e["summary"] == PROMISE || e["summary"] == "Update the menu on the website")
            .map(|e| (e["summary"].as_str().unwrap_or("").to_owned(), e["status"].as_str().unwrap_or("").to_owned()))
            .collect();
        assert_eq!(
            statuses,
            vec![(PROMISE.to_owned(), "open".to_owned()), ("Update the menu on the website".to_owned(), "open".to_owned())],
            "the CLI sees the promise and its request open again"
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn an_entry_moved_to_the_trash_comes_back_from_the_trash_screen() {
    const FIRST_MEETING: &str = "First meeting: a new website for the bakery";
    story("trash_restore", sample_journal, |app| async move {
        open_sol(&app).await?;
        app.click(&format!("{} [data-testid=entry-trash]", entry(FIRST_MEETING))).await?;
        wait_gone(&app, "the entry to leave the timeline", &entry(FIRST_MEETING)).await?;
        app.wait_for_text(&testid("notice"), "moved to the trash").await?;

        app.click(&testid("nav-trash")).await?;
        let item = format!("[data-testid=trash-item][data-summary={FIRST_MEETING:?}]");
        app.find(&item).await.map_err(|e| format!("the Trash screen does not list the entry: {e}"))?;
        app.wait_for_text(&item, SOL).await?;
        app.wait_for_text(&item, "Moved to the trash Thu, 5 Mar, 09:00").await?;
        app.click(&format!("{item} [data-testid=trash-restore]")).await?;
        wait_gone(&app, "the restored entry to leave the trash", &item).await?;
        app.find(&testid("trash-empty")).await?;

        open_sol(&app).await?;
        app.find(&entry(FIRST_MEETING)).await.map_err(|e| format!("the restored entry is not back on the timeline: {e}"))?;
        let history: Value = serde_json::from_str(&cli(&app.db, &["trash", "--json"])?)?;
        assert_eq!(history, json!([]), "the CLI sees an empty trash");
        Ok(())
    })
    .await;
}
