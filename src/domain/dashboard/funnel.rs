//! The journey funnel (docs/domain.md#conversion): how many contacts reached each
//! stage, stage conversion rates, time in stage, and time from first touch to
//! purchase. Stage reach and time in stage come from the journey figures
//! (`journey::metrics::compute`) over the contacts in scope.

use super::figure::{sorted, Stat};
use super::filter::{Scope, Window};
use super::index::{DashboardIndex, NEVER};
use crate::domain::journey::metrics::{compute as journey_figures, median, Figure};
use serde::{Deserialize, Serialize};

const MS_PER_DAY: f64 = 86_400_000.0;

/// One journey stage of the funnel.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FunnelStage {
    /// The stage id.
    pub stage: String,
    /// Contacts in scope that entered this stage within the range; value =
    /// their number (`None` when none); records = those contacts.
    pub reached: Stat,
    /// Stage conversion rate (docs/domain.md#conversion): contacts that reached the next
    /// stage ÷ contacts that reached this one, both within the range. It can
    /// exceed 1 when contacts skip this stage. `None` for the last stage and
    /// when nobody reached this one; based_on = reached here; records = the
    /// contacts that reached the next stage.
    pub conversion: Stat,
    /// Time in stage: median days of the completed stays in this stage that
    /// began within the range (a stay ends at the contact's next move).
    /// based_on = stays; records = their contacts.
    pub median_days: Stat,
}

/// The funnel over the workspace's stages, in lifecycle order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Funnel {
    /// One entry per workspace stage.
    pub stages: Vec<FunnelStage>,
    /// Median days from a customer's first touch to its first purchase, over
    /// the customers in scope whose first purchase falls in the range;
    /// based_on / records = those customers.
    pub days_to_purchase: Stat,
}

fn stat(f: Figure) -> Stat {
    Stat {
        value: f.value,
        based_on: f.based_on,
        records: f.contacts,
    }
}

/// The funnel of the contacts and customers in scope.
pub(super) fn funnel(index: &DashboardIndex, scope: &Scope, win: &Window) -> Funnel {
    let figures = journey_figures(&index.journey, &scope.contacts(), win.range);
    let reached: Vec<Stat> = figures
        .stages
        .iter()
        .map(|s| {
            let n = s.reached.based_on;
            Stat::count(s.reached.contacts.clone(), n)
        })
        .collect();
    let stages = figures
        .stages
        .into_iter()
        .enumerate()
        .map(|(k, s)| {
            let here = reached[k].based_on;
            let conversion = match reached.get(k + 1) {
                Some(next) => Stat {
                    value: (here > 0).then(|| f64::from(next.based_on) / f64::from(here)),
                    based_on: here,
                    records: next.records.clone(),
                },
                None => Stat::default(),
            };
            FunnelStage {
                stage: s.stage,
                reached: reached[k].clone(),
                conversion,
                median_days: stat(s.median_days),
            }
        })
        .collect();
    Funnel {
        stages,
        days_to_purchase: days_to_purchase(index, scope, win),
    }
}

fn days_to_purchase(index: &DashboardIndex, scope: &Scope, win: &Window) -> Stat {
    let mut days = Vec::new();
    let mut records = Vec::new();
    for c in &index.customers {
        if c.first_purchase == NEVER || !win.contains(c.first_purchase) || !scope.customer(c) {
            continue;
        }
        let touch = c.first_touch.min(c.first_purchase);
        days.push((c.first_purchase - touch) as f64 / MS_PER_DAY);
        records.push(c.rec);
    }
    Stat {
        value: median(&mut days),
        based_on: days.len() as u32,
        records: sorted(records),
    }
}
