//! The one error shape the UI receives: a stable `code` to branch on, a
//! message to show, and the form field it is about when there is one.

use serde::Serialize;
use trato::journal::JournalError;

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct IpcError {
    pub code: String,
    pub message: String,
    pub field: Option<String>,
}

impl IpcError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        IpcError { code: code.to_string(), message: message.into(), field: None }
    }

    pub fn on(mut self, field: &str) -> Self {
        self.field = Some(field.to_string());
        self
    }
}

impl From<JournalError> for IpcError {
    fn from(e: JournalError) -> Self {
        let field = match &e {
            JournalError::Domain(d) => d.field().map(str::to_string),
            _ => None,
        };
        IpcError { code: e.code().to_string(), message: e.to_string(), field }
    }
}

impl From<trato::store::StoreError> for IpcError {
    fn from(e: trato::store::StoreError) -> Self {
        JournalError::from(e).into()
    }
}

impl From<crate::desktop::DesktopError> for IpcError {
    fn from(e: crate::desktop::DesktopError) -> Self {
        IpcError::new(e.code(), e.to_string())
    }
}
