//! New leads: the "New contact" dialog (with an optional pasted landing-page
//! link whose UTM parameters become the lead source) and the campaign capture
//! that notices when Waypoint itself was opened from a campaign link.

use crate::actions::contacts::{create_contact, Created};
use crate::actions::SaveError;
use crate::domain::lead_source::{
    has_campaign_params, source_of_visit, LeadSource, UrlError, WebUrl,
};
use crate::domain::records::{Account, Contact};
use crate::domain::RecordType;
use crate::i18n::*;
use crate::ui::common::{
    field_errors, now, routes, store_error_message, use_workspace, Modal, Reads,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_i18n::I18nContext;
use leptos_router::hooks::use_navigate;
use std::collections::HashMap;

/// A campaign touch captured when the app was opened from a campaign link,
/// waiting for someone to turn it into a lead. Typed context, provided by the app.
#[derive(Clone, Copy)]
pub struct CampaignTouch(pub RwSignal<Option<LeadSource>>);

/// Reads UTM parameters and the referrer of the page load. When there are any,
/// they are kept in the context and the address becomes `/customers` (without
/// them, so a reload does not capture the same touch twice).
pub fn provide_campaign_touch() -> CampaignTouch {
    let touch = CampaignTouch(RwSignal::new(None));
    provide_context(touch);
    let Some(window) = web_sys::window() else {
        return touch;
    };
    let href = window.location().href().unwrap_or_default();
    let referrer = window.document().map(|d| d.referrer()).unwrap_or_default();
    if let Ok(landing) = WebUrl::parse(&href) {
        if has_campaign_params(&landing) {
            let r = WebUrl::parse(&referrer).ok();
            touch
                .0
                .set(Some(source_of_visit(&landing, r.as_ref(), now())));
            if let Ok(history) = window.history() {
                // Open on the customers list, where the banner offers to create the lead.
                let _ = history.replace_state_with_url(
                    &wasm_bindgen::JsValue::NULL,
                    "",
                    Some("/customers"),
                );
            }
        }
    }
    touch
}

/// What the dialog asks for.
#[derive(Clone, Debug, Default, PartialEq)]
struct Form {
    name: String,
    email: String,
    phone: String,
    account_id: String,
    link: String,
}

fn url_error(i18n: I18nContext<Locale>, e: UrlError) -> String {
    match e {
        UrlError::Empty => String::new(),
        UrlError::TooLong => t_string!(i18n, customers.url_too_long).to_string(),
        UrlError::NotHttp => t_string!(i18n, customers.url_not_http).to_string(),
        UrlError::NoHost => t_string!(i18n, customers.url_no_host).to_string(),
    }
}

/// Asks the new-contact dialog to open, prefilled with a source or blank.
pub type OpenRequest = RwSignal<Option<Option<LeadSource>>>;

/// The banner shown while a campaign touch waits to become a lead.
#[component]
pub fn CampaignBanner(
    /// Where "Create a lead from it" sends its request.
    open: OpenRequest,
) -> impl IntoView {
    let i18n = use_i18n();
    let touch = use_context::<CampaignTouch>().unwrap_or(CampaignTouch(RwSignal::new(None)));
    move || {
        touch.0.get().map(|s| {
            let summary = [s.source.clone(), s.medium.clone(), s.campaign.clone()]
                .into_iter()
                .filter(|x| !x.is_empty())
                .collect::<Vec<_>>()
                .join(" / ");
            view! {
                <div
                    class="banner"
                    role="region"
                    aria-label=move || t_string!(i18n, customers.campaign_banner_label)
                >
                    <span>{t!(i18n, customers.campaign_seen, summary = summary)}</span>
                    <button type="button" on:click=move |_| open.set(Some(Some(s.clone())))>
                        {t!(i18n, customers.campaign_create)}
                    </button>
                    <button type="button" class="secondary" on:click=move |_| touch.0.set(None)>
                        {t!(i18n, customers.campaign_dismiss)}
                    </button>
                </div>
            }
        })
    }
}

/// The "New contact" button and its dialog (also opened by [`CampaignBanner`]).
#[component]
pub fn NewContactButton(
    /// Requests to open the dialog.
    open_request: OpenRequest,
) -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let touch = use_context::<CampaignTouch>().unwrap_or(CampaignTouch(RwSignal::new(None)));
    let navigate = use_navigate();
    let modal = Modal::new();
    let form = RwSignal::new(Form::default());
    let from_campaign = RwSignal::new(None::<LeadSource>);
    let errors = RwSignal::new(HashMap::<String, String>::new());
    let failure = RwSignal::new(None::<String>);
    // A lead whose email is already a contact's: (id, name) of that contact.
    let known = RwSignal::new(None::<(String, String)>);
    let accounts = ws.read(Reads::types(&[RecordType::Account]), |store| async move {
        let mut a = store.records_of::<Account>().await?;
        a.sort_by_key(|(_, a)| crate::domain::search::normalise(&a.name));
        Ok(a)
    });
    let show = move |source: Option<LeadSource>| {
        form.set(Form::default());
        from_campaign.set(source);
        errors.set(HashMap::new());
        failure.set(None);
        known.set(None);
        modal.show();
    };
    Effect::new(move |_| {
        if let Some(source) = open_request.get() {
            open_request.set(None);
            show(source);
        }
    });
    let close = move || modal.close();
    // The source the lead will get: a pasted link wins over the captured campaign.
    let parsed = Memo::new(move |_| {
        let link = form.with(|f| f.link.trim().to_string());
        if link.is_empty() {
            return Ok(from_campaign.get());
        }
        WebUrl::parse(&link).map(|u| Some(source_of_visit(&u, None, now())))
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form.get_untracked();
        let source = match parsed.get_untracked() {
            Ok(s) => s,
            Err(e) => {
                errors.set([("link".to_string(), url_error(i18n, e))].into());
                return;
            }
        };
        let contact = Contact {
            name: f.name.trim().into(),
            account_id: Some(f.account_id.clone()).filter(|a| !a.is_empty()),
            email: f.email.trim().into(),
            phone: f.phone.trim().into(),
            title: String::new(),
            role: String::new(),
            persona_id: None,
            consents: vec![],
            owner: String::new(),
            source,
            last_source: None,
            extra: Default::default(),
        };
        let navigate = navigate.clone();
        spawn_local(async move {
            let Some(actor) = ws.actor() else { return };
            // The lead enters the first journey stage, so its stage is derived like everyone's.
            let first = ws
                .settings
                .with_untracked(|s| s.journey_stages.first().map(|s| s.id.clone()));
            match create_contact(&actor, &contact, first).await {
                Ok(created) => {
                    if from_campaign.get_untracked().is_some() {
                        touch.0.set(None);
                    }
                    match created {
                        Created::New(id) => {
                            close();
                            navigate(&routes::contact(&id), Default::default());
                        }
                        Created::Touched { id, name } => known.set(Some((id, name))),
                    }
                }
                Err(SaveError::Invalid(errs)) => errors.set(field_errors(i18n, &errs)),
                Err(SaveError::Store(e)) => failure.set(Some(store_error_message(i18n, &e))),
            }
        });
    };
    let field = move |key: &'static str,
                      label: String,
                      kind: &'static str,
                      get: fn(&Form) -> String,
                      set: fn(&mut Form, String)| {
        crate::ui::common::form_field::text_field(form, errors, key, label, kind, get, set)
    };
    view! {
        <button type="button" on:click=move |_| open_request.set(Some(None))>
            {t!(i18n, customers.contact_new)}
        </button>
        <dialog
            node_ref=modal.node
            class="dialog"
            aria-labelledby="new-contact-h"
            on:close=move |_| modal.open.set(false)
        >
            {move || {
                let submit = submit.clone();
                modal
                    .open
                    .get()
                    .then(move || {
                        view! {
                            <form on:submit=submit novalidate>
                                <div class="dialog-head">
                                    <h2 id="new-contact-h">{t!(i18n, customers.contact_new)}</h2>
                                </div>
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
                                <label class="field">
                                    <span>{t!(i18n, common.col_account)}</span>
                                    <select on:change=move |ev| {
                                        form.update(|f| f.account_id = event_target_value(&ev))
                                    }>
                                        <option value="">{t!(i18n, customers.account_none)}</option>
                                        {move || {
                                            accounts
                                                .get()
                                                .and_then(|r| r.ok())
                                                .map(|list| {
                                                    list.into_iter()
                                                        .map(|(id, a)| view! { <option value=id>{a.name}</option> })
                                                        .collect_view()
                                                })
                                        }}
                                    </select>
                                </label>
                                {field(
                                    "link",
                                    t_string!(i18n, customers.lead_link).to_string(),
                                    "url",
                                    |f| f.link.clone(),
                                    |f, v| f.link = v,
                                )}
                                <p class="muted">{t!(i18n, customers.lead_link_hint)}</p>
                                {move || match parsed.get() {
                                    Ok(Some(s)) => {
                                        let text = format!(
                                            "{} / {}{}",
                                            s.source,
                                            s.medium,
                                            if s.campaign.is_empty() {
                                                String::new()
                                            } else {
                                                format!(" / {}", s.campaign)
                                            },
                                        );
                                        view! {
                                            <p class="ok" role="status">
                                                {t!(i18n, customers.lead_source_will_be, source = text)}
                                            </p>
                                        }
                                            .into_any()
                                    }
                                    Ok(None) => ().into_any(),
                                    Err(e) => {
                                        view! {
                                            <p class="field-error" role="status">
                                                {url_error(i18n, e)}
                                            </p>
                                        }
                                            .into_any()
                                    }
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
                                {move || {
                                    known
                                        .get()
                                        .map(|(id, name)| {
                                            view! {
                                                <p class="ok" role="status">
                                                    {t!(
                                                        i18n, customers.lead_already_contact, name = name.clone()
                                                    )}
                                                    " "
                                                    <a href=routes::contact(&id) on:click=move |_| close()>
                                                        {t!(i18n, customers.lead_open_contact, name = name.clone())}
                                                    </a>
                                                </p>
                                            }
                                        })
                                }}
                                // Once the person turned out to be known, there is nothing left to create.
                                <div class="form-actions">
                                    {move || {
                                        known
                                            .with(Option::is_none)
                                            .then(|| {
                                                view! {
                                                    <button type="submit">
                                                        {t!(i18n, customers.contact_create)}
                                                    </button>
                                                }
                                            })
                                    }}
                                    <button
                                        type="button"
                                        class="secondary"
                                        on:click=move |_| close()
                                    >
                                        {move || match known.with(Option::is_none) {
                                            true => t_string!(i18n, common.cancel),
                                            false => t_string!(i18n, common.close),
                                        }}
                                    </button>
                                </div>
                            </form>
                        }
                    })
            }}
        </dialog>
    }
}
