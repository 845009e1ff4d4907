//! Clients: the list, one client's page, adding and editing.

use serde::Deserialize;
use tauri::State;
use trato::domain::{Channel, Client, ClientId, ClientPatch, ClientStatus, Language, Register};
use trato::journal;
use trato::journal::insights::{self, ClientLine, ClientPage};

use crate::error::IpcError;
use crate::journal::Shared;

#[tauri::command]
pub async fn client_lines(journal: State<'_, Shared>, with_archived: bool) -> Result<Vec<ClientLine>, IpcError> {
    journal.run(move |store, clock| insights::client_lines(store, clock, with_archived)).await
}

#[tauri::command]
pub async fn client_page(journal: State<'_, Shared>, id: ClientId) -> Result<ClientPage, IpcError> {
    journal.run(move |store, clock| insights::client_page(store, clock, id)).await
}

/// A client's profile as the form sends it: an empty text clears a field.
#[derive(Clone, Debug, Deserialize, ts_rs::TS)]
pub struct ClientForm {
    pub name: String,
    pub organisation: String,
    pub email: String,
    pub phone: String,
    pub preferred_channel: Option<Channel>,
    pub status: ClientStatus,
    pub tags: Vec<String>,
    pub notes: String,
    pub availability: String,
    pub response_target_hours: Option<f64>,
    /// The language drafts to the client are written in; none: the journal's.
    #[serde(default)]
    #[ts(optional)]
    pub language: Option<Language>,
    /// Tú or usted in drafts to the client; none: usted.
    #[serde(default)]
    #[ts(optional)]
    pub register: Option<Register>,
}

impl ClientForm {
    fn patch(self, current: Option<&Client>) -> ClientPatch {
        let tags = current.map(|c| c.tags.as_slice()).unwrap_or_default();
        ClientPatch {
            name: Some(self.name.clone()),
            organisation: Some(self.organisation.clone()),
            email: Some(self.email.clone()),
            phone: Some(self.phone.clone()),
            preferred_channel: Some(self.preferred_channel),
            status: Some(self.status),
            notes: Some(self.notes.clone()),
            availability: Some(self.availability.clone()),
            response_target_hours: self.response_target_hours,
            language: Some(self.language),
            register: Some(self.register),
            ..ClientPatch::default()
        }
        .tags_becoming(tags, self.tags)
    }
}

#[tauri::command]
pub async fn add_client(journal: State<'_, Shared>, form: ClientForm) -> Result<ClientId, IpcError> {
    journal
        .write(move |store, clock| {
            let name = form.name.clone();
            journal::add_client(store, clock, &name, form.patch(None))
        })
        .await
}

#[tauri::command]
pub async fn edit_client(journal: State<'_, Shared>, id: ClientId, form: ClientForm) -> Result<Client, IpcError> {
    journal
        .write(move |store, clock| {
            let current = journal::find_client(store, &id.to_string())?;
            journal::edit_client(store, clock, id, form.patch(Some(&current)))
        })
        .await
}

#[tauri::command]
pub async fn archive_client(journal: State<'_, Shared>, id: ClientId, archive: bool) -> Result<(), IpcError> {
    journal.write(move |store, clock| journal::archive_client(store, clock, id, archive)).await
}
