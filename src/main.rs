//! Binary entry point: panic hook and mount, nothing else.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    // Loaded by `waypoint-embed.js` into a partner's page: the custom elements
    // mount their own views (see `waypoint::embed`); the host's body is not ours.
    let embedded = js_sys::Reflect::get(&js_sys::global(), &"__waypointEmbedded".into())
        .is_ok_and(|v| v.is_truthy());
    if !embedded {
        leptos::mount::mount_to_body(waypoint::App);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Waypoint runs in the browser: use `make run` (Trunk) to build and serve it.");
}
