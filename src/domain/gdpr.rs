//! A person's data rights (docs/domain.md#privacy): export everything that refers to a
//! contact, and erase it.
//!
//! Erasure writes **new revisions**: the contact keeps its id, account, role,
//! persona and campaign attribution (so journey and source reports still count
//! it) but loses name, email, phone, title, consent details and every unknown
//! field; each touchpoint, survey answer, ticket and record-change event that
//! refers to it loses its free text, place and old values. Every rewritten
//! document carries `erased_at`. The revisions replicate like any edit, so the
//! erasure reaches the server and every device. A device that edited an older
//! revision offline creates a conflict when it syncs; the rule in
//! [`erasure_resolution`] then keeps the erased leaf and tombstones the others,
//! so a later sync cannot bring the personal data back. (A CouchDB server keeps
//! old revision bodies until the database is compacted: run `_compact`.)

use super::doc::Doc;
use super::entry::DocEntry;
use super::records::RecordType;
use super::time::Timestamp;
use serde_json::{json, Map, Value};

/// The field that marks an erased document.
pub const ERASED_AT: &str = "erased_at";
/// What replaces a required text that held personal data.
pub const ERASED_TEXT: &str = "[erased]";

fn mentions(v: &Value, id: &str) -> bool {
    match v {
        Value::String(s) => s == id,
        Value::Array(a) => a.iter().any(|x| mentions(x, id)),
        Value::Object(o) => o.values().any(|x| mentions(x, id)),
        _ => false,
    }
}

/// True when `doc` is the contact `contact_id` or refers to it anywhere in its body.
pub fn refers_to(doc: &Doc, contact_id: &str) -> bool {
    doc.id == contact_id || doc.body.values().any(|v| mentions(v, contact_id))
}

/// The export file: every document that refers to the contact, as stored.
pub fn export(contact_id: &str, docs: &[Doc], at: Timestamp) -> Value {
    let mut list: Vec<&Doc> = docs
        .iter()
        .filter(|d| !d.deleted && refers_to(d, contact_id))
        .collect();
    list.sort_by(|a, b| a.id.cmp(&b.id));
    json!({
        "contact_id": contact_id,
        "exported_at": at.to_string(),
        "documents": list.iter().map(|d| d.to_json()).collect::<Vec<_>>(),
    })
}

/// Keeps only `keep` of a JSON object (a lead source).
fn only(v: Option<&Value>, keep: &[&str]) -> Option<Value> {
    let o = v?.as_object()?;
    Some(Value::Object(
        o.iter()
            .filter(|(k, _)| keep.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    ))
}

fn keep_fields(body: &Map<String, Value>, keep: &[&str]) -> Map<String, Value> {
    body.iter()
        .filter(|(k, _)| keep.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

const ENVELOPE: [&str; 4] = ["type", "schema", "updated_at", "updated_by"];

/// The next revision of `doc` with the personal data about `contact_id` removed,
/// or `None` when the document holds none (stage transitions, deals).
pub fn erase_doc(doc: &Doc, contact_id: &str, now: Timestamp, by: &str) -> Option<Doc> {
    if doc.deleted || !refers_to(doc, contact_id) {
        return None;
    }
    let b = &doc.body;
    let mut body = match doc.record_type()? {
        RecordType::Contact if doc.id == contact_id => {
            let mut m = keep_fields(b, &["account_id", "role", "persona_id", "owner"]);
            m.insert("name".into(), ERASED_TEXT.into());
            for key in ["source", "last_source"] {
                if let Some(s) = only(b.get(key), &["source", "medium", "campaign", "captured_at"])
                {
                    m.insert(key.into(), s);
                }
            }
            m
        }
        RecordType::Activity => {
            let mut m = keep_fields(
                b,
                &[
                    "kind",
                    "channel",
                    "journey_stage",
                    "occurred_at",
                    "emotion",
                    "author",
                    "contact_id",
                    "account_id",
                    "deal_id",
                ],
            );
            m.insert("notes".into(), "".into());
            // A churn must say why (the record's rule); the words may name the person.
            if b.get("reason")
                .and_then(Value::as_str)
                .is_some_and(|r| !r.is_empty())
            {
                m.insert("reason".into(), ERASED_TEXT.into());
            }
            m
        }
        RecordType::SurveyResponse => {
            let mut m = keep_fields(
                b,
                &[
                    "kind",
                    "score",
                    "contact_id",
                    "account_id",
                    "ticket_id",
                    "answered_at",
                ],
            );
            m.insert("comment".into(), "".into());
            m
        }
        RecordType::Ticket => {
            let mut m = keep_fields(
                b,
                &[
                    "priority",
                    "account_id",
                    "contact_id",
                    "sla_first_response_min",
                    "sla_resolution_min",
                    "opened_at",
                    "first_response_at",
                    "resolved_at",
                ],
            );
            m.insert("subject".into(), ERASED_TEXT.into());
            m
        }
        RecordType::RecordChange => {
            let mut m = keep_fields(
                b,
                &[
                    "subject_id",
                    "account_id",
                    "contact_id",
                    "occurred_at",
                    "by",
                ],
            );
            let fields: Vec<Value> = b
                .get("changes")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|c| json!({"field": c.get("field").cloned().unwrap_or(Value::Null), "from": "", "to": ""}))
                .collect();
            m.insert("changes".into(), Value::Array(fields));
            m
        }
        _ => return None,
    };
    for k in ENVELOPE {
        if let Some(v) = b.get(k) {
            body.insert(k.into(), v.clone());
        }
    }
    body.insert("updated_at".into(), now.to_string().into());
    body.insert("updated_by".into(), by.into());
    body.insert(ERASED_AT.into(), now.to_string().into());
    Some(Doc {
        id: doc.id.clone(),
        rev: doc.rev.clone(),
        deleted: false,
        body,
    })
}

/// The event that records an erasure happened (no personal data in it).
pub fn erasure_event(
    contact_id: &str,
    account_id: Option<String>,
    now: Timestamp,
    by: &str,
) -> super::records::RecordChange {
    super::records::RecordChange {
        subject_id: contact_id.into(),
        account_id,
        contact_id: Some(contact_id.into()),
        changes: vec![super::records::FieldChange {
            field: "gdpr_erasure".into(),
            from: String::new(),
            to: ERASED_TEXT.into(),
        }],
        occurred_at: now,
        by: by.into(),
        extra: Default::default(),
    }
}

/// The documented conflict rule for erasures: when any live leaf of a conflicted
/// document is erased, that leaf is kept and every other leaf is tombstoned.
pub fn erasure_resolution(entry: &DocEntry, now: Timestamp, by: &str) -> Option<Vec<Doc>> {
    let leaves = super::conflict::live_leaves(entry);
    if leaves.len() < 2 {
        return None;
    }
    let erased = leaves.iter().position(|d| d.body.contains_key(ERASED_AT))?;
    let mut writes = Vec::new();
    for (i, leaf) in leaves.iter().enumerate() {
        if i != erased {
            writes.push(leaf.tombstone(now, by));
        }
    }
    Some(writes)
}

#[cfg(test)]
mod tests;
