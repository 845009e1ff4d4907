//! The UI's TypeScript types are generated from the Rust types that cross the
//! IPC boundary, into `ui/src/lib/bindings/`, with the names of the commands
//! the shell registers (`Command.ts`). This test fails when the committed files
//! differ from what the Rust code says; `make bindings` (UPDATE_BINDINGS=1)
//! writes them again.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ts_rs::{Config, TS};

use crate::commands::{clients, contacts, corrections, desktop, entries, forms, journal, reminders};
use crate::error::IpcError;

fn export_all(dir: &Path) {
    // Counts and scores stay far below 2^53: plain numbers, not bigint.
    let cfg = Config::new().with_large_int("number").with_out_dir(dir);
    journal::JournalInfo::export_all(&cfg).expect("JournalInfo");
    IpcError::export_all(&cfg).expect("IpcError");
    trato::domain::Code::export_all(&cfg).expect("Code");
    trato::domain::Refusal::export_all(&cfg).expect("Refusal");
    trato::journal::insights::Today::export_all(&cfg).expect("Today");
    trato::journal::insights::ClientLine::export_all(&cfg).expect("ClientLine");
    trato::journal::insights::ClientPage::export_all(&cfg).expect("ClientPage");
    clients::ClientForm::export_all(&cfg).expect("ClientForm");
    entries::EntryForm::export_all(&cfg).expect("EntryForm");
    entries::Action::export_all(&cfg).expect("Action");
    trato::journal::calibration::RealityCheck::export_all(&cfg).expect("RealityCheck");
    trato::journal::recovery::RecoveryDraft::export_all(&cfg).expect("RecoveryDraft");
    trato::journal::recovery::FieldChoices::export_all(&cfg).expect("FieldChoices");
    trato::journal::recovery::Sent::export_all(&cfg).expect("Sent");
    trato::recovery::Finding::export_all(&cfg).expect("Finding");
    corrections::EntryEdit::export_all(&cfg).expect("EntryEdit");
    corrections::EventEdit::export_all(&cfg).expect("EventEdit");
    trato::domain::EventRef::export_all(&cfg).expect("EventRef");
    trato::journal::Undoable::export_all(&cfg).expect("Undoable");
    trato::journal::HistoryLine::export_all(&cfg).expect("HistoryLine");
    trato::journal::TrashItem::export_all(&cfg).expect("TrashItem");
    trato::domain::Settings::export_all(&cfg).expect("Settings");
    trato::journal::search::SearchHit::export_all(&cfg).expect("SearchHit");
    trato::summary::Period::export_all(&cfg).expect("Period");
    trato::summary::Paper::export_all(&cfg).expect("Paper");
    trato::summary::Format::export_all(&cfg).expect("Format");
    trato::summary::Audience::export_all(&cfg).expect("Audience");
    trato::domain::time::moment::Shortcuts::export_all(&cfg).expect("Shortcuts");
    forms::WhenField::export_all(&cfg).expect("WhenField");
    forms::TimeZones::export_all(&cfg).expect("TimeZones");
    trato::reminders::SentReminder::export_all(&cfg).expect("SentReminder");
    trato::reminders::ReminderPlan::export_all(&cfg).expect("ReminderPlan");
    reminders::SnoozeForm::export_all(&cfg).expect("SnoozeForm");
    desktop::DesktopSettings::export_all(&cfg).expect("DesktopSettings");
    crate::window::Navigate::export_all(&cfg).expect("Navigate");
    contacts::PickedFile::export_all(&cfg).expect("PickedFile");
    crate::commands::backups::Backups::export_all(&cfg).expect("Backups");
    trato::journal::export::ExportKind::export_all(&cfg).expect("ExportKind");
    contacts::ImportRequest::export_all(&cfg).expect("ImportRequest");
    contacts::ImportProgress::export_all(&cfg).expect("ImportProgress");
    trato::journal::importing::Preview::export_all(&cfg).expect("Preview");
    trato::journal::importing::Committed::export_all(&cfg).expect("Committed");
    trato::journal::importing::ImportBatch::export_all(&cfg).expect("ImportBatch");
    trato::journal::importing::Undone::export_all(&cfg).expect("Undone");
    crate::commands::settings::FolderSetting::export_all(&cfg).expect("FolderSetting");
    trato::domain::text::Limits::export_all(&cfg).expect("Limits");
    trato::contacts::ContactField::export_all(&cfg).expect("ContactField");
    trato::journal::mailbox::ProposalView::export_all(&cfg).expect("ProposalView");
    trato::journal::mailbox::Reviewed::export_all(&cfg).expect("Reviewed");
    trato::journal::mailbox::FileImport::export_all(&cfg).expect("FileImport");
    trato::journal::mailbox::ClientDomain::export_all(&cfg).expect("ClientDomain");
    trato::journal::mailbox::OpenRequest::export_all(&cfg).expect("OpenRequest");
    crate::commands::mail::MailDecision::export_all(&cfg).expect("MailDecision");
    crate::dropped_mail::MailDropped::export_all(&cfg).expect("MailDropped");
    trato::domain::MailAccount::export_all(&cfg).expect("MailAccount");
    trato::journal::mailbox::SyncReport::export_all(&cfg).expect("SyncReport");
    trato::journal::mailbox::SyncProgress::export_all(&cfg).expect("SyncProgress");
    trato::journal::mailbox::MailImportProgress::export_all(&cfg).expect("MailImportProgress");
    crate::mail_sync::MailSynced::export_all(&cfg).expect("MailSynced");
    crate::commands::mail_accounts::AccountForm::export_all(&cfg).expect("AccountForm");
    crate::commands::mail_accounts::AccountAdded::export_all(&cfg).expect("AccountAdded");
    crate::commands::mail_accounts::OAuthAccountForm::export_all(&cfg).expect("OAuthAccountForm");
    std::fs::write(dir.join("Command.ts"), commands_ts()).expect("Command.ts");
    // After every type is written: exporting a type writes its dependencies again.
    constant(dir, "Limits.ts", "How long a text the core takes, in characters.", "LIMITS: Limits", trato::domain::text::LIMITS);
    constant(
        dir,
        "ContactField.ts",
        "Every field a column can be mapped to, in the order they are offered.",
        "CONTACT_FIELDS: ReadonlyArray<ContactField>",
        trato::contacts::ContactField::ALL,
    );
}

/// A value of the core's the UI reads instead of keeping a copy, added to its
/// type's file as a constant: ts-rs writes types, not values.
fn constant(dir: &Path, file: &str, doc: &str, declaration: &str, value: impl serde::Serialize) {
    let path = dir.join(file);
    let types = std::fs::read_to_string(&path).expect(file);
    let value = serde_json::to_string(&value).expect(file);
    std::fs::write(&path, format!("{types}\n/** {doc} */\nexport const {declaration} = {value};\n")).expect(file);
}

/// The commands the webview may call, as the UI's `invoke` names them.
fn commands_ts() -> String {
    let names: &[&str] = command_list!(command_names);
    let list: String = names.iter().map(|n| format!("  \"{n}\",\n")).collect();
    format!(
        "// Generated from src-tauri/src/command_list.rs by `make bindings`. Do not edit this file manually.\n\n\
         /** Every command the shell registers, and the only ones a window's capability can allow. */\n\
         export const COMMANDS = [\n{list}] as const;\n\n\
         export type Command = (typeof COMMANDS)[number];\n"
    )
}

fn files(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".ts") {
            out.insert(name, std::fs::read_to_string(entry.path()).unwrap_or_default());
        }
    }
    out
}

#[test]
fn the_ui_types_are_those_the_rust_types_generate() {
    let committed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings");
    let fresh = tempfile::tempdir().expect("a temporary folder");
    export_all(fresh.path());
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        let _ = std::fs::remove_dir_all(&committed);
        std::fs::create_dir_all(&committed).expect("the bindings folder");
        for (name, text) in files(fresh.path()) {
            std::fs::write(committed.join(name), text).expect("a binding");
        }
    }
    let (want, have) = (files(fresh.path()), files(&committed));
    assert!(!want.is_empty(), "nothing was generated");
    let stale: Vec<_> = want.iter().filter(|(n, t)| have.get(*n) != Some(t)).map(|(n, _)| n.as_str()).collect();
    let extra: Vec<_> = have.keys().filter(|n| !want.contains_key(*n)).map(String::as_str).collect();
    assert!(
        stale.is_empty() && extra.is_empty(),
        "ui/src/lib/bindings is stale (run `make bindings`): differs {stale:?}, no longer generated {extra:?}"
    );
}
