//! The in-person survey: the rep hands the device to the customer, who answers
//! NPS, CSAT or CES on a kiosk-like screen (large targets, nothing else of the
//! app in view). The answer is a survey response tagged with the contact's
//! current journey stage, written locally, so it works offline and syncs later.
//! Its channel is the field visit, or, for a survey that follows a ticket
//! (`&ticket=`), that ticket's channel (see `SurveyResponse::in_person_channel`).

use crate::actions::records;
use crate::actions::SaveError;
use crate::domain::records::{SurveyKind, SurveyResponse, Ticket};
use crate::domain::RecordType;
use crate::i18n::*;
use crate::ui::common::routes;
use crate::ui::common::{now, store_error_message, use_workspace};
use crate::ui::customers::contact_data::contact_reads;
use crate::ui::customers::contact_data::load_contact;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_i18n::I18nContext;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

fn kind_of(s: &str) -> SurveyKind {
    match s {
        "csat" => SurveyKind::Csat,
        "ces" => SurveyKind::Ces,
        _ => SurveyKind::Nps,
    }
}

/// The question a customer is asked.
fn question(i18n: I18nContext<Locale>, k: SurveyKind) -> &'static str {
    match k {
        SurveyKind::Nps => t_string!(i18n, survey.kiosk_q_nps),
        SurveyKind::Csat => t_string!(i18n, survey.kiosk_q_csat),
        SurveyKind::Ces => t_string!(i18n, survey.kiosk_q_ces),
    }
}

/// The words at the low and high ends of the scale.
fn anchors(i18n: I18nContext<Locale>, k: SurveyKind) -> (&'static str, &'static str) {
    match k {
        SurveyKind::Nps => (
            t_string!(i18n, survey.kiosk_nps_low),
            t_string!(i18n, survey.kiosk_nps_high),
        ),
        SurveyKind::Csat => (
            t_string!(i18n, survey.kiosk_csat_low),
            t_string!(i18n, survey.kiosk_csat_high),
        ),
        SurveyKind::Ces => (
            t_string!(i18n, survey.kiosk_ces_low),
            t_string!(i18n, survey.kiosk_ces_high),
        ),
    }
}

/// The routed page: `/survey/:id?kind=nps|csat|ces` (`id` is the contact's local id).
#[component]
pub fn SurveyPage() -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let query = use_query_map();
    let contact_id = routes::use_record_id(RecordType::Contact);
    let kind = Memo::new(move |_| kind_of(&query.read().get("kind").unwrap_or_default()));
    let data = ws.read(contact_reads(), move |store| {
        let id = contact_id.get_untracked();
        let rules = ws.settings.get_untracked().source_rules;
        async move { load_contact(store, id, rules).await }
    });
    let contact = Memo::new(move |_| data.get().and_then(|r| r.ok()).flatten());
    let score = RwSignal::new(None::<u8>);
    let comment = RwSignal::new(String::new());
    let sent = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    // The customer may switch language for the survey; the rep gets theirs back after.
    let rep_locale = i18n.get_locale_untracked();
    on_cleanup(move || {
        if i18n.get_locale_untracked() != rep_locale {
            i18n.set_locale(rep_locale);
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let Some(d) = contact.get_untracked() else {
            return;
        };
        let Some(s) = score.get_untracked() else {
            error.set(Some(t_string!(i18n, survey.kiosk_choose).to_string()));
            return;
        };
        let ticket_id = query
            .read_untracked()
            .get("ticket")
            .filter(|t| t.starts_with("ticket:"));
        let mut answer = SurveyResponse {
            kind: kind.get_untracked(),
            score: s,
            contact_id: d.doc.id.clone(),
            account_id: d.contact.account_id.clone(),
            ticket_id: ticket_id.clone(),
            answered_at: now(),
            journey_stage: d.path.current().map(str::to_owned),
            channel: None,
            comment: comment.get_untracked().trim().to_string(),
            extra: Default::default(),
        };
        sending.set(true);
        spawn_local(async move {
            let Some(actor) = ws.actor() else {
                sending.set(false);
                return;
            };
            // The ticket the survey follows: the contact's own, else read it.
            let ticket = match &ticket_id {
                None => None,
                Some(id) => match d.tickets.iter().find(|(t, _)| t == id) {
                    Some((_, t)) => Some(t.clone()),
                    None => actor
                        .store()
                        .get(id)
                        .await
                        .ok()
                        .flatten()
                        .filter(|doc| !doc.deleted)
                        .and_then(|doc| doc.record::<Ticket>().ok()),
                },
            };
            answer.channel = Some(SurveyResponse::in_person_channel(ticket.as_ref()));
            let result = records::create(&actor, "k", &answer).await;
            sending.set(false);
            match result {
                Ok(_) => {
                    error.set(None);
                    sent.set(true);
                }
                Err(SaveError::Invalid(_)) => {
                    error.set(Some(t_string!(i18n, survey.kiosk_choose).to_string()))
                }
                Err(SaveError::Store(e)) => error.set(Some(store_error_message(i18n, &e))),
            }
        });
    };
    let again = move |_| {
        score.set(None);
        comment.set(String::new());
        sent.set(false);
    };
    let back = move || {
        format!(
            "/customers/contact/{}",
            contact_id.get().trim_start_matches("contact:")
        )
    };
    view! {
        // Named from the start (a region named only once its content loads stays "generic" to Chromium).
        <div class="kiosk" role="region" aria-label=move || question(i18n, kind.get())>
            <div class="kiosk-top">
                <div
                    class="lang-switch kiosk-lang"
                    role="group"
                    aria-label=move || t_string!(i18n, common.language)
                >
                    <button
                        type="button"
                        aria-pressed=move || (i18n.get_locale() == Locale::vi).to_string()
                        on:click=move |_| i18n.set_locale(Locale::vi)
                    >
                        "Tiếng Việt"
                    </button>
                    <button
                        type="button"
                        aria-pressed=move || (i18n.get_locale() == Locale::en).to_string()
                        on:click=move |_| i18n.set_locale(Locale::en)
                    >
                        "English"
                    </button>
                </div>
                <A href=back attr:class="kiosk-exit">
                    {t!(i18n, survey.kiosk_exit)}
                </A>
            </div>
            {move || {
                matches!(data.get(), Some(Ok(None)))
                    .then(|| {
                        view! {
                            <p class="kiosk-big" role="alert">
                                {t!(i18n, common.contact_not_found)}
                            </p>
                        }
                    })
            }}
            <Show
                when=move || contact.with(|c| c.is_some()) && !sent.get()
                fallback=move || {
                    sent.get()
                        .then(|| {
                            view! {
                                <div class="kiosk-thanks" role="status">
                                    <p class="kiosk-big">{t!(i18n, survey.kiosk_thanks)}</p>
                                    <button type="button" class="kiosk-next" on:click=again>
                                        {t!(i18n, survey.kiosk_another)}
                                    </button>
                                </div>
                            }
                        })
                }
            >
                <form class="kiosk-form" on:submit=submit>
                    <fieldset>
                        <legend id="kiosk-q" class="kiosk-big">
                            {move || question(i18n, kind.get())}
                        </legend>
                        {move || {
                            let k = kind.get();
                            let (lo, hi) = k.range();
                            let (low, high) = anchors(i18n, k);
                            view! {
                                <div class=format!(
                                    "kiosk-scale n{}",
                                    hi - lo + 1,
                                )>
                                    {(lo..=hi)
                                        .map(|v| {
                                            view! {
                                                <label
                                                    class="kiosk-choice"
                                                    class:chosen=move || score.get() == Some(v)
                                                >
                                                    <input
                                                        type="radio"
                                                        name="score"
                                                        value=v.to_string()
                                                        prop:checked=move || score.get() == Some(v)
                                                        on:change=move |_| {
                                                            score.set(Some(v));
                                                            error.set(None);
                                                        }
                                                    />
                                                    <span>{v}</span>
                                                </label>
                                            }
                                        })
                                        .collect_view()}
                                </div>
                                <p class="kiosk-anchors" aria-hidden="true">
                                    <span>{low}</span>
                                    <span>{high}</span>
                                </p>
                                <p class="sr-only">{format!("{lo} = {low}, {hi} = {high}")}</p>
                            }
                        }}
                    </fieldset>
                    <label class="field kiosk-comment">
                        <span>{t!(i18n, survey.kiosk_comment)}</span>
                        <textarea
                            rows="3"
                            prop:value=comment
                            on:input=move |ev| comment.set(event_target_value(&ev))
                        ></textarea>
                    </label>
                    {move || {
                        error
                            .get()
                            .map(|m| {
                                view! {
                                    <p class="error" role="alert">
                                        {m}
                                    </p>
                                }
                            })
                    }}
                    <button type="submit" class="kiosk-send" disabled=move || sending.get()>
                        {t!(i18n, survey.kiosk_send)}
                    </button>
                </form>
            </Show>
        </div>
    }
}
