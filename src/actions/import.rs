//! Importing a CSV file: rows are checked in chunks (yielding so a progress bar
//! moves), then every planned document is written in one transaction.

use super::{new_local_id, now, Actor};
use crate::domain::import::{Context, ImportKind, Planner, Rejected, Table};
use crate::domain::money::NumberLocale;
use crate::domain::records::{Account, Contact, Pipeline, RecordType, WorkspaceSettings};
use crate::domain::search::normalise;
use crate::domain::Doc;
use crate::store::StoreError;
use std::collections::{HashMap, HashSet};

/// Rows checked per chunk before yielding to the browser.
const CHUNK: usize = 2_000;

/// The outcome of checking every row.
#[derive(Clone, Debug, Default)]
pub struct Checked {
    /// Documents to write for the valid rows.
    pub docs: Vec<Doc>,
    /// Rejected rows with reasons.
    pub rejected: Vec<Rejected>,
    /// Valid rows.
    pub accepted: usize,
    /// Accounts the import would create.
    pub new_accounts: usize,
}

/// What the workspace holds that rows refer to.
pub async fn context(
    actor: &Actor,
    settings: &WorkspaceSettings,
    locale: NumberLocale,
) -> Result<Context, StoreError> {
    let store = actor.store();
    let accounts = store
        .records_of::<Account>()
        .await?
        .into_iter()
        .map(|(id, a)| (normalise(&a.name), id))
        .collect();
    let mut contacts = HashMap::new();
    let mut contact_names = HashMap::<String, Vec<_>>::new();
    for (id, c) in store.records_of::<Contact>().await? {
        if !c.email.is_empty() {
            contacts.insert(c.email.to_lowercase(), (id.clone(), c.account_id.clone()));
        }
        contact_names
            .entry(normalise(&c.name))
            .or_default()
            .push((id, c.account_id));
    }
    let tickets: HashSet<String> = store
        .ids_of_type(RecordType::Ticket)
        .await?
        .into_iter()
        .collect();
    let mut pipelines = store.records_of::<Pipeline>().await?;
    pipelines.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(Context {
        accounts,
        contacts,
        contact_names,
        tickets,
        stages: settings.journey_stages.clone(),
        pipelines,
        currency: settings.currency,
        locale,
        now: now(),
        author: actor.author().to_string(),
    })
}

/// Checks every row, reporting `(done, total)` after each chunk.
pub async fn check(
    table: &Table,
    kind: ImportKind,
    mapping: Vec<Option<usize>>,
    ctx: Context,
    mut progress: impl FnMut(usize, usize),
) -> Checked {
    let total = table.rows.len();
    let mut planner = Planner::new(table, kind, mapping, ctx, new_local_id);
    for start in (0..total).step_by(CHUNK) {
        for i in start..(start + CHUNK).min(total) {
            planner.row(i);
        }
        progress((start + CHUNK).min(total), total);
        gloo_timers::future::TimeoutFuture::new(0).await;
    }
    Checked {
        docs: std::mem::take(&mut planner.docs),
        rejected: std::mem::take(&mut planner.rejected),
        accepted: planner.accepted,
        new_accounts: planner.new_accounts,
    }
}

/// Writes a checked import in one transaction: every planned document is
/// written, or none is. Returns how many documents were written.
pub async fn commit(actor: &Actor, checked: Checked) -> Result<usize, StoreError> {
    let n = checked.docs.len();
    actor.store().bulk_put(checked.docs).await?;
    Ok(n)
}
