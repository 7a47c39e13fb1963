//! The "New journey map" button and dialog: a title and a persona; the map
//! starts with the workspace's stages and the eight lanes.

use crate::domain::journey::edit::new_map;
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
    let navigate = use_navigate();
    let modal = Modal::new();
    let form = RwSignal::new(Form::default());
    let errors = RwSignal::new(HashMap::<String, String>::new());
    let failure = RwSignal::new(None::<String>);
    // Read when the dialog opens, not whenever the page shows the button.
    let personas = LocalResource::new(move || {
        let open = modal.open.get();
        let store = ws.store();
        async move {
            match (open, store) {
                (true, Some(s)) => s.records_of::<Persona>().await.unwrap_or_default(),
                _ => Vec::new(),
            }
        }
    });
    let preset = persona_id.clone();
    let show = move |_| {
        form.set(Form {
            title: String::new(),
            persona_id: preset.clone(),
        });
        errors.set(HashMap::new());
        failure.set(None);
        modal.show();
    };
    let close = move || modal.close();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form.get_untracked();
        let stages = ws.settings.with_untracked(|s| s.journey_stages.clone());
        let map = new_map(&f.title, &f.persona_id, &stages);
        let navigate = navigate.clone();
        spawn_local(async move {
            let Some(store) = ws.store() else { return };
            match create(&store, "m", &map).await {
                Ok(id) => {
                    close();
                    navigate(
                        &format!("/journeys/map/{}", id.trim_start_matches("journey_map:")),
                        Default::default(),
                    );
                }
                Err(SaveError::Invalid(errs)) => errors.set(field_errors(i18n, &errs)),
                Err(SaveError::Store(e)) => failure.set(Some(store_error_message(i18n, &e))),
            }
        });
    };
    view! {
        <button type="button" on:click=show>{t!(i18n, map_new)}</button>
        <dialog node_ref=modal.node class="dialog" aria-labelledby="new-map-h" on:close=move |_| modal.open.set(false)>
            {move || {
                let submit = submit.clone();
                modal.open.get().then(move || view! {
                    <form on:submit=submit novalidate>
                        <div class="dialog-head"><h2 id="new-map-h">{t!(i18n, map_new)}</h2></div>
                        {text_field(form, errors, "title", t_string!(i18n, col_title).to_string(), "text", |f| f.title.clone(), |f, v| f.title = v)}
                        <div class="field-wrap">
                            <label class="field"><span>{t!(i18n, col_persona)}</span>
                                <select on:change=move |ev| form.update(|f| f.persona_id = event_target_value(&ev))
                                    aria-invalid=move || errors.with(|e| e.contains_key("persona_id")).then_some("true")
                                    aria-describedby=move || errors.with(|e| e.contains_key("persona_id")).then_some("err-persona_id")>
                                    <option value="" selected=move || form.with(|f| f.persona_id.is_empty())>{t!(i18n, map_choose_persona)}</option>
                                    {move || personas.get().unwrap_or_default().into_iter().map(|(id, p)| {
                                        let sel = id.clone();
                                        view! { <option value=id selected=move || form.with(|f| f.persona_id == sel)>{p.name}</option> }
                                    }).collect_view()}
                                </select>
                            </label>
                            {move || errors.with(|e| e.get("persona_id").cloned()).map(|m| view! { <p class="field-error" id="err-persona_id">{m}</p> })}
                        </div>
                        {move || failure.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
                        <div class="form-actions">
                            <button type="submit">{t!(i18n, map_create)}</button>
                            <button type="button" class="secondary" on:click=move |_| close()>{t!(i18n, cancel)}</button>
                        </div>
                    </form>
                })
            }}
        </dialog>
    }
}
