//! One write transaction. It reads the revision entries of the documents it
//! touches and the local sequence, lets the caller apply the domain's rules, then
//! persists each document (one record: winner and entry, or for a document that
//! is not live its entry alone, marked with its place in the change feed, see
//! [`super::feed`]) and the sequence atomically.
//! Any error, from the rules or from IndexedDB, aborts it: nothing is written.
//!
//! Crossing between wasm and JS is what a batch of hundreds of documents pays for
//! most, so reads are awaited twice at most (IndexedDB completes a transaction's requests
//! in order), revision entries travel as JSON strings (see [`entry_codec`]), and
//! documents are encoded into one JSON array parsed once by the browser.

use super::feed::Mark;
use super::schema::{BLOBS, CHECKPOINTS, DOCS, META, REVS};
use super::{doc_codec, entry_codec, idb, ChangeEvent, StoreError};
use crate::domain::replication::Checkpoint;
use crate::domain::{DocEntry, RevId};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{IdbDatabase, IdbObjectStore, IdbTransaction, IdbTransactionMode};

/// Where a document's records are before a write: a live document's entry is
/// kept in its `docs` record; any other's in `revs` (see [`entry_codec`]).
#[derive(Clone, Copy, Default)]
struct Home {
    in_docs: bool,
    in_revs: bool,
}

/// The working set of one write transaction.
pub struct Batch {
    entries: HashMap<String, Option<DocEntry>>,
    homes: HashMap<String, Home>,
    seq: u64,
    /// Latest change per document in this batch, in sequence order.
    changes: BTreeMap<u64, (String, RevId, bool)>,
    latest: HashMap<String, u64>,
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

/// What a write transaction stores besides documents.
#[derive(Default)]
pub struct Extras<'a> {
    /// The replication checkpoint, durable exactly when the documents it vouches for are.
    pub cp: Option<&'a Checkpoint>,
    /// Attachment bytes `(digest, Blob)` the documents name.
    pub blobs: &'a [(String, web_sys::Blob)],
}

/// Runs `apply` inside one readwrite transaction over the documents `ids`, and
/// writes `extras` (checkpoint, attachment bytes) in the same transaction.
/// Returns `apply`'s result and the change event to publish once committed.
pub async fn run<T>(
    db: &IdbDatabase,
    ids: Vec<String>,
    extras: Extras<'_>,
    apply: impl FnOnce(&mut Batch) -> Result<T, StoreError>,
) -> Result<(T, Option<ChangeEvent>), StoreError> {
    let mut stores = vec![DOCS, REVS, META];
    if extras.cp.is_some() {
        stores.push(CHECKPOINTS);
    }
    if !extras.blobs.is_empty() {
        stores.push(BLOBS);
    }
    let tx = idb::transaction(db, &stores, IdbTransactionMode::Readwrite)?;
    let committed = idb::done(&tx);
    match fill(&tx, ids, extras, apply).await {
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
    extras: Extras<'_>,
    apply: impl FnOnce(&mut Batch) -> Result<T, StoreError>,
) -> Result<(T, Option<ChangeEvent>), StoreError> {
    if !extras.blobs.is_empty() {
        super::blob::write_all(&os(tx, BLOBS)?, extras.blobs)?;
    }
    if let Some(cp) = extras.cp {
        let value = serde_json::to_value(cp).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        os(tx, CHECKPOINTS)?
            .put(&idb::to_js(&value)?)
            .map_err(idb::js_error)?;
    }
    let meta = os(tx, META)?;
    ids.sort_unstable();
    ids.dedup();
    // The sequence is read first, so it is complete once the records are.
    let seq_req = meta.get(&JsValue::from_str("seq")).map_err(idb::js_error)?;
    let found = entry_codec::read_both(&os(tx, DOCS)?, &os(tx, REVS)?, &ids).await?;
    if found.is_empty() {
        idb::request(&seq_req).await?;
    }
    let seq = idb::result_of(&seq_req)?.as_f64().unwrap_or(0.0) as u64;
    let mut entries = HashMap::with_capacity(ids.len());
    let mut homes = HashMap::with_capacity(ids.len());
    for (id, (doc, rev)) in ids.into_iter().zip(found) {
        let home = Home {
            in_docs: !doc.is_undefined(),
            in_revs: !rev.is_undefined(),
        };
        entries.insert(id.clone(), entry_codec::decode_either(&doc, &rev)?);
        homes.insert(id, home);
    }
    let mut batch = Batch {
        entries,
        homes,
        seq,
        changes: BTreeMap::new(),
        latest: HashMap::new(),
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
        settings: vec![],
    };
    Ok((out, Some(event)))
}

/// Records serialised into one JSON array, parsed by the browser in one call.
#[derive(Default)]
struct Encoded {
    json: Vec<u8>,
    count: u32,
}

impl Encoded {
    /// Appends `value`; returns its index in the array.
    fn push(&mut self, value: &impl Serialize) -> Result<u32, StoreError> {
        self.json.push(if self.count == 0 { b'[' } else { b',' });
        serde_json::to_writer(&mut self.json, value)
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        self.count += 1;
        Ok(self.count - 1)
    }

    fn parse(mut self) -> Result<js_sys::Array, StoreError> {
        if self.count == 0 {
            return Ok(js_sys::Array::new());
        }
        self.json.push(b']');
        let text = String::from_utf8(self.json).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        Ok(js_sys::JSON::parse(&text)
            .map_err(idb::js_error)?
            .unchecked_into())
    }
}

/// Where an encoded record goes.
enum Write<'a> {
    Rev(JsValue),
    Doc(u32),
    DeleteDoc(&'a str),
    DeleteRev(&'a str),
}

fn persist(tx: &IdbTransaction, batch: &Batch) -> Result<(), StoreError> {
    let mut encoded = Encoded::default();
    let mut writes = Vec::with_capacity(batch.changes.len() * 2);
    for (seq, (id, rev, deleted)) in &batch.changes {
        let Some(entry) = batch.entry(id) else {
            continue;
        };
        let mark = Mark {
            seq: *seq,
            rev,
            deleted: *deleted,
        };
        let winner = entry.winner();
        // A server sent something this version cannot use: kept as it is (all its
        // revisions stay here and replicate), set aside from every screen.
        let quarantined = winner
            .as_ref()
            .and_then(|w| w.validate().err())
            .map(|reason| reason.to_string());
        let live = quarantined.is_none();
        let flags = entry_codec::Flags {
            conflicted: !entry.tree.conflicts().is_empty(),
            quarantined,
        };
        let home = batch.homes.get(id).copied().unwrap_or_default();
        // One record per live document: its winner and its entry together.
        match winner {
            Some(w) if !w.deleted && live => {
                let stored = doc_codec::encode(&w, entry, flags.conflicted, &mark)?;
                writes.push(Write::Doc(encoded.push(&stored)?));
                if home.in_revs {
                    writes.push(Write::DeleteRev(id));
                }
            }
            _ => {
                writes.push(Write::Rev(entry_codec::encode(entry, &flags, &mark)?));
                if home.in_docs {
                    writes.push(Write::DeleteDoc(id));
                }
            }
        }
    }
    let records = encoded.parse()?;
    let (revs, docs, meta) = (os(tx, REVS)?, os(tx, DOCS)?, os(tx, META)?);
    for write in writes {
        match write {
            Write::Rev(v) => revs.put(&v).map(|_| ()),
            Write::Doc(i) => docs.put(&records.get(i)).map(|_| ()),
            Write::DeleteDoc(id) => docs.delete(&JsValue::from_str(id)).map(|_| ()),
            Write::DeleteRev(id) => revs.delete(&JsValue::from_str(id)).map(|_| ()),
        }
        .map_err(idb::js_error)?;
    }
    meta.put_with_key(
        &JsValue::from_f64(batch.seq as f64),
        &JsValue::from_str("seq"),
    )
    .map_err(idb::js_error)?;
    Ok(())
}
