//! After a pull: conflicts that involve an erased revision are settled by the
//! erasure rule (see `domain::gdpr::erasure_resolution`), so an edit made
//! offline on an older revision cannot bring erased personal data back.

use crate::domain::gdpr::erasure_resolution;
use crate::domain::Timestamp;
use crate::store::{Store, StoreError};

/// Applies the erasure rule to every conflicted document; returns how many it settled.
pub async fn settle_erasure_conflicts(store: &Store, now: Timestamp) -> Result<usize, StoreError> {
    let mut writes = Vec::new();
    let mut settled = 0;
    for entry in store.conflicted().await? {
        if let Some(w) = erasure_resolution(&entry, now, "waypoint") {
            writes.extend(w);
            settled += 1;
        }
    }
    store.bulk_put(writes).await?;
    Ok(settled)
}
