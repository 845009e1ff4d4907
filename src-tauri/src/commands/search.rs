//! Search: every client and entry holding the words typed, best first.

use tauri::State;
use trato::journal::search::{self, SearchHit};

use crate::error::IpcError;
use crate::journal::Shared;

#[tauri::command]
pub async fn search(journal: State<'_, Shared>, query: String) -> Result<Vec<SearchHit>, IpcError> {
    journal.run(move |store, _| search::search(store, &query, search::DEFAULT_LIMIT)).await
}
