//! Loading what the journey screens need, and re-loading only when the records
//! they depend on change (a map edit must not rebuild the figures' index).

use crate::domain::journey::metrics::JourneyIndex;
use crate::domain::records::RecordType;
use crate::domain::stages::JourneyStage;
use crate::domain::Doc;
use crate::store::{Store, StoreError};

/// The record types journey figures are computed from.
pub const FIGURE_SOURCES: [RecordType; 5] = [
    RecordType::Contact,
    RecordType::Account,
    RecordType::StageTransition,
    RecordType::Activity,
    RecordType::SurveyResponse,
];

/// Reads `types` and builds the figures' index over the workspace stages.
pub async fn load_index(
    store: &Store,
    types: &[RecordType],
    stages: &[JourneyStage],
) -> Result<JourneyIndex, StoreError> {
    let mut docs: Vec<Doc> = Vec::new();
    for t in types {
        docs.extend(store.all_of_type(*t).await?);
    }
    Ok(JourneyIndex::build(&docs, stages))
}
