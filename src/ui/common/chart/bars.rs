//! A horizontal bar chart (funnels, breakdowns) drawn as SVG, with its table
//! alternative.

use super::scale::{bar_length, clip};
use super::{cell_content, CellView};
use leptos::prelude::*;

/// One bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// What it measures.
    pub label: String,
    /// Its length (≥ 0).
    pub value: f64,
    /// The value as shown (count, percentage, money).
    pub text: String,
    /// More for the table, e.g. a conversion rate.
    pub note: String,
}

const W: f64 = 640.0;
/// Height of one bar's row: its label line, then the bar.
const ROW: f64 = 40.0;
const BAR: f64 = 13.0;
/// Characters of a label that fit beside its value on one line.
const LABEL_CHARS: usize = 44;

/// Horizontal bars scaled to the largest, each under its label and value,
/// with a summary and a table.
#[component]
pub fn BarChart(
    /// Accessible name.
    #[prop(into)]
    title: String,
    /// What the chart shows, in a sentence.
    #[prop(into)]
    summary: String,
    /// The bars, top to bottom.
    bars: Vec<Bar>,
    /// Column names for the table: label, value, note.
    columns: [String; 3],
    /// The table toggle's text.
    #[prop(into)]
    table_label: String,
    /// Renders table cells `(bar, column, text)` instead of the plain text
    /// (column 0 the value, 1 the note), e.g. as drill-down buttons.
    #[prop(optional)]
    cell: Option<CellView>,
) -> impl IntoView {
    let id = format!("chart-{}", js_sys::Math::random().to_bits());
    let desc_id = format!("{id}-d");
    let max = bars.iter().map(|b| b.value).fold(0.0, f64::max);
    let [c_label, c_value, c_note] = columns;
    let has_note = bars.iter().any(|b| !b.note.is_empty());
    let height = ROW * bars.len().max(1) as f64 + 4.0;
    view! {
        <figure class="chart">
            <svg
                viewBox=format!("0 0 {W} {height}")
                class="bar-chart"
                role="img"
                aria-label=title.clone()
                aria-describedby=desc_id.clone()
            >
                {bars
                    .iter()
                    .enumerate()
                    .map(|(i, b)| {
                        let top = ROW * i as f64;
                        let value = if b.note.is_empty() {
                            b.text.clone()
                        } else {
                            format!("{} · {}", b.text, b.note)
                        };
                        view! {
                            <g class="bar-row">
                                <title>{format!("{}: {value}", b.label)}</title>
                                <text class="bar-label" x="0" y=top + 15.0>
                                    {clip(&b.label, LABEL_CHARS)}
                                </text>
                                <text class="bar-value" x=W y=top + 15.0 text-anchor="end">
                                    {value}
                                </text>
                                <rect
                                    class="bar-track"
                                    x="0"
                                    y=top + 21.0
                                    width=W
                                    height=BAR
                                    rx="3"
                                />
                                <rect
                                    class="bar-fill"
                                    x="0"
                                    y=top + 21.0
                                    width=format!("{:.1}", bar_length(b.value, max, W))
                                    height=BAR
                                    rx="3"
                                />
                            </g>
                        }
                    })
                    .collect_view()}
            </svg>
            <figcaption id=desc_id>{summary}</figcaption>
            <details class="chart-table">
                <summary>{table_label}</summary>
                <table>
                    <caption class="sr-only">{title}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{c_label}</th>
                            <th scope="col">{c_value}</th>
                            {has_note.then(|| view! { <th scope="col">{c_note}</th> })}
                        </tr>
                    </thead>
                    <tbody>
                        {bars
                            .into_iter()
                            .enumerate()
                            .map(|(i, b)| {
                                view! {
                                    <tr>
                                        <th scope="row">{b.label}</th>
                                        <td class="num">{cell_content(&cell, i, 0, b.text)}</td>
                                        {has_note
                                            .then(|| {
                                                view! { <td>{cell_content(&cell, i, 1, b.note)}</td> }
                                            })}
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </details>
        </figure>
    }
}
