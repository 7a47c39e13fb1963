//! "Flag an opportunity" (docs/domain.md#support-qualified-leads): support hands an upsell or cross-sell
//! to sales. It becomes a deal in the chosen pipeline's first stage, assigned by
//! the workspace rule, linked to its ticket, and the assignee is told in their
//! inbox (they follow the deal, and the flag is a record change they did not make).

use crate::actions::leads::{flag, FlagError, Routing};
use crate::domain::records::{Account, Deal, LeadKind, Pipeline};
use crate::domain::support::{assignee, LeadError, LeadInput};
use crate::domain::Money;
use crate::domain::RecordType;
use crate::i18n::*;
use crate::store::{Store, StoreError};
use crate::ui::common::{number_locale, store_error_message, use_workspace, Modal, Reads};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_i18n::I18nContext;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

/// Whom and what an opportunity is flagged from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LeadSubject {
    /// The customer's account.
    pub account_id: Option<String>,
    /// The customer.
    pub contact_id: Option<String>,
    /// The ticket it came up in.
    pub ticket_id: Option<String>,
    /// The account's (or else the person's) name, for the proposed title.
    pub name: String,
}

/// What the dialog needs from the store.
#[derive(Clone, Debug, Default, PartialEq)]
struct Context {
    pipelines: Vec<(String, Pipeline)>,
    account_owner: Option<String>,
    leads_so_far: usize,
}

async fn load(store: Store, account_id: Option<String>) -> Result<Context, StoreError> {
    let mut pipelines = store.records_of::<Pipeline>().await?;
    pipelines.sort_by(|a, b| a.1.name.cmp(&b.1.name));
    let account_owner = match account_id {
        Some(id) => store
            .get(&id)
            .await?
            .and_then(|d| d.record::<Account>().ok())
            .map(|a| a.owner),
        None => None,
    };
    let leads_so_far = store
        .records_of::<Deal>()
        .await?
        .iter()
        .filter(|(_, d)| d.support_lead.is_some())
        .count();
    Ok(Context {
        pipelines,
        account_owner,
        leads_so_far,
    })
}

#[derive(Clone, Debug, PartialEq)]
struct Form {
    kind: LeadKind,
    title: String,
    title_edited: bool,
    note: String,
    budget: String,
    pipeline_id: String,
}

fn proposed_title(i18n: I18nContext<Locale>, kind: LeadKind, name: &str) -> String {
    match kind {
        LeadKind::Upsell => t_string!(i18n, support.lead_title_upsell, name = name),
        LeadKind::CrossSell => t_string!(i18n, support.lead_title_cross, name = name),
    }
}

fn lead_error(i18n: I18nContext<Locale>, e: &LeadError) -> String {
    match e {
        LeadError::NoTitle => t_string!(i18n, support.lead_err_title),
        LeadError::NoNote => t_string!(i18n, support.lead_err_note),
        LeadError::NoCustomer => t_string!(i18n, support.lead_err_customer),
        LeadError::EmptyPipeline => t_string!(i18n, support.lead_err_pipeline),
    }
    .to_string()
}

/// The dialog; open it with `dialog.show()`.
#[component]
pub fn LeadDialog(
    /// The dialog's state.
    dialog: Modal,
    /// Whom the opportunity is with.
    #[prop(into)]
    subject: Signal<LeadSubject>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    // Read only while open: the dialog sits on every contact and ticket page.
    let ctx = ws.read(
        Reads::types(&[RecordType::Account, RecordType::Deal, RecordType::Pipeline]),
        move |store| {
            let open = dialog.open.get();
            let account = subject.get().account_id;
            async move {
                match open {
                    true => load(store, account).await,
                    false => Ok(Context::default()),
                }
            }
        },
    );
    let ctx = Memo::new(move |_| ctx.get().and_then(|r| r.ok()).unwrap_or_default());
    let form = RwSignal::new(None::<Form>);
    let failure = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<(String, String, String)>);
    // One deal per submit, however fast the button is pressed.
    let saving = RwSignal::new(false);
    Effect::new(move |_| {
        if dialog.open.get() {
            let kind = LeadKind::Upsell;
            form.set(Some(Form {
                kind,
                title: proposed_title(i18n, kind, &subject.get_untracked().name),
                title_edited: false,
                note: String::new(),
                budget: String::new(),
                pipeline_id: String::new(),
            }));
            failure.set(None);
            done.set(None);
        }
    });
    let rule = move || ws.settings.with(|s| s.lead_assignment.clone());
    let who = move || {
        let c = ctx.get();
        assignee(&rule(), c.account_owner.as_deref(), "", c.leads_so_far)
    };
    let set = move |f: fn(&mut Form, String), v: String| {
        form.update(|x| {
            if let Some(x) = x {
                f(x, v)
            }
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(f) = form.get_untracked() else {
            return;
        };
        let currency = ws.settings.with_untracked(|s| s.currency);
        let budget = match f.budget.trim() {
            "" => None,
            b => match Money::parse(b, currency, number_locale(i18n)) {
                Ok(m) if m.amount >= 0 => Some(m),
                _ => {
                    failure.set(Some(t_string!(i18n, support.lead_err_budget).to_string()));
                    return;
                }
            },
        };
        let c = ctx.get_untracked();
        let Some((pid, pipeline)) = c
            .pipelines
            .iter()
            .find(|(id, _)| f.pipeline_id.is_empty() || *id == f.pipeline_id)
            .cloned()
        else {
            failure.set(Some(t_string!(i18n, support.lead_err_pipeline).to_string()));
            return;
        };
        let s = subject.get_untracked();
        saving.set(true);
        spawn_local(async move {
            let Some(actor) = ws.actor() else {
                saving.set(false);
                return;
            };
            let input = LeadInput {
                title: f.title.clone(),
                flagged_by: String::new(),
                kind: f.kind,
                note: f.note.clone(),
                budget_hint: budget,
                account_id: s.account_id.clone(),
                contact_id: s.contact_id.clone(),
                ticket_id: s.ticket_id.clone(),
            };
            let routing = Routing {
                pipeline_id: &pid,
                pipeline: &pipeline,
                rule: &rule(),
                account_owner: c.account_owner.as_deref(),
                leads_so_far: c.leads_so_far,
                currency,
            };
            let written = flag(&actor, input, routing).await;
            saving.set(false);
            match written {
                Ok((deal, _)) => {
                    let owner = deal.owner.clone();
                    let href = format!(
                        "/board?pipeline={}&q={}",
                        urlencoding(&pid),
                        urlencoding(&deal.title)
                    );
                    done.set(Some((deal.title.clone(), owner, href)));
                    // The form is gone: put focus on what replaced it.
                    request_animation_frame(|| {
                        if let Some(h) = document()
                            .get_element_by_id("lead-done-h")
                            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                        {
                            let _ = h.focus();
                        }
                    });
                }
                Err(FlagError::Lead(e)) => failure.set(Some(lead_error(i18n, &e))),
                Err(FlagError::Store(e)) => failure.set(Some(store_error_message(i18n, &e))),
            }
        });
    };
    view! {
        <dialog
            node_ref=dialog.node
            class="dialog"
            aria-labelledby="lead-h"
            on:close=move |_| dialog.open.set(false)
        >
            {move || {
                (dialog.open.get() && form.with(Option::is_some))
                    .then(move || match done.get() {
                        Some((title, owner, href)) => {
                            view! {
                                <div class="dialog-head">
                                    <h2 id="lead-done-h" tabindex="-1">
                                        {t!(i18n, support.lead_done_h)}
                                    </h2>
                                </div>
                                <p role="status">
                                    {t_string!(
                                        i18n, support.lead_done, title = title, owner = if owner.is_empty() { t_string!(i18n, support.tk_unassigned).to_string() } else { owner }
                                    )}
                                </p>
                                <div class="form-actions">
                                    <A href=href on:click=move |_| dialog.close()>
                                        {t!(i18n, support.lead_open_board)}
                                    </A>
                                    <button
                                        type="button"
                                        class="secondary"
                                        on:click=move |_| dialog.close()
                                    >
                                        {t!(i18n, common.close)}
                                    </button>
                                </div>
                            }
                                .into_any()
                        }
                        None => {
                            view! {
                                <form on:submit=submit novalidate>
                                    <div class="dialog-head">
                                        <h2 id="lead-h">{t!(i18n, common.lead_flag)}</h2>
                                    </div>
                                    <fieldset class="seg-field">
                                        <legend>{t!(i18n, support.lead_kind)}</legend>
                                        {[
                                            (LeadKind::Upsell, t_string!(i18n, support.lead_upsell)),
                                            (LeadKind::CrossSell, t_string!(i18n, support.lead_cross)),
                                        ]
                                            .into_iter()
                                            .map(|(k, label)| {
                                                view! {
                                                    <label class="radio">
                                                        <input
                                                            type="radio"
                                                            name="lead-kind"
                                                            prop:checked=move || {
                                                                form.with(|f| f.as_ref().is_some_and(|f| f.kind == k))
                                                            }
                                                            on:change=move |_| {
                                                                form.update(|f| {
                                                                    if let Some(f) = f {
                                                                        f.kind = k;
                                                                        if !f.title_edited {
                                                                            f.title = proposed_title(
                                                                                i18n,
                                                                                k,
                                                                                &subject.get_untracked().name,
                                                                            );
                                                                        }
                                                                    }
                                                                })
                                                            }
                                                        />
                                                        {label}
                                                    </label>
                                                }
                                            })
                                            .collect_view()}
                                    </fieldset>
                                    <label class="field">
                                        <span>{t!(i18n, support.lead_title)}</span>
                                        <input
                                            type="text"
                                            prop:value=move || {
                                                form.with(|f| {
                                                    f.as_ref().map(|f| f.title.clone()).unwrap_or_default()
                                                })
                                            }
                                            on:input=move |ev| set(
                                                |f, v| {
                                                    f.title = v;
                                                    f.title_edited = true;
                                                },
                                                event_target_value(&ev),
                                            )
                                        />
                                    </label>
                                    <label class="field">
                                        <span>{t!(i18n, support.lead_note)}</span>
                                        <textarea
                                            rows="3"
                                            prop:value=move || {
                                                form.with(|f| {
                                                    f.as_ref().map(|f| f.note.clone()).unwrap_or_default()
                                                })
                                            }
                                            on:input=move |ev| set(
                                                |f, v| f.note = v,
                                                event_target_value(&ev),
                                            )
                                        ></textarea>
                                    </label>
                                    <label class="field">
                                        <span>
                                            {move || {
                                                t_string!(
                                                    i18n, support.lead_budget, cur = ws.settings.with(|s| s.currency.code())
                                                )
                                            }}
                                        </span>
                                        <input
                                            type="text"
                                            inputmode="decimal"
                                            prop:value=move || {
                                                form.with(|f| {
                                                    f.as_ref().map(|f| f.budget.clone()).unwrap_or_default()
                                                })
                                            }
                                            on:input=move |ev| set(
                                                |f, v| f.budget = v,
                                                event_target_value(&ev),
                                            )
                                        />
                                    </label>
                                    <label class="field">
                                        <span>{t!(i18n, support.lead_pipeline)}</span>
                                        <select on:change=move |ev| set(
                                            |f, v| f.pipeline_id = v,
                                            event_target_value(&ev),
                                        )>
                                            {move || {
                                                ctx.get()
                                                    .pipelines
                                                    .into_iter()
                                                    .map(|(id, p)| view! { <option value=id>{p.name}</option> })
                                                    .collect_view()
                                            }}
                                        </select>
                                    </label>
                                    <p class="muted">
                                        {move || {
                                            let w = who();
                                            let name = if w.is_empty() {
                                                t_string!(i18n, support.lead_to_you).to_string()
                                            } else {
                                                w
                                            };
                                            t_string!(i18n, support.lead_goes_to, owner = name)
                                        }}
                                    </p>
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
                                            {t!(i18n, support.lead_create)}
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
                                .into_any()
                        }
                    })
            }}
        </dialog>
    }
}

/// Percent-encodes a query value.
fn urlencoding(s: &str) -> String {
    js_sys::encode_uri_component(s).into()
}
