//! Customer feedback: NPS, CSAT and CES overall, by month, stage and channel.

use super::super::format::{based, month, nps, pct100, score};
use super::super::tile::Tile;
use crate::domain::dashboard::{DashboardFigures, DashboardIndex, SurveyFigures};
use crate::i18n::*;
use crate::ui::common::chart::{LineChart, Series};
use crate::ui::common::{fill, use_workspace};
use crate::ui::timeline::labels::{channel_label, journey_stage_label};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use std::sync::Arc;

fn cells(i18n: I18nContext<Locale>, f: &SurveyFigures) -> impl IntoView {
    let with_n = |v: String, n: u32| if n == 0 { v } else { format!("{v} ({n})") };
    view! {
        <td class="num">{with_n(nps(f.nps.score.value), f.nps.score.based_on)}</td>
        <td class="num">{with_n(pct100(i18n, f.csat.value), f.csat.based_on)}</td>
        <td class="num">{with_n(score(i18n, f.ces.value), f.ces.based_on)}</td>
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
    let o = f.surveys.overall.clone();
    let u = t_string!(i18n, dash_u_answers);
    let groups = fill(
        t_string!(i18n, dash_nps_groups),
        &[
            ("p", &o.nps.promoters.to_string()),
            ("m", &o.nps.passives.to_string()),
            ("d", &o.nps.detractors.to_string()),
        ],
    );
    let labels: Vec<String> = f.months.iter().map(|m| month(i18n, *m)).collect();
    let series = vec![
        Series {
            name: "NPS".into(),
            values: f
                .surveys
                .by_month
                .iter()
                .map(|m| m.nps.score.value)
                .collect(),
        },
        Series {
            name: "CSAT %".into(),
            values: f.surveys.by_month.iter().map(|m| m.csat.value).collect(),
        },
    ];
    let summary = fill(
        t_string!(i18n, dash_feedback_summary),
        &[
            ("nps", &nps(o.nps.score.value)),
            ("csat", &pct100(i18n, o.csat.value)),
            ("n", &o.nps.score.based_on.to_string()),
        ],
    );
    let stage_label = move |id: &str| {
        ws.settings
            .with_untracked(|s| journey_stage_label(i18n, s, id))
    };
    let head = move |first: &'static str| {
        view! {
            <thead><tr><th scope="col">{first}</th><th scope="col">"NPS"</th><th scope="col">"CSAT"</th><th scope="col">"CES"</th></tr></thead>
        }
    };
    view! {
        <section class="card dash-section" aria-labelledby="dash-fb-h">
            <h2 id="dash-fb-h">{t!(i18n, dash_feedback)}</h2>
            <div class="tiles">
                <Tile label="NPS" value=nps(o.nps.score.value) detail=groups based=based(i18n, &o.nps.score, u) records=o.nps.score.records.clone() index=ix.clone()/>
                <Tile label="CSAT" value=pct100(i18n, o.csat.value) based=based(i18n, &o.csat, u) records=o.csat.records.clone() index=ix.clone()/>
                <Tile label="CES" value=score(i18n, o.ces.value) detail=t_string!(i18n, dash_ces_hint).to_string() based=based(i18n, &o.ces, u) records=o.ces.records.clone() index=ix.clone()/>
            </div>
            <LineChart title=t_string!(i18n, dash_feedback_chart).to_string() summary x_name=t_string!(i18n, dash_month).to_string()
                x_labels=labels series format=|v| format!("{v:.0}") table_label=t_string!(i18n, chart_table).to_string() no_data="—"/>
            <div class="two-tables">
                <div class="table-scroll">
                    <table>
                        <caption>{t!(i18n, dash_by_stage)}</caption>
                        {head(t_string!(i18n, col_stage))}
                        <tbody>{f.surveys.by_stage.iter().map(|(id, s)| view! {
                            <tr><th scope="row">{stage_label(id)}</th>{cells(i18n, s)}</tr>
                        }).collect_view()}</tbody>
                    </table>
                </div>
                <div class="table-scroll">
                    <table>
                        <caption>{t!(i18n, dash_by_channel)}</caption>
                        {head(t_string!(i18n, tk_channel))}
                        <tbody>{f.surveys.by_channel.iter().map(|(c, s)| view! {
                            <tr><th scope="row">{c.map(|c| channel_label(i18n, c)).unwrap_or_else(|| t_string!(i18n, dash_unknown_channel).to_string())}</th>{cells(i18n, s)}</tr>
                        }).collect_view()}</tbody>
                    </table>
                </div>
            </div>
        </section>
    }
}
