//! Acquisition economics: CAC and LTV from the spend and revenue entered per
//! month, and the form to enter them.

use super::super::format::{based_money, count, money_stat, month, pct, Unit, NONE};
use super::super::tile::Tile;
use crate::domain::dashboard::{DashboardFigures, DashboardIndex, Month};

use crate::actions::periods;
use crate::domain::Money;
use crate::i18n::*;
use crate::ui::common::money;
use crate::ui::common::{now, number_locale, store_error_message, use_workspace};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// CAC, ARPC, LTV, monthly figures, and the period form.
#[component]
pub fn AcquisitionSection(
    /// The figures.
    f: DashboardFigures,
    /// Their index.
    ix: Arc<DashboardIndex>,
) -> impl IntoView {
    let i18n = use_i18n();
    let a = f.acquisition.clone();
    let cur = ix.currency();
    let u = Unit::Customers;
    let rows: Vec<_> = f
        .months
        .iter()
        .zip(&a.by_month)
        .rev()
        .filter(|(_, m)| {
            m.spend.is_some() || m.revenue.is_some() || m.new_customers.value.is_some()
        })
        .map(|(mo, m)| (*mo, m.clone()))
        .collect();
    view! {
        <section class="card dash-section" aria-labelledby="dash-acq-h">
            <h2 id="dash-acq-h">{t!(i18n, dashboard.acquisition)}</h2>
            <p class="muted">{t!(i18n, dashboard.acq_hint)}</p>
            <div class="tiles">
                <Tile
                    label="CAC"
                    value=money_stat(i18n, &a.cac, cur)
                    based=based_money(i18n, &a.cac, u)
                    records=a.cac.records.clone()
                    index=ix.clone()
                />
                <Tile
                    label=t_string!(i18n, dashboard.arpc).to_string()
                    value=money_stat(i18n, &a.arpc, cur)
                    based=based_money(i18n, &a.arpc, Unit::CustomerMonths)
                    records=a.arpc.records.clone()
                    index=ix.clone()
                />
                <Tile
                    label=t_string!(i18n, dashboard.churn_month).to_string()
                    value=pct(i18n, a.monthly_churn.value)
                    based=super::super::format::based(i18n, &a.monthly_churn, Unit::CustomerMonths)
                    records=a.monthly_churn.records.clone()
                    index=ix.clone()
                />
                <Tile
                    label="LTV"
                    value=money_stat(i18n, &a.ltv, cur)
                    detail=t_string!(i18n, dashboard.ltv_hint).to_string()
                    based=based_money(i18n, &a.ltv, Unit::CustomerMonths)
                    records=a.ltv.records.clone()
                    index=ix.clone()
                />
            </div>
            {(!rows.is_empty())
                .then(|| {
                    view! {
                        <div class="table-scroll">
                            <table>
                                <caption>{t!(i18n, dashboard.by_month)}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">{t!(i18n, common.dash_month)}</th>
                                        <th scope="col">{t!(i18n, dashboard.spend)}</th>
                                        <th scope="col">{t!(i18n, dashboard.revenue)}</th>
                                        <th scope="col">{t!(i18n, dashboard.new_customers)}</th>
                                        <th scope="col">"CAC"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {rows
                                        .into_iter()
                                        .map(|(mo, m)| {
                                            view! {
                                                <tr>
                                                    <th scope="row">{month(i18n, mo)}</th>
                                                    <td class="num">
                                                        {m
                                                            .spend
                                                            .map(|x| money(i18n, x))
                                                            .unwrap_or_else(|| NONE.into())}
                                                    </td>
                                                    <td class="num">
                                                        {m
                                                            .revenue
                                                            .map(|x| money(i18n, x))
                                                            .unwrap_or_else(|| NONE.into())}
                                                    </td>
                                                    <td class="num">{count(i18n, m.new_customers.value)}</td>
                                                    <td class="num">{money_stat(i18n, &m.cac, cur)}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                })}
        </section>
    }
}

/// Enter (or correct) one month's acquisition spend and revenue. Kept outside
/// the figures' re-rendering, so a filter change or a sync never clears it.
#[component]
pub fn PeriodForm() -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let this_month = Month::of(now(), ws.settings.with_untracked(|s| s.sla.utc_offset_min)).key();
    let month_in = RwSignal::new(this_month);
    let spend = RwSignal::new(String::new());
    let revenue = RwSignal::new(String::new());
    let status = RwSignal::new(None::<Result<String, String>>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let key = month_in.get_untracked();
        if Month::parse(&key).is_none() {
            return status.set(Some(Err(t_string!(i18n, dashboard.err_month).to_string())));
        }
        let cur = ws.settings.with_untracked(|s| s.currency);
        let read = |s: String| -> Result<Option<Money>, ()> {
            match s.trim() {
                "" => Ok(None),
                t => Money::parse(t, cur, number_locale(i18n))
                    .ok()
                    .filter(|m| m.amount >= 0)
                    .map(Some)
                    .ok_or(()),
            }
        };
        let (Ok(sp), Ok(rv)) = (read(spend.get_untracked()), read(revenue.get_untracked())) else {
            return status.set(Some(Err(t_string!(i18n, dashboard.err_amount).to_string())));
        };
        if sp.is_none() && rv.is_none() {
            return status.set(Some(Err(t_string!(i18n, dashboard.err_empty).to_string())));
        }
        spawn_local(async move {
            let Some(actor) = ws.actor() else { return };
            let result = periods::record_figures(&actor, &key, sp, rv).await;
            match result {
                Ok(()) => {
                    spend.set(String::new());
                    revenue.set(String::new());
                    status.set(Some(
                        Ok(t_string!(i18n, dashboard.period_saved).to_string()),
                    ))
                }
                Err(e) => status.set(Some(Err(store_error_message(i18n, &e)))),
            }
        });
    };
    view! {
        <form class="card period-form" on:submit=save aria-labelledby="period-h" novalidate>
            <h3 id="period-h">{t!(i18n, dashboard.period_title)}</h3>
            <div class="field-row">
                <label class="field">
                    <span>{t!(i18n, common.dash_month)}</span>
                    <input
                        type="month"
                        prop:value=move || month_in.get()
                        on:change=move |ev| month_in.set(event_target_value(&ev))
                    />
                </label>
                <label class="field">
                    <span>
                        {move || {
                            format!(
                                "{} ({})",
                                t_string!(i18n, dashboard.spend),
                                ws.settings.with(|s| s.currency.code()),
                            )
                        }}
                    </span>
                    <input
                        type="text"
                        inputmode="decimal"
                        prop:value=move || spend.get()
                        on:input=move |ev| spend.set(event_target_value(&ev))
                    />
                </label>
                <label class="field">
                    <span>
                        {move || {
                            format!(
                                "{} ({})",
                                t_string!(i18n, dashboard.revenue),
                                ws.settings.with(|s| s.currency.code()),
                            )
                        }}
                    </span>
                    <input
                        type="text"
                        inputmode="decimal"
                        prop:value=move || revenue.get()
                        on:input=move |ev| revenue.set(event_target_value(&ev))
                    />
                </label>
            </div>
            <button type="submit">{t!(i18n, dashboard.period_save)}</button>
            <p role="status">
                {move || {
                    status
                        .get()
                        .map(|s| match s {
                            Ok(m) => view! { <span class="ok">{m}</span> }.into_any(),
                            Err(m) => view! { <span class="error">{m}</span> }.into_any(),
                        })
                }}
            </p>
        </form>
    }
}
