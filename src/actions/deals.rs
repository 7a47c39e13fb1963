//! Deals: moving them across the board (with their stage transitions) and
//! saving an edited or new deal.

use super::records::change_event;
use super::{now, Actor};
use crate::domain::board::{Card, MovePlan};
use crate::domain::records::StageTransition;
use crate::domain::{Doc, Record, RevId, Timestamp};
use crate::store::StoreError;

/// The next revision of a card's deal (built on the revision the card holds).
fn deal_doc(c: &Card, at: Timestamp, by: &str) -> Result<Doc, StoreError> {
    let mut doc = Doc {
        id: c.id.clone(),
        rev: c.rev.clone(),
        deleted: false,
        body: Default::default(),
    };
    doc.set_record(&c.deal, at, by)?;
    Ok(doc)
}

/// Writes a move plan's deals and transitions, and tombstones the transitions
/// named in `undone` (local ids; an undo removes the ones the move wrote), all
/// in one transaction. Returns each deal's new revision.
pub async fn write_move(
    actor: &Actor,
    plan: &MovePlan,
    undone: &[String],
) -> Result<Vec<(String, RevId)>, StoreError> {
    let (store, at, by) = (actor.store(), now(), actor.author());
    let mut docs = Vec::new();
    for c in &plan.deals {
        docs.push(deal_doc(c, at, by)?);
    }
    for (local, t) in &plan.transitions {
        docs.push(Doc::new(local, t, at, by)?);
    }
    for local in undone {
        let id = StageTransition::TYPE.doc_id(local);
        if let Some(doc) = store.get(&id).await? {
            docs.push(doc.tombstone(at, by));
        }
    }
    let outcomes = store.bulk_put(docs).await?;
    Ok(outcomes
        .into_iter()
        .filter(|o| o.id.starts_with("deal:"))
        .map(|o| (o.id, o.rev))
        .collect())
}

/// Saves an edited or new deal; `transition` (local id, record) is written with
/// it. An edit of a stored deal also records what changed, for timelines and
/// followers. Returns the deal's new revision.
pub async fn save_deal(
    actor: &Actor,
    card: &Card,
    transition: Option<(String, StageTransition)>,
) -> Result<RevId, StoreError> {
    let (store, at, by) = (actor.store(), now(), actor.author());
    let next = deal_doc(card, at, by)?;
    let change = match store.get(&card.id).await? {
        Some(old) if !old.deleted => change_event(
            &old,
            &next,
            card.deal.account_id.clone(),
            card.deal.contact_id.clone(),
            at,
            by,
        )?,
        _ => None,
    };
    let mut docs = vec![next];
    docs.extend(change);
    if let Some((local, t)) = &transition {
        docs.push(Doc::new(local, t, at, by)?);
    }
    let out = store.bulk_put(docs).await?;
    Ok(out[0].rev.clone())
}
