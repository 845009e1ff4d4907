//! Clients as vCards: 4.0 (RFC 6350) for most address books, 3.0 for Apple
//! Contacts. What Trato knows of a person goes out; nothing is invented.

use crate::contacts::phone_key;
use crate::domain::Client;

use super::lines::{escape, push};

/// Which vCard version to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum VcardVersion {
    /// vCard 3.0 (RFC 2426): what Apple Contacts reads best.
    #[cfg_attr(feature = "clap", value(name = "3"))]
    V3,
    /// vCard 4.0 (RFC 6350).
    #[cfg_attr(feature = "clap", value(name = "4"))]
    V4,
}

/// The cards of `clients`, one after the other. `region` reads phones written
/// without a country code (the `contacts.default_region` setting).
pub fn write(clients: &[Client], version: VcardVersion, region: &str) -> String {
    let mut out = String::new();
    for c in clients {
        card(&mut out, c, version, region);
    }
    out
}

fn card(out: &mut String, c: &Client, version: VcardVersion, region: &str) {
    let v4 = version == VcardVersion::V4;
    push(out, "BEGIN:VCARD");
    push(out, if v4 { "VERSION:4.0" } else { "VERSION:3.0" });
    push(out, "PRODID:-//Trato//Trato//EN");
    push(out, &format!("UID:urn:uuid:{}", c.id));
    push(out, &format!("FN:{}", escape(&c.name)));
    // Splitting a name into given and family names is a guess that goes wrong
    // ("Lucía Fernández Muñoz", "Panadería Sol"); the whole name as the given
    // name shows right everywhere. N is required in 3.0.
    push(out, &format!("N:;{};;;", escape(&c.name)));
    if let Some(org) = &c.organisation {
        push(out, &format!("ORG:{}", escape(org)));
    }
    for (i, e) in c.email.iter().chain(&c.other_emails).enumerate() {
        let pref = match (i, v4) {
            (0, true) => ";PREF=1",
            (0, false) => ";TYPE=INTERNET;TYPE=pref",
            (_, true) => "",
            (_, false) => ";TYPE=INTERNET",
        };
        push(out, &format!("EMAIL{pref}:{}", escape(e)));
    }
    for (i, p) in c.phone.iter().chain(&c.other_phones).enumerate() {
        let line = match (v4, phone_key(p, region)) {
            (true, Some(e164)) => format!("TEL;VALUE=uri{}:tel:{e164}", if i == 0 { ";PREF=1" } else { "" }),
            (true, None) => format!("TEL;VALUE=text{}:{}", if i == 0 { ";PREF=1" } else { "" }, escape(p)),
            (false, _) => format!("TEL;TYPE=VOICE{}:{}", if i == 0 { ";TYPE=pref" } else { "" }, escape(p)),
        };
        push(out, &line);
    }
    if let Some(notes) = &c.notes {
        push(out, &format!("NOTE:{}", escape(notes)));
    }
    if !c.tags.is_empty() {
        let tags: Vec<String> = c.tags.iter().map(|t| escape(t)).collect();
        push(out, &format!("CATEGORIES:{}", tags.join(",")));
    }
    push(out, "END:VCARD");
}
