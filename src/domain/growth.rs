//! Growth what-if calculator (docs/domain.md#growth-what-if, the budget model).
//!
//! The source material argues that spend on support lowers churn, that churn
//! consumes acquisition budget (lost customers must be bought again), that
//! referrals lower the effective CAC, and that acquiring a customer costs 5–25×
//! keeping one. This module turns that argument into numbers.
//!
//! # Model
//! Two scenarios share the **same budget per period**:
//! - *without support investment*: the whole budget buys customers at the CAC;
//!   customers churn at the base rate and refer at their own rate;
//! - *with support investment*: the support cost is taken out of that budget,
//!   the rest buys customers; customers churn at the lower rate and, well
//!   served, refer at theirs (each plan has its own referral rate: good service
//!   is what brings referrals).
//!
//! Each period, from the customers `N` at its start (docs/domain.md#churn: churn rate =
//! customers lost in a period ÷ customers at its start):
//! ```text
//! lost      = churn rate    × N
//! referred  = referral rate × N          (new customers per existing customer)
//! bought    = acquisition spend ÷ CAC
//! N at end  = N − lost + referred + bought
//! ```
//! Customers won during a period neither churn nor refer until the next one.
//!
//! # Fractional customers
//! Results are expected values, so they stay `f64` throughout and are never
//! rounded between periods (rounding each period would bias small bases, e.g.
//! 2 % of 20 customers would never churn anyone). Screens round for display with
//! [`display_count`]; rounded rows may then not add up exactly, the totals are
//! computed from unrounded values.
//!
//! Money amounts are plain numbers in one currency (any unit, as long as budget,
//! support cost and CAC use the same one); only their ratios matter.

use std::fmt;

mod form;

pub use form::{default_amounts, format_number, parse_number, GrowthField, GrowthForm, Measured};

/// Most periods a projection may cover (10 years of months).
pub const MAX_PERIODS: u32 = 120;

/// The inputs of a what-if projection.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GrowthInputs {
    /// Total budget per period, shared by acquisition and support (≥ 0).
    pub budget_per_period: f64,
    /// Cost to acquire one customer through paid acquisition (> 0).
    pub cac: f64,
    /// Churn rate per period without the support investment, in `[0, 1]`.
    pub churn_rate: f64,
    /// Churn rate per period with the support investment, in `[0, 1]`.
    pub churn_rate_with_support: f64,
    /// What the support investment costs per period, out of the budget
    /// (`0 ≤ cost ≤ budget`).
    pub support_cost_per_period: f64,
    /// New customers each existing customer brings per period without the
    /// support investment, in `[0, 1]`.
    pub referral_rate: f64,
    /// New customers each existing customer brings per period with the
    /// support investment, in `[0, 1]`.
    pub referral_rate_with_support: f64,
    /// Number of periods, `1..=120`.
    pub periods: u32,
    /// Customers at the start (≥ 0).
    pub starting_customers: f64,
}

/// A rate input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RateField {
    /// [`GrowthInputs::churn_rate`].
    Churn,
    /// [`GrowthInputs::churn_rate_with_support`].
    ChurnWithSupport,
    /// [`GrowthInputs::referral_rate`].
    Referral,
    /// [`GrowthInputs::referral_rate_with_support`].
    ReferralWithSupport,
}

impl fmt::Display for RateField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RateField::Churn => "churn rate",
            RateField::ChurnWithSupport => "churn rate with support",
            RateField::Referral => "referral rate",
            RateField::ReferralWithSupport => "referral rate with support",
        })
    }
}

/// An amount input that must be zero or more.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmountField {
    /// [`GrowthInputs::budget_per_period`].
    Budget,
    /// [`GrowthInputs::support_cost_per_period`].
    SupportCost,
    /// [`GrowthInputs::starting_customers`].
    StartingCustomers,
}

impl fmt::Display for AmountField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AmountField::Budget => "budget per period",
            AmountField::SupportCost => "support cost per period",
            AmountField::StartingCustomers => "starting customers",
        })
    }
}

/// Why inputs were rejected. Variants carry only the offending field and value
/// so the UI can translate by variant. NaN and infinities are rejected too.
#[derive(Clone, Copy, Debug, PartialEq, thiserror::Error)]
pub enum GrowthError {
    /// A rate outside `[0, 1]`.
    #[error("{0} must be between 0 and 1, got {1}")]
    RateOutOfRange(RateField, f64),
    /// A CAC that is not a finite number above zero.
    #[error("customer acquisition cost must be greater than 0, got {0}")]
    CacNotPositive(f64),
    /// A period count outside `1..=120`.
    #[error("number of periods must be between 1 and 120, got {0}")]
    PeriodsOutOfRange(u32),
    /// An amount that is negative or not finite.
    #[error("{0} must be 0 or more, got {1}")]
    NegativeAmount(AmountField, f64),
    /// The support investment costs more than the whole budget.
    #[error("support cost per period ({support}) is more than the budget per period ({budget})")]
    SupportOverBudget {
        /// Support cost per period.
        support: f64,
        /// Budget per period.
        budget: f64,
    },
}

impl GrowthInputs {
    /// Checks every input; the first problem found is returned.
    pub fn validate(&self) -> Result<(), GrowthError> {
        let rates = [
            (RateField::Churn, self.churn_rate),
            (RateField::ChurnWithSupport, self.churn_rate_with_support),
            (RateField::Referral, self.referral_rate),
            (
                RateField::ReferralWithSupport,
                self.referral_rate_with_support,
            ),
        ];
        for (field, v) in rates {
            if !(0.0..=1.0).contains(&v) {
                return Err(GrowthError::RateOutOfRange(field, v));
            }
        }
        if !(self.cac.is_finite() && self.cac > 0.0) {
            return Err(GrowthError::CacNotPositive(self.cac));
        }
        if !(1..=MAX_PERIODS).contains(&self.periods) {
            return Err(GrowthError::PeriodsOutOfRange(self.periods));
        }
        let amounts = [
            (AmountField::Budget, self.budget_per_period),
            (AmountField::SupportCost, self.support_cost_per_period),
            (AmountField::StartingCustomers, self.starting_customers),
        ];
        for (field, v) in amounts {
            if !(v.is_finite() && v >= 0.0) {
                return Err(GrowthError::NegativeAmount(field, v));
            }
        }
        if self.support_cost_per_period > self.budget_per_period {
            return Err(GrowthError::SupportOverBudget {
                support: self.support_cost_per_period,
                budget: self.budget_per_period,
            });
        }
        Ok(())
    }
}

/// One period of a scenario (customer counts are expected values).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PeriodRow {
    /// 1-based period number.
    pub period: u32,
    /// Customers at the start of the period.
    pub customers_start: f64,
    /// Customers bought with acquisition spend.
    pub new_from_spend: f64,
    /// Customers referred by those at the start.
    pub new_from_referrals: f64,
    /// Customers lost to churn.
    pub lost_to_churn: f64,
    /// Customers at the end of the period.
    pub customers_end: f64,
}

/// One scenario's projection and totals.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    /// The churn rate this scenario used.
    pub churn_rate: f64,
    /// Spent on acquisition each period.
    pub acquisition_spend_per_period: f64,
    /// Spent on support each period.
    pub support_spend_per_period: f64,
    /// Period by period.
    pub periods: Vec<PeriodRow>,
    /// Acquisition spend over all periods.
    pub total_acquisition_spend: f64,
    /// Support spend over all periods.
    pub total_support_spend: f64,
    /// Customers bought over all periods.
    pub new_from_spend: f64,
    /// Customers referred over all periods.
    pub new_from_referrals: f64,
    /// Customers lost over all periods.
    pub lost_to_churn: f64,
    /// Customers at the end of the last period.
    pub customers_end: f64,
    /// What buying back the lost customers would cost at the CAC
    /// (lost × CAC): the acquisition budget churn consumes.
    pub churn_replacement_cost: f64,
    /// The average cost of a new customer: all spend, acquisition and
    /// support, ÷ all new customers (bought + referred). Referred customers
    /// cost nothing themselves, so referrals bring it below the CAC; support
    /// spend counts, since it buys the lower churn and the referrals. Equals
    /// the CAC with no support and no referrals; `None` with no new customers.
    pub cost_per_new_customer: Option<f64>,
}

/// Both scenarios side by side.
#[derive(Clone, Debug, PartialEq)]
pub struct GrowthComparison {
    /// The whole budget on acquisition, base churn.
    pub without_support: Scenario,
    /// Support cost out of the budget, lower churn.
    pub with_support: Scenario,
    /// Customers at the end with support minus without (negative when the
    /// investment does not pay for itself within the horizon).
    pub customers_end_difference: f64,
    /// Customers the support investment kept in the with-support scenario:
    /// Σ (base churn − churn with support) × customers at each period's start.
    pub customers_kept_by_support: f64,
    /// Total support spend ÷ customers kept; `None` unless some were kept.
    pub support_cost_per_customer_kept: Option<f64>,
    /// CAC ÷ cost per customer kept: how many times more acquiring a customer
    /// costs than keeping one (the source material cites 5–25×); `None` when
    /// nothing was kept or keeping cost nothing.
    pub acquire_to_keep_ratio: Option<f64>,
}

/// Projects both scenarios after validating the inputs.
pub fn compare(inputs: &GrowthInputs) -> Result<GrowthComparison, GrowthError> {
    inputs.validate()?;
    let without_support = project(inputs, inputs.churn_rate, inputs.referral_rate, 0.0);
    let with_support = project(
        inputs,
        inputs.churn_rate_with_support,
        inputs.referral_rate_with_support,
        inputs.support_cost_per_period,
    );
    let kept: f64 = with_support
        .periods
        .iter()
        .map(|row| (inputs.churn_rate - inputs.churn_rate_with_support) * row.customers_start)
        .sum();
    let cost_per_kept = (kept > 0.0).then(|| with_support.total_support_spend / kept);
    Ok(GrowthComparison {
        customers_end_difference: with_support.customers_end - without_support.customers_end,
        customers_kept_by_support: kept,
        support_cost_per_customer_kept: cost_per_kept,
        acquire_to_keep_ratio: cost_per_kept.filter(|&c| c > 0.0).map(|c| inputs.cac / c),
        without_support,
        with_support,
    })
}

/// One scenario; `inputs` must be valid.
fn project(
    inputs: &GrowthInputs,
    churn_rate: f64,
    referral_rate: f64,
    support_spend: f64,
) -> Scenario {
    let acquisition_spend = inputs.budget_per_period - support_spend;
    let bought = acquisition_spend / inputs.cac;
    let mut customers = inputs.starting_customers;
    let mut rows = Vec::with_capacity(inputs.periods as usize);
    for period in 1..=inputs.periods {
        let lost = churn_rate * customers;
        let referred = referral_rate * customers;
        let end = customers - lost + referred + bought;
        rows.push(PeriodRow {
            period,
            customers_start: customers,
            new_from_spend: bought,
            new_from_referrals: referred,
            lost_to_churn: lost,
            customers_end: end,
        });
        customers = end;
    }
    let n = f64::from(inputs.periods);
    let sum = |f: fn(&PeriodRow) -> f64| rows.iter().map(f).sum::<f64>();
    let new_from_spend = sum(|r| r.new_from_spend);
    let new_from_referrals = sum(|r| r.new_from_referrals);
    let lost_to_churn = sum(|r| r.lost_to_churn);
    let total_acquisition_spend = acquisition_spend * n;
    let all_new = new_from_spend + new_from_referrals;
    Scenario {
        churn_rate,
        acquisition_spend_per_period: acquisition_spend,
        support_spend_per_period: support_spend,
        total_acquisition_spend,
        total_support_spend: support_spend * n,
        new_from_spend,
        new_from_referrals,
        lost_to_churn,
        customers_end: customers,
        churn_replacement_cost: lost_to_churn * inputs.cac,
        cost_per_new_customer: (all_new > 0.0)
            .then(|| (total_acquisition_spend + support_spend * n) / all_new),
        periods: rows,
    }
}

/// An expected customer count rounded for display (half away from zero).
pub fn display_count(customers: f64) -> i64 {
    customers.round() as i64
}

#[cfg(test)]
mod tests;
