//! How a revision entry is kept: in its document's `docs` record while the
//! document is live (see [`super::doc_codec`]), otherwise (deleted, or set aside
//! because its winner fails validation) in the `revs` object store. Entries
//! written before schema v6 are all in `revs`.
//!
//! The tree and leaf bodies are stored as one JSON string (`entry`), beside the
//! few top-level fields the indexes need (`_id`, `conflicted`, `quarantined`,
//! and the change feed's `_seq`, `_rev`, `_deleted`, see [`super::feed`]):
//! the browser copies a string far faster than it clones a nested object, and
//! nothing but Waypoint reads the inside. The JSON escapes every non-ASCII
//! character: a string with any character beyond Latin-1 (most Vietnamese text)
//! is stored at two bytes per character, so an ASCII string is about half the
//! bytes to write. Entries written before this layout (the whole entry as an
//! object) are still read.

use super::feed::Mark;
use super::{idb, StoreError};
use crate::domain::{ascii_json, DocEntry};
use std::collections::HashSet;
use wasm_bindgen::JsValue;
use web_sys::IdbObjectStore;

/// Index flags kept beside an entry. Absent (not false) when clear, so clean
/// entries stay out of the indexes.
pub struct Flags {
    /// More than one live leaf.
    pub conflicted: bool,
    /// Why the winner fails validation, when it does.
    pub quarantined: Option<String>,
}

fn set(obj: &js_sys::Object, key: &str, value: &JsValue) -> Result<(), StoreError> {
    js_sys::Reflect::set(obj, &JsValue::from_str(key), value)
        .map(|_| ())
        .map_err(idb::js_error)
}

/// The stored form of `entry`, with its flags and its place in the change feed.
pub fn encode(entry: &DocEntry, flags: &Flags, mark: &Mark) -> Result<JsValue, StoreError> {
    let json = ascii_json(entry).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let obj = js_sys::Object::new();
    set(&obj, "_id", &JsValue::from_str(&entry.id))?;
    set(&obj, "entry", &JsValue::from_str(&json))?;
    if flags.conflicted {
        set(&obj, "conflicted", &JsValue::from_f64(1.0))?;
    }
    if let Some(reason) = &flags.quarantined {
        set(&obj, "quarantined", &JsValue::from_str(reason))?;
    }
    set(&obj, "_seq", &JsValue::from_f64(mark.seq as f64))?;
    set(&obj, "_rev", &JsValue::from_str(&mark.rev.to_string()))?;
    if mark.deleted {
        set(&obj, "_deleted", &JsValue::TRUE)?;
    }
    Ok(obj.into())
}

/// Reads a stored entry; `undefined`/`null` (no such document) is `None`.
pub fn decode(v: &JsValue) -> Result<Option<DocEntry>, StoreError> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    let corrupt = |e: serde_json::Error| StoreError::Corrupt(e.to_string());
    match field(v, "entry").and_then(|e| e.as_string()) {
        Some(json) => serde_json::from_str(&json).map(Some).map_err(corrupt),
        None => serde_json::from_value(idb::from_js(v)?)
            .map(Some)
            .map_err(corrupt),
    }
}

/// The entry of a document from its `docs` record (`doc`) or, when that holds
/// none, its `revs` record (`rev`); `undefined` stands for no record. Only a
/// record of the v6 layout (with `_doc`) holds an entry: an older one is the
/// document itself, whose own fields may include one named `entry`. The winner's
/// body, left out of an entry stored beside it, is put back from `_doc`.
pub fn decode_either(doc: &JsValue, rev: &JsValue) -> Result<Option<DocEntry>, StoreError> {
    let corrupt = |e: serde_json::Error| StoreError::Corrupt(e.to_string());
    let string = |key| field(doc, key).and_then(|v| v.as_string());
    let (Some(winner), Some(json)) = (string("_doc"), string("entry")) else {
        return decode(rev);
    };
    let mut entry: DocEntry = serde_json::from_str(&json).map_err(corrupt)?;
    // Since the winner's body moved out of the entry, it comes back from `_doc`.
    let left_out = entry
        .tree
        .winner()
        .is_some_and(|(rev, _)| !entry.leaves.contains_key(&rev.to_string()));
    if left_out {
        entry
            .restore_winner(serde_json::from_str(&winner).map_err(corrupt)?)
            .map_err(StoreError::Corrupt)?;
    }
    Ok(Some(entry))
}

/// The `docs` and `revs` records of `ids` (`undefined` where there is none).
///
/// One `get` per id costs a batch of hundreds of documents more than anything
/// else it reads, and a pull into a new workspace finds none of them. So each
/// store is first asked for its keys between the smallest and the largest id, up
/// to a few per id: when that list is complete, only ids in it are fetched.
pub async fn read_both(
    docs: &IdbObjectStore,
    revs: &IdbObjectStore,
    ids: &[String],
) -> Result<Vec<(JsValue, JsValue)>, StoreError> {
    // IndexedDB orders strings by UTF-16 code units, not by code points as Rust
    // does (they differ past U+E000): the range must be IndexedDB's.
    let utf16 = |a: &&String, b: &&String| a.encode_utf16().cmp(b.encode_utf16());
    let (Some(lo), Some(hi)) = (ids.iter().min_by(utf16), ids.iter().max_by(utf16)) else {
        return Ok(Vec::new());
    };
    let range = web_sys::IdbKeyRange::bound(&JsValue::from_str(lo), &JsValue::from_str(hi))
        .map_err(idb::js_error)?;
    let limit = (ids.len() as u32).saturating_mul(4);
    let keys_of = |store: &IdbObjectStore| {
        store
            .get_all_keys_with_key_and_limit(&range, limit)
            .map_err(idb::js_error)
    };
    let (doc_keys, rev_keys) = (keys_of(docs)?, keys_of(revs)?);
    // A transaction completes its requests in order: once the last has, all have.
    idb::request(&rev_keys).await?;
    let present = |req: &web_sys::IdbRequest| -> Result<Option<HashSet<String>>, StoreError> {
        let keys = js_sys::Array::from(&idb::result_of(req)?);
        Ok((keys.length() < limit).then(|| keys.iter().filter_map(|k| k.as_string()).collect()))
    };
    let (in_docs, in_revs) = (present(&doc_keys)?, present(&rev_keys)?);
    let ask = |store: &IdbObjectStore, known: &Option<HashSet<String>>| {
        ids.iter()
            .map(|id| match known {
                Some(set) if !set.contains(id) => Ok(None),
                _ => store
                    .get(&JsValue::from_str(id))
                    .map(Some)
                    .map_err(idb::js_error),
            })
            .collect::<Result<Vec<_>, StoreError>>()
    };
    let (from_docs, from_revs) = (ask(docs, &in_docs)?, ask(revs, &in_revs)?);
    if let Some(last) = from_docs.iter().chain(&from_revs).flatten().last() {
        idb::request(last).await?;
    }
    let value = |req: &Option<web_sys::IdbRequest>| match req {
        Some(r) => idb::result_of(r),
        None => Ok(JsValue::UNDEFINED),
    };
    from_docs
        .iter()
        .zip(&from_revs)
        .map(|(d, r)| Ok((value(d)?, value(r)?)))
        .collect()
}

/// A top-level field of a stored record; `None` when there is no record.
pub fn field(v: &JsValue, key: &str) -> Option<JsValue> {
    // Reflect.get on `undefined` throws, and a thrown exception costs tens of
    // microseconds: a batch asks this of every id it finds no record for.
    if !v.is_object() {
        return None;
    }
    js_sys::Reflect::get(v, &JsValue::from_str(key))
        .ok()
        .filter(|f| !f.is_undefined())
}
