//! Helpers shared by the sync test files: the test server's address and plain
//! HTTP access to it (what another client would do). Each file uses a subset.
#![allow(dead_code)]

use gloo_net::http::{Method, RequestBuilder};
use serde_json::Value;

/// The PouchDB Server started by `scripts/with-pouchdb.sh`.
pub const SERVER: &str = match option_env!("WAYPOINT_TEST_COUCH") {
    Some(url) => url,
    None => "http://127.0.0.1:15984",
};

/// The faulty proxy in front of it (`tests/faulty_proxy.py`).
pub const PROXY: &str = match option_env!("WAYPOINT_TEST_PROXY") {
    Some(url) => url,
    None => "http://127.0.0.1:15985",
};

/// A database name no other test uses.
pub fn unique(name: &str) -> String {
    format!("{name}-{}", (js_sys::Math::random() * 1e12) as u64)
}

/// A request straight to the server (no proxy): status and JSON body.
pub async fn server(method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
    let req = RequestBuilder::new(&format!("{SERVER}{path}")).method(method);
    let resp = match body {
        Some(b) => req.json(&b).unwrap().send().await,
        None => req.send().await,
    }
    .expect("PouchDB Server must be running (make browser starts it)");
    let status = resp.status();
    (status, resp.json().await.unwrap_or(Value::Null))
}
