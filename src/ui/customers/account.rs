//! An account's page: editable details, its contacts, deals and tickets, delete
//! with undo, and the account timeline (every contact's touchpoints) with quick log.

use super::ticket_list::TicketList;
use crate::actions::records;
use crate::domain::doc::typed_records;
use crate::domain::records::{Account, Contact, Deal, Ticket};
use crate::domain::timeline::Scope;
use crate::domain::Doc;
use crate::domain::RecordType;
use crate::i18n::*;
use crate::store::{Store, StoreError};
use crate::ui::common::edit_ui::{show_save_result, start_delete, use_edit_form, FormStatus};
use crate::ui::common::form_field::text_field;
use crate::ui::common::money;
use crate::ui::common::FollowButton;
use crate::ui::common::Reads;
use crate::ui::common::{routes, use_workspace, RecordPage};
use crate::ui::timeline::{QuickLog, Timeline};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use std::collections::HashMap;
use std::sync::Arc;

/// An account with what hangs off it.
#[derive(Clone, Debug, PartialEq)]
struct AccountData {
    doc: Doc,
    account: Account,
    contacts: Vec<(String, Contact)>,
    deals: Vec<(String, Deal)>,
    tickets: Vec<(String, Ticket)>,
}

async fn load(store: Store, id: String) -> Result<Option<AccountData>, StoreError> {
    let Some(doc) = store.get(&id).await? else {
        return Ok(None);
    };
    let Ok(account) = doc.record::<Account>() else {
        return Ok(None);
    };
    if doc.deleted {
        return Ok(None);
    }
    let related = store.by_account(&id).await?;
    let mut contacts = typed_records::<Contact>(&related);
    contacts.sort_by(|a, b| {
        crate::domain::search::normalise(&a.1.name)
            .cmp(&crate::domain::search::normalise(&b.1.name))
    });
    Ok(Some(AccountData {
        deals: typed_records(&related),
        tickets: typed_records(&related),
        contacts,
        doc,
        account,
    }))
}

/// The routed page: `/customers/account/:id`.
#[component]
pub fn AccountPage() -> impl IntoView {
    let id = routes::use_record_id(RecordType::Account);
    move || {
        let id = id.get();
        view! { <AccountView id /> }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
struct Form {
    name: String,
    industry: String,
    segment: String,
    city: String,
    region: String,
    owner: String,
}

impl Form {
    fn of(a: &Account) -> Self {
        Form {
            name: a.name.clone(),
            industry: a.industry.clone(),
            segment: a.segment.clone(),
            city: a.city.clone(),
            region: a.region.clone(),
            owner: a.owner.clone(),
        }
    }
    fn apply(&self, a: &mut Account) {
        a.name = self.name.trim().into();
        a.industry = self.industry.trim().into();
        a.segment = self.segment.trim().into();
        a.city = self.city.trim().into();
        a.region = self.region.trim().into();
        a.owner = self.owner.trim().into();
    }
}

#[component]
fn AccountView(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let load_id = id.clone();
    let data = ws.read(
        Reads::types(&[
            RecordType::Account,
            RecordType::Contact,
            RecordType::Deal,
            RecordType::Ticket,
        ]),
        move |store| load(store, load_id.clone()),
    );
    let current = Memo::new(move |_| data.get().and_then(|r| r.ok()).flatten().map(Arc::new));
    let deleted = RwSignal::new(None::<Doc>);
    let (form, errors, status) = use_edit_form(move || current.get().map(|d| Form::of(&d.account)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(d) = current.get_untracked() else {
            return;
        };
        let mut a = d.account.clone();
        form.get_untracked().apply(&mut a);
        spawn_local(async move {
            let Some(actor) = ws.actor() else { return };
            errors.set(HashMap::new());
            let result = records::save_edit(&actor, &d.doc, &a, Some(d.doc.id.clone()), None).await;
            show_save_result(i18n, result, errors, status);
        });
    };
    let remove = move |_| {
        let Some(d) = current.get_untracked() else {
            return;
        };
        start_delete(ws, i18n, d.doc.clone(), deleted, status);
    };
    let field = move |key: &'static str,
                      label: String,
                      get: fn(&Form) -> String,
                      set: fn(&mut Form, String)| {
        text_field(form, errors, key, label, "text", get, set)
    };
    let scope_id = id.clone();
    let (follow_id, recurring_id, log_id) = (id.clone(), id.clone(), id.clone());
    view! {
        <RecordPage
            back_href="/customers"
            back_label=Signal::derive(move || t_string!(i18n, common.back_to_customers).to_string())
            data
            deleted
            not_found=Signal::derive(move || {
                t_string!(i18n, customers.account_not_found).to_string()
            })
            header=move || {
                view! {
                    <header class="record-head">
                        <div class="head-row">
                            <h1>{move || current.get().map(|d| d.account.name.clone())}</h1>
                            <FollowButton subject_id=follow_id.clone() />
                        </div>
                    </header>
                }
            }
            side=move || {
                view! {
                    <form
                        class="record-form"
                        on:submit=submit
                        aria-labelledby="details-h"
                        novalidate
                    >
                        <h2 id="details-h">{t!(i18n, customers.contact_details)}</h2>
                        {field(
                            "name",
                            t_string!(i18n, common.field_name).to_string(),
                            |f| f.name.clone(),
                            |f, v| f.name = v,
                        )}
                        {field(
                            "industry",
                            t_string!(i18n, common.field_industry).to_string(),
                            |f| f.industry.clone(),
                            |f, v| f.industry = v,
                        )}
                        {field(
                            "segment",
                            t_string!(i18n, common.field_segment).to_string(),
                            |f| f.segment.clone(),
                            |f, v| f.segment = v,
                        )}
                        {field(
                            "city",
                            t_string!(i18n, common.field_city).to_string(),
                            |f| f.city.clone(),
                            |f, v| f.city = v,
                        )}
                        {field(
                            "region",
                            t_string!(i18n, common.field_region).to_string(),
                            |f| f.region.clone(),
                            |f, v| f.region = v,
                        )}
                        {field(
                            "owner",
                            t_string!(i18n, common.field_owner).to_string(),
                            |f| f.owner.clone(),
                            |f, v| f.owner = v,
                        )}
                        <div class="form-actions">
                            <button type="submit">{t!(i18n, common.save)}</button>
                            <button type="button" class="danger" on:click=remove>
                                {t!(i18n, customers.account_delete)}
                            </button>
                        </div>
                        <FormStatus status />
                    </form>
                    <section aria-labelledby="people-h">
                        <h2 id="people-h">{t!(i18n, customers.account_contacts)}</h2>
                        {move || {
                            current
                                .get()
                                .map(|d| {
                                    view! {
                                        <ul class="plain">
                                            {d
                                                .contacts
                                                .iter()
                                                .map(|(cid, c)| {
                                                    let (name, title) = (c.name.clone(), c.title.clone());
                                                    view! {
                                                        <li>
                                                            <A href=routes::contact(cid)>{name}</A>
                                                            " · "
                                                            {title}
                                                        </li>
                                                    }
                                                })
                                                .collect_view()}
                                        </ul>
                                    }
                                })
                        }}
                        <h3>{t!(i18n, common.related_deals)}</h3>
                        {move || {
                            current
                                .get()
                                .map(|d| {
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
                                })
                        }}
                        <h3>{t!(i18n, customers.related_tickets)}</h3>
                        <TicketList tickets=Signal::derive(move || {
                            current
                                .with(|d| d.as_ref().map(|d| d.tickets.clone()).unwrap_or_default())
                        }) />
                    </section>
                    <super::recurring::RecurringSection account_id=recurring_id.clone() />
                }
            }
            main=move || {
                view! {
                    <QuickLog
                        contact_id=None
                        account_id=Some(log_id.clone())
                        current_stage=Signal::derive(|| None::<String>)
                        people=Signal::derive(move || {
                            current
                                .get()
                                .map(|d| {
                                    d.contacts
                                        .iter()
                                        .map(|(id, c)| (id.clone(), c.name.clone()))
                                        .collect()
                                })
                                .unwrap_or_default()
                        })
                    />
                    <Timeline scope=Scope::Account(scope_id.clone()) />
                }
            }
        />
    }
}
