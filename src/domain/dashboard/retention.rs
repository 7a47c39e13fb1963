//! Retention, churn and net revenue retention (docs/domain.md#churn, #nrr).
//!
//! A customer is **active** at an instant when its latest purchase or churn
//! before that instant is a purchase. The **churn rate** of a period is the
//! active customers at its start that churned inside it ÷ the active
//! customers at its start (customers won and lost inside the same period are
//! not counted); retention = 1 − churn.
//!
//! **Net revenue retention** compares recurring revenue recorded in period
//! documents: the latest month of the range whose period and the period twelve
//! months earlier both record recurring revenue; the accounts with revenue in
//! the earlier month (in scope) are the cohort; NRR = their recurring revenue
//! in the later month ÷ their revenue in the earlier one, per currency.

use super::figure::{push_once, sorted, Stat};
use super::filter::{Scope, Window};
use super::index::{CustomerRow, DashboardIndex, Event, PeriodRow, NEVER};
use super::month::Month;
use crate::domain::money::{Currency, Money};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// Churn and retention of one month.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RetentionMonth {
    /// Customers lost in the month ÷ active customers at its start (0..=1);
    /// based_on = active at start; records = the lost customers.
    pub churn: Stat,
    /// 1 − churn; based_on = active at start; records = the retained customers.
    pub retention: Stat,
}

/// Churns of one reason.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChurnReason {
    /// The reason as first spelled in the workspace ("" = none given).
    pub reason: String,
    /// Churn activities with this reason.
    pub count: u32,
    /// Those activities.
    pub records: Vec<u32>,
}

/// Net revenue retention in one currency.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Nrr {
    /// The currency compared.
    pub currency: Currency,
    /// The later month.
    pub month: Month,
    /// Twelve months earlier.
    pub base_month: Month,
    /// The cohort's recurring revenue in `base_month`.
    pub then: Money,
    /// The cohort's recurring revenue in `month`.
    pub now: Money,
    /// `now ÷ then` (1.0 = 100 %); based_on / records = the cohort's accounts.
    pub ratio: Stat,
}

/// Retention figures.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Retention {
    /// Churn rate over the whole range as one period (from its start, or the
    /// first month's start when open); based_on = active customers at the
    /// start; records = the lost ones.
    pub churn: Stat,
    /// 1 − `churn`; records = the retained customers.
    pub retention: Stat,
    /// Average monthly churn: Σ customers lost ÷ Σ active at the start, over
    /// the range's months; based_on = that denominator (customer-months);
    /// records = the customers lost.
    pub monthly_churn: Stat,
    /// Per month of `DashboardFigures::months`.
    pub by_month: Vec<RetentionMonth>,
    /// Churn activities in scope and range by normalised reason, most first,
    /// ties by reason.
    pub churn_reasons: Vec<ChurnReason>,
    /// Net revenue retention per currency, workspace currency first; empty
    /// when no month pair records recurring revenue.
    pub nrr: Vec<Nrr>,
    /// Customers active at the range's end (or now, when it ends later):
    /// value = how many; based_on = the customers in scope who had bought by
    /// then (`None` when nobody had); records = the active ones.
    pub active: Stat,
}

/// What one customer did in one period.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Flags {
    /// Active at the period's start.
    pub(super) at_start: bool,
    /// Active at its start and churned inside it.
    pub(super) lost: bool,
    /// Made its first purchase inside it.
    pub(super) new: bool,
    /// Active at some point inside it (at its start or by a purchase).
    pub(super) served: bool,
}

/// Whether the customer is active at `t` (its latest event before `t` is a purchase).
fn active_before(events: &[Event], t: i64) -> bool {
    let n = events.partition_point(|e| e.at < t);
    n > 0 && !events[n - 1].churn
}

/// Calls `f(period, customer, flags)` for every kept customer that was a
/// customer in some period, where period `i` is `[bounds[i], bounds[i + 1])`.
pub(super) fn walk(
    index: &DashboardIndex,
    bounds: &[i64],
    keep: impl Fn(&CustomerRow) -> bool,
    mut f: impl FnMut(usize, &CustomerRow, Flags),
) {
    for (i, c) in index.customers.iter().enumerate() {
        if c.first_purchase == NEVER || !keep(c) {
            continue;
        }
        let events = index.events.of(i as u32);
        for (p, w) in bounds.windows(2).enumerate() {
            let (from, to) = (w[0], w[1]);
            if to <= c.first_purchase {
                continue;
            }
            let inside = &events[events.partition_point(|e| e.at < from)..];
            let inside = &inside[..inside.partition_point(|e| e.at < to)];
            let at_start = active_before(events, from);
            let flags = Flags {
                at_start,
                lost: at_start && inside.iter().any(|e| e.churn),
                new: (from..to).contains(&c.first_purchase),
                served: at_start || inside.iter().any(|e| !e.churn),
            };
            f(p, c, flags);
        }
    }
}

/// Lost and retained customers of one period.
#[derive(Default)]
struct Period {
    at_start: u32,
    lost: Vec<u32>,
    kept: Vec<u32>,
}

impl Period {
    fn add(&mut self, c: &CustomerRow, f: Flags) {
        if f.at_start {
            self.at_start += 1;
            if f.lost {
                self.lost.push(c.rec);
            } else {
                self.kept.push(c.rec);
            }
        }
    }

    fn figures(self) -> RetentionMonth {
        let n = self.at_start;
        let churn = Stat::share(sorted(self.lost), n);
        let retention = Stat {
            value: churn.value.map(|v| 1.0 - v),
            based_on: n,
            records: sorted(self.kept),
        };
        RetentionMonth { churn, retention }
    }
}

/// Retention figures of the customers in scope.
pub(super) fn retention(index: &DashboardIndex, scope: &Scope, win: &Window) -> Retention {
    let mut whole = Period::default();
    walk(
        index,
        &[win.start(), win.end()],
        |c| scope.customer(c),
        |_, c, f| whole.add(c, f),
    );
    let whole = whole.figures();
    let mut months: Vec<Period> = win.months.iter().map(|_| Period::default()).collect();
    walk(
        index,
        &win.clipped,
        |c| scope.customer(c),
        |m, c, f| months[m].add(c, f),
    );
    let at_start: u32 = months.iter().map(|p| p.at_start).sum();
    let lost: Vec<u32> = months.iter().flat_map(|p| p.lost.iter().copied()).collect();
    // A customer lost in two months counts twice, so the value is not records ÷ base.
    let monthly_churn = Stat {
        value: (at_start > 0).then(|| lost.len() as f64 / f64::from(at_start)),
        based_on: at_start,
        records: sorted(lost),
    };
    // Active at the stock instant = active at the start of a period beginning then.
    let (mut active, mut bought) = (Vec::new(), 0u32);
    walk(
        index,
        &[win.as_of, win.as_of.saturating_add(1)],
        |c| scope.customer(c),
        |_, c, f| {
            bought += 1;
            if f.at_start {
                active.push(c.rec);
            }
        },
    );
    Retention {
        active: Stat::count(sorted(active), bought),
        churn: whole.churn,
        retention: whole.retention,
        monthly_churn,
        by_month: months.into_iter().map(Period::figures).collect(),
        churn_reasons: reasons(index, scope, win),
        nrr: nrr(index, scope, win),
    }
}

fn reasons(index: &DashboardIndex, scope: &Scope, win: &Window) -> Vec<ChurnReason> {
    let mut by: Vec<Vec<u32>> = vec![Vec::new(); index.reasons.len()];
    for c in &index.churns {
        if win.contains(c.at) && scope.owns(c.owner) {
            push_once(&mut by[c.reason as usize], c.rec);
        }
    }
    let mut out: Vec<ChurnReason> = by
        .into_iter()
        .zip(&index.reasons)
        .filter(|(r, _)| !r.is_empty())
        .map(|(records, reason)| ChurnReason {
            reason: reason.clone(),
            count: records.len() as u32,
            records,
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.reason.cmp(&b.reason)));
    out
}

fn nrr(index: &DashboardIndex, scope: &Scope, win: &Window) -> Vec<Nrr> {
    let period = |m: Month| {
        index
            .periods
            .binary_search_by_key(&m, |p| p.month)
            .ok()
            .map(|i| &index.periods[i])
            .filter(|p| !p.recurring.is_empty())
    };
    let pair = index
        .periods
        .iter()
        .rev()
        .filter(|p| win.bucket(p.month).is_some() && !p.recurring.is_empty())
        .find_map(|p| Some((period(p.month.plus(-12))?, p)));
    let Some((base, later)) = pair else {
        return Vec::new();
    };
    nrr_of(index.currency, scope, base, later)
}

fn nrr_of(first: Currency, scope: &Scope, base: &PeriodRow, later: &PeriodRow) -> Vec<Nrr> {
    let mut cohort: HashMap<u32, Currency> = HashMap::new();
    let mut sums: BTreeMap<Currency, (i128, i128, Vec<u32>)> = BTreeMap::new();
    for r in &base.recurring {
        if r.amount.amount > 0 && scope.account(r.account) {
            cohort.insert(r.rec, r.amount.currency);
            let s = sums.entry(r.amount.currency).or_default();
            s.0 += i128::from(r.amount.amount);
            s.2.push(r.rec);
        }
    }
    for r in &later.recurring {
        if cohort.get(&r.rec) == Some(&r.amount.currency) {
            sums.entry(r.amount.currency).or_default().1 += i128::from(r.amount.amount);
        }
    }
    let mut out: Vec<Nrr> = sums
        .into_iter()
        .map(|(currency, (then, now, records))| {
            let money = |v: i128| Money::new(v.clamp(0, i128::from(i64::MAX)) as i64, currency);
            Nrr {
                currency,
                month: later.month,
                base_month: base.month,
                then: money(then),
                now: money(now),
                ratio: Stat::of(Some(now as f64 / then as f64), sorted(records)),
            }
        })
        .collect();
    out.sort_by_key(|n| (n.currency != first, n.currency));
    out
}
