//! The "New account" button and dialog.

use super::form_field::text_field;
use super::save::{create, field_errors, SaveError};
use crate::domain::records::Account;
use crate::i18n::*;
use crate::ui::common::{store_error_message, use_workspace, Modal};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use std::collections::HashMap;

#[derive(Clone, Debug, Default, PartialEq)]
struct Form {
    name: String,
    industry: String,
    segment: String,
    city: String,
    owner: String,
}

/// Opens a dialog that creates an account and goes to its page.
#[component]
pub fn NewAccountButton() -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let navigate = use_navigate();
    let modal = Modal::new();
    let form = RwSignal::new(Form::default());
    let errors = RwSignal::new(HashMap::<String, String>::new());
    let failure = RwSignal::new(None::<String>);
    let show = move |_| {
        form.set(Form::default());
        errors.set(HashMap::new());
        failure.set(None);
        modal.show();
    };
    let close = move || modal.close();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form.get_untracked();
        let account = Account {
            name: f.name.trim().into(),
            industry: f.industry.trim().into(),
            segment: f.segment.trim().into(),
            city: f.city.trim().into(),
            region: String::new(),
            owner: f.owner.trim().into(),
            source: String::new(),
            extra: Default::default(),
        };
        let navigate = navigate.clone();
        spawn_local(async move {
            let Some(store) = ws.store() else { return };
            match create(&store, "a", &account).await {
                Ok(id) => {
                    close();
                    navigate(
                        &format!("/customers/account/{}", id.trim_start_matches("account:")),
                        Default::default(),
                    );
                }
                Err(SaveError::Invalid(errs)) => errors.set(field_errors(i18n, &errs)),
                Err(SaveError::Store(e)) => failure.set(Some(store_error_message(i18n, &e))),
            }
        });
    };
    let field = move |key: &'static str,
                      label: String,
                      get: fn(&Form) -> String,
                      set: fn(&mut Form, String)| {
        text_field(form, errors, key, label, "text", get, set)
    };
    view! {
        <button type="button" on:click=show>{t!(i18n, account_new)}</button>
        <dialog node_ref=modal.node class="dialog" aria-labelledby="new-account-h" on:close=move |_| modal.open.set(false)>
            {move || {
                let submit = submit.clone();
                modal.open.get().then(move || view! {
                    <form on:submit=submit novalidate>
                        <div class="dialog-head"><h2 id="new-account-h">{t!(i18n, account_new)}</h2></div>
                        {field("name", t_string!(i18n, field_name).to_string(), |f| f.name.clone(), |f, v| f.name = v)}
                        {field("industry", t_string!(i18n, field_industry).to_string(), |f| f.industry.clone(), |f, v| f.industry = v)}
                        {field("segment", t_string!(i18n, field_segment).to_string(), |f| f.segment.clone(), |f, v| f.segment = v)}
                        {field("city", t_string!(i18n, field_city).to_string(), |f| f.city.clone(), |f, v| f.city = v)}
                        {field("owner", t_string!(i18n, field_owner).to_string(), |f| f.owner.clone(), |f, v| f.owner = v)}
                        {move || failure.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
                        <div class="form-actions">
                            <button type="submit">{t!(i18n, account_create)}</button>
                            <button type="button" class="secondary" on:click=move |_| close()>{t!(i18n, cancel)}</button>
                        </div>
                    </form>
                })
            }}
        </dialog>
    }
}
