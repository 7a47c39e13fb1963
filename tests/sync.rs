//! Sync tests against a real PouchDB Server over HTTP (started by
//! `scripts/with-pouchdb.sh`; its URL comes from `WAYPOINT_TEST_COUCH`).
#![cfg(target_arch = "wasm32")]

mod common;

use common::{eventually, server, unique, SERVER};
use gloo_net::http::Method;
use serde_json::{json, Value};
use wasm_bindgen_test::*;
use waypoint::domain::records::Account;
use waypoint::domain::{Doc, Timestamp};
use waypoint::store::Store;
use waypoint::sync::{pull, push, Auth, Options, Remote};

wasm_bindgen_test_configure!(run_in_browser);

async fn fresh_pair(name: &str) -> (Store, Remote, String) {
    let db = unique(name);
    Store::delete_database(&db).await.unwrap();
    let store = Store::open(&db).await.unwrap();
    let remote = Remote::new(SERVER, &db, Auth::None);
    remote.create().await.unwrap();
    (store, remote, db)
}

fn now() -> Timestamp {
    Timestamp::parse("2026-11-22T09:00:00Z").unwrap()
}

fn account(local: &str, name: &str) -> Doc {
    let a = Account {
        name: name.into(),
        industry: String::new(),
        segment: "SMB".into(),
        city: "Huế".into(),
        region: String::new(),
        owner: "lan".into(),
        source: String::new(),
        extra: Default::default(),
    };
    Doc::new(local, &a, now(), "lan").unwrap()
}

#[wasm_bindgen_test]
async fn pull_copies_the_server_and_resumes_from_its_checkpoint() {
    let (store, remote, db) = fresh_pair("pull").await;
    let docs: Vec<Value> = (0..120)
        .map(|i| json!({"_id": format!("account:s{i:03}"), "type": "account", "name": format!("Công ty {i}"), "x_server_field": i}))
        .collect();
    let (status, _) = server(
        Method::POST,
        &format!("/{db}/_bulk_docs"),
        Some(json!({"docs": docs})),
    )
    .await;
    assert_eq!(status, 201);
    // A malformed deal and a type this version does not know, among the good ones.
    let odd = json!({"docs": [
        {"_id": "deal:broken", "type": "deal", "title": "X", "value": "abc"},
        {"_id": "gadget:1", "type": "gadget", "anything": true},
        {"_id": "account:huge", "type": "account", "name": "Huge", "notes": "x".repeat(300 * 1024)}
    ]});
    assert_eq!(
        server(Method::POST, &format!("/{db}/_bulk_docs"), Some(odd))
            .await
            .0,
        201
    );

    let opts = Options {
        batch_size: 50,
        max_batches: Some(1),
    };
    let first = pull(&store, &remote, &opts).await.unwrap();
    assert_eq!(
        (first.changes_read, first.revisions_written, first.batches),
        (50, 50, 1)
    );

    // Interrupted after one batch: the next run resumes instead of starting over.
    let rest = pull(
        &store,
        &remote,
        &Options {
            batch_size: 50,
            max_batches: None,
        },
    )
    .await
    .unwrap();
    assert_eq!(rest.changes_read, 73);
    assert_eq!(rest.revisions_written, 73);
    // A wrong shape, an unknown type and an oversized field: quarantined, kept with
    // their revisions, and out of every screen's reads.
    let mut quarantined: Vec<String> = store
        .quarantined()
        .await
        .unwrap()
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    quarantined.sort();
    assert_eq!(quarantined, ["account:huge", "deal:broken", "gadget:1"]);
    for id in &quarantined {
        assert!(
            store.entry(id).await.unwrap().is_some(),
            "{id} kept, not dropped"
        );
        assert!(store.get(id).await.unwrap().is_none(), "{id} is not shown");
    }
    let again = pull(&store, &remote, &Options::default()).await.unwrap();
    assert_eq!(again.changes_read, 0);

    let (counts, _) = store
        .stats(&[waypoint::domain::RecordType::Account])
        .await
        .unwrap();
    assert_eq!(counts, vec![120]);
    let doc = store.get("account:s007").await.unwrap().unwrap();
    assert_eq!(
        doc.body["x_server_field"], 7,
        "unknown server fields are kept"
    );
    let (_, server_doc) = server(Method::GET, &format!("/{db}/account:s007"), None).await;
    assert_eq!(
        doc.rev.unwrap().to_string(),
        server_doc["_rev"].as_str().unwrap()
    );
}

#[wasm_bindgen_test]
async fn push_sends_edits_and_tombstones_with_their_history() {
    let (store, remote, db) = fresh_pair("push").await;
    let docs: Vec<Doc> = (0..30)
        .map(|i| account(&format!("p{i:02}"), &format!("Khách {i}")))
        .collect();
    store.bulk_put(docs).await.unwrap();
    let mut d = store.get("account:p03").await.unwrap().unwrap();
    d.body.insert("city".into(), json!("Đà Lạt"));
    store.put(d).await.unwrap();
    let mut d = store.get("account:p03").await.unwrap().unwrap();
    d.body.insert("city".into(), json!("Vũng Tàu"));
    let edited = store.put(d).await.unwrap();
    let gone = store.get("account:p09").await.unwrap().unwrap();
    store
        .delete("account:p09", gone.rev.as_ref().unwrap(), now(), "lan")
        .await
        .unwrap();

    let report = push(
        &store,
        &remote,
        &Options {
            batch_size: 10,
            max_batches: None,
        },
    )
    .await
    .unwrap();
    assert_eq!(report.revisions_written, 30);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(report.batches, 3);

    let (_, info) = server(Method::GET, &format!("/{db}"), None).await;
    assert_eq!(info["doc_count"], 29);
    let (_, p03) = server(Method::GET, &format!("/{db}/account:p03?revs=true"), None).await;
    assert_eq!(p03["_rev"], edited.rev.to_string());
    assert_eq!(p03["city"], "Vũng Tàu");
    assert_eq!(
        p03["_revisions"]["ids"].as_array().unwrap().len(),
        3,
        "history travelled"
    );
    let (status, _) = server(Method::GET, &format!("/{db}/account:p09"), None).await;
    assert_eq!(status, 404, "the tombstone replicated");

    let again = push(&store, &remote, &Options::default()).await.unwrap();
    assert_eq!((again.changes_read, again.revisions_written), (0, 0));
}

#[wasm_bindgen_test]
async fn a_conflict_is_kept_both_sides_agree_and_the_resolution_replicates() {
    let (store, remote, db) = fresh_pair("conflict").await;
    let base = store.put(account("c1", "Gốc")).await.unwrap();
    push(&store, &remote, &Options::default()).await.unwrap();

    // Someone edits on the server…
    let (_, mut theirs) = server(Method::GET, &format!("/{db}/account:c1"), None).await;
    theirs["name"] = json!("Sửa trên máy chủ");
    let (status, _) = server(Method::PUT, &format!("/{db}/account:c1"), Some(theirs)).await;
    assert_eq!(status, 201);
    // …while we edit the same revision here.
    let mut mine = store.get("account:c1").await.unwrap().unwrap();
    assert_eq!(mine.rev, Some(base.rev.clone()));
    mine.body.insert("name".into(), json!("Sửa tại chỗ"));
    store.put(mine).await.unwrap();

    pull(&store, &remote, &Options::default()).await.unwrap();
    let entry = store.entry("account:c1").await.unwrap().unwrap();
    assert_eq!(entry.tree.leaves().len(), 2, "both branches are kept");
    assert_eq!(entry.conflicts().len(), 1);
    push(&store, &remote, &Options::default()).await.unwrap();

    // Both peers pick the same winner by the same rule.
    let (_, server_doc) = server(
        Method::GET,
        &format!("/{db}/account:c1?conflicts=true"),
        None,
    )
    .await;
    let local_winner = entry.winner().unwrap();
    assert_eq!(
        server_doc["_rev"],
        local_winner.rev.as_ref().unwrap().to_string()
    );
    let loser = &entry.conflicts()[0];
    assert_eq!(
        server_doc["_conflicts"],
        json!([loser.rev.as_ref().unwrap().to_string()])
    );

    let listed = store.conflicted().await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, "account:c1");

    // Resolve: take the loser's name, keep the rest of the winner; the resolution replicates.
    let mut picks = std::collections::BTreeMap::new();
    picks.insert("name".to_string(), loser.rev.clone().unwrap());
    store
        .resolve_conflict("account:c1", &picks, now(), "lan")
        .await
        .unwrap();
    assert!(store.conflicted().await.unwrap().is_empty());
    push(&store, &remote, &Options::default()).await.unwrap();
    let (_, resolved) = server(
        Method::GET,
        &format!("/{db}/account:c1?conflicts=true"),
        None,
    )
    .await;
    assert!(resolved.get("_conflicts").is_none(), "{resolved}");
    assert_eq!(resolved["name"], loser.body["name"]);
}

#[wasm_bindgen_test]
async fn a_missing_database_is_a_clear_http_error() {
    let remote = Remote::new(SERVER, &unique("absent"), Auth::None);
    let err = remote.info().await.unwrap_err();
    assert!(
        matches!(err, waypoint::sync::SyncError::Http { status: 404, .. }),
        "{err:?}"
    );
    assert!(!err.is_transient());
    let unreachable = Remote::new("http://127.0.0.1:9", "x", Auth::None);
    let err = unreachable.info().await.unwrap_err();
    assert!(
        matches!(err, waypoint::sync::SyncError::Network(_)),
        "{err:?}"
    );
    assert!(err.is_transient());
}

#[wasm_bindgen_test]
async fn live_sync_follows_the_server_and_sends_local_changes() {
    use std::cell::RefCell;
    use std::rc::Rc;
    use waypoint::sync::{LiveStatus, LiveSync};
    let (store, remote, db) = fresh_pair("live").await;
    let seen: Rc<RefCell<Vec<LiveStatus>>> = Rc::default();
    let sink = seen.clone();
    let live = LiveSync::start(store.clone(), remote, &db, move |s| {
        sink.borrow_mut().push(s)
    });
    eventually("the first round", 100, || {
        let seen = seen.clone();
        async move {
            seen.borrow()
                .iter()
                .any(|s| matches!(s, LiveStatus::Synced { .. }))
        }
    })
    .await;

    // A change made on the server arrives without anyone asking (longpoll).
    let (status, _) = server(
        Method::PUT,
        &format!("/{db}/account:remote1"),
        Some(json!({"type": "account", "name": "Từ máy chủ"})),
    )
    .await;
    assert_eq!(status, 201);
    eventually("the server's change to arrive", 100, || {
        let store = store.clone();
        async move { store.get("account:remote1").await.unwrap().is_some() }
    })
    .await;

    // A local change is sent once the runner is woken.
    store.put(account("local1", "Tại chỗ")).await.unwrap();
    live.wake();
    eventually("the local change to reach the server", 100, || {
        let db = db.clone();
        async move {
            server(Method::GET, &format!("/{db}/account:local1"), None)
                .await
                .0
                == 200
        }
    })
    .await;
    assert!(
        !seen
            .borrow()
            .iter()
            .any(|s| matches!(s, LiveStatus::Failed(_))),
        "{:?}",
        seen.borrow()
    );
    drop(live);
}
