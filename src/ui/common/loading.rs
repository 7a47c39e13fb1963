//! The "loading" line every screen shows while its first read is in flight.

use crate::i18n::*;
use leptos::prelude::*;

/// A polite status line saying the screen is loading.
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="loading" role="status">
            {t!(i18n, common.loading)}
        </p>
    }
}
