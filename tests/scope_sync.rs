//! Offline scope against a real PouchDB Server: a device keeps one territory
//! (and everything that hangs on it), switches territory, lets go of what left it
//! only when the server holds every revision, and never drops an unsynced edit.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{server, unique, SERVER};
use gloo_net::http::Method;
use serde_json::{json, Value};
use std::collections::HashSet;
use wasm_bindgen_test::*;
use waypoint::domain::records::RecordType;
use waypoint::domain::sample::{self, SampleSize};
use waypoint::domain::scope::OfflineScope;
use waypoint::domain::{Doc, Timestamp};
use waypoint::store::Store;
use waypoint::sync::{set_offline_scope, sync_once, Auth, Options, Remote};

wasm_bindgen_test_configure!(run_in_browser);

const LAN: &str = "Nguyễn Thị Lan";
const LINKS: [&str; 4] = ["account_id", "contact_id", "deal_id", "subject_id"];

async fn fresh(name: &str) -> Store {
    Store::delete_database(name).await.unwrap();
    Store::open(name).await.unwrap()
}

fn text<'a>(d: &'a Doc, f: &str) -> &'a str {
    d.body.get(f).and_then(Value::as_str).unwrap_or("")
}

async fn ids(store: &Store, t: RecordType) -> HashSet<String> {
    store.ids_of_type(t).await.unwrap().into_iter().collect()
}

async fn docs(store: &Store, t: RecordType) -> Vec<Doc> {
    store.all_of_type(t).await.unwrap()
}

/// Checks that every touchpoint-like document held names something held.
async fn related_are_anchored(store: &Store) {
    let mut held = ids(store, RecordType::Account).await;
    held.extend(ids(store, RecordType::Contact).await);
    held.extend(ids(store, RecordType::Deal).await);
    for t in [
        RecordType::Activity,
        RecordType::StageTransition,
        RecordType::Ticket,
        RecordType::SurveyResponse,
    ] {
        for d in docs(store, t).await {
            assert!(
                LINKS.iter().any(|f| held.contains(text(&d, f))),
                "{} is held without anything it belongs to",
                d.id
            );
        }
    }
}

#[wasm_bindgen_test]
async fn a_device_keeps_its_territory_switches_it_and_never_drops_an_unsynced_edit() {
    let db = unique("scope");
    let remote = Remote::new(SERVER, &db, Auth::None);
    remote.create().await.unwrap();
    let now = Timestamp::parse("2026-11-20T08:00:00Z").unwrap();
    let office = fresh(&format!("{db}-office")).await;
    office
        .bulk_put(sample::generate(11, now, SampleSize::SMALL))
        .await
        .unwrap();
    let opts = Options::default();
    sync_once(&office, &remote, &opts).await.unwrap();
    // The server refuses contacts named "Từ chối" (a validation function).
    let guard = json!({"validate_doc_update":
        "function (d) { if (d.name === 'Từ chối') throw({forbidden: 'refused by the test'}); }"});
    let (status, _) = server(Method::PUT, &format!("/{db}/_design/guard"), Some(guard)).await;
    assert_eq!(status, 201);

    let all_accounts = docs(&office, RecordType::Account).await;
    let all_contacts = docs(&office, RecordType::Contact).await;
    let lans: HashSet<String> = all_accounts
        .iter()
        .filter(|a| text(a, "owner") == LAN)
        .map(|a| a.id.clone())
        .collect();
    assert!(!lans.is_empty() && lans.len() < all_accounts.len());

    // Lan's phone first holds everything, then only her territory.
    let phone = fresh(&format!("{db}-phone")).await;
    sync_once(&phone, &remote, &opts).await.unwrap();
    assert_eq!(
        ids(&phone, RecordType::Contact).await.len(),
        all_contacts.len()
    );
    set_offline_scope(
        &phone,
        &OfflineScope::Owner {
            owner: "nguyen thi lan".into(),
        },
    )
    .await
    .unwrap();
    let (pulled, _) = sync_once(&phone, &remote, &opts).await.unwrap();
    assert!(pulled.errors.is_empty(), "{:?}", pulled.errors);
    assert!(pulled.evicted > 0, "others' records left the device");
    assert_eq!(ids(&phone, RecordType::Account).await, lans);
    // Every contact of her accounts is here, and every contact here is at one
    // of them or hers.
    let phone_contacts = docs(&phone, RecordType::Contact).await;
    let held: HashSet<&str> = phone_contacts.iter().map(|c| c.id.as_str()).collect();
    for c in &all_contacts {
        if lans.contains(text(c, "account_id")) {
            assert!(held.contains(c.id.as_str()), "{} missing", c.id);
        }
    }
    for c in &phone_contacts {
        assert!(lans.contains(text(c, "account_id")) || text(c, "owner") == LAN);
    }
    related_are_anchored(&phone).await;
    // Every deal of hers, at her accounts, or with one of her contacts is here.
    let phone_deals = ids(&phone, RecordType::Deal).await;
    for d in docs(&office, RecordType::Deal).await {
        if text(&d, "owner") == LAN
            || lans.contains(text(&d, "account_id"))
            || held.contains(text(&d, "contact_id"))
        {
            assert!(phone_deals.contains(&d.id), "{} missing", d.id);
        }
    }
    assert_eq!(
        phone.count_of_type(RecordType::Pipeline).await.unwrap(),
        office.count_of_type(RecordType::Pipeline).await.unwrap(),
        "workspace-wide documents are always kept"
    );
    assert!(phone.get("settings:workspace").await.unwrap().is_some());

    // Two edits of Lan's contacts: one the server will refuse.
    let mut mine: Vec<Doc> = phone_contacts
        .into_iter()
        .filter(|c| lans.contains(text(c, "account_id")))
        .take(2)
        .collect();
    let mut refused = mine.pop().unwrap();
    refused.body.insert("name".into(), json!("Từ chối"));
    phone.put(refused.clone()).await.unwrap();
    let mut fine = mine.pop().unwrap();
    fine.body.insert("name".into(), json!("Đã gặp tại kho"));
    phone.put(fine.clone()).await.unwrap();

    // She takes over one account of someone else's instead.
    let other = all_accounts
        .iter()
        .find(|a| !lans.contains(&a.id))
        .unwrap()
        .id
        .clone();
    set_offline_scope(
        &phone,
        &OfflineScope::Accounts {
            ids: vec![other.clone()],
        },
    )
    .await
    .unwrap();
    let (pulled, pushed) = sync_once(&phone, &remote, &opts).await.unwrap();
    // The server refused one edit; PouchDB Server (unlike CouchDB) then also
    // drops updates it was sent with a validation function in place, and says
    // nothing: both are reported, and neither may leave the device.
    let failed: HashSet<&str> = pushed
        .errors
        .iter()
        .chain(&pushed.refused)
        .map(|e| e.id.as_str())
        .collect();
    assert!(
        pushed.refused.iter().any(|e| e.id == refused.id),
        "{:?}",
        pushed.refused
    );
    assert!(pulled.evicted > 0);
    assert!(
        pulled.out_of_scope > 0,
        "others' records were read and left on the server"
    );
    assert_eq!(
        ids(&phone, RecordType::Account).await,
        HashSet::from([other.clone()]),
        "the new territory arrived, the old one left"
    );
    // Its contacts came back through the phased pull, whatever order the feed had.
    for c in all_contacts
        .iter()
        .filter(|c| text(c, "account_id") == other)
    {
        assert!(
            phone.get(&c.id).await.unwrap().is_some(),
            "{} of the new account",
            c.id
        );
    }
    let mut lacking = Vec::new();
    for edit in [&refused, &fine] {
        let (_, on_server) = server(Method::GET, &format!("/{db}/{}", edit.id), None).await;
        let here = phone.get(&edit.id).await.unwrap();
        if on_server["name"] == text(edit, "name") {
            assert!(
                here.is_none(),
                "{} is on the server and out of scope",
                edit.id
            );
        } else {
            let here = here.unwrap_or_else(|| panic!("{} lost", edit.id));
            assert_eq!(text(&here, "name"), text(edit, "name"), "kept as typed");
            assert!(
                failed.contains(edit.id.as_str()),
                "{} not stored and not reported",
                edit.id
            );
            lacking.push(edit.id.clone());
        }
    }
    assert!(lacking.contains(&refused.id));
    // A revision the server answered for without storing is offered again next
    // round (the push checkpoint did not move past it).
    let (_, again) = sync_once(&phone, &remote, &opts).await.unwrap();
    if lacking.contains(&fine.id) {
        assert!(
            again.errors.iter().any(|e| e.id == fine.id),
            "{:?}",
            again.errors
        );
    }
    // The whole workspace again: everything comes back, though this device's
    // first full pull had long reached the end of the feed.
    set_offline_scope(&phone, &OfflineScope::All).await.unwrap();
    sync_once(&phone, &remote, &opts).await.unwrap();
    assert_eq!(
        ids(&phone, RecordType::Contact).await.len(),
        all_contacts.len()
    );
}
