//! Writing CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel reads
//! Vietnamese correctly), CRLF line ends, quoting by the `csv` crate, and cells
//! that a spreadsheet would run as formulas defused with a leading apostrophe.

/// Prefixes a cell that starts like a formula (`=`, `+`, `-`, `@`, tab, CR).
pub fn defuse(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// A CSV document from a header row and rows of cells.
pub fn to_csv<S: AsRef<str>>(headers: &[S], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let _ = w.write_record(headers.iter().map(|h| h.as_ref()));
    for row in rows {
        let _ = w.write_record(row.iter().map(|c| defuse(c)));
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8(bytes).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_commas_newlines_and_defuses_formulas() {
        let out = to_csv(
            &["Tên", "Ghi chú"],
            vec![
                vec!["Nguyễn, An".to_string(), "dòng 1\ndòng 2".to_string()],
                vec!["=HYPERLINK(\"x\")".to_string(), "-5".to_string()],
                vec!["\"quoted\"".to_string(), String::new()],
            ],
        );
        assert_eq!(
            out,
            "\u{feff}Tên,Ghi chú\r\n\"Nguyễn, An\",\"dòng 1\ndòng 2\"\r\n\"'=HYPERLINK(\"\"x\"\")\",'-5\r\n\"\"\"quoted\"\"\",\r\n"
        );
    }
}
