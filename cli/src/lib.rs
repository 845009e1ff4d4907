//! The `trato` command, the command-line face of the core's use cases: parse,
//! call one use case, print. Typed moments are read by the core
//! (`trato::domain::time::moment`), as the app reads them.

pub mod args;
mod contacts;
pub mod insight;
pub mod mail;
pub mod output;
pub mod password;
pub mod refusals;
pub mod reminders;
mod run;
mod sign_in;

pub use run::{run, CliError};
