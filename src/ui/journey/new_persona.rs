//! The "New persona" button and dialog.

use crate::domain::records::Persona;
use crate::i18n::*;
use crate::ui::common::form_field::text_field;
use crate::ui::common::{routes, CreateDialog};
use leptos::prelude::*;
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
    let form = RwSignal::new(Form::default());
    let errors = RwSignal::new(HashMap::<String, String>::new());
    let record = move |f: Form| Persona {
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
    let field = move |key: &'static str,
                      label: String,
                      get: fn(&Form) -> String,
                      set: fn(&mut Form, String)| {
        text_field(form, errors, key, label, "text", get, set)
    };
    view! {
        <CreateDialog
            title=Signal::derive(move || t_string!(i18n, journey.persona_new).to_string())
            submit_label=Signal::derive(move || t_string!(i18n, journey.persona_create).to_string())
            heading_id="new-persona-h"
            form
            blank=|()| Form::default()
            errors
            record
            prefix="p"
            href=routes::persona
        >
            {field(
                "name",
                t_string!(i18n, common.field_name).to_string(),
                |f| f.name.clone(),
                |f, v| f.name = v,
            )}
            {field(
                "segment",
                t_string!(i18n, common.field_segment).to_string(),
                |f| f.segment.clone(),
                |f, v| f.segment = v,
            )}
            {field(
                "role",
                t_string!(i18n, common.field_role).to_string(),
                |f| f.role.clone(),
                |f, v| f.role = v,
            )}
        </CreateDialog>
    }
}
