//! Workspace settings: one document, `settings:workspace`.

use super::{Extra, Record, RecordType};
use crate::domain::lead_source::{default_source_rules, SourceRule};
use crate::domain::money::Currency;
use crate::domain::sla::SlaSettings;
use crate::domain::stages::{JourneyStage, StageSetPreset};
use crate::domain::validate::{ErrorCode, ValidationErrors};
use serde::{Deserialize, Serialize};

/// Workspace-wide choices.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkspaceSettings {
    /// UI language: `"vi"` or `"en"`.
    pub locale: String,
    /// Currency totals are shown in.
    pub currency: Currency,
    /// The preset the stage set came from.
    pub stage_preset: StageSetPreset,
    /// Journey stages in lifecycle order.
    pub journey_stages: Vec<JourneyStage>,
    /// Rules classifying lead sources into groups, first match wins.
    #[serde(default = "default_source_rules")]
    pub source_rules: Vec<SourceRule>,
    /// Business hours, holidays and SLA targets for tickets.
    #[serde(default)]
    pub sla: SlaSettings,
    /// Who gets a support-qualified lead.
    #[serde(default)]
    pub lead_assignment: LeadAssignment,
    /// Unknown fields, preserved.
    #[serde(flatten)]
    pub extra: Extra,
}

/// How a support-qualified lead finds its salesperson.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum LeadAssignment {
    /// The account's owner; the person who flagged it when the account has none.
    #[default]
    AccountOwner,
    /// Each lead to the next person in the list, in turn.
    RoundRobin {
        /// The salespeople, in order.
        members: Vec<String>,
    },
}

impl WorkspaceSettings {
    /// The local id of the single settings document.
    pub const LOCAL_ID: &'static str = "workspace";
    /// The languages the app is written in.
    pub const LOCALES: [&'static str; 2] = ["vi", "en"];

    /// Settings for a new workspace.
    pub fn new(locale: &str, currency: Currency, preset: StageSetPreset) -> Self {
        WorkspaceSettings {
            locale: locale.into(),
            currency,
            stage_preset: preset,
            journey_stages: preset.stages(),
            source_rules: default_source_rules(),
            sla: SlaSettings {
                // Days and months (SLA clocks, dashboard ranges) are local:
                // a Vietnamese workspace starts at +07:00, others at UTC.
                utc_offset_min: if locale == "vi" { 420 } else { 0 },
                ..SlaSettings::default()
            },
            lead_assignment: LeadAssignment::default(),
            extra: Extra::new(),
        }
    }

    /// The stage ids, in order.
    pub fn stage_ids(&self) -> Vec<&str> {
        self.journey_stages.iter().map(|s| s.id.as_str()).collect()
    }
}

impl Default for WorkspaceSettings {
    fn default() -> Self {
        Self::new("vi", Currency::Vnd, StageSetPreset::Classic)
    }
}

impl Record for WorkspaceSettings {
    const TYPE: RecordType = RecordType::Settings;
    fn validate(&self) -> ValidationErrors {
        let mut e = ValidationErrors::default();
        if !Self::LOCALES.contains(&self.locale.as_str()) {
            e.push("locale", ErrorCode::OutOfRange);
        }
        if self.journey_stages.is_empty() {
            e.push("journey_stages", ErrorCode::Required);
        }
        for (i, s) in self.journey_stages.iter().enumerate() {
            if s.id.trim().is_empty() {
                e.push(format!("journey_stages[{i}].id"), ErrorCode::InvalidId);
            } else if self.journey_stages[..i].iter().any(|o| o.id == s.id) {
                e.push(format!("journey_stages[{i}].id"), ErrorCode::Duplicate);
            }
        }
        e
    }
}
