//! How a revision entry is kept in the `revs` object store.
//!
//! The tree and leaf bodies are stored as one JSON string (`entry`), beside the
//! few top-level fields the indexes need (`_id`, `conflicted`, `quarantined`):
//! the browser copies a string far faster than it clones a nested object, and
//! nothing but Waypoint reads the inside. The JSON escapes every non-ASCII
//! character: a string with any character beyond Latin-1 (most Vietnamese text)
//! is stored at two bytes per character, so an ASCII string is about half the
//! bytes to write. Entries written before this layout (the whole entry as an
//! object) are still read.

use super::{idb, StoreError};
use crate::domain::{ascii_json, DocEntry};
use wasm_bindgen::JsValue;

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

/// The stored form of `entry`.
pub fn encode(entry: &DocEntry, flags: &Flags) -> Result<JsValue, StoreError> {
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

/// A top-level field of a stored record.
pub fn field(v: &JsValue, key: &str) -> Option<JsValue> {
    js_sys::Reflect::get(v, &JsValue::from_str(key))
        .ok()
        .filter(|f| !f.is_undefined())
}
