//! What a device keeps offline: the whole workspace, or a territory (one
//! owner's, one region's, or a list of accounts) with everything that belongs to
//! it, for workspaces too large for the device.
//!
//! A scoped pull runs in four phases over the server's change feed, so that a
//! document is judged only after what it hangs on is here: first the directory
//! (accounts, kept by the scope's rule, and workspace-wide documents: pipelines,
//! settings, personas, maps), then contacts (kept when their account is kept,
//! or, for an owner scope, when the owner owns them), then deals (the same, or
//! through a kept contact), then everything else (kept when it names a kept
//! account, contact or deal). Pull and eviction judge with the same [`Held`]
//! sets: what is in scope, not merely on the device. A document this device
//! already holds is always updated, and tombstones always pass, so a conflict or
//! a deletion is never split between devices. Documents that fall out of scope
//! are removed from the device only when the server holds every revision of
//! theirs (`_revs_diff`); nothing unsynced is ever removed.

use super::records::RecordType;
use super::search::normalise;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::HashSet;

/// What this device keeps offline.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OfflineScope {
    /// The whole workspace.
    #[default]
    All,
    /// Accounts, contacts and deals one person owns, and what belongs to them.
    Owner {
        /// The owner's name, as records spell it (case and accents ignored).
        owner: String,
    },
    /// Accounts in one region, and what belongs to them.
    Region {
        /// The region (case and accents ignored).
        region: String,
    },
    /// A list of accounts, and what belongs to them.
    Accounts {
        /// Account document ids (`account:…`).
        ids: Vec<String>,
    },
}

/// The pass of a scoped pull a document belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    /// Accounts and workspace-wide documents.
    Directory,
    /// Contacts.
    Contacts,
    /// Deals (after contacts: a deal may belong through its contact).
    Deals,
    /// Touchpoints, moves, tickets, surveys, edits, follows.
    Rest,
}

impl Phase {
    /// Every phase, in the order a pull runs them.
    pub const ALL: [Phase; 4] = [Phase::Directory, Phase::Contacts, Phase::Deals, Phase::Rest];

    /// The phase of a document, from its id's type prefix (unknown types go with
    /// the directory, so a server's odd document is still seen and quarantined).
    pub fn of_id(id: &str) -> Phase {
        let t = id.split_once(':').map_or("", |(t, _)| t);
        match RecordType::parse(t) {
            Some(RecordType::Contact) => Phase::Contacts,
            Some(RecordType::Deal) => Phase::Deals,
            Some(
                RecordType::Activity
                | RecordType::StageTransition
                | RecordType::Ticket
                | RecordType::SurveyResponse
                | RecordType::RecordChange
                | RecordType::Follow,
            ) => Phase::Rest,
            _ => Phase::Directory,
        }
    }

    fn tag(self) -> &'static str {
        match self {
            Phase::Directory => "directory",
            Phase::Contacts => "contacts",
            Phase::Deals => "deals",
            Phase::Rest => "rest",
        }
    }
}

/// Ids in scope that other documents hang on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Held {
    /// Account ids.
    pub accounts: HashSet<String>,
    /// Contact and deal ids.
    pub people: HashSet<String>,
}

fn text<'a>(body: &'a Map<String, Value>, field: &str) -> &'a str {
    body.get(field).and_then(Value::as_str).unwrap_or("")
}

fn same(a: &str, b: &str) -> bool {
    let a = normalise(a);
    !a.is_empty() && a == normalise(b)
}

impl OfflineScope {
    /// True for the whole workspace.
    pub fn is_all(&self) -> bool {
        *self == OfflineScope::All
    }

    /// A stable text naming this scope and `phase`, part of the pull's
    /// replication id (a changed scope starts its own checkpoints). `accounts`
    /// is a digest of the accounts held, for the phases that depend on them.
    pub fn replication_key(&self, phase: Phase, accounts: &str) -> String {
        let rule = match self {
            OfflineScope::All => "all".to_string(),
            OfflineScope::Owner { owner } => format!("owner={}", normalise(owner)),
            OfflineScope::Region { region } => format!("region={}", normalise(region)),
            OfflineScope::Accounts { ids } => {
                let mut ids = ids.clone();
                ids.sort();
                ids.dedup();
                format!("accounts={}", ids.join(","))
            }
        };
        match phase {
            Phase::Directory => format!("{rule}#{}", phase.tag()),
            _ => format!("{rule}#{}#{accounts}", phase.tag()),
        }
    }

    /// Whether an account (its id and body) is in this scope by rule.
    pub fn account_in(&self, id: &str, body: &Map<String, Value>) -> bool {
        match self {
            OfflineScope::All => true,
            OfflineScope::Owner { owner } => same(owner, text(body, "owner")),
            OfflineScope::Region { region } => same(region, text(body, "region")),
            OfflineScope::Accounts { ids } => ids.iter().any(|i| i == id),
        }
    }

    /// Whether a live document belongs on this device, given what is held.
    pub fn keeps(&self, id: &str, body: &Map<String, Value>, held: &Held) -> bool {
        if self.is_all() {
            return true;
        }
        let linked = |field: &str| {
            let v = text(body, field);
            !v.is_empty() && (held.accounts.contains(v) || held.people.contains(v))
        };
        let owned = || match self {
            OfflineScope::Owner { owner } => same(owner, text(body, "owner")),
            _ => false,
        };
        match Phase::of_id(id) {
            Phase::Directory => match RecordType::parse(id.split(':').next().unwrap_or("")) {
                Some(RecordType::Account) => self.account_in(id, body),
                _ => true,
            },
            Phase::Contacts | Phase::Deals => {
                linked("account_id") || linked("contact_id") || owned()
            }
            Phase::Rest => ["account_id", "contact_id", "deal_id", "subject_id"]
                .iter()
                .any(|f| linked(f)),
        }
    }
}

/// A short digest of a set of ids (order-free), for [`OfflineScope::replication_key`].
pub fn ids_digest<'a>(ids: impl IntoIterator<Item = &'a String>) -> String {
    use md5::{Digest, Md5};
    let mut sorted: Vec<&String> = ids.into_iter().collect();
    sorted.sort();
    let mut h = Md5::new();
    for id in sorted {
        h.update(id.as_bytes());
        h.update([0]);
    }
    h.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn body(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    fn held(accounts: &[&str], people: &[&str]) -> Held {
        Held {
            accounts: accounts.iter().map(|s| s.to_string()).collect(),
            people: people.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn phases_follow_the_type_prefix() {
        assert_eq!(Phase::of_id("account:a1"), Phase::Directory);
        assert_eq!(Phase::of_id("pipeline:p"), Phase::Directory);
        assert_eq!(Phase::of_id("gadget:1"), Phase::Directory);
        assert_eq!(Phase::of_id("contact:c1"), Phase::Contacts);
        assert_eq!(Phase::of_id("deal:d1"), Phase::Deals);
        assert_eq!(Phase::of_id("activity:x"), Phase::Rest);
        assert_eq!(Phase::of_id("follow:x"), Phase::Rest);
    }

    #[test]
    fn owner_and_region_match_ignoring_case_and_accents() {
        let a = body(json!({"owner": "Nguyễn Lan", "region": "Miền Nam"}));
        let owner = OfflineScope::Owner {
            owner: "nguyen lan".into(),
        };
        assert!(owner.account_in("account:a1", &a));
        assert!(!OfflineScope::Owner {
            owner: "minh".into()
        }
        .account_in("account:a1", &a));
        assert!(OfflineScope::Region {
            region: "MIEN NAM".into()
        }
        .account_in("account:a1", &a));
        // An empty rule matches nothing, not every record without an owner.
        let none = body(json!({"owner": ""}));
        assert!(!OfflineScope::Owner { owner: "".into() }.account_in("account:a1", &none));
        let list = OfflineScope::Accounts {
            ids: vec!["account:a2".into()],
        };
        assert!(list.account_in("account:a2", &a) && !list.account_in("account:a1", &a));
    }

    #[test]
    fn related_documents_follow_what_is_held() {
        let scope = OfflineScope::Region {
            region: "Bắc".into(),
        };
        let h = held(&["account:a1"], &["contact:c1", "deal:d1"]);
        assert!(scope.keeps("contact:c9", &body(json!({"account_id": "account:a1"})), &h));
        assert!(!scope.keeps("contact:c8", &body(json!({"account_id": "account:a7"})), &h));
        assert!(scope.keeps("deal:d9", &body(json!({"contact_id": "contact:c1"})), &h));
        assert!(scope.keeps("activity:x", &body(json!({"contact_id": "contact:c1"})), &h));
        assert!(scope.keeps("activity:y", &body(json!({"deal_id": "deal:d1"})), &h));
        assert!(scope.keeps(
            "stage_transition:t",
            &body(json!({"subject_id": "deal:d1"})),
            &h
        ));
        assert!(scope.keeps("follow:f", &body(json!({"subject_id": "account:a1"})), &h));
        assert!(!scope.keeps(
            "activity:z",
            &body(json!({"contact_id": "contact:c5", "account_id": ""})),
            &h
        ));
        // Workspace-wide documents are always kept.
        assert!(scope.keeps("pipeline:p1", &body(json!({})), &h));
        assert!(scope.keeps("settings:workspace", &body(json!({})), &h));
        assert!(scope.keeps("journey_map:m", &body(json!({})), &h));
        // The whole workspace keeps everything.
        assert!(OfflineScope::All.keeps("activity:z", &body(json!({})), &Held::default()));
    }

    #[test]
    fn an_owner_scope_keeps_their_own_people_and_deals_anywhere() {
        let scope = OfflineScope::Owner {
            owner: "lan".into(),
        };
        let h = Held::default();
        assert!(scope.keeps(
            "deal:d",
            &body(json!({"owner": "Lan", "account_id": "account:zz"})),
            &h
        ));
        assert!(!scope.keeps("deal:e", &body(json!({"owner": "minh"})), &h));
        assert!(scope.keeps("contact:c", &body(json!({"owner": "LAN"})), &h));
    }

    #[test]
    fn replication_keys_change_with_the_rule_and_the_accounts_held() {
        let s = OfflineScope::Accounts {
            ids: vec!["account:b".into(), "account:a".into()],
        };
        let t = OfflineScope::Accounts {
            ids: vec!["account:a".into(), "account:b".into()],
        };
        assert_eq!(
            s.replication_key(Phase::Deals, "x"),
            t.replication_key(Phase::Deals, "x")
        );
        assert_ne!(
            s.replication_key(Phase::Deals, "x"),
            s.replication_key(Phase::Deals, "y")
        );
        assert_eq!(
            s.replication_key(Phase::Directory, "x"),
            s.replication_key(Phase::Directory, "y"),
            "the directory does not depend on what it brings"
        );
        assert_ne!(
            s.replication_key(Phase::Rest, "x"),
            s.replication_key(Phase::Deals, "x")
        );
        let a: Vec<String> = vec!["b".into(), "a".into()];
        let b: Vec<String> = vec!["a".into(), "b".into()];
        assert_eq!(ids_digest(&a), ids_digest(&b));
        assert_ne!(ids_digest(&a), ids_digest(&a[..1]));
    }

    #[test]
    fn scopes_round_trip_as_json() {
        for s in [
            OfflineScope::All,
            OfflineScope::Owner {
                owner: "Lan".into(),
            },
            OfflineScope::Region {
                region: "Miền Bắc".into(),
            },
            OfflineScope::Accounts {
                ids: vec!["account:a1".into()],
            },
        ] {
            let j = serde_json::to_value(&s).unwrap();
            assert_eq!(serde_json::from_value::<OfflineScope>(j).unwrap(), s);
        }
        assert_eq!(
            serde_json::to_value(OfflineScope::Owner { owner: "x".into() }).unwrap(),
            json!({"kind": "owner", "owner": "x"})
        );
    }
}
