//! Dashboard: what the workspace holds, counted from the local database, and the
//! first-start offer of sample data.

mod counts;

pub use counts::Counts;

use crate::i18n::*;
use crate::ui::common::{start_sample_load, use_workspace, SampleProgress, StoreErrorAlert};
use counts::count_records;
use leptos::prelude::*;
use std::collections::BTreeSet;

/// The dashboard screen.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let empty = ws.read(|store| async move {
        let (rows, _) = count_records(&store, &BTreeSet::new()).await?;
        Ok(rows.iter().all(|(_, n)| *n == 0))
    });
    let progress = RwSignal::new(None);
    let error = RwSignal::new(None::<crate::store::StoreError>);
    let offer =
        move || empty.get().and_then(|r| r.ok()).unwrap_or(false) && progress.get().is_none();
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
        <Counts scope=BTreeSet::new()/>
        <SampleProgress progress=progress/>
        <StoreErrorAlert error=error/>
    }
}
