//! Sales pipeline figures (docs/domain.md#pipeline): open
//! value and weighted forecast as of the range's end, deals won and lost by
//! month, win rate, average won deal and sales cycle length.
//!
//! A deal's probability is its own, else its pipeline stage's, else 0 (as
//! on the board). A deal is **open at** an instant when it was created before
//! it and not closed before it; open value and forecast use each deal's
//! current value and probability.

use super::figure::{Stat, Tally};
use super::filter::{Scope, Window};
use super::index::{DashboardIndex, DealRow};
use super::MoneyStat;
use crate::domain::journey::metrics::median;
use crate::domain::records::DealStatus;
use crate::domain::time::Timestamp;
use serde::{Deserialize, Serialize};

const MS_PER_DAY: f64 = 86_400_000.0;

/// Deals closed in one month.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PipelineMonth {
    /// Won deals' value per currency; based_on / records = those deals.
    pub won: MoneyStat,
    /// Lost deals' value per currency; based_on / records = those deals.
    pub lost: MoneyStat,
}

/// Pipeline figures.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PipelineFigures {
    /// The instant the open figures are taken at (the range's end, or now when earlier).
    pub as_of: Timestamp,
    /// Σ value of the deals open at `as_of`; based_on / records = those deals.
    pub open_value: MoneyStat,
    /// Σ value × probability of the same deals, rounded once per currency.
    pub weighted_forecast: MoneyStat,
    /// Deals won in the range (by close time); based_on / records = those deals.
    pub won: MoneyStat,
    /// Deals lost in the range.
    pub lost: MoneyStat,
    /// Won and lost per month of `DashboardFigures::months`.
    pub by_month: Vec<PipelineMonth>,
    /// Won ÷ (won + lost) of the deals closed in the range (0..=1);
    /// based_on = closed deals; records = the won ones.
    pub win_rate: Stat,
    /// Mean value of the deals won in the range, per currency (rounded to a
    /// minor unit); based_on / records = those deals.
    pub average_won: MoneyStat,
    /// Sales cycle: median days from creation to close of the deals won in
    /// the range; based_on / records = those deals.
    pub cycle_days: Stat,
}

/// The pipeline figures of the deals in scope.
pub(super) fn pipeline(index: &DashboardIndex, scope: &Scope, win: &Window) -> PipelineFigures {
    let cur = index.currency;
    let (mut open, mut weighted) = (Tally::default(), Tally::default());
    let (mut won, mut lost, mut avg) = (Tally::default(), Tally::default(), Tally::default());
    let mut months: Vec<(Tally, Tally)> = win.months.iter().map(|_| Default::default()).collect();
    let mut cycle = Vec::new();
    let mut cycle_records = Vec::new();
    // Rows are in record order, so every records list comes out ascending.
    for d in &index.deals {
        if !scope.owns(d.owner) {
            continue;
        }
        if open_at(d, win.as_of) {
            open.add(d.rec, d.value, d.probability);
            weighted.add(d.rec, d.value, d.probability);
        }
        if d.status == DealStatus::Open || !win.contains(d.closed) {
            continue;
        }
        let m = win.bucket(d.closed_month);
        if d.status == DealStatus::Won {
            won.add(d.rec, d.value, 100);
            avg.add(d.rec, d.value, 100);
            cycle.push((d.closed - d.created).max(0) as f64 / MS_PER_DAY);
            cycle_records.push(d.rec);
            if let Some(m) = m {
                months[m].0.add(d.rec, d.value, 100);
            }
        } else {
            lost.add(d.rec, d.value, 0);
            if let Some(m) = m {
                months[m].1.add(d.rec, d.value, 0);
            }
        }
    }
    let closed = won.n() + lost.n();
    let win_rate = Stat {
        value: (closed > 0).then(|| f64::from(won.n()) / f64::from(closed)),
        based_on: closed,
        records: cycle_records.clone(),
    };
    PipelineFigures {
        as_of: Timestamp(win.as_of),
        open_value: open.total(cur),
        weighted_forecast: weighted.weighted(cur),
        won: won.total(cur),
        lost: lost.total(cur),
        by_month: months
            .into_iter()
            .map(|(w, l)| PipelineMonth {
                won: w.total(cur),
                lost: l.total(cur),
            })
            .collect(),
        win_rate,
        average_won: avg.mean(cur),
        cycle_days: Stat::of(median(&mut cycle), cycle_records),
    }
}

/// Whether the deal was open at `t`: created before it, not closed before it.
fn open_at(d: &DealRow, t: i64) -> bool {
    d.created < t && d.closed >= t
}
