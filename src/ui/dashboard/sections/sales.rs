//! Sales: the pipeline's value, forecast and results; where opportunities come from.

use super::super::drill::{cells, figure_name, DrillCount, Point};
use super::super::format::{
    based, based_money, compact, count, days, major, money_stat, month, pct, Unit,
};
use super::super::tile::Tile;
use crate::domain::dashboard::{DashboardFigures, DashboardIndex, SourceRow};
use crate::i18n::*;
use crate::ui::common::chart::{LineChart, Series};
use crate::ui::common::{date, source_group_label};
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
    let u = Unit::Deals;
    let labels: Vec<String> = f.months.iter().map(|m| month(i18n, *m)).collect();
    let series = vec![
        Series {
            name: t_string!(i18n, dashboard.won).to_string(),
            values: p
                .by_month
                .iter()
                .map(|m| major(&m.won, cur).or(Some(0.0)))
                .collect(),
        },
        Series {
            name: t_string!(i18n, dashboard.lost).to_string(),
            values: p
                .by_month
                .iter()
                .map(|m| major(&m.lost, cur).or(Some(0.0)))
                .collect(),
        },
    ];
    let summary = t_string!(
        i18n,
        dashboard.pipeline_summary,
        won = money_stat(i18n, &p.won, cur),
        lost = money_stat(i18n, &p.lost, cur),
        rate = pct(i18n, p.win_rate.value)
    );
    let as_of = t_string!(i18n, dashboard.as_of, date = date(i18n, p.as_of));
    // The table shows each month's full amounts (every currency) and opens its deals.
    let (won_name, lost_name) = (
        t_string!(i18n, dashboard.won),
        t_string!(i18n, dashboard.lost),
    );
    let points: Vec<Vec<Point>> = p
        .by_month
        .iter()
        .zip(&labels)
        .map(|(m, l)| {
            [(won_name, &m.won), (lost_name, &m.lost)]
                .into_iter()
                .map(|(name, x)| Point {
                    figure: figure_name(name, l),
                    text: Some(money_stat(i18n, x, cur)),
                    count: Some(x.based_on),
                    records: x.records.clone(),
                })
                .collect()
        })
        .collect();
    view! {
        <section class="card dash-section" aria-labelledby="dash-pipe-h">
            <h2 id="dash-pipe-h">{t!(i18n, dashboard.pipeline)}</h2>
            <div class="tiles">
                <Tile
                    label=t_string!(i18n, dashboard.open_value).to_string()
                    value=money_stat(i18n, &p.open_value, cur)
                    detail=as_of.clone()
                    based=based_money(i18n, &p.open_value, u)
                    records=p.open_value.records.clone()
                    index=ix.clone()
                />
                <Tile
                    label=t_string!(i18n, dashboard.forecast).to_string()
                    value=money_stat(i18n, &p.weighted_forecast, cur)
                    detail=as_of
                    based=based_money(i18n, &p.weighted_forecast, u)
                    records=p.weighted_forecast.records.clone()
                    index=ix.clone()
                />
                <Tile
                    label=t_string!(i18n, dashboard.won).to_string()
                    value=money_stat(i18n, &p.won, cur)
                    based=based_money(i18n, &p.won, u)
                    records=p.won.records.clone()
                    index=ix.clone()
                />
                <Tile
                    label=t_string!(i18n, dashboard.lost).to_string()
                    value=money_stat(i18n, &p.lost, cur)
                    based=based_money(i18n, &p.lost, u)
                    records=p.lost.records.clone()
                    index=ix.clone()
                />
                <Tile
                    label=t_string!(i18n, dashboard.win_rate).to_string()
                    value=pct(i18n, p.win_rate.value)
                    based=based(i18n, &p.win_rate, Unit::ClosedDeals)
                    records=p.win_rate.records.clone()
                    index=ix.clone()
                />
                <Tile
                    label=t_string!(i18n, dashboard.avg_deal).to_string()
                    value=money_stat(i18n, &p.average_won, cur)
                    based=based_money(i18n, &p.average_won, u)
                    records=p.average_won.records.clone()
                    index=ix.clone()
                />
                <Tile
                    label=t_string!(i18n, dashboard.cycle).to_string()
                    value=days(i18n, p.cycle_days.value)
                    based=based(i18n, &p.cycle_days, u)
                    records=p.cycle_days.records.clone()
                    index=ix.clone()
                />
            </div>
            <LineChart
                title=t_string!(i18n, dashboard.wonlost_chart, cur = cur.code())
                summary
                x_name=t_string!(i18n, common.dash_month)
                x_labels=labels
                series
                format=move |v| compact(i18n, v)
                table_label=t_string!(i18n, dashboard.chart_table)
                no_data="—"
                cell=cells(ix.clone(), points)
            />
        </section>
    }
}

/// The rows of a source table; each figure opens its contacts or deals.
fn source_rows(
    i18n: I18nContext<Locale>,
    rows: Vec<SourceRow>,
    ix: &Arc<DashboardIndex>,
    group: bool,
) -> impl IntoView {
    let cur = ix.currency();
    rows.into_iter()
        .map(|r| {
            let name = if group {
                source_group_label(i18n, &r.key)
            } else if r.key.is_empty() {
                t_string!(i18n, dashboard.no_campaign).to_string()
            } else {
                r.key.clone()
            };
            let fig = |what: &str| figure_name(what, &name);
            view! {
                <tr>
                    <th scope="row">{name.clone()}</th>
                    <td class="num">
                        <DrillCount
                            figure=fig(t_string!(i18n, dashboard.contacts))
                            text=count(i18n, r.contacts.value)
                            records=r.contacts.records
                            index=ix.clone()
                        />
                    </td>
                    <td class="num">
                        <DrillCount
                            figure=fig(t_string!(i18n, dashboard.opportunities))
                            text=count(i18n, r.opportunities.value)
                            records=r.opportunities.records
                            index=ix.clone()
                        />
                    </td>
                    <td class="num">
                        <DrillCount
                            figure=fig(t_string!(i18n, dashboard.won_value))
                            text=money_stat(i18n, &r.won, cur)
                            count=Some(r.won.based_on)
                            records=r.won.records
                            index=ix.clone()
                        />
                    </td>
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
    let s = f.sources;
    let with_opps: Vec<&SourceRow> = s
        .by_group
        .iter()
        .filter(|r| r.opportunities.value.is_some())
        .collect();
    let summary = match (with_opps.first(), with_opps.last()) {
        (Some(most), Some(least)) => t_string!(
            i18n,
            dashboard.sources_summary,
            most = source_group_label(i18n, &most.key),
            m = count(i18n, most.opportunities.value),
            least = source_group_label(i18n, &least.key),
            l = count(i18n, least.opportunities.value)
        ),
        _ => t_string!(i18n, dashboard.sources_none).to_string(),
    };
    let head = move |first: &'static str| {
        view! {
            <thead>
                <tr>
                    <th scope="col">{first}</th>
                    <th scope="col">{t!(i18n, dashboard.contacts)}</th>
                    <th scope="col">{t!(i18n, dashboard.opportunities)}</th>
                    <th scope="col">{t!(i18n, dashboard.won_value)}</th>
                </tr>
            </thead>
        }
    };
    view! {
        <section class="card dash-section" aria-labelledby="dash-src-h">
            <h2 id="dash-src-h">{t!(i18n, dashboard.sources)}</h2>
            <p>{summary}</p>
            <div class="table-scroll">
                <table>
                    <caption>{t!(i18n, dashboard.by_group)}</caption>
                    {head(t_string!(i18n, common.sg_group))}
                    <tbody>{source_rows(i18n, s.by_group, &ix, true)}</tbody>
                </table>
            </div>
            <div class="table-scroll">
                <table>
                    <caption>{t!(i18n, dashboard.by_campaign)}</caption>
                    {head(t_string!(i18n, common.src_campaign))}
                    <tbody>{source_rows(i18n, s.by_campaign, &ix, false)}</tbody>
                </table>
            </div>
        </section>
    }
}
