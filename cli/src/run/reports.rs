//! What the journal says, read: `trato timeline`, `search`, `today`,
//! `signals`, `score`, `record` and `summary`.

use std::path::Path;

use trato::domain::Language;
use trato::journal::{self, insights, search};
use trato::summary::{self, Format, Paper, Period};

use super::{write_atomically, CliError, Ctx};
use crate::insight;
use crate::output::{self, EntryView};

impl Ctx<'_> {
    pub(super) fn timeline(&mut self, client: &str, json: bool) -> Result<(), CliError> {
        let c = self.clock;
        let client = journal::find_client(self.store, client)?;
        let entries = journal::timeline(self.store, client.id)?;
        if json {
            let views: Vec<_> =
                entries.iter().filter(|e| e.occurred_at <= c.now).map(|e| EntryView { entry: e, status: e.status_at(c.now) }).collect();
            self.json(&views)
        } else {
            let text = output::timeline(&client, &entries, c.tz, c.now);
            self.print(&text)
        }
    }

    pub(super) fn search(&mut self, query: Vec<String>, json: bool) -> Result<(), CliError> {
        let query = query.join(" ");
        let hits = search::search(self.store, &query, search::DEFAULT_LIMIT)?;
        self.show(json, &hits, |hits| output::search(hits, &query))
    }

    pub(super) fn today(&mut self, json: bool) -> Result<(), CliError> {
        let c = self.clock;
        let today = insights::today(self.store, c)?;
        self.show(json, &today, |today| insight::matters(&today.matters, c.tz, c.now))
    }

    pub(super) fn signals(&mut self, client: &str, json: bool) -> Result<(), CliError> {
        let c = self.clock;
        let id = self.client_id(client)?;
        let list = insights::client_signals(self.store, c, id)?;
        self.show(json, &list, |list| insight::signals(list, c.tz, c.now))
    }

    pub(super) fn score(&mut self, client: &str, json: bool) -> Result<(), CliError> {
        let id = self.client_id(client)?;
        let report = insights::score(self.store, self.clock, id)?;
        let lang = self.clock.lang;
        self.show(json, &report, |r| insight::score(r, lang))
    }

    pub(super) fn record(&mut self, client: Option<&str>, json: bool) -> Result<(), CliError> {
        let id = client.map(|q| self.client_id(q)).transpose()?;
        let record = insights::record(self.store, self.clock, id)?;
        self.show(json, &record, insight::record)
    }

    /// The command's options, as `trato summary` takes them.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn summary(
        &mut self,
        client: &str,
        period: Period,
        lang: Option<&str>,
        format: Format,
        paper: Paper,
        out: &Path,
        for_client: bool,
    ) -> Result<(), CliError> {
        let c = self.clock;
        let id = self.client_id(client)?;
        let lang = match lang {
            Some("es") => Language::Es,
            // clap lets through only "es" and "en".
            Some(_) => Language::En,
            None => c.lang,
        };
        let audience = if for_client { summary::Audience::Client } else { summary::Audience::Provider };
        let found = insights::summary(self.store, c, id, period, audience)?;
        write_atomically(out, &summary::document(&found, lang, format, paper, trato::system::typeface)?)
    }
}
