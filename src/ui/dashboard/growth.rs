//! The growth what-if (docs/domain.md#growth-what-if): one budget, two scenarios — all of it on
//! acquisition, or part of it on support that lowers churn — projected period
//! by period, with a chart, its table, and what the difference means.

use crate::domain::growth::{compare, format_number, GrowthError, GrowthField, GrowthForm};
use crate::domain::money::Money;
use crate::i18n::*;
use crate::ui::common::chart::{LineChart, Series};
use crate::ui::common::{number_locale, use_workspace};
use leptos::prelude::*;
use leptos_i18n::I18nContext;

pub use crate::domain::growth::Measured;

fn field_name(i18n: I18nContext<Locale>, f: GrowthField) -> &'static str {
    match f {
        GrowthField::Budget => t_string!(i18n, dashboard.gr_budget),
        GrowthField::Cac => t_string!(i18n, dashboard.gr_cac),
        GrowthField::Churn => t_string!(i18n, dashboard.gr_churn),
        GrowthField::ChurnWithSupport => t_string!(i18n, dashboard.gr_churn_support),
        GrowthField::SupportCost => t_string!(i18n, dashboard.gr_support_cost),
        GrowthField::Referral => t_string!(i18n, dashboard.gr_referral),
        GrowthField::ReferralWithSupport => t_string!(i18n, dashboard.gr_referral_support),
        GrowthField::Periods => t_string!(i18n, dashboard.gr_periods),
        GrowthField::Starting => t_string!(i18n, dashboard.gr_starting),
    }
}

fn error_text(i18n: I18nContext<Locale>, e: &GrowthError) -> String {
    match e {
        GrowthError::RateOutOfRange(..) => t_string!(i18n, dashboard.gr_err_rate).to_string(),
        GrowthError::CacNotPositive(_) => t_string!(i18n, dashboard.gr_err_cac).to_string(),
        GrowthError::PeriodsOutOfRange(_) => t_string!(i18n, dashboard.gr_err_periods).to_string(),
        GrowthError::NegativeAmount(..) => t_string!(i18n, dashboard.gr_err_negative).to_string(),
        GrowthError::SupportOverBudget { .. } => t_string!(i18n, dashboard.gr_err_over).to_string(),
    }
}

/// The calculator. `measured` prefills churn, CAC and customers when known.
#[component]
pub fn GrowthWhatIf(
    /// Figures measured from the workspace, if any.
    #[prop(into)]
    measured: Signal<Measured>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let prefill = move || {
        GrowthForm::prefilled(
            measured.get(),
            ws.settings.with(|s| s.currency),
            number_locale(i18n),
        )
    };
    let first = untrack(prefill);
    let form = RwSignal::new(first.clone());
    // What the form was last filled with: a field still showing it follows new
    // measurements (another range, a sync, the language); a typed one is kept,
    // re-written in the new number format when the language changes.
    let filled = StoredValue::new(first);
    let shown_in = StoredValue::new(untrack(|| number_locale(i18n)));
    Effect::new(move |_| {
        let next = prefill();
        let (from, to) = (shown_in.get_value(), untrack(|| number_locale(i18n)));
        let before = filled.get_value().relocale(from, to);
        shown_in.set_value(to);
        if next != before || from != to {
            form.update(|f| *f = f.relocale(from, to).refill(&before, &next));
            filled.set_value(next);
        }
    });
    let restart = move |_| {
        let p = untrack(prefill);
        form.set(p.clone());
        filled.set_value(p);
    };
    let result = Memo::new(move |_| {
        let l = number_locale(i18n);
        match form.with(|f| f.inputs(l)) {
            Err(field) => Err(t_string!(
                i18n,
                dashboard.gr_err_number,
                field = field_name(i18n, field)
            )),
            Ok(inputs) => compare(&inputs).map_err(|e| error_text(i18n, &e)),
        }
    });
    let cur = move || ws.settings.with(|s| s.currency.code());
    let input = move |f: GrowthField,
                      get: fn(&GrowthForm) -> String,
                      set: fn(&mut GrowthForm, String),
                      unit: &'static str| {
        let label = move || match unit {
            "money" => format!("{} ({})", field_name(i18n, f), cur()),
            "pct" => format!("{} (%)", field_name(i18n, f)),
            _ => field_name(i18n, f).to_string(),
        };
        view! {
            <label class="field">
                <span>{label}</span>
                <input
                    type="text"
                    inputmode="decimal"
                    prop:value=move || form.with(get)
                    on:input=move |ev| form.update(|x| set(x, event_target_value(&ev)))
                />
            </label>
        }
    };
    let count = move |v: f64| format_number(v.round(), 0, number_locale(i18n));
    // Averages keep the currency's decimals ($7.14), VND whole đồng.
    let money = move |v: f64| {
        let currency = ws.settings.with(|s| s.currency);
        Money::from_major(v, currency).format(number_locale(i18n))
    };
    view! {
        <section class="card growth" aria-labelledby="growth-h">
            <h2 id="growth-h">{t!(i18n, dashboard.gr_title)}</h2>
            <p class="muted">{t!(i18n, dashboard.gr_hint)}</p>
            <form class="growth-form" on:submit=|ev| ev.prevent_default()>
                {input(GrowthField::Budget, |f| f.budget.clone(), |f, v| f.budget = v, "money")}
                {input(GrowthField::Cac, |f| f.cac.clone(), |f, v| f.cac = v, "money")}
                {input(
                    GrowthField::SupportCost,
                    |f| f.support_cost.clone(),
                    |f, v| f.support_cost = v,
                    "money",
                )}
                {input(GrowthField::Churn, |f| f.churn.clone(), |f, v| f.churn = v, "pct")}
                {input(
                    GrowthField::ChurnWithSupport,
                    |f| f.churn_with_support.clone(),
                    |f, v| f.churn_with_support = v,
                    "pct",
                )}
                {input(GrowthField::Referral, |f| f.referral.clone(), |f, v| f.referral = v, "pct")}
                {input(
                    GrowthField::ReferralWithSupport,
                    |f| f.referral_with_support.clone(),
                    |f, v| f.referral_with_support = v,
                    "pct",
                )}
                {input(GrowthField::Periods, |f| f.periods.clone(), |f, v| f.periods = v, "")}
                {input(GrowthField::Starting, |f| f.starting.clone(), |f, v| f.starting = v, "")}
                <div class="actions">
                    <button type="button" on:click=restart>
                        {t!(i18n, dashboard.gr_prefill)}
                    </button>
                </div>
            </form>
            <p class="muted">
                {move || {
                    let m = measured.get();
                    let l = number_locale(i18n);
                    let churn = m
                        .churn
                        .map(|c| format!("{} %", format_number(c * 100.0, 2, l)))
                        .unwrap_or_else(|| t_string!(i18n, dashboard.gr_unknown).to_string());
                    let cac = m
                        .cac
                        .map(|c| format!("{} {}", format_number(c.round(), 0, l), cur()))
                        .unwrap_or_else(|| t_string!(i18n, dashboard.gr_unknown).to_string());
                    let customers = m
                        .customers
                        .map(|n| format_number(f64::from(n), 0, l))
                        .unwrap_or_else(|| t_string!(i18n, dashboard.gr_unknown).to_string());
                    t_string!(
                        i18n, dashboard.rr_growth_measured, churn = churn, cac = cac, count = m.customers.unwrap_or(0), customers = customers
                    )
                }}
            </p>
            {move || match result.get() {
                Err(m) => {
                    view! {
                        <p class="error" role="alert">
                            {m}
                        </p>
                    }
                        .into_any()
                }
                Ok(c) => {
                    let labels: Vec<String> = c
                        .with_support
                        .periods
                        .iter()
                        .map(|r| r.period.to_string())
                        .collect();
                    let series = vec![
                        Series {
                            name: t_string!(i18n, dashboard.gr_without).to_string(),
                            values: c
                                .without_support
                                .periods
                                .iter()
                                .map(|r| Some(r.customers_end))
                                .collect(),
                        },
                        Series {
                            name: t_string!(i18n, dashboard.gr_with).to_string(),
                            values: c
                                .with_support
                                .periods
                                .iter()
                                .map(|r| Some(r.customers_end))
                                .collect(),
                        },
                    ];
                    let diff = c.customers_end_difference;
                    let periods = labels.len();
                    let with_count = c.with_support.customers_end.round().max(0.0) as u64;
                    let summary = t_string!(
                        i18n, dashboard.gr_summary,
                        periods = periods,
                        n = number_locale(i18n).format_count(periods as u64),
                        with_count = with_count,
                        with = count(c.with_support.customers_end),
                        without = count(c.without_support.customers_end),
                        diff = format!("{}{}", if diff >= 0.0 { "+" } else { "−" }, count(diff.abs()))
                    );
                    let kept = match (c.support_cost_per_customer_kept, c.acquire_to_keep_ratio) {
                        (Some(per), Some(ratio)) => {
                            t_string!(
                                i18n, dashboard.gr_kept,
                            count = c.customers_kept_by_support.round().max(0.0) as u64,
                            kept = count(c.customers_kept_by_support),
                            per = money(per),
                            ratio = format_number(ratio, 1, number_locale(i18n))
                            )
                        }
                        _ => t_string!(i18n, dashboard.gr_kept_none).to_string(),
                    };
                    let eff = |x: Option<f64>| {
                        x.map(money)
                            .unwrap_or_else(|| t_string!(i18n, dashboard.gr_unknown).to_string())
                    };
                    view! {
                        <div class="growth-out" role="status">
                            <p class="big">{summary.clone()}</p>
                            <p>{kept}</p>
                            <dl class="facts">
                                <dt>{t!(i18n, dashboard.gr_eff_cac_without)}</dt>
                                <dd>{eff(c.without_support.cost_per_new_customer)}</dd>
                                <dt>{t!(i18n, dashboard.gr_eff_cac_with)}</dt>
                                <dd>{eff(c.with_support.cost_per_new_customer)}</dd>
                                <dt>{t!(i18n, dashboard.gr_churn_cost)}</dt>
                                <dd>{money(c.without_support.churn_replacement_cost)}</dd>
                            </dl>
                        </div>
                        <LineChart
                            title=t_string!(i18n, dashboard.gr_chart).to_string()
                            summary
                            x_name=t_string!(i18n, dashboard.gr_period).to_string()
                            x_labels=labels
                            series
                            format=|v| format!("{:.0}", v)
                            table_label=t_string!(i18n, dashboard.chart_table).to_string()
                            no_data="—"
                        />
                    }
                        .into_any()
                }
            }}
        </section>
    }
}
