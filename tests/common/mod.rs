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

/// The CouchDB 3 behaviour double in front of PouchDB Server (`tests/couch3_double.py`).
pub const COUCH3: &str = match option_env!("WAYPOINT_TEST_COUCH3") {
    Some(url) => url,
    None => "http://127.0.0.1:15986",
};

/// The double's server admin.
pub const COUCH3_ADMIN: &str = match option_env!("WAYPOINT_TEST_COUCH3_ADMIN") {
    Some(name) => name,
    None => "admin",
};

/// The double's server admin's password.
pub const COUCH3_PASSWORD: &str = match option_env!("WAYPOINT_TEST_COUCH3_PASSWORD") {
    Some(p) => p,
    None => "waypoint-admin",
};

/// A request to the double as its server admin (HTTP Basic): status and JSON body.
pub async fn couch3(method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
    let auth = waypoint::domain::replication::basic_auth(COUCH3_ADMIN, COUCH3_PASSWORD);
    let req = RequestBuilder::new(&format!("{COUCH3}{path}"))
        .method(method)
        .header("Authorization", &auth);
    let resp = match body {
        Some(b) => req.json(&b).unwrap().send().await,
        None => req.send().await,
    }
    .expect("the CouchDB 3 double must be running (scripts/with-pouchdb.sh starts it)");
    let status = resp.status();
    (status, resp.json().await.unwrap_or(Value::Null))
}

/// Requests the double has answered for database `db` since the last reset
/// (preflights not counted), and the last of them.
pub async fn couch3_requests(db: &str) -> (u64, Value) {
    let resp = RequestBuilder::new(&format!("{COUCH3}/_double/requests?db={db}"))
        .send()
        .await
        .expect("the CouchDB 3 double must be running");
    let v: Value = resp.json().await.unwrap_or(Value::Null);
    (v["count"].as_u64().unwrap_or(u64::MAX), v["paths"].clone())
}

/// Sets a server configuration value on the double, as an admin does on CouchDB.
pub async fn couch3_config(section: &str, key: &str, value: &str) {
    let (status, body) = couch3(
        Method::PUT,
        &format!("/_node/_local/_config/{section}/{key}"),
        Some(Value::String(value.into())),
    )
    .await;
    assert_eq!(status, 200, "{body}");
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
}

/// Checks every 100 ms until `check` holds, for at most `tries` checks; panics
/// naming `what` when it never does.
pub async fn eventually<F, Fut>(what: &str, tries: u32, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    for _ in 0..tries {
        if check().await {
            return;
        }
        sleep(100).await;
    }
    panic!("timed out waiting for {what}");
}
