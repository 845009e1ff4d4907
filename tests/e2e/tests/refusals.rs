//! A Spanish user meets Trato's refusals in Spanish: the core sends each
//! refusal as a code and its facts, and the app words it in the UI's language.
//! Five of them, met the way a person would (an empty title, a due date that
//! has passed, a reschedule without a reason, a tag typed twice, a journal
//! another program holds locked), each shown as the expected Spanish sentence
//! and none with an English word in it.

use trato_e2e::{cli, sample_journal, story, testid, App, Folder, Result};

const SOL: &str = "Panadería Sol";

/// Words that would betray English shown to a Spanish user: none is also Spanish.
const ENGLISH: &[&str] = &[
    "the",
    "is",
    "can't",
    "cannot",
    "not",
    "was",
    "nothing",
    "journal",
    "due",
    "date",
    "reason",
    "tag",
    "given",
    "twice",
    "already",
    "passed",
    "empty",
    "locked",
    "another",
    "try",
    "again",
    "choose",
    "must",
    "summary",
    "something",
    "went",
    "wrong",
    "write",
    "saved",
    "seconds",
    "use",
    "give",
    "why",
    "client",
    "title",
];

fn spanish_sample(folder: Folder<'_>) -> Result {
    sample_journal(Folder { db: folder.db })?;
    cli(folder.db, &["settings", "set", "language", "es"])?;
    Ok(())
}

/// Every message the page shows for a refusal right now: field errors, alerts and the notice.
async fn shown(app: &App) -> Result<Vec<String>> {
    app.texts(".field-error, [role=alert], [data-testid=notice]").await
}

/// Waits for `expected` among the refusals shown, and checks that nothing shown reads as English.
async fn says(app: &App, expected: &str) -> Result {
    app.wait_for_text(".field-error, [role=alert], [data-testid=notice]", expected).await?;
    for message in shown(app).await? {
        let words: Vec<String> =
            message.split(|c: char| !(c.is_alphabetic() || c == '\'')).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
        if let Some(english) = words.iter().find(|w| ENGLISH.contains(&w.as_str())) {
            return Err(format!("a Spanish user reads the English word {english:?} in {message:?}").into());
        }
    }
    Ok(())
}

#[tokio::test]
async fn a_spanish_user_is_refused_in_spanish() {
    story("refusals_in_spanish", spanish_sample, |app| async move {
        let overdue = format!("[data-testid=signal][data-kind=\"promise_overdue\"][data-client={SOL:?}]");
        app.wait_for_text(&testid("nav-today"), "Hoy").await?;

        // A reschedule without a reason: the core refuses it, the UI words its code.
        app.click(&format!("{overdue} [data-testid=act-reschedule]")).await?;
        app.set_value(&format!("{overdue} [data-testid=reschedule-due]"), "2026-03-09").await?;
        app.click(&format!("{overdue} [data-testid=reschedule-save]")).await?;
        says(&app, "Indica un motivo que el cliente aceptaría, como «esperando las fotos».").await?;

        // A new due date that has already passed (it is Thursday 5 March).
        app.set_value(&format!("{overdue} [data-testid=reschedule-due]"), "2026-03-04").await?;
        app.type_into(&format!("{overdue} [data-testid=reschedule-reason]"), "esperando las fotos").await?;
        app.click(&format!("{overdue} [data-testid=reschedule-save]")).await?;
        says(&app, "La nueva fecha límite mié, 4 mar 2026 ya ha pasado: elige una fecha posterior.").await?;

        // A title left empty.
        app.click(&testid("nav-clients")).await?;
        app.click(&format!("[data-testid=client-row][data-name={SOL:?}] button")).await?;
        app.wait_for_text(&testid("client-name"), SOL).await?;
        app.click(&testid("client-new-entry")).await?;
        app.click(&testid("entry-kind-interaction")).await?;
        app.click(&testid("entry-save")).await?;
        says(&app, "Escribe un resumen breve.").await?;
        app.click(&testid("entry-cancel")).await?;

        // The same tag twice, once with a capital.
        app.click(&testid("client-edit")).await?;
        app.set_value(&testid("client-edit-tags"), "horno, Horno").await?;
        app.click(&testid("client-edit-save")).await?;
        says(&app, "La etiqueta «horno» aparece dos veces (también como «Horno»): deja una.").await?;

        // Another program holds the journal's write lock for longer than Trato waits.
        app.set_value(&testid("client-edit-tags"), "horno").await?;
        let holder = rusqlite::Connection::open(&app.db)?;
        holder.execute_batch("BEGIN IMMEDIATE")?;
        app.click(&testid("client-edit-save")).await?;
        let busy = says(
            &app,
            "Otro Trato está usando el diario y lo ha tenido bloqueado más de 5 segundos. No se ha guardado nada: vuelve a intentarlo cuando acabe.",
        )
        .await;
        holder.execute_batch("ROLLBACK")?;
        busy

    })
    .await;
}
