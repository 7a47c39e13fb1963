//! Replication with CouchDB-compatible servers (CouchDB, Cloudant, PouchDB Server)
//! over the CouchDB replication protocol. No DOM access here: HTTP goes through
//! gloo-net, storage through [`crate::store::Store`], and the protocol's shapes and
//! rules through [`crate::domain::replication`].

mod attachments;
mod config;
mod discard;
mod erasure;
mod error;
mod live;
mod remote;
mod replicate;
mod scoped;
mod team;

pub use config::{SignIn, SyncConfig, SYNC_SETTING};
pub use discard::discard_refused;
pub use erasure::settle_erasure_conflicts;
pub use error::SyncError;
pub use live::{LiveStatus, LiveSync};
pub use remote::{Auth, Remote};
pub use replicate::{
    held_state, pending_changes, pull, push, sync_once, Options, Report, HELD_SETTING,
};
pub use scoped::{offline_scope, set_offline_scope};
pub use team::{
    bundled_rules_version, check_rules, install_rules, invite, share_with_partner, Invited,
};
