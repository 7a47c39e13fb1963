//! Dashboard: the journey KPIs (docs/domain.md#metrics) under one date range and
//! segment / persona filter, each figure with its record count and a way to
//! the records; the growth what-if; what the workspace holds; and the
//! first-start offer of sample data.

mod counts;
mod data;
mod drill;
mod filters;
mod format;
pub mod growth;
mod sections;
mod tile;

pub use counts::Counts;

use crate::domain::dashboard::{compute, DashboardIndex};
use crate::i18n::*;
use crate::ui::common::Reads;
use crate::ui::common::{
    now, start_sample_load, use_workspace, ReadError, SampleProgress, StoreErrorAlert,
};
use data::load_index;
use drill::{Drill, DrillDialog};
use filters::{Choice, FilterBar};
use growth::{GrowthWhatIf, Measured};
use leptos::prelude::*;
use sections::*;
use std::collections::BTreeSet;
use std::sync::Arc;

/// The dashboard screen.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    // The counts table reports its total: zero records means a first start.
    let total = RwSignal::new(None::<u32>);
    let progress = RwSignal::new(None);
    let error = RwSignal::new(None::<crate::store::StoreError>);
    let offer = move || total.get() == Some(0) && progress.get().is_none();
    provide_context(Drill(RwSignal::new(None)));
    let loaded = ws.read(Reads::everything(), move |store| {
        let settings = ws.settings.get();
        load_index(store, settings)
    });
    let index = Signal::derive(move || loaded.get().and_then(|r| r.ok()));
    let at = now();
    let offset = Signal::derive(move || ws.settings.with(|s| s.sla.utc_offset_min));
    let choice = RwSignal::new(Choice::default().last(Some(365), at, offset.get_untracked()));
    let filter = Memo::new(move |_| choice.with(|c| c.filter(offset.get(), at)));
    let figures = Memo::new(move |_| {
        let ix = index.get()?;
        let f = filter.get().ok()?;
        Some(compute(&ix, &f))
    });
    let measured = Signal::derive(move || {
        figures.with(|f| {
            f.as_ref()
                .map(|f| Measured {
                    churn: f
                        .acquisition
                        .monthly_churn
                        .value
                        .or(f.retention.monthly_churn.value),
                    // The what-if counts in the workspace currency.
                    cac: format::major(&f.acquisition.cac, ws.settings.with(|s| s.currency)),
                    customers: f.retention.active.value.map(|n| n as u32),
                })
                .unwrap_or_default()
        })
    });
    let sections = move || {
        let ix: Arc<DashboardIndex> = index.get()?;
        let f = figures.get()?;
        let scope = t_string!(
            i18n,
            dashboard.scope,
            count = format::whole(f.contacts.value),
            n = format::count(i18n, f.contacts.value)
        );
        Some(view! {
            <p class="muted" role="status">
                {scope}
            </p>
            <SupportSection f=f.clone() ix=ix.clone() />
            <FeedbackSection f=f.clone() ix=ix.clone() />
            <FunnelSection f=f.clone() ix=ix.clone() />
            <RetentionSection f=f.clone() ix=ix.clone() />
            <PipelineSection f=f.clone() ix=ix.clone() />
            <SourcesSection f=f.clone() ix=ix.clone() />
            <AcquisitionSection f ix />
        })
    };
    view! {
        <h1>{t!(i18n, dashboard.title)}</h1>
        <Show when=offer>
            <section class="card empty" aria-labelledby="empty-title">
                <h2 id="empty-title">{t!(i18n, dashboard.empty_title)}</h2>
                <p>{t!(i18n, dashboard.empty_body)}</p>
                <button
                    type="button"
                    class="primary"
                    on:click=move |_| start_sample_load(progress, error)
                >
                    {t!(i18n, dashboard.create_sample)}
                </button>
            </section>
        </Show>
        <SampleProgress progress=progress />
        <StoreErrorAlert error=error />
        <Show when=move || total.get().is_some_and(|t| t > 0)>
            <FilterBar
                choice
                valid=Signal::derive(move || filter.with(Result::is_ok))
                index
                now=at
                offset_min=offset
            />
            {move || loaded.get().and_then(|r| r.err()).map(|error| view! { <ReadError error /> })}
            {sections}
            <Show when=move || figures.with(Option::is_some)>
                <PeriodForm />
                <GrowthWhatIf measured />
            </Show>
        </Show>
        <Counts scope=BTreeSet::new() total />
        <DrillDialog />
    }
}
