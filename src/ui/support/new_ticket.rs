//! The "New ticket" dialog: subject, what the customer asked, who, how urgent,
//! through which channel, and who works on it. The SLA targets are copied from
//! the workspace policy for the chosen priority.

use super::data::Person;
use crate::actions::records;
use crate::actions::SaveError;
use crate::domain::records::{Channel, Ticket, TicketPriority, TicketStatus};
use crate::i18n::*;
use crate::ui::common::channel_label;
use crate::ui::common::field_errors;
use crate::ui::common::form_field::text_field;
use crate::ui::common::routes;
use crate::ui::common::ticket_labels::priority_label;
use crate::ui::common::{now, store_error_message, use_workspace, Modal};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use std::collections::HashMap;

const PRIORITIES: [TicketPriority; 4] = [
    TicketPriority::Urgent,
    TicketPriority::High,
    TicketPriority::Normal,
    TicketPriority::Low,
];

#[derive(Clone, Debug, PartialEq)]
struct Form {
    subject: String,
    description: String,
    contact_id: String,
    priority: TicketPriority,
    channel: Option<Channel>,
    assignee: String,
}

impl Default for Form {
    fn default() -> Self {
        Form {
            subject: String::new(),
            description: String::new(),
            contact_id: String::new(),
            priority: TicketPriority::Normal,
            channel: Some(Channel::Support),
            assignee: String::new(),
        }
    }
}

/// The dialog; open it with `dialog.show()`.
#[component]
pub fn NewTicketDialog(
    /// The dialog's state.
    dialog: Modal,
    /// Contacts to choose the customer from.
    #[prop(into)]
    people: Signal<Vec<Person>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let navigate = use_navigate();
    let form = RwSignal::new(Form::default());
    let errors = RwSignal::new(HashMap::<String, String>::new());
    let failure = RwSignal::new(None::<String>);
    // One ticket per submit, however fast the button is pressed.
    let saving = RwSignal::new(false);
    Effect::new(move |_| {
        if dialog.open.get() {
            form.set(Form::default());
            errors.set(HashMap::new());
            failure.set(None);
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let f = form.get_untracked();
        let targets = ws
            .settings
            .with_untracked(|s| s.sla.policy().unwrap_or_default().targets(f.priority));
        let person = people.with_untracked(|p| p.iter().find(|p| p.id == f.contact_id).cloned());
        let ticket = Ticket {
            subject: f.subject.trim().into(),
            description: f.description.trim().into(),
            channel: f.channel,
            priority: f.priority,
            status: TicketStatus::New,
            assignee: f.assignee.trim().into(),
            status_log: Vec::new(),
            csat_requested_at: None,
            account_id: person.as_ref().and_then(|p| p.account_id.clone()),
            contact_id: person.map(|p| p.id),
            sla_first_response_min: targets.first_response_min,
            sla_resolution_min: targets.resolution_min,
            opened_at: now(),
            first_response_at: None,
            resolved_at: None,
            extra: Default::default(),
        };
        let navigate = navigate.clone();
        saving.set(true);
        spawn_local(async move {
            let Some(actor) = ws.actor() else {
                saving.set(false);
                return;
            };
            let result = records::create(&actor, "t", &ticket).await;
            saving.set(false);
            match result {
                Ok(id) => {
                    dialog.close();
                    navigate(&routes::ticket(&id), Default::default());
                }
                Err(SaveError::Invalid(errs)) => errors.set(field_errors(i18n, &errs)),
                Err(SaveError::Store(e)) => failure.set(Some(store_error_message(i18n, &e))),
            }
        });
    };
    view! {
        <dialog
            node_ref=dialog.node
            class="dialog"
            aria-labelledby="new-ticket-h"
            on:close=move |_| dialog.open.set(false)
        >
            {move || {
                let submit = submit.clone();
                dialog
                    .open
                    .get()
                    .then(move || {
                        view! {
                            <form on:submit=submit novalidate>
                                <div class="dialog-head">
                                    <h2 id="new-ticket-h">{t!(i18n, support.tk_new)}</h2>
                                </div>
                                {text_field(
                                    form,
                                    errors,
                                    "subject",
                                    t_string!(i18n, support.tk_subject).to_string(),
                                    "text",
                                    |f| f.subject.clone(),
                                    |f, v| f.subject = v,
                                )}
                                <label class="field">
                                    <span>{t!(i18n, common.tk_description)}</span>
                                    <textarea
                                        rows="3"
                                        prop:value=move || form.with(|f| f.description.clone())
                                        on:input=move |ev| {
                                            form.update(|f| f.description = event_target_value(&ev))
                                        }
                                    ></textarea>
                                </label>
                                <label class="field">
                                    <span>{t!(i18n, support.tk_customer)}</span>
                                    <select on:change=move |ev| {
                                        form.update(|f| f.contact_id = event_target_value(&ev))
                                    }>
                                        <option value="">{t!(i18n, support.tk_no_customer)}</option>
                                        {move || {
                                            people
                                                .get()
                                                .into_iter()
                                                .map(|p| view! { <option value=p.id>{p.name}</option> })
                                                .collect_view()
                                        }}
                                    </select>
                                </label>
                                <div class="field-row">
                                    <label class="field">
                                        <span>{t!(i18n, common.tk_priority)}</span>
                                        <select on:change=move |ev| {
                                            let v = event_target_value(&ev);
                                            if let Some(p) = PRIORITIES
                                                .into_iter()
                                                .find(|p| format!("{p:?}") == v)
                                            {
                                                form.update(|f| f.priority = p)
                                            }
                                        }>
                                            {PRIORITIES
                                                .into_iter()
                                                .map(|p| {
                                                    view! {
                                                        <option
                                                            value=format!("{p:?}")
                                                            selected=move || form.with(|f| f.priority == p)
                                                        >
                                                            {priority_label(i18n, p)}
                                                        </option>
                                                    }
                                                })
                                                .collect_view()}
                                        </select>
                                    </label>
                                    <label class="field">
                                        <span>{t!(i18n, common.tk_channel)}</span>
                                        <select on:change=move |ev| {
                                            let v = event_target_value(&ev);
                                            form.update(|f| {
                                                f.channel = Channel::ALL
                                                    .into_iter()
                                                    .find(|c| format!("{c:?}") == v);
                                            });
                                        }>
                                            {Channel::ALL
                                                .into_iter()
                                                .map(|c| {
                                                    view! {
                                                        <option
                                                            value=format!("{c:?}")
                                                            selected=move || form.with(|f| f.channel == Some(c))
                                                        >
                                                            {channel_label(i18n, c)}
                                                        </option>
                                                    }
                                                })
                                                .collect_view()}
                                        </select>
                                    </label>
                                </div>
                                {text_field(
                                    form,
                                    errors,
                                    "assignee",
                                    t_string!(i18n, common.tk_assignee).to_string(),
                                    "text",
                                    |f| f.assignee.clone(),
                                    |f, v| f.assignee = v,
                                )}
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
                                        {t!(i18n, support.tk_create)}
                                    </button>
                                    <button
                                        type="button"
                                        class="secondary"
                                        on:click=move |_| dialog.close()
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
