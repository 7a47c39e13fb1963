//! One conflicted record: a fieldset per disagreeing field with a radio per
//! version (the current winner preselected), and a button that resolves.

use crate::actions::conflicts;
use crate::domain::conflict::{diff, live_leaves};
use crate::domain::{DocEntry, RevId};
use crate::i18n::*;
use crate::store::StoreError;
use crate::ui::common::{field_label, use_workspace, StoreErrorAlert};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use std::collections::BTreeMap;

fn show(v: &Option<Value>) -> Option<String> {
    match v {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.is_empty() => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => Some(other.to_string()),
    }
}

/// Resolves one conflicted record.
#[component]
pub fn ConflictResolver(
    /// The record's revision state.
    entry: DocEntry,
    /// Set once this (or any) record was resolved, for the page's status line.
    resolved: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let diffs = diff(&entry);
    let title = live_leaves(&entry)
        .first()
        .and_then(|d| d.display_title().map(str::to_owned))
        .unwrap_or_else(|| entry.id.clone());
    let picks: RwSignal<BTreeMap<String, RevId>> = RwSignal::new(
        diffs
            .iter()
            .filter_map(|d| Some((d.field.clone(), d.values.first()?.0.clone())))
            .collect(),
    );
    let error = RwSignal::new(None::<StoreError>);
    let id = entry.id.clone();
    let heading_id = format!(
        "conflict-{}",
        id.replace(|c: char| !c.is_alphanumeric(), "-")
    );
    let labelled_by = heading_id.clone();
    let keep = {
        let id = id.clone();
        move |_| {
            let id = id.clone();
            let Some(actor) = ws.actor() else { return };
            let chosen = picks.get_untracked();
            spawn_local(async move {
                match conflicts::resolve(&actor, &id, &chosen).await {
                    Ok(_) => resolved.set(true),
                    Err(e) => error.set(Some(e)),
                }
            });
        }
    };
    view! {
        <section class="card conflict" aria-labelledby=labelled_by>
            <h2 id=heading_id>{title}<span class="muted">" · "{id.clone()}</span></h2>
            {diffs
                .into_iter()
                .map(|d| {
                    let group = format!("{id}::{}", d.field);
                    let field = d.field.clone();
                    let legend = d.field.clone();
                    view! {
                        <fieldset class="conflict-field">
                            <legend>{move || field_label(i18n, &legend)}</legend>
                            {d
                                .values
                                .into_iter()
                                .map(|(rev, value)| {
                                    let (field, rev2) = (field.clone(), rev.clone());
                                    let checked = {
                                        let (field, rev) = (field.clone(), rev.clone());
                                        move || picks.read().get(&field) == Some(&rev)
                                    };
                                    let text = show(&value);
                                    view! {
                                        <label class="choice">
                                            <input
                                                type="radio"
                                                name=group.clone()
                                                value=rev.to_string()
                                                prop:checked=checked
                                                on:change=move |_| {
                                                    picks
                                                        .update(|p| {
                                                            p.insert(field.clone(), rev2.clone());
                                                        });
                                                }
                                            />
                                            {match text {
                                                Some(t) => view! { <span>{t}</span> }.into_any(),
                                                None => {
                                                    view! {
                                                        <span class="muted">{t!(i18n, conflicts.empty)}</span>
                                                    }
                                                        .into_any()
                                                }
                                            }}
                                        </label>
                                    }
                                })
                                .collect_view()}
                        </fieldset>
                    }
                })
                .collect_view()}
            <button type="button" class="primary" on:click=keep>
                {t!(i18n, conflicts.keep)}
            </button>
            <StoreErrorAlert error />
        </section>
    }
}
