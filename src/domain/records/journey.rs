//! Personas and journey maps (DOMAIN.md §2).

use super::{Extra, Record, RecordType};
use crate::domain::validate::{ErrorCode, ValidationErrors};
use serde::{Deserialize, Serialize};

/// A customer persona (chân dung khách hàng).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Persona {
    /// Name, e.g. "Chị Lan — IT admin".
    pub name: String,
    /// Segment.
    #[serde(default)]
    pub segment: String,
    /// Role: buyer, admin, daily user…
    #[serde(default)]
    pub role: String,
    /// Location.
    #[serde(default)]
    pub location: String,
    /// Age group ("25–34").
    #[serde(default)]
    pub age_group: String,
    /// Industry.
    #[serde(default)]
    pub industry: String,
    /// Goals.
    #[serde(default)]
    pub goals: Vec<String>,
    /// Needs.
    #[serde(default)]
    pub needs: Vec<String>,
    /// Barriers.
    #[serde(default)]
    pub barriers: Vec<String>,
    /// Motivations.
    #[serde(default)]
    pub motivations: Vec<String>,
    /// Unknown fields, preserved.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Record for Persona {
    const TYPE: RecordType = RecordType::Persona;
    fn validate(&self) -> ValidationErrors {
        let mut e = ValidationErrors::default();
        e.require("name", &self.name);
        e
    }
}

/// A journey map for one persona over the workspace's journey stages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JourneyMap {
    /// Title.
    pub title: String,
    /// Persona document id.
    pub persona_id: String,
    /// Stage ids shown as columns, in order.
    pub stages: Vec<String>,
    /// Unknown fields (lanes, cells, curves), preserved.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Record for JourneyMap {
    const TYPE: RecordType = RecordType::JourneyMap;
    fn validate(&self) -> ValidationErrors {
        let mut e = ValidationErrors::default();
        e.require("title", &self.title);
        e.require("persona_id", &self.persona_id);
        if self.stages.is_empty() {
            e.push("stages", ErrorCode::Required);
        }
        e
    }
}
