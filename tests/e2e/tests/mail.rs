//! Client mail in the real webview: the user picks an mbox in the system's
//! file dialog (driven with `xdotool`, as a person types a path into it), sees
//! the count of messages to review beside Mail in the sidebar, accepts the
//! client's request, ignores the newsletter-like one, and finds the request
//! on the client's timeline with its mail mark. The same screens in Spanish
//! show no English word.
//!
//! With `TRATO_SCREENSHOTS=target/e2e-screens` the stories also picture
//! Settings → Mail and the review list in English and in Spanish, and the
//! client's timeline with the mail mark.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use trato_e2e::{cli, sample_journal, story, story_with, testid, App, Folder, Result};

const SOL: &str = "Panadería Sol";

/// The mbox the user imports: a request from the bakery, its newsletter (sent
/// by hand, so nothing marks it as bulk), and a message from someone who is no client.
fn mbox() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/mail/review.mbox")
}

fn mail_journal(folder: Folder<'_>) -> Result {
    sample_journal(Folder { db: folder.db })?;
    cli(folder.db, &["mail", "me", "ana@studio.example"])?;
    Ok(())
}

fn spanish_mail_journal(folder: Folder<'_>) -> Result {
    mail_journal(Folder { db: folder.db })?;
    cli(folder.db, &["settings", "set", "language", "es"])?;
    Ok(())
}

/// The visible X windows whose title is exactly `title`.
fn windows_titled(title: &str) -> Result<Vec<String>> {
    let out = Command::new("xdotool")
        .args(["search", "--onlyvisible", "--name", &format!("^{title}$")])
        .output()
        .map_err(|e| format!("xdotool could not run ({e}): install Debian's xdotool"))?;
    Ok(String::from_utf8_lossy(&out.stdout).lines().map(str::to_owned).collect())
}

fn xdotool(args: &[&str]) -> Result {
    let ok = Command::new("xdotool").args(args).status()?.success();
    if ok {
        Ok(())
    } else {
        Err(format!("xdotool {args:?} failed").into())
    }
}

/// Picks `file` in the system's file dialog the app opened, as a person
/// would: types its path (GTK opens the location field on the first "/") and
/// presses Enter.
async fn pick_in_dialog(title: &str, file: &Path) -> Result {
    let deadline = Instant::now() + Duration::from_secs(30);
    let dialog = loop {
        if let Some(w) = windows_titled(title)?.pop() {
            break w;
        }
        if Instant::now() >= deadline {
            return Err(format!("no file dialog titled {title:?} opened").into());
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    // The dialog maps before its widgets take keys.
    tokio::time::sleep(Duration::from_millis(800)).await;
    let path = file.canonicalize()?.display().to_string();
    xdotool(&["windowfocus", "--sync", &dialog])?;
    xdotool(&["key", "--clearmodifiers", "ctrl+l"])?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    xdotool(&["type", "--delay", "15", &path])?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    xdotool(&["key", "--clearmodifiers", "Return"])?;
    Ok(())
}

/// Opens Settings → Mail and imports the mbox through the file dialog; waits for its summary.
async fn import_mbox(app: &App, dialog_title: &str) -> Result {
    app.click(&testid("nav-settings")).await?;
    app.click(&testid("settings-mail-open")).await?;
    app.find(&testid("mail-settings")).await?;
    app.click(&testid("mail-import-pick")).await?;
    pick_in_dialog(dialog_title, &mbox()).await?;
    app.find(&testid("mail-import-file")).await?;
    Ok(())
}

/// Installs, in the story's HOME, the desktop's handler of `mid:` URLs: a
/// script that writes the URL it is given to a file, whose path it returns.
fn mail_program(home: &Path) -> Result<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let apps = home.join(".local/share/applications");
    std::fs::create_dir_all(&apps)?;
    std::fs::create_dir_all(home.join(".config"))?;
    let opened = home.join("mail-program-opened");
    let script = home.join("mail-program");
    std::fs::write(&script, format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", opened.display()))?;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755))?;
    std::fs::write(
        apps.join("trato-test-mail.desktop"),
        format!(
            "[Desktop Entry]\nType=Application\nName=Test mail program\nExec={} %u\nMimeType=x-scheme-handler/mid;\n",
            script.display()
        ),
    )?;
    std::fs::write(home.join(".config/mimeapps.list"), "[Default Applications]\nx-scheme-handler/mid=trato-test-mail.desktop\n")?;
    Ok(opened)
}

/// Waits for `file` to be written, and returns what it says.
async fn until_written(file: &Path) -> Result<String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(text) = std::fs::read_to_string(file) {
            if !text.is_empty() {
                return Ok(text);
            }
        }
        if Instant::now() >= deadline {
            return Err(format!("nothing was opened in the mail program ({} was never written)", file.display()).into());
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// The count of a line of the import's summary.
async fn imported(app: &App, key: &str) -> Result<String> {
    let n = app
        .eval("return document.querySelector(arguments[0])?.dataset.count ?? null", vec![testid(&format!("mail-import-{key}")).into()])
        .await?;
    Ok(n.as_str().unwrap_or_default().to_string())
}

/// The words the app itself says in `css`, lower-cased: without the user's
/// own data (the sample's requests offered to link to are the user's words,
/// in whatever language the user wrote them), addresses and domains.
async fn words(app: &App, css: &str) -> Result<Vec<String>> {
    let text = app
        .eval(
            "return [...document.querySelectorAll(arguments[0])].map(e => {
               const copy = e.cloneNode(true);
               copy.querySelectorAll('[data-testid=mail-link] option:not([value=\"\"])').forEach(o => o.remove());
               return copy.textContent;
             }).join(' ')",
            vec![css.into()],
        )
        .await?;
    let text = text.as_str().unwrap_or_default().to_string();
    Ok(text
        .split_whitespace()
        .filter(|w| !w.contains('@') && !w.trim_end_matches(['.', ',', ':', ';', ')']).contains('.'))
        .flat_map(|w| w.split(|c: char| !c.is_alphabetic() && c != '’' && c != '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect())
}

/// English words of these screens that no Spanish text has.
const ENGLISH: &[&str] = &[
    "mail",
    "review",
    "accept",
    "ignore",
    "request",
    "from",
    "import",
    "files",
    "new",
    "seen",
    "already",
    "addresses",
    "address",
    "domain",
    "domains",
    "client",
    "clients",
    "settings",
    "the",
    "to",
    "and",
    "of",
    "becomes",
    "answer",
    "by",
    "received",
    "sent",
    "interaction",
    "keys",
    "move",
    "all",
    "link",
    "change",
    "kind",
    "note",
    "my",
    "add",
    "remove",
    "mark",
    "unmark",
    "choose",
    "messages",
    "read",
    "machine",
    "made",
    "unreadable",
    "business",
    "hours",
    "counted",
    "your",
    "nothing",
    "until",
    "today",
    "search",
    "trash",
    "entry",
];

async fn no_english(app: &App, css: &str) -> Result {
    let english: Vec<String> = words(app, css).await?.into_iter().filter(|w| ENGLISH.contains(&w.as_str())).collect();
    if english.is_empty() {
        Ok(())
    } else {
        Err(format!("English words in `{css}` of the Spanish app: {english:?}").into())
    }
}

#[tokio::test]
async fn client_mail_imported_from_an_mbox_is_reviewed_and_lands_on_the_client_s_timeline_with_its_mark() {
    story("mail_review", mail_journal, |app| async move {
        assert_eq!(app.count(&testid("nav-mail-count")).await?, 0, "nothing to review before the import");
        import_mbox(&app, "Import mail").await?;
        assert_eq!(imported(&app, "new").await?, "2", "the bakery's two messages are new");
        assert_eq!(imported(&app, "not_client_mail").await?, "1", "the lunch invitation is no client's");
        app.wait_for_text(&testid("nav-mail-count"), "2").await?;
        app.screenshot("mail-settings-en").await?;

        app.click(&testid("nav-mail")).await?;
        app.find(&testid("mail-proposal")).await?;
        let subjects = app.texts("[data-testid=mail-proposal] .subject").await?;
        assert_eq!(subjects, ["Menú de primavera", "Boletín de marzo"], "oldest first");
        app.wait_for_text("[data-testid=mail-proposal] [data-testid=mail-becomes]", "A request, to answer by").await?;
        app.screenshot("mail-review-en").await?;

        // The first is selected: A accepts it; Undo takes that back, and A accepts it again.
        let left = |n: usize| format!("return document.querySelectorAll('[data-testid=mail-proposal]').length === {n}");
        app.press("a").await?;
        app.wait_until("the request to be accepted", &left(1), vec![]).await?;
        app.click(&testid("notice-undo")).await?;
        app.wait_until("the request to await review again", &left(2), vec![]).await?;
        app.wait_for_text(&testid("nav-mail-count"), "2").await?;
        app.wait_for_text("[data-testid=mail-proposal] .subject", "Menú de primavera").await?;
        app.press("a").await?;
        app.wait_until("the request to be accepted again", &left(1), vec![]).await?;
        // Then the newsletter is first, and I ignores it.
        app.wait_for_text("[data-testid=mail-proposal] .subject", "Boletín de marzo").await?;
        app.press("i").await?;
        app.find(&testid("mail-review-empty")).await?;
        app.wait_until("the sidebar's count to go", "return !document.querySelector('[data-testid=nav-mail-count]')", vec![]).await?;

        app.click(&testid("nav-clients")).await?;
        app.click(&format!("[data-testid=client-row][data-name={SOL:?}] button")).await?;
        let request = "[data-testid=timeline-entry][data-kind=request][data-summary='Menú de primavera']";
        app.find(request).await?;
        assert_eq!(app.count(request).await?, 1, "the request taken back is in the trash, not on the timeline twice");
        app.wait_for_text(&format!("{request} [data-testid=entry-mail]"), "from mail").await?;
        app.wait_for_text(&format!("{request} [data-testid=entry-mail-from]"), "From hola@panaderiasol.es").await?;
        app.wait_for_text(&format!("{request} [data-testid=entry-mail-excerpt]"), "menú de primavera").await?;
        let newsletter = app.count("[data-testid=timeline-entry][data-summary*='Boletín']").await?;
        assert_eq!(newsletter, 0, "the ignored newsletter left nothing on the timeline");
        app.screenshot("mail-timeline-en").await?;

        // "Open in mail app" hands the message's mid: URL to the desktop's
        // handler for it: here a mail program of the story's own (xdg-open
        // finds it in the story's XDG folders) that writes down what it was given.
        let opened = mail_program(&app.home)?;
        app.click(&format!("{request} [data-testid=entry-open-mail]")).await?;
        let url = until_written(&opened).await?;
        assert_eq!(url, "mid:menu-primavera@panaderiasol.es", "the mail program is given the message's Message-ID");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_mail_screens_speak_spanish_to_a_spanish_user() {
    story_with("mail_review_es", &[], spanish_mail_journal, |app| async move {
        import_mbox(&app, "Importar correo").await?;
        app.wait_for_text(&testid("mail-import"), "Nuevos").await?;

        // A free-mail domain is refused in Spanish.
        app.choose(&testid("mail-domain-client"), SOL).await?;
        app.type_into(&testid("mail-domain-input"), "gmail.com").await?;
        app.click(&testid("mail-domain-mark")).await?;
        app.wait_for_text(&testid("mail-domain-error"), "gmail.com es un dominio de correo gratuito").await?;
        no_english(&app, "[data-testid=mail-settings]").await?;
        app.screenshot("mail-settings-es").await?;

        app.click(&testid("nav-mail")).await?;
        app.find(&testid("mail-proposal")).await?;
        app.wait_for_text("[data-testid=mail-proposal] [data-testid=mail-becomes]", "Una petición, que responder antes del").await?;
        no_english(&app, "[data-testid=mail-review]").await?;
        no_english(&app, "nav").await?;
        app.screenshot("mail-review-es").await?;

        app.click(&testid("mail-accept-all")).await?;
        app.find(&testid("mail-review-empty")).await?;
        app.click(&testid("nav-clients")).await?;
        app.click(&format!("[data-testid=client-row][data-name={SOL:?}] button")).await?;
        app.wait_for_text("[data-testid=timeline-entry][data-kind=request] [data-testid=entry-mail]", "del correo").await?;
        Ok(())
    })
    .await;
}
