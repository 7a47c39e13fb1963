//! Replication planning for the CouchDB replication protocol, pure and native-tested:
//! replication ids, checkpoint comparison, `_changes` / `_revs_diff` / `_bulk_get`
//! shapes, and turning stored revision state into `new_edits=false` uploads.
//! Sequence values are opaque JSON (integers on PouchDB Server, strings on CouchDB 3).

use super::doc::Doc;
use super::entry::DocEntry;
use super::revision::{RevId, Revisions};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// An opaque `since` / `seq` value; never compared or parsed, only echoed back.
pub type Seq = Value;

/// Which way documents flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Remote → local.
    Pull,
    /// Local → remote.
    Push,
}

/// A reply the server sent that does not have the protocol's shape.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unexpected reply from the server: {0}")]
pub struct ProtocolError(pub String);

/// A stable id for one replication: the same workspace, remote database and
/// direction always give the same id, so checkpoints are found again.
pub fn replication_id(local_uuid: &str, remote_db_url: &str, direction: Direction) -> String {
    use md5::{Digest, Md5};
    let dir = match direction {
        Direction::Pull => "pull",
        Direction::Push => "push",
    };
    let digest =
        Md5::digest(format!("waypoint/1\n{local_uuid}\n{remote_db_url}\n{dir}").as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// One entry of a checkpoint's history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// The replication session that recorded it.
    pub session_id: String,
    /// The source sequence reached.
    pub recorded_seq: Seq,
}

/// A replication checkpoint, stored as `_local/<replication id>` on both peers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// `_local/<replication id>`.
    #[serde(rename = "_id")]
    pub id: String,
    /// The `_local` document's revision on that peer.
    #[serde(rename = "_rev", default, skip_serializing_if = "Option::is_none")]
    pub rev: Option<String>,
    /// The session that wrote it.
    pub session_id: String,
    /// The source sequence everything up to which is on the target.
    pub source_last_seq: Seq,
    /// Earlier sessions, newest first.
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
    /// Unknown fields, preserved.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// How many history entries a checkpoint keeps.
pub const HISTORY_LIMIT: usize = 50;

impl Checkpoint {
    /// The checkpoint a session writes after reaching `seq`, keeping `prev`'s history.
    pub fn next(prev: Option<&Checkpoint>, rep_id: &str, session_id: &str, seq: Seq) -> Checkpoint {
        let mut history = vec![HistoryEntry {
            session_id: session_id.into(),
            recorded_seq: seq.clone(),
        }];
        if let Some(p) = prev {
            history.extend(
                p.history
                    .iter()
                    .filter(|h| h.session_id != session_id)
                    .cloned(),
            );
        }
        history.truncate(HISTORY_LIMIT);
        Checkpoint {
            id: format!("_local/{rep_id}"),
            rev: prev.and_then(|p| p.rev.clone()),
            session_id: session_id.into(),
            source_last_seq: seq,
            history,
            extra: prev.map(|p| p.extra.clone()).unwrap_or_default(),
        }
    }
}

/// Where to resume: the last sequence both peers' checkpoints agree on
/// (CouchDB's "compare replication logs"); `0` when they share nothing.
pub fn resume_seq(source: Option<&Checkpoint>, target: Option<&Checkpoint>) -> Seq {
    let (Some(s), Some(t)) = (source, target) else {
        return json!(0);
    };
    if s.session_id == t.session_id {
        return s.source_last_seq.clone();
    }
    for h in &s.history {
        if h.session_id == t.session_id || t.history.iter().any(|o| o.session_id == h.session_id) {
            return h.recorded_seq.clone();
        }
    }
    json!(0)
}

/// One row of `_changes?style=all_docs`.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangeRow {
    /// Document id.
    pub id: String,
    /// Its leaf revisions.
    pub revs: Vec<RevId>,
    /// The row's sequence (opaque).
    pub seq: Seq,
    /// The document the row carried (`include_docs`), kept only when it is the
    /// row's one revision and that is a first revision (see [`first_revisions`]).
    pub doc: Option<Value>,
}

/// A page of `_changes`.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangesPage {
    /// Rows in feed order (design documents left out).
    pub rows: Vec<ChangeRow>,
    /// Where the next page starts.
    pub last_seq: Seq,
}

/// Reads a `_changes` reply. Rows with an unreadable revision keep their readable ones.
pub fn parse_changes(v: &Value) -> Result<ChangesPage, ProtocolError> {
    let results = v
        .get("results")
        .and_then(Value::as_array)
        .ok_or_else(|| ProtocolError("_changes without results".into()))?;
    let last_seq = v
        .get("last_seq")
        .cloned()
        .ok_or_else(|| ProtocolError("_changes without last_seq".into()))?;
    let mut rows = Vec::with_capacity(results.len());
    for r in results {
        let Some(id) = r.get("id").and_then(Value::as_str) else {
            return Err(ProtocolError("_changes row without id".into()));
        };
        if id.starts_with("_design/") {
            continue;
        }
        let revs: Vec<RevId> = r
            .get("changes")
            .and_then(Value::as_array)
            .map(|c| {
                c.iter()
                    .filter_map(|x| x.get("rev").and_then(Value::as_str))
                    .filter_map(|s| s.parse().ok())
                    .collect()
            })
            .unwrap_or_default();
        let doc = match (revs.as_slice(), r.get("doc")) {
            ([only], Some(d))
                if only.pos == 1
                    && d.get("_rev").and_then(Value::as_str) == Some(&only.to_string()) =>
            {
                Some(d.clone())
            }
            _ => None,
        };
        rows.push(ChangeRow {
            id: id.into(),
            revs,
            seq: r.get("seq").cloned().unwrap_or(Value::Null),
            doc,
        });
    }
    Ok(ChangesPage { rows, last_seq })
}

/// Of the revisions `wanted`, those a `_changes` page already carried whole:
/// a document's first revision, when it is the document's only leaf, has no
/// history to fetch (`_revisions` would name just itself), so the body the
/// feed included (`include_docs`) is all there is to it. Returns them and
/// what is still to be fetched. A body that does not read as a document is
/// left to the fetch, which reports it.
pub fn first_revisions(rows: &[ChangeRow], mut wanted: RevMap) -> (Vec<Incoming>, RevMap) {
    let mut carried = Vec::new();
    for row in rows {
        let Some(body) = &row.doc else {
            continue;
        };
        if wanted.get(&row.id).map(Vec::as_slice) != Some(row.revs.as_slice()) {
            continue;
        }
        if let Ok(doc) = Doc::from_json(body.clone()) {
            if doc.id == row.id {
                wanted.remove(&row.id);
                carried.push(Incoming {
                    doc,
                    history: row.revs.clone(),
                });
            }
        }
    }
    (carried, wanted)
}

/// Ids → revisions, the body of `_revs_diff` and the plan of what to fetch.
pub type RevMap = BTreeMap<String, Vec<RevId>>;

/// The `_revs_diff` request body for a set of revisions.
pub fn revs_diff_body(revs: &RevMap) -> Value {
    let mut m = Map::new();
    for (id, rs) in revs {
        m.insert(
            id.clone(),
            rs.iter().map(|r| r.to_string()).collect::<Vec<_>>().into(),
        );
    }
    Value::Object(m)
}

/// Reads a `_revs_diff` reply: id → missing revisions.
pub fn parse_revs_diff(v: &Value) -> Result<RevMap, ProtocolError> {
    let obj = v
        .as_object()
        .ok_or_else(|| ProtocolError("_revs_diff reply is not an object".into()))?;
    let mut out = RevMap::new();
    for (id, entry) in obj {
        let missing: Vec<RevId> = entry
            .get("missing")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(|r| r.as_str()?.parse().ok()).collect())
            .unwrap_or_default();
        if !missing.is_empty() {
            out.insert(id.clone(), missing);
        }
    }
    Ok(out)
}

/// The revisions of `wanted` that `entry` does not know (a local `_revs_diff`).
pub fn missing_revs(entry: Option<&DocEntry>, wanted: &[RevId]) -> Vec<RevId> {
    wanted
        .iter()
        .filter(|r| !entry.is_some_and(|e| e.tree.contains(r)))
        .cloned()
        .collect()
}

/// The `_bulk_get` request body.
pub fn bulk_get_body(missing: &RevMap) -> Value {
    let docs: Vec<Value> = missing
        .iter()
        .flat_map(|(id, revs)| {
            revs.iter()
                .map(move |r| json!({"id": id, "rev": r.to_string()}))
        })
        .collect();
    json!({ "docs": docs })
}

/// A revision fetched from the server, ready to merge.
#[derive(Clone, Debug, PartialEq)]
pub struct Incoming {
    /// The document at that revision.
    pub doc: Doc,
    /// Its history, newest first (from `_revisions`).
    pub history: Vec<RevId>,
}

/// A revision the server could not give or would not take, with its reason.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FetchError {
    /// Document id.
    pub id: String,
    /// Why, as the server said it.
    pub reason: String,
}

/// Reads one `{"ok": doc}` item of `_bulk_get` or `open_revs`.
pub fn parse_revision(item: &Value) -> Result<Incoming, String> {
    let Some(doc) = item.get("ok") else {
        let err = item.get("error").or_else(|| item.get("missing"));
        return Err(err.map_or_else(|| "missing".to_string(), |e| e.to_string()));
    };
    let revisions: Option<Revisions> = doc
        .get("_revisions")
        .and_then(|r| serde_json::from_value(r.clone()).ok());
    let doc = Doc::from_json(doc.clone()).map_err(|e| e.to_string())?;
    let rev = doc.rev.clone().ok_or("revision without _rev")?;
    let history = revisions
        .and_then(|r| r.rev_ids())
        .filter(|h| h.first() == Some(&rev))
        .unwrap_or_else(|| vec![rev]);
    Ok(Incoming { doc, history })
}

/// Reads a `_bulk_get` reply into fetched revisions and per-document errors.
pub fn parse_bulk_get(v: &Value) -> Result<(Vec<Incoming>, Vec<FetchError>), ProtocolError> {
    let results = v
        .get("results")
        .and_then(Value::as_array)
        .ok_or_else(|| ProtocolError("_bulk_get without results".into()))?;
    let (mut ok, mut errors) = (Vec::new(), Vec::new());
    for r in results {
        let id = r
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let items = r.get("docs").and_then(Value::as_array).map(Vec::as_slice);
        let (good, bad) = parse_revisions(&id, items.unwrap_or_default());
        ok.extend(good);
        errors.extend(bad);
    }
    Ok((ok, errors))
}

/// Reads the revision items of one document (from `_bulk_get` or `open_revs`).
pub fn parse_revisions(id: &str, items: &[Value]) -> (Vec<Incoming>, Vec<FetchError>) {
    let (mut ok, mut errors) = (Vec::new(), Vec::new());
    for item in items {
        match parse_revision(item) {
            Ok(inc) => ok.push(inc),
            Err(reason) => errors.push(FetchError {
                id: id.to_string(),
                reason,
            }),
        }
    }
    (ok, errors)
}

/// A sequence as the `since` query value: strings as they are, anything else as JSON.
pub fn since_param(since: &Seq) -> String {
    match since {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A leaf revision as a `new_edits=false` upload: body, `_id`, `_rev`, `_deleted`
/// and the `_revisions` history the server needs to place it in its tree.
pub fn upload_json(entry: &DocEntry, rev: &RevId) -> Option<Value> {
    let body = entry.leaves.get(&rev.to_string())?;
    let deleted = entry.tree.nodes.get(rev)?.deleted;
    let doc = Doc {
        id: entry.id.clone(),
        rev: Some(rev.clone()),
        deleted,
        body: body.clone(),
    };
    let mut v = doc.to_json();
    let revisions = Revisions::from_path(&entry.tree.path_to(rev));
    v.as_object_mut()?
        .insert("_revisions".into(), serde_json::to_value(revisions).ok()?);
    Some(v)
}

/// Every leaf of an entry (winner, conflicts and tombstones): what a push offers.
pub fn leaf_revs(entry: &DocEntry) -> Vec<RevId> {
    entry.tree.leaves().into_iter().map(|(r, _)| r).collect()
}

/// The leaves of every stored entry among `entries`, by id: what `_revs_diff` is asked.
pub fn leaf_map(entries: &[Option<DocEntry>]) -> RevMap {
    entries
        .iter()
        .flatten()
        .map(|e| (e.id.clone(), leaf_revs(e)))
        .collect()
}

/// Reads a `_bulk_docs` reply: ids whose revision the server refused, with its reason.
/// PouchDB Server may answer `[]` for `new_edits=false`, which means no errors.
pub fn parse_bulk_docs(v: &Value) -> Result<Vec<FetchError>, ProtocolError> {
    let rows = v
        .as_array()
        .ok_or_else(|| ProtocolError("_bulk_docs reply is not an array".into()))?;
    Ok(rows
        .iter()
        .filter(|r| r.get("error").is_some())
        .map(|r| FetchError {
            id: r
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .into(),
            reason: format!(
                "{}: {}",
                r.get("error").and_then(Value::as_str).unwrap_or("error"),
                r.get("reason").and_then(Value::as_str).unwrap_or("")
            ),
        })
        .collect())
}

/// CouchDB's rule for database names: a lowercase letter first, then lowercase
/// letters, digits and `_ $ ( ) + - /`.
pub fn valid_db_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some('a'..='z'))
        && chars
            .all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_' | '$' | '(' | ')' | '+' | '-' | '/'))
        && name.len() <= 238
}

/// A server address Waypoint can use: `http://` or `https://`, a host, no spaces.
pub fn valid_server_url(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    matches!(rest, Some(r) if !r.is_empty() && !r.starts_with('/') && !r.contains(char::is_whitespace))
}

/// How long to wait before retry number `attempt` (1-based) after a transient
/// failure: exponential from 1 s, capped at 60 s, scaled by `jitter` in `0..1`
/// into its upper half so that many clients do not retry in step.
pub fn backoff_ms(attempt: u32, jitter: f64) -> u64 {
    let base = 1_000u64.saturating_mul(1 << attempt.saturating_sub(1).min(6));
    let capped = base.min(60_000) as f64;
    (capped * (0.5 + 0.5 * jitter.clamp(0.0, 1.0))) as u64
}

/// The `Authorization` header value for HTTP Basic credentials (RFC 7617, UTF-8).
pub fn basic_auth(user: &str, password: &str) -> String {
    format!(
        "Basic {}",
        super::attachment::base64(format!("{user}:{password}").as_bytes())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> RevId {
        s.parse().unwrap()
    }

    /// Session `session`'s checkpoint at `seq`, with no history yet.
    fn cp(session: &str, seq: Value) -> Checkpoint {
        Checkpoint {
            id: "_local/x".into(),
            rev: None,
            session_id: session.into(),
            source_last_seq: seq,
            history: Vec::new(),
            extra: Map::new(),
        }
    }

    trait CheckpointFixture {
        /// The sessions and sequences recorded, newest first.
        fn history(self, entries: &[(&str, Value)]) -> Self;
    }

    impl CheckpointFixture for Checkpoint {
        fn history(mut self, entries: &[(&str, Value)]) -> Self {
            self.history = entries
                .iter()
                .map(|(s, q)| HistoryEntry {
                    session_id: (*s).into(),
                    recorded_seq: q.clone(),
                })
                .collect();
            self
        }
    }

    #[test]
    fn replication_ids_are_stable_and_distinct() {
        let a = replication_id("u1", "http://h/db", Direction::Pull);
        assert_eq!(a, replication_id("u1", "http://h/db", Direction::Pull));
        assert_ne!(a, replication_id("u1", "http://h/db", Direction::Push));
        assert_ne!(a, replication_id("u2", "http://h/db", Direction::Pull));
        assert_eq!(a.len(), 32);
    }

    #[test]
    fn resume_from_matching_sessions_or_common_history() {
        assert_eq!(resume_seq(None, None), json!(0));
        let same = cp("s2", json!("42-abc")).history(&[("s2", json!("42-abc"))]);
        assert_eq!(resume_seq(Some(&same), Some(&same)), json!("42-abc"));
        // The target missed session s3 (its write failed): fall back to s2, which both recorded.
        let source = cp("s3", json!(90)).history(&[("s3", json!(90)), ("s2", json!(42))]);
        let target = cp("s2", json!(42)).history(&[("s2", json!(42)), ("s1", json!(7))]);
        assert_eq!(resume_seq(Some(&source), Some(&target)), json!(42));
        let stranger = cp("zz", json!(5)).history(&[("zz", json!(5))]);
        assert_eq!(resume_seq(Some(&source), Some(&stranger)), json!(0));
        assert_eq!(resume_seq(Some(&source), None), json!(0));
    }

    #[test]
    fn next_checkpoint_prepends_history_and_caps_it() {
        let mut c = Checkpoint::next(None, "rid", "s0", json!(0));
        for i in 1..80 {
            c = Checkpoint::next(Some(&c), "rid", &format!("s{i}"), json!(i));
        }
        assert_eq!(c.id, "_local/rid");
        assert_eq!(c.history.len(), HISTORY_LIMIT);
        assert_eq!(c.history[0].session_id, "s79");
        assert_eq!(c.source_last_seq, json!(79));
        // A session checkpointing twice keeps one entry.
        let again = Checkpoint::next(Some(&c), "rid", "s79", json!(80));
        assert_eq!(
            again
                .history
                .iter()
                .filter(|h| h.session_id == "s79")
                .count(),
            1
        );
    }

    #[test]
    fn since_values_pass_through_unchanged() {
        assert_eq!(since_param(&json!("12-g1AAAA")), "12-g1AAAA");
        assert_eq!(since_param(&json!(42)), "42");
        assert_eq!(since_param(&json!(["a", 1])), r#"["a",1]"#);
    }

    #[test]
    fn changes_pages_keep_seqs_opaque() {
        let v = json!({"results": [
            {"seq": "3-g1AAAA", "id": "deal:1", "changes": [{"rev": "2-b"}, {"rev": "2-a"}]},
            {"seq": "4-g1AAAB", "id": "_design/x", "changes": [{"rev": "1-a"}]},
            {"seq": "5-g1AAAC", "id": "deal:2", "changes": [{"rev": "bogus"}, {"rev": "1-c"}], "deleted": true}
        ], "last_seq": "5-g1AAAC"});
        let page = parse_changes(&v).unwrap();
        assert_eq!(page.rows.len(), 2);
        assert_eq!(page.rows[0].revs, vec![r("2-b"), r("2-a")]);
        assert_eq!(page.rows[1].revs, vec![r("1-c")]);
        assert_eq!(page.last_seq, json!("5-g1AAAC"));
        let ints = parse_changes(&json!({"results": [], "last_seq": 17})).unwrap();
        assert_eq!(ints.last_seq, json!(17));
        assert!(parse_changes(&json!({"oops": 1})).is_err());
    }

    #[test]
    fn a_first_revision_the_feed_carried_is_not_fetched_again() {
        let v = json!({"results": [
            // A first revision, its only leaf, with its body: taken from the feed.
            {"seq": 1, "id": "account:a", "changes": [{"rev": "1-a"}],
             "doc": {"_id": "account:a", "_rev": "1-a", "type": "account", "name": "A"}},
            // Edited since: its history must be fetched.
            {"seq": 2, "id": "account:b", "changes": [{"rev": "2-b"}],
             "doc": {"_id": "account:b", "_rev": "2-b", "type": "account", "name": "B"}},
            // Two first revisions in conflict: fetched.
            {"seq": 3, "id": "account:c", "changes": [{"rev": "1-c"}, {"rev": "1-d"}],
             "doc": {"_id": "account:c", "_rev": "1-d", "type": "account", "name": "C"}},
            // The body is of another revision than the row's: fetched.
            {"seq": 4, "id": "account:e", "changes": [{"rev": "1-e"}],
             "doc": {"_id": "account:e", "_rev": "1-f", "type": "account", "name": "E"}},
            // Not wanted (held here already): neither taken nor fetched.
            {"seq": 5, "id": "account:g", "changes": [{"rev": "1-g"}],
             "doc": {"_id": "account:g", "_rev": "1-g", "type": "account", "name": "G"}},
            // No body (a server without include_docs): fetched.
            {"seq": 6, "id": "account:h", "changes": [{"rev": "1-h"}]}
        ], "last_seq": 6});
        let page = parse_changes(&v).unwrap();
        let mut wanted = RevMap::new();
        for row in &page.rows {
            if row.id != "account:g" {
                wanted.insert(row.id.clone(), row.revs.clone());
            }
        }
        let (carried, rest) = first_revisions(&page.rows, wanted);
        assert_eq!(carried.len(), 1);
        assert_eq!(carried[0].doc.id, "account:a");
        assert_eq!(carried[0].doc.rev, Some(r("1-a")));
        assert_eq!(carried[0].history, vec![r("1-a")]);
        assert_eq!(carried[0].doc.body["name"], "A");
        let rest: Vec<&str> = rest.keys().map(String::as_str).collect();
        assert_eq!(rest, ["account:b", "account:c", "account:e", "account:h"]);
    }

    #[test]
    fn plans_fetch_only_what_is_missing() {
        let (e, r1) = DocEntry::apply_local(
            None,
            &Doc::from_json(json!({"_id": "account:a", "type": "account", "name": "A"})).unwrap(),
            1,
        )
        .unwrap();
        let remote = r("2-zzz");
        assert_eq!(
            missing_revs(Some(&e), &[r1.clone(), remote.clone()]),
            vec![remote.clone()]
        );
        assert_eq!(
            missing_revs(None, std::slice::from_ref(&r1)),
            vec![r1.clone()]
        );
        let mut plan = RevMap::new();
        plan.insert("account:a".into(), vec![remote]);
        assert_eq!(
            bulk_get_body(&plan),
            json!({"docs": [{"id": "account:a", "rev": "2-zzz"}]})
        );
        assert_eq!(revs_diff_body(&plan), json!({"account:a": ["2-zzz"]}));
        let diff = parse_revs_diff(
            &json!({"a": {"missing": ["1-x"]}, "b": {"possible_ancestors": ["1-y"]}}),
        )
        .unwrap();
        assert_eq!(diff.len(), 1);
        assert_eq!(diff["a"], vec![r("1-x")]);
    }

    #[test]
    fn bulk_get_replies_from_couchdb_and_pouchdb_server() {
        let v = json!({"results": [
            {"id": "a", "docs": [{"ok": {"_id": "a", "_rev": "2-b", "x": 1,
                "_revisions": {"start": 2, "ids": ["b", "a"]}}}]},
            {"id": "gone", "docs": [{"error": {"id": "gone", "rev": "1-x", "error": "not_found", "reason": "missing"}}]},
            {"id": "zz", "docs": [{}]}
        ]});
        let (ok, errors) = parse_bulk_get(&v).unwrap();
        assert_eq!(ok.len(), 1);
        assert_eq!(ok[0].history, vec![r("2-b"), r("1-a")]);
        assert_eq!(ok[0].doc.body["x"], 1);
        assert!(ok[0].doc.body.get("_revisions").is_none());
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].id, "gone");
    }

    #[test]
    fn uploads_carry_history_and_tombstones() {
        let d =
            Doc::from_json(json!({"_id": "account:a", "type": "account", "name": "A"})).unwrap();
        let (e1, r1) = DocEntry::apply_local(None, &d, 1).unwrap();
        let mut t = d.tombstone(Default::default(), "x");
        t.rev = Some(r1.clone());
        let (e2, r2) = DocEntry::apply_local(Some(&e1), &t, 2).unwrap();
        let up = upload_json(&e2, &r2).unwrap();
        assert_eq!(up["_deleted"], true);
        assert_eq!(up["_rev"], r2.to_string());
        assert_eq!(up["_revisions"]["start"], 2);
        assert_eq!(up["_revisions"]["ids"], json!([r2.hash, r1.hash]));
        assert_eq!(leaf_revs(&e2), vec![r2]);
        assert!(upload_json(&e2, &r1).is_none(), "only leaves have bodies");
    }

    #[test]
    fn leaf_maps_skip_missing_entries() {
        let d =
            Doc::from_json(json!({"_id": "account:a", "type": "account", "name": "A"})).unwrap();
        let (e, r) = DocEntry::apply_local(None, &d, 1).unwrap();
        let m = leaf_map(&[None, Some(e)]);
        assert_eq!(m.len(), 1);
        assert_eq!(m["account:a"], vec![r]);
    }

    #[test]
    fn database_names_and_server_urls() {
        assert!(valid_db_name("waypoint"));
        assert!(valid_db_name("team-a/crm_2026"));
        assert!(!valid_db_name("Waypoint"));
        assert!(!valid_db_name("1crm"));
        assert!(!valid_db_name(""));
        assert!(!valid_db_name("crm db"));
        assert!(valid_server_url("http://127.0.0.1:5984"));
        assert!(valid_server_url("https://acme.cloudant.com"));
        assert!(!valid_server_url("ftp://x"));
        assert!(!valid_server_url("http://"));
        assert!(!valid_server_url("127.0.0.1:5984"));
        assert!(!valid_server_url("http://a b"));
    }

    #[test]
    fn backoff_grows_then_caps_with_jitter_in_the_upper_half() {
        assert_eq!(backoff_ms(1, 1.0), 1_000);
        assert_eq!(backoff_ms(2, 1.0), 2_000);
        assert_eq!(backoff_ms(4, 1.0), 8_000);
        assert_eq!(backoff_ms(7, 1.0), 60_000);
        assert_eq!(backoff_ms(40, 1.0), 60_000);
        assert_eq!(backoff_ms(1, 0.0), 500);
        assert!((30_000..=60_000).contains(&backoff_ms(12, 0.37)));
    }

    #[test]
    fn basic_auth_matches_rfc_7617() {
        assert_eq!(
            basic_auth("Aladdin", "open sesame"),
            "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        );
        assert_eq!(basic_auth("a", "b"), "Basic YTpi");
        assert_eq!(basic_auth("test", "123£"), "Basic dGVzdDoxMjPCow==");
    }

    #[test]
    fn bulk_docs_errors_are_per_document() {
        assert!(parse_bulk_docs(&json!([])).unwrap().is_empty());
        let errs = parse_bulk_docs(&json!([
            {"id": "a", "rev": "1-x"},
            {"id": "b", "error": "forbidden", "reason": "read only"}
        ]))
        .unwrap();
        assert_eq!(
            errs,
            vec![FetchError {
                id: "b".into(),
                reason: "forbidden: read only".into()
            }]
        );
        assert!(parse_bulk_docs(&json!({"error": "x"})).is_err());
    }
}
