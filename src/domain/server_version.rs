//! A record put back to the server's version: what *Discard my change* does
//! with a change the server refused (its rules, its permissions). The revisions
//! only this device holds go; the revisions the server holds, each leaf with its
//! history, become the record's whole state here. A record the server never had
//! (created here, then refused) goes entirely. See docs/sync.md, "What the
//! server does not take".

use super::entry::DocEntry;
use super::replication::Incoming;

/// The entry holding only what the server sent — each of its leaves with its
/// history — at local sequence `seq`; `None` when the server holds no revision.
pub fn server_version(server: &[Incoming], seq: u64) -> Option<DocEntry> {
    server.iter().fold(None, |entry, inc| {
        Some(DocEntry::merge_replicated(
            entry.as_ref(),
            &inc.doc,
            &inc.history,
            seq,
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::doc::Doc;
    use crate::domain::revision::RevId;
    use serde_json::json;

    fn account(rev: Option<&RevId>, name: &str) -> Doc {
        let mut d =
            Doc::from_json(json!({"_id": "account:a", "type": "account", "name": name})).unwrap();
        d.rev = rev.cloned();
        d
    }

    /// What the server sends for its leaf `rev` of `local`'s history.
    fn from_server(local: &DocEntry, rev: &RevId) -> Incoming {
        let mut doc = account(Some(rev), "");
        doc.body = local.leaves[&rev.to_string()].clone();
        Incoming {
            doc,
            history: local.tree.path_to(rev),
        }
    }

    #[test]
    fn a_refused_edit_goes_and_the_servers_revision_stands_again() {
        let (synced, r1) = DocEntry::apply_local(None, &account(None, "Hưng Thịnh"), 1).unwrap();
        let server = from_server(&synced, &r1);
        let (_, r2) =
            DocEntry::apply_local(Some(&synced), &account(Some(&r1), "Forged"), 2).unwrap();
        let back = server_version(&[server], 3).unwrap();
        assert_eq!(back.winner().unwrap().body["name"], "Hưng Thịnh");
        assert_eq!(back.winner().unwrap().rev, Some(r1));
        assert!(!back.tree.contains(&r2));
        assert_eq!(back.seq, 3);
    }

    #[test]
    fn every_leaf_the_server_holds_is_kept_with_its_history() {
        let (base, r1) = DocEntry::apply_local(None, &account(None, "A"), 1).unwrap();
        let (left, r2a) = DocEntry::apply_local(Some(&base), &account(Some(&r1), "B"), 2).unwrap();
        let mut other = account(Some(&r1), "C");
        other.rev = Some(r1.clone());
        let (right, r2b) = DocEntry::apply_local(Some(&base), &other, 3).unwrap();
        let leaves = [from_server(&left, &r2a), from_server(&right, &r2b)];
        let back = server_version(&leaves, 4).unwrap();
        assert_eq!(back.tree.leaves().len(), 2);
        assert!(back.tree.contains(&r1));
    }

    #[test]
    fn a_record_the_server_never_had_leaves_nothing() {
        assert_eq!(server_version(&[], 2), None);
    }
}
