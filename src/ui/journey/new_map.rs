//! The "New journey map" button and dialog: a title and a persona; the map
//! starts with the workspace's stages and the eight lanes.

use crate::domain::journey::edit::new_map;
use crate::domain::records::Persona;
use crate::i18n::*;
use crate::ui::common::form_field::text_field;
use crate::ui::common::{routes, use_workspace, CreateDialog};
use leptos::prelude::*;
use std::collections::HashMap;

#[derive(Clone, Debug, Default, PartialEq)]
struct Form {
    title: String,
    persona_id: String,
}

/// Opens a dialog that creates a journey map and goes to its editor.
#[component]
pub fn NewMapButton(
    /// The persona to preselect (a persona page passes its own).
    #[prop(into)]
    persona_id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let form = RwSignal::new(Form::default());
    let errors = RwSignal::new(HashMap::<String, String>::new());
    let blank = move |()| Form {
        title: String::new(),
        persona_id: persona_id.clone(),
    };
    let record = move |f: Form| {
        let stages = ws.settings.with_untracked(|s| s.journey_stages.clone());
        new_map(&f.title, &f.persona_id, &stages)
    };
    view! {
        <CreateDialog
            title=Signal::derive(move || t_string!(i18n, journey.map_new).to_string())
            submit_label=Signal::derive(move || t_string!(i18n, journey.map_create).to_string())
            heading_id="new-map-h"
            form
            blank
            errors
            record
            prefix="m"
            href=routes::map
        >
            {
                let personas = LocalResource::new(move || {
                    let store = ws.store();
                    async move {
                        match store {
                            Some(s) => s.records_of::<Persona>().await.unwrap_or_default(),
                            None => Vec::new(),
                        }
                    }
                });
                // The fields exist only while the dialog is open: the personas are read then.
                view! {
                    {text_field(
                        form,
                        errors,
                        "title",
                        t_string!(i18n, journey.col_title).to_string(),
                        "text",
                        |f| f.title.clone(),
                        |f, v| f.title = v,
                    )}
                    <div class="field-wrap">
                        <label class="field">
                            <span>{t!(i18n, journey.col_persona)}</span>
                            <select
                                on:change=move |ev| {
                                    form.update(|f| f.persona_id = event_target_value(&ev))
                                }
                                aria-invalid=move || {
                                    errors.with(|e| e.contains_key("persona_id")).then_some("true")
                                }
                                aria-describedby=move || {
                                    errors
                                        .with(|e| e.contains_key("persona_id"))
                                        .then_some("err-persona_id")
                                }
                            >
                                <option
                                    value=""
                                    selected=move || form.with(|f| f.persona_id.is_empty())
                                >
                                    {t!(i18n, journey.map_choose_persona)}
                                </option>
                                {move || {
                                    personas
                                        .get()
                                        .unwrap_or_default()
                                        .into_iter()
                                        .map(|(id, p)| {
                                            let sel = id.clone();
                                            view! {
                                                <option
                                                    value=id
                                                    selected=move || form.with(|f| f.persona_id == sel)
                                                >
                                                    {p.name}
                                                </option>
                                            }
                                        })
                                        .collect_view()
                                }}
                            </select>
                        </label>
                        {move || {
                            errors
                                .with(|e| e.get("persona_id").cloned())
                                .map(|m| {
                                    view! {
                                        <p class="field-error" id="err-persona_id">
                                            {m}
                                        </p>
                                    }
                                })
                        }}
                    </div>
                }
            }
        </CreateDialog>
    }
}
