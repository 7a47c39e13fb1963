//! Choosing accounts by name: a search box and a checkbox per account (the
//! chosen ones stay listed), for the offline scope and for sharing with a partner.

use crate::domain::records::Account;
use crate::domain::search::normalise;
use crate::domain::RecordType;
use crate::i18n::*;
use crate::ui::common::{use_workspace, Reads};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// How many accounts the chooser lists at once (the search narrows it).
const SHOWN: usize = 200;

/// The accounts on this device: `(id, name, owner, region)`, by name.
pub async fn local_accounts(store: crate::store::Store) -> Vec<(String, String, String, String)> {
    let mut out: Vec<_> = store
        .records_of::<Account>()
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|(id, a)| (id, a.name, a.owner, a.region))
        .collect();
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out
}

/// A searchable list of this workspace's accounts with a checkbox each.
#[component]
pub fn AccountPicker(
    /// The ids of the accounts chosen.
    chosen: RwSignal<Vec<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let filter = RwSignal::new(String::new());
    let accounts = RwSignal::new(Vec::<(String, String, String, String)>::new());
    let changed = ws.changes(Reads::types(&[RecordType::Account]));
    Effect::new(move |_| {
        changed.track();
        let Some(store) = ws.store() else { return };
        spawn_local(async move { accounts.set(local_accounts(store).await) });
    });
    view! {
        <label class="field">
            <span>{t!(i18n, settings.scope_find_account)}</span>
            <input
                type="search"
                prop:value=filter
                on:input=move |ev| filter.set(event_target_value(&ev))
            />
        </label>
        <fieldset class="choice scope-accounts">
            <legend>
                {move || {
                    let count = chosen.get().len();
                    t!(i18n, settings.scope_chosen_count, count = count)
                }}
            </legend>
            {move || {
                let q = normalise(&filter.get());
                let matching: Vec<_> = accounts
                    .get()
                    .into_iter()
                    .filter(|a| {
                        q.is_empty() || normalise(&a.1).contains(&q)
                            || chosen.with(|c| c.contains(&a.0))
                    })
                    .collect();
                let more = matching.len().saturating_sub(SHOWN);
                let rows = matching
                    .into_iter()
                    .take(SHOWN)
                    .map(|(id, name, _, _)| {
                        let (id1, id2) = (id.clone(), id.clone());
                        view! {
                            <label class="check">
                                <input
                                    type="checkbox"
                                    prop:checked=move || chosen.with(|c| c.contains(&id1))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        chosen
                                            .update(|c| {
                                                c.retain(|x| *x != id2);
                                                if on {
                                                    c.push(id2.clone());
                                                }
                                            });
                                    }
                                />
                                {name}
                            </label>
                        }
                    })
                    .collect_view();
                view! {
                    {rows}
                    <Show when=move || { more > 0 }>
                        <p class="muted">
                            {t!(
                                i18n, settings.scope_more, count = move || more, n = crate::ui::common::number_locale(i18n).format_count(more as u64)
                            )}
                        </p>
                    </Show>
                }
            }}
            <Show when=move || {
                accounts
                    .with(|a| {
                        let q = normalise(&filter.get());
                        !a.iter().any(|a| q.is_empty() || normalise(&a.1).contains(&q))
                    })
            }>
                <p class="muted">{t!(i18n, settings.scope_no_match)}</p>
            </Show>
        </fieldset>
    }
}
