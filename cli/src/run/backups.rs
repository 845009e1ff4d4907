//! `trato backup`: a copy now, and the list of copies (a restore is done
//! before the journal is opened, in `run`).

use std::path::PathBuf;

use trato::journal::{self, backup};

use super::{CliError, Ctx};
use crate::args::BackupCmd;
use crate::output;

impl Ctx<'_> {
    pub(super) fn backup(&mut self, action: Option<BackupCmd>, out: Option<PathBuf>) -> Result<(), CliError> {
        let c = self.clock;
        let settings = journal::settings(self.store)?;
        let path = self.store.path().to_path_buf();
        match action {
            None => {
                let made = backup::now(&path, &settings, c, out.as_deref())?;
                self.print(&format!("{}\n", made.path))
            }
            Some(BackupCmd::List { json }) => {
                let list = backup::list(&path, &settings)?;
                self.show(json, &list, |list| output::backups(list, c.tz))
            }
            // Handled before the journal is opened (see `run`).
            Some(BackupCmd::Restore { .. }) => Ok(()),
        }
    }
}
