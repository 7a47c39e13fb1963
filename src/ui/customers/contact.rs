//! A contact's page: editable details with errors beside each field, persona,
//! journey path derived from stage transitions, lead source, consent, related
//! deals and tickets, delete with undo, and the contact's timeline with quick log.

use super::contact_data::{load_contact, ContactData};
use super::source_view::SourceView;
use super::stage_path::StagePathView;
use super::ticket_list::TicketList;
use crate::actions::records;
use crate::actions::SaveError;
use crate::domain::keyed_text;
use crate::domain::records::{Consent, Contact};
use crate::domain::timeline::Scope;
use crate::domain::Doc;
use crate::domain::RecordType;
use crate::i18n::*;
use crate::ui::common::edit_ui::{show_save_result, start_delete, use_edit_form, FormStatus};
use crate::ui::common::form_field::text_field;
use crate::ui::common::FollowButton;
use crate::ui::common::{contact_role_labels, contact_role_words, date, money};
use crate::ui::common::{now, routes, store_error_message, use_workspace, RecordPage};
use crate::ui::customers::contact_data::contact_reads;
use crate::ui::timeline::{QuickLog, Timeline};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use std::collections::HashMap;

/// The routed page: `/customers/contact/:id`.
#[component]
pub fn ContactPage() -> impl IntoView {
    let id = routes::use_record_id(RecordType::Contact);
    move || {
        let id = id.get();
        view! { <ContactView id /> }
    }
}

/// Editable text fields of a contact.
#[derive(Clone, Debug, Default, PartialEq)]
struct Form {
    name: String,
    email: String,
    phone: String,
    title: String,
    role: String,
    owner: String,
    persona_id: String,
}

impl Form {
    /// The form of `c`, its role shown by its label among `roles`.
    fn of(c: &Contact, roles: &[(&str, String)]) -> Self {
        Form {
            name: c.name.clone(),
            email: c.email.clone(),
            phone: c.phone.clone(),
            title: c.title.clone(),
            role: keyed_text::shown(&c.role, roles),
            owner: c.owner.clone(),
            persona_id: c.persona_id.clone().unwrap_or_default(),
        }
    }

    /// Writes the form into `c`; a role's label among `roles` (in any language) stores its key.
    fn apply(&self, c: &mut Contact, roles: &[(&str, String)]) {
        c.name = self.name.trim().to_string();
        c.email = self.email.trim().to_string();
        c.phone = self.phone.trim().to_string();
        c.title = self.title.trim().to_string();
        c.role = keyed_text::stored(self.role.trim(), roles);
        c.owner = self.owner.trim().to_string();
        c.persona_id = Some(self.persona_id.clone()).filter(|p| !p.is_empty());
    }
}

#[component]
fn ContactView(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let load_id = id.clone();
    let data = ws.read(contact_reads(), move |store| {
        load_contact(
            store,
            load_id.clone(),
            ws.settings.with_untracked(|s| s.source_rules.clone()),
        )
    });
    let deleted = RwSignal::new(None::<Doc>);
    let current = Memo::new(move |_| {
        data.get()
            .and_then(|r| r.ok())
            .flatten()
            .map(std::sync::Arc::new)
    });
    // Who the page is about; sections that keep their own state re-render only when this changes.
    let who = Memo::new(move |_| {
        current.with(|d| {
            d.as_ref()
                .map(|d| (d.doc.id.clone(), d.contact.account_id.clone()))
        })
    });
    let stage = Signal::derive(move || {
        current
            .get()
            .and_then(|d| d.path.current().map(str::to_owned))
    });
    let timeline_id = id.clone();
    let lead_dialog = crate::ui::common::Modal::new();
    let lead_subject = Signal::derive(move || {
        current.with(|d| {
            d.as_ref()
                .map(|d| crate::ui::support::LeadSubject {
                    account_id: d.contact.account_id.clone(),
                    contact_id: Some(d.doc.id.clone()),
                    ticket_id: None,
                    name: d
                        .account
                        .as_ref()
                        .map_or_else(|| d.contact.name.clone(), |(_, a)| a.name.clone()),
                })
                .unwrap_or_default()
        })
    });
    let (side_id, log_id) = (timeline_id.clone(), timeline_id.clone());
    view! {
        <crate::ui::support::LeadDialog dialog=lead_dialog subject=lead_subject />
        <RecordPage
            back_href="/customers"
            back_label=Signal::derive(move || t_string!(i18n, common.back_to_customers).to_string())
            data
            deleted
            not_found=Signal::derive(move || t_string!(i18n, common.contact_not_found).to_string())
            header=move || {
                view! {
                    {move || {
                        current
                            .get()
                            .map(|d| {
                                view! {
                                    <header class="record-head">
                                        <div class="head-row">
                                            <h1>{d.contact.name.clone()}</h1>
                                            <FollowButton subject_id=d.doc.id.clone() />
                                        </div>
                                        {d
                                            .account
                                            .clone()
                                            .map(|(aid, a)| {
                                                view! {
                                                    <p class="muted">
                                                        <A href=routes::account(&aid)>{a.name}</A>
                                                    </p>
                                                }
                                            })}
                                        <ReachLine
                                            email=d.contact.email.clone()
                                            phone=d.contact.phone.clone()
                                        />
                                    </header>
                                }
                            })
                    }}
                }
            }
            side=move || {
                view! {
                    <ContactForm data=current deleted />
                    <section aria-labelledby="journey-h">
                        <h2 id="journey-h">{t!(i18n, customers.contact_journey)}</h2>
                        {move || {
                            current.get().map(|d| view! { <StagePathView path=d.path.clone() /> })
                        }}
                    </section>
                    {move || {
                        current
                            .get()
                            .map(|d| {
                                view! {
                                    <SourceView
                                        first=d.contact.source.clone()
                                        latest=d.contact.last_source.clone()
                                        group=d.source_group.clone()
                                    />
                                }
                            })
                    }}
                    <ConsentSection data=current />
                    <section aria-labelledby="kiosk-h">
                        <h2 id="kiosk-h">{t!(i18n, customers.kiosk_title)}</h2>
                        <p class="muted">{t!(i18n, customers.kiosk_help)}</p>
                        <div class="kiosk-links">
                            {[("nps", "NPS"), ("csat", "CSAT"), ("ces", "CES")]
                                .into_iter()
                                .map(|(k, label)| {
                                    let href = format!(
                                        "/survey/{}?kind={k}",
                                        side_id.trim_start_matches("contact:"),
                                    );
                                    let name = t_string!(i18n, customers.kiosk_start, kind = label);
                                    view! {
                                        <A href=href attr:class="button-link" attr:aria-label=name>
                                            {label}
                                        </A>
                                    }
                                })
                                .collect_view()}
                        </div>
                    </section>
                    <super::survey_dialog::SurveySection data=current />
                    <Related data=current />
                    {(!ws.read_only())
                        .then(|| {
                            view! {
                                <section aria-labelledby="lead-h2">
                                    <h2 id="lead-h2">{t!(i18n, common.lead_section)}</h2>
                                    <p class="muted">{t!(i18n, customers.lead_help)}</p>
                                    <button type="button" on:click=move |_| lead_dialog.show()>
                                        {t!(i18n, common.lead_flag)}
                                    </button>
                                </section>
                            }
                        })}
                    {move || {
                        who.get()
                            .map(|(contact_id, account_id)| {
                                view! {
                                    <super::privacy::PrivacySection
                                        contact_id
                                        account_id
                                        name=Signal::derive(move || {
                                            current
                                                .with(|d| {
                                                    d.as_ref()
                                                        .map(|d| d.contact.name.clone())
                                                        .unwrap_or_default()
                                                })
                                        })
                                    />
                                }
                            })
                    }}
                }
            }
            main=move || {
                view! {
                    {
                        let account = current
                            .get_untracked()
                            .and_then(|d| d.contact.account_id.clone());
                        view! {
                            <QuickLog
                                contact_id=Some(log_id.clone())
                                account_id=account
                                current_stage=stage
                            />
                        }
                    }
                    <Timeline scope=Scope::Contact(log_id.clone()) />
                }
            }
        />
    }
}

#[component]
fn ContactForm(
    data: Memo<Option<std::sync::Arc<ContactData>>>,
    deleted: RwSignal<Option<Doc>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    // The role shows in the app's language: the form follows a language switch.
    let (form, errors, status) = use_edit_form(move || {
        data.get()
            .map(|d| Form::of(&d.contact, &contact_role_labels(i18n)))
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(d) = data.get_untracked() else {
            return;
        };
        let mut c = d.contact.clone();
        form.get_untracked().apply(&mut c, &contact_role_words());
        spawn_local(async move {
            let Some(actor) = ws.actor() else { return };
            errors.set(HashMap::new());
            let result = records::save_edit(
                &actor,
                &d.doc,
                &c,
                c.account_id.clone(),
                Some(d.doc.id.clone()),
            )
            .await;
            show_save_result(i18n, result, errors, status);
        });
    };
    let remove = move |_| {
        let Some(d) = data.get_untracked() else {
            return;
        };
        start_delete(ws, i18n, d.doc.clone(), deleted, status);
    };
    let field = move |key: &'static str,
                      label: String,
                      kind: &'static str,
                      get: fn(&Form) -> String,
                      set: fn(&mut Form, String)| {
        text_field(form, errors, key, label, kind, get, set)
    };
    view! {
        <form class="record-form" on:submit=submit aria-labelledby="details-h" novalidate>
            <h2 id="details-h">{t!(i18n, customers.contact_details)}</h2>
            {field(
                "name",
                t_string!(i18n, common.field_name).to_string(),
                "text",
                |f| f.name.clone(),
                |f, v| f.name = v,
            )}
            {field(
                "email",
                t_string!(i18n, common.field_email).to_string(),
                "email",
                |f| f.email.clone(),
                |f, v| f.email = v,
            )}
            {field(
                "phone",
                t_string!(i18n, common.field_phone).to_string(),
                "tel",
                |f| f.phone.clone(),
                |f, v| f.phone = v,
            )}
            {field(
                "title",
                t_string!(i18n, customers.field_job_title).to_string(),
                "text",
                |f| f.title.clone(),
                |f, v| f.title = v,
            )}
            {field(
                "role",
                t_string!(i18n, common.field_role).to_string(),
                "text",
                |f| f.role.clone(),
                |f, v| f.role = v,
            )}
            {field(
                "owner",
                t_string!(i18n, common.field_owner).to_string(),
                "text",
                |f| f.owner.clone(),
                |f, v| f.owner = v,
            )}
            <label class="field">
                <span>{t!(i18n, customers.field_persona)}</span>
                <select on:change=move |ev| form.update(|f| f.persona_id = event_target_value(&ev))>
                    <option value="" selected=move || form.with(|f| f.persona_id.is_empty())>
                        {t!(i18n, customers.persona_none)}
                    </option>
                    {move || {
                        data.get()
                            .map(|d| {
                                d.personas
                                    .iter()
                                    .map(|(pid, p)| {
                                        let pid = pid.clone();
                                        let sel = pid.clone();
                                        view! {
                                            <option
                                                value=pid
                                                selected=move || form.with(|f| f.persona_id == sel)
                                            >
                                                {p.name.clone()}
                                            </option>
                                        }
                                    })
                                    .collect_view()
                            })
                    }}
                </select>
            </label>
            <div class="form-actions">
                <button type="submit">{t!(i18n, common.save)}</button>
                <button type="button" class="danger" on:click=remove>
                    {t!(i18n, customers.contact_delete)}
                </button>
            </div>
            <FormStatus status />
        </form>
    }
}

#[component]
fn ConsentSection(data: Memo<Option<std::sync::Arc<ContactData>>>) -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let purpose = RwSignal::new(String::new());
    let source = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(d) = data.get_untracked() else {
            return;
        };
        let p = purpose.get_untracked().trim().to_string();
        if p.is_empty() {
            error.set(Some(t_string!(i18n, common.err_required).to_string()));
            return;
        }
        let mut c = d.contact.clone();
        c.consents.push(Consent {
            purpose: p,
            given_at: now(),
            source: source.get_untracked().trim().to_string(),
        });
        spawn_local(async move {
            let Some(actor) = ws.actor() else { return };
            match records::save_edit(
                &actor,
                &d.doc,
                &c,
                c.account_id.clone(),
                Some(d.doc.id.clone()),
            )
            .await
            {
                Ok(_) => {
                    purpose.set(String::new());
                    source.set(String::new());
                    error.set(None);
                }
                Err(SaveError::Invalid(_)) => {
                    error.set(Some(t_string!(i18n, common.err_required).to_string()))
                }
                Err(SaveError::Store(e)) => error.set(Some(store_error_message(i18n, &e))),
            }
        });
    };
    view! {
        <section aria-labelledby="consent-h">
            <h2 id="consent-h">{t!(i18n, customers.consent_title)}</h2>
            {move || {
                data.get()
                    .map(|d| {
                        if d.contact.consents.is_empty() {
                            view! { <p class="muted">{t!(i18n, customers.consent_none)}</p> }
                                .into_any()
                        } else {
                            view! {
                                <ul class="plain">
                                    {d
                                        .contact
                                        .consents
                                        .iter()
                                        .map(|c| {
                                            let when = date(i18n, c.given_at);
                                            let src = c.source.clone();
                                            view! {
                                                <li>
                                                    <strong>{c.purpose.clone()}</strong>
                                                    " · "
                                                    {when}
                                                    " · "
                                                    {src}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                    })
            }}
            <form class="inline-form" on:submit=add>
                <label class="field">
                    <span>{t!(i18n, customers.consent_purpose)}</span>
                    <input
                        type="text"
                        prop:value=purpose
                        on:input=move |ev| purpose.set(event_target_value(&ev))
                        aria-invalid=move || error.get().is_some().then_some("true")
                    />
                </label>
                <label class="field">
                    <span>{t!(i18n, customers.consent_source)}</span>
                    <input
                        type="text"
                        prop:value=source
                        on:input=move |ev| source.set(event_target_value(&ev))
                    />
                </label>
                <button type="submit" class="secondary">
                    {t!(i18n, customers.consent_add)}
                </button>
                {move || {
                    error
                        .get()
                        .map(|e| {
                            view! {
                                <p class="field-error" role="alert">
                                    {e}
                                </p>
                            }
                        })
                }}
            </form>
        </section>
    }
}

#[component]
fn Related(data: Memo<Option<std::sync::Arc<ContactData>>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="related-h">
            <h2 id="related-h">{t!(i18n, customers.related_title)}</h2>
            {move || {
                data.get()
                    .map(|d| {
                        view! {
                            <h3>{t!(i18n, common.related_deals)}</h3>
                            {if d.deals.is_empty() {
                                view! { <p class="muted">{t!(i18n, customers.related_none)}</p> }
                                    .into_any()
                            } else {
                                view! {
                                    <ul class="plain">
                                        {d
                                            .deals
                                            .iter()
                                            .map(|(_, deal)| {
                                                view! {
                                                    <li>{deal.title.clone()}" · "{money(i18n, deal.value)}</li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }}
                        }
                    })
            }}
            <h3>{t!(i18n, customers.related_tickets)}</h3>
            <TicketList tickets=Signal::derive(move || {
                data.with(|d| d.as_ref().map(|d| d.tickets.clone()).unwrap_or_default())
            }) />
        </section>
    }
}

/// The contact's email and phone, each a link when it is a plain address or number.
#[component]
fn ReachLine(
    /// The stored email, possibly empty or not an address.
    email: String,
    /// The stored phone number, possibly empty.
    phone: String,
) -> impl IntoView {
    use crate::domain::links::{mail_href, tel_href};
    use crate::ui::common::UserLink;
    let i18n = use_i18n();
    let mut parts = Vec::new();
    if !email.trim().is_empty() {
        let href = mail_href(&email);
        parts.push(
            view! { <span>{t!(i18n, customers.reach_email)}" "<UserLink text=email href /></span> }
                .into_any(),
        );
    }
    if !phone.trim().is_empty() {
        let href = tel_href(&phone);
        parts.push(
            view! { <span>{t!(i18n, customers.reach_phone)}" "<UserLink text=phone href /></span> }
                .into_any(),
        );
    }
    (!parts.is_empty()).then(|| view! { <p class="reach muted">{parts}</p> })
}
