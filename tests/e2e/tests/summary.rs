//! The printable summary, from the client page: what a user sees before
//! printing or saving it, and the print window, which goes with its dialog.

use std::process::Command;
use std::time::{Duration, Instant};

use trato_e2e::{sample_journal, story, testid, Result};

const SOL: &str = "Panadería Sol";

#[tokio::test]
async fn the_client_page_opens_the_summary_which_shows_the_clients_story_as_it_prints() {
    story("summary", sample_journal, |app| async move {
        app.click(&testid("nav-clients")).await?;
        app.click(&format!("[data-testid=client-row][data-name={SOL:?}] button")).await?;
        app.click(&testid("client-summary")).await?;
        let frame = app.find(&testid("summary-frame")).await?;
        frame.enter_frame().await?;
        let text = app.client.find(fantoccini::Locator::Css("body")).await?.text().await?;
        app.client.enter_parent_frame().await?;
        assert!(text.contains("Relationship summary") && text.contains(SOL), "the frame should show the bakery's summary: {text}");
        assert!(text.contains("New menu online"), "the summary tells the menu's story: {text}");
        Ok(())
    })
    .await;
}

/// The visible X windows whose title is exactly `title` (`xdotool`, Debian's package of that name).
fn windows_titled(title: &str) -> Result<Vec<String>> {
    let out = Command::new("xdotool")
        .args(["search", "--onlyvisible", "--name", &format!("^{title}$")])
        .output()
        .map_err(|e| format!("xdotool could not run ({e}): install Debian's xdotool"))?;
    Ok(String::from_utf8_lossy(&out.stdout).lines().map(str::to_owned).collect())
}

/// Waits until the windows titled `title` are `present` (some) or not (none).
async fn until_windows(title: &str, present: bool) -> Result<Vec<String>> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let found = windows_titled(title)?;
        if found.is_empty() != present {
            return Ok(found);
        }
        if Instant::now() >= deadline {
            return Err(format!("after 30 s the window {title:?} is {}", if present { "still missing" } else { "still open" }).into());
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn cancelling_the_print_dialog_closes_the_print_window_with_it() {
    story("print_closes", sample_journal, |app| async move {
        app.click(&testid("nav-clients")).await?;
        app.click(&format!("[data-testid=client-row][data-name={SOL:?}] button")).await?;
        app.click(&testid("client-summary")).await?;
        app.find(&testid("summary-frame")).await?;
        app.click(&testid("summary-print")).await?;
        until_windows("Trato · Summary", true).await?;
        let dialog = until_windows("Print", true).await?.remove(0);
        let pressed = Command::new("xdotool").args(["windowfocus", "--sync", &dialog, "key", "--clearmodifiers", "Escape"]).status()?;
        assert!(pressed.success(), "xdotool could not press Esc in the print dialog");
        until_windows("Trato · Summary", false).await.map_err(|e| format!("the print window outlived its dialog: {e}"))?;
        // The window manager may take a moment to list the main window again once the dialog's focus is gone.
        until_windows("Trato", true).await.map_err(|e| format!("the main window did not stay: {e}"))?;
        Ok(())
    })
    .await;
}
