//! Sync benchmarks (`make bench`, release build, headless Chromium, a real PouchDB
//! Server on loopback): push 10,000 documents from the local store to a new server
//! database and pull them into an empty workspace, beside PouchDB 9's browser build
//! replicating the same documents in the same page, in the same run, with the same
//! batch size. Prints `BENCH {json}` lines for `scripts/bench.py` (feature `bench`).
#![cfg(all(target_arch = "wasm32", feature = "bench"))]

mod bench_common;

use bench_common::{median, now, report};

mod common;

use common::{unique, SERVER};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use waypoint::domain::{sample, Timestamp};
use waypoint::store::{write_in_batches, Store};
use waypoint::sync::{pull, push, Auth, Options, Remote};

wasm_bindgen_test_configure!(run_in_browser);

const DEALS: usize = 10_000;
const RUNS: usize = 5;

/// PouchDB's own replication of the same documents: push to a new server database,
/// then pull it into a new local database. Resolves to [push ms, pull ms, docs pulled].
const POUCHDB_RUN: &str = r#"(async (server, dbName, docs, batch) => {
  const src = new PouchDB(dbName + '-src');
  await src.bulkDocs(docs, { new_edits: false });
  const remote = server + '/' + dbName;
  let t0 = performance.now();
  const pushed = await PouchDB.replicate(src, remote, { batch_size: batch });
  const push = performance.now() - t0;
  const dst = new PouchDB(dbName + '-dst');
  t0 = performance.now();
  await PouchDB.replicate(remote, dst, { batch_size: batch });
  const pull = performance.now() - t0;
  const info = await dst.info();
  await src.destroy();
  await dst.destroy();
  if (pushed.docs_written !== docs.length) throw new Error('PouchDB pushed ' + pushed.docs_written);
  return [push, pull, info.doc_count];
})"#;

fn load_pouchdb() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let script = doc.create_element("script").unwrap();
    script.set_text_content(Some(include_str!(
        "../.tools/pouchdb9/node_modules/pouchdb/dist/pouchdb.min.js"
    )));
    doc.head().unwrap().append_child(&script).unwrap();
}

#[wasm_bindgen_test]
async fn sync_benchmarks() {
    load_pouchdb();
    let today = Timestamp::parse("2026-11-22T00:00:00Z").unwrap();
    let docs = sample::board_workspace(9, today, DEALS);
    let n = docs.len();
    let ids: Vec<String> = docs.iter().map(|d| d.id.clone()).collect();
    let source_name = unique("bench-sync-src");
    Store::delete_database(&source_name).await.unwrap();
    let source = Store::open(&source_name).await.unwrap();
    write_in_batches(&source, docs, 2_000, |_, _| {})
        .await
        .unwrap();
    // The same documents, revisions included, for PouchDB's source database.
    let entries = source.entries(&ids).await.unwrap();
    let json: Vec<Value> = entries
        .into_iter()
        .map(|e| e.unwrap().winner().unwrap().to_json())
        .collect();
    let js_docs = js_sys::JSON::parse(&serde_json::to_string(&json).unwrap()).unwrap();
    let opts = Options::default();
    let run_pouchdb: js_sys::Function = js_sys::eval(POUCHDB_RUN).unwrap().unchecked_into();

    let (mut wp_push, mut wp_pull, mut pd_push, mut pd_pull) = (vec![], vec![], vec![], vec![]);
    for _ in 0..RUNS {
        // Waypoint: push to a new database, then pull it into an empty workspace.
        let db = unique("bench-wp");
        let remote = Remote::new(SERVER, &db, Auth::None);
        remote.create().await.unwrap();
        let t0 = now();
        let pushed = push(&source, &remote, &opts).await.unwrap();
        wp_push.push(now() - t0);
        assert_eq!(pushed.revisions_written, n);
        let target_name = unique("bench-wp-dst");
        Store::delete_database(&target_name).await.unwrap();
        let target = Store::open(&target_name).await.unwrap();
        let t0 = now();
        let pulled = pull(&target, &remote, &opts).await.unwrap();
        wp_pull.push(now() - t0);
        assert_eq!(pulled.revisions_written, n);
        drop(target);
        Store::delete_database(&target_name).await.unwrap();

        // PouchDB, same documents, same batch size.
        let db = unique("bench-pouchdb");
        let args = js_sys::Array::of4(
            &JsValue::from_str(SERVER),
            &JsValue::from_str(&db),
            &js_docs,
            &JsValue::from_f64(opts.batch_size as f64),
        );
        let promise: js_sys::Promise = run_pouchdb
            .apply(&JsValue::NULL, &args)
            .unwrap()
            .unchecked_into();
        let out = JsFuture::from(promise).await.expect("PouchDB run");
        let out: js_sys::Array = out.unchecked_into();
        pd_push.push(out.get(0).as_f64().unwrap());
        pd_pull.push(out.get(1).as_f64().unwrap());
        assert_eq!(out.get(2).as_f64().unwrap() as usize, n);
    }
    let rate = |ms: f64| n as f64 / (ms / 1000.0);
    report(
        &format!("Push {n} documents to a new server database"),
        "docs/s",
        rate(median(wp_push)),
        Some(rate(median(pd_push))),
    );
    report(
        &format!("Pull {n} documents into an empty workspace"),
        "docs/s",
        rate(median(wp_pull)),
        Some(rate(median(pd_pull))),
    );
}
