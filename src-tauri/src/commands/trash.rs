//! The trash: what is in it, moving a client or an entry there, and back.

use tauri::State;
use trato::journal::{self, TrashItem};

use crate::error::IpcError;
use crate::journal::Shared;

#[tauri::command]
pub async fn trash(journal: State<'_, Shared>) -> Result<Vec<TrashItem>, IpcError> {
    journal.run(|store, _| journal::trash(store)).await
}

/// Moves a client (with its timeline) or an entry to the trash.
#[tauri::command]
pub async fn move_to_trash(journal: State<'_, Shared>, id: String) -> Result<(), IpcError> {
    journal.write(move |store, clock| journal::delete(store, clock, &id).map(drop)).await
}

#[tauri::command]
pub async fn restore(journal: State<'_, Shared>, id: String) -> Result<(), IpcError> {
    journal.write(move |store, clock| journal::restore(store, clock, &id).map(drop)).await
}
