//! The contact page's privacy section: export everything about a person as
//! JSON, and erase the person (new revisions that sync; see `domain::gdpr`).

use crate::domain::gdpr::{erase_doc, erasure_event, export, refers_to};
use crate::domain::{Doc, RecordType};
use crate::i18n::*;
use crate::store::{Store, StoreError};
use crate::ui::common::{
    current_user, download, new_local_id, now, number_locale, store_error_message, use_workspace,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Types that can refer to a contact.
const REFERRING: [RecordType; 8] = [
    RecordType::Contact,
    RecordType::Activity,
    RecordType::Ticket,
    RecordType::SurveyResponse,
    RecordType::RecordChange,
    RecordType::StageTransition,
    RecordType::Deal,
    RecordType::Follow,
];

/// Every live document that refers to `contact_id` (the contact itself included).
async fn referring(store: &Store, contact_id: &str) -> Result<Vec<Doc>, StoreError> {
    let mut out = Vec::new();
    for t in REFERRING {
        out.extend(
            store
                .all_of_type(t)
                .await?
                .into_iter()
                .filter(|d| refers_to(d, contact_id)),
        );
    }
    Ok(out)
}

/// Erases the person in one transaction: the erased revision of every document
/// that holds their data, tombstones for any conflicting leaves of those
/// documents (which may hold it too), and the event recording the erasure.
async fn erase(
    store: &Store,
    contact_id: &str,
    account_id: Option<String>,
) -> Result<usize, StoreError> {
    let by = current_user(store).await;
    let at = now();
    let docs = referring(store, contact_id).await?;
    let ids: Vec<String> = docs.iter().map(|d| d.id.clone()).collect();
    let mut writes = Vec::new();
    for entry in store.entries(&ids).await?.into_iter().flatten() {
        let Some(winner) = entry.winner() else {
            continue;
        };
        let Some(erased) = erase_doc(&winner, contact_id, at, &by) else {
            continue;
        };
        writes.push(erased);
        writes.extend(entry.conflicts().iter().map(|c| c.tombstone(at, &by)));
    }
    let rewritten = writes.iter().filter(|d| !d.deleted).count();
    let event = Doc::new(
        &new_local_id("x"),
        &erasure_event(contact_id, account_id, at, &by),
        at,
        &by,
    )
    .map_err(crate::domain::WriteError::from)?;
    writes.push(event);
    store.bulk_put(writes).await?;
    Ok(rewritten)
}

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
                        gdpr_exported,
                        count = count,
                        n = n
                    ))));
                }
                Err(e) => status.set(Some(Err(store_error_message(i18n, &e)))),
            }
        });
    };
    let do_erase = move |_| {
        let Some(store) = ws.store() else { return };
        let (id, acc) = (contact_id.clone(), account_id.clone());
        confirming.set(false);
        spawn_local(async move {
            match erase(&store, &id, acc).await {
                Ok(count) => {
                    let n = number_locale(i18n).format_count(count as u64);
                    status.set(Some(Ok(t_string!(i18n, gdpr_erased, count = count, n = n))))
                }
                Err(e) => status.set(Some(Err(store_error_message(i18n, &e)))),
            }
        });
    };
    let question = move || t_string!(i18n, gdpr_confirm, name = name.get());
    view! {
        <section aria-labelledby="privacy-h">
            <h2 id="privacy-h">{t!(i18n, gdpr_title)}</h2>
            <p class="muted">{t!(i18n, gdpr_hint)}</p>
            <div class="form-actions">
                <button type="button" class="secondary" on:click=do_export>{t!(i18n, gdpr_export)}</button>
                <button type="button" class="danger" on:click=move |_| confirming.set(true)>{t!(i18n, gdpr_erase)}</button>
            </div>
            {move || confirming.get().then(|| view! {
                <div class="confirm" role="alertdialog" aria-labelledby="gdpr-q" aria-modal="false">
                    <p id="gdpr-q">{question}</p>
                    <button type="button" class="destructive" on:click=do_erase.clone()>{t!(i18n, gdpr_erase_yes)}</button>
                    <button type="button" on:click=move |_| confirming.set(false)>{t!(i18n, cancel)}</button>
                </div>
            })}
            <p role="status">{move || status.get().map(|s| match s {
                Ok(m) => view! { <span class="ok">{m}</span> }.into_any(),
                Err(m) => view! { <span class="error">{m}</span> }.into_any(),
            })}</p>
        </section>
    }
}
