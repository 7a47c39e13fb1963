//! What push could not deliver and the person must know about: revisions a
//! server found too large (`413 document_too_large`), kept waiting on this device
//! and offered again at every push, with their size measured the way the server
//! measures it; and revisions the server refused (its `validate_doc_update`, its
//! permissions), kept on this device with the server's reason and not offered
//! again. See docs/sync.md, "What the server does not take".

use super::replication::FetchError;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One revision the server would not take because of its size. It stays here,
/// the push checkpoint never passes it, and every push offers it again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldBack {
    /// Document id.
    pub id: String,
    /// The revision refused.
    pub rev: String,
    /// Its body size as the server counts it ([`body_size`]).
    pub bytes: u64,
    /// The server's `max_document_size`, when the server lets this user read it.
    #[serde(default)]
    pub limit: Option<u64>,
}

/// What the last push to one database left waiting.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldState {
    /// The database (URL) pushed to.
    pub db: String,
    /// The local sequence the push read up to: every change after the push
    /// checkpoint and up to here was sent, except the held ones.
    pub through: u64,
    /// The revisions held back.
    pub held: Vec<HeldBack>,
    /// Records whose last change the server refused (`forbidden`,
    /// `unauthorized`…), with its reason: kept here as they are and not offered
    /// again (retrying cannot change the answer), until a later change of theirs
    /// reaches the server.
    #[serde(default)]
    pub refused: Vec<FetchError>,
}

impl HeldState {
    /// The state after a push to `db` that read up to `through`: held back what
    /// it held back; refused what it refused now, and what was refused before
    /// unless a newer change of that record was `delivered` now.
    pub fn after_push(
        prev: Option<&HeldState>,
        db: &str,
        through: u64,
        held: Vec<HeldBack>,
        refused_now: Vec<FetchError>,
        delivered: &[String],
    ) -> HeldState {
        let mut refused: Vec<FetchError> = prev
            .filter(|p| p.db == db)
            .map(|p| p.refused.clone())
            .unwrap_or_default();
        refused.retain(|r| !delivered.contains(&r.id) && !refused_now.iter().any(|n| n.id == r.id));
        refused.extend(refused_now);
        HeldState {
            db: db.to_string(),
            through,
            held,
            refused,
        }
    }

    /// True when nothing is held back or refused.
    pub fn is_clear(&self) -> bool {
        self.held.is_empty() && self.refused.is_empty()
    }

    /// Local changes still unsent to `db`: the held ones and those after `through`
    /// (`after_checkpoint` counts from the checkpoint, `after_through` from `through`).
    pub fn waiting(
        state: Option<&HeldState>,
        db: &str,
        after_checkpoint: u64,
        after_through: u64,
    ) -> u64 {
        match state {
            Some(s) if s.db == db && !s.held.is_empty() => after_through + s.held.len() as u64,
            _ => after_checkpoint,
        }
    }
}

/// The refused records as a person sees them: the record of an edit
/// (`record_change:…`, written with the edit) goes with the record it describes
/// when that record was refused too, so one edit is one item, discarded as one.
/// `subject_of` names the record an edit describes. Returns each item with the
/// ids that go with it.
pub fn group_refused(
    refused: &[FetchError],
    subject_of: impl Fn(&str) -> Option<String>,
) -> Vec<(FetchError, Vec<String>)> {
    let mut items: Vec<(FetchError, Vec<String>)> = Vec::new();
    let mut edits = Vec::new();
    for r in refused {
        let subject =
            r.id.starts_with("record_change:")
                .then(|| subject_of(&r.id))
                .flatten()
                .filter(|s| refused.iter().any(|o| &o.id == s));
        match subject {
            Some(subject) => edits.push((subject, r.id.clone())),
            None => items.push((r.clone(), Vec::new())),
        }
    }
    for (subject, edit) in edits {
        if let Some(item) = items.iter_mut().find(|(r, _)| r.id == subject) {
            item.1.push(edit);
        }
    }
    items
}

/// The size CouchDB compares with `max_document_size`: the compact JSON of the
/// body without the fields it keeps apart (`_id`, `_rev`, `_revisions`,
/// `_attachments`, `_deleted`…), as `couch_doc:from_json_obj_validate/2` does
/// with `couch_ejson_size:encoded_size/1`.
pub fn body_size(doc: &Value) -> u64 {
    match doc {
        Value::Object(fields) => {
            let body: serde_json::Map<String, Value> = fields
                .iter()
                .filter(|(k, _)| !k.starts_with('_'))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            serde_json::to_string(&body).map_or(0, |t| t.len() as u64)
        }
        other => other.to_string().len() as u64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_edit_and_its_record_of_changes_are_one_refused_item() {
        let refused = |id: &str| FetchError {
            id: id.into(),
            reason: "forbidden: partner".into(),
        };
        let list = [
            refused("record_change:e1"),
            refused("account:a1"),
            refused("record_change:e2"),
            refused("deal:d1"),
        ];
        // e1 describes the refused account; e2 a record the server took.
        let subject = |id: &str| match id {
            "record_change:e1" => Some("account:a1".to_string()),
            "record_change:e2" => Some("contact:c1".to_string()),
            _ => None,
        };
        let items = group_refused(&list, subject);
        let shown: Vec<(&str, Vec<String>)> = items
            .iter()
            .map(|(r, w)| (r.id.as_str(), w.clone()))
            .collect();
        assert_eq!(
            shown,
            vec![
                ("account:a1", vec!["record_change:e1".to_string()]),
                ("record_change:e2", vec![]),
                ("deal:d1", vec![]),
            ]
        );
    }

    #[test]
    fn body_size_leaves_out_the_special_fields() {
        let doc = json!({
            "_id": "deal:1", "_rev": "1-a", "_revisions": {"start": 1, "ids": ["a"]},
            "_attachments": {"p.jpg": {"data": "AAAA", "content_type": "image/jpeg"}},
            "type": "deal", "title": "Bán hàng"
        });
        let plain = r#"{"title":"Bán hàng","type":"deal"}"#;
        assert_eq!(body_size(&doc), plain.len() as u64);
        // Counted in UTF-8 bytes, not characters.
        assert!(body_size(&doc) > plain.chars().count() as u64);
    }

    fn refused(id: &str, reason: &str) -> FetchError {
        FetchError {
            id: id.into(),
            reason: reason.into(),
        }
    }

    #[test]
    fn a_refusal_stays_listed_until_a_newer_change_of_its_record_arrives() {
        let db = "http://h/db";
        let first = HeldState::after_push(
            None,
            db,
            10,
            vec![],
            vec![refused("deal:1", "forbidden: no")],
            &["deal:2".into()],
        );
        assert_eq!(first.refused, vec![refused("deal:1", "forbidden: no")]);
        // A push that did not touch deal:1 keeps the refusal listed.
        let second =
            HeldState::after_push(Some(&first), db, 12, vec![], vec![], &["deal:3".into()]);
        assert_eq!(second.refused, first.refused);
        assert!(!second.is_clear());
        // Refused again, for another reason: listed once, with the new reason.
        let third = HeldState::after_push(
            Some(&second),
            db,
            13,
            vec![],
            vec![refused("deal:1", "forbidden: still no")],
            &[],
        );
        assert_eq!(
            third.refused,
            vec![refused("deal:1", "forbidden: still no")]
        );
        // The record edited and accepted: no longer listed.
        let fourth =
            HeldState::after_push(Some(&third), db, 14, vec![], vec![], &["deal:1".into()]);
        assert!(fourth.is_clear());
        // Refusals from another database are not carried over.
        let elsewhere =
            HeldState::after_push(Some(&third), "http://h/other", 1, vec![], vec![], &[]);
        assert!(elsewhere.refused.is_empty());
    }

    #[test]
    fn waiting_counts_held_and_later_changes_only_for_the_same_database() {
        let state = HeldState {
            db: "http://h/db".into(),
            through: 40,
            held: vec![HeldBack {
                id: "deal:1".into(),
                rev: "2-a".into(),
                bytes: 9,
                limit: Some(8),
            }],
            refused: vec![],
        };
        assert_eq!(HeldState::waiting(Some(&state), "http://h/db", 30, 2), 3);
        assert_eq!(
            HeldState::waiting(Some(&state), "http://h/other", 30, 2),
            30
        );
        assert_eq!(HeldState::waiting(None, "http://h/db", 30, 2), 30);
        let none_held = HeldState {
            held: vec![],
            ..state
        };
        assert_eq!(
            HeldState::waiting(Some(&none_held), "http://h/db", 30, 2),
            30
        );
    }
}
