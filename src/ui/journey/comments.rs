//! Comments pinned to the focused cell: read, add, resolve and reopen.

use super::editor::use_editor;
use crate::domain::journey::edit::{add_comment, delete_comment, set_resolved};
use crate::i18n::*;
use crate::ui::common::{now, use_workspace};
use leptos::prelude::*;

/// The comments of `editor.selected`, or a hint to focus a cell.
#[component]
pub fn CommentsPanel() -> impl IntoView {
    let i18n = use_i18n();
    let editor = use_editor();
    let ws = use_workspace();
    let draft = RwSignal::new(String::new());
    let label = move |key: &str| {
        let (lane, col) = key.split_once('/').unwrap_or((key, ""));
        editor.map.with(|m| {
            let l = m
                .lanes
                .iter()
                .find(|l| l.id == lane)
                .map(|l| super::labels::lane_title(i18n, l))
                .unwrap_or_default();
            let c = m
                .columns
                .iter()
                .find(|c| c.id == col)
                .map(|c| super::grid::title_of(i18n, c))
                .unwrap_or_default();
            format!("{l} · {c}")
        })
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(cell) = editor.selected.get_untracked() else {
            return;
        };
        let text = draft.get_untracked();
        if text.trim().is_empty() {
            return;
        }
        let by = ws.author.get_untracked();
        editor.commit(|m| {
            add_comment(m, &cell, &text, &by, now());
        });
        draft.set(String::new());
    };
    view! {
        <section class="comments" aria-labelledby="comments-h">
            <h2 id="comments-h">
                {t!(i18n, journey.map_comments)}
                {move || editor.selected.get().map(|k| format!(" — {}", label(&k)))}
            </h2>
            {move || match editor.selected.get() {
                None => {
                    view! { <p class="muted">{t!(i18n, journey.map_comments_hint)}</p> }.into_any()
                }
                Some(cell) => {
                    let list = editor
                        .map
                        .with(|m| {
                            m.comments
                                .iter()
                                .filter(|c| c.cell == cell)
                                .cloned()
                                .collect::<Vec<_>>()
                        });
                    view! {
                        <ul class="plain comment-list">
                            {list
                                .into_iter()
                                .map(|c| {
                                    let id = c.id.clone();
                                    let resolved = c.resolved;
                                    view! {
                                        <li class:resolved=resolved>
                                            <p>{c.text.clone()}</p>
                                            <p class="muted">
                                                {c.by.clone()}" · "{c.at.date_string()}
                                                {resolved
                                                    .then(|| {
                                                        view! {
                                                            " · "
                                                            {t!(i18n, journey.map_resolved)}
                                                        }
                                                    })}
                                            </p>
                                            <button
                                                type="button"
                                                on:click={
                                                    let id = id.clone();
                                                    move |_| editor.commit(|m| set_resolved(m, &id, !resolved))
                                                }
                                            >
                                                {if resolved {
                                                    t_string!(i18n, journey.map_reopen)
                                                } else {
                                                    t_string!(i18n, journey.map_resolve)
                                                }}
                                            </button>
                                            {resolved
                                                .then(|| {
                                                    view! {
                                                        <button
                                                            type="button"
                                                            class="danger"
                                                            on:click=move |_| editor.commit(|m| delete_comment(m, &id))
                                                        >
                                                            {t!(i18n, journey.map_delete_comment)}
                                                        </button>
                                                    }
                                                })}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                        <form on:submit=add>
                            <label class="field">
                                <span>{t!(i18n, journey.map_add_comment)}</span>
                                <textarea
                                    id="comment-input"
                                    rows="2"
                                    prop:value=draft
                                    on:input=move |ev| draft.set(event_target_value(&ev))
                                ></textarea>
                            </label>
                            <button type="submit">{t!(i18n, journey.map_post_comment)}</button>
                        </form>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}
