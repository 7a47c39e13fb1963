//! Bulk import (`make bench`, release build, headless Chromium) at 1/16, 1/4 and
//! the full 100,000 documents, to show how the cost grows: a sample workspace's
//! documents through `Store::bulk_put` (one transaction: revisions, change feed,
//! indexes) beside the same documents `put` by plain JavaScript into a fresh
//! object store in one transaction.
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
export function raw_prepare(json) {
  return JSON.parse(json);
}
export function raw_open(name) {
  // A fresh object store (key path _id, no index), opened outside the timing.
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => open.result.createObjectStore('docs', {keyPath: '_id'});
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
    fn raw_prepare(json: &str) -> JsValue;
    #[wasm_bindgen(catch)]
    async fn raw_open(name: &str) -> Result<JsValue, JsValue>;
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

/// Documents per second through the store and through raw puts, alternating.
async fn bulk_import(target: usize) {
    let docs = workspace(target);
    let n = docs.len();
    let json = serde_json::to_string(&docs).unwrap();
    let runs = if n > 50_000 { 3 } else { RUNS };
    let (mut ours, mut raw) = (Vec::new(), Vec::new());
    for run in 0..=runs {
        Store::delete_database(IMPORT_DB).await.unwrap();
        let store = Store::open(IMPORT_DB).await.unwrap();
        let batch = docs.clone();
        let t0 = now();
        store.bulk_put(batch).await.unwrap();
        let ours_s = (now() - t0) / 1000.0;
        drop(store);

        delete_db(RAW_DB).await.unwrap();
        let objects = raw_prepare(&json);
        let db = raw_open(RAW_DB).await.unwrap();
        let t0 = now();
        let written = raw_put(&db, &objects).await.unwrap().as_f64().unwrap();
        let raw_s = (now() - t0) / 1000.0;
        assert_eq!(written as usize, n);
        if run > 0 {
            ours.push(n as f64 / ours_s);
            raw.push(n as f64 / raw_s);
        }
    }
    Store::delete_database(IMPORT_DB).await.unwrap();
    delete_db(RAW_DB).await.unwrap();
    report(
        &format!("Bulk import of {} documents in one transaction", count(n)),
        "docs/s",
        median(ours),
        Some(median(raw)),
    );
}
