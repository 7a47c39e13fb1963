//! Checking and writing an import off the UI thread's critical path: rows are
//! planned in chunks (yielding so the progress bar moves), then written in one
//! store transaction.

use crate::domain::import::{Context, ImportKind, Planner, Rejected, Table};
use crate::domain::money::NumberLocale;
use crate::domain::records::{Account, Contact, Pipeline, WorkspaceSettings};
use crate::domain::search::normalise;
use crate::domain::Doc;
use crate::store::{Store, StoreError};
use crate::ui::common::{current_user, new_local_id, now};
use std::collections::HashMap;

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
    store: &Store,
    settings: &WorkspaceSettings,
    locale: NumberLocale,
) -> Result<Context, StoreError> {
    let accounts = store
        .records_of::<Account>()
        .await?
        .into_iter()
        .map(|(id, a)| (normalise(&a.name), id))
        .collect();
    let contacts = store
        .records_of::<Contact>()
        .await?
        .into_iter()
        .filter(|(_, c)| !c.email.is_empty())
        .map(|(id, c)| (c.email.to_lowercase(), (id, c.account_id)))
        .collect::<HashMap<_, _>>();
    let mut pipelines = store.records_of::<Pipeline>().await?;
    pipelines.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(Context {
        accounts,
        contacts,
        stages: settings.journey_stages.clone(),
        pipelines,
        currency: settings.currency,
        locale,
        now: now(),
        author: current_user(store).await,
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
