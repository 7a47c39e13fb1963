//! Pieces the record pages (account, contact, persona) share: an edit form kept
//! in step with the stored record, the save outcome shown beside it, the
//! "deleted — Undo" banner, and starting a delete.

use super::field_errors::field_errors;
use super::{store_error_message, use_workspace, Workspace};
use crate::actions::{records, SaveError};
use crate::domain::Doc;
use crate::i18n::*;
use crate::ui::common::form_field::Errors;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_i18n::I18nContext;
use std::collections::HashMap;

/// What the last save or delete said: a confirmation or an error.
pub type Status = RwSignal<Option<Result<String, String>>>;

/// An edit form kept in step with its stored record: `(form, field errors,
/// save status)`. `stored` is the form as the stored record fills it; whenever
/// it changes (a save here, another tab, sync), the form follows it, unless the
/// person has unsaved edits, which stay.
pub fn use_edit_form<F>(
    stored: impl Fn() -> Option<F> + Send + Sync + 'static,
) -> (RwSignal<F>, Errors, Status)
where
    F: Clone + Default + PartialEq + Send + Sync + 'static,
{
    let form = RwSignal::new(F::default());
    let loaded = RwSignal::new(None::<F>);
    Effect::new(move |_| {
        let Some(base) = stored() else { return };
        let unsaved =
            loaded.with_untracked(|l| l.as_ref().is_some_and(|l| *l != form.get_untracked()));
        if !unsaved {
            form.set(base.clone());
        }
        loaded.set(Some(base));
    });
    (form, RwSignal::new(HashMap::new()), RwSignal::new(None))
}

/// Shows the outcome of [`records::save_edit`]: a confirmation, or each field's error.
pub fn show_save_result(
    i18n: I18nContext<Locale>,
    result: Result<bool, SaveError>,
    errors: Errors,
    status: Status,
) {
    match result {
        Ok(true) => status.set(Some(Ok(t_string!(i18n, common.saved).to_string()))),
        Ok(false) => status.set(Some(Ok(t_string!(i18n, common.no_changes).to_string()))),
        Err(SaveError::Invalid(errs)) => {
            errors.set(field_errors(i18n, &errs));
            status.set(Some(Err(t_string!(i18n, common.fix_fields).to_string())));
        }
        Err(SaveError::Store(e)) => status.set(Some(Err(store_error_message(i18n, &e)))),
    }
}

/// Deletes `doc` (a tombstone revision); on success `deleted` holds it for Undo.
pub fn start_delete(
    ws: Workspace,
    i18n: I18nContext<Locale>,
    doc: Doc,
    deleted: RwSignal<Option<Doc>>,
    status: Status,
) {
    spawn_local(async move {
        let Some(actor) = ws.actor() else { return };
        match records::delete(&actor, &doc).await {
            Ok(old) => deleted.set(Some(old)),
            Err(e) => status.set(Some(Err(store_error_message(i18n, &e)))),
        }
    });
}

/// The save or delete outcome, announced politely.
#[component]
pub fn FormStatus(
    /// The outcome to show.
    status: Status,
) -> impl IntoView {
    view! {
        <p role="status" class="form-status">
            {move || {
                status
                    .get()
                    .map(|s| match s {
                        Ok(m) => view! { <span class="ok">{m}</span> }.into_any(),
                        Err(m) => view! { <span class="error">{m}</span> }.into_any(),
                    })
            }}
        </p>
    }
}

/// "X was deleted. Undo" while `deleted` holds the removed document; Undo writes
/// its body back as a new revision on top of the tombstone.
#[component]
pub fn DeletedBanner(
    /// The deleted document, if any.
    deleted: RwSignal<Option<Doc>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let undo = move |_| {
        let Some(old) = deleted.get_untracked() else {
            return;
        };
        spawn_local(async move {
            if let Some(actor) = ws.actor() {
                if records::restore(&actor, &old).await.is_ok() {
                    deleted.set(None);
                }
            }
        });
    };
    move || {
        deleted.get().map(|old| {
            let name = old
                .body
                .get("name")
                .or_else(|| old.body.get("title"))
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string();
            view! {
                <div class="banner" role="alert">
                    <span>{t!(i18n, common.contact_deleted, name = name)}</span>
                    <button type="button" on:click=undo>
                        {t!(i18n, common.undo)}
                    </button>
                </div>
            }
        })
    }
}
