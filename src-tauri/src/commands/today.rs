//! Today: every signal of the journal, most urgent first.

use tauri::State;
use trato::journal::insights::{self, Today};

use crate::error::IpcError;
use crate::journal::Shared;

#[tauri::command]
pub async fn today(journal: State<'_, Shared>) -> Result<Today, IpcError> {
    journal.run(insights::today).await
}
