//! The local record store over IndexedDB. Every write goes through [`Store::bulk_put`]
//! (or its one-document forms), which assigns a revision with the domain's rules,
//! keeps the revision tree and conflict leaves, bumps the local sequence, records
//! the change for the next push, and commits all of it in one transaction.

mod batch;
pub mod blob;
mod doc_codec;
mod entry_codec;
mod error;
mod feed;
mod idb;
mod js;
mod notify;
pub mod quota;
pub mod schema;

pub use error::StoreError;
pub use notify::{ChangeEvent, Subscription};

use crate::domain::attachment;
use crate::domain::replication::{self, Checkpoint, Incoming, RevMap};
use crate::domain::{Doc, DocEntry, Record, RecordType, RevId, Timestamp, WriteError};
use futures::future::join_all;
use notify::Notifier;
use schema::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
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
    /// True when the change was a deletion: of the document, or of a losing
    /// branch of a conflict (the document then stays live).
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
    /// Refuses every write ([`Store::read_only`]).
    read_only: bool,
}

fn os(tx: &IdbTransaction, name: &str) -> Result<IdbObjectStore, StoreError> {
    tx.object_store(name).map_err(idb::js_error)
}

/// The documents a `getAll` over the documents store (or one of its indexes) returns.
async fn docs_of(get_all: &web_sys::IdbRequest) -> Result<Vec<Doc>, StoreError> {
    doc_codec::decode_all(&idb::request(get_all).await?)
}

impl Store {
    /// Opens (creating or migrating) the workspace database `name` at the current schema.
    pub async fn open(name: &str) -> Result<Store, StoreError> {
        Self::open_at(name, CURRENT_VERSION).await
    }

    /// [`Store::open`], calling `on_blocked` if the migration must wait for
    /// another tab that holds the database at an older version.
    pub async fn open_watching(
        name: &str,
        on_blocked: impl FnOnce() + 'static,
    ) -> Result<Store, StoreError> {
        Self::open_with(name, CURRENT_VERSION, on_blocked).await
    }

    /// Opens at a given schema version; used to test migrations from older versions.
    pub async fn open_at(name: &str, version: u32) -> Result<Store, StoreError> {
        Self::open_with(name, version, || {}).await
    }

    async fn open_with(
        name: &str,
        version: u32,
        on_blocked: impl FnOnce() + 'static,
    ) -> Result<Store, StoreError> {
        let db = idb::open(name, version, schema::upgrade, on_blocked).await?;
        Ok(Store {
            inner: Rc::new(Inner {
                name: name.into(),
                notifier: Notifier::new(name),
                db,
            }),
            read_only: false,
        })
    }

    /// Deletes a whole database (all handles must be dropped first).
    pub async fn delete_database(name: &str) -> Result<(), StoreError> {
        idb::delete_database(name).await
    }

    /// A handle on the same database that refuses every write with
    /// [`StoreError::ReadOnly`] (reads, and changes made through other handles,
    /// such as a sync's, are seen as usual).
    pub fn read_only(&self) -> Store {
        Store {
            inner: self.inner.clone(),
            read_only: true,
        }
    }

    /// Whether this handle refuses writes.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn writable(&self) -> Result<(), StoreError> {
        match self.read_only {
            true => Err(StoreError::ReadOnly),
            false => Ok(()),
        }
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
        self.writable()?;
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
        self.bulk_put_with_blobs(docs, &[]).await
    }

    /// Writes documents and the attachment bytes they name (`(digest, Blob)`,
    /// see [`crate::domain::attachment`]) in one transaction: all or nothing.
    pub async fn bulk_put_with_blobs(
        &self,
        docs: Vec<Doc>,
        blobs: &[(String, web_sys::Blob)],
    ) -> Result<Vec<WriteOutcome>, StoreError> {
        self.writable()?;
        if docs.is_empty() {
            return Ok(Vec::new());
        }
        let ids = docs.iter().map(|d| d.id.clone()).collect();
        let extras = batch::Extras { cp: None, blobs };
        let (outcomes, event) = batch::run(&self.inner.db, ids, extras, |b| {
            let mut outcomes = Vec::with_capacity(docs.len());
            for doc in &docs {
                let seq = b.next_seq();
                let (entry, rev) = DocEntry::apply_local(b.entry(&doc.id), doc, seq)?;
                b.set(entry, rev.clone(), doc.deleted);
                outcomes.push(WriteOutcome {
                    id: doc.id.clone(),
                    rev,
                    seq,
                });
            }
            Ok(outcomes)
        })
        .await?;
        self.publish(event);
        Ok(outcomes)
    }

    /// Merges a batch of revisions that arrived by replication, with the pull's
    /// checkpoint `cp`, in one transaction: the checkpoint is durable exactly when
    /// the batch is. Nothing the server sent is refused: conflicting branches are
    /// kept as leaves. Returns how many revisions were new here.
    pub async fn merge_pulled(
        &self,
        incoming: &[Incoming],
        blobs: &[(String, web_sys::Blob)],
        cp: &Checkpoint,
    ) -> Result<usize, StoreError> {
        self.writable()?;
        let ids = incoming.iter().map(|i| i.doc.id.clone()).collect();
        let extras = batch::Extras {
            cp: Some(cp),
            blobs,
        };
        let (added, event) = batch::run(&self.inner.db, ids, extras, |b| {
            let mut added = 0;
            for inc in incoming {
                let Some(rev) = inc.history.first() else {
                    continue;
                };
                if b.entry(&inc.doc.id).is_some_and(|e| e.tree.contains(rev)) {
                    continue;
                }
                let seq = b.next_seq();
                let entry =
                    DocEntry::merge_replicated(b.entry(&inc.doc.id), &inc.doc, &inc.history, seq);
                b.set(entry, rev.clone(), inc.doc.deleted);
                added += 1;
            }
            Ok(added)
        })
        .await?;
        self.publish(event);
        Ok(added)
    }

    /// Puts document `id` back to `server`'s version (see
    /// [`crate::domain::server_version`]) with the photos it names, in one
    /// transaction; with no version the document leaves this device (it was
    /// never on the server). Refused, changing nothing, when its leaves are no
    /// longer `expected` (it changed here since they were read).
    pub async fn replace_with_server(
        &self,
        id: &str,
        expected: &[RevId],
        server: &[Incoming],
        blobs: &[(String, web_sys::Blob)],
    ) -> Result<(), StoreError> {
        self.writable()?;
        if server.is_empty() {
            let gone = self.evict(&[(id.to_string(), expected.to_vec())]).await?;
            return match gone.is_empty() {
                true => Err(WriteError::Conflict(id.into()).into()),
                false => Ok(()),
            };
        }
        let same = |e: Option<&DocEntry>| {
            let mut now = e.map(replication::leaf_revs).unwrap_or_default();
            let mut want = expected.to_vec();
            now.sort();
            want.sort();
            now == want
        };
        let extras = batch::Extras { cp: None, blobs };
        let ((), event) = batch::run(&self.inner.db, vec![id.to_string()], extras, |b| {
            if !same(b.entry(id)) {
                return Err(WriteError::Conflict(id.into()).into());
            }
            let seq = b.next_seq();
            let entry = crate::domain::server_version::server_version(server, seq)
                .ok_or_else(|| WriteError::NotFound(id.into()))?;
            let (rev, deleted) = entry
                .tree
                .winner()
                .ok_or_else(|| WriteError::NotFound(id.into()))?;
            b.set(entry, rev, deleted);
            Ok(())
        })
        .await?;
        self.publish(event);
        Ok(())
    }

    fn publish(&self, event: Option<ChangeEvent>) {
        if let Some(e) = event {
            self.inner.notifier.publish(&e);
        }
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

    /// The stored bytes of the attachment with `digest`, if this device has them.
    pub async fn blob(&self, digest: &str) -> Result<Option<web_sys::Blob>, StoreError> {
        let tx = self.tx(&[BLOBS], IdbTransactionMode::Readonly)?;
        let req = os(&tx, BLOBS)?
            .get(&JsValue::from_str(digest))
            .map_err(idb::js_error)?;
        let v = idb::request(&req).await?;
        Ok(v.dyn_into::<web_sys::Blob>().ok())
    }

    /// Stores attachment bytes `(digest, Blob)` (e.g. fetched after their documents).
    pub async fn put_blobs(&self, blobs: &[(String, web_sys::Blob)]) -> Result<(), StoreError> {
        self.writable()?;
        if blobs.is_empty() {
            return Ok(());
        }
        let tx = self.tx(&[BLOBS], IdbTransactionMode::Readwrite)?;
        let committed = idb::done(&tx);
        blob::write_all(&os(&tx, BLOBS)?, blobs)?;
        committed.await
    }

    /// Of `digests`, those whose bytes this device does not hold.
    pub async fn missing_blobs(&self, digests: &[String]) -> Result<Vec<String>, StoreError> {
        let found = self.present(BLOBS, digests).await?;
        Ok(digests
            .iter()
            .zip(found)
            .filter(|(_, f)| !f)
            .map(|(d, _)| d.clone())
            .collect())
    }

    /// Whether each of `keys` is in the object store `store`, in one transaction.
    async fn present(&self, store: &str, keys: &[String]) -> Result<Vec<bool>, StoreError> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let tx = self.tx(&[store], IdbTransactionMode::Readonly)?;
        let os = os(&tx, store)?;
        let reqs = keys
            .iter()
            .map(|k| os.count_with_key(&JsValue::from_str(k)))
            .collect::<Result<Vec<_>, _>>()
            .map_err(idb::js_error)?;
        let mut out = Vec::with_capacity(reqs.len());
        for req in &reqs {
            out.push(idb::request(req).await?.as_f64().unwrap_or(0.0) > 0.0);
        }
        Ok(out)
    }

    /// The current winning revision of a live document.
    pub async fn get(&self, id: &str) -> Result<Option<Doc>, StoreError> {
        let tx = self.tx(&[DOCS], IdbTransactionMode::Readonly)?;
        let req = os(&tx, DOCS)?
            .get(&JsValue::from_str(id))
            .map_err(idb::js_error)?;
        doc_codec::decode(&idb::request(&req).await?)
    }

    /// The full revision state of a document (tree, leaves, conflicts), including tombstones.
    pub async fn entry(&self, id: &str) -> Result<Option<DocEntry>, StoreError> {
        let mut found = self.entries(&[id.to_string()]).await?;
        Ok(found.pop().flatten())
    }

    async fn index_get_all(&self, index: &str, key: &JsValue) -> Result<Vec<Doc>, StoreError> {
        let tx = self.tx(&[DOCS], IdbTransactionMode::Readonly)?;
        let idx = os(&tx, DOCS)?.index(index).map_err(idb::js_error)?;
        docs_of(&idx.get_all_with_key(key).map_err(idb::js_error)?).await
    }

    /// Revision entries of several documents, read in one transaction (`None` for unknown ids).
    pub async fn entries(&self, ids: &[String]) -> Result<Vec<Option<DocEntry>>, StoreError> {
        let tx = self.tx(&[DOCS, REVS], IdbTransactionMode::Readonly)?;
        entry_codec::read_both(&os(&tx, DOCS)?, &os(&tx, REVS)?, ids)
            .await?
            .iter()
            .map(|(doc, rev)| entry_codec::decode_either(doc, rev))
            .collect()
    }

    async fn index_all(&self, store: &str, index: &str) -> Result<js_sys::Array, StoreError> {
        let tx = self.tx(&[store], IdbTransactionMode::Readonly)?;
        let idx = os(&tx, store)?.index(index).map_err(idb::js_error)?;
        let v = idb::request(&idx.get_all().map_err(idb::js_error)?).await?;
        v.dyn_into()
            .map_err(|_| StoreError::Corrupt("getAll did not return an array".into()))
    }

    /// Every document with conflicting live revisions. Live documents keep their
    /// entry in `docs` since v6, older ones and tombstones in `revs`: both are
    /// read in one transaction, so a document moving between them is seen once.
    pub async fn conflicted(&self) -> Result<Vec<DocEntry>, StoreError> {
        let tx = self.tx(&[DOCS, REVS], IdbTransactionMode::Readonly)?;
        let ask = |store: &str| {
            os(&tx, store)?
                .index(BY_CONFLICT)
                .and_then(|i| i.get_all())
                .map_err(idb::js_error)
        };
        let (live, other) = (ask(DOCS)?, ask(REVS)?);
        // Requests complete in order: once the second has, both have.
        let other = js_sys::Array::from(&idb::request(&other).await?);
        let live = js_sys::Array::from(&idb::result_of(&live)?);
        let mut out = Vec::new();
        for v in live.iter() {
            out.extend(entry_codec::decode_either(&v, &JsValue::UNDEFINED)?);
        }
        for v in other.iter() {
            out.extend(entry_codec::decode(&v)?);
        }
        Ok(out)
    }

    /// Documents a server sent that fail validation, with the reason: kept unchanged
    /// (and synced back unchanged), but left out of the screens.
    pub async fn quarantined(&self) -> Result<Vec<(String, String)>, StoreError> {
        Ok(self
            .index_all(REVS, BY_QUARANTINE)
            .await?
            .iter()
            .filter_map(|v| {
                Some((
                    entry_codec::field(&v, "_id")?.as_string()?,
                    entry_codec::field(&v, "quarantined")?.as_string()?,
                ))
            })
            .collect())
    }

    /// Resolves a conflict: the winner takes the picked fields' values and every
    /// other live leaf gets a tombstone, all in one transaction.
    pub async fn resolve_conflict(
        &self,
        id: &str,
        picks: &std::collections::BTreeMap<String, RevId>,
        now: Timestamp,
        by: &str,
    ) -> Result<Vec<WriteOutcome>, StoreError> {
        self.writable()?;
        let entry = self
            .entry(id)
            .await?
            .ok_or_else(|| WriteError::NotFound(id.into()))?;
        let writes = crate::domain::conflict::resolve(&entry, picks, now, by)
            .map_err(|_| WriteError::Conflict(id.into()))?;
        self.bulk_put(writes).await
    }

    /// How many documents changed locally after sequence `seq` (e.g. not yet
    /// pushed); a document changed twice counts once.
    pub async fn count_changes_since(&self, seq: u64) -> Result<u64, StoreError> {
        let tx = self.tx(&[DOCS, REVS], IdbTransactionMode::Readonly)?;
        feed::count_since(&tx, seq).await
    }

    /// A local `_revs_diff`: of the revisions offered, those this store does not have.
    pub async fn missing_revs(&self, offered: &RevMap) -> Result<RevMap, StoreError> {
        let ids: Vec<String> = offered.keys().cloned().collect();
        let entries = self.entries(&ids).await?;
        Ok(ids
            .into_iter()
            .zip(entries)
            .filter_map(|(id, entry)| {
                let missing = replication::missing_revs(entry.as_ref(), &offered[&id]);
                (!missing.is_empty()).then_some((id, missing))
            })
            .collect())
    }

    /// A replication checkpoint kept on this side (`_local/<id>`).
    pub async fn checkpoint(&self, id: &str) -> Result<Option<Checkpoint>, StoreError> {
        self.get_json(CHECKPOINTS, id)
            .await?
            .map(|j| serde_json::from_value(j).map_err(|e| StoreError::Corrupt(e.to_string())))
            .transpose()
    }

    /// How many replication checkpoints this side holds (0: it never synced).
    pub async fn checkpoint_count(&self) -> Result<u32, StoreError> {
        let tx = self.tx(&[CHECKPOINTS], IdbTransactionMode::Readonly)?;
        let req = os(&tx, CHECKPOINTS)?.count().map_err(idb::js_error)?;
        Ok(idb::request(&req).await?.as_f64().unwrap_or(0.0) as u32)
    }

    /// Saves a replication checkpoint on this side.
    pub async fn put_checkpoint(&self, cp: &Checkpoint) -> Result<(), StoreError> {
        self.writable()?;
        let value = serde_json::to_value(cp).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        self.raw_put(CHECKPOINTS, value).await
    }

    /// A device-local setting (never replicated), e.g. the sync server address.
    pub async fn local_setting(&self, key: &str) -> Result<Option<Value>, StoreError> {
        self.get_json(META, &format!("setting:{key}")).await
    }

    /// Saves a device-local setting.
    pub async fn set_local_setting(&self, key: &str, value: &Value) -> Result<(), StoreError> {
        self.writable()?;
        let tx = self.tx(&[META], IdbTransactionMode::Readwrite)?;
        let committed = idb::done(&tx);
        os(&tx, META)?
            .put_with_key(
                &idb::to_js(value)?,
                &JsValue::from_str(&format!("setting:{key}")),
            )
            .map_err(idb::js_error)?;
        committed.await?;
        // Screens that show a setting (the inbox's read marks, sync's address)
        // learn of it the way they learn of documents.
        let seq = self.local_seq().await?;
        self.inner.notifier.publish(&ChangeEvent {
            seq,
            ids: vec![],
            cleared: false,
            settings: vec![key.to_string()],
        });
        Ok(())
    }

    /// This workspace's random, permanent id (part of every replication id).
    pub async fn uuid(&self) -> Result<String, StoreError> {
        if let Some(Value::String(u)) = self.get_json(META, "uuid").await? {
            return Ok(u);
        }
        let mut bytes = [0u8; 16];
        for b in bytes.iter_mut() {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
        let uuid: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        self.writable()?;
        let tx = self.tx(&[META], IdbTransactionMode::Readwrite)?;
        let committed = idb::done(&tx);
        // `add` fails if another tab created one first; then that one is read back.
        let added =
            os(&tx, META)?.add_with_key(&JsValue::from_str(&uuid), &JsValue::from_str("uuid"));
        if added.is_err() || committed.await.is_err() {
            if let Some(Value::String(u)) = self.get_json(META, "uuid").await? {
                return Ok(u);
            }
        }
        Ok(uuid)
    }

    /// Every live document of a type.
    pub async fn all_of_type(&self, t: RecordType) -> Result<Vec<Doc>, StoreError> {
        let tx = self.tx(&[DOCS], IdbTransactionMode::Readonly)?;
        let range = type_range(t.as_str()).map_err(idb::js_error)?;
        docs_of(
            &os(&tx, DOCS)?
                .get_all_with_key(&range)
                .map_err(idb::js_error)?,
        )
        .await
    }

    /// The ids of live documents of type `t` (keys only, no bodies read).
    pub async fn ids_of_type(&self, t: RecordType) -> Result<Vec<String>, StoreError> {
        let tx = self.tx(&[DOCS], IdbTransactionMode::Readonly)?;
        let range = type_range(t.as_str()).map_err(idb::js_error)?;
        let keys = idb::request(
            &os(&tx, DOCS)?
                .get_all_keys_with_key(&range)
                .map_err(idb::js_error)?,
        )
        .await?;
        Ok(js_sys::Array::from(&keys)
            .iter()
            .filter_map(|k| k.as_string())
            .collect())
    }

    /// Of `ids`, those this device holds any revision of (live, deleted or quarantined).
    pub async fn held(&self, ids: &[String]) -> Result<Vec<String>, StoreError> {
        // Live documents are in `docs`, the others in `revs`: one transaction, so a
        // document moving between them meanwhile is not missed.
        let tx = self.tx(&[DOCS, REVS], IdbTransactionMode::Readonly)?;
        let found = entry_codec::read_both(&os(&tx, DOCS)?, &os(&tx, REVS)?, ids).await?;
        Ok(ids
            .iter()
            .zip(found)
            .filter(|(_, (d, r))| !d.is_undefined() || !r.is_undefined())
            .map(|(id, _)| id.clone())
            .collect())
    }

    /// Removes documents from this device only (no revision, nothing to push):
    /// for documents outside the offline scope that the server holds. Each comes
    /// with the leaf revisions the server confirmed; a document whose leaves
    /// changed since (an edit made meanwhile) stays. Photos no revision on this
    /// device names any more go too. Returns the ids removed.
    pub async fn evict(
        &self,
        confirmed: &[(String, Vec<RevId>)],
    ) -> Result<Vec<String>, StoreError> {
        self.writable()?;
        if confirmed.is_empty() {
            return Ok(Vec::new());
        }
        let tx = self.tx(&[DOCS, REVS], IdbTransactionMode::Readwrite)?;
        let committed = idb::done(&tx);
        let (docs, revs) = (os(&tx, DOCS)?, os(&tx, REVS)?);
        let ids: Vec<String> = confirmed.iter().map(|(id, _)| id.clone()).collect();
        let found = entry_codec::read_both(&docs, &revs, &ids).await?;
        let mut evicted = Vec::new();
        let mut digests = Vec::new();
        for ((id, leaves), (doc, rev)) in confirmed.iter().zip(&found) {
            let Some(entry) = entry_codec::decode_either(doc, rev)? else {
                continue;
            };
            let now: std::collections::HashSet<RevId> =
                replication::leaf_revs(&entry).into_iter().collect();
            if now != leaves.iter().cloned().collect() {
                continue;
            }
            for body in entry.leaves.values() {
                digests.extend(attachment::refs(id, body).into_iter().map(|r| r.digest));
            }
            let key = JsValue::from_str(id);
            docs.delete(&key).map_err(idb::js_error)?;
            revs.delete(&key).map_err(idb::js_error)?;
            evicted.push(id.clone());
        }
        committed.await?;
        let seq = self.local_seq().await?;
        self.inner.notifier.publish(&ChangeEvent {
            seq,
            ids: evicted.clone(),
            cleared: false,
            settings: vec![],
        });
        digests.sort();
        digests.dedup();
        self.drop_unnamed_blobs(&digests).await?;
        Ok(evicted)
    }

    /// Deletes the stored bytes of those `digests` no revision entry names.
    async fn drop_unnamed_blobs(&self, digests: &[String]) -> Result<(), StoreError> {
        if digests.is_empty() {
            return Ok(());
        }
        let tx = self.tx(&[DOCS, REVS, BLOBS], IdbTransactionMode::Readwrite)?;
        let committed = idb::done(&tx);
        let live = os(&tx, DOCS)?.get_all().map_err(idb::js_error)?;
        let other = os(&tx, REVS)?.get_all().map_err(idb::js_error)?;
        // Requests complete in order: once the second has, both have.
        let other = idb::request(&other).await?;
        let live = idb::result_of(&live)?;
        let mut unnamed: Vec<&String> = digests.iter().collect();
        let (live, other) = (js_sys::Array::from(&live), js_sys::Array::from(&other));
        for v in live.iter().chain(other.iter()) {
            // Entries and winners are JSON strings (see entry_codec, doc_codec), an
            // entry beside its winner without the winner's body; digests are ASCII.
            let text = match entry_codec::field(&v, "entry").and_then(|e| e.as_string()) {
                Some(entry) => {
                    let winner = entry_codec::field(&v, "_doc").and_then(|d| d.as_string());
                    entry + &winner.unwrap_or_default()
                }
                None => js_sys::JSON::stringify(&v)
                    .map(String::from)
                    .unwrap_or_default(),
            };
            unnamed.retain(|d| !text.contains(d.as_str()));
            if unnamed.is_empty() {
                break;
            }
        }
        let blobs = os(&tx, BLOBS)?;
        for d in unnamed {
            blobs.delete(&JsValue::from_str(d)).map_err(idb::js_error)?;
        }
        committed.await
    }

    /// Every live record of type `R` with its document id. Documents of that type
    /// whose fields do not fit `R` are left out here (they stay stored untouched).
    pub async fn records_of<R: Record>(&self) -> Result<Vec<(String, R)>, StoreError> {
        Ok(crate::domain::doc::typed_records(
            &self.all_of_type(R::TYPE).await?,
        ))
    }

    /// How many live documents of a type exist (a key-range count; reads no bodies).
    pub async fn count_of_type(&self, t: RecordType) -> Result<u32, StoreError> {
        let tx = self.tx(&[DOCS], IdbTransactionMode::Readonly)?;
        let range = type_range(t.as_str()).map_err(idb::js_error)?;
        let req = os(&tx, DOCS)?
            .count_with_key(&range)
            .map_err(idb::js_error)?;
        Ok(idb::request(&req).await?.as_f64().unwrap_or(0.0) as u32)
    }

    /// Live-document counts for each type plus the local sequence, read in one
    /// transaction so the numbers agree with each other.
    pub async fn stats(&self, types: &[RecordType]) -> Result<(Vec<u32>, u64), StoreError> {
        let tx = self.tx(&[DOCS, META], IdbTransactionMode::Readonly)?;
        let docs = os(&tx, DOCS)?;
        let counts = types
            .iter()
            .map(|t| {
                let range = type_range(t.as_str()).map_err(idb::js_error)?;
                docs.count_with_key(&range).map_err(idb::js_error)
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

    /// Local changes after `seq`, oldest first, at most `limit` of them: each
    /// document once, at its latest change.
    pub async fn changes_since(
        &self,
        seq: u64,
        limit: Option<u32>,
    ) -> Result<Vec<Change>, StoreError> {
        let tx = self.tx(&[DOCS, REVS], IdbTransactionMode::Readonly)?;
        feed::since(&tx, seq, limit).await
    }

    /// [`Store::changes_since`], each change with its document's revision entry
    /// (what a push sends), read together.
    pub async fn changes_with_entries_since(
        &self,
        seq: u64,
        limit: Option<u32>,
    ) -> Result<Vec<(Change, Option<DocEntry>)>, StoreError> {
        let tx = self.tx(&[DOCS, REVS], IdbTransactionMode::Readonly)?;
        feed::since_with_entries(&tx, seq, limit).await
    }

    /// The local sequence number (count of accepted writes, ever).
    pub async fn local_seq(&self) -> Result<u64, StoreError> {
        Ok(self
            .get_json(META, "seq")
            .await?
            .and_then(|v| v.as_u64())
            .unwrap_or(0))
    }

    /// Removes every document, revision, change and replication checkpoint of this
    /// workspace (the settings page's "reset", behind a confirmation). Checkpoints go
    /// too, so a later sync copies everything again instead of trusting a stale one.
    /// The sequence keeps counting up.
    pub async fn clear(&self) -> Result<(), StoreError> {
        self.writable()?;
        let tx = self.tx(
            &[DOCS, REVS, CHECKPOINTS, BLOBS],
            IdbTransactionMode::Readwrite,
        )?;
        let committed = idb::done(&tx);
        for name in [DOCS, REVS, CHECKPOINTS, BLOBS] {
            os(&tx, name)?.clear().map_err(idb::js_error)?;
        }
        committed.await?;
        let seq = self.local_seq().await?;
        self.inner.notifier.publish(&ChangeEvent {
            seq,
            ids: vec![],
            cleared: true,
            settings: vec![],
        });
        Ok(())
    }

    /// Calls `f` after every committed change, from this handle, another handle or another tab.
    pub fn subscribe(&self, f: impl Fn(&ChangeEvent) + 'static) -> Subscription {
        self.inner.notifier.subscribe(f)
    }

    /// Puts a JSON value into an object store with in-line keys, in its own
    /// transaction, bypassing the revision rules: for bookkeeping stores such as
    /// `checkpoints` (and for tests that provoke IndexedDB failures). Never for documents.
    pub async fn raw_put(&self, store: &str, value: Value) -> Result<(), StoreError> {
        self.writable()?;
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
