//! Helpers shared by the browser benchmarks (`tests/bench_*.rs`): a clock,
//! frames, the median, the `BENCH {json}` lines `scripts/bench.py` reads, and a
//! host element styled like the app. Each benchmark uses a subset.
#![allow(dead_code)]

use wasm_bindgen::JsCast;

/// `performance.now()`, in milliseconds.
pub fn now() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

/// The page's document.
pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Resolves at the next animation frame.
pub async fn frame() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .request_animation_frame(&resolve)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

/// Forces style and layout, then waits for the frame after: `host` is on screen.
pub async fn painted(host: &web_sys::HtmlElement) {
    let _ = host.offset_height();
    frame().await;
    frame().await;
}

/// The median of `v` (the upper one for an even count).
pub fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

/// Prints one figure, with its baseline measured in the same run, for `scripts/bench.py`.
pub fn report(name: &str, unit: &str, value: f64, baseline: Option<f64>) {
    let line =
        serde_json::json!({"name": name, "unit": unit, "value": value, "baseline": baseline});
    web_sys::console::log_1(&format!("BENCH {line}").into());
}

/// A fresh element at the end of the body.
pub fn new_host() -> web_sys::HtmlElement {
    let host: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    host
}

/// The app's stylesheet, so benchmarks lay out what users see.
pub fn inject_css() {
    let style = document().create_element("style").unwrap();
    style.set_text_content(Some(include_str!("../../style/main.css")));
    document().head().unwrap().append_child(&style).unwrap();
}
