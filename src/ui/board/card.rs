//! One deal card: title, account and contact, value, close date, owner, days in
//! stage, rotting marker, a select box, and a "Move to…" menu that moves without
//! dragging. The card itself is the keyboard handle (see `keys.rs`).

use super::labels::{date, fill, money};
use super::state::{BoardState, DealDialog};
use super::CARD_H;
use crate::domain::board::MoveTarget;
use crate::i18n::*;
use leptos::prelude::*;

/// A card positioned at `index` in column `col` of the virtual list.
#[component]
pub fn CardSlot(
    /// Column index.
    col: usize,
    /// Deal document id.
    id: String,
    /// Position in the column (drives the absolute offset).
    index: Signal<usize>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<BoardState>();
    let card = {
        let id = id.clone();
        Memo::new(move |_| {
            state
                .model
                .with(|m| m.as_ref().and_then(|m| m.card(&id).cloned()))
        })
    };
    let facts = {
        let id = id.clone();
        Memo::new(move |_| {
            state.model.with(|m| {
                m.as_ref().and_then(|m| {
                    let c = m.card(&id)?;
                    Some((
                        m.days_in_stage(&c.deal),
                        m.is_rotting(&c.deal),
                        m.pipeline().stages.clone(),
                    ))
                })
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
    let node = NodeRef::<leptos::html::Article>::new();
    {
        let id = id.clone();
        Effect::new(move |_| {
            let wanted = state
                .focus_request
                .with(|r| r.as_deref() == Some(id.as_str()));
            if let (true, Some(el)) = (wanted, node.get()) {
                let _ = el.focus();
                state.focus_request.set(None);
            }
        });
    }
    let title = move || card.with(|c| c.as_ref().map(|c| c.deal.title.clone()).unwrap_or_default());
    let toggle = {
        let id = id.clone();
        move |_| {
            state.selected.update(|s| {
                if !s.remove(&id) {
                    s.insert(id.clone());
                }
            })
        }
    };
    let open = {
        let id = id.clone();
        move |_| state.open_deal.set(Some(DealDialog::Existing(id.clone())))
    };
    let move_to = {
        let id = id.clone();
        move |ev: leptos::ev::Event| {
            let el = event_target::<web_sys::HtmlSelectElement>(&ev);
            let v = el.value();
            el.set_value("");
            let ids = state.carried(&id);
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
        }
    };
    let stage_options = move || {
        facts.get().map(|(_, _, stages)| {
            stages
                .into_iter()
                .enumerate()
                .filter(|(i, _)| *i != col)
                .map(|(i, s)| view! { <option value=format!("col:{i}")>{s.name}</option> })
                .collect_view()
        })
    };
    view! {
        <li class="card-slot" style:top=move || format!("{}px", index.get() as f64 * CARD_H)>
            <article class="deal-card" node_ref=node data-deal-id=id.clone() data-col=col
                class:selected=move || selected.get() class:lifted=move || lifted.get()
                class:rotting=move || facts.with(|f| f.as_ref().is_some_and(|f| f.1))
                tabindex=tabindex
                aria-label=title aria-describedby="board-help">
                <div class="card-row">
                    <span class="grip" aria-hidden="true">"⠿"</span>
                    <input type="checkbox" tabindex=tabindex prop:checked=move || selected.get() on:change=toggle
                        aria-label=move || fill(t_string!(i18n, board_select_deal), &[("title", &title())])/>
                    <button type="button" class="card-title" tabindex=tabindex on:click=open
                        aria-label=move || fill(t_string!(i18n, board_open_deal), &[("title", &title())])>{title}</button>
                </div>
                {move || card.get().map(|c| {
                    let d = c.deal;
                    let account = state.name_of(&d.account_id);
                    let contact = state.name_of(&d.contact_id);
                    let who = [account, contact].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ");
                    let close = d.expected_close.map(|t| date(i18n, t));
                    view! {
                        <p class="card-who">{who}</p>
                        <p class="card-money"><strong>{money(i18n, d.value)}</strong>
                            {close.map(|c| view! { <span class="muted">{t!(i18n, board_closes, date = c)}</span> })}
                        </p>
                        <p class="card-meta">
                            <span>{d.owner}</span>
                            {move || facts.get().map(|(days, rotting, _)| view! {
                                <span class="muted">{t!(i18n, board_days_in_stage, days = days)}</span>
                                {rotting.then(|| view! { <span class="rot-badge">{t!(i18n, board_rotting)}</span> })}
                            })}
                        </p>
                    }
                })}
                <select class="move-to" tabindex=tabindex on:change=move_to
                    aria-label=move || fill(t_string!(i18n, board_move_to_label), &[("title", &title())])>
                    <option value="" selected>{t!(i18n, board_move_to)}</option>
                    {stage_options}
                    <option value="won">{t!(i18n, outcome_won)}</option>
                    <option value="lost">{t!(i18n, board_mark_lost_option)}</option>
                </select>
            </article>
        </li>
    }
}
