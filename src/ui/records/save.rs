//! Saving a person's edit: the record's new revision and a field-by-field
//! record-change event, in one transaction; deleting with undo.

use crate::domain::records::{diff_fields, RecordChange};
use crate::domain::validate::{ErrorCode, ValidationErrors};
use crate::domain::{Doc, Record, WriteError};
use crate::i18n::*;
use crate::store::{Store, StoreError};
use crate::ui::common::{current_user, new_local_id, now};
use leptos_i18n::I18nContext;

/// Why an edit was not saved.
#[derive(Clone, Debug)]
pub enum SaveError {
    /// Fields to fix; nothing was written.
    Invalid(ValidationErrors),
    /// The store refused (conflict, quota…); nothing was written.
    Store(StoreError),
}

impl From<StoreError> for SaveError {
    fn from(e: StoreError) -> Self {
        SaveError::Store(e)
    }
}

/// Writes `record` as the next revision of `doc` plus a [`RecordChange`] listing
/// what differs. `Ok(false)` when nothing changed (nothing is written).
pub async fn save_edit<R: Record>(
    store: &Store,
    doc: &Doc,
    record: &R,
    account_id: Option<String>,
    contact_id: Option<String>,
) -> Result<bool, SaveError> {
    let errors = record.validate();
    if !errors.is_empty() {
        return Err(SaveError::Invalid(errors));
    }
    let by = current_user(store).await;
    let at = now();
    let mut next = doc.clone();
    next.set_record(record, at, &by)
        .map_err(|e| SaveError::Store(WriteError::from(e).into()))?;
    let changes = diff_fields(&doc.body, &next.body);
    if changes.is_empty() {
        return Ok(false);
    }
    let change = RecordChange {
        subject_id: doc.id.clone(),
        account_id,
        contact_id,
        changes,
        occurred_at: at,
        by: by.clone(),
        extra: Default::default(),
    };
    let change_doc = Doc::new(&new_local_id("x"), &change, at, &by)
        .map_err(|e| SaveError::Store(WriteError::from(e).into()))?;
    store.bulk_put(vec![next, change_doc]).await?;
    Ok(true)
}

/// Creates a new record; `Err(Invalid)` lists the fields to fix.
pub async fn create<R: Record>(
    store: &Store,
    prefix: &str,
    record: &R,
) -> Result<String, SaveError> {
    let errors = record.validate();
    if !errors.is_empty() {
        return Err(SaveError::Invalid(errors));
    }
    let by = current_user(store).await;
    let doc = Doc::new(&new_local_id(prefix), record, now(), &by)
        .map_err(|e| SaveError::Store(WriteError::from(e).into()))?;
    let id = doc.id.clone();
    store.put(doc).await?;
    Ok(id)
}

/// Deletes `doc` as a tombstone revision; returns the body to restore on undo.
pub async fn delete(store: &Store, doc: &Doc) -> Result<Doc, StoreError> {
    let by = current_user(store).await;
    let rev = doc
        .rev
        .clone()
        .ok_or_else(|| WriteError::NotFound(doc.id.clone()))?;
    store.delete(&doc.id, &rev, now(), &by).await?;
    Ok(doc.clone())
}

/// Undoes [`delete`]: a new revision on top of the tombstone with the old body.
pub async fn restore(store: &Store, old: &Doc) -> Result<(), StoreError> {
    let mut doc = old.clone();
    doc.rev = None;
    doc.deleted = false;
    store.put(doc).await.map(|_| ())
}

/// Each rejected field's message by field name, for a form to show beside its inputs.
pub fn field_errors(
    i18n: I18nContext<Locale>,
    errs: &ValidationErrors,
) -> std::collections::HashMap<String, String> {
    errs.0
        .iter()
        .map(|e| (e.field.clone(), error_text(i18n, e.code)))
        .collect()
}

/// The message beside a field for a validation code.
pub fn error_text(i18n: I18nContext<Locale>, code: ErrorCode) -> String {
    match code {
        ErrorCode::Required => t_string!(i18n, err_required),
        ErrorCode::InvalidEmail => t_string!(i18n, err_email),
        _ => t_string!(i18n, err_invalid),
    }
    .to_string()
}
