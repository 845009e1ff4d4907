//! CSV files as a header and rows of cleaned cells, whatever the separator.

use std::cell::RefCell;
use std::collections::BTreeSet;

use super::text::clean;
use super::{ContactsError, UnreadColumn};

pub(crate) struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// The columns a reader asked for. Every lookup goes through `col` (or
    /// `mark`), so what no reader asked for is exactly what the preview must
    /// list as not imported: the list can't drift from the readers.
    read: RefCell<BTreeSet<usize>>,
}

impl Table {
    /// Reads from the header line at byte `start` of `text` (LinkedIn puts notes
    /// before it). Rows may be shorter or longer than the header; missing cells read as "".
    pub fn read(text: &str, start: usize) -> Result<Table, ContactsError> {
        let body = text.get(start..).unwrap_or("");
        let first_line = body.lines().next().unwrap_or("");
        let mut reader =
            csv::ReaderBuilder::new().delimiter(separator(first_line)).has_headers(false).flexible(true).from_reader(body.as_bytes());
        let mut records = reader.records();
        let headers: Vec<String> = match records.next() {
            Some(Ok(h)) => h.iter().map(|c| clean(c.trim_start_matches('\u{feff}'))).collect(),
            Some(Err(e)) => return Err(ContactsError::Unreadable { detail: e.to_string() }),
            None => Vec::new(),
        };
        let mut rows = Vec::new();
        for record in records {
            let record = record.map_err(|e| ContactsError::Unreadable { detail: e.to_string() })?;
            rows.push(record.iter().map(clean).collect());
        }
        Ok(Table { headers, rows, read: RefCell::default() })
    }

    /// The first column whose header is one of `names` (case-insensitive),
    /// from then on counted as read.
    pub fn col(&self, names: &[&str]) -> Option<usize> {
        let found =
            names.iter().find_map(|n| self.headers.iter().position(|h| h.eq_ignore_ascii_case(n) || h.to_lowercase() == n.to_lowercase()));
        if let Some(i) = found {
            self.mark(i);
        }
        found
    }

    /// Counts a column found some other way (by its position, a numbered group) as read.
    pub fn mark(&self, column: usize) {
        self.read.borrow_mut().insert(column);
    }

    /// The columns with a value in some row that no reader asked for, in the
    /// file's order. `blank` tells a value that says nothing (an exporter's
    /// placeholder) from one the person would miss.
    pub fn unread(&self, blank: impl Fn(&str) -> bool) -> Vec<UnreadColumn> {
        let read = self.read.borrow();
        let width = self.rows.iter().map(Vec::len).max().unwrap_or(0).max(self.headers.len());
        (0..width)
            .filter(|i| !read.contains(i))
            .filter_map(|i| {
                let column = self.headers.get(i).cloned().unwrap_or_default();
                let filled = self.rows.iter().filter(|r| r.get(i).is_some_and(|v| !v.is_empty() && !blank(v))).count();
                (filled > 0).then_some(UnreadColumn { column, number: i + 1, filled })
            })
            .collect()
    }

    pub fn available(&self) -> String {
        self.headers.iter().filter(|h| !h.is_empty()).map(|h| format!("\"{h}\"")).collect::<Vec<_>>().join(", ")
    }
}

/// A row's cell, "" when the row is short or there is no such column.
pub(crate) fn cell(row: &[String], col: Option<usize>) -> &str {
    col.and_then(|i| row.get(i)).map(String::as_str).unwrap_or("")
}

/// The separator the header line uses: `,`, `;` (Excel in Spanish and other
/// locales with a decimal comma) or tab; quoted text doesn't count.
pub(crate) fn separator(header_line: &str) -> u8 {
    let (mut comma, mut semi, mut tab, mut quoted) = (0, 0, 0, false);
    for c in header_line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => comma += 1,
            ';' if !quoted => semi += 1,
            '\t' if !quoted => tab += 1,
            _ => {}
        }
    }
    if tab > comma && tab > semi {
        b'\t'
    } else if semi > comma {
        b';'
    } else {
        b','
    }
}

/// Byte offset of the first line that isn't blank.
pub(crate) fn first_content_line(text: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if !line.trim().trim_start_matches('\u{feff}').trim().is_empty() {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators() {
        assert_eq!(separator("Nombre;Correo;\"Notas, varias\""), b';');
        assert_eq!(separator("a\tb\tc"), b'\t');
        assert_eq!(separator("a,b;c,d"), b',');
        assert_eq!(separator("\"a;b;c\",d"), b',');
    }

    #[test]
    fn short_rows_and_multiline_cells() {
        let t = Table::read("\n\nA,B,C\n1,\"dos\r\nlíneas, y coma\"\n3\n", 2).unwrap();
        assert_eq!(t.headers, ["A", "B", "C"]);
        assert_eq!(t.rows[0], ["1", "dos\nlíneas, y coma"]);
        assert_eq!(cell(&t.rows[1], t.col(&["c"])), "");
        assert_eq!(cell(&t.rows[1], t.col(&["a"])), "3");
    }

    #[test]
    fn columns_no_reader_asked_for_are_unread_with_how_many_rows_fill_them() {
        let t = Table::read("A,B,C\n1,,x\n2,,y,extra\n", 0).unwrap();
        t.col(&["a"]);
        let unread = t.unread(|v| v == "y");
        assert_eq!(
            unread,
            [UnreadColumn { column: "C".into(), number: 3, filled: 1 }, UnreadColumn { column: String::new(), number: 4, filled: 1 }],
            "B is empty, C's \"y\" is a placeholder, the cell past the header is data"
        );
    }
}
