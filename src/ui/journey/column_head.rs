//! A column header: the stage's title, its steps, and a menu to rename, move,
//! hide, add a step or add a stage after it.

use super::cell::focus_later;
use super::editor::use_editor;
use super::grid::title_of;
use crate::domain::journey::edit::{add_column, add_step, move_column, remove_step};
use crate::domain::records::MapColumn;
use crate::i18n::*;
use leptos::prelude::*;

/// The header of column `index` (of `count`).
#[component]
pub fn ColumnHead(
    /// Index in `map.columns`.
    index: usize,
    /// The column.
    column: MapColumn,
    /// Index of the nearest visible column to the left, if any.
    prev: Option<usize>,
    /// Index of the nearest visible column to the right, if any.
    next: Option<usize>,
) -> impl IntoView {
    let i18n = use_i18n();
    let editor = use_editor();
    let title = title_of(i18n, &column);
    let id = column.id.clone();
    let open_id = id.clone();
    // Which menu is open lives in the editor, so it survives the table re-rendering.
    let open = Memo::new(move |_| {
        editor
            .open_menu
            .with(|o| o.as_deref() == Some(open_id.as_str()))
    });
    let rename = RwSignal::new(title.clone());
    let step_name = RwSignal::new(String::new());
    let new_stage = RwSignal::new(String::new());
    let dom = {
        let id = id.clone();
        move |what: &str| format!("{what}-{id}")
    };
    let (menu_id, btn_id, rename_id, step_id) = (
        dom("colmenu"),
        dom("colbtn"),
        dom("rename"),
        dom("stepname"),
    );
    let (left_id, right_id, show_id) = (dom("colleft"), dom("colright"), dom("showcol"));
    let toggle = {
        let (id, rename_id) = (id.clone(), rename_id.clone());
        move |_| {
            if open.get_untracked() {
                editor.open_menu.set(None);
            } else {
                editor.open_menu.set(Some(id.clone()));
                focus_later(rename_id.clone());
            }
        }
    };
    let close_to_button = {
        let btn_id = btn_id.clone();
        move || {
            editor.open_menu.set(None);
            focus_later(btn_id.clone());
        }
    };
    let escape = {
        let close = close_to_button.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            if ev.key() == "Escape" {
                ev.prevent_default();
                close();
            }
        }
    };
    let options = t_string!(i18n, journey.map_stage_options, stage = title.clone());
    let default_title = editor.column_title(&MapColumn {
        label: String::new(),
        ..column.clone()
    });
    let shift = move |to: Option<usize>, again: String| {
        if let Some(to) = to {
            editor.commit(|m| {
                move_column(m, index, to as isize - index as isize);
            });
            focus_later(again);
        }
    };
    view! {
        <div class="jm-col-head">
            <span class="jm-col-title">{title.clone()}</span>
            <button
                type="button"
                class="icon no-print"
                id=btn_id.clone()
                aria-label=options
                aria-expanded=move || open.get().to_string()
                aria-controls=move || open.get().then(|| menu_id.clone())
                on:click=toggle
            >
                "⋯"
            </button>
        </div>
        {(!column.steps.is_empty())
            .then(|| {
                view! {
                    <ol class="jm-steps">
                        {column
                            .steps
                            .iter()
                            .enumerate()
                            .map(|(si, s)| {
                                let remove = t_string!(
                                    i18n, journey.map_remove_step, step = s.name.clone()
                                );
                                let btn = btn_id.clone();
                                view! {
                                    <li>
                                        {s.name.clone()}
                                        <button
                                            type="button"
                                            class="icon no-print"
                                            aria-label=remove
                                            on:click=move |_| {
                                                editor.commit(|m| remove_step(m, index, si));
                                                focus_later(btn.clone());
                                            }
                                        >
                                            "×"
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
            })}
        <Show when=move || open.get()>
            <div
                class="jm-col-menu no-print"
                id=dom("colmenu")
                role="group"
                aria-label=t_string!(i18n, journey.map_stage_options, stage = title.clone())
                on:keydown=escape.clone()
            >
                <form on:submit={
                    let close = close_to_button.clone();
                    let default_title = default_title.clone();
                    move |ev| {
                        ev.prevent_default();
                        let v = rename.get_untracked().trim().to_string();
                        let label = if v == default_title { String::new() } else { v };
                        editor.commit(|m| m.columns[index].label = label);
                        close();
                    }
                }>
                    <label class="field">
                        <span>{t!(i18n, journey.map_stage_name)}</span>
                        <input
                            type="text"
                            id=rename_id.clone()
                            prop:value=rename
                            on:input=move |ev| rename.set(event_target_value(&ev))
                        />
                    </label>
                    <button type="submit">{t!(i18n, journey.map_rename)}</button>
                </form>
                <div class="row">
                    <button
                        type="button"
                        id=left_id.clone()
                        disabled=prev.is_none()
                        on:click={
                            let again = left_id.clone();
                            move |_| shift(prev, again.clone())
                        }
                    >
                        {t!(i18n, journey.map_move_left)}
                    </button>
                    <button
                        type="button"
                        id=right_id.clone()
                        disabled=next.is_none()
                        on:click={
                            let again = right_id.clone();
                            move |_| shift(next, again.clone())
                        }
                    >
                        {t!(i18n, journey.map_move_right)}
                    </button>
                    <button
                        type="button"
                        on:click={
                            let show_id = show_id.clone();
                            move |_| {
                                editor.open_menu.set(None);
                                editor.commit(|m| m.columns[index].hidden = true);
                                focus_later(show_id.clone());
                            }
                        }
                    >
                        {t!(i18n, journey.map_hide)}
                    </button>
                </div>
                <form on:submit={
                    let step_id = step_id.clone();
                    move |ev| {
                        ev.prevent_default();
                        let v = step_name.get_untracked();
                        if v.trim().is_empty() {
                            return;
                        }
                        editor
                            .commit(|m| {
                                add_step(m, index, &v);
                            });
                        step_name.set(String::new());
                        focus_later(step_id.clone());
                    }
                }>
                    <label class="field">
                        <span>{t!(i18n, journey.map_step_name)}</span>
                        <input
                            type="text"
                            id=step_id.clone()
                            prop:value=step_name
                            on:input=move |ev| step_name.set(event_target_value(&ev))
                        />
                    </label>
                    <button type="submit">{t!(i18n, journey.map_add_step)}</button>
                </form>
                <form on:submit=move |ev| {
                    ev.prevent_default();
                    let v = new_stage.get_untracked();
                    if v.trim().is_empty() {
                        return;
                    }
                    let mut added = String::new();
                    editor.commit(|m| added = add_column(m, index, &v, ""));
                    new_stage.set(String::new());
                    editor.open_menu.set(None);
                    focus_later(format!("colbtn-{added}"));
                }>
                    <label class="field">
                        <span>{t!(i18n, journey.map_new_stage)}</span>
                        <input
                            type="text"
                            prop:value=new_stage
                            on:input=move |ev| new_stage.set(event_target_value(&ev))
                        />
                    </label>
                    <button type="submit">{t!(i18n, journey.map_add_stage)}</button>
                </form>
            </div>
        </Show>
    }
}
