//! The command-line face of the journal: parse, call one use case, print.

pub mod args;
mod contacts;
pub mod insight;
pub mod moment;
pub mod output;
pub mod refusals;
pub mod reminders;
mod run;

pub use run::{run, CliError};
