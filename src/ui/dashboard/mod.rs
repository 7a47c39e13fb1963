//! Dashboard: what the workspace holds, counted from the local database, and the
//! first-start offer of sample data.

mod counts;

pub use counts::Counts;

use crate::i18n::*;
use crate::ui::common::{start_sample_load, SampleProgress, StoreErrorAlert};
use leptos::prelude::*;
use std::collections::BTreeSet;

/// The dashboard screen.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    // The counts table reports its total: zero records means a first start.
    let total = RwSignal::new(None::<u32>);
    let progress = RwSignal::new(None);
    let error = RwSignal::new(None::<crate::store::StoreError>);
    let offer = move || total.get() == Some(0) && progress.get().is_none();
    view! {
        <h1>{t!(i18n, dashboard_title)}</h1>
        <Show when=offer>
            <section class="card empty" aria-labelledby="empty-title">
                <h2 id="empty-title">{t!(i18n, empty_title)}</h2>
                <p>{t!(i18n, empty_body)}</p>
                <button type="button" class="primary"
                    on:click=move |_| start_sample_load(progress, error)>
                    {t!(i18n, create_sample)}
                </button>
            </section>
        </Show>
        <Counts scope=BTreeSet::new() total/>
        <SampleProgress progress=progress/>
        <StoreErrorAlert error=error/>
    }
}
