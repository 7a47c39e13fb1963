//! The browser's storage quota for this site (`navigator.storage`): how much is
//! used, and whether the data is kept when the browser runs short of space.

use crate::domain::storage::StorageUse;
use wasm_bindgen::{JsCast, JsValue};
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

/// A yes/no answer of the storage manager; no manager means no.
async fn ask(question: fn(&StorageManager) -> Result<js_sys::Promise, JsValue>) -> bool {
    match manager() {
        Some(m) => call(question(&m))
            .await
            .and_then(|v| v.as_bool())
            .unwrap_or(false),
        None => false,
    }
}

/// True when the browser keeps this site's data under storage pressure.
pub async fn persisted() -> bool {
    ask(StorageManager::persisted).await
}

/// Asks the browser to keep this site's data (it may ask the user, or decide
/// by itself from how the site is used); returns whether it now does.
pub async fn request_persist() -> bool {
    ask(StorageManager::persist).await
}
