//! Bulk import and cold start (`make bench`, release build, headless Chromium),
//! each at 1/16, 1/4 and the full size, to show how the cost grows:
//! - bulk import of a sample workspace's documents through `Store::bulk_put` (one
//!   transaction: revisions, change feed, indexes) beside the same documents `put`
//!   by plain JavaScript into a fresh object store in one transaction;
//! - cold start: the whole app (`waypoint::App`) mounted on `/board` over an
//!   IndexedDB already holding the workspace, until the first deal card is painted.
//!
//! Prints `BENCH {json}` lines for `scripts/bench.py`. Not part of `make test`.
#![cfg(all(target_arch = "wasm32", feature = "bench"))]

mod bench_common;

use bench_common::{frame, inject_css, median, new_host, now, painted, report};

use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use waypoint::domain::sample::{self, SampleSize};
use waypoint::domain::{Doc, Timestamp};
use waypoint::store::{write_in_batches, Store};

wasm_bindgen_test_configure!(run_in_browser);

/// Documents imported at full size (the issue's 100,000).
const IMPORT_DOCS: usize = 100_000;
/// Documents in the workspace the app starts over at full size (the issue's 50,000).
const START_DOCS: usize = 50_000;
const RUNS: usize = 5;
const IMPORT_DB: &str = "waypoint-bench-bulk";
const RAW_DB: &str = "waypoint-bench-bulk-raw";

#[wasm_bindgen(inline_js = r#"
export function raw_prepare(json) {
  return JSON.parse(json);
}
export function raw_put(name, docs) {
  // Baseline: the same documents, already JavaScript objects, put one by one
  // into a fresh object store (key path _id, no index) in one transaction.
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => open.result.createObjectStore('docs', {keyPath: '_id'});
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction('docs', 'readwrite');
      const store = tx.objectStore('docs');
      for (const d of docs) store.put(d);
      tx.oncomplete = () => { db.close(); resolve(docs.length); };
      tx.onerror = () => reject(tx.error);
    };
  });
}
export function delete_db(name) {
  return new Promise((resolve, reject) => {
    const r = indexedDB.deleteDatabase(name);
    r.onsuccess = () => resolve(); r.onerror = () => reject(r.error); r.onblocked = () => resolve();
  });
}
export function go_to(path) { history.replaceState(null, '', path); }
"#)]
extern "C" {
    fn raw_prepare(json: &str) -> JsValue;
    #[wasm_bindgen(catch)]
    async fn raw_put(name: &str, docs: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn delete_db(name: &str) -> Result<JsValue, JsValue>;
    fn go_to(path: &str);
}

/// The sample workspace scaled so that it holds about `docs` documents.
fn workspace(docs: usize) -> Vec<Doc> {
    let today = Timestamp::from_ymd(2026, 11, 26).unwrap();
    let full = sample::generate(7, today, SampleSize::FULL).len() as f64;
    let f = docs as f64 / full;
    let scale = |n: usize| ((n as f64 * f).round() as usize).max(1);
    let s = SampleSize::FULL;
    sample::generate(
        7,
        today,
        SampleSize {
            accounts: scale(s.accounts),
            contacts: scale(s.contacts),
            deals: scale(s.deals),
            activities: scale(s.activities),
            tickets: scale(s.tickets),
            surveys: scale(s.surveys),
        },
    )
}

fn count(n: usize) -> String {
    waypoint::domain::money::NumberLocale::En.format_count(n as u64)
}

#[wasm_bindgen_test]
async fn start_benchmarks() {
    inject_css();
    for n in [IMPORT_DOCS / 16, IMPORT_DOCS / 4, IMPORT_DOCS] {
        bulk_import(n).await;
    }
    for n in [START_DOCS / 16, START_DOCS / 4, START_DOCS] {
        cold_start(n).await;
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
        let t0 = now();
        let written = raw_put(RAW_DB, &objects).await.unwrap().as_f64().unwrap();
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

/// Milliseconds from mounting the app on `/board` to the first card painted.
async fn cold_start(target: usize) {
    let docs = workspace(target);
    let n = docs.len();
    let deals = docs.iter().filter(|d| d.id.starts_with("deal:")).count();
    Store::delete_database(waypoint::ui::common::DB_NAME)
        .await
        .unwrap();
    {
        let store = Store::open(waypoint::ui::common::DB_NAME).await.unwrap();
        write_in_batches(&store, docs, 2_000, |_, _| {})
            .await
            .unwrap();
    }
    let mut times = Vec::new();
    for run in 0..=RUNS {
        go_to("/board");
        let host = new_host();
        let t0 = now();
        let handle = leptos::mount::mount_to(host.clone(), waypoint::App);
        while host.query_selector("article.deal-card").unwrap().is_none() {
            gloo_timers::future::TimeoutFuture::new(1).await;
        }
        painted(&host).await;
        if run > 0 {
            times.push(now() - t0);
        }
        drop(handle);
        host.remove();
        frame().await;
    }
    report(
        &format!(
            "Cold start: app mounted on /board over {} documents ({} deals) → first card painted",
            count(n),
            count(deals)
        ),
        "ms",
        median(times),
        None,
    );
}
