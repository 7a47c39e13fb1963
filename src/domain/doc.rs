//! The document envelope: CouchDB's JSON form of every record.
//!
//! `{"_id": "deal:42", "_rev": "3-…", "type": "deal", "schema": 1,
//!   "updated_at": "…", "updated_by": "…", …fields…, …unknown fields…}`

use super::records::{Record, RecordType};
use super::revision::RevId;
use super::time::Timestamp;
use super::validate::ValidationErrors;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

/// Keys the envelope owns inside the body.
const ENVELOPE_KEYS: [&str; 4] = ["type", "schema", "updated_at", "updated_by"];
/// Replication metadata that is never part of a stored body.
const META_KEYS: [&str; 6] = [
    "_revisions",
    "_conflicts",
    "_deleted_conflicts",
    "_revs_info",
    "_local_seq",
    "_rev_tree",
];

/// Why a document was rejected.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum DocError {
    /// `_id` is missing, empty, or lacks its type prefix.
    #[error("invalid document id {0:?}")]
    InvalidId(String),
    /// The JSON is not an object or has fields of the wrong shape.
    #[error("document {id:?} has the wrong shape: {reason}")]
    Shape {
        /// Document id.
        id: String,
        /// What was wrong.
        reason: String,
    },
    /// `_rev` is not a revision id.
    #[error("document {0:?} has an invalid _rev")]
    BadRev(String),
    /// The `type` is missing or not one this version knows.
    #[error("document {id:?} has an unknown type {type_name:?}")]
    UnknownType {
        /// Document id.
        id: String,
        /// The `type` given (empty when missing).
        type_name: String,
    },
    /// A field holds more text than a record field may ([`MAX_FIELD_BYTES`]).
    #[error("document {id:?} has an oversized field {field:?} ({bytes} bytes)")]
    Oversized {
        /// Document id.
        id: String,
        /// The top-level field holding it.
        field: String,
        /// Its size in bytes.
        bytes: usize,
    },
    /// Field-level validation failed.
    #[error("document {id:?} is invalid: {errors}")]
    Invalid {
        /// Document id.
        id: String,
        /// The rejected fields.
        errors: ValidationErrors,
    },
}

/// The largest text a single field may hold (256 KiB): far above any real note,
/// far below what would make one document slow every screen that reads it.
pub const MAX_FIELD_BYTES: usize = 256 * 1024;

/// Bytes of text under `v` (strings only; keys and numbers are small).
fn text_bytes(v: &Value) -> usize {
    match v {
        Value::String(s) => s.len(),
        Value::Array(a) => a.iter().map(text_bytes).sum(),
        Value::Object(o) => o.values().map(text_bytes).sum(),
        _ => 0,
    }
}

/// The records of type `R` among `docs`, with their ids; documents of other
/// types, or whose fields do not fit `R`, are left out (they stay stored untouched).
pub fn typed_records<R: Record>(docs: &[Doc]) -> Vec<(String, R)> {
    docs.iter()
        .filter(|d| d.record_type() == Some(R::TYPE))
        .filter_map(|d| d.record::<R>().ok().map(|r| (d.id.clone(), r)))
        .collect()
}

/// A document: id, revision, deletion flag and the JSON body (everything else).
#[derive(Clone, Debug, PartialEq)]
pub struct Doc {
    /// `_id`, e.g. `deal:42`.
    pub id: String,
    /// `_rev`; `None` for a document never stored.
    pub rev: Option<RevId>,
    /// `_deleted`.
    pub deleted: bool,
    /// All other fields, including unknown ones.
    pub body: Map<String, Value>,
}

impl Doc {
    /// A new document for a record, validated, with the envelope filled in.
    pub fn new<R: Record>(
        local_id: &str,
        record: &R,
        now: Timestamp,
        by: &str,
    ) -> Result<Doc, DocError> {
        let id = R::TYPE.doc_id(local_id);
        if local_id.trim().is_empty() {
            return Err(DocError::InvalidId(id));
        }
        let mut doc = Doc {
            id,
            rev: None,
            deleted: false,
            body: Map::new(),
        };
        doc.set_record(record, now, by)?;
        Ok(doc)
    }

    /// Replaces the body with `record`, keeping id and rev; validates first.
    pub fn set_record<R: Record>(
        &mut self,
        record: &R,
        now: Timestamp,
        by: &str,
    ) -> Result<(), DocError> {
        let errors = record.validate();
        if !errors.is_empty() {
            return Err(DocError::Invalid {
                id: self.id.clone(),
                errors,
            });
        }
        let Value::Object(mut body) =
            serde_json::to_value(record).map_err(|e| DocError::Shape {
                id: self.id.clone(),
                reason: e.to_string(),
            })?
        else {
            return Err(self.shape("record did not serialise to an object"));
        };
        for k in ENVELOPE_KEYS {
            body.remove(k);
        }
        // Text is stored as one Unicode form, whatever the keyboard or file
        // produced, so exact matches and duplicate checks see one spelling.
        body.values_mut().for_each(nfc_in_place);
        body.insert("type".into(), R::TYPE.as_str().into());
        body.insert("schema".into(), R::SCHEMA.into());
        body.insert("updated_at".into(), now.to_string().into());
        body.insert("updated_by".into(), by.into());
        self.body = body;
        Ok(())
    }

    /// Reads the typed record; unknown fields go to its `extra`.
    pub fn record<R: Record>(&self) -> Result<R, DocError> {
        if self.record_type() != Some(R::TYPE) {
            return Err(self.shape(&format!("expected type {}", R::TYPE.as_str())));
        }
        let mut body = self.body.clone();
        for k in ENVELOPE_KEYS {
            body.remove(k);
        }
        serde_json::from_value(Value::Object(body)).map_err(|e| self.shape(&e.to_string()))
    }

    /// The `type` field, when it names a known type.
    pub fn record_type(&self) -> Option<RecordType> {
        self.body
            .get("type")
            .and_then(Value::as_str)
            .and_then(RecordType::parse)
    }

    /// What a person calls this record: its `name`, `title` or `subject`, when it has one.
    pub fn display_title(&self) -> Option<&str> {
        ["name", "title", "subject"]
            .iter()
            .find_map(|k| self.body.get(*k).and_then(Value::as_str))
            .filter(|t| !t.trim().is_empty())
    }

    /// The part of `_id` after the type prefix.
    pub fn local_id(&self) -> &str {
        self.id.split_once(':').map_or(&self.id, |(_, l)| l)
    }

    /// Checks a document before it is used: no oversized field, a known `type`
    /// matching the id prefix, and the record's own validation. Documents from a
    /// server that fail are stored as they are but quarantined (see the store).
    pub fn validate(&self) -> Result<(), DocError> {
        if self.id.trim().is_empty() || self.id.starts_with("_design/") {
            return Err(DocError::InvalidId(self.id.clone()));
        }
        if self.deleted {
            return Ok(());
        }
        if let Some((field, bytes)) = self
            .body
            .iter()
            .map(|(k, v)| (k, text_bytes(v)))
            .find(|(_, b)| *b > MAX_FIELD_BYTES)
        {
            return Err(DocError::Oversized {
                id: self.id.clone(),
                field: field.clone(),
                bytes,
            });
        }
        let Some(t) = self.record_type() else {
            return Err(DocError::UnknownType {
                id: self.id.clone(),
                type_name: self
                    .body
                    .get("type")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .into(),
            });
        };
        if !self.id.starts_with(&format!("{}:", t.as_str())) {
            return Err(DocError::InvalidId(self.id.clone()));
        }
        let errors = match t {
            RecordType::Account => self.check::<super::records::Account>()?,
            RecordType::Contact => self.check::<super::records::Contact>()?,
            RecordType::Deal => self.check::<super::records::Deal>()?,
            RecordType::Pipeline => self.check::<super::records::Pipeline>()?,
            RecordType::Activity => self.check::<super::records::Activity>()?,
            RecordType::StageTransition => self.check::<super::records::StageTransition>()?,
            RecordType::Ticket => self.check::<super::records::Ticket>()?,
            RecordType::SurveyResponse => self.check::<super::records::SurveyResponse>()?,
            RecordType::Persona => self.check::<super::records::Persona>()?,
            RecordType::JourneyMap => self.check::<super::records::JourneyMap>()?,
            RecordType::Settings => self.check::<super::records::WorkspaceSettings>()?,
            RecordType::RecordChange => self.check::<super::records::RecordChange>()?,
            RecordType::Follow => self.check::<super::records::Follow>()?,
            RecordType::MapSnapshot => self.check::<super::records::MapSnapshot>()?,
            RecordType::Period => self.check::<super::records::PeriodFigures>()?,
        };
        if errors.is_empty() {
            Ok(())
        } else {
            Err(DocError::Invalid {
                id: self.id.clone(),
                errors,
            })
        }
    }

    fn check<R: Record>(&self) -> Result<ValidationErrors, DocError> {
        Ok(self.record::<R>()?.validate())
    }

    fn shape(&self, reason: &str) -> DocError {
        DocError::Shape {
            id: self.id.clone(),
            reason: reason.into(),
        }
    }

    /// A tombstone for this document: the body emptied but `type` and
    /// `account_id` kept for routing — a partner's server-side replication
    /// selects by `account_id`, so the deletion reaches the partner too.
    pub fn tombstone(&self, now: Timestamp, by: &str) -> Doc {
        let mut body = Map::new();
        for key in ["type", "account_id"] {
            if let Some(v) = self.body.get(key).filter(|v| !v.is_null()) {
                body.insert(key.into(), v.clone());
            }
        }
        body.insert("updated_at".into(), now.to_string().into());
        body.insert("updated_by".into(), by.into());
        Doc {
            id: self.id.clone(),
            rev: self.rev.clone(),
            deleted: true,
            body,
        }
    }

    /// The body as canonical JSON (keys sorted), used to hash new revisions.
    pub fn canonical_body(&self) -> String {
        // serde_json's Map is a BTreeMap (no `preserve_order`), so keys are already sorted.
        serde_json::to_string(&self.body).unwrap_or_default()
    }

    /// The CouchDB JSON form (see the [`Serialize`] impl).
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    /// Reads the CouchDB JSON form; replication metadata (`_revisions`, `_conflicts`…) is dropped.
    pub fn from_json(v: Value) -> Result<Doc, DocError> {
        let Value::Object(mut m) = v else {
            return Err(DocError::Shape {
                id: String::new(),
                reason: "not a JSON object".into(),
            });
        };
        let id = match m.remove("_id") {
            Some(Value::String(s)) if !s.is_empty() => s,
            other => return Err(DocError::InvalidId(format!("{other:?}"))),
        };
        let rev = match m.remove("_rev") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.parse().map_err(|_| DocError::BadRev(id.clone()))?),
            Some(_) => return Err(DocError::BadRev(id)),
        };
        let deleted = matches!(m.remove("_deleted"), Some(Value::Bool(true)));
        for k in META_KEYS {
            m.remove(k);
        }
        Ok(Doc {
            id,
            rev,
            deleted,
            body: m,
        })
    }
}

/// The CouchDB JSON form: `_id`, `_rev`, `_deleted` (only when set), then the
/// body's fields. Written straight from the borrowed body, without a copy.
impl Serialize for Doc {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.body.len() + 3))?;
        m.serialize_entry("_id", &self.id)?;
        if let Some(r) = &self.rev {
            m.serialize_entry("_rev", r)?;
        }
        if self.deleted {
            m.serialize_entry("_deleted", &true)?;
        }
        for (k, v) in &self.body {
            // The envelope's own keys never come from the body (no duplicate keys).
            if !matches!(k.as_str(), "_id" | "_rev" | "_deleted") {
                m.serialize_entry(k, v)?;
            }
        }
        m.end()
    }
}

/// Rewrites every string inside `v` in Unicode NFC ("e" + combining acute
/// becomes "é"); ASCII and already-NFC text is left as it is.
fn nfc_in_place(v: &mut Value) {
    use unicode_normalization::{is_nfc, UnicodeNormalization};
    match v {
        Value::String(s) if !s.is_ascii() && !is_nfc(s) => *s = s.nfc().collect(),
        Value::Array(items) => items.iter_mut().for_each(nfc_in_place),
        Value::Object(fields) => fields.values_mut().for_each(nfc_in_place),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::{Currency, Money};
    use crate::domain::records::{Account, Contact, Deal, DealStatus};
    use crate::domain::validate::ErrorCode;
    use serde_json::json;

    fn now() -> Timestamp {
        Timestamp::parse("2026-11-22T10:00:00Z").unwrap()
    }

    #[test]
    fn new_docs_carry_the_couchdb_envelope() {
        let a = Account {
            name: "Công ty Phát Đạt".into(),
            industry: "Retail".into(),
            segment: "SMB".into(),
            city: "Hà Nội".into(),
            region: String::new(),
            owner: "lan".into(),
            source: "referral".into(),
            extra: Default::default(),
        };
        let doc = Doc::new("a1", &a, now(), "lan").unwrap();
        let j = doc.to_json();
        assert_eq!(j["_id"], "account:a1");
        assert_eq!(j["type"], "account");
        assert_eq!(j["schema"], 1);
        assert_eq!(j["updated_at"], "2026-11-22T10:00:00.000Z");
        assert!(j.get("_rev").is_none());
        assert_eq!(doc.record::<Account>().unwrap(), a);
    }

    #[test]
    fn unknown_fields_survive_a_round_trip_and_an_edit() {
        let server = json!({
            "_id": "contact:c1", "_rev": "2-abc", "type": "contact", "schema": 1,
            "updated_at": "2026-01-01T00:00:00.000Z", "updated_by": "server",
            "name": "Trần Thị Bích", "email": "bich@example.vn",
            "x_partner_score": 87, "nested": {"keep": [1, 2, 3]},
            "_attachments": {"card.png": {"stub": true}},
            "_revisions": {"start": 2, "ids": ["abc", "def"]}
        });
        let mut doc = Doc::from_json(server.clone()).unwrap();
        assert_eq!(doc.rev, Some("2-abc".parse().unwrap()));
        let mut c: Contact = doc.record().unwrap();
        assert_eq!(c.extra["x_partner_score"], 87);
        c.phone = "0901 234 567".into();
        doc.set_record(&c, now(), "lan").unwrap();
        let out = doc.to_json();
        assert_eq!(out["x_partner_score"], 87);
        assert_eq!(out["nested"], json!({"keep": [1, 2, 3]}));
        assert_eq!(out["_attachments"], server["_attachments"]);
        assert_eq!(out["phone"], "0901 234 567");
        assert_eq!(out["_rev"], "2-abc");
        assert!(out.get("_revisions").is_none());
    }

    #[test]
    fn invalid_records_are_rejected_with_field_errors() {
        let c = Contact {
            name: "  ".into(),
            account_id: None,
            email: "not-an-email".into(),
            phone: String::new(),
            title: String::new(),
            role: String::new(),
            persona_id: None,
            consents: vec![],
            owner: String::new(),
            source: None,
            last_source: None,
            extra: Default::default(),
        };
        let Err(DocError::Invalid { errors, .. }) = Doc::new("c1", &c, now(), "x") else {
            panic!("expected validation errors");
        };
        assert_eq!(errors.get("name"), Some(ErrorCode::Required));
        assert_eq!(errors.get("email"), Some(ErrorCode::InvalidEmail));
    }

    #[test]
    fn validate_checks_stored_json_of_known_types() {
        let bad = json!({"_id": "deal:d1", "type": "deal", "title": "X", "pipeline_id": "pipeline:p",
            "stage_id": "s", "status": "open", "value": {"amount": -5, "currency": "VND"},
            "stage_entered_at": "2026-01-01T00:00:00Z"});
        let doc = Doc::from_json(bad).unwrap();
        match doc.validate() {
            Err(DocError::Invalid { errors, .. }) => {
                assert_eq!(errors.get("value.amount"), Some(ErrorCode::Negative))
            }
            other => panic!("{other:?}"),
        }
        let wrong_prefix = json!({"_id": "account:d1", "type": "deal"});
        assert!(matches!(
            Doc::from_json(wrong_prefix).unwrap().validate(),
            Err(DocError::InvalidId(_))
        ));
        let wrong_shape = json!({"_id": "deal:d2", "type": "deal", "title": 5});
        assert!(matches!(
            Doc::from_json(wrong_shape).unwrap().validate(),
            Err(DocError::Shape { .. })
        ));
        let unknown_type = json!({"_id": "gadget:1", "type": "gadget", "anything": true});
        assert!(matches!(
            Doc::from_json(unknown_type).unwrap().validate(),
            Err(DocError::UnknownType { type_name, .. }) if type_name == "gadget"
        ));
        let huge = json!({"_id": "account:big", "type": "account", "name": "Big",
            "notes": {"a": "x".repeat(MAX_FIELD_BYTES / 2), "b": "y".repeat(MAX_FIELD_BYTES / 2 + 1)}});
        assert!(matches!(
            Doc::from_json(huge).unwrap().validate(),
            Err(DocError::Oversized { field, bytes, .. }) if field == "notes" && bytes == MAX_FIELD_BYTES + 1
        ));
        let d = Deal {
            title: "Bán 50 máy POS".into(),
            pipeline_id: "pipeline:p".into(),
            stage_id: "s".into(),
            status: DealStatus::Open,
            value: Money::new(150_000_000, Currency::Vnd),
            probability: Some(120),
            account_id: None,
            contact_id: None,
            owner: String::new(),
            expected_close: None,
            stage_entered_at: now(),
            lost_reason: None,
            support_lead: None,
            rank: None,
            extra: Default::default(),
        };
        assert!(matches!(
            Doc::new("d", &d, now(), "x"),
            Err(DocError::Invalid { .. })
        ));
    }

    #[test]
    fn from_json_rejects_bad_envelopes() {
        assert!(matches!(
            Doc::from_json(json!([1])),
            Err(DocError::Shape { .. })
        ));
        assert!(matches!(
            Doc::from_json(json!({"a": 1})),
            Err(DocError::InvalidId(_))
        ));
        assert!(matches!(
            Doc::from_json(json!({"_id": "x", "_rev": "zz"})),
            Err(DocError::BadRev(_))
        ));
    }

    #[test]
    fn text_is_written_in_nfc() {
        use crate::domain::records::Contact;
        // "Nguyễn Thùy" typed or imported in decomposed form (NFD).
        let nfd = "Nguye\u{0302}\u{0303}n Thu\u{0300}y";
        let c = Contact {
            name: nfd.into(),
            title: "Gia\u{0301}m đốc".into(),
            ..Default::default()
        };
        let doc = Doc::new("c1", &c, Timestamp(0), "lan").unwrap();
        assert_eq!(doc.body["name"], "Nguyễn Thùy");
        assert_eq!(doc.body["title"], "Giám đốc");
        assert_ne!(nfd, "Nguyễn Thùy", "the input really was decomposed");
    }
}
