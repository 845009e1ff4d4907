//! LinkedIn's Connections.csv: one row per connection, most without an
//! e-mail (members choose whether connections may export it).

use chrono::NaiveDate;

use super::draft::Draft;
use super::table::{cell, Table};
use super::{Parsed, Position};

pub(crate) fn read(table: &Table) -> Vec<Parsed> {
    let col = |names: &[&str]| table.col(names);
    let (first, last, url, email) = (col(&["First Name"]), col(&["Last Name"]), col(&["URL"]), col(&["Email Address"]));
    let (company, position, connected) = (col(&["Company"]), col(&["Position"]), col(&["Connected On"]));
    table
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let at = Position::Row(i + 2);
            if cell(row, first).is_empty() && cell(row, last).is_empty() {
                // Deactivated or hidden members come out with no name: nothing to import.
                return Parsed::Skipped { at, reason: "no name: a LinkedIn member who left or hides their profile".into() };
            }
            let mut d = Draft {
                given: Some(cell(row, first).to_string()),
                family: Some(cell(row, last).to_string()),
                organisation: Some(cell(row, company).to_string()),
                title: Some(cell(row, position).to_string()),
                ..Draft::default()
            };
            d.email(cell(row, email));
            d.line("LinkedIn", cell(row, url));
            let on = cell(row, connected);
            if !on.is_empty() {
                let on =
                    NaiveDate::parse_from_str(on, "%d %b %Y").map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_else(|_| on.to_string());
                d.extra.push(format!("LinkedIn: connected on {on}"));
            }
            d.finish(at)
        })
        .collect()
}
