//! Customer feedback: NPS, CSAT and CES overall, by month, stage and channel,
//! with NPS's promoters, passives and detractors; every figure drills down to
//! its answers.

use super::super::drill::{cells, figure_name, DrillCount, Point};
use super::super::format::{based, month, nps, pct100, score, Unit};
use super::super::tile::Tile;
use crate::domain::dashboard::{DashboardFigures, DashboardIndex, SurveyFigures};
use crate::i18n::*;
use crate::ui::common::chart::{LineChart, Series};
use crate::ui::common::{channel_label, journey_stage_label, number_locale, use_workspace};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use std::sync::Arc;

/// One row of the by-stage or by-channel table: NPS, its three groups, CSAT
/// and CES, each opening its answers.
fn row(
    i18n: I18nContext<Locale>,
    name: String,
    f: SurveyFigures,
    ix: &Arc<DashboardIndex>,
) -> impl IntoView {
    let fig = |what: &str| figure_name(what, &name);
    let n = f.nps;
    let groups = [
        (
            t_string!(i18n, dashboard.promoters),
            n.promoters,
            n.promoter_records,
        ),
        (
            t_string!(i18n, dashboard.passives),
            n.passives,
            n.passive_records,
        ),
        (
            t_string!(i18n, dashboard.detractors),
            n.detractors,
            n.detractor_records,
        ),
    ];
    let nl = number_locale(i18n);
    view! {
        <tr>
            <th scope="row">{name.clone()}</th>
            <td class="num">
                <DrillCount
                    figure=fig(t_string!(i18n, common.jm_nps))
                    text=nps(n.score.value)
                    count=Some(n.score.based_on)
                    records=n.score.records
                    index=ix.clone()
                />
            </td>
            {groups
                .into_iter()
                .map(|(label, count, records)| {
                    view! {
                        <td class="num">
                            <DrillCount
                                figure=fig(label)
                                text=nl.format_count(u64::from(count))
                                records
                                index=ix.clone()
                            />
                        </td>
                    }
                })
                .collect_view()}
            <td class="num">
                <DrillCount
                    figure=fig(t_string!(i18n, common.jm_csat))
                    text=pct100(i18n, f.csat.value)
                    count=Some(f.csat.based_on)
                    records=f.csat.records
                    index=ix.clone()
                />
            </td>
            <td class="num">
                <DrillCount
                    figure=fig(t_string!(i18n, common.jm_ces))
                    text=score(i18n, f.ces.value)
                    count=Some(f.ces.based_on)
                    records=f.ces.records
                    index=ix.clone()
                />
            </td>
        </tr>
    }
}

/// NPS, CSAT, CES.
#[component]
pub fn FeedbackSection(
    /// The figures.
    f: DashboardFigures,
    /// Their index.
    ix: Arc<DashboardIndex>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let nl = number_locale(i18n);
    let sv = f.surveys;
    let o = sv.overall;
    let u = Unit::Answers;
    let groups = t_string!(
        i18n,
        dashboard.nps_groups,
        p_count = o.nps.promoters,
        p = nl.format_count(u64::from(o.nps.promoters)),
        m_count = o.nps.passives,
        m = nl.format_count(u64::from(o.nps.passives)),
        d_count = o.nps.detractors,
        d = nl.format_count(u64::from(o.nps.detractors))
    );
    let labels: Vec<String> = f.months.iter().map(|m| month(i18n, *m)).collect();
    let (nps_name, csat_name, ces_name) = (
        t_string!(i18n, common.jm_nps),
        t_string!(i18n, dashboard.csat_pct),
        t_string!(i18n, common.jm_ces),
    );
    let series = vec![
        Series {
            name: nps_name.into(),
            values: sv.by_month.iter().map(|m| m.nps.score.value).collect(),
        },
        Series {
            name: csat_name.into(),
            values: sv.by_month.iter().map(|m| m.csat.value).collect(),
        },
    ];
    let ces_series = vec![Series {
        name: ces_name.into(),
        values: sv.by_month.iter().map(|m| m.ces.value).collect(),
    }];
    // Per month: [NPS, CSAT] for the first chart's table, [CES] for the second.
    let (mut points, mut ces_points) = (Vec::new(), Vec::new());
    for (m, l) in sv.by_month.into_iter().zip(&labels) {
        points.push(vec![
            Point {
                figure: figure_name(nps_name, l),
                text: Some(nps(m.nps.score.value)),
                count: Some(m.nps.score.based_on),
                records: m.nps.score.records,
            },
            Point {
                figure: figure_name(t_string!(i18n, common.jm_csat), l),
                text: Some(pct100(i18n, m.csat.value)),
                count: Some(m.csat.based_on),
                records: m.csat.records,
            },
        ]);
        ces_points.push(vec![Point {
            figure: figure_name(ces_name, l),
            text: Some(score(i18n, m.ces.value)),
            count: Some(m.ces.based_on),
            records: m.ces.records,
        }]);
    }
    let summary = t_string!(
        i18n,
        dashboard.feedback_summary,
        nps = nps(o.nps.score.value),
        csat = pct100(i18n, o.csat.value),
        count = o.nps.score.based_on,
        n = nl.format_count(u64::from(o.nps.score.based_on))
    );
    let ces_summary = t_string!(
        i18n,
        dashboard.ces_summary,
        ces = score(i18n, o.ces.value),
        count = o.ces.based_on,
        n = nl.format_count(u64::from(o.ces.based_on))
    );
    let stage_label = move |id: &str| {
        ws.settings
            .with_untracked(|s| journey_stage_label(i18n, s, id))
    };
    let head = move |first: &'static str| {
        view! {
            <thead>
                <tr>
                    <th scope="col">{first}</th>
                    <th scope="col">{t!(i18n, common.jm_nps)}</th>
                    <th scope="col">{t!(i18n, dashboard.promoters)}</th>
                    <th scope="col">{t!(i18n, dashboard.passives)}</th>
                    <th scope="col">{t!(i18n, dashboard.detractors)}</th>
                    <th scope="col">{t!(i18n, common.jm_csat)}</th>
                    <th scope="col">{t!(i18n, common.jm_ces)}</th>
                </tr>
            </thead>
        }
    };
    let stage_rows: Vec<_> = sv
        .by_stage
        .into_iter()
        .map(|(id, s)| row(i18n, stage_label(&id), s, &ix))
        .collect();
    let channel_rows: Vec<_> = sv
        .by_channel
        .into_iter()
        .map(|(c, s)| {
            let name = c
                .map(|c| channel_label(i18n, c))
                .unwrap_or_else(|| t_string!(i18n, dashboard.unknown_channel).to_string());
            row(i18n, name, s, &ix)
        })
        .collect();
    let pct_format = move |v: f64| nl.format_decimal(v, 0);
    let score_format = move |v: f64| nl.format_decimal(v, 1);
    view! {
        <section class="card dash-section" aria-labelledby="dash-fb-h">
            <h2 id="dash-fb-h">{t!(i18n, dashboard.feedback)}</h2>
            <div class="tiles">
                <Tile
                    label=nps_name
                    value=nps(o.nps.score.value)
                    detail=groups
                    based=based(i18n, &o.nps.score, u)
                    records=o.nps.score.records.clone()
                    index=ix.clone()
                />
                <Tile
                    label=t_string!(i18n, common.jm_csat)
                    value=pct100(i18n, o.csat.value)
                    based=based(i18n, &o.csat, u)
                    records=o.csat.records.clone()
                    index=ix.clone()
                />
                <Tile
                    label=ces_name
                    value=score(i18n, o.ces.value)
                    detail=t_string!(i18n, dashboard.ces_hint)
                    based=based(i18n, &o.ces, u)
                    records=o.ces.records.clone()
                    index=ix.clone()
                />
            </div>
            <div class="two-charts">
                <LineChart
                    title=t_string!(i18n, dashboard.feedback_chart)
                    summary
                    x_name=t_string!(i18n, common.dash_month)
                    x_labels=labels.clone()
                    series
                    format=pct_format
                    table_label=t_string!(i18n, dashboard.chart_table)
                    no_data="—"
                    cell=cells(ix.clone(), points)
                />
                <LineChart
                    title=t_string!(i18n, dashboard.ces_chart)
                    summary=ces_summary
                    x_name=t_string!(i18n, common.dash_month)
                    x_labels=labels
                    series=ces_series
                    format=score_format
                    table_label=t_string!(i18n, dashboard.chart_table)
                    no_data="—"
                    cell=cells(ix.clone(), ces_points)
                />
            </div>
            <div class="table-scroll">
                <table>
                    <caption>{t!(i18n, dashboard.by_stage)}</caption>
                    {head(t_string!(i18n, common.col_stage))}
                    <tbody>{stage_rows}</tbody>
                </table>
            </div>
            <div class="table-scroll">
                <table>
                    <caption>{t!(i18n, dashboard.by_channel)}</caption>
                    {head(t_string!(i18n, common.tk_channel))}
                    <tbody>{channel_rows}</tbody>
                </table>
            </div>
        </section>
    }
}
