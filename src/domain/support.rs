//! Support work (docs/domain.md#support-workflow): a ticket's status workflow and the SLA pauses it
//! implies, the support queue, and support-qualified leads handed to sales.

use super::records::{
    Deal, DealStatus, LeadAssignment, LeadKind, Pipeline, SupportLead, Ticket, TicketStatus,
    TicketStatusChange,
};
use super::sla::{Pause, QueueKey, SlaPolicy, TicketClocks};
use super::time::Timestamp;
use super::Money;

#[cfg(test)]
mod tests;

/// Why a status change was refused. Nothing is written when this is returned.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TicketError {
    /// The workflow has no such step (e.g. new → new).
    #[error("a ticket cannot go from {from:?} to {to:?}")]
    NotAllowed {
        /// The current status.
        from: TicketStatus,
        /// The requested one.
        to: TicketStatus,
    },
    /// The change would be dated before the ticket's last change or its opening.
    #[error("a status change cannot be dated before the ticket's last change")]
    BeforeLastChange,
}

/// The statuses a ticket in `from` may move to, in the order a menu lists them.
pub fn next_statuses(from: TicketStatus) -> &'static [TicketStatus] {
    use TicketStatus::*;
    match from {
        New => &[Open, PendingCustomer, Resolved, Closed],
        Open => &[PendingCustomer, Resolved, Closed],
        PendingCustomer => &[Open, Resolved, Closed],
        Resolved => &[Open, Closed],
        Closed => &[Open],
    }
}

/// `ticket` moved to `to` at `at` by `by`:
/// - leaving `new` counts as the first response (unless one is recorded);
/// - `resolved` and `closed` stop the resolution clock (`resolved_at`, kept
///   when a resolved ticket is closed);
/// - reopening clears `resolved_at`, and the time it spent resolved is a pause
///   (see [`pauses`]), so the customer's silence is not held against support.
pub fn change_status(
    ticket: &Ticket,
    to: TicketStatus,
    at: Timestamp,
    by: &str,
) -> Result<Ticket, TicketError> {
    let from = ticket.current_status();
    if !next_statuses(from).contains(&to) {
        return Err(TicketError::NotAllowed { from, to });
    }
    let last = ticket
        .status_log
        .last()
        .map_or(ticket.opened_at, |c| c.at)
        .max(ticket.opened_at);
    if at < last {
        return Err(TicketError::BeforeLastChange);
    }
    let mut next = ticket.clone();
    next.status_log = log_of(ticket);
    if from == TicketStatus::New && next.first_response_at.is_none() {
        next.first_response_at = Some(at);
    }
    match to {
        TicketStatus::Resolved | TicketStatus::Closed => {
            next.resolved_at.get_or_insert(at);
        }
        TicketStatus::Open if from.is_done() => {
            next.resolved_at = None;
            // A new resolution will ask for a new survey.
            next.csat_requested_at = None;
        }
        _ => {}
    }
    next.status = to;
    next.status_log.push(TicketStatusChange {
        to,
        at,
        by: by.to_owned(),
    });
    Ok(next)
}

/// The ticket's status history. A ticket written without one (before
/// statuses existed, or by another client) gets the history its fields imply:
/// open at its first response, resolved at its resolution, and its stored
/// status from its last known change when that differs.
fn log_of(ticket: &Ticket) -> Vec<TicketStatusChange> {
    if !ticket.status_log.is_empty() {
        return ticket.status_log.clone();
    }
    let change = |to, at| TicketStatusChange {
        to,
        at,
        by: String::new(),
    };
    let mut log = Vec::new();
    if let Some(r) = ticket.first_response_at {
        log.push(change(TicketStatus::Open, r));
    }
    if let Some(r) = ticket.resolved_at {
        log.push(change(TicketStatus::Resolved, r));
    }
    let status = ticket.current_status();
    if status != log.last().map_or(TicketStatus::New, |c| c.to) {
        let at = log.last().map_or(ticket.opened_at, |c| c.at);
        log.push(change(status, at));
    }
    log
}

/// The stretches during which `ticket`'s clocks stop: while pending customer,
/// and while resolved or closed before a reopen. The current stretch is open
/// when the ticket is pending now. Resolving stops the clocks anyway, so the
/// last resolved stretch is left out. A ticket without a status log is read
/// through the history its fields imply (see `log_of`).
pub fn pauses(ticket: &Ticket) -> Vec<Pause> {
    let mut out = Vec::new();
    let mut started: Option<Timestamp> = None;
    let log = &log_of(ticket);
    for (i, change) in log.iter().enumerate() {
        if let Some(start) = started.take() {
            out.push(Pause::closed(start, change.at));
        }
        let stops = match change.to {
            TicketStatus::PendingCustomer => true,
            // Only a resolution that was later reopened is a pause.
            TicketStatus::Resolved | TicketStatus::Closed => {
                log[i + 1..].iter().any(|c| c.to == TicketStatus::Open)
            }
            _ => false,
        };
        if stops {
            started = Some(change.at);
        }
    }
    if let Some(start) = started {
        out.push(Pause::open(start));
    }
    out
}

/// One ticket in the support queue.
#[derive(Clone, Debug, PartialEq)]
pub struct QueueRow {
    /// The ticket's document id.
    pub id: String,
    /// Both SLA clocks now.
    pub clocks: TicketClocks,
    /// The sort key (most urgent first).
    pub key: QueueKey,
}

/// The queue of `tickets` (document id, ticket) at `now`, most urgent first
/// (see [`crate::domain::sla::Urgency`]). With `open_only`, resolved and closed
/// tickets are left out.
pub fn queue(
    tickets: &[(String, Ticket)],
    policy: &SlaPolicy,
    now: Timestamp,
    open_only: bool,
) -> Vec<QueueRow> {
    let mut rows: Vec<QueueRow> = tickets
        .iter()
        .filter(|(_, t)| !open_only || !t.current_status().is_done())
        .map(|(id, t)| {
            let clocks = policy.clocks(t, &pauses(t), now);
            QueueRow {
                id: id.clone(),
                key: QueueKey::new(&clocks, t.opened_at, id),
                clocks,
            }
        })
        .collect();
    rows.sort_by(|a, b| a.key.cmp(&b.key));
    rows
}

/// What support entered when flagging an opportunity.
#[derive(Clone, Debug, PartialEq)]
pub struct LeadInput {
    /// The deal's title (the UI proposes "Upsell: <account>").
    pub title: String,
    /// Who flagged it.
    pub flagged_by: String,
    /// Upsell or cross-sell.
    pub kind: LeadKind,
    /// What support heard (required).
    pub note: String,
    /// The budget the customer mentioned, if any.
    pub budget_hint: Option<Money>,
    /// Account the opportunity is with.
    pub account_id: Option<String>,
    /// The customer who spoke to support.
    pub contact_id: Option<String>,
    /// The ticket it came from.
    pub ticket_id: Option<String>,
}

/// Why a lead could not be created.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LeadError {
    /// The title is empty.
    #[error("the opportunity needs a title")]
    NoTitle,
    /// The note is empty; sales needs to know what the customer wants.
    #[error("describe the opportunity")]
    NoNote,
    /// Neither an account nor a contact: nobody to sell to.
    #[error("an opportunity needs an account or a contact")]
    NoCustomer,
    /// The chosen pipeline has no stages.
    #[error("the pipeline has no stages")]
    EmptyPipeline,
}

/// Who receives a lead under `rule`: the account's owner (the flagger when the
/// account has none), or, round-robin, the person after the one who got the
/// previous lead (`leads_so_far` = support leads already assigned, so every
/// device that has synced computes the same turn without a shared counter).
pub fn assignee(
    rule: &LeadAssignment,
    account_owner: Option<&str>,
    flagged_by: &str,
    leads_so_far: usize,
) -> String {
    match rule {
        LeadAssignment::RoundRobin { members } => {
            let members: Vec<&String> = members.iter().filter(|m| !m.trim().is_empty()).collect();
            match members.len() {
                0 => account_owner.unwrap_or(flagged_by).to_owned(),
                n => members[leads_so_far % n].clone(),
            }
        }
        LeadAssignment::AccountOwner => account_owner
            .filter(|o| !o.trim().is_empty())
            .unwrap_or(flagged_by)
            .to_owned(),
    }
}

/// The deal a support-qualified lead becomes: in `pipeline`'s first stage,
/// worth the budget hint (zero in `currency` when none was given), owned by
/// `owner`, and carrying where it came from.
pub fn lead_deal(
    input: &LeadInput,
    pipeline_id: &str,
    pipeline: &Pipeline,
    owner: &str,
    at: Timestamp,
    currency: super::money::Currency,
) -> Result<Deal, LeadError> {
    if input.title.trim().is_empty() {
        return Err(LeadError::NoTitle);
    }
    if input.note.trim().is_empty() {
        return Err(LeadError::NoNote);
    }
    if input.account_id.is_none() && input.contact_id.is_none() {
        return Err(LeadError::NoCustomer);
    }
    let first = pipeline.stages.first().ok_or(LeadError::EmptyPipeline)?;
    Ok(Deal {
        title: input.title.trim().to_owned(),
        pipeline_id: pipeline_id.to_owned(),
        stage_id: first.id.clone(),
        status: DealStatus::Open,
        value: input.budget_hint.unwrap_or(Money::new(0, currency)),
        probability: None,
        account_id: input.account_id.clone(),
        contact_id: input.contact_id.clone(),
        owner: owner.to_owned(),
        expected_close: None,
        stage_entered_at: at,
        lost_reason: None,
        support_lead: Some(SupportLead {
            ticket_id: input.ticket_id.clone(),
            kind: input.kind,
            note: input.note.trim().to_owned(),
            budget_hint: input.budget_hint,
            flagged_by: input.flagged_by.clone(),
            flagged_at: at,
        }),
        rank: None,
        extra: Default::default(),
    })
}
