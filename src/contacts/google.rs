//! Google Contacts' "Google CSV", in both header layouts Google has used.
//! Columns come in numbered groups ("E-mail 1 - Value", "E-mail 2 - Value"…)
//! as many as the most-filled contact needs, and a cell may hold several
//! values joined by " ::: ".

use std::collections::BTreeMap;

use super::detect::numbered;
use super::draft::Draft;
use super::table::{cell, Table};
use super::{ContactsError, Parsed, Position};

/// Google's separator for several values in one cell.
const MULTI: &str = " ::: ";

/// An address's parts, when Google gives no "Formatted" one, in the order they are written.
const ADDRESS_PARTS: &[&str] = &["Street", "Extended Address", "PO Box", "City", "Region", "Postal Code", "Country"];

/// Of each numbered group, the parts read: what is not (an e-mail's "Display
/// Name", "Relation 1 - Value", "Event 1 - Value"…) the preview lists as not imported.
const READ_PARTS: &[(&str, &[&str])] = &[
    ("E-mail", LABELLED),
    ("Phone", LABELLED),
    ("Website", LABELLED),
    ("Address", &["Label", "Type", "Formatted"]),
    ("Address", ADDRESS_PARTS),
];
const LABELLED: &[&str] = &["Value", "Label", "Type"];

/// One numbered group's columns: part ("Value", "Label", "Formatted"…) → column.
type Group = BTreeMap<String, usize>;

pub(crate) fn read(table: &Table) -> Result<Vec<Parsed>, ContactsError> {
    // kind ("E-mail", "Phone", "Address", "Website", "Organization") → number → group
    let mut groups: BTreeMap<&str, BTreeMap<u32, Group>> = BTreeMap::new();
    for (i, h) in table.headers.iter().enumerate() {
        if let Some((kind, n, part)) = numbered(h) {
            groups.entry(kind).or_default().entry(n).or_default().insert(part.to_string(), i);
        }
    }
    let col = |names: &[&str]| table.col(names);
    let full_name = col(&["Name"]);
    let given = col(&["First Name", "Given Name"]);
    let middle = col(&["Middle Name", "Additional Name"]);
    let family = col(&["Last Name", "Family Name"]);
    let org = col(&["Organization Name"]);
    let title = col(&["Organization Title"]);
    let birthday = col(&["Birthday"]);
    let notes = col(&["Notes"]);
    let labels = col(&["Labels", "Group Membership"]);
    let empty = BTreeMap::new();
    let group = |kind: &str| groups.get(kind).unwrap_or(&empty);
    for (kind, parts) in READ_PARTS {
        group(kind).values().flat_map(|g| parts.iter().filter_map(|p| g.get(*p))).for_each(|&i| table.mark(i));
    }
    // Only the first organisation is the person's (below).
    if let Some(first) = group("Organization").values().next() {
        ["Name", "Title"].iter().filter_map(|p| first.get(*p)).for_each(|&i| table.mark(i));
    }
    // Told to read as Google a file that isn't one: say so rather than skip every row.
    if [full_name, given, family, org].iter().all(Option::is_none) && group("E-mail").is_empty() && group("Organization").is_empty() {
        return Err(ContactsError::NoHeader {
            format: "Google Contacts".into(),
            hint: "expected columns such as \"First Name\" or \"E-mail 1 - Value\"".into(),
        });
    }

    Ok(table
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let mut d = Draft {
                full_name: Some(cell(row, full_name).to_string()),
                given: Some(cell(row, given).to_string()),
                middle: Some(cell(row, middle).to_string()),
                family: Some(cell(row, family).to_string()),
                organisation: Some(cell(row, org).to_string()),
                title: Some(cell(row, title).to_string()),
                note: Some(cell(row, notes).to_string()),
                ..Draft::default()
            };
            // The older layout numbers organisations too; the first one is the person's.
            if let Some(first) = group("Organization").values().next() {
                if cell(row, org).is_empty() {
                    d.organisation = Some(part(row, first, &["Name"]).to_string());
                }
                if cell(row, title).is_empty() {
                    d.title = Some(part(row, first, &["Title"]).to_string());
                }
            }
            for value in primary_first(row, group("E-mail")) {
                d.email(&value);
            }
            for value in primary_first(row, group("Phone")) {
                d.phone(&value);
            }
            for label in split(cell(row, labels)) {
                // "* myContacts", "* starred": Google's own groups, not the person's.
                if !label.starts_with('*') {
                    d.tag(label);
                }
            }
            for g in group("Address").values() {
                let label = label(row, g);
                let formatted = part(row, g, &["Formatted"]);
                let address = if formatted.is_empty() {
                    ADDRESS_PARTS.iter().map(|p| part(row, g, &[p])).filter(|v| !v.is_empty()).collect::<Vec<_>>().join(", ")
                } else {
                    formatted.to_string()
                };
                for a in split(&address) {
                    d.line(&labelled("Address", &label), a);
                }
            }
            d.line("Birthday", cell(row, birthday));
            for g in group("Website").values() {
                for w in split(part(row, g, &["Value"])) {
                    d.line(&labelled("Website", &label(row, g)), w);
                }
            }
            d.finish(Position::Row(i + 2))
        })
        .collect())
}

fn part<'r>(row: &'r [String], group: &Group, names: &[&str]) -> &'r str {
    cell(row, names.iter().find_map(|n| group.get(*n).copied()))
}

/// The group's label ("Label" in the current layout, "Type" in the older one),
/// without Google's "* " primary mark.
fn label(row: &[String], group: &Group) -> String {
    part(row, group, &["Label", "Type"]).trim_start_matches('*').trim().to_string()
}

fn labelled(what: &str, label: &str) -> String {
    if label.is_empty() {
        what.to_string()
    } else {
        format!("{what} ({label})")
    }
}

fn split(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(MULTI).map(str::trim).filter(|v| !v.is_empty())
}

/// Every value of the numbered groups, the group Google marks primary
/// (label "* Work") first, the rest in the file's order.
fn primary_first(row: &[String], groups: &BTreeMap<u32, Group>) -> Vec<String> {
    let mut ordered: Vec<(bool, &Group)> =
        groups.values().map(|g| (!part(row, g, &["Label", "Type"]).trim_start().starts_with('*'), g)).collect();
    ordered.sort_by_key(|(secondary, _)| *secondary);
    ordered.into_iter().flat_map(|(_, g)| split(part(row, g, &["Value"])).map(str::to_string).collect::<Vec<_>>()).collect()
}
