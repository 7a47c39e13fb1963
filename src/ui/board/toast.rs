//! The toast after a move: what happened and an Undo button (Ctrl+Z does the same).

use super::state::use_board;
use crate::i18n::*;
use leptos::prelude::*;

/// Shows the last move with Undo; closes itself after a while.
#[component]
pub fn UndoToast() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_board();
    let timer = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
    Effect::new(move |_| {
        if state.toast.get().is_some() {
            let t = gloo_timers::callback::Timeout::new(12_000, move || state.toast.set(None));
            timer.set_value(Some(t));
        }
    });
    move || {
        state.toast.get().map(|t| {
            view! {
                <div
                    class="toast"
                    role="group"
                    aria-label=move || t_string!(i18n, board.toast_label)
                >
                    <span>{t.text}</span>
                    {t
                        .undoable
                        .then(|| {
                            view! {
                                <button
                                    type="button"
                                    class="primary"
                                    on:click=move |_| {
                                        state.undo_last(t_string!(i18n, board.undone).to_string())
                                    }
                                >
                                    {t!(i18n, common.undo)}
                                </button>
                            }
                        })}
                    <button
                        type="button"
                        aria-label=move || t_string!(i18n, common.close)
                        on:click=move |_| state.toast.set(None)
                    >
                        "×"
                    </button>
                </div>
            }
        })
    }
}
