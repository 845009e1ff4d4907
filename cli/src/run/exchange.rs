//! What goes in and out of the journal: `trato export` (the whole journal as
//! JSON, or vCard, CSV, iCalendar), `import` and `contacts …`.

use std::path::{Path, PathBuf};

use trato::domain::ClientId;
use trato::journal::importing::{self, Choices};
use trato::journal::{export, interchange};

use super::{count, CliError, Ctx};
use crate::args::{ContactsCmd, CsvWhat, ExportCmd, ImportFormat};
use crate::output;

impl Ctx<'_> {
    pub(super) fn export_journal(&mut self, out: Option<PathBuf>) -> Result<(), CliError> {
        let text = interchange::to_json(&interchange::export(self.store)?);
        self.deliver(out, &text)
    }

    pub(super) fn import_journal(&mut self, file: &Path) -> Result<(), CliError> {
        let done = interchange::import(self.store, self.clock, &interchange::read(file)?)?;
        tell!("imported {} and {}", count(done.clients, "client", "clients"), count(done.entries, "entry", "entries"));
        Ok(())
    }

    fn client_ids(&mut self, queries: &[String]) -> Result<Vec<ClientId>, CliError> {
        queries.iter().map(|q| self.client_id(q)).collect()
    }

    pub(super) fn export(&mut self, cmd: ExportCmd) -> Result<(), CliError> {
        let c = self.clock;
        let (out, text) = match cmd {
            ExportCmd::Vcard { clients, version, out } => {
                let only = self.client_ids(&clients)?;
                (out, export::vcards(self.store, &only, version)?)
            }
            ExportCmd::Csv { what, clients, out } => {
                let only = self.client_ids(&clients)?;
                let text = match what {
                    CsvWhat::Clients => export::clients_csv(self.store, &only, c.tz)?,
                    CsvWhat::Entries => export::entries_csv(self.store, c, &only)?,
                };
                (out, text)
            }
            ExportCmd::Ics { clients, todos, out } => {
                let only = self.client_ids(&clients)?;
                (out, export::calendar::feed(self.store, c, &only, todos)?)
            }
        };
        self.deliver(out, &text)
    }

    pub(super) fn contacts(&mut self, cmd: ContactsCmd) -> Result<(), CliError> {
        let c = self.clock;
        match cmd {
            ContactsCmd::Import { files, format, map, accept_proposed, decide, dry_run, json } => {
                let map = trato::contacts::ColumnMap::parse(&map)
                    .map_err(|source| CliError::Contacts { path: PathBuf::from("--map"), source })?;
                let format = match format {
                    ImportFormat::Auto => None,
                    ImportFormat::Google => Some(trato::contacts::SourceFormat::Google),
                    ImportFormat::Outlook => Some(trato::contacts::SourceFormat::Outlook),
                    ImportFormat::Linkedin => Some(trato::contacts::SourceFormat::Linkedin),
                    ImportFormat::Vcard => Some(trato::contacts::SourceFormat::Vcard),
                    ImportFormat::Csv => Some(trato::contacts::SourceFormat::Csv),
                };
                let mut sources = Vec::with_capacity(files.len());
                for path in files {
                    let read = trato::contacts::read_file(&path)
                        .and_then(|bytes| trato::contacts::read(&bytes, format, &map))
                        .map_err(|source| CliError::Contacts { path: path.clone(), source })?;
                    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
                    sources.push(importing::Source::new(name, read));
                }
                let decisions = decide.iter().map(|d| crate::contacts::decision(d)).collect::<Result<_, _>>().map_err(CliError::Usage)?;
                let choices = Choices { decisions, accept_proposed };
                if dry_run {
                    let preview = importing::preview(self.store, c, &sources, &choices)?;
                    return self.show(json, &preview, crate::contacts::preview);
                }
                let done = importing::commit(self.store, c, &sources, &choices, None)?;
                if json {
                    return self.json(&done);
                }
                tell!("{}", crate::contacts::preview(&done.preview).trim_end());
                match done.batch {
                    Some(batch) => {
                        tell!("imported; `trato contacts undo {batch}` takes it back");
                        self.id_line(batch)
                    }
                    None => {
                        tell!("nothing to import: every record is already in Trato, left out, or waiting for your decision");
                        Ok(())
                    }
                }
            }
            ContactsCmd::Undo { batch } => {
                let done = importing::undo(self.store, c, &batch)?;
                eprint!("{}", output::terminal(&crate::contacts::undone(&done)));
                Ok(())
            }
            ContactsCmd::Imports { json } => {
                let list = importing::batches(self.store)?;
                self.show(json, &list, |l| crate::contacts::batches(l, c.tz))
            }
        }
    }
}
