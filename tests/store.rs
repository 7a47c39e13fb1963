//! Browser tests of the IndexedDB store: real IndexedDB in headless Chromium.
#![cfg(target_arch = "wasm32")]

use serde_json::json;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen_test::*;
use waypoint::domain::records::{Account, ActivityKind};
use waypoint::domain::sample::{self, SampleSize};
use waypoint::domain::{Doc, RecordType, Timestamp, WriteError};
use waypoint::store::{Store, StoreError};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen::prelude::wasm_bindgen(inline_js = r#"
export function strip_feed_marks(db_name) {
  // What schema v7 stored: no change-feed marks on the records.
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(db_name);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['docs', 'revs'], 'readwrite');
      for (const name of ['docs', 'revs']) {
        tx.objectStore(name).openCursor().onsuccess = (e) => {
          const c = e.target.result;
          if (!c) return;
          const v = c.value;
          if ('_seq' in v) { delete v._seq; delete v._rev; delete v._deleted; c.update(v); }
          c.continue();
        };
      }
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onerror = () => { db.close(); reject(tx.error); };
    };
  });
}
export function stored_record(db_name, store, key) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(db_name);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const q = db.transaction(store).objectStore(store).get(key);
      q.onsuccess = () => { db.close(); resolve(q.result === undefined ? null : JSON.stringify(q.result)); };
      q.onerror = () => { db.close(); reject(q.error); };
    };
  });
}
"#)]
extern "C" {
    /// Removes the change-feed marks (`_seq`, `_rev`, `_deleted`) from every record.
    #[wasm_bindgen(catch)]
    async fn strip_feed_marks(
        db_name: &str,
    ) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>;
    /// One record of the app's database as IndexedDB holds it, as JSON (or null).
    #[wasm_bindgen(catch)]
    async fn stored_record(
        db_name: &str,
        store: &str,
        key: &str,
    ) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>;
}

/// The stored record of `id` in object store `store`, parsed.
async fn record_of(db: &str, store: &str, id: &str) -> Option<serde_json::Value> {
    let text = stored_record(db, store, id).await.unwrap().as_string()?;
    Some(serde_json::from_str(&text).unwrap())
}

fn now() -> Timestamp {
    Timestamp::parse("2026-11-22T09:00:00Z").unwrap()
}

/// A fresh database per test, so tests never see each other's data.
async fn fresh(name: &str) -> Store {
    Store::delete_database(name).await.unwrap();
    Store::open(name).await.unwrap()
}

fn account(local: &str, name: &str) -> Doc {
    let a = Account {
        name: name.into(),
        industry: "Bán lẻ".into(),
        segment: "SMB".into(),
        city: "Hà Nội".into(),
        region: String::new(),
        owner: "lan".into(),
        source: "ads".into(),
        extra: Default::default(),
    };
    Doc::new(local, &a, now(), "lan").unwrap()
}

async fn tick() {
    // Let BroadcastChannel messages arrive (they are delivered as tasks).
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 50)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

#[wasm_bindgen_test]
async fn put_get_edit_and_delete_keep_revisions() {
    let store = fresh("t-crud").await;
    let w1 = store.put(account("a1", "Công ty Phát Đạt")).await.unwrap();
    assert_eq!(w1.rev.pos, 1);
    let mut doc = store.get("account:a1").await.unwrap().unwrap();
    assert_eq!(doc.rev, Some(w1.rev.clone()));
    assert_eq!(doc.body["name"], "Công ty Phát Đạt");

    let mut a: Account = doc.record().unwrap();
    a.city = "Đà Nẵng".into();
    doc.set_record(&a, now(), "lan").unwrap();
    let w2 = store.put(doc.clone()).await.unwrap();
    assert_eq!(w2.rev.pos, 2);
    assert_eq!(
        store.get("account:a1").await.unwrap().unwrap().body["city"],
        "Đà Nẵng"
    );

    // A stale revision is refused and nothing changes.
    let stale = store.put(doc).await;
    assert_eq!(
        stale,
        Err(StoreError::Write(WriteError::Conflict("account:a1".into())))
    );
    assert_eq!(
        store.get("account:a1").await.unwrap().unwrap().rev,
        Some(w2.rev.clone())
    );

    let w3 = store
        .delete("account:a1", &w2.rev, now(), "lan")
        .await
        .unwrap();
    assert_eq!(w3.rev.pos, 3);
    assert_eq!(store.get("account:a1").await.unwrap(), None);
    let entry = store.entry("account:a1").await.unwrap().unwrap();
    assert!(
        entry.winner().unwrap().deleted,
        "the tombstone is kept for sync"
    );
    assert_eq!(entry.tree.nodes.len(), 3);

    let changes = store.changes_since(0, None).await.unwrap();
    assert_eq!(
        changes.len(),
        1,
        "one feed entry per document: its latest change"
    );
    assert_eq!(changes[0].seq, 3);
    assert!(changes[0].deleted);
    assert_eq!(store.local_seq().await.unwrap(), 3);
}

#[wasm_bindgen_test]
async fn bulk_put_and_indexed_reads() {
    let store = fresh("t-bulk").await;
    let docs = sample::generate(3, now(), SampleSize::SMALL);
    let total = docs.len();
    let outcomes = store.bulk_put(docs.clone()).await.unwrap();
    assert_eq!(outcomes.len(), total);
    assert_eq!(store.count_of_type(RecordType::Account).await.unwrap(), 10);
    assert_eq!(store.count_of_type(RecordType::Contact).await.unwrap(), 40);
    assert_eq!(store.all_of_type(RecordType::Deal).await.unwrap().len(), 30);

    let acc = &docs
        .iter()
        .find(|d| d.record_type() == Some(RecordType::Account))
        .unwrap()
        .id;
    let related = store.by_account(acc).await.unwrap();
    let expected = docs
        .iter()
        .filter(|d| d.body.get("account_id").and_then(|v| v.as_str()) == Some(acc))
        .count();
    assert!(expected > 0);
    assert_eq!(related.len(), expected);

    let deal = docs
        .iter()
        .find(|d| d.record_type() == Some(RecordType::Deal))
        .unwrap();
    let (p, s) = (
        deal.body["pipeline_id"].as_str().unwrap(),
        deal.body["stage_id"].as_str().unwrap(),
    );
    let in_stage = store.deals_in_stage(p, s).await.unwrap();
    assert!(in_stage.iter().any(|d| d.id == deal.id));
    assert!(in_stage
        .iter()
        .all(|d| d.body["stage_id"] == s && d.body["pipeline_id"] == p));

    let from = now().plus_days(-30);
    let recent = store.occurred_between(from, now()).await.unwrap();
    let expected_recent = docs
        .iter()
        .filter(|d| {
            d.body
                .get("occurred_at")
                .and_then(|v| v.as_str())
                .and_then(Timestamp::parse)
                .is_some_and(|t| t >= from && t <= now())
        })
        .count();
    assert_eq!(recent.len(), expected_recent);
    assert!(recent.iter().any(|d| d
        .record::<waypoint::domain::records::Activity>()
        .map(|a| ActivityKind::ALL.contains(&a.kind))
        .unwrap_or(false)));
}

#[wasm_bindgen_test]
async fn an_invalid_document_in_a_batch_writes_nothing() {
    let store = fresh("t-invalid").await;
    let mut bad = account("bad", "x");
    bad.body.insert("name".into(), json!(""));
    let batch = vec![account("a1", "Một"), account("a2", "Hai"), bad];
    let err = store.bulk_put(batch).await.unwrap_err();
    assert!(
        matches!(err, StoreError::Write(WriteError::Invalid(_))),
        "{err:?}"
    );
    assert_eq!(store.count_of_type(RecordType::Account).await.unwrap(), 0);
    assert_eq!(store.local_seq().await.unwrap(), 0);
    assert!(store.changes_since(0, None).await.unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn a_failing_transaction_leaves_no_partial_write() {
    let store = fresh("t-abort").await;
    store.put(account("a0", "Trước")).await.unwrap();
    // Occupy the change-feed slot the batch's second write will need: the feed's
    // index is unique, so IndexedDB rejects that `put` with a ConstraintError
    // after the first write went out.
    store
        .raw_put(
            "docs",
            json!({"_id": "zz:squatter", "_seq": 3, "_rev": "1-x"}),
        )
        .await
        .unwrap();
    let err = store
        .bulk_put(vec![
            account("a1", "Một"),
            account("a2", "Hai"),
            account("a3", "Ba"),
        ])
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Constraint(_)), "{err:?}");
    assert_eq!(
        store.get("account:a1").await.unwrap(),
        None,
        "the first write was rolled back"
    );
    assert_eq!(store.entry("account:a1").await.unwrap(), None);
    assert_eq!(store.count_of_type(RecordType::Account).await.unwrap(), 1);
    assert_eq!(store.local_seq().await.unwrap(), 1);
}

#[wasm_bindgen_test]
async fn two_handles_see_each_others_changes() {
    let a = fresh("t-two").await;
    let b = Store::open("t-two").await.unwrap();
    let seen: Rc<RefCell<Vec<String>>> = Rc::default();
    let sink = seen.clone();
    let _sub = b.subscribe(move |e| sink.borrow_mut().extend(e.ids.iter().cloned()));
    a.put(account("a1", "Nguyễn Văn A")).await.unwrap();
    tick().await;
    assert_eq!(*seen.borrow(), vec!["account:a1".to_string()]);
    assert_eq!(
        b.get("account:a1").await.unwrap().unwrap().body["name"],
        "Nguyễn Văn A"
    );
}

#[wasm_bindgen_test]
async fn migrates_schema_v1_to_current_keeping_data() {
    let name = "t-migrate";
    Store::delete_database(name).await.unwrap();
    {
        let v1 = Store::open_at(name, 1).await.unwrap();
        assert_eq!(v1.schema_version(), 1);
        v1.bulk_put(sample::generate(5, now(), SampleSize::SMALL))
            .await
            .unwrap();
        // v1 has no time index yet.
        assert!(v1
            .occurred_between(now().plus_days(-999), now())
            .await
            .is_err());
    }
    let v2 = Store::open(name).await.unwrap();
    assert_eq!(
        v2.schema_version(),
        waypoint::store::schema::CURRENT_VERSION
    );
    assert_eq!(v2.count_of_type(RecordType::Activity).await.unwrap(), 200);
    // The index added by the migration covers rows written under v1.
    let all = v2
        .occurred_between(now().plus_days(-999), now().plus_days(1))
        .await
        .unwrap();
    assert!(all.len() >= 200, "{}", all.len());
    // Writes after the migration still extend revisions made under v1.
    let doc = v2.get("account:a0001").await.unwrap().unwrap();
    let out = v2.put(doc).await.unwrap();
    assert_eq!(out.rev.pos, 2);
    // v5's photo store exists and starts empty.
    assert_eq!(
        v2.missing_blobs(&["md5-x".to_string()]).await.unwrap(),
        vec!["md5-x".to_string()]
    );
}

#[wasm_bindgen_test]
async fn the_v7_change_feed_is_folded_into_the_records_it_points_at() {
    let name = "t-feed-v8";
    Store::delete_database(name).await.unwrap();
    let (live, gone, old) = {
        let v7 = Store::open_at(name, 7).await.unwrap();
        let live = v7.put(account("live", "Sống")).await.unwrap();
        let first = v7.put(account("gone", "Xoá")).await.unwrap();
        let gone = v7
            .delete("account:gone", &first.rev, now(), "test")
            .await
            .unwrap();
        let old = v7.put(account("old", "Cũ")).await.unwrap();
        // A document stored before v6: the winner itself in `docs`, its entry in `revs`.
        let entry = v7.entry("account:old").await.unwrap().unwrap();
        v7.raw_put("revs", serde_json::to_value(&entry).unwrap())
            .await
            .unwrap();
        v7.raw_put("docs", entry.winner().unwrap().to_json())
            .await
            .unwrap();
        // v7 kept its feed in a store of its own, one row per document.
        strip_feed_marks(name).await.unwrap();
        for (out, deleted) in [(&live, false), (&gone, true), (&old, false)] {
            let row = json!({"seq": out.seq, "id": out.id, "rev": out.rev.to_string(), "deleted": deleted});
            v7.raw_put("changes", row).await.unwrap();
        }
        (live, gone, old)
    };
    let store = Store::open(name).await.unwrap();
    assert_eq!(store.schema_version(), 8);
    let feed = store.changes_since(0, None).await.unwrap();
    let seen: Vec<_> = feed
        .iter()
        .map(|c| (c.seq, c.id.clone(), c.rev.clone(), c.deleted))
        .collect();
    let expect = |o: &waypoint::store::WriteOutcome, deleted| {
        (o.seq, o.id.clone(), o.rev.to_string(), deleted)
    };
    assert_eq!(
        seen,
        vec![
            expect(&live, false),
            expect(&gone, true),
            expect(&old, false)
        ]
    );
    assert_eq!(store.count_changes_since(live.seq).await.unwrap(), 2);
    let page = store.changes_since(live.seq, Some(1)).await.unwrap();
    assert_eq!(page.len(), 1);
    assert_eq!(page[0].id, "account:gone");
    // Each change comes with its entry, whichever record layout holds it.
    let with_entries = store.changes_with_entries_since(0, None).await.unwrap();
    let winners: Vec<_> = with_entries
        .iter()
        .map(|(c, e)| {
            let w = e.as_ref().unwrap().winner().unwrap();
            (c.id.clone(), w.rev.unwrap().to_string(), w.deleted)
        })
        .collect();
    assert_eq!(
        winners,
        vec![
            (live.id.clone(), live.rev.to_string(), false),
            (gone.id.clone(), gone.rev.to_string(), true),
            (old.id.clone(), old.rev.to_string(), false)
        ]
    );
    // The old store is gone.
    assert!(store.raw_put("changes", json!({"seq": 99})).await.is_err());
    // Editing the pre-v6 document moves it to the end of the feed, once.
    let mut edit = store.get("account:old").await.unwrap().unwrap();
    edit.body["name"] = "Mới".into();
    let next = store.put(edit).await.unwrap();
    let feed = store.changes_since(0, None).await.unwrap();
    let ids: Vec<_> = feed.iter().map(|c| (c.seq, c.id.as_str())).collect();
    assert_eq!(
        ids,
        vec![
            (live.seq, "account:live"),
            (gone.seq, "account:gone"),
            (next.seq, "account:old")
        ]
    );
    assert_eq!(store.count_changes_since(0).await.unwrap(), 3);
}

#[wasm_bindgen_test]
async fn revision_entries_stored_as_objects_by_earlier_versions_are_read_and_extended() {
    let store = fresh("t-legacy-entry").await;
    let first = store.put(account("old", "Cũ")).await.unwrap();
    // Before entries became one ASCII JSON string, the whole entry was the stored
    // object in `revs`; before v6, the `docs` record was the winner itself.
    let entry = store.entry("account:old").await.unwrap().unwrap();
    let mut winner = entry.winner().unwrap().to_json();
    // A field a server sent: an old-layout record is the document, fields and all.
    winner["entry"] = "not a revision entry".into();
    store
        .raw_put("revs", serde_json::to_value(&entry).unwrap())
        .await
        .unwrap();
    store.raw_put("docs", winner).await.unwrap();
    let read = store.entry("account:old").await.unwrap().unwrap();
    assert!(read.tree.contains(&first.rev));
    assert_eq!(
        store.get("account:old").await.unwrap().unwrap().body["name"],
        "Cũ"
    );
    assert_eq!(store.held(&["account:old".into()]).await.unwrap().len(), 1);
    let mut edit = store.get("account:old").await.unwrap().unwrap();
    edit.body["name"] = "Mới".into();
    let second = store.put(edit).await.unwrap();
    let entry = store.entry("account:old").await.unwrap().unwrap();
    assert_eq!(
        entry.tree.path_to(&second.rev),
        vec![second.rev.clone(), first.rev.clone()]
    );
    assert_eq!(entry.winner().unwrap().body["name"], "Mới");
    // The edit moved the entry into the document's own record: a tombstone moves it back.
    let third = store
        .delete("account:old", &second.rev, now(), "test")
        .await
        .unwrap();
    assert!(store.get("account:old").await.unwrap().is_none());
    let gone = store.entry("account:old").await.unwrap().unwrap();
    assert_eq!(
        gone.tree.path_to(&third.rev),
        vec![third.rev, second.rev, first.rev]
    );
    assert!(gone.winner().unwrap().deleted);
}

#[wasm_bindgen_test]
async fn a_live_documents_record_holds_its_winners_body_once() {
    let store = fresh("t-winner-once").await;
    let first = store.put(account("once", "Only Once 4711")).await.unwrap();
    let record = record_of("t-winner-once", "docs", "account:once")
        .await
        .unwrap();
    let (winner, entry) = (
        record["_doc"].as_str().unwrap(),
        record["entry"].as_str().unwrap(),
    );
    assert!(winner.contains("Only Once 4711"), "{winner}");
    assert!(!entry.contains("Only Once 4711"), "{entry}");
    let read = store.entry("account:once").await.unwrap().unwrap();
    assert_eq!(read.winner().unwrap().body["name"], "Only Once 4711");
    // A record written before the body moved out (the whole entry beside the
    // winner) still reads, and the next edit extends it.
    let mut whole = record.clone();
    whole["entry"] = serde_json::to_string(&read).unwrap().into();
    store.raw_put("docs", whole).await.unwrap();
    let mut edit = store.get("account:once").await.unwrap().unwrap();
    edit.body["name"] = "Twice".into();
    let second = store.put(edit).await.unwrap();
    let entry = store.entry("account:once").await.unwrap().unwrap();
    assert_eq!(
        entry.tree.path_to(&second.rev),
        vec![second.rev.clone(), first.rev]
    );
    assert_eq!(entry.winner().unwrap().body["name"], "Twice");
    // A winner that is not the entry's winning revision is refused as corrupt.
    let mut wrong = record_of("t-winner-once", "docs", "account:once")
        .await
        .unwrap();
    let mut stale: serde_json::Value = serde_json::from_str(winner).unwrap();
    stale["_rev"] = first_rev_text(&entry).into();
    wrong["_doc"] = stale.to_string().into();
    store.raw_put("docs", wrong).await.unwrap();
    assert!(matches!(
        store.entry("account:once").await,
        Err(StoreError::Corrupt(_))
    ));
}

/// The first revision in `entry`'s tree, as text.
fn first_rev_text(entry: &waypoint::domain::DocEntry) -> String {
    let winner = entry.winner().unwrap().rev.unwrap();
    entry.tree.path_to(&winner).last().unwrap().to_string()
}

#[wasm_bindgen_test]
async fn ids_that_sort_differently_in_utf16_are_all_found_when_edited() {
    // IndexedDB orders keys by UTF-16 code units: U+FF01 sorts after an emoji's
    // surrogates there, before it by code point.
    let store = fresh("t-utf16-ids").await;
    let locals = ["a", "\u{ff01}", "\u{1f600}"];
    let first = store
        .bulk_put(locals.iter().map(|l| account(l, "Ký tự")).collect())
        .await
        .unwrap();
    let ids: Vec<String> = first.iter().map(|o| o.id.clone()).collect();
    assert_eq!(store.held(&ids).await.unwrap().len(), 3);
    let mut edits = Vec::new();
    for id in &ids {
        let mut d = store.get(id).await.unwrap().unwrap();
        d.body["name"] = "Đã sửa".into();
        edits.push(d);
    }
    let second = store.bulk_put(edits).await.unwrap();
    assert!(second.iter().all(|o| o.rev.pos == 2), "{second:?}");
    for id in &ids {
        assert_eq!(store.get(id).await.unwrap().unwrap().body["name"], "Đã sửa");
    }
}

#[wasm_bindgen_test]
async fn eviction_skips_a_document_edited_since_the_server_confirmed_it_and_frees_unnamed_photos() {
    use waypoint::domain::attachment;
    use waypoint::store::blob::blob_of;
    let store = fresh("t-evict").await;
    let bytes = b"not really a jpeg".to_vec();
    let digest = attachment::digest(&bytes);
    let with_photo = |local: &str| {
        let mut d = account(local, "Có ảnh");
        d.body.insert(
            "_attachments".into(),
            attachment::stubs(attachment::PHOTO, "image/jpeg", &bytes),
        );
        d
    };
    let blob = blob_of(&bytes, "image/jpeg").unwrap();
    let out = store
        .bulk_put_with_blobs(
            vec![with_photo("p1"), with_photo("p2")],
            &[(digest.clone(), blob)],
        )
        .await
        .unwrap();
    let (rev1, rev2) = (out[0].rev.clone(), out[1].rev.clone());
    // The server confirmed an older set of leaves than the device now has: kept.
    let edited = store
        .put(store.get("account:p1").await.unwrap().unwrap())
        .await
        .unwrap();
    let gone = store
        .evict(&[("account:p1".into(), vec![rev1.clone()])])
        .await
        .unwrap();
    assert!(gone.is_empty());
    assert!(store.get("account:p1").await.unwrap().is_some());
    // Confirmed as they are: removed; the photo stays while another names it.
    let gone = store
        .evict(&[("account:p1".into(), vec![edited.rev])])
        .await
        .unwrap();
    assert_eq!(gone, vec!["account:p1".to_string()]);
    assert!(store.entry("account:p1").await.unwrap().is_none());
    assert!(store.blob(&digest).await.unwrap().is_some());
    store
        .evict(&[("account:p2".into(), vec![rev2])])
        .await
        .unwrap();
    assert!(
        store.blob(&digest).await.unwrap().is_none(),
        "no revision names it"
    );
}

#[wasm_bindgen_test]
async fn a_read_only_handle_refuses_every_write_and_sees_other_writes() {
    let store = fresh("t-read-only").await;
    store.put(account("a1", "Công ty Phát Đạt")).await.unwrap();
    let ro = store.read_only();
    assert!(ro.is_read_only() && !store.is_read_only());
    let mut doc = ro.get("account:a1").await.unwrap().unwrap();
    doc.body["city"] = json!("Huế");
    let rev = doc.rev.clone().unwrap();
    assert_eq!(ro.put(doc.clone()).await, Err(StoreError::ReadOnly));
    assert_eq!(
        ro.bulk_put(vec![account("a2", "Mới")]).await,
        Err(StoreError::ReadOnly)
    );
    assert_eq!(
        ro.delete("account:a1", &rev, now(), "x").await.map(|_| ()),
        Err(StoreError::ReadOnly)
    );
    assert_eq!(ro.clear().await, Err(StoreError::ReadOnly));
    assert_eq!(
        ro.set_local_setting("k", &json!(1)).await,
        Err(StoreError::ReadOnly)
    );
    // Nothing changed; a write through the writable handle is seen by the read-only one.
    let kept = ro.get("account:a1").await.unwrap().unwrap();
    assert_eq!(kept.rev, Some(rev));
    assert_eq!(kept.body["city"], "Hà Nội");
    assert!(ro.get("account:a2").await.unwrap().is_none());
    store.put(doc).await.unwrap();
    let seen = ro.get("account:a1").await.unwrap().unwrap();
    assert_eq!(seen.body["city"], "Huế");
}
