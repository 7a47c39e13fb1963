//! CouchDB revision ids (`N-hash`), `_revisions` histories and revision trees
//! with the deterministic winner rule: non-deleted beats deleted, then the
//! higher generation, then the greater hash.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// A revision id: generation `pos` and an opaque `hash`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RevId {
    /// Generation, starting at 1.
    pub pos: u64,
    /// Opaque hash (32 hex digits when Waypoint makes it; any non-empty text from a server).
    pub hash: String,
}

impl Ord for RevId {
    fn cmp(&self, other: &Self) -> Ordering {
        self.pos
            .cmp(&other.pos)
            .then_with(|| self.hash.cmp(&other.hash))
    }
}

impl PartialOrd for RevId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Why a revision id could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid revision id {0:?}: expected N-hash with N >= 1")]
pub struct BadRev(pub String);

impl FromStr for RevId {
    type Err = BadRev;
    fn from_str(s: &str) -> Result<Self, BadRev> {
        let (pos, hash) = s.split_once('-').ok_or_else(|| BadRev(s.into()))?;
        let pos: u64 = pos.parse().map_err(|_| BadRev(s.into()))?;
        if pos == 0 || hash.is_empty() || hash.chars().any(|c| c.is_whitespace()) {
            return Err(BadRev(s.into()));
        }
        Ok(RevId {
            pos,
            hash: hash.into(),
        })
    }
}

impl fmt::Display for RevId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.pos, self.hash)
    }
}

impl Serialize for RevId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for RevId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// The `_revisions` field of a document: newest first, `ids[i]` has generation `start - i`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revisions {
    /// Generation of `ids[0]`.
    pub start: u64,
    /// Hashes, newest first.
    pub ids: Vec<String>,
}

impl Revisions {
    /// The revision ids, newest first; `None` when `start` is shorter than the list.
    pub fn rev_ids(&self) -> Option<Vec<RevId>> {
        if self.ids.is_empty() || (self.ids.len() as u64) > self.start {
            return None;
        }
        Some(
            self.ids
                .iter()
                .enumerate()
                .map(|(i, h)| RevId {
                    pos: self.start - i as u64,
                    hash: h.clone(),
                })
                .collect(),
        )
    }

    /// Builds `_revisions` from a path, newest first.
    pub fn from_path(path: &[RevId]) -> Self {
        Revisions {
            start: path.first().map_or(0, |r| r.pos),
            ids: path.iter().map(|r| r.hash.clone()).collect(),
        }
    }
}

/// One node of a revision tree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevNode {
    /// The parent revision, when known (a stemmed history has none for its oldest node).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<RevId>,
    /// True when this revision is a deletion (tombstone).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
}

/// A document's revision tree: every known revision with its parent link.
///
/// Merging is a set union, so merging the same revisions in any order gives the
/// same tree and therefore the same winner.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevTree {
    /// Revision id → node. Serialised with string keys (`"3-abc"`).
    #[serde(with = "node_map")]
    pub nodes: BTreeMap<RevId, RevNode>,
}

mod node_map {
    use super::{RevId, RevNode};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::BTreeMap;

    pub fn serialize<S: Serializer>(m: &BTreeMap<RevId, RevNode>, s: S) -> Result<S::Ok, S::Error> {
        let as_str: BTreeMap<String, &RevNode> =
            m.iter().map(|(k, v)| (k.to_string(), v)).collect();
        as_str.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<RevId, RevNode>, D::Error> {
        let raw = BTreeMap::<String, RevNode>::deserialize(d)?;
        raw.into_iter()
            .map(|(k, v)| Ok((k.parse().map_err(serde::de::Error::custom)?, v)))
            .collect()
    }
}

impl RevTree {
    /// True when the tree knows this revision.
    pub fn contains(&self, rev: &RevId) -> bool {
        self.nodes.contains_key(rev)
    }

    /// Adds a history path (newest first, as `_revisions` gives it). The newest
    /// revision carries `deleted`; older ones keep what the tree knew.
    pub fn insert_path(&mut self, path: &[RevId], deleted: bool) {
        for (i, rev) in path.iter().enumerate() {
            let parent = path.get(i + 1).cloned();
            let node = self.nodes.entry(rev.clone()).or_insert(RevNode {
                parent: None,
                deleted: false,
            });
            if node.parent.is_none() {
                node.parent = parent;
            }
            if i == 0 && deleted {
                node.deleted = true;
            }
        }
    }

    /// Merges another tree into this one (set union; order-independent).
    pub fn merge(&mut self, other: &RevTree) {
        for (rev, node) in &other.nodes {
            let mine = self.nodes.entry(rev.clone()).or_insert(RevNode {
                parent: None,
                deleted: false,
            });
            if mine.parent.is_none() {
                mine.parent = node.parent.clone();
            } else if let (Some(a), Some(b)) = (&mine.parent, &node.parent) {
                // Two claims for the same child: keep the smaller one so the result does not depend on order.
                if b < a {
                    mine.parent = Some(b.clone());
                }
            }
            mine.deleted |= node.deleted;
        }
    }

    /// Revisions that no other revision names as parent.
    pub fn leaves(&self) -> Vec<(RevId, bool)> {
        let parents: std::collections::BTreeSet<&RevId> = self
            .nodes
            .values()
            .filter_map(|n| n.parent.as_ref())
            .collect();
        self.nodes
            .iter()
            .filter(|(r, _)| !parents.contains(r))
            .map(|(r, n)| (r.clone(), n.deleted))
            .collect()
    }

    /// The winning leaf: non-deleted first, then highest generation, then greatest hash.
    pub fn winner(&self) -> Option<(RevId, bool)> {
        self.leaves()
            .into_iter()
            .max_by(|(a, ad), (b, bd)| (!ad).cmp(&!bd).then_with(|| a.cmp(b)))
    }

    /// Non-deleted leaves other than the winner (CouchDB's `_conflicts`), newest first.
    pub fn conflicts(&self) -> Vec<RevId> {
        let winner = self.winner().map(|(r, _)| r);
        let mut out: Vec<RevId> = self
            .leaves()
            .into_iter()
            .filter(|(r, d)| !d && Some(r) != winner.as_ref())
            .map(|(r, _)| r)
            .collect();
        out.sort_by(|a, b| b.cmp(a));
        out
    }

    /// The path from `rev` back to the oldest known ancestor, newest first.
    pub fn path_to(&self, rev: &RevId) -> Vec<RevId> {
        let mut path = Vec::new();
        let mut cur = Some(rev.clone());
        while let Some(r) = cur {
            if path.len() > self.nodes.len() {
                break; // defensive: a malformed cycle must not hang the app
            }
            cur = self.nodes.get(&r).and_then(|n| n.parent.clone());
            path.push(r);
        }
        path
    }

    /// True when `rev` is a leaf of this tree.
    pub fn is_leaf(&self, rev: &RevId) -> bool {
        self.contains(rev) && !self.nodes.values().any(|n| n.parent.as_ref() == Some(rev))
    }
}

/// Makes the id of a new local revision: generation `parent + 1` and an MD5 over
/// the parent, the deletion flag and the canonical body, like CouchDB does.
pub fn new_rev_id(parent: Option<&RevId>, deleted: bool, canonical_body: &str) -> RevId {
    use md5::{Digest, Md5};
    let mut h = Md5::new();
    if let Some(p) = parent {
        h.update(p.to_string().as_bytes());
    }
    h.update([u8::from(deleted)]);
    h.update(canonical_body.as_bytes());
    let digest = h.finalize();
    let hash: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    RevId {
        pos: parent.map_or(1, |p| p.pos + 1),
        hash,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> RevId {
        s.parse().unwrap()
    }

    #[test]
    fn parses_and_prints_rev_ids() {
        assert_eq!(
            r("3-abc"),
            RevId {
                pos: 3,
                hash: "abc".into()
            }
        );
        assert_eq!(r("12-deadbeef").to_string(), "12-deadbeef");
        for bad in ["", "abc", "0-abc", "-abc", "3-", "x-abc", "3-a b"] {
            assert!(bad.parse::<RevId>().is_err(), "{bad}");
        }
    }

    #[test]
    fn revisions_field_round_trips() {
        let revs = Revisions {
            start: 3,
            ids: vec!["c".into(), "b".into(), "a".into()],
        };
        let path = revs.rev_ids().unwrap();
        assert_eq!(path, vec![r("3-c"), r("2-b"), r("1-a")]);
        assert_eq!(Revisions::from_path(&path), revs);
        assert_eq!(
            Revisions {
                start: 1,
                ids: vec!["b".into(), "a".into()]
            }
            .rev_ids(),
            None
        );
    }

    #[test]
    fn higher_generation_wins_then_greater_hash() {
        let mut t = RevTree::default();
        t.insert_path(&[r("2-aaa"), r("1-x")], false);
        t.insert_path(&[r("2-bbb"), r("1-x")], false);
        assert_eq!(t.winner(), Some((r("2-bbb"), false)));
        assert_eq!(t.conflicts(), vec![r("2-aaa")]);
        t.insert_path(&[r("3-000"), r("2-aaa"), r("1-x")], false);
        assert_eq!(t.winner(), Some((r("3-000"), false)));
        assert_eq!(t.conflicts(), vec![r("2-bbb")]);
    }

    #[test]
    fn non_deleted_beats_deleted_even_when_older() {
        let mut t = RevTree::default();
        t.insert_path(&[r("2-a"), r("1-x")], false);
        t.insert_path(&[r("4-z"), r("3-y"), r("2-b"), r("1-x")], true);
        assert_eq!(t.winner(), Some((r("2-a"), false)));
        assert!(t.conflicts().is_empty(), "deleted leaves are not conflicts");
    }

    #[test]
    fn all_deleted_means_the_doc_is_deleted() {
        let mut t = RevTree::default();
        t.insert_path(&[r("2-a"), r("1-x")], true);
        t.insert_path(&[r("2-b"), r("1-x")], true);
        assert_eq!(t.winner(), Some((r("2-b"), true)));
        assert_eq!(t.leaves().len(), 2);
    }

    #[test]
    fn new_revs_extend_their_parent_deterministically() {
        let a = new_rev_id(None, false, r#"{"name":"A"}"#);
        assert_eq!(a.pos, 1);
        assert_eq!(a.hash.len(), 32);
        assert_eq!(a, new_rev_id(None, false, r#"{"name":"A"}"#));
        let b = new_rev_id(Some(&a), false, r#"{"name":"B"}"#);
        assert_eq!(b.pos, 2);
        assert_ne!(b, new_rev_id(Some(&a), true, r#"{"name":"B"}"#));
    }

    #[test]
    fn path_and_leaf_queries() {
        let mut t = RevTree::default();
        t.insert_path(&[r("3-c"), r("2-b"), r("1-a")], false);
        assert_eq!(t.path_to(&r("3-c")), vec![r("3-c"), r("2-b"), r("1-a")]);
        assert!(t.is_leaf(&r("3-c")));
        assert!(!t.is_leaf(&r("2-b")));
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(serde_json::from_str::<RevTree>(&json).unwrap(), t);
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod props {
        use super::*;
        use proptest::prelude::*;

        /// Random histories over a small hash alphabet, so branches share ancestors.
        fn arb_path() -> impl Strategy<Value = (Vec<RevId>, bool)> {
            (1u64..6, proptest::collection::vec(0u8..3, 6), any::<bool>()).prop_map(
                |(len, hashes, deleted)| {
                    let path = (1..=len)
                        .rev()
                        .map(|pos| {
                            // The hash depends on the generation and the branch choice at each level,
                            // so the same (pos, hash) always means the same ancestry.
                            let prefix: String = hashes[..pos as usize]
                                .iter()
                                .map(|h| char::from(b'a' + h))
                                .collect();
                            RevId { pos, hash: prefix }
                        })
                        .collect();
                    (path, deleted)
                },
            )
        }

        proptest! {
            #[test]
            fn merge_order_does_not_change_tree_or_winner(
                paths in proptest::collection::vec(arb_path(), 1..8),
                seed in any::<u64>(),
            ) {
                let mut forward = RevTree::default();
                for (p, d) in &paths {
                    forward.insert_path(p, *d);
                }
                let mut shuffled = paths.clone();
                let mut s = seed | 1;
                for i in (1..shuffled.len()).rev() {
                    s ^= s << 13; s ^= s >> 7; s ^= s << 17;
                    shuffled.swap(i, (s % (i as u64 + 1)) as usize);
                }
                // Build separate trees per path and merge them, in another order.
                let mut merged = RevTree::default();
                for (p, d) in &shuffled {
                    let mut single = RevTree::default();
                    single.insert_path(p, *d);
                    merged.merge(&single);
                }
                prop_assert_eq!(&forward, &merged);
                prop_assert_eq!(forward.winner(), merged.winner());
                prop_assert_eq!(forward.conflicts(), merged.conflicts());
            }

            #[test]
            fn winner_is_a_leaf_and_beats_every_other_leaf(
                paths in proptest::collection::vec(arb_path(), 1..8),
            ) {
                let mut t = RevTree::default();
                for (p, d) in &paths {
                    t.insert_path(p, *d);
                }
                let (w, wd) = t.winner().unwrap();
                prop_assert!(t.is_leaf(&w));
                for (leaf, d) in t.leaves() {
                    if !wd { prop_assert!(d || leaf <= w); }
                    else { prop_assert!(d && leaf <= w); }
                }
            }
        }
    }
}
