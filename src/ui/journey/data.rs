//! Loading what the journey screens need, and re-loading only when the records
//! they depend on change (a map edit must not rebuild the figures' index).

use crate::domain::journey::metrics::JourneyIndex;
use crate::domain::records::RecordType;
use crate::domain::stages::JourneyStage;
use crate::domain::Doc;
use crate::store::{Store, StoreError};
use crate::ui::common::Workspace;
use leptos::prelude::*;

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

/// A counter that bumps when a committed change touches a document that
/// `wanted` accepts (by id), or when the workspace is cleared.
pub fn change_trigger(ws: Workspace, wanted: impl Fn(&str) -> bool + 'static) -> RwSignal<u64> {
    let bump = RwSignal::new(0u64);
    Effect::new(move |_| {
        let hit = ws.last_change.with(|c| {
            c.as_ref()
                .is_some_and(|c| c.cleared || c.ids.iter().any(|id| wanted(id)))
        });
        if hit {
            bump.update(|v| *v += 1);
        }
    });
    bump
}

/// Whether `id` is a document of one of `types`.
pub fn is_of(id: &str, types: &[RecordType]) -> bool {
    types.iter().any(|t| {
        id.strip_prefix(t.as_str())
            .is_some_and(|r| r.starts_with(':'))
    })
}
