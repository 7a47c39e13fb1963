//! Charts drawn by the app as SVG (no chart library, no JS runtime). Each has a
//! text summary and a table with the same numbers, so nothing is only visual.

mod bars;
mod line;
pub mod scale;

pub use bars::{Bar, BarChart};
pub use line::{LineChart, Series};
