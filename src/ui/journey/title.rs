//! The map's title, renamed in place.

use super::editor::use_editor;
use crate::i18n::*;
use leptos::prelude::*;

/// The map title as a heading with a Rename button; Enter saves, Escape cancels.
#[component]
pub fn MapTitle() -> impl IntoView {
    let i18n = use_i18n();
    let editor = use_editor();
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(String::new());
    let input = NodeRef::<leptos::html::Input>::new();
    let start = move |_| {
        draft.set(editor.map.with_untracked(|m| m.title.clone()));
        editing.set(true);
        request_animation_frame(move || {
            if let Some(i) = input.get_untracked() {
                let _ = i.focus();
                i.select();
            }
        });
    };
    let save = move || {
        let t = draft.get_untracked().trim().to_string();
        if !t.is_empty() {
            editor.commit(|m| m.title = t);
        }
        editing.set(false);
        super::cell::focus_later("map-rename".to_string());
    };
    view! {
        <div class="head-row">
            <Show
                when=move || editing.get()
                fallback=move || {
                    view! {
                        <h1>{move || editor.map.with(|m| m.title.clone())}</h1>
                        <button type="button" id="map-rename" class="link no-print" on:click=start>
                            {t!(i18n, journey.map_rename)}
                        </button>
                    }
                }
            >
                <label class="field">
                    <span class="sr-only">{t!(i18n, journey.col_title)}</span>
                    <input
                        type="text"
                        node_ref=input
                        prop:value=draft
                        on:input=move |ev| draft.set(event_target_value(&ev))
                        on:keydown=move |ev| match ev.key().as_str() {
                            "Enter" => {
                                ev.prevent_default();
                                save()
                            }
                            "Escape" => {
                                editing.set(false);
                                super::cell::focus_later("map-rename".to_string());
                            }
                            _ => {}
                        }
                        on:blur=move |_| {
                            if editing.get_untracked() {
                                save()
                            }
                        }
                    />
                </label>
            </Show>
        </div>
    }
}
