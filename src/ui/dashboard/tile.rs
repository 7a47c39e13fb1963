//! One figure: its name, value, what it rests on, and a way to the records.

use super::drill::Drill;
use crate::domain::dashboard::DashboardIndex;
use crate::i18n::*;
use leptos::prelude::*;
use std::sync::Arc;

/// A figure tile. With `records`, a button lists the records behind it.
#[component]
pub fn Tile(
    /// The figure's name.
    #[prop(into)]
    label: String,
    /// The value as shown ("—" when there is nothing to compute from).
    #[prop(into)]
    value: String,
    /// What it rests on, e.g. "based on 412 answers".
    #[prop(into)]
    based: String,
    /// Record indexes behind it (see `DashboardIndex::doc_id`).
    #[prop(optional)]
    records: Vec<u32>,
    /// The index the records point into.
    index: Arc<DashboardIndex>,
    /// More detail under the value.
    #[prop(optional, into)]
    detail: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let drill = expect_context::<Drill>();
    let has = !records.is_empty();
    let name = label.clone();
    let open = move |_| drill.open(name.clone(), &records, &index);
    let button_label = t_string!(i18n, dashboard.show_records, figure = &label);
    let group_name = label.clone();
    view! {
        <div class="tile" role="group" aria-label=group_name>
            <p class="tile-label">{label}</p>
            <p class="tile-value">{value}</p>
            {(!detail.is_empty()).then(|| view! { <p class="tile-detail">{detail}</p> })}
            <p class="tile-based">{based}</p>
            {has
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="link-button"
                            aria-label=button_label
                            on:click=open
                        >
                            {t!(i18n, dashboard.records)}
                        </button>
                    }
                })}
        </div>
    }
}
