//! Guided recovery in the real webview: from an incident on the timeline to a
//! draft in the client's Spanish and tú, the check catching the blame put on
//! "el sistema" as the person edits it, the message copied, and the
//! incident's first steps ticked.

use serde_json::json;
use trato_e2e::{cli, cli_at, story, testid, App, Folder, Result};

const SOL: &str = "Panadería Sol";
const INCIDENT: &str = "la carta de Navidad con precios antiguos";

/// Panadería Sol, written to in Spanish and tú, with an incident noticed the
/// afternoon before (the app's now is Thursday 5 March, 09:00), in a journal
/// whose own language is `lang`.
fn incident(folder: Folder<'_>, lang: &str) -> Result {
    let db = folder.db;
    cli(db, &["settings", "set", "language", lang])?;
    cli_at(
        db,
        "2026-03-02T09:00:00+01:00",
        &["client", "add", SOL, "--email", "hola@panaderiasol.es", "--language", "es", "--register", "familiar"],
    )?;
    cli_at(db, "2026-03-04T15:00:00+01:00", &["incident", "add", SOL, INCIDENT, "--severity", "major"])?;
    Ok(())
}

/// Opens the draft about the incident from Panadería Sol's timeline.
async fn open_draft(app: &App) -> Result {
    app.click(&testid("nav-clients")).await?;
    app.click(&format!("[data-testid=client-row][data-name={SOL:?}] button")).await?;
    app.wait_for_text(&testid("client-name"), SOL).await?;
    let item = format!("[data-testid=timeline-entry][data-kind=incident][data-summary={INCIDENT:?}]");
    app.click(&format!("{item} [data-testid=entry-recovery]")).await.map_err(|e| format!("draft button: {e}"))?;
    wait_for_draft(app, "Me disculpo por lo que pasó con la carta de Navidad con precios antiguos.").await?;
    Ok(())
}

/// Waits until the draft's text box holds `text` (a textarea's text is its value, not its content).
async fn wait_for_draft(app: &App, text: &str) -> Result {
    app.wait_until(
        &format!("the draft to contain {text:?}"),
        "const el = document.querySelector(arguments[0]); return !!el && el.value.includes(arguments[1]);",
        vec![json!(testid("recovery-body")), json!(text)],
    )
    .await
}

/// The draft's text, as the person sees it in the box.
async fn body(app: &App) -> Result<String> {
    let v = app.eval("return document.querySelector(arguments[0]).value", vec![json!(testid("recovery-body"))]).await?;
    Ok(v.as_str().unwrap_or_default().to_string())
}

#[tokio::test]
async fn an_incident_leads_to_a_draft_the_check_flags_the_system_blamed_and_the_sent_message_ticks_the_checklist() {
    story(
        "recovery_draft",
        |f| incident(f, "en"),
        |app| async move {
            open_draft(&app).await?;
            app.type_into(&testid("recovery-repair"), "publico hoy la carta con los precios correctos").await?;
            app.type_into(&testid("recovery-prevention"), "reviso cada precio con la carta impresa antes de publicar").await?;
            wait_for_draft(&app, "Para arreglarlo, publico hoy la carta con los precios correctos; estará hecho el viernes 6 de marzo.")
                .await?;
            wait_for_draft(&app, "Para que no vuelva a pasar, reviso cada precio con la carta impresa antes de publicar.").await?;
            wait_for_draft(&app, "Hola, Panadería Sol:").await?;
            app.wait_for_text(&testid("recovery-check-ok"), "It apologises in your name, takes responsibility and gives a date.").await?;
            app.screenshot("recovery-draft-en").await?;

            // The person puts the blame on the system: the check says so, in the app's English.
            let written = body(&app).await?;
            let blamed = written.replace("Fue un error mío y lo asumo.", "Fue un error mío, pero el sistema falló.");
            assert_ne!(blamed, written, "the responsibility sentence is in the draft: {written}");
            app.set_value(&testid("recovery-body"), &blamed).await?;
            app.wait_for_text(
                "[data-testid=recovery-finding][data-code=blame_elsewhere]",
                "\"el sistema\" moves the blame away from you: say what you did.",
            )
            .await?;
            app.screenshot("recovery-check-en").await?;

            // Fixed, copied: the first three steps are offered, and ticked.
            app.set_value(&testid("recovery-body"), &written).await?;
            app.find(&testid("recovery-check-ok")).await?;
            app.click(&testid("recovery-copy")).await?;
            app.find(&testid("recovery-steps")).await?;
            for step in ["acknowledged", "apologized", "explained"] {
                let checked = app
                    .eval("return document.querySelector(arguments[0]).checked", vec![json!(testid(&format!("recovery-step-{step}")))])
                    .await?;
                assert_eq!(checked, json!(true), "{step} is offered ticked");
            }
            app.click(&testid("recovery-tick")).await?;
            let item = format!("[data-testid=timeline-entry][data-kind=incident][data-summary={INCIDENT:?}]");
            for step in ["acknowledged", "apologized", "explained"] {
                app.find(&format!("{item} [data-testid=timeline-event][data-type={step}]"))
                    .await
                    .map_err(|e| format!("{step} ticked: {e}"))?;
            }
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn the_draft_and_its_check_speak_spanish_to_a_spanish_user() {
    story(
        "recovery_draft_es",
        |f| incident(f, "es"),
        |app| async move {
            open_draft(&app).await?;
            app.type_into(&testid("recovery-repair"), "publico hoy la carta con los precios correctos").await?;
            wait_for_draft(&app, "estará hecho el viernes 6 de marzo").await?;
            app.wait_for_text(&testid("recovery-check-ok"), "Se disculpa en tu nombre, asume la responsabilidad y da una fecha.").await?;
            app.screenshot("recovery-draft-es").await?;
            let written = body(&app).await?;
            let blamed = written.replace("Me disculpo por", "Lo siento por").replace("Fue un error mío y lo asumo.", "El sistema falló.");
            app.set_value(&testid("recovery-body"), &blamed).await?;
            app.wait_for_text("[data-testid=recovery-finding][data-code=not_an_apology]", "«Lo siento» lamenta, pero no pide disculpas")
                .await?;
            app.wait_for_text("[data-testid=recovery-finding][data-code=blame_elsewhere]", "«El sistema» aparta la responsabilidad de ti")
                .await?;
            app.find("[data-testid=recovery-finding][data-code=no_responsibility]").await?;
            app.screenshot("recovery-check-es").await?;
            Ok(())
        },
    )
    .await;
}
