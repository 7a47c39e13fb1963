//! The embed entry point for partner portals. `<waypoint-view>` (defined in
//! `waypoint-view.js`; the build writes it as `waypoint-embed.js` with this
//! build's file names) creates a shadow root and calls [`mount_view`]. Elements
//! naming one workspace share its store; each element has its own view,
//! language and read-only choice. See README "Embed in your portal".

mod events;
mod registry;
mod view;

use crate::domain::board::BoardQuery;
use crate::domain::embed::{EmbedConfig, EmbedView};
use crate::sync::{Auth, Remote};
use crate::ui::common::Workspace;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, ShadowRoot};

/// One mounted element. `free()` (the element's `disconnectedCallback`)
/// unmounts its view; the shared workspace stays open for the others.
#[wasm_bindgen]
pub struct EmbedHandle {
    mounted: Option<Box<dyn std::any::Any>>,
    owner: Owner,
    config: EmbedConfig,
    shared: Workspace,
    filter: RwSignal<BoardQuery>,
}

impl Drop for EmbedHandle {
    fn drop(&mut self) {
        self.mounted.take();
        self.owner.cleanup();
    }
}

fn auth_of(credentials: &JsValue) -> Result<Auth, JsValue> {
    if credentials.is_undefined() || credentials.is_null() {
        return Ok(Auth::None);
    }
    let field = |k: &str| {
        js_sys::Reflect::get(credentials, &JsValue::from_str(k))
            .ok()
            .and_then(|v| v.as_string())
            .filter(|s| !s.is_empty())
    };
    match (field("token"), field("username"), field("password")) {
        (Some(token), None, None) => Ok(Auth::Bearer { token }),
        (None, Some(user), Some(password)) => Ok(Auth::Session {
            user,
            password: Some(password),
        }),
        _ => Err(JsValue::from_str(
            "credentials must be { username, password } or { token }",
        )),
    }
}

#[wasm_bindgen]
impl EmbedHandle {
    /// Sets the board's filters from an object of the board URL's keys (`owner`,
    /// `account`, `min`, `max`, `cur`, `from`, `to`, `rotting`, `q`; `pipeline`
    /// switches the pipeline). A bad value throws a message naming it and
    /// changes nothing.
    #[wasm_bindgen(js_name = setFilter)]
    pub fn set_filter(&self, filters: JsValue) -> Result<(), JsValue> {
        if !matches!(self.config.view, EmbedView::Board { .. }) {
            return Err(JsValue::from_str("setFilter applies to view=\"board\""));
        }
        let json = js_sys::JSON::stringify(&filters)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default();
        let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&json)
            .map_err(|_| JsValue::from_str("setFilter takes an object of strings"))?;
        let pairs: Vec<(String, String)> = map
            .into_iter()
            .map(|(k, v)| {
                let v = match v {
                    serde_json::Value::String(s) => s,
                    other => other.to_string(),
                };
                (k, v)
            })
            .collect();
        let (mut q, bad) =
            BoardQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        if let Some(b) = bad.first() {
            return Err(JsValue::from_str(&format!(
                "{}=\"{}\" is not valid",
                b.key, b.value
            )));
        }
        if q.pipeline.is_none() {
            q.pipeline = self.filter.get_untracked().pipeline;
        }
        self.filter.set(q);
        Ok(())
    }

    /// Starts (or restarts, with new credentials) live sync with the server the
    /// element's `server` and `database` attributes name.
    #[wasm_bindgen(js_name = setCredentials)]
    pub fn set_credentials(&self, credentials: JsValue) -> Result<(), JsValue> {
        let Some(sync) = &self.config.sync else {
            return Err(JsValue::from_str(
                "set the server and database attributes first",
            ));
        };
        let auth = auth_of(&credentials)?;
        start_sync(self.shared, Remote::new(&sync.server, &sync.database, auth));
        Ok(())
    }

    /// Fills the element's workspace with the sample data, if it holds no
    /// records yet (for demos and trials; the host page calls it, so it works on
    /// a read-only element too). Refused for a workspace that syncs: sample data
    /// must never reach a real server. Resolves to whether it filled anything.
    #[wasm_bindgen(js_name = loadSampleData)]
    pub fn load_sample_data(&self) -> js_sys::Promise {
        let ws = self.shared;
        let syncs = self.config.sync.is_some();
        wasm_bindgen_futures::future_to_promise(async move {
            if syncs || ws.sync_status.get_untracked().is_some() {
                return Err(js_err(
                    "loadSampleData is for demo workspaces that do not sync",
                ));
            }
            let store = wait_open(ws).await?;
            if store.checkpoint_count().await.map_err(js_err)? > 0 {
                return Err(js_err(
                    "loadSampleData is for demo workspaces that do not sync",
                ));
            }
            let types: Vec<_> = crate::domain::RecordType::ALL
                .into_iter()
                .filter(|t| *t != crate::domain::RecordType::Settings)
                .collect();
            let (counts, _) = store.stats(&types).await.map_err(js_err)?;
            if counts.iter().any(|n| *n > 0) {
                return Ok(JsValue::FALSE);
            }
            ws.replace_with_sample(RwSignal::new(None))
                .await
                .map_err(js_err)?;
            Ok(JsValue::TRUE)
        })
    }
}

fn js_err(e: impl std::fmt::Display) -> JsValue {
    JsValue::from_str(&e.to_string())
}

/// The workspace's store once it is open.
async fn wait_open(ws: Workspace) -> Result<crate::store::Store, JsValue> {
    loop {
        match ws.status.get_untracked() {
            crate::ui::common::StoreStatus::Ready => {
                return ws.store().ok_or_else(|| js_err("store unavailable"))
            }
            crate::ui::common::StoreStatus::Failed(e) => return Err(js_err(e)),
            crate::ui::common::StoreStatus::Opening => {
                gloo_timers::future::TimeoutFuture::new(20).await
            }
        }
    }
}

/// Starts live sync of `ws` with `remote` once its store is open.
fn start_sync(ws: Workspace, remote: Remote) {
    leptos::task::spawn_local(async move {
        if wait_open(ws).await.is_ok() {
            ws.start_embedded_sync(remote);
        }
    });
}

/// Mounts the view `config` (the element's attributes as a JSON object) asks for
/// into `container`, a node inside `shadow`, the shadow root of `host`. Throws a
/// message naming the bad attribute when `config` cannot be used.
#[wasm_bindgen(js_name = mountView)]
pub fn mount_view(
    container: HtmlElement,
    shadow: ShadowRoot,
    host: HtmlElement,
    config: &str,
    credentials: JsValue,
) -> Result<EmbedHandle, JsValue> {
    let config = EmbedConfig::parse(config).map_err(js_err)?;
    let auth = auth_of(&credentials)?;
    let owner = Owner::new();
    let opened = std::rc::Rc::new(std::cell::Cell::new(None));
    let (filter, mounted) = owner.with(|| {
        let filter = RwSignal::new(config.board_query());
        let cfg = config.clone();
        let out = opened.clone();
        // Inside the mount: it sets up the task executor the workspace's opening needs.
        let mounted = leptos::mount::mount_to(container, move || {
            let shared = registry::workspace(&cfg.workspace);
            if let Some(sync) = &cfg.sync {
                start_sync(shared, Remote::new(&sync.server, &sync.database, auth));
            }
            out.set(Some(shared));
            view! { <view::EmbedRoot config=cfg shared host shadow filter /> }
        });
        (filter, mounted)
    });
    let shared = opened
        .take()
        .ok_or_else(|| js_err("the view did not mount"))?;
    Ok(EmbedHandle {
        mounted: Some(Box::new(mounted)),
        owner,
        config,
        shared,
        filter,
    })
}
