//! Sales: the pipeline's value, forecast and results; where opportunities come from.

use super::super::format::{based, based_money, count, days, major, money_stat, month, pct};
use super::super::tile::Tile;
use crate::domain::dashboard::{DashboardFigures, DashboardIndex, SourceRow};
use crate::i18n::*;
use crate::ui::board::labels::date;
use crate::ui::common::chart::{LineChart, Series};
use crate::ui::common::fill;
use crate::ui::timeline::labels::source_group_label;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use std::sync::Arc;

/// Pipeline value, forecast, won / lost, win rate, deal size, cycle.
#[component]
pub fn PipelineSection(
    /// The figures.
    f: DashboardFigures,
    /// Their index.
    ix: Arc<DashboardIndex>,
) -> impl IntoView {
    let i18n = use_i18n();
    let p = f.pipeline.clone();
    let cur = ix.currency();
    let u = t_string!(i18n, dash_u_deals);
    let labels: Vec<String> = f.months.iter().map(|m| month(i18n, *m)).collect();
    let series = vec![
        Series {
            name: t_string!(i18n, dash_won).to_string(),
            values: p
                .by_month
                .iter()
                .map(|m| major(&m.won, cur).or(Some(0.0)))
                .collect(),
        },
        Series {
            name: t_string!(i18n, dash_lost).to_string(),
            values: p
                .by_month
                .iter()
                .map(|m| major(&m.lost, cur).or(Some(0.0)))
                .collect(),
        },
    ];
    let summary = fill(
        t_string!(i18n, dash_pipeline_summary),
        &[
            ("won", &money_stat(i18n, &p.won, cur)),
            ("lost", &money_stat(i18n, &p.lost, cur)),
            ("rate", &pct(i18n, p.win_rate.value)),
        ],
    );
    let as_of = fill(
        t_string!(i18n, dash_as_of),
        &[("date", &date(i18n, p.as_of))],
    );
    let fmt: fn(f64) -> String = |v| {
        if v.abs() >= 1e9 {
            format!("{:.1}B", v / 1e9)
        } else if v.abs() >= 1e6 {
            format!("{:.0}M", v / 1e6)
        } else if v.abs() >= 1e3 {
            format!("{:.0}k", v / 1e3)
        } else {
            format!("{v:.0}")
        }
    };
    view! {
        <section class="card dash-section" aria-labelledby="dash-pipe-h">
            <h2 id="dash-pipe-h">{t!(i18n, dash_pipeline)}</h2>
            <div class="tiles">
                <Tile label=t_string!(i18n, dash_open_value).to_string() value=money_stat(i18n, &p.open_value, cur) detail=as_of.clone() based=based_money(i18n, &p.open_value, u) records=p.open_value.records.clone() index=ix.clone()/>
                <Tile label=t_string!(i18n, dash_forecast).to_string() value=money_stat(i18n, &p.weighted_forecast, cur) detail=as_of based=based_money(i18n, &p.weighted_forecast, u) records=p.weighted_forecast.records.clone() index=ix.clone()/>
                <Tile label=t_string!(i18n, dash_won).to_string() value=money_stat(i18n, &p.won, cur) based=based_money(i18n, &p.won, u) records=p.won.records.clone() index=ix.clone()/>
                <Tile label=t_string!(i18n, dash_lost).to_string() value=money_stat(i18n, &p.lost, cur) based=based_money(i18n, &p.lost, u) records=p.lost.records.clone() index=ix.clone()/>
                <Tile label=t_string!(i18n, dash_win_rate).to_string() value=pct(i18n, p.win_rate.value) based=based(i18n, &p.win_rate, t_string!(i18n, dash_u_closed)) records=p.win_rate.records.clone() index=ix.clone()/>
                <Tile label=t_string!(i18n, dash_avg_deal).to_string() value=money_stat(i18n, &p.average_won, cur) based=based_money(i18n, &p.average_won, u) records=p.average_won.records.clone() index=ix.clone()/>
                <Tile label=t_string!(i18n, dash_cycle).to_string() value=days(i18n, p.cycle_days.value) based=based(i18n, &p.cycle_days, u) records=p.cycle_days.records.clone() index=ix.clone()/>
            </div>
            <LineChart title=fill(t_string!(i18n, dash_wonlost_chart), &[("cur", cur.code())]) summary x_name=t_string!(i18n, dash_month).to_string()
                x_labels=labels series format=fmt table_label=t_string!(i18n, chart_table).to_string() no_data="—"/>
        </section>
    }
}

fn source_rows(
    i18n: I18nContext<Locale>,
    rows: &[SourceRow],
    cur: crate::domain::Currency,
    group: bool,
) -> impl IntoView {
    rows.iter()
        .map(|r| {
            let name = if group {
                source_group_label(i18n, &r.key)
            } else if r.key.is_empty() {
                t_string!(i18n, dash_no_campaign).to_string()
            } else {
                r.key.clone()
            };
            view! {
                <tr>
                    <th scope="row">{name}</th>
                    <td class="num">{count(i18n, r.contacts.value)}</td>
                    <td class="num">{count(i18n, r.opportunities.value)}</td>
                    <td class="num">{money_stat(i18n, &r.won, cur)}</td>
                </tr>
            }
        })
        .collect_view()
}

/// Contacts, opportunities and won value by source group and campaign.
#[component]
pub fn SourcesSection(
    /// The figures.
    f: DashboardFigures,
    /// Their index.
    ix: Arc<DashboardIndex>,
) -> impl IntoView {
    let i18n = use_i18n();
    let cur = ix.currency();
    let s = f.sources.clone();
    let with_opps: Vec<&SourceRow> = s
        .by_group
        .iter()
        .filter(|r| r.opportunities.value.is_some())
        .collect();
    let summary = match (with_opps.first(), with_opps.last()) {
        (Some(most), Some(least)) => fill(
            t_string!(i18n, dash_sources_summary),
            &[
                ("most", &source_group_label(i18n, &most.key)),
                ("m", &count(i18n, most.opportunities.value)),
                ("least", &source_group_label(i18n, &least.key)),
                ("l", &count(i18n, least.opportunities.value)),
            ],
        ),
        _ => t_string!(i18n, dash_sources_none).to_string(),
    };
    let head = move |first: &'static str| {
        view! {
            <thead><tr>
                <th scope="col">{first}</th>
                <th scope="col">{t!(i18n, dash_contacts)}</th>
                <th scope="col">{t!(i18n, dash_opportunities)}</th>
                <th scope="col">{t!(i18n, dash_won_value)}</th>
            </tr></thead>
        }
    };
    view! {
        <section class="card dash-section" aria-labelledby="dash-src-h">
            <h2 id="dash-src-h">{t!(i18n, dash_sources)}</h2>
            <p>{summary}</p>
            <div class="two-tables">
                <div class="table-scroll">
                    <table>
                        <caption>{t!(i18n, dash_by_group)}</caption>
                        {head(t_string!(i18n, sg_group))}
                        <tbody>{source_rows(i18n, &s.by_group, cur, true)}</tbody>
                    </table>
                </div>
                <div class="table-scroll">
                    <table>
                        <caption>{t!(i18n, dash_by_campaign)}</caption>
                        {head(t_string!(i18n, src_campaign))}
                        <tbody>{source_rows(i18n, &s.by_campaign, cur, false)}</tbody>
                    </table>
                </div>
            </div>
        </section>
    }
}
