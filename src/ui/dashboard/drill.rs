//! Drill-down: the records behind a figure, listed with links to them.

mod cell;
mod line;

pub use cell::{cells, figure_name, DrillCount, Point};

use crate::domain::dashboard::DashboardIndex;
use crate::domain::Doc;
use crate::i18n::*;
use crate::store::{Store, StoreError};
use crate::ui::common::{number_locale, use_workspace, Modal};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use line::line;

/// How many records a drill-down lists at a time.
const PAGE: usize = 100;

/// The figure being drilled into: its name and the document ids behind it.
#[derive(Clone, Copy)]
pub struct Drill(pub RwSignal<Option<(String, Vec<String>)>>);

impl Drill {
    /// Opens the dialog on the figure `title` and its `records` (indexes into
    /// `index`). Ids are looked up now, when asked for, not for every figure
    /// on every filter change.
    pub fn open(self, title: String, records: &[u32], index: &DashboardIndex) {
        let ids = records
            .iter()
            .map(|&i| index.doc_id(i).to_string())
            .collect();
        self.0.set(Some((title, ids)));
    }
}

async fn load(store: Store, ids: Vec<String>) -> Result<Vec<Doc>, StoreError> {
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(d) = store.get(&id).await? {
            out.push(d);
        }
    }
    Ok(out)
}

/// The dialog listing the records behind the figure in [`Drill`], a page at a
/// time: each "Show more" reads only the next page.
#[component]
pub fn DrillDialog() -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let drill = expect_context::<Drill>();
    let modal = Modal::new();
    // The records read so far (missing ones skipped), how many ids were asked
    // for, whether a page is being read, and whether reading failed.
    let docs = RwSignal::new(Vec::<Doc>::new());
    let asked = RwSignal::new(0usize);
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(false);
    // Bumped for every figure opened, so a page that arrives for an earlier one is dropped.
    let generation = StoredValue::new(0u64);
    let next_page = move || {
        if busy.get_untracked() {
            return;
        }
        let from = asked.get_untracked();
        let ids: Vec<String> = drill.0.with_untracked(|d| {
            d.as_ref()
                .map(|(_, ids)| ids.iter().skip(from).take(PAGE).cloned().collect())
                .unwrap_or_default()
        });
        if ids.is_empty() {
            return;
        }
        let Some(store) = ws.store() else {
            return failed.set(true);
        };
        let this = generation.get_value();
        asked.set(from + ids.len());
        busy.set(true);
        spawn_local(async move {
            let page = load(store, ids).await;
            if generation.get_value() != this {
                return;
            }
            busy.set(false);
            match page {
                Ok(page) => {
                    failed.set(false);
                    docs.update(|d| d.extend(page));
                }
                Err(_) => {
                    // Not read: "Show more" asks for this page again.
                    asked.set(from);
                    failed.set(true);
                }
            }
        });
    };
    Effect::new(move |_| {
        if drill.0.with(Option::is_some) {
            untrack(|| {
                generation.update_value(|g| *g += 1);
                docs.set(Vec::new());
                asked.set(0);
                busy.set(false);
                failed.set(false);
                next_page();
                modal.show();
            });
        }
    });
    let total = move || drill.0.with(|d| d.as_ref().map_or(0, |(_, ids)| ids.len()));
    view! {
        <dialog
            node_ref=modal.node
            class="dialog drill"
            aria-labelledby="drill-h"
            on:close=move |_| {
                if modal.node.get_untracked().is_some_and(|d| d.open()) {
                    return;
                }
                modal.open.set(false);
                drill.0.set(None);
                generation.update_value(|g| *g += 1);
                docs.set(Vec::new());
            }
        >
            <div class="dialog-head">
                <h2 id="drill-h">
                    {move || {
                        drill.0.with(|d| d.as_ref().map(|(t, _)| t.clone()).unwrap_or_default())
                    }}
                </h2>
            </div>
            <p class="muted">
                {move || {
                    t_string!(
                        i18n, dashboard.drill_count, count = total(), n = number_locale(i18n).format_count(total() as u64)
                    )
                }}
            </p>
            {move || {
                failed
                    .get()
                    .then(|| {
                        view! {
                            <p class="error" role="alert">
                                {t!(i18n, common.err_unavailable)}
                            </p>
                        }
                    })
            }}
            <ul class="plain drill-list">
                <For each=move || docs.get() key=|d| d.id.clone() let(d)>
                    {match line(i18n, &d) {
                        (label, Some(h)) => {
                            view! {
                                <li>
                                    <A href=h on:click=move |_| modal.close()>
                                        {label}
                                    </A>
                                </li>
                            }
                                .into_any()
                        }
                        (label, None) => view! { <li>{label}</li> }.into_any(),
                    }}
                </For>
            </ul>
            {move || busy.get().then(|| view! { <p role="status">{t!(i18n, common.loading)}</p> })}
            <div class="form-actions">
                {move || {
                    (asked.get() < total())
                        .then(|| {
                            view! {
                                <button
                                    type="button"
                                    disabled=move || busy.get()
                                    on:click=move |_| next_page()
                                >
                                    {t!(i18n, dashboard.drill_more)}
                                </button>
                            }
                        })
                }} <button type="button" class="secondary" on:click=move |_| modal.close()>
                    {t!(i18n, common.close)}
                </button>
            </div>
        </dialog>
    }
}
