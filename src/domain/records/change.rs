//! Record changes: a field-by-field "from → to" event written beside every edit a
//! person makes, so timelines and followers can show what changed.

use super::{Extra, Record, RecordType};
use crate::domain::time::Timestamp;
use crate::domain::validate::ValidationErrors;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One changed field, values rendered as text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    /// Field name as stored (`email`, `consents`).
    pub field: String,
    /// Value before, empty when the field was absent.
    #[serde(default)]
    pub from: String,
    /// Value after, empty when the field was removed.
    #[serde(default)]
    pub to: String,
}

/// An edit of one record.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RecordChange {
    /// The changed document's id.
    pub subject_id: String,
    /// Account the change belongs to (the account itself, or the subject's account).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    /// Contact the change belongs to, when the subject is a contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_id: Option<String>,
    /// What changed.
    pub changes: Vec<FieldChange>,
    /// When.
    pub occurred_at: Timestamp,
    /// Who.
    #[serde(default)]
    pub by: String,
    /// Unknown fields, preserved.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Record for RecordChange {
    const TYPE: RecordType = RecordType::RecordChange;
    fn validate(&self) -> ValidationErrors {
        let mut e = ValidationErrors::default();
        e.require("subject_id", &self.subject_id);
        e
    }
}

/// Bookkeeping fields that are not a person's edit, and logs that are their
/// own history (a ticket's status log: the status change is the edit).
const IGNORED: [&str; 7] = [
    "type",
    "schema",
    "updated_at",
    "updated_by",
    "_rev",
    "_id",
    "status_log",
];

fn as_text(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// The fields that differ between two document bodies, in field-name order.
pub fn diff_fields(before: &Map<String, Value>, after: &Map<String, Value>) -> Vec<FieldChange> {
    let mut keys: Vec<&String> = before.keys().chain(after.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| !IGNORED.contains(&k.as_str()))
        .filter(|k| before.get(*k) != after.get(*k))
        .map(|k| FieldChange {
            field: k.clone(),
            from: as_text(before.get(k)),
            to: as_text(after.get(k)),
        })
        .filter(|c| c.from != c.to)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn diff_lists_changed_added_and_removed_fields_only() {
        let before =
            json!({"name": "An", "email": "a@x.vn", "phone": "09", "updated_at": "1", "n": 1});
        let after = json!({"name": "Nguyễn An", "email": "a@x.vn", "title": "CEO", "updated_at": "2", "n": 2, "empty": null});
        let d = diff_fields(before.as_object().unwrap(), after.as_object().unwrap());
        let f = |field: &str, from: &str, to: &str| FieldChange {
            field: field.into(),
            from: from.into(),
            to: to.into(),
        };
        assert_eq!(
            d,
            vec![
                f("n", "1", "2"),
                f("name", "An", "Nguyễn An"),
                f("phone", "09", ""),
                f("title", "", "CEO"),
            ]
        );
    }
}
