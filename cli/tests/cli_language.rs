//! The command line says its refusals in the journal's language (or the
//! system's, when the journal has none): the same refusals, with the same exit
//! code, in English by default and in Spanish once the journal is set to it.

#[path = "../../tests/common/mod.rs"]
mod common;

use std::path::Path;
use std::process::Command;

use common::{add, ok, refused, stderr};

const MON_10: &str = "2026-03-02T10:00:00+01:00";
const THU_12: &str = "2026-03-05T12:00:00+01:00";

/// Sol with a promise due on Wednesday, and the journal in `lang` when one is given.
fn journal(lang: Option<&str>) -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("trato.db");
    add(&db, MON_10, &["client", "add", "Sol"]);
    let promise = add(&db, MON_10, &["promise", "add", "Sol", "New menu", "--due", "2026-03-04"]);
    if let Some(lang) = lang {
        ok(&db, MON_10, &["settings", "set", "language", lang]);
    }
    (dir, db, promise)
}

/// The five refusals of the story, as the terminal shows them.
fn refusals(db: &Path, promise: &str) -> Vec<String> {
    let mut said = vec![
        refused(db, THU_12, &["promise", "add", "Sol", " ", "--due", "2026-03-09"]),
        refused(db, THU_12, &["promise", "reschedule", promise, "--due", "2026-03-03", "--reason", "photos late"]),
        refused(db, THU_12, &["promise", "reschedule", promise, "--due", "2026-03-09", "--reason", " "]),
        refused(db, THU_12, &["client", "edit", "Sol", "--tag", "web", "--tag", "Web"]),
    ];
    // Another process holds the journal's write lock for longer than Trato waits.
    let holder = rusqlite::Connection::open(db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE; UPDATE settings SET value = value;").unwrap();
    said.push(refused(db, THU_12, &["note", "add", "Sol", "Called about the menu"]));
    holder.execute_batch("ROLLBACK").unwrap();
    said
}

#[test]
fn refusals_are_in_english_by_default() {
    let (_dir, db, promise) = journal(None);
    let said = refusals(&db, &promise);
    let expected = [
        "error: summary can't be empty\n",
        "error: the new due date 2026-03-03 has already passed; choose a later date\n",
        "error: rescheduling needs a reason the client would accept, e.g. --reason \"waiting for photos\"\n",
        "error: the tag 'web' is given twice (also as 'Web'); give it once\n",
    ];
    assert_eq!(&said[..4], &expected[..]);
    assert!(said[4].starts_with("error: the journal is in use by another Trato ("), "{}", said[4]);
    assert!(
        said[4].ends_with("and stayed locked past 5 seconds; nothing was written. Try again when the other one is done\n"),
        "{}",
        said[4]
    );
}

#[test]
fn refusals_are_in_spanish_when_the_journal_is() {
    let (_dir, db, promise) = journal(Some("es"));
    let said = refusals(&db, &promise);
    let expected = [
        "error: «título» no puede quedar vacío\n",
        "error: la nueva fecha límite 2026-03-03 ya ha pasado; elige una fecha posterior\n",
        "error: para cambiar la fecha hace falta un motivo que el cliente aceptaría, p. ej. --reason \"esperando las fotos\"\n",
        "error: la etiqueta «web» aparece dos veces (también como «Web»); ponla una sola vez\n",
    ];
    assert_eq!(&said[..4], &expected[..]);
    assert!(said[4].starts_with("error: otro Trato está usando el diario ("), "{}", said[4]);
    assert!(
        said[4].ends_with("y lo ha tenido bloqueado más de 5 segundos; no se ha guardado nada. Vuelve a intentarlo cuando el otro acabe\n"),
        "{}",
        said[4]
    );
}

#[test]
fn without_a_journal_setting_the_systems_language_is_used() {
    let (_dir, db, _) = journal(None);
    let o = Command::new(env!("CARGO_BIN_EXE_trato"))
        .args(["--db"])
        .arg(&db)
        .args(["--now", THU_12, "--tz", "Europe/Madrid", "client", "show", "Luna"])
        .env("LANG", "es_ES.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "a refusal still exits with 1");
    assert_eq!(stderr(&o), "error: ningún cliente se llama «Luna» (ni tiene ese id); `trato client list` los muestra todos\n");
}
