//! CustomEvents on the `<waypoint-view>` element, with JSON details; they bubble
//! and cross the shadow boundary, so a host page can listen anywhere above.

use crate::sync::LiveStatus;
use serde_json::{json, Value};
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

/// Dispatches `name` on `host` with `detail`, once the code that caused it has
/// finished (a host listener may remove the element, which frees its view).
pub fn dispatch(host: &HtmlElement, name: &str, detail: &Value) {
    let (host, name, detail) = (host.clone(), name.to_string(), detail.clone());
    leptos::task::spawn_local(async move { dispatch_now(&host, &name, &detail) });
}

fn dispatch_now(host: &HtmlElement, name: &str, detail: &Value) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    let detail = js_sys::JSON::parse(&detail.to_string()).unwrap_or_default();
    init.set_detail(&detail);
    if let Ok(ev) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&ev);
    }
}

/// The `waypoint-sync-status` detail of a live sync status.
pub fn sync_detail(status: &LiveStatus) -> Value {
    match status {
        LiveStatus::Follower { .. } => json!({ "state": "follower" }),
        LiveStatus::Syncing => json!({ "state": "syncing" }),
        LiveStatus::Synced {
            at_ms,
            pulled,
            pushed,
        } => {
            json!({ "state": "synced", "at": at_ms, "pulled": pulled, "pushed": pushed })
        }
        LiveStatus::Offline => json!({ "state": "offline" }),
        LiveStatus::Retrying { error, in_ms } => json!({
            "state": "retrying",
            "error": error.to_string(),
            "status": http_status(error),
            "retryInMs": in_ms,
        }),
        LiveStatus::Failed(error) => json!({
            "state": "failed",
            "error": error.to_string(),
            "status": http_status(error),
        }),
    }
}

fn http_status(error: &crate::sync::SyncError) -> Option<u16> {
    match error {
        crate::sync::SyncError::Http { status, .. } => Some(*status),
        _ => None,
    }
}
