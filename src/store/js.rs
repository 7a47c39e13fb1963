//! The store's JavaScript helpers, in one inline snippet (each snippet is one
//! more file a page fetches before the app starts): conversions that cross the
//! wasm boundary once for a whole batch of records, and schema v8's backfill,
//! which runs in IndexedDB's own callbacks inside the upgrade transaction.

use wasm_bindgen::prelude::*;
use web_sys::IdbTransaction;

#[wasm_bindgen(inline_js = r#"
export function wp_docs_json(records) {
  const parts = new Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    parts[i] = typeof r._doc === 'string' ? r._doc : JSON.stringify(r);
  }
  return '[' + parts.join(',') + ']';
}
export function wp_feed_rows(a, b) {
  // `at`: the record's place in a followed by b.
  const rows = [];
  let at = 0;
  for (const list of [a, b]) {
    for (const r of list) {
      rows.push({ seq: r._seq, id: r._id, rev: r._rev, deleted: r._deleted === true, at: at++ });
    }
  }
  rows.sort((x, y) => x.seq - y.seq);
  return JSON.stringify(rows);
}
export function wp_fold_changes(tx) {
  // Schema v8: each row of the old `changes` store (one per document, its latest
  // change) becomes the `_seq`/`_rev`/`_deleted` of the record holding that
  // document's entry, then the store goes. Runs inside the versionchange
  // transaction: any failure aborts it and leaves v7 as it was.
  const changes = tx.objectStore('changes');
  const docs = tx.objectStore('docs');
  const revs = tx.objectStore('revs');
  const mark = (rec, row) => {
    rec._seq = row.seq;
    rec._rev = row.rev;
    if (row.deleted) rec._deleted = true;
  };
  changes.openCursor().onsuccess = (e) => {
    const cursor = e.target.result;
    if (!cursor) {
      tx.db.deleteObjectStore('changes');
      return;
    }
    const row = cursor.value;
    const doc = docs.get(row.id);
    doc.onsuccess = () => {
      // A v6 record holds the entry; an older one is the document itself,
      // whose entry is in `revs`.
      if (doc.result && typeof doc.result._doc === 'string') {
        mark(doc.result, row);
        docs.put(doc.result);
        return;
      }
      const rev = revs.get(row.id);
      rev.onsuccess = () => {
        if (rev.result) {
          mark(rev.result, row);
          revs.put(rev.result);
        }
      };
    };
    cursor.continue();
  };
}
"#)]
extern "C" {
    /// The documents of stored records as one JSON array text (one crossing for all).
    pub fn wp_docs_json(records: &JsValue) -> String;
    /// The change-feed rows of two `getAll` results, merged in sequence order,
    /// each with its record's place in the two (`at`), as JSON.
    pub fn wp_feed_rows(docs: &JsValue, revs: &JsValue) -> String;
    /// Schema v8's step: the old `changes` store folded into `_seq` marks.
    #[wasm_bindgen(catch)]
    pub fn wp_fold_changes(tx: &IdbTransaction) -> Result<(), JsValue>;
}
