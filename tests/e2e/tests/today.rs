//! Today and the client page say it plainly: PRODUCT.md's public example on
//! Monday 9 March 2026 at 09:00, an hour before the menu went online. The menu
//! promise, moved twice to that day, is both slipping and due soon; the client
//! asked again on Thursday about the request it answers.

use serde_json::json;
use trato_e2e::{cli_at, story_at, testid, App, Result};

const SOL: &str = "Panadería Sol";
const MONDAY: &str = "2026-03-09T09:00:00+01:00";

/// The example up to Friday's second reschedule, written with the CLI at the moment each step happened.
fn the_menu_story(db: &std::path::Path) -> Result {
    cli_at(db, "2026-03-01T09:00:00+01:00", &["client", "add", SOL])?;
    let menu = cli_at(db, "2026-03-02T10:00:00+01:00", &["request", "add", SOL, "Update the menu", "--channel", "email"])?;
    let menu = menu.trim();
    let promise =
        cli_at(db, "2026-03-02T12:00:00+01:00", &["promise", "add", SOL, "New menu online", "--due", "2026-03-04", "--for-request", menu])?;
    let promise = promise.trim();
    cli_at(db, "2026-03-05T11:00:00+01:00", &["request", "follow-up", menu])?;
    cli_at(db, "2026-03-05T12:00:00+01:00", &["promise", "reschedule", promise, "--due", "2026-03-06", "--reason", "waiting for photos"])?;
    cli_at(db, "2026-03-06T16:00:00+01:00", &["promise", "reschedule", promise, "--due", "2026-03-09", "--reason", "photos arrived late"])?;
    Ok(())
}

fn card(kind: &str) -> String {
    format!("[data-testid=signal][data-kind={kind:?}][data-client={SOL:?}]")
}

async fn text_of(app: &App, css: &str) -> Result<String> {
    app.find(css).await?;
    Ok(app.texts(css).await?.join(" | "))
}

#[tokio::test]
async fn on_the_examples_monday_the_menu_is_one_card_and_its_page_heads_it_with_the_date_in_force() {
    let folder = tempfile::tempdir().expect("a folder for the journal");
    let db = folder.path().join("trato.db");
    the_menu_story(&db).expect("the public example, written with the CLI");

    story_at("plain_monday", &db, MONDAY, |app| async move {
        let cards = app.signals().await?;
        let kinds: Vec<(&str, &str)> = cards.iter().map(|(k, c)| (k.as_str(), c.as_str())).collect();
        assert_eq!(
            kinds,
            [("promise_slipping", SOL), ("request_repeated", SOL)],
            "the menu promise once (slipping, its due-soon named beneath), the repeated request once"
        );
        let menu = card("promise_slipping");
        assert_eq!(
            text_of(&app, &format!("{menu} [data-testid=signal-also]")).await?.split_whitespace().collect::<Vec<_>>().join(" "),
            "Also: Low Promise due soon"
        );
        assert_eq!(text_of(&app, &format!("{menu} [data-testid=signal-since]")).await?, "Slipping since Fri 16:00");
        assert_eq!(text_of(&app, &format!("{menu} [data-testid=signal-facts]")).await?, "Due today · moved twice, first due Wed 4 Mar");
        assert_eq!(app.count("[data-testid=act-keep]").await?, 1, "one Mark kept for the one promise");
        assert_eq!(app.count("[data-testid=act-replied]").await?, 1, "one Mark answered for the one request");

        app.click(&format!("{menu} [data-testid=signal-client]")).await?;
        let promise = "[data-testid=timeline-entry][data-kind=promise][data-summary=\"New menu online\"]";
        assert_eq!(text_of(&app, &format!("{promise} [data-testid=entry-due]")).await?.split(" · ").next(), Some("Due Mon 9 Mar"));
        assert_eq!(text_of(&app, &format!("{promise} [data-testid=entry-moved]")).await?, "moved twice, first due Wed 4 Mar");

        // The trend: the week of 23 Feb ended with the client just added and nothing to judge by (no point);
        // the weeks of 2 March and this one, each a point that names its week.
        app.find(&testid("trend-chart")).await?;
        let labels = app
            .eval("return [...document.querySelectorAll('[data-testid=trend-point]')].map(p => p.getAttribute('aria-label'))", vec![])
            .await?;
        let labels: Vec<String> = serde_json::from_value(labels)?;
        assert_eq!(labels.len(), 2, "two weeks with a score: {labels:?}");
        assert!(labels[0].starts_with("Week of 2 Mar: "), "{labels:?}");
        assert!(labels[1].starts_with("Week of 9 Mar: "), "{labels:?}");
        app.eval("document.querySelector('[data-testid=trend-point][tabindex=\"0\"]').focus()", vec![]).await?;
        app.wait_until(
            "the focused week's label to show",
            "const tip = document.querySelector('[data-testid=trend-tip]'); return !!tip && tip.textContent.includes(arguments[0])",
            vec![json!("Week of 9 Mar")],
        )
        .await?;
        Ok(())
    })
    .await;
}
