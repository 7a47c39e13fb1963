//! The filter bar. Every change rewrites the URL (see `set_query`), and the board
//! follows the URL, so a filtered view can be bookmarked or shared.

use super::set_query;
use super::state::use_board;
use crate::domain::board::BoardQuery;
use crate::domain::money::{Currency, Money};
use crate::domain::Timestamp;
use crate::i18n::*;
use crate::ui::common::number_locale;
use leptos::prelude::*;

/// Owner, account, value range, close dates, rotting only and text search.
#[component]
pub fn FilterBar() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_board();
    let q = state.query;
    let change = move |f: &dyn Fn(&mut BoardQuery)| {
        let mut next = q.get_untracked();
        f(&mut next);
        set_query(&next);
    };
    let opt = |v: String| (!v.trim().is_empty()).then(|| v.trim().to_string());
    let accounts = Memo::new(move |_| {
        let mut ids: Vec<(String, String)> = state.names.with(|n| {
            n.iter()
                .filter(|(id, _)| id.starts_with("account:"))
                .map(|(id, name)| (id.clone(), name.clone()))
                .collect()
        });
        ids.sort_by(|a, b| a.1.cmp(&b.1));
        ids
    });
    let range_cur = move || {
        q.with(|q| q.min.or(q.max).map(|m| m.currency))
            .unwrap_or_else(|| state.ws.settings.with(|s| s.currency))
    };
    let amount_error = RwSignal::new(None::<&'static str>);
    let set_amount = move |which: &'static str, raw: String| {
        let cur = range_cur();
        let parsed = if raw.trim().is_empty() {
            Ok(None)
        } else {
            Money::parse(&raw, cur, number_locale(i18n)).map(Some)
        };
        match parsed {
            Ok(m) if m.is_none_or(|m| m.amount >= 0) => {
                amount_error.set(None);
                change(&|x: &mut BoardQuery| if which == "min" { x.min = m } else { x.max = m });
            }
            _ => amount_error.set(Some(which)),
        }
    };
    let show_amount = move |m: Option<Money>| {
        m.map(|m| m.format_amount(number_locale(i18n)))
            .unwrap_or_default()
    };
    let day = |t: Option<Timestamp>| t.map(|t| t.date_string()).unwrap_or_default();
    view! {
        <form
            class="filters"
            role="search"
            aria-label=move || t_string!(i18n, board.filters_label)
            on:submit=|ev| ev.prevent_default()
        >
            <label class="field inline grow">
                <span>{t!(i18n, board.filter_search)}</span>
                <input
                    type="search"
                    prop:value=move || q.with(|q| q.text.clone())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        change(&|x: &mut BoardQuery| x.text = v.clone())
                    }
                />
            </label>
            <label class="field inline">
                <span>{t!(i18n, common.field_owner)}</span>
                <select
                    prop:value=move || q.with(|q| q.owner.clone().unwrap_or_default())
                    on:change=move |ev| {
                        let v = opt(event_target_value(&ev));
                        change(&|x: &mut BoardQuery| x.owner = v.clone())
                    }
                >
                    <option value="">{t!(i18n, common.filter_any)}</option>
                    {move || {
                        state
                            .owners
                            .get()
                            .into_iter()
                            .map(|o| {
                                let sel = q.with(|q| q.owner.as_deref() == Some(o.as_str()));
                                view! {
                                    <option value=o.clone() selected=sel>
                                        {o.clone()}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
            <label class="field inline">
                <span>{t!(i18n, board.filter_account)}</span>
                <select
                    prop:value=move || q.with(|q| q.account.clone().unwrap_or_default())
                    on:change=move |ev| {
                        let v = opt(event_target_value(&ev));
                        change(&|x: &mut BoardQuery| x.account = v.clone())
                    }
                >
                    <option value="">{t!(i18n, common.filter_any)}</option>
                    {move || {
                        accounts
                            .get()
                            .into_iter()
                            .map(|(id, name)| {
                                let sel = q.with(|q| q.account.as_deref() == Some(id.as_str()));
                                view! {
                                    <option value=id selected=sel>
                                        {name}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
            <fieldset class="range">
                <legend>{t!(i18n, board.filter_value)}</legend>
                <label class="field inline">
                    <span>{t!(i18n, board.filter_min)}</span>
                    <input
                        inputmode="decimal"
                        size="10"
                        prop:value=move || show_amount(q.with(|q| q.min))
                        aria-invalid=move || (amount_error.get() == Some("min")).to_string()
                        on:change=move |ev| set_amount("min", event_target_value(&ev))
                    />
                </label>
                <label class="field inline">
                    <span>{t!(i18n, board.filter_max)}</span>
                    <input
                        inputmode="decimal"
                        size="10"
                        prop:value=move || show_amount(q.with(|q| q.max))
                        aria-invalid=move || (amount_error.get() == Some("max")).to_string()
                        on:change=move |ev| set_amount("max", event_target_value(&ev))
                    />
                </label>
                <label class="field inline">
                    <span>{t!(i18n, common.field_currency)}</span>
                    <select
                        prop:value=move || range_cur().code().to_string()
                        on:change=move |ev| {
                            let c: Currency = event_target_value(&ev)
                                .parse()
                                .unwrap_or(Currency::Vnd);
                            change(
                                &|x: &mut BoardQuery| {
                                    x.min = x.min.map(|m| Money::new(m.amount, c));
                                    x.max = x.max.map(|m| Money::new(m.amount, c));
                                },
                            )
                        }
                    >
                        {Currency::ALL
                            .into_iter()
                            .map(|c| view! { <option value=c.code()>{c.code()}</option> })
                            .collect_view()}
                    </select>
                </label>
            </fieldset>
            <label class="field inline">
                <span>{t!(i18n, board.filter_close_from)}</span>
                <input
                    type="date"
                    prop:value=move || day(q.with(|q| q.close_from))
                    on:change=move |ev| {
                        let v = Timestamp::parse(&event_target_value(&ev));
                        change(&|x: &mut BoardQuery| x.close_from = v)
                    }
                />
            </label>
            <label class="field inline">
                <span>{t!(i18n, board.filter_close_to)}</span>
                <input
                    type="date"
                    prop:value=move || day(q.with(|q| q.close_to))
                    on:change=move |ev| {
                        let v = Timestamp::parse(&event_target_value(&ev));
                        change(&|x: &mut BoardQuery| x.close_to = v)
                    }
                />
            </label>
            <label class="check inline-check">
                <input
                    type="checkbox"
                    prop:checked=move || q.with(|q| q.rotting)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        change(&|x: &mut BoardQuery| x.rotting = on)
                    }
                />
                {t!(i18n, board.filter_rotting)}
            </label>
            <button
                type="button"
                disabled=move || !q.with(BoardQuery::is_filtered)
                on:click=move |_| change(
                    &|x: &mut BoardQuery| {
                        *x = BoardQuery {
                            pipeline: x.pipeline.clone(),
                            ..Default::default()
                        };
                    },
                )
            >
                {t!(i18n, board.filter_clear)}
            </button>
            {move || {
                amount_error
                    .get()
                    .map(|_| {
                        view! {
                            <p class="error" role="alert">
                                {t!(i18n, board.filter_bad_amount)}
                            </p>
                        }
                    })
            }}
        </form>
    }
}
