//! The IndexedDB schema and its migrations. Each version's step runs in the
//! `versionchange` transaction, so a failed migration leaves the old schema intact.

use wasm_bindgen::JsValue;
use web_sys::{IdbDatabase, IdbIndexParameters, IdbObjectStoreParameters, IdbTransaction};

/// The schema version this build writes.
pub const CURRENT_VERSION: u32 = 8;

/// Each live document, keyed by `_id`: its winning revision and (v6) its revision
/// entry, one record (see `doc_codec`). Every id starts with its record type
/// (`deal:…`), so a key range selects one type (see [`type_range`]).
pub const DOCS: &str = "docs";
/// Revision tree and leaf bodies ([`crate::domain::DocEntry`]) of each document
/// that is not live (deleted, or set aside by validation), keyed by `_id`. Before
/// v6 it held every document's; those entries stay here until the document is
/// next written.
pub const REVS: &str = "revs";
/// Local change feed, keyed by `seq` (v1–v7; v8 folds it into [`BY_SEQ`]).
pub const CHANGES: &str = "changes";
/// Counters and small values (`seq`), out-of-line keys.
pub const META: &str = "meta";
/// Replication checkpoints (v2), keyed by `_id`.
pub const CHECKPOINTS: &str = "checkpoints";
/// Attachment bytes as `Blob`s (v5), keyed (out of line) by their digest
/// ([`crate::domain::attachment::digest`]).
pub const BLOBS: &str = "blobs";

/// Index on `type` in [`DOCS`] (v1–v3; v4 selects a type by `_id` range instead,
/// one index write less per document).
pub const BY_TYPE: &str = "by_type";
/// Index on `account_id` in [`DOCS`].
pub const BY_ACCOUNT: &str = "by_account";
/// Index on `[pipeline_id, stage_id]` in [`DOCS`].
pub const BY_DEAL_STAGE: &str = "by_deal_stage";
/// Index on `occurred_at` in [`DOCS`] (v2).
pub const BY_OCCURRED: &str = "by_occurred";
/// Index on `conflicted` in [`REVS`] (v3) and in [`DOCS`] (v6): entries with more
/// than one live leaf.
pub const BY_CONFLICT: &str = "by_conflict";
/// Index on `quarantined` in [`REVS`] (v3): entries whose winner fails validation.
pub const BY_QUARANTINE: &str = "by_quarantine";
/// Unique index on `_seq` in [`DOCS`] and [`REVS`] (v8): the local change feed,
/// each document at its latest change (see `feed`).
pub const BY_SEQ: &str = "by_seq";

fn key_path_store(
    db: &IdbDatabase,
    name: &str,
    key: &str,
) -> Result<web_sys::IdbObjectStore, JsValue> {
    let params = IdbObjectStoreParameters::new();
    params.set_key_path(&JsValue::from_str(key));
    db.create_object_store_with_optional_parameters(name, &params)
}

/// Version 1: documents with type/account/stage indexes, revisions, changes, meta.
fn to_v1(db: &IdbDatabase) -> Result<(), JsValue> {
    let docs = key_path_store(db, DOCS, "_id")?;
    let plain = IdbIndexParameters::new();
    docs.create_index_with_str_and_optional_parameters(BY_TYPE, "type", &plain)?;
    docs.create_index_with_str_and_optional_parameters(BY_ACCOUNT, "account_id", &plain)?;
    let stage_path = js_sys::Array::of2(&"pipeline_id".into(), &"stage_id".into());
    docs.create_index_with_str_sequence_and_optional_parameters(
        BY_DEAL_STAGE,
        &stage_path,
        &plain,
    )?;
    key_path_store(db, REVS, "_id")?;
    key_path_store(db, CHANGES, "seq")?;
    db.create_object_store(META)?;
    Ok(())
}

/// Version 2: a time index for timelines (built from existing rows by IndexedDB) and
/// a store for replication checkpoints.
fn to_v2(db: &IdbDatabase, tx: &IdbTransaction) -> Result<(), JsValue> {
    let docs = tx.object_store(DOCS)?;
    docs.create_index_with_str_and_optional_parameters(
        BY_OCCURRED,
        "occurred_at",
        &IdbIndexParameters::new(),
    )?;
    key_path_store(db, CHECKPOINTS, "_id")?;
    Ok(())
}

/// Version 3: indexes of documents with conflicts and of documents from a server
/// that fail validation (quarantine). Both only arise from sync, which came with
/// this version, so there is nothing to backfill.
fn to_v3(tx: &IdbTransaction) -> Result<(), JsValue> {
    let revs = tx.object_store(REVS)?;
    let plain = IdbIndexParameters::new();
    revs.create_index_with_str_and_optional_parameters(BY_CONFLICT, "conflicted", &plain)?;
    revs.create_index_with_str_and_optional_parameters(BY_QUARANTINE, "quarantined", &plain)?;
    Ok(())
}

/// Version 4: the type index goes; ids already carry the type (validation
/// enforces `type:` as the id's prefix), so a key range does its job.
fn to_v4(tx: &IdbTransaction) -> Result<(), JsValue> {
    tx.object_store(DOCS)?.delete_index(BY_TYPE)
}

/// Version 5: a store for attachment bytes (a visit's photo), kept as `Blob`s
/// so a photo is never copied into JSON or wasm memory to be stored.
fn to_v5(db: &IdbDatabase) -> Result<(), JsValue> {
    db.create_object_store(BLOBS).map(|_| ())
}

/// Version 6: a live document keeps its revision entry in its `docs` record (one
/// record per document instead of two), so `docs` gets the conflicts index too.
/// Existing entries stay in `revs` and move when their document is next written.
fn to_v6(tx: &IdbTransaction) -> Result<(), JsValue> {
    tx.object_store(DOCS)?
        .create_index_with_str_and_optional_parameters(
            BY_CONFLICT,
            "conflicted",
            &IdbIndexParameters::new(),
        )
        .map(|_| ())
}

/// Version 7: no store or index changes. The revision entry in a live document's
/// `docs` record leaves out the winner's body, which `_doc` holds (see
/// `doc_codec`). A v6 build would read such an entry as having no winner, so the
/// version rises: a tab still running a v6 build gets `versionchange` and closes
/// its connection, and a v6 build can no longer open the database.
fn to_v7() -> Result<(), JsValue> {
    Ok(())
}

/// Version 8: the change feed becomes the `by_seq` index of the records that
/// hold the entries (one index entry per write instead of one more record); the
/// `changes` store's rows are folded into those records, then it goes.
fn to_v8(tx: &IdbTransaction) -> Result<(), JsValue> {
    let unique = IdbIndexParameters::new();
    unique.set_unique(true);
    for store in [DOCS, REVS] {
        tx.object_store(store)?
            .create_index_with_str_and_optional_parameters(BY_SEQ, "_seq", &unique)?;
    }
    super::js::wp_fold_changes(tx)
}

/// The `_id` range of every document of type `t`: from `t:` up to, not
/// including, `t;` (`;` is the character after `:`).
pub fn type_range(t: &str) -> Result<web_sys::IdbKeyRange, JsValue> {
    web_sys::IdbKeyRange::bound_with_lower_open_and_upper_open(
        &JsValue::from_str(&format!("{t}:")),
        &JsValue::from_str(&format!("{t};")),
        false,
        true,
    )
}

/// Runs every step from `old` (exclusive) to `new` (inclusive).
pub fn upgrade(db: &IdbDatabase, tx: &IdbTransaction, old: u32, new: u32) -> Result<(), JsValue> {
    for v in (old + 1)..=new {
        match v {
            1 => to_v1(db)?,
            2 => to_v2(db, tx)?,
            3 => to_v3(tx)?,
            4 => to_v4(tx)?,
            5 => to_v5(db)?,
            6 => to_v6(tx)?,
            7 => to_v7()?,
            8 => to_v8(tx)?,
            other => {
                return Err(JsValue::from_str(&format!(
                    "no migration to schema v{other}"
                )))
            }
        }
    }
    Ok(())
}
