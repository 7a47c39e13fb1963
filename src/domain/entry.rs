//! Per-document revision state as the store keeps it: the revision tree plus the
//! bodies of every leaf, so a conflict keeps all its revisions until resolved.
//! The write rules (which edits are accepted, which revision they make) live here,
//! pure and natively tested; the IndexedDB store only persists the result.

use super::doc::{Doc, DocError};
use super::revision::{new_rev_id, RevId, RevTree};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Why a write was refused. Nothing is changed when a write is refused.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum WriteError {
    /// The edit's `_rev` is not a current leaf (someone else changed the document first).
    #[error("document {0:?} was changed elsewhere (revision conflict)")]
    Conflict(String),
    /// Deleting or editing a document that does not exist.
    #[error("document {0:?} does not exist")]
    NotFound(String),
    /// The document failed validation.
    #[error(transparent)]
    Invalid(#[from] DocError),
}

/// Everything the store knows about one document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DocEntry {
    /// Document id.
    #[serde(rename = "_id")]
    pub id: String,
    /// All known revisions.
    pub tree: RevTree,
    /// Body of each leaf revision, keyed by `N-hash`.
    pub leaves: BTreeMap<String, Map<String, Value>>,
    /// Local sequence number of the last change to this document.
    pub seq: u64,
}

impl DocEntry {
    /// The winning revision as a document (deleted when every leaf is deleted).
    pub fn winner(&self) -> Option<Doc> {
        let (rev, deleted) = self.tree.winner()?;
        self.leaf_doc(&rev, deleted)
    }

    fn leaf_doc(&self, rev: &RevId, deleted: bool) -> Option<Doc> {
        Some(Doc {
            id: self.id.clone(),
            body: self.leaves.get(&rev.to_string())?.clone(),
            rev: Some(rev.clone()),
            deleted,
        })
    }

    /// The conflicting (non-deleted, non-winning) leaves as documents, newest first.
    pub fn conflicts(&self) -> Vec<Doc> {
        self.tree
            .conflicts()
            .iter()
            .filter_map(|r| self.leaf_doc(r, false))
            .collect()
    }

    /// Applies a local edit (`put` or tombstone) under CouchDB's `new_edits=true` rules:
    /// the edit must name a current leaf as `_rev`, or have no `_rev` when the document
    /// is new or deleted. Returns the new entry and revision; `self` is unchanged on error.
    pub fn apply_local(
        existing: Option<&DocEntry>,
        doc: &Doc,
        seq: u64,
    ) -> Result<(DocEntry, RevId), WriteError> {
        doc.validate()?;
        let mut entry = existing.cloned().unwrap_or_else(|| DocEntry {
            id: doc.id.clone(),
            ..DocEntry::default()
        });
        let winner = entry.tree.winner();
        let parent = match (&doc.rev, &winner) {
            (None, None) if doc.deleted => return Err(WriteError::NotFound(doc.id.clone())),
            (None, None) => None,
            // Re-creating a deleted document extends its deleted winner, as CouchDB does.
            (None, Some((w, true))) if !doc.deleted => Some(w.clone()),
            (None, Some((_, true))) => return Err(WriteError::NotFound(doc.id.clone())),
            (None, Some((_, false))) => return Err(WriteError::Conflict(doc.id.clone())),
            (Some(_), None) => return Err(WriteError::NotFound(doc.id.clone())),
            (Some(r), Some(_)) => {
                if !entry.tree.is_leaf(r) {
                    return Err(WriteError::Conflict(doc.id.clone()));
                }
                Some(r.clone())
            }
        };
        let rev = new_rev_id(parent.as_ref(), doc.deleted, &doc.canonical_body());
        let mut path = vec![rev.clone()];
        path.extend(parent.clone());
        entry.tree.insert_path(&path, doc.deleted);
        if let Some(p) = &parent {
            entry.leaves.remove(&p.to_string());
        }
        entry.leaves.insert(rev.to_string(), doc.body.clone());
        entry.seq = seq;
        Ok((entry, rev))
    }

    /// Merges a revision that arrived by replication (`new_edits=false`): its history
    /// path (newest first) joins the tree and its body becomes a leaf. Never refuses
    /// a revision, so nothing a server sends is lost; the winner is recomputed.
    pub fn merge_replicated(
        existing: Option<&DocEntry>,
        doc: &Doc,
        history: &[RevId],
        seq: u64,
    ) -> DocEntry {
        let mut entry = existing.cloned().unwrap_or_else(|| DocEntry {
            id: doc.id.clone(),
            ..DocEntry::default()
        });
        if history.is_empty() || entry.tree.contains(&history[0]) {
            return entry;
        }
        entry.tree.insert_path(history, doc.deleted);
        for ancestor in &history[1..] {
            entry.leaves.remove(&ancestor.to_string());
        }
        if entry.tree.is_leaf(&history[0]) {
            entry
                .leaves
                .insert(history[0].to_string(), doc.body.clone());
        }
        entry.seq = seq;
        entry
    }
}

/// A revision entry as the `docs` store keeps it, beside its winner's own JSON:
/// the winner's body is left out, since that record holds it already. Serialises
/// to the same shape as [`DocEntry`], one leaf short; [`DocEntry::restore_winner`]
/// puts it back.
#[derive(Serialize)]
pub struct BesideWinner<'a> {
    #[serde(rename = "_id")]
    id: &'a str,
    tree: &'a RevTree,
    leaves: BTreeMap<&'a str, &'a Map<String, Value>>,
    seq: u64,
}

/// The keys [`Doc`]'s JSON form adds around a body.
const ENVELOPE: [&str; 3] = ["_id", "_rev", "_deleted"];

impl DocEntry {
    /// This entry without its winner's body, to be stored beside the winner. A
    /// body holding an envelope key (which the winner's JSON could not carry) is
    /// kept, so the pair always gives back exactly this entry.
    pub fn beside_winner(&self) -> BesideWinner<'_> {
        let winner = self.tree.winner().map(|(rev, _)| rev.to_string());
        let leaves = self
            .leaves
            .iter()
            .filter(|(rev, body)| {
                Some(rev.as_str()) != winner.as_deref()
                    || ENVELOPE.iter().any(|k| body.contains_key(*k))
            })
            .map(|(rev, body)| (rev.as_str(), body))
            .collect();
        BesideWinner {
            id: &self.id,
            tree: &self.tree,
            leaves,
            seq: self.seq,
        }
    }

    /// Puts back the winner's body from `winner`, the winner's JSON form stored
    /// beside this entry, when the entry left it out (see [`Self::beside_winner`]).
    /// Fails when `winner` is not this entry's winning revision.
    pub fn restore_winner(&mut self, mut winner: Map<String, Value>) -> Result<(), String> {
        let Some((rev, _)) = self.tree.winner() else {
            return Err(format!("{}: a stored winner but no revisions", self.id));
        };
        let rev = rev.to_string();
        if self.leaves.contains_key(&rev) {
            return Ok(());
        }
        if winner.get("_rev").and_then(Value::as_str) != Some(rev.as_str()) {
            return Err(format!(
                "{}: the stored winner is not revision {rev}",
                self.id
            ));
        }
        for k in ENVELOPE {
            winner.remove(k);
        }
        self.leaves.insert(rev, winner);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc(v: Value) -> Doc {
        Doc::from_json(v).unwrap()
    }

    fn note(rev: Option<&RevId>, name: &str) -> Doc {
        let mut d = doc(json!({"_id": "account:a", "type": "account", "name": name}));
        d.rev = rev.cloned();
        d
    }

    #[test]
    fn first_write_makes_generation_one_and_edits_extend_it() {
        let (e1, r1) = DocEntry::apply_local(None, &note(None, "A"), 1).unwrap();
        assert_eq!(r1.pos, 1);
        assert_eq!(e1.winner().unwrap().body["name"], "A");
        let (e2, r2) = DocEntry::apply_local(Some(&e1), &note(Some(&r1), "B"), 2).unwrap();
        assert_eq!(r2.pos, 2);
        assert_eq!(e2.winner().unwrap().rev, Some(r2));
        assert_eq!(e2.leaves.len(), 1, "the old leaf is no longer a leaf");
        assert_eq!(e2.seq, 2);
    }

    #[test]
    fn stale_or_missing_revs_are_conflicts_and_change_nothing() {
        let (e1, r1) = DocEntry::apply_local(None, &note(None, "A"), 1).unwrap();
        let (e2, _) = DocEntry::apply_local(Some(&e1), &note(Some(&r1), "B"), 2).unwrap();
        let before = e2.clone();
        assert_eq!(
            DocEntry::apply_local(Some(&e2), &note(Some(&r1), "C"), 3),
            Err(WriteError::Conflict("account:a".into()))
        );
        assert_eq!(
            DocEntry::apply_local(Some(&e2), &note(None, "C"), 3),
            Err(WriteError::Conflict("account:a".into()))
        );
        assert_eq!(e2, before);
    }

    #[test]
    fn delete_is_a_tombstone_and_recreate_extends_it() {
        let (e1, r1) = DocEntry::apply_local(None, &note(None, "A"), 1).unwrap();
        let t = note(Some(&r1), "A").tombstone(Default::default(), "x");
        let (e2, r2) = DocEntry::apply_local(Some(&e1), &t, 2).unwrap();
        assert!(e2.winner().unwrap().deleted);
        assert_eq!(r2.pos, 2);
        let (e3, r3) = DocEntry::apply_local(Some(&e2), &note(None, "A again"), 3).unwrap();
        assert_eq!(r3.pos, 3);
        assert!(!e3.winner().unwrap().deleted);
        assert_eq!(
            DocEntry::apply_local(None, &note(None, "x").tombstone(Default::default(), "x"), 1),
            Err(WriteError::NotFound("account:a".into()))
        );
    }

    #[test]
    fn replicated_branches_are_kept_as_conflicts() {
        let (e1, r1) = DocEntry::apply_local(None, &note(None, "A"), 1).unwrap();
        let (local, _) = DocEntry::apply_local(Some(&e1), &note(Some(&r1), "local"), 2).unwrap();
        let remote_rev: RevId = "2-ffffffffffffffffffffffffffffffff".parse().unwrap();
        let merged = DocEntry::merge_replicated(
            Some(&local),
            &note(None, "remote"),
            &[remote_rev.clone(), r1.clone()],
            3,
        );
        assert_eq!(merged.winner().unwrap().rev, Some(remote_rev));
        let conflicts = merged.conflicts();
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].body["name"], "local");
        // Resolving: edit the winner, tombstone the loser.
        let loser = conflicts[0].tombstone(Default::default(), "x");
        let (resolved, _) = DocEntry::apply_local(Some(&merged), &loser, 4).unwrap();
        assert!(resolved.conflicts().is_empty());
        assert_eq!(resolved.winner().unwrap().body["name"], "remote");
        // The same revision arriving twice changes nothing.
        let again = DocEntry::merge_replicated(
            Some(&resolved),
            &note(None, "remote"),
            &["2-ffffffffffffffffffffffffffffffff".parse().unwrap(), r1],
            5,
        );
        assert_eq!(again, resolved);
    }

    #[test]
    fn invalid_docs_are_refused() {
        let bad = doc(json!({"_id": "account:a", "type": "account", "name": ""}));
        assert!(matches!(
            DocEntry::apply_local(None, &bad, 1),
            Err(WriteError::Invalid(DocError::Invalid { .. }))
        ));
    }

    /// The stored pair: the entry beside its winner, and the winner's JSON form.
    fn stored(e: &DocEntry) -> (String, Map<String, Value>) {
        let beside = serde_json::to_string(&e.beside_winner()).unwrap();
        let Value::Object(w) = e.winner().unwrap().to_json() else {
            unreachable!()
        };
        (beside, w)
    }

    #[test]
    fn an_entry_stored_beside_its_winner_leaves_the_body_out_and_gets_it_back() {
        let (e1, r1) = DocEntry::apply_local(None, &note(None, "A"), 1).unwrap();
        let (local, _) = DocEntry::apply_local(Some(&e1), &note(Some(&r1), "local"), 2).unwrap();
        let remote: RevId = "2-ffffffffffffffffffffffffffffffff".parse().unwrap();
        let merged =
            DocEntry::merge_replicated(Some(&local), &note(None, "remote"), &[remote, r1], 3);
        for e in [e1, merged] {
            let (beside, winner) = stored(&e);
            let winner_name = e.winner().unwrap().body["name"].to_string();
            assert!(!beside.contains(&winner_name), "{beside}");
            let mut back: DocEntry = serde_json::from_str(&beside).unwrap();
            assert_eq!(back.leaves.len(), e.leaves.len() - 1);
            back.restore_winner(winner).unwrap();
            assert_eq!(back, e);
        }
    }

    #[test]
    fn restoring_needs_the_winning_revision_and_keeps_a_body_already_there() {
        let (e1, r1) = DocEntry::apply_local(None, &note(None, "A"), 1).unwrap();
        let (e2, _) = DocEntry::apply_local(Some(&e1), &note(Some(&r1), "B"), 2).unwrap();
        let (beside, _) = stored(&e2);
        let (_, old_winner) = stored(&e1);
        let mut back: DocEntry = serde_json::from_str(&beside).unwrap();
        assert!(back.restore_winner(old_winner).is_err());
        // An entry stored whole (before this layout) is left as it is.
        let mut whole = e2.clone();
        let (_, winner) = stored(&e2);
        whole.restore_winner(winner).unwrap();
        assert_eq!(whole, e2);
    }

    #[test]
    fn a_body_holding_an_envelope_key_stays_in_the_entry() {
        let (mut e, _) = DocEntry::apply_local(None, &note(None, "A"), 1).unwrap();
        let leaf = e.leaves.values_mut().next().unwrap();
        leaf.insert("_deleted".into(), json!(false));
        let (beside, winner) = stored(&e);
        let mut back: DocEntry = serde_json::from_str(&beside).unwrap();
        assert_eq!(back.leaves.len(), 1);
        back.restore_winner(winner).unwrap();
        assert_eq!(back, e);
    }
}
