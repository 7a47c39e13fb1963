//! Reading a CSV file into a table: UTF-8 (a byte-order mark is dropped), the
//! delimiter guessed from the header line (`,` `;` or tab, as spreadsheets in
//! Vietnamese locales often write `;`), quoted fields with commas and newlines.

use thiserror::Error;

/// A parsed file: header names and rows of cells, with each row's line number.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// Column names from the first line, trimmed.
    pub headers: Vec<String>,
    /// Data rows; short rows are padded with empty cells.
    pub rows: Vec<Vec<String>>,
    /// 1-based line where each row starts in the file.
    pub lines: Vec<u64>,
}

/// Why a file could not be read at all.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum TableError {
    /// The file is empty or has only a header.
    #[error("the file has no rows")]
    Empty,
    /// Not UTF-8 (e.g. saved as Windows-1258); `line` is where the first bad byte is.
    #[error("the file is not UTF-8 text (line {line})")]
    NotUtf8 {
        /// 1-based line of the first invalid byte.
        line: u64,
    },
    /// The CSV structure is broken (e.g. an unterminated quote).
    #[error("the CSV could not be read at line {line}: {reason}")]
    Malformed {
        /// 1-based line.
        line: u64,
        /// What the CSV reader said.
        reason: String,
    },
    /// Two columns share a name, so a mapping would be ambiguous.
    #[error("the column {0:?} appears twice")]
    DuplicateHeader(String),
}

fn delimiter(first_line: &str) -> u8 {
    let count = |c: char| first_line.matches(c).count();
    [(b',', count(',')), (b';', count(';')), (b'\t', count('\t'))]
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map(|(d, _)| d)
        .unwrap_or(b',')
}

/// Parses a whole file.
pub fn parse(bytes: &[u8]) -> Result<Table, TableError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| TableError::NotUtf8 {
        line: 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64,
    })?;
    let first = text.lines().next().unwrap_or("");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(first))
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| malformed(&e))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    for (i, h) in headers.iter().enumerate() {
        if !h.is_empty() && headers[..i].iter().any(|o| o.eq_ignore_ascii_case(h)) {
            return Err(TableError::DuplicateHeader(h.clone()));
        }
    }
    let mut table = Table {
        headers,
        ..Table::default()
    };
    let width = table.headers.len();
    // Newlines are counted once, from where the previous record started.
    let (mut counted_to, mut line) = (0usize, 1u64);
    for record in reader.records() {
        let record = record.map_err(|e| malformed(&e))?;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue; // blank lines, common at the end of spreadsheet exports
        }
        let mut row: Vec<String> = record.iter().map(str::to_owned).collect();
        if row.len() < width {
            row.resize(width, String::new());
        }
        // Count newlines up to the record's first byte ourselves: the reader's own
        // line counter skips blank lines, and its position sits before the line end.
        let mut start = record.position().map(|p| p.byte() as usize).unwrap_or(0);
        while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        let start = start.min(text.len()).max(counted_to);
        line += text.as_bytes()[counted_to..start]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64;
        counted_to = start;
        table.lines.push(line);
        table.rows.push(row);
    }
    if table.rows.is_empty() {
        return Err(TableError::Empty);
    }
    Ok(table)
}

fn malformed(e: &csv::Error) -> TableError {
    TableError::Malformed {
        line: e.position().map(|p| p.line()).unwrap_or(0),
        reason: e.to_string(),
    }
}
