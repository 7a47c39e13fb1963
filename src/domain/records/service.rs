//! Tickets and survey responses (docs/domain.md#support-workflow, #metrics).

use super::{Channel, Extra, Record, RecordType};
use crate::domain::time::Timestamp;
use crate::domain::validate::{ErrorCode, ValidationErrors};
use serde::{Deserialize, Serialize};

/// Ticket priority.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketPriority {
    /// Low.
    Low,
    /// Normal.
    #[default]
    Normal,
    /// High.
    High,
    /// Urgent.
    Urgent,
}

/// Where a ticket stands. Pending customer stops its SLA clocks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketStatus {
    /// Opened, nobody has answered yet.
    #[default]
    New,
    /// Answered and being worked on.
    Open,
    /// Waiting for the customer; the SLA clocks are paused.
    PendingCustomer,
    /// Solved; the customer may still reopen it.
    Resolved,
    /// Done for good.
    Closed,
}

impl TicketStatus {
    /// Every status, in workflow order.
    pub const ALL: [TicketStatus; 5] = [
        TicketStatus::New,
        TicketStatus::Open,
        TicketStatus::PendingCustomer,
        TicketStatus::Resolved,
        TicketStatus::Closed,
    ];

    /// The stored value.
    pub fn as_str(self) -> &'static str {
        match self {
            TicketStatus::New => "new",
            TicketStatus::Open => "open",
            TicketStatus::PendingCustomer => "pending_customer",
            TicketStatus::Resolved => "resolved",
            TicketStatus::Closed => "closed",
        }
    }

    /// Reads a stored value.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// Resolved or closed: nobody needs to act.
    pub fn is_done(self) -> bool {
        matches!(self, TicketStatus::Resolved | TicketStatus::Closed)
    }
}

/// One status change of a ticket, kept so the SLA pauses can be rebuilt.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketStatusChange {
    /// The status entered.
    pub to: TicketStatus,
    /// When.
    pub at: Timestamp,
    /// Who (empty when not recorded).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
}

/// A support ticket with its SLA targets and timestamps.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Ticket {
    /// Subject line.
    pub subject: String,
    /// What the customer asked, in their words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Where the request came in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    /// Priority.
    pub priority: TicketPriority,
    /// Workflow status. Tickets written before statuses existed read as `new`;
    /// see [`Ticket::current_status`].
    #[serde(default)]
    pub status: TicketStatus,
    /// Who works on it (a user name; empty = unassigned).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub assignee: String,
    /// Every status change, oldest first (the SLA pauses come from it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub status_log: Vec<TicketStatusChange>,
    /// When a CSAT survey was sent (recorded) after resolving.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csat_requested_at: Option<Timestamp>,
    /// Account document id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    /// Contact document id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_id: Option<String>,
    /// SLA: first response within this many minutes.
    pub sla_first_response_min: u32,
    /// SLA: resolution within this many minutes.
    pub sla_resolution_min: u32,
    /// Opened at.
    pub opened_at: Timestamp,
    /// First response at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_response_at: Option<Timestamp>,
    /// Resolved at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_at: Option<Timestamp>,
    /// Unknown fields, preserved.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Ticket {
    /// The status, reading a ticket without a status log by its timestamps
    /// (resolved when `resolved_at` is set, open when answered, else new).
    pub fn current_status(&self) -> TicketStatus {
        if !self.status_log.is_empty() || self.status != TicketStatus::New {
            return self.status;
        }
        if self.resolved_at.is_some() {
            TicketStatus::Resolved
        } else if self.first_response_at.is_some() {
            TicketStatus::Open
        } else {
            TicketStatus::New
        }
    }
}

impl Record for Ticket {
    const TYPE: RecordType = RecordType::Ticket;
    fn validate(&self) -> ValidationErrors {
        let mut e = ValidationErrors::default();
        e.require("subject", &self.subject);
        if let Some(r) = self.resolved_at {
            if r < self.opened_at {
                e.push("resolved_at", ErrorCode::InvalidRange);
            }
        }
        if let Some(r) = self.first_response_at {
            if r < self.opened_at {
                e.push("first_response_at", ErrorCode::InvalidRange);
            }
        }
        e
    }
}

/// Which survey a score answers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SurveyKind {
    /// Net promoter score, 0..=10.
    #[default]
    Nps,
    /// Customer satisfaction, 1..=5.
    Csat,
    /// Customer effort score, 1..=7.
    Ces,
}

impl SurveyKind {
    /// The valid score range.
    pub fn range(self) -> (u8, u8) {
        match self {
            SurveyKind::Nps => (0, 10),
            SurveyKind::Csat => (1, 5),
            SurveyKind::Ces => (1, 7),
        }
    }
}

/// One answer to an NPS, CSAT or CES survey.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SurveyResponse {
    /// Survey kind.
    pub kind: SurveyKind,
    /// Score on the kind's scale.
    pub score: u8,
    /// Contact document id.
    pub contact_id: String,
    /// Account document id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    /// Ticket the survey followed, for CSAT after a case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket_id: Option<String>,
    /// Answered at.
    pub answered_at: Timestamp,
    /// The journey stage the survey was sent at; when absent, the stage the
    /// contact was in at `answered_at` is used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub journey_stage: Option<String>,
    /// The touchpoint the answer rates, named by its channel (docs/domain.md#channels:
    /// a journey's touchpoints are listed by channel; a CSV's "touchpoint"
    /// column lands here), when known. An answer that follows a ticket rates
    /// that case, so it carries the ticket's channel (see
    /// [`SurveyResponse::in_person_channel`]); see the dashboard for how an
    /// unknown channel is derived.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    /// Optional comment.
    #[serde(default)]
    pub comment: String,
    /// Unknown fields, preserved.
    #[serde(flatten)]
    pub extra: Extra,
}

impl SurveyResponse {
    /// The channel of an answer given on the in-person (kiosk) screen. An
    /// answer that follows a ticket (a CSAT after a case) rates that case, so
    /// it counts under the ticket's channel — the touchpoint being rated, not
    /// the device it was typed on; without a ticket, or when the ticket's
    /// channel is unknown, it counts under the field visit where it was given.
    pub fn in_person_channel(ticket: Option<&Ticket>) -> Channel {
        ticket.and_then(|t| t.channel).unwrap_or(Channel::Field)
    }
}

impl Record for SurveyResponse {
    const TYPE: RecordType = RecordType::SurveyResponse;
    fn validate(&self) -> ValidationErrors {
        let mut e = ValidationErrors::default();
        let (lo, hi) = self.kind.range();
        e.range("score", self.score, lo, hi);
        e.require("contact_id", &self.contact_id);
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ticket(channel: Option<Channel>) -> Ticket {
        Ticket {
            subject: "Máy in không chạy".into(),
            description: String::new(),
            channel,
            priority: TicketPriority::Normal,
            status: TicketStatus::Resolved,
            assignee: String::new(),
            status_log: vec![],
            csat_requested_at: None,
            account_id: None,
            contact_id: Some("contact:c1".into()),
            sla_first_response_min: 60,
            sla_resolution_min: 240,
            opened_at: Timestamp(0),
            first_response_at: None,
            resolved_at: None,
            extra: Extra::new(),
        }
    }

    #[test]
    fn an_in_person_answer_to_a_ticket_counts_under_the_tickets_channel() {
        let phone = ticket(Some(Channel::Phone));
        assert_eq!(
            SurveyResponse::in_person_channel(Some(&phone)),
            Channel::Phone
        );
        let chat = ticket(Some(Channel::LiveChat));
        assert_eq!(
            SurveyResponse::in_person_channel(Some(&chat)),
            Channel::LiveChat
        );
        // No ticket, or a ticket whose channel nobody recorded: where it was answered.
        assert_eq!(SurveyResponse::in_person_channel(None), Channel::Field);
        assert_eq!(
            SurveyResponse::in_person_channel(Some(&ticket(None))),
            Channel::Field
        );
    }
}
