//! Alerts that show a store error in the user's language.

use crate::i18n::*;
use crate::store::StoreError;
use crate::ui::common::store_error_message;
use leptos::prelude::*;

/// Shows a store error (if any) as an alert, in the current language.
#[component]
pub fn StoreErrorAlert(
    /// The error to show; nothing is rendered while it is `None`.
    error: RwSignal<Option<StoreError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        error.get().map(|e| {
            let text = move || store_error_message(i18n, &e);
            view! {
                <p role="alert" class="error">
                    {t!(i18n, common.write_error, error = text)}
                </p>
            }
        })
    }
}

/// Shows why a screen could not read its data.
#[component]
pub fn ReadError(
    /// The failed read's error.
    error: StoreError,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || store_error_message(i18n, &error);
    view! {
        <p role="alert" class="error">
            {t!(i18n, common.read_error, error = text)}
        </p>
    }
}
