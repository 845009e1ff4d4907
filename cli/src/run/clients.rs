//! `trato client …`: adding, listing, showing, editing and archiving clients.

use super::{CliError, Ctx};
use crate::args::{ClientCmd, ClientFields};
use crate::output;
use trato::domain::ClientPatch;
use trato::journal;

impl Ctx<'_> {
    pub(super) fn client(&mut self, cmd: ClientCmd) -> Result<(), CliError> {
        let c = self.clock;
        match cmd {
            ClientCmd::Add { name, fields } => {
                let id = journal::add_client(self.store, c, &name, patch(None, fields, Vec::new()))?;
                self.id_line(id)
            }
            ClientCmd::List { all, json } => {
                let list = journal::clients(self.store, all)?;
                self.show(json, &list, |list| output::clients(list))
            }
            ClientCmd::Show { client, json } => {
                let found = journal::find_client(self.store, &client)?;
                self.show(json, &found, |found| output::client(found, c.tz))
            }
            ClientCmd::Edit { client, name, fields, untags } => {
                let id = self.client_id(&client)?;
                journal::edit_client(self.store, c, id, patch(name, fields, untags))?;
                Ok(())
            }
            ClientCmd::Archive { client } => {
                let id = self.client_id(&client)?;
                Ok(journal::archive_client(self.store, c, id, true)?)
            }
            ClientCmd::Unarchive { client } => {
                let id = self.client_id(&client)?;
                Ok(journal::archive_client(self.store, c, id, false)?)
            }
        }
    }
}

fn patch(name: Option<String>, f: ClientFields, remove_tags: Vec<String>) -> ClientPatch {
    ClientPatch {
        name,
        organisation: f.org,
        email: f.email,
        phone: f.phone,
        preferred_channel: if f.no_preferred_channel { Some(None) } else { f.preferred_channel.map(Some) },
        status: f.status,
        add_tags: f.tags,
        remove_tags,
        notes: f.notes,
        availability: f.availability,
        response_target_hours: f.response_target,
        language: f.language.map(Some),
        register: f.register.map(Some),
    }
}
