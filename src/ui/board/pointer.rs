//! Pointer drag and drop (mouse, touch, pen) with pointer events and capture on
//! the board, not HTML5 drag and drop (which touch screens do not fire). A mouse
//! drags from anywhere on a card; touch and pen drag from the grip, so a swipe
//! elsewhere still scrolls. Near an edge the column or board scrolls by itself.

use super::state::use_board;
use super::state::{BoardState, DropAt, Moving};
use super::CARD_H;
use crate::domain::board::MoveTarget;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Pixels a pointer must travel before a press becomes a drag.
const THRESHOLD: f64 = 5.0;
/// Distance from an edge that starts auto-scroll.
const EDGE: f64 = 48.0;

/// A press on a card, before and during a drag.
#[derive(Clone, Debug)]
struct PressState {
    id: String,
    start: (f64, f64),
    last: (f64, f64),
    pointer: i32,
    dragging: bool,
    modifiers: (bool, bool),
}

/// The press in progress, plus the auto-scroll timer.
#[derive(Clone, Copy)]
pub struct Press {
    state: StoredValue<Option<PressState>>,
    timer: StoredValue<Option<gloo_timers::callback::Interval>, LocalStorage>,
    board: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
}

impl Press {
    /// No press yet.
    pub fn new() -> Self {
        Press {
            state: StoredValue::new(None),
            timer: StoredValue::new_local(None),
            board: StoredValue::new_local(None),
        }
    }
}

fn closest(target: Option<web_sys::EventTarget>, selector: &str) -> Option<web_sys::Element> {
    target?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest(selector)
        .ok()?
}

/// pointerdown on the board: remember which card was pressed.
pub fn down(press: Press, board: NodeRef<leptos::html::Div>, ev: web_sys::PointerEvent) {
    if ev.button() != 0 {
        return;
    }
    // Controls inside a card keep their own behaviour.
    if closest(ev.target(), "input, select, button, a").is_some() {
        return;
    }
    let Some(card) = closest(ev.target(), "[data-deal-id]") else {
        return;
    };
    let touchy = ev.pointer_type() != "mouse";
    if touchy && closest(ev.target(), ".grip").is_none() {
        return;
    }
    let Some(id) = card.get_attribute("data-deal-id") else {
        return;
    };
    if let Some(el) = board.get_untracked() {
        let el: web_sys::HtmlElement = el.into();
        let _ = el.set_pointer_capture(ev.pointer_id());
        press.board.set_value(Some(el));
    }
    if touchy {
        ev.prevent_default();
    }
    press.state.set_value(Some(PressState {
        id,
        start: (ev.client_x() as f64, ev.client_y() as f64),
        last: (ev.client_x() as f64, ev.client_y() as f64),
        pointer: ev.pointer_id(),
        dragging: false,
        modifiers: (ev.shift_key(), ev.ctrl_key() || ev.meta_key()),
    }));
}

/// pointermove: start the drag past the threshold, then track the drop target.
pub fn moved(state: BoardState, press: Press, ev: web_sys::PointerEvent) {
    let Some(mut p) = press.state.get_value() else {
        return;
    };
    if p.pointer != ev.pointer_id() {
        return;
    }
    p.last = (ev.client_x() as f64, ev.client_y() as f64);
    if !p.dragging {
        let (dx, dy) = (p.last.0 - p.start.0, p.last.1 - p.start.1);
        if dx.hypot(dy) < THRESHOLD {
            press.state.set_value(Some(p));
            return;
        }
        p.dragging = true;
        let ids = state.carried(&p.id);
        state.moving.set(Some(Moving {
            ids,
            at: None,
            pointer: Some(p.last),
        }));
        start_autoscroll(state, press);
    }
    ev.prevent_default();
    press.state.set_value(Some(p.clone()));
    track(state, p.last);
}

/// Works out the drop target under `(x, y)` and moves the ghost there.
fn track(state: BoardState, (x, y): (f64, f64)) {
    let at = drop_at(state, x, y);
    state.moving.update(|m| {
        if let Some(m) = m {
            m.pointer = Some((x, y));
            m.at = at;
        }
    });
}

fn drop_at(state: BoardState, x: f64, y: f64) -> Option<DropAt> {
    // The ghost ignores pointer events, so this finds what is under it.
    let el = state.root.element_from_point(x, y)?;
    let zone = el.closest("[data-drop]").ok()??;
    let spec = zone.get_attribute("data-drop")?;
    match spec.as_str() {
        "won" => Some(DropAt::Won),
        "lost" => Some(DropAt::Lost),
        s => {
            let col: usize = s.strip_prefix("col:")?.parse().ok()?;
            let body = zone.query_selector(".col-body").ok()??;
            let rect = body.get_bounding_client_rect();
            let offset = y - rect.top() + body.scroll_top() as f64;
            let visual = (offset / CARD_H + 0.5).floor().max(0.0) as usize;
            let moving = state
                .moving
                .with_untracked(|m| m.as_ref().map(|m| m.ids.clone()))?;
            let index = state.model.with_untracked(|m| {
                let ids = m.as_ref()?.column(col);
                let visual = visual.min(ids.len());
                let above_moving = ids[..visual]
                    .iter()
                    .filter(|id| moving.contains(id))
                    .count();
                Some(visual - above_moving)
            })?;
            Some(DropAt::Column(col, index))
        }
    }
}

/// While dragging, scroll the column under the pointer (near its top or bottom)
/// and the board (near its left or right edge), then re-track the target.
fn start_autoscroll(state: BoardState, press: Press) {
    let timer = gloo_timers::callback::Interval::new(16, move || {
        let Some(p) = press.state.get_value() else {
            return;
        };
        let (x, y) = p.last;
        let mut scrolled = false;
        if let Some(el) = state.root.element_from_point(x, y) {
            if let Some(body) = el
                .closest("[data-drop]")
                .ok()
                .flatten()
                .and_then(|z| z.query_selector(".col-body").ok().flatten())
            {
                let r = body.get_bounding_client_rect();
                let dy = edge_speed(y, r.top(), r.bottom());
                if dy != 0.0 {
                    body.set_scroll_top(body.scroll_top() + dy as i32);
                    scrolled = true;
                }
            }
        }
        if let Some(board) = press.board.get_value() {
            let r = board.get_bounding_client_rect();
            let dx = edge_speed(x, r.left(), r.right());
            if dx != 0.0 {
                board.set_scroll_left(board.scroll_left() + dx as i32);
                scrolled = true;
            }
        }
        if scrolled {
            track(state, (x, y));
        }
    });
    press.timer.set_value(Some(timer));
}

/// Scroll speed for a pointer at `v` inside `[lo, hi]`: faster nearer the edge.
fn edge_speed(v: f64, lo: f64, hi: f64) -> f64 {
    if v < lo + EDGE {
        -((lo + EDGE - v).min(EDGE) / EDGE * 18.0).ceil()
    } else if v > hi - EDGE {
        ((v - (hi - EDGE)).min(EDGE) / EDGE * 18.0).ceil()
    } else {
        0.0
    }
}

/// pointerup: drop, or treat the press as a click (select / focus).
pub fn up(state: BoardState, press: Press, ev: web_sys::PointerEvent) {
    let Some(p) = press.state.get_value() else {
        return;
    };
    if p.pointer != ev.pointer_id() {
        return;
    }
    finish(press);
    if !p.dragging {
        click(state, &p);
        return;
    }
    track(state, (ev.client_x() as f64, ev.client_y() as f64));
    let moving = state.moving.get_untracked();
    state.moving.set(None);
    let Some(Moving {
        ids, at: Some(at), ..
    }) = moving
    else {
        return;
    };
    match at {
        DropAt::Column(column, index) => state.commit(ids, MoveTarget::Stage { column, index }),
        DropAt::Won => state.commit(ids, MoveTarget::Won),
        DropAt::Lost => state.lost_prompt.set(Some(ids)),
    }
}

/// pointercancel (the browser took over the gesture): nothing moves.
pub fn cancel(state: BoardState, press: Press) {
    finish(press);
    state.moving.set(None);
}

fn finish(press: Press) {
    if let (Some(p), Some(board)) = (press.state.get_value(), press.board.get_value()) {
        let _ = board.release_pointer_capture(p.pointer);
    }
    press.state.set_value(None);
    press.timer.set_value(None);
}

/// A click without drag: Ctrl/⌘ toggles selection, Shift adds, a plain click
/// focuses the card and clears the selection.
fn click(state: BoardState, p: &PressState) {
    let (shift, ctrl) = p.modifiers;
    state.selected.update(|s| {
        if ctrl {
            if !s.remove(&p.id) {
                s.insert(p.id.clone());
            }
        } else if shift {
            s.insert(p.id.clone());
        } else {
            s.clear();
        }
    });
    super::keys::focus_deal(state, &p.id);
}

/// The card image that follows the pointer while dragging.
#[component]
pub fn DragGhost() -> impl IntoView {
    let state = use_board();
    move || {
        state.moving.get().and_then(|m| {
            let (x, y) = m.pointer?;
            let title = state.model.with(|model| {
                model
                    .as_ref()
                    .and_then(|model| model.card(m.ids.first()?).map(|c| c.deal.title.clone()))
            })?;
            let more = m.ids.len().saturating_sub(1);
            Some(view! {
                <div
                    class="drag-ghost"
                    aria-hidden="true"
                    style:left=format!("{}px", x + 8.0)
                    style:top=format!("{}px", y + 8.0)
                >
                    <strong>{title}</strong>
                    {(more > 0)
                        .then(|| view! { <span class="ghost-count">{format!("+{more}")}</span> })}
                </div>
            })
        })
    }
}
