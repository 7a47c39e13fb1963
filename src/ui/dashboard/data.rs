//! Loading the dashboard's index: the documents every figure reads, indexed
//! once per change of the workspace (never per filter change).

use crate::domain::dashboard::DashboardIndex;
use crate::domain::records::WorkspaceSettings;
use crate::domain::RecordType;
use crate::store::{Store, StoreError};
use std::sync::Arc;

/// The record types the figures read.
const TYPES: [RecordType; 10] = [
    RecordType::Account,
    RecordType::Contact,
    RecordType::Persona,
    RecordType::Pipeline,
    RecordType::Deal,
    RecordType::StageTransition,
    RecordType::Activity,
    RecordType::Ticket,
    RecordType::SurveyResponse,
    RecordType::Period,
];

/// Reads the documents and builds the index under `settings`.
pub async fn load_index(
    store: Store,
    settings: WorkspaceSettings,
) -> Result<Arc<DashboardIndex>, StoreError> {
    let mut docs = Vec::new();
    for t in TYPES {
        docs.extend(store.all_of_type(t).await?);
    }
    Ok(Arc::new(DashboardIndex::build(&docs, &settings)))
}
