//! Creating, editing, deleting and restoring any record: the new revision and,
//! for an edit, a field-by-field record-change event, in one transaction.

use super::{new_local_id, now, Actor};
use crate::domain::records::{diff_fields, RecordChange};
use crate::domain::validate::ValidationErrors;
use crate::domain::{Doc, Record, Timestamp, WriteError};
use crate::store::StoreError;

/// Why an edit was not saved; in either case nothing was written.
#[derive(Clone, Debug)]
pub enum SaveError {
    /// Fields to fix.
    Invalid(ValidationErrors),
    /// The store refused (conflict, quota…).
    Store(StoreError),
}

impl From<StoreError> for SaveError {
    fn from(e: StoreError) -> Self {
        SaveError::Store(e)
    }
}

/// Refuses `record` with its field errors when it does not validate.
pub(super) fn validated<R: Record>(record: &R) -> Result<(), SaveError> {
    let errors = record.validate();
    match errors.is_empty() {
        true => Ok(()),
        false => Err(SaveError::Invalid(errors)),
    }
}

/// A new document for `record` under a fresh local id starting with `prefix`.
pub(super) fn new_doc<R: Record>(
    prefix: &str,
    record: &R,
    at: Timestamp,
    by: &str,
) -> Result<Doc, StoreError> {
    Ok(Doc::new(&new_local_id(prefix), record, at, by)?)
}

/// The next revision of `doc` holding `record`, or a new document under
/// `local_id` when there is none (or only a tombstone).
pub(super) fn upsert<R: Record>(
    existing: Option<Doc>,
    local_id: &str,
    record: &R,
    at: Timestamp,
    by: &str,
) -> Result<Doc, StoreError> {
    match existing.filter(|d| !d.deleted) {
        Some(mut doc) => {
            doc.set_record(record, at, by)?;
            Ok(doc)
        }
        None => Ok(Doc::new(local_id, record, at, by)?),
    }
}

/// Creates a new record under a fresh id starting with `prefix`; returns its id.
pub async fn create<R: Record>(
    actor: &Actor,
    prefix: &str,
    record: &R,
) -> Result<String, SaveError> {
    validated(record)?;
    let doc = new_doc(prefix, record, now(), actor.author())?;
    let id = doc.id.clone();
    actor.store().put(doc).await?;
    Ok(id)
}

/// The record-change event describing how `next` differs from `old`, or `None`
/// when nothing differs.
pub(super) fn change_event(
    old: &Doc,
    next: &Doc,
    account_id: Option<String>,
    contact_id: Option<String>,
    at: Timestamp,
    by: &str,
) -> Result<Option<Doc>, StoreError> {
    let changes = diff_fields(&old.body, &next.body);
    if changes.is_empty() {
        return Ok(None);
    }
    let change = RecordChange {
        subject_id: old.id.clone(),
        account_id,
        contact_id,
        changes,
        occurred_at: at,
        by: by.to_string(),
        extra: Default::default(),
    };
    new_doc("x", &change, at, by).map(Some)
}

/// Writes `record` as the next revision of `doc`, with a [`RecordChange`]
/// listing what differs (for timelines and followers). `Ok(false)` when nothing
/// changed: nothing is written.
pub async fn save_edit<R: Record>(
    actor: &Actor,
    doc: &Doc,
    record: &R,
    account_id: Option<String>,
    contact_id: Option<String>,
) -> Result<bool, SaveError> {
    validated(record)?;
    let (at, by) = (now(), actor.author());
    let mut next = doc.clone();
    next.set_record(record, at, by).map_err(StoreError::from)?;
    let Some(change) = change_event(doc, &next, account_id, contact_id, at, by)? else {
        return Ok(false);
    };
    actor.store().bulk_put(vec![next, change]).await?;
    Ok(true)
}

/// Deletes `doc` as a tombstone revision; returns the document to give to
/// [`restore`] for an undo.
pub async fn delete(actor: &Actor, doc: &Doc) -> Result<Doc, StoreError> {
    let rev = doc
        .rev
        .clone()
        .ok_or_else(|| WriteError::NotFound(doc.id.clone()))?;
    actor
        .store()
        .delete(&doc.id, &rev, now(), actor.author())
        .await?;
    Ok(doc.clone())
}

/// Undoes [`delete`]: a new revision on top of the tombstone with the old body.
pub async fn restore(actor: &Actor, old: &Doc) -> Result<(), StoreError> {
    let mut doc = old.clone();
    doc.rev = None;
    doc.deleted = false;
    // The restoring revision is the actor's, like any other write.
    doc.body
        .insert("updated_at".into(), now().to_string().into());
    doc.body.insert("updated_by".into(), actor.author().into());
    actor.store().put(doc).await.map(|_| ())
}
