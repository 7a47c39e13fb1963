//! Lead source groups: the workspace's ordered rules mapping a lead's source and
//! medium to a group (first match wins). Stored in the settings document, so
//! every device and the reports share them.

use crate::domain::keyed_text;
use crate::domain::lead_source::{default_source_rules, SourceRule};
use crate::i18n::*;
use crate::ui::common::{
    source_group_labels, source_group_words, store_error_message, use_workspace,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The rules editor.
#[component]
pub fn SourceGroups() -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let rules = RwSignal::new(ws.settings.get_untracked().source_rules);
    let status = RwSignal::new(None::<Result<String, String>>);
    let missing = RwSignal::new(Vec::<usize>::new());
    let edit = move |i: usize, f: fn(&mut SourceRule, String), v: String| {
        rules.update(|r| {
            if let Some(rule) = r.get_mut(i) {
                f(rule, v)
            }
        })
    };
    let swap = move |a: usize, b: usize| {
        rules.update(|r| {
            if a < r.len() && b < r.len() {
                r.swap(a, b)
            }
        })
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let list: Vec<SourceRule> = rules
            .get_untracked()
            .into_iter()
            .map(|r| SourceRule {
                // Typed, not yet left: a built-in group's label still stores its id.
                group: keyed_text::stored(r.group.trim(), &source_group_words()),
                source: r.source.trim().into(),
                medium: r.medium.trim().into(),
            })
            .collect();
        let empty: Vec<usize> = list
            .iter()
            .enumerate()
            .filter(|(_, r)| r.group.is_empty())
            .map(|(i, _)| i)
            .collect();
        missing.set(empty.clone());
        if !empty.is_empty() {
            status.set(Some(Err(
                t_string!(i18n, settings.sg_group_required).to_string()
            )));
            return;
        }
        let mut next = ws.settings.get_untracked();
        next.source_rules = list;
        spawn_local(async move {
            match ws.save_settings(next).await {
                Ok(()) => status.set(Some(Ok(t_string!(i18n, settings.sg_saved).to_string()))),
                Err(e) => status.set(Some(Err(store_error_message(i18n, &e)))),
            }
        });
    };
    let input = move |i: usize, which: &'static str, label: String| {
        // A built-in group shows by its label; picked or typed, it is stored
        // by its id once the field is left (not while typing: input methods
        // compose Vietnamese letter by letter).
        let get = move || {
            rules.with(|r| {
                r.get(i)
                    .map(|r| match which {
                        "group" => keyed_text::shown(&r.group, &source_group_labels(i18n)),
                        "source" => r.source.clone(),
                        _ => r.medium.clone(),
                    })
                    .unwrap_or_default()
            })
        };
        let set: fn(&mut SourceRule, String) = match which {
            "group" => |r, v| r.group = v,
            "source" => |r, v| r.source = v,
            _ => |r, v| r.medium = v,
        };

        view! {
            <input
                type="text"
                aria-label=label
                list=(which == "group").then_some("sg-known-groups")
                prop:value=get
                on:input=move |ev| edit(i, set, event_target_value(&ev))
                on:change=move |ev| {
                    if which == "group" {
                        let text = event_target_value(&ev);
                        edit(i, set, keyed_text::stored(&text, &source_group_words()));
                    }
                }
                aria-invalid=move || {
                    (which == "group" && missing.with(|m| m.contains(&i))).then_some("true")
                }
            />
        }
    };
    view! {
        <section class="card" aria-labelledby="sg-h">
            <h2 id="sg-h">{t!(i18n, settings.sg_title)}</h2>
            <p class="muted">{t!(i18n, settings.sg_hint)}</p>
            <form on:submit=save>
                <datalist id="sg-known-groups">
                    {move || {
                        source_group_labels(i18n)
                            .into_iter()
                            .map(|(_, label)| view! { <option value=label></option> })
                            .collect_view()
                    }}
                </datalist>
                <table class="rules">
                    <thead>
                        <tr>
                            <th scope="col">"#"</th>
                            <th scope="col">{t!(i18n, common.sg_group)}</th>
                            <th scope="col">{t!(i18n, common.src_source)}</th>
                            <th scope="col">{t!(i18n, common.src_medium)}</th>
                            <th scope="col">
                                <span class="sr-only">{t!(i18n, settings.sg_actions)}</span>
                            </th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            (0..rules.with(Vec::len))
                                .map(|i| {
                                    let n = (i + 1).to_string();
                                    view! {
                                        <tr>
                                            <th scope="row" class="num">
                                                {n.clone()}
                                            </th>
                                            <td>
                                                {input(
                                                    i,
                                                    "group",
                                                    t_string!(i18n, settings.sg_group_n, n = n.clone()),
                                                )}
                                            </td>
                                            <td>
                                                {input(
                                                    i,
                                                    "source",
                                                    t_string!(i18n, settings.sg_source_n, n = n.clone()),
                                                )}
                                            </td>
                                            <td>
                                                {input(
                                                    i,
                                                    "medium",
                                                    t_string!(i18n, settings.sg_medium_n, n = n.clone()),
                                                )}
                                            </td>
                                            <td class="rule-actions">
                                                <button
                                                    type="button"
                                                    aria-label=t_string!(i18n, settings.sg_up_n, n = n.clone())
                                                    disabled=i == 0
                                                    on:click=move |_| swap(i, i.wrapping_sub(1))
                                                >
                                                    "↑"
                                                </button>
                                                <button
                                                    type="button"
                                                    aria-label=t_string!(
                                                        i18n, settings.sg_down_n, n = n.clone()
                                                    )
                                                    disabled=move || { i + 1 >= rules.with(Vec::len) }
                                                    on:click=move |_| swap(i, i + 1)
                                                >
                                                    "↓"
                                                </button>
                                                <button
                                                    type="button"
                                                    aria-label=t_string!(
                                                        i18n, settings.sg_remove_n, n = n.clone()
                                                    )
                                                    on:click=move |_| {
                                                        rules
                                                            .update(|r| {
                                                                if i < r.len() {
                                                                    r.remove(i);
                                                                }
                                                            })
                                                    }
                                                >
                                                    "×"
                                                </button>
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </tbody>
                </table>
                <div class="actions">
                    <button
                        type="button"
                        on:click=move |_| {
                            rules
                                .update(|r| {
                                    r.push(SourceRule {
                                        group: String::new(),
                                        source: String::new(),
                                        medium: String::new(),
                                    })
                                })
                        }
                    >
                        {t!(i18n, settings.sg_add)}
                    </button>
                    <button type="button" on:click=move |_| rules.set(default_source_rules())>
                        {t!(i18n, settings.sg_defaults)}
                    </button>
                    <button type="submit" class="primary">
                        {t!(i18n, settings.sg_save)}
                    </button>
                </div>
                <p role="status">
                    {move || {
                        status
                            .get()
                            .map(|s| match s {
                                Ok(m) => view! { <span class="ok">{m}</span> }.into_any(),
                                Err(m) => view! { <span class="error">{m}</span> }.into_any(),
                            })
                    }}
                </p>
            </form>
        </section>
    }
}
