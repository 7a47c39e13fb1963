//! [`DashboardIndex`]: the records the dashboard needs, read once after a load
//! into compact rows (people and records as `u32`, times as `i64`
//! milliseconds, stages, channels, groups and reasons as small ints), so a
//! filter change never touches a document or a string.

mod build;
mod read;

use super::month::Month;
use crate::domain::doc::Doc;
use crate::domain::journey::metrics::JourneyIndex;
use crate::domain::money::{Currency, Money};
use crate::domain::records::{DealStatus, PersonaRule, Ticket, WorkspaceSettings};
use crate::domain::search::normalise;
use crate::domain::sla::{Pause, SlaPolicy};

/// "None" for a `u32` index (contact, account, customer, group…).
pub(super) const NONE: u32 = u32::MAX;
/// Stage of an answer at no workspace stage.
pub(super) const NO_STAGE: u8 = u8::MAX;
/// Channel of an answer whose channel is unknown.
pub(super) const NO_CHANNEL: u8 = u8::MAX;
/// "Never": later than any real instant (an open deal's close, an open ticket's end).
pub(super) const NEVER: i64 = i64::MAX;

/// Who a record belongs to: its contact and its account (the record's own
/// account, else its contact's), each [`NONE`] when unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Owner {
    pub(super) contact: u32,
    pub(super) account: u32,
}

/// A contact. Its record index is its contact index (contacts come first).
#[derive(Clone, Debug)]
pub(super) struct ContactRow {
    pub(super) account: u32,
    pub(super) segment: u32,
    pub(super) customer: u32,
    /// Lead-source group and campaign (interned).
    pub(super) group: u32,
    pub(super) campaign: u32,
    /// When the contact arrived: its lead source's capture time, else its
    /// first touch, else `i64::MIN` (counted in any range without a start).
    pub(super) arrival: i64,
}

/// An account.
#[derive(Clone, Debug)]
pub(super) struct AccountRow {
    pub(super) rec: u32,
    pub(super) segment: u32,
}

/// A persona that can filter the dashboard.
#[derive(Clone, Debug)]
pub(super) struct PersonaRow {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) rule: PersonaRule,
}

/// A customer: an account, or a contact without one.
#[derive(Clone, Debug)]
pub(super) struct CustomerRow {
    pub(super) rec: u32,
    pub(super) account: u32,
    pub(super) contact: u32,
    /// Earliest touch ([`NEVER`] when none).
    pub(super) first_touch: i64,
    /// First purchase ([`NEVER`] when none).
    pub(super) first_purchase: i64,
}

/// A purchase or churn of a customer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Event {
    pub(super) at: i64,
    /// Sorts after a purchase at the same instant.
    pub(super) churn: bool,
}

/// A deal.
#[derive(Clone, Debug)]
pub(super) struct DealRow {
    pub(super) rec: u32,
    pub(super) owner: Owner,
    pub(super) status: DealStatus,
    pub(super) value: Money,
    /// The deal's own probability, else its stage's, else 0 (percent).
    pub(super) probability: u8,
    pub(super) created: i64,
    /// Close time of a won or lost deal; [`NEVER`] while open.
    pub(super) closed: i64,
    pub(super) closed_month: Month,
    pub(super) group: u32,
    pub(super) campaign: u32,
    /// When support flagged it as a lead; [`NEVER`] when it is not a support lead.
    pub(super) flagged: i64,
}

/// One survey answer with a valid score.
#[derive(Clone, Copy, Debug)]
pub(super) struct SurveyRow {
    pub(super) rec: u32,
    pub(super) owner: Owner,
    pub(super) at: i64,
    pub(super) month: Month,
    /// 0 = NPS, 1 = CSAT, 2 = CES.
    pub(super) kind: u8,
    pub(super) score: u8,
    /// Workspace stage index, or [`NO_STAGE`].
    pub(super) stage: u8,
    /// Index in `Channel::ALL`, or [`NO_CHANNEL`].
    pub(super) channel: u8,
}

/// The SLA clocks of a ticket, as far as they can be known at build time.
#[derive(Clone, Debug)]
pub(super) enum Sla {
    /// Both clocks stopped (resolved): whether each missed its target.
    Stopped { first: bool, resolution: bool },
    /// A clock still runs: worked out against `now` at compute time.
    Running(Box<(Ticket, Vec<Pause>)>),
    /// The workspace's SLA settings do not make a policy.
    Unknown,
}

/// A ticket.
#[derive(Clone, Debug)]
pub(super) struct TicketRow {
    pub(super) rec: u32,
    pub(super) owner: Owner,
    pub(super) opened: i64,
    /// When it was resolved or closed; [`NEVER`] while it is not.
    pub(super) done: i64,
    pub(super) sla: Sla,
}

/// A churn activity.
#[derive(Clone, Copy, Debug)]
pub(super) struct ChurnRow {
    pub(super) rec: u32,
    pub(super) owner: Owner,
    pub(super) at: i64,
    /// Interned normalised reason.
    pub(super) reason: u32,
}

/// One account's recurring revenue in a period.
#[derive(Clone, Copy, Debug)]
pub(super) struct Recurring {
    /// Account index, [`NONE`] for an account id with no account document.
    pub(super) account: u32,
    pub(super) rec: u32,
    pub(super) amount: Money,
}

/// A month's entered figures.
#[derive(Clone, Debug)]
pub(super) struct PeriodRow {
    pub(super) rec: u32,
    pub(super) month: Month,
    pub(super) spend: Option<Money>,
    pub(super) revenue: Option<Money>,
    pub(super) recurring: Vec<Recurring>,
}

/// Per-item slices of one flat array: item `i` owns `items[start[i]..start[i + 1]]`.
#[derive(Clone, Debug, Default)]
pub(super) struct Slices<T> {
    start: Vec<u32>,
    items: Vec<T>,
}

impl<T: Copy> Slices<T> {
    /// Groups `(owner, item)` pairs, already sorted by owner, for `n` owners.
    pub(super) fn from_sorted(n: usize, pairs: &[(u32, T)]) -> Self {
        let mut start = vec![0u32; n + 1];
        for &(o, _) in pairs {
            start[o as usize + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        Slices {
            start,
            items: pairs.iter().map(|&(_, t)| t).collect(),
        }
    }

    /// Owner `i`'s items.
    pub(super) fn of(&self, i: u32) -> &[T] {
        let i = i as usize;
        &self.items[self.start[i] as usize..self.start[i + 1] as usize]
    }
}

/// Everything the dashboard figures need, indexed once after a load; rebuild
/// it when records or the workspace settings change, never on a filter change.
#[derive(Clone, Debug)]
pub struct DashboardIndex {
    /// The journey figures' index; its contact indexes are this index's
    /// contact record indexes.
    pub(super) journey: JourneyIndex,
    /// Document id of every record a figure can point at.
    ids: Vec<String>,
    pub(super) currency: Currency,
    pub(super) offset_min: i32,
    pub(super) contacts: Vec<ContactRow>,
    pub(super) accounts: Vec<AccountRow>,
    /// Normalised segment per segment index, and its first spelling.
    segment_keys: Vec<String>,
    segment_labels: Vec<String>,
    pub(super) personas: Vec<PersonaRow>,
    pub(super) customers: Vec<CustomerRow>,
    /// Each customer's purchases and churns, in time order.
    pub(super) events: Slices<Event>,
    pub(super) deals: Vec<DealRow>,
    pub(super) surveys: Vec<SurveyRow>,
    pub(super) tickets: Vec<TicketRow>,
    pub(super) churns: Vec<ChurnRow>,
    /// Churn reason labels by interned index (earliest spelling).
    pub(super) reasons: Vec<String>,
    /// Lead-source group ids and campaigns by interned index.
    pub(super) groups: Vec<String>,
    pub(super) campaigns: Vec<String>,
    /// Period figures by month, ascending, one per month.
    pub(super) periods: Vec<PeriodRow>,
    /// The workspace's SLA policy (`None` when its settings do not make one).
    pub(super) sla: Option<SlaPolicy>,
    /// Earliest and latest dated event, for open-ended ranges.
    pub(super) span: Option<(i64, i64)>,
}

impl Default for DashboardIndex {
    /// An index of no documents in a default workspace.
    fn default() -> Self {
        DashboardIndex {
            journey: JourneyIndex::default(),
            ids: Vec::new(),
            currency: WorkspaceSettings::default().currency,
            offset_min: 0,
            contacts: Vec::new(),
            accounts: Vec::new(),
            segment_keys: Vec::new(),
            segment_labels: Vec::new(),
            personas: Vec::new(),
            customers: Vec::new(),
            events: Slices::default(),
            deals: Vec::new(),
            surveys: Vec::new(),
            tickets: Vec::new(),
            churns: Vec::new(),
            reasons: Vec::new(),
            groups: Vec::new(),
            campaigns: Vec::new(),
            periods: Vec::new(),
            sla: None,
            span: None,
        }
    }
}

impl DashboardIndex {
    /// Indexes `docs` under the workspace `settings` (journey stages, source
    /// rules, currency, SLA policy and UTC offset). Reads accounts, contacts,
    /// personas, pipelines, deals, stage transitions, activities, tickets,
    /// survey responses and period figures; other documents, deleted ones and
    /// ones that fail to parse are skipped.
    pub fn build(docs: &[Doc], settings: &WorkspaceSettings) -> Self {
        build::build(docs, settings)
    }

    /// The document id behind record index `i` (from any figure's `records`).
    pub fn doc_id(&self, i: u32) -> &str {
        &self.ids[i as usize]
    }

    /// The document ids behind `records`, in the same order.
    pub fn doc_ids(&self, records: &[u32]) -> Vec<&str> {
        records.iter().map(|&i| self.doc_id(i)).collect()
    }

    /// The workspace currency (listed first in every money figure).
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// The workspace's journey stage ids, in lifecycle order.
    pub fn stage_ids(&self) -> &[String] {
        self.journey.stage_ids()
    }

    /// The account segments to filter by (first spelling of each, blank left
    /// out), sorted case- and diacritic-insensitively.
    pub fn segments(&self) -> Vec<String> {
        let mut out: Vec<(&str, &str)> = self
            .segment_keys
            .iter()
            .zip(&self.segment_labels)
            .filter(|(k, _)| !k.is_empty())
            .map(|(k, l)| (k.as_str(), l.as_str()))
            .collect();
        out.sort();
        out.into_iter().map(|(_, l)| l.to_string()).collect()
    }

    /// The personas to filter by: `(document id, name)`, in document order.
    pub fn personas(&self) -> Vec<(&str, &str)> {
        self.personas
            .iter()
            .map(|p| (p.id.as_str(), p.name.as_str()))
            .collect()
    }

    /// The journey index built along the way (for the journey map screen).
    pub fn journey(&self) -> &JourneyIndex {
        &self.journey
    }

    /// The segment index of a segment name (compared like persona rules).
    pub(super) fn segment_index(&self, name: &str) -> Option<u32> {
        let key = normalise(name);
        self.segment_keys
            .iter()
            .position(|k| *k == key)
            .map(|i| i as u32)
    }

    /// The persona rule of a persona id (an empty rule for an unknown id, so
    /// only contacts assigned to it by hand are members).
    pub(super) fn persona_rule(&self, id: &str) -> PersonaRule {
        self.personas
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.rule.clone())
            .unwrap_or_default()
    }

    /// The owner of contact `c` itself.
    pub(super) fn contact_owner(&self, c: u32) -> Owner {
        Owner {
            contact: c,
            account: self.contacts[c as usize].account,
        }
    }

    /// The customer an owner belongs to: its account's, else its contact's.
    pub(super) fn customer_of(&self, o: Owner) -> u32 {
        if o.account != NONE {
            o.account
        } else if o.contact != NONE {
            self.contacts[o.contact as usize].customer
        } else {
            NONE
        }
    }
}
