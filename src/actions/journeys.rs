//! Saving a journey map, merging a concurrent change made elsewhere instead of
//! losing either side.

use super::{now, Actor};
use crate::domain::journey::edit::merge;
use crate::domain::records::JourneyMap;
use crate::domain::{Doc, WriteError};
use crate::store::StoreError;

/// What [`save_map`] did.
#[derive(Clone, Debug)]
pub enum MapSave {
    /// Written: the document as stored, with its new revision.
    Saved(Doc),
    /// Someone saved first. Nothing was written; `merged` is our edit over
    /// their version (`latest`), to save next on top of `latest`.
    Merged {
        /// The stored document, theirs.
        latest: Doc,
        /// Our edit merged over theirs.
        merged: JourneyMap,
    },
}

/// Saves `next` as the revision after `base`, whose content was `old`.
pub async fn save_map(
    actor: &Actor,
    base: &Doc,
    old: &JourneyMap,
    next: &JourneyMap,
) -> Result<MapSave, StoreError> {
    let store = actor.store();
    let mut doc = base.clone();
    doc.set_record(next, now(), actor.author())?;
    match store.put(doc.clone()).await {
        Ok(outcome) => {
            // What was written is known: no read back, which could pick up
            // another writer's revision in between.
            doc.rev = Some(outcome.rev);
            Ok(MapSave::Saved(doc))
        }
        Err(StoreError::Write(WriteError::Conflict(id))) => {
            let latest = store.get(&base.id).await?.ok_or(WriteError::NotFound(id))?;
            let theirs: JourneyMap = latest.record()?;
            Ok(MapSave::Merged {
                merged: merge(old, next, &theirs),
                latest,
            })
        }
        Err(e) => Err(e),
    }
}
