//! Acquisition economics (docs/domain.md#cac) from the spend and revenue entered per
//! month in period documents: customer acquisition cost and lifetime value.
//!
//! Spend and revenue are entered for the whole workspace and for whole
//! months, so these figures count the **whole workspace** (the segment and
//! persona filters do not apply) over **every month the range touches, in
//! full**. Money stays in the currency it was entered in.
//!
//! - **New customers** of a month: customers whose first purchase (a
//!   `purchase` activity or a won deal) falls in it.
//! - **CAC** = Σ acquisition spend ÷ Σ new customers, over the months with
//!   spend entered.
//! - **ARPC** (average revenue per customer per month) = Σ revenue ÷ Σ
//!   customers served, over the months with revenue entered; a customer is
//!   served in a month when it is active at its start or buys in it.
//! - **LTV** = ARPC × expected lifetime, the lifetime being 1 ÷ the average
//!   monthly churn over those same months: LTV = ARPC ÷ monthly churn. Unknown
//!   when revenue or churn is missing, or when nobody churned (an unbounded
//!   lifetime is not a number to show).

use super::figure::{div, sorted, MoneyStat, Stat};
use super::filter::Window;
use super::index::{DashboardIndex, PeriodRow};
use super::month::Month;
use super::retention::walk;
use crate::domain::money::{Currency, Money};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One month's acquisition figures.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AcquisitionMonth {
    /// The month's period document (a record index), when there is one.
    pub period: Option<u32>,
    /// Acquisition spend entered for the month.
    pub spend: Option<Money>,
    /// Revenue entered for the month.
    pub revenue: Option<Money>,
    /// Customers whose first purchase falls in the month; value = how many
    /// (`None` when none); records = those customers.
    pub new_customers: Stat,
    /// Spend ÷ new customers; empty without spend or new customers;
    /// based_on / records = the new customers.
    pub cac: MoneyStat,
}

/// Acquisition figures over the months the range touches.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Acquisition {
    /// Σ spend ÷ Σ new customers over the months with spend entered, per
    /// currency of the spend; based_on / records = those new customers.
    pub cac: MoneyStat,
    /// Σ revenue ÷ Σ customers served over the months with revenue entered;
    /// based_on = customer-months; records = the customers served.
    pub arpc: MoneyStat,
    /// Average monthly churn over the months with revenue entered: Σ lost ÷
    /// Σ active at the month's start; records = the customers lost.
    pub monthly_churn: Stat,
    /// ARPC ÷ monthly churn; based_on / records as `arpc`.
    pub ltv: MoneyStat,
    /// Per month of `DashboardFigures::months`.
    pub by_month: Vec<AcquisitionMonth>,
}

#[derive(Default)]
struct MonthAcc {
    new: Vec<u32>,
    served: Vec<u32>,
    at_start: u32,
    lost: Vec<u32>,
}

/// Σ of money per currency.
#[derive(Default)]
struct Sums(BTreeMap<Currency, i128>);

impl Sums {
    fn add(&mut self, m: Money) {
        *self.0.entry(m.currency).or_default() += i128::from(m.amount);
    }

    /// Each currency's sum ÷ `d`, workspace currency first; empty when `d` is 0.
    fn per(&self, d: f64, first: Currency) -> Vec<Money> {
        if d <= 0.0 || !d.is_finite() {
            return Vec::new();
        }
        let mut out: Vec<Money> = self
            .0
            .iter()
            .map(|(c, v)| {
                div(
                    Money::new((*v).clamp(i64::MIN.into(), i64::MAX.into()) as i64, *c),
                    d,
                )
            })
            .collect();
        out.sort_by_key(|m| (m.currency != first, m.currency));
        out
    }
}

fn period(index: &DashboardIndex, m: Month) -> Option<&PeriodRow> {
    let i = index.periods.binary_search_by_key(&m, |p| p.month).ok()?;
    Some(&index.periods[i])
}

/// The acquisition figures of the window's months.
pub(super) fn acquisition(index: &DashboardIndex, win: &Window) -> Acquisition {
    let first = index.currency;
    let mut months: Vec<MonthAcc> = win.months.iter().map(|_| MonthAcc::default()).collect();
    walk(
        index,
        &win.whole,
        |_| true,
        |m, c, f| {
            let acc = &mut months[m];
            if f.new {
                acc.new.push(c.rec);
            }
            if f.served {
                acc.served.push(c.rec);
            }
            if f.at_start {
                acc.at_start += 1;
                if f.lost {
                    acc.lost.push(c.rec);
                }
            }
        },
    );
    let (mut spend, mut new) = (Sums::default(), Vec::new());
    let (mut revenue, mut served, mut served_n) = (Sums::default(), Vec::new(), 0u32);
    let (mut at_start, mut lost, mut lost_n) = (0u32, Vec::new(), 0u32);
    let mut by_month = Vec::with_capacity(months.len());
    for (m, acc) in win.months.iter().zip(months) {
        let p = period(index, *m);
        let (s, r) = (p.and_then(|p| p.spend), p.and_then(|p| p.revenue));
        let n = acc.new.len() as u32;
        if let Some(s) = s {
            spend.add(s);
            new.extend_from_slice(&acc.new);
        }
        if let Some(r) = r {
            revenue.add(r);
            served_n += acc.served.len() as u32;
            served.extend_from_slice(&acc.served);
            at_start += acc.at_start;
            lost_n += acc.lost.len() as u32;
            lost.extend_from_slice(&acc.lost);
        }
        let records = sorted(acc.new);
        by_month.push(AcquisitionMonth {
            period: p.map(|p| p.rec),
            spend: s,
            revenue: r,
            cac: MoneyStat {
                amounts: s
                    .filter(|_| n > 0)
                    .map(|s| div(s, f64::from(n)))
                    .into_iter()
                    .collect(),
                based_on: n,
                records: records.clone(),
            },
            new_customers: Stat::count(records, n),
        });
    }
    let new_n = new.len() as u32;
    let churn = (at_start > 0).then(|| f64::from(lost_n) / f64::from(at_start));
    let served = sorted(served);
    let arpc = MoneyStat {
        amounts: revenue.per(f64::from(served_n), first),
        based_on: served_n,
        records: served.clone(),
    };
    let ltv = MoneyStat {
        // Σ revenue ÷ (customer-months × churn), rounded once.
        amounts: match churn {
            Some(c) if c > 0.0 => revenue.per(f64::from(served_n) * c, first),
            _ => Vec::new(),
        },
        based_on: served_n,
        records: served,
    };
    Acquisition {
        cac: MoneyStat {
            amounts: spend.per(f64::from(new_n), first),
            based_on: new_n,
            records: sorted(new),
        },
        arpc,
        monthly_churn: Stat {
            value: churn,
            based_on: at_start,
            records: sorted(lost),
        },
        ltv,
        by_month,
    }
}
