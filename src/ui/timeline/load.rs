//! Reading what a timeline needs from the store.

use crate::domain::records::{Contact, Pipeline};
use crate::domain::timeline::{build, Scope, TimelineItem};
use crate::domain::{Doc, RecordType};
use crate::store::{Store, StoreError};
use std::collections::HashMap;
use std::sync::Arc;

/// A built timeline and the names of the pipeline stages its deal moves mention.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    /// Items, newest first.
    pub items: Arc<Vec<TimelineItem>>,
    /// (pipeline id, stage id) → stage name.
    pub deal_stages: Arc<HashMap<(String, String), String>>,
}

/// Everything linked to the scope's account (one index read); a contact without an
/// account falls back to reading the timeline's record types whole.
async fn docs_for(store: &Store, scope: &Scope) -> Result<Vec<Doc>, StoreError> {
    let account = match scope {
        Scope::Account(a) => Some(a.clone()),
        Scope::Contact(c) => store
            .get(c)
            .await?
            .and_then(|d| d.record::<Contact>().ok())
            .and_then(|c| c.account_id),
    };
    if let Some(a) = account {
        return store.by_account(&a).await;
    }
    let mut all = Vec::new();
    for t in [
        RecordType::Activity,
        RecordType::StageTransition,
        RecordType::Ticket,
        RecordType::SurveyResponse,
        RecordType::RecordChange,
        RecordType::Deal,
    ] {
        all.extend(store.all_of_type(t).await?);
    }
    Ok(all)
}

/// Loads and builds the timeline of `scope`.
pub async fn load(store: Store, scope: Scope) -> Result<Loaded, StoreError> {
    let docs = docs_for(&store, &scope).await?;
    let items = build(&docs, &scope);
    let deal_stages = store
        .records_of::<Pipeline>()
        .await?
        .into_iter()
        .flat_map(|(pid, p)| {
            p.stages
                .into_iter()
                .map(move |s| ((pid.clone(), s.id), s.name))
        })
        .collect();
    Ok(Loaded {
        items: Arc::new(items),
        deal_stages: Arc::new(deal_stages),
    })
}
