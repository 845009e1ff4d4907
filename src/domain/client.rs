//! A client: the person or business, how and when they like to be reached,
//! and where the relationship stands.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::entry::Channel;
use super::error::DomainError;
use super::ids::ClientId;
use super::settings::Language;
use super::text;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum ClientStatus {
    Prospect,
    Active,
    Paused,
    Former,
}

impl ClientStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ClientStatus::Prospect => "prospect",
            ClientStatus::Active => "active",
            ClientStatus::Paused => "paused",
            ClientStatus::Former => "former",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Client {
    pub id: ClientId,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// More ways to reach the client than the main e-mail and phone, as written
    /// (a contacts import adds them when it merges a person into this client).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_emails: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_phones: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_channel: Option<Channel>,
    pub status: ClientStatus,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Availability and quiet times in the client's words ("mornings only; August off").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability: Option<String>,
    /// This client's own answer target, in business hours (the setting applies otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_target_hours: Option<f64>,
    /// The language the client is written to in (the journal's when unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    /// Tú or usted (usted when unset: the safe guess with someone new).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub register: Option<Register>,
    #[serde(deserialize_with = "crate::domain::time::deserialize_moment")]
    pub created_at: DateTime<Utc>,
    /// Archived clients leave the everyday lists but keep their whole history.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived_at: Option<DateTime<Utc>>,
}

/// How the provider addresses the client in writing: in Spanish, "tú" or
/// "usted"; in English, by first name or in full. Drafts written for the
/// client follow it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum Register {
    /// "Tú", "Hi Ana".
    #[cfg_attr(feature = "clap", value(alias = "tu", alias = "tú"))]
    Familiar,
    /// "Usted", "Dear Ana García".
    #[cfg_attr(feature = "clap", value(alias = "usted"))]
    Formal,
}

/// A change to a client's profile: `None` leaves a field as it is; an empty
/// string clears an optional field.
#[derive(Clone, Debug, Default)]
pub struct ClientPatch {
    pub name: Option<String>,
    pub organisation: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// `Some(None)` clears it.
    pub preferred_channel: Option<Option<Channel>>,
    pub status: Option<ClientStatus>,
    pub add_tags: Vec<String>,
    pub remove_tags: Vec<String>,
    pub notes: Option<String>,
    pub availability: Option<String>,
    pub response_target_hours: Option<f64>,
    /// `Some(None)` clears it.
    pub language: Option<Option<Language>>,
    /// `Some(None)` clears it.
    pub register: Option<Option<Register>>,
}

impl ClientPatch {
    /// The tags of a form that shows the whole list: every tag `wanted` is
    /// given (so the same tag twice is refused, as anywhere), and each of
    /// `current` not wanted exactly as it is spelt is removed, so a tag whose
    /// spelling alone changed is respelt.
    pub fn tags_becoming(mut self, current: &[String], wanted: Vec<String>) -> Self {
        self.remove_tags = current.iter().filter(|t| !wanted.iter().any(|w| w.trim() == t.as_str())).cloned().collect();
        self.add_tags = wanted;
        self
    }
}

impl Client {
    /// A new client from a patch, with `active` as the default status: people
    /// mostly write down the clients they already work with.
    pub fn new(id: ClientId, name: &str, created_at: DateTime<Utc>, patch: ClientPatch) -> Result<Self, DomainError> {
        let mut c = Client {
            id,
            name: name.trim().to_string(),
            organisation: None,
            email: None,
            phone: None,
            other_emails: Vec::new(),
            other_phones: Vec::new(),
            preferred_channel: None,
            status: ClientStatus::Active,
            tags: Vec::new(),
            notes: None,
            availability: None,
            response_target_hours: None,
            language: None,
            register: None,
            created_at,
            archived_at: None,
        };
        c.apply(patch)?;
        Ok(c)
    }

    pub fn apply(&mut self, p: ClientPatch) -> Result<(), DomainError> {
        if let Some(name) = p.name {
            self.name = name.trim().to_string();
        }
        let set = |field: &mut Option<String>, v: Option<String>| {
            if let Some(v) = v {
                *field = text::optional(Some(v));
            }
        };
        set(&mut self.organisation, p.organisation);
        set(&mut self.email, p.email);
        set(&mut self.phone, p.phone);
        set(&mut self.notes, p.notes);
        set(&mut self.availability, p.availability);
        if let Some(c) = p.preferred_channel {
            self.preferred_channel = c;
        }
        if let Some(s) = p.status {
            self.status = s;
        }
        if let Some(l) = p.language {
            self.language = l;
        }
        if let Some(r) = p.register {
            self.register = r;
        }
        if let Some(h) = p.response_target_hours {
            self.response_target_hours = (h != 0.0).then_some(h);
        }
        // The same tag given twice is a slip worth pointing at (which spelling
        // did they mean?); a tag the client already has is simply kept.
        let given: Vec<&str> = p.add_tags.iter().map(|t| t.trim()).filter(|t| !t.is_empty()).collect();
        if let Some((i, tag)) = given.iter().enumerate().find(|(i, tag)| given[..*i].iter().any(|g| same_tag(g, tag))) {
            let first = given[..i].iter().find(|g| same_tag(g, tag)).copied().unwrap_or(tag);
            return Err(DomainError::DuplicateTag { tag: first.to_string(), again: tag.to_string() });
        }
        // Removed before added: a tag removed and given again in one change is
        // respelt ("web" becoming "Web"), not lost.
        self.tags.retain(|t| !p.remove_tags.iter().any(|r| same_tag(r, t)));
        for tag in p.add_tags {
            let tag = tag.trim().to_string();
            if !tag.is_empty() && !self.tags.iter().any(|t| same_tag(t, &tag)) {
                self.tags.push(tag);
            }
        }
        self.validate()
    }

    pub fn validate(&self) -> Result<(), DomainError> {
        text::required("name", &self.name, text::MAX_NAME)?;
        for (field, at) in [("created_at", Some(self.created_at)), ("archived_at", self.archived_at)] {
            if let Some(at) = at {
                super::time::check_moment(at).map_err(|source| DomainError::OutOfYears { field, source })?;
            }
        }
        for (field, value) in [("organisation", &self.organisation), ("notes", &self.notes), ("availability", &self.availability)] {
            text::bounded(field, value.as_deref().unwrap_or(""), text::MAX_TEXT)?;
        }
        for e in self.email.iter().chain(&self.other_emails) {
            check_email(e)?;
        }
        for p in self.phone.iter().chain(&self.other_phones) {
            check_phone(p)?;
        }
        if let Some(h) = self.response_target_hours {
            if !(h.is_finite() && h > 0.0) {
                return Err(DomainError::BadResponseTarget(h));
            }
        }
        for tag in &self.tags {
            text::required("tag", tag, text::MAX_TAG)?;
        }
        Ok(())
    }
}

/// Two tags are one when they differ only in case, in any alphabet: "Ñandú"
/// and "ñandú", as "Web" and "web". Everywhere tags meet (a form, the command
/// line, an import) this is the rule, so the first spelling is the one kept.
pub fn same_tag(a: &str, b: &str) -> bool {
    tag_key(a) == tag_key(b)
}

/// What [`same_tag`] compares: the tag in lower case, by Unicode's rules.
pub fn tag_key(tag: &str) -> String {
    tag.trim().to_lowercase()
}

fn check_email(e: &str) -> Result<(), DomainError> {
    let ok = match e.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !e.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if ok {
        Ok(())
    } else {
        Err(DomainError::BadEmail(e.to_string()))
    }
}

/// Loose on purpose: people write phones every way ("+34 600 12 34 56", "(555) 010-9999 ext. 2").
fn check_phone(p: &str) -> Result<(), DomainError> {
    let digits = p.chars().filter(char::is_ascii_digit).count();
    let allowed = |c: char| c.is_ascii_digit() || c.is_whitespace() || "+-().ext/#".contains(c.to_ascii_lowercase());
    if digits >= 3 && p.chars().all(allowed) {
        Ok(())
    } else {
        Err(DomainError::BadPhone(p.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap()
    }

    #[test]
    fn a_client_needs_a_name_and_is_active_by_default() {
        let id = ClientId::new_at(now());
        assert_eq!(Client::new(id, "  ", now(), ClientPatch::default()), Err(DomainError::Empty { field: "name" }));
        let c = Client::new(id, " Panadería Sol ", now(), ClientPatch::default()).unwrap();
        assert_eq!(c.name, "Panadería Sol");
        assert_eq!(c.status, ClientStatus::Active);
    }

    #[test]
    fn contact_details_are_checked_but_written_as_people_write_them() {
        let id = ClientId::new_at(now());
        let bad = ClientPatch { email: Some("sol.example.com".into()), ..Default::default() };
        assert_eq!(Client::new(id, "Sol", now(), bad), Err(DomainError::BadEmail("sol.example.com".into())));
        let good = ClientPatch { email: Some("hola@panaderiasol.es".into()), phone: Some("+34 600 12 34 56".into()), ..Default::default() };
        assert_eq!(Client::new(id, "Sol", now(), good).unwrap().phone.as_deref(), Some("+34 600 12 34 56"));
        let letters = ClientPatch { phone: Some("call me".into()), ..Default::default() };
        assert!(matches!(Client::new(id, "Sol", now(), letters), Err(DomainError::BadPhone(_))));
    }

    #[test]
    fn an_empty_value_clears_a_field_and_tags_do_not_repeat() {
        let id = ClientId::new_at(now());
        let mut c = Client::new(
            id,
            "Sol",
            now(),
            ClientPatch { organisation: Some("Sol SL".into()), add_tags: vec!["bakery".into()], ..Default::default() },
        )
        .unwrap();
        c.apply(ClientPatch { organisation: Some(String::new()), add_tags: vec!["Bakery".into(), "web".into()], ..Default::default() })
            .unwrap();
        assert_eq!(c.organisation, None);
        assert_eq!(c.tags, vec!["bakery", "web"]);
        c.apply(ClientPatch { remove_tags: vec!["BAKERY".into()], ..Default::default() }).unwrap();
        assert_eq!(c.tags, vec!["web"]);
    }

    #[test]
    fn a_form_that_only_respells_a_tag_keeps_it_and_one_that_gives_it_twice_is_refused() {
        let mut c = Client::new(
            ClientId::new_at(now()),
            "Sol",
            now(),
            ClientPatch { add_tags: vec!["web".into(), "ñandú".into()], ..Default::default() },
        )
        .unwrap();
        let form = |wanted: &[&str], current: &[String]| {
            ClientPatch::default().tags_becoming(current, wanted.iter().map(|t| t.to_string()).collect())
        };
        c.apply(form(&["Web", "ñandú"], &c.tags.clone())).unwrap();
        assert_eq!(c.tags, vec!["ñandú", "Web"], "respelt, not lost");
        c.apply(form(&["Web", "Ñandú", "bakery"], &c.tags.clone())).unwrap();
        assert_eq!(c.tags, vec!["Web", "Ñandú", "bakery"]);
        c.apply(form(&["Web"], &c.tags.clone())).unwrap();
        assert_eq!(c.tags, vec!["Web"], "the tags left out of the form are removed");
        let twice = c.clone().apply(form(&["Web", "web"], &c.tags.clone())).unwrap_err();
        assert!(matches!(twice, DomainError::DuplicateTag { .. }), "{twice:?}");
    }

    #[test]
    fn tags_that_differ_only_in_the_case_of_a_letter_beyond_ascii_are_one_tag() {
        let tags = |add: &[&str]| ClientPatch { add_tags: add.iter().map(|t| t.to_string()).collect(), ..Default::default() };
        let err = Client::new(ClientId::new_at(now()), "Sol", now(), tags(&["Ñandú", "ñandú"])).unwrap_err();
        assert_eq!(err, DomainError::DuplicateTag { tag: "Ñandú".into(), again: "ñandú".into() }, "Ñ and ñ are the same letter");
        let mut c = Client::new(ClientId::new_at(now()), "Sol", now(), tags(&["Ñandú"])).unwrap();
        c.apply(tags(&["ÑANDÚ", "Óptica"])).unwrap();
        assert_eq!(c.tags, vec!["Ñandú", "Óptica"], "a tag the client has, in another case, is kept as first spelt");
        c.apply(ClientPatch { remove_tags: vec!["ñandú".into()], ..Default::default() }).unwrap();
        assert_eq!(c.tags, vec!["Óptica"], "removing a tag matches it whatever its case");
    }

    #[test]
    fn the_same_tag_given_twice_is_refused_and_nothing_changes() {
        let mut c = Client::new(ClientId::new_at(now()), "Sol", now(), ClientPatch::default()).unwrap();
        let twice = ClientPatch { add_tags: vec!["web".into(), " bakery".into(), "Web ".into()], ..Default::default() };
        let err = c.clone().apply(twice).unwrap_err();
        assert_eq!(err, DomainError::DuplicateTag { tag: "web".into(), again: "Web".into() });
        assert_eq!(err.field(), Some("tags"), "the form shows it by the tags");
        c.apply(ClientPatch { add_tags: vec!["web".into()], ..Default::default() }).unwrap();
        c.apply(ClientPatch { add_tags: vec!["WEB".into()], ..Default::default() }).expect("a tag the client has is kept, not refused");
        assert_eq!(c.tags, vec!["web"]);
    }

    #[test]
    fn a_preferred_channel_is_left_changed_or_cleared() {
        let patch = |c| ClientPatch { preferred_channel: c, ..Default::default() };
        let mut c = Client::new(ClientId::new_at(now()), "Sol", now(), patch(Some(Some(Channel::Email)))).unwrap();
        c.apply(patch(None)).unwrap();
        assert_eq!(c.preferred_channel, Some(Channel::Email), "a patch that does not name it leaves it");
        c.apply(patch(Some(Some(Channel::Call)))).unwrap();
        assert_eq!(c.preferred_channel, Some(Channel::Call));
        c.apply(patch(Some(None))).unwrap();
        assert_eq!(c.preferred_channel, None, "a preferred channel can be taken back");
    }

    #[test]
    fn a_response_target_must_be_positive() {
        let id = ClientId::new_at(now());
        let p = ClientPatch { response_target_hours: Some(-4.0), ..Default::default() };
        assert_eq!(Client::new(id, "Sol", now(), p), Err(DomainError::BadResponseTarget(-4.0)));
    }
}
