use super::*;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

#[track_caller]
fn assert_close(a: f64, b: f64) {
    assert!(close(a, b), "{a} != {b}");
}

#[track_caller]
fn assert_some_close(a: Option<f64>, b: f64) {
    match a {
        Some(a) => assert_close(a, b),
        None => panic!("None != {b}"),
    }
}

/// Ends of each period.
fn ends(s: &Scenario) -> Vec<f64> {
    s.periods.iter().map(|r| r.customers_end).collect()
}

#[track_caller]
fn assert_ends(s: &Scenario, expected: &[f64]) {
    let got = ends(s);
    assert_eq!(got.len(), expected.len());
    for (g, e) in got.iter().zip(expected) {
        assert_close(*g, *e);
    }
}

fn base() -> GrowthInputs {
    GrowthInputs {
        budget_per_period: 10_000.0,
        cac: 100.0,
        churn_rate: 0.10,
        churn_rate_with_support: 0.05,
        support_cost_per_period: 2_000.0,
        referral_rate: 0.02,
        referral_rate_with_support: 0.02,
        periods: 3,
        starting_customers: 1_000.0,
    }
}

#[test]
fn worked_example_support_pays_for_itself() {
    let c = compare(&base()).unwrap();

    // Without support: 10 000 / 100 = 100 bought per period, churn 10 %, referral 2 %.
    // P1: 1000 − 100 + 20 + 100           = 1020
    // P2: 1020 − 102 + 20.4 + 100         = 1038.4
    // P3: 1038.4 − 103.84 + 20.768 + 100  = 1055.328
    let w = &c.without_support;
    assert_ends(w, &[1020.0, 1038.4, 1055.328]);
    assert_eq!(
        w.periods.iter().map(|r| r.period).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert_close(w.periods[1].customers_start, 1020.0);
    assert_close(w.periods[1].lost_to_churn, 102.0);
    assert_close(w.periods[1].new_from_referrals, 20.4);
    assert_close(w.periods[1].new_from_spend, 100.0);
    assert_close(w.new_from_spend, 300.0);
    assert_close(w.new_from_referrals, 61.168); // 20 + 20.4 + 20.768
    assert_close(w.lost_to_churn, 305.84); // 100 + 102 + 103.84
    assert_close(w.customers_end, 1055.328);
    assert_close(w.total_acquisition_spend, 30_000.0);
    assert_close(w.total_support_spend, 0.0);
    // Churn consumes 305.84 × 100 = 30 584 of acquisition budget.
    assert_close(w.churn_replacement_cost, 30_584.0);
    // Cost per new customer = 30 000 / (300 + 61.168) = 83.0638…
    assert_some_close(w.cost_per_new_customer, 30_000.0 / 361.168);

    // With support: (10 000 − 2 000) / 100 = 80 bought per period, churn 5 %.
    // P1: 1000 − 50 + 20 + 80             = 1050
    // P2: 1050 − 52.5 + 21 + 80           = 1098.5
    // P3: 1098.5 − 54.925 + 21.97 + 80    = 1145.545
    let s = &c.with_support;
    assert_ends(s, &[1050.0, 1098.5, 1145.545]);
    assert_close(s.acquisition_spend_per_period, 8_000.0);
    assert_close(s.support_spend_per_period, 2_000.0);
    assert_close(s.total_support_spend, 6_000.0);
    assert_close(s.new_from_spend, 240.0);
    assert_close(s.new_from_referrals, 62.97); // 20 + 21 + 21.97
    assert_close(s.lost_to_churn, 157.425); // 50 + 52.5 + 54.925
                                            // All spend, support included: 30 000 / (240 + 62.97) = 99.0197…
    assert_some_close(s.cost_per_new_customer, 30_000.0 / 302.97);

    // 1145.545 − 1055.328 = 90.217 more customers with support.
    assert_close(c.customers_end_difference, 90.217);
    // Kept = (0.10 − 0.05) × (1000 + 1050 + 1098.5) = 0.05 × 3148.5 = 157.425.
    assert_close(c.customers_kept_by_support, 157.425);
    // 6 000 / 157.425 = 38.113… per customer kept; 100 / 38.113… = 2.62375×.
    assert_some_close(c.support_cost_per_customer_kept, 6_000.0 / 157.425);
    assert_some_close(c.acquire_to_keep_ratio, 2.62375);
}

/// The service-led growth material's example: budget 100, CAC 10, 10
/// customers. One company puts it all on acquisition and churns 30 %; the
/// other spends 10 on support, churns 10 %, replaces 1 and buys 8, and good
/// service brings 5 referrals.
#[test]
fn the_service_led_growth_example() {
    let inputs = GrowthInputs {
        budget_per_period: 100.0,
        cac: 10.0,
        churn_rate: 0.3,
        churn_rate_with_support: 0.1,
        support_cost_per_period: 10.0,
        referral_rate: 0.0,
        referral_rate_with_support: 0.5,
        periods: 1,
        starting_customers: 10.0,
    };
    let c = compare(&inputs).unwrap();
    // 10 − 3 + 10 bought = 17: poor service brings no referrals.
    assert_ends(&c.without_support, &[17.0]);
    assert_some_close(c.without_support.cost_per_new_customer, 10.0);
    // 10 − 1 + 9 bought + 5 referred = 23.
    assert_ends(&c.with_support, &[23.0]);
    // 100 spent in all for 14 new customers: 7.14 each, not 90 ÷ 14.
    assert_some_close(c.with_support.cost_per_new_customer, 100.0 / 14.0);
}

#[test]
fn zero_churn_only_grows() {
    let inputs = GrowthInputs {
        budget_per_period: 500.0,
        cac: 50.0,
        churn_rate: 0.0,
        churn_rate_with_support: 0.0,
        support_cost_per_period: 0.0,
        referral_rate: 0.1,
        referral_rate_with_support: 0.1,
        periods: 2,
        starting_customers: 100.0,
    };
    let c = compare(&inputs).unwrap();
    // 500 / 50 = 10 bought per period, 10 % referrals, nobody leaves.
    // P1: 100 + 10 + 10 = 120;  P2: 120 + 12 + 10 = 142.
    assert_ends(&c.without_support, &[120.0, 142.0]);
    assert_close(c.without_support.lost_to_churn, 0.0);
    assert_close(c.without_support.churn_replacement_cost, 0.0);
    // Effective CAC = 1 000 / (20 + 22) = 23.8095…
    assert_some_close(c.without_support.cost_per_new_customer, 1_000.0 / 42.0);
    // Support costs nothing and changes nothing: identical scenarios.
    assert_eq!(c.without_support.periods, c.with_support.periods);
    assert_close(c.customers_end_difference, 0.0);
    assert_close(c.customers_kept_by_support, 0.0);
    assert_eq!(c.support_cost_per_customer_kept, None);
    assert_eq!(c.acquire_to_keep_ratio, None);
}

#[test]
fn without_support_or_referrals_a_new_customer_costs_the_cac() {
    let inputs = GrowthInputs {
        budget_per_period: 1_000.0,
        cac: 200.0,
        churn_rate: 0.2,
        churn_rate_with_support: 0.1,
        support_cost_per_period: 400.0,
        referral_rate: 0.0,
        referral_rate_with_support: 0.0,
        periods: 2,
        starting_customers: 50.0,
    };
    let c = compare(&inputs).unwrap();
    // Without: 1 000 / 200 = 5 per period. P1: 50 − 10 + 5 = 45; P2: 45 − 9 + 5 = 41.
    assert_ends(&c.without_support, &[45.0, 41.0]);
    assert_some_close(c.without_support.cost_per_new_customer, 200.0); // 2 000 / 10
                                                                       // With: 600 / 200 = 3 per period. P1: 50 − 5 + 3 = 48; P2: 48 − 4.8 + 3 = 46.2.
    assert_ends(&c.with_support, &[48.0, 46.2]);
    // The support spend counts too: 2 000 / 6.
    assert_some_close(c.with_support.cost_per_new_customer, 2_000.0 / 6.0);
    assert_close(c.with_support.new_from_referrals, 0.0);
    // 46.2 − 41 = 5.2; kept = 0.1 × (50 + 48) = 9.8; 800 / 9.8 = 81.63 per kept;
    // 200 / 81.63 = 2.45×.
    assert_close(c.customers_end_difference, 5.2);
    assert_close(c.customers_kept_by_support, 9.8);
    assert_some_close(c.support_cost_per_customer_kept, 800.0 / 9.8);
    assert_some_close(c.acquire_to_keep_ratio, 2.45);
}

#[test]
fn zero_budget_only_churns_or_grows_by_referral() {
    let inputs = GrowthInputs {
        budget_per_period: 0.0,
        cac: 100.0,
        churn_rate: 0.5,
        churn_rate_with_support: 0.5,
        support_cost_per_period: 0.0,
        referral_rate: 0.0,
        referral_rate_with_support: 0.0,
        periods: 3,
        starting_customers: 80.0,
    };
    let c = compare(&inputs).unwrap();
    // Halves each period: 80 → 40 → 20 → 10; lost 40 + 20 + 10 = 70.
    assert_ends(&c.without_support, &[40.0, 20.0, 10.0]);
    assert_close(c.without_support.lost_to_churn, 70.0);
    // Buying them back would cost 70 × 100 = 7 000.
    assert_close(c.without_support.churn_replacement_cost, 7_000.0);
    // No new customers at all: no effective CAC.
    assert_eq!(c.without_support.cost_per_new_customer, None);

    // No budget but 25 % referrals and no churn: 100 → 125 → 156.25, all free.
    let referrals_only = GrowthInputs {
        churn_rate: 0.0,
        churn_rate_with_support: 0.0,
        referral_rate: 0.25,
        referral_rate_with_support: 0.25,
        periods: 2,
        starting_customers: 100.0,
        ..inputs
    };
    let c = compare(&referrals_only).unwrap();
    assert_ends(&c.without_support, &[125.0, 156.25]);
    assert_some_close(c.without_support.cost_per_new_customer, 0.0);
}

#[test]
fn steady_state_when_acquisition_and_referrals_replace_churn() {
    // 1 000 / 100 = 10 bought; churn 10 %, referral 5 %: at 200 customers
    // 20 leave, 10 are referred, 10 are bought → stays 200 for all 120 periods.
    let inputs = GrowthInputs {
        budget_per_period: 1_000.0,
        cac: 100.0,
        churn_rate: 0.10,
        churn_rate_with_support: 0.10,
        support_cost_per_period: 0.0,
        referral_rate: 0.05,
        referral_rate_with_support: 0.05,
        periods: MAX_PERIODS,
        starting_customers: 200.0,
    };
    let c = compare(&inputs).unwrap();
    assert_eq!(c.without_support.periods.len(), 120);
    for row in &c.without_support.periods {
        assert_close(row.customers_end, 200.0);
    }
    // Effective CAC = 120 000 / (1 200 bought + 1 200 referred) = 50: referrals
    // halve it.
    assert_some_close(c.without_support.cost_per_new_customer, 50.0);
}

#[test]
fn support_that_costs_more_than_it_keeps_shows_a_loss() {
    // Support eats the whole budget and only lowers churn from 10 % to 9 %.
    let inputs = GrowthInputs {
        budget_per_period: 1_000.0,
        cac: 100.0,
        churn_rate: 0.10,
        churn_rate_with_support: 0.09,
        support_cost_per_period: 1_000.0,
        referral_rate: 0.0,
        referral_rate_with_support: 0.0,
        periods: 1,
        starting_customers: 100.0,
    };
    let c = compare(&inputs).unwrap();
    // Without: 100 − 10 + 10 = 100. With: 100 − 9 + 0 = 91. Difference −9.
    assert_ends(&c.without_support, &[100.0]);
    assert_ends(&c.with_support, &[91.0]);
    assert_close(c.customers_end_difference, -9.0);
    assert_eq!(c.with_support.cost_per_new_customer, None);
    // Kept 0.01 × 100 = 1 customer for 1 000: keeping cost 10× acquiring (0.1).
    assert_some_close(c.support_cost_per_customer_kept, 1_000.0);
    assert_some_close(c.acquire_to_keep_ratio, 0.1);
}

#[test]
fn fractions_stay_unrounded_and_round_for_display() {
    // 3 customers, churn 30 %, half a customer bought: expected values stay exact.
    let inputs = GrowthInputs {
        budget_per_period: 50.0,
        cac: 100.0,
        churn_rate: 0.3,
        churn_rate_with_support: 0.3,
        support_cost_per_period: 0.0,
        referral_rate: 0.0,
        referral_rate_with_support: 0.0,
        periods: 1,
        starting_customers: 3.0,
    };
    let c = compare(&inputs).unwrap();
    // 3 − 0.9 + 0.5 = 2.6 → shown as 3.
    assert_close(c.without_support.customers_end, 2.6);
    assert_eq!(display_count(c.without_support.customers_end), 3);
    assert_eq!(display_count(2.5), 3);
    assert_eq!(display_count(2.49), 2);
    assert_eq!(display_count(0.0), 0);
}

#[test]
fn invalid_inputs_are_rejected() {
    let ok = base();
    assert_eq!(ok.validate(), Ok(()));
    let cases: Vec<(GrowthInputs, GrowthError)> = vec![
        (
            GrowthInputs {
                churn_rate: 1.2,
                ..ok
            },
            GrowthError::RateOutOfRange(RateField::Churn, 1.2),
        ),
        (
            GrowthInputs {
                churn_rate_with_support: -0.1,
                ..ok
            },
            GrowthError::RateOutOfRange(RateField::ChurnWithSupport, -0.1),
        ),
        (
            GrowthInputs {
                referral_rate: 2.0,
                referral_rate_with_support: 2.0,
                ..ok
            },
            GrowthError::RateOutOfRange(RateField::Referral, 2.0),
        ),
        (
            GrowthInputs { cac: 0.0, ..ok },
            GrowthError::CacNotPositive(0.0),
        ),
        (
            GrowthInputs { cac: -5.0, ..ok },
            GrowthError::CacNotPositive(-5.0),
        ),
        (
            GrowthInputs {
                cac: f64::INFINITY,
                ..ok
            },
            GrowthError::CacNotPositive(f64::INFINITY),
        ),
        (
            GrowthInputs { periods: 0, ..ok },
            GrowthError::PeriodsOutOfRange(0),
        ),
        (
            GrowthInputs { periods: 121, ..ok },
            GrowthError::PeriodsOutOfRange(121),
        ),
        (
            GrowthInputs {
                budget_per_period: -1.0,
                ..ok
            },
            GrowthError::NegativeAmount(AmountField::Budget, -1.0),
        ),
        (
            GrowthInputs {
                support_cost_per_period: -1.0,
                ..ok
            },
            GrowthError::NegativeAmount(AmountField::SupportCost, -1.0),
        ),
        (
            GrowthInputs {
                starting_customers: -3.0,
                ..ok
            },
            GrowthError::NegativeAmount(AmountField::StartingCustomers, -3.0),
        ),
        (
            GrowthInputs {
                support_cost_per_period: 10_001.0,
                ..ok
            },
            GrowthError::SupportOverBudget {
                support: 10_001.0,
                budget: 10_000.0,
            },
        ),
    ];
    for (inputs, err) in cases {
        assert_eq!(inputs.validate(), Err(err));
        assert_eq!(compare(&inputs), Err(err));
    }
    // NaN never passes (compared by pattern: NaN != NaN).
    let nan = GrowthInputs {
        churn_rate: f64::NAN,
        ..ok
    };
    assert!(matches!(
        nan.validate(),
        Err(GrowthError::RateOutOfRange(RateField::Churn, v)) if v.is_nan()
    ));
    let nan = GrowthInputs {
        budget_per_period: f64::NAN,
        ..ok
    };
    assert!(matches!(
        nan.validate(),
        Err(GrowthError::NegativeAmount(AmountField::Budget, v)) if v.is_nan()
    ));
    // Edges are valid: rates 0 and 1, one period, 120 periods, support = budget.
    let edges = GrowthInputs {
        churn_rate: 1.0,
        churn_rate_with_support: 0.0,
        referral_rate: 1.0,
        referral_rate_with_support: 1.0,
        support_cost_per_period: 10_000.0,
        periods: 1,
        ..ok
    };
    assert_eq!(edges.validate(), Ok(()));
    assert_eq!(GrowthInputs { periods: 120, ..ok }.validate(), Ok(()));
    // English messages.
    assert_eq!(
        GrowthError::RateOutOfRange(RateField::ChurnWithSupport, 1.5).to_string(),
        "churn rate with support must be between 0 and 1, got 1.5"
    );
    assert_eq!(
        GrowthError::PeriodsOutOfRange(0).to_string(),
        "number of periods must be between 1 and 120, got 0"
    );
    assert_eq!(
        GrowthError::NegativeAmount(AmountField::Budget, -1.0).to_string(),
        "budget per period must be 0 or more, got -1"
    );
}

#[test]
fn each_plans_referral_rate_is_checked() {
    let only_with = GrowthInputs {
        referral_rate_with_support: 1.5,
        ..base()
    };
    assert_eq!(
        compare(&only_with),
        Err(GrowthError::RateOutOfRange(
            RateField::ReferralWithSupport,
            1.5
        ))
    );
}
