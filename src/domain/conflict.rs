//! Conflict resolution, field by field: which fields the conflicting leaves
//! disagree on, and the revisions that resolve a conflict (the merged body on
//! the winner, a tombstone on every other live leaf).

use super::doc::Doc;
use super::entry::DocEntry;
use super::revision::RevId;
use super::time::Timestamp;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Fields every edit changes; they are not the user's disagreement.
const BOOKKEEPING: [&str; 2] = ["updated_at", "updated_by"];

/// One field the live leaves disagree on.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldDiff {
    /// The field name.
    pub field: String,
    /// Each live leaf's value (`None` when that leaf lacks the field), winner first.
    pub values: Vec<(RevId, Option<Value>)>,
}

/// The live leaves of a conflicted document, winner first.
pub fn live_leaves(entry: &DocEntry) -> Vec<Doc> {
    let mut out: Vec<Doc> = entry.winner().into_iter().filter(|d| !d.deleted).collect();
    out.extend(entry.conflicts());
    out
}

/// The fields on which the live leaves disagree, in name order.
pub fn diff(entry: &DocEntry) -> Vec<FieldDiff> {
    let leaves = live_leaves(entry);
    let names: BTreeSet<&String> = leaves.iter().flat_map(|d| d.body.keys()).collect();
    names
        .into_iter()
        .filter(|f| !BOOKKEEPING.contains(&f.as_str()))
        .filter_map(|f| {
            let values: Vec<(RevId, Option<Value>)> = leaves
                .iter()
                .filter_map(|d| Some((d.rev.clone()?, d.body.get(f).cloned())))
                .collect();
            let first = &values.first()?.1;
            values.iter().any(|(_, v)| v != first).then(|| FieldDiff {
                field: f.clone(),
                values,
            })
        })
        .collect()
}

/// Why a resolution could not be built.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    /// The document has no conflict (any more).
    #[error("the document has no conflict")]
    NoConflict,
    /// A pick names a revision that is not a live leaf.
    #[error("revision {0} is not one of the conflicting versions")]
    UnknownRevision(String),
}

/// The writes that resolve a conflict: the winner edited so that each field in
/// `picks` takes the chosen leaf's value (fields not picked keep the winner's),
/// then a tombstone for every other live leaf. Written together in one batch.
pub fn resolve(
    entry: &DocEntry,
    picks: &BTreeMap<String, RevId>,
    now: Timestamp,
    by: &str,
) -> Result<Vec<Doc>, ResolveError> {
    let leaves = live_leaves(entry);
    if leaves.len() < 2 {
        return Err(ResolveError::NoConflict);
    }
    let by_rev: BTreeMap<&RevId, &Doc> = leaves
        .iter()
        .filter_map(|d| Some((d.rev.as_ref()?, d)))
        .collect();
    let mut merged = leaves[0].clone();
    for (field, rev) in picks {
        let source = by_rev
            .get(rev)
            .ok_or_else(|| ResolveError::UnknownRevision(rev.to_string()))?;
        match source.body.get(field) {
            Some(v) => merged.body.insert(field.clone(), v.clone()),
            None => merged.body.remove(field),
        };
    }
    merged
        .body
        .insert("updated_at".into(), now.to_string().into());
    merged.body.insert("updated_by".into(), by.into());
    let mut writes = vec![merged];
    writes.extend(leaves[1..].iter().map(|d| d.tombstone(now, by)));
    Ok(writes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn conflicted() -> (DocEntry, RevId, RevId) {
        let base = Doc::from_json(json!({"_id": "account:a", "type": "account", "name": "A", "city": "Huế", "segment": "SMB"})).unwrap();
        let (e1, r1) = DocEntry::apply_local(None, &base, 1).unwrap();
        let mut mine = base.clone();
        mine.rev = Some(r1.clone());
        mine.body.insert("city".into(), json!("Đà Nẵng"));
        let (e2, _) = DocEntry::apply_local(Some(&e1), &mine, 2).unwrap();
        let theirs = Doc::from_json(json!({"_id": "account:a", "type": "account", "name": "A (server)", "city": "Huế", "industry": "Bán lẻ"})).unwrap();
        let theirs_rev: RevId = "2-ffffffffffffffffffffffffffffffff".parse().unwrap();
        let e3 = DocEntry::merge_replicated(Some(&e2), &theirs, &[theirs_rev.clone(), r1], 3);
        let winner = e3.winner().unwrap().rev.unwrap();
        let loser = e3.conflicts()[0].rev.clone().unwrap();
        (e3, winner, loser)
    }

    #[test]
    fn diff_lists_only_disagreements_winner_first() {
        let (e, winner, loser) = conflicted();
        let d = diff(&e);
        let fields: Vec<&str> = d.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, vec!["city", "industry", "name", "segment"]);
        let city = &d[0];
        assert_eq!(city.values[0].0, winner);
        assert_eq!(city.values[1], (loser, Some(json!("Đà Nẵng"))));
    }

    #[test]
    fn resolution_merges_picks_and_tombstones_the_rest() {
        let (e, winner, loser) = conflicted();
        let mut picks = BTreeMap::new();
        picks.insert("city".to_string(), loser.clone());
        picks.insert("segment".to_string(), loser.clone());
        picks.insert("industry".to_string(), loser.clone()); // the loser has no industry: removed
        let writes = resolve(&e, &picks, Timestamp(0), "lan").unwrap();
        assert_eq!(writes.len(), 2);
        assert_eq!(writes[0].rev, Some(winner));
        assert_eq!(writes[0].body["city"], "Đà Nẵng");
        assert_eq!(writes[0].body["name"], "A (server)");
        assert_eq!(writes[0].body["segment"], "SMB");
        assert!(writes[0].body.get("industry").is_none());
        assert!(writes[1].deleted);
        assert_eq!(writes[1].rev, Some(loser));
        // Applying them leaves one live leaf with the merged body.
        let (e2, _) = DocEntry::apply_local(Some(&e), &writes[0], 4).unwrap();
        let (e3, _) = DocEntry::apply_local(Some(&e2), &writes[1], 5).unwrap();
        assert!(e3.conflicts().is_empty());
        assert_eq!(e3.winner().unwrap().body["city"], "Đà Nẵng");
        assert!(diff(&e3).is_empty());
        assert_eq!(
            resolve(&e3, &BTreeMap::new(), Timestamp(0), "x"),
            Err(ResolveError::NoConflict)
        );
    }

    #[test]
    fn picks_must_name_a_live_leaf() {
        let (e, _, _) = conflicted();
        let mut picks = BTreeMap::new();
        picks.insert("city".to_string(), "9-nope".parse().unwrap());
        assert!(matches!(
            resolve(&e, &picks, Timestamp(0), "x"),
            Err(ResolveError::UnknownRevision(_))
        ));
    }
}
