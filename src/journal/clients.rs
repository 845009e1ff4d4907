//! The clients: adding, editing, archiving, listing and finding them.

use super::records::{live, live_client, save_client};
use super::{Clock, JournalError, Result};
use crate::domain::{Client, ClientId, ClientPatch};
use crate::store::clients;
use crate::store::Store;

pub fn add_client(store: &mut Store, clock: Clock, name: &str, patch: ClientPatch) -> Result<ClientId> {
    let client = Client::new(ClientId::new_at(clock.now), name, clock.now, patch)?;
    store.write(|tx| {
        save_client(tx, clock, &client, None, "created")?;
        Ok(client.id)
    })
}

pub fn edit_client(store: &mut Store, clock: Clock, id: ClientId, patch: ClientPatch) -> Result<Client> {
    store.write(|tx| {
        let mut client = live_client(tx, id)?;
        let before = client.clone();
        client.apply(patch)?;
        if client == before {
            return Ok(client);
        }
        save_client(tx, clock, &client, None, "edited")?;
        Ok(client)
    })
}

/// Archives (or brings back) a client: out of the everyday lists, history intact.
pub fn archive_client(store: &mut Store, clock: Clock, id: ClientId, archive: bool) -> Result<()> {
    store.write(|tx| {
        let mut client = live_client(tx, id)?;
        if client.archived_at.is_some() == archive {
            return Ok(());
        }
        client.archived_at = archive.then_some(clock.now);
        save_client(tx, clock, &client, None, if archive { "archived" } else { "unarchived" })?;
        Ok(())
    })
}

/// How many clients the journal holds outside the trash, archived ones
/// included: none means a first run. Counted, not read.
pub fn client_count(store: &mut Store) -> Result<i64> {
    store.read(|tx| Ok(clients::count_live(tx)?))
}

pub fn clients(store: &mut Store, with_archived: bool) -> Result<Vec<Client>> {
    store.read(|tx| Ok(clients::list(tx, with_archived)?))
}

/// A client by id, or by a name that matches exactly one client, ignoring case.
pub fn find_client(store: &mut Store, query: &str) -> Result<Client> {
    store.read(|tx| {
        if let Ok(id) = query.parse::<ClientId>() {
            if let Some(c) = clients::get(tx, id)? {
                return live(c).map(|c| c.client);
            }
        }
        let wanted = query.trim().to_lowercase();
        let mut found: Vec<Client> = clients::list(tx, true)?.into_iter().filter(|c| c.name.to_lowercase() == wanted).collect();
        match found.len() {
            0 => Err(JournalError::ClientNotFound(query.to_string())),
            1 => Ok(found.remove(0)),
            _ => Err(JournalError::AmbiguousClient {
                name: query.to_string(),
                candidates: found.into_iter().map(|c| (c.id, c.name)).collect(),
            }),
        }
    })
}
