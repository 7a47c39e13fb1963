//! One stage column: header with exact totals, share bar and WIP warning, and a
//! virtualised card list (only the cards in view are in the DOM).

use super::card::CardSlot;
use super::labels::amounts_lines;
use super::state::use_board;
use super::state::{DealDialog, DropAt};
use super::CARD_H;
use crate::domain::board::share_per_mille;
use crate::i18n::*;
use crate::ui::common::number_locale;
use leptos::prelude::*;

/// Cards rendered above and below the visible window.
const OVERSCAN: usize = 4;

/// The column of stage number `col`.
#[component]
pub fn Column(
    /// Column index in the pipeline's stage order.
    col: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_board();
    let cur = move || state.ws.settings.with(|s| s.currency);
    let name = Memo::new(move |_| {
        state.model.with(|m| {
            m.as_ref()
                .map(|m| m.stage(col).name.clone())
                .unwrap_or_default()
        })
    });
    let totals = Memo::new(move |_| {
        state.model.with(|m| {
            m.as_ref()
                .map(|m| m.totals(col).clone())
                .unwrap_or_default()
        })
    });
    let pipeline_value = Memo::new(move |_| {
        state
            .model
            .with(|m| m.as_ref().map(|m| m.open_totals().amounts.value(cur())))
    });
    let wip = Memo::new(move |_| {
        state.model.with(|m| {
            m.as_ref()
                .and_then(|m| m.stage(col).wip_limit.filter(|_| m.over_wip(col)))
        })
    });
    let len = Memo::new(move |_| {
        state
            .model
            .with(|m| m.as_ref().map_or(0, |m| m.column(col).len()))
    });
    let scroll = RwSignal::new(0.0f64);
    // The stylesheet sizes column bodies at `100vh - 330px` (at least 320px): start
    // from that, so the first render already has the right number of cards.
    let viewport = window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(970.0);
    let height = RwSignal::new((viewport - 330.0).max(320.0));
    let body = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = body.get() {
            let h = el.client_height().max(200) as f64;
            if h != height.get_untracked() {
                height.set(h);
            }
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| {
        if let Some(el) = body.get_untracked() {
            height.set(el.client_height().max(200) as f64);
        }
    });
    on_cleanup(move || resize.remove());
    let visible = Memo::new(move |_| {
        let top = scroll.get();
        let first = ((top / CARD_H).floor() as usize).saturating_sub(OVERSCAN);
        let last = ((top + height.get()) / CARD_H).ceil() as usize + OVERSCAN;
        state.model.with(|m| {
            let Some(m) = m else { return Vec::new() };
            let ids = m.column(col);
            let last = last.min(ids.len());
            let first = first.min(last);
            ids[first..last]
                .iter()
                .enumerate()
                .map(|(k, id)| (first + k, id.clone()))
                .collect::<Vec<_>>()
        })
    });
    // The drop placeholder: where the moving cards would land, in list coordinates.
    let slot = Memo::new(move |_| {
        let moving = state.moving.get()?;
        let Some(DropAt::Column(c, index)) = moving.at else {
            return None;
        };
        if c != col {
            return None;
        }
        state.model.with(|m| {
            let ids = m.as_ref()?.column(col);
            let mut rest = 0;
            let mut visual = ids.len();
            for (i, id) in ids.iter().enumerate() {
                if rest == index {
                    visual = i;
                    break;
                }
                if !moving.ids.contains(id) {
                    rest += 1;
                }
            }
            Some(visual)
        })
    });
    let share = move || {
        let t = totals.get();
        let whole = pipeline_value.get()?;
        let pm = share_per_mille(t.amounts.value(cur()), whole);
        Some(pm)
    };
    // Stage names for every card's "Move to…" menu, computed once per column.
    let stages = Memo::new(move |_| {
        state.model.with(|m| {
            m.as_ref().map_or_else(Vec::new, |m| {
                m.pipeline()
                    .stages
                    .iter()
                    .map(|s| s.name.clone())
                    .collect::<Vec<_>>()
            })
        })
    });
    let heading_id = format!("col-h-{col}");
    let heading_ref = heading_id.clone();
    let list_label = move || t_string!(i18n, board.list_label, stage = name.get());
    let add_label = move || t_string!(i18n, board.add_deal, stage = name.get());
    view! {
        <section
            class="column"
            part="column"
            data-drop=format!("col:{col}")
            aria-labelledby=heading_ref
        >
            <header class="col-head">
                <div class="col-title">
                    <h2 id=heading_id>{move || name.get()}</h2>
                    // A new deal has no account yet, so a board limited to some accounts could not show it.
                    {(!state.read_only && state.scope.with_value(|s| s.is_empty()))
                        .then(|| {
                            view! {
                                <button
                                    type="button"
                                    class="add"
                                    aria-label=add_label
                                    title=add_label
                                    on:click=move |_| {
                                        state.open_deal.set(Some(DealDialog::New(col)))
                                    }
                                >
                                    "+"
                                </button>
                            }
                        })}
                </div>
                <p class="col-count">
                    {move || {
                        let c = totals.get().count;
                        let n = number_locale(i18n).format_count(c);
                        t!(i18n, board.deal_count, count = move || c, n = n)
                    }}
                </p>
                {move || {
                    amounts_lines(i18n, &totals.get().amounts, cur())
                        .into_iter()
                        .map(|(value, weighted)| {
                            view! {
                                <p class="col-sum">
                                    <strong>{value}</strong>
                                    " "
                                    <span class="muted">
                                        {t!(i18n, board.weighted, value = weighted)}
                                    </span>
                                </p>
                            }
                        })
                        .collect_view()
                }}
                {move || {
                    share()
                        .map(|pm| {
                            let pct = format!("{}", (pm + 5) / 10);
                            view! {
                                <div class="share" aria-hidden="true">
                                    <span style:width=format!("{}%", pm as f64 / 10.0)></span>
                                </div>
                                <p class="muted share-text">{t!(i18n, board.share, pct = pct)}</p>
                            }
                        })
                }}
                {move || {
                    wip.get()
                        .map(|limit| {
                            let n = totals.get().count;
                            view! {
                                <p class="wip" role="note">
                                    {t!(i18n, board.over_wip, count = n, limit = limit)}
                                </p>
                            }
                        })
                }}
            </header>
            <div
                class="col-body"
                id=format!("board-col-{col}")
                node_ref=body
                on:scroll=move |ev| {
                    scroll.set(event_target::<web_sys::Element>(&ev).scroll_top() as f64)
                }
            >
                <ul
                    class="cards"
                    aria-label=list_label
                    style:height=move || format!("{}px", (len.get() as f64 + 1.0) * CARD_H)
                >
                    <For
                        each=move || visible.get()
                        key=|(_, id)| id.clone()
                        children=move |(_, id)| {
                            let key = id.clone();
                            let index = Signal::derive(move || {
                                visible
                                    .with(|v| {
                                        v.iter().find(|(_, x)| *x == key).map_or(0, |(i, _)| *i)
                                    })
                            });
                            view! { <CardSlot col id index stages /> }
                        }
                    />
                    {move || {
                        slot.get()
                            .map(|v| {
                                view! {
                                    <li
                                        class="drop-slot"
                                        aria-hidden="true"
                                        style:top=format!("{}px", v as f64 * CARD_H - 6.0)
                                    ></li>
                                }
                            })
                    }}
                </ul>
                {move || {
                    (len.get() == 0)
                        .then(|| {
                            view! { <p class="muted col-empty">{t!(i18n, board.column_empty)}</p> }
                        })
                }}
            </div>
        </section>
    }
}
