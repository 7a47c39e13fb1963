//! Keyboard use of the board. On a card: arrows move focus, Shift+arrows extend
//! the selection, Ctrl+Space or X toggles selection, Enter opens the deal, Space
//! picks the card (or the selection) up. While holding: arrows choose the column
//! (past the last column: won, then lost) and position, Space or Enter drops,
//! Escape cancels. Every step is announced in the live region. Ctrl+Z undoes.

use super::state::{BoardState, DropAt, Moving};
use super::CARD_H;
use crate::domain::board::MoveTarget;
use crate::i18n::*;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// keydown on the board.
pub fn keydown(state: BoardState, ev: web_sys::KeyboardEvent) {
    let key = ev.key();
    let holding = state
        .moving
        .with_untracked(|m| m.as_ref().is_some_and(|m| m.pointer.is_none()));
    if key == "Escape" && state.moving.with_untracked(Option::is_some) {
        ev.prevent_default();
        state.moving.set(None);
        state
            .announce
            .set(t_string!(state.i18n, board.move_cancelled).to_string());
        return;
    }
    let Some(el) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    if el.get_attribute("data-deal-id").is_none() {
        return; // a control inside a card, or something else: leave its keys alone
    }
    let id = el.get_attribute("data-deal-id").unwrap_or_default();
    let handled = if holding {
        holding_key(state, &key)
    } else {
        browsing_key(
            state,
            &id,
            &key,
            ev.shift_key(),
            ev.ctrl_key() || ev.meta_key(),
        )
    };
    if handled {
        ev.prevent_default();
    }
}

fn columns(state: BoardState) -> usize {
    state
        .model
        .with_untracked(|m| m.as_ref().map_or(0, |m| m.pipeline().stages.len()))
}

/// Cards in `col` other than the ones being moved.
fn rest_len(state: BoardState, col: usize, moving: &[String]) -> usize {
    state.model.with_untracked(|m| {
        m.as_ref().map_or(0, |m| {
            m.column(col)
                .iter()
                .filter(|id| !moving.contains(id))
                .count()
        })
    })
}

fn holding_key(state: BoardState, key: &str) -> bool {
    let Some(Moving { ids, at, .. }) = state.moving.get_untracked() else {
        return false;
    };
    let n = columns(state);
    // Targets in keyboard order: columns, then won, then lost.
    let slot = |at: Option<DropAt>| match at {
        Some(DropAt::Column(c, _)) => c,
        Some(DropAt::Won) => n,
        Some(DropAt::Lost) => n + 1,
        None => 0,
    };
    let index = match at {
        Some(DropAt::Column(_, i)) => i,
        _ => 0,
    };
    let to_slot = |s: usize, i: usize| {
        if s < n {
            DropAt::Column(s, i.min(rest_len(state, s, &ids)))
        } else if s == n {
            DropAt::Won
        } else {
            DropAt::Lost
        }
    };
    let next = match key {
        "ArrowLeft" => to_slot(slot(at).saturating_sub(1), index),
        "ArrowRight" => to_slot((slot(at) + 1).min(n + 1), index),
        "ArrowUp" => to_slot(slot(at), index.saturating_sub(1)),
        "ArrowDown" => to_slot(slot(at), index + 1),
        "Home" => to_slot(slot(at), 0),
        "End" => to_slot(slot(at), usize::MAX),
        " " | "Enter" => {
            state.moving.set(None);
            let first = ids[0].clone();
            match at {
                Some(DropAt::Column(column, index)) => {
                    state.commit(ids, MoveTarget::Stage { column, index });
                    focus_deal(state, &first);
                }
                Some(DropAt::Won) => state.commit(ids, MoveTarget::Won),
                Some(DropAt::Lost) => state.lost_prompt.set(Some(ids)),
                None => {}
            }
            return true;
        }
        _ => return false,
    };
    state.moving.update(|m| {
        if let Some(m) = m {
            m.at = Some(next);
        }
    });
    announce_target(state, next, &ids);
    if let DropAt::Column(c, i) = next {
        reveal(state, c, i);
    }
    true
}

fn announce_target(state: BoardState, at: DropAt, ids: &[String]) {
    let i18n = state.i18n;
    let text = match at {
        DropAt::Won => t_string!(i18n, common.outcome_won).to_string(),
        DropAt::Lost => t_string!(i18n, common.outcome_lost).to_string(),
        DropAt::Column(c, i) => {
            let stage = state.model.with_untracked(|m| {
                m.as_ref()
                    .map(|m| m.stage(c).name.clone())
                    .unwrap_or_default()
            });
            let count = rest_len(state, c, ids) + 1;
            let nl = crate::ui::common::number_locale(i18n);
            t_string!(
                i18n,
                board.position,
                stage = stage,
                pos = nl.format_count(i as u64 + 1),
                count = nl.format_count(count as u64)
            )
        }
    };
    state.announce.set(text);
}

fn browsing_key(state: BoardState, id: &str, key: &str, shift: bool, ctrl: bool) -> bool {
    let Some((col, idx)) = state.model.with_untracked(|m| m.as_ref()?.position(id)) else {
        return false;
    };
    let n = columns(state);
    let go = |c: usize, i: usize| {
        let target = state.model.with_untracked(|m| {
            let ids = m.as_ref()?.column(c);
            ids.get(i.min(ids.len().checked_sub(1)?)).cloned()
        });
        if let Some(t) = target {
            if shift {
                state.selected.update(|s| {
                    s.insert(id.to_string());
                    s.insert(t.clone());
                });
            }
            focus_deal(state, &t);
        }
    };
    match key {
        " " | "x" | "X" if state.read_only => return false,
        " " if ctrl => toggle(state, id),
        "x" | "X" => toggle(state, id),
        " " => {
            let ids = state.carried(id);
            let rest_index = state.model.with_untracked(|m| {
                m.as_ref().map_or(0, |m| {
                    m.column(col)[..idx]
                        .iter()
                        .filter(|x| !ids.contains(x))
                        .count()
                })
            });
            let what = if ids.len() == 1 {
                state.model.with_untracked(|m| {
                    m.as_ref()
                        .and_then(|m| m.card(id).map(|c| c.deal.title.clone()))
                        .unwrap_or_default()
                })
            } else {
                let (count, n) = (
                    ids.len(),
                    crate::ui::common::number_locale(state.i18n).format_count(ids.len() as u64),
                );
                t_string!(state.i18n, board.n_deals, count = count, n = n)
            };
            state.moving.set(Some(Moving {
                ids,
                at: Some(DropAt::Column(col, rest_index)),
                pointer: None,
            }));
            state
                .announce
                .set(t_string!(state.i18n, board.picked_up, what = what));
        }
        "Enter" => state.open(id),
        "ArrowDown" => go(col, idx + 1),
        "ArrowUp" => go(col, idx.saturating_sub(1)),
        "Home" => go(col, 0),
        "End" => go(col, usize::MAX),
        "ArrowRight" | "ArrowLeft" => {
            let step = |c: usize| {
                if key == "ArrowRight" {
                    c + 1
                } else {
                    c.wrapping_sub(1)
                }
            };
            let mut c = step(col);
            // Skip empty columns.
            while c < n && rest_len(state, c, &[]) == 0 {
                c = step(c);
            }
            if c < n {
                go(c, idx);
            }
        }
        _ => return false,
    }
    true
}

fn toggle(state: BoardState, id: &str) {
    state.selected.update(|s| {
        if !s.remove(id) {
            s.insert(id.to_string());
        }
    });
}

/// Scrolls column `col` so list position `index` is in view.
fn reveal(state: BoardState, col: usize, index: usize) {
    let Some(body) = state.root.by_id(&format!("board-col-{col}")) else {
        return;
    };
    let top = index as f64 * CARD_H;
    let st = body.scroll_top() as f64;
    let h = body.client_height() as f64;
    if top < st {
        body.set_scroll_top(top as i32);
    } else if top + CARD_H > st + h {
        body.set_scroll_top((top + CARD_H - h) as i32);
    }
}

/// Makes `id` the board's tab stop, scrolls it into view and focuses it once rendered.
pub fn focus_deal(state: BoardState, id: &str) {
    if let Some((col, idx)) = state.model.with_untracked(|m| m.as_ref()?.position(id)) {
        reveal(state, col, idx);
    }
    state.focused.set(Some(id.to_string()));
    // The card may not be rendered yet (another column, or scrolled into view):
    // focus it once the DOM has caught up.
    let selector = format!("[data-deal-id=\"{id}\"]");
    request_animation_frame(move || {
        if let Some(el) = state
            .root
            .query(&selector)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

/// Ctrl+Z (⌘Z) on the board page undoes the last move, unless typing in a field.
pub fn install_undo_shortcut(state: BoardState) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        let z = ev.key().eq_ignore_ascii_case("z");
        if !(z && (ev.ctrl_key() || ev.meta_key()) && !ev.shift_key()) {
            return;
        }
        // Inside a shadow root (an embedded board) the event's target is the
        // host element: the element really typed in is first on the path.
        let typing = ev
            .composed_path()
            .get(0)
            .dyn_into::<web_sys::Element>()
            .ok()
            .is_some_and(|e| {
                e.closest("input, textarea, select, dialog")
                    .ok()
                    .flatten()
                    .is_some()
            });
        if typing || !state.can_undo() || !state.root.has_focus() {
            return;
        }
        ev.prevent_default();
        state.undo_last(t_string!(state.i18n, board.undone).to_string());
    });
    on_cleanup(move || handle.remove());
}
