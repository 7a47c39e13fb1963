//! Saving generated text (CSV, JSON) as a file the browser downloads.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = "export function wp_download(name, mime, text) {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url; a.download = name; a.style.display = 'none';
  document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}")]
extern "C" {
    fn wp_download(name: &str, mime: &str, text: &str);
}

/// Offers `text` as a download named `name` with MIME type `mime`.
pub fn download(name: &str, mime: &str, text: &str) {
    wp_download(name, mime, text);
}
