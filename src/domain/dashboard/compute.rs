//! [`compute`]: every dashboard figure for one filter, from the index.

use super::acquisition::{acquisition, Acquisition};
use super::figure::Stat;
use super::filter::{DashboardFilter, Scope, Window};
use super::funnel::{funnel, Funnel};
use super::index::DashboardIndex;
use super::month::Month;
use super::pipeline::{pipeline, PipelineFigures};
use super::retention::{retention, Retention};
use super::scores::{surveys, SurveyBreakdown};
use super::sources::{sources, SourceFigures};
use super::support::{support, SupportFigures};
use crate::domain::journey::metrics::DateRange;
use serde::{Deserialize, Serialize};

/// Every figure of the dashboard for one filter.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DashboardFigures {
    /// The range the figures cover.
    pub range: DateRange,
    /// The months every monthly series (`by_month`) is indexed by, ascending:
    /// each month the range touches (an open side reaches the earliest /
    /// latest record or now), at most `MAX_MONTHS` (the latest ones).
    pub months: Vec<Month>,
    /// Contacts in scope (segment and persona, whatever the range); records = those contacts.
    pub contacts: Stat,
    /// NPS, CSAT, CES.
    pub surveys: SurveyBreakdown,
    /// Journey funnel, time in stage, time to purchase.
    pub funnel: Funnel,
    /// Churn, retention, churn reasons, net revenue retention.
    pub retention: Retention,
    /// Open pipeline, forecast, won / lost, win rate, deal size, sales cycle.
    pub pipeline: PipelineFigures,
    /// Contacts, opportunities and won value by source group and campaign.
    pub sources: SourceFigures,
    /// SLA breaches, open tickets, support-qualified leads.
    pub support: SupportFigures,
    /// CAC and LTV (whole workspace, whole months).
    pub acquisition: Acquisition,
}

/// Computes every figure under `filter`. This is what re-runs after a filter
/// change: it walks the index's rows once per figure group, with no
/// document or string work.
pub fn compute(index: &DashboardIndex, filter: &DashboardFilter) -> DashboardFigures {
    let scope = Scope::new(index, filter);
    let win = Window::new(index, filter);
    let contacts = scope.contacts();
    let n = contacts.len() as u32;
    DashboardFigures {
        range: filter.range,
        months: win.months.clone(),
        contacts: Stat::count(contacts, n),
        surveys: surveys(index, &scope, &win),
        funnel: funnel(index, &scope, &win),
        retention: retention(index, &scope, &win),
        pipeline: pipeline(index, &scope, &win),
        sources: sources(index, &scope, &win),
        support: support(index, &scope, &win, filter.now),
        acquisition: acquisition(index, &win),
    }
}
