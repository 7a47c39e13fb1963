//! Journey maps: building and editing the map document, rich-ish cell text,
//! persona membership, figures computed from the workspace's records,
//! snapshot comparison and export (docs/domain.md#journey-maps).

pub mod compare;
pub mod edit;
pub mod export;
pub mod metrics;
pub mod rich;
