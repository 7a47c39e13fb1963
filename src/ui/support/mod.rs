//! Support: the ticket queue sorted by SLA urgency, a ticket's page with its
//! status workflow and clocks, and flagging an opportunity for sales.

mod data;
mod lead_dialog;
mod new_ticket;
mod ticket_page;

pub use lead_dialog::{LeadDialog, LeadSubject};
pub use ticket_page::TicketPage;

use crate::domain::support::queue;
use crate::domain::RecordType;
use crate::i18n::*;
use crate::ui::common::routes;
use crate::ui::common::ticket_labels::{clock_class, clock_text, priority_label, status_label};
use crate::ui::common::use_ticking_now;
use crate::ui::common::{number_locale, use_workspace, Loading, Modal, ReadError, Reads};
use data::{load_support, SupportData};
use leptos::prelude::*;
use leptos_router::components::A;
use new_ticket::NewTicketDialog;

/// Which tickets the queue lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Show {
    Open,
    All,
}

/// The routed page `/support`: the queue, most urgent first.
#[component]
pub fn SupportPage() -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let data = ws.read(
        Reads::types(&[
            RecordType::Ticket,
            RecordType::Contact,
            RecordType::Account,
            RecordType::SurveyResponse,
        ]),
        load_support,
    );
    let now = use_ticking_now();
    let show = RwSignal::new(Show::Open);
    let assignee = RwSignal::new(String::new());
    let dialog = Modal::new();
    let loaded = Memo::new(move |_| data.get().and_then(|r| r.ok()));
    let rows = Memo::new(move |_| {
        let Some(d) = loaded.get() else {
            return Vec::new();
        };
        let policy = ws.settings.with(|s| s.sla.policy().unwrap_or_default());
        let who = assignee.get();
        let mine: Vec<(String, crate::domain::records::Ticket)> = d
            .tickets
            .iter()
            .filter(|(_, t)| {
                who.is_empty() || (who == "-" && t.assignee.is_empty()) || t.assignee == who
            })
            .cloned()
            .collect();
        // The tick may be older than a change just loaded: never look back in time.
        let at = now.get().max(crate::ui::common::now());
        queue(&mine, &policy, at, show.get() == Show::Open)
    });
    let assignees = Memo::new(move |_| {
        let mut v: Vec<String> = loaded
            .get()
            .map(|d| {
                d.tickets
                    .iter()
                    .map(|(_, t)| t.assignee.clone())
                    .filter(|a| !a.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v.dedup();
        v
    });
    let summary = move || {
        let r = rows.get();
        let breached = r
            .iter()
            .filter(|x| x.clocks.first_response.is_breached() || x.clocks.resolution.is_breached())
            .count();
        let nl = number_locale(i18n);
        t_string!(
            i18n,
            support.tk_summary,
            count = r.len(),
            n = nl.format_count(r.len() as u64),
            b = nl.format_count(breached as u64)
        )
    };
    let read_only = ws.read_only();
    view! {
        <section class="support" aria-labelledby="support-h">
            <header class="page-head">
                <h1 id="support-h">{t!(i18n, support.title)}</h1>
                {(!read_only)
                    .then(|| {
                        view! {
                            <button type="button" class="primary" on:click=move |_| dialog.show()>
                                {t!(i18n, support.tk_new)}
                            </button>
                        }
                    })}
            </header>
            <div
                class="toolbar"
                role="group"
                aria-label=move || t_string!(i18n, support.tk_filters)
            >
                <div
                    class="view-switch"
                    role="group"
                    aria-label=move || t_string!(i18n, support.tk_show)
                >
                    <button
                        type="button"
                        aria-pressed=move || (show.get() == Show::Open).to_string()
                        on:click=move |_| show.set(Show::Open)
                    >
                        {t!(i18n, support.tk_show_open)}
                    </button>
                    <button
                        type="button"
                        aria-pressed=move || (show.get() == Show::All).to_string()
                        on:click=move |_| show.set(Show::All)
                    >
                        {t!(i18n, support.tk_show_all)}
                    </button>
                </div>
                <label class="field inline">
                    <span>{t!(i18n, common.tk_assignee)}</span>
                    <select
                        on:change=move |ev| assignee.set(event_target_value(&ev))
                        prop:value=move || assignee.get()
                    >
                        <option value="">{t!(i18n, support.tk_anyone)}</option>
                        <option value="-">{t!(i18n, support.tk_unassigned)}</option>
                        {move || {
                            assignees
                                .get()
                                .into_iter()
                                .map(|a| view! { <option value=a.clone()>{a.clone()}</option> })
                                .collect_view()
                        }}
                    </select>
                </label>
                <p class="muted" role="status">
                    {summary}
                </p>
            </div>
            <Transition fallback=Loading>
                {move || data.get().map(|r| r.err().map(|error| view! { <ReadError error /> }))}
            </Transition>
            {move || loaded.get().map(|d| view! { <QueueTable data=d rows /> })}
        </section>
        <NewTicketDialog
            dialog
            people=Signal::derive(move || loaded.get().map(|d| d.people).unwrap_or_default())
        />
    }
}

/// The queue's table.
#[component]
fn QueueTable(
    /// Tickets and names.
    data: SupportData,
    /// The rows to show, in order.
    rows: Memo<Vec<crate::domain::support::QueueRow>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let index: std::collections::HashMap<String, usize> = data
        .tickets
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (id.clone(), i))
        .collect();
    let data = StoredValue::new((data, index));
    view! {
        <div class="table-scroll">
            <table class="queue">
                <caption class="sr-only">{t!(i18n, support.queue)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, support.tk_subject)}</th>
                        <th scope="col">{t!(i18n, support.tk_customer)}</th>
                        <th scope="col">{t!(i18n, common.tk_priority)}</th>
                        <th scope="col">{t!(i18n, support.tk_status)}</th>
                        <th scope="col">{t!(i18n, common.tk_first_response)}</th>
                        <th scope="col">{t!(i18n, common.tk_resolution)}</th>
                        <th scope="col">{t!(i18n, common.tk_assignee)}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let rows = rows.get();
                        if rows.is_empty() {
                            return view! {
                                <tr>
                                    <td colspan="7" class="muted">
                                        {t!(i18n, support.tk_none)}
                                    </td>
                                </tr>
                            }
                                .into_any();
                        }
                        rows.into_iter()
                            .filter_map(|row| {
                                let t = data
                                    .with_value(|(d, ix)| {
                                        ix.get(&row.id).map(|&i| d.tickets[i].1.clone())
                                    })?;
                                let customer = data.with_value(|(d, _)| d.customer(&t));
                                let href = routes::ticket(&row.id);
                                let (fr, res) = (row.clocks.first_response, row.clocks.resolution);
                                let subject = t.subject.clone();
                                Some(
                                    view! {
                                        <tr>
                                            <td>
                                                <A href=href>{subject}</A>
                                            </td>
                                            <td>{customer}</td>
                                            <td>
                                                <span class=format!("prio prio-{:?}", t.priority)
                                                    .to_lowercase()>{priority_label(i18n, t.priority)}</span>
                                            </td>
                                            <td>{status_label(i18n, t.current_status())}</td>
                                            <td>
                                                <span class=clock_class(&fr)>{clock_text(i18n, &fr)}</span>
                                            </td>
                                            <td>
                                                <span class=clock_class(
                                                    &res,
                                                )>{clock_text(i18n, &res)}</span>
                                            </td>
                                            <td>
                                                {if t.assignee.is_empty() {
                                                    t_string!(i18n, support.tk_unassigned).to_string()
                                                } else {
                                                    t.assignee.clone()
                                                }}
                                            </td>
                                        </tr>
                                    },
                                )
                            })
                            .collect_view()
                            .into_any()
                    }}
                </tbody>
            </table>
        </div>
    }
}
