//! "Record a survey answer" on a contact's page: an NPS, CSAT or CES answer
//! given on paper, by phone or in a meeting, entered by hand with its date,
//! journey stage, touchpoint and (for a CSAT after a case) its ticket. The
//! checks and the answer it becomes are [`SurveyEntry`]'s; this is the form.

use super::contact_data::ContactData;
use crate::actions::records;
use crate::actions::SaveError;
use crate::domain::records::{local_today, Channel, EntryContext, SurveyEntry, SurveyKind};
use crate::domain::validate::ErrorCode;
use crate::domain::ValidationErrors;
use crate::i18n::*;
use crate::ui::common::{
    channel_label, field_errors, journey_stage_label, now, store_error_message, survey_label,
    use_workspace, Modal,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_i18n::I18nContext;
use std::collections::HashMap;
use std::sync::Arc;

const KINDS: [(SurveyKind, &str); 3] = [
    (SurveyKind::Nps, "nps"),
    (SurveyKind::Csat, "csat"),
    (SurveyKind::Ces, "ces"),
];

fn kind_name(i18n: I18nContext<Locale>, k: SurveyKind) -> &'static str {
    match k {
        SurveyKind::Nps => t_string!(i18n, customers.sv_kind_nps),
        SurveyKind::Csat => t_string!(i18n, customers.sv_kind_csat),
        SurveyKind::Ces => t_string!(i18n, customers.sv_kind_ces),
    }
}

/// Each rejected field's message, saying what the field accepts.
fn messages(
    i18n: I18nContext<Locale>,
    kind: SurveyKind,
    errs: &ValidationErrors,
) -> HashMap<String, String> {
    let mut out = field_errors(i18n, errs);
    let (lo, hi) = kind.range();
    if errs.get("score") == Some(ErrorCode::OutOfRange) {
        let text = t_string!(i18n, customers.sv_err_score, lo = lo, hi = hi);
        out.insert("score".into(), text);
    }
    if errs.get("answered_at") == Some(ErrorCode::OutOfRange) {
        out.insert(
            "answered_at".into(),
            t_string!(i18n, customers.sv_err_date).into(),
        );
    }
    out
}

/// The "Survey answers" section of a contact's page: the button, what the
/// last save said, and the dialog.
#[component]
pub fn SurveySection(
    /// The contact and what surrounds them.
    data: Memo<Option<Arc<ContactData>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let modal = Modal::new();
    let offset = move || ws.settings.with_untracked(|s| s.sla.utc_offset_min);
    let entry = RwSignal::new(SurveyEntry::new(SurveyKind::Nps, now(), 0));
    let errors = RwSignal::new(HashMap::<String, String>::new());
    let failure = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let status = RwSignal::new(None::<String>);
    let today = RwSignal::new(String::new());
    let open = move |_| {
        entry.set(SurveyEntry::new(SurveyKind::Nps, now(), offset()));
        today.set(local_today(now(), offset()));
        errors.set(HashMap::new());
        failure.set(None);
        modal.show();
    };
    // The stage the form proposes for the chosen day.
    let proposed = Memo::new(move |_| {
        let d = data.get()?;
        let settings = ws.settings.read();
        let stages = settings.stage_ids();
        let cx = EntryContext {
            contact_id: &d.doc.id,
            account_id: d.contact.account_id.as_deref(),
            path: &d.path,
            stage_ids: &stages,
            utc_offset_min: settings.sla.utc_offset_min,
            now: now(),
        };
        entry.with(|e| e.default_stage(&cx))
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let Some(d) = data.get_untracked() else {
            return;
        };
        let e = entry.get_untracked();
        let checked = ws.settings.with_untracked(|s| {
            let stages = s.stage_ids();
            e.response(&EntryContext {
                contact_id: &d.doc.id,
                account_id: d.contact.account_id.as_deref(),
                path: &d.path,
                stage_ids: &stages,
                utc_offset_min: s.sla.utc_offset_min,
                now: now(),
            })
        });
        let answer = match checked {
            Ok(a) => a,
            Err(errs) => return errors.set(messages(i18n, e.kind, &errs)),
        };
        errors.set(HashMap::new());
        saving.set(true);
        spawn_local(async move {
            let Some(actor) = ws.actor() else {
                saving.set(false);
                return;
            };
            let result = records::create(&actor, "s", &answer).await;
            saving.set(false);
            match result {
                Ok(_) => {
                    status.set(Some(t_string!(
                        i18n,
                        customers.sv_saved,
                        kind = survey_label(answer.kind),
                        score = answer.score
                    )));
                    modal.close();
                }
                Err(SaveError::Invalid(errs)) => errors.set(messages(i18n, answer.kind, &errs)),
                Err(SaveError::Store(e)) => failure.set(Some(store_error_message(i18n, &e))),
            }
        });
    };
    let set = move |f: fn(&mut SurveyEntry, String), v: String| entry.update(|e| f(e, v));
    let invalid = move |key: &'static str| errors.with(|e| e.contains_key(key)).then_some("true");
    let described = move |key: &'static str| {
        errors
            .with(|e| e.contains_key(key))
            .then(|| format!("sv-err-{key}"))
    };
    let error = move |key: &'static str| {
        move || {
            errors.with(|e| e.get(key).cloned()).map(|m| {
                view! {
                    <p class="field-error" id=format!("sv-err-{key}")>
                        {m}
                    </p>
                }
            })
        }
    };
    let score_label = move || {
        let (lo, hi) = entry.with(|e| e.kind.range());
        t_string!(i18n, customers.sv_score, lo = lo, hi = hi)
    };
    let stage_shown = move || {
        entry
            .with(|e| e.stage.clone())
            .or_else(|| proposed.get())
            .unwrap_or_default()
    };
    let tickets = move || data.with(|d| d.as_ref().map(|d| d.tickets.clone()).unwrap_or_default());
    view! {
        <section aria-labelledby="sv-h">
            <h2 id="sv-h">{t!(i18n, customers.sv_section)}</h2>
            <p class="muted">{t!(i18n, customers.sv_help)}</p>
            {(!ws.read_only())
                .then(|| {
                    view! {
                        <button type="button" on:click=open>
                            {t!(i18n, customers.sv_record)}
                        </button>
                    }
                })}
            <p role="status" class="form-status">
                {move || status.get().map(|m| view! { <span class="ok">{m}</span> })}
            </p>
        </section>
        <dialog
            node_ref=modal.node
            class="dialog"
            aria-labelledby="sv-dialog-h"
            on:close=move |_| modal.open.set(false)
        >
            {move || {
                modal
                    .open
                    .get()
                    .then(move || {
                        view! {
                            <form on:submit=submit novalidate>
                                <div class="dialog-head">
                                    <h2 id="sv-dialog-h">{t!(i18n, customers.sv_record)}</h2>
                                </div>
                                <label class="field">
                                    <span>{t!(i18n, customers.sv_kind)}</span>
                                    <select on:change=move |ev| {
                                        let v = event_target_value(&ev);
                                        if let Some((k, _)) = KINDS
                                            .iter()
                                            .find(|(_, key)| *key == v)
                                        {
                                            entry.update(|e| e.kind = *k);
                                            errors
                                                .update(|e| {
                                                    e.remove("score");
                                                });
                                        }
                                    }>
                                        {KINDS
                                            .into_iter()
                                            .map(|(k, key)| {
                                                view! {
                                                    <option
                                                        value=key
                                                        selected=move || entry.with(|e| e.kind == k)
                                                    >
                                                        {kind_name(i18n, k)}
                                                    </option>
                                                }
                                            })
                                            .collect_view()}
                                    </select>
                                </label>
                                <div class="field-wrap">
                                    <label class="field">
                                        <span>{score_label}</span>
                                        <input
                                            type="text"
                                            inputmode="numeric"
                                            autocomplete="off"
                                            prop:value=move || entry.with(|e| e.score.clone())
                                            on:input=move |ev| set(
                                                |e, v| e.score = v,
                                                event_target_value(&ev),
                                            )
                                            aria-invalid=move || invalid("score")
                                            aria-describedby=move || described("score")
                                        />
                                    </label>
                                    {error("score")}
                                </div>
                                <label class="field">
                                    <span>{t!(i18n, customers.sv_comment)}</span>
                                    <textarea
                                        rows="2"
                                        prop:value=move || entry.with(|e| e.comment.clone())
                                        on:input=move |ev| set(
                                            |e, v| e.comment = v,
                                            event_target_value(&ev),
                                        )
                                    ></textarea>
                                </label>
                                <div class="field-wrap">
                                    <label class="field">
                                        <span>{t!(i18n, customers.sv_date)}</span>
                                        <input
                                            type="date"
                                            max=move || today.get()
                                            prop:value=move || entry.with(|e| e.date.clone())
                                            on:input=move |ev| set(
                                                |e, v| e.date = v,
                                                event_target_value(&ev),
                                            )
                                            on:change=move |ev| set(
                                                |e, v| e.date = v,
                                                event_target_value(&ev),
                                            )
                                            aria-invalid=move || invalid("answered_at")
                                            aria-describedby=move || described("answered_at")
                                        />
                                    </label>
                                    {error("answered_at")}
                                </div>
                                <div class="field-wrap">
                                    <label class="field">
                                        <span>{t!(i18n, common.tl_stage)}</span>
                                        <select
                                            on:change=move |ev| {
                                                let v = event_target_value(&ev);
                                                entry
                                                    .update(|e| e.stage = Some(v).filter(|v| !v.is_empty()));
                                            }
                                            aria-invalid=move || invalid("journey_stage")
                                            aria-describedby=move || match described("journey_stage") {
                                                Some(err) => format!("sv-stage-hint {err}"),
                                                None => "sv-stage-hint".to_string(),
                                            }
                                        >
                                            {move || {
                                                proposed
                                                    .with(Option::is_none)
                                                    .then(|| {
                                                        view! {
                                                            <option value="" selected=move || stage_shown().is_empty()>
                                                                {t!(i18n, customers.sv_channel_unknown)}
                                                            </option>
                                                        }
                                                    })
                                            }}
                                            {move || {
                                                ws.settings
                                                    .get()
                                                    .journey_stages
                                                    .into_iter()
                                                    .map(|s| {
                                                        let id = s.id.clone();
                                                        let label = ws
                                                            .settings
                                                            .with_untracked(|st| journey_stage_label(i18n, st, &s.id));
                                                        view! {
                                                            <option
                                                                value=id.clone()
                                                                selected=move || stage_shown() == id
                                                            >
                                                                {label}
                                                            </option>
                                                        }
                                                    })
                                                    .collect_view()
                                            }}
                                        </select>
                                    </label>
                                    <p class="muted" id="sv-stage-hint">
                                        {t!(i18n, customers.sv_stage_hint)}
                                    </p>
                                    {error("journey_stage")}
                                </div>
                                <label class="field">
                                    <span>{t!(i18n, customers.sv_channel)}</span>
                                    <select on:change=move |ev| {
                                        let v = event_target_value(&ev);
                                        entry
                                            .update(|e| {
                                                e.channel = v
                                                    .parse::<usize>()
                                                    .ok()
                                                    .and_then(|i| Channel::ALL.get(i).copied());
                                            });
                                    }>
                                        <option
                                            value=""
                                            selected=move || entry.with(|e| e.channel.is_none())
                                        >
                                            {t!(i18n, customers.sv_channel_unknown)}
                                        </option>
                                        {Channel::ALL
                                            .into_iter()
                                            .enumerate()
                                            .map(|(i, c)| {
                                                view! {
                                                    <option
                                                        value=i.to_string()
                                                        selected=move || entry.with(|e| e.channel == Some(c))
                                                    >
                                                        {channel_label(i18n, c)}
                                                    </option>
                                                }
                                            })
                                            .collect_view()}
                                    </select>
                                </label>
                                {move || {
                                    (!tickets().is_empty())
                                        .then(|| {
                                            view! {
                                                <label class="field">
                                                    <span>{t!(i18n, customers.sv_ticket)}</span>
                                                    <select on:change=move |ev| {
                                                        let v = event_target_value(&ev);
                                                        entry
                                                            .update(|e| {
                                                                e.ticket_id = Some(v).filter(|v| !v.is_empty());
                                                            });
                                                    }>
                                                        <option value="">
                                                            {t!(i18n, customers.sv_ticket_none)}
                                                        </option>
                                                        {tickets()
                                                            .into_iter()
                                                            .map(|(id, t)| {
                                                                let sel = id.clone();
                                                                view! {
                                                                    <option
                                                                        value=id
                                                                        selected=move || {
                                                                            entry.with(|e| e.ticket_id.as_deref() == Some(sel.as_str()))
                                                                        }
                                                                    >
                                                                        {t.subject}
                                                                    </option>
                                                                }
                                                            })
                                                            .collect_view()}
                                                    </select>
                                                </label>
                                            }
                                        })
                                }}
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
                                    <button type="submit" disabled=move || saving.get()>
                                        {t!(i18n, customers.sv_save)}
                                    </button>
                                    <button
                                        type="button"
                                        class="secondary"
                                        on:click=move |_| modal.close()
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
