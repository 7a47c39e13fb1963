//! A visit's photo replicates with its touchpoint, against a real PouchDB Server:
//! pushed inline, fetched on pull, checked against CouchDB's digest, and never
//! stored cut short through a faulty network (`tests/faulty_proxy.py`).
#![cfg(target_arch = "wasm32")]

mod common;

use common::{server, unique, PROXY, SERVER};
use gloo_net::http::{Method, RequestBuilder};
use serde_json::{json, Value};
use wasm_bindgen_test::*;
use waypoint::domain::attachment::{self, PHOTO};
use waypoint::domain::records::{Activity, ActivityKind, Channel};
use waypoint::domain::{Doc, Timestamp};
use waypoint::store::blob::{blob_of, bytes_of};
use waypoint::store::Store;
use waypoint::sync::{pull, push, Auth, Options, Remote};

wasm_bindgen_test_configure!(run_in_browser);

async fn fresh_store(name: &str) -> Store {
    Store::delete_database(name).await.unwrap();
    Store::open(name).await.unwrap()
}

/// Bytes that are not valid UTF-8 and differ per `seed` (a photo's worth).
fn photo_bytes(seed: u8, len: usize) -> Vec<u8> {
    (0..len)
        .map(|i| (i as u32 * 31 + seed as u32 * 7) as u8 ^ 0x9f)
        .collect()
}

fn visit(notes: &str) -> Activity {
    Activity {
        kind: ActivityKind::FieldVisit,
        channel: Channel::Field,
        journey_stage: "purchase".into(),
        occurred_at: Timestamp::parse("2026-11-20T03:00:00Z").unwrap(),
        emotion: 1,
        notes: notes.into(),
        author: "lan".into(),
        contact_id: Some("contact:c1".into()),
        account_id: Some("account:a1".into()),
        deal_id: None,
        reason: String::new(),
        location: None,
        extra: Default::default(),
    }
}

async fn raw_bytes(path: &str) -> (u16, Vec<u8>) {
    let resp = RequestBuilder::new(&format!("{SERVER}{path}"))
        .method(Method::GET)
        .send()
        .await
        .unwrap();
    (resp.status(), resp.binary().await.unwrap())
}

#[wasm_bindgen_test]
async fn a_visit_photo_travels_with_its_touchpoint_both_ways() {
    let db = unique("photos");
    let remote = Remote::new(SERVER, &db, Auth::None);
    remote.create().await.unwrap();
    let rep = fresh_store(&format!("{db}-rep")).await;
    let bytes = photo_bytes(1, 150_000);
    let digest = attachment::digest(&bytes);
    let mut a = visit("Gặp chị Hoa tại kho");
    a.extra.insert(
        "_attachments".into(),
        attachment::stubs(PHOTO, "image/jpeg", &bytes),
    );
    let doc = Doc::new("v1", &a, Timestamp(0), "lan").unwrap();
    let blob = blob_of(&bytes, "image/jpeg").unwrap();
    rep.bulk_put_with_blobs(vec![doc], &[(digest.clone(), blob)])
        .await
        .unwrap();

    let pushed = push(&rep, &remote, &Options::default()).await.unwrap();
    assert!(pushed.errors.is_empty(), "{:?}", pushed.errors);
    let (status, on_server) = server(Method::GET, &format!("/{db}/activity:v1"), None).await;
    assert_eq!(status, 200);
    let stub = &on_server["_attachments"][PHOTO];
    assert_eq!(
        stub["digest"],
        json!(digest),
        "the server names it as we do"
    );
    assert_eq!(stub["length"], json!(bytes.len()));
    assert_eq!(stub["content_type"], "image/jpeg");
    let (status, served) = raw_bytes(&format!("/{db}/activity:v1/{PHOTO}")).await;
    assert_eq!((status, served == bytes), (200, true));

    // A second device pulls the touchpoint and gets the photo with it.
    let office = fresh_store(&format!("{db}-office")).await;
    let pulled = pull(&office, &remote, &Options::default()).await.unwrap();
    assert!(pulled.errors.is_empty(), "{:?}", pulled.errors);
    let got = office.blob(&digest).await.unwrap().expect("photo pulled");
    assert_eq!(bytes_of(&got).await.unwrap(), bytes);
    assert_eq!(got.type_(), "image/jpeg");

    // That device edits the notes; the new revision keeps the photo everywhere.
    let mut doc = office.get("activity:v1").await.unwrap().unwrap();
    let mut edited: Activity = doc.record().unwrap();
    edited.notes = "Gặp chị Hoa tại kho — đã ký".into();
    doc.set_record(&edited, Timestamp(1), "minh").unwrap();
    office.put(doc).await.unwrap();
    let pushed = push(&office, &remote, &Options::default()).await.unwrap();
    assert!(pushed.errors.is_empty(), "{:?}", pushed.errors);
    let (_, on_server) = server(Method::GET, &format!("/{db}/activity:v1"), None).await;
    assert!(on_server["_rev"].as_str().unwrap().starts_with("2-"));
    assert_eq!(on_server["_attachments"][PHOTO]["digest"], json!(digest));
    let back = pull(&rep, &remote, &Options::default()).await.unwrap();
    assert_eq!((back.revisions_written, back.errors.len()), (1, 0));
    let mine = rep.get("activity:v1").await.unwrap().unwrap();
    assert_eq!(
        attachment::refs(&mine.id, &mine.body)[0].digest,
        digest,
        "the stub survives the round trip"
    );
}

#[wasm_bindgen_test]
async fn photos_from_another_client_arrive_whole_through_a_faulty_network() {
    let db = unique("photos-faulty");
    let (status, _) = server(Method::PUT, &format!("/{db}"), None).await;
    assert_eq!(status, 201);
    // Another client (any CouchDB app) attaches photos inline, the usual way.
    let photos: Vec<Vec<u8>> = (0..6u8)
        .map(|i| photo_bytes(i, 60_000 + i as usize))
        .collect();
    let docs: Vec<Value> = photos
        .iter()
        .enumerate()
        .map(|(i, b)| {
            json!({"_id": format!("activity:p{i}"), "type": "activity", "schema": 1,
                "kind": "field_visit", "channel": "field", "journey_stage": "purchase",
                "occurred_at": "2026-11-20T03:00:00.000Z", "author": "partner",
                "_attachments": {PHOTO: {"content_type": "image/jpeg", "data": attachment::base64(b)}}})
        })
        .collect();
    let (status, _) = server(
        Method::POST,
        &format!("/{db}/_bulk_docs"),
        Some(json!({"docs": docs})),
    )
    .await;
    assert_eq!(status, 201);

    let store = fresh_store(&format!("{db}-rep")).await;
    let remote = Remote::new(PROXY, &db, Auth::None);
    let opts = Options {
        batch_size: 2,
        max_batches: None,
    };
    let mut settled = false;
    for _ in 0..200 {
        if let Ok(r) = pull(&store, &remote, &opts).await {
            if r.errors.is_empty() && r.revisions_written == 0 {
                settled = true;
                break;
            }
        }
    }
    assert!(settled, "the pull never settled through the faulty proxy");
    for (i, b) in photos.iter().enumerate() {
        let blob = store
            .blob(&attachment::digest(b))
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("photo {i} missing"));
        assert_eq!(bytes_of(&blob).await.unwrap(), *b, "photo {i} stored whole");
    }
}
