//! The browser's storage quota for this site (`navigator.storage`): how much is
//! used, and whether the data is kept when the browser runs short of space.

use crate::domain::storage::StorageUse;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::StorageManager;

fn manager() -> Option<StorageManager> {
    let storage = web_sys::window()?.navigator().storage();
    // Old browsers have no StorageManager: the property is undefined.
    (!storage.is_undefined()).then_some(storage)
}

async fn call(
    promise: Result<js_sys::Promise, wasm_bindgen::JsValue>,
) -> Option<wasm_bindgen::JsValue> {
    JsFuture::from(promise.ok()?).await.ok()
}

/// Used and allowed bytes, when the browser tells.
pub async fn estimate() -> Option<StorageUse> {
    let estimate: web_sys::StorageEstimate = call(manager()?.estimate()).await?.unchecked_into();
    Some(StorageUse {
        used: estimate.get_usage()? as u64,
        quota: estimate.get_quota()? as u64,
    })
}

/// True when the browser keeps this site's data under storage pressure.
pub async fn persisted() -> bool {
    match manager() {
        Some(m) => call(m.persisted())
            .await
            .and_then(|v| v.as_bool())
            .unwrap_or(false),
        None => false,
    }
}

/// Asks the browser to keep this site's data (it may ask the user, or decide
/// by itself from how the site is used); returns whether it now does.
pub async fn request_persist() -> bool {
    match manager() {
        Some(m) => call(m.persist())
            .await
            .and_then(|v| v.as_bool())
            .unwrap_or(false),
        None => false,
    }
}
