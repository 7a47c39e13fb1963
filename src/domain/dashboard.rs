//! The KPI dashboard (docs/domain.md#metrics): survey scores, the journey funnel,
//! retention and churn, the sales pipeline, lead sources, support and
//! acquisition economics, all under one date range and segment / persona filter.
//!
//! [`DashboardIndex::build`] turns the documents into compact arrays once per
//! load; [`compute`] re-runs after every filter change and only walks those
//! arrays. Every figure says how many records it rests on (`based_on`) and
//! which (`records`: indexes for [`DashboardIndex::doc_id`], ascending,
//! without repeats), and is `None` / empty rather than 0 when there is nothing
//! to compute from.
//!
//! # Definitions
//! - **Customer**: the account a record names (directly or through its
//!   contact); a contact without an account is a customer of its own.
//! - **Purchase**: a `purchase` activity, or a deal won (at its close). A
//!   customer's **first purchase** makes it a **new customer** in that month.
//! - **Active customer** at an instant: its latest purchase or churn before
//!   that instant is a purchase (a churn ends it, a later purchase restarts it).
//! - **Churn rate** of a period = active customers at its start with a churn
//!   activity inside it ÷ active customers at its start; retention = 1 − churn.
//! - **First touch** of a customer: its earliest activity, contact stage
//!   transition, captured lead source or deal creation.
//! - **Deal created** = its first deal stage transition (else `stage_entered_at`);
//!   **deal closed** = its latest transition to `won` / `lost` (else `stage_entered_at`).
//! - **Stock figures** (open pipeline, open tickets) are taken **as of** the
//!   end of the range, or now when that is earlier; everything else counts
//!   events inside the range.
//! - **Months** are calendar months in the workspace's local time (the SLA
//!   settings' UTC offset); monthly series cover the range, clipped to it.
//!
//! See each module for its own figures' definitions.

mod acquisition;
mod compute;
mod figure;
mod filter;
mod funnel;
mod index;
mod month;
mod pipeline;
mod retention;
mod scores;
mod sources;
mod support;

pub use acquisition::{Acquisition, AcquisitionMonth};
pub use compute::{compute, DashboardFigures};
pub use figure::{MoneyStat, Stat};
pub use filter::{DashboardFilter, MAX_MONTHS};
pub use funnel::{Funnel, FunnelStage};
pub use index::DashboardIndex;
pub use month::Month;
pub use pipeline::{PipelineFigures, PipelineMonth};
pub use retention::{ChurnReason, Nrr, Retention, RetentionMonth};
pub use scores::{NpsFigure, SurveyBreakdown, SurveyFigures};
pub use sources::{SourceFigures, SourceRow};
pub use support::SupportFigures;

#[cfg(test)]
mod tests;
