//! Settings → Keep offline: the whole workspace, or one territory (an owner's
//! accounts, a region, or chosen accounts) for workspaces too large for the
//! device. Applied by the next sync round (see [`crate::domain::scope`]).

use super::account_picker::{local_accounts, AccountPicker};
use crate::domain::scope::OfflineScope;
use crate::domain::RecordType;
use crate::i18n::*;
use crate::sync::{offline_scope, set_offline_scope};
use crate::ui::common::Reads;
use crate::ui::common::{store_error_message, use_workspace};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Which kind of scope the form shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    All,
    Owner,
    Region,
    Accounts,
}

impl Kind {
    const ALL: [Kind; 4] = [Kind::All, Kind::Owner, Kind::Region, Kind::Accounts];

    fn of(scope: &OfflineScope) -> Kind {
        match scope {
            OfflineScope::All => Kind::All,
            OfflineScope::Owner { .. } => Kind::Owner,
            OfflineScope::Region { .. } => Kind::Region,
            OfflineScope::Accounts { .. } => Kind::Accounts,
        }
    }
}

fn distinct(values: impl Iterator<Item = String>) -> Vec<String> {
    let mut v: Vec<String> = values.filter(|s| !s.trim().is_empty()).collect();
    v.sort();
    v.dedup();
    v
}

/// The "Keep offline on this device" card of the settings screen.
#[component]
pub fn OfflineScopeSettings() -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let kind = RwSignal::new(Kind::All);
    let owner = RwSignal::new(String::new());
    let region = RwSignal::new(String::new());
    let chosen = RwSignal::new(Vec::<String>::new());
    let accounts = RwSignal::new(Vec::<(String, String, String, String)>::new());
    let status = RwSignal::new(None::<Result<String, String>>);
    spawn_local(async move {
        let Some(store) = ws.store() else { return };
        if let Ok(scope) = offline_scope(&store).await {
            kind.set(Kind::of(&scope));
            match scope {
                OfflineScope::Owner { owner: o } => owner.set(o),
                OfflineScope::Region { region: r } => region.set(r),
                OfflineScope::Accounts { ids } => chosen.set(ids),
                OfflineScope::All => {}
            }
        }
    });
    let changed = ws.changes(Reads::types(&[RecordType::Account]));
    Effect::new(move |_| {
        changed.track();
        let Some(store) = ws.store() else { return };
        spawn_local(async move { accounts.set(local_accounts(store).await) });
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let scope = match kind.get_untracked() {
            Kind::All => OfflineScope::All,
            Kind::Owner => OfflineScope::Owner {
                owner: owner.get_untracked().trim().to_string(),
            },
            Kind::Region => OfflineScope::Region {
                region: region.get_untracked().trim().to_string(),
            },
            Kind::Accounts => OfflineScope::Accounts {
                ids: chosen.get_untracked(),
            },
        };
        let empty = match &scope {
            OfflineScope::All => false,
            OfflineScope::Owner { owner } => owner.is_empty(),
            OfflineScope::Region { region } => region.is_empty(),
            OfflineScope::Accounts { ids } => ids.is_empty(),
        };
        if empty {
            status.set(Some(Err(t_string!(i18n, settings.scope_empty).to_string())));
            return;
        }
        spawn_local(async move {
            let Some(store) = ws.store() else { return };
            status.set(Some(match set_offline_scope(&store, &scope).await {
                Ok(()) => Ok(t_string!(i18n, settings.scope_saved).to_string()),
                Err(crate::sync::SyncError::Store(e)) => Err(store_error_message(i18n, &e)),
                Err(e) => Err(e.to_string()),
            }));
        });
    };
    let choice = move |k: Kind| {
        view! {
            <label class="check">
                <input
                    type="radio"
                    name="offline-scope"
                    prop:checked=move || kind.get() == k
                    on:change=move |_| {
                        kind.set(k);
                        status.set(None);
                    }
                />
                <span>
                    {move || match k {
                        Kind::All => t_string!(i18n, settings.scope_all),
                        Kind::Owner => t_string!(i18n, settings.scope_owner),
                        Kind::Region => t_string!(i18n, settings.scope_region),
                        Kind::Accounts => t_string!(i18n, settings.scope_accounts),
                    }}
                </span>
            </label>
        }
    };
    let owners = move || distinct(accounts.get().into_iter().map(|a| a.2));
    let regions = move || distinct(accounts.get().into_iter().map(|a| a.3));
    view! {
        <form class="card settings" aria-labelledby="scope-h" on:submit=save>
            <h2 id="scope-h">{t!(i18n, settings.scope_title)}</h2>
            <p class="muted">{t!(i18n, settings.scope_help)}</p>
            <fieldset class="choice">
                <legend>{t!(i18n, settings.scope_keep)}</legend>
                {Kind::ALL.into_iter().map(choice).collect_view()}
            </fieldset>
            <Show when=move || kind.get() == Kind::Owner>
                <label class="field">
                    <span>{t!(i18n, settings.scope_owner_name)}</span>
                    <input
                        type="text"
                        list="scope-owners"
                        prop:value=owner
                        on:input=move |ev| owner.set(event_target_value(&ev))
                    />
                </label>
                <datalist id="scope-owners">
                    {move || {
                        owners().into_iter().map(|o| view! { <option value=o /> }).collect_view()
                    }}
                </datalist>
            </Show>
            <Show when=move || kind.get() == Kind::Region>
                <label class="field">
                    <span>{t!(i18n, settings.scope_region_name)}</span>
                    <input
                        type="text"
                        list="scope-regions"
                        prop:value=region
                        on:input=move |ev| region.set(event_target_value(&ev))
                    />
                </label>
                <datalist id="scope-regions">
                    {move || {
                        regions().into_iter().map(|r| view! { <option value=r /> }).collect_view()
                    }}
                </datalist>
            </Show>
            <Show when=move || kind.get() == Kind::Accounts>
                <AccountPicker chosen=chosen />
                <p class="muted">{t!(i18n, settings.scope_accounts_note)}</p>
            </Show>
            <button type="submit" class="primary">
                {t!(i18n, settings.scope_save)}
            </button>
            <p role="status">
                {move || {
                    status
                        .get()
                        .map(|s| match s {
                            Ok(m) => view! { <span class="ok">{m}</span> }.into_any(),
                            Err(m) => view! { <span class="error">{m}</span> }.into_any(),
                        })
                }}
            </p>
        </form>
    }
}
