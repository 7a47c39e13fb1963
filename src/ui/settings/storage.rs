//! Settings → Storage on this device: how much of the browser's quota the
//! workspace uses, a warning from 80%, and whether the browser keeps the data
//! when it runs short of space (with a button to ask it to).

use crate::domain::storage::{format_bytes, format_percent, StorageUse};
use crate::i18n::*;
use crate::store::quota;
use crate::ui::common::Reads;
use crate::ui::common::{number_locale, use_workspace};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The storage part of the settings screen.
#[component]
pub fn StorageSettings() -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let usage = RwSignal::new(None::<StorageUse>);
    let kept = RwSignal::new(None::<bool>);
    // Read at first and again after every change to the workspace (a sample load or a sync).
    let changed = ws.changes(Reads::everything());
    Effect::new(move |_| {
        changed.track();
        spawn_local(async move {
            usage.set(quota::estimate().await);
            kept.set(Some(quota::persisted().await));
        });
    });
    let keep = move |_| {
        spawn_local(async move { kept.set(Some(quota::request_persist().await)) });
    };
    view! {
        <section class="card" aria-labelledby="storage-h">
            <h2 id="storage-h">{t!(i18n, settings.storage_title)}</h2>
            {move || {
                usage
                    .get()
                    .map(|u| {
                        let nl = number_locale(i18n);
                        let (used, total, percent) = (
                            format_bytes(u.used, nl),
                            format_bytes(u.quota, nl),
                            format_percent(u.per_mille(), nl),
                        );
                        view! {
                            <p>
                                {t!(
                                    i18n, settings.storage_used, used = used.clone(), quota = total.clone(), percent = percent.clone()
                                )}
                            </p>
                            <meter
                                class="storage-meter"
                                min="0"
                                max="1000"
                                high="800"
                                optimum="0"
                                value=u.per_mille()
                                aria-label=move || t_string!(i18n, settings.storage_title)
                            ></meter>
                            <Show when=move || u.nearly_full()>
                                <p role="alert" class="error">
                                    {t!(i18n, settings.storage_nearly_full)}
                                </p>
                            </Show>
                        }
                    })
            }}
            {move || match kept.get() {
                Some(true) => {
                    view! { <p class="ok">{t!(i18n, settings.storage_kept)}</p> }.into_any()
                }
                Some(false) => {
                    view! {
                        <p class="muted">{t!(i18n, settings.storage_not_kept)}</p>
                        <button type="button" on:click=keep>
                            {t!(i18n, settings.storage_keep)}
                        </button>
                    }
                        .into_any()
                }
                None => ().into_any(),
            }}
        </section>
    }
}
