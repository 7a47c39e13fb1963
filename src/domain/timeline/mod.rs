//! One customer timeline (docs/domain.md#timeline, "service context"): activities, stage
//! changes, deal moves, tickets, survey answers and record edits merged into a
//! single feed, newest first, each item tagged with channel, journey stage and
//! emotion. Items that carry no stage of their own get the stage the contact was
//! in at that moment, derived from the contact's stage-transition history.

mod rows;

pub use rows::{day_rows, offsets, row_of_day, visible_range, Row};

use crate::domain::records::{
    Activity, ActivityKind, Channel, Deal, FieldChange, GeoPoint, RecordChange, StageTransition,
    SurveyKind, SurveyResponse, Ticket, TicketPriority, TransitionSubject,
};
use crate::domain::stages::StagePath;
use crate::domain::time::Timestamp;
use crate::domain::{Doc, RecordType};
use std::collections::{BTreeMap, HashSet};

/// What a timeline item is; the filter chips and icons use this.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimelineKind {
    /// A touchpoint logged as an activity.
    Activity(ActivityKind),
    /// The contact moved to another journey stage.
    StageChange,
    /// A deal moved between pipeline stages.
    DealChange,
    /// A support ticket was opened.
    TicketOpened,
    /// A support ticket was resolved.
    TicketResolved,
    /// An NPS, CSAT or CES answer.
    Survey,
    /// Somebody edited the record.
    RecordChange,
}

impl TimelineKind {
    /// Every kind, in the order the filter lists them.
    pub fn all() -> Vec<TimelineKind> {
        let mut v: Vec<TimelineKind> = ActivityKind::ALL
            .iter()
            .map(|k| TimelineKind::Activity(*k))
            .collect();
        v.extend([
            TimelineKind::StageChange,
            TimelineKind::DealChange,
            TimelineKind::TicketOpened,
            TimelineKind::TicketResolved,
            TimelineKind::Survey,
            TimelineKind::RecordChange,
        ]);
        v
    }
}

/// The kind-specific content of an item.
#[derive(Clone, Debug, PartialEq)]
pub enum Detail {
    /// Notes of an activity, with the place of a field visit.
    Notes {
        /// Free text.
        text: String,
        /// Where, for visits.
        location: Option<GeoPoint>,
        /// The digest of the visit's photo, when one was taken.
        photo: Option<String>,
    },
    /// A journey-stage move.
    Stage {
        /// Stage left.
        from: Option<String>,
        /// Stage entered.
        to: String,
    },
    /// A deal's pipeline-stage move.
    Deal {
        /// Deal id.
        deal_id: String,
        /// Deal title, when the deal is known.
        title: String,
        /// The deal's pipeline, when the deal is known: stage ids are only
        /// unique within one pipeline.
        pipeline_id: Option<String>,
        /// Pipeline stage left.
        from: Option<String>,
        /// Pipeline stage entered.
        to: String,
    },
    /// A ticket opened or resolved.
    Ticket {
        /// Subject line.
        subject: String,
        /// Priority.
        priority: TicketPriority,
    },
    /// A survey answer.
    Survey {
        /// NPS, CSAT or CES.
        kind: SurveyKind,
        /// The score.
        score: u8,
        /// The comment, if any.
        comment: String,
    },
    /// Field-by-field edits.
    Changes(Vec<FieldChange>),
}

/// One row of content in a timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineItem {
    /// Unique within the timeline (the source document id, plus `#resolved` for a ticket's second item).
    pub key: String,
    /// The document the item comes from.
    pub doc_id: String,
    /// What it is.
    pub kind: TimelineKind,
    /// When it happened.
    pub at: Timestamp,
    /// Channel, for touchpoints.
    pub channel: Option<Channel>,
    /// Journey stage at the time.
    pub stage: Option<String>,
    /// The customer's emotion, −2..=2, when recorded.
    pub emotion: Option<i8>,
    /// Who logged or caused it.
    pub author: String,
    /// The contact it concerns, when known.
    pub contact_id: Option<String>,
    /// Kind-specific content.
    pub detail: Detail,
}

/// Whose timeline to build.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// One person: their touchpoints, stage moves, tickets, answers, edits, and moves of their deals.
    Contact(String),
    /// A company: everything of all its contacts and deals, and edits of the account.
    Account(String),
}

/// Builds the timeline of `scope` from any set of documents (typically everything
/// linked to the account), newest first. Documents outside the scope are ignored.
pub fn build(docs: &[Doc], scope: &Scope) -> Vec<TimelineItem> {
    let mut activities: Vec<(String, Activity)> = Vec::new();
    let mut transitions: Vec<(String, StageTransition)> = Vec::new();
    let mut tickets: Vec<(String, Ticket)> = Vec::new();
    let mut surveys: Vec<(String, SurveyResponse)> = Vec::new();
    let mut changes: Vec<(String, RecordChange)> = Vec::new();
    let mut deals: BTreeMap<String, Deal> = BTreeMap::new();
    for d in docs.iter().filter(|d| !d.deleted) {
        match d.record_type() {
            Some(RecordType::Activity) => push(&mut activities, d),
            Some(RecordType::StageTransition) => push(&mut transitions, d),
            Some(RecordType::Ticket) => push(&mut tickets, d),
            Some(RecordType::SurveyResponse) => push(&mut surveys, d),
            Some(RecordType::RecordChange) => push(&mut changes, d),
            Some(RecordType::Deal) => {
                if let Ok(deal) = d.record::<Deal>() {
                    deals.insert(d.id.clone(), deal);
                }
            }
            _ => {}
        }
    }
    let (account, contact) = match scope {
        Scope::Account(a) => (Some(a.as_str()), None),
        Scope::Contact(c) => (None, Some(c.as_str())),
    };
    let in_scope = |acc: Option<&String>, con: Option<&String>| match (account, contact) {
        (Some(a), _) => acc.map(String::as_str) == Some(a),
        (_, Some(c)) => con.map(String::as_str) == Some(c),
        _ => false,
    };
    let my_deals: HashSet<String> = deals
        .iter()
        .filter(|(_, d)| match (account, contact) {
            (Some(a), _) => d.account_id.as_deref() == Some(a),
            (_, Some(c)) => d.contact_id.as_deref() == Some(c),
            _ => false,
        })
        .map(|(id, _)| id.clone())
        .collect();

    // Journey paths of every contact seen, to tag items with the stage at the time.
    let mut paths: BTreeMap<String, Vec<(String, Timestamp)>> = BTreeMap::new();
    for (_, t) in &transitions {
        if t.subject == TransitionSubject::Contact {
            paths
                .entry(t.subject_id.clone())
                .or_default()
                .push((t.to_stage.clone(), t.occurred_at));
        }
    }
    let paths: BTreeMap<String, StagePath> = paths
        .into_iter()
        .map(|(k, v)| (k, StagePath::from_transitions(v)))
        .collect();
    let stage_at = |contact: Option<&String>, at: Timestamp| {
        contact
            .and_then(|c| paths.get(c.as_str()))
            .and_then(|p| p.stage_at(at))
            .map(str::to_owned)
    };

    let mut out = Vec::new();
    for (id, a) in activities {
        if !in_scope(a.account_id.as_ref(), a.contact_id.as_ref()) {
            continue;
        }
        out.push(TimelineItem {
            key: id.clone(),
            doc_id: id,
            kind: TimelineKind::Activity(a.kind),
            at: a.occurred_at,
            channel: Some(a.channel),
            stage: Some(a.journey_stage),
            emotion: Some(a.emotion),
            author: a.author,
            contact_id: a.contact_id,
            detail: Detail::Notes {
                text: if a.reason.is_empty() {
                    a.notes
                } else {
                    a.reason
                },
                location: a.location,
                photo: crate::domain::attachment::refs("", &a.extra)
                    .into_iter()
                    .find(|r| r.name == crate::domain::attachment::PHOTO)
                    .map(|r| r.digest),
            },
        });
    }
    for (id, t) in transitions {
        let item = match t.subject {
            TransitionSubject::Contact => {
                if !in_scope(t.account_id.as_ref(), Some(&t.subject_id)) {
                    continue;
                }
                TimelineItem {
                    key: id.clone(),
                    doc_id: id,
                    kind: TimelineKind::StageChange,
                    at: t.occurred_at,
                    channel: None,
                    stage: Some(t.to_stage.clone()),
                    emotion: None,
                    author: t.by,
                    contact_id: Some(t.subject_id),
                    detail: Detail::Stage {
                        from: t.from_stage,
                        to: t.to_stage,
                    },
                }
            }
            TransitionSubject::Deal => {
                if !my_deals.contains(&t.subject_id) {
                    continue;
                }
                let deal = deals.get(&t.subject_id);
                let contact = deal.and_then(|d| d.contact_id.clone());
                TimelineItem {
                    key: id.clone(),
                    doc_id: id,
                    kind: TimelineKind::DealChange,
                    at: t.occurred_at,
                    channel: None,
                    stage: stage_at(contact.as_ref(), t.occurred_at),
                    emotion: None,
                    author: t.by,
                    contact_id: contact,
                    detail: Detail::Deal {
                        title: deal.map(|d| d.title.clone()).unwrap_or_default(),
                        pipeline_id: deal.map(|d| d.pipeline_id.clone()),
                        deal_id: t.subject_id,
                        from: t.from_stage,
                        to: t.to_stage,
                    },
                }
            }
        };
        out.push(item);
    }
    for (id, t) in tickets {
        if !in_scope(t.account_id.as_ref(), t.contact_id.as_ref()) {
            continue;
        }
        let item = |key: String, kind, at| TimelineItem {
            key,
            doc_id: id.clone(),
            kind,
            at,
            channel: Some(Channel::Support),
            stage: stage_at(t.contact_id.as_ref(), at),
            emotion: None,
            author: String::new(),
            contact_id: t.contact_id.clone(),
            detail: Detail::Ticket {
                subject: t.subject.clone(),
                priority: t.priority,
            },
        };
        out.push(item(id.clone(), TimelineKind::TicketOpened, t.opened_at));
        if let Some(r) = t.resolved_at {
            out.push(item(
                format!("{id}#resolved"),
                TimelineKind::TicketResolved,
                r,
            ));
        }
    }
    for (id, s) in surveys {
        if !in_scope(s.account_id.as_ref(), Some(&s.contact_id)) {
            continue;
        }
        out.push(TimelineItem {
            key: id.clone(),
            doc_id: id,
            kind: TimelineKind::Survey,
            at: s.answered_at,
            channel: s.channel,
            // The stage it was sent at, as the dashboard counts it; else the contact's then.
            stage: s
                .journey_stage
                .clone()
                .or_else(|| stage_at(Some(&s.contact_id), s.answered_at)),
            emotion: None,
            author: String::new(),
            contact_id: Some(s.contact_id),
            detail: Detail::Survey {
                kind: s.kind,
                score: s.score,
                comment: s.comment,
            },
        });
    }
    for (id, c) in changes {
        let mine = match scope {
            Scope::Account(a) => c.account_id.as_deref() == Some(a) || &c.subject_id == a,
            Scope::Contact(p) => c.contact_id.as_deref() == Some(p) || &c.subject_id == p,
        };
        if !mine {
            continue;
        }
        out.push(TimelineItem {
            key: id.clone(),
            doc_id: id,
            kind: TimelineKind::RecordChange,
            at: c.occurred_at,
            channel: None,
            stage: stage_at(c.contact_id.as_ref(), c.occurred_at),
            emotion: None,
            author: c.by,
            contact_id: c.contact_id,
            detail: Detail::Changes(c.changes),
        });
    }
    // Newest first; ties in a stable, meaningful order.
    out.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| b.key.cmp(&a.key)));
    out
}

fn push<R: crate::domain::Record>(into: &mut Vec<(String, R)>, d: &Doc) {
    if let Ok(r) = d.record::<R>() {
        into.push((d.id.clone(), r));
    }
}

/// What to show; empty lists mean "all".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TimelineFilter {
    /// Item kinds to keep.
    pub kinds: Vec<TimelineKind>,
    /// Channels to keep (items without a channel are dropped when this is set).
    pub channels: Vec<Channel>,
    /// Journey stages to keep.
    pub stages: Vec<String>,
    /// From this instant, inclusive.
    pub from: Option<Timestamp>,
    /// Before this instant, exclusive.
    pub until: Option<Timestamp>,
}

impl TimelineFilter {
    /// True when nothing is filtered out.
    pub fn is_empty(&self) -> bool {
        *self == TimelineFilter::default()
    }

    /// Whether `item` passes.
    pub fn keeps(&self, item: &TimelineItem) -> bool {
        (self.kinds.is_empty() || self.kinds.contains(&item.kind))
            && (self.channels.is_empty()
                || item.channel.is_some_and(|c| self.channels.contains(&c)))
            && (self.stages.is_empty()
                || item.stage.as_ref().is_some_and(|s| self.stages.contains(s)))
            && self.from.is_none_or(|f| item.at >= f)
            && self.until.is_none_or(|u| item.at < u)
    }
}

#[cfg(test)]
mod tests;
