//! The whole workspace at once: replacing it with generated sample data, and
//! erasing it. Both keep the person's settings (language, currency, stages).

use super::{now, Actor};
use crate::domain::records::WorkspaceSettings;
use crate::domain::{Record, Timestamp};
use crate::store::StoreError;

/// Documents written per transaction while loading sample data.
const SAMPLE_BATCH: usize = 2_000;

/// Clears the local database and writes a freshly generated sample workspace
/// with `keep` as its settings, reporting `(written, total)` after every
/// committed batch. Returns how many documents were written.
pub async fn replace_with_sample(
    actor: &Actor,
    keep: &WorkspaceSettings,
    progress: impl FnMut(usize, usize),
) -> Result<usize, StoreError> {
    use crate::domain::sample::{generate_at, SampleSize};
    let today = now();
    let (y, m, d) = today.ymd();
    let day = Timestamp::from_ymd(y, m, d).unwrap_or(today);
    let mut docs = generate_at(2026, day, today, SampleSize::FULL);
    let settings_id = WorkspaceSettings::TYPE.doc_id(WorkspaceSettings::LOCAL_ID);
    if let Some(settings_doc) = docs.iter_mut().find(|d| d.id == settings_id) {
        settings_doc.set_record(keep, today, actor.author())?;
    }
    let store = actor.store();
    store.clear().await?;
    crate::store::write_in_batches(store, docs, SAMPLE_BATCH, progress).await
}

/// Erases every local record (after the person confirmed), then writes `keep`
/// back as the settings document, so preferences survive.
pub async fn erase(actor: &Actor, keep: &WorkspaceSettings) -> Result<(), StoreError> {
    actor.store().clear().await?;
    super::settings::save(actor, keep).await
}
