//! Personas, journey maps and their snapshots (docs/domain.md#journey-maps). The map document is
//! Waypoint's open journey-map format; docs/formats.md#journey-map-json documents it.

use super::{Extra, Record, RecordType};
use crate::domain::time::Timestamp;
use crate::domain::validate::{ErrorCode, ValidationErrors};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Which contacts a persona covers when they have no persona assigned by hand:
/// every non-empty list must contain the contact's value (case- and
/// diacritic-insensitive); a rule with all lists empty matches nobody.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonaRule {
    /// Account segments ("SMB", "Enterprise").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub segments: Vec<String>,
    /// Account industries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub industries: Vec<String>,
    /// Contact roles ("admin", "buyer", "user").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
}

impl PersonaRule {
    /// The rule with its lists folded (case and accents dropped) once, for
    /// matching many contacts.
    pub fn matcher(&self) -> RuleMatcher {
        use crate::domain::search::normalise;
        let fold = |list: &[String]| -> Vec<String> {
            list.iter()
                .map(|s| normalise(s))
                .filter(|s| !s.is_empty())
                .collect()
        };
        RuleMatcher {
            segments: fold(&self.segments),
            industries: fold(&self.industries),
            roles: fold(&self.roles),
        }
    }

    /// Whether a contact with these account and contact fields is covered.
    pub fn matches(&self, segment: &str, industry: &str, role: &str) -> bool {
        use crate::domain::search::normalise;
        self.matcher()
            .fits(&normalise(segment), &normalise(industry), &normalise(role))
    }
}

/// A [`PersonaRule`] ready to match: every non-empty list must contain the
/// value; blank entries are ignored; a rule with no entries matches nobody.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleMatcher {
    segments: Vec<String>,
    industries: Vec<String>,
    roles: Vec<String>,
}

impl RuleMatcher {
    /// Whether already-normalised values (see `search::normalise`) fit.
    pub fn fits(&self, segment: &str, industry: &str, role: &str) -> bool {
        let any =
            !(self.segments.is_empty() && self.industries.is_empty() && self.roles.is_empty());
        let fit = |list: &[String], v: &str| list.is_empty() || list.iter().any(|x| x == v);
        any && fit(&self.segments, segment)
            && fit(&self.industries, industry)
            && fit(&self.roles, role)
    }
}

/// A customer persona (chân dung khách hàng).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
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
    /// Interests.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interests: Vec<String>,
    /// Avatar as a small `data:image/…` URL made on the device.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub avatar: String,
    /// Which contacts the persona covers.
    #[serde(default)]
    pub rule: PersonaRule,
    /// Unknown fields, preserved.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Largest avatar data URL kept in a persona document.
pub const AVATAR_MAX_BYTES: usize = 96 * 1024;

impl Record for Persona {
    const TYPE: RecordType = RecordType::Persona;
    fn validate(&self) -> ValidationErrors {
        let mut e = ValidationErrors::default();
        e.require("name", &self.name);
        if !self.avatar.is_empty()
            && (!self.avatar.starts_with("data:image/") || self.avatar.len() > AVATAR_MAX_BYTES)
        {
            e.push("avatar", ErrorCode::InvalidImage);
        }
        e
    }
}

/// One column of a map: a journey stage, optionally renamed, hidden or split into steps.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MapColumn {
    /// Column id: the workspace stage id, or `col-…` for a stage added on the map.
    pub id: String,
    /// The stage id its live figures come from (empty for a column with no stage).
    #[serde(default)]
    pub stage: String,
    /// Title shown instead of the stage's name, when set.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// Hidden columns keep their content but are not drawn or exported.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
    /// Steps inside the stage, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<MapStep>,
}

/// A step inside a stage ("reads a review", "books a demo").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MapStep {
    /// Step id, unique in the map.
    pub id: String,
    /// Title.
    pub name: String,
}

/// What a lane holds. The first eight are docs/domain.md#lanes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LaneKind {
    /// Mindset (trạng thái nhận thức).
    Mindset,
    /// Emotion curve.
    Emotion,
    /// Touchpoints.
    Touchpoints,
    /// Channels.
    Channels,
    /// Pain points and barriers.
    Pains,
    /// Opportunities.
    Opportunities,
    /// Departments responsible.
    Departments,
    /// Metrics and KPIs.
    Metrics,
    /// A lane the map's author named (a blank lane until it has a title).
    #[default]
    Custom,
}

impl LaneKind {
    /// The eight built-in lanes, in the order a new map shows them.
    pub const BUILT_IN: [LaneKind; 8] = [
        LaneKind::Mindset,
        LaneKind::Emotion,
        LaneKind::Touchpoints,
        LaneKind::Channels,
        LaneKind::Pains,
        LaneKind::Opportunities,
        LaneKind::Departments,
        LaneKind::Metrics,
    ];

    /// Whether the lane can show figures computed from the workspace's records.
    pub fn has_live_mode(self) -> bool {
        matches!(
            self,
            LaneKind::Emotion | LaneKind::Touchpoints | LaneKind::Channels | LaneKind::Metrics
        )
    }

    /// The stored name, also the lane id of a built-in lane.
    pub fn as_str(self) -> &'static str {
        match self {
            LaneKind::Mindset => "mindset",
            LaneKind::Emotion => "emotion",
            LaneKind::Touchpoints => "touchpoints",
            LaneKind::Channels => "channels",
            LaneKind::Pains => "pains",
            LaneKind::Opportunities => "opportunities",
            LaneKind::Departments => "departments",
            LaneKind::Metrics => "metrics",
            LaneKind::Custom => "custom",
        }
    }
}

/// A row of the map.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Lane {
    /// Lane id, unique in the map (the kind's name for built-in lanes).
    pub id: String,
    /// Kind.
    pub kind: LaneKind,
    /// Title of a custom lane (built-in lanes are titled in the reader's language).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// Show figures computed from the records (lanes whose kind has a live mode).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub live: bool,
}

/// A comment pinned to one cell.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MapComment {
    /// Comment id.
    pub id: String,
    /// The cell: `lane id/column id`.
    pub cell: String,
    /// Text.
    pub text: String,
    /// Who wrote it.
    #[serde(default)]
    pub by: String,
    /// When.
    pub at: Timestamp,
    /// Resolved comments stay, greyed, until deleted.
    #[serde(default)]
    pub resolved: bool,
}

/// A journey map for one persona over the workspace's journey stages.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct JourneyMap {
    /// Title.
    pub title: String,
    /// Persona document id.
    pub persona_id: String,
    /// Columns in order.
    pub columns: Vec<MapColumn>,
    /// Lanes in order.
    pub lanes: Vec<Lane>,
    /// Cell text (`lane id/column id` → rich-ish text, see `domain::journey::rich`).
    #[serde(default)]
    pub cells: BTreeMap<String, String>,
    /// As-is emotion per curve point (`column id` or `column id/step id` → −2..=2).
    #[serde(default)]
    pub emotion: BTreeMap<String, i8>,
    /// To-be emotion per curve point, drawn over the as-is curve when present.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub emotion_to_be: BTreeMap<String, i8>,
    /// Comments pinned to cells.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<MapComment>,
    /// Unknown fields, preserved.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Record for JourneyMap {
    const TYPE: RecordType = RecordType::JourneyMap;
    fn validate(&self) -> ValidationErrors {
        let mut e = ValidationErrors::default();
        e.require("title", &self.title);
        e.require("persona_id", &self.persona_id);
        if self.columns.is_empty() {
            e.push("columns", ErrorCode::Required);
        }
        let mut ids: Vec<&str> = self.columns.iter().map(|c| c.id.as_str()).collect();
        ids.extend(
            self.columns
                .iter()
                .flat_map(|c| c.steps.iter().map(|s| s.id.as_str())),
        );
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        if ids.len() != n {
            e.push("columns", ErrorCode::Duplicate);
        }
        for (i, l) in self.lanes.iter().enumerate() {
            if l.kind == LaneKind::Custom {
                e.require(&format!("lanes[{i}].title"), &l.title);
            }
        }
        let max = crate::domain::journey::rich::CELL_MAX_CHARS;
        for (k, v) in &self.cells {
            if v.chars().count() > max {
                e.push(format!("cells.{k}"), ErrorCode::OutOfRange);
            }
        }
        for (k, v) in self.emotion.iter().chain(&self.emotion_to_be) {
            e.range(&format!("emotion.{k}"), *v, -2, 2);
        }
        e
    }
}

/// A frozen copy of a map with the figures computed when it was taken.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MapSnapshot {
    /// The map's document id.
    pub map_id: String,
    /// Why it was taken ("before the Q3 onboarding change").
    #[serde(default)]
    pub note: String,
    /// When.
    pub taken_at: Timestamp,
    /// Who took it.
    #[serde(default)]
    pub by: String,
    /// The map as it was.
    pub map: JourneyMap,
    /// The computed figures shown on it, in the open format's `figures` shape.
    #[serde(default)]
    pub figures: serde_json::Value,
    /// Unknown fields, preserved.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Record for MapSnapshot {
    const TYPE: RecordType = RecordType::MapSnapshot;
    fn validate(&self) -> ValidationErrors {
        let mut e = self.map.validate();
        e.require("map_id", &self.map_id);
        e
    }
}
