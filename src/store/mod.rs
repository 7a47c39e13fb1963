//! The local record store over IndexedDB. Every write goes through [`Store::bulk_put`]
//! (or its one-document forms), which assigns a revision with the domain's rules,
//! keeps the revision tree and conflict leaves, bumps the local sequence, records
//! the change for the next push, and commits all of it in one transaction.

mod error;
mod idb;
mod notify;
pub mod schema;

pub use error::StoreError;
pub use notify::{ChangeEvent, Subscription};

use crate::domain::{Doc, DocEntry, Record, RecordType, RevId, Timestamp, WriteError};
use futures::future::join_all;
use notify::Notifier;
use schema::*;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::{IdbDatabase, IdbKeyRange, IdbObjectStore, IdbTransaction, IdbTransactionMode};

/// The result of one accepted write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WriteOutcome {
    /// Document id.
    pub id: String,
    /// The new revision.
    pub rev: RevId,
    /// The local sequence number of this change.
    pub seq: u64,
}

/// One entry of the local change feed (what the next push sends).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// Local sequence number.
    pub seq: u64,
    /// Document id.
    pub id: String,
    /// Revision written.
    pub rev: String,
    /// True for a tombstone.
    #[serde(default)]
    pub deleted: bool,
}

struct Inner {
    name: String,
    db: IdbDatabase,
    notifier: Notifier,
}

impl Drop for Inner {
    fn drop(&mut self) {
        self.db.close();
    }
}

/// A handle on one workspace database. Cheap to clone; all clones share one connection.
#[derive(Clone)]
pub struct Store {
    inner: Rc<Inner>,
}

fn os(tx: &IdbTransaction, name: &str) -> Result<IdbObjectStore, StoreError> {
    tx.object_store(name).map_err(idb::js_error)
}

impl Store {
    /// Opens (creating or migrating) the workspace database `name` at the current schema.
    pub async fn open(name: &str) -> Result<Store, StoreError> {
        Self::open_at(name, CURRENT_VERSION).await
    }

    /// Opens at a given schema version; used to test migrations from older versions.
    pub async fn open_at(name: &str, version: u32) -> Result<Store, StoreError> {
        let db = idb::open(name, version, schema::upgrade).await?;
        Ok(Store {
            inner: Rc::new(Inner {
                name: name.into(),
                notifier: Notifier::new(name),
                db,
            }),
        })
    }

    /// Deletes a whole database (all handles must be dropped first).
    pub async fn delete_database(name: &str) -> Result<(), StoreError> {
        idb::delete_database(name).await
    }

    /// The database name.
    pub fn name(&self) -> &str {
        &self.inner.name
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> u32 {
        self.inner.db.version() as u32
    }

    fn tx(&self, stores: &[&str], mode: IdbTransactionMode) -> Result<IdbTransaction, StoreError> {
        idb::transaction(&self.inner.db, stores, mode)
    }

    /// Writes one document (new, edited, or a tombstone) and returns its new revision.
    pub async fn put(&self, doc: Doc) -> Result<WriteOutcome, StoreError> {
        let mut out = self.bulk_put(vec![doc]).await?;
        Ok(out.remove(0))
    }

    /// Deletes a document as a tombstone revision of `rev` (sync-safe).
    pub async fn delete(
        &self,
        id: &str,
        rev: &RevId,
        now: Timestamp,
        by: &str,
    ) -> Result<WriteOutcome, StoreError> {
        let current = self
            .entry(id)
            .await?
            .and_then(|e| e.winner())
            .ok_or_else(|| WriteError::NotFound(id.into()))?;
        let mut tombstone = current.tombstone(now, by);
        tombstone.rev = Some(rev.clone());
        self.put(tombstone).await
    }

    /// Writes many documents in one transaction: all are written, or none is.
    pub async fn bulk_put(&self, docs: Vec<Doc>) -> Result<Vec<WriteOutcome>, StoreError> {
        if docs.is_empty() {
            return Ok(Vec::new());
        }
        let tx = self.tx(&[DOCS, REVS, CHANGES, META], IdbTransactionMode::Readwrite)?;
        let committed = idb::done(&tx);
        match self.write_in(&tx, docs).await {
            Ok(outcomes) => {
                committed.await?;
                let event = ChangeEvent {
                    seq: outcomes.last().map_or(0, |o| o.seq),
                    ids: outcomes.iter().map(|o| o.id.clone()).collect(),
                    cleared: false,
                };
                self.inner.notifier.publish(&event);
                Ok(outcomes)
            }
            Err(e) => {
                let _ = tx.abort();
                let _ = committed.await;
                Err(e)
            }
        }
    }

    async fn write_in(
        &self,
        tx: &IdbTransaction,
        docs: Vec<Doc>,
    ) -> Result<Vec<WriteOutcome>, StoreError> {
        let revs = os(tx, REVS)?;
        let docs_os = os(tx, DOCS)?;
        let changes = os(tx, CHANGES)?;
        let meta = os(tx, META)?;
        // Fire every read at once; the transaction stays alive while they are pending.
        let seq_req = meta.get(&JsValue::from_str("seq")).map_err(idb::js_error)?;
        let mut unique: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        unique.sort_unstable();
        unique.dedup();
        let reads = unique
            .iter()
            .map(|id| revs.get(&JsValue::from_str(id)).map_err(idb::js_error))
            .collect::<Result<Vec<_>, _>>()?;
        let seq_val = idb::request(&seq_req).await?;
        let results = join_all(reads.iter().map(idb::request)).await;
        let mut entries: HashMap<String, Option<DocEntry>> = HashMap::with_capacity(unique.len());
        for (id, res) in unique.iter().zip(results) {
            let v = res?;
            let entry = if v.is_undefined() || v.is_null() {
                None
            } else {
                Some(
                    serde_json::from_value(idb::from_js(&v)?)
                        .map_err(|e| StoreError::Corrupt(e.to_string()))?,
                )
            };
            entries.insert((*id).to_string(), entry);
        }
        let mut seq = seq_val.as_f64().unwrap_or(0.0) as u64;
        let mut outcomes = Vec::with_capacity(docs.len());
        let mut old_seqs = Vec::new();
        for doc in &docs {
            seq += 1;
            let slot = entries.get_mut(&doc.id).expect("every id was read");
            if let Some(old) = slot.as_ref() {
                old_seqs.push(old.seq);
            }
            let (entry, rev) = DocEntry::apply_local(slot.as_ref(), doc, seq)?;
            outcomes.push(WriteOutcome {
                id: doc.id.clone(),
                rev: rev.clone(),
                seq,
            });
            *slot = Some(entry);
            let change =
                json!({"seq": seq, "id": doc.id, "rev": rev.to_string(), "deleted": doc.deleted});
            changes.add(&idb::to_js(&change)?).map_err(idb::js_error)?;
        }
        // The feed keeps only each document's latest change, like CouchDB's by-seq index.
        for old in old_seqs {
            changes
                .delete(&JsValue::from_f64(old as f64))
                .map_err(idb::js_error)?;
        }
        for entry in entries.values().flatten() {
            revs.put(&idb::to_js(
                &serde_json::to_value(entry).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            )?)
            .map_err(idb::js_error)?;
            match entry.winner() {
                Some(w) if !w.deleted => {
                    docs_os
                        .put(&idb::to_js(&w.to_json())?)
                        .map_err(idb::js_error)?;
                }
                _ => {
                    docs_os
                        .delete(&JsValue::from_str(&entry.id))
                        .map_err(idb::js_error)?;
                }
            }
        }
        meta.put_with_key(&JsValue::from_f64(seq as f64), &JsValue::from_str("seq"))
            .map_err(idb::js_error)?;
        Ok(outcomes)
    }

    /// Reads one value by key from an object store, as JSON.
    async fn get_json(&self, store: &str, key: &str) -> Result<Option<Value>, StoreError> {
        let tx = self.tx(&[store], IdbTransactionMode::Readonly)?;
        let req = os(&tx, store)?
            .get(&JsValue::from_str(key))
            .map_err(idb::js_error)?;
        let v = idb::request(&req).await?;
        if v.is_undefined() {
            return Ok(None);
        }
        idb::from_js(&v).map(Some)
    }

    /// The current winning revision of a live document.
    pub async fn get(&self, id: &str) -> Result<Option<Doc>, StoreError> {
        self.get_json(DOCS, id)
            .await?
            .map(|j| Doc::from_json(j).map_err(|e| StoreError::Corrupt(e.to_string())))
            .transpose()
    }

    /// The full revision state of a document (tree, leaves, conflicts), including tombstones.
    pub async fn entry(&self, id: &str) -> Result<Option<DocEntry>, StoreError> {
        self.get_json(REVS, id)
            .await?
            .map(|j| serde_json::from_value(j).map_err(|e| StoreError::Corrupt(e.to_string())))
            .transpose()
    }

    async fn index_get_all(&self, index: &str, key: &JsValue) -> Result<Vec<Doc>, StoreError> {
        let tx = self.tx(&[DOCS], IdbTransactionMode::Readonly)?;
        let idx = os(&tx, DOCS)?.index(index).map_err(idb::js_error)?;
        let v = idb::request(&idx.get_all_with_key(key).map_err(idb::js_error)?).await?;
        idb::array_to_json(&v)?
            .into_iter()
            .map(|j| Doc::from_json(j).map_err(|e| StoreError::Corrupt(e.to_string())))
            .collect()
    }

    /// Every live document of a type.
    pub async fn all_of_type(&self, t: RecordType) -> Result<Vec<Doc>, StoreError> {
        self.index_get_all(BY_TYPE, &JsValue::from_str(t.as_str()))
            .await
    }

    /// Every live record of type `R` with its document id. Documents of that type
    /// whose fields do not fit `R` are left out here (they stay stored untouched).
    pub async fn records_of<R: Record>(&self) -> Result<Vec<(String, R)>, StoreError> {
        Ok(self
            .all_of_type(R::TYPE)
            .await?
            .into_iter()
            .filter_map(|d| d.record::<R>().ok().map(|r| (d.id, r)))
            .collect())
    }

    /// How many live documents of a type exist (an index count; reads no bodies).
    pub async fn count_of_type(&self, t: RecordType) -> Result<u32, StoreError> {
        let tx = self.tx(&[DOCS], IdbTransactionMode::Readonly)?;
        let idx = os(&tx, DOCS)?.index(BY_TYPE).map_err(idb::js_error)?;
        let req = idx
            .count_with_key(&JsValue::from_str(t.as_str()))
            .map_err(idb::js_error)?;
        Ok(idb::request(&req).await?.as_f64().unwrap_or(0.0) as u32)
    }

    /// Live-document counts for each type plus the local sequence, read in one
    /// transaction so the numbers agree with each other.
    pub async fn stats(&self, types: &[RecordType]) -> Result<(Vec<u32>, u64), StoreError> {
        let tx = self.tx(&[DOCS, META], IdbTransactionMode::Readonly)?;
        let idx = os(&tx, DOCS)?.index(BY_TYPE).map_err(idb::js_error)?;
        let counts = types
            .iter()
            .map(|t| {
                idx.count_with_key(&JsValue::from_str(t.as_str()))
                    .map_err(idb::js_error)
            })
            .collect::<Result<Vec<_>, _>>()?;
        let seq = os(&tx, META)?
            .get(&JsValue::from_str("seq"))
            .map_err(idb::js_error)?;
        let mut out = Vec::with_capacity(types.len());
        for r in join_all(counts.iter().map(idb::request)).await {
            out.push(r?.as_f64().unwrap_or(0.0) as u32);
        }
        let seq = idb::request(&seq).await?.as_f64().unwrap_or(0.0) as u64;
        Ok((out, seq))
    }

    /// Live documents linked to an account (contacts, deals, activities, tickets…).
    pub async fn by_account(&self, account_id: &str) -> Result<Vec<Doc>, StoreError> {
        self.index_get_all(BY_ACCOUNT, &JsValue::from_str(account_id))
            .await
    }

    /// Deals in one stage of one pipeline.
    pub async fn deals_in_stage(
        &self,
        pipeline_id: &str,
        stage_id: &str,
    ) -> Result<Vec<Doc>, StoreError> {
        let key = js_sys::Array::of2(&pipeline_id.into(), &stage_id.into());
        self.index_get_all(BY_DEAL_STAGE, &key).await
    }

    /// Activities and transitions with `from <= occurred_at <= to`.
    pub async fn occurred_between(
        &self,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Vec<Doc>, StoreError> {
        let range = IdbKeyRange::bound(&from.to_string().into(), &to.to_string().into())
            .map_err(idb::js_error)?;
        self.index_get_all(BY_OCCURRED, &range).await
    }

    /// Local changes after `seq`, oldest first.
    pub async fn changes_since(&self, seq: u64) -> Result<Vec<Change>, StoreError> {
        let tx = self.tx(&[CHANGES], IdbTransactionMode::Readonly)?;
        let range = IdbKeyRange::lower_bound_with_open(&JsValue::from_f64(seq as f64), true)
            .map_err(idb::js_error)?;
        let v = idb::request(
            &os(&tx, CHANGES)?
                .get_all_with_key(&range)
                .map_err(idb::js_error)?,
        )
        .await?;
        idb::array_to_json(&v)?
            .into_iter()
            .map(|j| serde_json::from_value(j).map_err(|e| StoreError::Corrupt(e.to_string())))
            .collect()
    }

    /// The local sequence number (count of accepted writes, ever).
    pub async fn local_seq(&self) -> Result<u64, StoreError> {
        Ok(self
            .get_json(META, "seq")
            .await?
            .and_then(|v| v.as_u64())
            .unwrap_or(0))
    }

    /// Removes every document, revision and change of this workspace (the settings
    /// page's "reset", behind a confirmation). The sequence keeps counting up.
    pub async fn clear(&self) -> Result<(), StoreError> {
        let tx = self.tx(&[DOCS, REVS, CHANGES], IdbTransactionMode::Readwrite)?;
        let committed = idb::done(&tx);
        for name in [DOCS, REVS, CHANGES] {
            os(&tx, name)?.clear().map_err(idb::js_error)?;
        }
        committed.await?;
        let seq = self.local_seq().await?;
        self.inner.notifier.publish(&ChangeEvent {
            seq,
            ids: vec![],
            cleared: true,
        });
        Ok(())
    }

    /// Calls `f` after every committed change, from this handle, another handle or another tab.
    pub fn subscribe(&self, f: impl Fn(&ChangeEvent) + 'static) -> Subscription {
        self.inner.notifier.subscribe(f)
    }

    /// Raw access for tests that need to provoke IndexedDB failures.
    #[doc(hidden)]
    pub async fn raw_put(&self, store: &str, value: Value) -> Result<(), StoreError> {
        let tx = self.tx(&[store], IdbTransactionMode::Readwrite)?;
        let committed = idb::done(&tx);
        os(&tx, store)?
            .put(&idb::to_js(&value)?)
            .map_err(idb::js_error)?;
        committed.await
    }
}

/// Writes `docs` in transactions of `batch` documents, reporting `(written, total)`
/// after each commit. Used for sample data and imports; each batch is all-or-nothing.
pub async fn write_in_batches(
    store: &Store,
    docs: Vec<Doc>,
    batch: usize,
    mut progress: impl FnMut(usize, usize),
) -> Result<usize, StoreError> {
    let total = docs.len();
    let mut written = 0;
    progress(0, total);
    for chunk in docs.chunks(batch.max(1)) {
        store.bulk_put(chunk.to_vec()).await?;
        written += chunk.len();
        progress(written, total);
    }
    Ok(written)
}
