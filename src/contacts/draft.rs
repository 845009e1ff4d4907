//! One person being read, whatever the format: every reader fills a `Draft`,
//! and the same rules then decide the name, the order and what isn't a record.

use super::keys::{email_key, looks_like_email};
use super::text::{clean, non_empty};
use super::{ContactRecord, Parsed, Position};
use crate::domain::client::tag_key;

#[derive(Debug, Default)]
pub(crate) struct Draft {
    /// A full name the file gives as such (vCard FN, Google's old "Name").
    pub full_name: Option<String>,
    pub given: Option<String>,
    pub middle: Option<String>,
    pub family: Option<String>,
    pub organisation: Option<String>,
    pub title: Option<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    /// The file's own notes.
    pub note: Option<String>,
    /// What Trato has no field for ("Birthday: 1985-04-15"), one per line after the note.
    pub extra: Vec<String>,
    pub tags: Vec<String>,
    pub source_id: Option<String>,
}

pub(crate) const NOTHING_TO_NAME: &str = "no name, organisation or e-mail";

impl Draft {
    pub fn email(&mut self, raw: &str) {
        if let Some(e) = non_empty(raw) {
            self.emails.push(e);
        }
    }

    pub fn phone(&mut self, raw: &str) {
        if let Some(p) = non_empty(raw) {
            self.phones.push(p);
        }
    }

    pub fn tag(&mut self, raw: &str) {
        if let Some(t) = non_empty(raw) {
            self.tags.push(t);
        }
    }

    pub fn line(&mut self, label: &str, value: &str) {
        if let Some(v) = non_empty(value) {
            // Lines of one note each: a multi-line address reads as one line.
            let v = v.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(", ");
            self.extra.push(format!("{label}: {v}"));
        }
    }

    /// The record, or why there is none.
    pub fn finish(self, at: Position) -> Parsed {
        if let Some(bad) = self.emails.iter().find(|e| !looks_like_email(e)) {
            return Parsed::Invalid { at, field: "email".into(), reason: format!("\"{bad}\" is not an e-mail address") };
        }
        let emails = dedup_by(self.emails, email_key);
        let phones = dedup_by(self.phones, |p| p.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect());
        let tags = dedup_by(self.tags, tag_key);
        let composed = [&self.given, &self.middle, &self.family]
            .into_iter()
            .flatten()
            .map(|s| clean(s))
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let organisation = self.organisation.as_deref().and_then(non_empty);
        let name = self
            .full_name
            .as_deref()
            .and_then(non_empty)
            .or_else(|| non_empty(&composed))
            .or_else(|| organisation.clone())
            .or_else(|| emails.first().cloned());
        let Some(name) = name else {
            return Parsed::Skipped { at, reason: NOTHING_TO_NAME.into() };
        };
        let mut notes: Vec<String> = self.note.as_deref().and_then(non_empty).into_iter().collect();
        notes.extend(self.extra);
        let notes = (!notes.is_empty()).then(|| notes.join("\n"));
        Parsed::Record {
            at,
            record: ContactRecord {
                name,
                organisation,
                title: self.title.as_deref().and_then(non_empty),
                emails,
                phones,
                notes,
                tags,
                source_id: self.source_id.as_deref().and_then(non_empty),
            },
        }
    }
}

fn dedup_by(items: Vec<String>, key: impl Fn(&str) -> String) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    items.into_iter().filter(|i| seen.insert(key(i))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(p: Parsed) -> ContactRecord {
        match p {
            Parsed::Record { record, .. } => record,
            other => panic!("not a record: {other:?}"),
        }
    }

    #[test]
    fn name_falls_back_to_organisation_then_email() {
        let d = Draft { given: Some("Lucía".into()), family: Some("Fernández Muñoz".into()), ..Draft::default() };
        assert_eq!(record(d.finish(Position::Row(2))).name, "Lucía Fernández Muñoz");
        let d = Draft { organisation: Some(" Panadería Sol ".into()), ..Draft::default() };
        assert_eq!(record(d.finish(Position::Row(2))).name, "Panadería Sol");
        let mut d = Draft::default();
        d.email("lucia@panaderiasol.es");
        assert_eq!(record(d.finish(Position::Row(2))).name, "lucia@panaderiasol.es");
    }

    #[test]
    fn nothing_to_name_is_skipped_and_a_bad_email_is_invalid() {
        let mut d = Draft::default();
        d.phone("600 123 456");
        assert_eq!(d.finish(Position::Card(3)), Parsed::Skipped { at: Position::Card(3), reason: NOTHING_TO_NAME.into() });
        let mut d = Draft { given: Some("Ana".into()), ..Draft::default() };
        d.email("ana en gmail");
        assert!(matches!(d.finish(Position::Row(4)), Parsed::Invalid { field, .. } if field == "email"));
    }

    #[test]
    fn repeats_go_and_note_comes_before_extra_lines() {
        let mut d = Draft { full_name: Some("Ana".into()), note: Some("Prefiere WhatsApp".into()), ..Draft::default() };
        d.email("ana@x.es");
        d.email("ANA@x.es ");
        d.phone("+34 600 123 456");
        d.phone("+34600123456");
        d.line("Address", "C/ Mayor 1\n28013 Madrid");
        let r = record(d.finish(Position::Row(2)));
        assert_eq!(r.emails, ["ana@x.es"]);
        assert_eq!(r.phones, ["+34 600 123 456"]);
        assert_eq!(r.notes.as_deref(), Some("Prefiere WhatsApp\nAddress: C/ Mayor 1, 28013 Madrid"));
    }
}
