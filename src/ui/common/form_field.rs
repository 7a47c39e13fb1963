//! A labelled text input bound to one field of a form struct, with its error beside it.

use leptos::prelude::*;
use std::collections::HashMap;

/// Field errors by field name.
pub type Errors = RwSignal<HashMap<String, String>>;

/// A text input for `key` of `form`; `get`/`set` read and write the field.
pub fn text_field<F: Send + Sync + 'static>(
    form: RwSignal<F>,
    errors: Errors,
    key: &'static str,
    label: String,
    kind: &'static str,
    get: fn(&F) -> String,
    set: fn(&mut F, String),
) -> impl IntoView {
    let err_id = format!("err-{key}");
    let err_id2 = err_id.clone();
    // The error sits outside the label: it describes the field, it is not its name.
    view! {
        <div class="field-wrap">
            <label class="field">
                <span>{label}</span>
                <input
                    type=kind
                    prop:value=move || form.with(get)
                    on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))
                    aria-invalid=move || errors.with(|e| e.contains_key(key)).then_some("true")
                    aria-describedby=move || {
                        errors.with(|e| e.contains_key(key)).then(|| err_id.clone())
                    }
                />
            </label>
            {move || {
                errors
                    .with(|e| e.get(key).cloned())
                    .map(|m| {
                        view! {
                            <p class="field-error" id=err_id2.clone()>
                                {m}
                            </p>
                        }
                    })
            }}
        </div>
    }
}
