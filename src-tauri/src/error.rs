//! The one error shape the UI receives: the core's refusal as data (a stable
//! `code` to branch on and word, its facts, the form field it is about) and,
//! for the log only, the core's English.

use serde::Serialize;
use trato::domain::{Code, Refusal};
use trato::journal::JournalError;

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct IpcError {
    #[serde(flatten)]
    #[ts(flatten)]
    pub refusal: Refusal,
    /// For the console and bug reports; the UI words `refusal` in its own language instead.
    pub message: String,
}

impl IpcError {
    /// A refusal of the shell's own, with what the system said (`message`) as its detail.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        let message = message.into();
        IpcError { refusal: Refusal::new(code).detail(&message), message }
    }

    /// A refusal the core made, with its English for the log.
    pub fn refused(refusal: Refusal, message: impl std::fmt::Display) -> Self {
        IpcError { refusal, message: message.to_string() }
    }

    pub fn on(mut self, field: &str) -> Self {
        self.refusal.field = Some(field.to_string());
        self
    }

    pub fn code(&self) -> Code {
        self.refusal.code
    }
}

impl From<JournalError> for IpcError {
    fn from(e: JournalError) -> Self {
        IpcError::refused(e.refusal(), &e)
    }
}

impl From<trato::store::StoreError> for IpcError {
    fn from(e: trato::store::StoreError) -> Self {
        JournalError::from(e).into()
    }
}

impl From<crate::desktop::DesktopError> for IpcError {
    fn from(e: crate::desktop::DesktopError) -> Self {
        IpcError::refused(e.refusal(), &e)
    }
}
