//! Corrections and the trash: `trato edit`, `undo`, `history`, `trash`.

use trato::domain::Channel;
use trato::journal::{self, EntryPatch};

use super::{entry_id, CliError, Ctx};
use crate::output;

impl Ctx<'_> {
    pub(super) fn edit(
        &mut self,
        id: &str,
        summary: Option<String>,
        channel: Option<Channel>,
        at: &Option<String>,
    ) -> Result<(), CliError> {
        let patch = EntryPatch { summary, channel, at: self.at(at)?, ..EntryPatch::default() };
        journal::edit_entry(self.store, self.clock, entry_id(id)?, patch)?;
        Ok(())
    }

    pub(super) fn undo(&mut self, id: &str) -> Result<(), CliError> {
        journal::undo_last(self.store, self.clock, entry_id(id)?)?;
        Ok(())
    }

    pub(super) fn trash(&mut self, json: bool) -> Result<(), CliError> {
        let c = self.clock;
        let items = journal::trash(self.store)?;
        self.show(json, &items, |items| output::trash(items, c.tz))
    }

    pub(super) fn history(&mut self, id: &str, json: bool) -> Result<(), CliError> {
        let c = self.clock;
        let changes = journal::history(self.store, id)?;
        self.show(json, &changes, |changes| output::history(changes, c.tz))
    }
}
