//! One-shot pull and push. Each batch: read the source's changes, ask the target
//! what it lacks, copy exactly that with its history, and only after the target
//! has it durably, write the checkpoint on both peers. An interrupted run resumes
//! from the last checkpoint both peers agree on.

use super::scoped::Filter;
use super::{Remote, SyncError};
use crate::domain::held_back::{body_size, HeldBack, HeldState};
use crate::domain::replication::{
    first_revisions, leaf_map, replication_id, resume_seq, upload_json, ChangesPage, Checkpoint,
    Direction, FetchError, Incoming, RevMap, Seq,
};
use crate::store::{Store, StoreError};
use serde_json::{json, Value};

/// Batch size and an optional stop after some batches.
#[derive(Clone, Debug)]
pub struct Options {
    /// Changes per batch.
    pub batch_size: u32,
    /// Stop after this many batches (the next run resumes); `None` runs to the end.
    pub max_batches: Option<usize>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            batch_size: 500,
            max_batches: None,
        }
    }
}

/// What a run did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// Change rows read from the source.
    pub changes_read: usize,
    /// Revisions the target lacked and received.
    pub revisions_written: usize,
    /// Revisions that could not be copied, with the reason (not fatal to the batch).
    pub errors: Vec<FetchError>,
    /// Batches completed (each one checkpointed).
    pub batches: usize,
    /// The source sequence reached.
    pub last_seq: Seq,
    /// Documents read and left on the server: outside this device's offline scope.
    pub out_of_scope: usize,
    /// Documents removed from this device: outside the scope, all on the server.
    pub evicted: usize,
    /// Revisions the server refused as too large: kept here, offered again at every push.
    pub held: Vec<HeldBack>,
    /// Revisions the server refused (its rules, its permissions), with its
    /// reason: kept here, not offered again.
    pub refused: Vec<FetchError>,
}

fn session_id() -> String {
    let mut s = String::with_capacity(32);
    for _ in 0..4 {
        s.push_str(&format!(
            "{:08x}",
            (js_sys::Math::random() * 4_294_967_296.0) as u32
        ));
    }
    s
}

/// One batch read from the source: its change rows, the revisions fetched and
/// the attachment bytes they name that were missing here.
struct Fetched {
    page: ChangesPage,
    incoming: Vec<Incoming>,
    blobs: Vec<(String, web_sys::Blob)>,
    errors: Vec<FetchError>,
    skipped: usize,
}

/// Reads the next page of `_changes` and fetches the revisions it lists that the
/// local store lacks. With `check_local` off (the store was empty when the pull
/// began, so it holds nothing of the server's) every listed revision is fetched,
/// first revisions straight from the page (`include_docs`); merging is
/// idempotent, so a revision that did arrive meanwhile is just skipped.
async fn fetch_batch(
    store: &Store,
    remote: &Remote,
    since: &Seq,
    batch_size: u32,
    check_local: bool,
    filter: Option<&Filter<'_>>,
) -> Result<Fetched, SyncError> {
    let page = remote.changes(since, batch_size, !check_local).await?;
    let mut offered = RevMap::new();
    for row in page
        .rows
        .iter()
        .filter(|r| filter.is_none_or(|f| f.takes(&r.id)))
    {
        offered
            .entry(row.id.clone())
            .or_default()
            .extend(row.revs.iter().cloned());
    }
    let wanted = if check_local && !offered.is_empty() {
        store.missing_revs(&offered).await?
    } else {
        offered
    };
    let (mut incoming, wanted) = first_revisions(&page.rows, wanted);
    let (fetched, mut errors) = remote.fetch(&wanted).await?;
    incoming.extend(fetched);
    let (incoming, skipped) = match filter {
        Some(f) => f.sift(store, incoming).await?,
        None => (incoming, 0),
    };
    let (blobs, missed) = super::attachments::for_batch(store, remote, &incoming).await?;
    errors.extend(missed);
    Ok(Fetched {
        page,
        incoming,
        blobs,
        errors,
        skipped,
    })
}

/// Where a replication stands on both peers.
struct Progress {
    rep_id: String,
    session: String,
    local: Option<Checkpoint>,
    remote: Option<Checkpoint>,
}

impl Progress {
    /// Reads both peers' checkpoints of this replication (`variant` names a
    /// filtered pull, which keeps checkpoints of its own).
    async fn read(
        store: &Store,
        remote: &Remote,
        direction: Direction,
        variant: Option<&str>,
    ) -> Result<Self, SyncError> {
        let source = match variant {
            Some(v) => format!("{}#{v}", remote.db_url()),
            None => remote.db_url(),
        };
        let rep_id = replication_id(&store.uuid().await?, &source, direction);
        Ok(Progress {
            local: store.checkpoint(&format!("_local/{rep_id}")).await?,
            remote: remote.checkpoint(&rep_id).await?,
            rep_id,
            session: session_id(),
        })
    }

    /// The checkpoints (local, remote) that record `since`.
    fn next(&self, since: &Seq) -> (Checkpoint, Checkpoint) {
        let next = |cp: &Option<Checkpoint>| {
            Checkpoint::next(cp.as_ref(), &self.rep_id, &self.session, since.clone())
        };
        (next(&self.local), next(&self.remote))
    }

    /// Writes the server's checkpoint of a pull at `since` (already durable here).
    async fn record_remote(
        &mut self,
        remote: &Remote,
        since: Option<Seq>,
    ) -> Result<(), SyncError> {
        if let Some(since) = since {
            let (_, cp) = self.next(&since);
            self.remote = Some(remote.put_checkpoint(&cp).await?);
        }
        Ok(())
    }

    /// Records a pushed `since` on both peers, the target (the server) first,
    /// after the batch that reached it is durable there.
    async fn commit_push(
        &mut self,
        store: &Store,
        remote: &Remote,
        since: &Seq,
    ) -> Result<(), SyncError> {
        let (local, remote_cp) = self.next(since);
        self.remote = Some(remote.put_checkpoint(&remote_cp).await?);
        store.put_checkpoint(&local).await?;
        self.local = Some(local);
        Ok(())
    }
}

/// Pulls the remote database into the local store. Batches are pipelined: while
/// one batch is written to IndexedDB (with the local checkpoint, in the same
/// transaction), the next is read from the server and the previous batch's
/// checkpoint is written on the server. The server's checkpoint therefore trails
/// by one batch, and never names a batch that is not durable here.
pub async fn pull(store: &Store, remote: &Remote, opts: &Options) -> Result<Report, SyncError> {
    let retried = super::attachments::retry_pending(store, remote).await?;
    let mut r = pull_with(store, remote, opts, None, None).await?;
    r.errors.splice(0..0, retried);
    Ok(r)
}

/// [`pull`] with checkpoints of its own (`variant`), keeping only what `filter`
/// lets through (one phase of a scoped pull).
pub(super) async fn pull_with(
    store: &Store,
    remote: &Remote,
    opts: &Options,
    variant: Option<&str>,
    filter: Option<&Filter<'_>>,
) -> Result<Report, SyncError> {
    let mut progress = Progress::read(store, remote, Direction::Pull, variant).await?;
    let since = resume_seq(progress.remote.as_ref(), progress.local.as_ref());
    let check_local = store.local_seq().await? > 0;
    let mut report = Report {
        last_seq: since.clone(),
        ..Report::default()
    };
    let mut current =
        fetch_batch(store, remote, &since, opts.batch_size, check_local, filter).await?;
    let mut unrecorded = None;
    while !current.page.rows.is_empty() {
        let Fetched {
            page,
            incoming,
            blobs,
            errors,
            skipped,
        } = current;
        report.changes_read += page.rows.len();
        report.out_of_scope += skipped;
        report.errors.extend(errors);
        let reached = page.last_seq.clone();
        let last = (page.rows.len() as u32) < opts.batch_size
            || Some(report.batches + 1) == opts.max_batches;
        let (local_cp, _) = progress.next(&reached);
        let merge = store.merge_pulled(&incoming, &blobs, &local_cp);
        let trail = progress.record_remote(remote, unrecorded.take());
        let read = async {
            match last {
                true => None,
                false => Some(
                    fetch_batch(
                        store,
                        remote,
                        &reached,
                        opts.batch_size,
                        check_local,
                        filter,
                    )
                    .await,
                ),
            }
        };
        let (written, trailed, next) = futures::join!(merge, trail, read);
        report.revisions_written += written?;
        trailed?;
        progress.local = Some(local_cp);
        unrecorded = Some(reached.clone());
        report.batches += 1;
        report.last_seq = reached;
        match next {
            Some(next) => current = next?,
            None => break,
        }
    }
    progress.record_remote(remote, unrecorded).await?;
    Ok(report)
}

/// Pushes local changes (every leaf: edits, conflicts and tombstones) to the remote.
pub async fn push(store: &Store, remote: &Remote, opts: &Options) -> Result<Report, SyncError> {
    let mut progress = Progress::read(store, remote, Direction::Push, None).await?;
    let start = resume_seq(progress.local.as_ref(), progress.remote.as_ref());
    let mut since = start.as_u64().unwrap_or(0);
    let mut report = Report {
        last_seq: json!(since),
        ..Report::default()
    };
    // The checkpoint never passes the first revision the server did not store:
    // later batches are still pushed, and the next push offers that one again.
    let mut floor: Option<u64> = None;
    let mut delivered = Vec::new();
    loop {
        let page = store
            .changes_with_entries_since(since, Some(opts.batch_size))
            .await?;
        let Some(last) = page.last().map(|(c, _)| c.seq) else {
            break;
        };
        report.changes_read += page.len();
        let (changes, entries): (Vec<_>, Vec<_>) = page.into_iter().unzip();
        let offered = leaf_map(&entries);
        let missing = remote.revs_diff(&offered).await?;
        let mut docs: Vec<Value> = entries
            .iter()
            .flatten()
            .flat_map(|e| {
                missing
                    .get(&e.id)
                    .into_iter()
                    .flatten()
                    .filter_map(move |rev| upload_json(e, rev))
            })
            .collect();
        super::attachments::inline_for_push(store, &mut docs).await?;
        let sent = docs.len();
        let Uploaded {
            errors,
            lacking,
            held,
        } = upload_checked(remote, docs).await?;
        let unsent = errors.len() + lacking.len() + held.len();
        report.revisions_written += sent - unsent.min(sent);
        let waiting = |id: &String| lacking.contains(id) || held.iter().any(|h| h.id == *id);
        delivered.extend(
            missing
                .keys()
                .filter(|id| !waiting(id) && !errors.iter().any(|e| e.id == **id))
                .cloned(),
        );
        // A record whose every revision the server already holds is in step
        // with it (a refused change discarded, say): nothing of it is refused.
        delivered.extend(
            changes
                .iter()
                .filter(|c| !missing.contains_key(&c.id))
                .map(|c| c.id.clone()),
        );
        report.refused.extend(errors);
        if let Some(first) = changes
            .iter()
            .filter(|c| waiting(&c.id))
            .map(|c| c.seq)
            .min()
        {
            floor = Some(floor.map_or(first - 1, |f| f.min(first - 1)));
        }
        report.held.extend(held);
        report
            .errors
            .extend(lacking.into_iter().map(|id| FetchError {
                id,
                reason: "the server answered without storing this revision".into(),
            }));
        since = last;
        let seq = json!(floor.map_or(last, |f| f.min(last)));
        progress.commit_push(store, remote, &seq).await?;
        report.batches += 1;
        report.last_seq = seq;
        if (changes.len() as u32) < opts.batch_size || Some(report.batches) == opts.max_batches {
            break;
        }
    }
    if !report.held.is_empty() {
        let limit = remote.max_document_size().await;
        for h in &mut report.held {
            h.limit = limit;
        }
    }
    record_held(store, remote, since, &report, &delivered).await?;
    Ok(report)
}

/// The device-local setting naming what the last push held back.
pub const HELD_SETTING: &str = "sync-held";

/// Keeps what this push held back and what the server refused (for the sync
/// settings and the count of changes waiting), writing only when it changed.
async fn record_held(
    store: &Store,
    remote: &Remote,
    through: u64,
    report: &Report,
    delivered: &[String],
) -> Result<(), SyncError> {
    let before = held_state(store).await?;
    let was_clear = before.as_ref().is_none_or(HeldState::is_clear);
    if was_clear && report.held.is_empty() && report.refused.is_empty() {
        return Ok(());
    }
    let next = HeldState::after_push(
        before.as_ref(),
        &remote.db_url(),
        through,
        report.held.clone(),
        report.refused.clone(),
        delivered,
    );
    if before.as_ref() == Some(&next) {
        return Ok(());
    }
    let value = serde_json::to_value(&next).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    Ok(store.set_local_setting(HELD_SETTING, &value).await?)
}

/// Takes record `id` off the refused list (its refused change was discarded).
pub(super) async fn forget_refused(store: &Store, id: &str) -> Result<(), SyncError> {
    let Some(mut state) = held_state(store).await? else {
        return Ok(());
    };
    let before = state.refused.len();
    state.refused.retain(|r| r.id != id);
    if state.refused.len() == before {
        return Ok(());
    }
    let value = serde_json::to_value(&state).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    Ok(store.set_local_setting(HELD_SETTING, &value).await?)
}

/// What the last push left waiting, if it left anything.
pub async fn held_state(store: &Store) -> Result<Option<HeldState>, SyncError> {
    Ok(store
        .local_setting(HELD_SETTING)
        .await?
        .and_then(|v| serde_json::from_value(v).ok()))
}

/// Uploads `docs`, then asks the server which of the revisions it did not refuse
/// it still lacks: CouchDB stores or refuses each document on its own, but
/// PouchDB Server with a validation function answers updates without an error
/// and stores nothing. Returns the refusals, and the ids whose revision silently
/// did not land (one `_revs_diff` per batch is the price of never moving the
/// checkpoint past a revision the server does not hold).
async fn upload_checked(remote: &Remote, docs: Vec<Value>) -> Result<Uploaded, SyncError> {
    let mut sent = RevMap::new();
    for d in &docs {
        if let (Some(id), Some(rev)) = (
            d.get("_id").and_then(Value::as_str),
            d.get("_rev")
                .and_then(Value::as_str)
                .and_then(|r| r.parse().ok()),
        ) {
            sent.entry(id.to_string()).or_default().push(rev);
        }
    }
    let (errors, held) = upload_fitting(remote, docs).await?;
    sent.retain(|id, _| !errors.iter().any(|e| e.id == *id) && !held.iter().any(|h| h.id == *id));
    let lacking = remote.revs_diff(&sent).await?.into_keys().collect();
    Ok(Uploaded {
        errors,
        lacking,
        held,
    })
}

/// What one upload left undone.
struct Uploaded {
    /// Revisions the server refused, with its reason.
    errors: Vec<FetchError>,
    /// Ids whose revision the server answered for but does not hold.
    lacking: Vec<String>,
    /// Revisions too large for the server.
    held: Vec<HeldBack>,
}

/// Uploads `docs`. CouchDB refuses a whole `_bulk_docs` with 413 when one
/// document is over its `max_document_size` (or the request over
/// `max_http_request_size`): the batch is then split in halves, down to single
/// documents, so everything that fits arrives and only a document refused on its
/// own is held back.
async fn upload_fitting(
    remote: &Remote,
    docs: Vec<Value>,
) -> Result<(Vec<FetchError>, Vec<HeldBack>), SyncError> {
    let (mut errors, mut held) = (Vec::new(), Vec::new());
    let mut queue = vec![docs];
    while let Some(mut batch) = queue.pop() {
        match remote.upload(&batch).await {
            Ok(refused) => errors.extend(refused),
            Err(SyncError::Http { status: 413, .. }) if batch.len() > 1 => {
                let second = batch.split_off(batch.len() / 2);
                queue.push(second);
                queue.push(batch);
            }
            Err(SyncError::Http { status: 413, .. }) => {
                let doc = &batch[0];
                let text = |k: &str| doc.get(k).and_then(Value::as_str).unwrap_or_default();
                held.push(HeldBack {
                    id: text("_id").to_string(),
                    rev: text("_rev").to_string(),
                    bytes: body_size(doc),
                    limit: None,
                });
            }
            Err(e) => return Err(e),
        }
    }
    Ok((errors, held))
}

/// One full round: pull (within this device's offline scope), push, then let
/// go of what left the scope and is safe on the server. Returns both reports.
pub async fn sync_once(
    store: &Store,
    remote: &Remote,
    opts: &Options,
) -> Result<(Report, Report), SyncError> {
    let scope = super::scoped::offline_scope(store).await?;
    let mut pulled = super::scoped::pull_scoped(store, remote, opts, &scope).await?;
    if pulled.revisions_written > 0 {
        let now = crate::domain::Timestamp(js_sys::Date::now() as i64);
        super::erasure::settle_erasure_conflicts(store, now).await?;
    }
    let pushed = push(store, remote, opts).await?;
    pulled.evicted = super::scoped::evict_out_of_scope(store, remote, &scope).await?;
    Ok((pulled, pushed))
}

/// The local sequence up to which every change was pushed to `remote` (this
/// side's push checkpoint); reads only the local store.
async fn pushed_up_to(store: &Store, remote: &Remote) -> Result<u64, SyncError> {
    let rep_id = replication_id(&store.uuid().await?, &remote.db_url(), Direction::Push);
    Ok(store
        .checkpoint(&format!("_local/{rep_id}"))
        .await?
        .and_then(|c| c.source_last_seq.as_u64())
        .unwrap_or(0))
}

/// Local changes not yet pushed to `remote` (after this side's push checkpoint);
/// reads only the local store, so it works offline.
pub async fn pending_changes(store: &Store, remote: &Remote) -> Result<u64, SyncError> {
    let since = pushed_up_to(store, remote).await?;
    let after_checkpoint = store.count_changes_since(since).await?;
    let state = held_state(store).await?;
    let after_through = match &state {
        Some(s) if s.through > since && !s.held.is_empty() => {
            store.count_changes_since(s.through).await?
        }
        _ => after_checkpoint,
    };
    Ok(HeldState::waiting(
        state.as_ref(),
        &remote.db_url(),
        after_checkpoint,
        after_through,
    ))
}
