//! Figures computed from the records, as the map shows them: the persona line
//! above the grid and the live cells of the touchpoints, channels and metrics
//! lanes. Every figure says how many records it rests on and opens the list
//! of contacts behind it.

use super::editor::{use_editor, Drill};
use super::labels::{metric_label, metric_value};
use crate::domain::journey::compare::Metric;
use crate::domain::journey::metrics::{Figure, StageFigures};
use crate::domain::records::LaneKind;
use crate::i18n::*;
use crate::ui::common::{activity_kind_label, channel_label, journey_stage_label, number_locale};
use leptos::prelude::*;
use leptos_i18n::I18nContext;

/// The metrics a stage's metrics cell lists: the per-stage ones except the
/// mean emotion, which the emotion lane draws.
fn stage_metrics() -> impl Iterator<Item = Metric> {
    Metric::STAGE
        .into_iter()
        .filter(|m| *m != Metric::MeanEmotion)
}

/// "n = 42": what a figure rests on.
fn based_on(i18n: I18nContext<Locale>, n: u32) -> String {
    t_string!(
        i18n,
        journey.map_based_on,
        n = number_locale(i18n).format_count(n as u64)
    )
}

/// One figure as a button that opens its drill-down.
fn figure_button(
    i18n: I18nContext<Locale>,
    m: Metric,
    f: &Figure,
    context: String,
) -> impl IntoView {
    let editor = use_editor();
    let name = metric_label(i18n, m);
    let value = metric_value(i18n, m, f.value);
    let basis = based_on(i18n, f.based_on);
    let title = format!("{name} — {context}");
    let contacts = f.contacts.clone();
    let empty = contacts.is_empty();
    view! {
        <button
            type="button"
            class="figure"
            disabled=empty
            on:click=move |_| {
                if let Some(index) = editor.index.get_untracked() {
                    editor
                        .drill
                        .set(
                            Some(Drill {
                                title: title.clone(),
                                contacts: contacts.clone(),
                                index,
                            }),
                        );
                }
            }
        >
            <span class="f-name">{name}</span>
            <span class="f-value">{value}</span>
            <span class="f-basis">{basis}</span>
        </button>
    }
}

/// Plain-text lines of a live cell, for the CSV and SVG exports.
pub fn live_text(i18n: I18nContext<Locale>, kind: LaneKind, f: &StageFigures) -> String {
    let nl = number_locale(i18n);
    match kind {
        LaneKind::Touchpoints => f
            .touchpoints
            .iter()
            .map(|(k, n)| {
                format!(
                    "{} {}",
                    activity_kind_label(i18n, *k),
                    nl.format_count(*n as u64)
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
        LaneKind::Channels => f
            .channels
            .iter()
            .map(|(c, n)| format!("{} {}", channel_label(i18n, *c), nl.format_count(*n as u64)))
            .collect::<Vec<_>>()
            .join("\n"),
        LaneKind::Metrics => {
            let mut lines: Vec<String> = stage_metrics()
                .filter_map(|m| {
                    let fig = m.of_stage(f)?;
                    fig.value.map(|_| {
                        format!(
                            "{}: {} ({})",
                            metric_label(i18n, m),
                            metric_value(i18n, m, fig.value),
                            based_on(i18n, fig.based_on)
                        )
                    })
                })
                .collect();
            lines.extend(f.churn_reasons.iter().map(|(r, n)| {
                let reason = if r.is_empty() {
                    t_string!(i18n, journey.map_no_reason).to_string()
                } else {
                    r.clone()
                };
                format!(
                    "{}: {reason} {}",
                    t_string!(i18n, journey.map_churn_reason),
                    nl.format_count(*n as u64)
                )
            }));
            lines.join("\n")
        }
        LaneKind::Emotion => f
            .mean_emotion
            .value
            .map(|v| {
                t_string!(
                    i18n,
                    journey.map_recorded_point,
                    v = nl.format_decimal(v, 1),
                    n = nl.format_count(f.mean_emotion.based_on as u64)
                )
            })
            .unwrap_or_default(),
        _ => String::new(),
    }
}

/// The computed part of a live cell for `stage`.
#[component]
pub fn LiveCell(
    /// The lane's kind.
    kind: LaneKind,
    /// The stage id of the column.
    stage: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let editor = use_editor();
    let ws = crate::ui::common::use_workspace();
    move || {
        let figures = editor.figures.get()?;
        let f = figures.stages.iter().find(|s| s.stage == stage)?.clone();
        let nl = number_locale(i18n);
        let context = ws.settings.with(|s| journey_stage_label(i18n, s, &stage));
        Some(match kind {
            LaneKind::Touchpoints | LaneKind::Channels => {
                let rows: Vec<(String, u32)> = if kind == LaneKind::Touchpoints {
                    f.touchpoints.iter().map(|(k, n)| (activity_kind_label(i18n, *k), *n)).collect()
                } else {
                    f.channels.iter().map(|(c, n)| (channel_label(i18n, *c), *n)).collect()
                };
                let total: u32 = rows.iter().map(|r| r.1).sum();
                view! {
                    <div class="live">
                        <p class="live-h">
                            {t!(i18n, journey.map_from_records)}" · "{based_on(i18n, total)}
                        </p>
                        {if rows.is_empty() {
                            view! { <p class="muted">{t!(i18n, journey.map_no_records)}</p> }
                                .into_any()
                        } else {
                            view! {
                                <ul class="jm-counts">
                                    {rows
                                        .into_iter()
                                        .map(|(l, n)| {
                                            view! {
                                                <li>
                                                    <span>{l}</span>
                                                    <span class="num">{nl.format_count(n as u64)}</span>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }}
                    </div>
                }.into_any()
            }
            LaneKind::Metrics => view! {
                <div class="live">
                    <p class="live-h">{t!(i18n, journey.map_from_records)}</p>
                    <div class="figures">
                        {stage_metrics()
                            .filter_map(|m| {
                                let fig = m.of_stage(&f)?;
                                (m != Metric::Conversion || fig.value.is_some() || fig.based_on > 0)
                                    .then(|| figure_button(i18n, m, fig, context.clone()))
                            })
                            .collect_view()}
                    </div>
                    {(!f.churn_reasons.is_empty())
                        .then(|| {
                            view! {
                                <p class="live-h">{t!(i18n, journey.map_churn_reasons)}</p>
                                <ul class="jm-counts">
                                    {f
                                        .churn_reasons
                                        .iter()
                                        .map(|(r, n)| {
                                            view! {
                                                <li>
                                                    <span>
                                                        {if r.is_empty() {
                                                            t_string!(i18n, journey.map_no_reason).to_string()
                                                        } else {
                                                            r.clone()
                                                        }}
                                                    </span>
                                                    <span class="num">{nl.format_count(*n as u64)}</span>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                        })}
                </div>
            }.into_any(),
            _ => ().into_any(),
        })
    }
}

/// The persona-wide figures above the grid.
#[component]
pub fn PersonaFiguresBar() -> impl IntoView {
    let i18n = use_i18n();
    let editor = use_editor();
    move || {
        let f = editor.figures.get()?;
        let all = t_string!(i18n, journey.map_all_stages).to_string();
        Some(view! {
            <section
                class="persona-figures"
                aria-label=move || t_string!(i18n, journey.map_persona_figures)
            >
                {figure_button(i18n, Metric::Nps, &f.nps, all.clone())}
                {figure_button(i18n, Metric::Csat, &f.csat, all.clone())}
                {figure_button(i18n, Metric::Ces, &f.ces, all.clone())}
            </section>
        })
    }
}
