//! The workspace settings document (language, currency, journey stages,
//! support rules, source groups): one document, synced like any record.

use super::{now, Actor};
use crate::domain::records::WorkspaceSettings;
use crate::domain::{Doc, Record};
use crate::store::{Store, StoreError};

/// The settings document's id.
pub fn settings_id() -> String {
    WorkspaceSettings::TYPE.doc_id(WorkspaceSettings::LOCAL_ID)
}

/// The stored settings, when there are any.
pub async fn load(store: &Store) -> Result<Option<WorkspaceSettings>, StoreError> {
    Ok(match store.get(&settings_id()).await? {
        Some(doc) if !doc.deleted => doc.record().ok(),
        _ => None,
    })
}

/// Saves `next` as the settings document's next revision (or its first).
pub async fn save(actor: &Actor, next: &WorkspaceSettings) -> Result<(), StoreError> {
    let store = actor.store();
    let (at, by) = (now(), actor.author());
    let doc = match store.get(&settings_id()).await? {
        Some(mut doc) => {
            doc.set_record(next, at, by)?;
            doc
        }
        None => Doc::new(WorkspaceSettings::LOCAL_ID, next, at, by)?,
    };
    store.put(doc).await.map(|_| ())
}
