//! The application layer: one plain async function per use case, between the
//! screens and the store.
//!
//! Every write the app makes goes through here: screens gather input, call a
//! use case, and show its outcome; nothing in `src/ui` writes to the store.
//! Each use case is one transaction (all of its documents are written, or
//! none is) and takes its author from one [`Actor`], which the workspace
//! context builds once it knows who this device writes as. The functions know
//! nothing of Leptos, so browser tests call them directly (`tests/actions.rs`).
//!
//! Layers: `domain ← store/sync ← actions ← ui ← embed` (docs/architecture.md).

mod actor;
pub mod conflicts;
pub mod contacts;
pub mod deals;
pub mod follows;
pub mod import;
pub mod journeys;
pub mod leads;
pub mod periods;
pub mod privacy;
pub mod records;
pub mod settings;
pub mod team;
pub mod touchpoints;
pub mod workspace;

pub use actor::{new_local_id, now, Actor};
pub use records::SaveError;
