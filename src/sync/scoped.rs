//! Pulling only this device's offline scope ([`crate::domain::scope`]) and
//! letting go of what has left it. The scope is a device setting (IndexedDB's
//! device-local settings), read at the start of every sync round.

use super::replicate::{pull_with, Options, Report};
use super::{Remote, SyncError};
use crate::domain::records::RecordType;
use crate::domain::replication::{leaf_map, Incoming};
use crate::domain::scope::{ids_digest, Held, OfflineScope, Phase};
use crate::domain::Doc;
use crate::domain::RevId;
use crate::store::Store;
use std::collections::HashSet;

/// The device-local setting holding the scope.
const SCOPE: &str = "offline_scope";
/// The device-local setting naming the scope and accounts last applied by eviction.
const APPLIED: &str = "offline_scope_applied";
/// The device-local count of scope choices. It names every pull's checkpoints,
/// so after a choice (even the same one again) each pull reads the server's feed
/// from the start once and brings what the scope now wants: going back to the
/// whole workspace after a territory brings back what left the device.
const GENERATION: &str = "scope_generation";

async fn generation(store: &Store) -> Result<u64, SyncError> {
    Ok(store
        .local_setting(GENERATION)
        .await?
        .and_then(|v| v.as_u64())
        .unwrap_or(0))
}

/// This device's offline scope (the whole workspace unless a person chose one).
pub async fn offline_scope(store: &Store) -> Result<OfflineScope, SyncError> {
    Ok(store
        .local_setting(SCOPE)
        .await?
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default())
}

/// Chooses what this device keeps offline; the next sync round applies it and
/// reads the server's feed from the start once for it (so saving the same
/// choice again also fetches records that came into it through a reassignment).
pub async fn set_offline_scope(store: &Store, scope: &OfflineScope) -> Result<(), SyncError> {
    let v = serde_json::to_value(scope).unwrap_or_default();
    store.set_local_setting(SCOPE, &v).await?;
    let next = generation(store).await? + 1;
    Ok(store
        .set_local_setting(GENERATION, &serde_json::json!(next))
        .await?)
}

/// One phase of a scoped pull: which change rows to read, and which documents to keep.
pub(super) struct Filter<'a> {
    scope: &'a OfflineScope,
    phase: Phase,
    held: Held,
    /// Names this phase's checkpoints.
    pub key: String,
}

impl Filter<'_> {
    /// Whether a change row belongs to this phase.
    pub fn takes(&self, id: &str) -> bool {
        Phase::of_id(id) == self.phase
    }

    /// Keeps the revisions in scope, tombstones, and anything already held here
    /// (so a held document is always brought up to date); returns them and how
    /// many documents were left on the server.
    pub async fn sift(
        &self,
        store: &Store,
        incoming: Vec<Incoming>,
    ) -> Result<(Vec<Incoming>, usize), SyncError> {
        let in_scope =
            |i: &Incoming| i.doc.deleted || self.scope.keeps(&i.doc.id, &i.doc.body, &self.held);
        let outside: Vec<String> = incoming
            .iter()
            .filter(|i| !in_scope(i))
            .map(|i| i.doc.id.clone())
            .collect();
        let held: HashSet<String> = store.held(&outside).await?.into_iter().collect();
        // Every revision of a document goes the same way (a conflict is never split).
        let keep: HashSet<String> = incoming
            .iter()
            .filter(|i| in_scope(i) || held.contains(&i.doc.id))
            .map(|i| i.doc.id.clone())
            .collect();
        let skipped: HashSet<&String> = outside.iter().filter(|id| !keep.contains(*id)).collect();
        let kept = incoming
            .into_iter()
            .filter(|i| keep.contains(&i.doc.id))
            .collect();
        Ok((kept, skipped.len()))
    }
}

/// Judges the accounts, and the contacts and deals of phases before `upto`, on
/// this device against `scope`, in that order (each may belong through the one
/// before). Returns what is in scope and the ids of what is not. Pull and
/// eviction both use it, so they never disagree about what belongs.
async fn judge(
    store: &Store,
    scope: &OfflineScope,
    upto: Phase,
) -> Result<(Held, Vec<String>), SyncError> {
    let accounts = store.all_of_type(RecordType::Account).await?;
    let (kept, mut out) = ids_not_kept(&accounts, |d| scope.account_in(&d.id, &d.body));
    let mut held = Held {
        accounts: kept.into_iter().collect(),
        people: HashSet::new(),
    };
    for (t, phase) in [
        (RecordType::Contact, Phase::Contacts),
        (RecordType::Deal, Phase::Deals),
    ] {
        if phase >= upto {
            break;
        }
        let docs = store.all_of_type(t).await?;
        let (kept, gone) = ids_not_kept(&docs, |d| scope.keeps(&d.id, &d.body, &held));
        held.people.extend(kept);
        out.extend(gone);
    }
    Ok((held, out))
}

/// Pulls the server into the store within `scope`: everything for the whole
/// workspace, else the four phases in order, each with its own checkpoints.
pub async fn pull_scoped(
    store: &Store,
    remote: &Remote,
    opts: &Options,
    scope: &OfflineScope,
) -> Result<Report, SyncError> {
    let gen = generation(store).await?;
    let errors = super::attachments::retry_pending(store, remote).await?;
    if scope.is_all() {
        // Devices that never chose a scope keep their first checkpoints.
        let variant = (gen > 0).then(|| format!("g{gen}"));
        let mut r = pull_with(store, remote, opts, variant.as_deref(), None).await?;
        r.errors.splice(0..0, errors);
        return Ok(r);
    }
    let mut total = Report {
        errors,
        ..Report::default()
    };
    for phase in Phase::ALL {
        let held = match phase {
            Phase::Directory => Held::default(),
            _ => judge(store, scope, phase).await?.0,
        };
        let key = format!(
            "{}#g{gen}",
            scope.replication_key(phase, &ids_digest(&held.accounts))
        );
        let filter = Filter {
            scope,
            phase,
            held,
            key,
        };
        let r = pull_with(store, remote, opts, Some(&filter.key), Some(&filter)).await?;
        total.changes_read += r.changes_read;
        total.revisions_written += r.revisions_written;
        total.errors.extend(r.errors);
        total.batches += r.batches;
        total.out_of_scope += r.out_of_scope;
        total.last_seq = r.last_seq;
    }
    Ok(total)
}

/// Of `ids`, those whose every leaf revision the server holds (`_revs_diff`
/// names none missing), with those leaves: only these may leave the device, and
/// only while their leaves are still exactly these. A push checkpoint is not
/// enough, since a server may have refused a revision and the push moved on.
async fn on_server(
    store: &Store,
    remote: &Remote,
    ids: &[String],
) -> Result<Vec<(String, Vec<RevId>)>, SyncError> {
    let offered = leaf_map(&store.entries(ids).await?);
    let missing = remote.revs_diff(&offered).await?;
    Ok(offered
        .into_iter()
        .filter(|(id, _)| missing.get(id).is_none_or(|m| m.is_empty()))
        .collect())
}

fn ids_not_kept(docs: &[Doc], keeps: impl Fn(&Doc) -> bool) -> (Vec<String>, Vec<String>) {
    let (kept, out): (Vec<&Doc>, Vec<&Doc>) = docs.iter().partition(|d| keeps(d));
    (
        kept.into_iter().map(|d| d.id.clone()).collect(),
        out.into_iter().map(|d| d.id.clone()).collect(),
    )
}

/// Removes from this device the live documents outside `scope` whose every
/// revision is on the server; returns how many. Runs only when the scope or the
/// accounts it selects changed since it last completed, so a steady round reads
/// just the accounts.
pub async fn evict_out_of_scope(
    store: &Store,
    remote: &Remote,
    scope: &OfflineScope,
) -> Result<usize, SyncError> {
    if scope.is_all() {
        // Nothing leaves; a scope chosen again later is applied afresh.
        if store
            .local_setting(APPLIED)
            .await?
            .is_some_and(|v| !v.is_null())
        {
            store
                .set_local_setting(APPLIED, &serde_json::Value::Null)
                .await?;
        }
        return Ok(0);
    }
    let (held, mut out) = judge(store, scope, Phase::Rest).await?;
    let marker = serde_json::Value::String(format!(
        "{}|{}",
        scope.replication_key(Phase::Directory, ""),
        ids_digest(&held.accounts)
    ));
    if store.local_setting(APPLIED).await?.as_ref() == Some(&marker) {
        return Ok(0);
    }
    for t in RecordType::ALL
        .into_iter()
        .filter(|t| Phase::of_id(&t.doc_id("x")) == Phase::Rest)
    {
        let docs = store.all_of_type(t).await?;
        out.extend(ids_not_kept(&docs, |d| scope.keeps(&d.id, &d.body, &held)).1);
    }
    let mut confirmed = Vec::new();
    for ids in out.chunks(500) {
        confirmed.extend(on_server(store, remote, ids).await?);
    }
    let evicted = store.evict(&confirmed).await?;
    // Documents with unsynced changes stay; the next round tries them again.
    if evicted.len() == out.len() {
        store.set_local_setting(APPLIED, &marker).await?;
    }
    Ok(evicted.len())
}
