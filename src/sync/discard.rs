//! *Discard my change*: a record whose change the server refused is put back to
//! the server's version (see [`crate::domain::server_version`]), or leaves this
//! device when the server never had it, and drops off the refused list. The
//! person asked for it: this is the one place a local revision is let go.

use super::attachments;
use super::replicate::forget_refused;
use super::{Remote, SyncError};
use crate::domain::replication::leaf_revs;
use crate::store::Store;

/// Puts record `id` back to what `remote` holds, then each record of `with`
/// (the records of its edit, see [`crate::domain::held_back::group_refused`]).
/// Changes nothing more once one fails: the server cannot be read, or a record
/// changed here meanwhile (a [`crate::domain::WriteError::Conflict`]).
pub async fn discard_refused(
    store: &Store,
    remote: &Remote,
    id: &str,
    with: &[String],
) -> Result<(), SyncError> {
    for one in std::iter::once(id).chain(with.iter().map(String::as_str)) {
        discard_one(store, remote, one).await?;
    }
    Ok(())
}

async fn discard_one(store: &Store, remote: &Remote, id: &str) -> Result<(), SyncError> {
    let expected = store
        .entry(id)
        .await?
        .as_ref()
        .map(leaf_revs)
        .unwrap_or_default();
    let server = remote.leaves_of(id).await?;
    if !expected.is_empty() {
        let (blobs, _later) = attachments::for_batch(store, remote, &server).await?;
        store
            .replace_with_server(id, &expected, &server, &blobs)
            .await?;
    }
    forget_refused(store, id).await
}
