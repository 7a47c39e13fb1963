//! The quick-log bar: press C, V, N or L (call, visit, note, left us), type, press Enter.
//! The touchpoint is written to the local store, so it works offline and syncs later.

use super::photo::{PhotoPicker, Picked};
use crate::actions::{touchpoints, SaveError};
use crate::domain::attachment;
use crate::domain::records::{Activity, ActivityKind, Channel, GeoPoint};
use crate::i18n::*;
use crate::ui::common::geo::{current_position, GeoError};
use crate::ui::common::{
    activity_kind_label, error_text, field_label, now, store_error_message, typing, use_workspace,
};
use crate::ui::common::{emotion, journey_stage_label};
use leptos::prelude::*;
use leptos::task::spawn_local;

const KINDS: [(ActivityKind, &str); 4] = [
    (ActivityKind::Call, "c"),
    (ActivityKind::FieldVisit, "v"),
    (ActivityKind::Note, "n"),
    (ActivityKind::Churn, "l"),
];

fn channel_of(k: ActivityKind) -> Channel {
    match k {
        ActivityKind::Call => Channel::Phone,
        ActivityKind::FieldVisit => Channel::Field,
        _ => Channel::Support,
    }
}

/// Quick log for a contact and/or account.
#[component]
pub fn QuickLog(
    /// Contact the touchpoint is with.
    contact_id: Option<String>,
    /// Account it belongs to.
    account_id: Option<String>,
    /// The stage to preselect (the contact's current stage).
    #[prop(into)]
    current_stage: Signal<Option<String>>,
    /// The account's people `(contact id, name)`: a visit logged on an account
    /// page can say who was there (one touchpoint per person, in one write).
    #[prop(optional, into)]
    people: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let kind = RwSignal::new(ActivityKind::Call);
    let notes = RwSignal::new(String::new());
    let stage = RwSignal::new(String::new());
    let mood = RwSignal::new(0i8);
    let with_place = RwSignal::new(false);
    let present = RwSignal::new(Vec::<String>::new());
    let photo = RwSignal::new_local(None::<Picked>);
    let status = RwSignal::new(None::<Result<String, String>>);
    let input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        let s = current_stage.get().or_else(|| {
            ws.settings
                .with(|st| st.journey_stages.first().map(|s| s.id.clone()))
        });
        stage.set(s.unwrap_or_default());
    });
    let choose = move |k: ActivityKind| {
        kind.set(k);
        if let Some(el) = input.get_untracked() {
            let _ = el.focus();
        }
    };
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || typing(&ev) {
            return;
        }
        if let Some((k, _)) = KINDS
            .iter()
            .find(|(_, key)| ev.key().eq_ignore_ascii_case(key))
        {
            ev.prevent_default();
            choose(*k);
        }
    });
    on_cleanup(move || handle.remove());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (contact_id, account_id) = (contact_id.clone(), account_id.clone());
        spawn_local(async move {
            let Some(actor) = ws.actor() else { return };
            let k = kind.get_untracked();
            // A visit's place, when asked for: if it cannot be had, nothing is logged
            // and the typed text stays, so the person can retry or untick.
            let location = if k == ActivityKind::FieldVisit && with_place.get_untracked() {
                status.set(Some(Ok(t_string!(i18n, timeline.ql_locating).to_string())));
                match current_position(15_000).await {
                    Ok((lat, lon)) => Some(GeoPoint { lat, lon }),
                    Err(e) => {
                        let why = match e {
                            GeoError::Denied => t_string!(i18n, timeline.geo_denied),
                            GeoError::Timeout => t_string!(i18n, timeline.geo_timeout),
                            GeoError::Unavailable => t_string!(i18n, timeline.geo_unavailable),
                        };
                        status.set(Some(Err(why.to_string())));
                        return;
                    }
                }
            } else {
                None
            };
            let mut activity = Activity {
                kind: k,
                channel: channel_of(k),
                journey_stage: stage.get_untracked(),
                occurred_at: now(),
                emotion: mood.get_untracked(),
                notes: if k == ActivityKind::Churn {
                    String::new()
                } else {
                    notes.get_untracked().trim().to_string()
                },
                // The use case records the actor as the author.
                author: String::new(),
                contact_id,
                account_id,
                deal_id: None,
                reason: if k == ActivityKind::Churn {
                    notes.get_untracked().trim().to_string()
                } else {
                    String::new()
                },
                location,
                extra: Default::default(),
            };
            // The visit's photo: its bytes go to the device's blob store in the
            // same transaction; the touchpoints name it by digest.
            let picked = (k == ActivityKind::FieldVisit)
                .then(|| photo.get_untracked())
                .flatten();
            let mut blobs = Vec::new();
            if let Some(p) = &picked {
                let bytes = match crate::store::blob::bytes_of(&p.blob).await {
                    Ok(b) => b,
                    Err(e) => {
                        status.set(Some(Err(store_error_message(i18n, &e))));
                        return;
                    }
                };
                let stub = attachment::stubs(attachment::PHOTO, &p.blob.type_(), &bytes);
                activity.extra.insert("_attachments".into(), stub);
                blobs.push((attachment::digest(&bytes), p.blob.clone()));
            }
            // A visit with the people who were there: one touchpoint on each
            // person's timeline, tied together by a shared visit id.
            let who = if k == ActivityKind::FieldVisit {
                present.get_untracked()
            } else {
                Vec::new()
            };
            let stages = ws.settings.with_untracked(|s| {
                s.journey_stages
                    .iter()
                    .map(|s| s.id.clone())
                    .collect::<Vec<_>>()
            });
            let stage_ids: Vec<&str> = stages.iter().map(String::as_str).collect();
            let result = match touchpoints::log(&actor, activity, who, &stage_ids, &blobs).await {
                Ok(_) => Ok(()),
                Err(SaveError::Invalid(errors)) => Err(errors
                    .0
                    .first()
                    .map(|e| {
                        format!(
                            "{}: {}",
                            field_label(i18n, &e.field),
                            error_text(i18n, e.code)
                        )
                    })
                    .unwrap_or_default()),
                Err(SaveError::Store(e)) => Err(store_error_message(i18n, &e)),
            };
            match result {
                Ok(_) => {
                    notes.set(String::new());
                    present.set(Vec::new());
                    if let Some(p) = picked {
                        p.release();
                        photo.set(None);
                    }
                    let what = activity_kind_label(i18n, k);
                    // "Syncs when connected" only where there is something to sync with.
                    let syncs = matches!(
                        crate::sync::SyncConfig::load(actor.store()).await,
                        Ok(Some(c)) if !c.server.trim().is_empty()
                    );
                    status.set(Some(Ok(match syncs {
                        true => t_string!(i18n, timeline.ql_saved, kind = what),
                        false => t_string!(i18n, timeline.ql_saved_here, kind = what),
                    })));
                }
                Err(e) => status.set(Some(Err(e))),
            }
        });
    };
    view! {
        <form class="quick-log" on:submit=submit aria-labelledby="ql-title">
            <h3 id="ql-title">{t!(i18n, timeline.ql_title)}</h3>
            <div class="ql-kinds" role="group" aria-label=move || t_string!(i18n, common.tl_kind)>
                {KINDS
                    .into_iter()
                    .map(|(k, key)| {
                        view! {
                            <button
                                type="button"
                                aria-pressed=move || (kind.get() == k).to_string()
                                aria-keyshortcuts=key.to_uppercase()
                                on:click=move |_| choose(k)
                            >
                                {activity_kind_label(i18n, k)}
                                <kbd aria-hidden="true">{key.to_uppercase()}</kbd>
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <span class="ql-break" aria-hidden="true"></span>
            <label class="field ql-notes">
                <span>
                    {move || {
                        if kind.get() == ActivityKind::Churn {
                            t_string!(i18n, timeline.ql_reason)
                        } else {
                            t_string!(i18n, timeline.ql_notes)
                        }
                    }}
                </span>
                <input
                    type="text"
                    node_ref=input
                    prop:value=notes
                    on:input=move |ev| notes.set(event_target_value(&ev))
                />
            </label>
            <label class="field">
                <span>{t!(i18n, common.tl_stage)}</span>
                <select on:change=move |ev| {
                    stage.set(event_target_value(&ev))
                }>
                    {move || {
                        ws.settings
                            .get()
                            .journey_stages
                            .into_iter()
                            .map(|s| {
                                let id = s.id.clone();
                                let sel = id.clone();
                                let label = ws
                                    .settings
                                    .with_untracked(|st| journey_stage_label(i18n, st, &s.id));
                                view! {
                                    <option value=id selected=move || stage.get() == sel>
                                        {label}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
            <label class="field">
                <span>{t!(i18n, common.ql_emotion)}</span>
                <select on:change=move |ev| {
                    mood.set(event_target_value(&ev).parse().unwrap_or(0))
                }>
                    {(-2i8..=2)
                        .rev()
                        .map(|e| {
                            let (_, _, label) = emotion(i18n, e);
                            view! {
                                <option value=e.to_string() selected=move || mood.get() == e>
                                    {label}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            {move || {
                (kind.get() == ActivityKind::FieldVisit && people.with(|p| !p.is_empty()))
                    .then(|| {
                        view! {
                            <fieldset class="ql-people">
                                <legend>{t!(i18n, timeline.ql_present)}</legend>
                                {people
                                    .get()
                                    .into_iter()
                                    .map(|(id, name)| {
                                        let (id1, id2) = (id.clone(), id.clone());
                                        view! {
                                            <label class="check">
                                                <input
                                                    type="checkbox"
                                                    prop:checked=move || present.with(|p| p.contains(&id1))
                                                    on:change=move |ev| {
                                                        let on = event_target_checked(&ev);
                                                        present
                                                            .update(|p| {
                                                                p.retain(|x| *x != id2);
                                                                if on {
                                                                    p.push(id2.clone());
                                                                }
                                                            });
                                                    }
                                                />
                                                {name}
                                            </label>
                                        }
                                    })
                                    .collect_view()}
                            </fieldset>
                        }
                    })
            }}
            {move || {
                (kind.get() == ActivityKind::FieldVisit)
                    .then(|| {
                        view! {
                            <label class="check ql-place">
                                <input
                                    type="checkbox"
                                    prop:checked=with_place
                                    on:change=move |ev| with_place.set(event_target_checked(&ev))
                                />
                                {t!(i18n, timeline.ql_with_place)}
                            </label>
                            <PhotoPicker photo=photo status=status />
                        }
                    })
            }}
            <button type="submit">{t!(i18n, timeline.ql_log)}</button>
            <p class="ql-status" role="status">
                {move || match status.get() {
                    Some(Ok(m)) => view! { <span class="ok">{m}</span> }.into_any(),
                    Some(Err(m)) => view! { <span class="error">{m}</span> }.into_any(),
                    None => {
                        view! { <span class="muted">{t!(i18n, timeline.ql_hint)}</span> }.into_any()
                    }
                }}
            </p>
        </form>
    }
}
