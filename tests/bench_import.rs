//! Bulk import (`make bench`, release build, headless Chromium) at 1/16, 1/4 and
//! the full 100,000 documents, to show how the cost grows: a sample workspace's
//! documents through `Store::bulk_put` (one transaction: revisions, change feed,
//! indexes) beside the same documents `put` by plain JavaScript into a fresh
//! object store in one transaction; and, as a third figure, the same puts into a
//! store with the four indexes Waypoint's `docs` store keeps, which is what
//! IndexedDB alone charges for that layout.
//!
//! Prints `BENCH {json}` lines for `scripts/bench.py`. Not part of `make test`.
#![cfg(all(target_arch = "wasm32", feature = "bench"))]

mod bench_common;

use bench_common::{median, now, report};

use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use waypoint::domain::sample::{self, SampleSize};
use waypoint::domain::{Doc, Timestamp};
use waypoint::store::Store;

wasm_bindgen_test_configure!(run_in_browser);

/// Documents imported at full size (the issue's 100,000).
const IMPORT_DOCS: usize = 100_000;
const RUNS: usize = 5;
const IMPORT_DB: &str = "waypoint-bench-bulk";
const RAW_DB: &str = "waypoint-bench-bulk-raw";

#[wasm_bindgen(inline_js = r#"
export function raw_prepare(json, with_seq) {
  const docs = JSON.parse(json);
  if (with_seq) docs.forEach((d, i) => { d._seq = i + 1; });
  return docs;
}
export function raw_open(name, indexed) {
  // A fresh object store (key path _id), opened outside the timing: without an
  // index, or with the store's: account, deal stage, time, and the change feed.
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => {
      const docs = open.result.createObjectStore('docs', {keyPath: '_id'});
      if (!indexed) return;
      docs.createIndex('by_account', 'account_id');
      docs.createIndex('by_deal_stage', ['pipeline_id', 'stage_id']);
      docs.createIndex('by_occurred', 'occurred_at');
      docs.createIndex('by_seq', '_seq', {unique: true});
    };
    open.onerror = () => reject(open.error);
    open.onsuccess = () => resolve(open.result);
  });
}
export function raw_put(db, docs) {
  // Baseline: the same documents, already JavaScript objects, put one by one
  // in one transaction.
  return new Promise((resolve, reject) => {
    const tx = db.transaction('docs', 'readwrite');
    const store = tx.objectStore('docs');
    for (const d of docs) store.put(d);
    tx.oncomplete = () => { db.close(); resolve(docs.length); };
    tx.onerror = () => reject(tx.error);
  });
}
export function delete_db(name) {
  return new Promise((resolve, reject) => {
    const r = indexedDB.deleteDatabase(name);
    r.onsuccess = () => resolve(); r.onerror = () => reject(r.error); r.onblocked = () => resolve();
  });
}
"#)]
extern "C" {
    fn raw_prepare(json: &str, with_seq: bool) -> JsValue;
    #[wasm_bindgen(catch)]
    async fn raw_open(name: &str, indexed: bool) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn raw_put(db: &JsValue, docs: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn delete_db(name: &str) -> Result<JsValue, JsValue>;
}

/// The sample workspace scaled so that it holds about `docs` documents.
fn workspace(docs: usize) -> Vec<Doc> {
    let today = Timestamp::from_ymd(2026, 11, 26).unwrap();
    let s = SampleSize::FULL;
    let size = |f: f64| {
        let scale = |n: usize| ((n as f64 * f).round() as usize).max(1);
        SampleSize {
            accounts: scale(s.accounts),
            contacts: scale(s.contacts),
            deals: scale(s.deals),
            activities: scale(s.activities),
            tickets: scale(s.tickets),
            surveys: scale(s.surveys),
        }
    };
    // Documents per unit of scale, from a sixteenth of the full sample.
    let per_unit = sample::generate(7, today, size(1.0 / 16.0)).len() as f64 * 16.0;
    sample::generate(7, today, size(docs as f64 / per_unit))
}

fn count(n: usize) -> String {
    waypoint::domain::money::NumberLocale::En.format_count(n as u64)
}

#[wasm_bindgen_test]
async fn import_benchmarks() {
    for n in [IMPORT_DOCS / 16, IMPORT_DOCS / 4, IMPORT_DOCS] {
        bulk_import(n).await;
    }
}

/// Raw puts of `json`'s documents into a fresh database; seconds.
async fn raw_seconds(json: &str, n: usize, indexed: bool) -> f64 {
    delete_db(RAW_DB).await.unwrap();
    let objects = raw_prepare(json, indexed);
    let db = raw_open(RAW_DB, indexed).await.unwrap();
    let t0 = now();
    let written = raw_put(&db, &objects).await.unwrap().as_f64().unwrap();
    let s = (now() - t0) / 1000.0;
    assert_eq!(written as usize, n);
    s
}

/// Documents per second through the store and through raw puts (without and
/// with the store's indexes), alternating.
async fn bulk_import(target: usize) {
    let docs = workspace(target);
    let n = docs.len();
    let json = serde_json::to_string(&docs).unwrap();
    let runs = if n > 50_000 { 3 } else { RUNS };
    let (mut ours, mut raw, mut floor) = (Vec::new(), Vec::new(), Vec::new());
    for run in 0..=runs {
        Store::delete_database(IMPORT_DB).await.unwrap();
        let store = Store::open(IMPORT_DB).await.unwrap();
        let batch = docs.clone();
        let t0 = now();
        store.bulk_put(batch).await.unwrap();
        let ours_s = (now() - t0) / 1000.0;
        drop(store);

        let raw_s = raw_seconds(&json, n, false).await;
        let floor_s = raw_seconds(&json, n, true).await;
        if run > 0 {
            ours.push(n as f64 / ours_s);
            raw.push(n as f64 / raw_s);
            floor.push(n as f64 / floor_s);
        }
    }
    Store::delete_database(IMPORT_DB).await.unwrap();
    delete_db(RAW_DB).await.unwrap();
    let raw = median(raw);
    report(
        &format!("Bulk import of {} documents in one transaction", count(n)),
        "docs/s",
        median(ours),
        Some(raw),
    );
    report(
        &format!(
            "IndexedDB alone, {} documents: plain JavaScript puts into a store with the same four indexes",
            count(n)
        ),
        "docs/s",
        median(floor),
        Some(raw),
    );
}
