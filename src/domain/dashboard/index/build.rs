//! Building a [`DashboardIndex`] from documents: people first (contacts,
//! accounts, customers), then the records that hang on them.

use super::read::{channel_field, ActivityView, ByType, SurveyView, TransitionView};
use super::{
    AccountRow, ChurnRow, ContactRow, CustomerRow, DashboardIndex, DealRow, Event, Owner,
    PeriodRow, PersonaRow, Recurring, Slices, SurveyRow, TicketRow, NEVER, NONE, NO_CHANNEL,
    NO_STAGE,
};
use crate::domain::board::moves::{LOST, WON};
use crate::domain::dashboard::month::Month;
use crate::domain::dashboard::support::{sla_of, ticket_done};
use crate::domain::doc::Doc;
use crate::domain::journey::metrics::JourneyIndex;
use crate::domain::lead_source::{classify, UNKNOWN_GROUP};
use crate::domain::records::{
    Account, ActivityKind, Channel, Contact, Deal, DealStatus, PeriodFigures, Persona, Pipeline,
    RecordType, SurveyKind, Ticket, TransitionSubject, WorkspaceSettings,
};
use crate::domain::search::normalise;
use crate::domain::time::Timestamp;
use std::collections::HashMap;

/// Interns strings by a key, keeping the first label seen for each.
#[derive(Default)]
struct Interner {
    ids: HashMap<String, u32>,
}

impl Interner {
    fn get(&mut self, key: String, labels: &mut Vec<String>, label: &str) -> u32 {
        *self.ids.entry(key).or_insert_with(|| {
            labels.push(label.to_string());
            labels.len() as u32 - 1
        })
    }
}

/// Where a deal's stage transitions put it.
#[derive(Clone, Copy)]
struct DealMoves {
    first: i64,
    won: Option<i64>,
    lost: Option<i64>,
}

struct Builder<'a> {
    ix: DashboardIndex,
    stages: HashMap<String, u8>,
    contacts: HashMap<&'a str, u32>,
    accounts: HashMap<&'a str, u32>,
    /// Lead-source group of each account (`NONE` when it records none).
    account_groups: Vec<u32>,
    segments: Interner,
    groups: Interner,
    campaigns: Interner,
    reasons: Interner,
    /// When each reason's label was seen (the earliest spelling wins).
    reason_seen: Vec<i64>,
    /// Each contact's first touch.
    contact_first: Vec<i64>,
    /// Contact stage paths: (at, stage), in time order.
    paths: Slices<(i64, u8)>,
    /// Contact activities: (at, channel), in time order.
    touches: Slices<(i64, u8)>,
    deal_moves: HashMap<&'a str, DealMoves>,
    ticket_channels: HashMap<&'a str, u8>,
    events: Vec<(u32, Event)>,
    /// Record indexes of account ids that period figures name but no account document has.
    unknown_accounts: HashMap<String, u32>,
}

/// See [`DashboardIndex::build`].
pub(super) fn build(docs: &[Doc], settings: &WorkspaceSettings) -> DashboardIndex {
    let journey = JourneyIndex::build(docs, &settings.journey_stages);
    let stages = journey
        .stage_ids()
        .iter()
        .enumerate()
        .map(|(i, s)| (s.clone(), i as u8))
        .collect();
    let mut b = Builder {
        ix: DashboardIndex {
            journey,
            currency: settings.currency,
            offset_min: settings.sla.utc_offset_min,
            ..DashboardIndex::default()
        },
        stages,
        contacts: HashMap::new(),
        accounts: HashMap::new(),
        account_groups: Vec::new(),
        segments: Interner::default(),
        groups: Interner::default(),
        campaigns: Interner::default(),
        reasons: Interner::default(),
        reason_seen: Vec::new(),
        contact_first: Vec::new(),
        paths: Slices::default(),
        touches: Slices::default(),
        deal_moves: HashMap::new(),
        ticket_channels: HashMap::new(),
        events: Vec::new(),
        unknown_accounts: HashMap::new(),
    };
    let docs = ByType::new(docs);
    b.people(&docs, settings);
    b.transitions(&docs);
    b.activities(&docs);
    b.deals(&docs);
    b.tickets(&docs, settings);
    b.surveys(&docs);
    b.periods(&docs);
    b.finish()
}

fn first(slot: &mut i64, at: i64) {
    *slot = (*slot).min(at);
}

fn channel_index(c: Channel) -> u8 {
    Channel::ALL.iter().position(|x| *x == c).unwrap_or(0) as u8
}

impl<'a> Builder<'a> {
    fn push_id(&mut self, id: &str) -> u32 {
        self.ix.ids.push(id.to_string());
        self.ix.ids.len() as u32 - 1
    }

    fn segment(&mut self, name: &str) -> u32 {
        let key = normalise(name);
        if let Some(&i) = self.segments.ids.get(&key) {
            return i;
        }
        let i = self.ix.segment_keys.len() as u32;
        self.segments.ids.insert(key.clone(), i);
        self.ix.segment_keys.push(key);
        self.ix.segment_labels.push(name.trim().to_string());
        i
    }

    fn group(&mut self, group: &str) -> u32 {
        self.groups
            .get(group.to_string(), &mut self.ix.groups, group)
    }

    fn campaign(&mut self, campaign: &str) -> u32 {
        self.campaigns
            .get(campaign.to_string(), &mut self.ix.campaigns, campaign)
    }

    /// Interns a churn reason by its normalised form; the label is the
    /// earliest spelling (by the activity's time).
    fn reason(&mut self, reason: &str, at: i64) -> u32 {
        let label = reason.trim();
        let id = self
            .reasons
            .get(normalise(reason), &mut self.ix.reasons, label);
        let i = id as usize;
        if i == self.reason_seen.len() {
            self.reason_seen.push(at);
        } else if at < self.reason_seen[i] {
            self.reason_seen[i] = at;
            self.ix.reasons[i] = label.to_string();
        }
        id
    }

    fn owner(&self, contact: Option<&str>, account: Option<&str>) -> Owner {
        let contact = contact
            .and_then(|id| self.contacts.get(id).copied())
            .unwrap_or(NONE);
        let account = account
            .and_then(|id| self.accounts.get(id).copied())
            .or_else(|| {
                let c = self.ix.contacts.get(contact as usize)?;
                (c.account != NONE).then_some(c.account)
            })
            .unwrap_or(NONE);
        Owner { contact, account }
    }

    /// Accounts, contacts (in the journey index's order, so contact indexes
    /// agree), personas and customers. Record indexes: contacts, then accounts.
    fn people(&mut self, docs: &ByType<'a>, settings: &WorkspaceSettings) {
        let mut accounts: Vec<(&'a str, Account)> = Vec::new();
        for (d, a) in docs.live::<Account>(RecordType::Account) {
            if !self.accounts.contains_key(d.id.as_str()) {
                self.accounts.insert(d.id.as_str(), accounts.len() as u32);
                accounts.push((d.id.as_str(), a));
            }
        }
        for (_, a) in &accounts {
            let source = a.source.trim();
            let g = if source.is_empty() {
                NONE
            } else {
                self.group(source)
            };
            self.account_groups.push(g);
        }
        for (d, c) in docs.live::<Contact>(RecordType::Contact) {
            if !self.contacts.contains_key(d.id.as_str()) {
                let idx = self.push_id(&d.id);
                self.contacts.insert(d.id.as_str(), idx);
                self.add_contact(c, &accounts, settings);
            }
        }
        debug_assert_eq!(self.ix.contacts.len(), self.ix.journey.contact_count());
        for (i, (id, a)) in accounts.iter().enumerate() {
            let rec = self.push_id(id);
            let segment = self.segment(&a.segment);
            self.ix.accounts.push(AccountRow { rec, segment });
            self.ix.customers.push(CustomerRow {
                rec,
                account: i as u32,
                contact: NONE,
                first_touch: NEVER,
                first_purchase: NEVER,
            });
        }
        for c in 0..self.ix.contacts.len() {
            if self.ix.contacts[c].account == NONE {
                self.ix.contacts[c].customer = self.ix.customers.len() as u32;
                self.ix.customers.push(CustomerRow {
                    rec: c as u32,
                    account: NONE,
                    contact: c as u32,
                    first_touch: NEVER,
                    first_purchase: NEVER,
                });
            }
        }
        for (d, p) in docs.live::<Persona>(RecordType::Persona) {
            if self.ix.personas.iter().all(|x| x.id != d.id) {
                self.ix.personas.push(PersonaRow {
                    id: d.id.clone(),
                    name: p.name,
                    rule: p.rule,
                });
            }
        }
    }

    fn add_contact(
        &mut self,
        c: Contact,
        accounts: &[(&str, Account)],
        settings: &WorkspaceSettings,
    ) {
        let account = c
            .account_id
            .as_deref()
            .and_then(|id| self.accounts.get(id).copied())
            .unwrap_or(NONE);
        let acc = accounts.get(account as usize).map(|(_, a)| a);
        let segment = self.segment(acc.map_or("", |a| a.segment.as_str()));
        let mut group = self.group(&classify(c.source.as_ref(), &settings.source_rules));
        if self.ix.groups[group as usize] == UNKNOWN_GROUP {
            if let Some(&g) = self
                .account_groups
                .get(account as usize)
                .filter(|g| **g != NONE)
            {
                group = g;
            }
        }
        let campaign = self.campaign(c.source.as_ref().map_or("", |s| s.campaign.trim()));
        self.ix.contacts.push(ContactRow {
            account,
            segment,
            // An account's customer index is its account index.
            customer: account,
            group,
            campaign,
            arrival: c.source.as_ref().map_or(NEVER, |s| s.captured_at.0),
        });
        self.contact_first.push(NEVER);
    }

    /// Contact stage paths (and first touches); deal creation and close times.
    fn transitions(&mut self, docs: &ByType<'a>) {
        let mut steps: Vec<(u32, (i64, u8))> = Vec::new();
        for (_, t) in docs.live::<TransitionView>(RecordType::StageTransition) {
            let at = t.occurred_at.0;
            match t.subject {
                TransitionSubject::Contact => {
                    let Some(&c) = self.contacts.get(t.subject_id) else {
                        continue;
                    };
                    let stage = self.stages.get(t.to_stage).copied().unwrap_or(NO_STAGE);
                    steps.push((c, (at, stage)));
                    first(&mut self.contact_first[c as usize], at);
                }
                TransitionSubject::Deal => {
                    let m = self.deal_moves.entry(t.subject_id).or_insert(DealMoves {
                        first: at,
                        won: None,
                        lost: None,
                    });
                    m.first = m.first.min(at);
                    let outcome = match t.to_stage {
                        WON => Some(&mut m.won),
                        LOST => Some(&mut m.lost),
                        _ => None,
                    };
                    if let Some(slot) = outcome {
                        *slot = Some(slot.map_or(at, |x| x.max(at)));
                    }
                }
            }
        }
        steps.sort_unstable();
        self.paths = Slices::from_sorted(self.ix.contacts.len(), &steps);
    }

    /// First touches, purchases, churns and each contact's channels over time.
    fn activities(&mut self, docs: &ByType<'a>) {
        let mut touches: Vec<(u32, (i64, u8))> = Vec::new();
        for (d, a) in docs.live::<ActivityView>(RecordType::Activity) {
            let owner = self.owner(a.contact_id, a.account_id);
            let at = a.occurred_at.0;
            if owner.contact != NONE {
                touches.push((owner.contact, (at, channel_index(a.channel))));
                first(&mut self.contact_first[owner.contact as usize], at);
            }
            let customer = self.ix.customer_of(owner);
            if customer != NONE {
                first(&mut self.ix.customers[customer as usize].first_touch, at);
            }
            let churn = match a.kind {
                ActivityKind::Purchase => false,
                ActivityKind::Churn => true,
                _ => continue,
            };
            if customer != NONE {
                self.events.push((customer, Event { at, churn }));
            }
            if churn {
                let reason = self.reason(a.reason.unwrap_or(""), at);
                let rec = self.push_id(&d.id);
                self.ix.churns.push(ChurnRow {
                    rec,
                    owner,
                    at,
                    reason,
                });
            }
        }
        touches.sort_unstable();
        self.touches = Slices::from_sorted(self.ix.contacts.len(), &touches);
    }

    fn deals(&mut self, docs: &ByType<'a>) {
        let pipelines: HashMap<&str, Pipeline> = docs
            .live::<Pipeline>(RecordType::Pipeline)
            .map(|(d, p)| (d.id.as_str(), p))
            .collect();
        let unknown = self.group(UNKNOWN_GROUP);
        let no_campaign = self.campaign("");
        for (d, deal) in docs.live::<Deal>(RecordType::Deal) {
            let owner = self.owner(deal.contact_id.as_deref(), deal.account_id.as_deref());
            let moves = self.deal_moves.get(d.id.as_str()).copied();
            let entered = deal.stage_entered_at.0;
            let created = moves.map_or(entered, |m| m.first);
            let closed = match deal.status {
                DealStatus::Open => NEVER,
                DealStatus::Won => moves.and_then(|m| m.won).unwrap_or(entered),
                DealStatus::Lost => moves.and_then(|m| m.lost).unwrap_or(entered),
            };
            let probability = deal
                .probability
                .or_else(|| {
                    let p = pipelines.get(deal.pipeline_id.as_str())?;
                    Some(p.stage(&deal.stage_id)?.probability)
                })
                .unwrap_or(0)
                .min(100);
            let (group, campaign) = match self.ix.contacts.get(owner.contact as usize) {
                Some(c) => (c.group, c.campaign),
                None => match self.account_groups.get(owner.account as usize) {
                    Some(&g) if g != NONE => (g, no_campaign),
                    _ => (unknown, no_campaign),
                },
            };
            let customer = self.ix.customer_of(owner);
            if customer != NONE {
                first(
                    &mut self.ix.customers[customer as usize].first_touch,
                    created,
                );
                if deal.status == DealStatus::Won {
                    let purchase = Event {
                        at: closed,
                        churn: false,
                    };
                    self.events.push((customer, purchase));
                }
            }
            let rec = self.push_id(&d.id);
            self.ix.deals.push(DealRow {
                rec,
                owner,
                status: deal.status,
                value: deal.value,
                probability,
                created,
                closed,
                closed_month: if closed == NEVER {
                    Month(i32::MAX)
                } else {
                    Month::of(Timestamp(closed), self.ix.offset_min)
                },
                group,
                campaign,
                flagged: deal.support_lead.map_or(NEVER, |s| s.flagged_at.0),
            });
        }
    }

    fn tickets(&mut self, docs: &ByType<'a>, settings: &WorkspaceSettings) {
        let policy = settings.sla.policy().ok();
        self.ix.sla.clone_from(&policy);
        for (d, t) in docs.live::<Ticket>(RecordType::Ticket) {
            let owner = self.owner(t.contact_id.as_deref(), t.account_id.as_deref());
            if let Some(c) = t.channel {
                self.ticket_channels.insert(d.id.as_str(), channel_index(c));
            }
            let rec = self.push_id(&d.id);
            self.ix.tickets.push(TicketRow {
                rec,
                owner,
                opened: t.opened_at.0,
                done: ticket_done(&t),
                sla: sla_of(policy.as_ref(), t),
            });
        }
    }

    /// Survey answers with a valid score, at their stage and channel.
    fn surveys(&mut self, docs: &ByType<'a>) {
        for (d, s) in docs.live::<SurveyView>(RecordType::SurveyResponse) {
            let (lo, hi) = s.kind.range();
            if !(lo..=hi).contains(&s.score) {
                continue;
            }
            let owner = self.owner(Some(s.contact_id), s.account_id);
            let at = s.answered_at.0;
            let contact = owner.contact;
            let stage = match s.journey_stage {
                Some(id) if !id.is_empty() => self.stages.get(id).copied(),
                _ if contact != NONE => at_or_before(self.paths.of(contact), at),
                _ => None,
            };
            let channel = channel_field(d)
                .map(channel_index)
                .or_else(|| self.ticket_channels.get(s.ticket_id?).copied())
                .or_else(|| {
                    (contact != NONE)
                        .then(|| at_or_before(self.touches.of(contact), at))
                        .flatten()
                });
            let rec = self.push_id(&d.id);
            self.ix.surveys.push(SurveyRow {
                rec,
                owner,
                at,
                month: Month::of(s.answered_at, self.ix.offset_min),
                kind: match s.kind {
                    SurveyKind::Nps => 0,
                    SurveyKind::Csat => 1,
                    SurveyKind::Ces => 2,
                },
                score: s.score,
                stage: stage.unwrap_or(NO_STAGE),
                channel: channel.unwrap_or(NO_CHANNEL),
            });
        }
    }

    /// Period figures, one per month (the first document of a month wins).
    fn periods(&mut self, docs: &ByType<'a>) {
        for (d, p) in docs.live::<PeriodFigures>(RecordType::Period) {
            let Some(month) = Month::parse(&p.month) else {
                continue;
            };
            if self.ix.periods.iter().any(|x| x.month == month) {
                continue;
            }
            let rec = self.push_id(&d.id);
            let mut recurring = Vec::with_capacity(p.recurring_revenue.len());
            for (id, amount) in &p.recurring_revenue {
                let account = self.accounts.get(id.as_str()).copied().unwrap_or(NONE);
                let rec = match self.ix.accounts.get(account as usize) {
                    Some(a) => a.rec,
                    None => match self.unknown_accounts.get(id.as_str()) {
                        Some(&rec) => rec,
                        None => {
                            let rec = self.push_id(id);
                            self.unknown_accounts.insert(id.clone(), rec);
                            rec
                        }
                    },
                };
                recurring.push(Recurring {
                    account,
                    rec,
                    amount: *amount,
                });
            }
            self.ix.periods.push(PeriodRow {
                rec,
                month,
                spend: p.acquisition_spend,
                revenue: p.revenue,
                recurring,
            });
        }
        self.ix.periods.sort_by_key(|p| p.month);
    }

    fn finish(mut self) -> DashboardIndex {
        let ix = &mut self.ix;
        for (row, &touch) in ix.contacts.iter_mut().zip(&self.contact_first) {
            let earliest = touch.min(row.arrival);
            if earliest != NEVER {
                first(
                    &mut ix.customers[row.customer as usize].first_touch,
                    earliest,
                );
            }
            if row.arrival == NEVER {
                row.arrival = if touch == NEVER { i64::MIN } else { touch };
            }
        }
        self.events.sort_unstable();
        ix.events = Slices::from_sorted(ix.customers.len(), &self.events);
        for (i, c) in ix.customers.iter_mut().enumerate() {
            c.first_purchase = ix
                .events
                .of(i as u32)
                .iter()
                .find(|e| !e.churn)
                .map_or(NEVER, |e| e.at);
        }
        ix.span = span(ix);
        self.ix
    }
}

/// The last item at or before `at` of a time-ordered list.
fn at_or_before(items: &[(i64, u8)], at: i64) -> Option<u8> {
    let n = items.partition_point(|x| x.0 <= at);
    n.checked_sub(1).map(|i| items[i].1)
}

/// The earliest and latest dated event of the index.
fn span(ix: &DashboardIndex) -> Option<(i64, i64)> {
    let times = ix
        .surveys
        .iter()
        .map(|s| s.at)
        .chain(ix.deals.iter().flat_map(|d| [d.created, d.closed]))
        .chain(ix.churns.iter().map(|c| c.at))
        .chain(ix.tickets.iter().map(|t| t.opened))
        .chain(ix.events.items.iter().map(|e| e.at))
        .chain(ix.contacts.iter().map(|c| c.arrival))
        .chain(ix.periods.iter().map(|p| p.month.start(ix.offset_min).0))
        .filter(|&t| t != NEVER && t != i64::MIN);
    times.fold(None, |acc, t| match acc {
        None => Some((t, t)),
        Some((lo, hi)) => Some((lo.min(t), hi.max(t))),
    })
}
