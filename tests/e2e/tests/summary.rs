//! The printable summary, from the client page: what a user sees before
//! printing or saving it.

use trato_e2e::{sample_journal, story, testid};

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
