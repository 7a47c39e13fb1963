//! Binary entry point: panic hook and mount, nothing else.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(waypoint::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Waypoint runs in the browser: use `make run` (Trunk) to build and serve it.");
}
