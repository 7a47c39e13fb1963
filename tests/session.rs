//! Cookie sessions (`POST /_session`) against a real PouchDB Server. The server
//! runs as an "admin party" (no admins), so it accepts every request anyway;
//! what these tests check is the session itself, through `GET /_session`, which
//! names the user only when the browser sends a valid session cookie.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{server, unique, SERVER};
use gloo_net::http::Method;
use serde_json::json;
use wasm_bindgen_test::*;
use waypoint::domain::records::Account;
use waypoint::domain::{Doc, Timestamp};
use waypoint::store::Store;
use waypoint::sync::{pull, push, Auth, Options, Remote, SignIn, SyncConfig, SyncError};

wasm_bindgen_test_configure!(run_in_browser);

/// A user in the server's `_users` database; returns its name.
async fn new_user(password: &str) -> String {
    let name = unique("rep");
    let (status, body) = server(
        Method::PUT,
        &format!("/_users/org.couchdb.user:{name}"),
        Some(json!({"name": name, "password": password, "roles": [], "type": "user"})),
    )
    .await;
    assert!(status < 300, "creating the user: {status} {body}");
    name
}

async fn fresh_store(name: &str) -> Store {
    let name = unique(name);
    Store::delete_database(&name).await.unwrap();
    Store::open(&name).await.unwrap()
}

fn note(local: &str) -> Doc {
    let account = Account {
        name: "Công ty Phiên".into(),
        industry: String::new(),
        segment: "SMB".into(),
        city: "Đà Nẵng".into(),
        region: String::new(),
        owner: "lan".into(),
        source: String::new(),
        extra: Default::default(),
    };
    let at = Timestamp::parse("2026-11-25T09:00:00Z").unwrap();
    Doc::new(local, &account, at, "lan").unwrap()
}

fn session(db: &str, user: &str, password: Option<&str>) -> Remote {
    Remote::new(
        SERVER,
        db,
        Auth::Session {
            user: user.into(),
            password: password.map(str::to_string),
        },
    )
}

#[wasm_bindgen_test]
async fn a_session_signs_in_once_is_reused_from_the_cookie_and_ends_on_sign_out() {
    let user = new_user("mật-khẩu 1").await;
    let db = unique("session");
    // PouchDB Server 4.2.0 crashes when a session user creates a database
    // (express-pouchdb: `db.info is not a function`), so it is created anonymously.
    let (status, _) = server(Method::PUT, &format!("/{db}"), None).await;
    assert_eq!(status, 201);
    let remote = session(&db, &user, Some("mật-khẩu 1"));
    // The first request signs in, then goes through with the cookie: a push
    // and a pull into another workspace replicate through the session.
    let source = fresh_store("t-session-src").await;
    source.put(note("cookie")).await.unwrap();
    let pushed = push(&source, &remote, &Options::default()).await.unwrap();
    assert_eq!(pushed.revisions_written, 1);
    assert_eq!(remote.session_user().await.unwrap(), Some(user.clone()));
    let target = fresh_store("t-session-dst").await;
    let pulled = pull(&target, &remote, &Options::default()).await.unwrap();
    assert_eq!(pulled.revisions_written, 1);
    assert!(target.get("account:cookie").await.unwrap().is_some());
    // Without a password (e.g. after a reload), the browser's cookie still signs requests.
    let cookie_only = session(&db, &user, None);
    assert_eq!(cookie_only.doc_count().await.unwrap(), 1);
    assert_eq!(
        cookie_only.session_user().await.unwrap(),
        Some(user.clone())
    );

    cookie_only.sign_out().await.unwrap();
    assert_eq!(remote.session_user().await.unwrap(), None);
    // Asking again signs in again.
    assert_eq!(remote.check_session().await.unwrap(), Some(user.clone()));
    remote.sign_out().await.unwrap();
    assert_eq!(cookie_only.session_user().await.unwrap(), None);
}

#[wasm_bindgen_test]
async fn a_wrong_password_is_refused_with_401_and_leaves_no_session() {
    let user = new_user("right").await;
    let remote = session(&unique("session-bad"), &user, Some("wrong"));
    let err = remote.check_session().await.unwrap_err();
    assert!(
        matches!(err, SyncError::Http { status: 401, .. }),
        "{err:?}"
    );
    assert!(!err.is_transient(), "401 must not be retried");
    assert_eq!(remote.session_user().await.unwrap(), None);
}

#[wasm_bindgen_test]
fn the_settings_choose_basic_or_session_and_no_user_means_no_credentials() {
    let mut config = SyncConfig {
        server: SERVER.into(),
        database: "crm".into(),
        user: "lan".into(),
        ..SyncConfig::default()
    };
    assert_eq!(config.remote("pw").user(), Some("lan"));
    config.sign_in = SignIn::Session;
    assert_eq!(
        config.remote(""),
        Remote::new(
            SERVER,
            "crm",
            Auth::Session {
                user: "lan".into(),
                password: None
            }
        )
    );
    config.user = "  ".into();
    assert_eq!(config.remote("pw").user(), None);
}

#[wasm_bindgen_test]
async fn a_remembered_password_is_kept_on_the_device_until_forgotten() {
    let store = fresh_store("t-remember").await;
    assert_eq!(SyncConfig::remembered_password(&store).await.unwrap(), None);
    SyncConfig::remember_password(&store, Some("bí mật"))
        .await
        .unwrap();
    assert_eq!(
        SyncConfig::remembered_password(&store).await.unwrap(),
        Some("bí mật".into())
    );
    SyncConfig::remember_password(&store, None).await.unwrap();
    assert_eq!(SyncConfig::remembered_password(&store).await.unwrap(), None);
}
