use super::*;

/// Customers: c1 (at account s, SMB) buys Jan 5, c2 Jan 20, c3 Feb 3, c4
/// bought 2025-12-10 and churns Feb 14, c5 buys Mar 8 (c2..c5 have no account).
///
/// Periods: Jan spend 3,000,000 ₫, revenue 10,000,000 ₫; Feb spend
/// 1,000,000 ₫, revenue 12,000,000 ₫; Mar nothing entered.
fn economy() -> Ws {
    let mut w = Ws::default();
    w.account("s", "SMB").contact("c1", Some("s"));
    for c in ["c2", "c3", "c4", "c5"] {
        w.contact(c, None);
    }
    w.purchase("c1", at(2026, 1, 5))
        .purchase("c2", at(2026, 1, 20))
        .purchase("c3", at(2026, 2, 3))
        .purchase("c4", at(2025, 12, 10))
        .log(churn("c4", "Price").on(at(2026, 2, 14)))
        .purchase("c5", at(2026, 3, 8))
        .period(
            month("2026-01")
                .spend(vnd(3_000_000))
                .revenue(vnd(10_000_000)),
        )
        .period(
            month("2026-02")
                .spend(vnd(1_000_000))
                .revenue(vnd(12_000_000)),
        );
    w
}

fn q1() -> DashboardFilter {
    now(at(2026, 4, 1)).from(at(2026, 1, 1)).to(at(2026, 4, 1))
}

#[test]
fn new_customers_and_cac_per_month() {
    let w = economy();
    let ix = w.index();
    let f = compute(&ix, &q1()).acquisition;
    let new: Vec<Option<f64>> = f.by_month.iter().map(|m| m.new_customers.value).collect();
    // Jan c1, c2; Feb c3; Mar c5.
    assert_eq!(new, [Some(2.0), Some(1.0), Some(1.0)]);
    assert_eq!(
        ids(&ix, &f.by_month[0].new_customers.records),
        ["contact:c2", "account:s"]
    );
    // Jan 3,000,000 ÷ 2; Feb 1,000,000 ÷ 1; Mar has no spend: nothing.
    assert_eq!(f.by_month[0].cac.amounts, [vnd(1_500_000)]);
    assert_eq!(f.by_month[1].cac.amounts, [vnd(1_000_000)]);
    assert!(f.by_month[2].cac.amounts.is_empty());
    assert_eq!(f.by_month[2].period, None);
    assert_eq!(ix.doc_id(f.by_month[0].period.unwrap()), "period:2026-01");
    // Over the months with spend: 4,000,000 ÷ 3 = 1,333,333.33 → 1,333,333.
    assert_eq!(f.cac.amounts, [vnd(1_333_333)]);
    assert_eq!(f.cac.based_on, 3);
}

#[test]
fn ltv_from_revenue_per_customer_and_monthly_churn() {
    let f = economy().figures(&q1()).acquisition;
    // Served: Jan c4 (active), c1, c2 (bought) = 3; Feb c1, c2, c4 (active),
    // c3 (bought) = 4 → 7 customer-months. Revenue 22,000,000 ÷ 7 =
    // 3,142,857.14 → 3,142,857 per customer per month.
    assert_eq!(f.arpc.amounts, [vnd(3_142_857)]);
    assert_eq!(f.arpc.based_on, 7);
    // Churn: Jan 0 of 1 active at start, Feb 1 (c4) of 3 → 1 ÷ 4 = 0.25.
    approx(f.monthly_churn.value, 0.25);
    // LTV = 22,000,000 ÷ (7 × 0.25) = 12,571,428.57 → 12,571,429.
    assert_eq!(f.ltv.amounts, [vnd(12_571_429)]);
}

#[test]
fn acquisition_ignores_segment_and_persona() {
    let mut filter = q1();
    filter.segment = Some("SMB".into());
    let f = economy().figures(&filter).acquisition;
    assert_eq!(f.cac.amounts, [vnd(1_333_333)]);
    assert_eq!(f.ltv.amounts, [vnd(12_571_429)]);
}

#[test]
fn no_entered_figures_or_no_churn_means_no_cac_or_ltv() {
    let mut w = Ws::default();
    w.contact("c1", None).purchase("c1", at(2026, 1, 5));
    let f = w.figures(&q1()).acquisition;
    approx(f.by_month[0].new_customers.value, 1.0);
    assert!(f.cac.amounts.is_empty() && f.arpc.amounts.is_empty() && f.ltv.amounts.is_empty());
    assert_eq!(f.cac.based_on, 0);
    // Revenue but nobody ever churned: the lifetime is unbounded, so no LTV.
    w.period(month("2026-02").revenue(vnd(5_000_000)));
    let f = w.figures(&q1()).acquisition;
    // Feb: c1 active at its start, 5,000,000 ÷ 1 served.
    assert_eq!(f.arpc.amounts, [vnd(5_000_000)]);
    approx(f.monthly_churn.value, 0.0);
    assert!(f.ltv.amounts.is_empty());
}

#[test]
fn spend_in_several_currencies_stays_apart() {
    let mut w = economy();
    w.docs.retain(|d| d.id != "period:2026-02");
    w.period(month("2026-02").spend(usd(50_000)));
    let f = w.figures(&q1()).acquisition;
    // New customers over the months with spend (Jan 2 + Feb 1 = 3):
    // 3,000,000 ₫ ÷ 3 and $500.00 ÷ 3 = $166.67.
    assert_eq!(f.cac.amounts, [vnd(1_000_000), usd(16_667)]);
    assert_eq!(f.by_month[1].cac.amounts, [usd(50_000)]);
}

#[test]
fn an_account_purchase_makes_the_account_a_customer() {
    let mut w = Ws::default();
    w.account("a", "SMB")
        .contact("c", Some("a"))
        .log(
            activity(ActivityKind::Purchase)
                .account("a")
                .via(Channel::Store)
                .on(at(2026, 2, 3)),
        )
        .purchase("c", at(2026, 3, 1));
    let ix = w.index();
    let f = compute(&ix, &q1()).acquisition;
    // The account bought in February (its contact's March purchase is not a new customer).
    let new: Vec<Option<f64>> = f.by_month.iter().map(|m| m.new_customers.value).collect();
    assert_eq!(new, [None, Some(1.0), None]);
    assert_eq!(
        ids(&ix, &f.by_month[1].new_customers.records),
        ["account:a"]
    );
}
