//! Sync against CouchDB 3.x behaviour: the double of `tests/couch3_double.py` in
//! front of PouchDB Server (opaque string sequences, `seq_interval` rows with a
//! `null` seq, strict `_changes` parameters, CouchDB's `_bulk_get` answer, 413
//! `document_too_large`, authentication). See docs/testing.md.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{
    couch3, couch3_config, couch3_requests, eventually, sleep, unique, COUCH3, COUCH3_ADMIN,
    COUCH3_PASSWORD,
};
use gloo_net::http::Method;
use serde_json::{json, Value};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen_test::*;
use waypoint::actions::{self, Actor};
use waypoint::domain::records::{Account, WorkspaceSettings};
use waypoint::domain::{Doc, Timestamp};
use waypoint::store::Store;
use waypoint::sync::{
    held_state, pending_changes, push, sync_once, Auth, LiveStatus, LiveSync, Options, Remote,
};

wasm_bindgen_test_configure!(run_in_browser);

fn admin() -> Auth {
    Auth::Basic {
        user: COUCH3_ADMIN.into(),
        password: COUCH3_PASSWORD.into(),
    }
}

/// A fresh local store named `name`-…, and a new database of the same name on the double.
async fn fresh_pair(name: &str) -> (Store, Remote, String) {
    let db = unique(name);
    Store::delete_database(&db).await.unwrap();
    let store = Store::open(&db).await.unwrap();
    let remote = Remote::new(COUCH3, &db, admin());
    remote.create().await.unwrap();
    (store, remote, db)
}

fn now() -> Timestamp {
    Timestamp::parse("2026-12-07T09:00:00Z").unwrap()
}

fn account(local: &str, name: &str, notes_bytes: usize) -> Doc {
    let mut extra = serde_json::Map::new();
    if notes_bytes > 0 {
        extra.insert("notes".into(), Value::String("n".repeat(notes_bytes)));
    }
    let a = Account {
        name: name.into(),
        industry: String::new(),
        segment: "SMB".into(),
        city: "Đà Nẵng".into(),
        region: String::new(),
        owner: "lan".into(),
        source: String::new(),
        extra,
    };
    Doc::new(local, &a, now(), "lan").unwrap()
}

async fn on_server(db: &str, id: &str) -> Option<Value> {
    let (status, body) = couch3(Method::GET, &format!("/{db}/{id}?conflicts=true"), None).await;
    (status == 200).then_some(body)
}

#[wasm_bindgen_test]
async fn an_idle_live_sync_longpolls_instead_of_polling() {
    let (store, remote, db) = fresh_pair("c3-idle").await;
    store.put(account("a1", "Hải Vân", 0)).await.unwrap();
    let seen: Rc<RefCell<Vec<LiveStatus>>> = Rc::default();
    let sink = seen.clone();
    let live = LiveSync::start(store.clone(), remote, &db, move |s| {
        sink.borrow_mut().push(s)
    });
    eventually("the first round", 300, || {
        let seen = seen.clone();
        async move {
            seen.borrow()
                .iter()
                .any(|s| matches!(s, LiveStatus::Synced { .. }))
        }
    })
    .await;
    assert!(on_server(&db, "account:a1").await.is_some());
    sleep(500).await;
    couch3(Method::DELETE, "/_double/requests", None).await;
    sleep(60_000).await;
    let (count, paths) = couch3_requests(&db).await;
    assert!(
        count <= 3,
        "{count} requests in a minute of idling: {paths}"
    );
    // Each of them a longpoll CouchDB 3 accepts (no heartbeat=false, which it refuses).
    for p in paths.as_array().unwrap() {
        let p = p.as_str().unwrap();
        assert!(
            p.contains("feed=longpoll") && !p.contains("heartbeat"),
            "{p}"
        );
    }
    let statuses = seen.borrow().clone();
    assert!(
        !statuses
            .iter()
            .any(|s| matches!(s, LiveStatus::Failed(_) | LiveStatus::Retrying { .. })),
        "{statuses:?}"
    );
    // And it still follows the server.
    couch3(
        Method::PUT,
        &format!("/{db}/account:remote1"),
        Some(json!({"type": "account", "name": "Từ máy chủ"})),
    )
    .await;
    eventually("the server's change", 300, || {
        let store = store.clone();
        async move { store.get("account:remote1").await.unwrap().is_some() }
    })
    .await;
    drop(live);
}

#[wasm_bindgen_test]
async fn refused_credentials_stop_live_sync_with_the_reason_and_no_more_requests() {
    let (store, _, db) = fresh_pair("c3-refused").await;
    let wrong = Remote::new(
        COUCH3,
        &db,
        Auth::Basic {
            user: COUCH3_ADMIN.into(),
            password: "not-the-password".into(),
        },
    );
    let seen: Rc<RefCell<Vec<LiveStatus>>> = Rc::default();
    let sink = seen.clone();
    let live = LiveSync::start(store.clone(), wrong, &db, move |s| {
        sink.borrow_mut().push(s)
    });
    eventually("the failure", 300, || {
        let seen = seen.clone();
        async move {
            seen.borrow()
                .iter()
                .any(|s| matches!(s, LiveStatus::Failed(_)))
        }
    })
    .await;
    let failed = seen.borrow().last().cloned();
    assert!(
        matches!(&failed, Some(LiveStatus::Failed(e)) if e.to_string().contains("401")),
        "{failed:?}"
    );
    couch3(Method::DELETE, "/_double/requests", None).await;
    // A local change does not start it again: retrying cannot fix refused credentials.
    store.put(account("a1", "Sơn Trà", 0)).await.unwrap();
    live.wake();
    sleep(3_000).await;
    assert_eq!(couch3_requests(&db).await.0, 0);
    drop(live);
}

#[wasm_bindgen_test]
async fn a_document_over_the_servers_limit_is_held_back_and_everything_else_arrives() {
    let (store, remote, db) = fresh_pair("c3-large").await;
    couch3_config("couchdb", "max_document_size", "4000").await;
    for i in 0..6 {
        store
            .put(account(&format!("s{i}"), &format!("Nhỏ {i}"), 0))
            .await
            .unwrap();
    }
    store.put(account("big", "Hồ sơ dày", 6_000)).await.unwrap();
    for i in 6..12 {
        store
            .put(account(&format!("s{i}"), &format!("Nhỏ {i}"), 0))
            .await
            .unwrap();
    }
    let opts = Options::default();
    let first = push(&store, &remote, &opts).await.unwrap();
    assert_eq!(first.held.len(), 1, "{first:?}");
    let held = &first.held[0];
    assert_eq!(held.id, "account:big");
    assert!(held.bytes > 6_000 && held.bytes < 6_400, "{held:?}");
    assert_eq!(
        held.limit,
        Some(4000),
        "an admin may read the server's limit"
    );
    for i in 0..12 {
        assert!(
            on_server(&db, &format!("account:s{i}")).await.is_some(),
            "s{i}"
        );
    }
    assert!(on_server(&db, "account:big").await.is_none());
    // Named for the sync settings, and counted as the one change waiting.
    let state = held_state(&store).await.unwrap().unwrap();
    assert_eq!(state.held, first.held);
    assert_eq!(pending_changes(&store, &remote).await.unwrap(), 1);

    // A later edit arrives although the checkpoint stays before the held document.
    let mut edited = store.get("account:s3").await.unwrap().unwrap();
    edited.body["name"] = json!("Nhỏ 3, đã sửa");
    store.put(edited).await.unwrap();
    let second = push(&store, &remote, &opts).await.unwrap();
    assert_eq!(second.held.len(), 1, "offered again, refused again");
    assert_eq!(
        on_server(&db, "account:s3").await.unwrap()["name"],
        json!("Nhỏ 3, đã sửa")
    );
    assert_eq!(pending_changes(&store, &remote).await.unwrap(), 1);
    // Nothing was lost here.
    let local = store.get("account:big").await.unwrap().unwrap();
    assert_eq!(local.body["notes"].as_str().unwrap().len(), 6_000);

    // Once the server takes it, it arrives and nothing waits any more.
    couch3_config("couchdb", "max_document_size", "8000000").await;
    let third = push(&store, &remote, &opts).await.unwrap();
    assert!(third.held.is_empty(), "{third:?}");
    let big = on_server(&db, "account:big")
        .await
        .expect("the held document arrived");
    assert_eq!(big["notes"].as_str().unwrap().len(), 6_000);
    assert!(held_state(&store).await.unwrap().unwrap().held.is_empty());
    assert_eq!(pending_changes(&store, &remote).await.unwrap(), 0);
}

#[wasm_bindgen_test]
async fn a_second_device_joins_an_existing_workspace_without_conflicts() {
    // The first device: its settings (changed twice) and records, on the server.
    let (first, remote, db) = fresh_pair("c3-join-a").await;
    let actor = Actor::new(first.clone(), "lan");
    let mut settings = WorkspaceSettings::default();
    actions::settings::save(&actor, &settings).await.unwrap();
    settings.locale = "en".into();
    actions::settings::save(&actor, &settings).await.unwrap();
    first.put(account("a1", "Mỹ Khê", 0)).await.unwrap();
    sync_once(&first, &remote, &Options::default())
        .await
        .unwrap();

    // A new browser opens the app and switches its language before it ever syncs.
    let second_name = unique("c3-join-b");
    Store::delete_database(&second_name).await.unwrap();
    let second = Store::open(&second_name).await.unwrap();
    actions::settings::set_device_language(&second, "vi")
        .await
        .unwrap();
    assert_eq!(actions::settings::load(&second).await.unwrap(), None);
    let (pulled, _) = sync_once(&second, &remote, &Options::default())
        .await
        .unwrap();
    assert!(pulled.revisions_written >= 2, "{pulled:?}");

    assert!(second.conflicted().await.unwrap().is_empty());
    assert_eq!(
        actions::settings::load(&second).await.unwrap(),
        Some(settings)
    );
    assert_eq!(
        actions::settings::device_language(&second).await.unwrap(),
        Some("vi".into())
    );
    let on = on_server(&db, "settings:workspace").await.unwrap();
    assert!(on.get("_conflicts").is_none(), "{on}");
    assert!(on["_rev"].as_str().unwrap().starts_with("2-"), "{on}");
}

/// The user `name` signed in with Basic on database `db` of the double.
fn as_user(db: &str, name: &str, password: &str) -> Remote {
    Remote::new(
        COUCH3,
        db,
        Auth::Basic {
            user: name.into(),
            password: password.into(),
        },
    )
}

/// The roles the double gives `name` when they sign in with `password`.
async fn roles_of(name: &str, password: &str) -> Option<Value> {
    let auth = waypoint::domain::replication::basic_auth(name, password);
    let resp = gloo_net::http::Request::get(&format!("{COUCH3}/_session"))
        .header("Authorization", &auth)
        .send()
        .await
        .unwrap();
    let v: Value = resp.json().await.ok()?;
    v["userCtx"]["name"]
        .as_str()
        .is_some()
        .then(|| v["userCtx"]["roles"].clone())
}

#[wasm_bindgen_test]
async fn an_admin_installs_the_rules_and_invites_members_with_roles() {
    use waypoint::domain::team::{Role, RulesState};
    use waypoint::sync::{check_rules, install_rules, invite, Invited};
    let (_, remote, db) = fresh_pair("c3-team").await;
    assert_eq!(check_rules(&remote).await.unwrap(), RulesState::Missing);
    install_rules(&remote).await.unwrap();
    assert_eq!(check_rules(&remote).await.unwrap(), RulesState::Current);
    let (_, security) = couch3(Method::GET, &format!("/{db}/_security"), None).await;
    assert_eq!(security["admins"]["roles"], json!(["waypoint-admin"]));
    // Installing again updates the design document in place (its _rev is sent).
    install_rules(&remote).await.unwrap();
    let (_, design) = couch3(Method::GET, &format!("/{db}/_design/waypoint"), None).await;
    assert!(
        design["_rev"].as_str().unwrap().starts_with("2-"),
        "{design}"
    );

    let lan = unique("lan");
    assert_eq!(
        invite(&remote, &lan, "", &Role::Sales).await.unwrap(),
        Invited::NeedsPassword
    );
    assert_eq!(roles_of(&lan, "").await, None, "nobody was created");
    assert_eq!(
        invite(&remote, &lan, "Mật khẩu 1", &Role::Sales)
            .await
            .unwrap(),
        Invited::Created
    );
    assert_eq!(
        roles_of(&lan, "Mật khẩu 1").await,
        Some(json!(["waypoint-sales"]))
    );
    // Invited again: the Waypoint role is replaced, the password kept.
    let acme = Role::partner("acme").unwrap();
    assert_eq!(
        invite(&remote, &lan, "", &acme).await.unwrap(),
        Invited::RoleGiven
    );
    assert_eq!(
        roles_of(&lan, "Mật khẩu 1").await,
        Some(json!(["waypoint-partner-acme"]))
    );
    // A sales member reads the rules but may neither change them nor invite.
    invite(&remote, &lan, "", &Role::Sales).await.unwrap();
    let member = as_user(&db, &lan, "Mật khẩu 1");
    assert_eq!(check_rules(&member).await.unwrap(), RulesState::Current);
    assert!(install_rules(&member).await.is_err());
    assert!(invite(&member, "someone", "x", &Role::Sales).await.is_err());
    // The workspace's admin administers the database (its `_security` says so),
    // but only a server admin creates users.
    invite(&remote, &lan, "", &Role::Admin).await.unwrap();
    install_rules(&member).await.unwrap();
    assert!(invite(&member, "someone", "x", &Role::Sales).await.is_err());
}

#[wasm_bindgen_test]
async fn a_write_the_server_refuses_stays_here_with_its_reason_and_is_not_sent_again() {
    use waypoint::domain::team::Role;
    use waypoint::sync::{install_rules, invite};
    let (store, admin_remote, db) = fresh_pair("c3-refused-write").await;
    install_rules(&admin_remote).await.unwrap();
    let lan = unique("lan");
    invite(&admin_remote, &lan, "pw-lan", &Role::Sales)
        .await
        .unwrap();
    let remote = as_user(&db, &lan, "pw-lan");
    let actor = Actor::new(store.clone(), lan.clone());
    // Her own account, one claiming to be written by someone else, and a
    // settings change, which only admins may make.
    let mine = Doc::new("mine", &account_record("Của Lan"), now(), &lan).unwrap();
    store.put(mine).await.unwrap();
    let forged = Doc::new("forged", &account_record("Giả mạo"), now(), "sep").unwrap();
    store.put(forged).await.unwrap();
    actions::settings::save(&actor, &WorkspaceSettings::default())
        .await
        .unwrap();

    let first = push(&store, &remote, &Options::default()).await.unwrap();
    let refused: Vec<&str> = first.refused.iter().map(|r| r.id.as_str()).collect();
    assert!(
        refused.contains(&"account:forged") && refused.contains(&"settings:workspace"),
        "{first:?}"
    );
    assert_eq!(refused.len(), 2, "{first:?}");
    assert!(
        first
            .refused
            .iter()
            .all(|r| r.reason.starts_with("forbidden: ")),
        "{first:?}"
    );
    assert!(on_server(&db, "account:mine").await.is_some());
    assert!(on_server(&db, "account:forged").await.is_none());
    let state = held_state(&store).await.unwrap().unwrap();
    assert_eq!(state.refused.len(), 2);
    // Kept here as written.
    assert_eq!(
        store.get("account:forged").await.unwrap().unwrap().body["updated_by"],
        json!("sep")
    );

    // Not offered again: retrying cannot change the answer.
    couch3(Method::DELETE, "/_double/requests", None).await;
    let second = push(&store, &remote, &Options::default()).await.unwrap();
    assert!(second.refused.is_empty(), "{second:?}");
    let (_, paths) = couch3_requests(&db).await;
    assert!(
        !paths.to_string().contains("_bulk_docs"),
        "nothing uploaded: {paths}"
    );
    assert_eq!(held_state(&store).await.unwrap().unwrap().refused.len(), 2);

    // Edited by her, as herself: accepted, and no longer listed.
    let mut fixed = store.get("account:forged").await.unwrap().unwrap();
    fixed
        .set_record(&account_record("Của Lan 2"), now(), &lan)
        .unwrap();
    store.put(fixed).await.unwrap();
    push(&store, &remote, &Options::default()).await.unwrap();
    assert!(on_server(&db, "account:forged").await.is_some());
    let after = held_state(&store).await.unwrap().unwrap();
    let still: Vec<&str> = after.refused.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(still, vec!["settings:workspace"]);
}

#[wasm_bindgen_test]
async fn a_refused_change_is_discarded_back_to_the_servers_version() {
    use waypoint::domain::replication::leaf_revs;
    use waypoint::domain::team::Role;
    use waypoint::sync::{discard_refused, install_rules, invite};
    let (store, admin_remote, db) = fresh_pair("c3-discard").await;
    install_rules(&admin_remote).await.unwrap();
    let lan = unique("lan");
    invite(&admin_remote, &lan, "pw-lan", &Role::Sales)
        .await
        .unwrap();
    let remote = as_user(&db, &lan, "pw-lan");
    // Her account reaches the server; then an edit signed as someone else and
    // a new record signed as someone else are refused.
    let mine = Doc::new("mine", &account_record("Của Lan"), now(), &lan).unwrap();
    store.put(mine).await.unwrap();
    push(&store, &remote, &Options::default()).await.unwrap();
    let mut edited = store.get("account:mine").await.unwrap().unwrap();
    edited
        .set_record(&account_record("Sửa giả mạo"), now(), "sep")
        .unwrap();
    store.put(edited).await.unwrap();
    let forged = Doc::new("new-forged", &account_record("Mới, giả mạo"), now(), "sep").unwrap();
    store.put(forged).await.unwrap();
    let report = push(&store, &remote, &Options::default()).await.unwrap();
    assert_eq!(report.refused.len(), 2, "{report:?}");

    // What the person saw before the refused edit is stale now: asked with
    // it, nothing is discarded.
    let refused_leaves = leaf_revs(&store.entry("account:mine").await.unwrap().unwrap());
    let server = remote.leaves_of("account:mine").await.unwrap();
    assert_eq!(server.len(), 1);
    let seen_before = vec![server[0].history[0].clone()];
    assert!(matches!(
        discard_refused(&store, &remote, "account:mine", &seen_before, &[]).await,
        Err(waypoint::sync::SyncError::Store(
            waypoint::store::StoreError::Write(waypoint::domain::WriteError::Conflict(_))
        ))
    ));
    assert_eq!(
        store.get("account:mine").await.unwrap().unwrap().body["name"],
        json!("Sửa giả mạo")
    );

    // Discarded: back to the server's version, and off the refused list.
    discard_refused(&store, &remote, "account:mine", &refused_leaves, &[])
        .await
        .unwrap();
    let back = store.get("account:mine").await.unwrap().unwrap();
    assert_eq!(back.body["name"], json!("Của Lan"));
    assert_eq!(
        back.rev.as_ref().map(ToString::to_string),
        on_server(&db, "account:mine").await.unwrap()["_rev"]
            .as_str()
            .map(str::to_string)
    );
    assert!(!store
        .entry("account:mine")
        .await
        .unwrap()
        .unwrap()
        .tree
        .contains(&refused_leaves[0]));
    // The record the server never had leaves this device.
    let created = leaf_revs(&store.entry("account:new-forged").await.unwrap().unwrap());
    discard_refused(&store, &remote, "account:new-forged", &created, &[])
        .await
        .unwrap();
    assert!(store.get("account:new-forged").await.unwrap().is_none());
    assert!(held_state(&store)
        .await
        .unwrap()
        .unwrap()
        .refused
        .is_empty());
    // The next push sends nothing (the server holds that version), and then
    // nothing waits.
    let next = push(&store, &remote, &Options::default()).await.unwrap();
    assert!(
        next.refused.is_empty() && next.revisions_written == 0,
        "{next:?}"
    );
    assert_eq!(pending_changes(&store, &remote).await.unwrap(), 0);
}

fn account_record(name: &str) -> Account {
    Account {
        name: name.into(),
        industry: String::new(),
        segment: "SMB".into(),
        city: "Huế".into(),
        region: String::new(),
        owner: "lan".into(),
        source: String::new(),
        extra: Default::default(),
    }
}

fn deal_of(local: &str, title: &str, account: &str, by: &str) -> Doc {
    use waypoint::domain::money::{Currency, Money};
    use waypoint::domain::records::Deal;
    let deal = Deal {
        title: title.into(),
        pipeline_id: "pipeline:sales".into(),
        stage_id: "qualified".into(),
        value: Money::new(50_000_000, Currency::Vnd),
        account_id: Some(account.into()),
        ..Default::default()
    };
    Doc::new(local, &deal, now(), by).unwrap()
}

/// Waits until database `db` of the double, read as `remote`, holds the ids `want`
/// among its records (design documents left out), and returns all it holds.
async fn records_in(remote: &Remote, want: &[&str]) -> Vec<String> {
    let mut ids = Vec::new();
    for _ in 0..150 {
        let store_name = unique("c3-partner-view");
        let view = Store::open(&store_name).await.unwrap();
        waypoint::sync::pull(&view, remote, &Options::default())
            .await
            .unwrap();
        ids = Vec::new();
        for t in waypoint::domain::RecordType::ALL {
            ids.extend(view.ids_of_type(t).await.unwrap());
        }
        Store::delete_database(&store_name).await.ok();
        if want.iter().all(|w| ids.iter().any(|i| i == w)) {
            break;
        }
        sleep(200).await;
    }
    ids.sort();
    ids
}

#[wasm_bindgen_test]
async fn a_partner_database_holds_the_shared_accounts_and_nothing_else() {
    use waypoint::domain::team::Role;
    use waypoint::sync::{install_rules, invite};
    let (store, remote, db) = fresh_pair("c3-share").await;
    install_rules(&remote).await.unwrap();
    let me = COUCH3_ADMIN;
    store
        .put(Doc::new("p1", &account_record("Đối tác"), now(), me).unwrap())
        .await
        .unwrap();
    store
        .put(Doc::new("other", &account_record("Khác"), now(), me).unwrap())
        .await
        .unwrap();
    store
        .put(deal_of("d1", "Của đối tác", "account:p1", me))
        .await
        .unwrap();
    store
        .put(deal_of("d2", "Không chia sẻ", "account:other", me))
        .await
        .unwrap();
    // A deal stored without its account (an older version wrote it so), through
    // a contact of the partner's account.
    let contact = waypoint::domain::records::Contact {
        name: "Chị Lan".into(),
        account_id: Some("account:p1".into()),
        ..Default::default()
    };
    store
        .put(Doc::new("c1", &contact, now(), me).unwrap())
        .await
        .unwrap();
    let mut older = deal_of("d0", "Cũ, không ghi doanh nghiệp", "account:p1", me);
    older.body.remove("account_id");
    older.body.insert("contact_id".into(), json!("contact:c1"));
    store.put(older).await.unwrap();
    push(&store, &remote, &Options::default()).await.unwrap();

    let partner = unique("acme");
    let acme = Role::partner(&partner).unwrap();
    let actor = Actor::new(store.clone(), me);
    let given = actions::team::share(
        &actor,
        &remote,
        &acme,
        &["account:p1".into()],
        COUCH3_PASSWORD,
    )
    .await
    .unwrap();
    assert_eq!(given, 1, "the deal without its account is given it");
    push(&store, &remote, &Options::default()).await.unwrap();
    let viewer = unique("viewer");
    invite(&remote, &viewer, "pw-viewer", &acme).await.unwrap();
    let partner_db = waypoint::domain::team::partner_db(&partner);
    let as_viewer = as_user(&partner_db, &viewer, "pw-viewer");

    let seen = records_in(&as_viewer, &["account:p1", "deal:d0", "deal:d1"]).await;
    assert_eq!(seen, vec!["account:p1", "contact:c1", "deal:d0", "deal:d1"]);
    // Later changes follow; another account's never arrive.
    store
        .put(deal_of("d3", "Mới của đối tác", "account:p1", me))
        .await
        .unwrap();
    store
        .put(deal_of("d4", "Mới, không chia sẻ", "account:other", me))
        .await
        .unwrap();
    push(&store, &remote, &Options::default()).await.unwrap();
    let seen = records_in(&as_viewer, &["deal:d3"]).await;
    assert_eq!(
        seen,
        vec!["account:p1", "contact:c1", "deal:d0", "deal:d1", "deal:d3"]
    );
    // A deletion reaches the partner too: the tombstone keeps its `account_id`.
    let d1 = store.get("deal:d1").await.unwrap().unwrap();
    store
        .delete("deal:d1", d1.rev.as_ref().unwrap(), now(), me)
        .await
        .unwrap();
    push(&store, &remote, &Options::default()).await.unwrap();
    let mut seen = Vec::new();
    for _ in 0..50 {
        seen = records_in(&as_viewer, &[]).await;
        if !seen.iter().any(|id| id == "deal:d1") {
            break;
        }
        sleep(200).await;
    }
    assert_eq!(seen, vec!["account:p1", "contact:c1", "deal:d0", "deal:d3"]);

    // The partner reads nothing of the team database and writes nothing of its own.
    let team_as_viewer = as_user(&db, &viewer, "pw-viewer");
    assert!(matches!(
        team_as_viewer.info().await,
        Err(waypoint::sync::SyncError::Http { status: 403, .. })
    ));
    let (status, body) = {
        let auth = waypoint::domain::replication::basic_auth(&viewer, "pw-viewer");
        let resp = gloo_net::http::Request::put(&format!("{COUCH3}/{partner_db}/account:mine"))
            .header("Authorization", &auth)
            .json(&json!({"type": "account", "name": "X", "updated_by": viewer}))
            .unwrap()
            .send()
            .await
            .unwrap();
        (
            resp.status(),
            resp.json::<Value>().await.unwrap_or(Value::Null),
        )
    };
    assert_eq!(status, 403, "{body}");
}
