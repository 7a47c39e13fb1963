//! The contact page's privacy section: export everything about a person as
//! JSON, and erase the person (new revisions that sync; see `domain::gdpr`).

use crate::actions::privacy::{erase, referring};
use crate::domain::gdpr::export;
use crate::i18n::*;
use crate::ui::common::{download, now, number_locale, store_error_message, use_workspace};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Export and erase for one contact.
#[component]
pub fn PrivacySection(
    /// The contact's id.
    contact_id: String,
    /// The contact's name, for the confirmation.
    name: Signal<String>,
    /// The contact's account, for the erasure event.
    account_id: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let confirming = RwSignal::new(false);
    let status = RwSignal::new(None::<Result<String, String>>);
    let cid = contact_id.clone();
    let do_export = move |_| {
        let Some(store) = ws.store() else { return };
        let id = cid.clone();
        spawn_local(async move {
            match referring(&store, &id).await {
                Ok(docs) => {
                    let file = export(&id, &docs, now());
                    let name = format!("waypoint-{}.json", id.replace(':', "-"));
                    download(
                        &name,
                        "application/json",
                        &serde_json::to_string_pretty(&file).unwrap_or_default(),
                    );
                    let count = file["documents"].as_array().map_or(0, Vec::len);
                    let n = number_locale(i18n).format_count(count as u64);
                    status.set(Some(Ok(t_string!(
                        i18n,
                        customers.gdpr_exported,
                        count = count,
                        n = n
                    ))));
                }
                Err(e) => status.set(Some(Err(store_error_message(i18n, &e)))),
            }
        });
    };
    let do_erase = move |_| {
        let Some(actor) = ws.actor() else { return };
        let (id, acc) = (contact_id.clone(), account_id.clone());
        confirming.set(false);
        spawn_local(async move {
            match erase(&actor, &id, acc).await {
                Ok(count) => {
                    let n = number_locale(i18n).format_count(count as u64);
                    status.set(Some(Ok(t_string!(
                        i18n,
                        customers.gdpr_erased,
                        count = count,
                        n = n
                    ))))
                }
                Err(e) => status.set(Some(Err(store_error_message(i18n, &e)))),
            }
        });
    };
    let question = move || t_string!(i18n, customers.gdpr_confirm, name = name.get());
    view! {
        <section aria-labelledby="privacy-h">
            <h2 id="privacy-h">{t!(i18n, customers.gdpr_title)}</h2>
            <p class="muted">{t!(i18n, customers.gdpr_hint)}</p>
            <div class="form-actions">
                <button type="button" class="secondary" on:click=do_export>
                    {t!(i18n, customers.gdpr_export)}
                </button>
                <button type="button" class="danger" on:click=move |_| confirming.set(true)>
                    {t!(i18n, customers.gdpr_erase)}
                </button>
            </div>
            {move || {
                confirming
                    .get()
                    .then(|| {
                        view! {
                            <div
                                class="confirm"
                                role="alertdialog"
                                aria-labelledby="gdpr-q"
                                aria-modal="false"
                            >
                                <p id="gdpr-q">{question}</p>
                                <button type="button" class="destructive" on:click=do_erase.clone()>
                                    {t!(i18n, customers.gdpr_erase_yes)}
                                </button>
                                <button type="button" on:click=move |_| confirming.set(false)>
                                    {t!(i18n, common.cancel)}
                                </button>
                            </div>
                        }
                    })
            }}
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
        </section>
    }
}
