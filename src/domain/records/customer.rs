//! Accounts, contacts and consent (docs/domain.md#privacy).

use super::{Extra, Record, RecordType};
use crate::domain::lead_source::LeadSource;
use crate::domain::time::Timestamp;
use crate::domain::validate::{is_email, ErrorCode, ValidationErrors};
use serde::{Deserialize, Serialize};

/// A company (or household) Waypoint sells to.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Account {
    /// Display name, e.g. "Công ty TNHH Phát Đạt".
    pub name: String,
    /// Industry, free text.
    #[serde(default)]
    pub industry: String,
    /// Segment (SMB, Mid-market, Enterprise…).
    #[serde(default)]
    pub segment: String,
    /// City or province.
    #[serde(default)]
    pub city: String,
    /// Region or partner, for swimlanes and partner scoping.
    #[serde(default)]
    pub region: String,
    /// Owner (a user id or name).
    #[serde(default)]
    pub owner: String,
    /// Lead source group (`ads`, `referral`, `organic`…).
    #[serde(default)]
    pub source: String,
    /// Unknown fields, preserved.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Record for Account {
    const TYPE: RecordType = RecordType::Account;
    fn validate(&self) -> ValidationErrors {
        let mut e = ValidationErrors::default();
        e.require("name", &self.name);
        e
    }
}

/// Consent given by a contact for one purpose.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    /// Why the data is collected ("newsletter", "sales follow-up").
    pub purpose: String,
    /// When consent was given.
    pub given_at: Timestamp,
    /// Where it was captured ("web form", "field visit").
    pub source: String,
}

/// A person at an account.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    /// Full name as the person writes it ("Nguyễn Văn An").
    pub name: String,
    /// The account's document id, when the contact belongs to one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    /// Email address; empty when unknown.
    #[serde(default)]
    pub email: String,
    /// Phone number as typed.
    #[serde(default)]
    pub phone: String,
    /// Job title.
    #[serde(default)]
    pub title: String,
    /// Role used by persona rules (buyer, admin, user…).
    #[serde(default)]
    pub role: String,
    /// Assigned persona's document id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persona_id: Option<String>,
    /// Consent records.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consents: Vec<Consent>,
    /// Owner (a user id or name); empty means the account's owner.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// The first touch that brought this person (kept when later touches arrive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<LeadSource>,
    /// The latest touch, when there was one after the first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_source: Option<LeadSource>,
    /// Unknown fields, preserved.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Contact {
    /// Records a touch: the first one becomes the source for good, later ones
    /// only update `last_source`.
    pub fn record_touch(&mut self, touch: LeadSource) {
        if self.source.is_none() {
            self.source = Some(touch);
        } else {
            self.last_source = Some(touch);
        }
    }
}

impl Record for Contact {
    const TYPE: RecordType = RecordType::Contact;
    fn validate(&self) -> ValidationErrors {
        let mut e = ValidationErrors::default();
        e.require("name", &self.name);
        if !self.email.is_empty() && !is_email(&self.email) {
            e.push("email", ErrorCode::InvalidEmail);
        }
        for (i, c) in self.consents.iter().enumerate() {
            e.require(&format!("consents[{i}].purpose"), &c.purpose);
        }
        e
    }
}
