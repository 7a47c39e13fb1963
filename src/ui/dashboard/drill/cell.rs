//! A figure in a table cell as a button that opens the records behind it, and
//! the same for the cells of a chart's table alternative.

use super::Drill;
use crate::domain::dashboard::DashboardIndex;
use crate::i18n::*;
use crate::ui::common::chart::CellView;
use crate::ui::common::number_locale;
use leptos::prelude::*;
use std::sync::Arc;

/// How a breakdown's figure is named in its drill-down: "NPS — Consideration".
pub fn figure_name(figure: &str, row: &str) -> String {
    format!("{figure} — {row}")
}

/// A figure in a table cell: its value (and record count), as a button that
/// lists the records behind it in the drill-down dialog; plain text when no
/// record is behind it.
#[component]
pub fn DrillCount(
    /// The figure and the row it belongs to (the dialog's title), see [`figure_name`].
    #[prop(into)]
    figure: String,
    /// The value as shown ("—" when there is nothing to compute from).
    #[prop(into)]
    text: String,
    /// A record count to show after the value, "(n)", when the value is not
    /// itself the count.
    #[prop(default = None)]
    count: Option<u32>,
    /// Record indexes behind it (see `DashboardIndex::doc_id`).
    records: Vec<u32>,
    /// The index the records point into.
    index: Arc<DashboardIndex>,
) -> impl IntoView {
    let i18n = use_i18n();
    let shown = match count {
        Some(n) if n > 0 => format!(
            "{text} ({})",
            number_locale(i18n).format_count(u64::from(n))
        ),
        _ => text,
    };
    if records.is_empty() {
        return shown.into_any();
    }
    let drill = expect_context::<Drill>();
    let label = t_string!(i18n, dashboard.drill_cell, value = &shown, figure = &figure);
    view! {
        <button
            type="button"
            class="link-button drill-cell"
            aria-label=label
            on:click=move |_| drill.open(figure.clone(), &records, &index)
        >
            {shown}
        </button>
    }
    .into_any()
}

/// What one cell of a chart's table drills into.
#[derive(Clone, Debug, Default)]
pub struct Point {
    /// The figure and its row (the dialog's title), see [`figure_name`].
    pub figure: String,
    /// The value as shown instead of the chart's own text (e.g. full money
    /// where the axis is abbreviated); `None` keeps the chart's.
    pub text: Option<String>,
    /// A record count to show after the value.
    pub count: Option<u32>,
    /// The records behind it.
    pub records: Vec<u32>,
}

/// A chart table's cells as [`DrillCount`]s: `points[row][column]` (see
/// [`CellView`] for what rows and columns are); a cell with no point shows
/// the chart's text.
pub fn cells(index: Arc<DashboardIndex>, points: Vec<Vec<Point>>) -> CellView {
    Arc::new(
        move |row, col, text| match points.get(row).and_then(|r| r.get(col)) {
            Some(p) => view! {
                <DrillCount
                    figure=p.figure.clone()
                    text=p.text.clone().unwrap_or(text)
                    count=p.count
                    records=p.records.clone()
                    index=index.clone()
                />
            }
            .into_any(),
            None => text.into_any(),
        },
    )
}
