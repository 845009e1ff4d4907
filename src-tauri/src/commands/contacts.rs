//! The contacts import wizard: the files the user picked stay here, in the
//! shell (the webview never names a path to read), and every step asks the
//! core for a fresh preview of exactly what committing would do.

use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Emitter, State};
use tauri_plugin_dialog::DialogExt;
use trato::contacts::{self, ColumnMap, ContactField, ContactsError, SourceFormat};
use trato::journal::importing::{self, Choices, Committed, Decision, ImportBatch, ImportError, Preview, Source, Undone};

use trato::domain::Code;

use crate::error::IpcError;
use crate::journal::Shared;

/// The files of the import in progress, as read when they were picked.
#[derive(Default)]
pub struct Picked(Mutex<Vec<PickedBytes>>);

struct PickedBytes {
    name: String,
    bytes: Vec<u8>,
}

/// A picked file, for the wizard's first step.
#[derive(Clone, Debug, Serialize, ts_rs::TS)]
pub struct PickedFile {
    pub name: String,
    /// What the file looks like; `None` when it can't be told (the user picks).
    pub format: Option<SourceFormat>,
    /// For a CSV: its columns and what each most likely holds, to map them
    /// (the mapping Trato proposes); for Google, Outlook and LinkedIn files
    /// too, for when the person chooses to map them as another CSV.
    pub columns: Vec<ColumnGuess>,
    /// The fields a column can be mapped to, as the core knows them.
    pub fields: Vec<ContactField>,
    /// Why the file can't be read at all, when it can't.
    pub problem: Option<String>,
}

#[derive(Clone, Debug, Serialize, ts_rs::TS)]
pub struct ColumnGuess {
    pub name: String,
    pub field: Option<ContactField>,
}

/// How to read each picked file (in the order picked) and the user's choices.
#[derive(Clone, Debug, Deserialize, ts_rs::TS)]
pub struct ImportRequest {
    pub files: Vec<FileReading>,
    pub decisions: Vec<RowDecision>,
    pub accept_proposed: bool,
}

#[derive(Clone, Debug, Deserialize, ts_rs::TS)]
pub struct FileReading {
    /// `None`: as the contents say.
    pub format: Option<SourceFormat>,
    /// For a generic CSV: (column, field) pairs; empty means guess.
    pub map: Vec<(String, String)>,
}

#[derive(Clone, Copy, Debug, Deserialize, ts_rs::TS)]
pub struct RowDecision {
    pub row: usize,
    pub decision: Decision,
}

/// Progress of reading large files, as `import-progress` events.
#[derive(Clone, Debug, Serialize, ts_rs::TS)]
pub struct ImportProgress {
    pub file: String,
    pub done: usize,
    pub total: usize,
}

fn contacts_error(name: &str, e: &ContactsError) -> IpcError {
    IpcError::refused(e.refusal().path(std::path::Path::new(name)), format!("{name}: {e}"))
}

impl From<ImportError> for IpcError {
    fn from(e: ImportError) -> Self {
        match e {
            ImportError::Journal(j) => j.into(),
            other => IpcError::refused(other.refusal(), &other),
        }
    }
}

/// The file dialog, then each chosen file read whole and looked at. `None`
/// when the user cancelled; the files picked replace any picked before.
#[tauri::command]
pub async fn pick_contacts(app: AppHandle, picked: State<'_, Picked>) -> Result<Option<Vec<PickedFile>>, IpcError> {
    let chosen = app.dialog().file().add_filter("Contacts (CSV, vCard)", &["csv", "vcf", "vcard", "txt"]).blocking_pick_files();
    let Some(chosen) = chosen else { return Ok(None) };
    let paths = chosen
        .into_iter()
        .map(|f| f.into_path().map_err(|e| IpcError::new(Code::BadPath, e.to_string())))
        .collect::<Result<Vec<_>, _>>()?;
    let total = paths.len();
    let progress = app.clone();
    let read = super::blocking(move || {
        let mut files = Vec::with_capacity(total);
        for (done, path) in paths.into_iter().enumerate() {
            let _ = progress.emit("import-progress", ImportProgress { file: file_name(&path), done, total });
            files.push(read_picked(&path)?);
        }
        Ok(files)
    })
    .await?;
    let described = read.iter().map(describe).collect();
    *picked.0.lock().unwrap_or_else(|p| p.into_inner()) = read;
    Ok(Some(described))
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// A picked file's bytes; one too large to read is refused by name before it is read.
fn read_picked(path: &std::path::Path) -> Result<PickedBytes, IpcError> {
    let name = file_name(path);
    let bytes = contacts::read_file(path).map_err(|e| contacts_error(&name, &e))?;
    Ok(PickedBytes { name, bytes })
}

fn describe(file: &PickedBytes) -> PickedFile {
    let format = contacts::read(&file.bytes, None, &ColumnMap::default()).map(|r| r.format);
    let columns = match format {
        Ok(SourceFormat::Vcard) | Err(ContactsError::Empty | ContactsError::Encoding { .. } | ContactsError::TooLarge { .. }) => Vec::new(),
        _ => contacts::csv_headers(&file.bytes).unwrap_or_default(),
    };
    let guesses = contacts::guess_columns(&columns);
    let mappable = matches!(format, Err(ContactsError::NoNameColumn { .. } | ContactsError::UnknownFormat { .. }));
    let problem = match &format {
        // A CSV whose columns say nothing Trato knows is mapped in the next step, not refused.
        Err(ContactsError::NoNameColumn { .. }) => None,
        Err(e) => Some(e.to_string()),
        Ok(_) => None,
    };
    PickedFile {
        name: file.name.clone(),
        format: format.ok().or(if mappable && !columns.is_empty() { Some(SourceFormat::Csv) } else { None }),
        columns: columns
            .into_iter()
            .zip(guesses)
            .map(|(name, field)| ColumnGuess { name, field: field.and_then(ContactField::named) })
            .collect(),
        fields: ContactField::ALL.to_vec(),
        problem,
    }
}

/// The picked files read as the request says, ready for the core.
fn sources(picked: &State<'_, Picked>, request: &ImportRequest) -> Result<(Vec<Source>, Choices), IpcError> {
    let files = picked.0.lock().unwrap_or_else(|p| p.into_inner());
    if files.is_empty() {
        return Err(IpcError::new(Code::NothingPicked, "no contacts file was chosen"));
    }
    let mut sources = Vec::with_capacity(files.len());
    for (i, file) in files.iter().enumerate() {
        let reading = request.files.get(i);
        let map = ColumnMap(reading.map(|r| r.map.clone()).unwrap_or_default());
        let read = contacts::read(&file.bytes, reading.and_then(|r| r.format), &map).map_err(|e| contacts_error(&file.name, &e))?;
        sources.push(Source::new(file.name.clone(), read));
    }
    let choices =
        Choices { decisions: request.decisions.iter().map(|d| (d.row, d.decision)).collect(), accept_proposed: request.accept_proposed };
    Ok((sources, choices))
}

/// What importing the picked files would do now; writes nothing.
#[tauri::command]
pub async fn preview_import(journal: State<'_, Shared>, picked: State<'_, Picked>, request: ImportRequest) -> Result<Preview, IpcError> {
    let (sources, choices) = sources(&picked, &request)?;
    journal.run(move |store, clock| importing::preview(store, clock, &sources, &choices)).await
}

/// Applies exactly the preview the user saw (`plan_id`), or refuses when the
/// journal changed since. The picked files are forgotten once imported.
#[tauri::command]
pub async fn commit_import(
    journal: State<'_, Shared>,
    picked: State<'_, Picked>,
    request: ImportRequest,
    plan_id: String,
) -> Result<Committed, IpcError> {
    let (sources, choices) = sources(&picked, &request)?;
    let done = journal.write(move |store, clock| importing::commit(store, clock, &sources, &choices, Some(&plan_id))).await?;
    picked.0.lock().unwrap_or_else(|p| p.into_inner()).clear();
    Ok(done)
}

#[tauri::command]
pub async fn undo_import(journal: State<'_, Shared>, batch: String) -> Result<Undone, IpcError> {
    journal.write(move |store, clock| importing::undo(store, clock, &batch)).await
}

#[tauri::command]
pub async fn import_batches(journal: State<'_, Shared>) -> Result<Vec<ImportBatch>, IpcError> {
    journal.run(|store, _| importing::batches(store)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, text: &str) -> PickedBytes {
        PickedBytes { name: name.into(), bytes: text.as_bytes().to_vec() }
    }

    #[test]
    fn a_csv_of_unknown_columns_goes_to_the_mapping_step_with_its_columns_guessed() {
        let seen = describe(&file("clientes.csv", "Nombre;Correo;Color\nAna;ana@example.com;azul\n"));
        assert_eq!(seen.format, Some(SourceFormat::Csv));
        assert_eq!(seen.problem, None, "a CSV Trato can map is not refused");
        let guessed: Vec<_> = seen.columns.iter().map(|c| (c.name.as_str(), c.field)).collect();
        assert_eq!(
            guessed,
            [("Nombre", Some(ContactField::Name)), ("Correo", Some(ContactField::Email)), ("Color", None)],
            "a lone Nombre is the whole name"
        );
    }

    #[test]
    fn a_recognised_export_offers_its_columns_and_every_file_the_core_s_fields() {
        let outlook = "First Name,Last Name,E-mail Address,E-mail Type,Business Phone,Business Street\nAna,Ruiz,ana@example.com,SMTP,,\n";
        let seen = describe(&file("outlook.csv", outlook));
        assert_eq!(seen.format, Some(SourceFormat::Outlook));
        assert_eq!(seen.columns.len(), 6, "read as another CSV instead, its columns can be mapped");
        assert_eq!(seen.fields, ContactField::ALL, "the mapping's fields come from the core, not a copy in the UI");
    }

    #[test]
    fn a_file_over_the_limit_is_refused_by_name_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("todos.vcf");
        // Sparse: over the limit without writing 64 MB.
        std::fs::File::create(&path).unwrap().set_len(contacts::MAX_FILE_BYTES + 1).unwrap();
        let Err(e) = read_picked(&path) else { panic!("a file over the limit was read") };
        assert_eq!(e.code(), Code::ContactsTooLarge);
        assert!(e.message.starts_with("todos.vcf: the file is 64.1 MB") && e.message.contains("up to 64 MB"), "{}", e.message);
    }

    #[test]
    fn a_vcard_needs_no_mapping_and_an_empty_file_says_why() {
        let card = describe(&file("a.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nEND:VCARD\r\n"));
        assert_eq!((card.format, card.columns.len(), card.problem), (Some(SourceFormat::Vcard), 0, None));
        let empty = describe(&file("empty.csv", "  \n"));
        assert_eq!(empty.format, None);
        assert!(empty.problem.is_some_and(|p| p.contains("empty")), "an empty file is named as such");
    }
}
