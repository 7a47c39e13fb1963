//! *Discard my change*: a record whose change the server refused is put back to
//! the server's version (see [`crate::domain::server_version`]), or leaves this
//! device when the server never had it, and drops off the refused list. The
//! person asked for it: this is the one place a local revision is let go.

use super::attachments;
use super::replicate::forget_refused;
use super::{Remote, SyncError};
use crate::domain::replication::leaf_revs;
use crate::domain::RevId;
use crate::store::Store;

/// Puts record `id` back to what `remote` holds, then each record of `with`
/// (the records of its edit, see [`crate::domain::held_back::group_refused`]).
/// `expected` are `id`'s leaves as the person saw them when asked: when they
/// differ now (it changed here meanwhile), nothing is discarded and this is a
/// [`crate::domain::WriteError::Conflict`]. Stops at the first failure.
pub async fn discard_refused(
    store: &Store,
    remote: &Remote,
    id: &str,
    expected: &[RevId],
    with: &[String],
) -> Result<(), SyncError> {
    discard_one(store, remote, id, expected).await?;
    for one in with {
        // An edit's record never changes after it is written.
        let leaves = store
            .entry(one)
            .await?
            .as_ref()
            .map(leaf_revs)
            .unwrap_or_default();
        discard_one(store, remote, one, &leaves).await?;
    }
    Ok(())
}

async fn discard_one(
    store: &Store,
    remote: &Remote,
    id: &str,
    expected: &[RevId],
) -> Result<(), SyncError> {
    let server = remote.leaves_of(id).await?;
    if !expected.is_empty() {
        let (blobs, _later) = attachments::for_batch(store, remote, &server).await?;
        store
            .replace_with_server(id, expected, &server, &blobs)
            .await?;
    }
    forget_refused(store, id).await
}
