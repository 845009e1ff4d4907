//! vCard files (.vcf), versions 2.1 (Android, quoted-printable), 3.0 (Apple,
//! grouped "item1." labels) and 4.0 (RFC 6350), many cards per file. calcard
//! does the reading (folding, escapes, encodings); this maps a card to a person.

use calcard::vcard::{VCard, VCardEntry, VCardParameterName, VCardParameterValue, VCardProperty, VCardValue};
use calcard::{Entry, Parser};

use super::draft::Draft;
use super::{ContactsError, Parsed, Position};

const CUT_SHORT: &str = "the card has no END:VCARD: the file was cut short";

/// Whether the last BEGIN:VCARD has no END:VCARD after it.
fn cut_short(text: &str) -> bool {
    let upper = text.to_ascii_uppercase();
    match (upper.rfind("BEGIN:VCARD"), upper.rfind("END:VCARD")) {
        (Some(begin), Some(end)) => begin > end,
        (Some(_), None) => true,
        _ => false,
    }
}

pub(crate) fn read(text: &str) -> Result<Vec<Parsed>, ContactsError> {
    if !text.to_ascii_uppercase().contains("BEGIN:VCARD") {
        return Err(ContactsError::NoCards);
    }
    let mut parser = Parser::new(text);
    let mut items = Vec::new();
    // Every entry consumes input; the bound only guards against a parser that wouldn't.
    for _ in 0..=text.len() {
        match parser.entry() {
            Entry::VCard(card) => {
                let at = Position::Card(items.len() + 1);
                items.push(card_to_draft(&card).finish(at));
            }
            Entry::UnterminatedComponent(_) => {
                let at = Position::Card(items.len() + 1);
                items.push(Parsed::Invalid { at, field: "vcard".into(), reason: CUT_SHORT.into() });
            }
            Entry::Eof => break,
            // Lines between cards, or calendar entries: not contacts.
            _ => {}
        }
    }
    if items.is_empty() {
        return Err(ContactsError::NoCards);
    }
    // calcard hands back a last card that never ends as if it were whole: it is
    // the file cut short, and part of a person is worse than a clear message.
    if cut_short(text) {
        if let Some(last) = items.last_mut() {
            if let Parsed::Record { at, .. } | Parsed::Skipped { at, .. } = last {
                let at = *at;
                *last = Parsed::Invalid { at, field: "vcard".into(), reason: CUT_SHORT.into() };
            }
        }
    }
    Ok(items)
}

fn card_to_draft(card: &VCard) -> Draft {
    let mut d = Draft::default();
    let mut emails: Vec<(u32, String)> = Vec::new();
    let mut phones: Vec<(u32, String)> = Vec::new();
    for e in &card.entries {
        match &e.name {
            VCardProperty::Fn => d.full_name = Some(text(e, 0)),
            VCardProperty::N => {
                // family; given; additional; prefix; suffix
                d.family = Some(text(e, 0));
                d.given = Some(text(e, 1));
                d.middle = Some(text(e, 2));
            }
            VCardProperty::Org => d.organisation = Some(text(e, 0)),
            VCardProperty::Title => d.title = Some(text(e, 0)),
            VCardProperty::Email => emails.push((pref(e), text(e, 0))),
            VCardProperty::Tel => {
                let tel = text(e, 0);
                let tel = tel.strip_prefix("tel:").map(str::to_string).unwrap_or(tel);
                phones.push((pref(e), tel));
            }
            VCardProperty::Note => {
                let note = all_text(e, "\n");
                d.note = Some(match d.note.take() {
                    Some(before) if !before.trim().is_empty() => format!("{before}\n{note}"),
                    _ => note,
                });
            }
            VCardProperty::Categories => e.values.iter().flat_map(strings).for_each(|t| t.split(',').for_each(|t| d.tag(t))),
            VCardProperty::Uid => d.source_id = Some(text(e, 0)),
            VCardProperty::Adr => {
                let parts: Vec<String> = e.values.iter().map(|v| strings(v).join(" ")).filter(|s| !s.trim().is_empty()).collect();
                d.line(&labelled("Address", &label(card, e)), &parts.join(", "));
            }
            VCardProperty::Bday => {
                if let Some(day) = birthday(e) {
                    d.line("Birthday", &day);
                }
            }
            VCardProperty::Url => d.line(&labelled("Website", &label(card, e)), &text(e, 0)),
            _ => {}
        }
    }
    // Preferred first; the file's order otherwise (the sort is stable).
    emails.sort_by_key(|(p, _)| *p);
    phones.sort_by_key(|(p, _)| *p);
    emails.iter().for_each(|(_, e)| d.email(e));
    phones.iter().for_each(|(_, p)| d.phone(p));
    d
}

/// A value's strings: one for text, several for a comma list.
fn strings(v: &VCardValue) -> Vec<String> {
    match v {
        VCardValue::Text(s) => vec![s.clone()],
        VCardValue::Component(parts) => parts.clone(),
        _ => Vec::new(),
    }
}

/// The n-th value (component) as text, a comma list joined by spaces.
fn text(e: &VCardEntry, n: usize) -> String {
    e.values.get(n).map(|v| strings(v).join(" ")).unwrap_or_default()
}

fn all_text(e: &VCardEntry, sep: &str) -> String {
    e.values.iter().map(|v| strings(v).join(",")).collect::<Vec<_>>().join(sep)
}

/// How preferred a value is: vCard 4's PREF=1 (most) to 100, then 2.1/3.0's
/// TYPE=PREF, then the rest.
fn pref(e: &VCardEntry) -> u32 {
    let mut rank = 1000;
    for p in &e.params {
        match (&p.name, &p.value) {
            (VCardParameterName::Pref, VCardParameterValue::Integer(n)) => rank = rank.min(*n),
            (VCardParameterName::Pref, v) => rank = rank.min(v.as_text().and_then(|t| t.trim().parse().ok()).unwrap_or(500)),
            (_, v) if v.as_text().is_some_and(|t| t.eq_ignore_ascii_case("pref")) => rank = rank.min(500),
            _ => {}
        }
    }
    rank
}

/// A property's label: Apple's "item1.X-ABLabel" for the same group, else its TYPE (home, work).
fn label(card: &VCard, e: &VCardEntry) -> String {
    if let Some(group) = &e.group {
        let apple = card.entries.iter().find(|o| {
            o.group.as_deref() == Some(group) && matches!(&o.name, VCardProperty::Other(n) if n.eq_ignore_ascii_case("X-ABLabel"))
        });
        if let Some(apple) = apple {
            // Apple's own labels are written "_$!<Work>!$_".
            return text(apple, 0).trim_start_matches("_$!<").trim_end_matches(">!$_").to_lowercase();
        }
    }
    e.params
        .iter()
        .filter(|p| p.name == VCardParameterName::Type)
        .filter_map(|p| p.value.as_text())
        .map(str::to_lowercase)
        .find(|t| matches!(t.as_str(), "home" | "work" | "other"))
        .unwrap_or_default()
}

fn labelled(what: &str, label: &str) -> String {
    if label.is_empty() {
        what.to_string()
    } else {
        format!("{what} ({label})")
    }
}

/// "1985-04-15", or "--04-15" when the card has no year: RFC 6350's "--0415",
/// or Apple's stand-in year marked `X-APPLE-OMIT-YEAR=1604` ("1604-04-15").
fn birthday(e: &VCardEntry) -> Option<String> {
    let omitted_year = e.params.iter().find_map(|p| match (&p.name, &p.value) {
        (VCardParameterName::Other(n), v) if n.eq_ignore_ascii_case("X-APPLE-OMIT-YEAR") => match v {
            VCardParameterValue::Integer(y) => u16::try_from(*y).ok(),
            v => v.as_text()?.trim().parse::<u16>().ok(),
        },
        _ => None,
    });
    match e.values.first()? {
        VCardValue::PartialDateTime(p) => match (p.year, p.month, p.day) {
            (Some(y), Some(m), Some(d)) if omitted_year == Some(y) => Some(format!("--{m:02}-{d:02}")),
            (Some(y), Some(m), Some(d)) => Some(format!("{y:04}-{m:02}-{d:02}")),
            (None, Some(m), Some(d)) => Some(format!("--{m:02}-{d:02}")),
            (Some(y), Some(m), None) => Some(format!("{y:04}-{m:02}")),
            _ => None,
        },
        VCardValue::Text(t) => Some(t.clone()),
        _ => None,
    }
}
