//! Exact money totals for board headers and forecasts, maintained incrementally.
//!
//! Deals in different currencies are never converted: each currency keeps its own
//! sum (the header shows the workspace currency first and the others beside it).
//! Weighted value is Σ value × probability / 100, kept as an exact integer
//! (minor units × percent) and rounded once, half up, when shown.

use crate::domain::money::{Currency, Money};
use std::collections::BTreeMap;

/// Sum and weighted sum of one currency.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CurrencySum {
    /// Σ value, minor units.
    pub value: i128,
    /// Σ value × probability, minor units × percent.
    pub weighted_pct: i128,
}

/// Per-currency sums.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Amounts(BTreeMap<Currency, CurrencySum>);

impl Amounts {
    /// Adds one deal's value at `probability` percent.
    pub fn add(&mut self, value: Money, probability: u8) {
        let s = self.0.entry(value.currency).or_default();
        s.value += value.amount as i128;
        s.weighted_pct += value.amount as i128 * probability as i128;
    }

    /// Removes what [`Amounts::add`] added; a currency reaching zero disappears.
    pub fn remove(&mut self, value: Money, probability: u8) {
        if let Some(s) = self.0.get_mut(&value.currency) {
            s.value -= value.amount as i128;
            s.weighted_pct -= value.amount as i128 * probability as i128;
            if *s == CurrencySum::default() {
                self.0.remove(&value.currency);
            }
        }
    }

    /// Adds all of `other`.
    pub fn merge(&mut self, other: &Amounts) {
        for (c, s) in &other.0 {
            let t = self.0.entry(*c).or_default();
            t.value += s.value;
            t.weighted_pct += s.weighted_pct;
        }
    }

    /// The total value in `currency` (zero when none).
    pub fn value(&self, currency: Currency) -> Money {
        let v = self.0.get(&currency).map_or(0, |s| s.value);
        Money::new(clamp(v), currency)
    }

    /// The weighted value in `currency`, rounded half up to a minor unit.
    pub fn weighted(&self, currency: Currency) -> Money {
        let w = self.0.get(&currency).map_or(0, |s| s.weighted_pct);
        Money::new(clamp(div_round(w, 100)), currency)
    }

    /// Currencies present, `first` first (when present), then the others in code order.
    pub fn currencies(&self, first: Currency) -> Vec<Currency> {
        let mut out: Vec<Currency> = self.0.keys().copied().filter(|c| *c != first).collect();
        if self.0.contains_key(&first) {
            out.insert(0, first);
        }
        out
    }

    /// True when nothing was added.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn div_round(n: i128, d: i128) -> i128 {
    if n >= 0 {
        (n + d / 2) / d
    } else {
        -((-n + d / 2) / d)
    }
}

fn clamp(v: i128) -> i64 {
    v.clamp(i64::MIN as i128, i64::MAX as i128) as i64
}

/// What a column header shows: how many deals and how much.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StageTotals {
    /// Deals counted.
    pub count: u64,
    /// Their values.
    pub amounts: Amounts,
}

impl StageTotals {
    /// Counts one deal in.
    pub fn add(&mut self, value: Money, probability: u8) {
        self.count += 1;
        self.amounts.add(value, probability);
    }

    /// Counts one deal out.
    pub fn remove(&mut self, value: Money, probability: u8) {
        self.count = self.count.saturating_sub(1);
        self.amounts.remove(value, probability);
    }

    /// Adds another stage's totals (for pipeline totals).
    pub fn merge(&mut self, other: &StageTotals) {
        self.count += other.count;
        self.amounts.merge(&other.amounts);
    }
}

/// A share in whole per mille (0..=1000) of `part` in `whole`, for share bars.
pub fn share_per_mille(part: Money, whole: Money) -> u32 {
    if whole.amount <= 0 || part.amount <= 0 {
        return 0;
    }
    ((part.amount as i128 * 1000 + whole.amount as i128 / 2) / whole.amount as i128).min(1000)
        as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weighted_rounds_once_not_per_deal() {
        let mut a = Amounts::default();
        // Three deals of 1 đồng at 50 %: per-deal rounding would say 3, exact is 1.5 → 2.
        for _ in 0..3 {
            a.add(Money::new(1, Currency::Vnd), 50);
        }
        assert_eq!(a.value(Currency::Vnd), Money::new(3, Currency::Vnd));
        assert_eq!(a.weighted(Currency::Vnd), Money::new(2, Currency::Vnd));
    }

    #[test]
    fn currencies_are_kept_apart_workspace_currency_first() {
        let mut a = Amounts::default();
        a.add(Money::new(10_000, Currency::Usd), 10);
        a.add(Money::new(5_000_000, Currency::Vnd), 40);
        assert_eq!(
            a.currencies(Currency::Vnd),
            vec![Currency::Vnd, Currency::Usd]
        );
        assert_eq!(
            a.currencies(Currency::Eur),
            vec![Currency::Vnd, Currency::Usd]
        );
        assert_eq!(a.weighted(Currency::Usd), Money::new(1_000, Currency::Usd));
        assert_eq!(
            a.weighted(Currency::Vnd),
            Money::new(2_000_000, Currency::Vnd)
        );
        assert_eq!(a.value(Currency::Eur), Money::new(0, Currency::Eur));
    }

    #[test]
    fn share_bar_per_mille() {
        let v = |n| Money::new(n, Currency::Vnd);
        assert_eq!(share_per_mille(v(1), v(3)), 333);
        assert_eq!(share_per_mille(v(0), v(0)), 0);
        assert_eq!(share_per_mille(v(5), v(5)), 1000);
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn removing_what_was_added_restores_totals(
                deals in proptest::collection::vec((0i64..10_000_000_000, 0u8..=100, 0usize..3), 0..60),
                drop_mask in proptest::collection::vec(any::<bool>(), 60),
            ) {
                let money = |(v, _, c): &(i64, u8, usize)| Money::new(*v, Currency::ALL[*c]);
                let mut incremental = StageTotals::default();
                for d in &deals { incremental.add(money(d), d.1); }
                let mut expected = StageTotals::default();
                for (i, d) in deals.iter().enumerate() {
                    if drop_mask[i] { incremental.remove(money(d), d.1); } else { expected.add(money(d), d.1); }
                }
                prop_assert_eq!(incremental, expected);
            }
        }
    }
}
