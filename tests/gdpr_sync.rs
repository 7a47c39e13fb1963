//! Erasure and sync against a real PouchDB Server: an erased contact reaches the
//! server and another device, and an edit that device made offline to the old
//! revision does not bring the personal data back (the erasure rule settles the
//! conflict after the pull).
#![cfg(target_arch = "wasm32")]

mod common;

use common::{server, unique, SERVER};
use gloo_net::http::Method;
use wasm_bindgen_test::*;
use waypoint::domain::gdpr::{erase_doc, ERASED_AT};
use waypoint::domain::records::Contact;
use waypoint::domain::{Doc, Timestamp};
use waypoint::store::Store;
use waypoint::sync::{sync_once, Auth, Options, Remote};

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> Timestamp {
    Timestamp::parse("2026-11-26T09:00:00Z").unwrap()
}

async fn device(name: &str) -> Store {
    let db = unique(name);
    Store::delete_database(&db).await.unwrap();
    Store::open(&db).await.unwrap()
}

fn contact() -> Doc {
    let c = Contact {
        name: "Nguyễn Thị Mai".into(),
        account_id: None,
        email: "mai@example.vn".into(),
        phone: "0901000001".into(),
        title: "Kế toán trưởng".into(),
        role: "finance".into(),
        persona_id: None,
        consents: vec![],
        owner: "lan".into(),
        source: None,
        last_source: None,
        extra: Default::default(),
    };
    Doc::new("mai", &c, now(), "lan").unwrap()
}

async fn raw_entry(store: &Store, id: &str) -> String {
    let e = store.entry(id).await.unwrap().unwrap();
    serde_json::to_string(&e.leaves).unwrap()
}

#[wasm_bindgen_test]
async fn an_offline_edit_of_the_old_revision_cannot_undo_an_erasure() {
    let db = unique("erasure");
    let remote = Remote::new(SERVER, &db, Auth::None);
    remote.create().await.unwrap();
    let opts = Options::default();
    let a = device("erasure-a").await;
    let b = device("erasure-b").await;
    a.put(contact()).await.unwrap();
    sync_once(&a, &remote, &opts).await.unwrap();
    sync_once(&b, &remote, &opts).await.unwrap();

    // Device B, offline, edits the phone of the revision it has.
    let mut edited = b.get("contact:mai").await.unwrap().unwrap();
    edited.body.insert("phone".into(), "0912345678".into());
    b.put(edited).await.unwrap();

    // Device A erases the person and syncs.
    let current = a.get("contact:mai").await.unwrap().unwrap();
    a.put(erase_doc(&current, "contact:mai", now(), "lan").unwrap())
        .await
        .unwrap();
    sync_once(&a, &remote, &opts).await.unwrap();
    let (_, on_server) = server(Method::GET, &format!("/{db}/contact:mai"), None).await;
    assert!(
        on_server.get(ERASED_AT).is_some() && on_server.get("email").is_none(),
        "{on_server}"
    );

    // B comes back online: the pull makes a conflict, the rule keeps the erasure.
    sync_once(&b, &remote, &opts).await.unwrap();
    let winner = b.get("contact:mai").await.unwrap().unwrap();
    assert!(winner.body.contains_key(ERASED_AT), "{:?}", winner.body);
    let entry = b.entry("contact:mai").await.unwrap().unwrap();
    assert!(
        entry.conflicts().is_empty(),
        "the offline edit is tombstoned"
    );
    let leaves = raw_entry(&b, "contact:mai").await;
    for personal in [
        "Nguyễn Thị Mai",
        "mai@example.vn",
        "0901000001",
        "0912345678",
        "Kế toán",
    ] {
        assert!(
            !leaves.contains(personal),
            "{personal} is still stored on device B: {leaves}"
        );
    }

    // The resolution reaches the server and device A: one live, erased revision everywhere.
    let (_, server_doc) = server(
        Method::GET,
        &format!("/{db}/contact:mai?conflicts=true"),
        None,
    )
    .await;
    assert!(server_doc.get("_conflicts").is_none(), "{server_doc}");
    assert!(server_doc.get(ERASED_AT).is_some());
    sync_once(&a, &remote, &opts).await.unwrap();
    let on_a = a.entry("contact:mai").await.unwrap().unwrap();
    assert!(on_a.conflicts().is_empty());
    assert!(on_a.winner().unwrap().body.contains_key(ERASED_AT));
    assert!(!raw_entry(&a, "contact:mai").await.contains("0912345678"));
}
