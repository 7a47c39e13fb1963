//! Typed records. Each is stored as a CouchDB-style document (see [`super::doc`]);
//! unknown fields from a server land in `extra` and are written back unchanged.

mod change;
mod customer;
mod follow;
mod journey;
mod period;
mod sales;
mod service;
mod settings;
mod survey_entry;
mod touchpoint;

pub use change::{diff_fields, FieldChange, RecordChange};
pub use customer::{Account, Consent, Contact};
pub use follow::Follow;
pub use journey::{
    JourneyMap, Lane, LaneKind, MapColumn, MapComment, MapSnapshot, MapStep, Persona, PersonaRule,
    RuleMatcher, AVATAR_MAX_BYTES,
};
pub use period::{recurring_entry, recurring_of, PeriodFigures};
pub use sales::{
    Deal, DealStatus, LeadKind, Pipeline, PipelineStage, StageTransition, SupportLead,
    TransitionSubject,
};
pub use service::{
    SurveyKind, SurveyResponse, Ticket, TicketPriority, TicketStatus, TicketStatusChange,
};
pub use settings::{LeadAssignment, WorkspaceSettings};
pub use survey_entry::{answered_at, local_today, parse_score, EntryContext, SurveyEntry};
pub use touchpoint::{Activity, ActivityKind, Channel, GeoPoint};

use super::validate::ValidationErrors;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// The `type` of a document, which is also its `_id` prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordType {
    /// A company or household.
    Account,
    /// A person at an account.
    Contact,
    /// A sales opportunity.
    Deal,
    /// A sales pipeline with its stages.
    Pipeline,
    /// A touchpoint with a customer.
    Activity,
    /// A move of a deal or contact between stages.
    StageTransition,
    /// A support ticket.
    Ticket,
    /// An NPS/CSAT/CES answer.
    SurveyResponse,
    /// A customer persona.
    Persona,
    /// A journey map for one persona.
    JourneyMap,
    /// Workspace-wide settings (a single document).
    Settings,
    /// A person's edit of a record, field by field.
    RecordChange,
    /// A person following a record.
    Follow,
    /// A frozen copy of a journey map with its figures.
    MapSnapshot,
    /// Figures of one month entered by hand (spend, revenue).
    Period,
}

impl RecordType {
    /// Every type, in the order the dashboard lists them.
    pub const ALL: [RecordType; 15] = [
        RecordType::Account,
        RecordType::Contact,
        RecordType::Deal,
        RecordType::Pipeline,
        RecordType::Activity,
        RecordType::StageTransition,
        RecordType::Ticket,
        RecordType::SurveyResponse,
        RecordType::Persona,
        RecordType::JourneyMap,
        RecordType::Settings,
        RecordType::RecordChange,
        RecordType::Follow,
        RecordType::MapSnapshot,
        RecordType::Period,
    ];

    /// The stored `type` value and `_id` prefix.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordType::Account => "account",
            RecordType::Contact => "contact",
            RecordType::Deal => "deal",
            RecordType::Pipeline => "pipeline",
            RecordType::Activity => "activity",
            RecordType::StageTransition => "stage_transition",
            RecordType::Ticket => "ticket",
            RecordType::SurveyResponse => "survey_response",
            RecordType::Persona => "persona",
            RecordType::JourneyMap => "journey_map",
            RecordType::Settings => "settings",
            RecordType::RecordChange => "record_change",
            RecordType::Follow => "follow",
            RecordType::MapSnapshot => "map_snapshot",
            RecordType::Period => "period",
        }
    }

    /// Reads a stored `type` value.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// A document id for this type: `deal:<local>`.
    pub fn doc_id(self, local: &str) -> String {
        format!("{}:{local}", self.as_str())
    }
}

/// A typed record that can live in a document.
pub trait Record: Serialize + DeserializeOwned + Clone {
    /// The document type.
    const TYPE: RecordType;
    /// The schema version written into new documents.
    const SCHEMA: u32 = 1;
    /// Field checks that need nothing but the record itself.
    fn validate(&self) -> ValidationErrors;
}

/// The catch-all for fields this version of Waypoint does not know.
pub type Extra = serde_json::Map<String, serde_json::Value>;
