//! The workspace settings document (language, currency, journey stages,
//! support rules, source groups): one document, synced like any record; and the
//! language this device shows, a choice of its own that is never synced.

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

/// The device-local setting holding the language this device shows.
pub const LANGUAGE_SETTING: &str = "language";

/// The language chosen on this device, when one was; otherwise the workspace's applies.
pub async fn device_language(store: &Store) -> Result<Option<String>, StoreError> {
    Ok(store
        .local_setting(LANGUAGE_SETTING)
        .await?
        .and_then(|v| v.as_str().map(str::to_string)))
}

/// Shows `lang` on this device from now on. Nothing synced is written, so a new
/// device can switch language before its first pull without creating a
/// conflicting settings document.
pub async fn set_device_language(store: &Store, lang: &str) -> Result<(), StoreError> {
    if !WorkspaceSettings::LOCALES.contains(&lang) {
        let mut errors = crate::domain::validate::ValidationErrors::default();
        errors.push("locale", crate::domain::validate::ErrorCode::OutOfRange);
        return Err(StoreError::Write(crate::domain::WriteError::Invalid(
            crate::domain::DocError::Invalid {
                id: LANGUAGE_SETTING.into(),
                errors,
            },
        )));
    }
    store
        .set_local_setting(LANGUAGE_SETTING, &lang.into())
        .await
}
