//! The screen shown instead of the app when its local database cannot be opened.

use super::labels::store_error_message;
use crate::i18n::*;
use crate::store::StoreError;
use leptos::prelude::*;

/// Why the workspace cannot open, in words, with a way to try again. A browser
/// that refuses storage altogether (a private window, blocked site data) gets its
/// own explanation, since nothing the app does will change it.
#[component]
pub fn StoreFailed(
    /// The error from opening the database.
    error: StoreError,
) -> impl IntoView {
    let i18n = use_i18n();
    let refused = error == StoreError::Unavailable;
    let reload = |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    };
    let text = move || store_error_message(i18n, &error);
    view! {
        <div class="card store-failed" role="alert" aria-labelledby="store-failed-h">
            {if refused {
                view! {
                    <h1 id="store-failed-h">{t!(i18n, common.storage_refused_title)}</h1>
                    <p>{t!(i18n, common.storage_refused_body)}</p>
                }
                    .into_any()
            } else {
                view! {
                    <h1 id="store-failed-h">{t!(i18n, common.store_failed_title)}</h1>
                    <p>{text}</p>
                }
                    .into_any()
            }}
            <button type="button" on:click=reload>
                {t!(i18n, common.store_try_again)}
            </button>
        </div>
    }
}
