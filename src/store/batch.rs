//! One write transaction. It reads the revision entries of the documents it
//! touches and the local sequence, lets the caller apply the domain's rules, then
//! persists entries, winners, the change feed and the sequence atomically.
//! Any error, from the rules or from IndexedDB, aborts it: nothing is written.

use super::schema::{CHANGES, DOCS, META, REVS};
use super::{idb, ChangeEvent, StoreError};
use crate::domain::{DocEntry, RevId};
use futures::future::join_all;
use serde_json::json;
use std::collections::{BTreeMap, HashMap};
use wasm_bindgen::JsValue;
use web_sys::{IdbDatabase, IdbObjectStore, IdbTransaction, IdbTransactionMode};

/// The working set of one write transaction.
pub struct Batch {
    entries: HashMap<String, Option<DocEntry>>,
    seq: u64,
    /// Latest change per document in this batch, in the order first touched.
    changes: BTreeMap<u64, (String, RevId, bool)>,
    latest: HashMap<String, u64>,
    old_seqs: Vec<u64>,
}

impl Batch {
    /// The stored (or already updated in this batch) entry of `id`.
    pub fn entry(&self, id: &str) -> Option<&DocEntry> {
        self.entries.get(id).and_then(Option::as_ref)
    }

    /// Takes the next local sequence number.
    pub fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    /// Replaces `id`'s entry; `rev` is the revision this change made or brought.
    pub fn set(&mut self, entry: DocEntry, rev: RevId, deleted: bool) {
        let id = entry.id.clone();
        let seq = entry.seq;
        if let Some(Some(stored)) = self.entries.get(&id) {
            if !self.latest.contains_key(&id) {
                self.old_seqs.push(stored.seq);
            }
        }
        if let Some(previous) = self.latest.insert(id.clone(), seq) {
            self.changes.remove(&previous);
        }
        self.changes.insert(seq, (id.clone(), rev, deleted));
        self.entries.insert(id, Some(entry));
    }
}

fn os(tx: &IdbTransaction, name: &str) -> Result<IdbObjectStore, StoreError> {
    tx.object_store(name).map_err(idb::js_error)
}

/// Runs `apply` inside one readwrite transaction over the documents `ids`.
/// Returns its result and the change event to publish once committed.
pub async fn run<T>(
    db: &IdbDatabase,
    ids: Vec<String>,
    apply: impl FnOnce(&mut Batch) -> Result<T, StoreError>,
) -> Result<(T, Option<ChangeEvent>), StoreError> {
    let tx = idb::transaction(
        db,
        &[DOCS, REVS, CHANGES, META],
        IdbTransactionMode::Readwrite,
    )?;
    let committed = idb::done(&tx);
    match fill(&tx, ids, apply).await {
        Ok(out) => {
            committed.await?;
            Ok(out)
        }
        Err(e) => {
            let _ = tx.abort();
            let _ = committed.await;
            Err(e)
        }
    }
}

async fn fill<T>(
    tx: &IdbTransaction,
    mut ids: Vec<String>,
    apply: impl FnOnce(&mut Batch) -> Result<T, StoreError>,
) -> Result<(T, Option<ChangeEvent>), StoreError> {
    let revs = os(tx, REVS)?;
    let meta = os(tx, META)?;
    ids.sort_unstable();
    ids.dedup();
    // Fire every read at once; the transaction stays alive while they are pending.
    let seq_req = meta.get(&JsValue::from_str("seq")).map_err(idb::js_error)?;
    let reads = ids
        .iter()
        .map(|id| revs.get(&JsValue::from_str(id)).map_err(idb::js_error))
        .collect::<Result<Vec<_>, _>>()?;
    let seq = idb::request(&seq_req).await?.as_f64().unwrap_or(0.0) as u64;
    let mut entries = HashMap::with_capacity(ids.len());
    for (id, res) in ids
        .into_iter()
        .zip(join_all(reads.iter().map(idb::request)).await)
    {
        let v = res?;
        let entry = if v.is_undefined() || v.is_null() {
            None
        } else {
            Some(
                serde_json::from_value(idb::from_js(&v)?)
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?,
            )
        };
        entries.insert(id, entry);
    }
    let mut batch = Batch {
        entries,
        seq,
        changes: BTreeMap::new(),
        latest: HashMap::new(),
        old_seqs: Vec::new(),
    };
    let out = apply(&mut batch)?;
    if batch.changes.is_empty() {
        return Ok((out, None));
    }
    persist(tx, &batch)?;
    let event = ChangeEvent {
        seq: batch.seq,
        ids: batch
            .changes
            .values()
            .map(|(id, _, _)| id.clone())
            .collect(),
        cleared: false,
    };
    Ok((out, Some(event)))
}

fn persist(tx: &IdbTransaction, batch: &Batch) -> Result<(), StoreError> {
    let (revs, docs, changes, meta) = (
        os(tx, REVS)?,
        os(tx, DOCS)?,
        os(tx, CHANGES)?,
        os(tx, META)?,
    );
    for (seq, (id, rev, deleted)) in &batch.changes {
        let change = json!({"seq": seq, "id": id, "rev": rev.to_string(), "deleted": deleted});
        changes.add(&idb::to_js(&change)?).map_err(idb::js_error)?;
    }
    // The feed keeps only each document's latest change, like CouchDB's by-seq index.
    for old in &batch.old_seqs {
        changes
            .delete(&JsValue::from_f64(*old as f64))
            .map_err(idb::js_error)?;
    }
    for id in batch.latest.keys() {
        let Some(entry) = batch.entry(id) else {
            continue;
        };
        let mut json =
            serde_json::to_value(entry).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        // Flags are absent (not false) when clear, so clean entries stay out of the indexes.
        if !entry.conflicts().is_empty() {
            json["conflicted"] = 1.into();
        }
        let winner = entry.winner();
        let reason = winner.as_ref().and_then(|w| w.validate().err());
        if let Some(reason) = &reason {
            // A server sent something this version cannot use: kept as it is (all its
            // revisions stay here and replicate), set aside from every screen.
            json["quarantined"] = reason.to_string().into();
        }
        revs.put(&idb::to_js(&json)?).map_err(idb::js_error)?;
        match winner {
            Some(w) if !w.deleted && reason.is_none() => {
                docs.put(&idb::to_js(&w.to_json())?)
                    .map_err(idb::js_error)?;
            }
            _ => {
                docs.delete(&JsValue::from_str(id)).map_err(idb::js_error)?;
            }
        }
    }
    meta.put_with_key(
        &JsValue::from_f64(batch.seq as f64),
        &JsValue::from_str("seq"),
    )
    .map_err(idb::js_error)?;
    Ok(())
}
