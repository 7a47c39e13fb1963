//! The pipeline summary under the board: open total, weighted forecast, and the
//! weighted forecast by expected close month, per currency, from every deal that
//! passes the filters.

use super::labels::amounts_lines;
use super::state::use_board;
use crate::i18n::*;
use crate::ui::common::number_locale;
use crate::ui::common::{money, month};
use leptos::prelude::*;

/// Pipeline totals and forecast by month.
#[component]
pub fn Summary() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_board();
    let cur = move || state.ws.settings.with(|s| s.currency);
    let open = Memo::new(move |_| {
        state
            .model
            .with(|m| m.as_ref().map(|m| m.open_totals()).unwrap_or_default())
    });
    let forecast = Memo::new(move |_| {
        state.model.with(|m| {
            m.as_ref()
                .map(|m| m.forecast().clone().into_iter().collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    view! {
        <section class="card board-summary" aria-labelledby="summary-h">
            <h2 id="summary-h">{t!(i18n, board.summary_title)}</h2>
            <dl class="summary-totals">
                <div>
                    <dt>{t!(i18n, board.summary_open)}</dt>
                    <dd>
                        {move || {
                            let c = open.get().count;
                            let n = number_locale(i18n).format_count(c);
                            t!(i18n, board.deal_count, count = move || c, n = n)
                        }}
                    </dd>
                </div>
                {move || {
                    amounts_lines(i18n, &open.get().amounts, cur())
                        .into_iter()
                        .map(|(v, w)| {
                            view! {
                                <div>
                                    <dt>{t!(i18n, board.summary_value)}</dt>
                                    <dd>{v}</dd>
                                </div>
                                <div>
                                    <dt>{t!(i18n, board.summary_weighted)}</dt>
                                    <dd>
                                        <strong>{w}</strong>
                                    </dd>
                                </div>
                            }
                        })
                        .collect_view()
                }}
            </dl>
            <table class="forecast">
                <caption>{t!(i18n, board.summary_by_month)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, board.summary_month)}</th>
                        <th scope="col" class="num">
                            {t!(i18n, board.summary_value)}
                        </th>
                        <th scope="col" class="num">
                            {t!(i18n, board.summary_weighted)}
                        </th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        forecast
                            .get()
                            .into_iter()
                            .flat_map(|(m, amounts)| {
                                let label = m
                                    .map(|m| month(i18n, m))
                                    .unwrap_or_else(|| {
                                        t_string!(i18n, board.summary_no_date).to_string()
                                    });
                                amounts
                                    .currencies(cur())
                                    .into_iter()
                                    .map(move |c| {
                                        let label = label.clone();
                                        view! {
                                            <tr>
                                                <th scope="row">{label}</th>
                                                <td class="num">{money(i18n, amounts.value(c))}</td>
                                                <td class="num">{money(i18n, amounts.weighted(c))}</td>
                                            </tr>
                                        }
                                    })
                                    .collect::<Vec<_>>()
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
            <p class="muted">{t!(i18n, board.summary_currency_note)}</p>
        </section>
    }
}
