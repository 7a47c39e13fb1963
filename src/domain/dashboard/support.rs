//! Support figures (docs/domain.md#support-figures): SLA breaches, open tickets and
//! support-qualified leads.
//!
//! A ticket **breached** its SLA when its first-response or its resolution
//! clock (`SlaPolicy::clocks`, with the ticket's own targets, business hours
//! and pauses) is `Breached` (running past target) or `MetLate` at `now`.

use super::figure::{Stat, Tally};
use super::filter::{Scope, Window};
use super::index::{DashboardIndex, Sla, TicketRow, NEVER};
use super::MoneyStat;
use crate::domain::records::{DealStatus, Ticket};
use crate::domain::sla::SlaPolicy;
use crate::domain::time::Timestamp;
use serde::{Deserialize, Serialize};

/// Support figures.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SupportFigures {
    /// Tickets opened in the range; value = how many (`None` when none);
    /// records = those tickets.
    pub opened: Stat,
    /// Of those, tickets that breached either SLA clock; value = how many
    /// (`None` without tickets or when the workspace's SLA settings are
    /// invalid); based_on = tickets opened; records = the breached ones.
    pub breached: Stat,
    /// `breached` ÷ tickets opened (0..=1).
    pub breach_rate: Stat,
    /// Of the tickets opened, those whose first-response clock breached.
    pub first_response_breached: Stat,
    /// Of the tickets opened, those whose resolution clock breached.
    pub resolution_breached: Stat,
    /// Tickets open at the range's end (or now, when earlier): opened before
    /// it and not resolved or closed by then; value = how many; based_on =
    /// tickets opened before it; records = the open ones.
    pub open_tickets: Stat,
    /// Support-qualified leads: deals that support flagged in the range;
    /// value = how many (`None` when none); records = those deals.
    pub support_leads: Stat,
    /// Value of those leads that are won, per currency; based_on / records = the won ones.
    pub support_leads_won: MoneyStat,
}

/// The support figures of the tickets and deals in scope.
pub(super) fn support(
    index: &DashboardIndex,
    scope: &Scope,
    win: &Window,
    now: Timestamp,
) -> SupportFigures {
    let (mut opened, mut breached, mut first, mut resolution) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut existing, mut open) = (0u32, Vec::new());
    let mut known = true;
    // Rows are in record order, so every records list comes out ascending.
    for t in &index.tickets {
        if !scope.owns(t.owner) {
            continue;
        }
        if t.opened < win.as_of {
            existing += 1;
            if t.done >= win.as_of {
                open.push(t.rec);
            }
        }
        if !win.contains(t.opened) {
            continue;
        }
        opened.push(t.rec);
        match missed(t, index.sla.as_ref(), now) {
            Some((f, r)) => {
                if f || r {
                    breached.push(t.rec);
                }
                if f {
                    first.push(t.rec);
                }
                if r {
                    resolution.push(t.rec);
                }
            }
            None => known = false,
        }
    }
    let n = opened.len() as u32;
    let among = if known { n } else { 0 };
    let (mut leads, mut won) = (Vec::new(), Tally::default());
    for d in &index.deals {
        if d.flagged != NEVER && win.contains(d.flagged) && scope.owns(d.owner) {
            leads.push(d.rec);
            if d.status == DealStatus::Won {
                won.add(d.rec, d.value, 100);
            }
        }
    }
    let n_leads = leads.len() as u32;
    SupportFigures {
        opened: Stat::count(opened, n),
        breach_rate: Stat::share(breached.clone(), among),
        breached: with_base(Stat::count(breached, among), n),
        first_response_breached: with_base(Stat::count(first, among), n),
        resolution_breached: with_base(Stat::count(resolution, among), n),
        open_tickets: Stat::count(open, existing),
        support_leads: Stat::count(leads, n_leads),
        support_leads_won: won.total(index.currency),
    }
}

/// `s` reporting `n` as its base even when its value is unknown.
fn with_base(mut s: Stat, n: u32) -> Stat {
    s.based_on = n;
    s
}

/// Whether the first-response and resolution clocks missed their targets at
/// `now`; `None` when there is no policy.
fn missed(t: &TicketRow, policy: Option<&SlaPolicy>, now: Timestamp) -> Option<(bool, bool)> {
    match &t.sla {
        Sla::Stopped { first, resolution } => Some((*first, *resolution)),
        Sla::Running(live) => {
            let c = policy?.clocks(&live.0, &live.1, now);
            Some((c.first_response.is_breached(), c.resolution.is_breached()))
        }
        Sla::Unknown => None,
    }
}

/// The SLA state of a ticket known at build time: a resolved ticket's clocks
/// have both stopped, so they are worked out once.
pub(super) fn sla_of(policy: Option<&SlaPolicy>, t: Ticket) -> Sla {
    let Some(policy) = policy else {
        return Sla::Unknown;
    };
    let pauses = crate::domain::support::pauses(&t);
    match t.resolved_at {
        Some(resolved) => {
            let stops = t.first_response_at.map_or(resolved, |f| f.max(resolved));
            let c = policy.clocks(&t, &pauses, stops);
            Sla::Stopped {
                first: c.first_response.is_breached(),
                resolution: c.resolution.is_breached(),
            }
        }
        None => Sla::Running(Box::new((t, pauses))),
    }
}

/// When a ticket was resolved or closed: `resolved_at`, else (a done ticket
/// without one) its latest change to a done status, else its opening;
/// [`NEVER`] while it is not done.
pub(super) fn ticket_done(t: &Ticket) -> i64 {
    if let Some(r) = t.resolved_at {
        return r.0;
    }
    if !t.current_status().is_done() {
        return NEVER;
    }
    t.status_log
        .iter()
        .rev()
        .find(|c| c.to.is_done())
        .map_or(t.opened_at.0, |c| c.at.0)
}
