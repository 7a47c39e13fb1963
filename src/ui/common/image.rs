//! Images made on the device: shrinking a persona photo to a small avatar or a
//! visit's photo to a storable JPEG, and rasterising the map's SVG export to PNG
//! (no screenshot service).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = "
function load(url) {
  return new Promise((ok, fail) => {
    const img = new Image();
    img.onload = () => ok(img);
    img.onerror = () => fail(new Error('image'));
    img.src = url;
  });
}
async function shrunk(file, max) {
  const url = URL.createObjectURL(file);
  try {
    const img = await load(url);
    const scale = Math.min(1, max / Math.max(img.naturalWidth, img.naturalHeight));
    const c = document.createElement('canvas');
    c.width = Math.max(1, Math.round(img.naturalWidth * scale));
    c.height = Math.max(1, Math.round(img.naturalHeight * scale));
    c.getContext('2d').drawImage(img, 0, 0, c.width, c.height);
    return c;
  } finally { URL.revokeObjectURL(url); }
}
export async function wp_shrink_image(file, max) {
  return (await shrunk(file, max)).toDataURL('image/jpeg', 0.85);
}
export async function wp_shrink_to_blob(file, max) {
  const c = await shrunk(file, max);
  return await new Promise((ok, fail) =>
    c.toBlob(b => b ? ok(b) : fail(new Error('jpeg')), 'image/jpeg', 0.82));
}
export async function wp_svg_to_png(svg, name, scale) {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = await load(url);
    const c = document.createElement('canvas');
    c.width = Math.round(img.naturalWidth * scale);
    c.height = Math.round(img.naturalHeight * scale);
    const g = c.getContext('2d');
    g.fillStyle = '#fff'; g.fillRect(0, 0, c.width, c.height);
    g.scale(scale, scale); g.drawImage(img, 0, 0);
    const blob = await new Promise((ok, fail) =>
      c.toBlob(b => b ? ok(b) : fail(new Error('png')), 'image/png'));
    const out = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = out; a.download = name; a.style.display = 'none';
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(out), 60000);
  } finally { URL.revokeObjectURL(url); }
}
")]
extern "C" {
    #[wasm_bindgen(catch)]
    async fn wp_shrink_image(file: &web_sys::File, max: u32) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn wp_shrink_to_blob(file: &web_sys::File, max: u32) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn wp_svg_to_png(svg: &str, name: &str, scale: f64) -> Result<JsValue, JsValue>;
}

/// A JPEG data URL of `file` scaled to fit `max`×`max`; `None` when it is not a readable image.
pub async fn shrink_image(file: &web_sys::File, max: u32) -> Option<String> {
    wp_shrink_image(file, max).await.ok()?.as_string()
}

/// `file` as a JPEG `Blob` scaled to fit `max`×`max` (a phone photo becomes a
/// few hundred KiB); `None` when it is not a readable image.
pub async fn shrink_to_blob(file: &web_sys::File, max: u32) -> Option<web_sys::Blob> {
    wp_shrink_to_blob(file, max).await.ok()?.dyn_into().ok()
}

/// Draws `svg` at twice its size into a PNG and offers it as the download `name`.
pub async fn svg_to_png(svg: &str, name: &str) -> bool {
    wp_svg_to_png(svg, name, 2.0).await.is_ok()
}
