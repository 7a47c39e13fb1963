//! Journey maps: building and editing the map document, rich-ish cell text,
//! persona membership, figures computed from the workspace's records,
//! snapshot comparison and export (DOMAIN.md §2).

pub mod compare;
pub mod edit;
pub mod export;
pub mod metrics;
pub mod rich;
