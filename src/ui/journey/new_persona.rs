//! The "New persona" button and dialog.

use crate::domain::records::Persona;
use crate::i18n::*;
use crate::ui::common::{store_error_message, use_workspace, Modal};
use crate::ui::records::form_field::text_field;
use crate::ui::records::save::{create, field_errors, SaveError};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use std::collections::HashMap;

#[derive(Clone, Debug, Default, PartialEq)]
struct Form {
    name: String,
    segment: String,
    role: String,
}

/// The trimmed value as a one-item list, or nothing when blank.
fn words(v: &str) -> Vec<String> {
    let v = v.trim();
    if v.is_empty() {
        Vec::new()
    } else {
        vec![v.to_string()]
    }
}

/// Opens a dialog that creates a persona and goes to its page.
#[component]
pub fn NewPersonaButton() -> impl IntoView {
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
        let persona = Persona {
            name: f.name.trim().into(),
            segment: f.segment.trim().into(),
            role: f.role.trim().into(),
            location: String::new(),
            age_group: String::new(),
            industry: String::new(),
            goals: Vec::new(),
            needs: Vec::new(),
            barriers: Vec::new(),
            motivations: Vec::new(),
            interests: Vec::new(),
            avatar: String::new(),
            // A new persona covers the contacts of its segment and role until edited.
            rule: crate::domain::records::PersonaRule {
                segments: words(&f.segment),
                industries: Vec::new(),
                roles: words(&f.role),
            },
            extra: Default::default(),
        };
        let navigate = navigate.clone();
        spawn_local(async move {
            let Some(store) = ws.store() else { return };
            match create(&store, "p", &persona).await {
                Ok(id) => {
                    close();
                    navigate(
                        &format!("/journeys/persona/{}", id.trim_start_matches("persona:")),
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
        <button type="button" on:click=show>{t!(i18n, persona_new)}</button>
        <dialog node_ref=modal.node class="dialog" aria-labelledby="new-persona-h" on:close=move |_| modal.open.set(false)>
            {move || {
                let submit = submit.clone();
                modal.open.get().then(move || view! {
                    <form on:submit=submit novalidate>
                        <div class="dialog-head"><h2 id="new-persona-h">{t!(i18n, persona_new)}</h2></div>
                        {field("name", t_string!(i18n, field_name).to_string(), |f| f.name.clone(), |f, v| f.name = v)}
                        {field("segment", t_string!(i18n, field_segment).to_string(), |f| f.segment.clone(), |f, v| f.segment = v)}
                        {field("role", t_string!(i18n, field_role).to_string(), |f| f.role.clone(), |f, v| f.role = v)}
                        {move || failure.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
                        <div class="form-actions">
                            <button type="submit">{t!(i18n, persona_create)}</button>
                            <button type="button" class="secondary" on:click=move |_| close()>{t!(i18n, cancel)}</button>
                        </div>
                    </form>
                })
            }}
        </dialog>
    }
}
