//! Asks why deals were lost before marking them lost; cancelling changes nothing.

use super::state::use_board;
use crate::domain::board::MoveTarget;
use crate::i18n::*;
use leptos::prelude::*;

/// A modal dialog with a required reason.
#[component]
pub fn LostDialog() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_board();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let reason = RwSignal::new(String::new());
    let missing = RwSignal::new(false);
    Effect::new(move |_| {
        let open = state.lost_prompt.with(Option::is_some);
        if let Some(d) = dialog.get() {
            if open && !d.open() {
                reason.set(String::new());
                missing.set(false);
                let _ = d.show_modal();
            } else if !open && d.open() {
                d.close();
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let r = reason.get_untracked();
        if r.trim().is_empty() {
            missing.set(true);
            return;
        }
        if let Some(ids) = state.lost_prompt.get_untracked() {
            state.lost_prompt.set(None);
            state.commit(ids, MoveTarget::Lost { reason: r });
        }
    };
    let is_open = Memo::new(move |_| state.lost_prompt.with(Option::is_some));
    view! {
        <dialog
            node_ref=dialog
            class="dialog"
            aria-labelledby="lost-h"
            on:close=move |_| state.lost_prompt.set(None)
        >
            // Contents exist only while open: a closed dialog costs the board nothing.
            {move || {
                is_open
                    .get()
                    .then(|| {
                        view! {
                            <form novalidate on:submit=submit>
                                <h2 id="lost-h">{t!(i18n, board.lost_title)}</h2>
                                <label class="field">
                                    <span>{t!(i18n, board.lost_reason)}</span>
                                    <textarea
                                        required
                                        prop:value=move || reason.get()
                                        aria-invalid=move || missing.get().to_string()
                                        aria-describedby="lost-err"
                                        on:input=move |ev| reason.set(event_target_value(&ev))
                                    ></textarea>
                                </label>
                                <p id="lost-err" class="error" role="alert">
                                    {move || {
                                        missing
                                            .get()
                                            .then(|| t_string!(i18n, board.move_err_reason))
                                    }}
                                </p>
                                <div class="actions">
                                    <button type="submit" class="primary">
                                        {t!(i18n, board.lost_confirm)}
                                    </button>
                                    <button
                                        type="button"
                                        on:click=move |_| state.lost_prompt.set(None)
                                    >
                                        {t!(i18n, common.cancel)}
                                    </button>
                                </div>
                            </form>
                        }
                    })
            }}
        </dialog>
    }
}
