//! The installed app's service worker (`public/sw.js`): registers it, and when a
//! new build has been installed behind the running one, offers to reload into it.
//! Until the user accepts, the page keeps running the files it started with.

use crate::i18n::*;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export function registerWorker(onUpdate) {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    // Only a reload the user asked for: the first install also changes controller.
    if (window.__waypointReloadOnActivate && !reloading) { reloading = true; location.reload(); }
  });
  navigator.serviceWorker.register("/sw.js").then((reg) => {
    const watch = (worker) => worker.addEventListener("statechange", () => {
      if (worker.state === "installed" && navigator.serviceWorker.controller) onUpdate();
    });
    if (reg.waiting && navigator.serviceWorker.controller) onUpdate();
    if (reg.installing) watch(reg.installing);
    reg.addEventListener("updatefound", () => watch(reg.installing));
    // A long-lived tab checks for a new build every hour and when it comes back online.
    setInterval(() => reg.update().catch(() => {}), 3600 * 1000);
    window.addEventListener("online", () => reg.update().catch(() => {}));
  }).catch((e) => console.warn("Waypoint: no offline support:", e));
}

export function activateUpdate() {
  window.__waypointReloadOnActivate = true;
  navigator.serviceWorker.getRegistration().then((reg) => {
    if (reg && reg.waiting) reg.waiting.postMessage("waypoint-activate");
    else location.reload();
  });
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = registerWorker)]
    fn register_worker(on_update: &Closure<dyn FnMut()>);
    #[wasm_bindgen(js_name = activateUpdate)]
    fn activate_update();
}

/// Registers the service worker and shows "A new version is available — Reload"
/// when a new build is waiting. Mounted once, in the shell.
#[component]
pub fn AppUpdate() -> impl IntoView {
    let i18n = use_i18n();
    let waiting = RwSignal::new(false);
    let on_update = Closure::<dyn FnMut()>::new(move || waiting.set(true));
    register_worker(&on_update);
    // The worker may report an update at any time while the app runs.
    on_update.forget();
    view! {
        <Show when=move || waiting.get()>
            <div class="update-banner" role="status">
                <span>{t!(i18n, common.update_available)}</span>
                <button type="button" class="primary" on:click=move |_| activate_update()>
                    {t!(i18n, common.update_reload)}
                </button>
            </div>
        </Show>
    }
}
