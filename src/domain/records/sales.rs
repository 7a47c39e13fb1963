//! Pipelines, deals and stage-transition events.

use super::{Extra, Record, RecordType};
use crate::domain::money::Money;
use crate::domain::time::Timestamp;
use crate::domain::validate::{ErrorCode, ValidationErrors};
use serde::{Deserialize, Serialize};

/// One stage of a sales pipeline.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PipelineStage {
    /// Stable id within the pipeline.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Win probability in percent, 0..=100.
    pub probability: u8,
    /// A deal idle longer than this many days is "rotting".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rotting_days: Option<u32>,
    /// Warn when more deals than this sit in the stage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wip_limit: Option<u32>,
}

/// A sales pipeline: ordered stages. Won and lost are outcomes, not stages.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Pipeline {
    /// Display name.
    pub name: String,
    /// Stages in board order.
    pub stages: Vec<PipelineStage>,
    /// Unknown fields, preserved.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Pipeline {
    /// The stage with this id.
    pub fn stage(&self, id: &str) -> Option<&PipelineStage> {
        self.stages.iter().find(|s| s.id == id)
    }
}

impl Record for Pipeline {
    const TYPE: RecordType = RecordType::Pipeline;
    fn validate(&self) -> ValidationErrors {
        let mut e = ValidationErrors::default();
        e.require("name", &self.name);
        if self.stages.is_empty() {
            e.push("stages", ErrorCode::Required);
        }
        for (i, s) in self.stages.iter().enumerate() {
            if s.id.trim().is_empty() || s.id.contains(char::is_whitespace) {
                e.push(format!("stages[{i}].id"), ErrorCode::InvalidId);
            } else if self.stages[..i].iter().any(|o| o.id == s.id) {
                e.push(format!("stages[{i}].id"), ErrorCode::Duplicate);
            }
            e.require(&format!("stages[{i}].name"), &s.name);
            e.range(&format!("stages[{i}].probability"), s.probability, 0, 100);
            if s.wip_limit == Some(0) {
                e.push(format!("stages[{i}].wip_limit"), ErrorCode::OutOfRange);
            }
        }
        e
    }
}

/// Where a deal stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DealStatus {
    /// Still in the pipeline.
    #[default]
    Open,
    /// Closed won.
    Won,
    /// Closed lost.
    Lost,
}

/// A sales opportunity.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Deal {
    /// Title shown on the card.
    pub title: String,
    /// Pipeline document id.
    pub pipeline_id: String,
    /// Stage id within the pipeline.
    pub stage_id: String,
    /// Open, won or lost.
    pub status: DealStatus,
    /// Deal value.
    pub value: Money,
    /// Overrides the stage's probability when set (percent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probability: Option<u8>,
    /// Account document id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    /// Main contact document id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_id: Option<String>,
    /// Owner.
    #[serde(default)]
    pub owner: String,
    /// Expected close date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_close: Option<Timestamp>,
    /// When the deal entered its current stage.
    pub stage_entered_at: Timestamp,
    /// Why it was lost, when lost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lost_reason: Option<String>,
    /// Set when support flagged the opportunity (a support-qualified lead).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_lead: Option<SupportLead>,
    /// Order within its board column (a fractional rank, see `domain::board::rank`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<String>,
    /// Unknown fields, preserved.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Where a support-qualified lead came from (docs/domain.md#support-qualified-leads): support saw a new
/// need and budget and handed it to sales.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SupportLead {
    /// The ticket it was found in, when it came from a ticket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket_id: Option<String>,
    /// Upsell (more of what they have) or cross-sell (something else).
    pub kind: LeadKind,
    /// What support heard.
    #[serde(default)]
    pub note: String,
    /// The customer's budget as support understood it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_hint: Option<Money>,
    /// Who flagged it (empty when not recorded).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub flagged_by: String,
    /// When.
    pub flagged_at: Timestamp,
}

/// The kind of a support-qualified lead.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeadKind {
    /// More of what the customer already buys.
    #[default]
    Upsell,
    /// Something the customer does not buy yet.
    CrossSell,
}

impl Deal {
    /// Checks that the stage exists in the deal's pipeline.
    pub fn validate_in(&self, pipeline: &Pipeline) -> ValidationErrors {
        let mut e = self.validate();
        if pipeline.stage(&self.stage_id).is_none() {
            e.push("stage_id", ErrorCode::UnknownStage);
        }
        e
    }
}

impl Record for Deal {
    const TYPE: RecordType = RecordType::Deal;
    fn validate(&self) -> ValidationErrors {
        let mut e = ValidationErrors::default();
        e.require("title", &self.title);
        e.require("pipeline_id", &self.pipeline_id);
        e.require("stage_id", &self.stage_id);
        if self.value.amount < 0 {
            e.push("value.amount", ErrorCode::Negative);
        }
        if let Some(p) = self.probability {
            e.range("probability", p, 0, 100);
        }
        e
    }
}

/// What moved between stages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TransitionSubject {
    /// A deal moved between pipeline stages.
    #[default]
    Deal,
    /// A contact moved between journey stages.
    Contact,
}

/// An event: a deal or contact entered a stage. Current stage is derived from these.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StageTransition {
    /// Deal or contact.
    pub subject: TransitionSubject,
    /// The deal's or contact's document id.
    pub subject_id: String,
    /// Account document id, for account timelines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    /// Stage left (none for the first entry).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_stage: Option<String>,
    /// Stage entered.
    pub to_stage: String,
    /// When.
    pub occurred_at: Timestamp,
    /// Who made the move (empty when not recorded).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
    /// Unknown fields, preserved.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Record for StageTransition {
    const TYPE: RecordType = RecordType::StageTransition;
    fn validate(&self) -> ValidationErrors {
        let mut e = ValidationErrors::default();
        e.require("subject_id", &self.subject_id);
        e.require("to_stage", &self.to_stage);
        e
    }
}
