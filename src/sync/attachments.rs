//! Attachment bytes in replication (see [`crate::domain::attachment`]): a pull
//! fetches the photos its documents name that this device lacks; a push sends
//! the bytes this device holds inline. A photo that cannot be fetched now (the
//! network dropped, a truncated reply) is remembered and fetched on the next pull,
//! so its document is never held back and the photo is never given up on.

use super::{Remote, SyncError};
use crate::domain::attachment::{self, AttachmentRef};
use crate::domain::replication::{FetchError, Incoming};
use crate::store::blob::{blob_of, bytes_of};
use crate::store::Store;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// The device-local setting holding photos still to fetch.
const PENDING: &str = "pending_attachments";

/// A photo named by a pulled document and not fetched yet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Wanted {
    id: String,
    name: String,
    rev: String,
    digest: String,
    content_type: String,
}

/// Photos the incoming revisions name that this device lacks (one per digest).
async fn wanted(store: &Store, incoming: &[Incoming]) -> Result<Vec<Wanted>, SyncError> {
    let mut by_digest = BTreeMap::new();
    for inc in incoming.iter().filter(|i| !i.doc.deleted) {
        let Some(rev) = &inc.doc.rev else { continue };
        for r in attachment::refs(&inc.doc.id, &inc.doc.body) {
            // Only photos are fetched, and none larger than this device keeps.
            if attachment::IMAGE_TYPES.contains(&r.content_type.as_str())
                && r.length <= attachment::MAX_BYTES as u64
            {
                let AttachmentRef {
                    doc_id,
                    name,
                    content_type,
                    digest,
                    ..
                } = r;
                by_digest.entry(digest.clone()).or_insert(Wanted {
                    id: doc_id,
                    name,
                    rev: rev.to_string(),
                    digest,
                    content_type,
                });
            }
        }
    }
    let digests: Vec<String> = by_digest.keys().cloned().collect();
    let missing = store.missing_blobs(&digests).await?;
    Ok(missing
        .into_iter()
        .filter_map(|d| by_digest.remove(&d))
        .collect())
}

/// Why a fetch failed, and whether trying again could help.
struct Failed {
    reason: String,
    /// The server no longer has it (404: the document or that revision is gone).
    gone: bool,
}

/// Fetches one photo and checks its bytes against the digest.
async fn fetch_one(remote: &Remote, w: &Wanted) -> Result<web_sys::Blob, Failed> {
    let failed = |reason: String| Failed {
        reason,
        gone: false,
    };
    let bytes = remote
        .attachment(&w.id, &w.name, &w.rev)
        .await
        .map_err(|e| Failed {
            gone: matches!(e, SyncError::Http { status: 404, .. }),
            reason: e.to_string(),
        })?;
    if attachment::digest(&bytes) != w.digest {
        return Err(failed(format!(
            "attachment {:?}: the bytes received do not match its digest",
            w.name
        )));
    }
    blob_of(&bytes, &w.content_type).map_err(|e| failed(e.to_string()))
}

fn errors_of(failed: &[(Wanted, Failed)]) -> Vec<FetchError> {
    failed
        .iter()
        .map(|(w, f)| FetchError {
            id: w.id.clone(),
            reason: f.reason.clone(),
        })
        .collect()
}

/// What is worth trying again later: not what the server says is gone.
fn retryable(failed: Vec<(Wanted, Failed)>) -> impl Iterator<Item = Wanted> {
    failed.into_iter().filter(|(_, f)| !f.gone).map(|(w, _)| w)
}

/// Fetches `list`; returns the blobs got and the ones that failed, with reasons.
async fn fetch_all(
    remote: &Remote,
    list: Vec<Wanted>,
) -> (Vec<(String, web_sys::Blob)>, Vec<(Wanted, Failed)>) {
    let (mut got, mut failed) = (Vec::new(), Vec::new());
    for w in list {
        match fetch_one(remote, &w).await {
            Ok(blob) => got.push((w.digest.clone(), blob)),
            Err(reason) => failed.push((w, reason)),
        }
    }
    (got, failed)
}

async fn read_pending(store: &Store) -> Result<Vec<Wanted>, SyncError> {
    Ok(store
        .local_setting(PENDING)
        .await?
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default())
}

async fn write_pending(store: &Store, list: &[Wanted]) -> Result<(), SyncError> {
    let v = serde_json::to_value(list).unwrap_or(Value::Null);
    Ok(store.set_local_setting(PENDING, &v).await?)
}

/// The photos a batch of pulled revisions needs: fetched now, to be written with
/// the batch. Those that fail are reported and remembered for the next pull.
pub async fn for_batch(
    store: &Store,
    remote: &Remote,
    incoming: &[Incoming],
) -> Result<(Vec<(String, web_sys::Blob)>, Vec<FetchError>), SyncError> {
    let list = wanted(store, incoming).await?;
    if list.is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    let (got, failed) = fetch_all(remote, list).await;
    if failed.is_empty() {
        return Ok((got, Vec::new()));
    }
    let mut pending = read_pending(store).await?;
    let errors = errors_of(&failed);
    for w in retryable(failed) {
        if !pending.iter().any(|p| p.digest == w.digest) {
            pending.push(w);
        }
    }
    write_pending(store, &pending).await?;
    Ok((got, errors))
}

/// Fetches the photos earlier pulls could not; keeps those that fail again,
/// except those the server says are gone (404).
pub async fn retry_pending(store: &Store, remote: &Remote) -> Result<Vec<FetchError>, SyncError> {
    let pending = read_pending(store).await?;
    if pending.is_empty() {
        return Ok(Vec::new());
    }
    let digests: Vec<String> = pending.iter().map(|w| w.digest.clone()).collect();
    let missing = store.missing_blobs(&digests).await?;
    let list: Vec<Wanted> = pending
        .into_iter()
        .filter(|w| missing.contains(&w.digest))
        .collect();
    let (got, failed) = fetch_all(remote, list).await;
    store.put_blobs(&got).await?;
    let errors = errors_of(&failed);
    let still: Vec<Wanted> = retryable(failed).collect();
    write_pending(store, &still).await?;
    Ok(errors)
}

/// Puts the bytes of every attachment this device holds into the uploads.
pub async fn inline_for_push(store: &Store, docs: &mut [Value]) -> Result<(), SyncError> {
    for doc in docs.iter_mut() {
        let Some(atts) = doc.get("_attachments").and_then(Value::as_object) else {
            continue;
        };
        let mut data = BTreeMap::new();
        let digests: Vec<String> = atts
            .values()
            .filter_map(|a| a.get("digest").and_then(Value::as_str))
            .map(str::to_string)
            .collect();
        for d in digests {
            if let Some(blob) = store.blob(&d).await? {
                data.insert(d, attachment::base64(&bytes_of(&blob).await?));
            }
        }
        attachment::inline(doc, |d| data.get(d).cloned());
    }
    Ok(())
}
