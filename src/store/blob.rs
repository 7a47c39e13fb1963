//! Moving attachment bytes between wasm and `Blob`s.

use super::{idb, StoreError};
use wasm_bindgen::JsCast;

/// A `Blob` of `bytes` with MIME type `content_type`.
pub fn blob_of(bytes: &[u8], content_type: &str) -> Result<web_sys::Blob, StoreError> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(content_type);
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts).map_err(idb::js_error)
}

/// The bytes of `blob`.
pub async fn bytes_of(blob: &web_sys::Blob) -> Result<Vec<u8>, StoreError> {
    let buf = wasm_bindgen_futures::JsFuture::from(blob.array_buffer())
        .await
        .map_err(idb::js_error)?;
    Ok(js_sys::Uint8Array::new(&buf.unchecked_into()).to_vec())
}

/// Puts `(digest, Blob)` pairs into the blobs store of a running transaction.
pub(super) fn write_all(
    store: &web_sys::IdbObjectStore,
    blobs: &[(String, web_sys::Blob)],
) -> Result<(), StoreError> {
    for (digest, blob) in blobs {
        store
            .put_with_key(blob, &wasm_bindgen::JsValue::from_str(digest))
            .map_err(idb::js_error)?;
    }
    Ok(())
}
