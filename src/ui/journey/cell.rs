//! One cell of the map: rich-ish text edited in place with the keyboard, its
//! open-comment count, and (in live lanes) the figures computed for its stage.

use super::editor::use_editor;
use super::grid::title_of;
use super::labels::lane_title;
use super::live::LiveCell;
use super::rich_view::rich_view;
use crate::domain::journey::edit::{cell_key, open_comments, set_cell, CellError};
use crate::domain::journey::rich::CELL_MAX_CHARS;
use crate::domain::records::{Lane, MapColumn};
use crate::i18n::*;
use leptos::prelude::*;

/// The DOM id of the cell at (row, column), for keyboard moves and focus after edits.
pub fn cell_dom_id(row: usize, col: usize) -> String {
    format!("mc-{row}-{col}")
}

/// Focuses the element `id` once the DOM has caught up with the last change
/// (a re-rendered table replaces the element that had focus).
pub fn focus_later(id: String) {
    request_animation_frame(move || {
        focus_id(&id);
    });
}

fn focus_id(id: &str) -> bool {
    let el = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
    match el {
        Some(el) => el.focus().is_ok(),
        None => false,
    }
}

/// Moves focus from (row, col) by (dr, dc), skipping rows without cells (the curve).
fn move_focus(row: usize, col: usize, dr: isize, dc: isize) {
    let (mut r, mut c) = (row as isize, col as isize);
    for _ in 0..32 {
        r += dr;
        c += dc;
        if r < 0 || c < 0 {
            return;
        }
        if focus_id(&cell_dom_id(r as usize, c as usize)) {
            return;
        }
        if dc != 0 {
            return;
        }
    }
}

/// A cell of `lane` × `column`, at grid position (`row`, `col`).
#[component]
pub fn Cell(
    /// The lane (row).
    lane: Lane,
    /// The column (stage).
    column: MapColumn,
    /// Lane index.
    row: usize,
    /// Visible column index.
    col: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    let editor = use_editor();
    let key = cell_key(&lane.id, &column.id);
    let text_key = key.clone();
    let text = Memo::new(move |_| {
        editor
            .map
            .with(|m| m.cells.get(&text_key).cloned().unwrap_or_default())
    });
    let comment_key = key.clone();
    let comments = Memo::new(move |_| editor.map.with(|m| open_comments(m, &comment_key)));
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(String::new());
    let too_long = RwSignal::new(false);
    let area = NodeRef::<leptos::html::Textarea>::new();
    let name = format!("{} · {}", lane_title(i18n, &lane), title_of(i18n, &column));
    let dom_id = cell_dom_id(row, col);
    let start = move || {
        draft.set(text.get_untracked());
        too_long.set(false);
        editing.set(true);
        request_animation_frame(move || {
            if let Some(a) = area.get_untracked() {
                let _ = a.focus();
                let len = a.value().encode_utf16().count() as u32;
                let _ = a.set_selection_range(len, len);
            }
        });
    };
    let refocus = {
        let id = dom_id.clone();
        move || {
            let id = id.clone();
            request_animation_frame(move || {
                focus_id(&id);
            });
        }
    };
    let (lane_id, col_id) = (lane.id.clone(), column.id.clone());
    let save = {
        let refocus = refocus.clone();
        move |back: bool| {
            let value = draft.get_untracked();
            if value.chars().count() > CELL_MAX_CHARS {
                too_long.set(true);
                return;
            }
            editing.set(false);
            if value.trim_end() != text.get_untracked() {
                let (l, c) = (lane_id.clone(), col_id.clone());
                editor.commit(move |m| {
                    let r: Result<(), CellError> = set_cell(m, &l, &c, &value);
                    debug_assert!(r.is_ok());
                });
            }
            if back {
                refocus();
            }
        }
    };
    let save_key = save.clone();
    let cancel = move || {
        editing.set(false);
        refocus();
    };
    let select_key = key.clone();
    let changed_key = key.clone();
    let changed_key2 = key.clone();
    let err_id = format!("{dom_id}-err");
    let err_id2 = err_id.clone();
    let name2 = name.clone();
    let stage = column.stage.clone();
    let live = lane.live && lane.kind.has_live_mode();
    let kind = lane.kind;
    view! {
        <td
            class="map-cell"
            class:changed=move || editor.changed.with(|c| c.contains(&changed_key))
        >
            <Show
                when=move || editing.get()
                fallback={
                    let dom_id = dom_id.clone();
                    let name = name.clone();
                    let select_key = select_key.clone();
                    move || {
                        let select_key = select_key.clone();
                        view! {
                            // Named "lane · stage"; its text (and open comments) is its description.
                            <div
                                class="cell"
                                role="button"
                                tabindex="0"
                                id=dom_id.clone()
                                aria-label=name.clone()
                                aria-describedby=format!("{dom_id}-text")
                                on:focus=move |_| editor.selected.set(Some(select_key.clone()))
                                on:dblclick=move |_| start()
                                on:keydown=move |ev| match ev.key().as_str() {
                                    "Enter" | "F2" | " " => {
                                        ev.prevent_default();
                                        start()
                                    }
                                    "c" | "C" if !ev.ctrl_key() && !ev.meta_key() => {
                                        ev.prevent_default();
                                        request_animation_frame(|| {
                                            focus_id("comment-input");
                                        });
                                    }
                                    "ArrowRight" => {
                                        ev.prevent_default();
                                        move_focus(row, col, 0, 1)
                                    }
                                    "ArrowLeft" => {
                                        ev.prevent_default();
                                        move_focus(row, col, 0, -1)
                                    }
                                    "ArrowDown" => {
                                        ev.prevent_default();
                                        move_focus(row, col, 1, 0)
                                    }
                                    "ArrowUp" => {
                                        ev.prevent_default();
                                        move_focus(row, col, -1, 0)
                                    }
                                    _ => {}
                                }
                            >
                                <div id=format!(
                                    "{dom_id}-text",
                                )>
                                    {
                                        let k = changed_key2.clone();
                                        move || {
                                            editor
                                                .changed
                                                .with(|c| c.contains(&k))
                                                .then(|| {
                                                    view! {
                                                        <span class="sr-only">
                                                            {t!(i18n, journey.map_changed_mark)}" "
                                                        </span>
                                                    }
                                                })
                                        }
                                    } {move || rich_view(&text.get())}
                                    {move || {
                                        (comments.get() > 0)
                                            .then(|| {
                                                let n = comments.get();
                                                let shown = crate::ui::common::number_locale(i18n)
                                                    .format_count(n as u64);
                                                let label = t_string!(
                                                    i18n, journey.map_open_comments, count = n, n = shown
                                                );
                                                view! {
                                                    <span class="comment-count" title=label.clone()>
                                                        <span aria-hidden="true">"❝ "</span>
                                                        {n}
                                                        <span class="sr-only">{format!(" {label}")}</span>
                                                    </span>
                                                }
                                            })
                                    }}
                                </div>
                            </div>
                        }
                    }
                }
            >
                <textarea
                    node_ref=area
                    class="cell-edit"
                    rows="4"
                    aria-label=name2.clone()
                    aria-invalid=move || too_long.get().then_some("true")
                    aria-describedby={
                        let err_id = err_id.clone();
                        move || too_long.get().then(|| err_id.clone())
                    }
                    prop:value=draft
                    on:input=move |ev| draft.set(event_target_value(&ev))
                    on:keydown={
                        let save_key = save_key.clone();
                        let cancel = cancel.clone();
                        move |ev| match ev.key().as_str() {
                            "Enter" if !ev.shift_key() => {
                                ev.prevent_default();
                                save_key(true)
                            }
                            "Escape" => {
                                ev.prevent_default();
                                cancel()
                            }
                            _ => {}
                        }
                    }
                    on:blur={
                        let save = save.clone();
                        move |_| {
                            if editing.get_untracked() {
                                save(false)
                            }
                        }
                    }
                ></textarea>
                {
                    let err_id2 = err_id2.clone();
                    move || {
                        too_long
                            .get()
                            .then(|| {
                                view! {
                                    <p class="field-error" id=err_id2.clone()>
                                        {t_string!(
                                            i18n, journey.map_cell_too_long, count = CELL_MAX_CHARS, n = crate::ui::common::number_locale(i18n).format_count(CELL_MAX_CHARS as u64)
                                        )}
                                    </p>
                                }
                            })
                    }
                }
            </Show>
            {live.then(|| view! { <LiveCell kind stage=stage.clone() /> })}
        </td>
    }
}
