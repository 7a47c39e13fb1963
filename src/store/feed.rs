//! The local change feed: what the next push sends. Since schema v8 it is not a
//! store of its own but a unique index, `by_seq`, on `_seq` in both `docs` and
//! `revs`. The one record that holds a document's revision entry also carries
//! the sequence of its latest change (`_seq`), the revision that change made or
//! brought (`_rev`) and, when it was a deletion, `_deleted` (in `docs` too: a
//! live document's latest change can delete a losing branch of a conflict).
//! Each document therefore appears in the feed once, at its latest change, as in
//! CouchDB's by-seq index, and a write adds an index entry rather than a second
//! record. An import of 25,000 documents spent over a third of its IndexedDB time
//! writing the separate feed's records (BENCHMARKS.md, *Bulk import*).
//!
//! The names start with `_`, which CouchDB reserves, so they cannot clash with a
//! document's own fields in a record written before v6 (the document itself).

use super::schema::{BY_SEQ, DOCS, REVS};
use super::{entry_codec, idb, Change, StoreError};
use crate::domain::{DocEntry, RevId};
use serde::Deserialize;
use wasm_bindgen::JsValue;
use web_sys::{IdbKeyRange, IdbTransaction};

/// Where a record stands in the feed, stored beside its revision entry.
pub struct Mark<'a> {
    /// Local sequence of the document's latest change.
    pub seq: u64,
    /// The revision that change made or brought.
    pub rev: &'a RevId,
    /// Whether that change was a deletion.
    pub deleted: bool,
}

fn after(seq: u64) -> Result<IdbKeyRange, StoreError> {
    IdbKeyRange::lower_bound_with_open(&JsValue::from_f64(seq as f64), true).map_err(idb::js_error)
}

/// A feed row and where its record is in the two `getAll` results, `docs`
/// first (see `wp_feed_rows`).
#[derive(Deserialize)]
struct Row {
    #[serde(flatten)]
    change: Change,
    at: u32,
}

/// The feed after `seq` (at most `limit` rows, oldest first) and the records
/// read from `docs` and `revs`, which the rows point into.
async fn read(
    tx: &IdbTransaction,
    seq: u64,
    limit: Option<u32>,
) -> Result<(Vec<Row>, js_sys::Array, js_sys::Array), StoreError> {
    let range = after(seq)?;
    let ask = |store: &str| {
        let index = tx
            .object_store(store)
            .and_then(|s| s.index(BY_SEQ))
            .map_err(idb::js_error)?;
        match limit {
            Some(n) => index.get_all_with_key_and_limit(&range, n),
            None => index.get_all_with_key(&range),
        }
        .map_err(idb::js_error)
    };
    let (docs, revs) = (ask(DOCS)?, ask(REVS)?);
    // A transaction completes its requests in order: once the last has, both have.
    idb::request(&revs).await?;
    let (docs, revs) = (idb::result_of(&docs)?, idb::result_of(&revs)?);
    let json = super::js::wp_feed_rows(&docs, &revs);
    let mut rows: Vec<Row> =
        serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    if let Some(n) = limit {
        rows.truncate(n as usize);
    }
    Ok((rows, docs.into(), revs.into()))
}

/// Changes after `seq`, oldest first, at most `limit` of them.
pub async fn since(
    tx: &IdbTransaction,
    seq: u64,
    limit: Option<u32>,
) -> Result<Vec<Change>, StoreError> {
    let (rows, _, _) = read(tx, seq, limit).await?;
    Ok(rows.into_iter().map(|r| r.change).collect())
}

/// [`since`], each change with its document's revision entry, decoded from the
/// records the feed was read from: a push page reads each record once.
pub async fn since_with_entries(
    tx: &IdbTransaction,
    seq: u64,
    limit: Option<u32>,
) -> Result<Vec<(Change, Option<DocEntry>)>, StoreError> {
    let (rows, docs, revs) = read(tx, seq, limit).await?;
    rows.into_iter()
        .map(|Row { change, at }| {
            let entry = if at < docs.length() {
                entry_codec::decode_either(&docs.get(at), &JsValue::UNDEFINED)?
            } else {
                entry_codec::decode(&revs.get(at - docs.length()))?
            };
            Ok((change, entry))
        })
        .collect()
}

/// How many documents changed after `seq`.
pub async fn count_since(tx: &IdbTransaction, seq: u64) -> Result<u64, StoreError> {
    let range = after(seq)?;
    let count = |store: &str| {
        tx.object_store(store)
            .and_then(|s| s.index(BY_SEQ))
            .and_then(|i| i.count_with_key(&range))
            .map_err(idb::js_error)
    };
    let (docs, revs) = (count(DOCS)?, count(REVS)?);
    idb::request(&revs).await?;
    let n = |r| Ok::<_, StoreError>(idb::result_of(r)?.as_f64().unwrap_or(0.0) as u64);
    Ok(n(&docs)? + n(&revs)?)
}
