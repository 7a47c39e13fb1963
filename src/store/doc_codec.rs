//! How a live document is kept in the `docs` object store: one record holding
//! its winning revision and its revision entry.
//!
//! The winner is one ASCII JSON string (`_doc`), beside copies of the few
//! top-level fields the indexes read (`account_id`, `pipeline_id`, `stage_id`,
//! `occurred_at`); the revision entry is another (`entry`, see [`super::entry_codec`]),
//! without the winner's body, which `_doc` already holds
//! ([`DocEntry::beside_winner`]), with `conflicted` set when it has more than one
//! live leaf, and with its place in the change feed (`_seq`, `_rev`, see
//! [`super::feed`]). The browser copies a flat record of strings far faster than it
//! clones a nested object, and each record written costs a pull or an import as
//! much as its bytes, so a live document is one record, not two. `_doc` cannot clash with a document field:
//! CouchDB reserves names starting with `_`. Records written before this layout
//! (the document as an object, its entry in `revs`) are still read.

use super::feed::Mark;
use super::StoreError;
use crate::domain::{ascii_json, Doc, DocEntry, RevId};
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::JsValue;

/// The fields the `docs` indexes read, copied out of the document.
const INDEXED: [&str; 4] = ["account_id", "pipeline_id", "stage_id", "occurred_at"];

/// The stored form of a winning revision.
#[derive(Serialize)]
pub struct Stored<'a> {
    #[serde(rename = "_id")]
    id: &'a str,
    #[serde(flatten)]
    indexed: serde_json::Map<String, Value>,
    #[serde(rename = "_doc")]
    doc: String,
    entry: String,
    /// Absent (not 0) when clear, so clean documents stay out of the index.
    #[serde(skip_serializing_if = "Option::is_none")]
    conflicted: Option<u8>,
    #[serde(rename = "_seq")]
    seq: u64,
    #[serde(rename = "_rev")]
    rev: &'a RevId,
    /// True when the latest change deleted a losing branch (absent when false).
    #[serde(rename = "_deleted", skip_serializing_if = "std::ops::Not::not")]
    deleted: bool,
}

/// Encodes live document `doc` for the `docs` store, with its revision `entry`,
/// whether that has conflicts and its place in the change feed.
pub fn encode<'a>(
    doc: &'a Doc,
    entry: &DocEntry,
    conflicted: bool,
    mark: &Mark<'a>,
) -> Result<Stored<'a>, StoreError> {
    let corrupt = |e: serde_json::Error| StoreError::Corrupt(e.to_string());
    let indexed = INDEXED
        .iter()
        .filter_map(|k| doc.body.get(*k).map(|v| (k.to_string(), v.clone())))
        .collect();
    Ok(Stored {
        id: &doc.id,
        indexed,
        doc: ascii_json(doc).map_err(corrupt)?,
        entry: ascii_json(&entry.beside_winner()).map_err(corrupt)?,
        conflicted: conflicted.then_some(1),
        seq: mark.seq,
        rev: mark.rev,
        deleted: mark.deleted,
    })
}

fn parse(text: &str) -> Result<Vec<Doc>, StoreError> {
    let corrupt = |e: String| StoreError::Corrupt(e);
    let values: Vec<Value> = serde_json::from_str(text).map_err(|e| corrupt(e.to_string()))?;
    values
        .into_iter()
        .map(|v| Doc::from_json(v).map_err(|e| corrupt(e.to_string())))
        .collect()
}

/// The documents of a `getAll` result over the `docs` store or one of its indexes.
pub fn decode_all(records: &JsValue) -> Result<Vec<Doc>, StoreError> {
    if !js_sys::Array::is_array(records) {
        return Err(StoreError::Corrupt("getAll did not return an array".into()));
    }
    parse(&super::js::wp_docs_json(records))
}

/// The document of one stored record; `undefined` (no such document) is `None`.
pub fn decode(record: &JsValue) -> Result<Option<Doc>, StoreError> {
    if record.is_undefined() || record.is_null() {
        return Ok(None);
    }
    let one = js_sys::Array::of1(record);
    Ok(parse(&super::js::wp_docs_json(&one))?.pop())
}
