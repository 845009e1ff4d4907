//! Stories of the desktop app, told through its real webview: what a user
//! clicks and what the window then shows. Each story starts the built app on a
//! journal of its own, on Thursday 5 March 2026 at 09:00 in Madrid.

use std::collections::BTreeMap;
use std::path::Path;

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

        // Through the Clients list: a card of Sol's low on Today may sit under the undo notice.
        app.click(&testid("nav-clients")).await?;
        app.click(&format!("[data-testid=client-row][data-name={SOL:?}] button")).await?;
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

/// The `en` and `es` catalogues of a screen's `messages.ts` (`'key': 'text',`
/// lines, the text on the next line when it is long), as key → text.
fn catalogues(area: &str) -> [BTreeMap<String, String>; 2] {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src").join(area).join("messages.ts");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut lines = text.lines().map(str::trim);
    let (mut books, mut lang) = ([BTreeMap::new(), BTreeMap::new()], None);
    while let Some(line) = lines.next() {
        match line {
            "en: {" => lang = Some(0),
            "es: {" => lang = Some(1),
            _ => {
                let (Some(lang), Some((key, rest))) = (lang, line.strip_prefix('\'').and_then(|l| l.split_once("':"))) else { continue };
                let rest = if rest.trim().is_empty() { lines.next().unwrap_or_default() } else { rest.trim() };
                let words = rest.trim_end_matches(',').trim_matches('\'');
                books[lang].insert(key.to_string(), words.to_string());
            }
        }
    }
    books
}

/// The English words of the screens' catalogues that Spanish says otherwise,
/// leaving out those with a placeholder in them (said with other words around them).
fn english_labels(areas: &[&str]) -> Vec<String> {
    let mut labels = Vec::new();
    for area in areas {
        let [en, es] = catalogues(area);
        assert!(
            !en.is_empty() && en.len() == es.len(),
            "ui/src/{area}/messages.ts: {} English and {} Spanish messages",
            en.len(),
            es.len()
        );
        labels.extend(en.into_iter().filter(|(key, text)| !text.contains('{') && es.get(key) != Some(text)).map(|(_, text)| text));
    }
    labels
}

/// The English labels of `areas` the page shows now: as an element's own text,
/// a placeholder, an accessible name or a tooltip.
async fn english_left(app: &App, areas: &[&str]) -> Result<Vec<String>> {
    let left = app
        .eval(
            "const labels = new Set(arguments[0]);
             const said = [];
             for (const el of document.querySelectorAll('body *')) {
               const own = [...el.childNodes].filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.textContent).join('');
               for (const text of [own, el.getAttribute('placeholder'), el.getAttribute('aria-label'), el.getAttribute('title')])
                 if (text && labels.has(text.trim())) said.push(text.trim());
             }
             return said;",
            vec![json!(english_labels(areas))],
        )
        .await?;
    Ok(serde_json::from_value(left)?)
}

/// Waits until the screen's `h1` reads `heading`, then checks that it shows
/// each of `words` and none of the English of `areas`.
async fn speaks_spanish(app: &App, screen: &str, heading: &str, words: &[&str], areas: &[&str]) -> Result {
    app.wait_until(
        &format!("{screen}'s heading to read {heading:?}"),
        "const h = document.querySelector('main h1, h1'); return !!h && h.textContent.trim() === arguments[0]",
        vec![json!(heading)],
    )
    .await?;
    for word in words {
        app.wait_until(
            &format!("{screen} to show {word:?}"),
            "return [...document.querySelectorAll('h2, h3, button, label, legend, summary, a')].some(e => e.textContent.trim() === arguments[0])",
            vec![json!(word)],
        )
        .await?;
    }
    let left = english_left(app, areas).await?;
    assert!(left.is_empty(), "{screen} still shows English after choosing Spanish: {left:?}");
    Ok(())
}

#[tokio::test]
async fn choosing_spanish_in_settings_speaks_spanish_on_settings_today_and_the_client_page() {
    story("spanish", sample_journal, |app| async move {
        app.wait_for_text(&testid("nav-today"), "Today").await?;
        app.click(&testid("nav-settings")).await?;
        app.set_value(&testid("setting-language"), "es").await?;
        let settings = ["settings", "backups", "lib"];
        let words = ["Idioma y hora", "Horario laboral", "Festivos", "Hacer una copia ahora", "Elegir carpeta…", "Hoy", "Clientes"];
        speaks_spanish(&app, "Settings", "Ajustes", &words, &settings).await?;

        app.click(&testid("nav-today")).await?;
        speaks_spanish(&app, "Today", "Hoy", &["Marcar cumplida", "Aplazar", "Abrir cliente"], &["today", "lib"]).await?;

        app.click(&format!("[data-testid=signal][data-client={SOL:?}] [data-testid=signal-client]")).await?;
        let words = ["Confianza", "Requiere atención", "Historial", "Historial de promesas", "Editar"];
        speaks_spanish(&app, "the client page", SOL, &words, &["client", "lib"]).await?;
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

/// One page of the closed journal at `db` made garbage, the way a bad disk
/// sector would: its `history` table's root. The journal still opens and Today
/// still reads; its integrity check, and every backup's, fails.
fn damage_a_page(db: &std::path::Path) -> Result {
    let conn = rusqlite::Connection::open(db)?;
    let page: i64 = conn.query_row("SELECT rootpage FROM sqlite_schema WHERE name = 'history'", [], |r| r.get(0))?;
    let size: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
    drop(conn);
    let mut bytes = std::fs::read(db)?;
    let (at, size) = (usize::try_from((page - 1) * size)?, usize::try_from(size)?);
    for (i, b) in bytes[at..at + size].iter_mut().enumerate() {
        *b = (i * 31 % 251) as u8;
    }
    std::fs::write(db, bytes)?;
    Ok(())
}

#[tokio::test]
async fn a_damaged_journal_that_still_opens_is_said_plainly_with_the_newest_good_backup_offered() {
    let folder = tempfile::tempdir().expect("a folder for the journal");
    let db = folder.path().join("trato.db");
    let backups = folder.path().join("backups");
    sample_journal(Folder { db: &db }).expect("the sample journal");
    // Yesterday's backup, as the day's backup left it.
    std::fs::create_dir_all(&backups).expect("the backup folder");
    cli(&db, &["backup", "--out", backups.join("trato-2026-03-04T080000Z-daily.sqlite").to_str().expect("a path")]).expect("a good backup");
    damage_a_page(&db).expect("one damaged page");

    story_on("damaged_journal", &db, |app| async move {
        // The app's first tick takes the day's backup, which fails its check.
        app.wait_for_text(&testid("damaged-banner"), "Your journal is damaged").await?;
        app.wait_for_text(&testid("damaged-backup"), "The newest good backup is from").await?;
        let failed = std::fs::read_dir(app.db.with_file_name("backups"))?
            .filter(|e| e.as_ref().is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".failed")))
            .count();
        assert_eq!(failed, 1, "the damaged journal is copied once, to look at");
        app.find(&signal_of("promise_overdue", SOL)).await.map_err(|e| format!("Today still shows what it can read: {e}"))?;

        app.click(&testid("damaged-restore")).await?;
        app.wait_for_text(&testid("notice"), "Journal restored from the backup of").await?;
        app.find(&signal_of("promise_overdue", SOL)).await.map_err(|e| format!("the restored journal's Today is shown: {e}"))?;
        assert_eq!(app.count(&testid("damaged-banner")).await?, 0, "the restored journal is not said to be damaged");
        Ok(())
    })
    .await;

    let conn = rusqlite::Connection::open(&db).expect("the restored journal");
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("a check");
    assert_eq!(check, "ok", "the journal in place after the restore is sound");
}
