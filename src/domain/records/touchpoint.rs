//! Activities: every touchpoint with a customer.

use super::{Extra, Record, RecordType};
use crate::domain::time::Timestamp;
use crate::domain::validate::{ErrorCode, ValidationErrors};
use serde::{Deserialize, Serialize};

/// What kind of touchpoint happened.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    /// Phone call.
    Call,
    /// Email.
    Email,
    /// Meeting.
    Meeting,
    /// In-person visit at the customer's site.
    FieldVisit,
    /// Internal note.
    #[default]
    Note,
    /// Live chat.
    Chat,
    /// Webinar attended.
    Webinar,
    /// Ad click.
    AdClick,
    /// Web page view.
    PageView,
    /// Purchase.
    Purchase,
    /// The customer left; `reason` says why (docs/domain.md#churn, "when do they leave?").
    Churn,
}

impl ActivityKind {
    /// All kinds.
    pub const ALL: [ActivityKind; 11] = [
        ActivityKind::Call,
        ActivityKind::Email,
        ActivityKind::Meeting,
        ActivityKind::FieldVisit,
        ActivityKind::Note,
        ActivityKind::Chat,
        ActivityKind::Webinar,
        ActivityKind::AdClick,
        ActivityKind::PageView,
        ActivityKind::Purchase,
        ActivityKind::Churn,
    ];
}

/// Where a touchpoint happened (docs/domain.md#channels).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Website.
    #[default]
    Website,
    /// Landing page.
    LandingPage,
    /// Native app.
    App,
    /// Social media and ads.
    Social,
    /// Blog.
    Blog,
    /// Email campaign.
    Email,
    /// Webinar.
    Webinar,
    /// Live chat.
    LiveChat,
    /// Review site.
    ReviewSite,
    /// Community.
    Community,
    /// Call centre / phone.
    Phone,
    /// Physical store.
    Store,
    /// Field visit.
    Field,
    /// Product demo.
    Demo,
    /// Support.
    Support,
    /// Knowledge base.
    KnowledgeBase,
}

impl Channel {
    /// All channels.
    pub const ALL: [Channel; 16] = [
        Channel::Website,
        Channel::LandingPage,
        Channel::App,
        Channel::Social,
        Channel::Blog,
        Channel::Email,
        Channel::Webinar,
        Channel::LiveChat,
        Channel::ReviewSite,
        Channel::Community,
        Channel::Phone,
        Channel::Store,
        Channel::Field,
        Channel::Demo,
        Channel::Support,
        Channel::KnowledgeBase,
    ];
}

/// A WGS-84 position captured on a field visit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GeoPoint {
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
}

/// One touchpoint with a customer.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    /// Kind of touchpoint.
    pub kind: ActivityKind,
    /// Channel it happened on.
    pub channel: Channel,
    /// Journey stage id from the workspace stage set.
    pub journey_stage: String,
    /// When it happened.
    pub occurred_at: Timestamp,
    /// Customer's emotion, −2 (frustrated) ..= +2 (delighted).
    #[serde(default)]
    pub emotion: i8,
    /// Free-text notes.
    #[serde(default)]
    pub notes: String,
    /// Who logged it.
    #[serde(default)]
    pub author: String,
    /// Contact document id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_id: Option<String>,
    /// Account document id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    /// Deal document id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deal_id: Option<String>,
    /// Why the customer left, for a churn.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// Where it happened, for field visits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<GeoPoint>,
    /// Unknown fields, preserved.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Activity {
    /// Also checks the journey stage against the workspace's stage ids.
    pub fn validate_in(&self, stage_ids: &[&str]) -> ValidationErrors {
        let mut e = self.validate();
        if !stage_ids.contains(&self.journey_stage.as_str()) {
            e.push("journey_stage", ErrorCode::UnknownStage);
        }
        e
    }
}

impl Record for Activity {
    const TYPE: RecordType = RecordType::Activity;
    fn validate(&self) -> ValidationErrors {
        let mut e = ValidationErrors::default();
        e.require("journey_stage", &self.journey_stage);
        e.range("emotion", self.emotion, -2, 2);
        if self.kind == ActivityKind::Churn {
            e.require("reason", &self.reason);
        }
        if let Some(p) = self.location {
            e.range("location.lat", p.lat, -90.0, 90.0);
            e.range("location.lon", p.lon, -180.0, 180.0);
        }
        if self.contact_id.is_none() && self.account_id.is_none() {
            e.push("contact_id", ErrorCode::Required);
        }
        e
    }
}
