//! Settings: language, currency and journey stage set; sync; reset or erase local
//! data behind a confirmation.

mod account_picker;
mod offline_scope;
mod outcome_line;
mod refused_item;
mod source_groups;
mod storage;
mod support;
mod sync;
mod sync_error;
mod sync_waiting;
mod team;

use crate::domain::money::Currency;
use crate::domain::records::WorkspaceSettings;
use crate::domain::stages::StageSetPreset;
use crate::i18n::*;
use crate::ui::common::{
    stage_set_label, start_sample_load, use_workspace, SampleProgress, StoreErrorAlert,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Which destructive action waits for confirmation.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Pending {
    Regenerate,
    Erase,
}

/// The settings screen.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let initial = ws.settings.get_untracked();
    let lang = RwSignal::new(initial.locale.clone());
    let currency = RwSignal::new(initial.currency);
    let preset = RwSignal::new(initial.stage_preset);
    let message = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<crate::store::StoreError>);
    let progress = RwSignal::new(None);
    let pending = RwSignal::new(None::<Pending>);
    // Move focus into the confirmation when it opens, onto the safe choice.
    let cancel_ref = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = cancel_ref.get() {
            let _ = button.focus();
        }
    });

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let current = ws.settings.get_untracked();
        let next = WorkspaceSettings {
            locale: lang.get_untracked(),
            currency: currency.get_untracked(),
            stage_preset: preset.get_untracked(),
            journey_stages: if current.stage_preset == preset.get_untracked() {
                current.journey_stages.clone()
            } else {
                preset.get_untracked().stages()
            },
            source_rules: current.source_rules.clone(),
            sla: current.sla.clone(),
            lead_assignment: current.lead_assignment.clone(),
            extra: current.extra,
        };
        message.set(None);
        error.set(None);
        // Choosing the workspace's language here means showing it on this device too.
        let lang_changed = next.locale != current.locale;
        let lang_chosen = next.locale.clone();
        spawn_local(async move {
            match ws.save_settings(next).await {
                Ok(()) => {
                    if lang_changed {
                        ws.choose_language(&lang_chosen);
                    }
                    message.set(Some(t_string!(i18n, common.saved).to_string()))
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };

    let confirm = move |_| {
        let Some(action) = pending.get_untracked() else {
            return;
        };
        pending.set(None);
        message.set(None);
        match action {
            Pending::Regenerate => start_sample_load(progress, error),
            Pending::Erase => spawn_local(async move {
                match ws.erase().await {
                    Ok(()) => message.set(Some(t_string!(i18n, settings.erased).to_string())),
                    Err(e) => error.set(Some(e)),
                }
            }),
        }
    };

    view! {
        <h1>{t!(i18n, settings.title)}</h1>
        <form class="card settings" on:submit=save>
            <h2>{t!(i18n, settings.workspace_settings)}</h2>
            <label class="field">
                <span>{t!(i18n, settings.workspace_language)}</span>
                <select prop:value=lang on:change=move |ev| lang.set(event_target_value(&ev))>
                    <option value="vi" lang="vi">
                        "Tiếng Việt"
                    </option>
                    <option value="en" lang="en">
                        "English"
                    </option>
                </select>
            </label>
            <label class="field">
                <span>{t!(i18n, settings.currency)}</span>
                <select
                    prop:value=move || currency.get().code()
                    on:change=move |ev| {
                        if let Ok(c) = event_target_value(&ev).parse::<Currency>() {
                            currency.set(c)
                        }
                    }
                >
                    {Currency::ALL
                        .into_iter()
                        .map(|c| view! { <option value=c.code()>{c.code()}</option> })
                        .collect_view()}
                </select>
            </label>
            <label class="field">
                <span>{t!(i18n, settings.stage_set)}</span>
                <select
                    prop:value=move || preset.get().key()
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some(p) = StageSetPreset::ALL.into_iter().find(|p| p.key() == v) {
                            preset.set(p)
                        }
                    }
                >
                    {StageSetPreset::ALL
                        .into_iter()
                        .map(|p| {
                            view! {
                                <option value=p.key()>{move || stage_set_label(i18n, p)}</option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <ol class="stage-preview">
                {move || {
                    preset
                        .get()
                        .stages()
                        .into_iter()
                        .map(|s| {
                            let label = if i18n.get_locale() == Locale::vi { s.vi } else { s.en };
                            view! { <li>{label}</li> }
                        })
                        .collect_view()
                }}
            </ol>
            <button type="submit" class="primary">
                {t!(i18n, common.save)}
            </button>
        </form>

        <source_groups::SourceGroups />
        <support::SupportSettings />
        <sync::SyncSettings />
        <team::TeamSettings />
        <storage::StorageSettings />
        <offline_scope::OfflineScopeSettings />

        <section class="card danger" aria-labelledby="data-h">
            <h2 id="data-h">{t!(i18n, settings.data_title)}</h2>
            <div class="actions">
                <button
                    type="button"
                    on:click=move |_| pending.set(Some(Pending::Regenerate))
                    disabled=move || progress.get().is_some()
                >
                    {t!(i18n, settings.regenerate)}
                </button>
                <button
                    type="button"
                    class="destructive"
                    on:click=move |_| pending.set(Some(Pending::Erase))
                    disabled=move || progress.get().is_some()
                >
                    {t!(i18n, settings.erase)}
                </button>
            </div>
            {move || {
                pending
                    .get()
                    .map(|p| {
                        view! {
                            <div
                                class="confirm"
                                role="alertdialog"
                                aria-modal="false"
                                aria-labelledby="confirm-text"
                                on:keydown=move |ev| {
                                    if ev.key() == "Escape" {
                                        pending.set(None)
                                    }
                                }
                            >
                                <p id="confirm-text">
                                    {move || match p {
                                        Pending::Regenerate => {
                                            t_string!(i18n, settings.confirm_regenerate).to_string()
                                        }
                                        Pending::Erase => {
                                            t_string!(i18n, settings.confirm_erase).to_string()
                                        }
                                    }}
                                </p>
                                <button type="button" class="destructive" on:click=confirm>
                                    {t!(i18n, settings.confirm)}
                                </button>
                                <button
                                    type="button"
                                    node_ref=cancel_ref
                                    on:click=move |_| pending.set(None)
                                >
                                    {t!(i18n, common.cancel)}
                                </button>
                            </div>
                        }
                    })
            }}
            <SampleProgress progress=progress />
        </section>
        {move || {
            message
                .get()
                .map(|m| {
                    view! {
                        <p role="status" class="ok">
                            {m}
                        </p>
                    }
                })
        }}
        <StoreErrorAlert error=error />
    }
}
