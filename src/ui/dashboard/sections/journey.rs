//! The journey: funnel with stage conversion and time in stage; retention,
//! churn reasons and net revenue retention.

use super::super::format::{based, count, days, month, pct};
use super::super::tile::Tile;
use crate::domain::dashboard::{DashboardFigures, DashboardIndex};
use crate::i18n::*;
use crate::ui::board::labels::money;
use crate::ui::common::chart::{Bar, BarChart, LineChart, Series};
use crate::ui::common::{fill, use_workspace};
use crate::ui::timeline::labels::journey_stage_label;
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
                .map(|c| {
                    fill(
                        t_string!(i18n, dash_conv_next),
                        &[("p", &pct(i18n, Some(c)))],
                    )
                })
                .unwrap_or_default(),
        })
        .collect();
    let first = f.funnel.stages.first().and_then(|s| s.reached.value);
    let last = f.funnel.stages.last().and_then(|s| s.reached.value);
    let summary = fill(
        t_string!(i18n, dash_funnel_summary),
        &[
            ("first", &count(i18n, first)),
            ("last", &count(i18n, last)),
            (
                "stage",
                &f.funnel
                    .stages
                    .last()
                    .map(|s| stage_label(&s.stage))
                    .unwrap_or_default(),
            ),
        ],
    );
    let d = f.funnel.days_to_purchase.clone();
    view! {
        <section class="card dash-section" aria-labelledby="dash-funnel-h">
            <h2 id="dash-funnel-h">{t!(i18n, dash_funnel)}</h2>
            <BarChart title=t_string!(i18n, dash_funnel_chart).to_string() summary bars
                columns=[t_string!(i18n, col_stage).to_string(), t_string!(i18n, dash_reached).to_string(), t_string!(i18n, dash_conversion).to_string()]
                table_label=t_string!(i18n, chart_table).to_string()/>
            <div class="tiles">
                <Tile label=t_string!(i18n, dash_to_purchase).to_string() value=days(i18n, d.value) based=based(i18n, &d, t_string!(i18n, dash_u_customers)) records=d.records.clone() index=ix.clone()/>
            </div>
            <div class="table-scroll">
                <table>
                    <caption>{t!(i18n, dash_time_in_stage)}</caption>
                    <thead><tr><th scope="col">{t!(i18n, col_stage)}</th><th scope="col">{t!(i18n, dash_median)}</th><th scope="col">{t!(i18n, dash_stays)}</th></tr></thead>
                    <tbody>{f.funnel.stages.iter().map(|s| view! {
                        <tr><th scope="row">{stage_label(&s.stage)}</th><td class="num">{days(i18n, s.median_days.value)}</td><td class="num">{s.median_days.based_on}</td></tr>
                    }).collect_view()}</tbody>
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
    let u = t_string!(i18n, dash_u_customers);
    let labels: Vec<String> = f.months.iter().map(|m| month(i18n, *m)).collect();
    let series = vec![Series {
        name: t_string!(i18n, dash_churn_in_month).to_string(),
        values: r
            .by_month
            .iter()
            .map(|m| m.churn.value.map(|v| v * 100.0))
            .collect(),
    }];
    let summary = fill(
        t_string!(i18n, dash_churn_summary),
        &[("avg", &pct(i18n, r.monthly_churn.value))],
    );
    let reasons: Vec<Bar> = r
        .churn_reasons
        .iter()
        .map(|c| Bar {
            label: if c.reason.is_empty() {
                t_string!(i18n, dash_no_reason).to_string()
            } else {
                c.reason.clone()
            },
            value: f64::from(c.count),
            text: c.count.to_string(),
            note: String::new(),
        })
        .collect();
    let reasons_summary = r
        .churn_reasons
        .first()
        .map(|c| {
            fill(
                t_string!(i18n, dash_reasons_summary),
                &[("reason", &c.reason), ("n", &c.count.to_string())],
            )
        })
        .unwrap_or_else(|| t_string!(i18n, dash_no_churn).to_string());
    let nrr = r.nrr.first().cloned();
    view! {
        <section class="card dash-section" aria-labelledby="dash-ret-h">
            <h2 id="dash-ret-h">{t!(i18n, dash_retention)}</h2>
            <div class="tiles">
                <Tile label=t_string!(i18n, dash_churn).to_string() value=pct(i18n, r.churn.value) based=based(i18n, &r.churn, u) records=r.churn.records.clone() index=ix.clone()/>
                <Tile label=t_string!(i18n, dash_retention_rate).to_string() value=pct(i18n, r.retention.value) based=based(i18n, &r.retention, u) records=r.retention.records.clone() index=ix.clone()/>
                <Tile label=t_string!(i18n, dash_churn_month).to_string() value=pct(i18n, r.monthly_churn.value) based=based(i18n, &r.monthly_churn, t_string!(i18n, dash_u_customer_months)) records=r.monthly_churn.records.clone() index=ix.clone()/>
                {match nrr {
                    Some(n) => view! {
                        <Tile label=t_string!(i18n, dash_nrr).to_string() value=pct(i18n, n.ratio.value)
                            detail=format!("{} → {} ({} → {})", month(i18n, n.base_month), month(i18n, n.month), money(i18n, n.then), money(i18n, n.now))
                            based=based(i18n, &n.ratio, t_string!(i18n, dash_u_accounts)) records=n.ratio.records.clone() index=ix.clone()/>
                    }.into_any(),
                    None => view! {
                        <Tile label=t_string!(i18n, dash_nrr).to_string() value="—" based=t_string!(i18n, dash_nrr_none).to_string() index=ix.clone()/>
                    }.into_any(),
                }}
            </div>
            <LineChart title=t_string!(i18n, dash_churn_chart).to_string() summary x_name=t_string!(i18n, dash_month).to_string()
                x_labels=labels series format=|v| format!("{v:.1} %") table_label=t_string!(i18n, chart_table).to_string() no_data="—"/>
            <h3>{t!(i18n, dash_reasons)}</h3>
            <BarChart title=t_string!(i18n, dash_reasons).to_string() summary=reasons_summary bars=reasons
                columns=[t_string!(i18n, dash_reason).to_string(), t_string!(i18n, dash_count).to_string(), String::new()]
                table_label=t_string!(i18n, chart_table).to_string()/>
        </section>
    }
}
