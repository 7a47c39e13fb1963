//! Lead sources (docs/domain.md#lead-sources): which source groups and campaigns bring the
//! most and the fewest contacts, opportunities and won value.
//!
//! A contact's group is its first-touch lead source classified by the
//! workspace's `source_rules` (`lead_source::classify`); a contact with no
//! recorded source takes its account's `source` group when set, else
//! `unknown`. Its campaign is the source's `utm_campaign` ("" = none). A deal
//! takes its contact's group and campaign, or its account's group when it has
//! no contact. A contact counts when it arrived (source captured, else first
//! touch) in the range; a deal counts as an opportunity when created in the
//! range, and its value as won when it was won in the range.

use super::figure::{push_once, Stat, Tally};
use super::filter::{Scope, Window};
use super::index::DashboardIndex;
use super::MoneyStat;
use crate::domain::records::DealStatus;
use serde::{Deserialize, Serialize};

/// The figures of one source group or campaign.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SourceRow {
    /// The group id (`paid_social`, `unknown`…) or the campaign ("" = none).
    pub key: String,
    /// Contacts that arrived in the range; value = how many (`None` when
    /// none); records = those contacts.
    pub contacts: Stat,
    /// Deals created in the range; value = how many; records = those deals.
    pub opportunities: Stat,
    /// Value of the deals won in the range, per currency; based_on / records = those deals.
    pub won: MoneyStat,
}

/// Lead-source figures.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SourceFigures {
    /// Per source group with any figure, most opportunities first, then most
    /// contacts, then by key.
    pub by_group: Vec<SourceRow>,
    /// Per campaign, ordered the same way.
    pub by_campaign: Vec<SourceRow>,
}

#[derive(Default)]
struct Acc {
    contacts: Vec<u32>,
    deals: Vec<u32>,
    won: Tally,
}

impl Acc {
    fn row(self, key: &str, index: &DashboardIndex) -> SourceRow {
        let (c, d) = (self.contacts.len() as u32, self.deals.len() as u32);
        SourceRow {
            key: key.to_string(),
            contacts: Stat::count(self.contacts, c),
            opportunities: Stat::count(self.deals, d),
            won: self.won.total(index.currency),
        }
    }

    fn is_empty(&self) -> bool {
        self.contacts.is_empty() && self.deals.is_empty() && self.won.n() == 0
    }
}

/// The lead-source figures of the contacts and deals in scope.
pub(super) fn sources(index: &DashboardIndex, scope: &Scope, win: &Window) -> SourceFigures {
    let mut groups: Vec<Acc> = index.groups.iter().map(|_| Acc::default()).collect();
    let mut campaigns: Vec<Acc> = index.campaigns.iter().map(|_| Acc::default()).collect();
    for (i, c) in (0u32..).zip(&index.contacts) {
        if win.contains(c.arrival) && scope.owns(index.contact_owner(i)) {
            push_once(&mut groups[c.group as usize].contacts, i);
            push_once(&mut campaigns[c.campaign as usize].contacts, i);
        }
    }
    for d in &index.deals {
        if !scope.owns(d.owner) {
            continue;
        }
        let (g, k) = (d.group as usize, d.campaign as usize);
        if win.contains(d.created) {
            push_once(&mut groups[g].deals, d.rec);
            push_once(&mut campaigns[k].deals, d.rec);
        }
        if d.status == DealStatus::Won && win.contains(d.closed) {
            groups[g].won.add(d.rec, d.value, 100);
            campaigns[k].won.add(d.rec, d.value, 100);
        }
    }
    SourceFigures {
        by_group: ranked(groups, &index.groups, index),
        by_campaign: ranked(campaigns, &index.campaigns, index),
    }
}

fn ranked(accs: Vec<Acc>, keys: &[String], index: &DashboardIndex) -> Vec<SourceRow> {
    let mut rows: Vec<SourceRow> = accs
        .into_iter()
        .zip(keys)
        .filter(|(a, _)| !a.is_empty())
        .map(|(a, k)| a.row(k, index))
        .collect();
    rows.sort_by(|a, b| {
        (b.opportunities.based_on, b.contacts.based_on)
            .cmp(&(a.opportunities.based_on, a.contacts.based_on))
            .then_with(|| a.key.cmp(&b.key))
    });
    rows
}
