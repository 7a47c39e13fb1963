//! A line chart over labelled periods, with its table alternative.

use super::scale::{line_path, Scale};
use super::{cell_content, CellView};
use leptos::prelude::*;

/// One line: a name and a value per x label (`None` = no data, drawn as a gap).
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Legend and column name.
    pub name: String,
    /// One value per x label.
    pub values: Vec<Option<f64>>,
}

const W: f64 = 640.0;
const H: f64 = 220.0;
const LEFT: f64 = 52.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 30.0;

/// A line chart with a summary and a "show as table" alternative.
#[component]
pub fn LineChart<F>(
    /// Accessible name of the chart.
    #[prop(into)]
    title: String,
    /// A sentence saying what the chart shows (visible, and its description).
    #[prop(into)]
    summary: String,
    /// The x axis' name (first table column).
    #[prop(into)]
    x_name: String,
    /// One label per point.
    x_labels: Vec<String>,
    /// The lines.
    series: Vec<Series>,
    /// Formats a value for ticks and table cells (in the UI locale).
    format: F,
    /// The table toggle's text.
    #[prop(into)]
    table_label: String,
    /// What an empty cell says.
    #[prop(into)]
    no_data: String,
    /// Renders table cells `(point, series, text)` instead of the plain text,
    /// e.g. as drill-down buttons (see [`CellView`]).
    #[prop(optional)]
    cell: Option<CellView>,
) -> impl IntoView
where
    F: Fn(f64) -> String + 'static,
{
    let id = format!("chart-{}", js_sys::Math::random().to_bits());
    let values: Vec<f64> = series
        .iter()
        .flat_map(|s| s.values.iter().flatten().copied())
        .collect();
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let scale = Scale::nice(lo.min(0.0), hi, 4);
    let n = x_labels.len().max(1);
    let step = (W - LEFT - RIGHT) / (n.saturating_sub(1).max(1)) as f64;
    let x = move |i: usize| {
        if n == 1 {
            (LEFT + W - RIGHT) / 2.0
        } else {
            LEFT + step * i as f64
        }
    };
    let y = {
        let scale = scale.clone();
        move |v: f64| scale.place(v, H - BOTTOM, TOP)
    };
    // Label every k-th period so labels never overlap (about 12 fit).
    let every = n.div_ceil(12).max(1);
    let desc_id = format!("{id}-d");
    view! {
        <figure class="chart">
            <svg
                viewBox=format!("0 0 {W} {H}")
                class="line-chart"
                role="img"
                aria-label=title.clone()
                aria-describedby=desc_id.clone()
            >
                {scale
                    .ticks
                    .iter()
                    .map(|t| {
                        let ty = y(*t);
                        view! {
                            <line class="grid" x1=LEFT y1=ty x2=W - RIGHT y2=ty />
                            <text class="tick" x=LEFT - 6.0 y=ty + 4.0 text-anchor="end">
                                {format(*t)}
                            </text>
                        }
                    })
                    .collect_view()}
                // The last label ends at the plot's edge, so it is never cut off.
                {x_labels
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| i % every == 0 || *i + 1 == n)
                    .map(|(i, l)| {
                        view! {
                            <text
                                class="tick"
                                x=x(i)
                                y=H - 10.0
                                text-anchor={if n > 1 && i + 1 == n { "end" } else { "middle" }}
                            >
                                {l.clone()}
                            </text>
                        }
                    })
                    .collect_view()}
                {series
                    .iter()
                    .enumerate()
                    .map(|(k, s)| {
                        let d = line_path(&s.values, x, &y);
                        view! {
                            <g class=format!("series s{k}")>
                                <path d=d fill="none" />
                                {s
                                    .values
                                    .iter()
                                    .enumerate()
                                    .filter_map(|(i, v)| {
                                        v.map(|v| {
                                            view! {
                                                <circle cx=x(i) cy=y(v) r="3">
                                                    <title>
                                                        {format!("{} · {}: {}", s.name, x_labels[i], format(v))}
                                                    </title>
                                                </circle>
                                            }
                                        })
                                    })
                                    .collect_view()}
                            </g>
                        }
                    })
                    .collect_view()}
            </svg>
            <ul class="legend" aria-hidden="true">
                {series
                    .iter()
                    .enumerate()
                    .map(|(k, s)| {
                        view! {
                            <li class=format!("s{k}")>
                                <span class="swatch"></span>
                                {s.name.clone()}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <figcaption id=desc_id>{summary}</figcaption>
            <details class="chart-table">
                <summary>{table_label}</summary>
                <table>
                    <caption class="sr-only">{title}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{x_name}</th>
                            {series
                                .iter()
                                .map(|s| view! { <th scope="col">{s.name.clone()}</th> })
                                .collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {x_labels
                            .iter()
                            .enumerate()
                            .map(|(i, l)| {
                                view! {
                                    <tr>
                                        <th scope="row">{l.clone()}</th>
                                        {series
                                            .iter()
                                            .enumerate()
                                            .map(|(k, s)| {
                                                let text = s
                                                    .values
                                                    .get(i)
                                                    .copied()
                                                    .flatten()
                                                    .map(&format)
                                                    .unwrap_or_else(|| no_data.clone());
                                                view! {
                                                    <td class="num">{cell_content(&cell, i, k, text)}</td>
                                                }
                                            })
                                            .collect_view()}
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
