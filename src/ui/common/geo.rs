//! The device's position, for field visits (asked only when the person ticks
//! "Add my location"; the browser asks for permission the first time).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = "export function wp_position(timeout_ms) {
  return new Promise((resolve, reject) => {
    if (!navigator.geolocation) { reject('unsupported'); return; }
    navigator.geolocation.getCurrentPosition(
      p => resolve([p.coords.latitude, p.coords.longitude]),
      e => reject(e.code === 1 ? 'denied' : e.code === 3 ? 'timeout' : 'unavailable'),
      { enableHighAccuracy: true, timeout: timeout_ms, maximumAge: 60000 });
  });
}")]
extern "C" {
    #[wasm_bindgen(catch)]
    async fn wp_position(timeout_ms: u32) -> Result<JsValue, JsValue>;
}

/// Why no position came back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GeoError {
    /// The person (or a policy) refused.
    Denied,
    /// No fix within the time allowed.
    Timeout,
    /// No geolocation here, or no position available.
    Unavailable,
}

/// The current position as (latitude, longitude), waiting at most `timeout_ms`.
pub async fn current_position(timeout_ms: u32) -> Result<(f64, f64), GeoError> {
    match wp_position(timeout_ms).await {
        Ok(v) => {
            let a = js_sys::Array::from(&v);
            match (a.get(0).as_f64(), a.get(1).as_f64()) {
                (Some(lat), Some(lon)) => Ok((lat, lon)),
                _ => Err(GeoError::Unavailable),
            }
        }
        Err(e) => Err(match e.as_string().as_deref() {
            Some("denied") => GeoError::Denied,
            Some("timeout") => GeoError::Timeout,
            _ => GeoError::Unavailable,
        }),
    }
}
