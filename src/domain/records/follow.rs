//! Following a record (docs/domain.md#following): a follower is told about every change
//! others make to it.

use super::{Extra, Record, RecordType};
use crate::domain::time::Timestamp;
use crate::domain::validate::ValidationErrors;
use serde::{Deserialize, Serialize};

/// One person following one record. Its id is `follow:<subject id>~<follower>`,
/// so following twice is the same document (and unfollowing tombstones it).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Follow {
    /// The followed document's id (account, contact or deal).
    pub subject_id: String,
    /// Who follows (the sync user name; empty for a device without one).
    #[serde(default)]
    pub follower: String,
    /// Since when; earlier changes are not news.
    pub since: Timestamp,
    /// Unknown fields, preserved.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Follow {
    /// The local id of `follower`'s follow of `subject_id`.
    pub fn local_id(subject_id: &str, follower: &str) -> String {
        format!("{subject_id}~{follower}")
    }
}

impl Record for Follow {
    const TYPE: RecordType = RecordType::Follow;
    fn validate(&self) -> ValidationErrors {
        let mut e = ValidationErrors::default();
        e.require("subject_id", &self.subject_id);
        e
    }
}
