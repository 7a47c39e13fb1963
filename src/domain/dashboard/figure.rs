//! The two shapes every dashboard number takes: [`Stat`] (a count, share,
//! score or duration) and [`MoneyStat`] (amounts per currency), each with the
//! records behind it.

use crate::domain::board::aggregate::Amounts;
use crate::domain::money::{Currency, Money};
use serde::{Deserialize, Serialize};

/// One number with what it rests on.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Stat {
    /// The value; `None` when there is nothing to compute from (never 0 for "no data").
    pub value: Option<f64>,
    /// How many records (or customers) it is based on; each figure's doc says which.
    pub based_on: u32,
    /// The records behind it, as indexes for `DashboardIndex::doc_id`,
    /// ascending, without repeats; each figure's doc says which.
    pub records: Vec<u32>,
}

impl Stat {
    /// A count of `records` out of a population of `among`: the count, or
    /// `None` when the population is empty.
    pub(super) fn count(records: Vec<u32>, among: u32) -> Stat {
        Stat {
            value: (among > 0).then_some(records.len() as f64),
            based_on: among,
            records,
        }
    }

    /// The share (0..=1) of `records` among `among`; `None` when `among` is 0.
    pub(super) fn share(records: Vec<u32>, among: u32) -> Stat {
        Stat {
            value: (among > 0).then(|| records.len() as f64 / f64::from(among)),
            based_on: among,
            records,
        }
    }

    /// A plain value over `records` (based on their number).
    pub(super) fn of(value: Option<f64>, records: Vec<u32>) -> Stat {
        Stat {
            value,
            based_on: records.len() as u32,
            records,
        }
    }
}

/// Money summed (or averaged) per currency; currencies are never converted.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MoneyStat {
    /// One amount per currency present, the workspace currency first, the
    /// others in code order; empty when there is nothing to compute from.
    pub amounts: Vec<Money>,
    /// How many records it is based on; each figure's doc says which.
    pub based_on: u32,
    /// The records behind it (indexes for `DashboardIndex::doc_id`), ascending, without repeats.
    pub records: Vec<u32>,
}

impl MoneyStat {
    /// The amount in `currency`, if any.
    pub fn in_currency(&self, currency: Currency) -> Option<Money> {
        self.amounts
            .iter()
            .copied()
            .find(|m| m.currency == currency)
    }

    /// The amounts other than `currency` (shown beside the main one).
    pub fn others(&self, currency: Currency) -> Vec<Money> {
        self.amounts
            .iter()
            .copied()
            .filter(|m| m.currency != currency)
            .collect()
    }
}

/// Exact per-currency sums and counts (minor units as `i128`), for totals,
/// weighted totals and means. Currencies are slots of [`Currency::ALL`].
#[derive(Clone, Debug, Default)]
pub(super) struct Tally {
    amounts: Amounts,
    counts: [u32; Currency::ALL.len()],
    records: Vec<u32>,
}

fn slot(c: Currency) -> usize {
    Currency::ALL.iter().position(|x| *x == c).unwrap_or(0)
}

impl Tally {
    /// Adds one record's amount, weighted at `probability` percent.
    pub(super) fn add(&mut self, rec: u32, value: Money, probability: u8) {
        self.amounts.add(value, probability);
        self.counts[slot(value.currency)] += 1;
        if self.records.last() != Some(&rec) {
            self.records.push(rec);
        }
    }

    /// How many amounts were added.
    pub(super) fn n(&self) -> u32 {
        self.counts.iter().sum()
    }

    fn stat(self, first: Currency, f: impl Fn(&Amounts, Currency, u32) -> Money) -> MoneyStat {
        let amounts = self
            .amounts
            .currencies(first)
            .into_iter()
            .map(|c| f(&self.amounts, c, self.counts[slot(c)]))
            .collect();
        MoneyStat {
            amounts,
            based_on: self.n(),
            records: self.records,
        }
    }

    /// Σ amount per currency.
    pub(super) fn total(self, first: Currency) -> MoneyStat {
        self.stat(first, |a, c, _| a.value(c))
    }

    /// Σ amount × probability / 100 per currency, rounded half up once.
    pub(super) fn weighted(self, first: Currency) -> MoneyStat {
        self.stat(first, |a, c, _| a.weighted(c))
    }

    /// The mean amount per currency (Σ ÷ how many in that currency), rounded half up.
    pub(super) fn mean(self, first: Currency) -> MoneyStat {
        self.stat(first, |a, c, n| div(a.value(c), n as f64))
    }
}

/// `m ÷ d`, rounded half away from zero to a minor unit.
pub(super) fn div(m: Money, d: f64) -> Money {
    Money::new((m.amount as f64 / d).round() as i64, m.currency)
}

/// Pushes `rec` unless it is already the last entry (records arrive ascending).
pub(super) fn push_once(list: &mut Vec<u32>, rec: u32) {
    if list.last() != Some(&rec) {
        list.push(rec);
    }
}

/// Sorts and deduplicates `list` (for records gathered out of order).
pub(super) fn sorted(mut list: Vec<u32>) -> Vec<u32> {
    list.sort_unstable();
    list.dedup();
    list
}
