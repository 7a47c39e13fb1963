//! One record whose last change the server refused, in Settings → Sync: its
//! name, the server's reason, a link to it, and *Discard my change* behind an
//! inline confirmation (see `crate::sync::discard_refused`).

use crate::domain::replication::FetchError;
use crate::domain::{RecordType, RevId, WriteError};
use crate::i18n::*;
use crate::store::StoreError;
use crate::sync::{discard_refused, SyncConfig, SyncError};
use crate::ui::common::{record_type_label, routes, use_workspace};
use crate::ui::settings::sync_error::sync_error_text;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_i18n::I18nContext;
use leptos_router::components::A;

/// What discarding a refused change ended with: said under the list, since the
/// item itself leaves the list once its change is gone.
#[derive(Clone, Debug, PartialEq)]
pub enum Discarded {
    /// Put back to the server's version (or removed): its title.
    Done(String),
    /// It changed on this device meanwhile: nothing was discarded.
    Changed(String),
    /// Sync no longer points at a server to take the version from.
    NoServer,
    /// The server could not be read, or the device could not write.
    Failed(SyncError),
}

/// A refused record with its reason, its link and the discard control.
#[component]
pub fn RefusedItem(
    /// The record and the server's reason.
    refused: FetchError,
    /// Its record type, when it is a known one.
    kind: Option<RecordType>,
    /// What a person knows it by.
    title: String,
    /// Records discarded with it (the records of its edit).
    with: Vec<String>,
    /// Its leaves when listed: a change made since keeps it from being discarded.
    leaves: Vec<RevId>,
    /// Where the outcome of a discard is said.
    outcome: RwSignal<Option<Discarded>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let asking = RwSignal::new(false);
    let working = RwSignal::new(false);
    let keep_ref = NodeRef::<leptos::html::Button>::new();
    // The safe choice takes the focus when the question opens.
    Effect::new(move |_| {
        if let Some(b) = keep_ref.get() {
            let _ = b.focus();
        }
    });
    let kind_text = kind.map(|k| record_type_label(i18n, k)).unwrap_or_default();
    let id = refused.id.clone();
    let link = routes::record(&id).map(|href| {
        view! {
            " "
            <A href=href>{t!(i18n, settings.sync_refused_open)}</A>
        }
    });
    let title_for = title.clone();
    let discard = move |_| {
        let Some(store) = ws.store() else { return };
        let (id, title, with, leaves) =
            (id.clone(), title_for.clone(), with.clone(), leaves.clone());
        working.set(true);
        outcome.set(None);
        spawn_local(async move {
            let result = match SyncConfig::saved_remote(&store).await {
                Ok(Some(remote)) => discard_refused(&store, &remote, &id, &leaves, &with)
                    .await
                    .map(Some),
                Ok(None) => Ok(None),
                Err(e) => Err(e.into()),
            };
            working.set(false);
            asking.set(false);
            outcome.set(Some(match result {
                Ok(Some(())) => Discarded::Done(title),
                Ok(None) => Discarded::NoServer,
                Err(SyncError::Store(StoreError::Write(WriteError::Conflict(_)))) => {
                    Discarded::Changed(title)
                }
                Err(e) => Discarded::Failed(e),
            }));
        });
    };
    let question = {
        let title = title.clone();
        move || t_string!(i18n, settings.sync_refused_confirm, title = title.clone()).to_string()
    };
    let button_name = {
        let title = title.clone();
        move || {
            t_string!(
                i18n,
                settings.sync_refused_discard_name,
                title = title.clone()
            )
            .to_string()
        }
    };
    let text = t_string!(
        i18n,
        settings.sync_refused_item,
        kind = kind_text,
        title = title
    )
    .to_string();
    view! {
        <li>
            {text} " " <q>{refused.reason}</q> {link} " "
            <button
                type="button"
                aria-label=button_name
                aria-expanded=move || asking.get().to_string()
                on:click=move |_| asking.set(true)
                disabled=move || asking.get()
            >
                {t!(i18n, settings.sync_refused_discard)}
            </button> <Show when=move || asking.get()>
                <div
                    class="confirm"
                    role="alertdialog"
                    aria-modal="false"
                    aria-label=question.clone()
                    on:keydown=move |ev| {
                        if ev.key() == "Escape" {
                            asking.set(false)
                        }
                    }
                >
                    <p>{question.clone()}</p>
                    <Show when=move || working.get()>
                        <p role="status">{t!(i18n, settings.sync_refused_discarding)}</p>
                    </Show>
                    <button
                        type="button"
                        class="destructive"
                        on:click=discard.clone()
                        disabled=move || working.get()
                    >
                        {t!(i18n, settings.sync_refused_confirm_yes)}
                    </button>
                    <button type="button" node_ref=keep_ref on:click=move |_| asking.set(false)>
                        {t!(i18n, common.cancel)}
                    </button>
                </div>
            </Show>
        </li>
    }
}

/// The outcome of the last discard, as a status line or an alert.
pub fn discarded_line(i18n: I18nContext<Locale>, d: Discarded) -> AnyView {
    use crate::ui::settings::outcome_line::outcome_line;
    match d {
        Discarded::Done(title) => outcome_line(
            true,
            t_string!(i18n, settings.sync_refused_discarded, title = title).to_string(),
        ),
        Discarded::Changed(title) => outcome_line(
            false,
            t_string!(i18n, settings.sync_refused_changed, title = title).to_string(),
        ),
        Discarded::NoServer => {
            outcome_line(false, t_string!(i18n, settings.sync_invalid).to_string())
        }
        Discarded::Failed(e) => outcome_line(false, sync_error_text(i18n, &e)),
    }
}
