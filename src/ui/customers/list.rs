//! The customers list: accounts or contacts, diacritic-insensitive search,
//! filters, sortable columns, a virtualised body for 10,000+ rows, and CSV/JSON
//! export of exactly the rows shown.

use super::new_contact::{CampaignBanner, NewContactButton, OpenRequest};
use crate::domain::csv_out::to_csv;
use crate::domain::customers::{
    account_rows, contact_rows, distinct, select, CustomerRow, ListFilter, SortKey,
};
use crate::domain::records::{Account, Contact, Persona, StageTransition};
use crate::domain::RecordType;
use crate::i18n::*;
use crate::ui::common::routes;
use crate::ui::common::Reads;
use crate::ui::common::{download, number_locale, use_workspace, Loading, ReadError};
use crate::ui::common::{journey_stage_label, source_group_label};
use leptos::prelude::*;
use leptos_router::components::A;
use std::sync::Arc;

const ROW_H: f64 = 44.0;
const OVERSCAN: usize = 8;

/// Accounts or contacts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Show {
    Accounts,
    Contacts,
}

#[derive(Clone, Debug, Default)]
struct Rows {
    accounts: Arc<Vec<CustomerRow>>,
    contacts: Arc<Vec<CustomerRow>>,
}

/// The customers screen.
#[component]
pub fn CustomersPage() -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let data = ws.read(
        Reads::types(&[
            RecordType::Account,
            RecordType::Contact,
            RecordType::Persona,
            RecordType::StageTransition,
        ]),
        move |store| async move {
            let accounts = store.records_of::<Account>().await?;
            let contacts = store.records_of::<Contact>().await?;
            let transitions: Vec<StageTransition> = store
                .records_of::<StageTransition>()
                .await?
                .into_iter()
                .map(|(_, t)| t)
                .collect();
            let personas = store.records_of::<Persona>().await?;
            let rules = ws.settings.with_untracked(|s| s.source_rules.clone());
            Ok(Rows {
                accounts: Arc::new(account_rows(&accounts, &contacts, &rules)),
                contacts: Arc::new(contact_rows(
                    &contacts,
                    &accounts,
                    &transitions,
                    &personas,
                    &rules,
                )),
            })
        },
    );
    let show = RwSignal::new(Show::Accounts);
    let open_request: OpenRequest = RwSignal::new(None);
    let filter = RwSignal::new(ListFilter::default());
    let sort = RwSignal::new((SortKey::Name, false));
    let scroll = RwSignal::new(0.0f64);
    let viewport = RwSignal::new(640.0f64);
    let body = NodeRef::<leptos::html::Div>::new();
    let rows = Memo::new(move |_| {
        let r = data.get().and_then(|r| r.ok()).unwrap_or_default();
        match show.get() {
            Show::Accounts => r.accounts,
            Show::Contacts => r.contacts,
        }
    });
    let order = Memo::new(move |_| {
        ws.settings.with(|s| {
            s.stage_ids()
                .into_iter()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
    });
    let picked = Memo::new(move |_| {
        let (key, desc) = sort.get();
        let f = filter.get();
        order.with(|o| {
            let o: Vec<&str> = o.iter().map(String::as_str).collect();
            rows.with(|r| Arc::new(select(r, &f, key, desc, &o)))
        })
    });
    let visible = Memo::new(move |_| {
        let n = picked.with(|p| p.len());
        let first = ((scroll.get() / ROW_H) as usize)
            .saturating_sub(OVERSCAN)
            .min(n);
        let last = (((scroll.get() + viewport.get()) / ROW_H).ceil() as usize + OVERSCAN).min(n);
        // The row identity is part of the value, so a new filter re-renders rows in place.
        picked.with(|p| (first..last).map(|n| (n, p[n])).collect::<Vec<_>>())
    });
    Effect::new(move |_| {
        filter.track();
        show.track();
        if let Some(el) = body.get_untracked() {
            el.set_scroll_top(0);
        }
        scroll.set(0.0);
    });
    let stage_label = move |id: &str| {
        if id.is_empty() {
            String::new()
        } else {
            ws.settings
                .with_untracked(|s| journey_stage_label(i18n, s, id))
        }
    };
    let columns = move || -> Vec<(&'static str, String, Option<SortKey>)> {
        match show.get() {
            Show::Contacts => vec![
                (
                    "name",
                    t_string!(i18n, common.col_name).to_string(),
                    Some(SortKey::Name),
                ),
                (
                    "account",
                    t_string!(i18n, common.col_account).to_string(),
                    Some(SortKey::Account),
                ),
                (
                    "stage",
                    t_string!(i18n, common.col_stage).to_string(),
                    Some(SortKey::Stage),
                ),
                (
                    "persona",
                    t_string!(i18n, customers.field_persona).to_string(),
                    None,
                ),
                (
                    "owner",
                    t_string!(i18n, customers.col_owner).to_string(),
                    Some(SortKey::Owner),
                ),
                (
                    "source",
                    t_string!(i18n, customers.col_source_group).to_string(),
                    Some(SortKey::Source),
                ),
            ],
            Show::Accounts => vec![
                (
                    "name",
                    t_string!(i18n, common.col_name).to_string(),
                    Some(SortKey::Name),
                ),
                (
                    "city",
                    t_string!(i18n, customers.col_city).to_string(),
                    None,
                ),
                (
                    "segment",
                    t_string!(i18n, common.col_segment).to_string(),
                    Some(SortKey::Segment),
                ),
                (
                    "contacts",
                    t_string!(i18n, common.col_contacts).to_string(),
                    None,
                ),
                (
                    "owner",
                    t_string!(i18n, customers.col_owner).to_string(),
                    Some(SortKey::Owner),
                ),
                (
                    "source",
                    t_string!(i18n, customers.col_source_group).to_string(),
                    Some(SortKey::Source),
                ),
            ],
        }
    };
    let cell = move |col: &str, r: &CustomerRow| -> String {
        match col {
            "name" => r.name.clone(),
            "account" => r.account.clone(),
            "stage" => stage_label(&r.stage),
            "persona" => r.persona.clone(),
            "owner" => r.owner.clone(),
            "source" => source_group_label(i18n, &r.source_group),
            "city" => r.city.clone(),
            "segment" => r.segment.clone(),
            "contacts" => number_locale(i18n).format_count(r.contacts as u64),
            "email" => r.email.clone(),
            "phone" => r.phone.clone(),
            _ => String::new(),
        }
    };
    let export = move |json: bool| {
        let cols: Vec<(&'static str, String, Option<SortKey>)> = columns();
        let mut keys: Vec<&'static str> = cols.iter().map(|c| c.0).collect();
        let mut heads: Vec<String> = cols.iter().map(|c| c.1.clone()).collect();
        if show.get_untracked() == Show::Contacts {
            keys.extend(["email", "phone"]);
            heads.extend([
                t_string!(i18n, common.field_email).to_string(),
                t_string!(i18n, common.field_phone).to_string(),
            ]);
        }
        let name = if show.get_untracked() == Show::Contacts {
            "contacts"
        } else {
            "accounts"
        };
        rows.with_untracked(|r| {
            picked.with_untracked(|p| {
                if json {
                    let list: Vec<&CustomerRow> = p.iter().map(|&i| &r[i]).collect();
                    download(
                        &format!("waypoint-{name}.json"),
                        "application/json",
                        &serde_json::to_string_pretty(&list).unwrap_or_default(),
                    );
                } else {
                    let body = p
                        .iter()
                        .map(|&i| keys.iter().map(|k| cell(k, &r[i])).collect::<Vec<_>>());
                    download(
                        &format!("waypoint-{name}.csv"),
                        "text/csv;charset=utf-8",
                        &to_csv(&heads, body),
                    );
                }
            })
        });
    };
    let select_filter = move |label: String,
                              options: Vec<(String, String)>,
                              get: fn(&ListFilter) -> String,
                              set: fn(&mut ListFilter, String)| {
        view! {
            <label class="field">
                <span>{label}</span>
                <select on:change=move |ev| filter.update(|f| set(f, event_target_value(&ev)))>
                    <option value="" selected=move || filter.with(|f| get(f).is_empty())>
                        {t!(i18n, common.filter_any)}
                    </option>
                    {options
                        .into_iter()
                        .map(|(v, l)| {
                            let sel = v.clone();
                            view! {
                                <option value=v selected=move || filter.with(|f| get(f) == sel)>
                                    {l}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        }
    };
    view! {
        <div class="page-head">
            <h1>{t!(i18n, customers.title)}</h1>
            <div class="actions">
                <A href="/customers/import" attr:class="button-link">
                    {t!(i18n, customers.imp_link)}
                </A>
                <super::new_account::NewAccountButton />
                <NewContactButton open_request />
            </div>
        </div>
        <CampaignBanner open=open_request />
        <div class="view-switch" role="group" aria-label=move || t_string!(i18n, customers.show)>
            <button
                type="button"
                aria-pressed=move || (show.get() == Show::Accounts).to_string()
                on:click=move |_| show.set(Show::Accounts)
            >
                {t!(i18n, common.customers_accounts)}
            </button>
            <button
                type="button"
                aria-pressed=move || (show.get() == Show::Contacts).to_string()
                on:click=move |_| show.set(Show::Contacts)
            >
                {t!(i18n, common.customers_contacts)}
            </button>
        </div>
        <div class="list-tools">
            <label class="field search">
                <span>
                    {move || {
                        if show.get() == Show::Contacts {
                            t_string!(i18n, customers.search_contacts)
                        } else {
                            t_string!(i18n, customers.search_accounts)
                        }
                    }}
                </span>
                <input
                    type="search"
                    prop:value=move || filter.with(|f| f.query.clone())
                    on:input=move |ev| filter.update(|f| f.query = event_target_value(&ev))
                    aria-describedby="search-hint"
                />
            </label>
            {move || {
                let r = rows.get();
                let opts = |get: fn(&CustomerRow) -> &str| {
                    distinct(&r, get).into_iter().map(|v| (v.clone(), v)).collect::<Vec<_>>()
                };
                let segments = opts(|r| &r.segment);
                let owners = opts(|r| &r.owner);
                let groups: Vec<(String, String)> = distinct(&r, |r| &r.source_group)
                    .into_iter()
                    .map(|g| {
                        let l = source_group_label(i18n, &g);
                        (g, l)
                    })
                    .collect();
                let contacts = show.get() == Show::Contacts;
                let personas = opts(|r| &r.persona);
                let stages: Vec<(String, String)> = order
                    .get()
                    .into_iter()
                    .map(|s| {
                        let l = stage_label(&s);
                        (s, l)
                    })
                    .collect();
                view! {
                    {select_filter(
                        t_string!(i18n, common.col_segment).to_string(),
                        segments,
                        |f| f.segment.clone(),
                        |f, v| f.segment = v,
                    )}
                    {contacts
                        .then(|| select_filter(
                            t_string!(i18n, customers.field_persona).to_string(),
                            personas,
                            |f| f.persona.clone(),
                            |f, v| f.persona = v,
                        ))}
                    {contacts
                        .then(|| select_filter(
                            t_string!(i18n, common.col_stage).to_string(),
                            stages,
                            |f| f.stage.clone(),
                            |f, v| f.stage = v,
                        ))}
                    {select_filter(
                        t_string!(i18n, customers.col_owner).to_string(),
                        owners,
                        |f| f.owner.clone(),
                        |f, v| f.owner = v,
                    )}
                    {select_filter(
                        t_string!(i18n, customers.col_source_group).to_string(),
                        groups,
                        |f| f.source_group.clone(),
                        |f, v| f.source_group = v,
                    )}
                }
            }}
            <div class="export">
                <button type="button" class="secondary" on:click=move |_| export(false)>
                    {t!(i18n, customers.export_csv)}
                </button>
                <button type="button" class="secondary" on:click=move |_| export(true)>
                    {t!(i18n, customers.export_json)}
                </button>
            </div>
        </div>
        <p id="search-hint" class="muted">
            {t!(i18n, customers.search_hint)}
        </p>
        <Transition fallback=Loading>
            {move || data.get().map(|r| r.err().map(|error| view! { <ReadError error /> }))}
            <p role="status">
                {move || {
                    let nl = number_locale(i18n);
                    let total = rows.with(|r| r.len());
                    let (s, t) = (
                        nl.format_count(picked.with(|p| p.len()) as u64),
                        nl.format_count(total as u64),
                    );
                    if show.get() == Show::Contacts {
                        t!(
                            i18n, customers.showing_contacts, shown = s, count = move || total, total = t
                        )
                            .into_any()
                    } else {
                        t!(
                            i18n, customers.showing_accounts, shown = s, count = move || total, total = t
                        )
                            .into_any()
                    }
                }}
            </p>
        </Transition>
        <div
            class="vtable"
            role="table"
            aria-label=move || t_string!(i18n, customers.title)
            aria-rowcount=move || picked.with(|p| p.len()) + 1
        >
            <div class="vrow vhead" role="row" aria-rowindex="1">
                {move || {
                    columns()
                        .into_iter()
                        .map(|(key, label, sortable)| {
                            let sorted = move || {
                                sortable
                                    .filter(|k| sort.get().0 == *k)
                                    .map(|_| if sort.get().1 { "descending" } else { "ascending" })
                            };
                            view! {
                                <div
                                    role="columnheader"
                                    class=format!("vcell c-{key}")
                                    aria-sort=sorted
                                >
                                    {match sortable {
                                        Some(k) => {
                                            view! {
                                                <button
                                                    type="button"
                                                    class="sort"
                                                    on:click=move |_| {
                                                        sort.update(|s| {
                                                            *s = if s.0 == k { (k, !s.1) } else { (k, false) };
                                                        })
                                                    }
                                                >
                                                    {label}
                                                    <span aria-hidden="true">
                                                        {move || match sorted() {
                                                            Some("ascending") => " ▲",
                                                            Some(_) => " ▼",
                                                            None => "",
                                                        }}
                                                    </span>
                                                </button>
                                            }
                                                .into_any()
                                        }
                                        None => view! { <span>{label}</span> }.into_any(),
                                    }}
                                </div>
                            }
                        })
                        .collect_view()
                }}
            </div>
            <div
                class="vbody"
                role="rowgroup"
                node_ref=body
                on:scroll=move |ev| {
                    let el = event_target::<web_sys::Element>(&ev);
                    scroll.set(el.scroll_top() as f64);
                    viewport.set(el.client_height().max(200) as f64);
                }
            >
                <div
                    class="vspace"
                    style:height=move || format!("{}px", picked.with(|p| p.len()) as f64 * ROW_H)
                >
                    <For
                        each=move || visible.get()
                        key=move |(n, i)| (*i, *n, show.get_untracked() == Show::Contacts)
                        children=move |(n, i)| {
                            let r = rows.with_untracked(|r| r[i].clone());
                            let local = routes::record(&r.id).unwrap_or_default();
                            let cols = columns();
                            let name = r.name.clone();
                            view! {
                                <div
                                    class="vrow"
                                    role="row"
                                    aria-rowindex=n + 2
                                    style:top=format!("{}px", n as f64 * ROW_H)
                                >
                                    {cols
                                        .into_iter()
                                        .map(|(key, _, _)| {
                                            if key == "name" {
                                                let name = name.clone();
                                                let tip = name.clone();
                                                view! {
                                                    <div role="rowheader" class="vcell c-name" title=tip>
                                                        <A href=local.clone()>{name.clone()}</A>
                                                    </div>
                                                }
                                                    .into_any()
                                            } else {
                                                let text = cell(key, &r);
                                                let tip = text.clone();
                                                // Narrow columns cut long values short; the title shows them whole on hover.
                                                view! {
                                                    <div role="cell" class=format!("vcell c-{key}") title=tip>
                                                        {text}
                                                    </div>
                                                }
                                                    .into_any()
                                            }
                                        })
                                        .collect_view()}
                                </div>
                            }
                        }
                    />
                </div>
                {move || {
                    (picked.with(|p| p.is_empty()) && data.get().is_some())
                        .then(|| {
                            view! { <p class="muted list-empty">{t!(i18n, customers.no_match)}</p> }
                        })
                }}
            </div>
        </div>
    }
}
