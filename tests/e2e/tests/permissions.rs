//! What a page may ask of the shell, tried through the real IPC
//! (`window.__TAURI_INTERNALS__.invoke`, what `@tauri-apps/api` calls), as a
//! compromised page would: the print window may call nothing, and no page may
//! name a folder for Trato to write to or a file to restore.

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use trato_e2e::{cli, sample_journal, story, story_with, testid, App, Result};

const SOL: &str = "Panadería Sol";

/// Invokes `command` with `args` from the page the driver is on; answers
/// `{ok: value}` or `{refused: reason}` (an IpcError's `{code, message}`, or Tauri's text).
async fn invoke(app: &App, command: &str, args: Value) -> Result<Value> {
    app.eval(
        "return window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])
           .then(ok => ({ ok: ok === undefined ? null : ok }), refused => ({ refused }))",
        vec![json!(command), args],
    )
    .await
}

/// The reason of a refusal, as text; an error when the command was carried out.
fn refusal(answer: &Value, what: &str) -> Result<String> {
    match answer.get("refused") {
        Some(Value::String(text)) => Ok(text.clone()),
        Some(other) => Ok(other.to_string()),
        None => Err(format!("{what} was carried out: {answer}").into()),
    }
}

#[tokio::test]
async fn the_print_window_can_call_no_command_while_the_main_window_still_can() {
    // Without the modal print dialog, which would hold every answer to the window until it closed it.
    story_with("print_window_refused", &[("TRATO_PRINT_WITHOUT_DIALOG", "1")], sample_journal, |app| async move {
        let main = app.client.window().await?;
        app.click(&testid("nav-clients")).await?;
        app.click(&format!("[data-testid=client-row][data-name={SOL:?}] button")).await?;
        app.click(&testid("client-summary")).await?;
        app.click(&testid("summary-print")).await?;

        let deadline = Instant::now() + Duration::from_secs(30);
        let print = loop {
            if let Some(other) = app.client.windows().await?.into_iter().find(|w| *w != main) {
                break other;
            }
            if Instant::now() >= deadline {
                return Err("the print window did not open".into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        app.client.switch_to_window(print).await?;
        app.wait_for_text("body", "Relationship summary").await?;
        let today = invoke(&app, "today", json!({})).await?;
        let why = refusal(&today, "`today` from the print window")?;
        assert!(why.contains("not allowed"), "the print window's call is refused by the ACL: {why}");
        let restore = invoke(&app, "restore_backup", json!({ "path": "/tmp/x.sqlite" })).await?;
        refusal(&restore, "`restore_backup` from the print window")?;

        app.client.switch_to_window(main).await?;
        let today = invoke(&app, "today", json!({})).await?;
        let matters = today["ok"]["matters"].as_array().map_or(0, Vec::len);
        assert!(matters > 0, "the main window still reads Today: {today}");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_page_can_not_point_the_backups_at_a_journal_it_planted_nor_restore_a_file_not_listed() {
    // The planted journal: another client list, backed up as a backup of a journal named like the user's.
    let planted = tempfile::tempdir().expect("a folder for the planted journal");
    let intruder = planted.path().join("trato.db");
    cli(&intruder, &["client", "add", "Intruso"]).expect("the planted journal");
    let backup = cli(&intruder, &["backup"]).expect("the planted backup").trim().to_string();
    let folder = planted.path().join("backups").display().to_string();
    story("planted_backup", sample_journal, |app| async move {
        app.find(&testid("today")).await?;
        for key in ["backups.folder", "calendar.ics_folder"] {
            let set = invoke(&app, "set_setting", json!({ "key": key, "value": folder })).await?;
            refusal(&set, &format!("setting {key} to a folder the page names"))?;
            assert_eq!(set["refused"]["code"], "folder_by_dialog", "a folder is chosen in the shell's dialog: {set}");
            assert_eq!(set["refused"]["field"], key, "the refusal names the setting: {set}");
        }
        let restore = invoke(&app, "restore_backup", json!({ "path": backup })).await?;
        refusal(&restore, "restoring a file that is not one of the journal's backups")?;
        assert_eq!(restore["refused"]["code"], "backup_missing", "{restore}");

        let settings = invoke(&app, "settings", json!({})).await?;
        assert_eq!(settings["ok"]["backups"]["folder"], Value::Null, "the backups still go beside the journal: {settings}");
        assert_eq!(settings["ok"]["calendar"]["ics_folder"], Value::Null, "no calendar file is written anywhere: {settings}");
        app.click(&testid("nav-clients")).await?;
        app.find(&format!("[data-testid=client-row][data-name={SOL:?}]")).await?;
        let intruso = "[data-testid=client-row][data-name=\"Intruso\"]";
        assert_eq!(app.count(intruso).await?, 0, "the journal was replaced by the planted one");
        Ok(())
    })
    .await;
    drop(planted);
}
