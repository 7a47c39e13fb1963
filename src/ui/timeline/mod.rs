//! The customer timeline: every touchpoint of a contact or account in one
//! virtualised, day-grouped feed with filters, jump-to-date and quick log.

mod filters;
mod item;
pub mod labels;
mod load;
mod photo;
mod quick_log;

pub use quick_log::QuickLog;

use crate::domain::timeline::{
    day_rows, offsets, row_of_day, visible_range, Row, Scope, TimelineFilter,
};
use crate::domain::RecordType;
use crate::i18n::*;
use crate::ui::common::date;
use crate::ui::common::offset_minutes;
use crate::ui::common::Reads;
use crate::ui::common::{number_locale, use_workspace, Loading, ReadError};
use filters::{JumpToDate, TimelineFilters};
use item::TimelineRow;
use leptos::prelude::*;
use std::sync::Arc;

/// Height of a day header row, px.
pub const DAY_H: f64 = 36.0;
/// Height of an item row, px.
pub const ITEM_H: f64 = 64.0;
const OVERSCAN: usize = 6;

/// The timeline of a contact or account.
#[component]
pub fn Timeline(
    /// Whose timeline.
    scope: Scope,
) -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let loaded = ws.read(
        Reads::types(&[
            RecordType::Activity,
            RecordType::Deal,
            RecordType::RecordChange,
            RecordType::StageTransition,
            RecordType::SurveyResponse,
            RecordType::Ticket,
            RecordType::Pipeline,
        ]),
        move |store| load::load(store, scope.clone()),
    );
    let filter = RwSignal::new(TimelineFilter::default());
    let scroll = RwSignal::new(0.0f64);
    let viewport = RwSignal::new(600.0f64);
    let body = NodeRef::<leptos::html::Div>::new();
    let data = Memo::new(move |_| loaded.get().and_then(|r| r.ok()).unwrap_or_default().items);
    let deal_stages = Memo::new(move |_| {
        loaded
            .get()
            .and_then(|r| r.ok())
            .unwrap_or_default()
            .deal_stages
    });
    let shown = Memo::new(move |_| {
        let f = filter.get();
        data.with(|items| {
            Arc::new(
                items
                    .iter()
                    .filter(|i| f.keeps(i))
                    .cloned()
                    .collect::<Vec<_>>(),
            )
        })
    });
    let zone = offset_minutes();
    let rows = Memo::new(move |_| shown.with(|s| day_rows(s, zone)));
    let tops = Memo::new(move |_| rows.with(|r| offsets(r, DAY_H, ITEM_H)));
    let visible = Memo::new(move |_| {
        let range = tops.with(|t| visible_range(t, scroll.get(), viewport.get(), OVERSCAN));
        // Each row carries its identity, so a new filter re-renders rows in place.
        rows.with(|r| {
            shown.with(|items| {
                range
                    .map(|i| {
                        let key = match r[i] {
                            Row::Day(d) => format!("d{}", d.0),
                            Row::Item(n) => items[n].key.clone(),
                        };
                        (i, r[i], key)
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let on_jump = Callback::new(move |day| {
        let Some(i) = rows.with_untracked(|r| row_of_day(r, day)) else {
            return;
        };
        let top = tops.with_untracked(|t| t[i]);
        if let Some(el) = body.get_untracked() {
            el.set_scroll_top(top as i32);
            // The browser clamps near the end; render what is really in view.
            scroll.set(el.scroll_top() as f64);
            // Once the rows are drawn, move focus to the day header so keyboard and
            // screen-reader users land there.
            request_animation_frame(move || {
                if let Ok(Some(h)) = el.query_selector(&format!("[data-row='{i}']")) {
                    use wasm_bindgen::JsCast;
                    if let Ok(h) = h.dyn_into::<web_sys::HtmlElement>() {
                        let _ = h.focus();
                    }
                }
            });
        }
    });
    // Reset the scroll when the filter changes.
    Effect::new(move |_| {
        filter.track();
        if let Some(el) = body.get_untracked() {
            el.set_scroll_top(0);
        }
        scroll.set(0.0);
    });
    view! {
        <section class="timeline" part="timeline" aria-labelledby="tl-title">
            <div class="tl-head">
                <h2 id="tl-title">{t!(i18n, timeline.title)}</h2>
                <JumpToDate on_jump />
            </div>
            <TimelineFilters filter />
            <Transition fallback=Loading>
                {move || loaded.get().map(|r| r.err().map(|error| view! { <ReadError error /> }))}
                <p role="status" class="muted">
                    {move || {
                        let nl = number_locale(i18n);
                        let total = data.with(|v| v.len());
                        let (s, t) = (
                            nl.format_count(shown.with(|v| v.len()) as u64),
                            nl.format_count(total as u64),
                        );
                        t!(i18n, timeline.count, shown = s, count = move || total, total = t)
                    }}
                </p>
            </Transition>
            <div
                class="tl-body"
                node_ref=body
                on:scroll=move |ev| {
                    let el = event_target::<web_sys::Element>(&ev);
                    scroll.set(el.scroll_top() as f64);
                    viewport.set(el.client_height().max(200) as f64);
                }
            >
                <ol
                    class="tl-list"
                    aria-labelledby="tl-title"
                    style:height=move || {
                        format!("{}px", tops.with(|t| t.last().copied().unwrap_or(0.0)))
                    }
                >
                    <For
                        each=move || visible.get()
                        key=|(i, _, key)| (*i, key.clone())
                        children=move |(i, row, _)| {
                            let top = tops.with_untracked(|t| t[i]);
                            match row {
                                Row::Day(d) => {
                                    view! {
                                        <li
                                            class="tl-day"
                                            style:top=format!("{top}px")
                                            data-row=i
                                            tabindex="-1"
                                        >
                                            <h3>{date(i18n, d)}</h3>
                                        </li>
                                    }
                                        .into_any()
                                }
                                Row::Item(n) => {
                                    let item = shown.with_untracked(|s| s[n].clone());
                                    let total = shown.with_untracked(|s| s.len());
                                    view! {
                                        <TimelineRow
                                            item
                                            deal_stages=deal_stages.get_untracked()
                                            pos=n + 1
                                            total
                                            top
                                        />
                                    }
                                        .into_any()
                                }
                            }
                        }
                    />
                </ol>
                {move || {
                    (shown.with(|s| s.is_empty()) && loaded.get().is_some())
                        .then(|| {
                            view! {
                                <p class="muted tl-empty">
                                    {move || {
                                        if filter.read().is_empty() {
                                            t_string!(i18n, timeline.empty)
                                        } else {
                                            t_string!(i18n, timeline.none_match)
                                        }
                                    }}
                                </p>
                            }
                        })
                }}
            </div>
        </section>
    }
}
