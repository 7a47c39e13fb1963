//! Thin futures over the raw IndexedDB API (web-sys). Everything browser-specific
//! about IndexedDB lives here; the rest of the store speaks JSON and domain types.

use super::StoreError;
use serde_json::Value;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode};

/// Converts a thrown JS value (usually a `DOMException`) into a typed error.
pub fn js_error(e: JsValue) -> StoreError {
    if let Some(dom) = e.dyn_ref::<web_sys::DomException>() {
        return StoreError::from_dom(&dom.name(), &dom.message());
    }
    StoreError::Idb {
        name: "Error".into(),
        message: format!("{e:?}"),
    }
}

fn error_of_request(req: &IdbRequest) -> StoreError {
    match req.error() {
        Ok(Some(dom)) => StoreError::from_dom(&dom.name(), &dom.message()),
        _ => StoreError::Idb {
            name: "UnknownError".into(),
            message: "request failed".into(),
        },
    }
}

/// Awaits an `IDBRequest`'s success (its result) or error. Handlers are attached
/// at once, so the request may be awaited later in the same transaction.
pub fn request(req: &IdbRequest) -> impl std::future::Future<Output = Result<JsValue, StoreError>> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let ok_req = req.clone();
        let on_ok = Closure::once_into_js(move |_e: web_sys::Event| {
            let _ = resolve.call1(
                &JsValue::NULL,
                &ok_req.result().unwrap_or(JsValue::UNDEFINED),
            );
        });
        let on_err = Closure::once_into_js(move |_e: web_sys::Event| {
            let _ = reject.call0(&JsValue::NULL);
        });
        req.set_onsuccess(Some(on_ok.unchecked_ref()));
        req.set_onerror(Some(on_err.unchecked_ref()));
    });
    let req = req.clone();
    async move {
        JsFuture::from(promise)
            .await
            .map_err(|_| error_of_request(&req))
    }
}

/// The result of a request that has completed.
pub fn result_of(req: &IdbRequest) -> Result<JsValue, StoreError> {
    if let Ok(Some(dom)) = req.error() {
        return Err(StoreError::from_dom(&dom.name(), &dom.message()));
    }
    req.result().map_err(js_error)
}

/// Awaits a transaction's `complete`; an `abort` becomes the transaction's error
/// (the failing request's `DOMException`, e.g. `QuotaExceededError`).
pub fn done(tx: &IdbTransaction) -> impl std::future::Future<Output = Result<(), StoreError>> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let on_ok = Closure::once_into_js(move |_e: web_sys::Event| {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let on_abort = Closure::once_into_js(move |_e: web_sys::Event| {
            let _ = reject.call0(&JsValue::NULL);
        });
        tx.set_oncomplete(Some(on_ok.unchecked_ref()));
        tx.set_onabort(Some(on_abort.unchecked_ref()));
    });
    let tx = tx.clone();
    async move {
        JsFuture::from(promise)
            .await
            .map(|_| ())
            .map_err(|_| match tx.error() {
                Some(dom) => StoreError::from_dom(&dom.name(), &dom.message()),
                None => StoreError::Aborted,
            })
    }
}

/// Starts a transaction over `stores`.
pub fn transaction(
    db: &IdbDatabase,
    stores: &[&str],
    mode: IdbTransactionMode,
) -> Result<IdbTransaction, StoreError> {
    let names = js_sys::Array::new();
    for s in stores {
        names.push(&JsValue::from_str(s));
    }
    db.transaction_with_str_sequence_and_mode(&names, mode)
        .map_err(js_error)
}

/// Opens (and if needed upgrades) a database. `upgrade(db, tx, old, new)` runs inside
/// the `versionchange` transaction; an error from it aborts the upgrade.
/// `on_blocked` runs when the upgrade has to wait for another tab that holds
/// the database open at an older version (the open resumes once it lets go).
pub async fn open(
    name: &str,
    version: u32,
    upgrade: impl Fn(&IdbDatabase, &IdbTransaction, u32, u32) -> Result<(), JsValue> + 'static,
    on_blocked: impl FnOnce() + 'static,
) -> Result<IdbDatabase, StoreError> {
    let window = web_sys::window().ok_or(StoreError::Unavailable)?;
    let factory = window
        .indexed_db()
        .map_err(|e| refused(js_error(e)))?
        .ok_or(StoreError::Unavailable)?;
    let req: IdbOpenDbRequest = factory
        .open_with_u32(name, version)
        .map_err(|e| refused(js_error(e)))?;
    let failure: Rc<RefCell<Option<String>>> = Rc::default();
    let fail_slot = failure.clone();
    let upgraded: Rc<Cell<bool>> = Rc::default();
    let upgrade_seen = upgraded.clone();
    let upgrade_req = req.clone();
    let on_upgrade = Closure::once_into_js(move |e: web_sys::IdbVersionChangeEvent| {
        upgrade_seen.set(true);
        let old = e.old_version() as u32;
        let new = e.new_version().unwrap_or(version as f64) as u32;
        let db: IdbDatabase = match upgrade_req.result() {
            Ok(v) => v.unchecked_into(),
            Err(_) => return,
        };
        let Some(tx) = upgrade_req.transaction() else {
            return;
        };
        if let Err(err) = upgrade(&db, &tx, old, new) {
            *fail_slot.borrow_mut() = Some(format!("{err:?}"));
            let _ = tx.abort();
        }
    });
    req.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
    let on_blocked = Closure::once_into_js(move |_e: web_sys::Event| {
        web_sys::console::warn_1(
            &"Waypoint: database upgrade waits for another tab to close it".into(),
        );
        on_blocked();
    });
    req.set_onblocked(Some(on_blocked.unchecked_ref()));
    let result = request(&req).await;
    if let Some(msg) = failure.borrow_mut().take() {
        return Err(StoreError::Migration(msg));
    }
    // A step's requests (a backfill) can fail after `upgrade` returned: the
    // versionchange transaction aborts and the open fails with its error.
    let db: IdbDatabase = result
        .map_err(|e| match refused(e) {
            e @ (StoreError::QuotaExceeded | StoreError::Unavailable) => e,
            e if upgraded.get() => StoreError::Migration(e.to_string()),
            e => e,
        })?
        .unchecked_into();
    // Another tab upgrading the schema: close so it can proceed; this tab reloads on next open.
    let db_for_close = db.clone();
    let on_version_change = Closure::<dyn FnMut(web_sys::Event)>::new(move |_e: web_sys::Event| {
        db_for_close.close();
    });
    db.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
    on_version_change.forget();
    Ok(db)
}

/// How browsers refuse storage to a page that may not keep any: a private window
/// (Firefox before 115: `InvalidStateError`), storage or cookies blocked for the
/// site, a sandboxed frame (`SecurityError`), a permission policy (`NotAllowedError`);
/// Chrome with site data blocked fails the open with an `UnknownError` saying the
/// user denied permission.
fn refused(e: StoreError) -> StoreError {
    match e {
        StoreError::Idb { name, message }
            if matches!(
                name.as_str(),
                "InvalidStateError" | "SecurityError" | "NotAllowedError"
            ) || (name == "UnknownError" && message.contains("denied permission")) =>
        {
            StoreError::Unavailable
        }
        other => other,
    }
}

/// Deletes a database by name (used by tests and by "erase this workspace").
pub async fn delete_database(name: &str) -> Result<(), StoreError> {
    let window = web_sys::window().ok_or(StoreError::Unavailable)?;
    let factory = window
        .indexed_db()
        .map_err(js_error)?
        .ok_or(StoreError::Unavailable)?;
    let req = factory.delete_database(name).map_err(js_error)?;
    request(&req).await.map(|_| ())
}

/// JSON → JS object, via the browser's native `JSON.parse` (fast for large batches).
pub fn to_js(v: &Value) -> Result<JsValue, StoreError> {
    let text = serde_json::to_string(v).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(js_error)
}

/// JS object → JSON, via `JSON.stringify`.
pub fn from_js(v: &JsValue) -> Result<Value, StoreError> {
    let text: String = js_sys::JSON::stringify(v).map_err(js_error)?.into();
    serde_json::from_str(&text).map_err(|e| StoreError::Corrupt(e.to_string()))
}
