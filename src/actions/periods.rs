//! A month's period figures: acquisition spend, revenue, and what each account
//! pays per month (recurring revenue, for net revenue retention;
//! docs/domain.md#nrr). One document per month, created when missing.

use super::records::upsert;
use super::{now, Actor};
use crate::domain::money::Money;
use crate::domain::records::PeriodFigures;
use crate::domain::Record;
use crate::store::StoreError;

/// Reads `month`'s figures (new ones when there are none), lets `change`
/// edit them, and writes them back in one write.
async fn update(
    actor: &Actor,
    month: &str,
    change: impl FnOnce(&mut PeriodFigures),
) -> Result<(), StoreError> {
    let store = actor.store();
    let id = PeriodFigures::TYPE.doc_id(month);
    let existing = store.get(&id).await?.filter(|d| !d.deleted);
    let mut figures = existing
        .as_ref()
        .and_then(|d| d.record::<PeriodFigures>().ok())
        .unwrap_or_else(|| PeriodFigures::new(month));
    change(&mut figures);
    let doc = upsert(existing, month, &figures, now(), actor.author())?;
    store.put(doc).await.map(|_| ())
}

/// Sets (`Some`) or removes (`None`) `account`'s recurring amount in `month`,
/// keeping the other accounts' entries and the month's spend and revenue.
pub async fn set_recurring(
    actor: &Actor,
    month: &str,
    account: &str,
    amount: Option<Money>,
) -> Result<(), StoreError> {
    update(actor, month, |f| f.set_recurring(account, amount)).await
}

/// Records `month`'s acquisition spend and revenue; a `None` keeps what is stored.
pub async fn record_figures(
    actor: &Actor,
    month: &str,
    spend: Option<Money>,
    revenue: Option<Money>,
) -> Result<(), StoreError> {
    update(actor, month, |f| {
        if spend.is_some() {
            f.acquisition_spend = spend;
        }
        if revenue.is_some() {
            f.revenue = revenue;
        }
    })
    .await
}
