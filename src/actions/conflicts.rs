//! Resolving a conflict: the person picks, field by field, which revision's
//! value to keep.

use super::{now, Actor};
use crate::domain::RevId;
use crate::store::StoreError;
use std::collections::BTreeMap;

/// Resolves `id`'s conflict: the winner takes the picked fields' values and
/// every other live leaf gets a tombstone, all in one transaction.
pub async fn resolve(
    actor: &Actor,
    id: &str,
    picks: &BTreeMap<String, RevId>,
) -> Result<(), StoreError> {
    actor
        .store()
        .resolve_conflict(id, picks, now(), actor.author())
        .await
        .map(|_| ())
}
