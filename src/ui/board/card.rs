//! One deal card: title, account and contact, value, close date, owner, days in
//! stage, rotting marker, a select box, and a "Move to…" menu that moves without
//! dragging. The card itself is the keyboard handle (see `keys.rs`).
//!
//! Kept cheap to render, because a board shows dozens of them: the visible text
//! is one memo (`Face`), re-rendered only when what it shows changes, so moves
//! (new rank, revision) leave the element and its keyboard focus in place.

use super::state::use_board;
use super::CARD_H;
use crate::domain::board::MoveTarget;
use crate::i18n::*;
use crate::ui::common::number_locale;
use crate::ui::common::Isolated;
use crate::ui::common::{date, money};
use leptos::prelude::*;

/// What a card shows, formatted.
#[derive(Clone, Debug, PartialEq)]
struct Face {
    title: String,
    /// Account and contact names.
    who: Vec<String>,
    value: String,
    close: Option<String>,
    owner: String,
}

/// A card positioned at `index` in column `col` of the virtual list.
#[component]
pub fn CardSlot(
    /// Column index.
    col: usize,
    /// Deal document id.
    id: String,
    /// Position in the column (drives the absolute offset).
    index: Signal<usize>,
    /// Names of the pipeline's stages, for the "Move to…" menu.
    stages: Memo<Vec<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_board();
    let face = {
        let id = id.clone();
        Memo::new(move |_| {
            state.model.with(|m| {
                let d = &m.as_ref()?.card(&id)?.deal;
                let account = state.name_of(&d.account_id);
                let contact = state.name_of(&d.contact_id);
                let who = vec![account, contact];
                Some(Face {
                    title: d.title.clone(),
                    who,
                    value: money(i18n, d.value),
                    close: d.expected_close.map(|t| date(i18n, t)),
                    owner: d.owner.clone(),
                })
            })
        })
    };
    let facts = {
        let id = id.clone();
        Memo::new(move |_| {
            state.model.with(|m| {
                let m = m.as_ref()?;
                let c = m.card(&id)?;
                Some((m.days_in_stage(&c.deal), m.is_rotting(&c.deal)))
            })
        })
    };
    let selected = {
        let id = id.clone();
        Memo::new(move |_| state.selected.with(|s| s.contains(&id)))
    };
    let lifted = {
        let id = id.clone();
        Memo::new(move |_| {
            state
                .moving
                .with(|m| m.as_ref().is_some_and(|m| m.ids.contains(&id)))
        })
    };
    let tab_stop = {
        let id = id.clone();
        Memo::new(move |_| {
            let focused = state.focused.get();
            focused.as_deref() == Some(id.as_str())
                || (focused.is_none() && col == 0 && index.get() == 0)
        })
    };
    let tabindex = move || if tab_stop.get() { "0" } else { "-1" };
    let body = {
        let id = id.clone();
        move || {
            let f = face.get()?;
            let (toggle_id, open_id, move_id) = (id.clone(), id.clone(), id.clone());
            let toggle = move |_| {
                state.selected.update(|s| {
                    if !s.remove(&toggle_id) {
                        s.insert(toggle_id.clone());
                    }
                })
            };
            let open = move |_| state.open(&open_id);
            let move_to = move |ev: leptos::ev::Event| {
                let el = event_target::<web_sys::HtmlSelectElement>(&ev);
                let v = el.value();
                el.set_value("");
                let ids = state.carried(&move_id);
                match v.as_str() {
                    "won" => state.commit(ids, MoveTarget::Won),
                    "lost" => state.lost_prompt.set(Some(ids)),
                    other => {
                        if let Some(c) = other.strip_prefix("col:").and_then(|c| c.parse().ok()) {
                            state.commit(
                                ids,
                                MoveTarget::Stage {
                                    column: c,
                                    index: 0,
                                },
                            );
                        }
                    }
                }
            };
            let title = f.title.clone();
            let options = stages
                .get()
                .into_iter()
                .enumerate()
                .filter(|(i, _)| *i != col)
                .map(|(i, name)| view! { <option value=format!("col:{i}")>{name}</option> })
                .collect_view();
            Some(view! {
                <div class="card-row">
                    {(!state.read_only)
                        .then(|| {
                            view! {
                                <span class="grip" aria-hidden="true">
                                    "⠿"
                                </span>
                                <input
                                    type="checkbox"
                                    tabindex=tabindex
                                    prop:checked=move || selected.get()
                                    on:change=toggle
                                    aria-label=t_string!(
                                        i18n, board.select_deal, title = title.clone()
                                    )
                                />
                            }
                        })}
                    <button
                        type="button"
                        class="card-title"
                        tabindex=tabindex
                        on:click=open
                        aria-label=t_string!(i18n, board.open_deal, title = title.clone())
                    >
                        {f.title}
                    </button>
                </div>
                <p class="card-who">
                    <Isolated parts=f.who />
                </p>
                <p class="card-money">
                    <strong>{f.value}</strong>
                    {f
                        .close
                        .map(|c| {
                            view! {
                                <span class="muted">{t_string!(i18n, board.closes, date = c)}</span>
                            }
                        })}
                </p>
                <p class="card-meta">
                    <span>{f.owner}</span>
                    {move || {
                        facts
                            .get()
                            .map(|(days, rotting)| {
                                view! {
                                    <span class="muted">
                                        {t_string!(
                                            i18n, board.days_in_stage, days = number_locale(i18n).format_count(days as u64)
                                        )}
                                    </span>
                                    {rotting
                                        .then(|| {
                                            view! {
                                                <span class="rot-badge">
                                                    {t_string!(i18n, board.rotting)}
                                                </span>
                                            }
                                        })}
                                }
                            })
                    }}
                </p>
                {(!state.read_only)
                    .then(|| {
                        view! {
                            <select
                                class="move-to"
                                tabindex=tabindex
                                on:change=move_to
                                aria-label=t_string!(
                                    i18n, board.move_to_label, title = title.clone()
                                )
                            >
                                <option value="" selected>
                                    {t_string!(i18n, board.move_to)}
                                </option>
                                {options}
                                <option value="won">{t_string!(i18n, common.outcome_won)}</option>
                                <option value="lost">
                                    {t_string!(i18n, board.mark_lost_option)}
                                </option>
                            </select>
                        }
                    })}
            })
        }
    };
    view! {
        <li class="card-slot" style:top=move || format!("{}px", index.get() as f64 * CARD_H)>
            <article
                class="deal-card"
                part="card"
                data-deal-id=id.clone()
                data-col=col
                class:selected=move || selected.get()
                class:lifted=move || lifted.get()
                class:rotting=move || facts.with(|f| f.is_some_and(|f| f.1))
                tabindex=tabindex
                aria-label=move || {
                    face.with(|f| f.as_ref().map(|f| f.title.clone()).unwrap_or_default())
                }
                aria-describedby="board-help"
            >
                {body}
            </article>
        </li>
    }
}
