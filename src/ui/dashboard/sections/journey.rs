//! The journey: funnel with stage conversion and time in stage; retention,
//! churn reasons and net revenue retention.

use super::super::drill::{cells, figure_name, DrillCount, Point};
use super::super::format::{based, count, days, month, pct, pct100, whole, Unit};
use super::super::tile::Tile;
use crate::domain::dashboard::{DashboardFigures, DashboardIndex};
use crate::i18n::*;
use crate::ui::common::chart::{Bar, BarChart, LineChart, Series};
use crate::ui::common::{journey_stage_label, money, number_locale, use_workspace};
use leptos::prelude::*;
use std::sync::Arc;

/// Funnel by journey stage.
#[component]
pub fn FunnelSection(
    /// The figures.
    f: DashboardFigures,
    /// Their index.
    ix: Arc<DashboardIndex>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let stage_label = move |id: &str| {
        ws.settings
            .with_untracked(|s| journey_stage_label(i18n, s, id))
    };
    let bars: Vec<Bar> = f
        .funnel
        .stages
        .iter()
        .map(|s| Bar {
            label: stage_label(&s.stage),
            value: s.reached.value.unwrap_or(0.0),
            text: count(i18n, s.reached.value),
            note: s
                .conversion
                .value
                .map(|c| t_string!(i18n, dashboard.conv_next, p = pct(i18n, Some(c))))
                .unwrap_or_default(),
        })
        .collect();
    // The table's cells: reached (column 0) and conversion to the next stage (1).
    let (reached_name, conv_name) = (
        t_string!(i18n, dashboard.reached),
        t_string!(i18n, dashboard.conversion),
    );
    let points: Vec<Vec<Point>> = f
        .funnel
        .stages
        .iter()
        .zip(&bars)
        .map(|(s, b)| {
            vec![
                Point {
                    figure: figure_name(reached_name, &b.label),
                    text: None,
                    count: None,
                    records: s.reached.records.clone(),
                },
                Point {
                    figure: figure_name(conv_name, &b.label),
                    text: None,
                    count: s
                        .conversion
                        .value
                        .map(|_| s.conversion.records.len() as u32),
                    records: s.conversion.records.clone(),
                },
            ]
        })
        .collect();
    let first = f.funnel.stages.first().and_then(|s| s.reached.value);
    let last = f.funnel.stages.last().and_then(|s| s.reached.value);
    let summary = t_string!(
        i18n,
        dashboard.funnel_summary,
        count = whole(first),
        first = count(i18n, first),
        last = count(i18n, last),
        stage = f
            .funnel
            .stages
            .last()
            .map(|s| stage_label(&s.stage))
            .unwrap_or_default()
    );
    let d = f.funnel.days_to_purchase.clone();
    let nl = number_locale(i18n);
    view! {
        <section class="card dash-section" aria-labelledby="dash-funnel-h">
            <h2 id="dash-funnel-h">{t!(i18n, dashboard.funnel)}</h2>
            <BarChart
                title=t_string!(i18n, dashboard.funnel_chart)
                summary
                bars
                columns=[
                    t_string!(i18n, common.col_stage).to_string(),
                    reached_name.to_string(),
                    conv_name.to_string(),
                ]
                table_label=t_string!(i18n, dashboard.chart_table)
                cell=cells(ix.clone(), points)
            />
            <div class="tiles">
                <Tile
                    label=t_string!(i18n, dashboard.to_purchase).to_string()
                    value=days(i18n, d.value)
                    based=based(i18n, &d, Unit::Customers)
                    records=d.records.clone()
                    index=ix.clone()
                />
            </div>
            <div class="table-scroll">
                <table>
                    <caption>{t!(i18n, dashboard.time_in_stage)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, common.col_stage)}</th>
                            <th scope="col">{t!(i18n, dashboard.median)}</th>
                            <th scope="col">{t!(i18n, dashboard.stays)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {f
                            .funnel
                            .stages
                            .into_iter()
                            .map(|s| {
                                let name = stage_label(&s.stage);
                                view! {
                                    <tr>
                                        <th scope="row">{name.clone()}</th>
                                        <td class="num">
                                            <DrillCount
                                                figure=figure_name(
                                                    t_string!(i18n, dashboard.time_in_stage),
                                                    &name,
                                                )
                                                text=days(i18n, s.median_days.value)
                                                records=s.median_days.records
                                                index=ix.clone()
                                            />
                                        </td>
                                        <td class="num">
                                            {nl.format_count(u64::from(s.median_days.based_on))}
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// Retention, churn and churn reasons.
#[component]
pub fn RetentionSection(
    /// The figures.
    f: DashboardFigures,
    /// Their index.
    ix: Arc<DashboardIndex>,
) -> impl IntoView {
    let i18n = use_i18n();
    let r = f.retention.clone();
    let u = Unit::Customers;
    let labels: Vec<String> = f.months.iter().map(|m| month(i18n, *m)).collect();
    let series = vec![Series {
        name: t_string!(i18n, dashboard.churn_in_month).to_string(),
        values: r
            .by_month
            .iter()
            .map(|m| m.churn.value.map(|v| v * 100.0))
            .collect(),
    }];
    let churn_name = t_string!(i18n, dashboard.churn_in_month);
    let points: Vec<Vec<Point>> = r
        .by_month
        .iter()
        .zip(&labels)
        .map(|(m, l)| {
            vec![Point {
                figure: figure_name(churn_name, l),
                text: None,
                count: m.churn.value.map(|_| m.churn.records.len() as u32),
                records: m.churn.records.clone(),
            }]
        })
        .collect();
    let summary = t_string!(
        i18n,
        dashboard.churn_summary,
        avg = pct(i18n, r.monthly_churn.value)
    );
    let nl = number_locale(i18n);
    let reason_name = t_string!(i18n, dashboard.reason);
    let (reasons, reason_points): (Vec<Bar>, Vec<Vec<Point>>) = r
        .churn_reasons
        .iter()
        .map(|c| {
            let label = if c.reason.is_empty() {
                t_string!(i18n, dashboard.no_reason).to_string()
            } else {
                c.reason.clone()
            };
            let point = Point {
                figure: figure_name(reason_name, &label),
                records: c.records.clone(),
                ..Point::default()
            };
            let bar = Bar {
                label,
                value: f64::from(c.count),
                text: nl.format_count(u64::from(c.count)),
                note: String::new(),
            };
            (bar, vec![point])
        })
        .unzip();
    let reasons_summary = reasons
        .first()
        .map(|b| {
            t_string!(
                i18n,
                dashboard.reasons_summary,
                reason = &b.label,
                n = &b.text
            )
        })
        .unwrap_or_else(|| t_string!(i18n, dashboard.no_churn).to_string());
    let nrr = r.nrr.first().cloned();
    view! {
        <section class="card dash-section" aria-labelledby="dash-ret-h">
            <h2 id="dash-ret-h">{t!(i18n, dashboard.retention)}</h2>
            <div class="tiles">
                <Tile
                    label=t_string!(i18n, dashboard.churn).to_string()
                    value=pct(i18n, r.churn.value)
                    based=based(i18n, &r.churn, u)
                    records=r.churn.records.clone()
                    index=ix.clone()
                />
                <Tile
                    label=t_string!(i18n, dashboard.retention_rate).to_string()
                    value=pct(i18n, r.retention.value)
                    based=based(i18n, &r.retention, u)
                    records=r.retention.records.clone()
                    index=ix.clone()
                />
                <Tile
                    label=t_string!(i18n, dashboard.churn_month).to_string()
                    value=pct(i18n, r.monthly_churn.value)
                    based=based(i18n, &r.monthly_churn, Unit::CustomerMonths)
                    records=r.monthly_churn.records.clone()
                    index=ix.clone()
                />
                {match nrr {
                    Some(n) => {
                        view! {
                            <Tile
                                label=t_string!(i18n, dashboard.nrr).to_string()
                                value=pct(i18n, n.ratio.value)
                                detail=format!(
                                    "{} → {} ({} → {})",
                                    month(i18n, n.base_month),
                                    month(i18n, n.month),
                                    money(i18n, n.then),
                                    money(i18n, n.now),
                                )
                                based=based(i18n, &n.ratio, Unit::Accounts)
                                records=n.ratio.records.clone()
                                index=ix.clone()
                            />
                        }
                            .into_any()
                    }
                    None => {
                        view! {
                            <Tile
                                label=t_string!(i18n, dashboard.nrr).to_string()
                                value="—"
                                based=t_string!(i18n, dashboard.nrr_none).to_string()
                                index=ix.clone()
                            />
                        }
                            .into_any()
                    }
                }}
            </div>
            <LineChart
                title=t_string!(i18n, dashboard.churn_chart)
                summary
                x_name=t_string!(i18n, common.dash_month)
                x_labels=labels
                series
                format=move |v| pct100(i18n, Some(v))
                table_label=t_string!(i18n, dashboard.chart_table)
                no_data="—"
                cell=cells(ix.clone(), points)
            />
            <h3>{t!(i18n, dashboard.reasons)}</h3>
            <BarChart
                title=t_string!(i18n, dashboard.reasons)
                summary=reasons_summary
                bars=reasons
                columns=[
                    reason_name.to_string(),
                    t_string!(i18n, dashboard.dash_count).to_string(),
                    String::new(),
                ]
                table_label=t_string!(i18n, dashboard.chart_table)
                cell=cells(ix.clone(), reason_points)
            />
        </section>
    }
}
