//! Tickets and survey responses (DOMAIN.md §4, §5).

use super::{Extra, Record, RecordType};
use crate::domain::time::Timestamp;
use crate::domain::validate::{ErrorCode, ValidationErrors};
use serde::{Deserialize, Serialize};

/// Ticket priority.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketPriority {
    /// Low.
    Low,
    /// Normal.
    Normal,
    /// High.
    High,
    /// Urgent.
    Urgent,
}

/// A support ticket with its SLA targets and timestamps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ticket {
    /// Subject line.
    pub subject: String,
    /// Priority.
    pub priority: TicketPriority,
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SurveyKind {
    /// Net promoter score, 0..=10.
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    /// Optional comment.
    #[serde(default)]
    pub comment: String,
    /// Unknown fields, preserved.
    #[serde(flatten)]
    pub extra: Extra,
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
