//! One ticket: what was asked and by whom, both SLA clocks, the status
//! workflow, its history, the CSAT survey after resolving, and opportunities
//! support flagged from it.

use super::lead_dialog::{LeadDialog, LeadSubject};
use crate::actions::records;
use crate::actions::SaveError;
use crate::domain::records::{Account, Contact, Deal, SurveyKind, SurveyResponse, Ticket};
use crate::domain::sla::ClockState;
use crate::domain::support::{change_status, next_statuses, pauses, TicketError};
use crate::domain::RecordType;
use crate::domain::{Doc, Timestamp};
use crate::i18n::*;
use crate::store::{Store, StoreError};
use crate::ui::common::date;
use crate::ui::common::routes;
use crate::ui::common::ticket_labels::{
    clock_class, clock_text, priority_label, status_action, status_label,
};
use crate::ui::common::use_ticking_now;
use crate::ui::common::Reads;
use crate::ui::common::{channel_label, clock};
use crate::ui::common::{now, store_error_message, use_workspace, Loading, Modal, ReadError};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_i18n::I18nContext;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

/// A ticket with what surrounds it.
#[derive(Clone, Debug, PartialEq)]
struct TicketData {
    doc: Doc,
    ticket: Ticket,
    contact: Option<String>,
    account: Option<String>,
    leads: Vec<(String, Deal)>,
    surveys: Vec<SurveyResponse>,
}

async fn load_ticket(store: Store, id: String) -> Result<Option<TicketData>, StoreError> {
    let Some(doc) = store.get(&id).await?.filter(|d| !d.deleted) else {
        return Ok(None);
    };
    let Ok(ticket) = doc.record::<Ticket>() else {
        return Ok(None);
    };
    let name_of = |d: Option<Doc>, contact: bool| {
        d.and_then(|d| match contact {
            true => d.record::<Contact>().ok().map(|c| c.name),
            false => d.record::<Account>().ok().map(|a| a.name),
        })
    };
    let contact = match &ticket.contact_id {
        Some(c) => name_of(store.get(c).await?, true),
        None => None,
    };
    let account = match &ticket.account_id {
        Some(a) => name_of(store.get(a).await?, false),
        None => None,
    };
    let leads = store
        .records_of::<Deal>()
        .await?
        .into_iter()
        .filter(|(_, d)| {
            d.support_lead
                .as_ref()
                .is_some_and(|l| l.ticket_id.as_deref() == Some(&id))
        })
        .collect();
    let surveys = store
        .records_of::<SurveyResponse>()
        .await?
        .into_iter()
        .map(|(_, s)| s)
        .filter(|s| s.ticket_id.as_deref() == Some(&id))
        .collect();
    Ok(Some(TicketData {
        doc,
        ticket,
        contact,
        account,
        leads,
        surveys,
    }))
}

fn when(i18n: I18nContext<Locale>, t: Timestamp) -> String {
    format!("{} {}", date(i18n, t), clock(t))
}

fn error_text(i18n: I18nContext<Locale>, e: &TicketError) -> String {
    match e {
        TicketError::NotAllowed { .. } => t_string!(i18n, support.tk_err_step),
        TicketError::BeforeLastChange => t_string!(i18n, support.tk_err_time),
    }
    .to_string()
}

/// The routed page `/support/ticket/:id` (`id` is the ticket's local id).
#[component]
pub fn TicketPage() -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let id = routes::use_record_id(RecordType::Ticket);
    let data = ws.read(
        Reads::types(&[
            RecordType::Ticket,
            RecordType::Contact,
            RecordType::Account,
            RecordType::Deal,
            RecordType::SurveyResponse,
        ]),
        move |store| load_ticket(store, id.get()),
    );
    let current = Memo::new(move |_| data.get().and_then(|r| r.ok()).flatten());
    let now_sig = use_ticking_now();
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let lead_dialog = Modal::new();
    let assignee = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(d) = current.get() {
            assignee.set(d.ticket.assignee.clone());
        }
    });
    let read_only = ws.read_only();

    // Said to screen readers after a change; the page re-renders, so focus
    // goes back to the first action rather than being lost.
    let announce = RwSignal::new(String::new());
    let refocus = RwSignal::new(false);
    Effect::new(move |_| {
        current.track();
        // The written revision is on screen: the next action acts on it.
        busy.set(false);
        if refocus.get_untracked() {
            refocus.set(false);
            request_animation_frame(|| {
                let el = document()
                    .query_selector(".ticket-actions button")
                    .ok()
                    .flatten()
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
                if let Some(el) = el {
                    let _ = el.focus();
                }
            });
        }
    });
    // Writes `next` as the ticket's next revision (with its record change).
    // `busy` is already set by the caller; one write at a time.
    let write = move |d: TicketData, next: Ticket, said: String| {
        spawn_local(async move {
            let Some(actor) = ws.actor() else {
                busy.set(false);
                return;
            };
            let r = records::save_edit(
                &actor,
                &d.doc,
                &next,
                next.account_id.clone(),
                next.contact_id.clone(),
            )
            .await;
            match r {
                // `busy` ends when the new revision arrives (the effect above).
                Ok(true) => {
                    failure.set(None);
                    announce.set(said);
                    refocus.set(true);
                }
                Ok(false) => busy.set(false),
                Err(SaveError::Invalid(_)) => {
                    busy.set(false);
                    failure.set(Some(t_string!(i18n, common.err_invalid).to_string()))
                }
                Err(SaveError::Store(e)) => {
                    busy.set(false);
                    failure.set(Some(store_error_message(i18n, &e)))
                }
            }
        });
    };
    // Starts a write unless one is running (a double click writes once).
    let begin = move || -> Option<TicketData> {
        if busy.get_untracked() {
            return None;
        }
        let d = current.get_untracked()?;
        busy.set(true);
        Some(d)
    };
    let save = move |f: fn(&mut Ticket, String), v: String, said: String| {
        let Some(d) = begin() else { return };
        let mut next = d.ticket.clone();
        f(&mut next, v);
        write(d, next, said);
    };
    let move_to = move |to| {
        let Some(d) = begin() else { return };
        spawn_local(async move {
            let by = ws.author.get_untracked();
            // Another device's clock may be ahead: never date a change before the last one.
            let last = d
                .ticket
                .status_log
                .last()
                .map_or(d.ticket.opened_at, |c| c.at);
            match change_status(&d.ticket, to, now().max(last), &by) {
                Ok(next) => {
                    let said =
                        t_string!(i18n, support.tk_now_status, status = status_label(i18n, to));
                    write(d, next, said)
                }
                Err(e) => {
                    busy.set(false);
                    failure.set(Some(error_text(i18n, &e)))
                }
            }
        });
    };
    let save_assignee = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let who = assignee.get_untracked().trim().to_string();
        save(
            |t, v| t.assignee = v,
            who,
            t_string!(i18n, support.tk_assigned).to_string(),
        );
    };
    let request_csat = move |_| {
        save(
            |t, _| t.csat_requested_at = Some(now()),
            String::new(),
            t_string!(i18n, support.tk_csat_recorded).to_string(),
        );
    };
    let clocks = Memo::new(move |_| {
        current.get().map(|d| {
            let policy = ws.settings.with(|s| s.sla.policy().unwrap_or_default());
            // The tick may be older than a change just saved: never look back in time.
            policy.clocks(&d.ticket, &pauses(&d.ticket), now_sig.get().max(now()))
        })
    });
    let clock_row =
        move |label: &'static str, pick: fn(&crate::domain::sla::TicketClocks) -> ClockState| {
            move || {
                clocks.get().map(|c| {
                    let s = pick(&c);
                    let due = match s {
                        ClockState::Running { due_at, .. } => {
                            Some(t_string!(i18n, support.sla_due, at = when(i18n, due_at)))
                        }
                        ClockState::Met { at, .. } | ClockState::MetLate { at, .. } => {
                            Some(t_string!(i18n, support.sla_stopped, at = when(i18n, at)))
                        }
                        _ => None,
                    };
                    view! {
                        <div class="sla-row">
                            <dt>{label}</dt>
                            <dd>
                                <span class=clock_class(&s)>{clock_text(i18n, &s)}</span>
                                {due.map(|d| view! { <span class="muted">" · "{d}</span> })}
                            </dd>
                        </div>
                    }
                })
            }
        };
    view! {
        <Transition fallback=Loading>
            {move || {
                data.get()
                    .map(|r| match r {
                        Err(error) => view! { <ReadError error /> }.into_any(),
                        Ok(None) => view! { <h1>{t!(i18n, support.tk_not_found)}</h1> }.into_any(),
                        Ok(Some(_)) => ().into_any(),
                    })
            }}
        </Transition>
        {move || {
            current
                .get()
                .map(|d| {
                    let t = d.ticket.clone();
                    let status = t.current_status();
                    let contact_href = t.contact_id.as_ref().map(|c| routes::contact(c));
                    let account_href = t.account_id.as_ref().map(|a| routes::account(a));
                    let survey_href = t
                        .contact_id
                        .as_ref()
                        .map(|c| {
                            format!(
                                "/survey/{}?kind=csat&ticket={}",
                                c.trim_start_matches("contact:"),
                                d.doc.id,
                            )
                        });
                    let csat_requested = t.csat_requested_at;
                    let leads = d.leads.clone();
                    let surveys = d.surveys.clone();
                    view! {
                        <header class="record-head">
                            <div class="head-row">
                                <h1>{t.subject.clone()}</h1>
                                <span class=format!("prio prio-{:?}", t.priority)
                                    .to_lowercase()>{priority_label(i18n, t.priority)}</span>
                                <span class="badge">{status_label(i18n, status)}</span>
                            </div>
                            <p class="muted">
                                <A href="/support">{t!(i18n, support.back)}</A>
                            </p>
                        </header>
                        <div class="record-page">
                            <div class="record-side">
                                <section aria-labelledby="tk-details-h">
                                    <h2 id="tk-details-h">{t!(i18n, support.tk_details)}</h2>
                                    <dl class="facts">
                                        <dt>{t!(i18n, support.tk_customer)}</dt>
                                        <dd>
                                            {contact_href
                                                .map(|h| {
                                                    view! {
                                                        <A href=h>{d.contact.clone().unwrap_or_default()}</A>
                                                    }
                                                })}
                                            {(t.contact_id.is_some() && t.account_id.is_some())
                                                .then_some(" · ")}
                                            {account_href
                                                .map(|h| {
                                                    view! {
                                                        <A href=h>{d.account.clone().unwrap_or_default()}</A>
                                                    }
                                                })}
                                        </dd>
                                        <dt>{t!(i18n, common.tk_channel)}</dt>
                                        <dd>
                                            {t
                                                .channel
                                                .map(|c| channel_label(i18n, c))
                                                .unwrap_or_else(|| "—".into())}
                                        </dd>
                                        <dt>{t!(i18n, support.tk_opened)}</dt>
                                        <dd>{when(i18n, t.opened_at)}</dd>
                                    </dl>
                                    {(!t.description.is_empty())
                                        .then(|| {
                                            view! { <p class="description">{t.description.clone()}</p> }
                                        })}
                                </section>
                                {(!read_only)
                                    .then(|| {
                                        view! {
                                            <section aria-labelledby="tk-actions-h">
                                                <h2 id="tk-actions-h">{t!(i18n, support.tk_actions)}</h2>
                                                <div
                                                    class="button-row ticket-actions"
                                                    role="group"
                                                    aria-label=move || t_string!(i18n, support.tk_change_status)
                                                >
                                                    {next_statuses(status)
                                                        .iter()
                                                        .map(|&to| {
                                                            view! {
                                                                <button
                                                                    type="button"
                                                                    disabled=move || busy.get()
                                                                    on:click=move |_| move_to(to)
                                                                >
                                                                    {status_action(i18n, status, to)}
                                                                </button>
                                                            }
                                                        })
                                                        .collect_view()}
                                                </div>
                                                <form class="inline-form" on:submit=save_assignee>
                                                    <label class="field inline">
                                                        <span>{t!(i18n, common.tk_assignee)}</span>
                                                        <input
                                                            type="text"
                                                            prop:value=move || assignee.get()
                                                            on:input=move |ev| assignee.set(event_target_value(&ev))
                                                        />
                                                    </label>
                                                    <button
                                                        type="submit"
                                                        class="secondary"
                                                        disabled=move || busy.get()
                                                    >
                                                        {t!(i18n, support.tk_assign)}
                                                    </button>
                                                </form>
                                                <button type="button" on:click=move |_| lead_dialog.show()>
                                                    {t!(i18n, common.lead_flag)}
                                                </button>
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
                                            </section>
                                        }
                                    })}
                            </div>
                            <div class="record-main">
                                <section aria-labelledby="tk-sla-h">
                                    <h2 id="tk-sla-h">{t!(i18n, support.tk_sla)}</h2>
                                    <dl class="sla-clocks">
                                        {clock_row(
                                            t_string!(i18n, common.tk_first_response),
                                            |c| c.first_response,
                                        )}
                                        {clock_row(
                                            t_string!(i18n, common.tk_resolution),
                                            |c| c.resolution,
                                        )}
                                    </dl>
                                </section>
                                {status
                                    .is_done()
                                    .then(move || {
                                        view! {
                                            <section aria-labelledby="tk-csat-h">
                                                <h2 id="tk-csat-h">{t!(i18n, support.tk_csat)}</h2>
                                                {match csat_requested {
                                                    Some(at) => {
                                                        view! {
                                                            <p>
                                                                {t_string!(i18n, support.tk_csat_sent, at = when(i18n, at))}
                                                            </p>
                                                        }
                                                            .into_any()
                                                    }
                                                    None if !read_only => {
                                                        view! {
                                                            <button type="button" on:click=request_csat>
                                                                {t!(i18n, support.tk_csat_send)}
                                                            </button>
                                                        }
                                                            .into_any()
                                                    }
                                                    None => ().into_any(),
                                                }}
                                                {survey_href
                                                    .filter(|_| !read_only)
                                                    .map(|h| {
                                                        view! {
                                                            <p>
                                                                <A href=h>{t!(i18n, support.tk_csat_kiosk)}</A>
                                                            </p>
                                                        }
                                                    })}
                                                <ul class="plain">
                                                    {surveys
                                                        .iter()
                                                        .filter(|s| s.kind == SurveyKind::Csat)
                                                        .map(|s| {
                                                            view! {
                                                                <li>
                                                                    {t_string!(i18n, support.dash_csat_of5, score = s.score)}
                                                                    {(!s.comment.is_empty())
                                                                        .then(|| format!(" · “{}”", s.comment))}" · "
                                                                    {when(i18n, s.answered_at)}
                                                                </li>
                                                            }
                                                        })
                                                        .collect_view()}
                                                </ul>
                                            </section>
                                        }
                                    })}
                                {(!leads.is_empty())
                                    .then(move || {
                                        view! {
                                            <section aria-labelledby="tk-leads-h">
                                                <h2 id="tk-leads-h">{t!(i18n, support.tk_leads)}</h2>
                                                <ul class="plain">
                                                    {leads
                                                        .into_iter()
                                                        .map(|(_, deal)| {
                                                            let href = format!(
                                                                "/board?pipeline={}&q={}",
                                                                deal.pipeline_id,
                                                                String::from(js_sys::encode_uri_component(&deal.title)),
                                                            );
                                                            let (title, owner) = (deal.title, deal.owner);
                                                            view! {
                                                                <li>
                                                                    <A href=href>{title}</A>
                                                                    " · "
                                                                    {owner}
                                                                </li>
                                                            }
                                                        })
                                                        .collect_view()}
                                                </ul>
                                            </section>
                                        }
                                    })}
                                <section aria-labelledby="tk-history-h">
                                    <h2 id="tk-history-h">{t!(i18n, support.tk_history)}</h2>
                                    <ol class="plain history">
                                        <li>
                                            {when(i18n, t.opened_at)}" · "
                                            {t!(i18n, support.tk_status_new)}
                                        </li>
                                        {t
                                            .status_log
                                            .iter()
                                            .map(|c| {
                                                view! {
                                                    <li>
                                                        {when(i18n, c.at)}" · "{status_label(i18n, c.to)}
                                                        {(!c.by.is_empty()).then(|| format!(" · {}", c.by))}
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ol>
                                </section>
                            </div>
                        </div>
                    }
                })
        }}
        <p class="sr-only" role="status">
            {move || announce.get()}
        </p>
        <LeadDialog
            dialog=lead_dialog
            subject=Signal::derive(move || {
                current
                    .get()
                    .map(|d| LeadSubject {
                        account_id: d.ticket.account_id.clone(),
                        contact_id: d.ticket.contact_id.clone(),
                        ticket_id: Some(d.doc.id.clone()),
                        name: d.account.clone().or(d.contact.clone()).unwrap_or_default(),
                    })
                    .unwrap_or_default()
            })
        />
    }
}
