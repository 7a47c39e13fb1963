//! CSV import of contacts, accounts, deals, activities and survey answers: read
//! the file, map columns to fields, check every row, and produce the documents
//! to write (all or nothing) plus the rejected rows with reasons (downloadable
//! as CSV).

mod fields;
mod plan;
mod table;

pub use fields::{fields, guess_mapping, FieldSpec, ImportKind};
pub use plan::{
    parse_channel, parse_date, parse_kind, parse_survey_kind, Context, Planner, Problem, Rejected,
    RowError,
};
pub use table::{parse, Table, TableError};

/// The rejected rows as CSV: the file's own columns plus a last column with the
/// reasons, so a person can fix them and import that file again.
pub fn rejected_csv(
    table: &Table,
    rejected: &[Rejected],
    reason: impl Fn(&RowError) -> String,
    reason_header: &str,
) -> String {
    let mut headers = table.headers.clone();
    headers.push(reason_header.to_string());
    let rows = rejected.iter().map(|r| {
        let mut cells = table.rows[r.row].clone();
        cells.truncate(table.headers.len());
        cells.push(r.errors.iter().map(&reason).collect::<Vec<_>>().join("; "));
        cells
    });
    crate::domain::csv_out::to_csv(&headers, rows)
}

#[cfg(test)]
mod tests;
