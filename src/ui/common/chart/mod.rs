//! Charts drawn by the app as SVG (no chart library, no JS runtime). Each has a
//! text summary and a table with the same numbers, so nothing is only visual.

mod bars;
mod line;
pub mod scale;

pub use bars::{Bar, BarChart};
pub use line::{LineChart, Series};

use leptos::prelude::*;
use std::sync::Arc;

/// Renders one cell of a chart's table alternative: `(row, column, text)` →
/// the cell's content, where `text` is what the chart would show. A line
/// chart's rows are its points and its columns its series; a bar chart's rows
/// are its bars, column 0 the value and column 1 the note. Lets a screen put,
/// say, a drill-down button in a cell without the chart knowing about it.
pub type CellView = Arc<dyn Fn(usize, usize, String) -> AnyView + Send + Sync>;

/// A table cell's content: `cell`'s rendering, else the text.
fn cell_content(cell: &Option<CellView>, row: usize, col: usize, text: String) -> AnyView {
    match cell {
        Some(c) => c(row, col, text),
        None => text.into_any(),
    }
}
