//! The "Recurring revenue" section of an account's page: what the account pays
//! per month, and a form to set (or remove) a month's amount. Each amount is
//! written into that month's period document (docs/domain.md, net revenue
//! retention), created when missing, keeping the other accounts' entries and
//! the month's spend and revenue.

use crate::actions::periods;
use crate::domain::money::Money;
use crate::domain::records::{local_today, recurring_entry, recurring_of, PeriodFigures};
use crate::domain::validate::ErrorCode;
use crate::domain::RecordType;
use crate::domain::ValidationErrors;
use crate::i18n::*;
use crate::ui::common::{
    money, month as month_label, now, number_locale, store_error_message, use_workspace, Reads,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_i18n::I18nContext;
use std::collections::HashMap;

/// A month key as the UI shows it (`3/2026`, `2026-03`).
fn month_text(i18n: I18nContext<Locale>, key: &str) -> String {
    PeriodFigures::parse_month(key)
        .map(|(y, m)| month_label(i18n, (i64::from(y), m)))
        .unwrap_or_else(|| key.to_string())
}

/// Each rejected field's message.
fn messages(
    i18n: I18nContext<Locale>,
    errs: &ValidationErrors,
    cur: crate::domain::Currency,
) -> HashMap<String, String> {
    let mut out = HashMap::new();
    match errs.get("month") {
        Some(ErrorCode::OutOfRange) => {
            out.insert(
                "month".into(),
                t_string!(i18n, customers.rr_err_future).to_string(),
            );
        }
        Some(_) => {
            out.insert(
                "month".into(),
                t_string!(i18n, customers.rr_err_month).to_string(),
            );
        }
        None => {}
    }
    if errs.get("amount").is_some() {
        // 15 000 000 ₫, or 1 500.00 in a currency with cents.
        let minor = match cur.minor_digits() {
            0 => 15_000_000,
            d => 1_500 * 10i64.pow(d),
        };
        let example = Money::new(minor, cur).format_amount(number_locale(i18n));
        out.insert(
            "amount".into(),
            t_string!(
                i18n,
                customers.rr_err_amount,
                cur = cur.code(),
                example = example
            ),
        );
    }
    out
}

/// Recurring revenue per month of one account, with the form to set a month.
#[component]
pub fn RecurringSection(
    /// The account's document id.
    account_id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let account = StoredValue::new(account_id);
    let stored = ws.read(Reads::types(&[RecordType::Period]), |store| async move {
        store.records_of::<PeriodFigures>().await
    });
    let rows = Memo::new(move |_| {
        stored
            .get()
            .and_then(|r| r.ok())
            .map(|p| account.with_value(|a| recurring_of(p.iter().map(|(_, f)| f), a)))
            .unwrap_or_default()
    });
    let offset = move || ws.settings.with_untracked(|s| s.sla.utc_offset_min);
    let this_month = move || local_today(now(), offset())[..7].to_string();
    // Refreshed whenever the month field gets focus, so a screen left open over
    // a month end still offers the new month.
    let max_month = RwSignal::new(this_month());
    let month_in = RwSignal::new(this_month());
    let amount_in = RwSignal::new(String::new());
    let errors = RwSignal::new(HashMap::<String, String>::new());
    let status = RwSignal::new(None::<Result<String, String>>);
    let busy = RwSignal::new(false);
    let cur = move || ws.settings.with(|s| s.currency);
    let run = move |month: String, amount: Option<Money>, done: String| {
        busy.set(true);
        spawn_local(async move {
            let Some(actor) = ws.actor() else {
                busy.set(false);
                return;
            };
            let saved = amount.is_some();
            let result = periods::set_recurring(&actor, &month, &account.get_value(), amount).await;
            busy.set(false);
            match result {
                Ok(()) => {
                    // Cleared only once written: a failed write keeps what was typed.
                    if saved {
                        amount_in.set(String::new());
                    }
                    status.set(Some(Ok(done)));
                }
                Err(e) => status.set(Some(Err(store_error_message(i18n, &e)))),
            }
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let c = ws.settings.with_untracked(|s| s.currency);
        let read = recurring_entry(
            &month_in.get_untracked(),
            &amount_in.get_untracked(),
            c,
            number_locale(i18n),
            now(),
            offset(),
        );
        match read {
            Err(errs) => {
                status.set(None);
                errors.set(messages(i18n, &errs, c));
            }
            Ok((month, m)) => {
                errors.set(HashMap::new());
                let done = t_string!(i18n, customers.rr_saved, month = month_text(i18n, &month));
                run(month, Some(m), done);
            }
        }
    };
    let remove = move |month: String| {
        if busy.get_untracked() {
            return;
        }
        let done = t_string!(i18n, customers.rr_removed, month = month_text(i18n, &month));
        run(month, None, done);
    };
    let invalid = move |key: &'static str| errors.with(|e| e.contains_key(key)).then_some("true");
    let described = move |key: &'static str| {
        errors
            .with(|e| e.contains_key(key))
            .then(|| format!("rr-err-{key}"))
    };
    let error = move |key: &'static str| {
        move || {
            errors.with(|e| e.get(key).cloned()).map(|m| {
                view! {
                    <p class="field-error" id=format!("rr-err-{key}")>
                        {m}
                    </p>
                }
            })
        }
    };
    let read_only = ws.read_only();
    view! {
        <section aria-labelledby="rr-h" class="recurring">
            <h2 id="rr-h">{t!(i18n, customers.rr_title)}</h2>
            <p class="muted">{t!(i18n, customers.rr_help)}</p>
            {move || {
                if rows.with(Vec::is_empty) {
                    view! { <p class="muted">{t!(i18n, customers.rr_none)}</p> }.into_any()
                } else {
                    view! {
                        <div class="table-scroll">
                            <table class="rr-table">
                                <caption class="sr-only">{t!(i18n, customers.rr_table)}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">{t!(i18n, common.dash_month)}</th>
                                        <th scope="col" class="num">
                                            {t!(i18n, customers.rr_amount_col)}
                                        </th>
                                        {(!read_only)
                                            .then(|| {
                                                view! {
                                                    <th scope="col">
                                                        <span class="sr-only">{t!(i18n, customers.rr_remove)}</span>
                                                    </th>
                                                }
                                            })}
                                    </tr>
                                </thead>
                                <tbody>
                                    {rows
                                        .get()
                                        .into_iter()
                                        .map(|(key, m)| {
                                            let label = month_text(i18n, &key);
                                            let name = t_string!(
                                                i18n, customers.rr_remove_month, month = label.clone()
                                            );
                                            view! {
                                                <tr>
                                                    <th scope="row">{label}</th>
                                                    <td class="num">{money(i18n, m)}</td>
                                                    {(!read_only)
                                                        .then(|| {
                                                            view! {
                                                                <td>
                                                                    <button
                                                                        type="button"
                                                                        class="secondary small"
                                                                        aria-label=name
                                                                        disabled=move || busy.get()
                                                                        on:click=move |_| remove(key.clone())
                                                                    >
                                                                        {t!(i18n, customers.rr_remove)}
                                                                    </button>
                                                                </td>
                                                            }
                                                        })}
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                        .into_any()
                }
            }}
            {(!read_only)
                .then(|| {
                    view! {
                        <form class="rr-form" on:submit=submit novalidate>
                            <div class="field-wrap">
                                <label class="field">
                                    <span>{t!(i18n, customers.rr_month)}</span>
                                    <input
                                        type="month"
                                        max=move || max_month.get()
                                        prop:value=move || month_in.get()
                                        on:focus=move |_| max_month.set(this_month())
                                        on:input=move |ev| month_in.set(event_target_value(&ev))
                                        on:change=move |ev| month_in.set(event_target_value(&ev))
                                        aria-invalid=move || invalid("month")
                                        aria-describedby=move || described("month")
                                    />
                                </label>
                                {error("month")}
                            </div>
                            <div class="field-wrap">
                                <label class="field">
                                    <span>
                                        {move || {
                                            t_string!(i18n, customers.rr_amount, cur = cur().code())
                                        }}
                                    </span>
                                    <input
                                        type="text"
                                        inputmode="decimal"
                                        autocomplete="off"
                                        prop:value=move || amount_in.get()
                                        on:input=move |ev| amount_in.set(event_target_value(&ev))
                                        aria-invalid=move || invalid("amount")
                                        aria-describedby=move || described("amount")
                                    />
                                </label>
                                {error("amount")}
                            </div>
                            <button type="submit" disabled=move || busy.get()>
                                {t!(i18n, customers.rr_save)}
                            </button>
                        </form>
                    }
                })}
            <p role="status" class="form-status">
                {move || {
                    status
                        .get()
                        .map(|s| match s {
                            Ok(m) => view! { <span class="ok">{m}</span> }.into_any(),
                            Err(m) => view! { <span class="error">{m}</span> }.into_any(),
                        })
                }}
            </p>
        </section>
    }
}
