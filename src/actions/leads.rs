//! Flagging a support-qualified lead (docs/domain.md#support-qualified-leads):
//! support hands an upsell or cross-sell to sales. It becomes a deal in the
//! chosen pipeline's first stage, assigned by the workspace rule, linked to
//! its ticket, and the assignee is told in their inbox (they follow the deal,
//! and the flag is a record change they did not make).

use super::{new_local_id, now, Actor};
use crate::domain::money::Currency;
use crate::domain::records::{
    Deal, FieldChange, Follow, LeadAssignment, Pipeline, RecordChange, StageTransition,
    TransitionSubject,
};
use crate::domain::support::{assignee, lead_deal, LeadError, LeadInput};
use crate::domain::{Doc, DocError, Record};
use crate::store::StoreError;

/// Why a lead was not flagged; nothing was written.
#[derive(Clone, Debug)]
pub enum FlagError {
    /// The form is incomplete.
    Lead(LeadError),
    /// The store refused.
    Store(StoreError),
}

/// Where a flagged lead goes and who gets it.
pub struct Routing<'a> {
    /// The pipeline's document id.
    pub pipeline_id: &'a str,
    /// The pipeline (its first stage receives the deal).
    pub pipeline: &'a Pipeline,
    /// The workspace's assignment rule.
    pub rule: &'a LeadAssignment,
    /// The account's owner, when the customer has an account with one.
    pub account_owner: Option<&'a str>,
    /// Leads flagged so far (for round-robin assignment).
    pub leads_so_far: usize,
    /// The workspace currency.
    pub currency: Currency,
}

/// Flags `input` (its `flagged_by` is the actor) as a new deal routed by
/// `routing`; returns the deal as written and its local id.
pub async fn flag(
    actor: &Actor,
    mut input: LeadInput,
    routing: Routing<'_>,
) -> Result<(Deal, String), FlagError> {
    let by = actor.author();
    input.flagged_by = by.to_string();
    let owner = assignee(
        routing.rule,
        routing.account_owner,
        by,
        routing.leads_so_far,
    );
    let deal = lead_deal(
        &input,
        routing.pipeline_id,
        routing.pipeline,
        &owner,
        now(),
        routing.currency,
    )
    .map_err(FlagError::Lead)?;
    let local = new_local_id("d");
    let docs = lead_docs(&deal, &local, by).map_err(|e| FlagError::Store(e.into()))?;
    actor
        .store()
        .bulk_put(docs)
        .await
        .map_err(FlagError::Store)?;
    Ok((deal, local))
}

/// The deal, its first stage entry, the flag as a record change (the inbox
/// notice) and the assignee's follow, written in one transaction.
fn lead_docs(deal: &Deal, deal_local: &str, by: &str) -> Result<Vec<Doc>, DocError> {
    let at = deal.stage_entered_at;
    let id = Deal::TYPE.doc_id(deal_local);
    let entry = StageTransition {
        subject: TransitionSubject::Deal,
        subject_id: id.clone(),
        account_id: deal.account_id.clone(),
        from_stage: None,
        to_stage: deal.stage_id.clone(),
        occurred_at: at,
        by: by.to_owned(),
        extra: Default::default(),
    };
    let note = deal
        .support_lead
        .as_ref()
        .map(|l| l.note.clone())
        .unwrap_or_default();
    let flag = RecordChange {
        subject_id: id.clone(),
        account_id: deal.account_id.clone(),
        contact_id: deal.contact_id.clone(),
        changes: vec![
            FieldChange {
                field: "support_lead".into(),
                from: String::new(),
                to: note,
            },
            FieldChange {
                field: "owner".into(),
                from: String::new(),
                to: deal.owner.clone(),
            },
        ],
        occurred_at: at,
        by: by.to_owned(),
        extra: Default::default(),
    };
    let follow = Follow {
        subject_id: id.clone(),
        follower: deal.owner.clone(),
        since: at,
        extra: Default::default(),
    };
    Ok(vec![
        Doc::new(deal_local, deal, at, by)?,
        Doc::new(&format!("{deal_local}-s0"), &entry, at, by)?,
        Doc::new(&new_local_id("x"), &flag, at, by)?,
        Doc::new(&Follow::local_id(&id, &deal.owner), &follow, at, by)?,
    ])
}
