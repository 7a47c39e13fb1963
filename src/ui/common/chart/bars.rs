//! A horizontal bar chart (funnels, breakdowns), with its table alternative.

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

/// Horizontal bars scaled to the largest, with a summary and a table.
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
) -> impl IntoView {
    let max = bars.iter().map(|b| b.value).fold(0.0, f64::max);
    let [c_label, c_value, c_note] = columns;
    let has_note = bars.iter().any(|b| !b.note.is_empty());
    view! {
        <figure class="chart">
            <div class="bar-chart" role="img" aria-label=title.clone()>
                {bars.iter().map(|b| {
                    let pct = if max > 0.0 { (b.value / max * 100.0).clamp(0.0, 100.0) } else { 0.0 };
                    view! {
                        <div class="bar-row" aria-hidden="true">
                            <span class="bar-label">{b.label.clone()}</span>
                            <span class="bar-track"><span class="bar-fill" style:width=format!("{pct:.1}%")></span></span>
                            <span class="bar-value">{b.text.clone()}{(!b.note.is_empty()).then(|| format!(" · {}", b.note))}</span>
                        </div>
                    }
                }).collect_view()}
            </div>
            <figcaption>{summary}</figcaption>
            <details class="chart-table">
                <summary>{table_label}</summary>
                <table>
                    <caption class="sr-only">{title}</caption>
                    <thead><tr>
                        <th scope="col">{c_label}</th>
                        <th scope="col">{c_value}</th>
                        {has_note.then(|| view! { <th scope="col">{c_note}</th> })}
                    </tr></thead>
                    <tbody>
                        {bars.into_iter().map(|b| view! {
                            <tr><th scope="row">{b.label}</th><td class="num">{b.text}</td>{has_note.then(|| view! { <td>{b.note}</td> })}</tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
        </figure>
    }
}
