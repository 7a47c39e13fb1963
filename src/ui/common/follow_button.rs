//! The Follow / Following toggle on accounts, contacts and deals
//! (docs/domain.md#following): a followed record's changes by others reach
//! this person's inbox.

use super::{store_error_message, use_workspace, Reads};
use crate::actions::follows;
use crate::domain::RecordType;
use crate::i18n::*;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Follow / Following toggle for one record.
#[component]
pub fn FollowButton(
    /// The record to follow (its document id).
    subject_id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let sid = subject_id.clone();
    let state = ws.read(Reads::types(&[RecordType::Follow]), move |store| {
        let sid = sid.clone();
        let actor = crate::actions::Actor::new(store, ws.author.get());
        async move { follows::my_follow(&actor, &sid).await }
    });
    let error = RwSignal::new(None::<String>);
    let following = move || matches!(state.get(), Some(Ok(Some(_))));
    let toggle = move |_| {
        let Some(actor) = ws.actor() else { return };
        let subject = subject_id.clone();
        spawn_local(async move {
            let result = follows::toggle(&actor, &subject).await;
            error.set(result.err().map(|e| store_error_message(i18n, &e)));
        });
    };
    view! {
        <button
            type="button"
            class="follow"
            aria-pressed=move || following().to_string()
            on:click=toggle
        >
            {move || {
                if following() {
                    t_string!(i18n, common.following)
                } else {
                    t_string!(i18n, common.follow)
                }
            }}
        </button>
        {move || {
            error
                .get()
                .map(|e| {
                    view! {
                        <span class="error" role="alert">
                            {e}
                        </span>
                    }
                })
        }}
    }
}
