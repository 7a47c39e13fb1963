//! A person's right to their data: everything about a contact, and erasing
//! them (new revisions that sync; docs/domain.md#privacy and `domain::gdpr`).

use super::{new_local_id, now, Actor};
use crate::domain::gdpr::{erase_doc, erasure_event, refers_to};
use crate::domain::{Doc, RecordType};
use crate::store::{Store, StoreError};

/// Types that can refer to a contact.
const REFERRING: [RecordType; 8] = [
    RecordType::Contact,
    RecordType::Activity,
    RecordType::Ticket,
    RecordType::SurveyResponse,
    RecordType::RecordChange,
    RecordType::StageTransition,
    RecordType::Deal,
    RecordType::Follow,
];

/// Every live document that refers to `contact_id` (the contact itself included).
pub async fn referring(store: &Store, contact_id: &str) -> Result<Vec<Doc>, StoreError> {
    let mut out = Vec::new();
    for t in REFERRING {
        out.extend(
            store
                .all_of_type(t)
                .await?
                .into_iter()
                .filter(|d| refers_to(d, contact_id)),
        );
    }
    Ok(out)
}

/// Erases the person in one transaction: the erased revision of every document
/// that holds their data, tombstones for any conflicting leaves of those
/// documents (which may hold it too), and the event recording the erasure.
pub async fn erase(
    actor: &Actor,
    contact_id: &str,
    account_id: Option<String>,
) -> Result<usize, StoreError> {
    let (store, at, by) = (actor.store(), now(), actor.author());
    let docs = referring(store, contact_id).await?;
    let ids: Vec<String> = docs.iter().map(|d| d.id.clone()).collect();
    let mut writes = Vec::new();
    for entry in store.entries(&ids).await?.into_iter().flatten() {
        let Some(winner) = entry.winner() else {
            continue;
        };
        let Some(erased) = erase_doc(&winner, contact_id, at, by) else {
            continue;
        };
        writes.push(erased);
        writes.extend(entry.conflicts().iter().map(|c| c.tombstone(at, by)));
    }
    let rewritten = writes.iter().filter(|d| !d.deleted).count();
    let event = Doc::new(
        &new_local_id("x"),
        &erasure_event(contact_id, account_id, at, by),
        at,
        by,
    )?;
    writes.push(event);
    store.bulk_put(writes).await?;
    Ok(rewritten)
}
