//! Support: tickets, SLA breaches, and the leads support found for sales.

use super::super::format::{based, based_money, count, money_stat, pct, Unit};
use super::super::tile::Tile;
use crate::domain::dashboard::{DashboardFigures, DashboardIndex};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::A;
use std::sync::Arc;

/// Tickets and SLA breaches, support-qualified leads.
#[component]
pub fn SupportSection(
    /// The figures.
    f: DashboardFigures,
    /// Their index.
    ix: Arc<DashboardIndex>,
) -> impl IntoView {
    let i18n = use_i18n();
    let s = f.support.clone();
    let cur = ix.currency();
    let u = Unit::Tickets;
    let breach_detail = t_string!(
        i18n,
        dashboard.breach_detail,
        rate = pct(i18n, s.breach_rate.value),
        fr = count(i18n, s.first_response_breached.value),
        res = count(i18n, s.resolution_breached.value)
    );
    view! {
        <section class="card dash-section" aria-labelledby="dash-sup-h">
            <h2 id="dash-sup-h">{t!(i18n, dashboard.support)}</h2>
            <div class="tiles">
                <Tile
                    label=t_string!(i18n, dashboard.tickets_opened).to_string()
                    value=count(i18n, s.opened.value)
                    based=based(i18n, &s.opened, u)
                    records=s.opened.records.clone()
                    index=ix.clone()
                />
                <Tile
                    label=t_string!(i18n, dashboard.breaches).to_string()
                    value=count(i18n, s.breached.value)
                    detail=breach_detail
                    based=based(i18n, &s.breached, u)
                    records=s.breached.records.clone()
                    index=ix.clone()
                />
                <Tile
                    label=t_string!(i18n, dashboard.open_tickets).to_string()
                    value=count(i18n, s.open_tickets.value)
                    based=based(i18n, &s.open_tickets, u)
                    records=s.open_tickets.records.clone()
                    index=ix.clone()
                />
                <Tile
                    label=t_string!(i18n, dashboard.sqls).to_string()
                    value=count(i18n, s.support_leads.value)
                    based=based(i18n, &s.support_leads, Unit::Deals)
                    records=s.support_leads.records.clone()
                    index=ix.clone()
                />
                <Tile
                    label=t_string!(i18n, dashboard.sqls_won).to_string()
                    value=money_stat(i18n, &s.support_leads_won, cur)
                    based=based_money(i18n, &s.support_leads_won, Unit::Deals)
                    records=s.support_leads_won.records.clone()
                    index=ix.clone()
                />
            </div>
            <p>
                <A href="/support">{t!(i18n, dashboard.to_queue)}</A>
            </p>
        </section>
    }
}
