//! The "New …" button and its dialog, shared by every screen that creates a
//! record from a short form (account, persona, journey map): the form opens
//! blank, a refused field shows its error beside the input, a store failure
//! shows as an alert, and a created record opens on its own page.

use super::{field_errors, store_error_message, use_workspace, Modal};
use crate::actions::{records, SaveError};
use crate::domain::Record;
use crate::i18n::*;
use crate::ui::common::form_field::Errors;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use std::collections::HashMap;

/// A button that opens a dialog creating one record.
#[component]
pub fn CreateDialog<F, R>(
    /// The button's text and the dialog's heading ("New account").
    #[prop(into)]
    title: Signal<String>,
    /// The submit button's text ("Create account").
    #[prop(into)]
    submit_label: Signal<String>,
    /// The heading's element id, unique on the page.
    heading_id: &'static str,
    /// The form being filled, reset with `blank` each time the dialog opens.
    form: RwSignal<F>,
    /// The form's state when the dialog opens.
    #[prop(into)]
    blank: Callback<(), F>,
    /// Field errors by field name, which the fields show.
    errors: Errors,
    /// The record the filled form describes.
    #[prop(into)]
    record: Callback<F, R>,
    /// The new document's id prefix (`a` for accounts).
    prefix: &'static str,
    /// The created record's page, from its document id.
    href: fn(&str) -> String,
    /// The form's fields.
    children: ChildrenFn,
) -> impl IntoView
where
    F: Clone + Send + Sync + 'static,
    R: Record + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let ws = use_workspace();
    let navigate = use_navigate();
    let modal = Modal::new();
    let failure = RwSignal::new(None::<String>);
    let show = move |_| {
        form.set(blank.run(()));
        errors.set(HashMap::new());
        failure.set(None);
        modal.show();
    };
    let close = move || modal.close();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let new = record.run(form.get_untracked());
        let navigate = navigate.clone();
        spawn_local(async move {
            let Some(actor) = ws.actor() else { return };
            match records::create(&actor, prefix, &new).await {
                Ok(id) => {
                    close();
                    navigate(&href(&id), Default::default());
                }
                Err(SaveError::Invalid(errs)) => errors.set(field_errors(i18n, &errs)),
                Err(SaveError::Store(e)) => failure.set(Some(store_error_message(i18n, &e))),
            }
        });
    };
    view! {
        <button type="button" on:click=show>
            {title}
        </button>
        <dialog
            node_ref=modal.node
            class="dialog"
            aria-labelledby=heading_id
            on:close=move |_| modal.open.set(false)
        >
            {move || {
                let submit = submit.clone();
                let children = children.clone();
                modal
                    .open
                    .get()
                    .then(move || {
                        view! {
                            <form on:submit=submit novalidate>
                                <div class="dialog-head">
                                    <h2 id=heading_id>{title}</h2>
                                </div>
                                {children()}
                                {move || {
                                    failure
                                        .get()
                                        .map(|m| {
                                            view! {
                                                <p class="error" role="alert">
                                                    {m}
                                                </p>
                                            }
                                        })
                                }}
                                <div class="form-actions">
                                    <button type="submit">{submit_label}</button>
                                    <button
                                        type="button"
                                        class="secondary"
                                        on:click=move |_| close()
                                    >
                                        {t!(i18n, common.cancel)}
                                    </button>
                                </div>
                            </form>
                        }
                    })
            }}
        </dialog>
    }
}
