//! The drill-down: the contacts behind a figure, each linking to its timeline.

use super::editor::use_editor;
use crate::i18n::*;
use crate::ui::common::number_locale;
use crate::ui::common::routes;
use leptos::prelude::*;
use leptos_router::components::A;

/// How many contacts the list shows at once.
const PAGE: usize = 200;

/// A modal dialog open while `editor.drill` holds something.
#[component]
pub fn DrillDialog() -> impl IntoView {
    let i18n = use_i18n();
    let editor = use_editor();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let shown = RwSignal::new(PAGE);
    Effect::new(move |_| {
        let open = editor.drill.with(|d| d.is_some());
        shown.set(PAGE);
        if let Some(d) = dialog.get() {
            if open && !d.open() {
                let _ = d.show_modal();
            } else if !open && d.open() {
                d.close();
            }
        }
    });
    view! {
        <dialog
            node_ref=dialog
            class="dialog drill"
            aria-labelledby="drill-h"
            on:close=move |_| editor.drill.set(None)
        >
            {move || {
                editor
                    .drill
                    .get()
                    .map(|d| {
                        let index = d.index.clone();
                        let total = d.contacts.len();
                        let nl = number_locale(i18n);
                        view! {
                            <div class="dialog-head">
                                <h2 id="drill-h">{d.title.clone()}</h2>
                            </div>
                            <p role="status">
                                {t_string!(
                                    i18n, journey.map_drill_count, count = total, n = nl.format_count(total as u64)
                                )}
                            </p>
                            <ul class="plain drill-list">
                                {move || {
                                    d.contacts
                                        .iter()
                                        .take(shown.get())
                                        .map(|&i| {
                                            let idx = index.clone();
                                            let href = routes::contact(idx.contact_id(i));
                                            view! {
                                                <li>
                                                    <A href=href on:click=move |_| editor.drill.set(None)>
                                                        {idx.contact_name(i).to_string()}
                                                    </A>
                                                </li>
                                            }
                                        })
                                        .collect_view()
                                }}
                            </ul>
                            {move || {
                                (shown.get() < total)
                                    .then(|| {
                                        view! {
                                            <button
                                                type="button"
                                                on:click=move |_| shown.update(|s| *s += PAGE)
                                            >
                                                {t!(i18n, journey.map_show_more)}
                                            </button>
                                        }
                                    })
                            }}
                            <div class="form-actions">
                                <button
                                    type="button"
                                    class="secondary"
                                    on:click=move |_| editor.drill.set(None)
                                >
                                    {t!(i18n, common.close)}
                                </button>
                            </div>
                        }
                    })
            }}
        </dialog>
    }
}
