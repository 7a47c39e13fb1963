//! Pure domain logic: records, money, stages, search normalisation, revisions,
//! validation and the sample-data generator. Nothing here touches the browser,
//! so all of it is tested natively with `cargo test`.

pub mod account_of;
pub mod ascii_json;
pub mod attachment;
pub mod board;
pub mod conflict;
pub mod csv_out;
pub mod customers;
pub mod dashboard;
pub mod doc;
pub mod embed;
pub mod entry;
pub mod gdpr;
pub mod growth;
pub mod held_back;
// proptest is a native-only dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod hostile_input;
pub mod import;
pub mod journey;
pub mod keyed_text;
pub mod lead_source;
pub mod links;
pub mod money;
pub mod notices;
pub mod records;
pub mod replication;
pub mod revision;
pub mod sample;
pub mod scope;
pub mod search;
#[cfg(test)]
mod server_rules;
pub mod server_version;
pub mod sla;
pub mod stages;
pub mod storage;
pub mod support;
pub mod team;
pub mod three_way;
pub mod time;
pub mod timeline;
pub mod validate;

pub use ascii_json::ascii_json;
pub use doc::{Doc, DocError};
pub use entry::{DocEntry, WriteError};
pub use money::{Currency, Money};
pub use records::{Record, RecordType};
pub use revision::{RevId, RevTree};
pub use time::Timestamp;
pub use validate::{FieldError, ValidationErrors};
